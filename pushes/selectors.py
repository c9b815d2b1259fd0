"""Reads of the pushes app. Every queryset starts from cases.selectors.restrict_to_user (tenancy), and brings
what its page shows in a fixed number of queries."""
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from cases.models import EnforcementCase
from cases.selectors import restrict_to_user

from .models import PushBatch, PushDelivery, PushFeedback, PushItem, PushRecipient, PushRuleSet, PushRun


def recipients_visible_to(user) -> QuerySet:
    return restrict_to_user(
        PushRecipient.objects.select_related("township", "grid", "organization"), user, court_path="court")


def rule_sets_visible_to(user) -> QuerySet:
    return restrict_to_user(PushRuleSet.objects.select_related("created_by"), user, court_path="court")


def runs_visible_to(user) -> QuerySet:
    return restrict_to_user(PushRun.objects.select_related("rule_set", "started_by"), user, court_path="court")


def items_of(batch) -> QuerySet:
    """A batch's items: (week, recipient) is the batch, and the leading columns of the unique index."""
    return PushItem.objects.filter(week=batch.week, recipient_id=batch.recipient_id)


def attach_items(batches: list) -> list:
    """Give each batch `.item_list` (its items, as item_list_queryset shows them) in one query for all: an OR
    of (week, recipient) pairs, each a range of the unique index."""
    by_batch: dict[int, list] = {b.pk: [] for b in batches}
    if batches:
        condition = Q()
        for batch in batches:
            condition |= Q(week=batch.week, recipient_id=batch.recipient_id)
        for item in item_list_queryset().filter(condition):
            if item.batch_id in by_batch:
                by_batch[item.batch_id].append(item)
    for batch in batches:
        batch.item_list = by_batch[batch.pk]
    return batches


def item_list_queryset() -> QuerySet:
    """Items with the case and party fields a list row shows (case number, name, masked identity, judge)."""
    return PushItem.objects.select_related(
        "case__judge", "party", "recipient__township", "recipient__organization", "run__rule_set").only(
        "id", "batch_id", "week", "channel", "recipient_id", "case_id", "party_id", "party_role", "reasons",
        "reason_codes", "amount_outstanding", "pushed_on", "run_id",
        # what the reasons are rendered with (PushItem.reason_list)
        "recipient__id", "recipient__name", "recipient__channel", "recipient__township", "recipient__organization",
        "recipient__township__name", "recipient__organization__name", "run__id", "run__rule_set",
        "run__rule_set__deputy_level",
        "case__id", "case__number", "case__judge__id", "case__judge__full_name", "case__judge__username",
        "case__judge__phone",
        "party__id", "party__name", "party__kind", "party__id_number", "party__credit_code",
    ).order_by("case_id", "party_id", "pk")


def batches_visible_to(user) -> QuerySet:
    queryset = PushBatch.objects.select_related("recipient", "court", "run").prefetch_related("deliveries")
    return restrict_to_user(queryset, user, court_path="court")


def batch_list_rows(user) -> QuerySet:
    """The batch list: the user's court's batches with their feedback counted by a subquery per row shown — an
    aggregate over a join would make the pager's count group every batch of the court with its feedback."""
    feedback = PushFeedback.objects.filter(batch=OuterRef("pk")).order_by().values("batch").annotate(
        n=Count("pk")).values("n")
    return batches_visible_to(user).annotate(
        feedback_count=Coalesce(Subquery(feedback, output_field=IntegerField()), 0)).order_by(
        "-week", "channel", "recipient__name", "pk")


def recipient_choices(user) -> list[tuple[int, str]]:
    """(id, label) of the court's recipients for the batch list's filter, as PushRecipient.__str__ labels them."""
    labels = dict(PushRecipient._meta.get_field("channel").choices)
    rows = restrict_to_user(PushRecipient.objects.all(), user, court_path="court").order_by("channel", "name", "pk")
    return [(pk, f"{labels.get(channel, channel)}·{name}") for pk, channel, name in rows.values_list(
        "pk", "channel", "name")]


def items_visible_to(user) -> QuerySet:
    return restrict_to_user(item_list_queryset().select_related("recipient"), user, court_path="court_id")


def feedback_visible_to(user) -> QuerySet:
    return restrict_to_user(
        PushFeedback.objects.select_related("case__judge", "item__party", "batch__recipient", "reviewed_by"),
        user, court_path="court")


def deliveries_of(batch: PushBatch) -> QuerySet:
    return PushDelivery.objects.filter(batch=batch).order_by("method")


def portal_items(batch: PushBatch) -> QuerySet:
    """The batch's items as the portal shows them; nothing outside the batch."""
    return item_list_queryset().filter(week=batch.week, recipient_id=batch.recipient_id).prefetch_related(
        Prefetch("feedback", queryset=PushFeedback.objects.order_by("created_at", "pk")))


def case_push_history(case: EnforcementCase) -> QuerySet:
    """Every push of a case, newest week first, with the recipient and the feedback received."""
    return (PushItem.objects.filter(case=case)
            .select_related("recipient__township", "recipient__organization", "party", "batch", "run__rule_set")
            .prefetch_related(Prefetch("feedback", queryset=PushFeedback.objects.order_by("created_at", "pk")))
            .order_by("-week", "channel", "pk"))


def weeks_of(user) -> list[str]:
    return list(runs_visible_to(user).order_by("-week").values_list("week", flat=True).distinct()[:52])
