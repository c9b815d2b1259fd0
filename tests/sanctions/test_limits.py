"""Every statutory limit of sanctions.rules at and over its boundary (pure functions, no database)."""
import datetime as dt

import pytest

from sanctions import rules
from sanctions.choices import Breach, SanctionKind, SeatCode
from tests.factories import make_resident_id

D = dt.date
T = dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.timezone.utc)
H = dt.timedelta(hours=1)


# --- 拘传: a refused lawful summons first; questioning 8 / 24 hours ------------------------------------------


def test_a_summons_needs_a_lawful_summons_and_its_refusal():
    errors = rules.summons_errors(decided_on=D(2024, 5, 10), lawful_summons_on=None, summons_refused_on=None)
    assert set(errors) == {"lawful_summons_on", "summons_refused_on"}


@pytest.mark.parametrize("summoned, refused, ok", [
    (D(2024, 5, 1), D(2024, 5, 10), True),   # refused on the day of the decision: allowed
    (D(2024, 5, 1), D(2024, 5, 11), False),  # a refusal after the decision cannot ground it
    (D(2024, 5, 5), D(2024, 5, 4), False),   # refused before being summoned
])
def test_the_refusal_comes_after_the_summons_and_before_the_decision(summoned, refused, ok):
    errors = rules.summons_errors(decided_on=D(2024, 5, 10), lawful_summons_on=summoned, summons_refused_on=refused)
    assert (errors == {}) is ok


@pytest.mark.parametrize("hours, may_detain, ok", [
    (8, False, True), (8.02, False, False), (24, True, True), (24.02, True, False), (12, False, False),
])
def test_questioning_lasts_at_most_8_hours_or_24_where_detention_may_follow(hours, may_detain, ok):
    errors = rules.questioning_errors(started_at=T, ended_at=T + dt.timedelta(hours=hours),
                                      detention_may_follow=may_detain)
    assert (errors == {}) is ok
    if not ok:
        assert str(24 if may_detain else 8) in str(errors["ended_at"][0])


def test_questioning_ends_after_it_starts():
    assert "ended_at" in rules.questioning_errors(started_at=T, ended_at=T - H, detention_may_follow=False)


# --- 拘留: family told within 24 hours -------------------------------------------------------------------------


@pytest.mark.parametrize("notified, now, state", [
    (None, T + 23 * H, "due"),
    (None, T + 24 * H + dt.timedelta(minutes=1), "overdue"),
    (T + 24 * H, T + 30 * H, "on_time"),
    (T + 24 * H + dt.timedelta(minutes=1), T + 30 * H, "late"),
])
def test_the_family_notice_is_flagged_after_24_hours(notified, now, state):
    assert rules.family_notice_state(detained_at=T, notified_at=notified, now=now) == state


def test_no_custody_no_family_clock():
    assert rules.family_notice_state(detained_at=None, notified_at=None, now=T) == ""


# --- 限制消费 / 限制出境: a company binds its legal representative ---------------------------------------------


def test_a_company_restriction_must_bind_its_legal_representative():
    errors = rules.bound_person_errors(kind=SanctionKind.CONSUMPTION_RESTRICTION, party_kind="organization",
                                       bound=[])
    assert "bound_persons" in errors
    # the legal representative named with a valid ID: fine
    rep = {"role": "legal_representative", "name": "姚某某", "id_number": make_resident_id()}
    assert rules.bound_person_errors(kind=SanctionKind.CONSUMPTION_RESTRICTION, party_kind="organization",
                                     bound=[rep]) == {}
    # or the one on the party's record
    assert rules.bound_person_errors(kind=SanctionKind.EXIT_RESTRICTION, party_kind="organization", bound=[],
                                     recorded_legal_representative="姚某某") == {}


def test_bound_persons_need_a_valid_resident_id_and_a_known_role():
    bad_id = make_resident_id()[:17] + ("0" if make_resident_id()[17] != "0" else "1")
    errors = rules.bound_person_errors(kind=SanctionKind.CONSUMPTION_RESTRICTION, party_kind="organization", bound=[
        {"role": "legal_representative", "name": "姚某某", "id_number": "123"},
        {"role": "cousin", "name": "", "id_number": bad_id}])
    text = " ".join(str(m) for m in errors["bound_persons"])
    assert "第1人" in text and "18位" in text and "第2人" in text and "请填写姓名" in text


