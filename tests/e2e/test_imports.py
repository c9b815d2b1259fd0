"""Imports in Chromium: a court admin downloads nothing, uploads the court's map with 先预览 ticked, sees a bad file's
row errors, previews a good one, confirms it, and follows a running import's progress bar until its report shows."""
import csv
import io

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from cases.models import Grid, Township
from imports.models import ImportJob
from imports.services.runner import import_run
from pushes.models import PushRecipient
from tests.factories import UserFactory

from .browser import log_in

pytestmark = pytest.mark.e2e

HEADERS = ["乡镇名称", "乡镇代码", "网格名称", "网格员", "网格员电话"]
GOOD = [
    ["陈营镇", "C01", "第一网格", "李网格", "13900000001"],
    ["陈营镇", "C01", "第二网格", "周网格", "13900000002"],
    ["石镇镇", "S02", "第一网格", "", ""],
    ["梓埠镇", "Z03", "", "", ""],
]
BAD = [
    ["陈营镇", "C01", "第一网格", "李网格", "13900000001"],
    ["陈营乡", "C01", "第二网格", "", ""],
    ["石镇镇", "S02", "", "王网格", ""],
    ["", "Z03", "", "", ""],
]
UNREACHABLE = """() => [...document.querySelectorAll('nav.mainnav a')].filter(a => {
    const r = a.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    return !(hit && hit.closest('a') === a);
}).map(a => a.textContent.trim())"""


def write_csv(path, rows, encoding="gbk"):
    out = io.StringIO()
    csv.writer(out).writerows([HEADERS, *rows])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin(court):
    return UserFactory(court=court, username="courtadmin", full_name="方敏", roles=["court_admin"])


def test_upload_preview_confirm_and_report(live_server, page, screenshot, media, admin, court, tmp_path):
    base = live_server.url
    log_in(page, base, admin.username)
    # given the court admin opens 数据导入 from the navigation
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="数据导入").click()
    expect(page.get_by_role("heading", name="数据导入", exact=True)).to_be_visible()
    expect(page.get_by_label("先预览")).to_be_checked()
    expect(page.get_by_role("link", name="下载模板")).to_have_count(4)
    screenshot("imports-01-upload")

    # when a file with three bad rows is uploaded for a preview
    page.get_by_label("导入内容").select_option(label="乡镇与网格")
    page.get_by_label("文件").set_input_files(str(write_csv(tmp_path / "map-bad.csv", BAD)))
    page.get_by_role("button", name="上传").click()
    # then the preview lists every bad row, wrote nothing, and offers no confirmation
    expect(page.get_by_text("3行有误，整个文件未导入")).to_be_visible()
    rows = page.locator("table.rejected-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("第3行")
    expect(rows.nth(0)).to_contain_text("同一代码应填写同一名称")
    expect(rows.nth(1)).to_contain_text("须填写网格名称")
    expect(rows.nth(2)).to_contain_text("“乡镇名称”不能为空")
    expect(page.get_by_role("button", name="确认导入")).to_have_count(0)
    assert not Township.objects.exists()
    screenshot("imports-02-preview-errors", full_page=True)

    # when the corrected file is uploaded for a preview
    page.get_by_role("link", name="重新上传").click()
    expect(page.get_by_label("导入内容")).to_have_value("townships_grids")
    page.get_by_label("文件").set_input_files(str(write_csv(tmp_path / "map.csv", GOOD)))
    page.get_by_role("button", name="上传").click()
    # then the preview reports what the import would do, and nothing is written yet
    expect(page.get_by_role("heading", name="预览：乡镇与网格")).to_be_visible()
    expect(page.get_by_text("文件检查通过")).to_be_visible()
    expect(page.locator(".stat-created .stat-value")).to_have_text("4")
    expect(page.locator(".import-figures")).to_contain_text("新增乡镇3")
    assert not Township.objects.exists()
    screenshot("imports-03-preview", full_page=True)

    # when the preview is confirmed
    page.get_by_role("button", name="确认导入").click()
    # then the same file is imported for real and its report shows
    expect(page.get_by_role("heading", name="导入：乡镇与网格")).to_be_visible()
    expect(page.get_by_text("导入完成。")).to_be_visible()
    expect(page.locator(".stat-created .stat-value")).to_have_text("4")
    assert set(Township.objects.filter(court=court).values_list("code", flat=True)) == {"C01", "S02", "Z03"}
    assert Grid.objects.filter(township__court=court).count() == 3
    assert PushRecipient.objects.filter(court=court, channel="grid").count() == 2
    preview, real = ImportJob.objects.order_by("pk")[1:]
    assert preview.dry_run and not real.dry_run and real.sha256 == preview.sha256
    screenshot("imports-04-done", full_page=True)

    # and the list shows the three jobs, newest first, with their counts
    page.get_by_role("link", name="‹ 数据导入").click()
    rows = page.locator("table.table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("已完成")
    expect(rows.nth(2)).to_contain_text("失败")
    screenshot("imports-05-list", full_page=True)


def test_a_running_import_shows_its_progress_until_the_report(live_server, page, screenshot, media, admin, court):
    base = live_server.url
    # given an import still waiting for the worker
    out = io.StringIO()
    csv.writer(out).writerows([HEADERS, *GOOD])
    job = ImportJob(court=court, created_by=admin, kind="townships_grids", original_name="map.csv",
                    sha256="0" * 64)
    job.file.save("map.csv", ContentFile(out.getvalue().encode()), save=True)
    log_in(page, base, admin.username)
    page.goto(f"{base}/imports/{job.pk}/")
    # then its page shows the progress bar
    expect(page.locator("progress.import-progress")).to_be_visible()
    expect(page.get_by_text("已排队，等待后台处理")).to_be_visible()
    # and, once the worker has it, how far it got
    ImportJob.objects.filter(pk=job.pk).update(status="running", progress=0.4)
    expect(page.get_by_text("已完成40%")).to_be_visible(timeout=10_000)
    expect(page.locator("progress.import-progress")).to_have_attribute("value", "40")
    screenshot("imports-06-progress")
    ImportJob.objects.filter(pk=job.pk).update(status="pending", progress=0)
    # when the worker runs it, the panel refreshes itself into the report (htmx polling, no reload)
    page.evaluate("window.__same_page = true")
    assert import_run(job_id=job.pk) == "done"
    expect(page.get_by_text("导入完成。")).to_be_visible(timeout=10_000)
    expect(page.locator("progress.import-progress")).to_have_count(0)
    assert page.evaluate("window.__same_page") is True


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_court_admins_navigation_fits(live_server, page, admin, language):
    base = live_server.url
    log_in(page, base, admin.username)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    for width in (1024, 1366, 1920):
        page.set_viewport_size({"width": width, "height": 768})
        page.goto(f"{base}/imports/")
        assert page.evaluate(UNREACHABLE) == [], (language, width)
