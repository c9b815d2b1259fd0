"""Reads of the sanctions app. Tenancy is decided by cases.selectors.restrict_to_user, nowhere else: every queryset
a view, viewset, export or report shows starts from one of the `*_visible_to(user)` functions below, which add
the joins a list row needs so a page costs a fixed number of queries.

The crackdown metrics (拒执打击到位金额, 移送拒执件数/人数) are defined here once, for the statistics app:
`crackdown_recovery(...)` and `referrals(...)`.
"""
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from cases.choices import AssetStatus, FundDirection
from cases.models import Court, EnforcementCase, FundEntry
from cases.selectors import restrict_to_user

from .choices import (ACTIVE_ROSTER_STATUSES, PoliceDecision, ProsecutionTrack, RosterKind, SanctionKind,
                      SanctionStatus)
from .models import (AbilityEvidence, Prosecution, Reconsideration, RosterEntry, Sanction, TravelImport, TravelRecord,
                     Violation)

# --- tenancy-scoped lists ------------------------------------------------------------------------------------


def sanctions_visible_to(user) -> QuerySet:
    return restrict_to_user(
        Sanction.objects.select_related("case", "case__judge", "party", "proposed_by", "approved_by"),
        user, court_path="court")


def approval_queue_for(user) -> QuerySet:
    """The leader's queue: proposals waiting for the president's approval, oldest first — never the leader's own
    (cases.rules.is_self_approval: another leader decides those)."""
    return sanctions_visible_to(user).filter(status=SanctionStatus.PROPOSED).exclude(
        proposed_by_id=user.pk).order_by("decided_on", "pk")


def roster_entries_visible_to(user) -> QuerySet:
    return restrict_to_user(
        RosterEntry.objects.select_related("case", "case__judge", "party", "decided_by"), user, court_path="court")


def roster(user, kind: str, *, statuses: Iterable[str] = ACTIVE_ROSTER_STATUSES) -> QuerySet:
    """One roster as a judge reads it: the entries on it now (pending and confirmed) by default."""
    queryset = roster_entries_visible_to(user).filter(kind=kind)
    if statuses:
        queryset = queryset.filter(status__in=list(statuses))
    return queryset.order_by("status", "-entered_on", "pk")


def roster_counts(user) -> dict[str, dict[str, int]]:
    """{kind: {status: n}} for the rosters' tabs, one query."""
    counts: dict[str, dict[str, int]] = {kind: {} for kind in RosterKind.values}
    rows = roster_entries_visible_to(user).order_by().values("kind", "status").annotate(n=Count("pk"))
    for row in rows:
        counts[row["kind"]][row["status"]] = row["n"]
    return counts


def violations_visible_to(user) -> QuerySet:
    return restrict_to_user(
        Violation.objects.select_related("travel_record", "sanction", "case", "party", "bound_person"),
        user, court_path="court")


def travel_records_visible_to(user) -> QuerySet:
    return restrict_to_user(TravelRecord.objects.all(), user, court_path="court")


def travel_imports_visible_to(user) -> QuerySet:
    return restrict_to_user(TravelImport.objects.select_related("uploaded_by"), user, court_path="court")


def evidence_visible_to(user) -> QuerySet:
    return restrict_to_user(AbilityEvidence.objects.select_related("case", "party", "recorded_by"), user,
                            court_path="court")


def prosecutions_visible_to(user) -> QuerySet:
    return restrict_to_user(
        Prosecution.objects.select_related("sanction", "case", "case__judge", "party", "origin"),
        user, court_path="court")


def reconsiderations_visible_to(user) -> QuerySet:
    return restrict_to_user(Reconsideration.objects.select_related("sanction", "sanction__case", "sanction__party"),
                            user, court_path="sanction__court")


# --- facts the services read -------------------------------------------------------------------------------


def has_declined_referral(case: EnforcementCase, party) -> bool:
    return Prosecution.objects.filter(case=case, party=party, track=ProsecutionTrack.REFERRAL,
                                      police_decision=PoliceDecision.DECLINED).exists()


# Assets the debtor still holds (not released, disposed, sold or worthless); those under the court's control.
HELD_ASSET_STATUSES = [s for s in ("found", "frozen", "valued", "auctioning", "unsold") if s in AssetStatus.values]
CONTROLLED_ASSET_STATUSES = [s for s in HELD_ASSET_STATUSES if s != "found"]


def frozen_assets_value(case: EnforcementCase, party) -> Decimal:
    """What the court has seized, frozen or put to auction of this debtor's property in this case."""
    total = case.assets.filter(party=party, status__in=CONTROLLED_ASSET_STATUSES).aggregate(v=Sum("value"))["v"]
    return Decimal(total or 0)


