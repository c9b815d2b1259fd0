"""Reads of the cases app. `restrict_to_user` is the one place tenancy is decided.

Every queryset behind a view, viewset, export, report or job that acts for a user starts here.
"""
import datetime as dt
import re

from decimal import ROUND_HALF_UP, Decimal
from functools import cache, reduce
from operator import or_

from django.db.models import (Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery, Sum,
                              Value, Window)
from django.db.models.functions import Coalesce, NullIf, RowNumber, Upper
from django.utils.translation import gettext_lazy, pgettext

from wanian_exec.db_functions import JoinedText, split_joined
from wanian_exec.queries import id_and_text, split_id_and_text

from . import rules
from .choices import AssetStatus, CaseStatus, EventKind, InquiryChannel, InquiryStatus, PartyKind, Role
from .identity import birth_date_from_resident_id, resident_id_errors
from .models import (Asset, AssetInquiry, AuctionRound, CaseEvent, Contact, Court, EnforcementCase, Grid,
                     LitigationCase, Obligation, Outcome, Party, Preservation, SyncSettings, Todo, Township, Urging,
                     User, VoluntaryPayment)

# How each model reaches its court; tenancy filters on this path (a tuple: on any of these paths).
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
    # a pre-suit preservation recorded before any suit has only its own court; the others reach it through the case
    Preservation: ("court", "case__court"),
    AssetInquiry: "case__court",
    AuctionRound: "asset__court",
    Contact: "court",
    SyncSettings: "court",
    Obligation: "outcome__case__court",
    VoluntaryPayment: "case__court",
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
    if isinstance(path, tuple):
        return queryset.filter(reduce(or_, (Q(**{p: user.court_id}) for p in path)))
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


# Querysets of a fixed shape are built once per process and cloned for each request, as DRF's class-level
# `queryset` is: resolving the party-name subqueries and the column lists of `.only` is a fifth of a list's data
# access in Python (bench/README.md, "A slower host"). QuerySets are immutable: each use below works on a clone.


@cache
def _cases_with_links() -> QuerySet:
    return EnforcementCase.objects.select_related("judge", "source_case", "resumed_from").only(
        *(f.name for f in EnforcementCase._meta.concrete_fields), "judge__full_name", "judge__username",
        "source_case__number", "source_case__cause", "resumed_from__number")


def enforcement_case_api_rows_visible_to(user) -> QuerySet:
    """What the API shows of a case (cases.api.serializers.EnforcementCaseSerializer) in one query: every column of
    the case, the judge's name, the source and resumed cases' numbers, and the parties' ids and names — joined into
    one text per role by the database (`applicant_pairs`, `respondent_pairs`; `case_parties_read` reads them), so
    serializing a page reads nothing more. Two prefetch queries of whole parties would be two thirds of the rows'
    data access (bench/README.md, the ORM column of the suite)."""
    return restrict_to_user(_api_case_rows().all(), user)


def enforcement_case_page_visible_to(user) -> QuerySet:
    """The case page's case (templates/cases/case_detail.html): the API's columns and links, the source case's cause,
    and the parties' whole rows (the page shows their phone and address). Writes read the case whole
    (`enforcement_cases_visible_to`): services file rows under `case.court`."""
    return restrict_to_user(_cases_with_links().prefetch_related("applicants", "respondents"), user)


# What a row of the browser list shows (templates/cases/case_list.html); the rest of a case stays unread
CASE_ROW_FIELDS = ("number", "court_id", "is_livelihood", "fast_track", "amount_claimed", "amount_recovered", "judge",
                   "judge__full_name", "judge__username", "filed_on", "deadline_on", "closed_on", "status",
                   "closure_method")


def _joined_parties(link_table, text) -> Subquery:
    """The `text` of a case's parties of one role (`link_table`: applicants or respondents) joined by JoinedText."""
    joined = (link_table.objects.filter(enforcementcase_id=OuterRef("pk")).order_by()
              .values("enforcementcase_id").annotate(joined=JoinedText(text)).values("joined"))
    return Subquery(joined)


