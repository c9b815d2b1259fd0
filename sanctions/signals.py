"""The facts behind the rosters are written by the cases app (events, funds, closure): when one lands on a case's
timeline, that case's rosters are recomputed after commit. Listening from above keeps cases free of sanctions."""
from django.db.models.signals import post_save
from django.dispatch import receiver

from cases.choices import EventKind
from cases.models import CaseEvent

from .tasks import enqueue_roster_refresh

ROSTER_EVENTS = frozenset({
    EventKind.NOTICE_SERVED, EventKind.REPORT_ORDER_SERVED, EventKind.PROPERTY_REPORTED, EventKind.DEBTOR_NOT_FOUND,
    EventKind.SERVICE_FAILED, EventKind.CONTACT, EventKind.URGING, EventKind.ASSET_FOUND, EventKind.FUND_IN,
    EventKind.CLOSED, EventKind.SUSPENDED, EventKind.RESUMED_PROCEEDINGS, EventKind.NOTE,
})


@receiver(post_save, sender=CaseEvent, dispatch_uid="sanctions_roster_facts")
def case_fact_recorded(sender, instance: CaseEvent, created: bool, **kwargs):
    if created and instance.kind in ROSTER_EVENTS:
        enqueue_roster_refresh(instance.case_id)
