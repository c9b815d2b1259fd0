"""Reads of the clearance app. Every queryset starts from cases.selectors.restrict_to_user (tenancy)."""
import datetime as dt

from django.db.models import (Count, DecimalField, Exists, ExpressionWrapper, F, IntegerField, Max, OuterRef, Prefetch,
                              Q, QuerySet, Subquery, Value)
from django.db.models.functions import Coalesce

from cases import rules
from cases.choices import ClosureMethod, EventKind, InquiryChannel
from cases.models import AssetInquiry, CaseEvent, EnforcementCase, Party
from cases.selectors import restrict_to_user

from .choices import TriggerStatus
from .models import ClosureReview, ClosureReviewItem, Reinquiry, ResumeTrigger
from .schedule import schedule_state


def _count(queryset) -> Subquery:
    return Coalesce(Subquery(queryset.order_by().values("case_id").annotate(n=Count("pk")).values("n")[:1],
                             output_field=IntegerField()), Value(0))


def terminated_cases_visible_to(user) -> QuerySet:
    """Every 终本 case of the user's court (resumed or not)."""
    return restrict_to_user(EnforcementCase.objects.filter(closure_method=ClosureMethod.TERMINATED_CURRENT), user)


def library(user) -> QuerySet:
    """The 终本 library: each case with what its row shows, in a fixed number of queries per page —
    the last online inquiry since closure, leads since closure (leads received on the timeline and every piece of
    resume evidence: the evidence list of the case's page), open resume triggers, the resumption, the outstanding
    amount; debtors and applicants prefetched."""
    parties = Party.objects.only("id", "name", "kind", "id_number", "credit_code", "township_id")
    last_inquiry = AssetInquiry.objects.filter(case=OuterRef("pk"), channel=InquiryChannel.ONLINE,
                                               requested_on__gte=OuterRef("closed_on"))
    leads = CaseEvent.objects.filter(case=OuterRef("pk"), kind=EventKind.LEAD_RECEIVED,
                                     occurred_on__gte=OuterRef("closed_on"))
    evidence = ResumeTrigger.objects.filter(case=OuterRef("pk"))
    triggers = ResumeTrigger.objects.filter(case=OuterRef("pk"), status=TriggerStatus.OPEN)
    resumed = EnforcementCase.objects.filter(resumed_from=OuterRef("pk"))
    return terminated_cases_visible_to(user).select_related("judge").prefetch_related(
        Prefetch("respondents", queryset=parties), Prefetch("applicants", queryset=parties),
    ).annotate(
        last_inquiry_on=Subquery(last_inquiry.order_by().values("case_id").annotate(d=Max("requested_on"))
                                 .values("d")[:1]),
        leads_since=ExpressionWrapper(_count(leads) + _count(evidence), output_field=IntegerField()),
        open_triggers=_count(triggers),
        resumed_number=Subquery(resumed.values("number")[:1]),
        resumed_id=Subquery(resumed.values("pk")[:1]),
        resumed_on=Subquery(resumed.values("filed_on")[:1]),
        outstanding=ExpressionWrapper(F("amount_claimed") - F("amount_recovered"),
                                      output_field=DecimalField(max_digits=14, decimal_places=2)),
    ).order_by("-closed_on", "-pk")


def with_schedule(cases, today: dt.date) -> list:
    """Attach each case's schedule state (last/next due date, overdue) to a page of library rows."""
    rows = list(cases)
    for case in rows:
        case.schedule = schedule_state(case.closed_on, last_inquiry_on=case.last_inquiry_on, today=today,
                                       resumed_on=case.resumed_on)
    return rows


def overdue_condition(today: dt.date) -> Q:
    """In the schedule (closed 6 months to 5 years ago) with no online inquiry since the latest due date could
    have been: none in the last 6 months (the same test as stats.metrics.stock_reinquiry_overdue); a resumed case
    has left the schedule."""
    since = rules.add_months(today, -rules.REINQUIRY_INTERVAL_MONTHS)
    recent = AssetInquiry.objects.filter(case=OuterRef("pk"), channel=InquiryChannel.ONLINE, requested_on__gt=since)
    return (Q(closed_on__lt=since, closed_on__gte=rules.add_months(today, -12 * rules.REINQUIRY_YEARS))
            & ~Exists(recent) & ~Exists(EnforcementCase.objects.filter(resumed_from=OuterRef("pk"))))


def case_schedule_rows(case) -> QuerySet:
    return Reinquiry.objects.filter(case=case).order_by("due_on")


def case_triggers(case) -> QuerySet:
    return ResumeTrigger.objects.filter(case=case).select_related("asset", "todo", "recorded_by").order_by(
        "-occurred_on", "-pk")


def triggers_visible_to(user) -> QuerySet:
    return restrict_to_user(ResumeTrigger.objects.select_related("case", "case__judge", "asset"), user,
                            court_path="court")


def reviews_visible_to(user) -> QuerySet:
    return restrict_to_user(ClosureReview.objects.select_related("created_by"), user, court_path="court")


def review_items(review) -> QuerySet:
    parties = Party.objects.only("id", "name")
    return ClosureReviewItem.objects.filter(review=review).select_related("case", "case__judge", "reviewed_by") \
        .prefetch_related(Prefetch("case__respondents", queryset=parties)).order_by("pk")


def review_items_visible_to(user) -> QuerySet:
    return restrict_to_user(ClosureReviewItem.objects.select_related("review", "case"), user,
                            court_path="review__court")