@cache
def _case_rows() -> QuerySet:
    return EnforcementCase.objects.select_related("judge").only(*CASE_ROW_FIELDS).annotate(
        applicant_list=_joined_parties(EnforcementCase.applicants.through, "party__name"),
        respondent_list=_joined_parties(EnforcementCase.respondents.through, "party__name"))


# where the API rows carry each role's parties: `id␞name` joined per case (wanian_exec.queries)
JOINED_PARTIES = {"applicants": "applicant_pairs", "respondents": "respondent_pairs"}
_NOT_JOINED = object()


@cache
def _api_case_rows() -> QuerySet:
    return _cases_with_links().annotate(**{
        annotation: _joined_parties(getattr(EnforcementCase, role).through, id_and_text("party_id", "party__name"))
        for role, annotation in JOINED_PARTIES.items()})


def case_parties_read(case: EnforcementCase, role: str) -> list[Party]:
    """The case's `role` ("applicants" or "respondents") as the API shows them, in Party.Meta.ordering (name, then
    id): from the ids and names its row carries when it came through `enforcement_case_api_rows_visible_to` (Party
    rows of id and name, no query), else the relation itself (its prefetch when there is one)."""
    joined = getattr(case, JOINED_PARTIES[role], _NOT_JOINED)
    if joined is _NOT_JOINED:
        return list(getattr(case, role).all())
    db = case._state.db  # documented (Model._state): the database the case was read from
    parties = [Party.from_db(db, ["id", "name"], pair) for pair in split_id_and_text(joined)]
    parties.sort(key=lambda party: (party.name, party.pk))
    return parties


def enforcement_case_rows_visible_to(user) -> QuerySet:
    """The browser list's rows in one query: the columns a row shows, its judge's name and its parties' names
    (`applicant_list`, `respondent_list`: JoinedText, split by `with_party_names`). The full selector's court,
    source case and resumed case, whole party rows and a second query for the names would be three to five times
    the data access for the same twenty rows (bench/README.md, the ORM column of the suite)."""
    return restrict_to_user(_case_rows().all(), user)


def with_party_names(cases) -> list[EnforcementCase]:
    """The cases of a list page (rows of `enforcement_case_rows_visible_to`), each with `applicant_names` and
    `respondent_names`: the names in order, as lists."""
    cases = list(cases)
    for case in cases:
        case.applicant_names = split_joined(case.applicant_list)
        case.respondent_names = split_joined(case.respondent_list)
    return cases


WHOLE_CASE_NUMBER = re.compile(r"^[（(]\d{4}[）)]\S+号$")


def case_parties(case: EnforcementCase) -> QuerySet:
    """The case's applicants and respondents (a form's party choices), by primary key: OR-ing the two
    many-to-many querysets joins both link tables to every party, which PostgreSQL answers by scanning all of
    them (seconds at 2,000,000 parties). Uses the list selector's prefetch when the case came through it."""
    ids = {p.pk for p in case.applicants.all()} | {p.pk for p in case.respondents.all()}
    return Party.objects.filter(pk__in=ids)


RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
# The roles a party holds in each kind of case (the many-to-many fields that list them).
CASE_PARTY_ROLES = {EnforcementCase: ("applicants", "respondents"), LitigationCase: ("plaintiffs", "defendants")}


def parties_by_identity(parties: QuerySet, text: str) -> QuerySet | None:
    """The parties whose resident ID or credit code is `text` (a whole number typed into a search box), read
    through the one index the number can be in; None when `text` is not such a number."""
    value = (text or "").strip().upper()
    if RESIDENT_ID.match(value) and not resident_id_errors(value):
        return parties.filter(id_number=value)
    if CREDIT_CODE.match(value):
        # the per-court unique index is on UPPER(credit_code) where a code is given (cases.models.parties)
        return parties.alias(credit_upper=Upper("credit_code")).filter(credit_upper=value).exclude(credit_code="")
    return None


