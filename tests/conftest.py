import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from cases.services.enforcement import enforcement_case_file
from tests import people
from tests.factories import PersonFactory, UserFactory


@pytest.fixture(autouse=True)
def _court_language():
    """Every test starts in the courts' language: a request in English (LocaleMiddleware) leaves English active in
    the thread, where a later test's service would write its notes in English."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def court(db):
    return people.wannian()


@pytest.fixture
def other_court(db):
    return people.poyang()


@pytest.fixture
def clerk(court):
    return people.clerk(court)


@pytest.fixture
def judge(court):
    return people.judge(court)


@pytest.fixture
def trial_judge(court):
    return people.trial_judge(court)


@pytest.fixture
def leader(court):
    return people.leader(court)


@pytest.fixture
def court_admin(court):
    return UserFactory(court=court, username="cadmin", roles=["court_admin"])


@pytest.fixture
def other_judge(other_court):
    return people.other_judge(other_court)


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
    return people.applicant(court)


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


# --- added for the domain and API suites -------------------------------------------------------------------

ALL_ROLES = ["clerk", "trial_judge", "enforcement_judge", "leader", "court_admin"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, test in a file instead of pytest-django's in-memory database.

    The case-number concurrency test files cases from several threads, each on its own connection; an in-memory
    database cannot be shared between them (shared-cache mode answers "table is locked" at once instead of
    waiting), a file with IMMEDIATE transactions serialises them as production does.
    """
    import tempfile
    from pathlib import Path

    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3" and not db.get("TEST", {}).get("NAME"):
        db.setdefault("TEST", {})["NAME"] = str(Path(tempfile.gettempdir()) / f"wanian_exec_test_{os.getpid()}.sqlite3")


@pytest.fixture
def power_user(court):
    """A user of the court holding every role: reaches every endpoint, so only tenancy can refuse."""
    return UserFactory(court=court, username="power", full_name="全能用户", roles=ALL_ROLES)


@pytest.fixture
def other_leader(other_court):
    return UserFactory(court=other_court, username="other_leader", roles=["leader"])


@pytest.fixture
def other_applicant(other_court):
    return people.other_applicant(other_court)


@pytest.fixture
def other_respondent(other_court):
    return people.other_respondent(other_court)


@pytest.fixture
def other_case(other_court, other_judge, other_applicant, other_respondent):
    """An enforcement case of another court (鄱阳), filed through the service."""
    return people.other_case(other_court, other_judge, other_applicant, other_respondent)


@pytest.fixture
def make_litigation_case(court, clerk, trial_judge, applicant, respondent):
    """File a litigation case through the real service."""
    from cases.services.litigation import litigation_case_file

    def make(**overrides):
        fields = dict(court=court, actor=clerk, cause="买卖合同纠纷", filed_on=dt.date(2024, 1, 10),
                      plaintiffs=[applicant], defendants=[respondent], claim_amount=Decimal("126000.00"),
                      trial_judge=trial_judge)
        fields.update(overrides)
        return litigation_case_file(**fields)

    return make


@pytest.fixture
def inquiry_results(settings, tmp_path):
    """Point the simulated inquiry provider at a fixture file: `inquiry_results({id_number: [asset, ...]})`."""
    import json

    def configure(records: dict):
        path = tmp_path / f"inquiry_{len(list(tmp_path.iterdir()))}.json"
        path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        settings.INQUIRY_SIMULATOR_FIXTURE = path
        return path

    return configure


@pytest.fixture
def two_courts(court, other_court, power_user, judge, leader, other_judge, other_leader, enforcement_case,
               other_case, applicant, respondent, other_respondent, make_litigation_case):
    """One of every kind of row in our court (万年) and in another (鄱阳), made through the services.

    `two_courts.own.<kind>` / `two_courts.foreign.<kind>`: court, user, township, grid, party, litigation,
    enforcement, asset, todo, sanction.
    """
    from types import SimpleNamespace

    from cases.models import Asset
    from cases.services.litigation import litigation_case_file
    from cases.services.todos import todo_create_once
    from sanctions.services import sanction_propose
    from tests.factories import GridFactory, TownshipFactory

    def world(court_, user, case, party, litigation, assignee):
        township = TownshipFactory(court=court_)
        return SimpleNamespace(
            court=court_, user=user, township=township, grid=GridFactory(township=township), party=party,
            litigation=litigation, enforcement=case,
            asset=Asset.objects.create(court=court_, case=case, party=party, kind="deposit", description="活期账户",
                                       found_on=dt.date(2024, 3, 5), value=Decimal("100.00")),
            todo=todo_create_once(court=court_, dedupe_key=f"test:{case.pk}", assignee=assignee, kind="other",
                                  title="核实财产线索", enforcement_case=case)[0],
            sanction=sanction_propose(case=case, party=party, actor=user, kind="consumption_restriction",
                                      decided_on=dt.date(2024, 3, 10)),
        )

    foreign_litigation = litigation_case_file(court=other_court, actor=other_judge, cause="民间借贷纠纷",
                                              filed_on=dt.date(2024, 1, 5),
                                              plaintiffs=list(other_case.applicants.all()),
                                              defendants=[other_respondent])
    return SimpleNamespace(
        own=world(court, judge, enforcement_case, respondent, make_litigation_case(), power_user),
        foreign=world(other_court, other_judge, other_case, other_respondent, foreign_litigation, other_judge),
    )


# --- real Celery workers on Redis (tests/celery_workers.py) -------------------------------------------------------


@pytest.fixture
def celery_workers():
    """(start, queue): start workers on a private queue that receives every task the app sends."""
    from tests.celery_workers import worker_pool

    with worker_pool() as pool:
        yield pool


@pytest.fixture
def celery_worker_process(celery_workers):
    """(app, queue) with one worker running."""
    from wanian_exec.celery import app

    start, queue = celery_workers
    start()
    yield app, queue


# --- browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server ---------

# Playwright's sync API runs an event loop in the test thread; Django then refuses ORM calls made from it
# (SynchronousOnlyOperation) unless told that this test run is allowed to.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
VIEWPORT = {"width": 1366, "height": 768}  # the clerk's laptop the UI must fit


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download its own browsers here; Debian's chromium package is used instead.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": VIEWPORT, "locale": "zh-CN", "timezone_id": "Asia/Shanghai",
            "accept_downloads": True}


@pytest.fixture
def screenshot(page):
    """`screenshot("03-list")` → artifacts/screenshots/03-list.png at 1366×768 (what the clerk sees)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name, *, full_page=False):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
