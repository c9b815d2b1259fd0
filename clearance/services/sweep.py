"""The daily `reinquiries` job: after 终本 the court re-queries the debtor's property online every 6 months for
5 years (SPC 2016 终本 provisions art. 9; the dates are cases.rules.reinquiry_dates).

Three steps, each idempotent and batched, none loading the stock:

1. schedule — every stock case within its 5 years whose latest due round (clearance.schedule.current_windows
   inverts the schedule into one closure-date range per round, read through the index on (court, closure_method,
   closed_on)) has no re-inquiry yet gets one Reinquiry row for that round — however long ago it fell due, so a
   sweep that never ran, or a court brought in with its stock, catches up in one run; the unique constraint makes
   a rerun harmless. A case whose judge queried online after the latest due date of its range is skipped in SQL;
2. perform — open rows due by today, oldest due date first, in batches (partial index on due_on), are sent
   through the inquiry provider (cases.services.case_work.case_request_inquiry: the inquiry, the assets found and
   the timeline), each in its own transaction; property found raises a resume trigger; the applicant is told
   through the notifier adapter (enqueued through the outbox, i.e. on commit); rows still open after their due
   date are flagged overdue;
3. triggers — travel violations and effective push leads on stock cases become resume triggers.

A judge runs the same re-inquiry for one case from the 终本 page (`reinquiry_by_hand`).
"""
import datetime as dt
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from cases.choices import ClosureMethod, EventKind, InquiryChannel, InquiryScope, TodoKind
from cases.models import Asset, AssetInquiry, Court, EnforcementCase
from cases.rules import REQUIRED_INQUIRY_SCOPES
from cases.services.case_work import case_request_inquiry
from cases.services.common import court_today
from cases.services.timeline import record_event
from cases.services.todos import iter_batches, todo_create_once
from outbox import enqueue
from wanian_exec.errors import RuleViolation

from ..choices import ReinquiryStatus, TriggerKind
from ..models import Reinquiry
from ..schedule import current_windows, due_on, first_closed_on_in_schedule, schedule_state
from .triggers import in_stock, resumptions_of, scan_triggers, trigger_record

logger = logging.getLogger(__name__)

# Cases per scheduling batch (one SELECT and one INSERT each); re-inquiries per processing batch.
SCHEDULE_BATCH = 2000
PERFORM_BATCH = 200
# A provider failure is retried on the next runs; after this many the judge gets a to-do to query by hand.
MAX_ATTEMPTS = 3
# What a re-inquiry asks: the 终本 gate's four scopes plus online payment accounts (网络查控 总对总).
REINQUIRY_SCOPES = sorted(REQUIRED_INQUIRY_SCOPES | {InquiryScope.ONLINE_PAYMENT})
OPEN = [ReinquiryStatus.PENDING, ReinquiryStatus.FAILED]


def _court_ids(court_id: int | None) -> list[int]:
    return [court_id] if court_id is not None else list(Court.objects.order_by("pk").values_list("pk", flat=True))


def reinquiries_schedule(*, today: dt.date, court_id: int | None = None) -> int:
    """Create the Reinquiry row of every stock case's latest due round that has none (due today or overdue,
    within 5 years of closure). Returns rows created."""
    created = 0
    for court in _court_ids(court_id):
        for sequence, first, last in current_windows(today):
            # an online inquiry on or after the latest due date of the range satisfies the round of every case in
            # it; one in the range's span may or may not (the per-case date): the row's perform decides
            satisfied = AssetInquiry.objects.filter(case_id=OuterRef("pk"), channel=InquiryChannel.ONLINE,
                                                    requested_on__gte=due_on(last, sequence))
            due = EnforcementCase.objects.filter(
                court_id=court, closure_method=ClosureMethod.TERMINATED_CURRENT, closed_on__gte=first,
                closed_on__lte=last,
            ).exclude(Exists(resumptions_of())).exclude(
                Exists(Reinquiry.objects.filter(case_id=OuterRef("pk"), sequence=sequence))).exclude(Exists(satisfied))
            for batch in iter_batches(due, "closed_on", size=SCHEDULE_BATCH):
                rows = [Reinquiry(court_id=court, case_id=row["pk"], sequence=sequence,
                                  due_on=due_on(row["closed_on"], sequence)) for row in batch]
                Reinquiry.objects.bulk_create(rows, ignore_conflicts=True)  # a concurrent sweep: no duplicate
                created += len(rows)
    return created


