"""The browser UI in English: the language cookie switches every page to the English catalogue
(locale/en/LC_MESSAGES/django.po); without it the court UI stays Chinese. API rule messages follow
`Accept-Language: en`.

Data stays as entered (party names, court name, case numbers such as （2024）赣1129执1号), so the assertions
look at UI labels only, never at "no Chinese character anywhere".
"""
import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def page(client, url, *, english: bool) -> str:
    if english:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Content-Language"] == ("en" if english else settings.LANGUAGE_CODE)
    return response.content.decode()


def assert_labels(html: str, *, present, absent):
    for text in present:
        assert text in html, f"{text!r} missing"
    for text in absent:
        assert text not in html, f"{text!r} still shown"


# --- login page --------------------------------------------------------------------------------------------

LOGIN_EN = ["Log in", "Enforcement Case Management System", "Four synchronizations", "Five pushes", "Three axes",
            "Username", "Password"]
LOGIN_ZH = ["登录", "执行案件管理系统", "四同步", "五推送", "三板斧", "用户名", "密码"]


def test_login_page_in_english_with_the_cookie(client):
    assert_labels(page(client, "/login/", english=True), present=LOGIN_EN, absent=LOGIN_ZH)


def test_login_page_is_chinese_by_default(client):
    assert_labels(page(client, "/login/", english=False), present=LOGIN_ZH, absent=LOGIN_EN)


@pytest.mark.parametrize("english", [True, False])
def test_the_language_switch_names_each_language_in_itself(client, judge, english):
    # whoever cannot read the page's language still finds their own
    client.force_login(judge)
    html = page(client, "/", english=english)
    assert '<option value="zh-hans" lang="zh-hans"' in html and ">简体中文</option>" in html
    assert ">English</option>" in html and "英语" not in html


def test_browser_accept_language_does_not_switch_the_ui(client):
    # a clerk on an English-locale PC still gets the Chinese court UI unless they choose English
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert_labels(response.content.decode(), present=LOGIN_ZH, absent=LOGIN_EN)


# --- home, case list, case detail (logged in) -------------------------------------------------------------

HOME_EN = ["Workbench", "My to-dos", "Log out", "Enforcement judge"]
HOME_ZH = ["工作台", "我的待办", "退出", "执行法官"]

LIST_EN = ["More filters (closure method, date ranges)", "Judge in charge", "1 case in total", "Amount sought (yuan)", "Closure method"]
LIST_ZH = ["更多条件（结案方式、日期范围）", "承办法官", "共 1 件", "申请标的（元）", "结案方式"]

DETAIL_EN = ["Applicant", "Respondent", "Case timeline", "Amount sought", "Outstanding", "Enforcement basis",
             "Serve the enforcement notice", "Serve the property report order"]  # the node limits
DETAIL_ZH = ["申请执行人", "被执行人", "办案时间轴", "申请执行标的", "未履行", "执行依据",
             "送达执行通知书", "送达报告财产令"]


def test_home_in_english_with_the_cookie(client, judge, enforcement_case):
    client.force_login(judge)
    assert_labels(page(client, "/", english=True), present=HOME_EN, absent=HOME_ZH)


def test_home_is_chinese_by_default(client, judge, enforcement_case):
    client.force_login(judge)
    assert_labels(page(client, "/", english=False), present=HOME_ZH, absent=HOME_EN)


def test_case_list_in_english_with_the_cookie(client, judge, enforcement_case):
    client.force_login(judge)
    html = page(client, "/cases/", english=True)
    assert_labels(html, present=LIST_EN, absent=LIST_ZH)
    assert enforcement_case.number in html  # data is shown as entered


def test_case_list_is_chinese_by_default(client, judge, enforcement_case):
    client.force_login(judge)
    assert_labels(page(client, "/cases/", english=False), present=LIST_ZH, absent=LIST_EN)


