"""Every sanctions endpoint: 401 without a login, 403 without the permission, 404 for another court's object and
no foreign rows in lists; lists cost a bounded number of queries whatever their length."""
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.services.case_work import case_record_event, urging_record
from cases.services.enforcement import enforcement_case_file
from sanctions.models import RosterEntry
from sanctions.rosters import rosters_job
from sanctions.services import evidence_record, reconsideration_apply, sanction_approve, sanction_propose
from sanctions.travel import travel_import
from tests.conftest import ALL_ROLES
from tests.factories import PersonFactory, UserFactory

from .conftest import travel_csv

pytestmark = pytest.mark.django_db
D = dt.date


def build(court, user, *, n_cases=1):
    """One of every sanctions row in `court`, through the services, acted by a user holding every role (measures
    approved by another leader: nobody approves their own proposal)."""
    world = SimpleNamespace(cases=[])
    approver = UserFactory(court=court, roles=["leader"])
    for index in range(n_cases):
        party = PersonFactory(court=court, name=f"被执行人{court.code}{index}")
        case = enforcement_case_file(court=court, actor=user, applicants=[PersonFactory(court=court)],
                                     respondents=[party], amount_claimed=Decimal("300000"), filed_on=D(2024, 3, 1),
                                     judge=user, source_document="判决书")
        urging_record(actor=user, party=party, channel="phone", occurred_on=D(2024, 3, 2), enforcement_case=case)
        case_record_event(case=case, actor=user, kind="notice_served", occurred_on=D(2024, 3, 2))
        case_record_event(case=case, actor=user, kind="debtor_not_found", occurred_on=D(2024, 3, 3), party=party)

        def approved(kind, **fields):
            s = sanction_propose(case=case, party=party, actor=user, kind=kind, decided_on=D(2024, 3, 10), **fields)
            return sanction_approve(sanction=s, actor=approver, on=D(2024, 3, 11))

        restriction = approved("consumption_restriction")
        fine = approved("fine", amount=Decimal("1000"))
        referral = approved("criminal_referral")
        travel_import(court=court, actor=user, upload=travel_csv([[party.id_number, party.name, "flight",
                                                                   "2024-04-01", "CZ1", "经济舱"]]))
        world.cases.append(SimpleNamespace(
            case=case, party=party, restriction=restriction, fine=fine, prosecution=referral.prosecution,
            reconsideration=reconsideration_apply(sanction=fine, actor=user, applied_on=D(2024, 3, 12)),
            evidence=evidence_record(case=case, party=party, actor=user, kind="income", occurred_on=D(2024, 3, 5),
                                     description="工资")))
    rosters_job(court_id=court.pk, today=D(2024, 4, 2))
    first = world.cases[0]
    world.entry = RosterEntry.objects.filter(case=first.case).first()
    world.violation = first.restriction.violations.get()
    world.record = world.violation.travel_record
    world.__dict__.update(first.__dict__)
    return world


@pytest.fixture
def worlds(court, other_court, power_user):
    other_power = UserFactory(court=other_court, username="other_power", roles=ALL_ROLES)
    return SimpleNamespace(own=build(court, power_user), foreign=build(other_court, other_power),
                           other_power=other_power)


def routes(w):
    """(method, url, body) of every sanctions endpoint, for the objects of world `w`."""
    s, r, e, p = w.fine.pk, w.reconsideration.pk, w.entry.pk, w.prosecution.pk
    return [
        ("get", "/api/v1/sanctions/", None), ("post", "/api/v1/sanctions/", {}),
        ("get", f"/api/v1/sanctions/{s}/", None),
        ("post", f"/api/v1/sanctions/{s}/approve/", {}), ("post", f"/api/v1/sanctions/{s}/reject/", {"reason": "x"}),
        ("post", f"/api/v1/sanctions/{s}/end/", {}), ("post", f"/api/v1/sanctions/{s}/questioning/", {}),
        ("post", f"/api/v1/sanctions/{s}/custody/", {}), ("post", f"/api/v1/sanctions/{s}/family-notice/", {}),
        ("post", f"/api/v1/sanctions/{s}/extend/", {}), ("post", f"/api/v1/sanctions/{s}/reconsider/", {}),
        ("get", "/api/v1/reconsiderations/", None), ("get", f"/api/v1/reconsiderations/{r}/", None),
        ("post", f"/api/v1/reconsiderations/{r}/decide/", {}),
        ("get", "/api/v1/rosters/?status=all", None), ("get", f"/api/v1/rosters/{e}/", None),
        ("get", "/api/v1/rosters/export/?kind=police_search", None),
        ("post", f"/api/v1/rosters/{e}/confirm/", {}), ("post", f"/api/v1/rosters/{e}/dismiss/", {}),
        ("post", f"/api/v1/rosters/{e}/close/", {}),
        ("get", "/api/v1/violations/", None), ("get", f"/api/v1/violations/{w.violation.pk}/", None),
        ("get", "/api/v1/travel-records/", None), ("get", f"/api/v1/travel-records/{w.record.pk}/", None),
        ("post", "/api/v1/travel-records/import/", {}),
        ("get", "/api/v1/travel-imports/", None), ("get", f"/api/v1/travel-imports/{w.record.batch_id}/", None),
        ("get", "/api/v1/ability-evidence/", None), ("post", "/api/v1/ability-evidence/", {}),
        ("get", f"/api/v1/ability-evidence/{w.evidence.pk}/", None),
        ("get", "/api/v1/prosecutions/", None), ("get", f"/api/v1/prosecutions/{p}/", None),
        *[("post", f"/api/v1/prosecutions/{p}/{a}/", {}) for a in
          ("send", "police-decision", "progress", "settle", "payment", "evidence")],
    ]


