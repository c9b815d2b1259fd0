"""终本清仓 in the browser: a judge opens the 终本 library, finds the case the re-inquiry found property in, reads
the evidence and resumes it — landing on the new 执恢 case."""
import datetime as dt

import pytest
from playwright.sync_api import expect

from cases.models import EnforcementCase
from clearance.services.sweep import reinquiries_job

from tests.clearance.conftest import stock_case, terminate  # noqa: F401  (fixtures)

from .browser import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def property_found(stock_case, respondent, inquiry_results, django_capture_on_commit_callbacks):  # noqa: F811
    """The first re-inquiry (29 Feb 2024) of the 终本 case finds a flat."""
    inquiry_results({respondent.id_number: [{"kind": "real_estate", "institution": "万年县不动产登记中心",
                                             "description": "陈营镇锦绣花园3栋502室", "value": "420000.00"}]})
    with django_capture_on_commit_callbacks(execute=True):
        reinquiries_job(today=dt.date(2024, 2, 29))
    return stock_case


def test_library_evidence_resume(live_server, page, screenshot, judge, property_found):
    base, case = live_server.url, property_found
    log_in(page, base, judge.username)

    # the library, from the main navigation
    page.get_by_role("link", name="终本清仓").click()
    expect(page.get_by_role("heading", name="终本案件库")).to_be_visible()
    row = page.locator(f'tr[data-case="{case.pk}"]')
    expect(row).to_contain_text("姚某")
    expect(row).to_contain_text("126,000.00")
    expect(row).to_contain_text("待研判1")
    screenshot("clearance-01-library")

    # the case: the evidence the re-inquiry found, the schedule
    row.get_by_role("link", name=case.number).click()
    expect(page.locator("#evidence")).to_contain_text("定期查询发现财产")
    expect(page.locator("#evidence")).to_contain_text("陈营镇锦绣花园3栋502室")
    expect(page.locator("#schedule")).to_contain_text("2024-02-29")
    screenshot("clearance-02-evidence", full_page=True)

    # resume: the 执恢 case opens, carrying the flat
    page.locator("#resume").get_by_label("恢复执行立案日期").fill("2024-03-04")
    page.once("dialog", lambda dialog: dialog.accept())  # "确认恢复执行…？"
    page.locator("#resume").get_by_role("button", name="恢复执行").click()
    new_case = EnforcementCase.objects.get(resumed_from=case)
    expect(page).to_have_url(f"{base}/cases/{new_case.pk}/")
    expect(page.locator("body")).to_contain_text(new_case.number)
    expect(page.locator("body")).to_contain_text("陈营镇锦绣花园3栋502室")
    screenshot("clearance-03-resumed")

    # back in the library the case has left the stock
    page.goto(f"{base}/clearance/")
    expect(page.locator(f'tr[data-case="{case.pk}"]')).to_have_count(0)
