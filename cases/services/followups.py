"""Daily follow-ups that put overdue work on the judges' to-do lists (each idempotent through dedupe keys).

- `urging_followups` (强制与督促同步): a promise or a written deadline (限期履行) passed with nothing paid.
- `node_limits` (线上与线下同步): the property report order not served within 3 days of filing, property leads not
  checked within 7 days (3 if urgent), and money received but not paid out to the applicant within 30 days.
  (The execution notice's 3 days are the existing `deadlines` job's.)
"""
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Sum
from django.utils.translation import gettext as _

from .. import rules
from ..choices import AssetStatus, AuctionResult, CaseStatus, EventKind, FundDirection, TodoKind, UrgingChannel
from ..models import (AuctionRound, CaseEvent, EnforcementCase, FundEntry, Obligation, Urging,
                      VoluntaryPayment)
from ..selectors import has_event
from .common import court_today
from .todos import iter_batches, todo_create_once

FOLLOW_UP_LOOKBACK_DAYS = 30  # promises that passed longer ago than this are no longer chased daily
LEAD_LOOKBACK_DAYS = 90
OPEN = [CaseStatus.FILED, CaseStatus.IN_PROGRESS]


def urging_followups(*, today: dt.date | None = None, court_id: int | None = None) -> dict:
    today = today or court_today()
    passed = Urging.objects.filter(follow_up_on__lt=today,
                                   follow_up_on__gte=today - dt.timedelta(days=FOLLOW_UP_LOOKBACK_DAYS))
    if court_id is not None:
        passed = passed.filter(court_id=court_id)
    # kept: something was paid between the urging and the promised day / deadline
    paid_in_litigation = VoluntaryPayment.objects.filter(case=OuterRef("litigation_case"),
                                                         paid_on__gte=OuterRef("occurred_on"),
                                                         paid_on__lte=OuterRef("follow_up_on"))
    paid_in_enforcement = FundEntry.objects.filter(case=OuterRef("enforcement_case"), direction=FundDirection.IN,
                                                   occurred_on__gte=OuterRef("occurred_on"),
                                                   occurred_on__lte=OuterRef("follow_up_on"))
    missed = passed.exclude(Exists(paid_in_litigation)).exclude(Exists(paid_in_enforcement)).exclude(
        enforcement_case__status=CaseStatus.CLOSED)
    summary = {"checked_on": today.isoformat(), "missed": 0, "fully_performed": 0, "promise_missed_created": 0}
    for batch in iter_batches(missed, "court", "channel", "occurred_on", "promised_on", "deadline_on", "follow_up_on",
                              "party__name", "actor", "litigation_case", "litigation_case__number",
                              "litigation_case__trial_judge", "enforcement_case", "enforcement_case__number",
                              "enforcement_case__judge"):
        performed = _fully_performed({row["litigation_case"] for row in batch if row["litigation_case"]})
        for row in batch:
            if row["litigation_case"] in performed:
                summary["fully_performed"] += 1
                continue
            summary["missed"] += 1
            assignee = row["enforcement_case__judge"] or row["litigation_case__trial_judge"] or row["actor"]
            if not assignee:
                continue
            number = row["enforcement_case__number"] or row["litigation_case__number"]
            if row["channel"] == UrgingChannel.DEADLINE_NOTICE and row["deadline_on"] == row["follow_up_on"]:
                title = _("%(number)s %(party)s：限期履行通知（%(on)s）所限%(due)s已届满，未见履行")
            else:
                title = _("%(number)s %(party)s：%(on)s督促时承诺%(due)s前履行，期满未见履行")
            summary["promise_missed_created"] += todo_create_once(
                court_id=row["court"], dedupe_key=f"promise_missed:{row['pk']}", assignee_id=assignee,
                kind=TodoKind.PROMISE_MISSED, enforcement_case_id=row["enforcement_case"],
                litigation_case_id=row["litigation_case"], due_on=row["follow_up_on"],
                title=title % {"number": number, "party": row["party__name"], "on": row["occurred_on"],
                               "due": row["follow_up_on"]},
            )[1]
    return summary


def _fully_performed(case_ids: set) -> set:
    """Litigation cases whose payments cover the whole plan: a missed date no longer matters."""
    if not case_ids:
        return set()
    owed = dict(Obligation.objects.filter(outcome__case_id__in=case_ids).values("outcome__case").annotate(
        s=Sum("amount")).values_list("outcome__case", "s"))
    paid = dict(VoluntaryPayment.objects.filter(case_id__in=case_ids).values("case").annotate(
        s=Sum("amount")).values_list("case", "s"))
    return {case_id for case_id, total in owed.items()
            if Decimal(str(paid.get(case_id) or 0)) >= Decimal(str(total or 0))}


