"""No form puts the CSRF token (or a half-filled form) in a URL: the measure form's 载入案件 was a GET submit of the
whole POST form, so the token and every field landed in the address bar, the history and the server logs. A GET form
carries its search fields only."""
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = ["case-list", "party-list", "litigation-list", "todo-list", "sanctions:new", "sanctions:list",
         "clearance:library", "clearance:board", "pushes:batch-list", "imports:list"]


def forms_of(html: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in re.finditer(r"<form\b([^>]*)>(.*?)</form>", html, re.S)]


@pytest.mark.parametrize("name", PAGES)
def test_no_get_form_carries_the_csrf_token(client, power_user, name):
    client.force_login(power_user)
    response = client.get(reverse(name))
    if response.status_code != 200:
        pytest.skip(f"{name}: {response.status_code}")
    html = response.content.decode()
    assert 'formmethod="get"' not in html
    for attrs, body in forms_of(html):
        if 'method="post"' not in attrs.lower():
            assert "csrfmiddlewaretoken" not in body, (name, attrs)


def test_loading_a_case_into_the_measure_form_sends_the_case_number_only(client, judge, enforcement_case,
                                                                         respondent):
    client.force_login(judge)
    page = client.get(reverse("sanctions:new"), {"kind": "fine"}).content.decode()
    load = re.search(r'<form method="get"[^>]*id="load-case"[^>]*>(.*?)</form>', page, re.S).group(1)
    assert set(re.findall(r'name="(\w+)"', load)) == {"case_number", "kind"}
    loaded = client.get(reverse("sanctions:new"), {"case_number": enforcement_case.number, "kind": "fine"})
    assert respondent.name in loaded.content.decode() and 'id="load-case"' not in loaded.content.decode()
    unknown = client.get(reverse("sanctions:new"), {"case_number": "（2024）赣1129执99999号"}).content.decode()
    assert "本院没有该案号的执行案件。" in unknown
