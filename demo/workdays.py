"""Court working days for 2023–2024: weekends and public holidays off, make-up Saturdays/Sundays on (调休)."""
import datetime as dt


def _span(start: str, end: str) -> set[dt.date]:
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return {a + dt.timedelta(days=i) for i in range((b - a).days + 1)}


# State Council holiday notices for 2023 and 2024.
HOLIDAYS: set[dt.date] = set().union(
    _span("2023-01-01", "2023-01-02"), _span("2023-01-21", "2023-01-27"), _span("2023-04-05", "2023-04-05"),
    _span("2023-04-29", "2023-05-03"), _span("2023-06-22", "2023-06-24"), _span("2023-09-29", "2023-10-06"),
    _span("2023-12-30", "2024-01-01"), _span("2024-02-10", "2024-02-17"), _span("2024-04-04", "2024-04-06"),
    _span("2024-05-01", "2024-05-05"), _span("2024-06-10", "2024-06-10"), _span("2024-09-15", "2024-09-17"),
    _span("2024-10-01", "2024-10-07"),
)
MAKEUP_WORKDAYS: set[dt.date] = {dt.date.fromisoformat(d) for d in [
    "2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08",
    "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
    "2024-10-12",
]}


def is_workday(day: dt.date) -> bool:
    if day in MAKEUP_WORKDAYS:
        return True
    return day.weekday() < 5 and day not in HOLIDAYS


def next_workday(day: dt.date) -> dt.date:
    while not is_workday(day):
        day += dt.timedelta(days=1)
    return day


def prev_workday(day: dt.date) -> dt.date:
    while not is_workday(day):
        day -= dt.timedelta(days=1)
    return day


def workday_between(start: dt.date, end: dt.date, fraction: float) -> dt.date:
    """A working day about `fraction` of the way from start to end, never outside [start, end]."""
    if end <= start:
        return start
    day = next_workday(start + dt.timedelta(days=round(fraction * (end - start).days)))
    if day > end:
        day = prev_workday(end)
    return max(day, start)
