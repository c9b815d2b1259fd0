"""The statutory rules of the four synchronizations (cases/rules.py), each at and across its boundary."""
import datetime as dt
from decimal import Decimal

import pytest

from cases import rules

D = dt.date
T = dt.time


# --- periods (民法典 arts. 201, 203) --------------------------------------------------------------------------


@pytest.mark.parametrize("start, years, last_day", [
    (D(2024, 3, 1), 1, D(2025, 3, 1)),
    (D(2024, 2, 29), 1, D(2025, 2, 28)),  # no 29 Feb in 2025: the month's last day
    (D(2024, 2, 29), 2, D(2026, 2, 28)),
    (D(2024, 2, 29), 3, D(2027, 2, 28)),
    (D(2024, 2, 29), 4, D(2028, 2, 29)),  # a leap year again: the corresponding day exists
    (D(2023, 2, 28), 1, D(2024, 2, 28)),  # the corresponding day, not the leap day
    (D(2023, 12, 31), 1, D(2024, 12, 31)),
])
def test_a_period_in_years_ends_on_the_corresponding_day(start, years, last_day):
    assert rules.add_years(start, years) == last_day


# --- 1. preservation --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, years", [
    ("deposit", 1), ("online_payment", 1), ("housing_fund", 1),
    ("vehicle", 2), ("movable", 2),
    ("real_estate", 3), ("securities", 3), ("equity", 3), ("insurance", 3), ("other", 3),
])
def test_lapse_periods_by_kind_deposits_1_movables_2_real_estate_and_rights_3(kind, years):
    assert rules.LAPSE_YEARS[kind] == years
    assert rules.control_lapses_on(kind, D(2024, 3, 1)) == D(2024 + years, 3, 1)


def test_every_asset_kind_has_a_lapse_period():
    from cases.choices import InquiryScope

    assert set(rules.LAPSE_YEARS) == set(InquiryScope.values)


@pytest.mark.parametrize("kind, lapses_on", [
    ("deposit", D(2025, 2, 28)), ("vehicle", D(2026, 2, 28)), ("real_estate", D(2027, 2, 28)),
])
def test_a_freeze_on_a_leap_day_lapses_on_28_february(kind, lapses_on):
    assert rules.control_lapses_on(kind, D(2024, 2, 29)) == lapses_on


def test_a_renewal_runs_on_from_the_old_last_day_for_the_same_period():
    assert rules.renewal_lapses_on("deposit", D(2025, 3, 1)) == D(2026, 3, 1)
    assert rules.renewal_lapses_on("real_estate", D(2025, 3, 1)) == D(2028, 3, 1)


@pytest.mark.parametrize("renewed_on, ok", [(D(2025, 2, 28), True), (D(2025, 3, 1), True), (D(2025, 3, 2), False)])
def test_a_renewal_is_done_on_or_before_the_last_day(renewed_on, ok):
    errors = rules.renewal_errors(lapses_on=D(2025, 3, 1), renewed_on=renewed_on)
    assert (errors == {}) is ok
    if not ok:
        assert "已于2025-03-01届满失效" in errors["renewed_on"][0]


def test_nothing_to_renew_without_a_freeze():
    assert "asset" in rules.renewal_errors(lapses_on=None, renewed_on=D(2025, 1, 1))


@pytest.mark.parametrize("applied, ruled, late", [
    ((D(2024, 1, 5), T(9, 0)), (D(2024, 1, 7), T(9, 0)), False),  # exactly 48 hours
    ((D(2024, 1, 5), T(9, 0)), (D(2024, 1, 7), T(9, 1)), True),  # 48 h 1 min
    ((D(2024, 1, 5), T(9, 0)), (D(2024, 1, 5), T(17, 0)), False),
    ((D(2024, 1, 5), None), (D(2024, 1, 7), None), False),  # dates only: perhaps in time, not flagged
    ((D(2024, 1, 5), None), (D(2024, 1, 8), None), True),  # dates only, 3 days on: late whatever the hours
    ((D(2024, 1, 5), T(23, 0)), (D(2024, 1, 7), None), False),
    ((D(2024, 1, 5), T(8, 0)), (D(2024, 1, 7), T(8, 30)), True),
])
def test_a_pre_suit_ruling_is_due_within_48_hours(applied, ruled, late):
    assert rules.preservation_ruling_late(applied_on=applied[0], applied_time=applied[1], ruled_on=ruled[0],
                                          ruled_time=ruled[1]) is late


@pytest.mark.parametrize("now, late", [
    (dt.datetime(2024, 1, 7, 9, 0), False),
    (dt.datetime(2024, 1, 7, 9, 1), True),
])
def test_an_unruled_pre_suit_application_is_late_after_48_hours(now, late):
    assert rules.preservation_ruling_late(applied_on=D(2024, 1, 5), applied_time=T(9, 0), now=now) is late
    assert rules.preservation_ruling_deadline(D(2024, 1, 5), T(9, 0)) == dt.datetime(2024, 1, 7, 9, 0)


