"""立案与保全同步: rulings on preservation applications, the assets they freeze, release, and the daily checks.

Recording an application is cases.services.litigation.preservation_add (the contract's endpoint); this module does
what follows it. The daily `preservation_checks` job puts on the to-do lists: freezes and seizures lapsing soon
(renew them: 民诉法解释 art. 485), pre-suit rulings overdue (48 hours) and pre-suit preservations to release because
no suit followed within 30 days (民事诉讼法 art. 104).
"""
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wanian_exec.errors import RuleViolation

from .. import rules
from ..choices import AssetStatus, CaseStatus, EventKind, InquiryScope, PreservationKind, PreservationResponse, TodoKind
from ..models import CONTROLLED_STATUSES, Asset, Court, EnforcementCase, LitigationCase, Preservation
from ..selectors import sync_settings_for
from .common import check_not_before, check_not_future, court_today, raise_if
from .timeline import record_event
from .todos import iter_batches, todo_create_once

RULING_LOOKBACK_DAYS = 60  # pre-suit applications older than this without a ruling are no longer chased daily


def _lock(preservation: Preservation) -> Preservation:
    return Preservation.objects.select_for_update(of=("self",)).select_related("case").get(pk=preservation.pk)


def court_now() -> dt.datetime:
    """Now in court time (Asia/Shanghai), naive, for the 48-hour rule."""
    return timezone.localtime().replace(tzinfo=None)


@transaction.atomic
def preservation_rule(*, preservation: Preservation, actor, ruled_on: dt.date, ruled_time: dt.time | None = None,
                      rejected: bool = False, security_amount: Decimal | None = None) -> Preservation:
    """Record the ruling: granted (准予保全) or rejected. A late pre-suit ruling is recorded and flagged."""
    preservation = _lock(preservation)
    if preservation.ruled_on:
        raise RuleViolation(_("该保全申请已裁定。"), code="already_ruled")
    errors: dict = {}
    check_not_future(ruled_on, "ruled_on", errors)
    check_not_before(ruled_on, preservation.applied_on, "ruled_on", errors, _("裁定日期不能早于申请日期。"))
    if (ruled_on == preservation.applied_on and ruled_time and preservation.applied_time
            and ruled_time < preservation.applied_time):
        errors.setdefault("ruled_time", []).append(_("裁定时间不能早于申请时间。"))
    if security_amount is not None and security_amount < 0:
        errors.setdefault("security_amount", []).append(_("担保金额不能为负数。"))
    raise_if(errors)
    preservation.ruled_on, preservation.ruled_time, preservation.rejected = ruled_on, ruled_time, rejected
    if security_amount is not None:
        preservation.security_amount = security_amount
    preservation.save(update_fields=["ruled_on", "ruled_time", "rejected", "security_amount", "updated_at"])
    return preservation


@transaction.atomic
def preservation_link_suit(*, preservation: Preservation, actor, case: LitigationCase) -> Preservation:
    """The suit after a pre-suit preservation was filed: link them (the 30-day clock is judged on its date)."""
    from .litigation import _check_pre_suit_link

    preservation = _lock(preservation)
    errors: dict = {}
    _check_pre_suit_link(preservation, court=case.court, defendants=list(case.defendants.all()),
                         filed_on=case.filed_on, errors=errors, field="case")
    raise_if(errors)
    preservation.case = case
    preservation.save(update_fields=["case", "updated_at"])
    LitigationCase.objects.filter(pk=case.pk).update(preservation_response=PreservationResponse.APPLIED)
    return preservation


def _respondents(preservation: Preservation) -> list:
    if preservation.case_id:
        return list(preservation.case.defendants.all())
    return [preservation.respondent] if preservation.respondent_id else []


