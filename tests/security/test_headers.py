"""Response headers: what a logged-in user is shown is never stored (`Cache-Control: no-store, private`), static
files stay cacheable, and every page carries a Content-Security-Policy that allows scripts from our own files
only — checked on the markup and, for the main pages and the API docs, in Chromium (no violation reported)."""
import re

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MAIN_PAGES = ["home", "case-list", "litigation-list", "party-list", "preservation-list", "fast-track-list",
              "todo-list", "password-change", "clearance:library", "clearance:board", "sanctions:rosters",
              "sanctions:list", "sanctions:new", "stats:judge", "stats:leader", "pushes:batch-list", "pushes:rules"]


@pytest.fixture
def lead_judge(court):
    return UserFactory(court=court, username="lead_judge", full_name="万法官",
                       roles=["enforcement_judge", "leader", "court_admin"])


def _csp(response) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in response["Content-Security-Policy"].split(";")
            if part.strip()}


# --- Cache-Control ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["home", "case-list", "password-change", "stats:leader"])
def test_pages_of_a_logged_in_user_are_not_stored(client, lead_judge, name):
    client.force_login(lead_judge)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"


def test_a_case_page_and_a_redirect_after_a_write_are_not_stored(client, judge, enforcement_case):
    client.force_login(judge)
    assert client.get(reverse("case-detail", args=[enforcement_case.pk]))["Cache-Control"] == "no-store, private"
    response = client.post(reverse("case-event", args=[enforcement_case.pk]),
                           {"kind": "note", "occurred_on": "2024-03-05", "note": "电话联系"})
    assert response.status_code == 302 and response["Cache-Control"] == "no-store, private"


def test_api_answers_for_a_token_user_are_not_stored(api, judge, enforcement_case):
    client = api.as_user(judge)
    for url in ["/api/v1/me/", f"/api/v1/enforcement-cases/{enforcement_case.pk}/", "/api/schema/"]:
        assert client.get(url)["Cache-Control"] == "no-store, private", url


def test_api_answers_for_a_session_user_are_not_stored(client, judge):
    client.force_login(judge)
    assert client.get("/api/v1/me/")["Cache-Control"] == "no-store, private"


def test_static_files_stay_cacheable_for_a_logged_in_user(client, judge):
    client.force_login(judge)
    response = client.get(static("js/app.js"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Content-Security-Policy" not in response


# --- Content-Security-Policy --------------------------------------------------------------------------------


def test_the_policy_allows_scripts_from_our_own_files_only(client):
    policy = _csp(client.get(reverse("login")))
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no other host
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert not [s for values in policy.values() for s in values if re.match(r"(https?:)?//|\*", s)]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
EVENT_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def _assert_no_inline_code(html: str, where: str):
    assert not INLINE_SCRIPT.search(html), (where, INLINE_SCRIPT.search(html).group(0))
    assert not EVENT_ATTRIBUTE.search(html), (where, EVENT_ATTRIBUTE.search(html).group(0))
    assert "javascript:" not in html, where


def test_the_main_pages_carry_the_policy_and_no_inline_script(client, lead_judge, enforcement_case):
    client.force_login(lead_judge)
    urls = [reverse(name) for name in MAIN_PAGES] + [reverse("case-detail", args=[enforcement_case.pk]),
                                                    reverse("sanctions:police-handover"), "/api/docs/"]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert _csp(response)["script-src"] == ["'self'"], url
        _assert_no_inline_code(response.content.decode(), url)


def test_the_api_docs_load_their_start_up_script_from_a_file(client, judge):
    client.force_login(judge)
    html = client.get("/api/docs/").content.decode()
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    start_up = [s for s in scripts if "script" in s.split("?", 1)[-1]]
    assert start_up, scripts
    script = client.get(start_up[0].replace("&amp;", "&"))
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_redoc_loads_no_web_font_from_outside(client, judge):
    client.force_login(judge)
    response = client.get("/api/redoc/")
    html = response.content.decode()
    assert "googleapis" not in html and "gstatic" not in html
    _assert_no_inline_code(html, "/api/redoc/")
    assert "blob:" in _csp(response)["worker-src"]


# --- in Chromium: no violation on the main pages and the API docs -------------------------------------------

WATCH = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""


@pytest.mark.e2e
def test_no_page_reports_a_policy_violation_in_chromium(live_server, page, court, make_case, judge):
    from tests.e2e.browser import log_in

    UserFactory(court=court, username="lead_judge", full_name="万法官",
                roles=["enforcement_judge", "leader", "court_admin", "clerk"])
    case = make_case()
    base = live_server.url
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(WATCH)
    log_in(page, base, "lead_judge")
    urls = [reverse(name) for name in MAIN_PAGES] + [reverse("case-detail", args=[case.pk])]
    violations = {}
    for url in urls:
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__csp")
        if found:
            violations[url] = found
    # the charts drew (Chart.js ran under the policy)
    page.goto(base + reverse("stats:leader"))
    page.wait_for_function("document.getElementById('trend-chart') && "
                           "document.getElementById('trend-chart').width > 0")
    # Swagger UI renders the schema; Redoc too
    page.goto(base + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20000)
    violations.update({"/api/docs/": page.evaluate("window.__csp")} if page.evaluate("window.__csp") else {})
    # Redoc renders; its bundle always asks for the Redocly logo from a CDN, which the policy blocks (its only
    # report: the image hides itself, and no request leaves the court's network)
    console_before = len(console)
    page.goto(base + "/api/redoc/")
    page.wait_for_selector("redoc h1, .api-info h1, [role=search]", timeout=30000)
    assert page.evaluate("window.__csp") == ["img-src https://cdn.redoc.ly/redoc/logo-mini.svg :0"]
    del console[console_before:]
    # the sanction form still shows only the fields of the chosen measure (its script moved to app.js)
    page.goto(base + reverse("sanctions:new"))
    assert page.locator("[data-hidden=true]").count() > 0
    assert violations == {} and console == [], (violations, console)
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]
