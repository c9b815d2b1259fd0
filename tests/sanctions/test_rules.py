"""Statutory limits of coercive measures (sanctions.rules): detention days, fine ranges, minors, dates."""
import datetime as dt
from decimal import Decimal

import pytest

from sanctions import rules
from sanctions.choices import SanctionKind

DAY = dt.date(2024, 5, 1)


def errors_for(kind, *, party_kind="person", start_on=None, end_on=None, amount=None, minor=False,
               decided_on=DAY, **more):
    if kind == SanctionKind.DISHONEST_LIST:
        more.setdefault("dishonest_ground", "report_breach")
    if kind == SanctionKind.SUMMONS:
        more.setdefault("lawful_summons_on", decided_on - dt.timedelta(days=5))
        more.setdefault("summons_refused_on", decided_on - dt.timedelta(days=1))
    return rules.sanction_errors(kind=kind, party_kind=party_kind, decided_on=decided_on, start_on=start_on,
                                 end_on=end_on, amount=amount, party_is_minor=minor, **more)


@pytest.mark.parametrize("days", [1, 14, 15])
def test_detention_up_to_fifteen_days_is_allowed(days):
    errors = errors_for(SanctionKind.DETENTION, start_on=DAY, end_on=DAY + dt.timedelta(days=days - 1))
    assert errors == {}


@pytest.mark.parametrize("days", [16, 30])
def test_detention_longer_than_fifteen_days_is_refused(days):
    errors = errors_for(SanctionKind.DETENTION, start_on=DAY, end_on=DAY + dt.timedelta(days=days - 1))
    assert list(errors) == ["end_on"]
    assert "15日" in str(errors["end_on"][0]) and str(days) in str(errors["end_on"][0])


@pytest.mark.parametrize("start_on, end_on", [(None, None), (DAY, None), (None, DAY)])
def test_detention_needs_both_dates(start_on, end_on):
    assert "end_on" in errors_for(SanctionKind.DETENTION, start_on=start_on, end_on=end_on)


@pytest.mark.parametrize("amount", ["0.01", "5000", "100000", "100000.00"])
def test_fine_on_an_individual_up_to_100000_is_allowed(amount):
    assert errors_for(SanctionKind.FINE, amount=Decimal(amount)) == {}


@pytest.mark.parametrize("amount", ["100000.01", "200000"])
def test_fine_on_an_individual_above_100000_is_refused(amount):
    errors = errors_for(SanctionKind.FINE, amount=Decimal(amount))
    assert list(errors) == ["amount"]


@pytest.mark.parametrize("amount", ["50000", "50000.00", "300000", "1000000", "1000000.00"])
def test_fine_on_a_unit_from_50000_to_1000000_is_allowed(amount):
    assert errors_for(SanctionKind.FINE, party_kind="organization", amount=Decimal(amount)) == {}


@pytest.mark.parametrize("amount", ["49999.99", "1000", "1000000.01", "2000000"])
def test_fine_on_a_unit_outside_50000_to_1000000_is_refused(amount):
    errors = errors_for(SanctionKind.FINE, party_kind="organization", amount=Decimal(amount))
    assert list(errors) == ["amount"]


@pytest.mark.parametrize("amount", [None, Decimal("0"), Decimal("-1")])
def test_fine_needs_a_positive_amount(amount):
    assert "amount" in errors_for(SanctionKind.FINE, amount=amount)


def test_only_a_fine_carries_an_amount():
    assert "amount" in errors_for(SanctionKind.DETENTION, start_on=DAY, end_on=DAY, amount=Decimal("100"))


def test_a_minor_may_not_be_put_on_the_dishonest_list():
    errors = errors_for(SanctionKind.DISHONEST_LIST, minor=True)
    assert list(errors) == ["party"]
    assert errors_for(SanctionKind.DISHONEST_LIST, minor=False) == {}


def test_a_minor_may_still_be_restricted_in_consumption():
    assert errors_for(SanctionKind.CONSUMPTION_RESTRICTION, minor=True) == {}


def test_start_before_decision_and_end_before_start_are_refused():
    errors = errors_for(SanctionKind.EXIT_RESTRICTION, start_on=DAY - dt.timedelta(days=1),
                        end_on=DAY - dt.timedelta(days=3))
    assert set(errors) == {"start_on", "end_on"}


def test_detention_with_end_before_start_is_refused():
    errors = errors_for(SanctionKind.DETENTION, start_on=DAY, end_on=DAY - dt.timedelta(days=1))
    assert "end_on" in errors


@pytest.mark.parametrize("kind", [SanctionKind.SUMMONS, SanctionKind.DETENTION, SanctionKind.FINE,
                                  SanctionKind.CONSUMPTION_RESTRICTION, SanctionKind.DISHONEST_LIST])
def test_measures_signed_by_the_president_need_approval(kind):
    assert kind in rules.NEEDS_APPROVAL


def test_a_private_prosecution_needs_no_approval():
    assert SanctionKind.PRIVATE_PROSECUTION not in rules.NEEDS_APPROVAL
