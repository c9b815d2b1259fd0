"""The case timeline: every service — in this app and the apps above it — records its work here."""
import datetime as dt
from decimal import Decimal

from ..models import CaseEvent, EnforcementCase


def record_event(*, case: EnforcementCase, kind: str, occurred_on: dt.date, actor=None, party=None,
                 amount: Decimal | None = None, note: str = "") -> CaseEvent:
    return CaseEvent.objects.create(case=case, kind=kind, occurred_on=occurred_on, actor=actor, party=party,
                                    amount=amount, note=note)
