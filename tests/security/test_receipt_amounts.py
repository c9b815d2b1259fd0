"""Money is bounded by its column: every amount typed in — receipts, claims, instalments, fines, rule limits — is
at most 999亿 yuan, a 400 on the field (never a numeric overflow); the sum kept on a case never passes the column;
and a receipt far above what is still owed is refused (400 saying what to do) until it is explicitly confirmed
(`confirm_excess` in the API, a checkbox in the browser)."""
import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from cases.models import EnforcementCase, FundEntry
from cases.services.case_work import case_record_fund

pytestmark = pytest.mark.django_db
URL = "/api/v1/enforcement-cases/"
COLUMN_MAX = "999999999999.99"


def receipt(amount, **extra):
    return {"direction": "in", "amount": amount, "occurred_on": "2024-04-01", **extra}


@pytest.mark.parametrize("amount", [COLUMN_MAX, "100000000000.00", "1000000000000", "99999999999999.99"])
def test_an_amount_beyond_the_bound_is_a_400_on_the_field(api, judge, enforcement_case, amount):
    response = api.as_user(judge).post(f"{URL}{enforcement_case.pk}/funds/", receipt(amount), format="json")
    assert response.status_code == 400, response.content
    assert "999亿" in response.json()["amount"][0]
    assert not FundEntry.objects.exists()
    assert EnforcementCase.objects.get(pk=enforcement_case.pk).amount_recovered == 0


def test_a_receipt_far_above_the_claim_needs_a_confirmation(api, judge, enforcement_case):
    # given a case claiming 126,000 yuan
    client = api.as_user(judge)
    url = f"{URL}{enforcement_case.pk}/funds/"
    # when a receipt of 1,000,000 yuan arrives without confirmation
    refused = client.post(url, receipt("1000000.00"), format="json")
    # then it is refused, saying what to do, and nothing is written
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "receipt_exceeds_claim"
    assert "确认超额到账" in body["detail"] and "confirm_excess" in body["detail"]
    assert Decimal(body["limit"]) == Decimal("189000.00")  # 126,000 outstanding + half the claim
    assert not FundEntry.objects.exists()
    english = client.post(url, receipt("1000000.00"), format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert "confirm" in english["detail"].lower() and "确认" not in english["detail"]
    # and confirmed, it is recorded
    confirmed = client.post(url, receipt("1000000.00", confirm_excess=True), format="json")
    assert confirmed.status_code == 201, confirmed.content
    assert EnforcementCase.objects.get(pk=enforcement_case.pk).amount_recovered == Decimal("1000000.00")


def test_a_receipt_within_the_margin_is_taken_as_it_comes(api, judge, enforcement_case):
    client = api.as_user(judge)
    url = f"{URL}{enforcement_case.pk}/funds/"
    assert client.post(url, receipt("126000.00"), format="json").status_code == 201
    # interest for delayed performance beyond the claim, within the margin
    assert client.post(url, receipt("8000.00"), format="json").status_code == 201
    # a second full payment of an already-paid claim is far above what is owed
    assert client.post(url, receipt("126000.00"), format="json").status_code == 400


def test_the_sum_kept_on_the_case_never_passes_the_column(enforcement_case, judge):
    for _ in range(10):
        case_record_fund(case=enforcement_case, actor=judge, direction="in", amount=Decimal("99999999999.99"),
                         occurred_on=dt.date(2024, 4, 1), confirm_excess=True)
    assert EnforcementCase.objects.get(pk=enforcement_case.pk).amount_recovered == Decimal("999999999999.90")
    with pytest.raises(ValidationError) as refused:
        case_record_fund(case=enforcement_case, actor=judge, direction="in", amount=Decimal("1.00"),
                         occurred_on=dt.date(2024, 4, 1), confirm_excess=True)
    assert "amount" in refused.value.message_dict
    assert FundEntry.objects.count() == 10


def test_the_browser_form_refuses_it_and_offers_the_checkbox(client, judge, enforcement_case):
    client.force_login(judge)
    url = f"/cases/{enforcement_case.pk}/funds/"
    page = client.post(url, {"direction": "in", "amount": "1000000", "occurred_on": "2024-04-01"})
    text = page.content.decode()
    assert "远超本案尚未执行到位" in text and 'name="confirm_excess"' in text and not FundEntry.objects.exists()
    huge = client.post(url, {"direction": "in", "amount": COLUMN_MAX, "occurred_on": "2024-04-01"})
    assert "999亿" in huge.content.decode() and not FundEntry.objects.exists()
    client.post(url, {"direction": "in", "amount": "1000000", "occurred_on": "2024-04-01", "confirm_excess": "on"})
    assert FundEntry.objects.get().amount == Decimal("1000000.00")


def test_other_money_inputs_are_bounded_too(api, clerk, judge, trial_judge, court_admin, enforcement_case, applicant,
                                            respondent, make_litigation_case):
    filing = {"applicants": [applicant.pk], "respondents": [respondent.pk], "amount_claimed": COLUMN_MAX,
              "filed_on": "2024-03-01", "judge": judge.pk, "source_document": "（2024）赣1129民初1号民事判决书"}
    claimed = api.as_user(clerk).post(URL, filing, format="json")
    assert claimed.status_code == 400 and "999亿" in claimed.json()["amount_claimed"][0]
    lit = make_litigation_case(filed_on=dt.date(2024, 1, 10))
    outcome = api.as_user(trial_judge).post(f"/api/v1/litigation-cases/{lit.pk}/outcome/", {
        "kind": "mediation", "effective_on": "2024-03-01",
        "obligations": [{"due_on": "2024-05-01", "amount": COLUMN_MAX}]}, format="json")
    assert outcome.status_code == 400 and "999亿" in str(outcome.json()["obligations"]), outcome.json()
    fine = api.as_user(judge).post("/api/v1/sanctions/", {
        "case": enforcement_case.pk, "party": respondent.pk, "kind": "fine", "decided_on": "2024-03-10",
        "amount": COLUMN_MAX, "urgency_reason": "转移财产"}, format="json")
    assert fine.status_code == 400 and "999亿" in fine.json()["amount"][0]
    rules = api.as_user(court_admin).post("/api/v1/push-rules/", {"small_amount_limit": COLUMN_MAX}, format="json")
    assert rules.status_code == 400 and "999亿" in rules.json()["small_amount_limit"][0]
