"""Every place a password is set runs AUTH_PASSWORD_VALIDATORS with the user, so `weakpw2x` is refused for the user
`weakpw2` (too close to the user name): user creation through the API, the admin (add a user, set a password) and
the change-password page every logged-in user has. A changed password ends the user's other sessions and revokes
their API token."""
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from cases.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WEAK = "weakpw2x"
OLD = "pass-1234-word"  # tests/factories.UserFactory
NEW = "Xunlian-Zhixing-77"


@pytest.fixture
def weakpw2(court):
    return UserFactory(court=court, username="weakpw2", roles=["clerk"])


def test_the_validators_include_similarity_length_common_and_numeric():
    names = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert {"UserAttributeSimilarityValidator", "MinimumLengthValidator", "CommonPasswordValidator",
            "NumericPasswordValidator"} <= set(names)
    length = next(v for v in settings.AUTH_PASSWORD_VALIDATORS if v["NAME"].endswith("MinimumLengthValidator"))
    assert length["OPTIONS"]["min_length"] >= 8


def test_the_api_refuses_a_password_like_the_new_users_name(api, court_admin):
    response = api.as_user(court_admin).post("/api/v1/users/", {
        "username": "weakpw2", "password": WEAK, "full_name": "王某", "roles": ["clerk"]}, format="json")
    assert response.status_code == 400, response.content
    assert "password" in response.json() and "太相似了" in "".join(response.json()["password"])
    assert not User.objects.filter(username="weakpw2").exists()


def test_the_api_refuses_a_password_like_the_users_full_name(api, court_admin):
    response = api.as_user(court_admin).post("/api/v1/users/", {
        "username": "clerk77", "password": "wangxiaoming1", "full_name": "wangxiaoming", "roles": ["clerk"]},
        format="json")
    assert response.status_code == 400 and "password" in response.json()


def test_the_admin_refuses_it_when_adding_a_user(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("admin:cases_user_add"), {
        "username": "weakpw2", "password1": WEAK, "password2": WEAK, "usable_password": "true"})
    assert response.status_code == 200  # the form again, with the error
    assert "太相似了" in response.content.decode()
    assert not User.objects.filter(username="weakpw2").exists()


def test_the_admin_refuses_it_when_setting_a_password(client, admin_user, weakpw2):
    client.force_login(admin_user)
    response = client.post(reverse("admin:auth_user_password_change", args=[weakpw2.pk]),
                           {"password1": WEAK, "password2": WEAK, "usable_password": "true"})
    assert response.status_code == 200 and "太相似了" in response.content.decode()
    weakpw2.refresh_from_db()
    assert weakpw2.check_password(OLD)


def test_the_change_password_page_refuses_it(client, weakpw2):
    client.force_login(weakpw2)
    response = client.post(reverse("password-change"),
                           {"old_password": OLD, "new_password1": WEAK, "new_password2": WEAK})
    assert response.status_code == 200
    assert "太相似了" in response.content.decode()
    weakpw2.refresh_from_db()
    assert weakpw2.check_password(OLD)


@pytest.mark.parametrize("new", ["12345678901", "password123", "short1"])
def test_the_page_refuses_numeric_common_and_short_passwords(client, weakpw2, new):
    client.force_login(weakpw2)
    response = client.post(reverse("password-change"),
                           {"old_password": OLD, "new_password1": new, "new_password2": new})
    assert response.status_code == 200 and 'class="field-error"' in response.content.decode()


def test_the_page_needs_the_old_password(client, weakpw2):
    client.force_login(weakpw2)
    response = client.post(reverse("password-change"),
                           {"old_password": "not-it-at-all", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 200
    weakpw2.refresh_from_db()
    assert weakpw2.check_password(OLD)


def test_every_logged_in_user_finds_the_page_in_the_top_bar(client, weakpw2):
    client.force_login(weakpw2)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("password-change")}"' in home and "修改密码" in home
    page = client.get(reverse("password-change"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "原密码" in body and "新密码" in body and 'name="new_password2"' in body


def test_the_page_needs_a_login(client):
    response = client.get(reverse("password-change"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_changed_password_ends_other_sessions_and_revokes_the_api_token(client, api, weakpw2):
    other_pc = Client()
    other_pc.force_login(weakpw2)
    key = Token.objects.create(user=weakpw2).key
    client.force_login(weakpw2)
    response = client.post(reverse("password-change"),
                           {"old_password": OLD, "new_password1": NEW, "new_password2": NEW}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "密码已修改" in response.content.decode()
    weakpw2.refresh_from_db()
    assert weakpw2.check_password(NEW)
    # this browser stays in, the other PC is out, the token is gone
    assert client.get(reverse("home")).status_code == 200
    assert other_pc.get(reverse("home")).status_code == 302
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/me/").status_code == 401


def test_the_page_in_english(client, weakpw2):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(weakpw2)
    body = client.get(reverse("password-change")).content.decode()
    assert "Change password" in body and "Current password" in body
