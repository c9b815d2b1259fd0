import datetime as dt
import os
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from cases.services.enforcement import enforcement_case_file
from tests.factories import CourtFactory, PersonFactory, UserFactory


@pytest.fixture
def court(db):
    return CourtFactory(code="赣1129", name="万年县人民法院")


@pytest.fixture
def other_court(db):
    return CourtFactory(code="赣1128", name="鄱阳县人民法院")


@pytest.fixture
def clerk(court):
    return UserFactory(court=court, username="clerk", roles=["clerk"])


@pytest.fixture
def judge(court):
    return UserFactory(court=court, username="judge", full_name="张法官", roles=["enforcement_judge"])


@pytest.fixture
def trial_judge(court):
    return UserFactory(court=court, username="trial", full_name="李法官", roles=["trial_judge"])


@pytest.fixture
def leader(court):
    return UserFactory(court=court, username="leader", full_name="叶院长", roles=["leader"])


@pytest.fixture
def court_admin(court):
    return UserFactory(court=court, username="cadmin", roles=["court_admin"])


@pytest.fixture
def other_judge(other_court):
    return UserFactory(court=other_court, username="other_judge", roles=["enforcement_judge", "clerk"])


@pytest.fixture
def admin_user(db):
    return UserFactory(court=None, username="sysadmin", is_superuser=True, is_staff=True)


@pytest.fixture
def api():
    """An API client; `api.as_user(u)` authenticates by token, as other systems do."""
    client = APIClient()

    def as_user(user):
        from rest_framework.authtoken.models import Token

        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    client.as_user = as_user
    return client


@pytest.fixture
def applicant(court):
    return PersonFactory(court=court, name="汪某")


@pytest.fixture
def respondent(court):
    return PersonFactory(court=court, name="姚某")


@pytest.fixture
def make_case(court, judge, applicant, respondent):
    """File an enforcement case through the real service."""

    def make(**overrides):
        fields = dict(court=court, actor=judge, applicants=[applicant], respondents=[respondent],
                      amount_claimed=Decimal("126000.00"), filed_on=dt.date(2024, 3, 1), judge=judge,
                      source_document="（2024）赣1129民初88号民事调解书")
        fields.update(overrides)
        return enforcement_case_file(**fields)

    return make


@pytest.fixture
def enforcement_case(make_case):
    return make_case()


def pytest_collection_modifyitems(config, items):
    # Under CI=true browser tests must run, never skip; elsewhere they are skipped when Chromium is missing.
    if os.environ.get("CI") == "true" or os.path.exists("/usr/bin/chromium"):
        return
    skip = pytest.mark.skip(reason="/usr/bin/chromium not installed")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)
