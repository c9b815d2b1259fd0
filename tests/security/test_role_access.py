"""A test per role that it cannot reach what it should not: clerk, trial judge, enforcement
judge, leader, court admin, and a push recipient's portal token. Tenancy (another court's rows → 404) is covered
endpoint by endpoint in tests/*/test_api_access.py; these are the role refusals and the identity masking."""
import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _case_url(case, suffix=""):
    return f"/api/v1/enforcement-cases/{case.pk}/{suffix}"


def test_clerk_files_but_cannot_handle_close_or_approve(api, clerk, enforcement_case):
    api.as_user(clerk)
    assert api.post(_case_url(enforcement_case, "close/"), {"method": "withdrawn", "closed_on": "2024-04-01"},
                    format="json").status_code == 403
    assert api.post(_case_url(enforcement_case, "funds/"), {"direction": "in", "amount": "1.00",
                                                            "occurred_on": "2024-03-05"}, format="json").status_code == 403
    assert api.patch(_case_url(enforcement_case), {"version": 1, "is_livelihood": True},
                     format="json").status_code == 403
    assert api.post("/api/v1/users/", {"username": "x", "password": "Abcdefg-123", "roles": []},
                    format="json").status_code == 403
    assert api.post("/api/v1/push-runs/", {}, format="json").status_code == 403


def test_trial_judge_cannot_act_in_enforcement(api, trial_judge, enforcement_case):
    api.as_user(trial_judge)
    assert api.post(_case_url(enforcement_case, "events/"), {"kind": "note", "occurred_on": "2024-03-05"},
                    format="json").status_code == 403
    assert api.post(_case_url(enforcement_case, "close/"), {"method": "withdrawn", "closed_on": "2024-04-01"},
                    format="json").status_code == 403
    assert api.get("/api/v1/push-runs/").status_code == 403


def test_enforcement_judge_cannot_administer_or_run_the_week(api, judge):
    api.as_user(judge)
    assert api.post("/api/v1/users/", {"username": "x", "password": "Abcdefg-123", "roles": []},
                    format="json").status_code == 403
    assert api.post("/api/v1/push-runs/", {}, format="json").status_code == 403
    assert api.post("/api/v1/jobs/deadlines/run/", {}, format="json").status_code == 403


def test_leader_approves_but_does_not_handle_cases(api, leader, enforcement_case):
    api.as_user(leader)
    assert api.post(_case_url(enforcement_case, "events/"), {"kind": "note", "occurred_on": "2024-03-05"},
                    format="json").status_code == 403
    assert api.patch(_case_url(enforcement_case), {"version": 1, "is_livelihood": True},
                     format="json").status_code == 403
    assert api.post("/api/v1/users/", {"username": "x", "password": "Abcdefg-123", "roles": []},
                    format="json").status_code == 403


def test_court_admin_administers_but_cannot_handle_cases(api, court_admin, enforcement_case):
    api.as_user(court_admin)
    assert api.post(_case_url(enforcement_case, "events/"), {"kind": "note", "occurred_on": "2024-03-05"},
                    format="json").status_code == 403
    assert api.post(_case_url(enforcement_case, "close/"), {"method": "withdrawn", "closed_on": "2024-04-01"},
                    format="json").status_code == 403


@pytest.mark.parametrize("role", ["clerk", "trial_judge", "enforcement_judge", "leader", "court_admin"])
def test_no_court_role_reaches_the_admin_site_or_another_court(client, court, other_case, role):
    user = UserFactory(court=court, username=f"u_{role}", roles=[role])
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get(reverse("case-detail", args=[other_case.pk])).status_code == 404


@pytest.mark.parametrize("role, whole", [("clerk", True), ("trial_judge", True), ("enforcement_judge", True),
                                         ("leader", False), ("court_admin", False)])
def test_identity_numbers_whole_only_for_roles_that_need_them(api, court, respondent, role, whole):
    user = UserFactory(court=court, username=f"id_{role}", roles=[role])
    api.as_user(user)
    detail = api.get(f"/api/v1/parties/{respondent.pk}/").json()
    assert (detail["id_number"] == respondent.id_number) is whole
    listed = api.get("/api/v1/parties/").json()["results"]
    assert all(row["id_number"] != respondent.id_number for row in listed)  # lists always masked


def test_a_push_recipient_token_reaches_only_its_own_batch(client):
    """The recipient portal link works without an account, for its own batch only: an unknown or altered token
    is a 404, and the token opens nothing of the court UI or the API."""
    assert client.get("/p/not-a-token/").status_code == 404
    assert client.get("/api/v1/enforcement-cases/", HTTP_AUTHORIZATION="Token not-a-token").status_code == 401
    response = client.get(reverse("case-list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
