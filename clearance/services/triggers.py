"""Triggers to resume a 终本 case, and resumption itself.

Each piece of evidence — property found by a re-inquiry, an effective push lead, travel in breach of a consumption
restriction, the applicant's request — becomes one ResumeTrigger (unique per case and source) with a "consider
resumption" to-do for the case's judge. Resuming (`clearance_resume`) files the 执恢 case through
cases.services.enforcement.case_resume (which carries parties, the outstanding amount and the assets) and settles
the triggers, their to-dos and the schedule in the same transaction.
"""
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext as _

from cases import rules
from cases.choices import ClosureMethod, EventKind, TodoKind
from cases.models import EnforcementCase, Todo
from cases.services.common import check_not_before, check_not_future, court_today, raise_if
from cases.services.enforcement import case_resume, lock_case
from cases.services.timeline import record_event
from cases.services.todos import iter_batches, todo_create_once, todos_close
from pushes.choices import FeedbackKind
from pushes.models import PushFeedback
from sanctions.models import Violation
from wanian_exec.errors import RuleViolation

from ..choices import ReinquiryStatus, TriggerKind, TriggerStatus
from ..models import Reinquiry, ResumeTrigger

TODO_PREFIX = "consider_resume"


def resumptions_of(case_ref: str = "pk"):
    return EnforcementCase.objects.filter(resumed_from=OuterRef(case_ref))


def in_stock(case: EnforcementCase) -> bool:
    """A 终本 case not resumed: the stock the campaign clears."""
    return case.closure_method == ClosureMethod.TERMINATED_CURRENT and not case.resumptions.exists()


def trigger_record(*, case: EnforcementCase, kind: str, source_key: str, occurred_on: dt.date, evidence: str,
                   amount: Decimal | None = None, actor=None, **links) -> tuple[ResumeTrigger, bool]:
    """Record one piece of evidence (idempotent per case and source) and give the judge a to-do to consider
    resumption. `links`: asset, feedback or violation (or their *_id)."""
    with transaction.atomic():
        trigger, created = ResumeTrigger.objects.get_or_create(
            case=case, source_key=source_key,
            defaults=dict(court_id=case.court_id, kind=kind, occurred_on=occurred_on, evidence=evidence[:4000],
                          amount=amount, recorded_by=actor, **links))
        if not created:
            return trigger, False
        todo, _new = todo_create_once(
            court_id=case.court_id, dedupe_key=f"{TODO_PREFIX}:{case.pk}:{source_key}"[:128],
            assignee_id=case.judge_id, kind=TodoKind.OTHER, enforcement_case_id=case.pk,
            due_on=occurred_on + dt.timedelta(days=rules.LEAD_CHECK_DAYS),
            title=(_("考虑恢复执行：%(number)s（%(kind)s）%(evidence)s")
                   % {"number": case.number, "kind": TriggerKind(kind).label, "evidence": evidence})[:255])
        trigger.todo = todo
        trigger.save(update_fields=["todo", "updated_at"])
    return trigger, True


@transaction.atomic
def applicant_request_record(*, case: EnforcementCase, actor, received_on: dt.date, content: str) -> ResumeTrigger:
    """The applicant asks for resumption (e.g. names new property): on the timeline, and a trigger."""
    case = lock_case(case)
    if not in_stock(case):
        raise RuleViolation(_("只有尚未恢复执行的终本案件可以登记恢复执行申请。"), code="not_in_stock")
    errors: dict = {}
    content = (content or "").strip()
    if not content:
        errors["content"] = [_("请写明申请内容（如新发现的财产线索）。")]
    check_not_future(received_on, "received_on", errors)
    check_not_before(received_on, case.closed_on, "received_on", errors, _("申请日期不能早于终本日期。"))
    raise_if(errors)
    event = record_event(case=case, kind=EventKind.NOTE, occurred_on=received_on, actor=actor,
                         note=_("申请执行人申请恢复执行：%(c)s") % {"c": content})
    trigger, _created = trigger_record(case=case, kind=TriggerKind.APPLICANT_REQUEST, source_key=f"request:{event.pk}",
                                       occurred_on=received_on, evidence=content, actor=actor)
    return trigger


def trigger_from_feedback(feedback: PushFeedback) -> ResumeTrigger | None:
    """An effective push lead on a 终本 case in the stock (called when the judge marks it effective, and by the sweep)."""
    if feedback.kind != FeedbackKind.LEAD or not feedback.effective:
        return None
    case = feedback.case
    if not in_stock(case) or feedback.created_at.date() < case.closed_on:
        return None
    evidence = _("推送反馈线索（%(who)s）：%(c)s") % {"who": feedback.submitter or _("推送对象"), "c": feedback.content}
    return trigger_record(case=case, kind=TriggerKind.PUSH_LEAD, source_key=f"feedback:{feedback.pk}",
                          occurred_on=(feedback.reviewed_at or feedback.created_at).date(), evidence=evidence,
                          feedback=feedback)[0]


