"""Coercive measures: a judge proposes, a leader approves or rejects; only approval makes a measure take effect.

Every write here is keyword-only and atomic, locks the row it changes, checks the limits in sanctions/rules.py,
and records what it did on the case timeline (where the 终本 gate reads it). Roster recomputation is enqueued on
commit (sanctions.tasks).
"""
import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import rules as case_rules
from cases import selectors as case_selectors
from cases.choices import EventKind, PartyKind, TodoKind
from cases.identity import birth_date_from_resident_id
from cases.models import Todo, User
from cases.services.common import check_not_future, court_today, ensure_not_self_approval, raise_if
from cases.services.enforcement import ensure_open, lock_case
from cases.services.timeline import record_event
from cases.services.todos import todo_create_once
from wanian_exec.errors import RuleViolation

from .. import rules, selectors
from ..choices import BoundRole, SanctionKind, SanctionStatus
from ..models import BoundPerson, Reconsideration, Sanction
from ..tasks import enqueue_roster_refresh

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


def _check_urging(case, party, *, kind: str, decided_on: dt.date, urgency_reason: str) -> None:
    """强制与督促同步: the rule is cases.rules.coercion_urging_errors (one place, with the four synchronizations);
    its fact is cases.selectors.has_prior_urging. A summons, fine, detention or criminal referral needs a prior
    urging of that party in that case, or a recorded reason of urgency → otherwise 400 on `urgency_reason`."""
    if (urgency_reason or "").strip():
        return
    raise_if(case_rules.coercion_urging_errors(
        kind=kind, urgency_reason=urgency_reason,
        has_prior_urging=case_selectors.has_prior_urging(case, party, decided_on)))


def _leaders_of(court_id: int):
    """Users of the court who may approve (a permission, not a role name)."""
    perm = Permission.objects.get(content_type__app_label="sanctions", codename="approve_sanction")
    return User.objects.filter(court_id=court_id, is_active=True).filter(
        Q(groups__permissions=perm) | Q(user_permissions=perm)).distinct()


def _approval_todos(sanction: Sanction) -> None:
    # the proposer is never asked to approve their own proposal (cases.rules.is_self_approval)
    for leader in _leaders_of(sanction.court_id).exclude(pk=sanction.proposed_by_id):
        todo_create_once(court_id=sanction.court_id, dedupe_key=f"sanction_approval:{sanction.pk}:{leader.pk}",
                         assignee=leader, kind=TodoKind.SANCTION_APPROVAL, enforcement_case=sanction.case,
                         due_on=sanction.decided_on,
                         title=_("%(number)s 拟对%(party)s%(kind)s，待审批") % {
                             "number": sanction.case.number, "party": sanction.party.name,
                             "kind": sanction.get_kind_display()})


def _close_todos(court_id: int, prefix: str, actor=None) -> None:
    # to-dos the system itself fulfils (the approval was given, the family was told): ticked off here
    Todo.objects.filter(court_id=court_id, dedupe_key__startswith=prefix, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=actor)


@transaction.atomic
def sanction_propose(*, case, party, actor, kind: str, decided_on: dt.date, start_on: dt.date | None = None,
                     end_on: dt.date | None = None, amount: Decimal | None = None, note: str = "",
                     urgency_reason: str = "", lawful_summons_on: dt.date | None = None,
                     summons_refused_on: dt.date | None = None, refusal_note: str = "",
                     dishonest_ground: str = "", security_given: bool = False, extension_years: int = 0,
                     bound_persons: list[dict] | None = None, served_on: dt.date | None = None) -> Sanction:
    """A judge proposes a measure. Measures in rules.NEEDS_APPROVAL wait for a leader; the rest take effect now."""
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
    outstanding = case.amount_outstanding
    frozen = selectors.frozen_assets_value(case, party) if kind == SanctionKind.DISHONEST_LIST else Decimal("0")
    raise_if(rules.sanction_errors(
        kind=kind, party_kind=party.kind, decided_on=decided_on, start_on=start_on, end_on=end_on, amount=amount,
        party_is_minor=_is_minor(party, decided_on), lawful_summons_on=lawful_summons_on,
        summons_refused_on=summons_refused_on, dishonest_ground=dishonest_ground, security_given=security_given,
        seized_assets_suffice=kind == SanctionKind.DISHONEST_LIST and outstanding > 0 and frozen >= outstanding,
        extension_years=extension_years, bound_persons=bound_persons or [],
        recorded_legal_representative=party.legal_representative))
    if kind == SanctionKind.PRIVATE_PROSECUTION:
        raise_if(rules.private_prosecution_errors(has_declined_referral=selectors.has_declined_referral(case, party)))
    _check_urging(case, party, kind=kind, decided_on=decided_on, urgency_reason=urgency_reason)
    sanction = Sanction.objects.create(
        court=case.court, case=case, party=party, kind=kind, decided_on=decided_on, start_on=start_on, end_on=end_on,
        amount=amount, note=note, proposed_by=actor, urgency_reason=urgency_reason.strip(),
        lawful_summons_on=lawful_summons_on, summons_refused_on=summons_refused_on, refusal_note=refusal_note,
        dishonest_ground=dishonest_ground if kind == SanctionKind.DISHONEST_LIST else "",
        security_given=security_given, extension_years=extension_years, served_on=served_on)
    if kind in rules.RESTRICTION_KINDS:
        _bind_persons(sanction, party, bound_persons or [])
    record_event(case=case, kind=EventKind.SANCTION_PROPOSED, occurred_on=decided_on, actor=actor, party=party,
                 amount=amount, note=f"{sanction.get_kind_display()}。{note}".strip("。"))
    if kind in rules.NEEDS_APPROVAL:
        _approval_todos(sanction)
    else:
        _take_effect(sanction, actor=actor, on=decided_on)
    return sanction


