"""Chinese-capital amounts both ways (documents/chinese_money.py documents the convention and its source)."""
import random
from decimal import Decimal

import pytest

from documents.chinese_money import format_yuan, parse_capital, to_capital

BOUNDARIES = [
    ("0", "零元整"),
    ("0.00", "零元整"),
    ("0.05", "伍分"),  # below one yuan: no 元, no 零 in front, no 整 after 分
    ("0.50", "伍角整"),
    ("0.55", "伍角伍分"),
    ("1", "壹元整"),
    ("10", "壹拾元整"),  # 壹 before 拾 is never dropped
    ("10.50", "壹拾元伍角整"),  # 整 after 角 (allowed to be omitted; we write it, and read both)
    ("10.05", "壹拾元零伍分"),  # 角位 zero before 分: 零 required
    ("11", "壹拾壹元整"),
    ("110", "壹佰壹拾元整"),
    ("1001", "壹仟零壹元整"),
    ("1010", "壹仟零壹拾元整"),
    ("1409.02", "壹仟肆佰零玖元零贰分"),  # the regulation's own example
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),  # the regulation's second allowed form (元位 zero, no 零)
    ("20000", "贰万元整"),
    ("100000", "壹拾万元整"),
    ("100001", "壹拾万零壹元整"),
    ("107000.53", "壹拾万柒仟元伍角叁分"),  # the regulation's first allowed form
    ("108000", "壹拾万捌仟元整"),  # the 李某 case
    ("126000.00", "壹拾贰万陆仟元整"),  # the 姚某 case
    ("10001000", "壹仟万壹仟元整"),
    ("100000000", "壹亿元整"),
    ("100010000", "壹亿零壹万元整"),
    ("110000000", "壹亿壹仟万元整"),
    ("1000000001.01", "壹拾亿零壹元零壹分"),
    ("52955000", "伍仟贰佰玖拾伍万伍仟元整"),  # 5,295.5万, the year's recovery
    ("1000000000000", "壹万亿元整"),
    ("9999999999999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


@pytest.mark.parametrize(("amount", "capitals"), BOUNDARIES)
def test_amount_to_capitals_on_boundaries(amount, capitals):
    assert to_capital(Decimal(amount)) == capitals


@pytest.mark.parametrize(("amount", "capitals"), BOUNDARIES)
def test_capitals_parse_back_to_the_amount(amount, capitals):
    assert parse_capital(capitals) == Decimal(amount)


@pytest.mark.parametrize(("text", "amount"), [
    ("壹拾元伍角", "10.50"),  # 整 after 角 omitted
    ("壹拾万零柒仟元零伍角叁分", "107000.53"),  # the other allowed form of 107000.53
    ("人民币壹仟陆佰捌拾元零叁角贰分", "1680.32"),  # with 人民币 and the optional 零
    ("壹拾万零壹元正", "100001"),  # 正 for 整
    ("壹拾圆整", "10"),  # 圆 for 元
    ("拾元整", "10"),  # a missing 壹 is still read
    ("壹拾贰万 陆仟元整", "126000"),  # whitespace ignored
])
def test_parse_accepts_the_other_allowed_forms(text, amount):
    assert parse_capital(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["", "元整", "壹贰元", "壹零元", "壹亿贰亿元", "壹万贰万元", "伍", "壹拾元伍", "hello",
                                  "零拾元", "壹拾元伍角叁"])
def test_parse_refuses_what_is_not_an_amount(text):
    with pytest.raises(ValueError):
        parse_capital(text)


@pytest.mark.parametrize("amount", ["-1", "0.001", "1.005", "10000000000000000", "NaN", "abc"])
def test_to_capital_refuses_negative_sub_fen_oversized_and_non_numbers(amount):
    with pytest.raises(ValueError):
        to_capital(amount)


def test_floats_are_refused_money_is_decimal():
    with pytest.raises(TypeError):
        to_capital(10.5)


def test_ints_and_strings_are_accepted():
    assert to_capital(126000) == to_capital("126000.00") == "壹拾贰万陆仟元整"


def test_round_trip_over_every_amount_to_twenty_thousand_and_random_large_ones():
    rng = random.Random(453)
    integers = list(range(0, 20001)) + [rng.randrange(10 ** 16) for _ in range(3000)]
    for n in integers:
        for cents in (0, 5, 50, 99):
            amount = Decimal(n) + Decimal(cents) / 100
            assert parse_capital(to_capital(amount)) == amount, amount


def test_figures_have_thousands_separators_and_two_decimals():
    assert format_yuan(Decimal("126000")) == "126,000.00"
    assert format_yuan(Decimal("0.5")) == "0.50"
