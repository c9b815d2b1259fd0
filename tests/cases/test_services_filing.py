"""Filing litigation and enforcement cases through the services: numbers, validation, atomicity."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases import rules
from cases.models import CaseEvent, CaseNumberCounter, EnforcementCase, LitigationCase
from cases.services import enforcement as enforcement_services
from cases.services.common import court_today
from cases.services.enforcement import enforcement_case_file
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def counter_last(court, year, case_type):
    row = CaseNumberCounter.objects.filter(court=court, year=year, case_type=case_type).first()
    return row.last if row else 0


# --- numbers ---------------------------------------------------------------------------------------------


def test_filing_allocates_consecutive_numbers_per_court_year_and_type(make_case):
    # when
    numbers = [make_case().number for _ in range(3)]
    # then
    assert numbers == ["（2024）赣1129执1号", "（2024）赣1129执2号", "（2024）赣1129执3号"]


def test_each_case_type_has_its_own_sequence(make_case):
    make_case()
    make_case()
    preservation = make_case(case_type="执保", source_document="")
    objection = make_case(case_type="执异")
    assert preservation.number == "（2024）赣1129执保1号"
    assert objection.number == "（2024）赣1129执异1号"
    assert make_case().number == "（2024）赣1129执3号"


def test_the_sequence_restarts_each_year_of_filing(make_case):
    make_case(filed_on=dt.date(2024, 12, 31))
    make_case(filed_on=dt.date(2024, 12, 31))
    new_year = make_case(filed_on=dt.date(2025, 1, 2))
    assert new_year.number == "（2025）赣1129执1号"
    assert (new_year.year, new_year.sequence) == (2025, 1)


def test_each_court_has_its_own_sequence(make_case, other_case):
    make_case()
    second = make_case()
    assert other_case.number == "（2024）赣1128执1号"
    assert second.number == "（2024）赣1129执2号"


def test_litigation_cases_are_numbered_separately_from_enforcement(make_case, make_litigation_case):
    make_case()
    first = make_litigation_case()
    second = make_litigation_case()
    assert [first.number, second.number] == ["（2024）赣1129民初1号", "（2024）赣1129民初2号"]


def test_filing_sets_deadline_status_timeline_and_search_names(make_case, applicant, respondent):
    case = make_case(filed_on=dt.date(2024, 8, 31))
    assert case.status == "filed"
    assert case.deadline_on == dt.date(2025, 2, 28)
    assert applicant.name in case.party_names and respondent.name in case.party_names
    event = case.events.get()
    assert (event.kind, event.occurred_on, event.amount) == ("filed", dt.date(2024, 8, 31), Decimal("126000.00"))


def test_non_litigation_enforcement_has_a_three_month_limit(make_case):
    case = make_case(is_non_litigation=True)
    assert case.deadline_on == rules.add_months(case.filed_on, 3) == dt.date(2024, 6, 1)


# --- bad input -------------------------------------------------------------------------------------------------


def assert_fields(excinfo, *fields):
    assert set(fields) <= set(excinfo.value.message_dict), excinfo.value.message_dict


@pytest.mark.parametrize("amount", [Decimal("-1.00"), Decimal("0"), Decimal("0.00")])
def test_filing_refuses_a_non_positive_amount(make_case, amount):
    with pytest.raises(ValidationError) as excinfo:
        make_case(amount_claimed=amount)
    assert_fields(excinfo, "amount_claimed")
    assert not EnforcementCase.objects.exists()


def test_filing_refuses_a_future_date(make_case):
    with pytest.raises(ValidationError) as excinfo:
        make_case(filed_on=court_today() + dt.timedelta(days=1))
    assert_fields(excinfo, "filed_on")


def test_filing_refuses_a_party_of_another_court(make_case, other_applicant, other_respondent):
    with pytest.raises(ValidationError) as excinfo:
        make_case(applicants=[other_applicant], respondents=[other_respondent])
    assert_fields(excinfo, "applicants", "respondents")


def test_filing_refuses_a_judge_of_another_court(make_case, other_judge):
    with pytest.raises(ValidationError) as excinfo:
        make_case(judge=other_judge)
    assert_fields(excinfo, "judge")


def test_filing_refuses_an_applicant_who_is_also_a_respondent(make_case, applicant):
    with pytest.raises(ValidationError) as excinfo:
        make_case(respondents=[applicant])
    assert_fields(excinfo, "respondents")


def test_filing_needs_parties_on_both_sides(make_case):
    with pytest.raises(ValidationError) as excinfo:
        make_case(applicants=[], respondents=[])
    assert_fields(excinfo, "applicants", "respondents")


def test_filing_refuses_an_unknown_case_type(make_case):
    with pytest.raises(ValidationError) as excinfo:
        make_case(case_type="执X")
    assert_fields(excinfo, "case_type")


def test_a_first_enforcement_needs_a_source_case_or_document(make_case):
    with pytest.raises(ValidationError) as excinfo:
        make_case(source_document="  ")
    assert_fields(excinfo, "source_document")


def test_a_resumed_case_cannot_be_filed_directly(make_case):
    with pytest.raises(ValidationError) as excinfo:
        make_case(case_type="执恢")
    assert_fields(excinfo, "case_type")


def test_enforcement_cannot_be_filed_before_its_source_case(make_case, make_litigation_case):
    source = make_litigation_case(filed_on=dt.date(2024, 5, 1))
    with pytest.raises(ValidationError) as excinfo:
        make_case(source_case=source, source_document="", filed_on=dt.date(2024, 4, 30))
    assert_fields(excinfo, "filed_on")


def test_litigation_filing_refuses_bad_input(make_litigation_case, applicant, other_respondent):
    with pytest.raises(ValidationError) as excinfo:
        make_litigation_case(defendants=[applicant, other_respondent], filed_on=court_today() + dt.timedelta(days=3),
                             claim_amount=Decimal("-5"))
    assert_fields(excinfo, "defendants", "filed_on")
    with pytest.raises(ValidationError) as excinfo:
        make_litigation_case(claim_amount=Decimal("-5"))
    assert_fields(excinfo, "claim_amount")
    assert not LitigationCase.objects.exists()


# --- atomicity ---------------------------------------------------------------------------------------------


def test_a_refused_filing_leaves_no_case_and_takes_no_number(make_case, court, other_respondent):
    # given a filing with a party of another court
    with pytest.raises(ValidationError):
        make_case(respondents=[other_respondent])
    # then nothing was written and the counter did not move
    assert not EnforcementCase.objects.exists()
    assert counter_last(court, 2024, "执") == 0
    # and the next good filing is number 1
    assert make_case().number == "（2024）赣1129执1号"


def test_a_filing_failing_after_its_number_was_taken_rolls_the_number_back(make_case, court, monkeypatch):
    # given one case filed, and a timeline write that fails on the next filing (after the number is allocated)
    make_case()

    def broken_record_event(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(enforcement_services, "record_event", broken_record_event)
    # when
    with pytest.raises(RuntimeError):
        make_case()
    # then the half-filed case and its number are gone
    assert EnforcementCase.objects.count() == 1
    assert counter_last(court, 2024, "执") == 1
    monkeypatch.undo()
    assert make_case().number == "（2024）赣1129执2号"
    assert CaseEvent.objects.filter(kind="filed").count() == 2


def test_a_case_of_another_court_filed_by_its_own_staff_is_numbered_there(other_court):
    # given a court with its own judge and parties, filing for the first time
    judge = UserFactory(court=other_court, roles=["enforcement_judge"])
    a, r = PersonFactory(court=other_court), PersonFactory(court=other_court)
    # when
    case = enforcement_case_file(court=other_court, actor=judge, applicants=[a], respondents=[r],
                                 amount_claimed=Decimal("1.00"), filed_on=dt.date(2024, 6, 1),
                                 source_document="公证债权文书")
    # then
    assert case.number == "（2024）赣1128执1号"
    assert counter_last(other_court, 2024, "执") == 1
