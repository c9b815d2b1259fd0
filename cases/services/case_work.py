"""The work done in an enforcement case: events, asset inquiries, fund ledger, urgings."""
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from wanian_exec.errors import RuleViolation

from .. import rules
from ..choices import (RECORDABLE_EVENT_KINDS, AssetStatus, CaseStatus, ClosureMethod, ContactChannel,
                       ContactDirection, EventKind, FundDirection, InquiryChannel, InquiryScope, InquiryStatus,
                       UrgingChannel)
from ..inquiry_providers import InquiryProvider, get_provider
from ..models import Asset, AssetInquiry, Contact, EnforcementCase, FundEntry, LitigationCase, Urging
from .common import check_not_before, check_not_future, raise_if
from .enforcement import ensure_in_progress, ensure_open, lock_case
from .timeline import record_event

# Events that may still be recorded after a 终本 closure: the case is "terminated for now", leads keep coming.
CENT = Decimal("0.01")

AFTER_TERMINATION_KINDS = {EventKind.LEAD_RECEIVED, EventKind.LEAD_CHECKED, EventKind.NOTE, EventKind.CONTACT,
                           EventKind.FIELD_INVESTIGATION}


def _check_case_date(case, day, field, errors):
    check_not_future(day, field, errors)
    check_not_before(day, case.filed_on, field, errors, _("日期不能早于立案日期。"))


def _start_work(case: EnforcementCase, *, allow_after_termination: bool = False) -> None:
    """Open cases move from filed to in progress; closed ones refuse, except 终本 follow-up where allowed."""
    if case.status == CaseStatus.CLOSED:
        if allow_after_termination and case.closure_method == ClosureMethod.TERMINATED_CURRENT:
            return
        ensure_open(case)
    changed = ensure_in_progress(case)
    if changed:
        case.version += 1
        case.save(update_fields=[*changed, "version", "updated_at"])


def _check_party_in_case(case: EnforcementCase, party, field: str, *, respondents_only: bool = False) -> None:
    if party is None:
        return
    members = case.respondents if respondents_only else None
    ok = (members.filter(pk=party.pk).exists() if members is not None else
          case.respondents.filter(pk=party.pk).exists() or case.applicants.filter(pk=party.pk).exists())
    if not ok:
        raise ValidationError({field: [_("该当事人不是本案当事人。")]})


@transaction.atomic
def case_record_event(*, case: EnforcementCase, actor, kind: str, occurred_on: dt.date, note: str = "",
                      party=None, urgent: bool = False):
    """Record a node of the case. `urgent` marks a property lead to be checked at once (the same day) instead of
    within 5 days (rules.lead_check_due_on)."""
    case = lock_case(case)
    if kind not in RECORDABLE_EVENT_KINDS:
        raise ValidationError({"kind": [_("此类事项由系统自动记录，不能手工登记。")]})
    errors: dict = {}
    _check_case_date(case, occurred_on, "occurred_on", errors)
    if urgent and kind != EventKind.LEAD_RECEIVED:
        errors.setdefault("urgent", []).append(_("只有财产线索可以标记为紧急。"))
    raise_if(errors)
    _check_party_in_case(case, party, "party")
    _start_work(case, allow_after_termination=kind in AFTER_TERMINATION_KINDS)
    event = record_event(case=case, kind=kind, occurred_on=occurred_on, actor=actor, party=party, note=note)
    if urgent:
        event.urgent = True
        event.save(update_fields=["urgent"])
    return event


@transaction.atomic
def case_request_inquiry(*, case: EnforcementCase, actor, channel: str, scopes: list[str],
                         requested_on: dt.date, parties: list | None = None,
                         provider: InquiryProvider | None = None) -> list[AssetInquiry]:
    """Query the respondents' property through the provider; what it finds becomes the case's assets.

    `provider` defaults to the court's gateway (settings.INQUIRY_PROVIDER); an imported result file passes its
    own (cases.services.inquiry_import.FileResultProvider), so both create assets by the same path. Offline (field)
    investigations are recorded the same way, their findings entered by cases.services.inquiry_import.
    """
    case = lock_case(case)
    errors: dict = {}
    if channel not in InquiryChannel.values:
        errors.setdefault("channel", []).append(_("未知的查询方式。"))
    bad = [s for s in scopes if s not in InquiryScope.values]
    if not scopes or bad:
        errors.setdefault("scopes", []).append(_("请选择有效的查询范围。"))
    _check_case_date(case, requested_on, "requested_on", errors)
    raise_if(errors)
    parties = parties or list(case.respondents.all())
    for party in parties:
        _check_party_in_case(case, party, "parties", respondents_only=True)
    _start_work(case, allow_after_termination=True)
    provider = provider or get_provider()
    inquiries = []
    online = channel == InquiryChannel.ONLINE
    scopes = sorted(set(scopes))
    for party in parties:
        found = provider.query(party=party, scopes=scopes) if online else []
        # an online query answers at once: its row is written completed (an offline one waits for its findings)
        answered = {"status": InquiryStatus.COMPLETED, "completed_on": requested_on} if online else {}
        inquiry = AssetInquiry.objects.create(
            case=case, party=party, channel=channel, scopes=scopes, requested_on=requested_on, requested_by=actor,
            provider=provider.name[:64] if online else "", **answered)
        scope_labels = "、".join(str(InquiryScope(s).label) for s in inquiry.scopes)
        record_event(case=case, kind=EventKind.INQUIRY, occurred_on=requested_on, actor=actor, party=party,
                     note=_("%(channel)s：%(scopes)s，查到财产%(n)d项")
                     % {"channel": InquiryChannel(channel).label, "scopes": scope_labels, "n": len(found)})
        record_found_assets(case=case, inquiry=inquiry, party=party, found=found, found_on=requested_on, actor=actor)
        inquiries.append(inquiry)
    if online and not case.is_closed:
        from .fast_track import fast_track_evaluate

        fast_track_evaluate(case=case, actor=actor, on=requested_on)
    return inquiries


