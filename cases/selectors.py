"""Reads of the cases app. `restrict_to_user` is the one place tenancy is decided.

Every queryset behind a view, viewset, export, report or job that acts for a user starts here.
"""
import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from . import rules
from .choices import AssetStatus, CaseStatus, EventKind, InquiryStatus, PartyKind
from .identity import birth_date_from_resident_id
from .models import (Asset, CaseEvent, Court, EnforcementCase, Grid, LitigationCase, Party, Todo, Township,
                     Urging, User)

# How each model reaches its court; tenancy filters on this path.
COURT_PATHS = {
    Court: "pk",
    User: "court",
    Township: "court",
    Grid: "township__court",
    Party: "court",
    LitigationCase: "court",
    EnforcementCase: "court",
    Asset: "court",
    Urging: "court",
    Todo: "court",
    CaseEvent: "case__court",
}


def restrict_to_user(queryset: QuerySet, user, *, court_path: str | None = None) -> QuerySet:
    """Rows of the user's own court; everything for a system admin; nothing for anyone else."""
    if not (user and user.is_authenticated and user.is_active):
        return queryset.none()
    if user.is_superuser:
        return queryset
    if user.court_id is None:
        return queryset.none()
    path = court_path or COURT_PATHS[queryset.model]
    return queryset.filter(**{path: user.court_id})


def courts_visible_to(user) -> QuerySet:
    return restrict_to_user(Court.objects.all(), user)


def parties_visible_to(user) -> QuerySet:
    return restrict_to_user(Party.objects.select_related("township", "grid", "employer"), user)


def litigation_cases_visible_to(user) -> QuerySet:
    return restrict_to_user(
        LitigationCase.objects.select_related("court", "trial_judge", "outcome").prefetch_related(
            "plaintiffs", "defendants", "outcome__obligations"),
        user,
    )


def enforcement_cases_visible_to(user) -> QuerySet:
    """Cases with what a list row shows, in a fixed number of queries whatever the page size."""
    return restrict_to_user(
        EnforcementCase.objects.select_related("court", "judge", "source_case", "resumed_from").prefetch_related(
            "applicants", "respondents",
        ),
        user,
    )


def search_cases(queryset: QuerySet, text: str) -> QuerySet:
    """By case number (or part of it) or by a party's name."""
    text = (text or "").strip()
    if not text:
        return queryset
    return queryset.filter(Q(number__icontains=text) | Q(party_names__icontains=text))


def open_todos_for(user) -> QuerySet:
    if not (user and user.is_authenticated):
        return Todo.objects.none()
    return restrict_to_user(Todo.objects.filter(assignee=user, done_at__isnull=True), user).select_related(
        "enforcement_case", "litigation_case")


def todo_counts_for(user) -> dict[str, int]:
    rows = open_todos_for(user).order_by().values("kind").annotate(n=Count("pk"))
    return {row["kind"]: row["n"] for row in rows}


def case_timeline(case: EnforcementCase) -> QuerySet:
    return case.events.select_related("actor", "party").order_by("occurred_on", "created_at", "pk")