@pytest.mark.parametrize("suit_on, today, release", [
    (None, D(2024, 1, 31), False),  # day 30 after the measure: still in time
    (None, D(2024, 2, 1), True),  # day 31, no suit: release
    (D(2024, 1, 31), D(2024, 3, 1), False),  # sued on day 30
    (D(2024, 2, 1), D(2024, 3, 1), True),  # sued on day 31: too late, the preservation should have gone
])
def test_a_pre_suit_preservation_is_released_without_a_suit_within_30_days(suit_on, today, release):
    assert rules.pre_suit_suit_deadline(D(2024, 1, 1)) == D(2024, 1, 31)
    assert rules.pre_suit_must_release(measure_on=D(2024, 1, 1), suit_filed_on=suit_on, today=today) is release


@pytest.mark.parametrize("security, short", [(None, True), (Decimal("99999.99"), True), (Decimal("100000"), False),
                                             (Decimal("120000"), False)])
def test_pre_suit_security_equal_to_the_amount(security, short):
    assert rules.pre_suit_security_short(amount=Decimal("100000.00"), security_amount=security) is short


# --- 2. instalments ---------------------------------------------------------------------------------------------


def plan(*rows):
    return [(i, due, Decimal(amount)) for i, (due, amount) in enumerate(rows, start=1)]


def test_payments_are_allocated_to_instalments_in_due_order():
    instalments = plan((D(2024, 5, 1), "60000"), (D(2024, 6, 1), "66000"))
    payments = [(D(2024, 4, 24), Decimal("60000")), (D(2024, 6, 10), Decimal("66000"))]

    first, second = rules.instalment_performance(instalments, payments, today=D(2024, 7, 1))

    assert (first.status, first.settled_on, first.days_late) == ("paid_on_time", D(2024, 4, 24), 0)
    assert (second.status, second.settled_on, second.days_late) == ("paid_late", D(2024, 6, 10), 9)


def test_an_instalment_paid_on_its_due_day_is_on_time():
    (state,) = rules.instalment_performance(plan((D(2024, 5, 1), "126000")), [(D(2024, 5, 1), Decimal("126000"))],
                                            today=D(2024, 5, 2))
    assert state.status == "paid_on_time"


def test_a_partly_paid_instalment_is_pending_until_due_then_defaulted():
    instalments = plan((D(2024, 5, 1), "1000"))
    payments = [(D(2024, 4, 20), Decimal("400"))]

    (before,) = rules.instalment_performance(instalments, payments, today=D(2024, 5, 1))
    (after,) = rules.instalment_performance(instalments, payments, today=D(2024, 5, 2))

    assert (before.status, before.paid, before.outstanding) == ("pending", Decimal("400"), Decimal("600"))
    assert after.status == "defaulted"


def test_one_payment_may_settle_several_instalments_and_spill_into_the_next():
    instalments = plan((D(2024, 5, 1), "100"), (D(2024, 6, 1), "100"), (D(2024, 7, 1), "100"))
    states = rules.instalment_performance(instalments, [(D(2024, 4, 1), Decimal("250"))], today=D(2024, 8, 1))
    assert [s.status for s in states] == ["paid_on_time", "paid_on_time", "defaulted"]
    assert states[2].paid == Decimal("50")


def test_several_payments_settle_an_instalment_on_the_last_ones_date():
    states = rules.instalment_performance(plan((D(2024, 5, 1), "100")),
                                          [(D(2024, 4, 1), Decimal("30")), (D(2024, 5, 3), Decimal("70"))],
                                          today=D(2024, 6, 1))
    assert (states[0].status, states[0].settled_on) == ("paid_late", D(2024, 5, 3))


@pytest.mark.parametrize("due_in, reminded", [(-1, False), (0, True), (1, True), (7, True), (8, False)])
def test_the_reminder_window_is_today_to_seven_days_ahead(due_in, reminded):
    today = D(2024, 4, 24)
    assert rules.instalment_reminder_due(due_on=today + dt.timedelta(days=due_in), today=today, window_days=7,
                                         settled=False) is reminded


def test_a_paid_instalment_is_never_reminded():
    assert not rules.instalment_reminder_due(due_on=D(2024, 5, 1), today=D(2024, 4, 28), window_days=7, settled=True)


