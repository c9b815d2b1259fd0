"""The push rules in one place: ISO weeks, which case goes to which channel, and the reasons in plain Chinese.

The channel rules are one table, CHANNEL_RULES below: the weekly run and its preview evaluate it in SQL
(pushes/classify.py, derived from the table) for speed; `channel_reason_codes` evaluates the same table in Python.

Rules (the Wannian "453" mechanism, 五推送, as reported in 2024):
- grid 综治网格: small-amount cases (outstanding ≤ the rule set's limit, default 50,000 yuan) or livelihood
  cases (涉民生, whatever the amount), to the grid where the respondent lives;
- township 乡镇: respondents living in the township; employer 单位: respondents on the organization's payroll;
- discipline 纪委监委: respondents who are public officials or party members, or organizations that are
  party/government organs;
- npc_cppcc 人大、政协: respondents who are NPC deputies or CPPCC members;
- civil_affairs 民政: applicants in hardship (困难申请人), for relief.
Only open cases with money outstanding are pushed; 终本 cases are included (the stock being cleared) unless the
rule set says otherwise, and a 终本 case already resumed is left to its 执恢 case.
"""
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.choices import PartyKind
from cases.services.common import court_today

from .choices import Body, Channel, PartyRole

DEFAULT_SMALL_AMOUNT_LIMIT = Decimal("50000.00")  # 小标的: ≤ 5万元 outstanding goes to the grid workers
WAN = Decimal("10000")

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")

# Reason templates (gettext msgids). A placeholder stands for a value the SQL fills in.
REASON_SMALL_AMOUNT = gettext_lazy("未履行金额%(amount)s，属小标的案件")
REASON_LIVELIHOOD = gettext_lazy("属涉民生案件")
REASON_TOWNSHIP = gettext_lazy("被执行人住所地在%(township)s")
REASON_EMPLOYER = gettext_lazy("被执行人系%(employer)s职工")
REASON_PUBLIC_OFFICIAL = gettext_lazy("被执行人系公职人员")
REASON_PARTY_MEMBER = gettext_lazy("被执行人系中共党员")
REASON_STATE_ORGAN = gettext_lazy("被执行人系党政机关")
REASON_NPC_DEPUTY = gettext_lazy("被执行人系%(level)s人大代表")
REASON_CPPCC_MEMBER = gettext_lazy("被执行人系%(level)s政协委员")
REASON_HARDSHIP = gettext_lazy("申请执行人系困难群众")
REASON_TERMINATED_CURRENT = gettext_lazy("终本案件，纳入终本清仓")
UNIT_WAN = gettext_lazy("万元")
UNIT_YUAN = gettext_lazy("元")


# --- ISO weeks -------------------------------------------------------------------------------------------


def parse_week(week: str) -> tuple[dt.date, dt.date]:
    """"2024-W23" → (Monday, Sunday). ValueError for anything else, including week 53 of a 52-week year."""
    match = WEEK_RE.match(week or "")
    if not match:
        raise ValueError(_("周次格式应为YYYY-Www，如2024-W23。"))
    year, number = int(match.group(1)), int(match.group(2))
    try:
        monday = dt.date.fromisocalendar(year, number, 1)
        sunday = monday + dt.timedelta(days=6)  # 9999-W52 ends past the last date Python knows
    except (ValueError, OverflowError):
        raise ValueError(_("%(year)s年没有第%(week)s周。") % {"year": year, "week": number}) from None
    return monday, sunday


def week_of(day: dt.date) -> str:
    year, number, _weekday = day.isocalendar()
    return f"{year}-W{number:02d}"


def current_week() -> str:
    """The ISO week of today in Asia/Shanghai (the court's date, not the server's)."""
    return week_of(court_today())


# A run is for the current ISO week or one of the few before it (a week missed while the scheduler was down, run
# by hand) — never a future week, never years back: every run writes that week's batches and sends each
# recipient a link, so a far-off week is a typing error or abuse. The scheduled job always runs the current week.
RUN_WEEKS_BACK = 8


def run_week_errors(week: str, *, today: dt.date, weeks_back: int | None = RUN_WEEKS_BACK) -> list[str]:
    """Why `week` may not be run (or previewed) on `today`: malformed, in the future, or more than `weeks_back`
    weeks before the current one (None: any past week — the services' own floor, for backfills and tests)."""
    try:
        monday, _sunday = parse_week(week)
    except ValueError as exc:
        return [str(exc)]
    current = week_of(today)
    current_monday, _current_sunday = parse_week(current)
    if monday > current_monday:
        return [_("不能推送未来的周次（本周为%(current)s）。") % {"current": current}]
    if weeks_back is not None and monday < current_monday - dt.timedelta(weeks=weeks_back):
        earliest = week_of(current_monday - dt.timedelta(weeks=weeks_back))
        return [_("只能推送本周或此前%(n)s周内的周次（%(earliest)s至%(current)s）。") % {
            "n": weeks_back, "earliest": earliest, "current": current}]
    return []