def test_case_detail_in_english_with_the_cookie(client, judge, enforcement_case):
    client.force_login(judge)
    html = page(client, f"/cases/{enforcement_case.pk}/", english=True)
    assert_labels(html, present=DETAIL_EN, absent=DETAIL_ZH)
    assert enforcement_case.number in html


def test_case_detail_is_chinese_by_default(client, judge, enforcement_case):
    client.force_login(judge)
    assert_labels(page(client, f"/cases/{enforcement_case.pk}/", english=False), present=DETAIL_ZH,
                  absent=DETAIL_EN)


@pytest.mark.parametrize("english, period, chart", [
    (True, "Jan. 1, 2024 to Dec. 31, 2024", ["New (cases)", "Concluded (cases)", "Recovered (×10k yuan)"]),
    (False, "2024年1月1日 至 2024年12月31日", ["新收（件）", "执结（件）", "执行到位（万元）"]),
])
def test_leader_dashboard_period_and_chart_in_the_page_language(client, leader, enforcement_case, english, period,
                                                               chart):
    import json
    import re

    client.force_login(leader)
    html = page(client, "/stats/?date_from=2024-01-01&date_to=2024-12-31", english=english)
    assert period in html
    data = json.loads(re.search(r'<script id="trend-data" type="application/json">(.*?)</script>', html).group(1))
    assert [data["names"][k] for k in ("new", "concluded", "recovered")] == chart


@pytest.mark.parametrize("english", [True, False])
def test_roster_tabs_in_the_page_language(client, leader, english):
    client.force_login(leader)
    html = page(client, "/sanctions/rosters/police_search/", english=english)
    tabs = (["On roster (pending and confirmed)", ">All<"], ["在册（待确认、已确认）", ">全部<"])
    assert_labels(html, present=tabs[not english], absent=tabs[english])


def test_choice_labels_are_translated():
    from cases.choices import ClosureMethod

    with translation.override("en"):
        assert ClosureMethod.TERMINATED_CURRENT.label == "Terminated for now (no property found)"
        assert ClosureMethod.TERMINATED_CURRENT.label != "终结本次执行程序"
    with translation.override("zh-hans"):
        assert ClosureMethod.TERMINATED_CURRENT.label == "终结本次执行程序"


# --- API: a rule broken in a service answers 400 with an English detail on request ----------------------------

def close_terminated_current(api, judge, case, **headers):
    # filed 2024-03-01; nothing done yet, so the 终本 preconditions (notice, report order, online inquiry,
    # 3 months since filing, ...) are unmet
    return api.as_user(judge).post(f"/api/v1/enforcement-cases/{case.pk}/close/",
                                   {"method": "terminated_current", "closed_on": "2024-04-01", "reason": "无财产"},
                                   format="json", **headers)


def test_api_rule_violation_detail_in_english(api, judge, enforcement_case):
    response = close_terminated_current(api, judge, enforcement_case, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "preconditions_unmet"
    assert body["detail"].startswith("The conditions for terminating for now are not met: ")
    assert "Less than 3 months since filing" in body["detail"]
    assert "No enforcement notice has been issued to every respondent" in body["detail"]
    assert not has_chinese(body["detail"])
    assert body["unmet_display"] and not any(has_chinese(text) for text in body["unmet_display"])
    assert response.headers["Content-Language"] == "en"


def test_api_rule_violation_detail_is_chinese_by_default(api, judge, enforcement_case):
    response = close_terminated_current(api, judge, enforcement_case)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("不符合终结本次执行程序的条件：")
    assert "自立案之日起未满3个月" in response.json()["detail"]


def test_api_field_error_from_a_service_in_english(api, judge, enforcement_case):
    response = api.as_user(judge).post(f"/api/v1/enforcement-cases/{enforcement_case.pk}/close/",
                                       {"method": "completed", "closed_on": "2024-02-01"}, format="json",
                                       HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["closed_on"] == ["The closure date cannot be earlier than the filing date."]
