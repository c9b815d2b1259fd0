"""GET /api/v1/stats/kpis/ exactly as the contract says, the metric catalogue, and the drill-down endpoint."""
import datetime as dt
import re

import pytest
from django.urls import reverse

from stats import metrics
from tests.factories import CourtFactory, UserFactory

from .conftest import EXPECTED, P_FROM, P_TO

pytestmark = pytest.mark.django_db

KPIS = "/api/v1/stats/kpis/"
CONTRACT = ["new_cases", "concluded", "amount_recovered", "preservation_rate", "first_enforcement_avg_days",
            "enforcement_application_rate", "pushed_cases", "pushed_concluded", "crackdown_recovered",
            "referral_cases", "referral_persons", "terminated_current_stock"]
PERIOD = {"date_from": P_FROM.isoformat(), "date_to": P_TO.isoformat()}


def test_kpis_shape_and_formats(api, world, leader):
    response = api.as_user(leader).get(KPIS, PERIOD)
    assert response.status_code == 200
    data = response.json()
    assert [k for k in data if k in CONTRACT] == CONTRACT
    assert {k: data[k] for k in CONTRACT} == {
        "new_cases": 5, "concluded": 4, "amount_recovered": "111000.50", "preservation_rate": "0.3333",
        "first_enforcement_avg_days": "154.3", "enforcement_application_rate": "0.2500", "pushed_cases": 7,
        "pushed_concluded": 2, "crackdown_recovered": "8000.50", "referral_cases": 1, "referral_persons": 2,
        "terminated_current_stock": 2,
    }
    assert re.fullmatch(r"\d\.\d{4}", data["preservation_rate"])
    assert re.fullmatch(r"\d+\.\d", data["first_enforcement_avg_days"])
    assert (data["date_from"], data["date_to"], data["courts"]) == ("2024-01-01", "2024-06-30", [world.A.court_id])


def test_kpis_carry_every_figure_with_numerator_denominator_and_definition(api, world, leader):
    detail = api.as_user(leader).get(KPIS, PERIOD).json()["metrics"]
    assert detail["closure_rate"]["value"] == "0.5714"
    assert (detail["closure_rate"]["numerator"], detail["closure_rate"]["denominator"]) == (4, 7)
    assert (detail["recovery_rate"]["numerator"], detail["recovery_rate"]["denominator"]) == ("100000.00",
                                                                                           "280000.00")
    assert (detail["first_enforcement_avg_days"]["numerator"], detail["first_enforcement_avg_days"]["denominator"]) \
        == (463, 3)
    assert detail["pushed_concluded"]["value"] == "0.2857"
    assert "首次执行" in detail["first_enforcement_avg_days"]["definition"]
    for name, (value, numerator, denominator) in EXPECTED.items():
        assert detail[name]["numerator"] == (numerator if isinstance(numerator, int) else str(numerator)), name
    follow = detail["new_cases"]["cases_url"]
    assert api.get(follow).json()["count"] == 5


def test_defaults_are_this_year_and_the_users_court(api, world, leader):
    data = api.as_user(leader).get(KPIS).json()
    assert data["date_from"].endswith("-01-01") and data["courts"] == [leader.court_id]


def test_another_courts_user_cannot_see_our_figures(api, world, other_leader, other_judge, court):
    theirs = api.as_user(other_leader).get(KPIS, PERIOD).json()
    assert theirs["new_cases"] == 1 and theirs["amount_recovered"] == "9999.00"
    assert api.as_user(other_leader).get(KPIS, {**PERIOD, "court": court.pk}).status_code == 404
    assert api.as_user(other_judge).get(KPIS, {**PERIOD, "court": court.pk}).status_code == 404
    url = reverse("stats-api-metric-cases", args=["new_cases"])
    assert api.as_user(other_leader).get(url, {**PERIOD, "court": court.pk}).status_code == 404


def test_court_of_a_court_under_the_leader_is_allowed_and_a_judge_may_not_look_down(api, world, court):
    high = CourtFactory(code="赣11", name="上饶市中级人民法院")
    court.parent = high
    court.save(update_fields=["parent"])
    president = UserFactory(court=high, username="president", roles=["leader"])
    high_judge = UserFactory(court=high, username="highjudge", roles=["enforcement_judge"])
    assert api.as_user(president).get(KPIS, {**PERIOD, "court": court.pk}).json()["new_cases"] == 5
    both = api.as_user(president).get(KPIS, {**PERIOD, "court": [court.pk, high.pk]}).json()
    assert both["courts"] == [court.pk, high.pk] and both["new_cases"] == 5
    assert api.as_user(high_judge).get(KPIS, {**PERIOD, "court": court.pk}).status_code == 404


def test_anonymous_is_401_and_bad_values_are_400(api, world, leader):
    assert api.get(KPIS).status_code == 401
    client = api.as_user(leader)
    assert client.get(KPIS, {"date_from": "2024-13-01"}).status_code == 400
    assert client.get(KPIS, {"date_from": "2024-06-01", "date_to": "2024-01-01"}).status_code == 400
    assert client.get(KPIS, {**PERIOD, "court": "abc"}).status_code == 404
    assert client.get(KPIS, {**PERIOD, "case_type": "民初"}).status_code == 400


