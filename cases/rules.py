"""Statutory rules of enforcement, one named function or table each, with the rule it encodes.

Pure functions over plain values: no database, no HTTP. Services call them; tests call them directly.
"""
import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .choices import CaseStatus, InquiryScope

# --- calendar arithmetic ---------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later; clamped to the month's end (31 Aug + 6 months → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- time limits -------------------------------------------------------------------------------------
# SPC 《关于人民法院办理执行案件若干期限的规定》 art. 1: enforcement cases are closed within 6 months of
# filing, non-litigation enforcement within 3 months; suspension periods (中止) do not count.
TIME_LIMIT_MONTHS = 6
NON_LITIGATION_TIME_LIMIT_MONTHS = 3
# Same provisions: an extension is applied for in the last 5 days before expiry and approved by the court president
# or a vice-president in charge (院长或分管副院长: the permission cases.approve_extension, which the leader role holds
# — a court's president and vice-presidents are all 院领导 in this system), for up to 3 months in all; a further
# extension is reported to the high court for its approval (报请高级人民法院批准).
MAX_EXTENSION_MONTHS = 3
EXTENSION_WINDOW_DAYS = 5
# Node limits (执行节点): judge assigned within 7 days; notice + report order within 3 days of filing
# (《最高人民法院关于执行案件立案、结案若干问题的意见》 and 执行流程节点管理).
JUDGE_ASSIGNMENT_DAYS = 7
NOTICE_DAYS = 3
# SPC 《关于人民法院办理执行案件若干期限的规定》(2006) art. 6: a definite property lead from the applicant is checked
# within 5 days of receipt; where the matter is urgent, at once (立即核查: the same day).
LEAD_CHECK_DAYS = 5
URGENT_LEAD_CHECK_DAYS = 0


def enforcement_deadline(filed_on: dt.date, *, non_litigation: bool = False, extension_months: int = 0,
                         suspended_days: int = 0) -> dt.date:
    """Last day of the enforcement time limit: 6 (or 3) months + approved extensions + days suspended."""
    base = NON_LITIGATION_TIME_LIMIT_MONTHS if non_litigation else TIME_LIMIT_MONTHS
    return add_months(filed_on, base + extension_months) + dt.timedelta(days=suspended_days)


def extension_errors(*, deadline_on: dt.date, applied_on: dt.date, months: int) -> list[str]:
    """An extension is asked for in the last 5 days before expiry, for 1 to 3 months at a time. (What was extended
    before decides who approves it, extension_needs_high_court, not whether it may be asked.)"""
    errors = []
    if months < 1 or months > MAX_EXTENSION_MONTHS:
        errors.append(_("每次延长执行期限为1至3个月。"))
    # the last 5 days are the deadline day and the 4 before it (deadline − 5 would make a 6-day window)
    if not (deadline_on - dt.timedelta(days=EXTENSION_WINDOW_DAYS - 1) <= applied_on <= deadline_on):
        errors.append(_("延长执行期限应在期限届满前5日内申请。"))
    return errors


def extension_needs_high_court(*, already_extended: int, months: int) -> bool:
    """The court's president or vice-president in charge approves up to 3 months in all; a further extension goes
    to the high court (SPC time-limit provisions)."""
    return already_extended + months > MAX_EXTENSION_MONTHS


# --- separation of duties: nobody decides their own proposal (审批与提请分离) ------------------------------
# An approval is a check by someone other than the one checked: the president's approval of a summons, fine or
# detention (民事诉讼法 art. 119), of an extension of the time limit (执行期限规定 art. 1), of a dishonest listing's
# extension. The SPC's opinions on the allocation of enforcement power (法发〔2011〕15号) separate proposing from
# deciding so that each checks the other. Whatever roles an account holds (a court admin may give one account
# both the judge's and the leader's), it never approves or rejects what it proposed or applied for itself.
SELF_APPROVAL = "self_approval"
SELF_APPROVAL_MESSAGE = _("不能审批本人提请的事项，须由提请人以外的院领导审批。")


def is_self_approval(*, proposer_ids, approver_id) -> bool:
    """True when the approver is one of the proposers (the one who proposed, or applied on the case's behalf)."""
    return approver_id is not None and approver_id in {pk for pk in proposer_ids if pk is not None}


