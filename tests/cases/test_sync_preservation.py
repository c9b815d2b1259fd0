"""立案与保全同步: the filing prompt, applications and rulings (48 hours), preserved assets with lapse dates,
renewal reminders, release after 30 days without a suit, and the carry-over into enforcement."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.choices import AssetStatus, EventKind, TodoKind
from cases.models import Asset, LitigationCase, Preservation, Todo
from cases.selectors import preservation_flags, preservations_visible_to
from cases.services.assets import asset_renew
from cases.services.enforcement import enforcement_case_file
from cases.services.litigation import (litigation_case_file, litigation_preservation_answer, preservation_add)
from cases.services.preservation import (preservation_add_asset, preservation_checks, preservation_link_suit,
                                         preservation_release, preservation_rule)
from tests.cases.test_sync_support import D, granted_preservation, lit_case, money  # noqa: F401 (fixtures)
from tests.factories import PersonFactory
from wanian_exec.errors import RuleViolation

pytestmark = pytest.mark.django_db

T = dt.time
NOW = dt.datetime(2024, 6, 1, 9, 0)


# --- the filing prompt -----------------------------------------------------------------------------------------


def test_filing_records_guidance_and_an_application_in_one_step(court, clerk, applicant, respondent, trial_judge):
    case = litigation_case_file(court=court, actor=clerk, cause="买卖合同纠纷", filed_on=D(2024, 1, 10),
                                plaintiffs=[applicant], defendants=[respondent], claim_amount=money(126000),
                                trial_judge=trial_judge, preservation_guided=True, preservation_response="applied",
                                preservation={"kind": "litigation", "applied_on": D(2024, 1, 10),
                                              "applied_time": T(10, 30), "amount": money(126000)})
    case.refresh_from_db()
    assert (case.preservation_guided, case.preservation_response) == (True, "applied")
    assert case.preservations.get().applied_time == T(10, 30)


def test_a_bad_application_at_filing_files_nothing(court, clerk, applicant, respondent):
    with pytest.raises(ValidationError) as excinfo:
        litigation_case_file(court=court, actor=clerk, cause="买卖合同纠纷", filed_on=D(2024, 1, 10),
                             plaintiffs=[applicant], defendants=[respondent], preservation_response="applied",
                             preservation={"kind": "litigation", "applied_on": D(2024, 1, 10), "amount": money(0)})
    assert "amount" in excinfo.value.message_dict
    assert not LitigationCase.objects.exists() and not Preservation.objects.exists()


def test_a_declined_preservation_is_recorded_and_a_non_property_case_has_no_answer(lit_case, clerk, court,
                                                                                   applicant, respondent):
    case = litigation_preservation_answer(case=lit_case, actor=clerk, guided=True, response="declined")
    assert (case.preservation_guided, case.preservation_response) == (True, "declined")

    with pytest.raises(ValidationError) as excinfo:
        litigation_case_file(court=court, actor=clerk, cause="离婚纠纷", filed_on=D(2024, 1, 10),
                             plaintiffs=[applicant], defendants=[respondent], is_property_dispute=False,
                             preservation_response="declined")
    assert "preservation_response" in excinfo.value.message_dict


def test_an_application_marks_the_case_as_applied(lit_case, clerk):
    preservation_add(case=lit_case, actor=clerk, kind="litigation", applied_on=D(2024, 1, 12), amount=money(1))
    lit_case.refresh_from_db()
    assert lit_case.preservation_response == "applied"


# --- rulings -----------------------------------------------------------------------------------------------------


def test_a_ruling_is_recorded_once_and_not_before_the_application(lit_case, clerk):
    item = preservation_add(case=lit_case, actor=clerk, kind="pre_litigation", applied_on=D(2024, 1, 5),
                            applied_time=T(9, 0), amount=money(126000), security_amount=money(126000))
    with pytest.raises(ValidationError) as excinfo:
        preservation_rule(preservation=item, actor=clerk, ruled_on=D(2024, 1, 5), ruled_time=T(8, 0))
    assert "ruled_time" in excinfo.value.message_dict

    preservation_rule(preservation=item, actor=clerk, ruled_on=D(2024, 1, 7), ruled_time=T(9, 0))

    with pytest.raises(RuleViolation) as again:
        preservation_rule(preservation=item, actor=clerk, ruled_on=D(2024, 1, 8))
    assert again.value.code == "already_ruled"


@pytest.mark.parametrize("ruled_time, late", [(T(9, 0), False), (T(9, 1), True)])
def test_a_late_pre_suit_ruling_is_flagged(lit_case, clerk, ruled_time, late):
    item = preservation_add(case=lit_case, actor=clerk, kind="pre_litigation", applied_on=D(2024, 1, 5),
                            applied_time=T(9, 0), amount=money(100), security_amount=money(100),
                            ruled_on=D(2024, 1, 7), ruled_time=ruled_time)
    assert ("ruling_late" in preservation_flags(item, today=D(2024, 6, 1), now=NOW)) is late


def test_an_in_suit_preservation_has_no_48_hour_flag(lit_case, clerk):
    item = preservation_add(case=lit_case, actor=clerk, kind="litigation", applied_on=D(2024, 1, 12),
                            amount=money(100), ruled_on=D(2024, 1, 30))
    assert preservation_flags(item, today=D(2024, 6, 1), now=NOW) == []


def test_a_pre_suit_application_before_any_suit_needs_both_parties(court, clerk, applicant, respondent):
    with pytest.raises(ValidationError) as excinfo:
        preservation_add(case=None, court=court, actor=clerk, kind="litigation", applied_on=D(2024, 1, 5),
                         amount=money(100))
    assert {"kind", "applicant", "respondent"} <= set(excinfo.value.message_dict)

    item = preservation_add(case=None, court=court, actor=clerk, kind="pre_litigation", applied_on=D(2024, 1, 5),
                            amount=money(100), applicant=applicant, respondent=respondent)
    assert item.court == court and item.case is None and item.status == "pending"


# --- 30 days without a suit ---------------------------------------------------------------------------------------


@pytest.fixture
def pre_suit(court, clerk, applicant, respondent):
    item = preservation_add(case=None, court=court, actor=clerk, kind="pre_litigation", applied_on=D(2024, 1, 1),
                            applied_time=T(9, 0), amount=money(126000), security_amount=money(126000),
                            applicant=applicant, respondent=respondent)
    return preservation_rule(preservation=item, actor=clerk, ruled_on=D(2024, 1, 2), ruled_time=T(10, 0))


@pytest.mark.parametrize("today, due", [(D(2024, 2, 1), False), (D(2024, 2, 2), True)])
def test_no_suit_30_days_after_the_measure_puts_release_on_the_list(pre_suit, clerk, today, due):
    summary = preservation_checks(today=today, now=dt.datetime.combine(today, T(7, 0)))
    todo = Todo.objects.filter(kind=TodoKind.PRESERVATION_RELEASE).first()
    assert (todo is not None) is due
    assert summary["release_due_created"] == int(due)
    if due:
        assert todo.assignee == clerk and todo.due_on == D(2024, 2, 1)
        assert ("release_due" in preservation_flags(pre_suit, today=today, now=NOW))


def test_a_suit_filed_in_time_is_linked_and_stops_the_clock(pre_suit, court, clerk, applicant, respondent):
    suit = litigation_case_file(court=court, actor=clerk, cause="买卖合同纠纷", filed_on=D(2024, 2, 1),
                                plaintiffs=[applicant], defendants=[respondent], pre_suit_preservation=pre_suit)
    pre_suit.refresh_from_db()
    suit.refresh_from_db()
    assert pre_suit.case == suit and suit.preservation_response == "applied"
    preservation_checks(today=D(2024, 3, 1), now=dt.datetime(2024, 3, 1, 7))
    assert not Todo.objects.filter(kind=TodoKind.PRESERVATION_RELEASE).exists()
    assert preservation_flags(pre_suit, today=D(2024, 3, 1), now=NOW) == []


def test_a_suit_filed_late_is_flagged(pre_suit, make_litigation_case, clerk):
    suit = make_litigation_case(filed_on=D(2024, 2, 2))
    preservation_link_suit(preservation=pre_suit, actor=clerk, case=suit)
    pre_suit.refresh_from_db()
    assert "suit_late" in preservation_flags(pre_suit, today=D(2024, 3, 1), now=NOW)


def test_a_pre_suit_preservation_links_only_to_a_suit_against_its_respondent(pre_suit, court, clerk, applicant):
    other = PersonFactory(court=court)
    suit = litigation_case_file(court=court, actor=clerk, cause="买卖合同纠纷", filed_on=D(2024, 1, 20),
                                plaintiffs=[applicant], defendants=[other])
    with pytest.raises(ValidationError) as excinfo:
        preservation_link_suit(preservation=pre_suit, actor=clerk, case=suit)
    assert "case" in excinfo.value.message_dict


def test_release_releases_the_assets_still_held(pre_suit, clerk, respondent):
    asset = preservation_add_asset(preservation=pre_suit, actor=clerk, party=respondent, kind="deposit",
                                   description="活期账户 6228****1234", controlled_on=D(2024, 1, 2),
                                   value=money(50000))
    preservation_release(preservation=pre_suit, actor=clerk, released_on=D(2024, 2, 5), reason="未在30日内起诉")
    asset.refresh_from_db()
    assert (asset.status, asset.released_on) == (AssetStatus.RELEASED, D(2024, 2, 5))
    with pytest.raises(RuleViolation):
        preservation_release(preservation=pre_suit, actor=clerk, released_on=D(2024, 2, 6), reason="x")


@pytest.mark.parametrize("hour, overdue", [(9, False), (10, True)])
def test_an_unruled_pre_suit_application_past_48_hours_goes_on_the_list(court, clerk, applicant, respondent,
                                                                          hour, overdue):
    preservation_add(case=None, court=court, actor=clerk, kind="pre_litigation", applied_on=D(2024, 5, 1),
                     applied_time=T(9, 30), amount=money(1), applicant=applicant, respondent=respondent)
    preservation_checks(today=D(2024, 5, 3), now=dt.datetime(2024, 5, 3, hour, 0))
    assert Todo.objects.filter(kind=TodoKind.RULING_OVERDUE, assignee=clerk).exists() is overdue


# --- preserved assets and their lapse dates -------------------------------------------------------------------------


def test_a_preserved_asset_lapses_by_its_kind(granted_preservation, clerk, respondent):
    house = preservation_add_asset(preservation=granted_preservation, actor=clerk, party=respondent,
                                   kind="real_estate", description="陈营镇某小区3栋201室", controlled_on=D(2024, 1, 13))
    car = preservation_add_asset(preservation=granted_preservation, actor=clerk, party=respondent, kind="vehicle",
                                 description="赣E·12345", controlled_on=D(2024, 1, 13))
    assert (house.lapses_on, car.lapses_on) == (D(2027, 1, 13), D(2026, 1, 13))
    assert house.case is None and house.status == AssetStatus.FROZEN


def test_a_preserved_asset_needs_a_granted_ruling_and_the_defendants_property(lit_case, clerk, applicant,
                                                                              respondent, granted_preservation):
    pending = preservation_add(case=lit_case, actor=clerk, kind="litigation", applied_on=D(2024, 1, 12),
                               amount=money(1))
    with pytest.raises(RuleViolation) as excinfo:
        preservation_add_asset(preservation=pending, actor=clerk, party=respondent, kind="deposit",
                               description="x", controlled_on=D(2024, 1, 13))
    assert excinfo.value.code == "not_granted"
    with pytest.raises(ValidationError) as bad:
        preservation_add_asset(preservation=granted_preservation, actor=clerk, party=applicant, kind="deposit",
                               description="x", controlled_on=D(2024, 1, 11))
    assert {"party", "controlled_on"} <= set(bad.value.message_dict)


@pytest.mark.parametrize("days_left, reminded", [(30, True), (31, False), (0, True), (-1, False)])
def test_a_renewal_reminder_30_days_before_the_lapse(granted_preservation, clerk, respondent, trial_judge,
                                                     days_left, reminded):
    asset = preservation_add_asset(preservation=granted_preservation, actor=clerk, party=respondent,
                                   kind="deposit", description="活期账户", controlled_on=D(2024, 1, 13))
    today = asset.lapses_on - dt.timedelta(days=days_left)
    preservation_checks(today=today, now=dt.datetime.combine(today, T(7)))
    preservation_checks(today=today, now=dt.datetime.combine(today, T(7)))
    todos = Todo.objects.filter(kind=TodoKind.LAPSE_NEAR)
    assert todos.count() == int(reminded)
    if reminded:
        todo = todos.get()
        assert todo.assignee == trial_judge and todo.due_on == D(2025, 1, 13) and todo.litigation_case_id


def test_renewing_moves_the_lapse_date_and_ticks_the_reminder_off(granted_preservation, clerk, respondent):
    asset = preservation_add_asset(preservation=granted_preservation, actor=clerk, party=respondent,
                                   kind="deposit", description="活期账户", controlled_on=D(2024, 1, 13))
    preservation_checks(today=D(2024, 12, 20), now=dt.datetime(2024, 12, 20, 7))
    asset = asset_renew(asset=asset, actor=clerk, renewed_on=D(2024, 12, 23))
    assert (asset.lapses_on, asset.renewals) == (D(2026, 1, 13), 1)
    assert Todo.objects.get(kind=TodoKind.LAPSE_NEAR).done_at is not None


def test_the_lapse_window_is_each_courts_setting(granted_preservation, clerk, respondent):
    from cases.models import SyncSettings

    SyncSettings.objects.create(court=granted_preservation.court, lapse_reminder_days=60)
    asset = preservation_add_asset(preservation=granted_preservation, actor=clerk, party=respondent,
                                   kind="deposit", description="活期账户", controlled_on=D(2024, 1, 13))
    preservation_checks(today=asset.lapses_on - dt.timedelta(days=60), now=NOW)
    assert Todo.objects.filter(kind=TodoKind.LAPSE_NEAR).count() == 1


# --- carry-over into enforcement -------------------------------------------------------------------------------------


def test_preserved_assets_move_into_the_enforcement_case_filed_from_the_suit(granted_preservation, lit_case, clerk,
                                                                             applicant, respondent):
    kept = preservation_add_asset(preservation=granted_preservation, actor=clerk, party=respondent, kind="deposit",
                                  description="活期账户", controlled_on=D(2024, 1, 13), value=money(90000))
    lapsed = preservation_add_asset(preservation=granted_preservation, actor=clerk, party=respondent,
                                    kind="deposit", description="定期账户", controlled_on=D(2024, 1, 13))
    Asset.objects.filter(pk=lapsed.pk).update(lapses_on=D(2024, 3, 1))  # lapsed before the filing

    case = enforcement_case_file(court=lit_case.court, actor=clerk, applicants=[applicant], respondents=[respondent],
                                 amount_claimed=money(126000), filed_on=D(2024, 6, 1), source_case=lit_case)

    kept.refresh_from_db()
    lapsed.refresh_from_db()
    assert kept.case == case and kept.lapses_on == D(2025, 1, 13)  # the same freeze, its period running on
    assert lapsed.case is None
    event = case.events.get(kind=EventKind.PRESERVATION_CARRIED)
    assert event.party == respondent and "活期账户" in event.note


def test_an_asset_preserved_after_enforcement_began_joins_the_case(granted_preservation, lit_case, clerk,
                                                                   applicant, respondent):
    case = enforcement_case_file(court=lit_case.court, actor=clerk, applicants=[applicant], respondents=[respondent],
                                 amount_claimed=money(126000), filed_on=D(2024, 6, 1), source_case=lit_case)
    asset = preservation_add_asset(preservation=granted_preservation, actor=clerk, party=respondent,
                                   kind="vehicle", description="赣E·12345", controlled_on=D(2024, 6, 2))
    assert asset.case == case and case.events.filter(kind=EventKind.ASSET_CONTROLLED).exists()


def test_preservations_are_visible_to_their_own_court_only(pre_suit, lit_case, clerk, other_judge,
                                                           granted_preservation):
    assert set(preservations_visible_to(clerk)) == {pre_suit, granted_preservation}
    assert not preservations_visible_to(other_judge).exists()