def _bind_persons(sanction: Sanction, party, bound: list[dict]) -> None:
    """A person's restriction binds the person; a company's binds the persons named (rules.bound_person_errors),
    and its legal representative on record when none was named (by name only: no ID, so no travel match)."""
    if party.kind == PartyKind.PERSON:
        if party.id_number:
            BoundPerson.objects.create(sanction=sanction, party=party, role=BoundRole.DEBTOR, name=party.name,
                                       id_number=party.id_number.upper())
        return
    rows = [BoundPerson(sanction=sanction, role=p["role"], name=p["name"].strip(),
                        id_number=p["id_number"].strip().upper()) for p in bound]
    if not any(p["role"] == BoundRole.LEGAL_REPRESENTATIVE for p in bound) and party.legal_representative.strip():
        rows.append(BoundPerson(sanction=sanction, role=BoundRole.LEGAL_REPRESENTATIVE,
                                name=party.legal_representative.strip(), id_number=""))
    BoundPerson.objects.bulk_create(rows)


def _take_effect(sanction: Sanction, *, actor, on: dt.date) -> None:
    if not rules.can_transition(sanction.status, SanctionStatus.APPROVED):
        raise RuleViolation(_("该强制措施已处理，不能再审批。"), code="not_proposed")
    sanction.status, sanction.approved_by, sanction.approved_on = SanctionStatus.APPROVED, actor, on
    sanction.in_force_from = max(sanction.start_on or on, on)  # nothing takes effect before it is approved
    sanction.served_on = sanction.served_on or on
    fields = ["status", "approved_by", "approved_on", "in_force_from", "served_on", "updated_at"]
    if sanction.kind == SanctionKind.DISHONEST_LIST:
        sanction.end_on = rules.dishonest_end_on(start_on=sanction.in_force_from, ground=sanction.dishonest_ground,
                                                 extension_years=sanction.extension_years)
        fields.append("end_on")
    sanction.save(update_fields=fields)
    record_event(case=sanction.case, kind=EFFECT_EVENTS.get(sanction.kind, EventKind.SANCTION_APPROVED),
                 occurred_on=on, actor=actor, party=sanction.party, amount=sanction.amount,
                 note=_("%(kind)s已批准生效") % {"kind": sanction.get_kind_display()})
    if sanction.kind in (SanctionKind.CRIMINAL_REFERRAL, SanctionKind.PRIVATE_PROSECUTION):
        from .prosecutions import prosecution_open

        prosecution_open(sanction=sanction, actor=actor)
    enqueue_roster_refresh(sanction.case_id)


def _locked(sanction: Sanction) -> Sanction:
    return Sanction.objects.select_for_update().select_related("case", "party").get(pk=sanction.pk)