def reinquiry_perform(*, reinquiry_id: int, today: dt.date, actor=None) -> str:
    """Send one due re-inquiry (`actor`: the judge who asked, None for the sweep). Returns what happened: done,
    found, failed, cancelled or skipped."""
    with transaction.atomic():
        row = Reinquiry.objects.select_for_update().select_related("case").filter(pk=reinquiry_id).first()
        if row is None or row.status not in OPEN:
            return "skipped"
        case = row.case
        if case.closure_method != ClosureMethod.TERMINATED_CURRENT or case.resumptions.exists():
            row.status = ReinquiryStatus.CANCELLED
            row.save(update_fields=["status", "updated_at"])
            return "cancelled"
        label = _("终本后第%(n)d次定期查询（应查询日%(d)s）") % {"n": row.sequence, "d": row.due_on.isoformat()}
        # an online inquiry the judge made on or after the due date already satisfies this round
        manual = AssetInquiry.objects.filter(case=case, channel=InquiryChannel.ONLINE, requested_on__gte=row.due_on,
                                             requested_on__lte=today).order_by("requested_on").first()
        row.attempts += 1
        if manual is not None:
            row.status, row.done_on, row.error = ReinquiryStatus.DONE, manual.requested_on, ""
            row.assets_found = Asset.objects.filter(case=case, found_on__gte=row.due_on,
                                                    found_on__lte=today).count()
            row.overdue = row.done_on > row.due_on
            row.save(update_fields=["status", "done_on", "error", "assets_found", "overdue", "attempts",
                                    "updated_at"])
            return "done"
        try:
            with transaction.atomic():  # a savepoint: a provider failure leaves no half-written inquiry
                inquiries = case_request_inquiry(case=case, actor=actor, channel=InquiryChannel.ONLINE,
                                                 scopes=REINQUIRY_SCOPES, requested_on=today)
        except Exception as exc:  # the gateway is a remote system: any failure is retried on the next run
            logger.warning("re-inquiry %s of case %s failed: %r", row.pk, case.pk, exc)
            row.status, row.error = ReinquiryStatus.FAILED, repr(exc)[:255]
            row.overdue = today > row.due_on
            row.save(update_fields=["status", "error", "attempts", "overdue", "updated_at"])
            if row.attempts >= MAX_ATTEMPTS and case.judge_id:
                todo_create_once(court_id=case.court_id, dedupe_key=f"reinquiry_failed:{row.pk}",
                                 assignee_id=case.judge_id, kind=TodoKind.REINQUIRY_DUE, enforcement_case_id=case.pk,
                                 due_on=row.due_on, title=_("%(number)s %(label)s网络查控多次失败，请人工查询")
                                 % {"number": case.number, "label": label})
            return "failed"
        assets = list(Asset.objects.filter(inquiry__in=inquiries).select_related("party").order_by("pk"))
        row.status, row.done_on, row.error, row.assets_found = ReinquiryStatus.DONE, today, "", len(assets)
        row.overdue = today > row.due_on
        row.save(update_fields=["status", "done_on", "error", "assets_found", "overdue", "attempts", "updated_at"])
        record_event(case=case, kind=EventKind.NOTE, occurred_on=today, actor=actor,
                     note=_("%(label)s：查到财产%(n)d项。") % {"label": label, "n": len(assets)})
        for asset in assets:
            trigger_record(case=case, kind=TriggerKind.PROPERTY_FOUND, source_key=f"asset:{asset.pk}",
                           occurred_on=today, amount=asset.value, asset=asset,
                           evidence=_("定期查询查到%(kind)s：%(d)s %(inst)s") % {
                               "kind": InquiryScope(asset.kind).label, "d": asset.description,
                               "inst": asset.institution})
        from ..tasks import notify_applicants

        enqueue(notify_applicants, args=[row.pk])  # published when this transaction commits
        return "found" if assets else "done"


