"""终本 follow-through in Chromium at 1366 px: a court admin runs the re-inquiry sweep from the library and the
overdue marks go; a judge queries one case by hand; a resumed case leaves the queue, and another judge's case
asks for confirmation and is refused; the quality review shows what was saved and by whom; the dashboard, the
case list and the 终本 pages in English and in print."""
import datetime as dt

import pytest
from playwright.sync_api import expect

from cases.models import EnforcementCase
from clearance.services.triggers import applicant_request_record

from tests.clearance.conftest import make_stock_case, stock_case, terminate  # noqa: F401  (fixtures)

from .browser import log_in

pytestmark = pytest.mark.e2e


def test_court_admin_runs_the_sweep_and_nothing_is_left_overdue(live_server, page, screenshot, court_admin,
                                                                 make_stock_case):  # noqa: F811
    for name in ("钱某", "孙某"):
        make_stock_case(name=name)  # closed 2023-08-31: several rounds overdue by now
    base = live_server.url
    log_in(page, base, court_admin.username)
    page.goto(f"{base}/clearance/")
    expect(page.locator("#library-table .badge-danger")).to_have_count(2)
    expect(page.locator("#last-sweep")).to_have_text("尚未运行。")
    screenshot("clearance-10-before-sweep")
    page.get_by_role("button", name="立即运行定期查询").click()
    expect(page.locator(".messages")).to_contain_text("定期查询已运行：查询2件")
    expect(page.locator(".messages")).to_contain_text("仍逾期0件")
    expect(page.locator("#library-table .badge-danger")).to_have_count(0)
    expect(page.locator("#last-sweep")).to_contain_text("查询2件，仍逾期0件")
    today = page.locator("#library-table tbody tr").first.locator("td").nth(6)
    expect(today).not_to_have_text("—")  # 最近查询 now shows the sweep's date
    page.goto(f"{base}/clearance/?overdue=true")
    expect(page.locator("#case-count")).to_have_text("共 0 件")
    screenshot("clearance-11-after-sweep")


def test_a_judge_queries_one_case_by_hand(live_server, page, screenshot, judge, stock_case, respondent,  # noqa: F811
                                          inquiry_results):
    inquiry_results({respondent.id_number: [{"kind": "deposit", "institution": "中国农业银行万年县支行",
                                             "description": "活期存款账户 6228****0917", "value": "18600.00"}]})
    base = live_server.url
    log_in(page, base, judge.username)
    page.goto(f"{base}/clearance/cases/{stock_case.pk}/")
    expect(page.locator("#next-inquiry")).to_contain_text("逾期")
    page.get_by_role("button", name="立即网络查控").click()
    expect(page.locator(".messages")).to_contain_text("已完成网络查控：查到财产1项")
    expect(page.locator("#evidence")).to_contain_text("定期查询发现财产")
    expect(page.locator("#evidence")).to_contain_text("活期存款账户 6228****0917")
    expect(page.locator("#schedule")).to_contain_text("张法官手动查询")
    expect(page.locator("#next-inquiry")).not_to_contain_text("逾期")
    screenshot("clearance-12-query-by-hand", full_page=True)


@pytest.fixture
def colleague(court):
    from tests.factories import UserFactory

    return UserFactory(court=court, username="judge2", full_name="王法官", roles=["enforcement_judge"])


def test_resuming_asks_first_and_the_case_leaves_the_queue(live_server, page, screenshot, judge, colleague,
                                                           stock_case):  # noqa: F811
    applicant_request_record(case=stock_case, actor=judge, received_on=dt.date(2024, 5, 6),
                             content="被执行人在县城新购商铺一间")
    base = live_server.url
    # another judge: warned, asked to confirm, and refused by the rule
    log_in(page, base, colleague.username)
    page.goto(f"{base}/clearance/cases/{stock_case.pk}/")
    expect(page.locator("#others-case")).to_contain_text("本案由张法官承办")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.locator("#resume").get_by_role("button", name="恢复执行").click()
    expect(page.locator("#others-case")).to_be_visible()
    assert questions and "本案承办法官为张法官" in questions[0]
    assert not EnforcementCase.objects.filter(resumed_from=stock_case).exists()  # dismissed: nothing posted
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#resume").get_by_role("button", name="恢复执行").click()
    expect(page.locator("#resume")).to_contain_text("恢复执行须由承办法官或院领导办理")
    assert not EnforcementCase.objects.filter(resumed_from=stock_case).exists()
    page.context.clear_cookies()

    # the case's judge confirms; back on the 终本 page the case has left the queue
    log_in(page, base, judge.username)
    page.goto(f"{base}/clearance/cases/{stock_case.pk}/")
    expect(page.locator("#next-inquiry")).to_contain_text("逾期")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#resume").get_by_label("恢复执行立案日期").fill("2024-06-03")
    page.locator("#resume").get_by_role("button", name="恢复执行").click()
    new_case = EnforcementCase.objects.get(resumed_from=stock_case)
    expect(page).to_have_url(f"{base}/cases/{new_case.pk}/")
    page.goto(f"{base}/clearance/cases/{stock_case.pk}/")
    expect(page.locator("#next-inquiry")).to_have_text("已恢复执行")
    facts = page.locator("#facts-h").locator("xpath=..")
    expect(facts).to_contain_text(new_case.number)
    expect(page.locator("#schedule")).not_to_contain_text("逾期")
    expect(page.locator("#schedule")).not_to_contain_text("待到期")
    expect(page.locator("#schedule")).to_contain_text("已恢复执行")
    leads = page.locator(".case-facts div", has_text="终本后线索").locator("dd")
    expect(leads).to_have_text("1")
    screenshot("clearance-13-resumed", full_page=True)
    page.goto(f"{base}/clearance/?state=all&overdue=true")
    expect(page.locator(f'tr[data-case="{stock_case.pk}"]')).to_have_count(0)