def _holding_any_role(model, parties: QuerySet) -> Q:
    """Cases of `model` in which one of `parties` holds any role: their ids from the link tables in one UNION,
    so the case table is read by primary key (an OR of one semi-join per role reads all the court's cases, for
    the page and again for its count)."""
    links = []
    for role in CASE_PARTY_ROLES[model]:
        field = model._meta.get_field(role)
        through = field.remote_field.through.objects.filter(**{f"{field.m2m_reverse_field_name()}__in": parties})
        links.append(through.order_by().values_list(field.m2m_field_name(), flat=True))
    return Q(pk__in=links[0].union(*links[1:]))


def search_cases(queryset: QuerySet, text: str, *, parties: QuerySet | None = None) -> QuerySet:
    """Enforcement or litigation cases by case number (or part of it), a party's name, or a party's whole resident
    ID or credit code; `parties` are the parties the user may see (their court), so the number is looked up there."""
    text = (text or "").strip()
    if not text:
        return queryset
    model = queryset.model
    if WHOLE_CASE_NUMBER.match(text):
        # a whole number is only ever equal to one (numbers start with the bracket and end with 号): the unique
        # index answers at once, where the trigram index would intersect the ~15 trigrams every number shares
        return queryset.filter(number=text.replace("(", "（").replace(")", "）"))
    parties = Party.objects.all() if parties is None else parties
    holders = parties_by_identity(parties, text)
    if holders is not None:
        return queryset.filter(_holding_any_role(model, holders))
    if model is LitigationCase:
        return queryset.filter(Q(number__icontains=text) | Q(cause__icontains=text)
                               | _holding_any_role(model, parties.filter(name__icontains=text)))
    # icontains = UPPER(col) LIKE UPPER('%…%'): the trigram indexes of cases/migrations/0004 on PostgreSQL
    return queryset.filter(Q(number__icontains=text) | Q(party_names__icontains=text))


def search_parties(queryset: QuerySet, text: str) -> QuerySet:
    """Parties by a part of their name, or by their whole resident ID or credit code."""
    text = (text or "").strip()
    if not text:
        return queryset
    holders = parties_by_identity(queryset, text)
    return holders if holders is not None else queryset.filter(name__icontains=text)


def cases_of_party(party: Party) -> dict[str, QuerySet]:
    """A party's cases in each role it can hold, newest first (the party page)."""
    return {
        "enforcement_as_applicant": party.enforcement_as_applicant.select_related("judge").order_by("-filed_on", "-pk"),
        "enforcement_as_respondent": party.enforcement_as_respondent.select_related("judge").order_by("-filed_on",
                                                                                                       "-pk"),
        "litigation_as_plaintiff": party.litigation_as_plaintiff.order_by("-filed_on", "-pk"),
        "litigation_as_defendant": party.litigation_as_defendant.order_by("-filed_on", "-pk"),
    }


