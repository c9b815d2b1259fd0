"""Who may call the four synchronizations' API (cases/api/four_sync_urls.py): 401 without credentials, 403 without the
permission, 404 for another court's rows, lists without another court's rows, and a fixed number of queries."""
import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import cases.api.four_sync_urls
from cases.models import Asset
from cases.services.assets import asset_control, asset_value, auction_round_create
from cases.services.case_work import contact_record, urging_record
from cases.services.enforcement import enforcement_case_file
from cases.services.litigation import litigation_case_file, outcome_record, preservation_add
from tests.cases.test_sync_support import D, money
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

# (url name, method, the kind of row {pk} names — None for collections)
ROUTES = [
    ("sync-settings", "get", None), ("sync-settings", "put", None),
    ("preservation-list", "get", None), ("preservation-list", "post", None),
    ("preservation-detail", "get", "preservation"), ("preservation-ruling", "post", "preservation"),
    ("preservation-assets", "post", "preservation"), ("preservation-release", "post", "preservation"),
    ("preservation-link", "post", "preservation"),
    ("litigation-case-sync-plan", "get", "litigation"),
    ("litigation-case-sync-preservation-answer", "post", "litigation"),
    ("urging-list", "get", None), ("urging-detail", "get", "urging"),
    ("enforcement-case-sync-contacts", "post", "enforcement"),
    ("enforcement-case-sync-fast-track", "post", "enforcement"),
    ("enforcement-case-sync-field-investigations", "post", "enforcement"),
    ("enforcement-case-sync-inquiry-imports", "post", "enforcement"),
    ("enforcement-case-sync-nodes", "get", "enforcement"),
    ("asset-sync-auction-rounds", "post", "asset"), ("asset-sync-control", "post", "asset"),
    ("asset-sync-deduct", "post", "asset"), ("asset-sync-proceeds", "post", "asset"),
    ("asset-sync-release", "post", "asset"), ("asset-sync-renew", "post", "asset"),
    ("asset-sync-valuation", "post", "asset"),
    ("auction-round-list", "get", None), ("auction-round-detail", "get", "auction"),
    ("auction-round-result", "post", "auction"),
    ("contact-list", "get", None), ("contact-detail", "get", "contact"),
    ("fast-track-list", "get", None), ("fast-track-summary", "get", None),
]
PATHS = {
    "sync-settings": "sync-settings/",
    "preservation-list": "preservations/", "preservation-detail": "preservations/{pk}/",
    "preservation-ruling": "preservations/{pk}/ruling/", "preservation-assets": "preservations/{pk}/assets/",
    "preservation-release": "preservations/{pk}/release/", "preservation-link": "preservations/{pk}/link/",
    "litigation-case-sync-plan": "litigation-cases/{pk}/plan/",
    "litigation-case-sync-preservation-answer": "litigation-cases/{pk}/preservation-answer/",
    "urging-list": "urgings/", "urging-detail": "urgings/{pk}/",
    "enforcement-case-sync-contacts": "enforcement-cases/{pk}/contacts/",
    "enforcement-case-sync-fast-track": "enforcement-cases/{pk}/fast-track/",
    "enforcement-case-sync-field-investigations": "enforcement-cases/{pk}/field-investigations/",
    "enforcement-case-sync-inquiry-imports": "enforcement-cases/{pk}/inquiry-imports/",
    "enforcement-case-sync-nodes": "enforcement-cases/{pk}/nodes/",
    "asset-sync-auction-rounds": "assets/{pk}/auction-rounds/", "asset-sync-control": "assets/{pk}/control/",
    "asset-sync-deduct": "assets/{pk}/deduct/", "asset-sync-proceeds": "assets/{pk}/proceeds/",
    "asset-sync-release": "assets/{pk}/release/", "asset-sync-renew": "assets/{pk}/renew/",
    "asset-sync-valuation": "assets/{pk}/valuation/",
    "auction-round-list": "auction-rounds/", "auction-round-detail": "auction-rounds/{pk}/",
    "auction-round-result": "auction-rounds/{pk}/result/",
    "contact-list": "contacts/", "contact-detail": "contacts/{pk}/",
    "fast-track-list": "fast-track/", "fast-track-summary": "fast-track/summary/",
}
DETAIL_ROUTES = [r for r in ROUTES if r[2]]


def url(name, pk=None):
    return "/api/v1/" + PATHS[name].format(pk=pk)


def call(client, method, path, body=None):
    if method == "get":
        return client.get(path)
    return getattr(client, method)(path, body or {}, format="json")


