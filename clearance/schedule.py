"""Calendar arithmetic of the re-inquiry schedule, on top of the statutory rule in cases.rules (SPC 2016 终本
provisions art. 9: re-query every REINQUIRY_INTERVAL_MONTHS months for REINQUIRY_YEARS years after 终本).

Pure functions, no database. The rule itself (the interval, the number of years, month-end clamping) lives in
cases.rules; this module only inverts it so the daily sweep can select due cases by their closure date — an
index range on (court, closure_method, closed_on) — instead of walking the stock.
"""
import datetime as dt
from dataclasses import dataclass

from cases.rules import REINQUIRY_INTERVAL_MONTHS, REINQUIRY_YEARS, add_months, reinquiry_dates

ROUNDS = REINQUIRY_YEARS * 12 // REINQUIRY_INTERVAL_MONTHS  # 10 re-inquiries over 5 years
ONE_DAY = dt.timedelta(days=1)


def due_on(closed_on: dt.date, sequence: int) -> dt.date:
    """The `sequence`-th (1-based) re-inquiry date of a case closed on `closed_on`."""
    return add_months(closed_on, REINQUIRY_INTERVAL_MONTHS * sequence)


def _last_closed_on_due_by(day: dt.date, sequence: int) -> dt.date:
    """The latest closure date whose `sequence`-th re-inquiry falls on or before `day`.

    add_months clamps to the month's end, so several closure days share one due date (29, 30, 31 Aug → 28 Feb):
    step forward over them."""
    last = add_months(day, -REINQUIRY_INTERVAL_MONTHS * sequence)
    while due_on(last + ONE_DAY, sequence) <= day:
        last += ONE_DAY
    return last


def closed_on_window(sequence: int, after: dt.date, until: dt.date) -> tuple[dt.date, dt.date] | None:
    """Closure dates [first, last] whose `sequence`-th re-inquiry is due in (after, until]; None if empty."""
    first = _last_closed_on_due_by(after, sequence) + ONE_DAY
    last = _last_closed_on_due_by(until, sequence)
    return (first, last) if first <= last else None


def due_windows(after: dt.date, until: dt.date) -> list[tuple[int, dt.date, dt.date]]:
    """(sequence, first closure date, last closure date) for every round with a re-inquiry due in (after, until]."""
    windows = []
    for sequence in range(1, ROUNDS + 1):
        window = closed_on_window(sequence, after, until)
        if window:
            windows.append((sequence, *window))
    return windows


def first_closed_on_in_schedule(today: dt.date) -> dt.date:
    """The earliest closure date still in the schedule on `today` (its last re-inquiry, 5 years on, is today)."""
    return add_months(today, -12 * REINQUIRY_YEARS)


def current_windows(today: dt.date) -> list[tuple[int, dt.date, dt.date]]:
    """(sequence, first closure date, last closure date) for every round that is a case's latest due round on
    `today`: its `sequence`-th re-inquiry is due on or before today and the next one is not yet due. Together the
    windows cover every closure date from 5 years back to the one whose first re-inquiry is due today, once each."""
    windows = []
    for sequence in range(1, ROUNDS + 1):
        last = _last_closed_on_due_by(today, sequence)
        first = (_last_closed_on_due_by(today, sequence + 1) + ONE_DAY if sequence < ROUNDS
                 else first_closed_on_in_schedule(today))
        if first <= last:
            windows.append((sequence, first, last))
    return windows


@dataclass(frozen=True)
class ScheduleState:
    dates: tuple[dt.date, ...]
    last_due: dt.date | None  # the latest due date on or before today
    next_due: dt.date | None  # the next due date after today (None after the 5 years)
    overdue: bool  # the latest due date has passed without a re-inquiry on or after it
    ended: bool  # the 5 years are over
    resumed_on: dt.date | None = None  # resumed (执恢 filed): the schedule stopped that day

    @property
    def done_rounds(self) -> int:
        return sum(1 for d in self.dates if self.last_due and d <= self.last_due)


def schedule_state(closed_on: dt.date, *, last_inquiry_on: dt.date | None, today: dt.date,
                   resumed_on: dt.date | None = None) -> ScheduleState:
    """Where a 终本 case stands in its schedule: overdue when its latest due date (strictly before today: the sweep
    runs on the day itself) has no inquiry on or after it. A resumed case is out of the schedule: never overdue,
    nothing next."""
    dates = tuple(reinquiry_dates(closed_on))
    past = [d for d in dates if d <= today]
    future = [d for d in dates if d > today]
    last_due = past[-1] if past else None
    if resumed_on is not None:
        return ScheduleState(dates, last_due, None, False, True, resumed_on)
    overdue = bool(last_due and last_due < today and (last_inquiry_on is None or last_inquiry_on < last_due))
    return ScheduleState(dates, last_due, future[0] if future else None, overdue, not future)
