"""The 姚某 story end to end in Chromium: a clerk files the rice-money suit (稻谷款 126,000
yuan) with the preservation prompt; the trial judge records the mediation with one instalment due within the
reminder window; the daily job puts the 执前督促 reminder on the judge's to-do list; the judge calls, records the
urging; 姚某 pays; the instalment shows as performed and no enforcement case exists.

A second walk: an instalment defaulted → 申请执行 pre-filled from the suit → the preserved deposit carried over →
the asset page, where an auction below the statutory limits is refused.
"""
import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from cases.choices import TodoKind
from cases.models import EnforcementCase, LitigationCase, Todo
from cases.services.common import court_today

from .browser import log_in

pytestmark = pytest.mark.e2e


def log_out(page):
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("button", name="登录")).to_be_visible()


def test_yao_pays_the_rice_money_after_the_reminder_call(live_server, page, screenshot, clerk, trial_judge,
                                                         court_admin, applicant, respondent, api):
    base = live_server.url
    today = court_today()
    filed_on, effective_on, due_on = today - dt.timedelta(days=40), today - dt.timedelta(days=5), \
        today + dt.timedelta(days=6)

    # the clerk files 汪某 v 姚某 for the rice money, with the preservation prompt answered
    log_in(page, base, clerk.username)
    page.goto(f"{base}/litigation/new/")
    page.locator('[data-lookup="plaintiffs"]').fill("汪")
    page.locator("#lookup-plaintiffs").get_by_role("button", name="加入原告").first.click()
    expect(page.locator("#chips-plaintiffs")).to_contain_text("汪某")
    page.locator('[data-lookup="defendants"]').fill("姚")
    page.locator("#lookup-defendants").get_by_role("button", name="加入被告").first.click()
    expect(page.locator("#chips-defendants")).to_contain_text("姚某")
    page.get_by_label("案由").fill("买卖合同纠纷（稻谷款）")
    page.get_by_label("立案日期").fill(filed_on.isoformat())
    page.get_by_label("诉讼标的额（元）").fill("126000")
    page.get_by_label("承办法官").select_option(label="李法官")
    prompt = page.get_by_test_id("preservation-prompt")
    expect(prompt).to_contain_text("引导其在立案或诉讼阶段申请保全")
    prompt.get_by_label("已引导申请财产保全").check()
    prompt.get_by_label("不申请保全").check()
    prompt.scroll_into_view_if_needed()
    screenshot("yao-01-filing-with-preservation-prompt")
    page.get_by_role("button", name="立案", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text(re.compile(r"立案成功，案号：（\d{4}）赣1129民初\d+号"))
    case = LitigationCase.objects.get(cause="买卖合同纠纷（稻谷款）")
    assert (case.preservation_guided, case.preservation_response) == (True, "declined")
    screenshot("yao-02-litigation-case-filed")
    log_out(page)

    # the trial judge records the mediation: 126,000 yuan in one instalment
    log_in(page, base, trial_judge.username)
    page.goto(f"{base}/litigation/{case.pk}/")
    outcome = page.locator("#action-outcome")
    outcome.locator("summary").click()
    outcome.get_by_label("审理结果").select_option(label="调解")
    outcome.get_by_label("生效日期").fill(effective_on.isoformat())
    outcome.locator('input[name="ob-0-due_on"]').fill(due_on.isoformat())
    outcome.locator('input[name="ob-0-amount"]').fill("126000")
    outcome.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_contain_text("已登记审理结果与履行计划。")
    expect(page.get_by_test_id("instalment-1")).to_contain_text("待履行")
    screenshot("yao-03-mediation-plan-pending")

    # the daily reminder job runs (here through the job API, as a court admin would)
    run = api.as_user(court_admin).post("/api/v1/jobs/mediation_reminders/run/")
    assert run.status_code == 200 and run.json()["summary"]["reminders_created"] == 1

    # the reminder is on the trial judge's to-do list
    page.goto(f"{base}/")
    expect(page.locator(".todo-pill .count")).to_have_text("1")
    page.get_by_role("link", name="全部待办（办结） ›").click()
    reminder = page.get_by_test_id("todo-instalment_due")
    expect(reminder).to_contain_text("执前督促（履行期临近）")
    expect(reminder).to_contain_text("126,000.00元")
    screenshot("yao-04-reminder-on-the-todo-list")
    reminder.get_by_role("link", name=case.number, exact=True).click()
    expect(page.get_by_role("heading", name=case.number)).to_be_visible()

    # the judge calls 姚某 and records the urging
    urging = page.locator("#action-urging")
    urging.locator("summary").click()
    urging.get_by_label("方式").select_option(label="电话")
    urging.get_by_label("督促结果").fill("姚某表示法院给了企业喘息的机会，一定按期履行")
    urging.get_by_label("承诺履行日期").fill(due_on.isoformat())
    screenshot("yao-05-urging-call")
    urging.get_by_role("button", name="记录督促").click()
    expect(page.locator(".alert-success")).to_contain_text("已记录督促履行。")
    expect(page.locator("#urgings")).to_contain_text("一定按期履行")

    # 姚某 pays the whole 126,000 yuan, a week early
    payment = page.locator("#action-payment")
    payment.locator("summary").click()
    payment.get_by_label("履行日期").fill(today.isoformat())
    payment.get_by_label("金额（元）").fill("126000")
    payment.get_by_label("备注").fill("被告姚某将稻谷款全部打入法院指定账户")
    payment.get_by_role("button", name="登记").click()
    expect(page.locator(".alert-success")).to_contain_text("已登记自动履行。")

    # then the instalment is performed, nothing is left owing, and no enforcement case exists
    expect(page.get_by_test_id("instalment-1")).to_contain_text("按期履行")
    expect(page.get_by_test_id("payments-total")).to_have_text("126,000.00")
    expect(page.get_by_test_id("no-enforcement")).to_have_text("尚未申请执行。")
    page.locator("#plan").scroll_into_view_if_needed()
    screenshot("yao-06-instalment-paid-no-enforcement")
    assert not EnforcementCase.objects.exists()
    assert Todo.objects.get(kind=TodoKind.INSTALMENT_DUE).done_at is not None  # the reminder ticked itself off
    page.goto(f"{base}/todos/")
    expect(page.locator("#todos")).to_contain_text("暂无待办事项。")


def test_a_defaulted_plan_goes_to_enforcement_with_its_preserved_deposit(live_server, page, screenshot, clerk, judge,
                                                                       trial_judge, applicant, respondent):
    from decimal import Decimal

    from cases.services.litigation import litigation_case_file, outcome_record, preservation_add
    from cases.services.preservation import preservation_add_asset

    base = live_server.url
    today = court_today()
    case = litigation_case_file(court=clerk.court, actor=clerk, cause="买卖合同纠纷（稻谷款）",
                                filed_on=today - dt.timedelta(days=90), plaintiffs=[applicant], defendants=[respondent],
                                claim_amount=Decimal("126000"), trial_judge=trial_judge, preservation_guided=True)
    preservation = preservation_add(case=case, actor=clerk, kind="litigation", applied_on=case.filed_on,
                                    amount=Decimal("126000"), ruled_on=case.filed_on, security_amount=Decimal("30000"))
    preservation_add_asset(preservation=preservation, actor=clerk, party=respondent, kind="deposit",
                           description="活期账户 6228****1234", institution="中国农业银行万年支行",
                           value=Decimal("23500"), controlled_on=case.filed_on + dt.timedelta(days=1))
    preservation_add_asset(preservation=preservation, actor=clerk, party=respondent, kind="vehicle",
                           description="小型货车 赣E·12345", institution="万年县公安局交警大队",
                           value=Decimal("80000"), controlled_on=case.filed_on + dt.timedelta(days=1))
    outcome_record(case=case, actor=trial_judge, kind="mediation", effective_on=today - dt.timedelta(days=40),
                   obligations=[{"due_on": today - dt.timedelta(days=10), "amount": Decimal("60000")},
                                {"due_on": today + dt.timedelta(days=20), "amount": Decimal("66000")}])

    # the clerk sees the defaulted instalment and applies for enforcement from the plan
    log_in(page, base, clerk.username)
    page.goto(f"{base}/litigation/{case.pk}/")
    expect(page.get_by_test_id("default-alert")).to_contain_text("1 期已逾期未履行")
    expect(page.get_by_test_id("instalment-1")).to_contain_text("逾期未履行")
    expect(page.locator("#preservations")).to_contain_text("活期账户 6228****1234")
    screenshot("yao-07-defaulted-plan-and-preservation")
    page.get_by_test_id("default-alert").get_by_role("link", name="申请执行").click()
    expect(page.locator("#chips-applicants")).to_contain_text("汪某")
    expect(page.locator("#chips-respondents")).to_contain_text("姚某")
    expect(page.get_by_label("申请执行标的（元）")).to_have_value("126000.00")
    expect(page.get_by_test_id("carry-over-hint")).to_be_visible()
    page.get_by_label("承办法官").select_option(label="张法官")
    page.get_by_role("button", name="立案", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("立案成功")

    # the preserved assets are the enforcement case's now, their freezes running on
    expect(page.locator("#assets")).to_contain_text("活期账户 6228****1234")
    expect(page.locator("#timeline")).to_contain_text("保全财产转为执行查控")
    enforcement = EnforcementCase.objects.get(source_case=case)
    assert enforcement.assets.count() == 2
    page.goto(f"{base}/preservations/{preservation.pk}/")
    expect(page.locator("main")).to_contain_text(enforcement.number)
    screenshot("yao-10-preservation-page")
    log_out(page)

    # the enforcement judge works the case: nodes, fast track, contact, then the car
    log_in(page, base, judge.username)
    page.goto(f"{base}/cases/{enforcement.pk}/")
    expect(page.locator("#nodes")).to_contain_text("送达报告财产令")
    screenshot("yao-08-enforcement-case-with-carried-assets")
    contact = page.locator("#action-contact")
    contact.locator("summary").click()
    contact.get_by_label("当事人").select_option(label="姚某")
    contact.get_by_label("内容摘要").fill("通过移动微法院推送执行通知书，姚某已读")
    contact.get_by_role("button", name="记录联系").click()
    expect(page.locator("#timeline")).to_contain_text("移动微法院（法院联系当事人）")
    fast = page.locator("#action-fast_track")
    fast.locator("summary").click()
    fast.get_by_label("理由").fill("被执行人一人，保全财产足额，法官决定快速办理")
    fast.get_by_role("button", name="确定").click()
    expect(page.locator(".alert-success")).to_contain_text("已转入快速通道。")
    page.goto(f"{base}/fast-track/")
    expect(page.locator("main")).to_contain_text(enforcement.number)
    screenshot("yao-11-fast-track-queue")

    car = enforcement.assets.get(kind="vehicle")
    page.goto(f"{base}/assets/{car.pk}/")
    valuation = page.locator("#action-value")
    valuation.get_by_label("评估价/参考价（元）").fill("80000")
    valuation.get_by_role("button", name="登记评估价").click()
    expect(page.locator(".alert-success")).to_contain_text("评估")
    auction = page.locator("#action-auction")
    auction.get_by_label("拍卖日期").fill((today + dt.timedelta(days=10)).isoformat())
    auction.get_by_label("起拍价（元）").fill("50000")
    auction.get_by_role("button", name="发布拍卖").click()
    expect(page.locator("#action-auction")).to_contain_text("应当在拍卖15日前公告")
    expect(page.locator("#action-auction")).to_contain_text("起拍价不得低于评估价的70%（56000.00元）")
    screenshot("yao-09-auction-limits-refused")
