"""The figures of the 453 mechanism: one function per metric, each with its definition (English, then the
口径 the dashboards show), its numerator and denominator, and the cases behind them. The API, the dashboards
and the exports all call these.

Courts use different denominators for the same name (domain.md "Metrics"), so each metric is defined exactly
once here, as a numerator and an optional denominator. Each is a `Part`: the rows of one source table
(enforcement cases, fund entries, sanctions, push items, litigation cases, urgings) that satisfy a condition,
and what is measured over them (a count of distinct cases, a sum of money, a sum of days). Hence:

- a metric alone: `new_cases(f)` → `Metric(value, numerator, denominator, unit)`;
- many metrics at once: `compute(f, names)` — conditional aggregation (`COUNT(…) FILTER (WHERE …)`), a fixed
  number of queries per source table whatever the data size (stats/aggregation.py says how);
- grouped by judge, court or push channel: `compute(f, names, group_by="judge")`; the court's figures and a
  per-judge table from the same queries: `compute_with_groups`;
- by month: `monthly(f)` — one GROUP BY per (source, date column);
- the cases behind a figure: `metric.cases("numerator")` / `cases_behind(name, f, part)` — the rows the
  numerator (or denominator) reads, mapped to their cases. For a count of cases, the list's length equals the
  figure (a test holds every metric to it); for money, the cases' shares add up to it (`amounts_by_case`).

Dates are inclusive: a case closed on the period's last day counts, a receipt the day after does not. A figure
"by the period's end" ignores anything dated later, so a past period's figures do not move.
"""
import datetime as dt

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cases import rules
from cases.choices import CaseStatus, ClosureMethod, EnforcementType, FundDirection, InquiryChannel, OutcomeKind
from cases.models import AssetInquiry, EnforcementCase, Obligation, Preservation
from pushes.metrics import CONCLUDED as PUSH_CONCLUDED
from sanctions.choices import SanctionKind, SanctionStatus
from sanctions.models import Sanction

from . import aggregation
from .aggregation import (REGISTRY, Definition, Metric, Part, Unit, amounts_by_case, cases_behind,  # noqa: F401
                          compute, compute_with_groups, metric)

# --- conditions --------------------------------------------------------------------------------------------


def in_period(column: str):
    return lambda f: Q(**{f"{column}__gte": f.date_from, f"{column}__lte": f.date_to})


filed_in = in_period("filed_on")
closed_in = in_period("closed_on")


def carried_over_rows(f) -> Q:
    """Open when the period starts: filed before it, not closed before it."""
    return Q(filed_on__lt=f.date_from) & (Q(closed_on__isnull=True) | Q(closed_on__gte=f.date_from))


def terminated_by(day: dt.date) -> Q:
    return Q(closure_method=ClosureMethod.TERMINATED_CURRENT, closed_on__lte=day)


def not_resumed_by(day: dt.date) -> Q:
    """No 执恢 case filed from the case by `day`: with terminated_by, the 终本 stock on that day."""
    return ~Exists(EnforcementCase.objects.filter(resumed_from=OuterRef("pk"), filed_on__lte=day))


EFFECTIVE_SANCTION = [SanctionStatus.APPROVED, SanctionStatus.ENDED]  # ended: a detention served, say
CRACKDOWN_KINDS = [SanctionKind.DETENTION, SanctionKind.CRIMINAL_REFERRAL, SanctionKind.PRIVATE_PROSECUTION]


def sanctions_in_period(kind: str):
    return lambda f: Q(kind=kind, status__in=EFFECTIVE_SANCTION, approved_on__gte=f.date_from,
                       approved_on__lte=f.date_to)


def fund_in_period(f) -> Q:
    return Q(direction=FundDirection.IN, occurred_on__gte=f.date_from, occurred_on__lte=f.date_to)


def has_payment_obligation(f) -> Q:
    """An outcome (judgment or mediation) with a payment plan, effective in the period."""
    return (Q(kind__in=[OutcomeKind.JUDGMENT, OutcomeKind.MEDIATION], effective_on__gte=f.date_from,
              effective_on__lte=f.date_to) & Exists(Obligation.objects.filter(outcome=OuterRef("pk"))))


