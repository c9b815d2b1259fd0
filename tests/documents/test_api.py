"""/api/v1/documents/ and /api/v1/enforcement-cases/{id}/documents/: list, issue, PDF; tenancy and permission."""
import datetime as dt
from decimal import Decimal

import pytest

from documents.models import Document
from documents.services import document_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(enforcement_case, judge):
    return document_issue(case=enforcement_case, kind="execution_notice", actor=judge, issued_on=dt.date(2024, 3, 2))


def test_issue_through_the_api(api, judge, enforcement_case):
    client = api.as_user(judge)
    response = client.post("/api/v1/documents/", {"case": enforcement_case.pk, "kind": "execution_notice",
                                                  "issued_on": "2024-03-02"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == enforcement_case.number  # a notice carries its case's number
    assert body["kind_display"] == "执行通知书"
    assert body["case_number"] == enforcement_case.number
    assert body["pdf_url"] == f"/api/v1/documents/{body['id']}/pdf/"
    timeline = client.get(f"/api/v1/enforcement-cases/{enforcement_case.pk}/timeline/").json()
    assert "notice_served" in [e["kind"] for e in timeline]


def test_issue_with_inputs_and_a_measure(api, judge, li_case, approve):
    client = api.as_user(judge)
    response = client.post("/api/v1/documents/", {
        "case": li_case.pk, "kind": "assistance_notice", "issued_on": "2024-03-20",
        "third_party": "万年县某建筑工程有限公司", "asset_description": "工程款", "amount": "108000.00"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["inputs"]["amount"] == "108000.00"
    sanction = approve(li_case, "fine", amount=Decimal("5000.00"))
    response = client.post("/api/v1/documents/", {"case": li_case.pk, "kind": "fine_decision",
                                                  "sanction": sanction.pk, "issued_on": "2024-04-03"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["party_name"] == "李某"


def test_unapproved_measure_is_400_in_chinese(api, judge, enforcement_case, propose):
    sanction = propose(enforcement_case, "detention", start_on=dt.date(2024, 4, 3), end_on=dt.date(2024, 4, 5))
    response = api.as_user(judge).post("/api/v1/documents/", {
        "case": enforcement_case.pk, "kind": "detention_decision", "sanction": sanction.pk,
        "issued_on": "2024-04-03"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"sanction": ["该强制措施尚未经院长批准生效（当前状态：待审批），不能制作拘留决定书。"]}


def test_termination_gate_answers_400_with_the_unmet_codes(api, judge, enforcement_case):
    response = api.as_user(judge).post("/api/v1/documents/", {
        "case": enforcement_case.pk, "kind": "termination_ruling", "issued_on": "2024-04-03"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "preconditions_unmet"
    assert "notice_not_served" in response.json()["unmet"]


def test_list_filters_by_case_and_kind(api, judge, enforcement_case, li_case, notice):
    document_issue(case=li_case, kind="report_order", actor=judge, issued_on=dt.date(2024, 3, 2))
    client = api.as_user(judge)
    assert client.get("/api/v1/documents/").json()["count"] == 2
    by_case = client.get(f"/api/v1/documents/?case={enforcement_case.pk}").json()
    assert [d["number"] for d in by_case["results"]] == [notice.number]
    assert client.get("/api/v1/documents/?kind=report_order").json()["count"] == 1
    nested = client.get(f"/api/v1/enforcement-cases/{enforcement_case.pk}/documents/").json()
    assert [d["id"] for d in nested["results"]] == [notice.pk]


def test_list_costs_a_fixed_number_of_queries(api, judge, enforcement_case, django_assert_max_num_queries):
    for day in range(2, 8):
        document_issue(case=enforcement_case, kind="execution_notice", actor=judge, issued_on=dt.date(2024, 3, day))
    client = api.as_user(judge)
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/documents/")
    assert response.json()["count"] == 6
    assert "html" not in response.json()["results"][0]


def test_nested_post_issues_in_the_case_of_the_url(api, judge, enforcement_case):
    response = api.as_user(judge).post(f"/api/v1/enforcement-cases/{enforcement_case.pk}/documents/", {
        "kind": "report_order", "issued_on": "2024-03-02", "deadline_days": 7}, format="json")
    assert response.status_code == 201, response.json()
    assert Document.objects.get().case == enforcement_case


def test_pdf_download(api, judge, notice):
    response = api.as_user(judge).get(f"/api/v1/documents/{notice.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_another_courts_documents_are_404(api, foreign_judge, enforcement_case, notice):
    client = api.as_user(foreign_judge)
    assert client.get(f"/api/v1/documents/{notice.pk}/").status_code == 404
    assert client.get(f"/api/v1/documents/{notice.pk}/pdf/").status_code == 404
    assert client.get("/api/v1/documents/").json()["count"] == 0
    assert client.get(f"/api/v1/enforcement-cases/{enforcement_case.pk}/documents/").status_code == 404
    nested = client.post(f"/api/v1/enforcement-cases/{enforcement_case.pk}/documents/",
                         {"kind": "execution_notice"}, format="json")
    assert nested.status_code == 404
    # naming another court's case in the body: the case "does not exist" for this user
    body = client.post("/api/v1/documents/", {"case": enforcement_case.pk, "kind": "execution_notice"},
                       format="json")
    assert body.status_code == 400
    assert "case" in body.json()
    assert Document.objects.count() == 1


def test_another_courts_measure_is_400_on_the_field(api, judge, foreign_judge, other_court, enforcement_case):
    from cases.services.enforcement import enforcement_case_file
    from tests.factories import PersonFactory, propose_measure

    respondent = PersonFactory(court=other_court)
    foreign = enforcement_case_file(court=other_court, actor=foreign_judge,
                                    applicants=[PersonFactory(court=other_court)], respondents=[respondent],
                                    amount_claimed=Decimal("500.00"),
                                    filed_on=dt.date(2024, 3, 1), source_document="调解书")
    sanction = propose_measure(foreign, respondent, "fine", actor=foreign_judge, decided_on=dt.date(2024, 4, 1),
                               amount=Decimal("500.00"))
    response = api.as_user(judge).post("/api/v1/documents/", {
        "case": enforcement_case.pk, "kind": "fine_decision", "sanction": sanction.pk}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["sanction"]


def test_issuing_needs_the_handle_permission(api, reader, enforcement_case, notice):
    client = api.as_user(reader)
    response = client.post("/api/v1/documents/", {"case": enforcement_case.pk, "kind": "execution_notice",
                                                  "issued_on": "2024-03-02"}, format="json")
    assert response.status_code == 403
    assert client.get(f"/api/v1/documents/{notice.pk}/pdf/").status_code == 200  # reading is open to the court


def test_anonymous_is_401(api, notice):
    assert api.get(f"/api/v1/documents/{notice.pk}/pdf/").status_code == 401
    assert api.post("/api/v1/documents/", {}, format="json").status_code == 401
