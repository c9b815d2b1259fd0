"""Parties: create and update, with identity numbers checked by their standards."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..choices import PartyKind
from ..identity import credit_code_fails_only_check, credit_code_override_errors, resident_id_errors
from ..models import TAG_FIELDS, EnforcementCase, Party
from .common import check_same_court, raise_if
from .enforcement import _party_names

PARTY_FIELDS = ("kind", "name", "id_number", "credit_code", "phone", "address", "township", "grid", "employer",
                "legal_representative", "ethnicity", "credit_code_override_reason")


def _apply(party: Party, *, tags: list[str] | None, **fields) -> None:
    for name, value in fields.items():
        if name not in PARTY_FIELDS:
            raise TypeError(f"unknown party field {name}")
        setattr(party, name, value)
    if tags is not None:
        unknown = set(tags) - {t.value for t in TAG_FIELDS}
        if unknown:
            raise ValidationError({"tags": [_("未知标签：%(tags)s") % {"tags": "、".join(sorted(unknown))}]})
        for tag, field in TAG_FIELDS.items():
            setattr(party, field, tag.value in tags)
    party.id_number = (party.id_number or "").strip().upper()
    party.credit_code = (party.credit_code or "").strip().upper()
    party.name = (party.name or "").strip()
    party.ethnicity = (party.ethnicity or "").strip()
    party.credit_code_override_reason = (party.credit_code_override_reason or "").strip()


def _validate(party: Party) -> None:
    errors: dict = {}
    if not party.name:
        errors.setdefault("name", []).append(_("请填写姓名或名称。"))
    if party.kind == PartyKind.PERSON:
        if party.id_number:
            errors.setdefault("id_number", []).extend(resident_id_errors(party.id_number))
        if party.credit_code:
            errors.setdefault("credit_code", []).append(_("自然人不填写统一社会信用代码。"))
    else:
        if party.credit_code:
            errors.setdefault("credit_code", []).extend(
                credit_code_override_errors(party.credit_code, party.credit_code_override_reason))
        if party.id_number:
            errors.setdefault("id_number", []).append(_("组织不填写身份证号码，请填写统一社会信用代码。"))
        if party.ethnicity:
            errors.setdefault("ethnicity", []).append(_("组织不填写民族。"))
    if not credit_code_fails_only_check(party.credit_code) or party.kind == PartyKind.PERSON:
        party.credit_code_override_reason = ""  # a reason is kept only beside the code it excuses
    errors = {k: v for k, v in errors.items() if v}
    # the unique constraints would report these without a field; say which number is taken
    same_court = Party.objects.filter(court=party.court).exclude(pk=party.pk)
    if party.id_number and "id_number" not in errors and same_court.filter(id_number=party.id_number).exists():
        errors["id_number"] = [_("本院已有相同身份证号码的当事人。")]
    if party.credit_code and "credit_code" not in errors and same_court.filter(credit_code=party.credit_code).exists():
        errors["credit_code"] = [_("本院已有相同统一社会信用代码的当事人。")]
    check_same_court(party.court, [party.township], "township", errors)
    check_same_court(party.court, [party.employer], "employer", errors)
    if party.grid_id:
        if party.grid.township.court_id != party.court_id:
            errors.setdefault("grid", []).append(_("网格不属于本院辖区。"))
        elif party.township_id and party.grid.township_id != party.township_id:
            errors.setdefault("grid", []).append(_("网格不属于所选乡镇。"))
    if party.employer_id and party.employer.kind != PartyKind.ORGANIZATION:
        errors.setdefault("employer", []).append(_("工作单位应为组织。"))
    raise_if(errors)
    if party.grid_id and not party.township_id:
        party.township = party.grid.township
    party.full_clean()


@transaction.atomic
def party_create(*, court, actor=None, tags: list[str] | None = None, **fields) -> Party:
    party = Party(court=court)
    _apply(party, tags=tags or [], **fields)
    _validate(party)
    party.save()
    return party


@transaction.atomic
def party_update(*, party: Party, actor=None, tags: list[str] | None = None, **fields) -> Party:
    party = Party.objects.select_for_update().get(pk=party.pk)
    old_name = party.name
    _apply(party, tags=tags, **fields)
    _validate(party)
    party.save()
    if party.name != old_name:
        _refresh_case_party_names(party)
    return party


def _refresh_case_party_names(party: Party) -> None:
    """Cases keep their parties' names for search (EnforcementCase.party_names); a rename must reach them."""
    case_ids = {*party.enforcement_as_applicant.values_list("pk", flat=True),
                *party.enforcement_as_respondent.values_list("pk", flat=True)}
    cases = list(EnforcementCase.objects.filter(pk__in=case_ids).prefetch_related("applicants", "respondents"))
    for case in cases:
        case.party_names = _party_names(case.applicants.all(), case.respondents.all())
    EnforcementCase.objects.bulk_update(cases, ["party_names"])
