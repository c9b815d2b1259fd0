"""Reads of the statistics: which courts a user may see figures of, and the scoped rows the metrics read.

Tenancy: `stats_courts_visible_to` starts from `cases.selectors.restrict_to_user` (the one place tenancy is
decided: a user sees their own court, a system admin every court) and adds, for holders of
`cases.view_statistics` (leaders, court admins), the courts under theirs (Court.parent, any depth). Every
scoped queryset below is limited to courts a parsed StatsFilter carries, and a StatsFilter only carries courts
that function returned (stats.filters.parse_filter).
"""
import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from cases import rules
from cases.choices import CaseStatus, EventKind
from cases.models import (AssetInquiry, CaseEvent, Court, EnforcementCase, FundEntry, LitigationCase, Outcome, Party,
                          Urging, User)
from cases.selectors import restrict_to_user
from pushes.models import PushItem
from sanctions.models import Sanction
from wanian_exec.metrics import Source

VIEW_STATISTICS = "cases.view_statistics"


def court_tree() -> dict[int | None, list[int]]:
    """Each court's id under its parent's (None for the top): one query (a province has about a hundred courts)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Court.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    return children


def court_descendants(court_id: int, tree: dict[int | None, list[int]] | None = None) -> set[int]:
    """The court and every court under it, from `tree` (court_tree()) or read now."""
    children = court_tree() if tree is None else tree
    found, todo = set(), [court_id]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        todo.extend(children.get(current, []))
    return found


def stats_courts_visible_to(user) -> QuerySet:
    """Courts whose statistics `user` may see: their own (restrict_to_user); with `cases.view_statistics`
    also every court under theirs; a system admin every court; nobody else anything."""
    own = restrict_to_user(Court.objects.all(), user)
    if not (user and user.is_authenticated) or user.is_superuser or not user.court_id:
        return own
    if not user.has_perm(VIEW_STATISTICS):
        return own
    return Court.objects.filter(pk__in=court_descendants(user.court_id))


# --- scoped rows ---------------------------------------------------------------------------------------------
# A source's rows narrowed by a filter's judge, case type, township and channel; the courts are the metric
# registry's to apply (wanian_exec.metrics.Registry.scope). `case` is the path from a row to its enforcement case
# ("" for the case itself).


def _respondent_in_township(case_ref: str, township_id: int):
    through = EnforcementCase.respondents.through
    return Exists(through.objects.filter(enforcementcase_id=OuterRef(case_ref or "pk"),
                                         party__township_id=township_id))


def _case_filters(f, case: str) -> Q:
    prefix = f"{case}__" if case else ""
    q = Q()
    if f.judge:
        q &= Q(**{f"{prefix}judge_id": f.judge})
    if f.case_type:
        q &= Q(**{f"{prefix}case_type": f.case_type})
    return q


def scoped(queryset: QuerySet, f, case: str) -> QuerySet:
    conditions = _case_filters(f, case)
    if conditions:  # no judge, no case type: no clone of the queryset for nothing
        queryset = queryset.filter(conditions)
    if f.township:
        queryset = queryset.filter(_respondent_in_township(f"{case}_id" if case else "pk", f.township))
    return queryset


def enforcement_scope(f) -> QuerySet:
    return scoped(EnforcementCase.objects.all(), f, "")


def fund_scope(f) -> QuerySet:
    return scoped(FundEntry.objects.all(), f, "case")


def sanction_scope(f) -> QuerySet:
    return scoped(Sanction.objects.all(), f, "case")


def push_scope(f) -> QuerySet:
    queryset = scoped(PushItem.objects.all(), f, "case")
    return queryset.filter(channel=f.channel) if f.channel else queryset


def inquiry_scope(f) -> QuerySet:
    return scoped(AssetInquiry.objects.all(), f, "case")


def _litigation_narrowed(queryset: QuerySet, f, case: str = "") -> QuerySet:
    """The judge filter is the litigation case's trial judge, the township a defendant's; `case` is the path from
    the queryset's rows to their litigation case ("" for the cases themselves)."""
    prefix, outer = (f"{case}__", f"{case}_id") if case else ("", "pk")
    if f.judge:
        queryset = queryset.filter(**{f"{prefix}trial_judge_id": f.judge})
    if f.township:
        through = LitigationCase.defendants.through
        queryset = queryset.filter(Exists(through.objects.filter(litigationcase_id=OuterRef(outer),
                                                                 party__township_id=f.township)))
    return queryset


def litigation_scope(f) -> QuerySet:
    """Litigation (source) cases: the enforcement case type does not apply."""
    return _litigation_narrowed(LitigationCase.objects.all(), f)


def outcome_scope(f) -> QuerySet:
    """Judgments and mediations of litigation cases in scope, read by their own court (Outcome.court, the case's):
    one court's outcomes of a period are one index range, whatever the province's size."""
    return _litigation_narrowed(Outcome.objects.all(), f, "case")


def urging_scope(f) -> QuerySet:
    """Urgings before enforcement (执前督促): those recorded on litigation cases in scope, read by their own court
    (Urging.court, which cases.services.case_work.urging_record sets to the case's)."""
    urgings = Urging.objects.filter(litigation_case__isnull=False)
    if f.judge or f.township:
        urgings = urgings.filter(litigation_case__in=litigation_scope(f).values("pk"))
    return urgings