def call(client, method, url, body):
    return client.get(url) if method == "get" else client.post(url, body, format="json")


def test_every_route_is_listed(worlds):
    from django.urls import resolve

    from sanctions.api.urls import router

    every = {url.name for url in router.urls}
    tested = {resolve(url.split("?")[0]).url_name for _method, url, _body in routes(worlds.own)}
    assert every == tested, every ^ tested


def test_every_endpoint_answers_401_without_a_login(api, worlds):
    for method, url, body in routes(worlds.own):
        assert call(api, method, url, body).status_code == 401, url


def test_every_write_answers_403_without_the_permission(api, worlds, clerk):
    client = api.as_user(clerk)  # a filing clerk: no sanctions permission
    for method, url, body in routes(worlds.own):
        status = call(client, method, url, body).status_code
        assert status == (200 if method == "get" else 403), (url, status)


def _own_ids(url, court):
    from sanctions.models import (AbilityEvidence, Prosecution, Reconsideration, Sanction, TravelImport,
                                  TravelRecord, Violation)

    model, path = {"sanctions": (Sanction, "court"), "reconsiderations": (Reconsideration, "sanction__court"),
                   "rosters": (RosterEntry, "court"), "violations": (Violation, "court"),
                   "travel-records": (TravelRecord, "court"), "travel-imports": (TravelImport, "court"),
                   "ability-evidence": (AbilityEvidence, "court"),
                   "prosecutions": (Prosecution, "court")}[url.split("/")[3]]
    return set(model.objects.filter(**{path: court}).values_list("pk", flat=True))


def test_another_courts_objects_answer_404_and_lists_show_none_of_them(api, worlds, court):
    client = api.as_user(worlds.other_power)  # every role, another court
    for method, url, body in routes(worlds.own):
        response = call(client, method, url, body)
        if any(segment.isdigit() for segment in url.split("/")):
            assert response.status_code == 404, (url, response.status_code)
        elif method == "get" and "export" not in url:
            ids = {row["id"] for row in response.json()["results"]}
            assert ids and not ids & _own_ids(url, court), url
    assert worlds.own.entry is not None


def test_a_foreign_case_or_party_in_a_body_is_refused(api, worlds, power_user):
    f = worlds.foreign
    response = api.as_user(power_user).post("/api/v1/sanctions/", {
        "case": f.case.pk, "party": f.party.pk, "kind": "consumption_restriction", "decided_on": "2024-03-10"},
        format="json")
    assert response.status_code == 400 and {"case", "party"} <= set(response.json())
    response = api.as_user(power_user).post("/api/v1/ability-evidence/", {
        "case": f.case.pk, "party": f.party.pk, "kind": "income", "occurred_on": "2024-03-10", "description": "x"},
        format="json")
    assert response.status_code == 400 and {"case", "party"} <= set(response.json())
    assert api.as_user(power_user).get("/api/v1/violations/", {"case": f.case.pk}).status_code == 400


@pytest.mark.parametrize("url", ["/api/v1/sanctions/", "/api/v1/rosters/?status=all", "/api/v1/violations/",
                                 "/api/v1/prosecutions/", "/api/v1/ability-evidence/", "/api/v1/travel-records/",
                                 "/api/v1/reconsiderations/", "/api/v1/travel-imports/"])
def test_lists_cost_a_bounded_number_of_queries(api, court, power_user, url):
    client = api.as_user(power_user)
    build(court, power_user, n_cases=1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    build(court, power_user, n_cases=4)
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).json()
    assert body["count"] >= 5
    assert len(many) == len(few) <= 12, [q["sql"][:120] for q in many.captured_queries]
