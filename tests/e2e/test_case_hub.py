"""The case page is the hub, in Chromium: from /cases/<id>/ the judge issues one of the case's documents, proposes a
measure with the case and debtor already chosen, reads the case's pushes and feedback, and follows the unmet 终本
conditions of the checklist each to the action that meets it; a 终本 case's page leads to its 终本 page."""
import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from cases import rules
from cases.services.enforcement import case_close
from documents.models import Document
from tests.factories import prepare_termination

from .browser import log_in

pytestmark = pytest.mark.e2e


def test_the_judge_works_the_case_from_its_page(live_server, page, screenshot, judge, enforcement_case, respondent):
    base, case = live_server.url, enforcement_case
    case_page = f"{base}/cases/{case.pk}/"
    pushed_to_the_township_with_a_lead(case, respondent)
    log_in(page, base, judge.username)
    page.goto(case_page)
    hub = page.get_by_test_id("case-hub")
    expect(hub.get_by_role("heading", name="本案相关")).to_be_visible()
    expect(hub).not_to_contain_text("终本案件页面")  # an open case has no 终本 page yet
    screenshot("hub-01-case-page")

    # the 终本 checklist: every unmet condition that an action meets is a link
    expect(page.locator('[data-unmet="notice_not_served"] a')).to_have_text(
        str(rules.TERMINATION_CONDITIONS["notice_not_served"]))
    page.locator("#termination-check").scroll_into_view_if_needed()
    screenshot("hub-02-checklist")

    # the documents: issuing the execution notice meets the notice condition
    hub.get_by_role("link", name="法律文书（制作、下载）").click()
    expect(page).to_have_url(f"{base}/cases/{case.pk}/documents/")
    page.get_by_role("link", name="执行通知书", exact=True).click()
    page.get_by_label("落款日期").fill("2024-03-02")
    page.get_by_role("button", name="制作并生成PDF").click()
    document = Document.objects.get(case=case)
    expect(page).to_have_url(f"{base}/documents/{document.pk}/")
    page.goto(case_page)
    expect(page.locator('[data-unmet="notice_not_served"]')).to_have_count(0)

    # a measure: the form opens with the case and the debtor chosen
    page.get_by_test_id("case-hub").get_by_role("link", name="提请强制措施").click()
    expect(page.get_by_role("heading", name="提请强制措施")).to_be_visible()
    form = page.locator("#sanction-form")
    expect(form.locator('input[name="case"]')).to_have_value(str(case.pk))
    expect(form.get_by_label("案号")).to_have_value(case.number)
    expect(form.locator('select[name="party"]')).to_have_value(str(respondent.pk))
    screenshot("hub-03-measure-form")

    # the pushes and feedback of the case
    page.goto(case_page)
    page.get_by_test_id("case-hub").get_by_role("link", name="五推送记录与反馈").click()
    expect(page).to_have_url(f"{base}/pushes/cases/{case.pk}/")
    pushed = page.locator("main table tbody tr")
    expect(pushed).to_have_count(1)
    expect(pushed).to_contain_text("青云镇人民政府")
    expect(pushed).to_contain_text("提供财产线索")
    # one place in the main navigation (执行案件 was lit too: the page's name starts with case-)
    expect(page.get_by_role("navigation", name="主导航").locator('[aria-current="page"]')).to_have_text(["五推送"])
    screenshot("hub-04-case-pushes")

    # hearing the applicant: the event card opens with that event chosen; recording it meets the condition
    page.goto(case_page)
    page.locator('[data-unmet="applicant_not_heard"] a').click()
    expect(page).to_have_url(re.compile(r"\?card=event&kind=applicant_heard#action-event$"))
    event = page.locator("#action-event")
    expect(event).to_have_attribute("open", "")
    expect(event.get_by_label("事项")).to_have_value("applicant_heard")
    event.get_by_label("日期").fill("2024-06-03")
    screenshot("hub-05-event-card-chosen")
    event.locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.goto(case_page)
    expect(page.locator('[data-unmet="applicant_not_heard"]')).to_have_count(0)

    # the inquiry: the inquiry card opens
    page.locator('[data-unmet="inquiry_not_exhausted"] a').click()
    expect(page).to_have_url(re.compile(r"\?card=inquiry#action-inquiry$"))
    expect(page.locator("#action-inquiry")).to_have_attribute("open", "")
    expect(page.locator("#action-inquiry form")).to_be_visible()

    # the consumption restriction: the measure form with the case, the debtor and the measure chosen
    page.goto(case_page)
    page.locator('[data-unmet="consumption_restriction_missing"] a').click()
    form = page.locator("#sanction-form")
    expect(form.get_by_label("案号")).to_have_value(case.number)
    expect(form.locator('select[name="party"]')).to_have_value(str(respondent.pk))
    expect(form.locator('select[name="kind"]')).to_have_value("consumption_restriction")

    # waiting three months has nothing to click
    waiting = page.locator('[data-unmet="under_three_months"] a')
    page.goto(case_page)
    expect(waiting).to_have_count(0)


def pushed_to_the_township_with_a_lead(case, respondent):
    """This week's push run sends the case to the debtor's township, which answers with a lead."""
    from pushes import services
    from pushes.choices import Channel
    from pushes.models import PushItem
    from pushes.rules import current_week
    from tests.factories import TownshipFactory

    township = TownshipFactory(court=case.court, name="青云镇", code="Q01")
    respondent.township = township
    respondent.save(update_fields=["township"])
    services.recipient_create(court=case.court, channel=Channel.TOWNSHIP, name="青云镇人民政府", township=township)
    services.push_week_run(court=case.court, week=current_week())
    item = PushItem.objects.get(case=case)
    services.feedback_submit(batch=item.batch, item=item.pk, kind="lead", content="姚某在县城有一间门面出租")


def test_a_terminated_case_leads_to_its_termination_page(live_server, page, screenshot, judge, leader,
                                                         enforcement_case):
    case = enforcement_case
    prepare_termination(case, judge=judge, leader=leader)
    case_close(case=case, actor=judge, method="terminated_current", closed_on=case.filed_on + dt.timedelta(days=130),
               reason="经网络查控未发现可供执行的财产")
    log_in(page, live_server.url, judge.username)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    hub = page.get_by_test_id("case-hub")
    expect(hub.get_by_role("link", name="提请强制措施")).to_have_count(0)  # closed: no measure to propose
    hub.get_by_role("link", name=re.compile("终本案件页面")).click()
    expect(page).to_have_url(f"{live_server.url}/clearance/cases/{case.pk}/")
    expect(page.locator("body")).to_contain_text(case.number)
    screenshot("hub-07-termination-page")