@transaction.atomic
def sanction_approve(*, sanction: Sanction, actor, on: dt.date | None = None) -> Sanction:
    """The court president approves; only now does the measure take effect. Approving twice is harmless."""
    sanction = _locked(sanction)
    if not actor.has_perm("sanctions.approve_sanction"):
        raise RuleViolation(_("强制措施须经院长审批。"), code="approval_required")
    if sanction.status == SanctionStatus.APPROVED:
        return sanction
    ensure_not_self_approval(proposer_ids=[sanction.proposed_by_id], actor=actor)
    if sanction.status != SanctionStatus.PROPOSED:
        raise RuleViolation(_("该强制措施已处理，不能再审批。"), code="not_proposed")
    on = on or court_today()
    errors: dict = {}
    check_not_future(on, "approved_on", errors)
    if on < sanction.decided_on:
        errors.setdefault("approved_on", []).append(_("审批日期不能早于决定日期。"))
    raise_if(errors)
    ensure_open(sanction.case)
    _take_effect(sanction, actor=actor, on=on)
    _close_todos(sanction.court_id, f"sanction_approval:{sanction.pk}:", actor)
    return sanction


@transaction.atomic
def sanction_reject(*, sanction: Sanction, actor, reason: str) -> Sanction:
    sanction = _locked(sanction)
    if not actor.has_perm("sanctions.approve_sanction"):
        raise RuleViolation(_("强制措施须经院长审批。"), code="approval_required")
    ensure_not_self_approval(proposer_ids=[sanction.proposed_by_id], actor=actor)
    if not rules.can_transition(sanction.status, SanctionStatus.REJECTED):
        raise RuleViolation(_("该强制措施已处理，不能再审批。"), code="not_proposed")
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("请写明不予批准的理由。")]})
    sanction.status, sanction.rejection_reason = SanctionStatus.REJECTED, reason.strip()
    sanction.approved_by, sanction.approved_on = actor, court_today()
    sanction.save(update_fields=["status", "rejection_reason", "approved_by", "approved_on", "updated_at"])
    record_event(case=sanction.case, kind=EventKind.SANCTION_REJECTED, occurred_on=sanction.approved_on,
                 actor=actor, party=sanction.party, note=reason)
    _close_todos(sanction.court_id, f"sanction_approval:{sanction.pk}:", actor)
    return sanction


def end_measure(sanction: Sanction, *, on: dt.date, reason: str, actor=None) -> Sanction:
    """approved → ended (served, lifted, deleted, revoked). The caller holds the lock (or is a sweep)."""
    if not rules.can_transition(sanction.status, SanctionStatus.ENDED):
        raise RuleViolation(_("只有已生效的强制措施可以结束。"), code="not_in_force")
    sanction.status, sanction.ended_on, sanction.end_reason = SanctionStatus.ENDED, on, reason
    sanction.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    record_event(case=sanction.case, kind=EventKind.MEASURE_ENDED, occurred_on=on, actor=actor,
                 party=sanction.party,
                 note=_("%(kind)s结束：%(reason)s") % {"kind": sanction.get_kind_display(), "reason": reason})
    return sanction


@transaction.atomic
def sanction_end(*, sanction: Sanction, actor, on: dt.date, reason: str) -> Sanction:
    """A judge lifts or ends a measure in force (限制消费令解除, 失信信息删除, 拘留期满 …)."""
    sanction = _locked(sanction)
    errors: dict = {}
    check_not_future(on, "ended_on", errors)
    if sanction.approved_on and on < sanction.approved_on:
        errors.setdefault("ended_on", []).append(_("结束日期不能早于生效日期。"))
    if not (reason or "").strip():
        errors.setdefault("reason", []).append(_("请写明结束原因。"))
    raise_if(errors)
    end_measure(sanction, on=on, reason=reason.strip(), actor=actor)
    enqueue_roster_refresh(sanction.case_id)
    return sanction


# --- 拘传: questioning after the summons -------------------------------------------------------------------


