"""/api/v1/litigation-cases/: filing, preservation, outcome with payment plan, payments, urging (执前督促)."""
import datetime as dt

import pytest

from cases.models import CaseNumberCounter, LitigationCase, Outcome, Preservation, Urging, VoluntaryPayment
from cases.services.common import court_today

pytestmark = pytest.mark.django_db

URL = "/api/v1/litigation-cases/"


@pytest.fixture
def lit_case(make_litigation_case):
    return make_litigation_case(filed_on=dt.date(2024, 1, 10))


def filing(applicant, respondent, trial_judge, **changes):
    return {"cause": "买卖合同纠纷", "filed_on": "2024-01-10", "claim_amount": "126000.00",
            "is_property_dispute": True, "trial_judge": trial_judge.pk, "plaintiffs": [applicant.pk],
            "defendants": [respondent.pk], **changes}


def test_a_clerk_files_a_litigation_case_and_gets_its_number(api, clerk, trial_judge, applicant, respondent):
    response = api.as_user(clerk).post(URL, filing(applicant, respondent, trial_judge), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == "（2024）赣1129民初1号"
    assert (body["case_type"], body["case_type_display"]) == ("民初", "民初（民事一审）")
    assert body["claim_amount"] == "126000.00"
    assert body["plaintiff_names"] == [applicant.name] and body["trial_judge_name"] == "李法官"


@pytest.mark.parametrize("changes, field", [
    ({"claim_amount": "-1.00"}, "claim_amount"),
    ({"claim_amount": "12.345"}, "claim_amount"),
    ({"claim_amount": "一万"}, "claim_amount"),
    ({"case_type": "刑初"}, "case_type"),
    ({"filed_on": "2024-02-30"}, "filed_on"),
    ({"cause": ""}, "cause"),
    ({"plaintiffs": []}, "plaintiffs"),
])
def test_filing_refuses_bad_input_on_the_field(api, clerk, trial_judge, applicant, respondent, changes, field):
    response = api.as_user(clerk).post(URL, filing(applicant, respondent, trial_judge, **changes), format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not LitigationCase.objects.exists()


def test_filing_refuses_a_future_date(api, clerk, trial_judge, applicant, respondent):
    tomorrow = (court_today() + dt.timedelta(days=1)).isoformat()
    response = api.as_user(clerk).post(URL, filing(applicant, respondent, trial_judge, filed_on=tomorrow),
                                       format="json")
    assert response.status_code == 400 and "filed_on" in response.json()


def test_filing_refuses_a_party_of_another_court_and_takes_no_number(api, clerk, trial_judge, applicant,
                                                                      other_respondent):
    response = api.as_user(clerk).post(URL, filing(applicant, other_respondent, trial_judge), format="json")
    assert response.status_code == 400 and list(response.json()) == ["defendants"]
    assert not LitigationCase.objects.exists() and not CaseNumberCounter.objects.exists()


def test_filing_refuses_a_plaintiff_who_is_also_a_defendant(api, clerk, trial_judge, applicant):
    response = api.as_user(clerk).post(URL, filing(applicant, applicant, trial_judge), format="json")
    assert response.status_code == 400 and "defendants" in response.json()


def test_an_outcome_with_a_payment_plan_is_recorded(api, trial_judge, lit_case):
    response = api.as_user(trial_judge).post(f"{URL}{lit_case.pk}/outcome/", {
        "kind": "mediation", "effective_on": "2024-03-01",
        "obligations": [{"due_on": "2024-05-01", "amount": "60000.00"}, {"due_on": "2024-08-01", "amount": "66000"}],
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kind_display"] == "调解"
    assert [o["amount"] for o in body["obligations"]] == ["60000.00", "66000.00"]
    detail = api.get(f"{URL}{lit_case.pk}/").json()
    assert detail["outcome"]["kind"] == "mediation"


@pytest.mark.parametrize("outcome, field", [
    ({"kind": "mediation", "effective_on": "2024-03-01", "obligations": [{"due_on": "2024-02-01", "amount": "1.00"}]},
     "obligations"),
    ({"kind": "judgment", "effective_on": "2024-01-01", "obligations": [{"due_on": "2024-02-01", "amount": "1.00"}]},
     "effective_on"),
    ({"kind": "judgment", "effective_on": "2024-03-01", "obligations": [{"due_on": "2024-04-01", "amount": "-1"}]},
     "obligations"),
    ({"kind": "judgment", "effective_on": "2024-03-01", "obligations": [{"due_on": "2024-04-01", "amount": "0"}]},
     "obligations"),
    ({"kind": "judgment", "effective_on": "2024-03-01", "obligations": []}, "obligations"),
    ({"kind": "decree", "effective_on": "2024-03-01", "obligations": []}, "kind"),
])
def test_a_bad_outcome_answers_400_and_writes_nothing(api, trial_judge, lit_case, outcome, field):
    response = api.as_user(trial_judge).post(f"{URL}{lit_case.pk}/outcome/", outcome, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Outcome.objects.exists()


def test_an_outcome_in_the_future_is_refused(api, trial_judge, lit_case):
    day = (court_today() + dt.timedelta(days=1)).isoformat()
    response = api.as_user(trial_judge).post(f"{URL}{lit_case.pk}/outcome/", {
        "kind": "judgment", "effective_on": day, "obligations": [{"due_on": day, "amount": "1.00"}]}, format="json")
    assert response.status_code == 400 and "effective_on" in response.json()


def test_a_preservation_is_recorded_and_validated(api, clerk, lit_case):
    client = api.as_user(clerk)
    ok = client.post(f"{URL}{lit_case.pk}/preservations/", {"kind": "litigation", "applied_on": "2024-01-12",
                                                             "amount": "126000.00"}, format="json")
    assert ok.status_code == 201 and ok.json()["kind_display"] == "诉讼保全"
    for body, field in [({"kind": "litigation", "applied_on": "2024-01-12", "amount": "0.00"}, "amount"),
                        ({"kind": "soon", "applied_on": "2024-01-12", "amount": "1.00"}, "kind"),
                        ({"kind": "litigation", "applied_on": "2024-01-12", "ruled_on": "2024-01-11",
                          "amount": "1.00"}, "ruled_on")]:
        response = client.post(f"{URL}{lit_case.pk}/preservations/", body, format="json")
        assert response.status_code == 400 and field in response.json(), response.json()
    assert Preservation.objects.count() == 1


def test_a_voluntary_payment_is_recorded_and_validated(api, clerk, lit_case):
    client = api.as_user(clerk)
    ok = client.post(f"{URL}{lit_case.pk}/payments/", {"paid_on": "2024-04-24", "amount": "126000.00"}, format="json")
    assert ok.status_code == 201 and ok.json()["amount"] == "126000.00"
    for body, field in [({"paid_on": "2024-01-09", "amount": "1.00"}, "paid_on"),
                        ({"paid_on": "2024-04-24", "amount": "-5"}, "amount"),
                        ({"paid_on": "24/04/2024", "amount": "5"}, "paid_on")]:
        response = client.post(f"{URL}{lit_case.pk}/payments/", body, format="json")
        assert response.status_code == 400 and field in response.json(), response.json()
    assert VoluntaryPayment.objects.count() == 1


def test_a_trial_judge_urges_a_defendant_before_enforcement(api, trial_judge, lit_case, respondent, applicant,
                                                            other_respondent):
    client = api.as_user(trial_judge)
    ok = client.post(f"{URL}{lit_case.pk}/urgings/", {"party": respondent.pk, "channel": "phone",
                                                       "occurred_on": "2024-04-24", "outcome": "承诺一周内付清",
                                                       "promised_on": "2024-05-01"}, format="json")
    assert ok.status_code == 201, ok.json()
    assert ok.json()["channel_display"] == "电话"
    for party, field in [(applicant, "party"), (other_respondent, "party")]:
        response = client.post(f"{URL}{lit_case.pk}/urgings/", {"party": party.pk, "channel": "phone",
                                                                 "occurred_on": "2024-04-24"}, format="json")
        assert response.status_code == 400 and field in response.json()
    response = client.post(f"{URL}{lit_case.pk}/urgings/", {"party": respondent.pk, "channel": "carrier_pigeon",
                                                             "occurred_on": "2024-04-24"}, format="json")
    assert response.status_code == 400 and "channel" in response.json()
    assert Urging.objects.count() == 1


def test_the_list_is_searched_and_filtered(api, clerk, make_litigation_case):
    sale = make_litigation_case(cause="买卖合同纠纷", is_property_dispute=True)
    divorce = make_litigation_case(cause="离婚纠纷", is_property_dispute=False)
    client = api.as_user(clerk)
    assert [r["id"] for r in client.get(URL, {"q": "买卖"}).json()["results"]] == [sale.pk]
    assert [r["id"] for r in client.get(URL, {"is_property_dispute": "false"}).json()["results"]] == [divorce.pk]
    assert [r["id"] for r in client.get(URL, {"q": "民初2号"}).json()["results"]] == [divorce.pk]