def test_a_person_restriction_binds_the_person_and_no_one_else():
    rep = {"role": "legal_representative", "name": "x", "id_number": make_resident_id()}
    assert "bound_persons" in rules.bound_person_errors(kind=SanctionKind.CONSUMPTION_RESTRICTION,
                                                        party_kind="person", bound=[rep])
    assert "bound_persons" in rules.bound_person_errors(kind=SanctionKind.FINE, party_kind="organization",
                                                        bound=[rep])


# --- 失信: grounds, exclusions, 2 years + 1–3 ----------------------------------------------------------------------


def dishonest(**kw):
    facts = dict(ground="report_breach", is_minor=False, security_given=False, seized_assets_suffice=False,
                 extension_years=0)
    facts.update(kw)
    return rules.dishonest_errors(**facts)


def test_listing_needs_one_of_the_six_grounds():
    assert dishonest() == {}
    assert "dishonest_ground" in dishonest(ground="")
    assert "dishonest_ground" in dishonest(ground="bad_luck")


@pytest.mark.parametrize("exclusion, field", [("is_minor", "party"), ("security_given", "security_given"),
                                              ("seized_assets_suffice", "party")])
def test_minors_secured_debts_and_sufficient_seizures_are_not_listed(exclusion, field):
    assert field in dishonest(**{exclusion: True})


@pytest.mark.parametrize("years, ok", [(0, True), (1, True), (3, True), (4, False)])
def test_the_term_may_be_extended_by_one_to_three_years(years, ok):
    assert (dishonest(extension_years=years) == {}) is ok


def test_extensions_add_up_to_three_years_at_most_and_never_for_ground_one():
    assert rules.dishonest_extension_errors(ground="evasion", years=2, already=1) == {}
    assert rules.dishonest_extension_errors(ground="evasion", years=1, already=3)
    assert rules.dishonest_extension_errors(ground="evasion", years=0)
    assert rules.dishonest_extension_errors(ground="able_but_refusing", years=1)


def test_the_term_is_two_years_plus_extension_and_open_for_ground_one():
    assert rules.dishonest_end_on(start_on=D(2024, 3, 11), ground="report_breach") == D(2026, 3, 10)
    assert rules.dishonest_end_on(start_on=D(2024, 3, 11), ground="evasion", extension_years=3) == D(2029, 3, 10)
    assert rules.dishonest_end_on(start_on=D(2024, 2, 29), ground="evasion") == D(2026, 2, 27)
    assert rules.dishonest_end_on(start_on=D(2024, 3, 11), ground="able_but_refusing") is None


# --- 复议: within 3 days, decided within 5, fines and detention only -------------------------------------------


@pytest.mark.parametrize("days_after, ok", [(0, True), (3, True), (4, False)])
def test_reconsideration_is_applied_for_within_three_days(days_after, ok):
    errors = rules.reconsideration_errors(kind="fine", status="approved", served_on=D(2024, 5, 1),
                                          applied_on=D(2024, 5, 1) + dt.timedelta(days=days_after),
                                          already_applied=False)
    assert (errors == {}) is ok


def test_reconsideration_is_for_fines_and_detention_in_force_and_only_once():
    kw = dict(served_on=D(2024, 5, 1), applied_on=D(2024, 5, 2))
    assert "sanction" in rules.reconsideration_errors(kind="consumption_restriction", status="approved",
                                                      already_applied=False, **kw)
    assert "sanction" in rules.reconsideration_errors(kind="detention", status="proposed", already_applied=False,
                                                      **kw)
    assert "sanction" in rules.reconsideration_errors(kind="detention", status="approved", already_applied=True,
                                                      **kw)


@pytest.mark.parametrize("decided_after, overdue", [(5, False), (6, True)])
def test_a_decision_later_than_five_days_is_flagged(decided_after, overdue):
    applied = D(2024, 5, 2)
    assert rules.reconsideration_overdue(applied_on=applied, decided_on=applied + dt.timedelta(days=decided_after),
                                         today=D(2024, 6, 1)) is overdue


# --- 拒执罪: the police decide within 7 days, 30 if complex ------------------------------------------------------


@pytest.mark.parametrize("complex_case, days, overdue", [(False, 7, False), (False, 8, True), (True, 30, False),
                                                         (True, 31, True)])
