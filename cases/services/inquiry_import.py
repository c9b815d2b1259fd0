"""Inquiry results that do not come through the gateway: a result file (CSV or Excel, as courts receive them from
banks and registries) and offline field investigations. Both create assets by the one path of the online inquiry
(cases.services.case_work.case_request_inquiry / record_found_assets).

The file is taken whole or not at all: every row is checked first; any bad row → nothing is written, and the
answer lists each bad row with its errors.
"""
import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wanian_exec.errors import RuleViolation
from wanian_exec.tabular import MiB, Limits, TableRejected, open_table

from ..choices import EventKind, InquiryChannel, InquiryScope, InquiryStatus
from ..inquiry_providers import FoundAsset, InquiryProvider
from ..models import AssetInquiry, EnforcementCase
from .case_work import _check_case_date, _start_work, case_request_inquiry, record_found_assets
from .common import raise_if
from .enforcement import lock_case
from .timeline import record_event

# A result file answers one case's inquiry: small. Read by the one bounded reader (wanian_exec.tabular).
LIMITS = Limits(max_bytes=5 * MiB, max_decompressed_bytes=50 * MiB, max_loaded_part_bytes=16 * MiB, max_rows=5000,
                max_columns=50)
# Column headings accepted, Chinese as the banks write them or the English codes of the API.
COLUMNS = {
    "identity": ("证件号码", "身份证号码", "统一社会信用代码", "证件号", "id_number"),
    "name": ("姓名", "名称", "被查询人", "姓名/名称", "name"),
    "kind": ("财产类型", "类型", "kind"),
    "institution": ("协助机构", "开户行", "登记机关", "institution"),
    "description": ("财产描述", "描述", "账号/财产", "description"),
    "value": ("价值", "余额", "金额", "价值/余额", "value"),
}
KIND_LABELS = {str(label): value for value, label in InquiryScope.choices}


class FileResultProvider(InquiryProvider):
    """Answers the inquiry from the rows of an imported file, already checked."""

    def __init__(self, name: str, rows_by_party: dict[int, list[FoundAsset]]):
        self.name = name
        self.rows_by_party = rows_by_party

    def query(self, *, party, scopes):
        return [item for item in self.rows_by_party.get(party.pk, []) if item.kind in scopes]


def _header_map(heading: list[str]) -> dict[str, int]:
    index = {}
    for position, title in enumerate(heading):
        title = (title or "").strip()
        for key, names in COLUMNS.items():
            if title in names and key not in index:
                index[key] = position
    missing = [COLUMNS[key][0] for key in ("kind", "description") if key not in index]
    if "identity" not in index and "name" not in index:
        missing.insert(0, _("证件号码或姓名"))
    if missing:
        raise ValidationError({"file": [_("缺少必需的列：%(cols)s") % {"cols": "、".join(str(m) for m in missing)}]})
    return index


def parse_result_rows(upload, *, parties: list, scopes: list[str]) -> dict[int, list[FoundAsset]]:
    """Check every row of the file; all good → {party id: [found asset]}; any bad → RuleViolation listing them all."""
    try:
        with open_table(upload, limits=LIMITS) as table:
            index = _header_map(table.headers)
            body = list(table.rows())
    except TableRejected as exc:
        raise ValidationError({"file": [exc.message]}) from exc
    if not body:
        raise ValidationError({"file": [_("文件中没有财产记录。")]})
    by_identity = {p.identity_number.upper(): p for p in parties if p.identity_number}
    by_name = {}
    for party in parties:
        by_name.setdefault(party.name, []).append(party)

    def cell(row, key):
        position = index.get(key)
        return (row[position] if position is not None and position < len(row) else "").strip()

    found: dict[int, list[FoundAsset]] = {}
    rejected = []
    for number, row in body:
        errors = []
        identity, name = cell(row, "identity").upper(), cell(row, "name")
        party = by_identity.get(identity) if identity else None
        if party is None and not identity and len(by_name.get(name, [])) == 1:
            party = by_name[name][0]
        if party is None:
            errors.append(_("被查询人“%(who)s”不是本次查询的被执行人。") % {"who": identity or name or "—"})
        raw_kind = cell(row, "kind")
        kind = raw_kind if raw_kind in InquiryScope.values else KIND_LABELS.get(raw_kind)
        if kind is None:
            errors.append(_("未知的财产类型“%(k)s”。") % {"k": raw_kind or "—"})
        elif kind not in scopes:
            errors.append(_("财产类型“%(k)s”不在本次查询范围内。") % {"k": InquiryScope(kind).label})
        description = cell(row, "description")
        if not description:
            errors.append(_("缺少财产描述。"))
        value = None
        raw_value = cell(row, "value").replace(",", "").replace("，", "")
        if raw_value:
            try:
                value = Decimal(raw_value).quantize(Decimal("0.01"))
                if value < 0:
                    raise InvalidOperation
            except (InvalidOperation, ValueError):
                errors.append(_("价值“%(v)s”不是有效金额。") % {"v": cell(row, "value")})
        if errors:
            rejected.append({"row": number, "errors": [str(e) for e in errors]})
        else:
            found.setdefault(party.pk, []).append(FoundAsset(kind=kind, description=description[:255],
                                                             institution=cell(row, "institution")[:128],
                                                             value=value))
    if rejected:
        raise RuleViolation(_("查控结果文件有%(n)d行不符合要求，未导入任何记录。") % {"n": len(rejected)},
                            code="import_rejected", rows=rejected)
    return found