def test_filters_apply_to_the_kpis(api, world, leader, judge2):
    client = api.as_user(leader)
    assert client.get(KPIS, {**PERIOD, "judge": judge2.pk}).json()["new_cases"] == 1
    assert client.get(KPIS, {**PERIOD, "township": world.chenying.pk}).json()["new_cases"] == 1
    assert client.get(KPIS, {**PERIOD, "case_type": "执恢"}).json()["new_cases"] == 1


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_drill_down_endpoint_count_equals_the_numerator(api, world, leader, period, name):
    figure = metrics.compute(period, [name])[name]
    url = reverse("stats-api-metric-cases", args=[name])
    data = api.as_user(leader).get(url, {**PERIOD, "page_size": 200}).json()
    assert data["count"] == figure.cases().count()
    if figure.definition.numerator.measure == "cases":
        assert data["count"] == figure.numerator
    if figure.definition.numerator.measure == "amount":
        assert sum(float(row["amount"]) for row in data["results"]) == pytest.approx(float(figure.numerator))
    if figure.denominator is not None and figure.definition.denominator.measure == "cases":
        assert api.get(url, {**PERIOD, "part": "denominator"}).json()["count"] == figure.denominator


def test_drill_down_rows_and_litigation_rows(api, world, leader):
    client = api.as_user(leader)
    rows = client.get(reverse("stats-api-metric-cases", args=["concluded"]), PERIOD).json()["results"]
    assert {r["number"] for r in rows} == {world.A.number, world.B.number, world.E.number, world.H.number}
    assert set(rows[0]) >= {"id", "number", "case_type", "judge_name", "filed_on", "closed_on", "closure_method"}
    lit = client.get(reverse("stats-api-metric-cases", args=["preservation_rate"]), PERIOD).json()["results"]
    assert [r["number"] for r in lit] == [world.lit["L1"].number] and lit[0]["is_property_dispute"] is True
    assert client.get(reverse("stats-api-metric-cases", args=["new_cases"]), {"part": "denominator"}).status_code \
        == 400
    assert client.get(reverse("stats-api-metric-cases", args=["nope"])).status_code == 404


def test_the_drill_down_is_documented_as_the_page_it_returns(api, world, leader):
    # the long fuzz run: the schema described one EnforcementCaseRow (with `amount` required) where the answer is
    # a page {count, next, previous, results}, of enforcement rows or — for litigation figures — litigation rows
    client = api.as_user(leader)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]

    def component(ref_holder):
        return components[ref_holder["$ref"].rpartition("/")[2]]

    documented = schema["paths"]["/api/v1/stats/metrics/{name}/cases/"]["get"]["responses"]["200"]
    page = component(documented["content"]["application/json"]["schema"])
    assert set(page["required"]) == {"count", "next", "previous", "results"}
    enforcement_row, litigation_row = (component(ref) for ref in component(page["properties"]["results"]["items"])
                                       ["oneOf"])
    assert enforcement_row["properties"]["amount"]["nullable"] is True  # only money figures carry it
    assert litigation_row["properties"]["outcome_effective_on"]["nullable"] is True

    for name, row_schema, amount in [("concluded", enforcement_row, None), ("amount_recovered", enforcement_row, str),
                                     ("preservation_rate", litigation_row, None)]:
        body = client.get(reverse("stats-api-metric-cases", args=[name]), PERIOD).json()
        assert set(page["required"]) <= set(body) and body["results"], name
        for row in body["results"]:
            assert set(row_schema["required"]) <= set(row), (name, set(row_schema["required"]) - set(row))
            if row_schema is enforcement_row:
                assert row["amount"] is None if amount is None else isinstance(row["amount"], amount)


def test_the_metric_catalogue(api, world, leader):
    data = api.as_user(leader).get("/api/v1/stats/metrics/").json()
    assert {m["name"] for m in data} == set(metrics.REGISTRY)
    assert all(m["definition"] for m in data)


def test_the_kpi_endpoint_costs_a_fixed_number_of_queries(api, world, leader, django_assert_max_num_queries,
                                                           make_case, judge):
    client = api.as_user(leader)
    client.get(KPIS, PERIOD)
    # bound: one aggregate per source table (+ auth, courts, form choices; PostgreSQL adds SET LOCAL / savepoints);
    # the figures are the dashboard's own (stats/snapshots.py), so the per-channel and month-trend queries too
    with django_assert_max_num_queries(26) as small:
        client.get(KPIS, PERIOD)
    for n in range(5):  # more cases, more judges: the same queries
        make_case(filed_on=dt.date(2024, 2, 1) + dt.timedelta(days=n),
                  judge=UserFactory(court=judge.court, roles=["enforcement_judge"]))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(KPIS, PERIOD)


def test_the_schema_documents_the_endpoints(api, leader):
    schema = api.as_user(leader).get("/api/schema/", {"format": "json"}).json()
    assert {"/api/v1/stats/kpis/", "/api/v1/stats/metrics/{name}/cases/"} <= set(schema["paths"])
