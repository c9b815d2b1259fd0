"""Statutory rules of enforcement, one named function or table each, with the rule it encodes.

Pure functions over plain values: no database, no HTTP. Services call them; tests call them directly.
"""
import calendar
import datetime as dt
from dataclasses import dataclass, field

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
# Same provisions: extension of up to 3 months, applied for in the last 5 days, approved by the president.
MAX_EXTENSION_MONTHS = 3
EXTENSION_WINDOW_DAYS = 5
# Node limits (执行节点): judge assigned within 7 days; notice + report order within 3 days of filing
# (《最高人民法院关于执行案件立案、结案若干问题的意见》 and 执行流程节点管理); a lead checked in 7 days (3 if urgent).
JUDGE_ASSIGNMENT_DAYS = 7
NOTICE_DAYS = 3
LEAD_CHECK_DAYS = 7
URGENT_LEAD_CHECK_DAYS = 3


def enforcement_deadline(filed_on: dt.date, *, non_litigation: bool = False, extension_months: int = 0,
                         suspended_days: int = 0) -> dt.date:
    """Last day of the enforcement time limit: 6 (or 3) months + approved extensions + days suspended."""
    base = NON_LITIGATION_TIME_LIMIT_MONTHS if non_litigation else TIME_LIMIT_MONTHS
    return add_months(filed_on, base + extension_months) + dt.timedelta(days=suspended_days)


def extension_errors(*, deadline_on: dt.date, applied_on: dt.date, months: int, already_extended: int) -> list[str]:
    """An extension is asked for in the last 5 days before expiry and totals at most 3 months."""
    errors = []
    if months < 1 or already_extended + months > MAX_EXTENSION_MONTHS:
        errors.append(_("延长执行期限累计不得超过3个月。"))
    # the last 5 days are the deadline day and the 4 before it (deadline − 5 would make a 6-day window)
    if not (deadline_on - dt.timedelta(days=EXTENSION_WINDOW_DAYS - 1) <= applied_on <= deadline_on):
        errors.append(_("延长执行期限应在期限届满前5日内申请。"))
    return errors


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
    # code: the unmet condition, in the words a judge reads on the close form
    "notice_not_served": _("未向被执行人发出执行通知书"),
    "report_order_missing": _("未责令被执行人报告财产（报告财产令）"),
    "consumption_restriction_missing": _("未对被执行人发出限制消费令"),
    "dishonest_list_missing": _("被执行人违反财产报告制度，符合条件但未纳入失信被执行人名单"),
    "inquiry_not_exhausted": _("未完成网络查控（存款、车辆、不动产、证券）"),
    "leads_not_checked": _("申请执行人提供的财产线索尚未核查"),
    "property_available": _("已发现可供执行的财产尚未处置"),
    "under_three_months": _("自立案之日起未满3个月"),
    "debtor_not_searched": _("被执行人下落不明，尚未依法查找"),
    "obstruction_not_sanctioned": _("被执行人有妨害执行行为，尚未依法罚款、拘留或移送"),
    "applicant_not_heard": _("未告知申请执行人并听取其意见"),
}


@dataclass(frozen=True)
class RespondentFacts:
    party_id: int
    is_minor: bool = False
    consumption_restricted: bool = False
    dishonest_listed: bool = False
    property_reported: bool = False
    inquired_scopes: frozenset = frozenset()


@dataclass(frozen=True)
class TerminationFacts:
    """What the 终本 gate needs to know about a case, collected by cases.selectors.termination_facts."""

    filed_on: dt.date
    closing_on: dt.date
    notice_served: bool = False
    report_order_served: bool = False
    respondents: tuple[RespondentFacts, ...] = ()
    leads_received: int = 0
    leads_checked: int = 0
    disposable_assets: int = 0
    debtor_missing_unsearched: bool = False
    obstruction_unsanctioned: bool = False
    applicant_heard: bool = False
    extra: dict = field(default_factory=dict)


def termination_unmet(facts: TerminationFacts) -> list[str]:
    """Every unmet 终本 precondition (SPC 2016 provisions on 终本, art. 1–5), as contract codes, in order.

    Empty list ⇒ the case may be closed as 终结本次执行程序.
    """
    unmet = []
    if not facts.notice_served:
        unmet.append("notice_not_served")
    if not facts.report_order_served:
        unmet.append("report_order_missing")
    if not facts.respondents or not all(r.consumption_restricted for r in facts.respondents):
        unmet.append("consumption_restriction_missing")
    # art. 1(2): list as dishonest "where the conditions are met" — breach of the report order is such a
    # ground (SPC 失信规定 art. 1(5)); minors may not be listed (art. 3).
    if facts.report_order_served and any(
        not r.property_reported and not r.dishonest_listed and not r.is_minor for r in facts.respondents
    ):
        unmet.append("dishonest_list_missing")
    if not facts.respondents or not all(REQUIRED_INQUIRY_SCOPES <= r.inquired_scopes for r in facts.respondents):
        unmet.append("inquiry_not_exhausted")
    if facts.leads_received > facts.leads_checked:
        unmet.append("leads_not_checked")
    if facts.disposable_assets:
        unmet.append("property_available")
    if facts.closing_on <= add_months(facts.filed_on, TERMINATION_MIN_MONTHS):
        unmet.append("under_three_months")
    if facts.debtor_missing_unsearched:
        unmet.append("debtor_not_searched")
    if facts.obstruction_unsanctioned:
        unmet.append("obstruction_not_sanctioned")
    if not facts.applicant_heard:
        unmet.append("applicant_not_heard")
    return unmet


# --- re-inquiry after 终本 -------------------------------------------------------------------------------
# Same provisions, art. 9: after 终本 the court re-queries the debtor's property online every 6 months for 5 years.
REINQUIRY_INTERVAL_MONTHS = 6
REINQUIRY_YEARS = 5


def reinquiry_dates(closed_on: dt.date) -> list[dt.date]:
    return [add_months(closed_on, REINQUIRY_INTERVAL_MONTHS * i)
            for i in range(1, REINQUIRY_YEARS * 12 // REINQUIRY_INTERVAL_MONTHS + 1)]
