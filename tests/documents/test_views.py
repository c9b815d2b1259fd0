"""Browser pages: list, issue form (with draft preview), detail, preview, PDF download; tenancy and permission."""
import datetime as dt
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.urls import reverse

from documents.models import Document
from documents.services import document_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(enforcement_case, judge):
    return document_issue(case=enforcement_case, kind="execution_notice", actor=judge, issued_on=dt.date(2024, 3, 2))


def issue_url(case, kind):
    return reverse("documents:issue", args=[case.pk]) + f"?kind={kind}"


def test_list_shows_the_case_documents_and_the_kinds_to_issue(client, judge, enforcement_case, notice):
    client.force_login(judge)
    response = client.get(reverse("documents:case-documents", args=[enforcement_case.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert notice.number in body
    assert reverse("documents:pdf", args=[notice.pk]) in body
    assert issue_url(enforcement_case, "termination_ruling").replace("&", "&amp;") in body


def test_issue_form_posts_to_the_service_and_redirects_to_the_document(client, judge, enforcement_case):
    client.force_login(judge)
    form = client.get(issue_url(enforcement_case, "report_order"))
    assert form.status_code == 200
    assert 'name="deadline_days"' in form.content.decode()
    response = client.post(issue_url(enforcement_case, "report_order"),
                           {"kind": "report_order", "issued_on": "2024-03-02", "deadline_days": "5", "party": ""})
    document = Document.objects.get(case=enforcement_case, kind="report_order")
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[document.pk])
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert document.number in detail.content.decode()
    assert enforcement_case.events.filter(kind="report_order_served", occurred_on=dt.date(2024, 3, 2)).exists()


def test_an_unapproved_measure_is_a_form_error_in_chinese(client, judge, enforcement_case, propose):
    sanction = propose(enforcement_case, "fine", amount=Decimal("20000.00"))
    client.force_login(judge)
    form = client.get(issue_url(enforcement_case, "fine_decision")).content.decode()
    assert "待审批" in form  # the measure is listed with its status
    response = client.post(issue_url(enforcement_case, "fine_decision"), {
        "kind": "fine_decision", "issued_on": "2024-04-03", "sanction": sanction.pk, "deadline_days": "10"})
    assert response.status_code == 400
    assert "该强制措施尚未经院长批准生效（当前状态：待审批），不能制作罚款决定书。" in response.content.decode()
    assert not Document.objects.exists()


def test_termination_preconditions_are_listed_on_the_form(client, judge, enforcement_case):
    client.force_login(judge)
    response = client.post(issue_url(enforcement_case, "termination_ruling"),
                           {"kind": "termination_ruling", "issued_on": "2024-04-03"})
    assert response.status_code == 400
    assert "未向每一被执行人发出执行通知书" in response.content.decode()


def test_draft_preview_renders_without_issuing(client, judge, enforcement_case):
    client.force_login(judge)
    response = client.post(issue_url(enforcement_case, "execution_notice"),
                           {"kind": "execution_notice", "issued_on": "2024-03-02", "preview": "1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    body = response.content.decode()
    assert "草稿" in body and "壹拾贰万陆仟元整" in body
    assert not Document.objects.exists()
    assert not enforcement_case.events.filter(kind="notice_served").exists()


def test_preview_shows_the_issued_text_in_the_browser(client, judge, notice):
    client.force_login(judge)
    response = client.get(reverse("documents:preview", args=[notice.pk]))
    assert response.status_code == 200
    assert response.content.decode() == notice.html
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # shown in the detail page's frame


def test_pdf_downloads_as_an_attachment_named_after_the_document(client, judge, notice):
    client.force_login(judge)
    response = client.get(reverse("documents:pdf", args=[notice.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert quote(f"执行通知书{notice.case.number}.pdf") in disposition
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_another_courts_user_gets_404_everywhere(client, foreign_judge, enforcement_case, notice):
    client.force_login(foreign_judge)
    for url in [reverse("documents:case-documents", args=[enforcement_case.pk]),
                issue_url(enforcement_case, "execution_notice"),
                reverse("documents:detail", args=[notice.pk]),
                reverse("documents:preview", args=[notice.pk]),
                reverse("documents:pdf", args=[notice.pk])]:
        assert client.get(url).status_code == 404, url
    response = client.post(issue_url(enforcement_case, "execution_notice"),
                           {"kind": "execution_notice", "issued_on": "2024-03-02"})
    assert response.status_code == 404
    assert Document.objects.count() == 1


def test_issuing_needs_the_handle_permission(client, reader, enforcement_case, notice):
    client.force_login(reader)
    assert client.get(issue_url(enforcement_case, "execution_notice")).status_code == 403
    response = client.post(issue_url(enforcement_case, "execution_notice"),
                           {"kind": "execution_notice", "issued_on": "2024-03-02"})
    assert response.status_code == 403
    assert Document.objects.count() == 1
    # reading stays open to the court's users
    listing = client.get(reverse("documents:case-documents", args=[enforcement_case.pk]))
    assert listing.status_code == 200
    assert "documents/new/" not in listing.content.decode()
    assert client.get(reverse("documents:pdf", args=[notice.pk])).status_code == 200


def test_anonymous_users_are_sent_to_login(client, notice):
    response = client.get(reverse("documents:pdf", args=[notice.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_kind_is_404(client, judge, enforcement_case):
    client.force_login(judge)
    assert client.get(issue_url(enforcement_case, "nonsense")).status_code == 404


def test_assistance_notice_through_the_form(client, judge, li_case):
    client.force_login(judge)
    response = client.post(issue_url(li_case, "assistance_notice"), {
        "kind": "assistance_notice", "issued_on": "2024-03-20", "party": "", "measure": "stop_payment",
        "third_party": "万年县某建筑工程有限公司", "asset_description": "挂靠于你单位名下承建工程的应付工程款",
        "amount": "108000"})
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.inputs["amount"] == "108000.00"
    assert document.party.name == "李某"