def pushed_in_period(f) -> Q:
    return Q(pushed_on__gte=f.date_from, pushed_on__lte=f.date_to)


# --- 1. caseload ----------------------------------------------------------------------------------------------


@metric("new_cases", _("新收"), Unit.COUNT, _("期间内立案的执行案件"))
def new_cases():
    """新收: enforcement cases filed in the period (every enforcement case type — 执, 执恢, 执保, 执异 …;
    narrow with case_type). Reads EnforcementCase.filed_on.

    口径：立案日期在统计期间内的执行案件（含执、执恢、执保等各类执行案件，可按案件类型筛选）。"""
    return Part("enforcement", filed_in, month_field="filed_on"), None


@metric("concluded", _("执结"), Unit.COUNT, _("期间内结案，任何结案方式"))
def concluded():
    """执结: enforcement cases closed in the period, by any closure method. Reads EnforcementCase.closed_on.

    口径：结案日期在统计期间内的执行案件，不论结案方式。"""
    return Part("enforcement", closed_in, month_field="closed_on"), None


@metric("carried_over", _("旧存"), Unit.COUNT, _("期初未结的执行案件"))
def carried_over():
    """旧存: enforcement cases open at the period's start — filed before it and not closed before it.

    口径：统计期间开始时尚未结案的执行案件：期间开始前立案，且未在期间开始前结案。"""
    return Part("enforcement", carried_over_rows), None


@metric("closure_rate", _("结案率"), Unit.RATE, _("执结 / （旧存 + 新收）"))
def closure_rate():
    """结案率 = cases closed in the period / (cases open at its start + cases filed in it). Every case closed
    in the period is one of the denominator's, so the rate is at most 1.

    口径：期间内执结数 ÷（期初旧存数 + 期间新收数）。"""
    return (Part("enforcement", closed_in),
            Part("enforcement", lambda f: carried_over_rows(f) | filed_in(f)))


@metric("amount_recovered", _("执行到位金额"), Unit.YUAN, _("期间内执行款到账合计"))
def amount_recovered():
    """执行到位金额: money received for applicants in the period — the sum of the fund ledger's `in` entries
    (FundEntry.direction = in) dated in the period, whatever the case's status. Payouts are not counted again.

    口径：期间内执行款台账“收款”记录的金额合计（不重复计算发放）。"""
    return Part("funds", fund_in_period, measure="amount", month_field="occurred_on"), None


@metric("recovery_rate", _("执行到位率"), Unit.RATE, _("已结案件到位 / 申请标的"))
def recovery_rate():
    """执行到位率 = money received in the cases closed in the period (each case's ledger total of receipts,
    EnforcementCase.amount_recovered, which cases.services keeps equal to its fund `in` entries) / the sum of
    those cases' amounts claimed (EnforcementCase.amount_claimed).

    口径：期间内执结案件的执行到位金额（该案执行款收款合计）÷ 这些案件的申请执行标的合计。"""
    return Part("enforcement", closed_in, measure="recovered"), Part("enforcement", closed_in, measure="claimed")


# --- 2. closures by quality -------------------------------------------------------------------------------------


@metric("terminated_current_closed", _("终本结案"), Unit.COUNT, _("期间内以终本结案"))
def terminated_current_closed():
    """终本结案: cases closed in the period as 终结本次执行程序 (closure_method = terminated_current).

    口径：期间内以“终结本次执行程序”方式结案的案件数。"""
    return Part("enforcement", lambda f: closed_in(f) & Q(closure_method=ClosureMethod.TERMINATED_CURRENT)), None


@metric("terminated_current_rate", _("终本率"), Unit.RATE, _("终本结案 / 执结"))
def terminated_current_rate():
    """终本率 = cases closed as 终本 in the period / cases closed in the period.

    口径：期间内终本结案数 ÷ 期间内执结数。"""
    return (Part("enforcement", lambda f: closed_in(f) & Q(closure_method=ClosureMethod.TERMINATED_CURRENT)),
            Part("enforcement", closed_in))


