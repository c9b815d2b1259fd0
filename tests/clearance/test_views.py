"""The 终本清仓 pages: library, a case's evidence and resumption, reviews — in Chinese, scoped to the court."""
import datetime as dt

import pytest

from cases.models import EnforcementCase
from clearance.services.triggers import applicant_request_record

pytestmark = pytest.mark.django_db
D = dt.date


def test_library_page_lists_the_stock_with_export(client, judge, stock_case, enforcement_case):
    client.force_login(judge)
    page = client.get("/clearance/")
    html = page.content.decode()
    assert page.status_code == 200 and "终本案件库" in html and stock_case.number in html
    assert enforcement_case.number not in html
    export = client.get("/clearance/?format=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_case_page_shows_the_evidence_and_the_resume_form(client, judge, stock_case):
    applicant_request_record(case=stock_case, actor=judge, received_on=D(2024, 5, 6), content="被执行人新购商铺")
    client.force_login(judge)
    html = client.get(f"/clearance/cases/{stock_case.pk}/").content.decode()
    assert "被执行人新购商铺" in html and "恢复执行（立执恢案）" in html and "2024-02-29" in html


def test_resume_from_the_page_opens_the_new_case(client, judge, stock_case):
    client.force_login(judge)
    response = client.post(f"/clearance/cases/{stock_case.pk}/resume/", {"filed_on": "2024-03-04",
                                                                         "version": stock_case.version})
    new_case = EnforcementCase.objects.get(resumed_from=stock_case)
    assert response.status_code == 302 and response["Location"] == f"/cases/{new_case.pk}/"
    refused = client.post(f"/clearance/cases/{stock_case.pk}/resume/", {"filed_on": "2024-03-05"})
    assert refused.status_code == 400  # already resumed: no form any more, the error is shown
    assert EnforcementCase.objects.filter(resumed_from=stock_case).count() == 1


def test_applicant_request_from_the_page(client, judge, stock_case):
    client.force_login(judge)
    bad = client.post(f"/clearance/cases/{stock_case.pk}/requests/", {"received_on": "2024-05-06", "content": ""})
    assert bad.status_code == 400
    ok = client.post(f"/clearance/cases/{stock_case.pk}/requests/", {"received_on": "2024-05-06",
                                                                     "content": "申请恢复执行"})
    assert ok.status_code == 302 and stock_case.resume_triggers.count() == 1


def test_a_clerk_cannot_resume(client, clerk, stock_case):
    client.force_login(clerk)
    assert client.post(f"/clearance/cases/{stock_case.pk}/resume/", {"filed_on": "2024-03-04"}).status_code == 403


def test_another_courts_user_gets_404_on_every_case_page(client, other_judge, stock_case, judge):
    trigger = applicant_request_record(case=stock_case, actor=judge, received_on=D(2024, 5, 6), content="线索")
    client.force_login(other_judge)
    assert stock_case.number not in client.get("/clearance/?state=all").content.decode()
    assert client.get(f"/clearance/cases/{stock_case.pk}/").status_code == 404
    assert client.post(f"/clearance/cases/{stock_case.pk}/resume/", {"filed_on": "2024-03-04"}).status_code == 404
    assert client.post(f"/clearance/cases/{stock_case.pk}/requests/", {"received_on": "2024-05-06",
                                                                       "content": "x"}).status_code == 404
    assert client.post(f"/clearance/triggers/{trigger.pk}/dismiss/", {"reason": "x"}).status_code == 404


def test_review_pages_for_a_leader_and_refusals(client, leader, judge, other_leader, stock_case):
    client.force_login(leader)
    created = client.post("/clearance/reviews/", {"period_from": "2023-08-01", "period_to": "2023-08-31",
                                                  "mode": "all"})
    assert created.status_code == 302
    review_url = created["Location"]
    page = client.get(review_url).content.decode()
    assert stock_case.number in page and "终本合规率" in page
    from clearance.models import ClosureReviewItem

    item = ClosureReviewItem.objects.get()
    marked = client.post(f"/clearance/review-items/{item.pk}/mark/", {"verdict": "compliant"})
    assert marked.status_code == 302
    item.refresh_from_db()
    assert item.verdict == "compliant"
    client.force_login(judge)
    assert client.post("/clearance/reviews/", {"period_from": "2023-08-01", "period_to": "2023-08-31",
                                               "mode": "all"}).status_code == 403
    assert client.post(f"/clearance/review-items/{item.pk}/mark/", {"verdict": "compliant"}).status_code == 403
    client.force_login(other_leader)
    assert client.get(review_url).status_code == 404
    assert client.post(f"/clearance/review-items/{item.pk}/mark/", {"verdict": "compliant"}).status_code == 404


def test_board_page_needs_statistics_permission(client, judge):
    client.force_login(judge)
    assert client.get("/clearance/board/").status_code == 403


def test_library_page_query_count_does_not_grow(client, judge, make_stock_case, django_assert_max_num_queries):
    client.force_login(judge)
    make_stock_case(name="一")
    client.get("/clearance/")
    for i in range(5):
        make_stock_case(name=f"债务人{i}")
    with django_assert_max_num_queries(14):
        response = client.get("/clearance/")
    assert response.content.decode().count('data-case="') == 6


def test_the_nav_links_the_library(client, judge):
    client.force_login(judge)
    assert 'href="/clearance/"' in client.get("/").content.decode()


def test_pages_in_english_with_the_language_cookie(client, judge, stock_case):
    from django.conf import settings
    from django.utils import translation

    client.force_login(judge)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        library = client.get("/clearance/").content.decode()
        case = client.get(f"/clearance/cases/{stock_case.pk}/").content.decode()
    finally:
        translation.activate(settings.LANGUAGE_CODE)
    assert "Terminated-for-now case library" in library and "Time since termination for now" in library
    assert "终本案件库" not in library and "终本" not in library.split("<h1>")[1].split("</h1>")[0]
    assert "Re-inquiry schedule (every 6 months for 5 years)" in case and "定期查询计划" not in case


# --- a judge queries by hand; a court admin runs the sweep ----------------------------------------------------


@pytest.fixture
def colleague(court):
    from tests.factories import UserFactory

    return UserFactory(court=court, username="judge2", full_name="王法官", roles=["enforcement_judge"])


def test_a_judge_runs_the_overdue_re_inquiry_from_the_case_page(client, judge, stock_case, respondent,
                                                                 inquiry_results, django_capture_on_commit_callbacks):
    from clearance.models import Reinquiry
    from clearance.choices import TriggerKind

    inquiry_results({respondent.id_number: [{"kind": "vehicle", "institution": "上饶市公安局交警支队",
                                             "description": "赣E·3K921 小型轿车", "value": "68000.00"}]})
    client.force_login(judge)
    page = client.get(f"/clearance/cases/{stock_case.pk}/").content.decode()
    assert "立即网络查控" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/clearance/cases/{stock_case.pk}/reinquiry/")
    assert response.status_code == 302
    row = Reinquiry.objects.get(case=stock_case)  # the latest due round, done late, by the judge
    today = __import__("cases.services.common", fromlist=["court_today"]).court_today()
    assert row.status == "done" and row.done_on == today and row.requested_by == judge and row.assets_found == 1
    assert row.due_on == max(d for d in __import__("cases.rules", fromlist=["x"]).reinquiry_dates(stock_case.closed_on)
                             if d <= today)
    trigger = stock_case.resume_triggers.get()
    assert trigger.kind == TriggerKind.PROPERTY_FOUND and "赣E·3K921" in trigger.evidence
    html = client.get(f"/clearance/cases/{stock_case.pk}/").content.decode()
    assert "张法官手动查询" in html and "赣E·3K921" in html
    # the same day again: refused with the reason, nothing written
    again = client.post(f"/clearance/cases/{stock_case.pk}/reinquiry/")
    assert again.status_code == 400 and "本案今日已进行网络查控" in again.content.decode()
    assert Reinquiry.objects.filter(case=stock_case).count() == 1


def test_query_by_hand_refusals(client, clerk, other_judge, judge, stock_case):
    client.force_login(clerk)
    assert client.post(f"/clearance/cases/{stock_case.pk}/reinquiry/").status_code == 403
    client.force_login(other_judge)
    assert client.post(f"/clearance/cases/{stock_case.pk}/reinquiry/").status_code == 404
    from clearance.services.triggers import clearance_resume

    clearance_resume(case=stock_case, actor=judge, filed_on=D(2024, 3, 4))
    client.force_login(judge)
    refused = client.post(f"/clearance/cases/{stock_case.pk}/reinquiry/")
    assert refused.status_code == 400 and "尚未恢复执行的终本案件" in refused.content.decode()


def test_a_court_admin_runs_the_sweep_from_the_library(client, court_admin, judge, stock_case,
                                                       django_capture_on_commit_callbacks):
    from cases.models import JobRun
    from clearance.models import Reinquiry

    client.force_login(judge)
    assert "立即运行定期查询" not in client.get("/clearance/").content.decode()
    assert client.post("/clearance/sweep/").status_code == 403
    client.force_login(court_admin)
    assert "尚未运行" in client.get("/clearance/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/clearance/sweep/", follow=True)
    html = response.content.decode()
    assert "定期查询已运行：查询1件" in html and "仍逾期0件" in html
    run = JobRun.objects.get(name="reinquiries")
    assert (run.court_id, run.trigger) == (judge.court_id, "manual")
    assert Reinquiry.objects.filter(case=stock_case, status="done").exists()
    assert "上次运行" in html


# --- a resumed case leaves the queue; only its judge or a leader resumes it -----------------------------------


def test_a_case_resumed_from_the_case_page_leaves_the_queue(client, judge, stock_case):
    """Resumed through the case page (not the 终本 page): no longer overdue, rounds read 已恢复执行, the lead counted,
    the open evidence settled."""
    from clearance import selectors

    applicant_request_record(case=stock_case, actor=judge, received_on=D(2024, 5, 6), content="被执行人新购商铺")
    client.force_login(judge)
    before = client.get(f"/clearance/cases/{stock_case.pk}/").content.decode()
    assert "逾期" in before
    response = client.post(f"/cases/{stock_case.pk}/resume/", {"filed_on": "2024-06-03",
                                                                "version": stock_case.version})
    assert response.status_code == 302
    trigger = stock_case.resume_triggers.get()
    assert trigger.status == "resumed" and trigger.todo.done_at is not None
    page = client.get(f"/clearance/cases/{stock_case.pk}/")
    case = page.context["case"]
    assert case.schedule.overdue is False and case.leads_since == 1
    html = page.content.decode()
    assert "逾期" not in html and "待到期" not in html and "已恢复执行" in html
    today = __import__("cases.services.common", fromlist=["court_today"]).court_today()
    assert not selectors.library(judge).filter(selectors.overdue_condition(today)).exists()
    library = client.get("/clearance/?state=all").content.decode()
    assert "已恢复执行" in library


def test_another_judges_case_needs_its_judge_or_a_leader(client, colleague, leader, judge, stock_case):
    from cases.choices import Role
    from django.contrib.auth.models import Group

    client.force_login(colleague)
    page = client.get(f"/clearance/cases/{stock_case.pk}/").content.decode()
    assert "本案由张法官承办" in page and "data-confirm" in page
    refused = client.post(f"/clearance/cases/{stock_case.pk}/resume/", {"filed_on": "2024-03-04"})
    assert refused.status_code == 400 and "恢复执行须由承办法官或院领导办理" in refused.content.decode()
    refused = client.post(f"/cases/{stock_case.pk}/resume/", {"filed_on": "2024-03-04"})
    assert "恢复执行须由承办法官或院领导办理" in refused.content.decode()
    assert not EnforcementCase.objects.filter(resumed_from=stock_case).exists()
    assert Group.objects.get(name=Role.LEADER).permissions.filter(codename="resume_any_case").exists()
    client.force_login(leader)
    assert "恢复执行（立执恢案）" in client.get(f"/clearance/cases/{stock_case.pk}/").content.decode()
    ok = client.post(f"/clearance/cases/{stock_case.pk}/resume/", {"filed_on": "2024-03-04"})
    assert ok.status_code == 302 and EnforcementCase.objects.filter(resumed_from=stock_case).count() == 1


# --- quality review: what was saved, by whom, and each case's own check ---------------------------------------


def test_a_saved_verdict_shows_the_ticked_conditions_and_the_reviewer(client, leader, stock_case, make_case):
    from clearance.models import ClosureReviewItem

    # a second closure recorded without the gate: the system finds conditions unmet on its closure date
    ungated = make_case(filed_on=D(2023, 6, 1))
    EnforcementCase.objects.filter(pk=ungated.pk).update(status="closed", closure_method="terminated_current",
                                                         closed_on=D(2023, 8, 20))
    client.force_login(leader)
    review_url = client.post("/clearance/reviews/", {"period_from": "2023-08-01", "period_to": "2023-08-31",
                                                     "mode": "all"})["Location"]
    item = ClosureReviewItem.objects.get(case=ungated)
    client.post(f"/clearance/review-items/{item.pk}/mark/", {
        "verdict": "non_compliant", "unmet": ["applicant_not_heard", "inquiry_not_exhausted"], "reason": "卷内无记录"})
    page = client.get(review_url).content.decode()
    row = page[page.index(f'data-item="{item.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "未告知申请执行人并听取其意见" in row and "未完成网络查控（存款、车辆、不动产、证券）" in row
    assert "卷内无记录" in row and "评查人：叶院长" in row
    # each case's own gate result: the gated closure meets every condition, the other not
    gated = page[page.index(f'data-item="{ClosureReviewItem.objects.get(case=stock_case).pk}"'):]
    gated = gated[:gated.index("</tr>")]
    from cases.rules import TERMINATION_CONDITIONS

    assert f"{len(TERMINATION_CONDITIONS)}项条件均满足" in gated and 'class="unmet"' not in gated
    assert 'class="unmet" data-condition="notice_not_served"' in row


def test_the_case_page_of_a_terminated_case_leads_to_its_re_inquiries(client, leader, stock_case):
    client.force_login(leader)
    html = client.get(f"/cases/{stock_case.pk}/").content.decode()
    assert f'href="/clearance/cases/{stock_case.pk}/"' in html and "打开终本案件页面" in html