def previous_weeks(week: str, count: int) -> list[str]:
    monday, _sunday = parse_week(week)
    return [week_of(monday - dt.timedelta(weeks=n)) for n in range(count)]


# --- reasons -----------------------------------------------------------------------------------------------


def format_amount(amount: Decimal) -> str:
    """"3.2万元" from 32,000 yuan; below one 万, yuan with two decimals ("800.00元"). Rounded half up, as the
    SQL's round() does."""
    if amount >= WAN:
        return f"{(amount / WAN).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}{UNIT_WAN}"
    return f"{amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}{UNIT_YUAN}"


# --- the channels: ONE table, which both the set-based SQL (classify.py: the run and its preview) and the Python
# predicate below (channel_reason_codes) are derived from. A reason holds when all its conditions hold; a (case,
# party) goes on a recipient's list when its party matches the recipient (if the channel matches on a place or an
# employer) and at least one of the channel's reasons holds. Items store the reasons' codes; the words are rendered
# from them on display (render_reasons), in the reader's language.


@dataclass(frozen=True)
class Fact:
    """A true/false fact of the case or the party (a column of the run's pool)."""

    name: str


@dataclass(frozen=True)
class Setting:
    """A switch of the court's rule set (PushRuleSet)."""

    name: str


@dataclass(frozen=True)
class AtMost:
    """An amount of the case at most a limit of the rule set (the limit included: 小标的 ≤ 5万元)."""

    fact: str
    limit: str


@dataclass(frozen=True)
class PartyKindIs:
    kind: str


@dataclass(frozen=True)
class BodyIn:
    """The recipient's body (人大常委会 / 政协 / both) is one of these."""

    bodies: tuple


@dataclass(frozen=True)
class Reason:
    code: str  # stored on the item (PushItem.reason_codes)
    text: object  # gettext template; placeholders: amount, township, employer, level
    when: tuple = ()  # conditions, all of which must hold


@dataclass(frozen=True)
class ChannelRule:
    role: str  # which party of the case: PartyRole
    match: tuple[str, str] | None  # (party fact, recipient field) that must be equal, or None: any recipient
    reasons: tuple[Reason, ...]


CHANNEL_RULES: dict[str, ChannelRule] = {
    Channel.GRID: ChannelRule(PartyRole.RESPONDENT, ("grid_id", "grid_id"), (
        Reason("small_amount", REASON_SMALL_AMOUNT, (AtMost("outstanding", "small_amount_limit"),)),
        Reason("livelihood", REASON_LIVELIHOOD, (Fact("livelihood"), Setting("grid_includes_livelihood"))),
    )),
    Channel.TOWNSHIP: ChannelRule(PartyRole.RESPONDENT, ("township_id", "township_id"), (
        Reason("township", REASON_TOWNSHIP),
    )),
    Channel.EMPLOYER: ChannelRule(PartyRole.RESPONDENT, ("employer_id", "organization_id"), (
        Reason("employer", REASON_EMPLOYER),
    )),
    Channel.DISCIPLINE: ChannelRule(PartyRole.RESPONDENT, None, (
        Reason("public_official", REASON_PUBLIC_OFFICIAL, (Fact("is_public_official"),)),
        Reason("party_member", REASON_PARTY_MEMBER,
               (Fact("is_party_member"), Setting("discipline_includes_party_members"))),
        Reason("state_organ", REASON_STATE_ORGAN, (PartyKindIs(PartyKind.ORGANIZATION), Fact("is_state_organ"),
                                                   Setting("discipline_includes_state_organs"))),
    )),
    Channel.NPC_CPPCC: ChannelRule(PartyRole.RESPONDENT, None, (
        Reason("npc_deputy", REASON_NPC_DEPUTY, (Fact("is_npc_deputy"), BodyIn((Body.BOTH, Body.NPC)))),
        Reason("cppcc_member", REASON_CPPCC_MEMBER, (Fact("is_cppcc_member"), BodyIn((Body.BOTH, Body.CPPCC)))),
    )),
    Channel.CIVIL_AFFAIRS: ChannelRule(PartyRole.APPLICANT, None, (
        Reason("hardship", REASON_HARDSHIP, (Fact("is_hardship"),)),
    )),
}
# Added to an item of any channel (after the channel's own reasons) when it has one: the 终本 stock being cleared.
# (A rule set that leaves 终本 cases out has them out of the eligible cases already: classify's pool.)
TERMINATED_CURRENT = Reason("terminated_current", REASON_TERMINATED_CURRENT, (Fact("terminated"),))
REASONS: dict[str, Reason] = {r.code: r for rule in CHANNEL_RULES.values() for r in rule.reasons}
REASONS[TERMINATED_CURRENT.code] = TERMINATED_CURRENT