@metric("within_limit_rate", _("法定期限内结案率"), Unit.RATE, _("期限内执结 / 执结"))
def within_limit_rate():
    """法定期限内结案率 = cases closed in the period on or before their deadline / cases closed in the period.
    The deadline (EnforcementCase.deadline_on) is 6 months from filing (3 for non-litigation enforcement) plus
    approved extensions plus days suspended, as cases.services keeps it.

    口径：期间内在执行期限届满日（含批准延长的期限和中止期间）当天或之前结案的案件数 ÷ 期间内执结数。"""
    return (Part("enforcement", lambda f: closed_in(f) & Q(closed_on__lte=F("deadline_on"))),
            Part("enforcement", closed_in))


@metric("actual_conclusion_rate", _("实际执结率"), Unit.RATE, _("执行完毕 / 执结"))
def actual_conclusion_rate():
    """实际执结率 = cases closed in the period as 执行完毕 (completed) / cases closed in the period. A settlement
    performed and a forced execution both end as 执行完毕 here (there is no separate closure method for them).

    口径：期间内以“执行完毕”结案（含和解履行完毕、强制执行到位）的案件数 ÷ 期间内执结数。"""
    return (Part("enforcement", lambda f: closed_in(f) & Q(closure_method=ClosureMethod.COMPLETED)),
            Part("enforcement", closed_in))


@metric("first_enforcement_avg_days", _("首执案件平均用时"), Unit.DAYS, _("用时合计 / 首执结案数"))
def first_enforcement_avg_days():
    """首执案件平均用时 = mean of (closed_on − filed_on) in days over 首次执行 cases (case_type 执; 执恢 and the
    other types excluded) closed in the period; one decimal, half up. Days suspended are not subtracted.

    口径：期间内结案的首次执行案件（“执”字号，不含执恢等）自立案至结案天数的平均值，保留一位小数。"""
    rows = lambda f: closed_in(f) & Q(case_type=EnforcementType.FIRST)  # noqa: E731
    return Part("enforcement", rows, measure="days"), Part("enforcement", rows)


@metric("closed_avg_days", _("结案平均用时"), Unit.DAYS, _("用时合计 / 执结"))
def closed_avg_days():
    """结案平均用时 = mean of (closed_on − filed_on) in days over every case closed in the period (all types).

    口径：期间内结案的全部执行案件自立案至结案天数的平均值，保留一位小数。"""
    return Part("enforcement", closed_in, measure="days"), Part("enforcement", closed_in)


@metric("overdue_open", _("超期未结"), Unit.COUNT, _("期末已过期限仍未结"))
def overdue_open():
    """超期未结: cases open at the period's end (or today, if earlier) whose deadline had passed by then;
    cases suspended now are left out (the time limit stops while suspended).

    口径：期末（或今日，取较早者）仍未结案且已超过执行期限的案件数；当前处于中止状态的不计。"""

    def rows(f):
        day = f.as_of
        return (Q(filed_on__lte=day, deadline_on__lt=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))
                & ~Q(status=CaseStatus.SUSPENDED))

    return Part("enforcement", rows), None


# --- 3. four synchronizations (四同步) ----------------------------------------------------------------------------


@metric("preservation_rate", _("保全申请率"), Unit.RATE, _("申请保全 / 涉财产案件"))
def preservation_rate():
    """保全申请率 = property-dispute litigation cases (is_property_dispute) filed in the period with at least one
    preservation application (诉前 or 诉讼保全) made by the period's end / property-dispute litigation cases filed
    in the period. Litigation figures read the trial judge for `judge` and a defendant's township for
    `township`; the enforcement case type does not apply.

    口径：期间内立案的涉财产争议诉讼案件中，截至期末提出诉前或诉讼保全申请的案件数 ÷
    期间内立案的涉财产争议诉讼案件数。"""
    base = lambda f: Q(is_property_dispute=True) & filed_in(f)  # noqa: E731
    applied = lambda f: Exists(Preservation.objects.filter(case=OuterRef("pk"), applied_on__lte=f.date_to))  # noqa
    return Part("litigation", base, applied, query="filed"), Part("litigation", base, query="filed")


