"""The case timeline: every service — in this app and the apps above it — records its work here.

`record_event` writes one line; `record_events` many at once (an import of a court's history, the violations of a
travel file), one COPY or INSERT per batch. They are the only writers of CaseEvent rows.
"""
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from wanian_exec.bulk import bulk_insert

from ..models import CaseEvent, EnforcementCase


def record_event(*, case: EnforcementCase, kind: str, occurred_on: dt.date, actor=None, party=None,
                 amount: Decimal | None = None, note: str = "") -> CaseEvent:
    return CaseEvent.objects.create(case=case, kind=kind, occurred_on=occurred_on, actor=actor, party=party,
                                    amount=amount, note=note)


def record_events(rows: Iterable[dict]) -> int:
    """Write many timeline lines at once (an import of a court's history, a travel file's violations): dicts of
    CaseEvent attnames (`case_id`,
    `kind`, `occurred_on`, `party_id`, `amount`, `note`, `imported_job`, `imported_row` …), one COPY per batch on
    PostgreSQL (wanian_exec.bulk). Returns how many. Bulk inserts send no post_save: listeners of single events
    (sanctions' roster refresh) are not told — the caller schedules what must follow (or a sweep finds it)."""
    rows = list(rows)
    bulk_insert(CaseEvent, rows)
    return len(rows)