@transaction.atomic
def preservation_add_asset(*, preservation: Preservation, actor, party, kind: str, description: str,
                           controlled_on: dt.date, institution: str = "", value: Decimal | None = None) -> Asset:
    """An asset frozen or seized under a granted preservation ruling, with its lapse date (民诉法解释 art. 485).

    If an enforcement case has already been filed from the suit, the asset belongs to it at once."""
    preservation = _lock(preservation)
    if preservation.status != "granted":
        raise RuleViolation(_("保全申请尚未裁定准予保全（或已驳回、解除），不能登记保全财产。"), code="not_granted")
    errors: dict = {}
    if kind not in InquiryScope.values:
        errors.setdefault("kind", []).append(_("未知的财产类型。"))
    if not (description or "").strip():
        errors.setdefault("description", []).append(_("请填写财产描述。"))
    if party is None or party.pk not in {p.pk for p in _respondents(preservation)}:
        errors.setdefault("party", []).append(_("保全财产应属于被申请人（本案被告）。"))
    check_not_future(controlled_on, "controlled_on", errors)
    check_not_before(controlled_on, preservation.ruled_on, "controlled_on", errors,
                     _("查封/冻结日期不能早于保全裁定日期。"))
    if value is not None and value < 0:
        errors.setdefault("value", []).append(_("价值不能为负数。"))
    raise_if(errors)
    court = preservation.court or preservation.case.court
    enforcement = None
    if preservation.case_id:
        enforcement = EnforcementCase.objects.filter(source_case=preservation.case).exclude(
            status=CaseStatus.CLOSED).order_by("-filed_on", "-pk").first()
    asset = Asset.objects.create(
        court=court, case=enforcement, preservation=preservation, party=party, kind=kind,
        description=description.strip(), institution=institution, value=value, status=AssetStatus.FROZEN,
        found_on=controlled_on, controlled_on=controlled_on, lapses_on=rules.control_lapses_on(kind, controlled_on))
    if enforcement is not None:
        record_event(case=enforcement, kind=EventKind.ASSET_CONTROLLED, occurred_on=controlled_on, actor=actor,
                     party=party, amount=value, note=_("保全%(m)s：%(d)s，至%(until)s届满")
                     % {"m": rules.control_measure_label(kind), "d": asset.description, "until": asset.lapses_on})
    return asset


@transaction.atomic
def preservation_release(*, preservation: Preservation, actor, released_on: dt.date, reason: str) -> Preservation:
    """Release a preservation (解除保全) and every asset it still holds outside an enforcement case."""
    preservation = _lock(preservation)
    if preservation.released_on:
        raise RuleViolation(_("该保全已解除。"), code="already_released")
    errors: dict = {}
    check_not_future(released_on, "released_on", errors)
    check_not_before(released_on, preservation.applied_on, "released_on", errors, _("解除日期不能早于申请日期。"))
    if not (reason or "").strip():
        errors.setdefault("reason", []).append(_("请写明解除理由。"))
    raise_if(errors)
    preservation.released_on, preservation.release_reason = released_on, reason.strip()
    preservation.save(update_fields=["released_on", "release_reason", "updated_at"])
    Asset.objects.filter(preservation=preservation, case__isnull=True).exclude(
        status__in=[AssetStatus.RELEASED, AssetStatus.DISPOSED]).update(status=AssetStatus.RELEASED,
                                                                        released_on=released_on)
    return preservation


# --- the daily job ---------------------------------------------------------------------------------------------


def _asset_assignee(row) -> int | None:
    return row["case__judge"] or row["preservation__case__trial_judge"] or row["preservation__recorded_by"]


def preservation_checks(*, today: dt.date | None = None, court_id: int | None = None,
                        now: dt.datetime | None = None) -> dict:
    """The daily job (cases.jobs "preservation_checks"). Idempotent through dedupe keys."""
    today = today or court_today()
    now = now or dt.datetime.combine(today, court_now().time())
    courts = Court.objects.order_by("pk")
    if court_id is not None:
        courts = courts.filter(pk=court_id)
    summary = {"checked_on": today.isoformat(), "lapse_near_created": 0, "release_due_created": 0,
               "ruling_overdue_created": 0}
    for court_pk in courts.values_list("pk", flat=True):
        days = sync_settings_for(court_pk).lapse_reminder_days
        _lapse_reminders(court_pk, today, days, summary)
        _release_reminders(court_pk, today, summary)
        _ruling_reminders(court_pk, now, summary)
    return summary


