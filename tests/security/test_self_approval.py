"""Nobody decides their own proposal: an account holding both the enforcement judge's and the leader's role (a
court admin may create one) can neither approve nor reject what it proposed — measures, a dishonest listing's
extension, a deadline extension of its own case, the quality review of its own 终本 closure — in the services, the
API and the browser. Another leader still can."""
import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cases.models import Todo
from cases.services.enforcement import case_close, case_extend_deadline
from clearance.services.review import review_create, review_mark
from sanctions.models import Sanction
from sanctions.services import dishonest_extend, sanction_approve, sanction_reject
from tests.factories import UserFactory, prepare_termination, propose_measure
from wanian_exec.errors import RuleViolation

pytestmark = pytest.mark.django_db
D = dt.date

# every measure that waits for the president's approval, with the facts its limits ask for
PROPOSALS = {
    "summons": {},
    "detention": {"start_on": D(2024, 3, 10), "end_on": D(2024, 3, 20)},
    "fine": {"amount": Decimal("5000.00")},
    "consumption_restriction": {},
    "dishonest_list": {},
    "exit_restriction": {},
    "criminal_referral": {},
}


@pytest.fixture
def judge_leader(court):
    """One account with both roles, as a court admin can create it."""
    return UserFactory(court=court, username="judge_leader", roles=["enforcement_judge", "leader"])


@pytest.fixture
def own_case(make_case, judge_leader):
    return make_case(actor=judge_leader, judge=judge_leader)


def proposal(case, party, kind, actor):
    return propose_measure(case, party, kind, actor=actor, decided_on=D(2024, 3, 10), **PROPOSALS[kind])


@pytest.mark.parametrize("kind", sorted(PROPOSALS))
def test_the_proposer_can_neither_approve_nor_reject_any_measure(kind, own_case, respondent, judge_leader, leader):
    sanction = proposal(own_case, respondent, kind, judge_leader)
    assert sanction.status == "proposed"
    with pytest.raises(RuleViolation) as approve:
        sanction_approve(sanction=sanction, actor=judge_leader, on=D(2024, 3, 11))
    with pytest.raises(RuleViolation) as reject:
        sanction_reject(sanction=sanction, actor=judge_leader, reason="自行撤回")
    assert approve.value.code == reject.value.code == "self_approval"
    assert Sanction.objects.get(pk=sanction.pk).status == "proposed"
    # another leader decides
    assert sanction_approve(sanction=sanction, actor=leader, on=D(2024, 3, 11)).status == "approved"


def test_the_proposer_gets_no_approval_todo(own_case, respondent, judge_leader, leader):
    proposal(own_case, respondent, "detention", judge_leader)
    assignees = set(Todo.objects.filter(kind="sanction_approval").values_list("assignee_id", flat=True))
    assert leader.pk in assignees and judge_leader.pk not in assignees


def test_the_api_answers_400_with_the_rule_code_in_chinese_and_english(api, own_case, respondent, judge_leader):
    sanction = proposal(own_case, respondent, "detention", judge_leader)
    client = api.as_user(judge_leader)
    url = f"/api/v1/sanctions/{sanction.pk}/approve/"
    response = client.post(url, {"approved_on": "2024-03-11"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "self_approval" and "本人提请" in body["detail"]
    english = client.post(url, {}, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["code"] == "self_approval" and "proposed yourself" in english["detail"]
    rejected = client.post(f"/api/v1/sanctions/{sanction.pk}/reject/", {"reason": "撤回"}, format="json")
    assert rejected.status_code == 400 and rejected.json()["code"] == "self_approval"
    assert Sanction.objects.get(pk=sanction.pk).status == "proposed"


def test_the_browser_offers_no_decision_to_the_proposer_and_refuses_a_forced_post(client, own_case, respondent,
                                                                                  judge_leader, leader):
    sanction = proposal(own_case, respondent, "detention", judge_leader)
    client.force_login(judge_leader)
    page = client.get(reverse("sanctions:detail", args=[sanction.pk])).content.decode()
    approve_url = reverse("sanctions:action", args=[sanction.pk, "approve"])
    reject_url = reverse("sanctions:action", args=[sanction.pk, "reject"])
    assert approve_url not in page and reject_url not in page and "须由其他院领导审批" in page
    queue = client.get(reverse("sanctions:approvals")).content.decode()
    assert approve_url not in queue
    response = client.post(approve_url, {"approve-approved_on": "2024-03-11"}, follow=True)
    texts = [str(m) for m in get_messages(response.wsgi_request)] + [response.content.decode()]
    assert any("不能审批本人提请的事项" in text for text in texts)
    assert Sanction.objects.get(pk=sanction.pk).status == "proposed"
    # the other leader sees the buttons and approves
    client.force_login(leader)
    assert approve_url in client.get(reverse("sanctions:approvals")).content.decode()
    client.post(approve_url, {"approve-approved_on": "2024-03-11"})
    assert Sanction.objects.get(pk=sanction.pk).status == "approved"


def test_a_dishonest_listing_is_not_extended_by_its_proposer(own_case, respondent, judge_leader, leader):
    listing = proposal(own_case, respondent, "dishonest_list", judge_leader)
    listing = sanction_approve(sanction=listing, actor=leader, on=D(2024, 3, 11))
    with pytest.raises(RuleViolation) as refused:
        dishonest_extend(sanction=listing, actor=judge_leader, years=1, on=D(2024, 6, 1), reason="情节严重")
    assert refused.value.code == "self_approval"
    assert dishonest_extend(sanction=listing, actor=leader, years=1, on=D(2024, 6, 1), reason="情节严重") \
        .extension_years == 1


def test_the_judge_in_charge_does_not_extend_their_own_deadline(own_case, judge_leader, leader):
    case = own_case
    applied = case.deadline_on - dt.timedelta(days=2)
    with pytest.raises(RuleViolation) as refused:
        case_extend_deadline(case=case, actor=judge_leader, months=1, reason="案情复杂", applied_on=applied)
    assert refused.value.code == "self_approval"
    extended = case_extend_deadline(case=case, actor=leader, months=1, reason="案情复杂", applied_on=applied)
    assert extended.deadline_on > case.deadline_on


def test_a_judge_does_not_grade_the_quality_review_of_their_own_closure(court, make_case, judge_leader, leader):
    case = make_case(actor=judge_leader, judge=judge_leader, filed_on=D(2023, 3, 1))
    prepare_termination(case, judge=judge_leader, leader=leader)
    case_close(case=case, actor=judge_leader, method="terminated_current", closed_on=D(2023, 8, 31),
               reason="经网络查控未发现可供执行的财产")
    review = review_create(court=court, actor=leader, period_from=D(2023, 1, 1), period_to=D(2023, 12, 31),
                           mode="all")
    item = review.items.get()
    with pytest.raises(RuleViolation) as refused:
        review_mark(item=item, actor=judge_leader, verdict="compliant")
    assert refused.value.code == "self_approval"
    assert review_mark(item=item, actor=leader, verdict="compliant").verdict == "compliant"
