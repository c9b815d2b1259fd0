"""Criminal referral and private prosecution (拒执罪): letter and evidence list, the police's 7 / 30 days with overdue
flags, outcomes, the private-prosecution path, settlement and payments; the crackdown metrics for statistics."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.models import Todo
from cases.services.case_work import case_record_fund
from sanctions import selectors
from sanctions.models import Prosecution
from sanctions.rosters import rosters_job
from sanctions.services import (evidence_record, prosecution_add_evidence, prosecution_payment,
                                prosecution_police_decision, prosecution_progress, prosecution_send,
                                prosecution_settle, sanction_reject)
from tests.factories import PersonFactory
from wanian_exec.errors import RuleViolation

from .conftest import travel_csv

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/api/v1/prosecutions/"


@pytest.fixture
def referral(xu, judge, urge, approve, court):
    """徐某 referred to the police after flights under the restriction (the article's case)."""
    from sanctions.travel import travel_import

    travel_import(court=court, actor=judge, upload=travel_csv([[xu.id, "徐某", "flight", "2024-07-05",
                                                                "CZ3456 南昌—曼谷", "经济舱"]]))
    evidence_record(case=xu.case, party=xu.party, actor=judge, kind="spending", occurred_on=D(2024, 8, 1),
                    description="携家人出境旅游", source="出入境记录")
    urge(xu.case, xu.party, on=D(2024, 8, 2))
    sanction = approve(xu.case, xu.party, "criminal_referral", decided_on=D(2024, 8, 5), on=D(2024, 8, 6),
                       note="被执行人在限制消费期间多次乘坐飞机出境")
    return sanction.prosecution


def test_an_approved_referral_opens_a_track_with_its_evidence_list(referral, xu):
    assert (referral.track, referral.stage, referral.case, referral.party) == ("referral", "to_send", xu.case, xu.party)
    titles = [e.title for e in referral.evidence.all()]
    assert titles == ["执行依据", "出行记录（乘坐飞机）", "高消费"]
    assert "违反限制消费" in referral.evidence.all()[1].description


def test_the_police_have_7_days_and_are_flagged_when_late(referral, judge, api):
    prosecution_add_evidence(prosecution=referral, actor=judge, title="银行流水", description="转出12万元")
    sent = prosecution_send(prosecution=referral, actor=judge, police_agency="万年县公安局", sent_on=D(2024, 8, 7))
    assert (sent.stage, sent.police_due_on) == ("awaiting_police", D(2024, 8, 14))
    assert not sent.police_overdue(D(2024, 8, 14)) and sent.police_overdue(D(2024, 8, 15))
    with pytest.raises(RuleViolation):  # the list went with the letter
        prosecution_add_evidence(prosecution=referral, actor=judge, title="补充")
    summary = rosters_job(today=D(2024, 8, 15))
    assert summary["police_overdue_flagged"] == 1
    assert Todo.objects.get(dedupe_key=f"police_overdue:{referral.pk}").kind == "node_overdue"
    body = api.as_user(judge).get(f"{URL}{referral.pk}/").json()
    assert (body["police_due_on"], body["police_overdue"], body["stage"]) == ("2024-08-14", True, "awaiting_police")
    assert [p["id"] for p in api.as_user(judge).get(URL, {"overdue": "true"}).json()["results"]] == [referral.pk]


def test_a_complex_case_gives_the_police_30_days(referral, judge):
    sent = prosecution_send(prosecution=referral, actor=judge, police_agency="万年县公安局", sent_on=D(2024, 8, 7),
                            complex_case=True)
    assert sent.police_due_on == D(2024, 9, 6)
    assert rosters_job(today=D(2024, 9, 6)).get("police_overdue_flagged", 0) == 0


def test_case_opened_prosecuted_judged(referral, judge):
    prosecution_send(prosecution=referral, actor=judge, police_agency="万年县公安局", sent_on=D(2024, 8, 7))
    with pytest.raises(RuleViolation):
        prosecution_progress(prosecution=referral, actor=judge, prosecuted_on=D(2024, 9, 1))
    with pytest.raises(ValidationError):
        prosecution_police_decision(prosecution=referral, actor=judge, decision="opened", decided_on=D(2024, 8, 6))
    opened = prosecution_police_decision(prosecution=referral, actor=judge, decision="opened",
                                         decided_on=D(2024, 8, 10), note="刑事拘留")
    assert opened.stage == "case_opened"
    prosecution_progress(prosecution=referral, actor=judge, prosecuted_on=D(2024, 9, 20))
    judged = prosecution_progress(prosecution=referral, actor=judge, judged_on=D(2024, 10, 30),
                                  judgment="拒不执行判决罪，判处有期徒刑一年")
    assert (judged.stage, judged.judgment) == ("judged", "拒不执行判决罪，判处有期徒刑一年")


def test_when_the_police_decline_the_applicant_may_prosecute_privately_then_settle_and_pay(
        referral, xu, judge, propose, api):
    # not before the police declined
    with pytest.raises(ValidationError):
        propose(xu.case, xu.party, "private_prosecution", decided_on=D(2024, 8, 20))
    prosecution_send(prosecution=referral, actor=judge, police_agency="万年县公安局", sent_on=D(2024, 8, 7))
    declined = prosecution_police_decision(prosecution=referral, actor=judge, decision="declined",
                                           decided_on=D(2024, 8, 12))
    assert declined.stage == "declined"
    private = propose(xu.case, xu.party, "private_prosecution", decided_on=D(2024, 8, 20), note="申请执行人提起自诉")
    assert private.status == "approved"  # the applicant's own act: nothing to approve
    track = private.prosecution
    assert (track.track, track.origin, track.stage, track.filed_on) == ("private", referral, "filed", D(2024, 8, 20))
    prosecution_settle(prosecution=track, actor=judge, settled_on=D(2024, 9, 1), terms="分两期付清30万元")
    prosecution_payment(prosecution=track, actor=judge, amount=Decimal("150000.00"), paid_on=D(2024, 9, 5))
    response = api.as_user(judge).post(f"{URL}{track.pk}/payment/", {"amount": "150000.00", "paid_on": "2024-10-05",
                                                                     "performed": True}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["stage"] == "performed"
    xu.case.refresh_from_db()
    assert xu.case.amount_recovered == Decimal("300000.00")


def test_performed_needs_a_settlement(referral, judge):
    with pytest.raises(ValidationError):
        prosecution_payment(prosecution=referral, actor=judge, amount=Decimal("1"), paid_on=D(2024, 8, 7),
                            performed=True)


# --- the crackdown metrics ---------------------------------------------------------------------------------------


def test_crackdown_recovery_counts_money_received_after_the_measure(court, other_court, judge, leader, make_case,
                                                                   urge, approve, propose, other_case, other_judge):
    referred_case, detained_case, rejected_case = make_case(), make_case(), make_case()
    for case in (referred_case, detained_case, rejected_case):
        urge(case, case.respondents.get(), on=D(2024, 3, 2))

    def receive(case, day, amount, actor=judge):
        case_record_fund(case=case, actor=actor, direction="in", amount=Decimal(amount), occurred_on=day)

    approve(referred_case, referred_case.respondents.get(), "criminal_referral", decided_on=D(2024, 4, 9),
            on=D(2024, 4, 10))
    approve(detained_case, detained_case.respondents.get(), "detention", decided_on=D(2024, 5, 30),
            on=D(2024, 6, 1), start_on=D(2024, 6, 1), end_on=D(2024, 6, 10))
    sanction_reject(sanction=propose(rejected_case, rejected_case.respondents.get(), "criminal_referral",
                                     decided_on=D(2024, 4, 1)), actor=leader, reason="证据不足")
    receive(referred_case, D(2024, 4, 9), "500")   # the day before: not the crackdown's
    receive(referred_case, D(2024, 4, 10), "1000")  # the day it took effect: counts
    receive(detained_case, D(2024, 6, 30), "7000.50")
    receive(detained_case, D(2024, 7, 1), "9")      # after the period
    receive(rejected_case, D(2024, 5, 1), "800")    # a rejected referral is no crackdown
    receive(other_case, D(2024, 5, 1), "9999", actor=other_judge)

    recovery = selectors.crackdown_recovery([court], D(2024, 1, 1), D(2024, 6, 30))
    assert recovery.value == Decimal("8000.50")
    assert sorted(e.amount for e in recovery.entries) == [Decimal("1000.00"), Decimal("7000.50")]
    assert set(recovery.cases) == {referred_case, detained_case}
    assert selectors.crackdown_recovery(None, D(2024, 1, 1), D(2024, 7, 31)).value == Decimal("8009.50")
    assert selectors.crackdown_recovery(court.pk).value == Decimal("8009.50")
    assert selectors.crackdown_recovery([other_court]).value == Decimal("0.00")


def test_referrals_count_cases_and_persons(court, make_case, urge, approve, propose, leader):
    first, second = PersonFactory(court=court), PersonFactory(court=court)
    both = make_case(respondents=[first, second])
    single = make_case()
    for party in (first, second):
        urge(both, party, on=D(2024, 3, 2))
        approve(both, party, "criminal_referral", decided_on=D(2024, 4, 9), on=D(2024, 4, 10))
    urge(single, single.respondents.get(), on=D(2024, 3, 2))
    approve(single, single.respondents.get(), "criminal_referral", decided_on=D(2024, 6, 25), on=D(2024, 7, 2))
    figures = selectors.referrals([court], D(2024, 1, 1), D(2024, 6, 30))
    assert (figures.cases, figures.persons) == (1, 2)
    assert {s.case for s in figures.sanctions} == {both}
    assert (selectors.referrals([court]).cases, selectors.referrals([court]).persons) == (2, 3)
    assert Prosecution.objects.count() == 3
