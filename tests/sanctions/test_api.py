"""/api/v1/sanctions/: a judge proposes, a leader approves or rejects; statutory limits answer 400."""
import datetime as dt

import pytest

from cases.services.common import court_today
from sanctions.models import Sanction
from tests.factories import OrganizationFactory, PersonFactory, minor_resident_id

pytestmark = pytest.mark.django_db

URL = "/api/v1/sanctions/"


def proposal(case, party, **changes):
    # urgency stated, so the coercion-needs-urging rule (tested in test_coercion.py) stays out of these tests' way
    return {"case": case.pk, "party": party.pk, "kind": "consumption_restriction", "decided_on": "2024-03-10",
            "urgency_reason": "被执行人正在转移财产", "dishonest_ground": "report_breach", **changes}


def test_a_judge_proposes_and_a_leader_approves(api, judge, leader, enforcement_case, respondent):
    created = api.as_user(judge).post(URL, proposal(enforcement_case, respondent, note="有高消费行为"), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["status_display"], body["kind_display"]) == ("proposed", "待审批", "限制消费")
    assert (body["case_number"], body["party_name"]) == (enforcement_case.number, respondent.name)
    approved = api.as_user(leader).post(f"{URL}{body['id']}/approve/", {"approved_on": "2024-03-11"}, format="json")
    assert approved.status_code == 200, approved.json()
    assert (approved.json()["status"], approved.json()["approved_on"]) == ("approved", "2024-03-11")
    assert enforcement_case.events.filter(kind="consumption_restricted", party=respondent).exists()


def test_a_leader_rejects_with_a_reason(api, judge, leader, enforcement_case, respondent):
    sanction_id = api.as_user(judge).post(URL, proposal(enforcement_case, respondent), format="json").json()["id"]
    client = api.as_user(leader)
    assert client.post(f"{URL}{sanction_id}/reject/", {}, format="json").status_code == 400
    rejected = client.post(f"{URL}{sanction_id}/reject/", {"reason": "证据不足"}, format="json")
    assert rejected.status_code == 200
    assert (rejected.json()["status"], rejected.json()["rejection_reason"]) == ("rejected", "证据不足")
    again = client.post(f"{URL}{sanction_id}/approve/", {}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "not_proposed"


def test_approving_a_proposal_twice_is_harmless(api, judge, leader, enforcement_case, respondent):
    sanction_id = api.as_user(judge).post(URL, proposal(enforcement_case, respondent), format="json").json()["id"]
    client = api.as_user(leader)
    for _ in range(2):
        response = client.post(f"{URL}{sanction_id}/approve/", {"approved_on": "2024-03-11"}, format="json")
        assert response.status_code == 200
    assert enforcement_case.events.filter(kind="consumption_restricted").count() == 1


@pytest.mark.parametrize("approved_on", ["2024-03-09", "2099-01-01", "not-a-date"])
def test_a_bad_approval_date_answers_400(api, judge, leader, enforcement_case, respondent, approved_on):
    sanction_id = api.as_user(judge).post(URL, proposal(enforcement_case, respondent), format="json").json()["id"]
    response = api.as_user(leader).post(f"{URL}{sanction_id}/approve/", {"approved_on": approved_on}, format="json")
    assert response.status_code == 400 and "approved_on" in response.json()
    assert Sanction.objects.get(pk=sanction_id).status == "proposed"


@pytest.mark.parametrize("changes, field", [
    ({"kind": "detention", "start_on": "2024-03-10", "end_on": "2024-03-25"}, "end_on"),   # 16 days
    ({"kind": "detention"}, "end_on"),
    ({"kind": "fine", "amount": "100000.01"}, "amount"),
    ({"kind": "fine", "amount": "-1"}, "amount"),
    ({"kind": "fine", "amount": "1.234"}, "amount"),
    ({"kind": "fine"}, "amount"),
    ({"kind": "caning"}, "kind"),
    ({"decided_on": "2024-02-01"}, "decided_on"),
    ({"start_on": "2024-03-09"}, "start_on"),
])
def test_statutory_limits_and_bad_input_answer_400(api, judge, enforcement_case, respondent, changes, field):
    response = api.as_user(judge).post(URL, proposal(enforcement_case, respondent, **changes), format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Sanction.objects.exists()


def test_limits_accept_the_boundary_values(api, judge, enforcement_case, respondent):
    client = api.as_user(judge)
    detention = client.post(URL, proposal(enforcement_case, respondent, kind="detention", start_on="2024-03-10",
                                          end_on="2024-03-24"), format="json")
    fine = client.post(URL, proposal(enforcement_case, respondent, kind="fine", amount="100000"), format="json")
    assert detention.status_code == fine.status_code == 201
    assert fine.json()["amount"] == "100000.00"


def test_unit_fines_are_between_50000_and_1000000(api, judge, make_case, court):
    company = OrganizationFactory(court=court)
    case = make_case(respondents=[company])
    client = api.as_user(judge)
    for amount, status in [("49999.99", 400), ("50000.00", 201), ("1000000.00", 201), ("1000000.01", 400)]:
        response = client.post(URL, proposal(case, company, kind="fine", amount=amount), format="json")
        assert response.status_code == status, (amount, response.json())


def test_a_minor_is_not_put_on_the_dishonest_list(api, judge, make_case, court):
    minor = PersonFactory(court=court, id_number=minor_resident_id(dt.date(2010, 5, 1)))
    case = make_case(respondents=[minor])
    response = api.as_user(judge).post(URL, proposal(case, minor, kind="dishonest_list"), format="json")
    assert response.status_code == 400 and "party" in response.json()


def test_a_measure_against_the_applicant_or_another_courts_party_answers_400(api, judge, enforcement_case, applicant,
                                                                            other_respondent, other_case):
    client = api.as_user(judge)
    response = client.post(URL, proposal(enforcement_case, applicant), format="json")
    assert response.status_code == 400 and "party" in response.json()
    response = client.post(URL, proposal(enforcement_case, other_respondent), format="json")
    assert response.status_code == 400 and "party" in response.json()
    response = client.post(URL, proposal(other_case, other_respondent), format="json")
    assert response.status_code == 400 and {"case", "party"} <= set(response.json())


def test_a_future_decision_is_refused(api, judge, enforcement_case, respondent):
    day = (court_today() + dt.timedelta(days=1)).isoformat()
    response = api.as_user(judge).post(URL, proposal(enforcement_case, respondent, decided_on=day), format="json")
    assert response.status_code == 400 and "decided_on" in response.json()


def test_the_list_filters_by_kind_status_and_case(api, judge, leader, enforcement_case, respondent, make_case):
    client = api.as_user(judge)
    first = client.post(URL, proposal(enforcement_case, respondent), format="json").json()["id"]
    second_case = make_case()
    second = client.post(URL, proposal(second_case, respondent, kind="fine", amount="100"), format="json").json()["id"]
    api.as_user(leader).post(f"{URL}{second}/approve/", {"approved_on": "2024-03-12"}, format="json")
    client = api.as_user(judge)
    assert [r["id"] for r in client.get(URL, {"kind": "fine"}).json()["results"]] == [second]
    assert [r["id"] for r in client.get(URL, {"status": "proposed"}).json()["results"]] == [first]
    assert [r["id"] for r in client.get(URL, {"case": enforcement_case.pk}).json()["results"]] == [first]
    assert client.get(URL, {"status": "forgotten"}).status_code == 400