# --- status ------------------------------------------------------------------------------------------
# filed → in progress → closed; in progress ⇄ suspended; a closed case stays closed (resumption files a 执恢 case).
STATUS_TRANSITIONS: dict[str, set[str]] = {
    CaseStatus.FILED: {CaseStatus.IN_PROGRESS, CaseStatus.CLOSED},
    CaseStatus.IN_PROGRESS: {CaseStatus.SUSPENDED, CaseStatus.CLOSED},
    CaseStatus.SUSPENDED: {CaseStatus.IN_PROGRESS, CaseStatus.CLOSED},
    CaseStatus.CLOSED: set(),
}


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in STATUS_TRANSITIONS.get(from_status, set())


# --- 终结本次执行程序 ----------------------------------------------------------------------------------
# SPC 《关于严格规范终结本次执行程序的规定（试行）》(2016) art. 1: online inquiry must have covered at least
# deposits, vehicles, real estate and securities.
REQUIRED_INQUIRY_SCOPES = frozenset(
    {InquiryScope.DEPOSIT, InquiryScope.VEHICLE, InquiryScope.REAL_ESTATE, InquiryScope.SECURITIES}
)
TERMINATION_MIN_MONTHS = 3

TERMINATION_CONDITIONS = {
    # code: the unmet condition, in the words a judge reads on the close form. Per debtor: every respondent.
    "notice_not_served": _("未向每一被执行人发出执行通知书"),
    "report_order_missing": _("未责令每一被执行人报告财产（报告财产令）"),
    "consumption_restriction_missing": _("未对每一被执行人发出限制消费令"),
    "dishonest_list_missing": _("被执行人违反财产报告制度，符合条件但未纳入失信被执行人名单"),
    "inquiry_not_exhausted": _("未完成网络查控（存款、车辆、不动产、证券）"),
    "leads_not_checked": _("申请执行人提供的财产线索尚未核查"),
    "property_available": _("已发现可供执行的财产尚未处置"),
    "under_three_months": _("自立案之日起未满3个月"),
    "debtor_not_searched": _("被执行人下落不明，尚未依法查找"),
    "obstruction_not_sanctioned": _("被执行人有妨害执行行为，尚未依法罚款、拘留或移送"),
    "applicant_not_heard": _("未告知申请执行人并听取其意见"),
    "report_not_verified": _("被执行人报告的财产情况尚未核查"),
    "nonreport_not_sanctioned": _("被执行人逾期报告、拒绝报告或虚假报告财产，尚未依法罚款、拘留"),
    "field_investigation_missing": _("无法通过网络查控系统查询的，尚未在被执行人住所地等进行必要的实地调查"),
    "second_key_missing": _("未取得申请执行人签字确认，也未经合议庭审查并报院长批准"),
}


@dataclass(frozen=True)
class RespondentFacts:
    """One debtor's facts: the 终本 preconditions hold for every debtor of the case (SPC 2016 art. 1–3)."""

    party_id: int
    is_minor: bool = False
    notice_served: bool = False
    report_order_served: bool = False
    consumption_restricted: bool = False
    dishonest_listed: bool = False
    property_reported: bool = False
    report_verified: bool = False  # the court checked what he reported (art. 2(2))
    nonreport_sanctioned: bool = False  # fined, detained or referred (art. 2(3))
    whereabouts_unknown: bool = False  # recorded as not found: searched for (art. 1(5)), cannot be fined
    inquired_scopes: frozenset = frozenset()
    online_impossible: bool = False  # an online inquiry of him failed (art. 3(3))
    field_investigated: bool = False


@dataclass(frozen=True)
class TerminationFacts:
    """What the 终本 gate needs to know about a case, collected by cases.selectors.termination_facts."""

    filed_on: dt.date
    closing_on: dt.date
    respondents: tuple[RespondentFacts, ...] = ()
    leads_received: int = 0
    leads_checked: int = 0
    disposable_assets: int = 0
    debtor_missing_unsearched: bool = False
    obstruction_unsanctioned: bool = False
    applicant_heard: bool = False
    applicant_consented: bool = False  # 申请执行人签字确认
    collegial_review_approved: bool = False  # 合议庭审查核实, approved by the president, not by the judge
    extra: dict = field(default_factory=dict)

    @property
    def notice_served(self) -> bool:
        return bool(self.respondents) and all(r.notice_served for r in self.respondents)

    @property
    def report_order_served(self) -> bool:
        return bool(self.respondents) and all(r.report_order_served for r in self.respondents)


