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
    assert "终本 case library" in library and "Time since 终本" in library and "终本案件库" not in library
    assert "Re-inquiry schedule (every 6 months for 5 years)" in case and "定期查询计划" not in case