def node_limits(*, today: dt.date | None = None, court_id: int | None = None) -> dict:
    today = today or court_today()
    cases = EnforcementCase.objects.filter(status__in=OPEN, judge__isnull=False)
    if court_id is not None:
        cases = cases.filter(court_id=court_id)
    summary = {"checked_on": today.isoformat(), "report_order_overdue_created": 0, "lead_overdue_created": 0,
               "payout_overdue_created": 0}

    # the property report order, with the execution notice, within 3 days of filing
    late_report = cases.filter(filed_on__lt=today - dt.timedelta(days=rules.NOTICE_DAYS)).exclude(
        has_event(EventKind.REPORT_ORDER_SERVED))
    for batch in iter_batches(late_report, "court", "judge", "number", "filed_on"):
        for row in batch:
            summary["report_order_overdue_created"] += todo_create_once(
                court_id=row["court"], dedupe_key=f"report_order_overdue:{row['pk']}", assignee_id=row["judge"],
                kind=TodoKind.NODE_OVERDUE, enforcement_case_id=row["pk"],
                due_on=row["filed_on"] + dt.timedelta(days=rules.NOTICE_DAYS),
                title=_("%(number)s 立案已逾3日，尚未送达报告财产令") % {"number": row["number"]},
            )[1]

    # property leads: 5 days, the same day if urgent (rules.lead_check_due_on); the k-th check answers the k-th lead of the case
    leads = CaseEvent.objects.filter(
        kind=EventKind.LEAD_RECEIVED, case__in=cases,
        occurred_on__gte=today - dt.timedelta(days=LEAD_LOOKBACK_DAYS),
        occurred_on__lt=today - dt.timedelta(days=rules.URGENT_LEAD_CHECK_DAYS))
    for batch in iter_batches(leads, "case"):
        case_ids = {row["case"] for row in batch}
        summary["lead_overdue_created"] += _lead_todos(case_ids, {row["pk"] for row in batch}, today)

    # money received, not paid out within 30 days (only cases holding a balance: a partial index)
    holding = cases.filter(amount_recovered__gt=F("amount_paid_out"))
    for batch in iter_batches(holding, "court", "judge", "number"):
        summary["payout_overdue_created"] += _payout_todos(batch, today)

    summary["reauction_due_created"] = _reauction_todos(cases, today)
    return summary


def _reauction_todos(cases, today: dt.date) -> int:
    """A round that failed (流拍) and has no next round yet: re-auction within 30 days (rules.reauction_due_on). The
    to-do comes as soon as the round fails, due on the last day."""
    failed = AuctionRound.objects.filter(
        result=AuctionResult.UNSOLD, round_no__lt=rules.MAX_AUCTION_ROUNDS, asset__status=AssetStatus.UNSOLD,
        asset__case__in=cases, result_on__gte=today - dt.timedelta(days=LEAD_LOOKBACK_DAYS),
    ).values("pk", "round_no", "result_on", "asset__description", "asset__case", "asset__case__court",
             "asset__case__judge", "asset__case__number").order_by("pk")
    created = 0
    for row in failed:
        due_on = rules.reauction_due_on(round_no=row["round_no"], failed_on=row["result_on"])
        created += todo_create_once(
            court_id=row["asset__case__court"], dedupe_key=f"reauction_due:{row['pk']}",
            assignee_id=row["asset__case__judge"], kind=TodoKind.REAUCTION_DUE,
            enforcement_case_id=row["asset__case"], due_on=due_on,
            title=_("%(number)s “%(asset)s”第%(n)d次拍卖流拍，应于%(due)s前再次拍卖") % {
                "number": row["asset__case__number"], "asset": row["asset__description"], "n": row["round_no"],
                "due": due_on},
        )[1]
    return created


def _lead_todos(case_ids: set, lead_ids: set, today: dt.date) -> int:
    rows = CaseEvent.objects.filter(case_id__in=case_ids, kind__in=[EventKind.LEAD_RECEIVED, EventKind.LEAD_CHECKED]
                                    ).order_by("occurred_on", "pk").values(
        "pk", "case", "kind", "occurred_on", "urgent", "note", "case__court", "case__judge", "case__number")
    by_case = defaultdict(list)
    for row in rows:
        by_case[row["case"]].append(row)
    created = 0
    for events in by_case.values():
        leads = [(e["pk"], e["occurred_on"], e["urgent"]) for e in events if e["kind"] == EventKind.LEAD_RECEIVED]
        checks = [e["occurred_on"] for e in events if e["kind"] == EventKind.LEAD_CHECKED]
        first = events[0]
        for pk, due_on, checked_on in rules.pair_leads_with_checks(leads, checks):
            if pk not in lead_ids or rules.node_state(due_on=due_on, done_on=checked_on, today=today) != "overdue":
                continue
            created += todo_create_once(
                court_id=first["case__court"], dedupe_key=f"lead_overdue:{pk}", assignee_id=first["case__judge"],
                kind=TodoKind.NODE_OVERDUE, enforcement_case_id=first["case"], due_on=due_on,
                title=_("%(number)s 财产线索应于%(due)s前核查，已超期") % {"number": first["case__number"], "due": due_on},
            )[1]
    return created


def _payout_todos(batch, today: dt.date) -> int:
    funds = defaultdict(list)
    for case_id, direction, on, amount in FundEntry.objects.filter(case_id__in=[r["pk"] for r in batch]).values_list(
            "case", "direction", "occurred_on", "amount"):
        funds[case_id].append((direction, on, amount))
    created = 0
    for row in batch:
        entries = funds[row["pk"]]
        states = rules.payout_states([(d, a) for k, d, a in entries if k == FundDirection.IN],
                                     [(d, a) for k, d, a in entries if k == FundDirection.OUT], today=today)
        overdue = [s for s in states if s.status == "overdue"]
        if not overdue:
            continue
        oldest = overdue[0]
        total = sum((s.outstanding for s in overdue), start=Decimal("0"))
        created += todo_create_once(
            court_id=row["court"], dedupe_key=f"payout_overdue:{row['pk']}:{oldest.due_on.isoformat()}",
            assignee_id=row["judge"], kind=TodoKind.PAYOUT_OVERDUE, enforcement_case_id=row["pk"],
            due_on=oldest.due_on,
            title=_("%(number)s 执行款%(amount)s元（%(on)s到账）逾30日未发放申请执行人")
            % {"number": row["number"], "amount": f"{total:,.2f}", "on": oldest.received_on},
        )[1]
    return created


__all__ = ["node_limits", "urging_followups"]