def termination_second_key(facts: TerminationFacts) -> bool:
    """民诉法解释 art. 517: 终本 after the property investigation "在申请执行人签字确认或者执行法院组成合议庭审查核实
    并经院长批准后" — the applicant's signed confirmation, or a collegial panel's review approved by the court
    president. A judge alone never closes a case as 终本."""
    return facts.applicant_consented or facts.collegial_review_approved


def _respondent_unmet(r: RespondentFacts) -> set[str]:
    """The per-debtor preconditions this debtor misses (SPC 2016 provisions on 终本, art. 1–3)."""
    unmet = set()
    if not r.notice_served:  # art. 1(1)
        unmet.add("notice_not_served")
    if not r.report_order_served:  # art. 1(1), art. 2(1)
        unmet.add("report_order_missing")
    if not r.consumption_restricted:  # art. 1(2)
        unmet.add("consumption_restriction_missing")
    # art. 1(2): list as dishonest "where the conditions are met" — breach of the report order is such a ground
    # (SPC 失信规定 art. 1(5)); minors may not be listed (art. 3).
    breached = r.report_order_served and not r.property_reported and not r.is_minor
    if breached and not r.dishonest_listed:
        unmet.add("dishonest_list_missing")
    # art. 2(2): what a debtor reported is checked
    if r.property_reported and not r.report_verified:
        unmet.add("report_not_verified")
    # art. 2(3): late, refused or false report → fine or detention (crimes referred); a debtor who cannot be found
    # is searched for instead (art. 1(5), debtor_not_searched)
    if breached and not r.whereabouts_unknown and not r.nonreport_sanctioned:
        unmet.add("nonreport_not_sanctioned")
    # art. 3(2)-(3): online inquiry of deposits, vehicles, real estate, securities; where it was impossible, a
    # field investigation at the debtor's domicile or where property may be hidden
    if not REQUIRED_INQUIRY_SCOPES <= r.inquired_scopes:
        if not r.online_impossible:
            unmet.add("inquiry_not_exhausted")
        elif not r.field_investigated:
            unmet.add("field_investigation_missing")
    return unmet


def termination_unmet(facts: TerminationFacts) -> list[str]:
    """Every unmet 终本 precondition (SPC 2016 provisions on 终本, art. 1–5; 民诉法解释 art. 517), as contract
    codes, in TERMINATION_CONDITIONS order. Empty list ⇒ the case may be closed as 终结本次执行程序.

    The debtor conditions hold per debtor: one debtor not served is enough for notice_not_served.
    """
    unmet = set().union(*(_respondent_unmet(r) for r in facts.respondents)) if facts.respondents else {
        "notice_not_served", "report_order_missing", "consumption_restriction_missing", "inquiry_not_exhausted"}
    if facts.leads_received > facts.leads_checked:  # art. 3(1)
        unmet.add("leads_not_checked")
    if facts.disposable_assets:  # art. 1(3)
        unmet.add("property_available")
    if facts.closing_on <= add_months(facts.filed_on, TERMINATION_MIN_MONTHS):  # art. 1(4)
        unmet.add("under_three_months")
    if facts.debtor_missing_unsearched:  # art. 1(5)
        unmet.add("debtor_not_searched")
    if facts.obstruction_unsanctioned:  # art. 1(5)
        unmet.add("obstruction_not_sanctioned")
    if not facts.applicant_heard:  # art. 5
        unmet.add("applicant_not_heard")
    if not termination_second_key(facts):
        unmet.add("second_key_missing")
    return [code for code in TERMINATION_CONDITIONS if code in unmet]


# --- re-inquiry after 终本 -------------------------------------------------------------------------------
# Same provisions, art. 9: after 终本 the court re-queries the debtor's property online every 6 months for 5 years.
REINQUIRY_INTERVAL_MONTHS = 6
REINQUIRY_YEARS = 5