def _world(court, judge, clerk):
    """One row of each kind in a court, through the services."""
    applicant, respondent = PersonFactory(court=court), PersonFactory(court=court)
    litigation = litigation_case_file(court=court, actor=clerk, cause="买卖合同纠纷", filed_on=D(2024, 1, 10),
                                      plaintiffs=[applicant], defendants=[respondent], trial_judge=judge)
    outcome_record(case=litigation, actor=clerk, kind="mediation", effective_on=D(2024, 3, 1),
                   obligations=[{"due_on": D(2024, 5, 1), "amount": money(1000)}])
    preservation = preservation_add(case=litigation, actor=clerk, kind="litigation", applied_on=D(2024, 1, 12),
                                    amount=money(1000), ruled_on=D(2024, 1, 12))
    case = enforcement_case_file(court=court, actor=judge, applicants=[applicant], respondents=[respondent],
                                 amount_claimed=money(90000), filed_on=D(2024, 3, 1), judge=judge,
                                 source_document="调解书")
    asset = Asset.objects.create(court=court, case=case, party=respondent, kind="real_estate",
                                 description="某小区201室", found_on=D(2024, 3, 3))
    house = Asset.objects.create(court=court, case=case, party=respondent, kind="real_estate",
                                 description="某小区202室", found_on=D(2024, 3, 3))
    house = asset_value(asset=asset_control(asset=house, actor=judge, controlled_on=D(2024, 3, 4)), actor=judge,
                        valuation=money(100000), valued_on=D(2024, 3, 5))
    auction = auction_round_create(asset=house, actor=judge, announced_on=D(2024, 3, 6), auction_on=D(2024, 4, 6),
                                   starting_price=money(70000))
    return SimpleNamespace(
        litigation=litigation, preservation=preservation, enforcement=case, asset=asset, auction=auction,
        urging=urging_record(actor=judge, party=respondent, channel="phone", occurred_on=D(2024, 3, 5),
                             enforcement_case=case),
        contact=contact_record(case=case, actor=judge, party=respondent, channel="phone", occurred_on=D(2024, 3, 5),
                               summary="电话告知"),
    )


@pytest.fixture
def worlds(court, other_court, judge, clerk, other_judge):
    return SimpleNamespace(own=_world(court, judge, clerk), foreign=_world(other_court, other_judge, other_judge))


def test_the_route_table_covers_every_sync_route():
    names = {p.name for p in cases.api.four_sync_urls.urlpatterns}
    assert names == {name for name, _, _ in ROUTES} == set(PATHS), \
        "a route was added or removed: list it in ROUTES and PATHS so its 401/403/404 are tested"
    from django.urls import resolve

    for name in PATHS:
        assert resolve(url(name, 7)).url_name == name


@pytest.mark.parametrize("name, method, kind", ROUTES)
def test_every_sync_route_answers_401_without_credentials(api, name, method, kind):
    response = call(api, method, url(name, 1 if kind else None))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Token")


def test_the_job_route_answers_401_and_403(api, judge, court_admin):
    assert api.post("/api/v1/jobs/mediation_reminders/run/").status_code == 401
    assert api.as_user(judge).post("/api/v1/jobs/mediation_reminders/run/").status_code == 403
    assert api.as_user(court_admin).post("/api/v1/jobs/mediation_reminders/run/").status_code == 200


# (user, route, method, kind): logged in, the row is theirs, but the permission is missing
FORBIDDEN = [
    ("judge", "sync-settings", "put", None),
    ("judge", "preservation-list", "post", None),
    ("judge", "preservation-ruling", "post", "preservation"),
    ("judge", "preservation-assets", "post", "preservation"),
    ("judge", "preservation-release", "post", "preservation"),
    ("judge", "preservation-link", "post", "preservation"),
    ("judge", "litigation-case-sync-preservation-answer", "post", "litigation"),
    ("clerk", "enforcement-case-sync-contacts", "post", "enforcement"),
    ("clerk", "enforcement-case-sync-fast-track", "post", "enforcement"),
    ("clerk", "enforcement-case-sync-field-investigations", "post", "enforcement"),
    ("clerk", "enforcement-case-sync-inquiry-imports", "post", "enforcement"),
    ("trial_judge", "enforcement-case-sync-contacts", "post", "enforcement"),
    ("clerk", "asset-sync-auction-rounds", "post", "asset"), ("clerk", "asset-sync-control", "post", "asset"),
    ("clerk", "asset-sync-deduct", "post", "asset"), ("clerk", "asset-sync-proceeds", "post", "asset"),
    ("clerk", "asset-sync-release", "post", "asset"), ("clerk", "asset-sync-renew", "post", "asset"),
    ("leader", "asset-sync-valuation", "post", "asset"),
    ("clerk", "auction-round-result", "post", "auction"),
]


