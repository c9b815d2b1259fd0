"""What a clerk does in the browser: log in, file a case, find it, record money, try 终本."""
import re

import pytest
from playwright.sync_api import expect

from cases import rules
from cases.models import EnforcementCase, Party
from tests.factories import make_resident_id

from .browser import log_in

pytestmark = pytest.mark.e2e


def test_file_find_record_fund_and_see_termination_refused(live_server, page, screenshot, judge, applicant,
                                                           court_workload):
    base = live_server.url

    # given a judge at the login page
    page.goto(f"{base}/login/")
    expect(page.get_by_role("heading", name="执行案件管理系统")).to_be_visible()
    screenshot("01-login")
    log_in(page, base, judge.username)

    # the home page: to-dos, case counts, deadlines
    expect(page.locator(".topbar")).to_contain_text("万年县人民法院")
    expect(page.locator(".todo-pill .count")).to_have_text("2")
    expect(page.locator("#todos")).to_contain_text("尚未送达执行通知书")
    screenshot("02-home")

    # when the judge files an enforcement case: the applicant picked, the respondent created inline
    page.get_by_role("link", name="＋ 执行立案").click()
    expect(page.get_by_role("heading", name="新立执行案件")).to_be_visible()
    page.locator('[data-lookup="applicants"]').fill("汪")
    page.locator("#lookup-applicants").get_by_role("button", name="加入申请执行人").first.click()
    expect(page.locator("#chips-applicants")).to_contain_text("汪某")

    new_party = page.locator("#new-party")
    new_party.get_by_label("姓名/名称").fill("饶某某")
    new_party.get_by_label("身份证号码").fill("36112919850714001")  # 17 characters: refused
    new_party.get_by_role("button", name="新建并加入被执行人").click()
    expect(page.locator("#new-party")).to_contain_text("身份证号码应为18位。")
    page.locator("#new-party").get_by_label("身份证号码").fill(make_resident_id())
    page.locator("#new-party").get_by_role("button", name="新建并加入被执行人").click()
    expect(page.locator("#chips-respondents")).to_contain_text("饶某某")
    expect(page.locator("#new-party")).to_contain_text("已新建“饶某某”，并加入被执行人。")

    page.get_by_label("执行依据文书").fill("（2025）赣1129民初321号民事调解书")
    page.get_by_label("申请执行标的（元）").fill("126000")
    page.get_by_label("承办法官").select_option(label="张法官")
    screenshot("03-file-case")
    page.get_by_role("button", name="立案", exact=True).click()

    # then the detail page shows the allocated number
    expect(page.locator(".alert-success")).to_contain_text(re.compile(r"立案成功，案号：（\d{4}）赣1129执\d+号"))
    case = EnforcementCase.objects.get(respondents__name="饶某某")
    assert Party.objects.get(name="饶某某").court_id == judge.court_id

    # when the judge looks for the case by the respondent's name in the list
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="执行案件").click()
    screenshot("04-list")
    page.get_by_label("案号、当事人或证件号码").fill("饶某某")
    page.get_by_role("button", name="查询").click()
    rows = page.locator(".cases-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("饶某某")
    rows.first.get_by_role("link", name=case.number).click()
    expect(page.get_by_role("heading", name=case.number)).to_be_visible()
    expect(page.get_by_test_id("amount-recovered")).to_have_text("0.00")

    # and records a fund receipt
    page.locator("#action-fund summary").click()
    page.locator("#action-fund").get_by_label("金额（元）").fill("-5")
    page.locator("#action-fund button[type=submit]").click()
    expect(page.locator("#action-fund")).to_contain_text("金额必须大于0。")
    page.locator("#action-fund").get_by_label("金额（元）").fill("8000")
    page.locator("#action-fund").get_by_label("摘要").fill("被执行人饶某某现场交款")
    page.locator("#action-fund button[type=submit]").click()

    # then the amount recovered changes and the receipt is on the timeline
    expect(page.get_by_test_id("amount-recovered")).to_have_text("8,000.00")
    expect(page.locator(".alert-success")).to_contain_text("已登记收款 8,000.00元。")
    expect(page.locator("#timeline")).to_contain_text("被执行人饶某某现场交款")
    screenshot("05-detail")

    # and the audit trail, fetched when its section is opened, lists the receipt with who recorded it
    audit = page.locator("#audit")
    expect(audit.locator(".audit-table")).to_have_count(0)
    audit.locator("summary").click()
    expect(audit.locator(".audit-table")).to_contain_text("被执行人饶某某现场交款")
    expect(audit.locator(".audit-table")).to_contain_text(judge.username)
    expect(audit.locator(".audit-table")).to_contain_text("执行款台账 #")  # not Django's "FundEntry object (…)"
    audit.scroll_into_view_if_needed()
    screenshot("05b-audit")
    audit.locator("summary").click()  # closed again, as the clerk leaves it

    # when the judge tries to close the case as 终本
    close = page.locator("#action-close")
    close.locator("summary").click()
    close.get_by_label("结案方式").select_option(label="终结本次执行程序")
    close.get_by_label("结案理由").fill("经网络查控未发现可供执行的财产")
    close.locator("button[type=submit]").click()

    # then every unmet precondition is listed in Chinese, and the case stays open
    unmet = page.locator("#action-close .unmet-list li")
    expect(unmet.first).to_be_visible()
    expected = [str(rules.TERMINATION_CONDITIONS[code]) for code in (
        "notice_not_served", "report_order_missing", "consumption_restriction_missing", "inquiry_not_exhausted",
        "under_three_months", "applicant_not_heard", "second_key_missing")]
    expect(unmet).to_have_text(expected)
    page.locator("#action-close").scroll_into_view_if_needed()
    screenshot("06-termination-refused")
    case.refresh_from_db()
    assert not case.is_closed


def test_a_wrong_password_is_refused_in_chinese(live_server, page, judge):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(judge.username)
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()

    expect(page.locator(".alert-error")).to_contain_text("用户名或密码不正确")


def test_apply_for_enforcement_from_a_litigation_case(live_server, page, screenshot, judge, trial_judge, applicant,
                                                      respondent):
    import datetime as dt
    from decimal import Decimal

    from cases.services.litigation import litigation_case_file

    source = litigation_case_file(court=judge.court, actor=trial_judge, cause="买卖合同纠纷",
                                  filed_on=dt.date(2025, 3, 10), plaintiffs=[applicant], defendants=[respondent],
                                  claim_amount=Decimal("126000"), trial_judge=trial_judge)
    log_in(page, live_server.url, judge.username)

    page.goto(f"{live_server.url}/litigation/{source.pk}/")
    screenshot("07-litigation-detail")
    page.get_by_role("link", name="申请执行").click()

    expect(page.locator("#chips-applicants")).to_contain_text("汪某")
    expect(page.locator("#chips-respondents")).to_contain_text("姚某")
    lookup = page.get_by_label("执行依据案件")
    expect(lookup).to_have_value(f"{source.number} 买卖合同纠纷")
    chosen = page.locator('input[type=hidden][name="source_case"]')
    expect(chosen).to_have_value(str(source.pk))
    # looked up again by typing part of the number: typing clears the choice, picking sets it
    lookup.fill("民初1")
    expect(chosen).to_have_value("")
    page.get_by_role("button", name="选用").click()
    expect(chosen).to_have_value(str(source.pk))
    expect(lookup).to_have_value(f"{source.number} 买卖合同纠纷")
    page.locator("#chips-respondents .chip-remove").click()
    expect(page.locator("#chips-respondents .chip")).to_have_count(0)
    page.get_by_role("button", name="立案", exact=True).click()
    expect(page.locator("#picker-respondents")).to_contain_text("请至少选择一名被执行人。")
    expect(page.locator("#chips-applicants")).to_contain_text("汪某")


def test_a_card_loads_its_form_when_opened_and_works_without_javascript(live_server, browser, browser_context_args,
                                                                        page, judge, enforcement_case):
    case_page = f"{live_server.url}/cases/{enforcement_case.pk}/"
    # given the case page: the fund card is closed and has no form yet
    log_in(page, live_server.url, judge.username)
    page.goto(case_page)
    fund = page.locator("#action-fund")
    expect(fund.locator("form")).to_have_count(0)
    # when the judge opens it, its form is fetched into the card, and the receipt is recorded
    fund.locator("summary").click()
    page.evaluate("window.stayed = true")
    fund.get_by_label("金额（元）").fill("-5")
    fund.locator("button[type=submit]").click()
    expect(fund).to_contain_text("金额必须大于0。")
    assert page.evaluate("window.stayed === true")  # a refused post swaps the card in place (htmx), no reload
    fund.get_by_label("金额（元）").fill("1200")
    fund.locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("已登记收款 1,200.00元。")

    # and without JavaScript the card's link shows the page with that card's form, posted the plain way
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    plain = context.new_page()
    log_in(plain, live_server.url, judge.username)
    plain.goto(case_page)
    plain.locator("#action-fund summary").click()
    plain.locator("#action-fund").get_by_role("link", name="打开表单").click()
    expect(plain).to_have_url(f"{case_page}?card=fund#action-fund")
    plain.locator("#action-fund").get_by_label("金额（元）").fill("300")
    plain.locator("#action-fund button[type=submit]").click()
    expect(plain.locator(".alert-success")).to_contain_text("已登记收款 300.00元。")
    expect(plain.get_by_test_id("amount-recovered")).to_have_text("1,500.00")
    context.close()
