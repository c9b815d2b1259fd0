"""The push rules in one place: ISO weeks, which case goes to which channel, and the reasons in plain Chinese.

The weekly run evaluates these rules in SQL (pushes/classify.py) for speed; `channel_reasons` below is the same
rule in Python — the reference the SQL is tested against, and what the docs point to.

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
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.services.common import court_today

from .choices import Body, Channel

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


def channel_reasons(recipient: RecipientFacts, case: CaseFacts, party: PartyFacts, rule_set) -> list[str]:
    """The reasons `party` of `case` goes on `recipient`'s list (empty: it does not).

    `party` is a respondent, except for civil_affairs where it is an applicant. The case is assumed eligible
    (open or 终本, money outstanding); `rule_set` is a PushRuleSet (or anything with its fields).
    """
    reasons: list[str] = []
    channel = recipient.channel
    if channel == Channel.GRID:
        if party.grid_id is None or party.grid_id != recipient.grid_id:
            return []
        if case.outstanding <= rule_set.small_amount_limit:
            reasons.append(str(REASON_SMALL_AMOUNT) % {"amount": format_amount(case.outstanding)})
        if case.is_livelihood and rule_set.grid_includes_livelihood:
            reasons.append(str(REASON_LIVELIHOOD))
    elif channel == Channel.TOWNSHIP:
        if party.township_id is not None and party.township_id == recipient.township_id:
            reasons.append(str(REASON_TOWNSHIP) % {"township": party.township_name})
    elif channel == Channel.EMPLOYER:
        if party.employer_id is not None and party.employer_id == recipient.organization_id:
            reasons.append(str(REASON_EMPLOYER) % {"employer": party.employer_name})
    elif channel == Channel.DISCIPLINE:
        if party.is_public_official:
            reasons.append(str(REASON_PUBLIC_OFFICIAL))
        if party.is_party_member and rule_set.discipline_includes_party_members:
            reasons.append(str(REASON_PARTY_MEMBER))
        if party.is_organization and party.is_state_organ and rule_set.discipline_includes_state_organs:
            reasons.append(str(REASON_STATE_ORGAN))
    elif channel == Channel.NPC_CPPCC:
        level = {"level": rule_set.deputy_level}
        if party.is_npc_deputy and recipient.body in (Body.BOTH, Body.NPC):
            reasons.append(str(REASON_NPC_DEPUTY) % level)
        if party.is_cppcc_member and recipient.body in (Body.BOTH, Body.CPPCC):
            reasons.append(str(REASON_CPPCC_MEMBER) % level)
    elif channel == Channel.CIVIL_AFFAIRS:
        if party.is_hardship:
            reasons.append(str(REASON_HARDSHIP))
    if reasons and case.terminated_current:
        reasons.append(str(REASON_TERMINATED_CURRENT))
    return reasons


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