@dataclass(frozen=True)
class CaseFacts:
    outstanding: Decimal
    is_livelihood: bool = False
    terminated_current: bool = False


@dataclass(frozen=True)
class PartyFacts:
    is_organization: bool = False
    grid_id: int | None = None
    township_id: int | None = None
    township_name: str = ""
    employer_id: int | None = None
    employer_name: str = ""
    is_public_official: bool = False
    is_party_member: bool = False
    is_state_organ: bool = False
    is_npc_deputy: bool = False
    is_cppcc_member: bool = False
    is_hardship: bool = False


@dataclass(frozen=True)
class RecipientFacts:
    channel: str
    grid_id: int | None = None
    township_id: int | None = None
    organization_id: int | None = None
    body: str = Body.BOTH


def _holds(condition, facts: dict, recipient: RecipientFacts, rule_set) -> bool:
    if isinstance(condition, Fact):
        return bool(facts[condition.name])
    if isinstance(condition, Setting):
        return bool(getattr(rule_set, condition.name))
    if isinstance(condition, AtMost):
        return facts[condition.fact] <= getattr(rule_set, condition.limit)
    if isinstance(condition, PartyKindIs):
        return facts["kind"] == condition.kind
    if isinstance(condition, BodyIn):
        return recipient.body in condition.bodies
    raise TypeError(condition)


def channel_reason_codes(recipient: RecipientFacts, case: CaseFacts, party: PartyFacts, rule_set) -> list[str]:
    """The codes of the reasons `party` of `case` goes on `recipient`'s list (empty: it does not), read from
    CHANNEL_RULES — what the SQL of classify.py computes for a whole court at once.

    `party` is a respondent, except for civil_affairs where it is an applicant. The case is assumed eligible
    (open or 终本, money outstanding); `rule_set` is a PushRuleSet (or anything with its fields).
    """
    rule = CHANNEL_RULES.get(recipient.channel)
    if rule is None:
        return []
    facts = {"outstanding": case.outstanding, "livelihood": case.is_livelihood,
             "terminated": case.terminated_current,
             "kind": PartyKind.ORGANIZATION if party.is_organization else PartyKind.PERSON,
             **{f.name: getattr(party, f.name) for f in fields(PartyFacts)}}
    if rule.match is not None:
        party_fact, recipient_field = rule.match
        if facts[party_fact] is None or facts[party_fact] != getattr(recipient, recipient_field):
            return []
    codes = [r.code for r in rule.reasons if all(_holds(c, facts, recipient, rule_set) for c in r.when)]
    if codes and all(_holds(c, facts, recipient, rule_set) for c in TERMINATED_CURRENT.when):
        codes.append(TERMINATED_CURRENT.code)
    return codes


def render_reasons(codes, *, amount: Decimal, township: str = "", employer: str = "", level: str = "") -> list[str]:
    """The reasons of stored codes in words, in the active language: `amount` is the item's outstanding amount,
    `township` and `employer` the recipient's, `level` the rule set's deputy level. An unknown code is shown as is."""
    values = {"amount": format_amount(amount), "township": township, "employer": employer, "level": level}
    return [str(REASONS[code].text) % values if code in REASONS else code for code in codes if code]


def channel_reasons(recipient: RecipientFacts, case: CaseFacts, party: PartyFacts, rule_set) -> list[str]:
    """channel_reason_codes in words (the party's township and employer are the recipient's when they match)."""
    return render_reasons(channel_reason_codes(recipient, case, party, rule_set), amount=case.outstanding,
                          township=party.township_name, employer=party.employer_name, level=rule_set.deputy_level)


# --- portal feedback: a replay counts once ---------------------------------------------------------------


def feedback_fingerprint(*, kind: str, content: str, photo_digest: str = "") -> str:
    """What makes two portal feedbacks on the same item of the same batch the same feedback: the kind, the words
    (whitespace aside) and the photo's content. A POST sent again — a double tap, the browser resending the form,
    a replay of the request — carries the same fingerprint and is recorded once, for as long as the batch lives
    (one week's list, its link valid for weeks): PushFeedback's unique (batch, item, fingerprint) holds it even
    when the copies arrive at the same moment, and the copy is answered with the first feedback. Anything new
    on the item — another kind, other words, another photo — is new feedback."""
    text = " ".join((content or "").split())
    return hashlib.sha256(f"{kind}\x1f{text}\x1f{photo_digest}".encode()).hexdigest()