def scan_triggers(*, court_id: int | None = None) -> dict:
    """Triggers the sweep finds without a signal: travel violations (written by one set-based match query) and
    effective push leads not yet turned into triggers, on stock cases, since closure. Batched by primary key."""
    stock = dict(case__closure_method=ClosureMethod.TERMINATED_CURRENT)
    violations = Violation.objects.filter(travelled_on__gte=F("case__closed_on"), **stock).exclude(
        Exists(resumptions_of("case_id"))).exclude(Exists(ResumeTrigger.objects.filter(violation_id=OuterRef("pk"))))
    feedback = PushFeedback.objects.filter(kind=FeedbackKind.LEAD, effective=True,
                                           created_at__date__gte=F("case__closed_on"), **stock).exclude(
        Exists(resumptions_of("case_id"))).exclude(Exists(ResumeTrigger.objects.filter(feedback_id=OuterRef("pk"))))
    if court_id is not None:
        violations, feedback = violations.filter(court_id=court_id), feedback.filter(court_id=court_id)
    found = {"travel_violation": 0, "push_lead": 0}
    for batch in iter_batches(violations, "case_id"):
        rows = Violation.objects.filter(pk__in=[r["pk"] for r in batch]).select_related(
            "case", "party", "travel_record").order_by("pk")
        for violation in rows:
            record = violation.travel_record
            evidence = _("%(name)s于%(d)s违反限制消费令出行：%(mode)s %(route)s %(seat)s") % {
                "name": violation.party.name, "d": violation.travelled_on, "mode": record.get_mode_display(),
                "route": record.route, "seat": record.seat_class}
            found["travel_violation"] += trigger_record(
                case=violation.case, kind=TriggerKind.TRAVEL_VIOLATION, source_key=f"violation:{violation.pk}",
                occurred_on=violation.travelled_on, evidence=evidence, violation_id=violation.pk)[1]
    for batch in iter_batches(feedback, "case_id"):
        for item in PushFeedback.objects.filter(pk__in=[r["pk"] for r in batch]).select_related("case").order_by("pk"):
            found["push_lead"] += trigger_from_feedback(item) is not None
    return found


@transaction.atomic
def trigger_dismiss(*, trigger: ResumeTrigger, actor, reason: str) -> ResumeTrigger:
    """The judge decides the evidence does not warrant resumption (recorded with the reason)."""
    trigger = ResumeTrigger.objects.select_for_update().get(pk=trigger.pk)
    if not (reason or "").strip():
        raise_if({"reason": [_("请写明不予恢复执行的理由。")]})
    if trigger.status != TriggerStatus.OPEN:
        raise RuleViolation(_("该线索已处理。"), code="trigger_settled")
    trigger.status = TriggerStatus.DISMISSED
    trigger.save(update_fields=["status", "updated_at"])
    record_event(case=trigger.case, kind=EventKind.NOTE, occurred_on=court_today(), actor=actor,
                 note=_("恢复执行线索（%(kind)s）经研判不予恢复：%(r)s") % {"kind": trigger.get_kind_display(),
                                                                "r": reason.strip()})
    if trigger.todo_id:
        todos_close(queryset=Todo.objects.filter(pk=trigger.todo_id), actor=actor)
    return trigger


@transaction.atomic
def clearance_resume(*, case: EnforcementCase, actor, filed_on: dt.date, version: int | None = None
                     ) -> EnforcementCase:
    """Resume a 终本 case: the 执恢 case (cases.services.enforcement.case_resume — linked, numbered, carrying
    parties, outstanding amount and assets; only the case's judge or a leader); then, from the case's post_save
    (clearance.signals, so every way of resuming does it), every open trigger is settled, the consider-resumption
    to-dos ticked off and the scheduled re-inquiries cancelled. One transaction: all of it or none."""
    check: dict = {}
    check_not_future(filed_on, "filed_on", check)
    raise_if(check)
    return case_resume(case=case, actor=actor, filed_on=filed_on, version=version)  # clearance.signals settles


def settle_resumed(*, case_id: int, actor=None) -> None:
    """A resumed case's open triggers are settled, their to-dos ticked off, its open re-inquiries cancelled."""
    triggers = ResumeTrigger.objects.filter(case_id=case_id, status=TriggerStatus.OPEN)
    todo_ids = [pk for pk in triggers.values_list("todo_id", flat=True) if pk]
    triggers.update(status=TriggerStatus.RESUMED)
    todos_close(queryset=Todo.objects.filter(pk__in=todo_ids), actor=actor)
    Reinquiry.objects.filter(case_id=case_id, status__in=[ReinquiryStatus.PENDING, ReinquiryStatus.FAILED]).update(
        status=ReinquiryStatus.CANCELLED)
