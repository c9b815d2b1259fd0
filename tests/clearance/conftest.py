"""Data of the clearance tests: 终本 cases closed through the real services."""
import datetime as dt
from decimal import Decimal

import pytest

from cases.services.enforcement import case_close
from tests.factories import PersonFactory, make_resident_id, prepare_termination

CLOSED_ON = dt.date(2023, 8, 31)  # its first re-inquiry falls on 29 Feb 2024 (month end, leap year)


@pytest.fixture
def terminate(judge, leader):
    """Close a case as 终本 through the gate (every precondition done by prepare_termination)."""

    def close(case, *, closed_on=CLOSED_ON):
        prepare_termination(case, judge=judge, leader=leader)
        return case_close(case=case, actor=judge, method="terminated_current", closed_on=closed_on,
                          reason="经网络查控未发现可供执行的财产")

    return close


@pytest.fixture
def stock_case(make_case, terminate):
    """A 终本 case: filed 2023-03-01, 126,000 yuan claimed, closed 2023-08-31."""
    return terminate(make_case(filed_on=dt.date(2023, 3, 1)))


@pytest.fixture
def make_stock_case(court, judge, applicant, make_case, terminate):
    """A 终本 case with its own respondent (so the simulated provider can answer per debtor)."""

    def make(*, name="债务人", closed_on=CLOSED_ON, filed_on=dt.date(2023, 3, 1), amount="50000.00", judge_=None,
             township=None, birth=dt.date(1980, 1, 1)):
        respondent = PersonFactory(court=court, name=name, id_number=make_resident_id(birth=birth), township=township)
        case = make_case(respondents=[respondent], filed_on=filed_on, amount_claimed=Decimal(amount),
                         judge=judge_ or judge)
        return terminate(case, closed_on=closed_on)

    return make