# name: the rows, the path to their court (rows with a court column of their own — fund entries, sanctions, push
# items, outcomes, urgings — are filtered on it: its index serves the court and the date together, and the services
# keep it equal to the case's court), the path to their case, the case model
SOURCES = {
    "enforcement": Source(enforcement_scope, "court_id", "", EnforcementCase),
    "funds": Source(fund_scope, "court_id", "case", EnforcementCase),
    "sanctions": Source(sanction_scope, "court_id", "case", EnforcementCase),
    "pushes": Source(push_scope, "court_id", "case", EnforcementCase),
    "inquiries": Source(inquiry_scope, "case__court_id", "case", EnforcementCase),
    "litigation": Source(litigation_scope, "court_id", "", LitigationCase),
    "outcomes": Source(outcome_scope, "court_id", "case", LitigationCase),
    "urgings": Source(urging_scope, "court_id", "litigation_case", LitigationCase),
}


# --- drill-down lists ------------------------------------------------------------------------------------------


def enforcement_list(queryset: QuerySet) -> QuerySet:
    """A drill-down page of enforcement cases: a fixed number of queries whatever the page size."""
    from django.db.models import Prefetch

    parties = Party.objects.only("id", "name", "kind", "id_number", "credit_code")
    return queryset.select_related("court", "judge").prefetch_related(
        Prefetch("applicants", queryset=parties), Prefetch("respondents", queryset=parties),
    ).order_by("-filed_on", "-pk")


def litigation_list(queryset: QuerySet) -> QuerySet:
    parties = Party.objects.only("id", "name", "kind", "id_number", "credit_code")
    from django.db.models import Prefetch

    return queryset.select_related("court", "trial_judge", "outcome").prefetch_related(
        Prefetch("plaintiffs", queryset=parties), Prefetch("defendants", queryset=parties),
    ).order_by("-filed_on", "-pk")


# --- the judge's own dashboard ----------------------------------------------------------------------------------


def my_cases(user) -> QuerySet:
    """The cases the user handles as enforcement judge (tenancy first, then the judge)."""
    return restrict_to_user(EnforcementCase.objects.all(), user).filter(judge=user)


def my_status_counts(user) -> dict[str, int]:
    rows = my_cases(user).order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def my_running_cases(user) -> QuerySet:
    # a suspended case's clock is stopped (suspension does not count towards the limit)
    return my_cases(user).exclude(status__in=[CaseStatus.CLOSED, CaseStatus.SUSPENDED])


def my_deadlines_within(user, today: dt.date, days: int) -> QuerySet:
    return enforcement_list(my_running_cases(user).filter(
        deadline_on__gte=today, deadline_on__lte=today + dt.timedelta(days=days))).order_by("deadline_on", "pk")


def _event_count(kind: str, **extra) -> Count:
    return Count("events", filter=Q(events__kind=kind, **{f"events__{k}": v for k, v in extra.items()}))


def overdue_node_conditions(today: dt.date) -> dict[str, Q]:
    """The node limits (cases.rules) a running case has missed, each a condition on an annotated queryset:
    notice and property report order within 3 days of filing, a property lead checked within 7 days, the
    time limit itself."""
    node_day = today - dt.timedelta(days=rules.NOTICE_DAYS)
    return {
        "notice": Q(filed_on__lt=node_day) & ~Exists(CaseEvent.objects.filter(case=OuterRef("pk"),
                                                                              kind=EventKind.NOTICE_SERVED)),
        "report_order": Q(filed_on__lt=node_day) & ~Exists(CaseEvent.objects.filter(
            case=OuterRef("pk"), kind=EventKind.REPORT_ORDER_SERVED)),
        # leads are checked first in, first out: more leads older than 7 days than checks → one is waiting
        # (lead_backlog is annotated by my_overdue_nodes)
        "lead": Q(lead_backlog__gt=0),
        "deadline": Q(deadline_on__lt=today),
    }


def my_overdue_nodes(user, today: dt.date) -> QuerySet:
    """Running cases of the user with at least one missed node; `overdue_*` booleans say which."""
    from django.db.models import BooleanField, ExpressionWrapper, F

    conditions = overdue_node_conditions(today)
    queryset = my_running_cases(user).annotate(
        n_old_leads=_event_count(EventKind.LEAD_RECEIVED,
                                 occurred_on__lte=today - dt.timedelta(days=rules.LEAD_CHECK_DAYS)),
        n_checks=_event_count(EventKind.LEAD_CHECKED),
    ).annotate(lead_backlog=F("n_old_leads") - F("n_checks"))
    queryset = queryset.annotate(**{
        f"overdue_{name}": ExpressionWrapper(condition, output_field=BooleanField())
        for name, condition in conditions.items()
    })
    any_overdue = Q()
    for condition in conditions.values():
        any_overdue |= condition
    return enforcement_list(queryset.filter(any_overdue)).order_by("deadline_on", "pk")


def judges_by_id(ids) -> dict[int, User]:
    return {u.pk: u for u in User.objects.filter(pk__in=[i for i in ids if i])}
