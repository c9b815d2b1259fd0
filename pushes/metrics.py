"""Follow-through of the pushes (推送跟踪): each metric is numerator / denominator AND the cases behind both.

Courts use different denominators for the same name (domain.md), so every metric below states its own. They are
metrics of the pushes app's registry (wanian_exec.metrics.Registry) over one source, the pushed items; a `Ratio`
carries both counts and both case querysets — the drill-down lists on the statistics page. A scope narrows the
pushed items: a channel, a recipient, a range of ISO weeks; tenancy is the registry's, applied once to every
metric (`scope_for` gives it the courts the user may see, from cases.selectors.restrict_to_user).

- cases_pushed:               cases pushed in the scope / cases pushed by any channel in the same weeks
- concluded_after_first_push: pushed cases closed, by any method but 终本, on or after their first push in the
                              scope / pushed cases (Wannian 2024: 59 / 74 — 推送有效执结)
- feedback_received:          pushed cases with at least one feedback on an item in the scope / pushed cases
- effective_feedback:         cases with feedback the judge marked effective / cases with feedback received
"""
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cases.choices import CaseStatus, ClosureMethod
from cases.models import Court, EnforcementCase
from cases.selectors import restrict_to_user
from wanian_exec.metrics import Part, Registry, Source, Unit

from .models import PushItem

REGISTRY = Registry({"items": Source(lambda f: PushItem.objects.all(), "court_id", "case", EnforcementCase)})


@dataclass(frozen=True)
class Scope:
    """What the follow-through is computed over: the courts the user may see (a queryset of their ids: one
    subquery, no extra round trip) and the optional channel, recipient and ISO weeks."""

    courts: QuerySet
    channel: str | None = None
    recipient: int | None = None
    week_from: str | None = None
    week_to: str | None = None


def scope_for(user, *, channel: str | None = None, recipient: int | None = None, week_from: str | None = None,
              week_to: str | None = None) -> Scope:
    return Scope(restrict_to_user(Court.objects.all(), user).values("pk"), channel, recipient, week_from, week_to)


def in_weeks(f: Scope) -> Q:
    """Items of the scope's weeks (ISO week strings compare in calendar order)."""
    q = Q()
    if f.week_from:
        q &= Q(week__gte=f.week_from)
    if f.week_to:
        q &= Q(week__lte=f.week_to)
    return q


def in_scope(f: Scope) -> Q:
    """Items of the scope's weeks, channel and recipient."""
    q = in_weeks(f)
    if f.channel:
        q &= Q(channel=f.channel)
    if f.recipient:
        q &= Q(recipient_id=f.recipient)
    return q


# Conditions on an item (joined to its case and feedback); a case counts when any of its items in scope meets it.
CONCLUDED = (Q(case__status=CaseStatus.CLOSED, case__closed_on__gte=F("pushed_on"))
             & ~Q(case__closure_method=ClosureMethod.TERMINATED_CURRENT))
WITH_FEEDBACK = Q(feedback__isnull=False)
WITH_EFFECTIVE_FEEDBACK = Q(feedback__effective=True)


@REGISTRY.metric("cases_pushed", _("推送案件数"), Unit.RATE)
def _cases_pushed():
    """Cases pushed in the scope / cases pushed through any channel or recipient in the same weeks."""
    return Part("items", in_scope), Part("items", in_weeks)


@REGISTRY.metric("concluded_after_first_push", _("推送后执结"), Unit.RATE)
def _concluded_after_first_push():
    """Pushed cases closed (any method but 终本) on or after the first push in the scope / pushed cases.
    A case closed on some date counts when any push in the scope is dated on or before it — that is exactly
    when its first push is."""
    return Part("items", lambda f: in_scope(f) & CONCLUDED), Part("items", in_scope)


@REGISTRY.metric("feedback_received", _("收到反馈"), Unit.RATE)
def _feedback_received():
    """Pushed cases with at least one feedback on an item in the scope / pushed cases."""
    return Part("items", lambda f: in_scope(f) & WITH_FEEDBACK), Part("items", in_scope)


@REGISTRY.metric("effective_feedback", _("有效反馈"), Unit.RATE)
def _effective_feedback():
    """Cases with at least one feedback the judge marked effective / cases with feedback received."""
    return (Part("items", lambda f: in_scope(f) & WITH_EFFECTIVE_FEEDBACK),
            Part("items", lambda f: in_scope(f) & WITH_FEEDBACK))


METRICS = {name: definition.label for name, definition in REGISTRY.items()}


@dataclass(frozen=True)
class Ratio:
    name: str
    numerator: int
    denominator: int
    numerator_cases: QuerySet
    denominator_cases: QuerySet

    @property
    def label(self) -> str:
        return str(METRICS[self.name])

    @property
    def rate(self) -> Decimal | None:
        """A decimal fraction with four places ("0.7973"), None when the denominator is 0."""
        if not self.denominator:
            return None
        return (Decimal(self.numerator) / Decimal(self.denominator)).quantize(Decimal("0.0001"))


def ratio(name: str, user, **scope) -> Ratio:
    """Metric `name` for `user` over the scope: both counts, and both lists of cases (newest filed first)."""
    f = scope_for(user, **scope)
    numerator_cases, denominator_cases = (
        REGISTRY.cases_behind(name, f, which).select_related("judge").order_by("-filed_on", "-pk")
        for which in ("numerator", "denominator"))
    return Ratio(name, numerator_cases.count(), denominator_cases.count(), numerator_cases, denominator_cases)


def cases_pushed(user, **scope) -> Ratio:
    return ratio("cases_pushed", user, **scope)


def concluded_after_first_push(user, **scope) -> Ratio:
    return ratio("concluded_after_first_push", user, **scope)


def feedback_received(user, **scope) -> Ratio:
    return ratio("feedback_received", user, **scope)


def effective_feedback(user, **scope) -> Ratio:
    return ratio("effective_feedback", user, **scope)


for _function in (cases_pushed, concluded_after_first_push, feedback_received, effective_feedback):
    _function.__doc__ = REGISTRY[_function.__name__].doc

METRIC_FUNCTIONS = {
    "cases_pushed": cases_pushed,
    "concluded_after_first_push": concluded_after_first_push,
    "feedback_received": feedback_received,
    "effective_feedback": effective_feedback,
}


def follow_through(user, **scope) -> list[Ratio]:
    return [function(user, **scope) for function in METRIC_FUNCTIONS.values()]


def follow_through_table(user, *, by: str, week_from: str | None = None, week_to: str | None = None) -> list[dict]:
    """One row per channel (by="channel") or recipient (by="recipient") with the four counts, in one query.

    The counts are those of the functions above with that channel or recipient as the scope (a test holds
    them to it); the drill-down links call the functions.
    """
    field = {"channel": "channel", "recipient": "recipient_id"}[by]
    f = scope_for(user, week_from=week_from, week_to=week_to)
    items = REGISTRY.scope("items", f).filter(in_weeks(f))
    rows = (items.order_by().values(field).annotate(  # n_ names: "feedback" is the related name
        n_pushed=Count("case", distinct=True),
        n_concluded=Count("case", distinct=True, filter=CONCLUDED),
        n_feedback=Count("case", distinct=True, filter=WITH_FEEDBACK),
        n_effective=Count("case", distinct=True, filter=WITH_EFFECTIVE_FEEDBACK),
    ).order_by(field))
    return [{"key": row[field], **{k: row[f"n_{k}"] for k in ("pushed", "concluded", "feedback", "effective")}}
            for row in rows]
