"""Fixtures of the pushes tests: a township with grids, recipients of every channel, parties with tags, and
cases filed through the real services."""
import os

# Playwright's sync API runs an event loop in the test thread; the Django ORM refuses to run there otherwise.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import copy  # noqa: E402
import datetime as dt  # noqa: E402
from decimal import Decimal  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from django.template import TemplateDoesNotExist  # noqa: E402
from django.template.loader import get_template  # noqa: E402

from cases.models import EnforcementCase  # noqa: E402
from cases.services.enforcement import enforcement_case_file  # noqa: E402
from pushes import services  # noqa: E402
from pushes.choices import Channel  # noqa: E402
from tests.factories import (GridFactory, OrganizationFactory, PersonFactory, TownshipFactory,  # noqa: E402
                             UserFactory)

WEEK = "2024-W23"
FALLBACK_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def base_template_fallback(settings):
    """The pages extend base.html (the base UI's); until it exists, a bare stand-in with the same blocks."""
    try:
        get_template("base.html")
    except TemplateDoesNotExist:
        templates = copy.deepcopy(settings.TEMPLATES)
        templates[0]["DIRS"] = [*templates[0]["DIRS"], FALLBACK_TEMPLATES]
        settings.TEMPLATES = templates


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def township(court):
    return TownshipFactory(court=court, name="青云镇", code="Q01")


@pytest.fixture
def other_township(court):
    return TownshipFactory(court=court, name="陈营镇", code="C01")


@pytest.fixture
def grid(township):
    return GridFactory(township=township, name="第一网格")


@pytest.fixture
def other_grid(township):
    return GridFactory(township=township, name="第二网格")


@pytest.fixture
def employer(court):
    return OrganizationFactory(court=court, name="万年县建工集团有限公司")


@pytest.fixture
def recipients(court, township, grid, employer):
    """One active recipient per channel (the grid, the township and the employer of the fixtures above)."""
    make = services.recipient_create
    return {
        Channel.GRID: make(court=court, channel=Channel.GRID, name="青云镇第一网格", grid=grid, contact="网格员王某",
                           phone="13900000001"),
        Channel.TOWNSHIP: make(court=court, channel=Channel.TOWNSHIP, name="青云镇人民政府", township=township,
                               email="qingyun@example.cn"),
        Channel.EMPLOYER: make(court=court, channel=Channel.EMPLOYER, name="建工集团人事部", organization=employer),
        Channel.DISCIPLINE: make(court=court, channel=Channel.DISCIPLINE, name="县纪委监委"),
        Channel.NPC_CPPCC: make(court=court, channel=Channel.NPC_CPPCC, name="县人大常委会"),
        Channel.CIVIL_AFFAIRS: make(court=court, channel=Channel.CIVIL_AFFAIRS, name="县民政局"),
    }


@pytest.fixture
def person(court, grid):
    """A person party; by default living in the first grid of 青云镇. Tags as keyword booleans."""

    def make(**fields):
        fields.setdefault("grid", grid)
        if fields["grid"] is not None:
            fields.setdefault("township", fields["grid"].township)
        return PersonFactory(court=court, **fields)

    return make


@pytest.fixture
def file_case(court, judge, applicant):
    """File an enforcement case through the service: `file_case(respondent, amount="32000.00", ...)`."""

    def make(*respondents, amount="32000.00", applicants=None, filed_on=dt.date(2024, 3, 1), **fields):
        return enforcement_case_file(
            court=court, actor=judge, applicants=applicants or [applicant], respondents=list(respondents),
            amount_claimed=Decimal(amount), filed_on=filed_on, judge=judge,
            source_document="（2024）赣1129民初88号民事判决书", **fields)

    return make


def close_as_terminated_current(case: EnforcementCase, on=dt.date(2024, 5, 1)) -> None:
    """Put a case into the 终本 stock directly (the 终本 gate and its preconditions are tested in cases)."""
    EnforcementCase.objects.filter(pk=case.pk).update(status="closed", closure_method="terminated_current",
                                                      closed_on=on)


@pytest.fixture
def other_admin(other_court):
    return UserFactory(court=other_court, username="other_admin", roles=["court_admin"])
