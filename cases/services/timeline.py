"""The case timeline: every service — in this app and the apps above it — records its work here.

`record_event` writes one line; `record_events` many at once (an import of a court's history, the violations of a
travel file), one COPY or INSERT per batch. They are the only writers of CaseEvent rows, and both announce what
they wrote with `case_events_recorded`, sent explicitly in the writing transaction (never a model post_save):
apps above cases subscribe to it in their AppConfig.ready (sanctions recomputes rosters for the kinds its rosters
read), so cases never imports them. A listener that writes, writes in the same transaction: what it enqueues
through the outbox is published when the events commit, and nothing when they roll back.
"""
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.dispatch import Signal

from wanian_exec.bulk import bulk_insert

from ..models import CaseEvent, EnforcementCase

# Sent with sender=CaseEvent, events=[(case id, kind), …] of the lines just written, and imported=True when they
# are a court's history brought in from its earlier system (every row carries imported_job).
case_events_recorded = Signal()


def record_event(*, case: EnforcementCase, kind: str, occurred_on: dt.date, actor=None, party=None,
                 amount: Decimal | None = None, note: str = "") -> CaseEvent:
    event = CaseEvent.objects.create(case=case, kind=kind, occurred_on=occurred_on, actor=actor, party=party,
                                     amount=amount, note=note)
    case_events_recorded.send(sender=CaseEvent, events=[(event.case_id, event.kind)], imported=False)
    return event


def record_events(rows: Iterable[dict]) -> int:
    """Write many timeline lines at once (an import of a court's history, a travel file's violations): dicts of
    CaseEvent attnames (`case_id`, `kind`, `occurred_on`, `party_id`, `amount`, `note`, `imported_job`,
    `imported_row` …), one COPY per batch on PostgreSQL (wanian_exec.bulk). Returns how many. Announced once for
    the whole call (case_events_recorded)."""
    rows = list(rows)
    if not rows:
        return 0
    bulk_insert(CaseEvent, rows)
    case_events_recorded.send(sender=CaseEvent, events=[(row["case_id"], row["kind"]) for row in rows],
                              imported=all(row.get("imported_job") is not None for row in rows))
    return len(rows)
