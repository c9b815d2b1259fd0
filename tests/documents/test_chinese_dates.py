import datetime as dt

import pytest

from documents.chinese_dates import arabic_date, chinese_date, chinese_number, parse_chinese_date, \
    parse_chinese_number


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2024, 5, 1), "二〇二四年五月一日"),
    (dt.date(2024, 12, 31), "二〇二四年十二月三十一日"),
    (dt.date(2000, 10, 20), "二〇〇〇年十月二十日"),
    (dt.date(2031, 11, 11), "二〇三一年十一月十一日"),
    (dt.date(2024, 2, 29), "二〇二四年二月二十九日"),
])
def test_date_under_a_document_in_chinese_numerals(day, text):
    assert chinese_date(day) == text
    assert parse_chinese_date(text) == day


def test_body_dates_use_arabic_numerals():
    assert arabic_date(dt.date(2024, 5, 1)) == "2024年5月1日"
    assert parse_chinese_date("2024年5月1日") == dt.date(2024, 5, 1)


def test_every_day_of_a_century_round_trips():
    day = dt.date(2000, 1, 1)
    while day.year < 2100:
        assert parse_chinese_date(chinese_date(day)) == day
        day += dt.timedelta(days=1)


def test_hand_typed_zeros_are_read():
    assert parse_chinese_date("二○二四年五月一日") == dt.date(2024, 5, 1)  # U+25CB
    assert parse_chinese_date("二零二四年五月一日") == dt.date(2024, 5, 1)


@pytest.mark.parametrize("text", ["二〇二四年二月三十日", "二〇二四年十三月一日", "二〇二四年五月", "2024-05-01",
                                  "二〇二四年一十月一日", "二〇二四年五月〇日"])
def test_invalid_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_chinese_date(text)


@pytest.mark.parametrize(("n", "text"), [(0, "〇"), (3, "三"), (10, "十"), (15, "十五"), (20, "二十"), (31, "三十一"),
                                         (99, "九十九")])
def test_small_numbers(n, text):
    assert chinese_number(n) == text
    assert parse_chinese_number(text) == n


def test_numbers_outside_0_99_are_refused():
    with pytest.raises(ValueError):
        chinese_number(100)