@pytest.mark.parametrize("user, name, method, kind", FORBIDDEN)
def test_a_user_without_the_permission_gets_403(api, request, worlds, user, name, method, kind):
    client = api.as_user(request.getfixturevalue(user))
    pk = getattr(worlds.own, kind).pk if kind else None
    response = call(client, method, url(name, pk), {"released_on": "2024-05-01", "reason": "x"})
    assert response.status_code == 403, response.content


def test_a_preserved_asset_outside_enforcement_is_the_litigation_sides(api, worlds, clerk, judge, respondent):
    from cases.services.preservation import preservation_add_asset

    preservation = worlds.own.preservation
    party = preservation.case.defendants.get()
    asset = preservation_add_asset(preservation=preservation, actor=clerk, party=party, kind="deposit",
                                   description="活期", controlled_on=D(2024, 1, 13))
    body = {"renewed_on": "2024-06-01"}
    assert api.as_user(judge).post(url("asset-sync-renew", asset.pk), body, format="json").status_code == 403
    assert api.as_user(clerk).post(url("asset-sync-renew", asset.pk), body, format="json").status_code == 200


@pytest.mark.parametrize("name, method, kind", DETAIL_ROUTES)
def test_another_courts_row_answers_404_on_every_route(api, worlds, power_user, name, method, kind):
    client = api.as_user(power_user)
    body = {"released_on": "2024-05-01", "reason": "x", "renewed_on": "2024-05-01", "controlled_on": "2024-05-01",
            "guided": True, "response": "declined", "on": "2024-05-01", "fast_track": True}
    response = call(client, method, url(name, getattr(worlds.foreign, kind).pk), body)
    assert response.status_code == 404, response.content
    own = call(client, method, url(name, getattr(worlds.own, kind).pk), body)
    assert own.status_code != 404, own.content


@pytest.mark.parametrize("name, method, kind", [r for r in DETAIL_ROUTES if r[1] != "get"])
def test_another_courts_row_answers_404_even_with_an_empty_body(api, worlds, power_user, name, method, kind):
    response = call(api.as_user(power_user), method, url(name, getattr(worlds.foreign, kind).pk), {})
    assert response.status_code == 404, response.content


LISTS = [("preservation-list", "preservation"), ("urging-list", "urging"), ("auction-round-list", "auction"),
         ("contact-list", "contact")]


@pytest.mark.parametrize("name, kind", LISTS)
def test_lists_never_show_another_courts_rows(api, worlds, power_user, name, kind):
    rows = api.as_user(power_user).get(url(name), {"page_size": 200}).json()["results"]
    ids = {row["id"] for row in rows}
    assert getattr(worlds.own, kind).pk in ids and getattr(worlds.foreign, kind).pk not in ids


def test_the_fast_track_list_and_settings_are_the_courts_own(api, worlds, power_user, judge, other_judge):
    from cases.services.fast_track import fast_track_set

    fast_track_set(case=worlds.own.enforcement, actor=judge, fast_track=True, on=D(2024, 3, 2))
    fast_track_set(case=worlds.foreign.enforcement, actor=other_judge, fast_track=True, on=D(2024, 3, 2))
    client = api.as_user(power_user)
    assert [r["id"] for r in client.get(url("fast-track-list")).json()["results"]] == [worlds.own.enforcement.pk]
    assert client.get(url("fast-track-summary")).json()["cases"] == 1
    assert client.get(url("sync-settings")).json()["court"] == power_user.court_id


def test_a_filter_by_another_courts_case_reveals_nothing(api, worlds, power_user):
    client = api.as_user(power_user)
    foreign = client.get(url("urging-list"), {"enforcement_case": worlds.foreign.enforcement.pk}).json()
    assert foreign["count"] == 0


# --- query counts ------------------------------------------------------------------------------------------------

MAX_QUERIES = 10


def add_rows(n, *, court, judge, clerk):
    for _ in range(n):
        _world(court, judge, clerk)


@pytest.mark.parametrize("name", ["preservation-list", "urging-list", "auction-round-list", "contact-list",
                                  "fast-track-list"])
def test_lists_cost_a_fixed_number_of_queries(api, court, judge, clerk, power_user, name):
    from cases.models import EnforcementCase

    client = api.as_user(power_user)

    def count():
        EnforcementCase.objects.filter(court=court).update(fast_track=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(name), {"page_size": 50})
        assert response.status_code == 200
        return len(queries), response.json()["count"]

    add_rows(2, court=court, judge=judge, clerk=clerk)
    few, few_rows = count()
    add_rows(6, court=court, judge=judge, clerk=clerk)
    many, many_rows = count()
    assert many_rows > few_rows
    assert many == few and many <= MAX_QUERIES, (few, many)