def test_the_review_shows_the_ticked_conditions_and_the_reviewer(live_server, page, screenshot, leader,
                                                                 stock_case):  # noqa: F811
    base = live_server.url
    log_in(page, base, leader.username)
    page.goto(f"{base}/clearance/reviews/")
    page.get_by_label("终本结案起始日").fill("2023-08-01")
    page.get_by_label("终本结案截止日").fill("2023-08-31")
    page.get_by_label("评查方式").select_option("all")
    page.get_by_role("button", name="选取案件").click()
    row = page.locator("#review-items tbody tr").first
    expect(row).to_contain_text(stock_case.number)
    row.locator(".system-check summary").click()
    expect(row.locator(".checks li.met").first).to_be_visible()
    expect(row.locator(".checks li.unmet")).to_have_count(0)
    row.get_by_label("不合规").check()
    row.locator(".mark-form details summary").click()
    row.get_by_label("未告知申请执行人并听取其意见").check()
    row.get_by_label("理由").fill("听取意见笔录未附卷")
    row.get_by_role("button", name="保存").click()
    row = page.locator("#review-items tbody tr").first
    expect(row.locator(".verdict")).to_contain_text("不合规")
    expect(row.locator(".ticked")).to_have_text("未告知申请执行人并听取其意见")
    expect(row.locator(".reason")).to_contain_text("听取意见笔录未附卷")
    expect(row.locator(".reviewer")).to_contain_text("评查人：叶院长")
    screenshot("clearance-14-review", full_page=True)


def _fits(locator) -> bool:
    return locator.evaluate("el => el.scrollWidth <= el.clientWidth + 1")


def test_english_tiles_columns_headings_and_print(live_server, page, screenshot, leader, judge,
                                                  stock_case):  # noqa: F811
    base = live_server.url
    log_in(page, base, leader.username)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    # the dashboard: every tile label whole, the two referral tiles told apart
    page.goto(f"{base}/stats/?date_from=2024-01-01&date_to=2024-12-31")
    labels = page.locator(".figure .figure-label, .figure .figure-short")
    expect(labels.first).to_be_visible()
    for i in range(labels.count()):
        assert _fits(labels.nth(i)), labels.nth(i).inner_text()
    cases = page.locator('.figure[data-metric="referral_cases"] .figure-label').inner_text()
    persons = page.locator('.figure[data-metric="referral_persons"] .figure-label').inner_text()
    assert cases != persons and "Cases" in cases and "Persons" in persons
    screenshot("clearance-15-dashboard-en")
    # the 终本 pages: English headings
    page.goto(f"{base}/clearance/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Terminated-for-now case library")
    for heading in page.locator("h1, h2").all_inner_texts():
        assert "终本" not in heading, heading
    page.context.clear_cookies()

    # the case list of a judge in English: the Status column within the 1366 px screen
    log_in(page, base, judge.username)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page.goto(f"{base}/cases/")
    status = page.get_by_role("columnheader", name="Status")
    expect(status).to_be_visible()
    box = status.bounding_box()
    assert box["x"] + box["width"] <= 1366
    screenshot("clearance-16-case-list-en")
    assert _fits(page.locator(".table-scroll").first)

    # print: a 打印 button on the case page and the lists; the printed page has no navigation
    for url in (f"/cases/{stock_case.pk}/", "/cases/", f"/clearance/cases/{stock_case.pk}/", "/clearance/"):
        page.goto(f"{base}{url}")
        expect(page.get_by_role("button", name="Print")).to_be_visible()
        page.emulate_media(media="print")
        expect(page.locator(".topbar")).to_be_hidden()
        expect(page.get_by_role("button", name="Print")).to_be_hidden()
        page.emulate_media(media="screen")