# --- 3. coercion + urging ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["summons", "fine", "detention", "criminal_referral"])
def test_a_coercive_measure_needs_a_prior_urging_or_an_urgency(kind):
    refused = rules.coercion_urging_errors(kind=kind, has_prior_urging=False, urgency_reason="")
    assert "督促履行" in refused["urgency_reason"][0]
    assert rules.coercion_urging_errors(kind=kind, has_prior_urging=True, urgency_reason="") == {}
    assert rules.coercion_urging_errors(kind=kind, has_prior_urging=False, urgency_reason="被执行人正在转移财产") == {}
    assert rules.coercion_urging_errors(kind=kind, has_prior_urging=False, urgency_reason="   ") != {}


@pytest.mark.parametrize("kind", ["consumption_restriction", "dishonest_list", "exit_restriction",
                                  "private_prosecution"])
def test_other_measures_need_no_urging(kind):
    assert rules.coercion_urging_errors(kind=kind, has_prior_urging=False, urgency_reason="") == {}


def test_an_urging_is_followed_up_on_the_later_of_promise_and_deadline():
    assert rules.urging_follow_up_on(promised_on=D(2024, 5, 1), deadline_on=None) == D(2024, 5, 1)
    assert rules.urging_follow_up_on(promised_on=D(2024, 5, 1), deadline_on=D(2024, 5, 10)) == D(2024, 5, 10)
    assert rules.urging_follow_up_on(promised_on=None, deadline_on=None) is None


# --- 4. online + offline: auctions -------------------------------------------------------------------------------


def auction(**overrides):
    fields = dict(kind="real_estate", round_no=1, valuation=Decimal("1000000.00"), announced_on=D(2024, 6, 1),
                  auction_on=D(2024, 7, 1), starting_price=Decimal("700000.00"), previous_starting_price=None)
    fields.update(overrides)
    return rules.auction_errors(**fields)


@pytest.mark.parametrize("kind, days, ok", [
    ("real_estate", 30, True), ("real_estate", 29, False),
    ("equity", 30, True), ("equity", 29, False),  # other property rights: as real estate
    ("vehicle", 15, True), ("vehicle", 14, False),
    ("movable", 15, True), ("movable", 14, False),
])
def test_first_auction_announced_15_days_ahead_for_movables_30_for_real_estate(kind, days, ok):
    errors = auction(kind=kind, auction_on=D(2024, 6, 1) + dt.timedelta(days=days))
    assert ("auction_on" not in errors) is ok


@pytest.mark.parametrize("kind, days, ok", [
    ("real_estate", 15, True), ("real_estate", 14, False), ("vehicle", 7, True), ("vehicle", 6, False),
])
def test_a_re_auction_is_announced_15_or_7_days_ahead(kind, days, ok):
    errors = auction(kind=kind, round_no=2, previous_starting_price=Decimal("700000.00"),
                     starting_price=Decimal("560000.00"), auction_on=D(2024, 6, 1) + dt.timedelta(days=days))
    assert ("auction_on" not in errors) is ok


@pytest.mark.parametrize("price, ok", [("700000.00", True), ("699999.99", False), ("900000.00", True)])
def test_the_starting_price_is_at_least_70_percent_of_the_valuation(price, ok):
    errors = auction(starting_price=Decimal(price))
    assert ("starting_price" not in errors) is ok
    if not ok:
        assert "70%" in errors["starting_price"][0] and "700000.00" in errors["starting_price"][0]


@pytest.mark.parametrize("price, ok", [("560000.00", True), ("559999.99", False), ("700000.00", True)])
def test_the_second_round_is_at_most_20_percent_below_the_first(price, ok):
    errors = auction(round_no=2, previous_starting_price=Decimal("700000.00"), starting_price=Decimal(price),
                     auction_on=D(2024, 7, 1))
    assert ("starting_price" not in errors) is ok
    if not ok:
        assert "20%" in errors["starting_price"][0]


def test_the_second_round_may_go_below_70_percent_of_the_valuation():
    assert auction(round_no=2, previous_starting_price=Decimal("700000.00"), starting_price=Decimal("560000.00")) == {}


def test_no_third_auction_and_no_auction_of_deposits_or_without_valuation():
    assert "asset" in auction(round_no=3, previous_starting_price=Decimal("560000.00"))
    assert "asset" in auction(kind="deposit")
    assert "asset" in auction(valuation=None)


# --- payouts within 30 days -------------------------------------------------------------------------------------


@pytest.mark.parametrize("paid_on, status", [(D(2024, 3, 31), "paid_in_time"), (D(2024, 4, 1), "paid_late")])
def test_money_received_is_paid_out_within_30_days(paid_on, status):
    (state,) = rules.payout_states([(D(2024, 3, 1), Decimal("8000"))], [(paid_on, Decimal("8000"))],
                                   today=D(2024, 5, 1))
    assert (state.due_on, state.status) == (D(2024, 3, 31), status)


