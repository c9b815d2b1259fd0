"""The pure statutory rules of cases.rules: 终本 preconditions, time limits, extensions, status table, re-inquiry."""
import dataclasses
import datetime as dt
import itertools

import pytest

from cases import rules
from cases.choices import CaseStatus, InquiryScope

FILED = dt.date(2024, 3, 1)
ALL_SCOPES = frozenset({InquiryScope.DEPOSIT, InquiryScope.VEHICLE, InquiryScope.REAL_ESTATE,
                        InquiryScope.SECURITIES})


def respondent(**overrides) -> rules.RespondentFacts:
    base = rules.RespondentFacts(party_id=1, notice_served=True, report_order_served=True, consumption_restricted=True,
                                 property_reported=True, report_verified=True, inquired_scopes=ALL_SCOPES)
    return dataclasses.replace(base, **overrides)


def met_facts(**overrides) -> rules.TerminationFacts:
    """Facts of a case where every 终本 precondition holds; overrides break exactly one."""
    facts = rules.TerminationFacts(
        filed_on=FILED, closing_on=dt.date(2024, 7, 1), respondents=(respondent(),), leads_received=2,
        leads_checked=2, disposable_assets=0, debtor_missing_unsearched=False, obstruction_unsanctioned=False,
        applicant_heard=True, applicant_consented=True,
    )
    return dataclasses.replace(facts, **overrides)


# --- 终本 preconditions --------------------------------------------------------------------------------


def test_termination_allowed_when_every_precondition_holds():
    assert rules.termination_unmet(met_facts()) == []


NOT_REPORTED = dict(property_reported=False, report_verified=False, dishonest_listed=True, nonreport_sanctioned=True)


@pytest.mark.parametrize("overrides, code", [
    ({"respondents": (respondent(notice_served=False),)}, "notice_not_served"),
    ({"respondents": (respondent(report_order_served=False),)}, "report_order_missing"),
    ({"respondents": (respondent(consumption_restricted=False),)}, "consumption_restriction_missing"),
    ({"respondents": (respondent(**{**NOT_REPORTED, "dishonest_listed": False}),)}, "dishonest_list_missing"),
    ({"respondents": (respondent(inquired_scopes=ALL_SCOPES - {InquiryScope.SECURITIES}),)},
     "inquiry_not_exhausted"),
    ({"respondents": (respondent(inquired_scopes=frozenset()),)}, "inquiry_not_exhausted"),
    ({"leads_received": 3, "leads_checked": 2}, "leads_not_checked"),
    ({"disposable_assets": 1}, "property_available"),
    ({"closing_on": dt.date(2024, 5, 15)}, "under_three_months"),
    ({"debtor_missing_unsearched": True}, "debtor_not_searched"),
    ({"obstruction_unsanctioned": True}, "obstruction_not_sanctioned"),
    ({"applicant_heard": False}, "applicant_not_heard"),
    ({"respondents": (respondent(report_verified=False),)}, "report_not_verified"),
    ({"respondents": (respondent(**{**NOT_REPORTED, "nonreport_sanctioned": False}),)}, "nonreport_not_sanctioned"),
    ({"respondents": (respondent(inquired_scopes=frozenset(), online_impossible=True),)},
     "field_investigation_missing"),
    ({"applicant_consented": False}, "second_key_missing"),
])
def test_each_unmet_precondition_alone_gives_exactly_its_code(overrides, code):
    # given a case meeting every precondition but one
    facts = met_facts(**overrides)
    # when / then
    assert rules.termination_unmet(facts) == [code]


def test_every_code_has_a_chinese_description():
    codes = ["notice_not_served", "report_order_missing", "consumption_restriction_missing",
             "dishonest_list_missing", "inquiry_not_exhausted", "leads_not_checked", "property_available",
             "under_three_months", "debtor_not_searched", "obstruction_not_sanctioned", "applicant_not_heard",
             "report_not_verified", "nonreport_not_sanctioned", "field_investigation_missing", "second_key_missing"]
    assert list(rules.TERMINATION_CONDITIONS) == codes
    assert all(str(rules.TERMINATION_CONDITIONS[c]) for c in codes)


def test_empty_facts_give_every_code_that_can_apply_in_order():
    # given: nothing done in a case filed yesterday, with no respondent facts at all
    facts = rules.TerminationFacts(filed_on=FILED, closing_on=FILED + dt.timedelta(days=1))
    # then
    assert rules.termination_unmet(facts) == [
        "notice_not_served", "report_order_missing", "consumption_restriction_missing", "inquiry_not_exhausted",
        "under_three_months", "applicant_not_heard", "second_key_missing",
    ]


def test_the_debtor_conditions_hold_per_debtor():
    # given two debtors, the second not served, not ordered to report and not restricted
    second = respondent(party_id=2, notice_served=False, report_order_served=False, consumption_restricted=False)
    # then one debtor missing a step is enough for its code
    assert rules.termination_unmet(met_facts(respondents=(respondent(), second))) == [
        "notice_not_served", "report_order_missing", "consumption_restriction_missing"]
    # and the case-level view reads "not every debtor served"
    assert not met_facts(respondents=(respondent(), second)).notice_served
    assert met_facts().notice_served and met_facts().report_order_served