@transaction.atomic
def summons_record_questioning(*, sanction: Sanction, actor, started_at: dt.datetime, ended_at: dt.datetime,
                               detention_may_follow: bool = False) -> Sanction:
    """Record the questioning of the person summoned: at most 8 hours, 24 where detention may follow."""
    sanction = _locked(sanction)
    if sanction.kind != SanctionKind.SUMMONS:
        raise RuleViolation(_("只有拘传需要记录调查询问时间。"), code="not_summons")
    if sanction.status != SanctionStatus.APPROVED:
        raise RuleViolation(_("拘传未经院长批准，不能执行。"), code="not_in_force")
    errors = rules.questioning_errors(started_at=started_at, ended_at=ended_at,
                                      detention_may_follow=detention_may_follow)
    if started_at and started_at.date() < sanction.approved_on:
        errors.setdefault("started_at", []).append(_("调查询问不能早于拘传批准日期。"))
    if ended_at and ended_at > timezone.now():
        errors.setdefault("ended_at", []).append(_("时间不能晚于现在。"))
    raise_if(errors)
    sanction.questioning_started_at, sanction.questioning_ended_at = started_at, ended_at
    sanction.detention_may_follow = detention_may_follow
    sanction.save(update_fields=["questioning_started_at", "questioning_ended_at", "detention_may_follow",
                                 "updated_at"])
    local_start, local_end = timezone.localtime(started_at), timezone.localtime(ended_at)
    end_measure(sanction, on=local_end.date(), actor=actor,
                reason=_("已拘传到案并调查询问（%(a)s至%(b)s）") % {"a": f"{local_start:%Y-%m-%d %H:%M}",
                                                               "b": f"{local_end:%Y-%m-%d %H:%M}"})
    enqueue_roster_refresh(sanction.case_id)
    return sanction


# --- 拘留: custody and the family notice -----------------------------------------------------------------------


@transaction.atomic
def detention_record_custody(*, sanction: Sanction, actor, detained_at: dt.datetime) -> Sanction:
    """The detained person is handed to custody: the 24-hour clock for telling the family starts (a to-do)."""
    sanction = _locked(sanction)
    if sanction.kind != SanctionKind.DETENTION:
        raise RuleViolation(_("只有司法拘留需要记录送交看管时间。"), code="not_detention")
    if sanction.status != SanctionStatus.APPROVED:
        raise RuleViolation(_("拘留未经院长批准，不能执行。"), code="not_in_force")
    errors: dict = {}
    if detained_at > timezone.now():
        errors.setdefault("detained_at", []).append(_("时间不能晚于现在。"))
    if timezone.localtime(detained_at).date() < sanction.approved_on:
        errors.setdefault("detained_at", []).append(_("拘留不能早于批准日期执行。"))
    raise_if(errors)
    sanction.detained_at = detained_at
    sanction.save(update_fields=["detained_at", "updated_at"])
    due = timezone.localtime(rules.family_notice_due(detained_at))
    if not sanction.family_notified_at:
        todo_create_once(court_id=sanction.court_id, dedupe_key=f"family_notice:{sanction.pk}",
                         assignee_id=sanction.case.judge_id, kind=TodoKind.OTHER, enforcement_case=sanction.case,
                         due_on=due.date(),
                         title=_("%(number)s 已拘留%(party)s，须在%(due)s前通知其家属") % {
                             "number": sanction.case.number, "party": sanction.party.name,
                             "due": f"{due:%Y-%m-%d %H:%M}"})
    record_event(case=sanction.case, kind=EventKind.DETAINEE_IN_CUSTODY,
                 occurred_on=timezone.localtime(detained_at).date(),
                 actor=actor, party=sanction.party, note=_("被拘留人已送交看管"))
    enqueue_roster_refresh(sanction.case_id)
    return sanction


@transaction.atomic
def detention_record_family_notice(*, sanction: Sanction, actor, notified_at: dt.datetime | None,
                                   note: str) -> Sanction:
    """Record the family notice (who, how) — or, where impossible, why (记录在案). Late notices are flagged."""
    sanction = _locked(sanction)
    if sanction.kind != SanctionKind.DETENTION or sanction.detained_at is None:
        raise RuleViolation(_("请先记录送交看管时间。"), code="not_in_custody")
    errors: dict = {}
    if notified_at is None and not (note or "").strip():
        errors.setdefault("note", []).append(_("未能通知家属的，须记录原因。"))
    if notified_at and notified_at < sanction.detained_at:
        errors.setdefault("notified_at", []).append(_("通知时间不能早于送交看管时间。"))
    if notified_at and notified_at > timezone.now():
        errors.setdefault("notified_at", []).append(_("时间不能晚于现在。"))
    raise_if(errors)
    sanction.family_notified_at, sanction.family_notice_note = notified_at, (note or "").strip()
    sanction.save(update_fields=["family_notified_at", "family_notice_note", "updated_at"])
    state = rules.family_notice_state(detained_at=sanction.detained_at, notified_at=notified_at,
                                      now=timezone.now())
    text = (_("已通知被拘留人家属：%(note)s") if notified_at else _("未能通知被拘留人家属，记录在案：%(note)s")) \
        % {"note": note}
    if state == "late":
        text += _("（超过24小时）")
    record_event(case=sanction.case, kind=EventKind.NOTE,
                 occurred_on=timezone.localtime(notified_at or timezone.now()).date(), actor=actor,
                 party=sanction.party, note=text)
    _close_todos(sanction.court_id, f"family_notice:{sanction.pk}", actor)
    return sanction