def reinquiry_dates(closed_on: dt.date) -> list[dt.date]:
    return [add_months(closed_on, REINQUIRY_INTERVAL_MONTHS * i)
            for i in range(1, REINQUIRY_YEARS * 12 // REINQUIRY_INTERVAL_MONTHS + 1)]


# === 四同步 (four synchronizations) ===================================================================
# Periods: 《民法典》art. 201 — the starting day is not counted; art. 203 — a period in years or months ends on the
# corresponding day of the last month, or on that month's last day when it has none (29 Feb → 28 Feb).


def add_years(day: dt.date, years: int) -> dt.date:
    """The last day of a period of `years` years starting after `day` (民法典 arts. 201, 203)."""
    return add_months(day, 12 * years)


# --- 1. filing + preservation (立案与保全同步) -----------------------------------------------------------
# 《民事诉讼法》art. 104: a pre-suit preservation is ruled within 48 hours of the application, and released when the
# applicant does not sue (or apply for arbitration) within 30 days after the measure was taken.
PRE_SUIT_RULING_HOURS = 48
PRE_SUIT_SUIT_DAYS = 30


def preservation_ruling_deadline(applied_on: dt.date, applied_time: dt.time | None = None) -> dt.datetime:
    """The moment by which a pre-suit ruling is due. Without an hour the application counts from the day's end:
    a record without hours is only flagged when it is late whatever the hours were."""
    return dt.datetime.combine(applied_on, applied_time or dt.time.max) + dt.timedelta(hours=PRE_SUIT_RULING_HOURS)


def preservation_ruling_late(*, applied_on: dt.date, applied_time: dt.time | None = None,
                             ruled_on: dt.date | None = None, ruled_time: dt.time | None = None,
                             now: dt.datetime | None = None) -> bool:
    """A pre-suit ruling more than 48 hours after the application (民事诉讼法 art. 104); exactly 48 h is in time.

    Still unruled: late once `now` (naive, court time) is past the deadline. A ruling without an hour counts from
    the start of its day (so dates alone flag only certain lateness: ruled three or more days after applying).
    """
    deadline = preservation_ruling_deadline(applied_on, applied_time)
    if ruled_on is None:
        return now is not None and now > deadline
    return dt.datetime.combine(ruled_on, ruled_time or dt.time.min) > deadline


def pre_suit_suit_deadline(measure_on: dt.date) -> dt.date:
    """Last day to sue after a pre-suit measure taken on `measure_on` (民事诉讼法 art. 104; 民法典 art. 201)."""
    return measure_on + dt.timedelta(days=PRE_SUIT_SUIT_DAYS)


def pre_suit_must_release(*, measure_on: dt.date, suit_filed_on: dt.date | None, today: dt.date) -> bool:
    """No suit within 30 days of the measure → the preservation is to be released (民事诉讼法 art. 104)."""
    last_day = pre_suit_suit_deadline(measure_on)
    if suit_filed_on is not None:
        return suit_filed_on > last_day
    return today > last_day


def pre_suit_security_short(*, amount, security_amount) -> bool:
    """《最高人民法院关于人民法院办理财产保全案件若干问题的规定》art. 5: a pre-suit applicant gives security equal
    to the amount to be preserved ("情况特殊的，人民法院可以酌情处理" — hence a flag, never a refusal)."""
    return security_amount is None or security_amount < amount


# --- freezes and seizures: how long they last (查封、扣押、冻结期限) ------------------------------------------
# 《民诉法解释》(2022) art. 485: bank deposits frozen for at most 1 year, movables seized for 2, real estate and other
# property rights for 3; a renewal (续行) is done before expiry and lasts at most as long again.
# 《民诉法解释》art. 168: a preservation measure becomes an enforcement measure on its own, its period running on.
LAPSE_YEARS: dict[str, int] = {
    InquiryScope.DEPOSIT: 1,
    InquiryScope.ONLINE_PAYMENT: 1,  # money in a payment account is frozen like a deposit
    InquiryScope.HOUSING_FUND: 1,  # a fund balance: frozen like a deposit
    InquiryScope.VEHICLE: 2,
    InquiryScope.MOVABLE: 2,
    InquiryScope.REAL_ESTATE: 3,
    InquiryScope.SECURITIES: 3,
    InquiryScope.EQUITY: 3,
    InquiryScope.INSURANCE: 3,
    InquiryScope.OTHER: 3,
}
FUND_KINDS = frozenset({InquiryScope.DEPOSIT, InquiryScope.ONLINE_PAYMENT, InquiryScope.HOUSING_FUND})
MOVABLE_KINDS = frozenset({InquiryScope.VEHICLE, InquiryScope.MOVABLE})


def control_lapses_on(kind: str, controlled_on: dt.date) -> dt.date:
    """Last day a freeze/seizure of a `kind` asset taken on `controlled_on` holds (民诉法解释 art. 485)."""
    return add_years(controlled_on, LAPSE_YEARS[kind])


def renewal_lapses_on(kind: str, lapses_on: dt.date) -> dt.date:
    """A renewal runs on from the old last day, for at most the same period (民诉法解释 art. 485)."""
    return add_years(lapses_on, LAPSE_YEARS[kind])


def renewal_errors(*, lapses_on: dt.date | None, renewed_on: dt.date) -> dict:
    """A renewal is done before the measure lapses; a lapsed one is gone and must be taken anew."""
    if lapses_on is None:
        return {"asset": [_("该财产尚未查封、扣押或冻结，无需续行。")]}
    if renewed_on > lapses_on:
        return {"renewed_on": [_("查封、扣押、冻结已于%(d)s届满失效，不能续行，须重新采取措施。") % {"d": lapses_on}]}
    return {}


def control_measure_label(kind: str) -> str:
    """冻结 for money and rights, 查封 for real estate, 扣押/查封 for movables."""
    if kind in FUND_KINDS or kind in {InquiryScope.SECURITIES, InquiryScope.EQUITY, InquiryScope.INSURANCE}:
        return str(_("冻结"))
    if kind in MOVABLE_KINDS:
        return str(_("查封/扣押"))
    return str(_("查封"))


# --- asset lifecycle (财产处置) ---------------------------------------------------------------------------
ASSET_TRANSITIONS: dict[str, set[str]] = {
    "found": {"frozen", "released", "unavailable", "disposed"},
    "frozen": {"valued", "disposed", "released", "unavailable"},
    "valued": {"valued", "auctioning", "disposed", "released"},
    "auctioning": {"sold", "unsold"},
    "unsold": {"auctioning", "disposed", "released", "unavailable"},
    "sold": {"released"},
    "disposed": {"released"},
    "released": set(),
    "unavailable": {"released"},
}


def asset_can_transition(from_status: str, to_status: str) -> bool:
    return to_status in ASSET_TRANSITIONS.get(from_status, set())


# 《最高人民法院关于人民法院网络司法拍卖若干问题的规定》(2016):
#   art. 10 — the starting price is at least 70% of the valuation;
#   art. 12 — announced 15 days before for movables, 30 days for real estate and other property rights;
#   art. 26 — after a failed auction, the re-auction is announced 7 (movables) / 15 days before, its starting price at
#             most 20% below the previous round's; after the second failure the asset is sold off (变卖) instead.
AUCTION_NOTICE_DAYS = {"movable": 15, "immovable": 30}
REAUCTION_NOTICE_DAYS = {"movable": 7, "immovable": 15}
STARTING_PRICE_FLOOR = Decimal("0.70")
REAUCTION_MAX_CUT = Decimal("0.20")
MAX_AUCTION_ROUNDS = 2


# art. 26: "流拍后应当在三十日内在同一网络司法拍卖平台再次拍卖" — after a failed round the re-auction is held within 30
# days; read here as the next round announced by then (its own notice period runs from the announcement).
REAUCTION_WITHIN_DAYS = 30


def reauction_due_on(*, round_no: int, failed_on: dt.date | None) -> dt.date | None:
    """The last day to re-auction after round `round_no` failed on `failed_on` (网络司法拍卖规定 art. 26); None
    when no re-auction follows (a second failure goes to sale or payment in kind)."""
    if failed_on is None or round_no >= MAX_AUCTION_ROUNDS:
        return None
    return failed_on + dt.timedelta(days=REAUCTION_WITHIN_DAYS)


def auction_notice_days(kind: str, round_no: int) -> int:
    table = AUCTION_NOTICE_DAYS if round_no == 1 else REAUCTION_NOTICE_DAYS
    return table["movable" if kind in MOVABLE_KINDS else "immovable"]


def auction_errors(*, kind: str, round_no: int, valuation: Decimal | None, announced_on: dt.date,
                   auction_on: dt.date, starting_price: Decimal,
                   previous_starting_price: Decimal | None = None) -> dict:
    """Every breach of the online auction provisions for one round, by field."""
    errors: dict = {}

    def add(field_name, message):
        errors.setdefault(field_name, []).append(message)

    if kind in FUND_KINDS:
        add("asset", _("存款等资金类财产直接扣划，不适用拍卖。"))
        return errors
    if round_no > MAX_AUCTION_ROUNDS:
        add("asset", _("再次拍卖流拍的，应依法变卖或以物抵债，不再拍卖（网络司法拍卖规定第26条）。"))
        return errors
    if valuation is None:
        add("asset", _("拍卖前须先确定参考价（评估）。"))
    days = auction_notice_days(kind, round_no)
    if (auction_on - announced_on).days < days:
        what = _("动产") if kind in MOVABLE_KINDS else _("不动产或其他财产权")
        rule = _("第12条") if round_no == 1 else _("第26条")
        add("auction_on", _("拍卖%(what)s应当在拍卖%(n)d日前公告（网络司法拍卖规定%(rule)s）。")
            % {"what": what, "n": days, "rule": rule})
    if round_no == 1 and valuation is not None and starting_price < valuation * STARTING_PRICE_FLOOR:
        add("starting_price", _("起拍价不得低于评估价的70%%（%(floor)s元）（网络司法拍卖规定第10条）。")
            % {"floor": (valuation * STARTING_PRICE_FLOOR).quantize(Decimal("0.01"))})
    if round_no > 1 and previous_starting_price is not None and \
            starting_price < previous_starting_price * (1 - REAUCTION_MAX_CUT):
        add("starting_price", _("再次拍卖的起拍价降价幅度不得超过前次起拍价的20%%（不低于%(floor)s元）（网络司法拍卖规定第26条）。")
            % {"floor": (previous_starting_price * (1 - REAUCTION_MAX_CUT)).quantize(Decimal("0.01"))})
    return errors


# --- money: what the columns hold, and a receipt far beyond the claim (金额上限、超额到账) -----------------------
# Money columns hold 14 digits, 2 of them decimals: at most 999,999,999,999.99 yuan. One amount typed in (a claim,
# a receipt, an instalment, a fine …) may be at most a tenth of that — 999亿, beyond the largest judgment a
# province sees — so that the sums kept per case (recovered, paid out) still fit the column.
MONEY_COLUMN_MAX = Decimal("999999999999.99")
MONEY_INPUT_MAX = Decimal("99999999999.99")
MONEY_TOO_LARGE = _("金额不能超过999亿元（99,999,999,999.99元）。")
MONEY_TOTAL_TOO_LARGE = _("本案执行款累计将超过系统可记录的上限，请核对金额。")

# Money received beyond what is still owed happens — interest for delayed performance (民事诉讼法 art. 264), the
# enforcement fee the debtor bears, an auction's surplus returned to the debtor later — but a receipt far beyond
# it is more often a digit too many. Without an explicit confirmation a receipt may exceed the outstanding balance
# by at most half the amount claimed (at least 10,000 yuan); more is refused until the clerk confirms it.
RECEIPT_EXCESS_SHARE = Decimal("0.5")
RECEIPT_EXCESS_FLOOR = Decimal("10000.00")
RECEIPT_EXCESS = "receipt_exceeds_claim"


def receipt_limit(*, amount_claimed: Decimal, amount_recovered: Decimal) -> Decimal:
    """The largest receipt taken without confirmation: the outstanding balance plus the margin above."""
    outstanding = max(amount_claimed - amount_recovered, Decimal("0"))
    return outstanding + max((amount_claimed * RECEIPT_EXCESS_SHARE).quantize(Decimal("0.01")), RECEIPT_EXCESS_FLOOR)


def receipt_excess_error(*, amount: Decimal, amount_claimed: Decimal, amount_recovered: Decimal,
                         confirmed: bool) -> str | None:
    """Why a receipt needs confirmation (None when it does not, or was confirmed)."""
    limit = receipt_limit(amount_claimed=amount_claimed, amount_recovered=amount_recovered)
    if confirmed or amount <= limit:
        return None
    outstanding = max(amount_claimed - amount_recovered, Decimal("0"))
    return _("到账金额%(amount)s元远超本案尚未执行到位的%(outstanding)s元（未经确认最多%(limit)s元）。请核对金额；"
             "确系超额到账的（如迟延履行利息、拍卖余款），请勾选“确认超额到账”后重新提交"
             "（接口请求加 \"confirm_excess\": true）。") % {
        "amount": f"{amount:,.2f}", "outstanding": f"{outstanding:,.2f}", "limit": f"{limit:,.2f}"}


# --- case funds: paid out within 30 days (执行款发放) ------------------------------------------------------
# 《最高人民法院关于执行款物管理工作的规定》(法发〔2017〕6号): within 30 days of the money arriving, the judge settles the
# account and pays it out to the applicant.
PAYOUT_DAYS = 30


@dataclass(frozen=True)
class ReceiptState:
    received_on: dt.date
    amount: Decimal
    due_on: dt.date
    paid_out: Decimal
    paid_out_on: dt.date | None  # the day it was paid out in full
    status: str  # paid_in_time | paid_late | overdue | pending

    @property
    def outstanding(self) -> Decimal:
        return self.amount - self.paid_out


def allocate_in_order(amounts: list[Decimal], payments: list[tuple[dt.date, Decimal]]
                      ) -> list[tuple[Decimal, dt.date | None]]:
    """The payments (day, amount), earliest first, allocated to `amounts` in the order given, each filled before
    the next: per amount, how much of it is paid and the day its last cent was (None while some is unpaid)."""
    pays = sorted(payments, key=lambda payment: payment[0])
    index, left = 0, (pays[0][1] if pays else Decimal("0"))
    allocated = []
    for amount in amounts:
        need, settled_on = amount, None
        while need > 0 and index < len(pays):
            take = min(need, left)
            need, left = need - take, left - take
            if need == 0:
                settled_on = pays[index][0]
            if left == 0:
                index += 1
                left = pays[index][1] if index < len(pays) else Decimal("0")
        allocated.append((amount - need, settled_on))
    return allocated


def payout_states(receipts: list[tuple[dt.date, Decimal]], payouts: list[tuple[dt.date, Decimal]], *,
                  today: dt.date) -> list[ReceiptState]:
    """Each receipt with its payout deadline, payouts allocated to receipts first in, first out."""
    receipts = sorted(receipts, key=lambda receipt: receipt[0])
    allocated = allocate_in_order([amount for _received_on, amount in receipts], payouts)
    states = []
    for (received_on, amount), (paid, paid_on) in zip(receipts, allocated):
        due_on = received_on + dt.timedelta(days=PAYOUT_DAYS)
        if paid_on is not None:
            status = "paid_in_time" if paid_on <= due_on else "paid_late"
        else:
            status = "overdue" if today > due_on else "pending"
        states.append(ReceiptState(received_on, amount, due_on, paid, paid_on, status))
    return states


# --- 2. mediation + execution (调解与执行同步) -------------------------------------------------------------
INSTALMENT_REMINDER_DAYS = 7  # default window; each court may set its own (cases.models.SyncSettings)


@dataclass(frozen=True)
class InstalmentState:
    key: object
    due_on: dt.date
    amount: Decimal
    paid: Decimal
    settled_on: dt.date | None  # the day the last cent of this instalment was paid
    status: str  # cases.choices.InstalmentStatus

    @property
    def outstanding(self) -> Decimal:
        return self.amount - self.paid

    @property
    def days_late(self) -> int:
        end = self.settled_on
        return max((end - self.due_on).days, 0) if end else 0


def instalment_performance(instalments: list[tuple[object, dt.date, Decimal]],
                           payments: list[tuple[dt.date, Decimal]], *, today: dt.date) -> list[InstalmentState]:
    """Allocate the payments to the instalments in due order (earliest due first), then judge each one:
    paid in full by its due date → paid on time; later → paid late; unpaid past its due date → defaulted;
    otherwise pending (perhaps partly paid)."""
    ordered = sorted(instalments, key=lambda item: item[1])  # stable: ties keep the given order
    allocated = allocate_in_order([amount for _key, _due_on, amount in ordered], payments)
    result = []
    for (key, due_on, amount), (paid, settled_on) in zip(ordered, allocated):
        if settled_on is not None:
            status = "paid_on_time" if settled_on <= due_on else "paid_late"
        else:
            status = "defaulted" if today > due_on else "pending"
        result.append(InstalmentState(key, due_on, amount, paid, settled_on, status))
    return result


def instalment_reminder_due(*, due_on: dt.date, today: dt.date, window_days: int, settled: bool) -> bool:
    """执前督促: remind the trial judge of an unpaid instalment due from today to `window_days` days ahead."""
    return not settled and today <= due_on <= today + dt.timedelta(days=window_days)


# --- 3. coercion + urging (强制与督促同步) ----------------------------------------------------------------
# Wannian's 453 mechanism: "启动强制执行之前，要求法官通过移动微法院、电话沟通或限期履行等多种方式，督促未履行义务人
# 及时履行" — a coercive measure follows a recorded urging of that party in that case, or a recorded urgency.
def performed_in_full(*, owed: Decimal, paid: Decimal) -> bool:
    """The payment obligations a judgment or mediation fixed are already paid in full (执前督促 succeeded). Filing
    for enforcement on it is not barred — interest for late performance, costs or a disputed payment may remain —
    but it needs the filing clerk's explicit confirmation with the reason (申请执行人主张尚未履行的理由)."""
    return owed > 0 and paid >= owed


COERCIVE_KINDS = frozenset({"summons", "fine", "detention", "criminal_referral"})
DEADLINE_NOTICE_DAYS = 10  # a written deadline (限期履行通知) recorded without a date gives this many days


def coercion_urging_errors(*, kind: str, has_prior_urging: bool, urgency_reason: str = "") -> dict:
    """{} when the measure may be proposed; otherwise the error under `urgency_reason` (what would cure it)."""
    if kind not in COERCIVE_KINDS or has_prior_urging or (urgency_reason or "").strip():
        return {}
    return {"urgency_reason": [_(
        "采取拘传、罚款、拘留或移送拒执罪等强制措施前，应先对该被执行人督促履行并记录（移动微法院、电话、短信、"
        "限期履行通知或上门）；情况紧急不能先行督促的，须写明紧急情况。")]}


def urging_follow_up_on(*, promised_on: dt.date | None, deadline_on: dt.date | None) -> dt.date | None:
    """The day an urging is checked for performance: the later of the promised day and the written deadline."""
    days = [d for d in (promised_on, deadline_on) if d]
    return max(days) if days else None


# --- 4. online + offline (线上与线下同步) -----------------------------------------------------------------


def node_state(*, due_on: dt.date, done_on: dt.date | None, today: dt.date) -> str:
    """done (in time) / done_late / overdue / pending — for every node limit (notice, report order, lead, payout)."""
    if done_on is not None:
        return "done" if done_on <= due_on else "done_late"
    return "overdue" if today > due_on else "pending"


def lead_check_due_on(received_on: dt.date, *, urgent: bool = False) -> dt.date:
    """A property lead is checked within 5 days of receipt, the same day if urgent (SPC 2006 time limits, art. 6)."""
    return received_on + dt.timedelta(days=URGENT_LEAD_CHECK_DAYS if urgent else LEAD_CHECK_DAYS)


def pair_leads_with_checks(leads: list[tuple[object, dt.date, bool]], checks: list[dt.date]
                           ) -> list[tuple[object, dt.date, dt.date | None]]:
    """(lead, due_on, checked_on): the k-th check (by date) answers the k-th lead received."""
    ordered = sorted(leads, key=lambda lead: lead[1])  # stable: ties keep the given order
    dates = sorted(checks)
    return [(key, lead_check_due_on(received_on, urgent=urgent), dates[i] if i < len(dates) else None)
            for i, (key, received_on, urgent) in enumerate(ordered)]


@dataclass(frozen=True)
class FastTrackRules:
    """"人工+智能" fast track: which new cases a court routes to its quick channel (per court: SyncSettings)."""

    enabled: bool = True
    max_respondents: int = 1
    max_amount: Decimal = Decimal("50000.00")
    requires_assets_found: bool = True


FAST_TRACK_CONDITIONS = {
    "disabled": _("本院未启用快速通道"),
    "not_first_enforcement": _("仅首次执行案件（执）进入快速通道"),
    "too_many_respondents": _("被执行人人数超过快速通道上限"),
    "amount_over_limit": _("申请执行标的超过快速通道上限"),
    "awaiting_first_inquiry": _("尚待首次网络查控结果"),
    "no_assets_found": _("首次查控未发现财产"),
}


def fast_track_unmet(config: FastTrackRules, *, case_type: str, respondent_count: int, amount: Decimal,
                     first_inquiry_found: bool | None) -> list[str]:
    """Every fast-track condition a case misses; [] → route it to the fast track."""
    unmet = []
    if not config.enabled:
        return ["disabled"]
    if case_type != "执":
        unmet.append("not_first_enforcement")
    if respondent_count > config.max_respondents:
        unmet.append("too_many_respondents")
    if amount > config.max_amount:
        unmet.append("amount_over_limit")
    if config.requires_assets_found:
        if first_inquiry_found is None:
            unmet.append("awaiting_first_inquiry")
        elif not first_inquiry_found:
            unmet.append("no_assets_found")
    return unmet
