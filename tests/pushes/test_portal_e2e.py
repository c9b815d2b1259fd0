"""In Chromium: a grid worker opens the portal link on a phone (390×844) and leaves a lead; the judge then sees
it on the case timeline, reviews it, and the check lands on the timeline too."""
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from cases.models import CaseEvent
from pushes import services
from pushes.choices import Channel
from pushes.models import PushBatch, PushFeedback
from pushes.rules import current_week

from .conftest import WEEK

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True,
         "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}
LEAD = "李某在县城东门工地做工，工程款由某建设公司代为结算，约十万元未付"


def logged_in_context(browser, live_server, user):
    """A desktop browser context with the user's session cookie (the login page is tested in tests/e2e)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context


def test_a_grid_worker_leaves_a_lead_on_the_phone_and_the_judge_sees_it(live_server, browser, court, judge,
                                                                       recipients, person, file_case):
    # given a small-amount case pushed this week to the grid worker
    judge.phone = "0793-7701234"
    judge.save(update_fields=["phone"])
    debtor = person(name="李某", id_number="36112919850714123X")
    case = file_case(debtor, amount="108000.00", is_livelihood=True)
    other = file_case(person(name="周某"), amount="12800.00")
    services.push_week_run(court=court, week=WEEK)
    batch = PushBatch.objects.get(channel=Channel.GRID)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    # when the grid worker opens the link on a phone
    phone = browser.new_context(**PHONE)
    page = phone.new_page()
    page.goto(f"{live_server.url}/p/{batch.portal_token}/")
    expect(page.get_by_role("heading", name="执行案件推送清单")).to_be_visible()
    card = page.locator("article.item", has_text="李某")
    expect(card).to_contain_text("3611**********123X")
    expect(card).to_contain_text("属涉民生案件")
    expect(card).to_contain_text("0793-7701234")
    expect(page.locator("article.item")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    page.screenshot(path=str(SCREENSHOTS / "pushes-portal-phone.png"))

    # and reports a lead on 李某's case
    card.get_by_text("反馈情况").click()
    card.get_by_label("提供财产线索").check()
    card.get_by_label("情况说明（提供线索时必填）").fill(LEAD)
    card.get_by_label("反馈人（可选）").fill("网格员王某")
    card.screenshot(path=str(SCREENSHOTS / "pushes-portal-phone-form.png"))
    card.get_by_role("button", name="提交反馈").click()

    # then the page thanks them and marks the item as answered
    expect(page.get_by_role("status")).to_contain_text("反馈已提交")
    expect(page.locator("article.item", has_text="李某")).to_contain_text("已反馈：提供财产线索")
    page.screenshot(path=str(SCREENSHOTS / "pushes-portal-phone-sent.png"))
    feedback = PushFeedback.objects.get()
    assert (feedback.case_id, feedback.kind, feedback.submitter) == (case.pk, "lead", "网格员王某")
    phone.close()

    # when the judge opens the case: the lead is on its timeline
    desk = logged_in_context(browser, live_server, judge)
    page = desk.new_page()
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator("body")).to_contain_text(LEAD)
    expect(page.locator("body")).to_contain_text("收到财产线索")

    # and reviews it on the feedback page
    page.goto(f"{live_server.url}/pushes/feedback/")
    review = page.locator(f"#feedback-{feedback.pk}")
    expect(review).to_contain_text(LEAD)
    review.get_by_label("有效").check()
    review.get_by_placeholder("审查意见（可选）").fill("已向某建设公司发出协助执行通知书")
    review.get_by_role("button", name="提交审查").click()
    expect(page.locator("body")).to_contain_text("已审查")
    page.screenshot(path=str(SCREENSHOTS / "pushes-feedback-reviewed.png"))
    feedback.refresh_from_db()
    assert feedback.effective is True
    assert CaseEvent.objects.filter(case=case, kind="lead_checked").exists()
    assert not CaseEvent.objects.filter(case=other, kind="lead_received").exists()
    desk.close()


def test_a_court_admin_previews_runs_the_week_and_opens_a_batch(live_server, browser, court, court_admin,
                                                              recipients, person, file_case):
    # given open cases for several channels
    file_case(person(name="李某", is_npc_deputy=True), amount="32000.00")
    file_case(person(name="周某", is_public_official=True), amount="268000.00")
    desk = logged_in_context(browser, live_server, court_admin)
    week = current_week()  # a person runs the current week or a recent one
    page = desk.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # when the admin previews the week: counts per recipient and reasons, nothing written yet
    page.goto(f"{live_server.url}/pushes/?week={week}")
    preview = page.locator("#preview")
    expect(preview).to_contain_text("青云镇第一网格")
    expect(preview).to_contain_text("被执行人系县人大代表")
    page.screenshot(path=str(SCREENSHOTS / "pushes-run-preview.png"), full_page=True)
    assert not PushBatch.objects.exists()
    # and runs it
    preview.get_by_role("button", name=f"执行{week}推送").click()
    expect(page.locator("body")).to_contain_text(f"{week}推送完成")
    # then the batches are listed, and a batch shows its portal link and export
    page.get_by_role("link", name="县纪委监委").click()
    expect(page.locator("#portal-url")).to_contain_text("/p/")
    expect(page.locator("body")).to_contain_text("被执行人系公职人员")
    page.screenshot(path=str(SCREENSHOTS / "pushes-batch-detail.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="导出Excel").first.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    desk.close()