def test_either_key_opens_the_gate_and_neither_closes_it():
    assert rules.termination_unmet(met_facts(applicant_consented=False, collegial_review_approved=True)) == []
    assert rules.termination_unmet(met_facts(applicant_consented=True, collegial_review_approved=False)) == []
    assert rules.termination_unmet(met_facts(applicant_consented=False)) == ["second_key_missing"]


def test_a_field_investigation_replaces_an_impossible_online_inquiry_only():
    impossible = dict(inquired_scopes=frozenset({InquiryScope.DEPOSIT}), online_impossible=True)
    assert rules.termination_unmet(met_facts(respondents=(respondent(**impossible, field_investigated=True),))) == []
    # a field investigation does not replace an online inquiry that was possible but not done
    assert rules.termination_unmet(met_facts(respondents=(
        respondent(inquired_scopes=frozenset(), field_investigated=True),))) == ["inquiry_not_exhausted"]


def test_a_debtor_who_did_not_report_is_sanctioned_unless_he_cannot_be_found():
    silent = dict(property_reported=False, report_verified=False, dishonest_listed=True)
    assert rules.termination_unmet(met_facts(respondents=(respondent(**silent),))) == ["nonreport_not_sanctioned"]
    assert rules.termination_unmet(met_facts(respondents=(respondent(**silent, nonreport_sanctioned=True),))) == []
    assert rules.termination_unmet(met_facts(respondents=(respondent(**silent, whereabouts_unknown=True),))) == []


def test_everything_wrong_gives_all_codes_in_contract_order():
    # given: every fact wrong. Two debtors: one never served anything, one ordered to report who neither
    # reported nor was listed or sanctioned, whose online inquiry failed without a field investigation.
    never = rules.RespondentFacts(party_id=1)
    silent = rules.RespondentFacts(party_id=2, notice_served=True, report_order_served=True, online_impossible=True)
    reported = rules.RespondentFacts(party_id=3, notice_served=True, report_order_served=True, property_reported=True,
                                     consumption_restricted=True, inquired_scopes=ALL_SCOPES)
    facts = met_facts(closing_on=FILED, respondents=(never, silent, reported), leads_received=1, leads_checked=0,
                      disposable_assets=2, debtor_missing_unsearched=True, obstruction_unsanctioned=True,
                      applicant_heard=False, applicant_consented=False)
    # when / then
    assert rules.termination_unmet(facts) == list(rules.TERMINATION_CONDITIONS)


def test_every_respondent_must_be_restricted_and_inquired():
    other = respondent(party_id=2, consumption_restricted=False, inquired_scopes=frozenset({"deposit"}))
    unmet = rules.termination_unmet(met_facts(respondents=(respondent(), other)))
    assert unmet == ["consumption_restriction_missing", "inquiry_not_exhausted"]


def test_dishonest_listing_satisfies_the_condition_when_property_was_not_reported():
    listed = respondent(**NOT_REPORTED)
    assert rules.termination_unmet(met_facts(respondents=(listed,))) == []


def test_a_minor_who_did_not_report_need_not_be_on_the_dishonest_list():
    minor = respondent(property_reported=False, report_verified=False, dishonest_listed=False, is_minor=True)
    assert rules.termination_unmet(met_facts(respondents=(minor,))) == []


@pytest.mark.parametrize("filed_on, closing_on, under", [
    (dt.date(2024, 3, 1), dt.date(2024, 6, 1), True),     # exactly 3 months: not yet "more than 3 months"
    (dt.date(2024, 3, 1), dt.date(2024, 6, 2), False),    # one day later
    (dt.date(2024, 11, 30), dt.date(2025, 2, 28), True),  # month end clamps: 30 Nov + 3 months = 28 Feb
    (dt.date(2024, 11, 30), dt.date(2025, 3, 1), False),
    (dt.date(2023, 11, 30), dt.date(2024, 2, 29), True),  # leap year
    (dt.date(2023, 11, 30), dt.date(2024, 3, 1), False),
])
def test_three_month_boundary(filed_on, closing_on, under):
    unmet = rules.termination_unmet(met_facts(filed_on=filed_on, closing_on=closing_on))
    assert ("under_three_months" in unmet) is under


# --- calendar arithmetic and time limits -------------------------------------------------------------------