# --- 失信: extension of the term -------------------------------------------------------------------------------


@transaction.atomic
def dishonest_extend(*, sanction: Sanction, actor, years: int, on: dt.date, reason: str) -> Sanction:
    sanction = _locked(sanction)
    if sanction.kind != SanctionKind.DISHONEST_LIST or sanction.status != SanctionStatus.APPROVED:
        raise RuleViolation(_("只有生效中的失信名单可以延长期限。"), code="not_in_force")
    if not actor.has_perm("sanctions.approve_sanction"):
        raise RuleViolation(_("延长失信期限须经院长批准。"), code="approval_required")
    # the judge in charge applies for the extension; neither they nor the listing's proposer may grant it
    ensure_not_self_approval(proposer_ids=[sanction.proposed_by_id, sanction.case.judge_id], actor=actor)
    raise_if(rules.dishonest_extension_errors(ground=sanction.dishonest_ground, years=years,
                                              already=sanction.extension_years))
    sanction.extension_years += years
    sanction.end_on = rules.dishonest_end_on(start_on=sanction.in_force_from, ground=sanction.dishonest_ground,
                                             extension_years=sanction.extension_years)
    sanction.save(update_fields=["extension_years", "end_on", "updated_at"])
    record_event(case=sanction.case, kind=EventKind.NOTE, occurred_on=on, actor=actor, party=sanction.party,
                 note=_("失信期限延长%(y)d年，至%(d)s：%(r)s") % {"y": years, "d": sanction.end_on, "r": reason})
    return sanction


# --- 复议 ---------------------------------------------------------------------------------------------------


@transaction.atomic
def reconsideration_apply(*, sanction: Sanction, actor, applied_on: dt.date, grounds: str = "") -> Reconsideration:
    """Record an application for reconsideration. The measure stays in force (CPL art. 119: not suspended)."""
    sanction = _locked(sanction)
    errors = rules.reconsideration_errors(kind=sanction.kind, status=sanction.status, served_on=sanction.served_on,
                                          applied_on=applied_on, already_applied=sanction.reconsiderations.exists())
    check_not_future(applied_on, "applied_on", errors)
    raise_if(errors)
    item = Reconsideration.objects.create(sanction=sanction, applied_on=applied_on, grounds=grounds,
                                          recorded_by=actor)
    record_event(case=sanction.case, kind=EventKind.NOTE, occurred_on=applied_on, actor=actor, party=sanction.party,
                 note=_("被执行人对%(kind)s申请复议（复议期间不停止执行）") % {"kind": sanction.get_kind_display()})
    return item


@transaction.atomic
def reconsideration_decide(*, reconsideration: Reconsideration, actor, decided_on: dt.date, outcome: str,
                           note: str = "") -> Reconsideration:
    """Record the court above's decision; a revocation ends the measure. A late decision is recorded and flagged."""
    item = Reconsideration.objects.select_for_update().select_related("sanction").get(pk=reconsideration.pk)
    errors: dict = {}
    if item.decided_on:
        raise RuleViolation(_("复议已有决定。"), code="already_decided")
    from ..choices import ReconsiderationOutcome

    if outcome not in ReconsiderationOutcome.values:
        errors.setdefault("outcome", []).append(_("请选择复议结果。"))
    check_not_future(decided_on, "decided_on", errors)
    if decided_on < item.applied_on:
        errors.setdefault("decided_on", []).append(_("决定日期不能早于申请日期。"))
    raise_if(errors)
    item.decided_on, item.outcome, item.decision_note = decided_on, outcome, note
    item.save(update_fields=["decided_on", "outcome", "decision_note", "updated_at"])
    sanction = _locked(item.sanction)
    if outcome == ReconsiderationOutcome.REVOKED and sanction.status == SanctionStatus.APPROVED:
        end_measure(sanction, on=decided_on, actor=actor, reason=_("复议决定撤销"))
        enqueue_roster_refresh(sanction.case_id)
    else:
        record_event(case=sanction.case, kind=EventKind.NOTE, occurred_on=decided_on, actor=actor,
                     party=sanction.party, note=_("复议决定：%(o)s。%(n)s") % {
                         "o": ReconsiderationOutcome(outcome).label, "n": note})
    return item