def litigation_balance(case: LitigationCase) -> tuple[Decimal, Decimal] | None:
    """(owed, paid) of a litigation case: the payment obligations its judgment or mediation fixed, and what was
    paid voluntarily before enforcement; None while it has no outcome."""
    outcome = getattr(case, "outcome", None)  # the reverse one-to-one raises an AttributeError when there is none
    if outcome is None:
        return None
    cents = Decimal("0.01")  # SQLite's SUM drops the scale of the decimal column
    owed = (outcome.obligations.aggregate(total=Sum("amount"))["total"] or Decimal("0")).quantize(cents)
    paid = (case.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0")).quantize(cents)
    return owed, paid


def open_todos_for(user) -> QuerySet:
    if not (user and user.is_authenticated):
        return Todo.objects.none()
    return restrict_to_user(Todo.objects.filter(assignee=user, done_at__isnull=True), user).select_related(
        "enforcement_case", "litigation_case")


def todos_for(user, *, include_done: bool = False) -> QuerySet:
    """The user's to-dos for the to-do page: open ones, or with `include_done` also those ticked off."""
    if not (user and user.is_authenticated):
        return Todo.objects.none()
    queryset = Todo.objects.filter(assignee=user)
    if not include_done:
        queryset = queryset.filter(done_at__isnull=True)
    return restrict_to_user(queryset, user).select_related("enforcement_case", "litigation_case")


def todo_kinds_by_priority(counts: dict[str, int]) -> list[tuple[str, int]]:
    """(kind, count) of the kinds the user has open, most urgent first (cases.todo_places.TODO_PRIORITY)."""
    from .todo_places import TODO_PRIORITY

    return [(kind, counts[kind]) for kind in TODO_PRIORITY if counts.get(kind)]


def todo_groups(user, *, per_kind: int) -> list[tuple[str, list[Todo]]]:
    """The user's open to-dos grouped by kind, most urgent kind first, the first `per_kind` of each by due date:
    one query (a row number per kind)."""
    from .todo_places import TODO_PRIORITY

    ranked = open_todos_for(user).annotate(rank=Window(
        RowNumber(), partition_by=[F("kind")], order_by=[F("due_on").asc(nulls_last=True), F("pk").asc()],
    )).filter(rank__lte=per_kind).order_by("due_on", "pk")
    groups: dict[str, list[Todo]] = {}
    for todo in ranked:
        groups.setdefault(todo.kind, []).append(todo)
    return [(kind, groups[kind]) for kind in TODO_PRIORITY if kind in groups]


def todo_counts_for(user) -> dict[str, int]:
    rows = open_todos_for(user).order_by().values("kind").annotate(n=Count("pk"))
    return {row["kind"]: row["n"] for row in rows}


def case_timeline(case: EnforcementCase) -> QuerySet:
    return case.events.select_related("actor", "party").order_by("occurred_on", "created_at", "pk")


def case_timeline_rows(case: EnforcementCase) -> QuerySet:
    """The case page's timeline as rows with the party's and the actor's names (`actor.display_name`): no model
    instances for what a row shows. The node limits and the 终本 facts read the same rows (their `events`)."""
    return case.events.order_by("occurred_on", "created_at", "pk").values(
        "pk", "kind", "occurred_on", "urgent", "note", "amount", "created_at", "party_id", "actor_id", "imported_job",
        "imported_row", party_name=F("party__name"),
        actor_name=Coalesce(NullIf(F("actor__full_name"), Value("")), F("actor__username")))


TERMINATION_EVENT_KINDS = frozenset({
    EventKind.NOTICE_SERVED, EventKind.REPORT_ORDER_SERVED, EventKind.PROPERTY_REPORTED,
    EventKind.CONSUMPTION_RESTRICTED, EventKind.DISHONEST_LISTED, EventKind.LEAD_RECEIVED,
    EventKind.LEAD_CHECKED, EventKind.DEBTOR_NOT_FOUND, EventKind.DEBTOR_SEARCHED, EventKind.OBSTRUCTION,
    EventKind.OBSTRUCTION_SANCTIONED, EventKind.CRIME_REFERRED, EventKind.APPLICANT_HEARD,
    EventKind.REPORT_VERIFIED, EventKind.FIELD_INVESTIGATION, EventKind.ONLINE_INQUIRY_IMPOSSIBLE,
    EventKind.APPLICANT_CONSENT,
    EventKind.COLLEGIAL_REVIEW_APPROVED,
})
DISPOSABLE = (AssetStatus.FOUND, AssetStatus.FROZEN)  # assets the 终本 gate says must be dealt with first


def termination_facts(case: EnforcementCase, *, closing_on: dt.date, events=None, assets=None
                      ) -> rules.TerminationFacts:
    """Collect from the timeline, inquiries and assets what the 终本 gate (rules.termination_unmet) needs.

    Only work dated on or before `closing_on` counts: a closure cannot rest on a step taken after it.
    `events` (`case_timeline_rows`) and `assets`: all of the case's, when the caller has read them already (the
    case page shows them), instead of two more queries. An event recorded without a party applies to every
    respondent (a notice served on "the debtors" of the case).
    """
    if events is None:
        events = case.events.filter(occurred_on__lte=closing_on, kind__in=TERMINATION_EVENT_KINDS).values(
            "kind", "party_id", "occurred_on", "actor_id")
    events = [e for e in events if e["kind"] in TERMINATION_EVENT_KINDS and e["occurred_on"] <= closing_on]
    kinds = {e["kind"] for e in events}

    def parties_with(*wanted):
        return {e["party_id"] for e in events if e["kind"] in wanted}

    def whole_case_or(party_id, *wanted):
        marked = parties_with(*wanted)
        return None in marked or party_id in marked

    scopes_by_party: dict[int, set] = {}
    online_failed: set = set()
    offline_done: set = set()
    for party_id, scopes, channel, inquiry_status in case.inquiries.filter(
            requested_on__lte=closing_on).values_list("party_id", "scopes", "channel", "status"):
        if channel == InquiryChannel.ONLINE and inquiry_status == InquiryStatus.COMPLETED:
            scopes_by_party.setdefault(party_id, set()).update(scopes)
        elif channel == InquiryChannel.ONLINE and inquiry_status == InquiryStatus.FAILED:
            online_failed.add(party_id)
        elif channel == InquiryChannel.OFFLINE and inquiry_status == InquiryStatus.COMPLETED:
            offline_done.add(party_id)

    respondents = []
    for party in case.respondents.all():
        birth = birth_date_from_resident_id(party.id_number) if party.kind == PartyKind.PERSON else None
        respondents.append(rules.RespondentFacts(
            party_id=party.pk,
            is_minor=bool(birth and rules.add_months(birth, 18 * 12) > closing_on),
            notice_served=whole_case_or(party.pk, EventKind.NOTICE_SERVED),
            report_order_served=whole_case_or(party.pk, EventKind.REPORT_ORDER_SERVED),
            consumption_restricted=party.pk in parties_with(EventKind.CONSUMPTION_RESTRICTED),
            dishonest_listed=party.pk in parties_with(EventKind.DISHONEST_LISTED),
            property_reported=whole_case_or(party.pk, EventKind.PROPERTY_REPORTED),
            report_verified=whole_case_or(party.pk, EventKind.REPORT_VERIFIED),
            nonreport_sanctioned=whole_case_or(party.pk, EventKind.OBSTRUCTION_SANCTIONED, EventKind.CRIME_REFERRED),
            whereabouts_unknown=party.pk in parties_with(EventKind.DEBTOR_NOT_FOUND),
            inquired_scopes=frozenset(scopes_by_party.get(party.pk, ())),
            online_impossible=party.pk in online_failed or whole_case_or(party.pk, EventKind.ONLINE_INQUIRY_IMPOSSIBLE),
            field_investigated=party.pk in offline_done or whole_case_or(party.pk, EventKind.FIELD_INVESTIGATION),
        ))

    last_missing = max((e["occurred_on"] for e in events if e["kind"] == EventKind.DEBTOR_NOT_FOUND), default=None)
    last_searched = max((e["occurred_on"] for e in events if e["kind"] == EventKind.DEBTOR_SEARCHED), default=None)
    obstruction = EventKind.OBSTRUCTION in kinds
    sanctioned = bool(kinds & {EventKind.OBSTRUCTION_SANCTIONED, EventKind.CRIME_REFERRED})
    # the president's approval counts only when someone other than the case's judge gave it (a judge alone never
    # closes a case as 终本, 民诉法解释 art. 517); the approving service refuses the judge too
    review_approved = any(e["kind"] == EventKind.COLLEGIAL_REVIEW_APPROVED and e.get("actor_id") != case.judge_id
                          for e in events)
    return rules.TerminationFacts(
        filed_on=case.filed_on,
        closing_on=closing_on,
        respondents=tuple(respondents),
        leads_received=sum(1 for e in events if e["kind"] == EventKind.LEAD_RECEIVED),
        leads_checked=sum(1 for e in events if e["kind"] == EventKind.LEAD_CHECKED),
        disposable_assets=(case.assets.filter(status__in=DISPOSABLE).count() if assets is None
                           else sum(1 for a in assets if a.status in DISPOSABLE)),
        debtor_missing_unsearched=last_missing is not None and (last_searched is None or last_searched < last_missing),
        obstruction_unsanctioned=obstruction and not sanctioned,
        applicant_heard=EventKind.APPLICANT_HEARD in kinds,
        applicant_consented=EventKind.APPLICANT_CONSENT in kinds,
        collegial_review_approved=review_approved,
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


def status_counts(cases: QuerySet) -> dict[str, int]:
    """Number of `cases` in each status, one query."""
    rows = cases.order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def workbench_cases(user) -> tuple[QuerySet, bool]:
    """The cases whose figures a user's workbench shows, and whether they are the user's own: an enforcement judge
    sees the cases they handle; leaders, admins and the other roles see the court's."""
    visible = enforcement_cases_visible_to(user)
    mine = user.has_role(Role.ENFORCEMENT_JUDGE) and not user.has_role(Role.LEADER, Role.COURT_ADMIN)
    return (visible.filter(judge=user) if mine else visible), mine


def party_lookup(user, text: str, *, limit: int = 10) -> QuerySet:
    """Parties of the user's court whose name contains `text` or whose identity number equals it (party picker)."""
    text = (text or "").strip()
    if not text:
        return Party.objects.none()
    # a whole resident ID or credit code is looked up in its own index (an OR of the two read every company of
    # the court through the credit codes' partial index); anything else by name
    return search_parties(restrict_to_user(Party.objects.all(), user), text).order_by("name", "pk")[:limit]


def litigation_lookup(user, text: str, *, limit: int = 10) -> QuerySet:
    """Litigation cases of the user's court whose number or cause contains `text` (the filing form's source case),
    with what their judgment fixed (`owed`) and was paid before enforcement (`paid`), summed in the one query."""
    text = (text or "").strip()
    if not text:
        return LitigationCase.objects.none()
    def total(model, path):
        return Subquery(model.objects.filter(**{path: OuterRef("pk")}).order_by().values(path)
                        .annotate(total=Sum("amount")).values("total"))

    return restrict_to_user(LitigationCase.objects.only("id", "number", "cause", "filed_on", "claim_amount"),
                            user).filter(Q(number__contains=text) | Q(cause__contains=text)).annotate(
        owed=total(Obligation, "outcome__case"), paid=total(VoluntaryPayment, "case"),
        has_outcome=Exists(Outcome.objects.filter(case=OuterRef("pk"))),
    ).order_by("-filed_on", "-pk")[:limit]


# --- 四同步 -----------------------------------------------------------------------------------------------


def sync_settings_for(court_id: int | None) -> SyncSettings:
    """The court's four-synchronization settings; an unsaved row of defaults when it has none (cases.conf)."""
    from .conf import DEFAULTS, four_sync_default

    found = SyncSettings.objects.filter(court_id=court_id).first() if court_id else None
    return found or SyncSettings(court_id=court_id, **{name: four_sync_default(name) for name in DEFAULTS})


def fast_track_rules(config: SyncSettings) -> rules.FastTrackRules:
    return rules.FastTrackRules(enabled=config.fast_track_enabled, max_respondents=config.fast_track_max_respondents,
                                max_amount=config.fast_track_max_amount,
                                requires_assets_found=config.fast_track_requires_assets)


# 3. coercion + urging: the fact the sanctions app asks before a coercive measure (rules.coercion_urging_errors).


def has_prior_urging(case: EnforcementCase, party, on: dt.date) -> bool:
    """Was `party` urged (any channel) in this enforcement case on or before `on`?"""
    return Urging.objects.filter(enforcement_case=case, party=party, occurred_on__lte=on).exists()


def urgings_visible_to(user) -> QuerySet:
    return restrict_to_user(Urging.objects.select_related("party", "actor", "litigation_case", "enforcement_case"),
                            user)


# 2. mediation + execution: per-instalment performance.


def instalment_states(case: LitigationCase, *, today: dt.date) -> list[tuple[Obligation, rules.InstalmentState]]:
    """Each instalment of the case's plan with its performance, payments allocated in due order.

    Reads `outcome.obligations` and `payments` through the prefetch of litigation_cases_visible_to when present.
    """
    outcome = getattr(case, "outcome", None) if _has_outcome(case) else None
    if outcome is None:
        return []
    obligations = list(outcome.obligations.all())
    payments = [(p.paid_on, p.amount) for p in case.payments.all()]
    states = rules.instalment_performance([(o.pk, o.due_on, o.amount) for o in obligations], payments, today=today)
    by_pk = {o.pk: o for o in obligations}
    return [(by_pk[state.key], state) for state in states]


def _has_outcome(case: LitigationCase) -> bool:
    try:
        return case.outcome is not None
    except LitigationCase.outcome.RelatedObjectDoesNotExist:
        return False


def litigation_cases_with_performance(user) -> QuerySet:
    return litigation_cases_visible_to(user).prefetch_related("payments")


# 1. filing + preservation.


def preservations_visible_to(user) -> QuerySet:
    return restrict_to_user(
        Preservation.objects.select_related("case", "court", "applicant", "respondent", "recorded_by"), user)


def preservation_flags(preservation: Preservation, *, today: dt.date, now: dt.datetime) -> list[str]:
    """What is wrong or due with an application: ruling_late (48 h), release_due / suit_late (30 days),
    security_short (pre-suit security below the amount)."""
    flags = []
    if preservation.kind != "pre_litigation":
        return flags
    if not preservation.rejected and rules.preservation_ruling_late(
            applied_on=preservation.applied_on, applied_time=preservation.applied_time,
            ruled_on=preservation.ruled_on, ruled_time=preservation.ruled_time, now=now):
        flags.append("ruling_late")
    if preservation.ruled_on and not preservation.rejected:
        suit_on = preservation.case.filed_on if preservation.case_id else None
        if rules.pre_suit_must_release(measure_on=preservation.ruled_on, suit_filed_on=suit_on, today=today):
            flags.append("suit_late" if suit_on else ("release_due" if not preservation.released_on else ""))
        if rules.pre_suit_security_short(amount=preservation.amount, security_amount=preservation.security_amount):
            flags.append("security_short")
    return [f for f in flags if f]


PRESERVATION_FLAG_LABELS = {
    "ruling_late": gettext_lazy("超过48小时未裁定"),
    "release_due": gettext_lazy("采取保全后30日内未起诉，应解除保全"),
    "suit_late": gettext_lazy("起诉晚于保全后30日"),
    "security_short": gettext_lazy("诉前保全担保不足请求保全数额"),
}


def unlinked_pre_suit_preservations(user) -> QuerySet:
    """Pre-suit applications of the user's court still waiting for their suit (for linking at filing)."""
    return preservations_visible_to(user).filter(kind="pre_litigation", case__isnull=True, released_on__isnull=True,
                                                 rejected=False).order_by("-applied_on", "-pk")


# 4. online + offline: node limits, payouts, fast track.


NODE_EVENT_KINDS = frozenset({EventKind.NOTICE_SERVED, EventKind.REPORT_ORDER_SERVED, EventKind.LEAD_RECEIVED,
                              EventKind.LEAD_CHECKED})


def node_limits(case: EnforcementCase, *, today: dt.date, events=None) -> list[dict]:
    """The case's node limits with their state: execution notice and property report order within 3 days of
    filing, each property lead checked within 7 days (3 if urgent). One query; none when `events` are the case's
    timeline rows read already (the case page's `case_timeline_rows`)."""
    if events is None:
        events = case.events.filter(kind__in=NODE_EVENT_KINDS).values("pk", "kind", "occurred_on", "urgent", "note")
    events = sorted((e for e in events if e["kind"] in NODE_EVENT_KINDS), key=lambda e: (e["occurred_on"], e["pk"]))
    first = {}
    for event in events:
        first.setdefault(event["kind"], event["occurred_on"])
    nodes = []
    for kind, label in ((EventKind.NOTICE_SERVED, pgettext("节点期限", "送达执行通知书")),
                        (EventKind.REPORT_ORDER_SERVED, pgettext("节点期限", "送达报告财产令"))):
        due_on = case.filed_on + dt.timedelta(days=rules.NOTICE_DAYS)
        done_on = first.get(kind)
        nodes.append({"code": kind.value, "label": label, "due_on": due_on, "done_on": done_on,
                      "state": rules.node_state(due_on=due_on, done_on=done_on, today=today)})
    leads = [(e["pk"], e["occurred_on"], e["urgent"]) for e in events if e["kind"] == EventKind.LEAD_RECEIVED]
    notes = {e["pk"]: e["note"] for e in events}
    checks = [e["occurred_on"] for e in events if e["kind"] == EventKind.LEAD_CHECKED]
    for pk, due_on, checked_on in rules.pair_leads_with_checks(leads, checks):
        urgent = next(lead[2] for lead in leads if lead[0] == pk)
        label = pgettext("节点期限", "核查紧急财产线索") if urgent else pgettext("节点期限", "核查财产线索")
        nodes.append({"code": "lead_checked", "label": label,
                      "detail": notes.get(pk, ""), "due_on": due_on, "done_on": checked_on, "event": pk,
                      "state": rules.node_state(due_on=due_on, done_on=checked_on, today=today)})
    return nodes


def payout_states_for(case: EnforcementCase, *, today: dt.date) -> list[rules.ReceiptState]:
    rows = list(case.funds.order_by("occurred_on", "pk").values_list("direction", "occurred_on", "amount"))
    return rules.payout_states([(d, a) for k, d, a in rows if k == "in"], [(d, a) for k, d, a in rows if k == "out"],
                               today=today)


def fast_track_cases(user) -> QuerySet:
    return enforcement_cases_visible_to(user).filter(fast_track=True)


def average_days(queryset: QuerySet) -> dict:
    """用时: over the closed cases of `queryset`, total days (closed_on − filed_on), the number of cases and the mean
    with one decimal — numerator and denominator kept, as every figure of the court. One aggregate query."""
    totals = queryset.filter(status=CaseStatus.CLOSED).order_by().aggregate(
        days=Sum(ExpressionWrapper(F("closed_on") - F("filed_on"), output_field=DurationField())), cases=Count("pk"))
    raw = totals["days"]
    days = 0 if raw is None else (raw.days if isinstance(raw, dt.timedelta) else int(raw) // 86_400_000_000)
    cases = totals["cases"]
    mean = (Decimal(days) / Decimal(cases)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if cases else None
    return {"total_days": days, "closed_cases": cases, "average_days": mean}


def assets_visible_to(user) -> QuerySet:
    return restrict_to_user(Asset.objects.select_related("party", "case", "preservation"), user)


def auction_rounds_visible_to(user) -> QuerySet:
    return restrict_to_user(AuctionRound.objects.select_related("asset", "asset__case"), user)


def contacts_visible_to(user) -> QuerySet:
    return restrict_to_user(Contact.objects.select_related("party", "actor", "case"), user)