def _lapse_reminders(court_pk, today, days, summary):
    lapsing = Asset.objects.filter(court_id=court_pk, status__in=CONTROLLED_STATUSES, lapses_on__gte=today,
                                   lapses_on__lte=today + dt.timedelta(days=days))
    for batch in iter_batches(lapsing, "lapses_on", "kind", "description", "case", "case__number", "case__judge",
                              "preservation__case", "preservation__case__number", "preservation__case__trial_judge",
                              "preservation__recorded_by"):
        for row in batch:
            assignee = _asset_assignee(row)
            if not assignee:
                continue
            number = row["case__number"] or row["preservation__case__number"] or _("诉前保全")
            summary["lapse_near_created"] += todo_create_once(
                court_id=court_pk, dedupe_key=f"lapse_near:{row['pk']}:{row['lapses_on'].isoformat()}",
                assignee_id=assignee, kind=TodoKind.LAPSE_NEAR, due_on=row["lapses_on"],
                enforcement_case_id=row["case"], litigation_case_id=None if row["case"] else row["preservation__case"],
                title=_("%(number)s %(kind)s“%(d)s”的%(m)s将于%(until)s届满，请及时续行")
                % {"number": number, "kind": InquiryScope(row["kind"]).label, "d": row["description"],
                   "m": rules.control_measure_label(row["kind"]), "until": row["lapses_on"].isoformat()},
            )[1]


def _release_reminders(court_pk, today, summary):
    last_ruling_day = today - dt.timedelta(days=rules.PRE_SUIT_SUIT_DAYS + 1)
    due = Preservation.objects.filter(
        Q(court_id=court_pk) | Q(case__court_id=court_pk), kind=PreservationKind.PRE_LITIGATION,
        ruled_on__lte=last_ruling_day, case__isnull=True, rejected=False, released_on__isnull=True)
    for batch in iter_batches(due, "ruled_on", "recorded_by", "respondent__name", "applicant__name"):
        for row in batch:
            if not row["recorded_by"]:
                continue
            summary["release_due_created"] += todo_create_once(
                court_id=court_pk, dedupe_key=f"preservation_release:{row['pk']}", assignee_id=row["recorded_by"],
                kind=TodoKind.PRESERVATION_RELEASE, due_on=rules.pre_suit_suit_deadline(row["ruled_on"]),
                title=_("%(a)s申请对%(r)s的诉前保全：%(d)s采取保全后30日内未起诉，应依法解除保全")
                % {"a": row["applicant__name"] or "", "r": row["respondent__name"] or "", "d": row["ruled_on"]},
            )[1]


def _ruling_reminders(court_pk, now, summary):
    today = now.date()
    pending = Preservation.objects.filter(
        Q(court_id=court_pk) | Q(case__court_id=court_pk), kind=PreservationKind.PRE_LITIGATION,
        ruled_on__isnull=True, rejected=False, released_on__isnull=True,
        applied_on__gte=today - dt.timedelta(days=RULING_LOOKBACK_DAYS), applied_on__lte=today)
    for batch in iter_batches(pending, "applied_on", "applied_time", "case", "case__number", "case__trial_judge",
                              "recorded_by", "respondent__name"):
        for row in batch:
            if not rules.preservation_ruling_late(applied_on=row["applied_on"], applied_time=row["applied_time"],
                                                  now=now):
                continue
            assignee = row["case__trial_judge"] or row["recorded_by"]
            if not assignee:
                continue
            deadline = rules.preservation_ruling_deadline(row["applied_on"], row["applied_time"])
            summary["ruling_overdue_created"] += todo_create_once(
                court_id=court_pk, dedupe_key=f"ruling_overdue:{row['pk']}", assignee_id=assignee,
                kind=TodoKind.RULING_OVERDUE, litigation_case_id=row["case"], due_on=deadline.date(),
                title=_("%(number)s 诉前保全申请（%(d)s）已超过48小时未裁定")
                % {"number": row["case__number"] or row["respondent__name"] or "", "d": row["applied_on"]},
            )[1]

