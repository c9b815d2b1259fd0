"""Work in an enforcement case through the services: events, inquiries, funds, urgings, status, deadlines."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.models import CaseEvent, EnforcementCase, FundEntry, Urging
from cases.services.case_work import (case_record_event, case_record_fund, case_request_inquiry,
                                      urging_record)
from cases.services.common import court_today
from cases.services.enforcement import (case_close, case_extend_deadline, case_suspend, case_transition,
                                        case_unsuspend)
from tests.factories import PersonFactory, prepare_termination
from wanian_exec.errors import RuleViolation

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 4, 1)


@pytest.fixture(autouse=True)
def no_property_found(inquiry_results):
    inquiry_results({})


def fund(case, actor, direction, amount, on=DAY):
    return case_record_fund(case=case, actor=actor, direction=direction, amount=Decimal(amount), occurred_on=on)


# --- fund ledger -----------------------------------------------------------------------------------------


def test_amount_recovered_is_the_sum_of_money_in(enforcement_case, judge):
    # when
    fund(enforcement_case, judge, "in", "50000.00")
    fund(enforcement_case, judge, "in", "26000.50")
    fund(enforcement_case, judge, "out", "30000.00")
    # then
    case = EnforcementCase.objects.get(pk=enforcement_case.pk)
    assert case.amount_recovered == Decimal("76000.50")
    assert case.amount_paid_out == Decimal("30000.00")
    assert case.amount_outstanding == Decimal("49999.50")
    assert case.status == "in_progress"
    assert list(case.events.filter(kind__in=["fund_in", "fund_out"]).values_list("kind", "amount")) == [
        ("fund_in", Decimal("50000.00")), ("fund_in", Decimal("26000.50")), ("fund_out", Decimal("30000.00"))]


def test_a_payout_beyond_the_balance_is_refused(enforcement_case, judge):
    fund(enforcement_case, judge, "in", "10000.00")
    fund(enforcement_case, judge, "out", "6000.00")
    with pytest.raises(RuleViolation) as excinfo:
        fund(enforcement_case, judge, "out", "4000.01")
    assert excinfo.value.code == "insufficient_balance"
    assert "4000.00" in str(excinfo.value.detail)
    # the exact balance may be paid out
    fund(enforcement_case, judge, "out", "4000.00")
    assert EnforcementCase.objects.get(pk=enforcement_case.pk).amount_paid_out == Decimal("10000.00")


def test_a_payout_from_an_empty_account_is_refused(enforcement_case, judge):
    with pytest.raises(RuleViolation):
        fund(enforcement_case, judge, "out", "0.01")
    assert not FundEntry.objects.exists()


@pytest.mark.parametrize("amount", ["0", "-100.00"])
def test_fund_entries_must_be_positive(enforcement_case, judge, amount):
    with pytest.raises(ValidationError) as excinfo:
        fund(enforcement_case, judge, "in", amount)
    assert "amount" in excinfo.value.message_dict
    assert not FundEntry.objects.exists()


def test_fund_entries_refuse_bad_direction_and_dates(enforcement_case, judge):
    with pytest.raises(ValidationError) as excinfo:
        fund(enforcement_case, judge, "sideways", "1.00", on=dt.date(2024, 2, 1))
    assert set(excinfo.value.message_dict) == {"direction", "occurred_on"}
    with pytest.raises(ValidationError) as excinfo:
        fund(enforcement_case, judge, "in", "1.00", on=court_today() + dt.timedelta(days=1))
    assert "occurred_on" in excinfo.value.message_dict


# --- events and the closed case ----------------------------------------------------------------------------


def test_recording_an_event_starts_work_on_the_case(enforcement_case, judge):
    event = case_record_event(case=enforcement_case, actor=judge, kind="notice_served", occurred_on=DAY, note="直接送达")
    assert (event.kind, event.actor, event.note) == ("notice_served", judge, "直接送达")
    assert EnforcementCase.objects.get(pk=enforcement_case.pk).status == "in_progress"


def test_system_events_cannot_be_recorded_by_hand(enforcement_case, judge):
    for kind in ["closed", "fund_in", "consumption_restricted", "dishonest_listed"]:
        with pytest.raises(ValidationError) as excinfo:
            case_record_event(case=enforcement_case, actor=judge, kind=kind, occurred_on=DAY)
        assert "kind" in excinfo.value.message_dict
    assert list(enforcement_case.events.values_list("kind", flat=True)) == ["filed"]


def test_event_dates_must_be_between_filing_and_today(enforcement_case, judge):
    for day in [dt.date(2024, 2, 29), court_today() + dt.timedelta(days=1)]:
        with pytest.raises(ValidationError) as excinfo:
            case_record_event(case=enforcement_case, actor=judge, kind="note", occurred_on=day)
        assert "occurred_on" in excinfo.value.message_dict


def test_an_event_about_a_stranger_is_refused(enforcement_case, judge, court):
    stranger = PersonFactory(court=court)
    with pytest.raises(ValidationError) as excinfo:
        case_record_event(case=enforcement_case, actor=judge, kind="contact", occurred_on=DAY, party=stranger)
    assert "party" in excinfo.value.message_dict


def test_a_closed_case_refuses_further_work(enforcement_case, judge, respondent):
    # given a case closed as fully performed
    case_close(case=enforcement_case, actor=judge, method="completed", closed_on=DAY)
    # then events, funds, inquiries and urgings are refused
    for kind in ["notice_served", "lead_received", "note"]:
        with pytest.raises(RuleViolation) as excinfo:
            case_record_event(case=enforcement_case, actor=judge, kind=kind, occurred_on=DAY)
        assert excinfo.value.code == "case_closed"
    with pytest.raises(RuleViolation):
        fund(enforcement_case, judge, "in", "1.00")
    with pytest.raises(RuleViolation):
        case_request_inquiry(case=enforcement_case, actor=judge, channel="online", scopes=["deposit"], requested_on=DAY)
    with pytest.raises(RuleViolation):
        urging_record(actor=judge, party=respondent, channel="phone", occurred_on=DAY,
                      enforcement_case=enforcement_case)
    with pytest.raises(RuleViolation) as excinfo:
        case_close(case=enforcement_case, actor=judge, method="withdrawn", closed_on=DAY)
    assert excinfo.value.code == "case_closed"


@pytest.mark.parametrize("kind", ["lead_received", "lead_checked", "note", "contact", "field_investigation"])
def test_a_terminated_current_case_still_takes_follow_up_work(enforcement_case, judge, leader, kind):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader)
    case_close(case=case, actor=judge, method="terminated_current", closed_on=dt.date(2024, 7, 1), reason="无财产")
    event = case_record_event(case=case, actor=judge, kind=kind, occurred_on=dt.date(2024, 8, 1))
    assert event.pk
    assert EnforcementCase.objects.get(pk=case.pk).status == "closed"


def test_a_terminated_current_case_refuses_other_events_but_takes_money(enforcement_case, judge, leader):
    case = prepare_termination(enforcement_case, judge=judge, leader=leader)
    case_close(case=case, actor=judge, method="terminated_current", closed_on=dt.date(2024, 7, 1), reason="无财产")
    for kind in ["notice_served", "applicant_heard", "debtor_not_found"]:
        with pytest.raises(RuleViolation):
            case_record_event(case=case, actor=judge, kind=kind, occurred_on=dt.date(2024, 8, 1))
    fund(case, judge, "in", "500.00", on=dt.date(2024, 8, 1))
    assert EnforcementCase.objects.get(pk=case.pk).amount_recovered == Decimal("500.00")


# --- inquiries ------------------------------------------------------------------------------------------------


def test_an_online_inquiry_records_its_findings_as_assets(make_case, court, judge, inquiry_results):
    debtor = PersonFactory(court=court, name="周某")
    inquiry_results({debtor.id_number: [
        {"kind": "deposit", "institution": "中国工商银行万年支行", "description": "活期 6222****0001", "value": "3500.20"},
        {"kind": "real_estate", "institution": "万年县不动产登记中心", "description": "陈营镇房屋", "value": ""},
    ]})
    case = make_case(respondents=[debtor])
    # when only deposits are asked for
    [inquiry] = case_request_inquiry(case=case, actor=judge, channel="online", scopes=["deposit", "deposit"],
                                     requested_on=DAY)
    # then only the deposit is found, and the timeline shows the inquiry and the asset
    assert (inquiry.status, inquiry.completed_on, inquiry.scopes) == ("completed", DAY, ["deposit"])
    asset = case.assets.get()
    assert (asset.kind, asset.value, asset.party, asset.court) == ("deposit", Decimal("3500.20"), debtor, court)
    assert list(case.events.order_by("pk").values_list("kind", flat=True)) == ["filed", "inquiry", "asset_found"]


def test_an_inquiry_for_a_party_the_fixture_does_not_name_finds_nothing(enforcement_case, judge):
    inquiries = case_request_inquiry(case=enforcement_case, actor=judge, channel="online",
                                     scopes=["deposit", "vehicle"], requested_on=DAY)
    assert len(inquiries) == 1 and not enforcement_case.assets.exists()


def test_an_inquiry_refuses_unknown_scopes_and_channels(enforcement_case, judge):
    with pytest.raises(ValidationError) as excinfo:
        case_request_inquiry(case=enforcement_case, actor=judge, channel="pigeon", scopes=["gold"], requested_on=DAY)
    assert set(excinfo.value.message_dict) == {"channel", "scopes"}
    with pytest.raises(ValidationError) as excinfo:
        case_request_inquiry(case=enforcement_case, actor=judge, channel="online", scopes=[], requested_on=DAY)
    assert "scopes" in excinfo.value.message_dict


def test_an_inquiry_about_the_applicant_is_refused(enforcement_case, judge, applicant):
    with pytest.raises(ValidationError) as excinfo:
        case_request_inquiry(case=enforcement_case, actor=judge, channel="online", scopes=["deposit"],
                             requested_on=DAY, parties=[applicant])
    assert "parties" in excinfo.value.message_dict
    assert not enforcement_case.inquiries.exists()


# --- urgings ------------------------------------------------------------------------------------------------


def test_an_urging_is_recorded_on_the_timeline(enforcement_case, judge, respondent):
    urging = urging_record(actor=judge, party=respondent, channel="mobile_court", occurred_on=DAY,
                           outcome="承诺月底前付清", promised_on=dt.date(2024, 4, 30), enforcement_case=enforcement_case)
    assert urging.court_id == enforcement_case.court_id
    event = enforcement_case.events.get(kind="urging")
    assert "移动微法院" in event.note and "2024-04-30" in event.note


def test_an_urging_refuses_a_promise_before_the_urging_and_an_unknown_channel(enforcement_case, judge, respondent):
    with pytest.raises(ValidationError) as excinfo:
        urging_record(actor=judge, party=respondent, channel="telegram", occurred_on=DAY,
                      promised_on=DAY - dt.timedelta(days=1), enforcement_case=enforcement_case)
    assert set(excinfo.value.message_dict) == {"channel", "promised_on"}
    assert not Urging.objects.exists()


def test_only_a_respondent_is_urged(enforcement_case, judge, applicant):
    with pytest.raises(ValidationError) as excinfo:
        urging_record(actor=judge, party=applicant, channel="phone", occurred_on=DAY, enforcement_case=enforcement_case)
    assert "party" in excinfo.value.message_dict


# --- status, suspension, deadline ------------------------------------------------------------------------------


def test_case_transition_refuses_a_forbidden_change(enforcement_case):
    with pytest.raises(RuleViolation) as excinfo:
        case_transition(case=enforcement_case, to_status="suspended")
    assert excinfo.value.code == "invalid_transition"
    assert enforcement_case.status == "filed"


def test_suspension_days_push_the_deadline_back(enforcement_case, judge):
    # given a case filed 1 March 2024 (deadline 1 September)
    assert enforcement_case.deadline_on == dt.date(2024, 9, 1)
    # when suspended for 10 days
    case = case_suspend(case=enforcement_case, actor=judge, start_on=dt.date(2024, 4, 1), reason="被执行人申请破产")
    assert case.status == "suspended"
    case = case_unsuspend(case=case, actor=judge, end_on=dt.date(2024, 4, 11))
    # then
    case.refresh_from_db()
    assert (case.status, case.suspended_days, case.deadline_on) == ("in_progress", 10, dt.date(2024, 9, 11))
    assert list(case.events.values_list("kind", flat=True)) == ["filed", "suspended", "resumed_proceedings"]


def test_a_case_cannot_be_suspended_twice_or_unsuspended_when_running(enforcement_case, judge):
    case = case_suspend(case=enforcement_case, actor=judge, start_on=DAY, reason="中止")
    with pytest.raises(RuleViolation):
        case_suspend(case=case, actor=judge, start_on=DAY, reason="再次中止")
    case_unsuspend(case=case, actor=judge, end_on=DAY)
    with pytest.raises(RuleViolation):
        case_unsuspend(case=case, actor=judge, end_on=DAY)


def test_a_suspension_cannot_end_before_it_started_or_in_the_future(enforcement_case, judge):
    case = case_suspend(case=enforcement_case, actor=judge, start_on=DAY, reason="中止")
    for end_on in [DAY - dt.timedelta(days=1), court_today() + dt.timedelta(days=1)]:
        with pytest.raises(ValidationError) as excinfo:
            case_unsuspend(case=case, actor=judge, end_on=end_on)
        assert "end_on" in excinfo.value.message_dict
    assert EnforcementCase.objects.get(pk=case.pk).status == "suspended"


def test_closing_a_suspended_case_counts_the_suspension(enforcement_case, judge):
    case = case_suspend(case=enforcement_case, actor=judge, start_on=dt.date(2024, 4, 1), reason="中止")
    case = case_close(case=case, actor=judge, method="terminated", closed_on=dt.date(2024, 4, 21))
    assert (case.status, case.suspended_days, case.deadline_on) == ("closed", 20, dt.date(2024, 9, 21))


def test_a_closed_case_cannot_be_suspended(enforcement_case, judge):
    case_close(case=enforcement_case, actor=judge, method="withdrawn", closed_on=DAY)
    with pytest.raises(RuleViolation):
        case_suspend(case=enforcement_case, actor=judge, start_on=DAY, reason="中止")


@pytest.mark.parametrize("closed_on", [dt.date(2024, 2, 29)])
def test_a_case_cannot_close_before_it_was_filed(enforcement_case, judge, closed_on):
    with pytest.raises(ValidationError) as excinfo:
        case_close(case=enforcement_case, actor=judge, method="completed", closed_on=closed_on)
    assert "closed_on" in excinfo.value.message_dict
    assert EnforcementCase.objects.get(pk=enforcement_case.pk).status == "filed"


def test_a_case_cannot_close_in_the_future_or_by_an_unknown_method(enforcement_case, judge):
    with pytest.raises(ValidationError) as excinfo:
        case_close(case=enforcement_case, actor=judge, method="vanished",
                   closed_on=court_today() + dt.timedelta(days=1))
    assert set(excinfo.value.message_dict) == {"method", "closed_on"}


def test_a_leader_extends_the_deadline_in_the_last_five_days(enforcement_case, leader):
    case = case_extend_deadline(case=enforcement_case, actor=leader, months=2, reason="案情复杂",
                                applied_on=dt.date(2024, 8, 28))
    assert case.deadline_on == dt.date(2024, 11, 1)
    assert case.events.filter(kind="extension_approved").exists()


def test_a_further_extension_is_reported_to_the_high_court_not_refused(enforcement_case, leader):
    from cases.models import DeadlineExtension
    from cases.services.enforcement import case_record_high_court_answer

    case = case_extend_deadline(case=enforcement_case, actor=leader, months=3, reason="案情复杂",
                                applied_on=dt.date(2024, 8, 28))
    assert case.deadline_on == dt.date(2024, 12, 1)
    # when a further extension is asked in the last 5 days of the extended limit
    case = case_extend_deadline(case=case, actor=leader, months=2, reason="再延长", applied_on=dt.date(2024, 11, 28))
    # then it waits for the high court and the time limit stands meanwhile
    further = DeadlineExtension.objects.get(case=case, months=2)
    assert further.status == "pending_high_court" and case.deadline_on == dt.date(2024, 12, 1)
    assert case.events.filter(kind="extension_reported").exists()
    with pytest.raises(RuleViolation) as excinfo:  # one request at a time
        case_extend_deadline(case=case, actor=leader, months=1, reason="又延长", applied_on=dt.date(2024, 11, 29))
    assert excinfo.value.code == "extension_pending"
    # when the high court approves, the months count
    case_record_high_court_answer(extension=further, actor=leader, approved=True, answered_on=dt.date(2024, 11, 30),
                                  note="赣高法执〔2024〕1号")
    case = EnforcementCase.objects.get(pk=case.pk)
    assert case.deadline_on == dt.date(2025, 2, 1)
    further.refresh_from_db()
    assert (further.status, further.high_court_answered_on) == ("approved", dt.date(2024, 11, 30))
    with pytest.raises(RuleViolation) as excinfo:  # answered once
        case_record_high_court_answer(extension=further, actor=leader, approved=False, answered_on=dt.date(2024, 11, 30))
    assert excinfo.value.code == "not_pending"


def test_a_high_court_refusal_leaves_the_time_limit(enforcement_case, leader, judge):
    from cases.models import DeadlineExtension
    from cases.services.enforcement import case_record_high_court_answer

    case = case_extend_deadline(case=enforcement_case, actor=leader, months=3, reason="x", applied_on=dt.date(2024, 9, 1))
    case_extend_deadline(case=case, actor=leader, months=3, reason="y", applied_on=dt.date(2024, 12, 1))
    further = DeadlineExtension.objects.get(case=case, status="pending_high_court")
    with pytest.raises(RuleViolation) as excinfo:
        case_record_high_court_answer(extension=further, actor=judge, approved=True, answered_on=dt.date(2024, 12, 2))
    assert excinfo.value.code == "approval_required"
    case_record_high_court_answer(extension=further, actor=leader, approved=False, answered_on=dt.date(2024, 12, 2))
    assert EnforcementCase.objects.get(pk=case.pk).deadline_on == dt.date(2024, 12, 1)
    assert CaseEvent.objects.filter(case=case, kind="extension_refused").exists()


def test_an_extension_too_early_or_by_a_judge_is_refused(enforcement_case, judge, leader):
    with pytest.raises(RuleViolation) as excinfo:
        case_extend_deadline(case=enforcement_case, actor=judge, months=1, reason="x", applied_on=dt.date(2024, 8, 30))
    assert excinfo.value.code == "approval_required"
    assert "分管副院长" in str(excinfo.value)  # the president or the vice-president in charge approves
    with pytest.raises(RuleViolation) as excinfo:
        case_extend_deadline(case=enforcement_case, actor=leader, months=1, reason="x", applied_on=dt.date(2024, 8, 27))
    assert excinfo.value.code == "extension_not_allowed"
    assert EnforcementCase.objects.get(pk=enforcement_case.pk).deadline_on == dt.date(2024, 9, 1)
    assert not CaseEvent.objects.filter(kind="extension_approved").exists()


def test_ledger_sums_are_exact_to_the_cent(enforcement_case, judge):
    # given amounts whose float sum is not exact (0.1 + 0.2 != 0.3 in binary)
    fund(enforcement_case, judge, "in", "0.10")
    fund(enforcement_case, judge, "in", "0.20")
    # then the whole balance can be paid out, and the totals are in cents
    fund(enforcement_case, judge, "out", "0.30")
    case = EnforcementCase.objects.get(pk=enforcement_case.pk)
    assert (case.amount_recovered, case.amount_paid_out) == (Decimal("0.30"), Decimal("0.30"))


def test_extension_approval_follows_the_permission_not_the_role_name(enforcement_case, court):
    # given a user without the leader role but granted the approval permission directly
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    deputy = UserFactory(court=court, roles=["enforcement_judge"])
    deputy.user_permissions.add(Permission.objects.get(codename="approve_extension"))
    # when / then
    case = case_extend_deadline(case=enforcement_case, actor=deputy, months=1, reason="副院长批准",
                                applied_on=dt.date(2024, 9, 1))
    assert case.deadline_on == dt.date(2024, 10, 1)
