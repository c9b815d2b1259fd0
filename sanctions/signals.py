"""The facts behind the rosters that the cases app records (events, funds, closure, assets): when one lands on a
case's timeline, cases.services.timeline announces it (case_events_recorded) and this listener enqueues that case's
roster recomputation through the outbox, in the same transaction. Connected when the app is ready
(SanctionsConfig.ready imports this module); cases never imports sanctions.

Only the kinds the rosters read count: a note, a push feedback or a clearance step changes no roster fact. The
sanctions app's own services (measures, evidence, travel) enqueue their refresh themselves, where they change
the facts. A court's history brought in by an import is left to the daily rosters job."""
from django.dispatch import receiver

from cases.choices import EventKind
from cases.services.timeline import case_events_recorded

from .tasks import enqueue_roster_refresh

ROSTER_EVENTS = frozenset({
    EventKind.NOTICE_SERVED, EventKind.REPORT_ORDER_SERVED, EventKind.PROPERTY_REPORTED, EventKind.DEBTOR_NOT_FOUND,
    EventKind.SERVICE_FAILED, EventKind.CONTACT, EventKind.URGING, EventKind.ASSET_FOUND, EventKind.FUND_IN,
    EventKind.CLOSED, EventKind.SUSPENDED, EventKind.RESUMED_PROCEEDINGS, EventKind.CASE_UPDATED,
    EventKind.ASSET_STATUS_CHANGED,
})


@receiver(case_events_recorded, dispatch_uid="sanctions_roster_facts")
def case_facts_recorded(sender, events: list[tuple[int, str]], imported: bool = False, **kwargs):
    if not imported:
        enqueue_roster_refresh(*{case_id for case_id, kind in events if kind in ROSTER_EVENTS})
