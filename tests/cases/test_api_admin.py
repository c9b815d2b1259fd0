"""Administration endpoints: token, /me/, courts, users, townships, grids."""
import pytest

from cases.models import Court, Grid, Township, User
from tests.factories import TownshipFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/"


# --- token and /me/ ----------------------------------------------------------------------------------


def test_a_token_is_issued_for_good_credentials_and_works(api, judge):
    response = api.post(f"{API}auth/token/", {"username": "judge", "password": "pass-1234-word"}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get(f"{API}me/")
    assert me.status_code == 200 and me.json()["username"] == "judge"


@pytest.mark.parametrize("body", [{"username": "judge", "password": "wrong-password"}, {"username": "judge"}, {}])
def test_no_token_for_bad_credentials(api, judge, body):
    response = api.post(f"{API}auth/token/", body, format="json")
    assert response.status_code == 400
    assert "token" not in response.json()


def test_an_inactive_user_gets_no_token(api, judge):
    judge.is_active = False
    judge.save()
    response = api.post(f"{API}auth/token/", {"username": "judge", "password": "pass-1234-word"}, format="json")
    assert response.status_code == 400


def test_me_describes_the_user_court_roles_and_permissions(api, judge, court):
    body = api.as_user(judge).get(f"{API}me/").json()
    assert body["court"] == court.pk
    assert (body["court_code"], body["court_name"]) == ("赣1129", "万年县人民法院")
    assert body["roles"] == ["enforcement_judge"]
    assert "cases.handle_enforcementcase" in body["permissions"]
    assert "sanctions.approve_sanction" not in body["permissions"]
    assert body["is_superuser"] is False


def test_the_browser_session_also_authenticates_the_api(client, judge):
    client.force_login(judge)
    assert client.get(f"{API}me/").status_code == 200


# --- courts ----------------------------------------------------------------------------------------------


def test_a_system_admin_creates_a_court(api, admin_user):
    response = api.as_user(admin_user).post(f"{API}courts/", {"code": "赣1127", "name": "余干县人民法院"}, format="json")
    assert response.status_code == 201
    assert response.json()["code"] == "赣1127"
    assert Court.objects.filter(code="赣1127").exists()


def test_a_court_code_is_unique(api, admin_user, court):
    response = api.as_user(admin_user).post(f"{API}courts/", {"code": "赣1129", "name": "重复"}, format="json")
    assert response.status_code == 400 and "code" in response.json()


def test_a_court_user_sees_only_their_own_court(api, judge, court, other_court):
    body = api.as_user(judge).get(f"{API}courts/").json()
    assert [c["code"] for c in body["results"]] == ["赣1129"]


# --- users ---------------------------------------------------------------------------------------------------

NEW_USER = {"username": "newclerk", "password": "Wn-2024-secret", "full_name": "王书记员", "roles": ["clerk"]}


def test_a_court_admin_creates_a_user_in_their_court(api, court_admin, court):
    response = api.as_user(court_admin).post(f"{API}users/", NEW_USER, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["court"], body["roles"], body["roles_display"]) == (court.pk, ["clerk"], ["书记员"])
    assert "password" not in body
    user = User.objects.get(username="newclerk")
    assert user.court == court and user.check_password("Wn-2024-secret")
    assert user.has_perm("cases.add_enforcementcase")


def test_a_court_admin_cannot_create_a_user_in_another_court(api, court_admin, other_court):
    response = api.as_user(court_admin).post(f"{API}users/", {**NEW_USER, "court": other_court.pk}, format="json")
    assert response.status_code == 400 and "court" in response.json()
    assert not User.objects.filter(username="newclerk").exists()


def test_a_court_admin_cannot_create_a_courtless_user(api, court_admin):
    response = api.as_user(court_admin).post(f"{API}users/", {**NEW_USER, "court": None}, format="json")
    assert response.status_code in (400, 403)
    assert not User.objects.filter(username="newclerk").exists()


def test_a_system_admin_creates_users_in_any_court(api, admin_user, other_court):
    response = api.as_user(admin_user).post(f"{API}users/", {**NEW_USER, "court": other_court.pk}, format="json")
    assert response.status_code == 201
    assert User.objects.get(username="newclerk").court == other_court


@pytest.mark.parametrize("changes, field", [
    ({"roles": ["emperor"]}, "roles"),
    ({"password": "123"}, "password"),
    ({"password": "12345678"}, "password"),
    ({"username": "judge"}, "username"),
])
def test_user_creation_refuses_bad_input(api, court_admin, judge, changes, field):
    response = api.as_user(court_admin).post(f"{API}users/", {**NEW_USER, **changes}, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()


def test_a_court_admin_lists_only_their_courts_users(api, court_admin, judge, other_judge):
    usernames = {u["username"] for u in api.as_user(court_admin).get(f"{API}users/").json()["results"]}
    assert {"cadmin", "judge"} <= usernames and "other_judge" not in usernames


# --- townships and grids ---------------------------------------------------------------------------------


def test_a_court_admin_creates_a_township_for_their_court(api, court_admin, court):
    response = api.as_user(court_admin).post(f"{API}townships/", {"name": "陈营镇", "code": "361129100"}, format="json")
    assert response.status_code == 201
    assert response.json()["court"] == court.pk
    assert Township.objects.get(code="361129100").court == court


@pytest.mark.parametrize("body, field", [
    ({"name": "陈营镇", "code": "OTHER"}, "name"),
    ({"name": "石镇镇", "code": "361129100"}, "code"),
])
def test_a_township_name_and_code_are_unique_in_a_court(api, court_admin, court, body, field):
    TownshipFactory(court=court, name="陈营镇", code="361129100")
    response = api.as_user(court_admin).post(f"{API}townships/", body, format="json")
    assert response.status_code == 400 and field in response.json(), response.content
    assert Township.objects.filter(court=court).count() == 1


def test_another_court_may_use_the_same_township_code(api, court_admin, other_court):
    TownshipFactory(court=other_court, name="陈营镇", code="361129100")
    response = api.as_user(court_admin).post(f"{API}townships/", {"name": "陈营镇", "code": "361129100"},
                                             format="json")
    assert response.status_code == 201


def test_a_system_admin_names_the_court_of_a_township(api, admin_user, other_court):
    client = api.as_user(admin_user)
    assert client.post(f"{API}townships/", {"name": "梓埠镇", "code": "T1"}, format="json").status_code == 400
    response = client.post(f"{API}townships/", {"name": "梓埠镇", "code": "T1", "court": other_court.pk}, format="json")
    assert response.status_code == 201 and response.json()["court"] == other_court.pk


def test_a_township_is_renamed(api, court_admin, court):
    township = TownshipFactory(court=court, name="旧名", code="T1")
    response = api.as_user(court_admin).patch(f"{API}townships/{township.pk}/", {"name": "新名"}, format="json")
    assert response.status_code == 200
    township.refresh_from_db()
    assert township.name == "新名"


def test_a_grid_is_created_in_one_of_the_courts_townships(api, court_admin, court, other_court):
    own, foreign = TownshipFactory(court=court), TownshipFactory(court=other_court)
    client = api.as_user(court_admin)
    response = client.post(f"{API}grids/", {"township": own.pk, "name": "第一网格"}, format="json")
    assert response.status_code == 201
    response = client.post(f"{API}grids/", {"township": foreign.pk, "name": "第二网格"}, format="json")
    assert response.status_code == 400 and "township" in response.json()
    response = client.post(f"{API}grids/", {"township": own.pk, "name": "第一网格"}, format="json")
    assert response.status_code == 400
    assert Grid.objects.count() == 1


def test_grids_are_filtered_by_township(api, court_admin, court):
    from tests.factories import GridFactory

    a, b = TownshipFactory(court=court), TownshipFactory(court=court)
    grid_a, _ = GridFactory(township=a), GridFactory(township=b)
    body = api.as_user(court_admin).get(f"{API}grids/", {"township": a.pk}).json()
    assert [g["id"] for g in body["results"]] == [grid_a.pk]


def test_a_non_admin_user_cannot_be_created_by_a_judge_even_for_their_court(api, judge):
    before = User.objects.count()
    response = api.as_user(judge).post(f"{API}users/", NEW_USER, format="json")
    assert response.status_code == 403
    assert User.objects.count() == before


def test_a_court_admin_is_refused_by_the_service_when_the_court_is_foreign(court_admin, other_court):
    # the service itself, not only the serializer, keeps a court admin in their court
    from cases.services.users import user_create
    from wanian_exec.errors import RuleViolation

    with pytest.raises(RuleViolation):
        user_create(actor=court_admin, username="x1", password="Wn-2024-secret", court=other_court, roles=[])
    assert not User.objects.filter(username="x1").exists()


def test_a_township_cannot_be_renamed_to_a_name_in_use(api, court_admin, court):
    TownshipFactory(court=court, name="陈营镇", code="T1")
    other = TownshipFactory(court=court, name="石镇镇", code="T2")
    response = api.as_user(court_admin).patch(f"{API}townships/{other.pk}/", {"name": "陈营镇"}, format="json")
    assert response.status_code == 400 and "name" in response.json()
    # keeping its own name is fine
    response = api.as_user(court_admin).put(f"{API}townships/{other.pk}/", {"name": "石镇镇", "code": "T2"},
                                            format="json")
    assert response.status_code == 200


@pytest.mark.parametrize("court_value", ["abc", [1], 987654, None])
def test_a_system_admin_naming_no_valid_court_gets_400(api, admin_user, court_value):
    response = api.as_user(admin_user).post(f"{API}townships/", {"name": "梓埠镇", "code": "T1", "court": court_value},
                                            format="json")
    assert response.status_code == 400 and "court" in response.json()
    assert not Township.objects.exists()
