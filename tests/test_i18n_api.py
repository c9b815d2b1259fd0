"""API messages: Chinese by default, English with `Accept-Language: en` (DRF's own messages for now)."""
import pytest

pytestmark = pytest.mark.django_db


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_unauthenticated_error_is_chinese_by_default(api):
    response = api.get("/api/v1/enforcement-cases/")
    assert response.status_code == 401
    assert response.json()["detail"] == "身份认证信息未提供。"
    assert response.headers["Content-Language"] == "zh-hans"


def test_unauthenticated_error_is_english_on_request(api):
    response = api.get("/api/v1/enforcement-cases/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Authentication credentials were not provided."
    assert response.headers["Content-Language"] == "en"


def test_field_errors_follow_the_language(api, clerk):
    client = api.as_user(clerk)
    chinese = client.post("/api/v1/enforcement-cases/", {}, format="json").json()
    english = client.post("/api/v1/enforcement-cases/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert chinese["amount_claimed"] == ["该字段是必填项。"]
    assert english["amount_claimed"] == ["This field is required."]


def test_a_bad_choice_message_follows_the_language(api, clerk):
    client = api.as_user(clerk)
    body = {"kind": "robot", "name": "x"}
    chinese = client.post("/api/v1/parties/", body, format="json").json()["kind"][0]
    english = client.post("/api/v1/parties/", body, format="json", HTTP_ACCEPT_LANGUAGE="en").json()["kind"][0]
    assert has_chinese(chinese) and "robot" in chinese
    assert english == '"robot" is not a valid choice.'


def test_permission_denied_follows_the_language(api, clerk, court):
    client = api.as_user(clerk)
    chinese = client.post("/api/v1/courts/", {"code": "x", "name": "y"}, format="json")
    english = client.post("/api/v1/courts/", {"code": "x", "name": "y"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert chinese.status_code == english.status_code == 403
    assert chinese.json()["detail"] == "您没有执行该操作的权限。"
    assert english.json()["detail"] == "You do not have permission to perform this action."


def test_our_rule_messages_are_chinese_by_default(api, judge, enforcement_case):
    response = api.as_user(judge).post(f"/api/v1/enforcement-cases/{enforcement_case.pk}/close/",
                                       {"method": "completed", "closed_on": "2024-02-01"}, format="json")
    assert response.status_code == 400
    assert has_chinese(response.json()["closed_on"][0])

