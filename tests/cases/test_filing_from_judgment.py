"""Filing from a judgment: the form claims the judgment's unpaid part (from the litigation page's link, and when the
source case is picked in the form); a filing on an obligation already performed in full needs the clerk's explicit
confirmation with a reason — in the service, the API and the browser form — and the reason is kept on the timeline."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.models import CaseEvent, EnforcementCase
from cases.services.enforcement import enforcement_case_file
from cases.services.litigation import outcome_record, payment_record
from wanian_exec.errors import RuleViolation

pytestmark = pytest.mark.django_db


@pytest.fixture
def judgment(make_litigation_case, trial_judge):
    case = make_litigation_case()
    outcome_record(case=case, actor=trial_judge, kind="judgment", effective_on=dt.date(2024, 4, 1),
                   obligations=[{"due_on": dt.date(2024, 5, 1), "amount": Decimal("60000")},
                                {"due_on": dt.date(2024, 6, 1), "amount": Decimal("66000")}])
    return case


@pytest.fixture
def performed(judgment, trial_judge):
    payment_record(case=judgment, actor=trial_judge, paid_on=dt.date(2024, 4, 24), amount=Decimal("126000"))
    return judgment


def file_on(source, clerk, applicant, respondent, **extra):
    return enforcement_case_file(court=source.court, actor=clerk, applicants=[applicant], respondents=[respondent],
                                 amount_claimed=Decimal("3000"), filed_on=dt.date(2024, 7, 1), source_case=source,
                                 **extra)


def test_a_filing_on_a_judgment_paid_in_full_needs_a_reason(performed, clerk, applicant, respondent):
    with pytest.raises(RuleViolation) as refused:
        file_on(performed, clerk, applicant, respondent)
    assert refused.value.code == "obligation_performed" and refused.value.extra["owed"] == "126000.00"
    assert not EnforcementCase.objects.exists()
    case = file_on(performed, clerk, applicant, respondent, performed_reason="尚欠迟延履行期间的债务利息")
    filed = CaseEvent.objects.get(case=case, kind="filed")
    assert "尚欠迟延履行期间的债务利息" in filed.note


def test_a_judgment_partly_paid_files_without_a_reason(judgment, clerk, applicant, respondent, trial_judge):
    payment_record(case=judgment, actor=trial_judge, paid_on=dt.date(2024, 4, 24), amount=Decimal("60000"))
    assert file_on(judgment, clerk, applicant, respondent).pk


def test_the_api_refuses_without_the_reason_and_files_with_it(api, clerk, performed, applicant, respondent):
    client = api.as_user(clerk)
    body = {"source_case": performed.pk, "applicants": [applicant.pk], "respondents": [respondent.pk],
            "amount_claimed": "3000.00", "filed_on": "2024-07-01"}
    refused = client.post("/api/v1/enforcement-cases/", body, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "obligation_performed"
    filed = client.post("/api/v1/enforcement-cases/", {**body, "performed_reason": "迟延履行利息"}, format="json")
    assert filed.status_code == 201 and "performed_reason" not in filed.json()


def test_the_form_asks_for_the_reason_when_the_judgment_is_paid(client, clerk, performed, applicant, respondent):
    client.force_login(clerk)
    page = client.get(reverse("case-new"), {"source_case": performed.pk}).content.decode()
    assert 'data-testid="performed-reason"' in page
    body = {"case_type": "执", "source_case": performed.pk, "applicants": [applicant.pk],
            "respondents": [respondent.pk], "amount_claimed": "3000", "filed_on": "2024-07-01"}
    refused = client.post(reverse("case-new"), body)
    assert refused.status_code == 200 and "已自动履行完毕" in refused.content.decode()
    assert 'data-testid="performed-reason"' in refused.content.decode()
    filed = client.post(reverse("case-new"), {**body, "performed_reason": "迟延履行利息"})
    assert filed.status_code == 302 and EnforcementCase.objects.count() == 1


def test_an_unpaid_judgment_does_not_ask(client, clerk, judgment):
    client.force_login(clerk)
    page = client.get(reverse("case-new"), {"source_case": judgment.pk}).content.decode()
    assert 'data-testid="performed-reason"' not in page


def test_the_lookup_offers_the_unpaid_part_to_the_claim(client, clerk, judgment, trial_judge, make_litigation_case):
    payment_record(case=judgment, actor=trial_judge, paid_on=dt.date(2024, 4, 24), amount=Decimal("60000"))
    no_outcome = make_litigation_case(cause="租赁合同纠纷", claim_amount=Decimal("5000.00"))
    client.force_login(clerk)
    html = client.get(reverse("litigation-lookup"), {"source_case_q": "纠纷"}).content.decode()
    assert f'data-pick-case="{judgment.pk}"' in html and 'data-pick-amount="66000.00"' in html
    assert 'data-pick-amount="5000.00"' in html and no_outcome.number in html


def test_a_preservation_enforcement_on_a_paid_judgment_is_not_asked(performed, clerk, applicant, respondent):
    assert file_on(performed, clerk, applicant, respondent, case_type="执保").pk