def test_the_police_decide_within_7_days_or_30_if_complex(complex_case, days, overdue):
    sent = D(2024, 5, 1)
    assert rules.police_decision_due(sent, complex_case=complex_case) == sent + dt.timedelta(
        days=30 if complex_case else 7)
    assert rules.police_decision_overdue(sent_on=sent, complex_case=complex_case, decided_on=None,
                                         today=sent + dt.timedelta(days=days)) is overdue


def test_a_private_prosecution_needs_the_police_to_have_declined():
    assert "kind" in rules.private_prosecution_errors(has_declined_referral=False)
    assert rules.private_prosecution_errors(has_declined_referral=True) == {}


# --- the report order's period --------------------------------------------------------------------------------


def test_the_report_order_gives_five_days():
    assert rules.REPORT_ORDER_DAYS == 5
    assert rules.report_deadline(D(2024, 3, 2)) == D(2024, 3, 7)


# --- what travel breaches -------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode, route, seat, breach", [
    ("flight", "CZ3456 南昌—曼谷", "经济舱", Breach.FLIGHT),
    ("rail", "G1502 南昌西—北京西", "二等座", Breach.G_TRAIN),
    ("rail", "G1502", "无座", Breach.G_TRAIN),
    ("rail", "D6501 南昌—九江", "二等座", Breach.NONE),
    ("rail", "D6501 南昌—九江", "一等座", Breach.BULLET_FIRST),
    ("rail", "C7001 南昌—九江", "商务座", Breach.BULLET_FIRST),
    ("rail", "南昌—上海", "一等座", Breach.BULLET_FIRST),  # only bullet trains sell first-class seats
    ("rail", "南昌—上海", "二等座", Breach.NONE),  # G or D cannot be told: left alone
    ("rail", "K1234 南昌—广州", "软卧", Breach.SOFT_SLEEPER),
    ("rail", "K1234 南昌—广州", "硬卧", Breach.NONE),
    ("rail", "Z66 南昌—北京", "硬座", Breach.NONE),
    ("rail", "d301 南昌—九江", "FIRST", Breach.BULLET_FIRST),
    ("exit", "拱北口岸", "", Breach.EXIT),
    # ships: second class and above (SPC 限制消费规定 art. 3(1), 轮船二等以上舱位)
    ("ship", "九江—武汉 长江游轮", "二等舱", Breach.SHIP_CABIN),
    ("ship", "九江—武汉 长江游轮", "一等舱", Breach.SHIP_CABIN),
    ("ship", "九江—武汉 长江游轮", "特等舱", Breach.SHIP_CABIN),
    ("ship", "九江—武汉 长江游轮", "三等舱", Breach.NONE),
    ("ship", "鄱阳湖渡轮", "", Breach.NONE),  # a cabin not named is left alone
])
def test_what_a_journey_breaches(mode, route, seat, breach):
    assert rules.travel_breach(mode, rules.train_class_of(route) if mode == "rail" else "",
                               rules.seat_code_of(seat)) == breach


def test_train_numbers_are_found_anywhere_in_the_route():
    assert rules.train_class_of("南昌西→北京西（G1502次）") == "G"
    assert rules.train_class_of("BG1502") == ""
    assert rules.seat_code_of("  一等座 ") == SeatCode.FIRST
    assert rules.seat_code_of("豪华座") == SeatCode.OTHER


@pytest.mark.parametrize("restriction, breach, matches", [
    ("consumption_restriction", "flight", True), ("consumption_restriction", "exit", False),
    ("exit_restriction", "exit", True), ("exit_restriction", "g_train", False), ("consumption_restriction", "", False),
])
def test_which_restriction_a_breach_offends(restriction, breach, matches):
    assert rules.breach_matches(restriction, breach) is matches


# --- approval and status --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(SanctionKind.values))
def test_every_measure_but_a_private_prosecution_needs_a_leaders_approval(kind):
    assert (kind in rules.NEEDS_APPROVAL) is (kind != "private_prosecution")


@pytest.mark.parametrize("a, b, ok", [("proposed", "approved", True), ("proposed", "rejected", True),
                                      ("approved", "ended", True), ("proposed", "ended", False),
                                      ("rejected", "approved", False), ("ended", "approved", False),
                                      ("approved", "rejected", False)])
def test_status_transitions(a, b, ok):
    assert rules.can_transition(a, b) is ok


def test_the_coercive_measures_that_need_urging():
    assert set(rules.URGING_REQUIRED) == {"summons", "fine", "detention", "criminal_referral"}
