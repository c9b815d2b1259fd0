"""Schedule arithmetic: every 6 months from closure, for 5 years, month ends clamped (cases.rules), and its
inversion into closure-date windows that the daily sweep reads by index (clearance.schedule)."""
import datetime as dt

import pytest

from cases.rules import reinquiry_dates
from clearance.schedule import ROUNDS, closed_on_window, due_on, due_windows, schedule_state

D = dt.date


def test_ten_rounds_six_months_apart_ending_five_years_after_closure():
    dates = reinquiry_dates(D(2023, 3, 15))
    assert len(dates) == ROUNDS == 10
    assert dates[0] == D(2023, 9, 15)
    assert dates[1] == D(2024, 3, 15)
    assert dates[-1] == D(2028, 3, 15)  # the 5-year end


@pytest.mark.parametrize("closed_on, first", [
    (D(2023, 8, 31), D(2024, 2, 29)),  # leap year: 29 Feb
    (D(2022, 8, 31), D(2023, 2, 28)),
    (D(2022, 8, 29), D(2023, 2, 28)),
    (D(2023, 12, 31), D(2024, 6, 30)),
    (D(2024, 2, 29), D(2024, 8, 29)),
])
def test_month_end_closures_are_clamped_to_the_months_last_day(closed_on, first):
    assert due_on(closed_on, 1) == reinquiry_dates(closed_on)[0] == first


def test_later_rounds_count_from_the_closure_not_from_the_clamped_date():
    # 31 Aug → 29 Feb → 31 Aug (not 29 Aug): each round is closure + 6k months
    assert reinquiry_dates(D(2023, 8, 31))[:3] == [D(2024, 2, 29), D(2024, 8, 31), D(2025, 2, 28)]


def test_the_window_of_a_month_end_due_date_holds_every_closure_day_mapped_onto_it():
    # due 29 Feb 2024 (round 1): closures of 29, 30 and 31 Aug 2023
    assert closed_on_window(1, D(2024, 2, 28), D(2024, 2, 29)) == (D(2023, 8, 29), D(2023, 8, 31))
    # due 1 Mar 2024: only 1 Sep 2023
    assert closed_on_window(1, D(2024, 2, 29), D(2024, 3, 1)) == (D(2023, 9, 1), D(2023, 9, 1))


def test_windows_cover_each_closure_date_exactly_once_per_round():
    # every closure date over two years: its due dates fall into the day-by-day windows exactly once each
    start = D(2020, 1, 1)
    closures = [start + dt.timedelta(days=i) for i in range(800)]
    hits = {}
    day = D(2020, 6, 1)
    while day <= D(2026, 1, 1):
        for sequence, first, last in due_windows(day - dt.timedelta(days=1), day):
            for closed in closures:
                if first <= closed <= last:
                    assert due_on(closed, sequence) == day
                    hits[(closed, sequence)] = hits.get((closed, sequence), 0) + 1
        day += dt.timedelta(days=1)
    expected = {(c, s) for c in closures for s in range(1, ROUNDS + 1)
                if D(2020, 6, 1) <= due_on(c, s) <= D(2026, 1, 1)}
    assert set(hits) == expected and set(hits.values()) == {1}


def test_schedule_state_overdue_next_and_end():
    closed = D(2023, 8, 31)
    state = schedule_state(closed, last_inquiry_on=None, today=D(2024, 3, 10))
    assert (state.last_due, state.next_due, state.overdue, state.ended) == (D(2024, 2, 29), D(2024, 8, 31), True, False)
    done = schedule_state(closed, last_inquiry_on=D(2024, 2, 29), today=D(2024, 3, 10))
    assert not done.overdue
    on_the_day = schedule_state(closed, last_inquiry_on=None, today=D(2024, 2, 29))
    assert not on_the_day.overdue  # the sweep runs on the due day itself
    before = schedule_state(closed, last_inquiry_on=None, today=D(2023, 12, 1))
    assert (before.last_due, before.next_due, before.overdue) == (None, D(2024, 2, 29), False)
    after = schedule_state(closed, last_inquiry_on=D(2028, 8, 31), today=D(2029, 1, 1))
    assert after.ended and after.next_due is None and not after.overdue