def record_found_assets(*, case: EnforcementCase, inquiry: AssetInquiry | None, party, found: list, found_on,
                        actor) -> list[Asset]:
    """The one path by which an inquiry's findings (online, imported file, field investigation) become assets."""
    assets = []
    for item in found:
        asset = Asset.objects.create(court=case.court, case=case, party=party, inquiry=inquiry, kind=item.kind,
                                     description=item.description, institution=item.institution,
                                     value=item.value, found_on=found_on)
        record_event(case=case, kind=EventKind.ASSET_FOUND, occurred_on=found_on, actor=actor, party=party,
                     amount=item.value, note=f"{InquiryScope(asset.kind).label}：{asset.description} {asset.institution}")
        assets.append(asset)
    return assets


@transaction.atomic
def asset_set_status(*, asset: Asset, actor, status: str, on: dt.date, note: str = "") -> Asset:
    asset = Asset.objects.select_for_update().get(pk=asset.pk)
    if status not in AssetStatus.values:
        raise ValidationError({"status": [_("未知的财产状态。")]})
    asset.status = status
    asset.save(update_fields=["status", "updated_at"])
    if asset.case_id is None:  # a preserved asset before enforcement: no case timeline yet
        return asset
    record_event(case=asset.case, kind=EventKind.ASSET_STATUS_CHANGED, occurred_on=on, actor=actor,
                 party=asset.party, note=_("财产“%(d)s”状态变更为%(s)s。%(note)s")
                 % {"d": asset.description, "s": AssetStatus(status).label, "note": note})
    return asset


@transaction.atomic
def case_record_fund(*, case: EnforcementCase, actor, direction: str, amount: Decimal, occurred_on: dt.date,
                     note: str = "", confirm_excess: bool = False) -> FundEntry:
    """Money in (for the applicant) or out (paid to the applicant). `amount_recovered` is re-derived from the ledger.

    A receipt far beyond what is still owed (rules.receipt_excess_error) needs `confirm_excess`."""
    case = lock_case(case)
    errors: dict = {}
    if direction not in FundDirection.values:
        errors.setdefault("direction", []).append(_("未知的款项方向。"))
    if amount is None or amount <= 0:
        errors.setdefault("amount", []).append(_("金额必须大于0。"))
    elif amount > rules.MONEY_INPUT_MAX:
        errors.setdefault("amount", []).append(rules.MONEY_TOO_LARGE)
    _check_case_date(case, occurred_on, "occurred_on", errors)
    raise_if(errors)
    totals = _ledger_totals(case)
    if direction == FundDirection.IN:
        if totals[FundDirection.IN] + amount > rules.MONEY_COLUMN_MAX:
            raise ValidationError({"amount": [rules.MONEY_TOTAL_TOO_LARGE]})
        excess = rules.receipt_excess_error(amount=amount, amount_claimed=case.amount_claimed,
                                            amount_recovered=totals[FundDirection.IN], confirmed=confirm_excess)
        if excess:
            raise RuleViolation(excess, code=rules.RECEIPT_EXCESS, limit=str(rules.receipt_limit(
                amount_claimed=case.amount_claimed, amount_recovered=totals[FundDirection.IN])))
    _start_work(case, allow_after_termination=True)
    if direction == FundDirection.OUT and totals[FundDirection.OUT] + amount > totals[FundDirection.IN]:
        raise RuleViolation(
            _("发放金额超过案款余额（余额%(balance)s元）。")
            % {"balance": totals[FundDirection.IN] - totals[FundDirection.OUT]},
            code="insufficient_balance",
        )
    entry = FundEntry(court_id=case.court_id, case=case, direction=direction, amount=amount, occurred_on=occurred_on,
                      note=note, recorded_by=actor)
    # amount > 0 (the table's CHECK) is the error above, in words; the database still enforces it
    entry.full_clean(exclude=["court", "case", "recorded_by"], validate_constraints=False)
    entry.save()
    totals[direction] += amount
    case.amount_recovered, case.amount_paid_out = totals[FundDirection.IN], totals[FundDirection.OUT]
    case.version += 1
    case.save(update_fields=["amount_recovered", "amount_paid_out", "version", "updated_at"])
    record_event(case=case, kind=EventKind.FUND_IN if direction == FundDirection.IN else EventKind.FUND_OUT,
                 occurred_on=occurred_on, actor=actor, amount=amount, note=note)
    return entry