# --- the crackdown metrics (for the statistics app) ------------------------------------------------------------
# Domain.md "Metrics": 拒执打击到位金额 = money received in cases with a detention, criminal referral or private
# prosecution; 移送拒执 = criminal referrals, counted as cases and as persons.
CRACKDOWN_KINDS = (SanctionKind.DETENTION, SanctionKind.CRIMINAL_REFERRAL, SanctionKind.PRIVATE_PROSECUTION)
IN_FORCE_OR_DONE = (SanctionStatus.APPROVED, SanctionStatus.ENDED)


def _court_ids(courts) -> list[int] | None:
    if courts is None:
        return None
    if isinstance(courts, (Court, int)):
        courts = [courts]
    return [c.pk if isinstance(c, Court) else int(c) for c in courts]


def crackdown_measures(courts=None) -> QuerySet:
    """Detentions, criminal referrals and private prosecutions that took effect (approved, possibly ended since)."""
    queryset = Sanction.objects.filter(kind__in=CRACKDOWN_KINDS, status__in=IN_FORCE_OR_DONE,
                                       approved_on__isnull=False)
    ids = _court_ids(courts)
    return queryset if ids is None else queryset.filter(court_id__in=ids)


@dataclass(frozen=True)
class Recovery:
    value: Decimal
    entries: QuerySet  # FundEntry rows behind the value
    cases: QuerySet  # EnforcementCase rows those entries belong to


def crackdown_recovery(courts=None, date_from: dt.date | None = None, date_to: dt.date | None = None) -> Recovery:
    """拒执打击到位金额: money received (fund entries `in`) in [date_from, date_to] in cases where a detention,
    criminal referral or private prosecution had taken effect on or before the day of receipt — the money the
    crackdown brought in, not what was paid before it. `courts`: Court objects or ids, None for all courts.

    Returns the sum (yuan, two decimals) with the fund entries and the cases behind it (drill-down)."""
    measure_before = crackdown_measures(courts).filter(case=OuterRef("case"), approved_on__lte=OuterRef("occurred_on"))
    entries = FundEntry.objects.filter(direction=FundDirection.IN).filter(Exists(measure_before))
    ids = _court_ids(courts)
    if ids is not None:
        entries = entries.filter(court_id__in=ids)
    if date_from:
        entries = entries.filter(occurred_on__gte=date_from)
    if date_to:
        entries = entries.filter(occurred_on__lte=date_to)
    total = entries.aggregate(v=Sum("amount"))["v"] or Decimal("0")
    return Recovery(value=Decimal(total).quantize(Decimal("0.01")), entries=entries.order_by("occurred_on", "pk"),
                    cases=EnforcementCase.objects.filter(pk__in=entries.values("case_id")))


@dataclass(frozen=True)
class Referrals:
    cases: int
    persons: int
    sanctions: QuerySet  # the approved referrals behind the figures


def referrals(courts=None, date_from: dt.date | None = None, date_to: dt.date | None = None) -> Referrals:
    """移送拒执: criminal referrals approved (taken effect) in [date_from, date_to], as distinct cases and distinct
    persons (parties). A rejected proposal is not a referral; one approved later counts in its own period."""
    queryset = Sanction.objects.filter(kind=SanctionKind.CRIMINAL_REFERRAL, status__in=IN_FORCE_OR_DONE,
                                       approved_on__isnull=False)
    ids = _court_ids(courts)
    if ids is not None:
        queryset = queryset.filter(court_id__in=ids)
    if date_from:
        queryset = queryset.filter(approved_on__gte=date_from)
    if date_to:
        queryset = queryset.filter(approved_on__lte=date_to)
    counts = queryset.aggregate(cases=Count("case_id", distinct=True), persons=Count("party_id", distinct=True))
    return Referrals(cases=counts["cases"], persons=counts["persons"],
                     sanctions=queryset.select_related("case", "party").order_by("approved_on", "pk"))


def referral_overdue_queryset(queryset: QuerySet, today: dt.date) -> QuerySet:
    """Referrals still awaiting the police past their 7-day (30 if complex) limit, for the tracker's filter."""
    from .rules import POLICE_DECISION_DAYS, POLICE_DECISION_DAYS_COMPLEX

    return queryset.filter(track=ProsecutionTrack.REFERRAL, police_decision=PoliceDecision.PENDING,
                           sent_on__isnull=False).filter(
        Q(complex_case=False, sent_on__lt=today - dt.timedelta(days=POLICE_DECISION_DAYS))
        | Q(complex_case=True, sent_on__lt=today - dt.timedelta(days=POLICE_DECISION_DAYS_COMPLEX)))