@metric("enforcement_application_rate", _("申请执行率"), Unit.RATE, _("进入执行 / 生效给付案件"))
def enforcement_application_rate():
    """申请执行率 = civil cases whose judgment or mediation with a payment obligation became effective in the
    period and for which a 首次执行 (执) enforcement case was filed by the period's end / all civil cases whose
    judgment or mediation with a payment obligation became effective in the period. (Every litigation case
    here is civil; a payment obligation is an Outcome of kind judgment/mediation with at least one Obligation.)

    口径：判决或调解书载明给付义务且在期间内生效的民事案件中，截至期末已申请首次执行（立“执”字号案件）的
    案件数 ÷ 上述生效给付案件数。"""
    # read from the outcomes (one court's of the period: an index range), counting their litigation cases
    enforced = lambda f: Exists(EnforcementCase.objects.filter(  # noqa: E731
        source_case=OuterRef("case_id"), case_type=EnforcementType.FIRST, filed_on__lte=f.date_to))
    return Part("outcomes", has_payment_obligation, enforced), Part("outcomes", has_payment_obligation)


@metric("urged_before_enforcement", _("执前督促"), Unit.COUNT, _("期间内执前督促的诉讼案件"))
def urged_before_enforcement():
    """执前督促: litigation cases in which an urging (督促履行) was recorded in the period, before enforcement.

    口径：期间内有执前督促记录的诉讼案件数。"""
    return Part("urgings", in_period("occurred_on")), None


@metric("online_inquiry_rate", _("网络查控率"), Unit.RATE, _("已网络查控 / 新收"))
def online_inquiry_rate():
    """网络查控率 (线上与线下同步) = enforcement cases filed in the period with an online asset inquiry (网络查控)
    requested by the period's end / enforcement cases filed in the period.

    口径：期间内新收执行案件中，截至期末已发起网络查控的案件数 ÷ 期间内新收执行案件数。"""
    online = lambda f: Exists(AssetInquiry.objects.filter(  # noqa: E731
        case=OuterRef("pk"), channel=InquiryChannel.ONLINE, requested_on__lte=f.date_to))
    return Part("enforcement", filed_in, online), Part("enforcement", filed_in)


# --- 4. five pushes (五推送) ---------------------------------------------------------------------------------------


@metric("pushed_cases", _("推送案件"), Unit.COUNT, _("期间内推送的案件"))
def pushed_cases():
    """推送案件: enforcement cases on at least one weekly push list (any channel, or `channel`) pushed in the
    period (PushItem.pushed_on).

    口径：期间内被列入每周推送名单（任一渠道，或所选渠道）的执行案件数。"""
    return Part("pushes", pushed_in_period), None


@metric("pushed_concluded", _("推送后有效执结"), Unit.RATE, _("推送后执结 / 推送案件"))
def pushed_concluded():
    """推送有效执结 = pushed cases (as 推送案件) closed by any method but 终本, on or after a push of the period
    and by the period's end / pushed cases. The condition is pushes.metrics.CONCLUDED (the pushes app's own
    definition), bounded by the period's end so a past period's figure does not move.

    口径：期间内推送的案件中，在推送之后、期末之前以终本以外方式结案的案件数 ÷ 期间内推送的案件数。"""
    return (Part("pushes", lambda f: pushed_in_period(f) & PUSH_CONCLUDED & Q(case__closed_on__lte=f.date_to)),
            Part("pushes", pushed_in_period))


# --- 5. three axes (三板斧) ----------------------------------------------------------------------------------------