def reinquiries_perform(*, today: dt.date, court_id: int | None = None) -> dict:
    """Every open row due by today, the oldest due date first, in batches until none is left (keyset over
    (due_on, pk): a row that fails is tried once per run)."""
    counts = {"done": 0, "found": 0, "failed": 0, "cancelled": 0, "skipped": 0}
    due = Reinquiry.objects.filter(status__in=OPEN, due_on__lte=today, attempts__lt=MAX_ATTEMPTS)
    if court_id is not None:
        due = due.filter(court_id=court_id)
    after = None
    while True:
        page = due if after is None else due.filter(Q(due_on__gt=after[0]) | Q(due_on=after[0], pk__gt=after[1]))
        batch = list(page.order_by("due_on", "pk").values_list("due_on", "pk")[:PERFORM_BATCH])
        if not batch:
            return counts
        for _due, pk in batch:
            counts[reinquiry_perform(reinquiry_id=pk, today=today)] += 1
        after = batch[-1]


def reinquiries_flag_overdue(*, today: dt.date, court_id: int | None = None) -> int:
    """Flag every open re-inquiry whose due date has passed; returns how many are open and overdue."""
    overdue = Reinquiry.objects.filter(status__in=OPEN, due_on__lt=today)
    if court_id is not None:
        overdue = overdue.filter(court_id=court_id)
    overdue.filter(overdue=False).update(overdue=True)
    return overdue.count()


def reinquiries_job(court_id: int | None = None, today: dt.date | None = None) -> dict:
    """The `reinquiries` job (cases.jobs registry): schedule, perform, flag overdue, scan for triggers."""
    today = today or court_today()
    scheduled = reinquiries_schedule(today=today, court_id=court_id)
    performed = reinquiries_perform(today=today, court_id=court_id)
    overdue = reinquiries_flag_overdue(today=today, court_id=court_id)
    triggers = scan_triggers(court_id=court_id)
    return {"checked_on": today.isoformat(), "scheduled": scheduled, "due": sum(performed.values()),
            "performed": performed["done"] + performed["found"],
            "with_assets": performed["found"], "failed": performed["failed"], "cancelled": performed["cancelled"],
            "overdue": overdue, "triggers": triggers}



def reinquiry_by_hand(*, case: EnforcementCase, actor, today: dt.date | None = None) -> Reinquiry:
    """A judge runs the re-inquiry of one stock case now, the sweep's way (the provider, the note, the resume
    triggers of what it finds, the applicant told). It answers the case's latest due round when that round has no
    online inquiry yet (however late); otherwise it is an extra re-inquiry dated today. One per case and day."""
    today = today or court_today()
    if not in_stock(case):
        raise RuleViolation(_("只有尚未恢复执行的终本案件可以定期查询。"), code="not_in_stock")
    if case.closed_on < first_closed_on_in_schedule(today):
        raise RuleViolation(_("终本已满5年，定期查询已结束。"), code="schedule_ended")
    last = (AssetInquiry.objects.filter(case=case, channel=InquiryChannel.ONLINE, requested_on__gte=case.closed_on)
            .order_by("-requested_on").values_list("requested_on", flat=True).first())
    if last == today:
        raise RuleViolation(_("本案今日已进行网络查控。"), code="already_queried")
    state = schedule_state(case.closed_on, last_inquiry_on=last, today=today)
    open_round = state.last_due is not None and (last is None or last < state.last_due)
    due = state.last_due if open_round else today
    with transaction.atomic():
        row, _created = Reinquiry.objects.get_or_create(
            case=case, due_on=due, defaults={"court_id": case.court_id, "sequence": state.done_rounds,
                                             "requested_by": actor})
        if row.status not in OPEN:
            raise RuleViolation(_("本案今日已进行网络查控。"), code="already_queried")
        if row.requested_by_id is None:
            row.requested_by = actor
            row.save(update_fields=["requested_by", "updated_at"])
    outcome = reinquiry_perform(reinquiry_id=row.pk, today=today, actor=actor)
    row.refresh_from_db()
    if outcome == "failed":
        raise RuleViolation(_("网络查控未能完成（%(e)s），请稍后再试。") % {"e": row.error}, code="provider_failed")
    return row
