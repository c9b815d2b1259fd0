"""API tokens have a lifetime (API_TOKEN_TTL_HOURS, fixed from the password login), an expired one answers 401 with
the reason, logout revokes the caller's token, and a new password revokes the user's token."""
import datetime as dt

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

API = "/api/v1/"
PASSWORD = "pass-1234-word"  # tests/factories.UserFactory


def _login(api, username="judge", password=PASSWORD):
    return api.post(f"{API}auth/token/", {"username": username, "password": password}, format="json")


def _age(key: str, hours: float):
    Token.objects.filter(key=key).update(created=timezone.now() - dt.timedelta(hours=hours))


def _me(api, key, **headers):
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api.get(f"{API}me/", **headers)


def test_the_token_login_says_when_the_token_expires(api, judge, settings):
    before = timezone.now()
    body = _login(api).json()
    expires = parse_datetime(body["expires"])
    lifetime = dt.timedelta(hours=settings.API_TOKEN_TTL_HOURS)
    assert before + lifetime <= expires <= timezone.now() + lifetime
    assert settings.API_TOKEN_TTL_HOURS == 12


def test_a_token_older_than_its_lifetime_is_refused_with_the_reason(api, judge, settings):
    key = _login(api).json()["token"]
    _age(key, settings.API_TOKEN_TTL_HOURS - 0.5)
    assert _me(api, key).status_code == 200  # using it does not extend it …
    _age(key, settings.API_TOKEN_TTL_HOURS + 0.01)
    response = _me(api, key)
    assert response.status_code == 401
    assert response.json()["detail"] == "登录凭证已过期，请重新登录。"
    assert "WWW-Authenticate" in response
    assert not Token.objects.filter(key=key).exists()  # … and the expired token is gone
    assert _me(api, key).status_code == 401


def test_the_expired_message_in_english_on_request(api, judge, settings):
    key = _login(api).json()["token"]
    _age(key, settings.API_TOKEN_TTL_HOURS + 1)
    response = _me(api, key, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401 and "expired" in response.json()["detail"]


def test_the_lifetime_is_a_setting(api, judge, settings):
    settings.API_TOKEN_TTL_HOURS = 1
    key = _login(api).json()["token"]
    _age(key, 1.5)
    assert _me(api, key).status_code == 401


def test_a_new_password_login_renews_the_token_in_place(api, judge, settings):
    first = _login(api).json()
    _age(first["token"], settings.API_TOKEN_TTL_HOURS - 1)
    second = _login(api).json()
    assert second["token"] == first["token"]  # the user's other clients keep working
    assert parse_datetime(second["expires"]) > timezone.now() + dt.timedelta(hours=settings.API_TOKEN_TTL_HOURS - 0.1)
    # an expired token, even one never presented since, is replaced by a new key: the old one stays dead
    _age(second["token"], settings.API_TOKEN_TTL_HOURS + 1)
    third = _login(api).json()
    assert third["token"] != second["token"] and _me(api, third["token"]).status_code == 200
    assert _me(api, second["token"]).status_code == 401


def test_logout_revokes_the_callers_token(api, judge, leader):
    key = _login(api).json()["token"]
    other = _login(api, "leader").json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.post(f"{API}auth/logout/").status_code == 204
    assert _me(api, key).status_code == 401
    assert _me(api, other).status_code == 200  # another user's token is untouched


def test_logout_needs_a_login(api):
    assert api.post(f"{API}auth/logout/").status_code == 401


def test_logout_through_a_browser_session_ends_the_session(client, judge):
    client.force_login(judge)
    assert client.post(f"{API}auth/logout/").status_code in (204, 403)  # CSRF-checked like every session write
    from django.test import Client

    session_client = Client(enforce_csrf_checks=False)
    session_client.force_login(judge)
    assert session_client.post(f"{API}auth/logout/").status_code == 204
    assert session_client.get(f"{API}me/").status_code in (401, 403)


def test_a_new_password_revokes_the_users_token(api, judge):
    key = _login(api).json()["token"]
    judge.set_password("Another-pass-2026")
    judge.save()
    assert _me(api, key).status_code == 401


def test_the_test_fixtures_token_still_works(api, judge):
    assert api.as_user(judge).get(f"{API}me/").status_code == 200


def test_logout_and_expiry_are_in_the_schema(api, judge):
    schema = api.as_user(judge).get("/api/schema/?format=json").json()
    assert "/api/v1/auth/logout/" in schema["paths"]
    token_answer = schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]["200"]["content"]["application/json"]
    ref = token_answer["schema"]["$ref"].rsplit("/", 1)[-1]
    assert {"token", "expires"} <= set(schema["components"]["schemas"][ref]["properties"])
