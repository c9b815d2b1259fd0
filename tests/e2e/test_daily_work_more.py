"""More of the daily work in Chromium, each item the way its user walks it: filing from a judgment (the unpaid part
claimed, a judgment performed in full asks for the reason), the 承办法官 filters (enforcement judges only), the
measure form's 载入案件 (nothing but the case number in the address), the travel import in Chinese, the campaign
board's money, filters and dates, and the site's favicon and its Chinese 404 page."""
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from cases.models import CaseEvent, EnforcementCase
from tests.factories import UserFactory

from .browser import log_in

pytestmark = pytest.mark.e2e


# --- item 3: filing from a judgment --------------------------------------------------------------------------------


@pytest.fixture
def judgment(make_litigation_case, trial_judge):
    """A judgment of 126,000 yuan in two instalments."""
    from cases.services.litigation import outcome_record

    case = make_litigation_case()
    outcome_record(case=case, actor=trial_judge, kind="judgment", effective_on=dt.date(2024, 4, 1),
                   obligations=[{"due_on": dt.date(2024, 5, 1), "amount": Decimal("60000")},
                                {"due_on": dt.date(2024, 6, 1), "amount": Decimal("66000")}])
    return case


def pay(case, trial_judge, amount):
    from cases.services.litigation import payment_record

    payment_record(case=case, actor=trial_judge, paid_on=dt.date(2024, 4, 24), amount=Decimal(amount))


def test_filing_from_a_judgment_claims_the_unpaid_part(live_server, page, screenshot, judge, trial_judge, judgment):
    pay(judgment, trial_judge, "60000")
    log_in(page, live_server.url, judge.username)

    # from the judgment's page: the claim is what is left unpaid
    page.goto(f"{live_server.url}/litigation/{judgment.pk}/")
    page.get_by_role("link", name="申请执行").first.click()
    expect(page.get_by_label("申请执行标的（元）")).to_have_value("66000.00")
    expect(page.get_by_test_id("performed-reason")).to_have_count(0)  # not paid in full: nothing to confirm
    page.get_by_label("申请执行标的（元）").scroll_into_view_if_needed()
    screenshot("judgment-01-claim-prefilled")

    # from a blank form: picking the judgment in the lookup claims the same
    page.goto(f"{live_server.url}/cases/new/")
    claim = page.get_by_label("申请执行标的（元）")
    expect(claim).to_have_value("")
    page.get_by_label("执行依据案件").fill("民初")
    results = page.locator(".case-lookup .lookup-results")
    expect(results).to_contain_text("未履行 66,000.00 元")
    results.get_by_role("button", name="选用").click()
    expect(claim).to_have_value("66000.00")