def termination_facts(case: EnforcementCase, *, closing_on: dt.date) -> rules.TerminationFacts:
    """Collect from the timeline, inquiries and assets what the 终本 gate (rules.termination_unmet) needs.

    Only work dated on or before `closing_on` counts: a closure cannot rest on a step taken after it.
    """
    events = list(case.events.filter(occurred_on__lte=closing_on, kind__in=[
        EventKind.NOTICE_SERVED, EventKind.REPORT_ORDER_SERVED, EventKind.PROPERTY_REPORTED,
        EventKind.CONSUMPTION_RESTRICTED, EventKind.DISHONEST_LISTED, EventKind.LEAD_RECEIVED,
        EventKind.LEAD_CHECKED, EventKind.DEBTOR_NOT_FOUND, EventKind.DEBTOR_SEARCHED, EventKind.OBSTRUCTION,
        EventKind.OBSTRUCTION_SANCTIONED, EventKind.CRIME_REFERRED, EventKind.APPLICANT_HEARD,
    ]).order_by("occurred_on", "created_at", "pk").values("kind", "party_id", "occurred_on"))
    kinds = {e["kind"] for e in events}

    def parties_with(kind):
        return {e["party_id"] for e in events if e["kind"] == kind}

    def whole_case_or(kind, party_id):
        # an event recorded without a party applies to every respondent
        marked = parties_with(kind)
        return None in marked or party_id in marked

    scopes_by_party: dict[int, set] = {}
    for party_id, scopes in case.inquiries.filter(status=InquiryStatus.COMPLETED, requested_on__lte=closing_on
                                                  ).values_list("party_id", "scopes"):
        scopes_by_party.setdefault(party_id, set()).update(scopes)

    respondents = []
    for party in case.respondents.all():
        birth = birth_date_from_resident_id(party.id_number) if party.kind == PartyKind.PERSON else None
        respondents.append(rules.RespondentFacts(
            party_id=party.pk,
            is_minor=bool(birth and rules.add_months(birth, 18 * 12) > closing_on),
            consumption_restricted=party.pk in parties_with(EventKind.CONSUMPTION_RESTRICTED),
            dishonest_listed=party.pk in parties_with(EventKind.DISHONEST_LISTED),
            property_reported=whole_case_or(EventKind.PROPERTY_REPORTED, party.pk),
            inquired_scopes=frozenset(scopes_by_party.get(party.pk, ())),
        ))

    last_missing = max((e["occurred_on"] for e in events if e["kind"] == EventKind.DEBTOR_NOT_FOUND), default=None)
    last_searched = max((e["occurred_on"] for e in events if e["kind"] == EventKind.DEBTOR_SEARCHED), default=None)
    obstruction = EventKind.OBSTRUCTION in kinds
    sanctioned = bool(kinds & {EventKind.OBSTRUCTION_SANCTIONED, EventKind.CRIME_REFERRED})
    return rules.TerminationFacts(
        filed_on=case.filed_on,
        closing_on=closing_on,
        notice_served=EventKind.NOTICE_SERVED in kinds,
        report_order_served=EventKind.REPORT_ORDER_SERVED in kinds,
        respondents=tuple(respondents),
        leads_received=sum(1 for e in events if e["kind"] == EventKind.LEAD_RECEIVED),
        leads_checked=sum(1 for e in events if e["kind"] == EventKind.LEAD_CHECKED),
        disposable_assets=case.assets.filter(status__in=[AssetStatus.FOUND, AssetStatus.FROZEN]).count(),
        debtor_missing_unsearched=last_missing is not None and (last_searched is None or last_searched < last_missing),
        obstruction_unsanctioned=obstruction and not sanctioned,
        applicant_heard=EventKind.APPLICANT_HEARD in kinds,
    )


def cases_with_deadline_between(queryset: QuerySet, start: dt.date, end: dt.date) -> QuerySet:
    """Running cases whose time limit ends in [start, end]; suspended ones are out (their clock is stopped)."""
    return queryset.filter(status__in=[CaseStatus.FILED, CaseStatus.IN_PROGRESS], deadline_on__gte=start,
                           deadline_on__lte=end)


def has_event(kind: str):
    return Exists(CaseEvent.objects.filter(case=OuterRef("pk"), kind=kind))


# --- added for the browser UI (cases/views) ------------------------------------------------------------


def court_users_with_role(user, role: str) -> QuerySet:
    """Active users of the user's court holding a role (a group named by role code), e.g. judges for a select."""
    return restrict_to_user(User.objects.filter(is_active=True, groups__name=role), user).distinct().order_by(
        "full_name", "username")


def enforcement_status_counts(user) -> dict[str, int]:
    """Number of the court's enforcement cases in each status, one query."""
    rows = restrict_to_user(EnforcementCase.objects.all(), user).order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def party_lookup(user, text: str, *, limit: int = 10) -> QuerySet:
    """Parties of the user's court whose name contains `text` or whose identity number equals it (party picker)."""
    text = (text or "").strip()
    if not text:
        return Party.objects.none()
    return restrict_to_user(Party.objects.all(), user).filter(
        Q(name__icontains=text) | Q(id_number=text.upper()) | Q(credit_code=text.upper())
    ).order_by("name", "pk")[:limit]