@pytest.mark.parametrize("today, status", [(D(2024, 3, 31), "pending"), (D(2024, 4, 1), "overdue")])
def test_money_not_paid_out_is_overdue_from_day_31(today, status):
    (state,) = rules.payout_states([(D(2024, 3, 1), Decimal("8000"))], [], today=today)
    assert state.status == status and state.outstanding == Decimal("8000")


def test_payouts_are_allocated_first_in_first_out():
    states = rules.payout_states([(D(2024, 3, 1), Decimal("100")), (D(2024, 3, 20), Decimal("100"))],
                                 [(D(2024, 3, 10), Decimal("150"))], today=D(2024, 4, 25))
    assert [(s.status, s.paid_out) for s in states] == [("paid_in_time", Decimal("100")),
                                                        ("overdue", Decimal("50"))]



def test_payments_fill_each_amount_in_turn_from_the_earliest_payment():
    # the payments in any order: the earliest is spent first; an amount is settled on the day of its last cent
    payments = [(D(2024, 3, 3), Decimal("30")), (D(2024, 3, 1), Decimal("80")), (D(2024, 3, 5), Decimal("100"))]
    assert rules.allocate_in_order([Decimal("100"), Decimal("50"), Decimal("70")], payments) == [
        (Decimal("100"), D(2024, 3, 3)), (Decimal("50"), D(2024, 3, 5)), (Decimal("60"), None)]
    assert rules.allocate_in_order([Decimal("10")], []) == [(Decimal("0"), None)]


# --- node limits -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("done_on, today, state", [
    (D(2024, 3, 4), D(2024, 3, 10), "done"), (D(2024, 3, 5), D(2024, 3, 10), "done_late"),
    (None, D(2024, 3, 4), "pending"), (None, D(2024, 3, 5), "overdue"),
])
def test_node_states(done_on, today, state):
    assert rules.node_state(due_on=D(2024, 3, 4), done_on=done_on, today=today) == state


def test_a_lead_is_checked_within_5_days_at_once_if_urgent_and_checks_answer_leads_in_order():
    # SPC 2006 time limits, art. 6: five days from receipt; urgent → at once (the same day)
    assert rules.lead_check_due_on(D(2024, 3, 1)) == D(2024, 3, 6)
    assert rules.lead_check_due_on(D(2024, 3, 1), urgent=True) == D(2024, 3, 1)
    assert rules.node_state(due_on=rules.lead_check_due_on(D(2024, 3, 1)), done_on=D(2024, 3, 6),
                            today=D(2024, 3, 9)) == "done"
    assert rules.node_state(due_on=rules.lead_check_due_on(D(2024, 3, 1)), done_on=D(2024, 3, 7),
                            today=D(2024, 3, 9)) == "done_late"
    assert rules.node_state(due_on=rules.lead_check_due_on(D(2024, 3, 1), urgent=True), done_on=D(2024, 3, 2),
                            today=D(2024, 3, 9)) == "done_late"
    paired = rules.pair_leads_with_checks([("a", D(2024, 3, 1), False), ("b", D(2024, 3, 2), True)],
                                          [D(2024, 3, 3)])
    assert paired == [("a", D(2024, 3, 6), D(2024, 3, 3)), ("b", D(2024, 3, 2), None)]


# --- fast track --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("overrides, unmet", [
    ({}, []),
    ({"amount": Decimal("50000.00")}, []),
    ({"amount": Decimal("50000.01")}, ["amount_over_limit"]),
    ({"respondent_count": 2}, ["too_many_respondents"]),
    ({"first_inquiry_found": None}, ["awaiting_first_inquiry"]),
    ({"first_inquiry_found": False}, ["no_assets_found"]),
    ({"case_type": "执恢"}, ["not_first_enforcement"]),
])
def test_fast_track_rules(overrides, unmet):
    facts = dict(case_type="执", respondent_count=1, amount=Decimal("30000.00"), first_inquiry_found=True)
    facts.update(overrides)
    assert rules.fast_track_unmet(rules.FastTrackRules(), **facts) == unmet


def test_fast_track_rules_are_configurable():
    config = rules.FastTrackRules(max_respondents=3, max_amount=Decimal("100000"), requires_assets_found=False)
    assert rules.fast_track_unmet(config, case_type="执", respondent_count=3, amount=Decimal("100000"),
                                  first_inquiry_found=None) == []
    assert rules.fast_track_unmet(rules.FastTrackRules(enabled=False), case_type="执", respondent_count=1,
                                  amount=Decimal("1"), first_inquiry_found=True) == ["disabled"]


def test_asset_transitions():
    assert rules.asset_can_transition("found", "frozen")
    assert rules.asset_can_transition("unsold", "auctioning")
    assert not rules.asset_can_transition("found", "auctioning")
    assert not rules.asset_can_transition("released", "frozen")
    assert not rules.asset_can_transition("sold", "auctioning")
