"""Who may call what: 401 without credentials, 403 without the permission, 404 for another court's rows,
and lists that never show another court's rows — for every route of cases/api/urls.py and sanctions/api/urls.py.
"""
import re

import pytest

import cases.api.urls
import sanctions.api.urls

pytestmark = pytest.mark.django_db

# Every route as (url name, method, object kind the {pk} belongs to, or None for collections).
ROUTES = [
    ("api-root", "get", None),
    ("api-me", "get", None),
    ("court-list", "get", None), ("court-list", "post", None), ("court-detail", "get", "court"),
    ("user-list", "get", None), ("user-list", "post", None), ("user-detail", "get", "user"),
    ("township-list", "get", None), ("township-list", "post", None), ("township-detail", "get", "township"),
    ("township-detail", "put", "township"), ("township-detail", "patch", "township"),
    ("grid-list", "get", None), ("grid-list", "post", None), ("grid-detail", "get", "grid"),
    ("party-list", "get", None), ("party-list", "post", None), ("party-detail", "get", "party"),
    ("party-detail", "put", "party"), ("party-detail", "patch", "party"),
    ("litigation-case-list", "get", None), ("litigation-case-list", "post", None),
    ("litigation-case-detail", "get", "litigation"), ("litigation-case-preservations", "post", "litigation"),
    ("litigation-case-outcome", "post", "litigation"), ("litigation-case-payments", "post", "litigation"),
    ("litigation-case-urgings", "post", "litigation"),
    ("enforcement-case-list", "get", None), ("enforcement-case-list", "post", None),
    ("enforcement-case-detail", "get", "enforcement"), ("enforcement-case-timeline", "get", "enforcement"),
    ("enforcement-case-events", "post", "enforcement"), ("enforcement-case-inquiries", "post", "enforcement"),
    ("enforcement-case-funds", "post", "enforcement"), ("enforcement-case-urgings", "post", "enforcement"),
    ("enforcement-case-close", "post", "enforcement"), ("enforcement-case-resume", "post", "enforcement"),
    ("enforcement-case-termination-check", "get", "enforcement"),
    ("enforcement-case-termination-review-approval", "post", "enforcement"),
    ("asset-list", "get", None), ("asset-detail", "get", "asset"),
    ("todo-list", "get", None), ("todo-done", "post", "todo"),
    ("sanction-list", "get", None), ("sanction-list", "post", None), ("sanction-detail", "get", "sanction"),
    ("sanction-approve", "post", "sanction"), ("sanction-reject", "post", "sanction"),
]
DETAIL_ROUTES = [r for r in ROUTES if r[2]]


# The paths are the promise of the API contract, so the tests spell them out rather than reverse() names.
PATHS = {
    "api-root": "", "api-me": "me/", "court-list": "courts/", "court-detail": "courts/{pk}/",
    "user-list": "users/", "user-detail": "users/{pk}/", "township-list": "townships/",
    "township-detail": "townships/{pk}/", "grid-list": "grids/", "grid-detail": "grids/{pk}/",
    "party-list": "parties/", "party-detail": "parties/{pk}/", "litigation-case-list": "litigation-cases/",
    "litigation-case-detail": "litigation-cases/{pk}/",
    "litigation-case-preservations": "litigation-cases/{pk}/preservations/",
    "litigation-case-outcome": "litigation-cases/{pk}/outcome/",
    "litigation-case-payments": "litigation-cases/{pk}/payments/",
    "litigation-case-urgings": "litigation-cases/{pk}/urgings/",
    "enforcement-case-list": "enforcement-cases/", "enforcement-case-detail": "enforcement-cases/{pk}/",
    "enforcement-case-timeline": "enforcement-cases/{pk}/timeline/",
    "enforcement-case-events": "enforcement-cases/{pk}/events/",
    "enforcement-case-inquiries": "enforcement-cases/{pk}/inquiries/",
    "enforcement-case-funds": "enforcement-cases/{pk}/funds/",
    "enforcement-case-urgings": "enforcement-cases/{pk}/urgings/",
    "enforcement-case-close": "enforcement-cases/{pk}/close/",
    "enforcement-case-resume": "enforcement-cases/{pk}/resume/",
    "enforcement-case-termination-check": "enforcement-cases/{pk}/termination-check/",
    "enforcement-case-termination-review-approval": "enforcement-cases/{pk}/termination-review-approval/",
    "asset-list": "assets/", "asset-detail": "assets/{pk}/", "todo-list": "todos/", "todo-done": "todos/{pk}/done/",
    "sanction-list": "sanctions/", "sanction-detail": "sanctions/{pk}/", "sanction-approve": "sanctions/{pk}/approve/",
    "sanction-reject": "sanctions/{pk}/reject/",
}


