"""Shared fixtures and helpers of the four-synchronization tests (imported by tests/cases/test_sync_*.py).

Everything is made through the real services, so numbers, timelines, ledgers and to-dos are real.
"""
import datetime as dt
from decimal import Decimal

import pytest

from cases.services.litigation import outcome_record, payment_record

D = dt.date


def money(value) -> Decimal:
    return Decimal(str(value))


@pytest.fixture
def lit_case(make_litigation_case):
    """（2024）赣1129民初1号: 汪某 v 姚某, 稻谷款 126,000 yuan, filed 2024-01-10, trial judge 李法官."""
    return make_litigation_case(cause="买卖合同纠纷（稻谷款）")


@pytest.fixture
def mediate(trial_judge):
    """`mediate(case, (due_on, amount), ...)`: a mediation with its payment plan, effective 2024-03-01."""

    def record(case, *instalments, effective_on=D(2024, 3, 1), kind="mediation"):
        return outcome_record(case=case, actor=trial_judge, kind=kind, effective_on=effective_on,
                              obligations=[{"due_on": due, "amount": money(amount)} for due, amount in instalments])

    return record


@pytest.fixture
def pay(trial_judge):
    def record(case, paid_on, amount, note=""):
        return payment_record(case=case, actor=trial_judge, paid_on=paid_on, amount=money(amount), note=note)

    return record


@pytest.fixture
def granted_preservation(lit_case, clerk):
    """An in-suit preservation of 姚某's property, applied and ruled on 2024-01-12."""
    from cases.services.litigation import preservation_add

    return preservation_add(case=lit_case, actor=clerk, kind="litigation", applied_on=D(2024, 1, 12),
                            amount=money("126000"), ruled_on=D(2024, 1, 12), security_amount=money("30000"))


@pytest.fixture
def valued_house(enforcement_case, judge, respondent):
    """A house of 姚某 found, seized and valued at 1,000,000 yuan in the enforcement case."""
    from cases.models import Asset
    from cases.services.assets import asset_control, asset_value

    asset = Asset.objects.create(court=enforcement_case.court, case=enforcement_case, party=respondent,
                                 kind="real_estate", description="万年县陈营镇某小区3栋201室", found_on=D(2024, 3, 5))
    asset = asset_control(asset=asset, actor=judge, controlled_on=D(2024, 3, 6))
    return asset_value(asset=asset, actor=judge, valuation=money("1000000"), valued_on=D(2024, 4, 1))
