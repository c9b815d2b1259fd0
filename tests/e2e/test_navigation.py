"""The main navigation in Chromium: every item can be seen and clicked, in Chinese and in English, on the screens
courts use. The bar used to scroll its overflow out of sight, with no scroll bar: in English three to six items
were unreachable (at 1366 px 终本清仓, 三板斧 and 领导看板), and in Chinese a judge's 我的看板 at 1920 px."""
import pytest

from tests.factories import UserFactory

from .browser import log_in

pytestmark = pytest.mark.e2e

# the nav's links whose middle is not the link itself: covered, clipped or outside the window
UNREACHABLE = """() => [...document.querySelectorAll('nav.mainnav a')].filter(a => {
    const r = a.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    return !(hit && hit.closest('a') === a);
}).map(a => a.textContent.trim())"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_navigation_item_is_in_sight_and_clickable(live_server, page, court, language):
    base = live_server.url
    # a judge who leads too: every item of the bar, and the 执行立案 button beside it
    UserFactory(court=court, username="lead_judge", full_name="万法官", roles=["enforcement_judge", "leader"])
    log_in(page, base, "lead_judge")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    for width in (1024, 1366, 1920):
        page.set_viewport_size({"width": width, "height": 768})
        page.goto(f"{base}/cases/")
        links = page.locator("nav.mainnav a")
        assert links.count() == 11, links.all_text_contents()
        assert page.evaluate(UNREACHABLE) == [], (language, width)
    # and the last item leads where it says
    page.locator("nav.mainnav a").last.click()
    assert page.url.startswith(f"{base}/stats/")