@metric("summons_cases", _("拘传"), Unit.COUNT, _("期间内批准拘传的案件"))
def summons_cases():
    """拘传: cases with a summons (compelled appearance) approved in the period (Sanction.approved_on).

    口径：期间内经批准拘传的案件数。"""
    return Part("sanctions", sanctions_in_period(SanctionKind.SUMMONS)), None


@metric("detention_cases", _("司法拘留"), Unit.COUNT, _("期间内批准拘留的案件"))
def detention_cases():
    """司法拘留: cases with a judicial detention approved in the period.

    口径：期间内经批准司法拘留的案件数。"""
    return Part("sanctions", sanctions_in_period(SanctionKind.DETENTION)), None


@metric("fine_cases", _("罚款"), Unit.COUNT, _("期间内批准罚款的案件"))
def fine_cases():
    """罚款: cases with a fine approved in the period.

    口径：期间内经批准罚款的案件数。"""
    return Part("sanctions", sanctions_in_period(SanctionKind.FINE)), None


@metric("referral_cases", _("移送拒执（件）"), Unit.COUNT, _("期间内移送公安的案件"))
def referral_cases():
    """移送拒执（件）: distinct cases with a criminal referral for refusal to execute (移送公安, Criminal Law
    art. 313) approved in the period. Private prosecutions (自诉) are counted apart (private_prosecution_cases).

    口径：期间内经批准以涉嫌拒执罪移送公安机关的案件数（自诉另计）。"""
    return Part("sanctions", sanctions_in_period(SanctionKind.CRIMINAL_REFERRAL)), None


@metric("referral_persons", _("移送拒执（人）"), Unit.PERSONS, _("期间内移送公安的人数"))
def referral_persons():
    """移送拒执（人）: distinct persons (respondents) referred to the police for refusal to execute in the period.

    口径：期间内以涉嫌拒执罪移送公安机关的被执行人人数。"""
    return Part("sanctions", sanctions_in_period(SanctionKind.CRIMINAL_REFERRAL), measure="persons"), None


@metric("private_prosecution_cases", _("拒执自诉"), Unit.COUNT, _("期间内拒执自诉的案件"))
def private_prosecution_cases():
    """拒执自诉: cases with a private prosecution (自诉) for refusal to execute recorded in the period.

    口径：期间内提起拒执罪自诉的案件数。"""
    return Part("sanctions", sanctions_in_period(SanctionKind.PRIVATE_PROSECUTION)), None


@metric("crackdown_recovered", _("拒执打击到位金额"), Unit.YUAN, _("采取拘留、移送、自诉后的到账"))
def crackdown_recovered():
    """拒执打击到位金额: money received (fund `in` entries) in the period, in cases with an effective judicial
    detention, criminal referral or private prosecution, dated on or after the day the first such measure took
    effect (Sanction.approved_on) — money received *after* the crackdown, not before it.

    口径：期间内执行款到账中，到账日在该案司法拘留、移送公安或拒执自诉生效之日或之后的金额合计。"""
    measure_first = Sanction.objects.filter(case=OuterRef("case_id"), kind__in=CRACKDOWN_KINDS,
                                            status__in=EFFECTIVE_SANCTION, approved_on__lte=OuterRef("occurred_on"))
    return Part("funds", fund_in_period, lambda f: Exists(measure_first), measure="amount"), None


# --- 6. 终本清仓 --------------------------------------------------------------------------------------------------


@metric("terminated_current_stock", _("终本库存"), Unit.COUNT, _("期末未恢复执行的终本案件"))
def terminated_current_stock():
    """终本库存 at the period's end: cases closed as 终本 on or before the period's last day and not resumed
    (no 执恢 case filed from them) by that day. Stock at the end = stock at the start + 终本结案 − 终本恢复执行.

    口径：截至期末以终本结案、且期末前未恢复执行（未立执恢案）的案件数。"""
    return Part("enforcement", lambda f: terminated_by(f.date_to), lambda f: not_resumed_by(f.date_to)), None