def url(name, pk=None):
    return "/api/v1/" + PATHS[name].format(pk=pk)


def call(client, method, path, body=None):
    if method == "get":  # a GET body would become query parameters, i.e. filters
        return client.get(path)
    return getattr(client, method)(path, body or {}, format="json")


def test_the_route_table_covers_every_api_route():
    # Every route of cases/api/urls.py is here; the sanctions routes listed here are its core ones (the full
    # sanctions table, with its later routes, is tests/sanctions/test_api_access.py::test_every_route_is_listed).
    case_names = {p.name for p in cases.api.urls.urlpatterns} - {"api-token"}
    sanction_names = {p.name for p in sanctions.api.urls.urlpatterns}
    listed = {name for name, _, _ in ROUTES}
    assert listed == set(PATHS)
    assert case_names == listed - sanction_names, \
        "a route was added or removed: list it in ROUTES and PATHS so its 401/403/404 are tested"
    assert listed - case_names <= sanction_names
    # and each path resolves to the route of that name
    from django.urls import resolve

    for name, template in PATHS.items():
        assert resolve(url(name, 7)).url_name == name


def test_the_api_root_links_to_api_routes_not_to_ui_pages(api, judge):
    links = api.as_user(judge).get("/api/v1/").json()
    assert links and all(re.search(r"/api/v1/[a-z-]+/$", link) for link in links.values()), links


# --- 401 -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, method, kind", ROUTES)
def test_every_route_answers_401_without_credentials(api, name, method, kind):
    response = call(api, method, url(name, 1 if kind else None))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Token")


def test_a_bad_token_answers_401(api, enforcement_case):
    api.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert api.get(url("enforcement-case-list")).status_code == 401


def test_a_deactivated_user_loses_access(api, judge):
    client = api.as_user(judge)
    judge.is_active = False
    judge.save()
    assert client.get(url("api-me")).status_code == 401


# --- 403 -------------------------------------------------------------------------------------------------

# (user fixture, url name, method, object kind): users who are logged in but lack the permission.
FORBIDDEN = [
    ("clerk", "court-list", "post", None),
    ("court_admin", "court-list", "post", None),
    ("clerk", "user-list", "get", None),
    ("judge", "user-list", "post", None),
    ("leader", "user-detail", "get", "user"),
    ("clerk", "township-list", "post", None),
    ("judge", "township-detail", "put", "township"),
    ("judge", "township-detail", "patch", "township"),
    ("clerk", "grid-list", "post", None),
    ("leader", "party-list", "post", None),
    ("leader", "party-detail", "put", "party"),
    ("leader", "party-detail", "patch", "party"),
    ("judge", "litigation-case-list", "post", None),
    ("judge", "litigation-case-preservations", "post", "litigation"),
    ("judge", "litigation-case-outcome", "post", "litigation"),
    ("judge", "litigation-case-payments", "post", "litigation"),
    ("clerk", "litigation-case-urgings", "post", "litigation"),
    ("leader", "enforcement-case-list", "post", None),
    ("trial_judge", "enforcement-case-list", "post", None),
    ("clerk", "enforcement-case-events", "post", "enforcement"),
    ("clerk", "enforcement-case-inquiries", "post", "enforcement"),
    ("clerk", "enforcement-case-funds", "post", "enforcement"),
    ("clerk", "enforcement-case-urgings", "post", "enforcement"),
    ("clerk", "enforcement-case-close", "post", "enforcement"),
    ("leader", "enforcement-case-close", "post", "enforcement"),
    ("clerk", "enforcement-case-resume", "post", "enforcement"),
    ("judge", "enforcement-case-termination-review-approval", "post", "enforcement"),
    ("clerk", "sanction-list", "post", None),
    ("judge", "sanction-approve", "post", "sanction"),
    ("judge", "sanction-reject", "post", "sanction"),
    ("clerk", "sanction-approve", "post", "sanction"),
]


@pytest.mark.parametrize("user, name, method, kind", FORBIDDEN)
def test_a_user_without_the_permission_gets_403(api, request, two_courts, user, name, method, kind):
    # given a user of the same court, so the row exists for them, but without the permission
    client = api.as_user(request.getfixturevalue(user))
    pk = getattr(two_courts.own, kind).pk if kind else None
    # when
    response = call(client, method, url(name, pk), {"reason": "x", "closed_on": "2024-05-01", "method": "completed"})
    # then
    assert response.status_code == 403, response.content


