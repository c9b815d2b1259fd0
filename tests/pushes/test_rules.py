"""The push rules as pure functions: ISO weeks, amounts in reasons, and each channel's reasons."""
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from pushes import rules
from pushes.choices import Body, Channel

RULES = SimpleNamespace(small_amount_limit=Decimal("50000.00"), grid_includes_livelihood=True,
                        discipline_includes_party_members=True, discipline_includes_state_organs=True,
                        deputy_level="县")


def test_an_iso_week_parses_to_its_monday_and_sunday():
    assert rules.parse_week("2024-W23") == (dt.date(2024, 6, 3), dt.date(2024, 6, 9))
    assert rules.parse_week("2020-W53") == (dt.date(2020, 12, 28), dt.date(2021, 1, 3))


@pytest.mark.parametrize("week", ["2024-W00", "2024-W53", "2024-23", "2024W23", "", "2024-w23"])
def test_a_malformed_or_missing_week_is_refused(week):
    with pytest.raises(ValueError):
        rules.parse_week(week)


def test_weeks_follow_iso_years_at_new_year():
    assert rules.week_of(dt.date(2024, 12, 30)) == "2025-W01"
    assert rules.previous_weeks("2024-W02", 3) == ["2024-W02", "2024-W01", "2023-W52"]


def test_the_current_week_is_the_courts_not_the_servers(monkeypatch):
    # Sunday 2024-06-09 20:00 UTC is already Monday 04:00 in Shanghai: week 24, not 23
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2024, 6, 9, 20, 0, tzinfo=dt.timezone.utc))
    assert rules.current_week() == "2024-W24"


@pytest.mark.parametrize("amount, text", [
    ("32000.00", "3.2万元"), ("50000.00", "5.0万元"), ("10000.00", "1.0万元"), ("32500.00", "3.3万元"),
    ("9999.99", "9999.99元"), ("800", "800.00元"), ("0.01", "0.01元"),
])
def test_amounts_read_in_wan_from_ten_thousand_yuan(amount, text):
    assert rules.format_amount(Decimal(amount)) == text


def reasons(channel, case=None, party=None, **recipient):
    return rules.channel_reasons(rules.RecipientFacts(channel, **recipient),
                                 case or rules.CaseFacts(outstanding=Decimal("32000.00")),
                                 party or rules.PartyFacts(), RULES)


def test_grid_reasons_and_the_boundary():
    party = rules.PartyFacts(grid_id=7)
    assert reasons(Channel.GRID, party=party, grid_id=7) == ["未履行金额3.2万元，属小标的案件"]
    assert reasons(Channel.GRID, rules.CaseFacts(Decimal("50000.01")), party, grid_id=7) == []
    assert reasons(Channel.GRID, rules.CaseFacts(Decimal("50000.00")), party, grid_id=7) == [
        "未履行金额5.0万元，属小标的案件"]
    assert reasons(Channel.GRID, rules.CaseFacts(Decimal("900000"), is_livelihood=True), party, grid_id=7) == [
        "属涉民生案件"]
    assert reasons(Channel.GRID, party=party, grid_id=8) == []


def test_the_terminated_current_reason_follows_the_channels_own():
    case = rules.CaseFacts(Decimal("32000.00"), terminated_current=True)
    assert reasons(Channel.DISCIPLINE, case, rules.PartyFacts(is_public_official=True)) == [
        "被执行人系公职人员", "终本案件，纳入终本清仓"]
    assert reasons(Channel.DISCIPLINE, case, rules.PartyFacts()) == []


def test_tag_reasons():
    assert reasons(Channel.NPC_CPPCC, party=rules.PartyFacts(is_npc_deputy=True)) == ["被执行人系县人大代表"]
    assert reasons(Channel.NPC_CPPCC, party=rules.PartyFacts(is_npc_deputy=True), body=Body.CPPCC) == []
    assert reasons(Channel.DISCIPLINE, party=rules.PartyFacts(is_organization=True, is_state_organ=True)) == [
        "被执行人系党政机关"]
    assert reasons(Channel.CIVIL_AFFAIRS, party=rules.PartyFacts(is_hardship=True)) == ["申请执行人系困难群众"]
    assert reasons(Channel.TOWNSHIP, party=rules.PartyFacts(township_id=3, township_name="青云镇"),
                   township_id=3) == ["被执行人住所地在青云镇"]
    assert reasons(Channel.EMPLOYER, party=rules.PartyFacts(employer_id=5, employer_name="某公司"),
                   organization_id=5) == ["被执行人系某公司职工"]