def test_filing_on_a_judgment_performed_in_full_asks_for_the_reason(live_server, page, screenshot, judge,
                                                                   trial_judge, judgment):
    pay(judgment, trial_judge, "126000")
    log_in(page, live_server.url, judge.username)
    page.goto(f"{live_server.url}/litigation/{judgment.pk}/")
    page.get_by_role("link", name="申请执行").first.click()
    reason = page.get_by_test_id("performed-reason")
    expect(reason).to_be_visible()  # the form asks before the clerk even tries
    page.get_by_label("申请执行标的（元）").fill("3000")

    # without the reason the filing is refused, and nothing is filed
    page.get_by_role("button", name="立案", exact=True).click()
    refusal = page.locator(".alert-error", has_text="已自动履行完毕")
    expect(refusal).to_have_count(1)  # once (the form's head showed its errors twice)
    expect(refusal).to_contain_text("应履行126,000.00元，已履行126,000.00元")
    assert not EnforcementCase.objects.exists()
    screenshot("judgment-02-performed-refused", full_page=True)

    # with it the case is filed, and the reason is on the filing's timeline entry
    page.get_by_label("已履行完毕仍申请执行的理由").fill("尚欠迟延履行期间的债务利息")
    page.get_by_role("button", name="立案", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("立案成功")
    case = EnforcementCase.objects.get()
    assert "尚欠迟延履行期间的债务利息" in CaseEvent.objects.get(case=case, kind="filed").note
    expect(page.locator("#timeline")).to_contain_text("尚欠迟延履行期间的债务利息")


# --- item 5: the 承办法官 filters offer enforcement judges only ----------------------------------------------------


def test_the_judge_filters_offer_enforcement_judges_only(live_server, page, screenshot, court, judge, clerk,
                                                        trial_judge, leader, court_admin, other_judge,
                                                        enforcement_case):
    UserFactory(court=court, username="judge2", full_name="王法官", roles=["enforcement_judge"])
    log_in(page, live_server.url, leader.username)
    pages = {"/cases/": "judge", "/clearance/": "judge", "/sanctions/rosters/summons/": "judge",
             "/clearance/board/": "judge"}
    for path, name in pages.items():
        page.goto(f"{live_server.url}{path}")
        options = page.locator(f'select[name="{name}"] option')
        expect(options).to_have_text(["全部", "张法官", "王法官"])
    screenshot("filters-01-judge-options")

    # the filing form and the case's edit card assign an enforcement judge too
    page.context.clear_cookies()
    log_in(page, live_server.url, judge.username)
    page.goto(f"{live_server.url}/cases/new/")
    expect(page.locator('select[name="judge"] option')).to_have_text(["（暂不指定）", "张法官", "王法官"])
    page.goto(f"{live_server.url}/cases/{enforcement_case.pk}/?card=edit#action-edit")
    expect(page.locator('#action-edit select[name="judge"] option')).to_have_text(["（暂不指定）", "张法官", "王法官"])


# --- item 6: 载入案件 puts only the case number in the address ----------------------------------------------------


def test_loading_a_case_into_the_measure_form_puts_no_token_in_the_address(live_server, page, screenshot, judge,
                                                                            enforcement_case, respondent):
    log_in(page, live_server.url, judge.username)
    page.goto(f"{live_server.url}/sanctions/measures/new/?kind=fine")
    page.get_by_label("案号").first.fill(enforcement_case.number)
    page.get_by_role("button", name="载入案件").click()
    form = page.locator("#sanction-form")
    expect(form.locator('input[name="case"]')).to_have_value(str(enforcement_case.pk))
    expect(form.locator('select[name="party"] option', has_text=respondent.name)).to_have_count(1)
    expect(form.locator('select[name="kind"]')).to_have_value("fine")  # the measure chosen before is kept
    assert "csrfmiddlewaretoken" not in page.url
    query = page.url.split("?", 1)[1]
    assert {pair.split("=")[0] for pair in query.split("&")} <= {"case_number", "kind"}, page.url
    screenshot("measure-01-case-loaded")

    # a fine needs an urging first: the form says so and leads to the case's urging card
    page.get_by_role("link", name="去登记督促履行").click()
    expect(page).to_have_url(re.compile(rf"/cases/{enforcement_case.pk}/\?card=urging#action-urging$"))
    expect(page.locator("#action-urging")).to_have_attribute("open", "")
    expect(page.locator("#action-urging form")).to_be_visible()


# --- item 7: the travel import in Chinese --------------------------------------------------------------------------


def test_a_travel_file_in_chinese_imports(live_server, page, screenshot, judge, leader, enforcement_case,
                                          respondent, tmp_path):
    from sanctions.services import sanction_approve
    from tests.factories import propose_measure

    restriction = propose_measure(enforcement_case, respondent, "consumption_restriction", actor=judge,
                                  decided_on=dt.date(2024, 3, 11))
    sanction_approve(sanction=restriction, actor=leader, on=dt.date(2024, 3, 11))
    log_in(page, live_server.url, judge.username)
    page.goto(f"{live_server.url}/sanctions/travel/")
    expect(page.get_by_role("heading", name="出行记录导入与比对")).to_be_visible()
    expect(page.locator("body")).to_contain_text("出行方式填飞机、铁路、轮船或出境")
    expect(page.locator("pre.sample")).to_contain_text("身份证号码,姓名,出行方式,出行日期,行程,座位等级")
    expect(page.locator("main")).not_to_contain_text("id_number")  # the file field's help read the English codes
    screenshot("travel-01-page")

    # the template downloads with the Chinese headers
    with page.expect_download() as download:
        page.get_by_role("link", name="下载导入模板（.xlsx）").click()
    assert download.value.suggested_filename == "出行记录导入模板.xlsx"
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    assert [c.value for c in sheet[1]] == ["身份证号码", "姓名", "出行方式", "出行日期", "行程", "座位等级"]

    # a file with Chinese values imports; the flight under the restriction is a violation
    rows = ["身份证号码,姓名,出行方式,出行日期,行程,座位等级",
            f"{respondent.id_number},{respondent.name},飞机,2024-04-01,CZ3456 南昌—广州,经济舱",
            f"{respondent.id_number},{respondent.name},铁路,2024-04-08,K1234 南昌—九江,硬座"]
    upload = tmp_path / "出行记录.csv"
    upload.write_bytes(("\n".join(rows) + "\n").encode("gbk"))
    page.locator('input[type="file"]').set_input_files(str(upload))
    page.get_by_role("button", name="导入并比对").click()
    result = page.locator(".import-result")
    expect(result).to_contain_text("导入记录2")
    expect(result.locator(".stat-overdue")).to_contain_text("1")
    screenshot("travel-02-imported")
    page.get_by_role("link", name=re.compile("查看违规出行")).click()
    expect(page.locator("body")).to_contain_text(enforcement_case.number)
    expect(page.locator("body")).to_contain_text("CZ3456")


# --- item 9: the campaign board ------------------------------------------------------------------------------------


def test_the_campaign_board_reads_wan_yuan_once_with_dropdowns_and_dates(live_server, page, screenshot, court, judge,
                                                                         leader, make_case):
    from cases.services.case_work import case_record_fund
    from cases.services.common import court_today
    from cases.services.enforcement import case_close
    from tests.factories import TownshipFactory, prepare_termination

    TownshipFactory(court=court, name="青云镇", code="Q01")
    stock = make_case(filed_on=dt.date(2023, 3, 1))
    prepare_termination(stock, judge=judge, leader=leader)
    case_close(case=stock, actor=judge, method="terminated_current", closed_on=dt.date(2023, 8, 31),
               reason="经网络查控未发现可供执行的财产")
    case_record_fund(case=stock, actor=judge, direction="in", amount=Decimal("35000.00"), occurred_on=court_today())
    log_in(page, live_server.url, leader.username)
    page.goto(f"{live_server.url}/clearance/board/")
    expect(page.get_by_role("heading", name="终本清仓看板")).to_be_visible()
    body = page.locator("main")
    expect(body).not_to_contain_text("万万元")
    expect(page.locator('[data-figure="recovered"]')).to_contain_text("3.5万元")
    expect(page.locator("select#id_judge option")).to_have_text(["全部", "张法官"])
    expect(page.locator("select#id_township option", has_text="青云镇")).to_have_count(1)
    expect(page.locator("#id_date_from")).not_to_have_value("")
    expect(page.locator("#id_date_to")).to_have_value(court_today().isoformat())
    screenshot("board-01", full_page=True)
    page.locator("select#id_judge").select_option(label="张法官")
    page.get_by_role("button", name="查询").click()
    expect(page).to_have_url(re.compile(rf"judge={judge.pk}"))
    expect(page.locator('[data-figure="recovered"]')).to_contain_text("3.5万元")


# --- item 13: favicon and the 404 page -----------------------------------------------------------------------------


def test_the_favicon_is_served_and_an_unknown_page_says_so_in_chinese(live_server, page, screenshot, judge):
    favicon = page.goto(f"{live_server.url}/favicon.ico")
    assert favicon.status == 200 and favicon.headers["content-type"].startswith("image/")

    # a stranger: the 404 page in Chinese with a way home
    missing = page.goto(f"{live_server.url}/no-such-page/")
    assert missing.status == 404
    expect(page.get_by_role("heading", name="未找到该页面或案件")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", re.compile("^zh"))

    # a judge: the same page inside the site's navigation
    log_in(page, live_server.url, judge.username)
    missing = page.goto(f"{live_server.url}/cases/999999/")
    assert missing.status == 404
    expect(page.get_by_role("heading", name="未找到该页面或案件")).to_be_visible()
    expect(page.get_by_role("navigation", name="主导航")).to_be_visible()
    screenshot("site-404")
    page.get_by_role("link", name="返回工作台").click()
    expect(page).to_have_url(f"{live_server.url}/")
