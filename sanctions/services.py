"""Coercive measures: a judge proposes, a leader approves or rejects; approval takes effect on the timeline."""
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import rules as case_rules
from cases.choices import EventKind, PartyKind
from cases.identity import birth_date_from_resident_id
from cases.services.common import check_not_future, court_today, raise_if
from cases.services.enforcement import ensure_open, lock_case
from cases.services.timeline import record_event
from wanian_exec.errors import RuleViolation

from . import rules
from .choices import SanctionKind, SanctionStatus
from .models import Sanction

# What an approved measure records on the case timeline, where the 终本 gate reads it.
EFFECT_EVENTS = {
    SanctionKind.CONSUMPTION_RESTRICTION: EventKind.CONSUMPTION_RESTRICTED,
    SanctionKind.DISHONEST_LIST: EventKind.DISHONEST_LISTED,
    SanctionKind.FINE: EventKind.OBSTRUCTION_SANCTIONED,
    SanctionKind.DETENTION: EventKind.OBSTRUCTION_SANCTIONED,
    SanctionKind.CRIMINAL_REFERRAL: EventKind.CRIME_REFERRED,
}


def _is_minor(party, on: dt.date) -> bool:
    birth = birth_date_from_resident_id(party.id_number) if party.kind == PartyKind.PERSON else None
    return bool(birth and case_rules.add_months(birth, 18 * 12) > on)


@transaction.atomic
def sanction_propose(*, case, party, actor, kind: str, decided_on: dt.date, start_on: dt.date | None = None,
                     end_on: dt.date | None = None, amount: Decimal | None = None, note: str = "") -> Sanction:
    case = lock_case(case)
    ensure_open(case)
    errors: dict = {}
    if kind not in SanctionKind.values:
        errors.setdefault("kind", []).append(_("未知的强制措施类型。"))
    if not case.respondents.filter(pk=party.pk).exists():
        errors.setdefault("party", []).append(_("强制措施只能针对本案被执行人。"))
    check_not_future(decided_on, "decided_on", errors)
    if decided_on < case.filed_on:
        errors.setdefault("decided_on", []).append(_("决定日期不能早于立案日期。"))
    raise_if(errors)
    raise_if(rules.sanction_errors(kind=kind, party_kind=party.kind, decided_on=decided_on, start_on=start_on,
                                   end_on=end_on, amount=amount, party_is_minor=_is_minor(party, decided_on)))
    sanction = Sanction.objects.create(court=case.court, case=case, party=party, kind=kind, decided_on=decided_on,
                                       start_on=start_on, end_on=end_on, amount=amount, note=note,
                                       proposed_by=actor)
    record_event(case=case, kind=EventKind.SANCTION_PROPOSED, occurred_on=decided_on, actor=actor, party=party,
                 amount=amount, note=f"{sanction.get_kind_display()}。{note}".strip("。"))
    if kind not in rules.NEEDS_APPROVAL:
        _take_effect(sanction, actor=actor, on=decided_on)
    return sanction


def _take_effect(sanction: Sanction, *, actor, on: dt.date) -> None:
    sanction.status, sanction.approved_by, sanction.approved_on = SanctionStatus.APPROVED, actor, on
    sanction.save(update_fields=["status", "approved_by", "approved_on", "updated_at"])
    record_event(case=sanction.case, kind=EFFECT_EVENTS.get(sanction.kind, EventKind.SANCTION_APPROVED),
                 occurred_on=on, actor=actor, party=sanction.party, amount=sanction.amount,
                 note=_("%(kind)s已批准生效") % {"kind": sanction.get_kind_display()})


@transaction.atomic
def sanction_approve(*, sanction: Sanction, actor, on: dt.date | None = None) -> Sanction:
    """The court president approves; only now does the measure take effect. Approving twice is harmless."""
    sanction = Sanction.objects.select_for_update().select_related("case", "party").get(pk=sanction.pk)
    if not actor.has_perm("sanctions.approve_sanction"):
        raise RuleViolation(_("强制措施须经院长审批。"), code="approval_required")
    if sanction.status == SanctionStatus.APPROVED:
        return sanction
    if sanction.status != SanctionStatus.PROPOSED:
        raise RuleViolation(_("该强制措施已处理，不能再审批。"), code="not_proposed")
    on = on or court_today()
    errors: dict = {}
    check_not_future(on, "approved_on", errors)
    if on < sanction.decided_on:
        errors.setdefault("approved_on", []).append(_("审批日期不能早于决定日期。"))
    raise_if(errors)
    _take_effect(sanction, actor=actor, on=on)
    return sanction


@transaction.atomic
def sanction_reject(*, sanction: Sanction, actor, reason: str) -> Sanction:
    sanction = Sanction.objects.select_for_update().select_related("case", "party").get(pk=sanction.pk)
    if not actor.has_perm("sanctions.approve_sanction"):
        raise RuleViolation(_("强制措施须经院长审批。"), code="approval_required")
    if sanction.status != SanctionStatus.PROPOSED:
        raise RuleViolation(_("该强制措施已处理，不能再审批。"), code="not_proposed")
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("请写明不予批准的理由。")]})
    sanction.status, sanction.rejection_reason = SanctionStatus.REJECTED, reason.strip()
    sanction.approved_by, sanction.approved_on = actor, court_today()
    sanction.save(update_fields=["status", "rejection_reason", "approved_by", "approved_on", "updated_at"])
    record_event(case=sanction.case, kind=EventKind.SANCTION_REJECTED, occurred_on=sanction.approved_on,
                 actor=actor, party=sanction.party, note=reason)
    return sanction
