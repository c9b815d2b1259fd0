"""Login throttling and lockout (django-axes): five failures lock the user name from that address for a while,
with a Chinese message; the right password does not get in while locked; the API's token login is throttled too."""
import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Wannian-2024"


@pytest.fixture
def user(court):
    user = UserFactory(court=court, username="clerk9", roles=["clerk"])
    user.set_password(PASSWORD)
    user.save()
    return user


def _login(client, password, **extra):
    return client.post(reverse("login"), {"username": "clerk9", "password": password}, **extra)


def test_five_failures_lock_the_account_with_a_chinese_message(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "wrong")
        assert response.status_code == 200  # the form again, with its error
    locked = _login(client, "wrong")
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    # even the right password does not get in while locked
    response = _login(client, PASSWORD)
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_the_lock_is_per_address_and_a_success_resets_the_count(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong")
    assert _login(client, PASSWORD).status_code == 302  # in: the count is reset
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "wrong").status_code == 200


def test_another_address_is_not_locked(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong")
    assert _login(client, PASSWORD, REMOTE_ADDR="10.0.0.8").status_code == 302


def test_lockout_message_in_english_on_request(client, user, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, "wrong")
    assert response.status_code == 429
    assert "Too many failed" in response.content.decode()


def test_api_token_login_is_throttled_with_json(api, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = api.post("/api/v1/auth/token/", {"username": "clerk9", "password": "wrong"}, format="json")
        assert response.status_code in (400, 429)
    # once locked, even the right password gets no token: 429 with the reason, as JSON
    good = api.post("/api/v1/auth/token/", {"username": "clerk9", "password": PASSWORD}, format="json")
    assert good.status_code == 429
    assert good.json()["code"] == "locked_out" and "登录失败次数过多" in good.json()["detail"]
    assert "token" not in good.json()