def test_a_forbidden_write_changes_nothing(api, clerk, enforcement_case):
    response = api.as_user(clerk).post(url("enforcement-case-close", enforcement_case.pk),
                                       {"method": "completed", "closed_on": "2024-05-01"}, format="json")
    assert response.status_code == 403
    enforcement_case.refresh_from_db()
    assert enforcement_case.status == "filed"


# --- 404 for another court's rows -------------------------------------------------------------------------


@pytest.mark.parametrize("name, method, kind", DETAIL_ROUTES)
def test_another_courts_row_answers_404_on_every_detail_and_action_route(api, two_courts, power_user, name, method,
                                                                          kind):
    # given a user holding every role, so only tenancy can refuse
    client = api.as_user(power_user)
    foreign = getattr(two_courts.foreign, kind)
    # when (with a body that would be valid, so a 400 cannot hide the answer)
    body = {"reason": "x", "method": "completed", "closed_on": "2024-05-01", "filed_on": "2024-09-01",
            "kind": "note", "occurred_on": "2024-05-01", "name": "改名", "code": "T999"}
    response = call(client, method, url(name, foreign.pk), body)
    # then
    assert response.status_code == 404, response.content
    # and the same route reaches our own row
    own = call(client, method, url(name, getattr(two_courts.own, kind).pk), body)
    assert own.status_code != 404, own.content


def test_another_courts_rows_do_not_change_through_any_route(api, two_courts, power_user):
    client = api.as_user(power_user)
    case = two_courts.foreign.enforcement
    client.post(url("enforcement-case-close", case.pk), {"method": "completed", "closed_on": "2024-05-01"},
                format="json")
    client.patch(url("party-detail", two_courts.foreign.party.pk), {"name": "改名"}, format="json")
    case.refresh_from_db()
    two_courts.foreign.party.refresh_from_db()
    assert case.status == "filed"
    assert two_courts.foreign.party.name == "外院被执行人"


# --- lists ----------------------------------------------------------------------------------------------

LISTS = [("court-list", "court"), ("user-list", "user"), ("township-list", "township"), ("grid-list", "grid"),
         ("party-list", "party"), ("litigation-case-list", "litigation"), ("enforcement-case-list", "enforcement"),
         ("asset-list", "asset"), ("todo-list", "todo"), ("sanction-list", "sanction")]


@pytest.mark.parametrize("name, kind", LISTS)
def test_lists_never_show_another_courts_rows(api, two_courts, power_user, name, kind):
    response = api.as_user(power_user).get(url(name), {"page_size": 200})
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert getattr(two_courts.own, kind).pk in ids
    assert getattr(two_courts.foreign, kind).pk not in ids


@pytest.mark.parametrize("name, kind", [lst for lst in LISTS if lst[0] != "todo-list"])
def test_a_system_admin_sees_every_court(api, two_courts, admin_user, name, kind):
    response = api.as_user(admin_user).get(url(name), {"page_size": 200})
    ids = {row["id"] for row in response.json()["results"]}
    assert {getattr(two_courts.own, kind).pk, getattr(two_courts.foreign, kind).pk} <= ids


def test_a_user_without_a_court_sees_nothing(api, two_courts):
    from tests.factories import UserFactory

    drifter = UserFactory(court=None, roles=["enforcement_judge"])
    response = api.as_user(drifter).get(url("enforcement-case-list"))
    assert response.status_code == 200 and response.json()["count"] == 0


def test_filtering_by_another_courts_case_reveals_nothing(api, two_courts, power_user):
    # the answer for a foreign case id must look like the answer for an id that does not exist
    client = api.as_user(power_user)
    foreign = client.get(url("asset-list"), {"case": two_courts.foreign.enforcement.pk})
    missing = client.get(url("asset-list"), {"case": 987654})
    assert (foreign.status_code, missing.status_code) in {(200, 200), (400, 400)}
    if foreign.status_code == 200:
        assert foreign.json()["count"] == missing.json()["count"] == 0
    own = client.get(url("asset-list"), {"case": two_courts.own.enforcement.pk}).json()
    assert [row["id"] for row in own["results"]] == [two_courts.own.asset.pk]


@pytest.mark.parametrize("name, method, kind", [r for r in DETAIL_ROUTES if r[1] != "get"])
def test_another_courts_row_answers_404_even_with_an_empty_body(api, two_courts, power_user, name, method, kind):
    response = call(api.as_user(power_user), method, url(name, getattr(two_courts.foreign, kind).pk), {})
    assert response.status_code == 404, response.content