@transaction.atomic
def inquiry_import(*, case: EnforcementCase, actor, file, scopes: list[str], requested_on: dt.date,
                   parties: list | None = None) -> list[AssetInquiry]:
    """Import a result file for an online inquiry of `scopes`; one inquiry per respondent, found assets as rows."""
    case = lock_case(case)
    errors: dict = {}
    bad = [s for s in scopes if s not in InquiryScope.values]
    if not scopes or bad:
        errors.setdefault("scopes", []).append(_("请选择有效的查询范围。"))
    if file is None:
        errors.setdefault("file", []).append(_("请选择查控结果文件。"))
    raise_if(errors)
    parties = parties or list(case.respondents.all())
    found = parse_result_rows(file, parties=parties, scopes=scopes)
    provider = FileResultProvider(_("文件导入：%(f)s") % {"f": getattr(file, "name", "")}, found)
    return case_request_inquiry(case=case, actor=actor, channel=InquiryChannel.ONLINE, scopes=scopes,
                                requested_on=requested_on, parties=parties, provider=provider)


@transaction.atomic
def field_investigation_record(*, case: EnforcementCase, actor, party, investigated_on: dt.date, location: str,
                               findings: str, assets: list[dict] | None = None) -> AssetInquiry:
    """线下调查: a field visit (where online inquiry could not reach), what was seen, and the assets found."""
    case = lock_case(case)
    errors: dict = {}
    _check_case_date(case, investigated_on, "investigated_on", errors)
    if not (location or "").strip():
        errors.setdefault("location", []).append(_("请填写调查地点。"))
    if not (findings or "").strip():
        errors.setdefault("findings", []).append(_("请填写调查情况。"))
    items = []
    for number, item in enumerate(assets or [], start=1):
        if item.get("kind") not in InquiryScope.values or not (item.get("description") or "").strip():
            errors.setdefault("assets", []).append(_("第%(n)d项财产须填写类型和描述。") % {"n": number})
            continue
        items.append(FoundAsset(kind=item["kind"], description=item["description"].strip()[:255],
                                institution=(item.get("institution") or "")[:128], value=item.get("value")))
    raise_if(errors)
    if party is None or not case.respondents.filter(pk=party.pk).exists():
        raise ValidationError({"party": [_("被调查人应为本案被执行人。")]})
    _start_work(case, allow_after_termination=True)
    inquiry = AssetInquiry.objects.create(
        case=case, party=party, channel=InquiryChannel.OFFLINE, scopes=sorted({i.kind for i in items}),
        requested_on=investigated_on, status=InquiryStatus.COMPLETED, completed_on=investigated_on,
        requested_by=actor, provider=location.strip()[:64])
    record_event(case=case, kind=EventKind.FIELD_INVESTIGATION, occurred_on=investigated_on, actor=actor, party=party,
                 note=_("%(where)s：%(what)s（发现财产%(n)d项）")
                 % {"where": location.strip(), "what": findings.strip(), "n": len(items)})
    record_found_assets(case=case, inquiry=inquiry, party=party, found=items, found_on=investigated_on, actor=actor)
    return inquiry
