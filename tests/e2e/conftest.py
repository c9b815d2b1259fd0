"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server."""
import os

# Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls made from it
# (SynchronousOnlyOperation) unless told that this test run is allowed to.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import datetime as dt  # noqa: E402
from decimal import Decimal  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
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
    return {**browser_context_args, "viewport": VIEWPORT, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture
def screenshot(page):
    """`screenshot("03-list")` → artifacts/screenshots/03-list.png at 1366×768 (what the clerk sees)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name, *, full_page=False):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.fixture
def court_workload(court, judge, clerk, applicant):
    """A small believable caseload, so the pages show what a working court sees."""
    from cases.choices import EventKind
    from cases.services.case_work import case_record_event, case_record_fund
    from cases.services.common import court_today
    from cases.services.enforcement import case_close, enforcement_case_file
    from cases.services.todos import todo_create_once
    from tests.factories import OrganizationFactory, PersonFactory

    today = court_today()
    rows = [
        ("李建国", "借款合同纠纷", 200, Decimal("86000.00"), "in_progress"),
        ("万年县恒昌建材有限公司", "买卖合同纠纷", 172, Decimal("312500.00"), "in_progress"),
        ("陈小芳", "劳务合同纠纷", 120, Decimal("12800.00"), "filed"),
        ("周德明", "民间借贷纠纷", 90, Decimal("50000.00"), "in_progress"),
        ("吴海波", "机动车交通事故责任纠纷", 60, Decimal("43210.50"), "closed"),
        ("江西赣东农业开发有限公司", "承揽合同纠纷", 20, Decimal("158000.00"), "filed"),
    ]
    cases = []
    for name, cause, days_ago, amount, state in rows:
        factory = OrganizationFactory if "公司" in name else PersonFactory
        respondent = factory(court=court, name=name, address="江西省万年县陈营镇")
        case = enforcement_case_file(
            court=court, actor=clerk, applicants=[applicant], respondents=[respondent], amount_claimed=amount,
            filed_on=today - dt.timedelta(days=days_ago), judge=judge, is_livelihood="劳务" in cause,
            source_document=f"（{today.year - 1}）赣1129民初{100 + days_ago}号民事判决书（{cause}）")
        if state in ("in_progress", "closed"):
            case_record_event(case=case, actor=judge, kind=EventKind.NOTICE_SERVED,
                              occurred_on=case.filed_on + dt.timedelta(days=2))
        if state == "closed":
            case_record_fund(case=case, actor=judge, direction="in", amount=amount,
                             occurred_on=case.filed_on + dt.timedelta(days=30))
            case_close(case=case, actor=judge, method="completed", closed_on=case.filed_on + dt.timedelta(days=31))
        cases.append(case)
    todo_create_once(court=court, dedupe_key="e2e-deadline", assignee=judge, kind="deadline_near",
                     enforcement_case=cases[1], due_on=cases[1].deadline_on,
                     title=f"{cases[1].number} 执行期限将于{cases[1].deadline_on}届满")
    todo_create_once(court=court, dedupe_key="e2e-notice", assignee=judge, kind="node_overdue",
                     enforcement_case=cases[2], due_on=cases[2].filed_on + dt.timedelta(days=3),
                     title=f"{cases[2].number} 立案已逾3日，尚未送达执行通知书")
    return cases
