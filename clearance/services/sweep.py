"""The daily `reinquiries` job: after 终本 the court re-queries the debtor's property online every 6 months for
5 years (SPC 2016 终本 provisions art. 9; the dates are cases.rules.reinquiry_dates).

Three steps, each idempotent and batched, none loading the stock:

1. schedule — the cases whose next re-inquiry falls due in the last CATCH_UP_DAYS days are found by closure date
   (clearance.schedule.due_windows inverts the schedule into closure-date ranges, read through the index on
   (court, closure_method, closed_on)); one Reinquiry row per (case, due date), the unique constraint making a
   rerun harmless;
2. perform — open rows due by today (partial index on due_on) are sent through the inquiry provider
   (cases.services.case_work.case_request_inquiry: the inquiry, the assets found and the timeline), each in its
   own transaction; property found raises a resume trigger; the applicant is told through the notifier adapter
   (enqueued through the outbox, i.e. on commit); rows still open after their due date are flagged overdue;
3. triggers — travel violations and effective push leads on stock cases become resume triggers.
"""
import datetime as dt
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from cases.choices import ClosureMethod, EventKind, InquiryChannel, InquiryScope, TodoKind
from cases.models import Asset, AssetInquiry, Court, EnforcementCase
from cases.rules import REQUIRED_INQUIRY_SCOPES, reinquiry_dates
from cases.services.case_work import case_request_inquiry
from cases.services.common import court_today
from cases.services.timeline import record_event
from cases.services.todos import iter_batches, todo_create_once
from outbox import enqueue
from sanctions.tasks import roster_refresh_suppressed

from ..choices import ReinquiryStatus, TriggerKind
from ..models import Reinquiry
from ..schedule import due_on, due_windows
from ..selectors import overdue_condition
from .triggers import resumptions_of, scan_triggers, trigger_record

logger = logging.getLogger(__name__)

# Due dates up to a week back are still scheduled: a sweep that did not run for some days catches up.
CATCH_UP_DAYS = 7
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
    """Create the Reinquiry rows falling due in (today − CATCH_UP_DAYS, today]. Returns rows created."""
    windows = due_windows(today - dt.timedelta(days=CATCH_UP_DAYS), today)
    if not windows:
        return 0
    created = 0
    for court in _court_ids(court_id):
        for sequence, first, last in windows:
            # per round: the closure dates whose `sequence`-th re-inquiry is due in the window (an index range)
            due = EnforcementCase.objects.filter(
                court_id=court, closure_method=ClosureMethod.TERMINATED_CURRENT, closed_on__gte=first,
                closed_on__lte=last,
            ).exclude(Exists(resumptions_of())).exclude(
                Exists(Reinquiry.objects.filter(case_id=OuterRef("pk"), sequence=sequence)))
            for batch in iter_batches(due, "closed_on", size=SCHEDULE_BATCH):
                rows = [Reinquiry(court_id=court, case_id=row["pk"], sequence=sequence,
                                  due_on=due_on(row["closed_on"], sequence)) for row in batch]
                Reinquiry.objects.bulk_create(rows, ignore_conflicts=True)  # a concurrent sweep: no duplicate
                created += len(rows)
    return created


def reinquiries_schedule_stock(*, court_id: int, case_ids: list[int], today: dt.date) -> int:
    """终本 cases that came into the system already closed (a court's stock, imported): those whose re-inquiry is
    due — closed 6 months to 5 years ago, no online inquiry in the last 6 months (selectors.overdue_condition) —
    get the row of their latest round due by today, so the next sweep queries them the same day. The schedule step
    above only looks a week back. Returns rows created; a rerun creates none (a case with an open row is left alone,
    and the rows are unique per case and due date)."""
    due = EnforcementCase.objects.filter(
        court_id=court_id, pk__in=case_ids, closure_method=ClosureMethod.TERMINATED_CURRENT,
    ).filter(overdue_condition(today)).exclude(Exists(resumptions_of())).exclude(
        Exists(Reinquiry.objects.filter(case_id=OuterRef("pk"), status__in=OPEN)))
    rows = []
    for pk, closed_on in due.values_list("pk", "closed_on"):
        past = [day for day in reinquiry_dates(closed_on) if day <= today]
        if past:
            rows.append(Reinquiry(court_id=court_id, case_id=pk, sequence=len(past), due_on=past[-1]))
    return len(Reinquiry.objects.bulk_create(rows, ignore_conflicts=True))


def reinquiry_perform(*, reinquiry_id: int, today: dt.date) -> str:
    """Send one due re-inquiry. Returns what happened: done, found, failed, cancelled or skipped."""
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
                inquiries = case_request_inquiry(case=case, actor=None, channel=InquiryChannel.ONLINE,
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
        with roster_refresh_suppressed():  # a note changes no roster fact (sanctions.signals would recompute)
            record_event(case=case, kind=EventKind.NOTE, occurred_on=today,
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
    counts = {"done": 0, "found": 0, "failed": 0, "cancelled": 0, "skipped": 0}
    due = Reinquiry.objects.filter(status__in=OPEN, due_on__lte=today, attempts__lt=MAX_ATTEMPTS)
    if court_id is not None:
        due = due.filter(court_id=court_id)
    for batch in iter_batches(due, size=PERFORM_BATCH):
        for row in batch:
            counts[reinquiry_perform(reinquiry_id=row["pk"], today=today)] += 1
    return counts


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
    return {"checked_on": today.isoformat(), "scheduled": scheduled,
            "performed": performed["done"] + performed["found"],
            "with_assets": performed["found"], "failed": performed["failed"], "cancelled": performed["cancelled"],
            "overdue": overdue, "triggers": triggers}

