"""Push batches' links in Chromium: a batch ready to send shows its short link and its expiry; the recipient opens
the link on a phone and sees their own batch only; regenerating the link asks first, and the old link stops
working."""
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from pushes.models import PushBatch
from tests.conftest import SCREENSHOTS

from .browser import confirmations, log_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}  # a common phone, as Playwright's device descriptors size it


@pytest.fixture
def grid_batches(court, judge, applicant):
    """This week's run over two grids of 青云镇, one debtor each: one batch per grid worker."""
    from cases.services.enforcement import enforcement_case_file
    from pushes import services
    from pushes.choices import Channel
    from pushes.rules import current_week
    from tests.factories import GridFactory, PersonFactory, TownshipFactory

    township = TownshipFactory(court=court, name="青云镇", code="Q01")
    batches = {}
    for n, (debtor, amount) in enumerate([("李某", "12800.00"), ("周某", "32000.00")], start=1):
        grid = GridFactory(township=township, name=f"第{n}网格")
        services.recipient_create(court=court, channel=Channel.GRID, name=f"青云镇第{n}网格", grid=grid,
                                  contact=f"网格员{n}", phone=f"1390000000{n}")
        party = PersonFactory(court=court, name=debtor, grid=grid, township=township)
        enforcement_case_file(court=court, actor=judge, applicants=[applicant], respondents=[party],
                              amount_claimed=Decimal(amount), filed_on=court_today_minus(30), judge=judge,
                              source_document="（2025）赣1129民初88号民事判决书")
        batches[debtor] = grid
    services.push_week_run(court=court, week=current_week())
    return {debtor: PushBatch.objects.get(recipient__grid=grid) for debtor, grid in batches.items()}


def court_today_minus(days):
    import datetime as dt

    from cases.services.common import court_today

    return court_today() - dt.timedelta(days=days)


def test_a_batch_shows_its_short_link_and_the_recipient_opens_it_on_a_phone(live_server, browser, page, screenshot,
                                                                             court_admin, grid_batches):
    base, mine = live_server.url, grid_batches["李某"]
    log_in(page, base, court_admin.username)
    page.goto(f"{base}/pushes/batches/")
    listing = page.locator("main")
    expect(listing).not_to_contain_text("未生成")
    expect(listing.get_by_role("link", name="打开")).to_have_count(2)
    screenshot("push-01-batch-list")

    # the batch page: the link (short enough for an SMS) and its expiry, never an empty box
    page.goto(f"{base}/pushes/batches/{mine.pk}/")
    link = page.locator("#portal-url")
    expect(link).to_have_text(re.compile(r"/p/\w+/$"))
    url = link.inner_text().strip()
    path = url.removeprefix(base)
    assert path == f"/p/{mine.portal_token}/" and len(path) <= 40, path
    expect(page.locator("main")).to_contain_text(re.compile(r"有效期至\d{4}-\d{2}-\d{2}；"))
    expect(page.locator("main")).not_to_contain_text("有效期至；")
    expect(page.get_by_test_id("no-link")).to_have_count(0)
    screenshot("push-02-batch-detail")

    # the grid worker opens it on a phone: their batch, not the other grid's
    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                locale="zh-CN", timezone_id="Asia/Shanghai")
    mobile = phone.new_page()
    mobile.goto(url)
    expect(mobile.get_by_role("heading", name="执行案件推送清单")).to_be_visible()
    expect(mobile.locator("article.item")).to_have_count(1)
    expect(mobile.locator("article.item")).to_contain_text("李某")
    expect(mobile.locator("body")).not_to_contain_text("周某")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    mobile.screenshot(path=str(SCREENSHOTS / "push-03-portal-phone.png"), full_page=True)
    phone.close()


def test_regenerating_a_link_asks_first_and_the_old_link_stops_working(live_server, page, screenshot, court_admin,
                                                                        grid_batches):
    base, batch = live_server.url, grid_batches["李某"]
    old = batch.portal_token
    log_in(page, base, court_admin.username)
    page.goto(f"{base}/pushes/batches/{batch.pk}/")
    questions, reply = confirmations(page)

    # dismissed: nothing changes
    reply(False)
    page.get_by_role("button", name="重新生成链接").click()
    page.wait_for_timeout(500)
    assert questions and "旧链接立即失效" in questions[0]
    batch.refresh_from_db()
    assert batch.portal_token == old

    # accepted: a new link, the old one answers 404
    reply(True)
    page.get_by_role("button", name="重新生成链接").click()
    expect(page.locator(".alert-success")).to_contain_text("已生成新的推送链接，旧链接已失效。")
    batch.refresh_from_db()
    assert batch.portal_token != old
    expect(page.locator("#portal-url")).to_have_text(f"{base}/p/{batch.portal_token}/")
    screenshot("push-04-link-regenerated")
    assert page.goto(f"{base}/p/{old}/").status == 404
    assert page.goto(f"{base}/p/{batch.portal_token}/").status == 200

    # a batch without a link says so (no empty box, no bare 有效期至；) and makes one without asking
    bare = grid_batches["周某"]
    PushBatch.objects.filter(pk=bare.pk).update(portal_token="", portal_expires_at=None)
    page.goto(f"{base}/pushes/batches/{bare.pk}/")
    expect(page.get_by_test_id("no-link")).to_have_text("本批尚未生成链接。")
    expect(page.locator("#portal-url")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("有效期至")
    page.get_by_role("button", name="生成链接", exact=True).click()  # a question would be dismissed: no link
    expect(page.locator("#portal-url")).to_have_text(re.compile(r"/p/\w+/$"))