@pytest.mark.parametrize("day, months, expected", [
    (dt.date(2024, 3, 1), 6, dt.date(2024, 9, 1)),
    (dt.date(2024, 8, 31), 6, dt.date(2025, 2, 28)),
    (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),   # leap year
    (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
    (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
    (dt.date(2024, 12, 15), 1, dt.date(2025, 1, 15)),  # across the year
    (dt.date(2024, 7, 31), 3, dt.date(2024, 10, 31)),
    (dt.date(2024, 5, 31), 0, dt.date(2024, 5, 31)),
    (dt.date(2024, 3, 31), -1, dt.date(2024, 2, 29)),
])
def test_add_months_clamps_to_month_end(day, months, expected):
    assert rules.add_months(day, months) == expected


@pytest.mark.parametrize("filed_on, kwargs, expected", [
    (dt.date(2024, 3, 1), {}, dt.date(2024, 9, 1)),
    (dt.date(2024, 8, 31), {}, dt.date(2025, 2, 28)),
    (dt.date(2023, 8, 31), {}, dt.date(2024, 2, 29)),
    (dt.date(2024, 3, 1), {"non_litigation": True}, dt.date(2024, 6, 1)),
    (dt.date(2024, 11, 30), {"non_litigation": True}, dt.date(2025, 2, 28)),
    (dt.date(2024, 3, 1), {"extension_months": 3}, dt.date(2024, 12, 1)),
    (dt.date(2024, 3, 1), {"suspended_days": 10}, dt.date(2024, 9, 11)),
    (dt.date(2024, 3, 1), {"extension_months": 1, "suspended_days": 30}, dt.date(2024, 10, 31)),
    (dt.date(2024, 8, 31), {"suspended_days": 1}, dt.date(2025, 3, 1)),
])
def test_enforcement_deadline(filed_on, kwargs, expected):
    assert rules.enforcement_deadline(filed_on, **kwargs) == expected


# --- extension of the time limit ---------------------------------------------------------------------------

DEADLINE = dt.date(2024, 9, 1)


@pytest.mark.parametrize("applied_on", [DEADLINE - dt.timedelta(days=4), DEADLINE - dt.timedelta(days=1), DEADLINE])
def test_extension_may_be_applied_for_in_the_last_five_days(applied_on):
    assert rules.extension_errors(deadline_on=DEADLINE, applied_on=applied_on, months=1) == []


@pytest.mark.parametrize("applied_on", [DEADLINE - dt.timedelta(days=5), DEADLINE - dt.timedelta(days=30),
                                        DEADLINE + dt.timedelta(days=1)])
def test_extension_outside_the_last_five_days_is_refused(applied_on):
    errors = rules.extension_errors(deadline_on=DEADLINE, applied_on=applied_on, months=1)
    assert len(errors) == 1 and "5日" in str(errors[0])


@pytest.mark.parametrize("months, ok", [(1, True), (3, True), (4, False), (0, False)])
def test_each_extension_is_one_to_three_months(months, ok):
    errors = rules.extension_errors(deadline_on=DEADLINE, applied_on=DEADLINE, months=months)
    assert (errors == []) is ok
    if not ok:
        assert "3个月" in str(errors[0])


@pytest.mark.parametrize("months, already, high_court", [
    (3, 0, False), (1, 2, False), (2, 2, True), (1, 3, True), (3, 3, True),
])
def test_beyond_three_months_in_all_an_extension_goes_to_the_high_court(months, already, high_court):
    # a further extension is not refused: it is reported to the high court for approval
    assert rules.extension_errors(deadline_on=DEADLINE, applied_on=DEADLINE, months=months) == []
    assert rules.extension_needs_high_court(already_extended=already, months=months) is high_court


def test_extension_reports_both_violations_at_once():
    errors = rules.extension_errors(deadline_on=DEADLINE, applied_on=dt.date(2024, 6, 1), months=4)
    assert len(errors) == 2


# --- status transition table -----------------------------------------------------------------------------

ALLOWED = {
    (CaseStatus.FILED, CaseStatus.IN_PROGRESS),
    (CaseStatus.FILED, CaseStatus.CLOSED),
    (CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED),
    (CaseStatus.IN_PROGRESS, CaseStatus.CLOSED),
    (CaseStatus.SUSPENDED, CaseStatus.IN_PROGRESS),
    (CaseStatus.SUSPENDED, CaseStatus.CLOSED),
}
ALL_PAIRS = list(itertools.product(CaseStatus.values, CaseStatus.values))


@pytest.mark.parametrize("from_status, to_status", sorted(ALLOWED))
def test_allowed_transition(from_status, to_status):
    assert rules.can_transition(from_status, to_status)


@pytest.mark.parametrize("from_status, to_status", [p for p in ALL_PAIRS if p not in ALLOWED])
def test_forbidden_transition(from_status, to_status):
    assert not rules.can_transition(from_status, to_status)


def test_transition_from_an_unknown_status_is_forbidden():
    assert not rules.can_transition("archived", CaseStatus.IN_PROGRESS)


# --- re-inquiry after 终本 ---------------------------------------------------------------------------------


def test_reinquiry_every_six_months_for_five_years():
    dates = rules.reinquiry_dates(dt.date(2024, 7, 1))
    assert len(dates) == 10
    assert dates[0] == dt.date(2025, 1, 1)
    assert dates[1] == dt.date(2025, 7, 1)
    assert dates[-1] == dt.date(2029, 7, 1)


def test_reinquiry_dates_clamp_to_month_end_without_drifting():
    dates = rules.reinquiry_dates(dt.date(2023, 8, 31))
    assert dates[0] == dt.date(2024, 2, 29)
    # each date is counted from the closure, so the 31st comes back after February
    assert dates[1] == dt.date(2024, 8, 31)
    assert dates[2] == dt.date(2025, 2, 28)
