"""The tests' two courts and their people, as plain functions: the root conftest's fixtures call them for each
test, and a module-wide world (tests/stats/conftest.py) calls them once for its module, so both are the same."""
import datetime as dt
from decimal import Decimal

from cases.services.enforcement import enforcement_case_file
from tests.factories import CourtFactory, PersonFactory, UserFactory


def wannian():
    return CourtFactory(code="赣1129", name="万年县人民法院")


def poyang():
    return CourtFactory(code="赣1128", name="鄱阳县人民法院")


def clerk(court):
    return UserFactory(court=court, username="clerk", roles=["clerk"])


def judge(court):
    return UserFactory(court=court, username="judge", full_name="张法官", roles=["enforcement_judge"])


def trial_judge(court):
    return UserFactory(court=court, username="trial", full_name="李法官", roles=["trial_judge"])


def leader(court):
    return UserFactory(court=court, username="leader", full_name="叶院长", roles=["leader"])


def other_judge(other_court):
    return UserFactory(court=other_court, username="other_judge", roles=["enforcement_judge", "clerk"])


def applicant(court):
    return PersonFactory(court=court, name="汪某")


def other_applicant(other_court):
    return PersonFactory(court=other_court, name="外院申请人")


def other_respondent(other_court):
    return PersonFactory(court=other_court, name="外院被执行人")


def other_case(other_court, other_judge, other_applicant, other_respondent):
    """An enforcement case of another court (鄱阳), filed through the service."""
    return enforcement_case_file(court=other_court, actor=other_judge, applicants=[other_applicant],
                                 respondents=[other_respondent], amount_claimed=Decimal("50000.00"),
                                 filed_on=dt.date(2024, 3, 1), judge=other_judge, source_document="外院调解书")