def _ledger_totals(case: EnforcementCase) -> dict[str, Decimal]:
    sums = {row["direction"]: row["total"]
            for row in case.funds.order_by().values("direction").annotate(total=Sum("amount"))}
    # quantized: SQLite sums DECIMAL columns as floats (4000 or 0.300000000000000 instead of 4000.00 / 0.30)
    return {d: (sums.get(d) or Decimal("0")).quantize(CENT) for d in FundDirection.values}


@transaction.atomic
def urging_record(*, actor, party, channel: str, occurred_on: dt.date, outcome: str = "",
                  promised_on: dt.date | None = None, enforcement_case: EnforcementCase | None = None,
                  litigation_case: LitigationCase | None = None, deadline_on: dt.date | None = None) -> Urging:
    """Record an urging (督促履行): before enforcement on a litigation case, or during enforcement.

    A written deadline notice (限期履行) carries its due date (`deadline_on`; callers predating the field get
    rules.DEADLINE_NOTICE_DAYS). The later of the promised day and the deadline is when the daily
    `urging_followups` job checks whether anything was paid, and tells the judge if not.
    """
    case = enforcement_case or litigation_case
    errors: dict = {}
    if channel not in UrgingChannel.values:
        errors.setdefault("channel", []).append(_("未知的督促方式。"))
    _check_case_date(case, occurred_on, "occurred_on", errors)
    if promised_on and promised_on < occurred_on:
        errors.setdefault("promised_on", []).append(_("承诺履行日期不能早于督促日期。"))
    if deadline_on and deadline_on < occurred_on:
        errors.setdefault("deadline_on", []).append(_("限期履行期限不能早于通知日期。"))
    if deadline_on and channel != UrgingChannel.DEADLINE_NOTICE:
        errors.setdefault("deadline_on", []).append(_("只有限期履行通知载明履行期限。"))
    raise_if(errors)
    if channel == UrgingChannel.DEADLINE_NOTICE and deadline_on is None:
        deadline_on = occurred_on + dt.timedelta(days=rules.DEADLINE_NOTICE_DAYS)
    if enforcement_case is not None:
        enforcement_case = lock_case(enforcement_case)
        _check_party_in_case(enforcement_case, party, "party", respondents_only=True)
        _start_work(enforcement_case)
    elif not litigation_case.defendants.filter(pk=party.pk).exists():
        raise ValidationError({"party": [_("被督促人应为本案被告。")]})
    urging = Urging.objects.create(
        court=case.court, enforcement_case=enforcement_case, litigation_case=litigation_case, party=party,
        channel=channel, occurred_on=occurred_on, outcome=outcome, promised_on=promised_on, deadline_on=deadline_on,
        follow_up_on=rules.urging_follow_up_on(promised_on=promised_on, deadline_on=deadline_on), actor=actor)
    if enforcement_case is not None:
        note = f"{UrgingChannel(channel).label}：{outcome}"
        if promised_on:
            note += _("（承诺%(d)s前履行）") % {"d": promised_on.isoformat()}
        if deadline_on:
            note += _("（限%(d)s前履行）") % {"d": deadline_on.isoformat()}
        record_event(case=enforcement_case, kind=EventKind.URGING, occurred_on=occurred_on, actor=actor,
                     party=party, note=note)
    return urging


@transaction.atomic
def contact_record(*, case: EnforcementCase, actor, party, channel: str, occurred_on: dt.date, summary: str,
                   direction: str = ContactDirection.OUTGOING) -> Contact:
    """线上联系: a mobile micro-court message, call, SMS or video talk with a party, on the timeline too."""
    case = lock_case(case)
    errors: dict = {}
    if channel not in ContactChannel.values:
        errors.setdefault("channel", []).append(_("未知的联系方式。"))
    if direction not in ContactDirection.values:
        errors.setdefault("direction", []).append(_("未知的联系方向。"))
    if not (summary or "").strip():
        errors.setdefault("summary", []).append(_("请填写联系内容摘要。"))
    _check_case_date(case, occurred_on, "occurred_on", errors)
    raise_if(errors)
    _check_party_in_case(case, party, "party")
    _start_work(case, allow_after_termination=True)
    contact = Contact.objects.create(court=case.court, case=case, party=party, channel=channel, direction=direction,
                                     occurred_on=occurred_on, summary=summary.strip(), actor=actor)
    record_event(case=case, kind=EventKind.CONTACT, occurred_on=occurred_on, actor=actor, party=party,
                 note=f"{ContactChannel(channel).label}（{ContactDirection(direction).label}）：{contact.summary}")
    return contact
