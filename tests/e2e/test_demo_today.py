"""The demo court as a newcomer opens it on the build day, in Chromium: the leader's home page shows a handful of
overdue cases (2024's open cases were concluded in 2025), and the 终本清仓 board, on its default period (the year to
date), shows this year's campaign under way — cases resumed, money recovered, a burn-down that goes down — with
drill-downs listing the cases behind the figures."""
import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.services.common import court_today
from demo import builder

pytestmark = pytest.mark.e2e

SMALL = 60


@pytest.fixture
def demo_court(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", cases=SMALL, stdout=io.StringIO())
    return builder.demo_court()


def _log_in(page, base, username):
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(builder.COURT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(f"{base}/")


def test_the_demo_court_at_work_today(live_server, page, screenshot, demo_court):
    if court_today().year < 2025:
        pytest.skip("built in 2024: the demo's year is the current one")
    base = live_server.url
    _log_in(page, base, "leader")
    overdue = int(page.locator(".stat-overdue .stat-value").inner_text())
    assert overdue <= 10
    screenshot("demo-today-01-leader-home")

    page.goto(f"{base}/clearance/board/")
    figures = {name: page.locator(f"li.frow[data-figure={name}] a.fvalue").inner_text()
               for name in ("stock_start", "resumed", "concluded", "recovered", "remaining")}
    assert int(figures["resumed"]) >= 3 and int(figures["concluded"]) >= 1
    assert int(figures["remaining"]) < int(figures["stock_start"])
    assert not figures["recovered"].startswith("0")
    page.locator("#burndown summary").click()  # the week-by-week table is folded under the chart
    remaining = [int(t) for t in page.locator("#burndown tbody tr td:last-child").all_inner_texts()]
    assert remaining[-1] < remaining[0]
    screenshot("demo-today-02-clearance-board", full_page=True)

    page.locator("li.frow[data-figure=resumed] a.fvalue").click()
    expect(page.locator("table tbody tr")).to_have_count(int(figures["resumed"]))
    screenshot("demo-today-03-board-resumed-cases")
    page.goto(f"{base}/clearance/board/")
    page.locator("li.frow[data-figure=recovered] a.fvalue").click()
    assert page.locator("table tbody tr").count() >= 1
    screenshot("demo-today-04-board-recovered-cases")
