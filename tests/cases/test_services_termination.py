"""The 终本 gate end to end through the real services, and resumption as a 执恢 case."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.models import Asset, EnforcementCase
from cases.selectors import case_timeline_rows, termination_facts
from cases.services.case_work import case_record_event, case_record_fund, case_request_inquiry
from cases.services.enforcement import case_close, case_resume
from sanctions.services import sanction_approve, sanction_propose, sanction_reject
from tests.factories import PersonFactory, minor_resident_id, prepare_termination, propose_measure
from wanian_exec.errors import RuleViolation

pytestmark = pytest.mark.django_db

FILED = dt.date(2024, 3, 1)
CLOSING = dt.date(2024, 7, 1)


@pytest.fixture(autouse=True)
def no_property_found(inquiry_results):
    """The simulated online inquiry finds nothing unless a test says otherwise."""
    inquiry_results({})


def close_terminated(case, judge, closed_on=CLOSING):
    return case_close(case=case, actor=judge, method="terminated_current", closed_on=closed_on,
                      reason="穷尽财产调查措施，未发现可供执行的财产")


def unmet_on_close(case, judge, closed_on=CLOSING):
    with pytest.raises(RuleViolation) as excinfo:
        close_terminated(case, judge, closed_on)
    assert excinfo.value.code == "preconditions_unmet"
    return excinfo.value.extra["unmet"]


def test_a_case_with_every_precondition_met_closes_as_terminated_current(enforcement_case, judge, leader):
    # given a case worked through the services as the 2016 provisions require
    case = prepare_termination(enforcement_case, judge=judge, leader=leader)
    # when
    closed = close_terminated(case, judge)
    # then
    assert (closed.status, closed.closure_method, closed.closed_on) == ("closed", "terminated_current", CLOSING)
    assert closed.events.filter(kind="closed").exists()
    assert EnforcementCase.objects.get(pk=case.pk).status == "closed"


@pytest.mark.parametrize("step, code", [
    ("notice", "notice_not_served"),
    ("report_order", "report_order_missing"),
    ("inquiry", "inquiry_not_exhausted"),
    ("consumption_restriction", "consumption_restriction_missing"),
    ("property_reported", ["dishonest_list_missing", "nonreport_not_sanctioned"]),
    ("applicant_heard", "applicant_not_heard"),
    ("report_verified", "report_not_verified"),
    ("applicant_consent", "second_key_missing"),
])
def test_each_missing_step_gives_its_code(enforcement_case, judge, leader, step, code):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader, skip=[step])
    assert unmet_on_close(case, judge) == (code if isinstance(code, list) else [code])
    # and nothing changed
    case.refresh_from_db()
    assert case.status == "in_progress" and case.closed_on is None


def test_an_inquiry_missing_a_required_scope_is_not_exhaustive(enforcement_case, judge, leader):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader,
                               scopes=["deposit", "vehicle", "real_estate", "online_payment"])
    assert unmet_on_close(case, judge) == ["inquiry_not_exhausted"]
    # when securities are queried later the gate opens
    case_request_inquiry(case=case, actor=judge, channel="online", scopes=["securities"],
                         requested_on=dt.date(2024, 4, 1))
    assert close_terminated(case, judge).closure_method == "terminated_current"


def test_an_offline_inquiry_does_not_count_as_online_inquiry(enforcement_case, judge, leader):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader, skip=["inquiry"])
    case_request_inquiry(case=case, actor=judge, channel="offline", scopes=["deposit", "vehicle", "real_estate",
                                                                           "securities"], requested_on=FILED)
    assert unmet_on_close(case, judge) == ["inquiry_not_exhausted"]


def test_closing_exactly_three_months_after_filing_is_too_early(enforcement_case, judge, leader):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader)
    assert unmet_on_close(case, judge, closed_on=dt.date(2024, 6, 1)) == ["under_three_months"]
    assert close_terminated(case, judge, closed_on=dt.date(2024, 6, 2)).status == "closed"


def test_a_consumption_restriction_only_proposed_does_not_count(enforcement_case, judge, leader, respondent):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader, skip=["consumption_restriction"])
    sanction = sanction_propose(case=case, party=respondent, actor=judge, kind="consumption_restriction",
                                decided_on=dt.date(2024, 3, 5))
    assert unmet_on_close(case, judge) == ["consumption_restriction_missing"]
    sanction_reject(sanction=sanction, actor=leader, reason="证据不足")
    assert unmet_on_close(case, judge) == ["consumption_restriction_missing"]


def test_dishonest_listing_replaces_the_property_report(enforcement_case, judge, leader, respondent):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader, skip=["property_reported"])
    listing = propose_measure(case, respondent, "dishonest_list", actor=judge, decided_on=dt.date(2024, 4, 1))
    sanction_approve(sanction=listing, actor=leader, on=dt.date(2024, 4, 2))
    detention = propose_measure(case, respondent, "detention", actor=judge, decided_on=dt.date(2024, 4, 3),
                                start_on=dt.date(2024, 4, 5), end_on=dt.date(2024, 4, 9))
    sanction_approve(sanction=detention, actor=leader, on=dt.date(2024, 4, 4))
    assert close_terminated(case, judge).closure_method == "terminated_current"


def test_a_minor_respondent_is_exempt_from_the_dishonest_list_condition(make_case, court, judge, leader):
    minor = PersonFactory(court=court, name="未成年被执行人", id_number=minor_resident_id(dt.date(2010, 5, 1)))
    case = prepare_termination(make_case(respondents=[minor]), judge=judge, leader=leader,
                               skip=["property_reported"])
    assert close_terminated(case, judge).closure_method == "terminated_current"


def test_every_respondent_must_be_restricted(make_case, court, judge, leader, respondent):
    second = PersonFactory(court=court, name="第二被执行人")
    case = prepare_termination(make_case(respondents=[respondent, second]), judge=judge, leader=leader,
                               skip=["consumption_restriction"])
    sanction = sanction_propose(case=case, party=respondent, actor=judge, kind="consumption_restriction",
                                decided_on=dt.date(2024, 3, 5))
    sanction_approve(sanction=sanction, actor=leader, on=dt.date(2024, 3, 6))
    assert unmet_on_close(case, judge) == ["consumption_restriction_missing"]


def test_a_missing_debtor_must_be_searched_for(enforcement_case, judge, leader):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader)
    case_record_event(case=case, actor=judge, kind="debtor_not_found", occurred_on=dt.date(2024, 4, 1))
    assert unmet_on_close(case, judge) == ["debtor_not_searched"]
    case_record_event(case=case, actor=judge, kind="debtor_searched", occurred_on=dt.date(2024, 4, 20))
    assert close_terminated(case, judge).status == "closed"


def test_leads_from_the_applicant_must_be_checked(enforcement_case, judge, leader):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader)
    case_record_event(case=case, actor=judge, kind="lead_received", occurred_on=dt.date(2024, 4, 1))
    assert unmet_on_close(case, judge) == ["leads_not_checked"]
    case_record_event(case=case, actor=judge, kind="lead_checked", occurred_on=dt.date(2024, 4, 5))
    assert close_terminated(case, judge).status == "closed"


def test_obstruction_must_be_sanctioned(enforcement_case, judge, leader, respondent):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader)
    case_record_event(case=case, actor=judge, kind="obstruction", occurred_on=dt.date(2024, 4, 1))
    assert unmet_on_close(case, judge) == ["obstruction_not_sanctioned"]
    fine = propose_measure(case, respondent, "fine", actor=judge, decided_on=dt.date(2024, 4, 2),
                           amount=Decimal("10000.00"))
    assert unmet_on_close(case, judge) == ["obstruction_not_sanctioned"]  # only once approved
    sanction_approve(sanction=fine, actor=leader, on=dt.date(2024, 4, 3))
    assert close_terminated(case, judge).status == "closed"


def test_property_found_and_not_disposed_blocks_termination(make_case, court, judge, leader, inquiry_results):
    debtor = PersonFactory(court=court, name="有财产的被执行人")
    inquiry_results({debtor.id_number: [
        {"kind": "deposit", "institution": "中国农业银行万年支行", "description": "活期账户", "value": "23500.00"},
    ]})
    case = prepare_termination(make_case(respondents=[debtor]), judge=judge, leader=leader)
    assert case.assets.count() == 1
    assert unmet_on_close(case, judge) == ["property_available"]


def test_steps_done_after_the_closing_date_do_not_count(enforcement_case, judge, leader):
    # given every step done, the applicant heard only on 20 June 2024
    case = prepare_termination(enforcement_case, judge=judge, leader=leader, skip=["applicant_heard"])
    case_record_event(case=case, actor=judge, kind="applicant_heard", occurred_on=dt.date(2024, 6, 20))
    # when closing is dated before that hearing, the hearing had not happened on the closing date
    assert unmet_on_close(case, judge, closed_on=dt.date(2024, 6, 10)) == ["applicant_not_heard"]
    # and on the day of the hearing it had
    assert close_terminated(case, judge, closed_on=dt.date(2024, 6, 20)).status == "closed"


def test_facts_from_the_timeline_and_assets_read_already_are_the_queried_ones(make_case, court, judge, leader,
                                                                            inquiry_results):
    # given a case with property found, a lead, and steps on both sides of the closing dates
    debtor = PersonFactory(court=court, name="有财产的被执行人")
    inquiry_results({debtor.id_number: [
        {"kind": "deposit", "institution": "中国农业银行万年支行", "description": "活期账户", "value": "23500.00"},
    ]})
    case = prepare_termination(make_case(respondents=[debtor]), judge=judge, leader=leader, skip=["applicant_heard"])
    case_record_event(case=case, actor=judge, kind="lead_received", occurred_on=dt.date(2024, 4, 1))
    case_record_event(case=case, actor=judge, kind="applicant_heard", occurred_on=dt.date(2024, 6, 20))
    # when the case page passes its timeline and assets instead of letting the selector query them
    for closing_on in (dt.date(2024, 6, 10), CLOSING):
        given = termination_facts(case, closing_on=closing_on, events=list(case_timeline_rows(case)),
                                  assets=list(case.assets.all()))
        # then the facts are the same
        assert given == termination_facts(case, closing_on=closing_on)


def test_all_missing_steps_are_reported_together_in_order(enforcement_case, judge):
    assert unmet_on_close(enforcement_case, judge, closed_on=dt.date(2024, 4, 1)) == [
        "notice_not_served", "report_order_missing", "consumption_restriction_missing", "inquiry_not_exhausted",
        "under_three_months", "applicant_not_heard", "second_key_missing"]


def test_terminated_current_needs_a_reason(enforcement_case, judge, leader):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader)
    with pytest.raises(ValidationError) as excinfo:
        case_close(case=case, actor=judge, method="terminated_current", closed_on=CLOSING, reason=" ")
    assert "reason" in excinfo.value.message_dict


# --- resumption ---------------------------------------------------------------------------------------------


CAR = {"kind": "vehicle", "institution": "上饶市公安局交警支队", "description": "赣E·12345 小型轿车",
       "value": "80000.00"}


@pytest.fixture
def terminated_case(make_case, judge, leader, respondent, inquiry_results):
    """A case closed as 终本 after 26,000 yuan was recovered; a re-inquiry after closure finds a car."""
    case = prepare_termination(make_case(), judge=judge, leader=leader)
    case_record_fund(case=case, actor=judge, direction="in", amount=Decimal("26000.00"),
                     occurred_on=dt.date(2024, 4, 1))
    close_terminated(case, judge)
    inquiry_results({respondent.id_number: [CAR]})
    case_request_inquiry(case=case, actor=judge, channel="online", scopes=["vehicle"], requested_on=dt.date(2025, 1, 2))
    case.refresh_from_db()
    return case


def test_resume_files_a_linked_resumed_case(terminated_case, judge, applicant, respondent):
    # when
    new_case = case_resume(case=terminated_case, actor=judge, filed_on=dt.date(2025, 1, 10))
    # then
    assert new_case.case_type == "执恢"
    assert new_case.number == "（2025）赣1129执恢1号"
    assert new_case.resumed_from_id == terminated_case.pk
    assert list(new_case.applicants.all()) == [applicant]
    assert list(new_case.respondents.all()) == [respondent]
    assert new_case.amount_claimed == Decimal("100000.00")  # 126,000 claimed − 26,000 recovered
    assert new_case.amount_recovered == Decimal("0")
    assert new_case.status == "filed"
    carried = list(new_case.assets.all())
    assert [a.description for a in carried] == ["赣E·12345 小型轿车"]
    assert carried[0].court_id == terminated_case.court_id
    # the original keeps its asset too, and records the resumption on its timeline
    assert Asset.objects.filter(case=terminated_case).count() == 1
    assert terminated_case.events.filter(kind="resumed").exists()


def test_a_case_is_resumed_only_once(terminated_case, judge):
    case_resume(case=terminated_case, actor=judge, filed_on=dt.date(2025, 1, 10))
    with pytest.raises(RuleViolation) as excinfo:
        case_resume(case=terminated_case, actor=judge, filed_on=dt.date(2025, 1, 11))
    assert excinfo.value.code == "already_resumed"


def test_resume_cannot_be_dated_before_the_termination(terminated_case, judge):
    with pytest.raises(ValidationError) as excinfo:
        case_resume(case=terminated_case, actor=judge, filed_on=dt.date(2024, 6, 30))
    assert "filed_on" in excinfo.value.message_dict
    assert not EnforcementCase.objects.filter(case_type="执恢").exists()


def test_only_a_terminated_current_case_can_be_resumed(enforcement_case, judge):
    with pytest.raises(RuleViolation) as excinfo:
        case_resume(case=enforcement_case, actor=judge, filed_on=dt.date(2024, 5, 1))
    assert excinfo.value.code == "not_terminated_current"
    case_close(case=enforcement_case, actor=judge, method="completed", closed_on=dt.date(2024, 5, 1))
    with pytest.raises(RuleViolation):
        case_resume(case=enforcement_case, actor=judge, filed_on=dt.date(2024, 6, 1))


# --- the second key (民诉法解释 art. 517) -----------------------------------------------------------------------


def test_the_applicants_signed_consent_counts_only_from_its_date(enforcement_case, judge, leader):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader, skip=["applicant_consent"])
    case_record_event(case=case, actor=judge, kind="applicant_consent", occurred_on=CLOSING + dt.timedelta(days=1))
    assert unmet_on_close(case, judge) == ["second_key_missing"]  # signed after the closing day
    assert close_terminated(case, judge, closed_on=CLOSING + dt.timedelta(days=1)).status == "closed"


def test_a_collegial_review_approved_by_the_president_is_the_other_key(enforcement_case, judge, leader):
    from cases.services.enforcement import termination_review_approve

    case = prepare_termination(enforcement_case, judge=judge, leader=leader, skip=["applicant_consent"])
    case_record_event(case=case, actor=judge, kind="collegial_review", occurred_on=dt.date(2024, 6, 20),
                      note="合议庭评议：财产调查已穷尽，同意终结本次执行程序")
    assert unmet_on_close(case, judge) == ["second_key_missing"]  # the panel's review alone is not enough
    termination_review_approve(case=case, actor=leader, approved_on=dt.date(2024, 6, 21))
    assert close_terminated(case, judge).closure_method == "terminated_current"


def test_the_judge_cannot_approve_his_own_termination(enforcement_case, judge, leader, court):
    from django.contrib.auth.models import Permission

    from cases.services.enforcement import termination_review_approve

    case = prepare_termination(enforcement_case, judge=judge, leader=leader, skip=["applicant_consent"])
    # without a recorded review there is nothing to approve
    with pytest.raises(RuleViolation) as excinfo:
        termination_review_approve(case=case, actor=leader, approved_on=dt.date(2024, 6, 21))
    assert excinfo.value.code == "review_missing"
    case_record_event(case=case, actor=judge, kind="collegial_review", occurred_on=dt.date(2024, 6, 20))
    # a judge has no approval right
    with pytest.raises(RuleViolation) as excinfo:
        termination_review_approve(case=case, actor=judge, approved_on=dt.date(2024, 6, 21))
    assert excinfo.value.code == "approval_required"
    # and even given it, the case's judge never approves his own proposal
    judge.user_permissions.add(Permission.objects.get(codename="approve_termination"))
    judge = type(judge).objects.get(pk=judge.pk)  # drop the cached permissions
    with pytest.raises(RuleViolation) as excinfo:
        termination_review_approve(case=case, actor=judge, approved_on=dt.date(2024, 6, 21))
    assert excinfo.value.code == "self_approval"
    assert unmet_on_close(case, judge) == ["second_key_missing"]


def test_whoever_records_the_review_cannot_approve_it(enforcement_case, judge, leader):
    from cases.services.enforcement import termination_review_approve

    case = prepare_termination(enforcement_case, judge=judge, leader=leader, skip=["applicant_consent"])
    case_record_event(case=case, actor=leader, kind="collegial_review", occurred_on=dt.date(2024, 6, 20))
    with pytest.raises(RuleViolation) as excinfo:
        termination_review_approve(case=case, actor=leader, approved_on=dt.date(2024, 6, 21))
    assert excinfo.value.code == "self_approval"


# --- per debtor ---------------------------------------------------------------------------------------------


def test_a_notice_served_on_one_of_two_debtors_leaves_the_other_unserved(make_case, court, judge, leader,
                                                                         respondent):
    second = PersonFactory(court=court, name="第二被执行人")
    case = prepare_termination(make_case(respondents=[respondent, second]), judge=judge, leader=leader,
                               skip=["notice", "report_order"])
    for kind in ("notice_served", "report_order_served"):
        case_record_event(case=case, actor=judge, kind=kind, occurred_on=dt.date(2024, 3, 2), party=respondent)
    assert unmet_on_close(case, judge) == ["notice_not_served", "report_order_missing"]
    for kind in ("notice_served", "report_order_served"):
        case_record_event(case=case, actor=judge, kind=kind, occurred_on=dt.date(2024, 3, 3), party=second)
    assert close_terminated(case, judge).status == "closed"


def test_a_debtor_who_did_not_report_is_fined_or_detained_before_termination(enforcement_case, judge, leader,
                                                                           respondent):
    # given a debtor who ignored the report order and was listed as dishonest for it
    case = prepare_termination(enforcement_case, judge=judge, leader=leader, skip=["property_reported"])
    listing = propose_measure(case, respondent, "dishonest_list", actor=judge, decided_on=dt.date(2024, 4, 1))
    sanction_approve(sanction=listing, actor=leader, on=dt.date(2024, 4, 2))
    assert unmet_on_close(case, judge) == ["nonreport_not_sanctioned"]
    # when he is fined for it (SPC 2016 终本 provisions art. 2(3))
    fine = propose_measure(case, respondent, "fine", actor=judge, decided_on=dt.date(2024, 4, 3),
                           amount=Decimal("5000.00"))
    sanction_approve(sanction=fine, actor=leader, on=dt.date(2024, 4, 4))
    # then
    assert close_terminated(case, judge).status == "closed"


def test_a_debtor_who_cannot_be_found_is_searched_for_instead_of_fined(enforcement_case, judge, leader, respondent):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader, skip=["property_reported"])
    listing = propose_measure(case, respondent, "dishonest_list", actor=judge, decided_on=dt.date(2024, 4, 1))
    sanction_approve(sanction=listing, actor=leader, on=dt.date(2024, 4, 2))
    case_record_event(case=case, actor=judge, kind="debtor_not_found", occurred_on=dt.date(2024, 4, 5),
                      party=respondent)
    assert unmet_on_close(case, judge) == ["debtor_not_searched"]
    case_record_event(case=case, actor=judge, kind="debtor_searched", occurred_on=dt.date(2024, 4, 20))
    assert close_terminated(case, judge).status == "closed"


def test_where_online_inquiry_was_impossible_a_field_investigation_is_needed(enforcement_case, judge, leader,
                                                                              respondent):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader, skip=["inquiry"])
    assert unmet_on_close(case, judge) == ["inquiry_not_exhausted"]
    case_record_event(case=case, actor=judge, kind="online_inquiry_impossible", occurred_on=dt.date(2024, 3, 4),
                      party=respondent, note="被执行人身份信息不全，网络查控系统无法查询")
    assert unmet_on_close(case, judge) == ["field_investigation_missing"]
    case_record_event(case=case, actor=judge, kind="field_investigation", occurred_on=dt.date(2024, 3, 10),
                      party=respondent, note="到被执行人住所地调查，未发现财产")
    assert close_terminated(case, judge).status == "closed"