@metric("terminated_current_stock_start", _("期初终本库存"), Unit.COUNT, _("期初未恢复执行的终本案件"))
def terminated_current_stock_start():
    """期初终本库存: the 终本 stock on the day before the period starts.

    口径：截至期初前一日的终本库存。"""
    day_before = lambda f: f.date_from - dt.timedelta(days=1)  # noqa: E731
    return Part("enforcement", lambda f: terminated_by(day_before(f)), lambda f: not_resumed_by(day_before(f))), None


@metric("terminated_current_resumed", _("终本恢复执行"), Unit.COUNT, _("期间内恢复执行的终本案件"))
def terminated_current_resumed():
    """终本恢复执行: 终本 cases resumed in the period — a 执恢 case was filed from them in the period. Counted on
    the original case, so it carries the original's judge and type.

    口径：期间内恢复执行（立执恢案）的终本案件数，按原案计。"""
    resumed = lambda f: Exists(EnforcementCase.objects.filter(  # noqa: E731
        resumed_from=OuterRef("pk"), filed_on__gte=f.date_from, filed_on__lte=f.date_to))
    return Part("enforcement", lambda f: terminated_by(f.date_to), resumed), None


@metric("stock_reinquiry_overdue", _("超6个月未复查"), Unit.COUNT, _("终本超6个月未再查询"))
def stock_reinquiry_overdue():
    """终本 cases in the stock at the period's end, closed more than 6 months before it, with no asset inquiry
    in the 6 months up to it (the court re-queries every 6 months for 5 years after 终本).

    口径：期末终本库存中，终本已满6个月且最近6个月内没有财产查询记录的案件数。"""

    def since(f):
        return rules.add_months(f.date_to, -rules.REINQUIRY_INTERVAL_MONTHS)

    def unchecked(f):
        recent = AssetInquiry.objects.filter(case=OuterRef("pk"), requested_on__gt=since(f),
                                             requested_on__lte=f.date_to)
        return not_resumed_by(f.date_to) & ~Exists(recent)

    return Part("enforcement", lambda f: terminated_by(since(f)), unchecked), None


# --- groups ---------------------------------------------------------------------------------------------------

# The figures of the article's table, in its order; the KPI endpoint returns these.
KPI_NAMES = ["new_cases", "concluded", "amount_recovered", "preservation_rate", "first_enforcement_avg_days",
             "enforcement_application_rate", "pushed_cases", "pushed_concluded", "crackdown_recovered",
             "referral_cases", "referral_persons", "terminated_current_stock"]
CASELOAD_NAMES = ["carried_over", "new_cases", "concluded", "closure_rate", "amount_recovered", "recovery_rate",
                  "terminated_current_rate", "within_limit_rate", "actual_conclusion_rate", "overdue_open"]
FOUR_SYNC_NAMES = ["preservation_rate", "enforcement_application_rate", "urged_before_enforcement",
                   "online_inquiry_rate", "first_enforcement_avg_days"]
FIVE_PUSH_NAMES = ["pushed_cases", "pushed_concluded"]
THREE_AXES_NAMES = ["summons_cases", "detention_cases", "fine_cases", "referral_cases", "referral_persons",
                    "private_prosecution_cases", "crackdown_recovered"]
STOCK_NAMES = ["terminated_current_stock_start", "terminated_current_closed", "terminated_current_resumed",
               "terminated_current_stock", "stock_reinquiry_overdue"]
JUDGE_TABLE_NAMES = ["new_cases", "concluded", "closed_avg_days", "within_limit_rate", "amount_recovered",
                     "overdue_open"]
TREND_NAMES = ["new_cases", "concluded", "amount_recovered"]
DASHBOARD_NAMES = list(dict.fromkeys(KPI_NAMES + CASELOAD_NAMES + FOUR_SYNC_NAMES + FIVE_PUSH_NAMES
                                     + THREE_AXES_NAMES + STOCK_NAMES))


def monthly(f, names=TREND_NAMES) -> list[dict]:
    """The trend figures per calendar month of the period (aggregation.monthly)."""
    return aggregation.monthly(f, names)
