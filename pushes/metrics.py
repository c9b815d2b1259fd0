"""Follow-through of the pushes (推送跟踪): each metric is numerator / denominator AND the cases behind both.

Courts use different denominators for the same name (domain.md), so every function below states its own and
returns a `Ratio` carrying both counts and both case querysets — the drill-down lists on the statistics page.
A scope narrows the pushed items: a channel, a recipient, a range of ISO weeks; tenancy always applies.

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
from cases.models import EnforcementCase
from cases.selectors import restrict_to_user

from .models import PushItem

METRICS = {
    "cases_pushed": _("推送案件数"),
    "concluded_after_first_push": _("推送后执结"),
    "feedback_received": _("收到反馈"),
    "effective_feedback": _("有效反馈"),
}


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


def scoped_items(user, *, channel: str | None = None, recipient: int | None = None, week_from: str | None = None,
                 week_to: str | None = None) -> QuerySet:
    """The pushed items of the user's court in the scope (ISO week strings compare in calendar order)."""
    items = restrict_to_user(PushItem.objects.all(), user, court_path="court_id")
    if channel:
        items = items.filter(channel=channel)
    if recipient:
        items = items.filter(recipient_id=recipient)
    if week_from:
        items = items.filter(week__gte=week_from)
    if week_to:
        items = items.filter(week__lte=week_to)
    return items


def _cases(items: QuerySet) -> QuerySet:
    return EnforcementCase.objects.filter(pk__in=items.values("case_id")).select_related("judge").order_by(
        "-filed_on", "-pk")


def _ratio(name: str, numerator_items: QuerySet, denominator_items: QuerySet) -> Ratio:
    numerator_cases, denominator_cases = _cases(numerator_items), _cases(denominator_items)
    return Ratio(name, numerator_cases.count(), denominator_cases.count(), numerator_cases, denominator_cases)


# Conditions on an item (joined to its case and feedback); a case counts when any of its items in scope meets it.
CONCLUDED = (Q(case__status=CaseStatus.CLOSED, case__closed_on__gte=F("pushed_on"))
             & ~Q(case__closure_method=ClosureMethod.TERMINATED_CURRENT))
WITH_FEEDBACK = Q(feedback__isnull=False)
WITH_EFFECTIVE_FEEDBACK = Q(feedback__effective=True)


def cases_pushed(user, **scope) -> Ratio:
    """Cases pushed in the scope / cases pushed through any channel or recipient in the same weeks."""
    everything = scoped_items(user, week_from=scope.get("week_from"), week_to=scope.get("week_to"))
    return _ratio("cases_pushed", scoped_items(user, **scope), everything)


def concluded_after_first_push(user, **scope) -> Ratio:
    """Pushed cases closed (any method but 终本) on or after the first push in the scope / pushed cases.
    A case closed on some date counts when any push in the scope is dated on or before it — that is exactly
    when its first push is."""
    items = scoped_items(user, **scope)
    return _ratio("concluded_after_first_push", items.filter(CONCLUDED), items)


def feedback_received(user, **scope) -> Ratio:
    """Pushed cases with at least one feedback on an item in the scope / pushed cases."""
    items = scoped_items(user, **scope)
    return _ratio("feedback_received", items.filter(WITH_FEEDBACK), items)


def effective_feedback(user, **scope) -> Ratio:
    """Cases with at least one feedback the judge marked effective / cases with feedback received."""
    items = scoped_items(user, **scope)
    return _ratio("effective_feedback", items.filter(WITH_EFFECTIVE_FEEDBACK), items.filter(WITH_FEEDBACK))


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
    items = scoped_items(user, week_from=week_from, week_to=week_to)
    rows = (items.order_by().values(field).annotate(  # n_ names: "feedback" is the related name
        n_pushed=Count("case", distinct=True),
        n_concluded=Count("case", distinct=True, filter=CONCLUDED),
        n_feedback=Count("case", distinct=True, filter=WITH_FEEDBACK),
        n_effective=Count("case", distinct=True, filter=WITH_EFFECTIVE_FEEDBACK),
    ).order_by(field))
    return [{"key": row[field], **{k: row[f"n_{k}"] for k in ("pushed", "concluded", "feedback", "effective")}}
            for row in rows]
