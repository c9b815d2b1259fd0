"""The case timeline: every service — in this app and the apps above it — records its work here.

`record_event` writes one line; `record_events` many at once (an import of a court's history), one INSERT per
batch. Both are the only writers of CaseEvent rows.
"""
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from ..models import CaseEvent, EnforcementCase


def record_event(*, case: EnforcementCase, kind: str, occurred_on: dt.date, actor=None, party=None,
                 amount: Decimal | None = None, note: str = "") -> CaseEvent:
    return CaseEvent.objects.create(case=case, kind=kind, occurred_on=occurred_on, actor=actor, party=party,
                                    amount=amount, note=note)


def record_events(events: Iterable[CaseEvent], *, batch_size: int = 2000) -> int:
    """Write unsaved CaseEvent rows in bulk; returns how many. Bulk inserts send no post_save: listeners of single
    events (sanctions' roster refresh) are not told — the caller schedules what must follow (or a sweep finds it)."""
    rows = list(events)
    CaseEvent.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)
