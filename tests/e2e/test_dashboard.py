"""The leader opens the dashboard in Chromium, reads the figures of the hand-computed court, follows a
drill-down to its cases and exports them; the judge opens their own dashboard."""
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.stats.conftest import build_world, make_judge2  # the hand-computed court

from .browser import log_in

pytestmark = pytest.mark.e2e

PERIOD = "date_from=2024-01-01&date_to=2024-06-30"


# Built for each test here (the live server reads committed rows), not once per module as in tests/stats.
@pytest.fixture
def judge2(court):
    return make_judge2(court)


@pytest.fixture
def world(court, other_court, judge, judge2, leader, clerk, trial_judge, applicant, other_judge, other_case):
    return build_world(court=court, other_court=other_court, judge=judge, judge2=judge2, leader=leader, clerk=clerk,
                       trial_judge=trial_judge, applicant=applicant, other_judge=other_judge, other_case=other_case)


def figure(page, name):
    return page.locator(f'#article .figure[data-metric="{name}"] .figure-value')


def test_leader_reads_the_figures_and_follows_a_drill_down(live_server, page, screenshot, world, leader):
    base = live_server.url
    log_in(page, base, leader.username)

    # given the leader on the dashboard for the first half of 2024
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="领导看板").click()
    page.goto(f"{base}/stats/?{PERIOD}")
    expect(page.get_by_role("heading", name="执行工作看板")).to_be_visible()

    # then the article's figures are those computed by hand, with numerator and denominator
    expect(figure(page, "new_cases")).to_have_text("5")
    expect(figure(page, "concluded")).to_have_text("4")
    expect(figure(page, "amount_recovered")).to_have_text("11.1万")
    expect(figure(page, "preservation_rate")).to_have_text("33.33%")
    expect(figure(page, "first_enforcement_avg_days")).to_have_text("154.3天")
    expect(figure(page, "enforcement_application_rate")).to_have_text("25%")
    expect(figure(page, "crackdown_recovered")).to_have_text("0.8万")
    expect(page.locator('#article .figure[data-metric="pushed_concluded"] .figure-parts')).to_have_text("2 / 7")
    expect(page.locator('.stock-box[data-metric="terminated_current_stock"] .figure-value')).to_have_text("2")
    expect(page.locator("#judges tbody tr")).to_have_count(2)
    # the chart library is served from the repository and has drawn the monthly chart
    assert page.evaluate("() => typeof window.Chart") == "function"
    assert page.evaluate("() => document.getElementById('trend-chart').width") > 300
    screenshot("stats-01-leader")
    screenshot("stats-01-leader-full", full_page=True)

    # when the leader follows 执结 → its cases
    figure(page, "concluded").click()
    expect(page.get_by_role("heading", name="执结")).to_be_visible()
    expect(page.locator("#case-count")).to_have_text("共 4 件")
    rows = page.locator(".cases-table tbody tr")
    expect(rows).to_have_count(4)
    for case in (world.A, world.B, world.E, world.H):
        expect(page.locator(".cases-table")).to_contain_text(case.number)
    expect(page.locator(".cases-table")).not_to_contain_text(world.C.number)  # closed the day after
    screenshot("stats-02-drill-down")

    # and exports them to Excel
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel").click()
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()), read_only=True).active
    numbers = {row[1] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert numbers == {world.A.number, world.B.number, world.E.number, world.H.number}

    # and the denominator of a rate lists its own cases
    page.goto(f"{base}/stats/?{PERIOD}")
    page.locator('#article .figure[data-metric="preservation_rate"] .part-d').click()
    expect(page.locator("#case-count")).to_have_text("共 3 件")
    expect(page.locator(".part-tag")).to_have_text("分母")

    # printable: the navigation and the filters are not printed
    page.goto(f"{base}/stats/?{PERIOD}")
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    expect(page.locator(".stats-filters")).to_be_hidden()
    screenshot("stats-03-leader-print", full_page=True)
    page.emulate_media(media="screen")


def test_judge_sees_their_own_dashboard(live_server, page, screenshot, judge, court_workload):
    log_in(page, live_server.url, judge.username)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="我的看板").click()
    expect(page.get_by_role("heading", name="我的办案看板")).to_be_visible()
    expect(page.locator("#todos tbody tr")).to_have_count(2)
    expect(page.locator("#overdue")).to_contain_text("执行通知书逾3日未送达")
    screenshot("stats-04-judge")
    page.locator(".stat-in_progress").click()
    expect(page.locator(".cases-table tbody tr").first).to_be_visible()


def test_a_presidents_jurisdiction_view_waits_for_its_figures_then_shows_them(live_server, page, screenshot,
                                                                              world, court, settings):
    # snapshots on: a view over several courts is computed by a worker (here the in-process "worker" of the
    # embedded default: the outbox runs the task right after the request's commit) while the page waits
    from tests.factories import CourtFactory, UserFactory

    settings.STATS_SNAPSHOT_MAX_AGE = 600
    high = CourtFactory(code="赣11", name="上饶市中级人民法院")
    court.parent = high
    court.save(update_fields=["parent"])
    president = UserFactory(court=high, username="president", roles=["leader"])
    base = live_server.url
    log_in(page, base, president.username)

    page.goto(f"{base}/stats/?{PERIOD}&court={court.pk}&court={high.pk}")
    expect(page.get_by_role("heading", name="正在计算多院合计数据……")).to_be_visible()
    screenshot("stats-03-computing")
    # the page looks again by itself and shows the figures of both courts
    expect(figure(page, "new_cases")).to_have_text("5", timeout=15_000)
    expect(page.get_by_text("各法院办案情况")).to_be_visible()
    assert "requested=" in page.url
    screenshot("stats-04-jurisdiction")
