"""Coercive measures through the services: a judge proposes, a leader approves; effects land on the timeline."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.services.common import court_today
from cases.services.enforcement import case_close
from sanctions.models import Sanction
from sanctions.services import (prosecution_police_decision, prosecution_send, sanction_approve, sanction_propose,
                                sanction_reject)
from tests.factories import OrganizationFactory, PersonFactory, minor_resident_id
from wanian_exec.errors import RuleViolation

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 4, 1)


def propose(case, party, actor, kind, **kw):
    # urgency stated and a ground given, so the urging rule and the dishonest grounds (tested on their own in
    # test_coercion.py) stay out of these tests' way; a summons carries its refused lawful summons
    kw.setdefault("urgency_reason", "被执行人正在转移财产")
    if kind == "dishonest_list":
        kw.setdefault("dishonest_ground", "report_breach")
    if kind == "summons":
        kw.setdefault("lawful_summons_on", kw.get("decided_on", DAY) - dt.timedelta(days=5))
        kw.setdefault("summons_refused_on", kw.get("decided_on", DAY) - dt.timedelta(days=2))
    return sanction_propose(case=case, party=party, actor=actor, kind=kind, decided_on=kw.pop("decided_on", DAY), **kw)


def test_a_consumption_restriction_takes_effect_only_when_a_leader_approves(enforcement_case, judge, leader,
                                                                            respondent):
    # given a proposal
    sanction = propose(enforcement_case, respondent, judge, "consumption_restriction")
    assert sanction.status == "proposed"
    assert not enforcement_case.events.filter(kind="consumption_restricted").exists()
    # when the leader approves
    approved = sanction_approve(sanction=sanction, actor=leader, on=DAY + dt.timedelta(days=1))
    # then
    assert (approved.status, approved.approved_by, approved.approved_on) == ("approved", leader, dt.date(2024, 4, 2))
    event = enforcement_case.events.get(kind="consumption_restricted")
    assert (event.party, event.actor, event.occurred_on) == (respondent, leader, dt.date(2024, 4, 2))


def test_approving_twice_is_harmless(enforcement_case, judge, leader, respondent):
    sanction = propose(enforcement_case, respondent, judge, "dishonest_list")
    sanction_approve(sanction=sanction, actor=leader, on=DAY)
    sanction_approve(sanction=sanction, actor=leader, on=DAY)
    assert enforcement_case.events.filter(kind="dishonest_listed").count() == 1


def test_a_judge_cannot_approve(enforcement_case, judge, respondent):
    sanction = propose(enforcement_case, respondent, judge, "detention", start_on=DAY,
                       end_on=DAY + dt.timedelta(days=14))
    with pytest.raises(RuleViolation) as excinfo:
        sanction_approve(sanction=sanction, actor=judge, on=DAY)
    assert excinfo.value.code == "approval_required"
    assert Sanction.objects.get(pk=sanction.pk).status == "proposed"


def test_a_rejection_needs_a_reason_and_ends_the_proposal(enforcement_case, judge, leader, respondent):
    sanction = propose(enforcement_case, respondent, judge, "fine", amount=Decimal("5000.00"))
    with pytest.raises(ValidationError):
        sanction_reject(sanction=sanction, actor=leader, reason="  ")
    rejected = sanction_reject(sanction=sanction, actor=leader, reason="事实不清")
    assert (rejected.status, rejected.rejection_reason) == ("rejected", "事实不清")
    with pytest.raises(RuleViolation) as excinfo:
        sanction_approve(sanction=sanction, actor=leader, on=DAY)
    assert excinfo.value.code == "not_proposed"
    assert not enforcement_case.events.filter(kind="obstruction_sanctioned").exists()


def test_approval_dates_must_be_on_or_after_the_decision_and_not_in_the_future(enforcement_case, judge, leader,
                                                                               respondent):
    sanction = propose(enforcement_case, respondent, judge, "summons")
    for on in [DAY - dt.timedelta(days=1), court_today() + dt.timedelta(days=1)]:
        with pytest.raises(ValidationError) as excinfo:
            sanction_approve(sanction=sanction, actor=leader, on=on)
        assert "approved_on" in excinfo.value.message_dict
    assert Sanction.objects.get(pk=sanction.pk).status == "proposed"


def test_a_private_prosecution_needs_no_approval(enforcement_case, judge, leader, respondent):
    # given the police declined the court's referral (the private prosecution's precondition)
    referral = sanction_approve(sanction=propose(enforcement_case, respondent, judge, "criminal_referral"),
                                actor=leader, on=DAY)
    prosecution_send(prosecution=referral.prosecution, actor=judge, police_agency="万年县公安局", sent_on=DAY)
    prosecution_police_decision(prosecution=referral.prosecution, actor=judge, decision="declined", decided_on=DAY)
    # when the applicant's private prosecution is recorded, then it stands at once
    sanction = propose(enforcement_case, respondent, judge, "private_prosecution")
    assert sanction.status == "approved"
    assert enforcement_case.events.filter(kind="sanction_approved").exists()


@pytest.mark.parametrize("days, ok", [(15, True), (16, False)])
def test_detention_is_at_most_fifteen_days(enforcement_case, judge, respondent, days, ok):
    kwargs = dict(start_on=DAY, end_on=DAY + dt.timedelta(days=days - 1))
    if ok:
        assert propose(enforcement_case, respondent, judge, "detention", **kwargs).pk
    else:
        with pytest.raises(ValidationError) as excinfo:
            propose(enforcement_case, respondent, judge, "detention", **kwargs)
        assert "end_on" in excinfo.value.message_dict
        assert not Sanction.objects.exists()


@pytest.mark.parametrize("amount, ok", [("100000.00", True), ("100000.01", False)])
def test_an_individual_is_fined_at_most_100000(enforcement_case, judge, respondent, amount, ok):
    call = lambda: propose(enforcement_case, respondent, judge, "fine", amount=Decimal(amount))  # noqa: E731
    if ok:
        assert call().amount == Decimal(amount)
    else:
        with pytest.raises(ValidationError):
            call()


@pytest.mark.parametrize("amount, ok", [("50000.00", True), ("1000000.00", True), ("49999.99", False),
                                        ("1000000.01", False)])
def test_a_unit_is_fined_between_50000_and_1000000(make_case, court, judge, amount, ok):
    company = OrganizationFactory(court=court)
    case = make_case(respondents=[company])
    call = lambda: propose(case, company, judge, "fine", amount=Decimal(amount))  # noqa: E731
    if ok:
        assert call().amount == Decimal(amount)
    else:
        with pytest.raises(ValidationError) as excinfo:
            call()
        assert "amount" in excinfo.value.message_dict


def test_a_minor_is_not_put_on_the_dishonest_list_until_eighteen(make_case, court, judge):
    # given a respondent who turns 18 on 1 May 2024
    young = PersonFactory(court=court, id_number=minor_resident_id(dt.date(2006, 5, 1)))
    case = make_case(respondents=[young])
    # when listed the day before
    with pytest.raises(ValidationError) as excinfo:
        propose(case, young, judge, "dishonest_list", decided_on=dt.date(2024, 4, 30))
    assert "party" in excinfo.value.message_dict
    # then refused, and on the birthday allowed
    assert propose(case, young, judge, "dishonest_list", decided_on=dt.date(2024, 5, 1)).status == "proposed"


def test_a_measure_reaches_only_a_respondent_of_the_case(enforcement_case, judge, applicant, court):
    for party in [applicant, PersonFactory(court=court)]:
        with pytest.raises(ValidationError) as excinfo:
            propose(enforcement_case, party, judge, "consumption_restriction")
        assert "party" in excinfo.value.message_dict


def test_a_measure_cannot_be_decided_before_filing_or_in_the_future(enforcement_case, judge, respondent):
    for day in [dt.date(2024, 2, 1), court_today() + dt.timedelta(days=1)]:
        with pytest.raises(ValidationError) as excinfo:
            propose(enforcement_case, respondent, judge, "consumption_restriction", decided_on=day)
        assert "decided_on" in excinfo.value.message_dict


def test_an_unknown_kind_is_refused(enforcement_case, judge, respondent):
    with pytest.raises(ValidationError) as excinfo:
        propose(enforcement_case, respondent, judge, "flogging")
    assert "kind" in excinfo.value.message_dict


def test_a_closed_case_takes_no_new_measure(enforcement_case, judge, respondent):
    case_close(case=enforcement_case, actor=judge, method="completed", closed_on=DAY)
    with pytest.raises(RuleViolation) as excinfo:
        propose(enforcement_case, respondent, judge, "consumption_restriction")
    assert excinfo.value.code == "case_closed"
