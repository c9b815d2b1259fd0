"""What a judge does in the browser: open a case's documents, issue the execution notice, read it, download it."""
import re

import pytest
from playwright.sync_api import expect

from documents.models import Document

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234-word"  # tests.factories.UserFactory


def test_issue_preview_and_download_an_execution_notice(live_server, page, screenshot, judge, enforcement_case):
    base = live_server.url
    # given the judge logged in, on the case's documents page
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(judge.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{base}/cases/{enforcement_case.pk}/documents/")
    expect(page.get_by_text("本案尚未制作文书。")).to_be_visible()
    screenshot("documents-list")
    # when they choose the execution notice and issue it
    page.get_by_role("link", name="执行通知书", exact=True).click()
    expect(page.get_by_role("heading", name="制作执行通知书")).to_be_visible()
    page.get_by_label("落款日期").fill("2024-03-02")
    screenshot("documents-issue-form")
    page.get_by_role("button", name="制作并生成PDF").click()
    # then the document page shows its number and the issued text in a frame
    document = Document.objects.get()
    expect(page).to_have_url(re.compile(rf"/documents/{document.pk}/$"))
    expect(page.get_by_role("heading", name=re.compile("执行通知书"))).to_be_visible()
    frame = page.frame_locator("iframe")
    expect(frame.get_by_text("执行通知书", exact=True)).to_be_visible()
    expect(frame.get_by_text(re.compile("壹拾贰万陆仟元整")).first).to_be_visible()
    screenshot("documents-detail", full_page=True)
    # and the PDF downloads under the document's name
    with page.expect_download() as download:
        page.get_by_role("link", name="下载PDF").click()
    assert download.value.suggested_filename == f"执行通知书{document.case.number}.pdf"
