"""The figures of the 453 mechanism: one function per metric, each with its definition, its numerator and
denominator, and the cases behind them. The API, the dashboards and the exports all call these.

Courts use different denominators for the same name (domain.md "Metrics"), so each metric is defined exactly
once here, as a numerator and an optional denominator. Each is a `Part`: the rows of one source table
(enforcement cases, fund entries, sanctions, push items, inquiries, litigation cases, urgings) that satisfy a
condition, and what is measured over them (a count of distinct cases, a sum of money, a sum of days). Hence:

- a metric alone: `new_cases(f)` → `Metric(value, numerator, denominator, unit)`;
- many metrics at once: `compute(f, names)` → one aggregate query per source table, conditional aggregation
  (`COUNT(…) FILTER (WHERE …)`), so a dashboard costs a fixed number of queries whatever the data size;
- the same grouped by judge or by court: `compute(f, names, group_by="judge")` — one GROUP BY per source;
- by month: `monthly(f, names)` — one GROUP BY per (source, date column);
- the cases behind a figure: `metric.cases("numerator")` / `cases_behind(name, f, part)` — the rows the
  numerator (or denominator) reads, mapped to their cases. For a count of cases, the list's length equals the
  figure (a test holds every metric to it); for money, the cases' receipts add up to it.

Dates are inclusive: a case closed on the period's last day counts, a receipt the day after does not.
"""
import datetime as dt
import inspect
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Sum,
                              TextChoices)
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from cases import rules
from cases.choices import CaseStatus, ClosureMethod, EnforcementType, FundDirection, InquiryChannel, OutcomeKind
from cases.models import AssetInquiry, EnforcementCase, Obligation, Preservation
from pushes.metrics import CONCLUDED as PUSH_CONCLUDED
from sanctions.choices import SanctionKind, SanctionStatus
from sanctions.models import Sanction

from . import selectors
from .filters import StatsFilter

RATE_PLACES = Decimal("0.0001")  # rates are decimal fractions with four places: "0.7300"
DAYS_PLACES = Decimal("0.1")  # days with one decimal: 38.9
CENT = Decimal("0.01")


class Unit(TextChoices):
    COUNT = "cases", _("件")
    PERSONS = "persons", _("人")
    YUAN = "yuan", _("元")
    RATE = "rate", _("比率")
    DAYS = "days", _("天")


@dataclass(frozen=True)
class Part:
    """The rows of `source` satisfying `rows(f)`, and what is measured over them.

    measure: "cases" distinct cases · "persons" distinct parties · "amount" sum of money (fund entries) ·
    "claimed" sum of amounts claimed (cases) · "days" sum of (closed_on − filed_on) (cases).
    month_field: the date column `rows` bounds by the period, when the figure can be split by month.
    """

    source: str
    rows: object  # Callable[[StatsFilter], Q]
    measure: str = "cases"
    month_field: str | None = None


@dataclass(frozen=True)
class Definition:
    name: str
    label: str
    unit: str
    numerator: Part
    denominator: Part | None
    doc: str
    short: str  # the numerator's and denominator's names, for the dashboard's "分子 / 分母" line

    @property
    def case_model(self):
        return selectors.SOURCES[self.numerator.source][2]


@dataclass(frozen=True)
class Metric:
    """One figure: `value` is what is shown (a count, yuan, a rate "0.7300", days 38.9)."""

    name: str
    value: object
    numerator: object
    denominator: object
    unit: str
    filter: StatsFilter | None = field(default=None, compare=False, repr=False)

    @property
    def definition(self) -> Definition:
        return REGISTRY[self.name]

    @property
    def label(self) -> str:
        return str(self.definition.label)

    def cases(self, part: str = "numerator") -> QuerySet:
        return cases_behind(self.name, self.filter, part)


REGISTRY: dict[str, Definition] = {}


def metric(name: str, label, unit: str, short=""):
    """Register a metric from a function returning (numerator Part, denominator Part | None).

    The decorated name becomes `f(StatsFilter) -> Metric`; the docstring is the metric's definition.
    """

    def register(build):
        numerator, denominator = build()
        REGISTRY[name] = Definition(name, label, unit, numerator, denominator, inspect.getdoc(build) or "", short)

        def compute_one(f: StatsFilter) -> Metric:
            return compute(f, [name])[name]

        compute_one.__name__ = compute_one.__qualname__ = build.__name__
        compute_one.__doc__ = build.__doc__
        compute_one.definition = REGISTRY[name]
        return compute_one

    return register


# --- conditions --------------------------------------------------------------------------------------------


def in_period(column: str):
    return lambda f: Q(**{f"{column}__gte": f.date_from, f"{column}__lte": f.date_to})


filed_in = in_period("filed_on")
closed_in = in_period("closed_on")


def carried_over_rows(f) -> Q:
    """Open when the period starts: filed before it, not closed before it."""
    return Q(filed_on__lt=f.date_from) & (Q(closed_on__isnull=True) | Q(closed_on__gte=f.date_from))


def stock_on(day: dt.date) -> Q:
    """终本 stock on `day`: closed as 终本 on or before it and not resumed (no 执恢 case filed) by then."""
    resumed = EnforcementCase.objects.filter(resumed_from=OuterRef("pk"), filed_on__lte=day)
    return Q(closure_method=ClosureMethod.TERMINATED_CURRENT, closed_on__lte=day) & ~Exists(resumed)


EFFECTIVE_SANCTION = [SanctionStatus.APPROVED, SanctionStatus.ENDED]  # ended: a detention served, say
CRACKDOWN_KINDS = [SanctionKind.DETENTION, SanctionKind.CRIMINAL_REFERRAL, SanctionKind.PRIVATE_PROSECUTION]


def sanctions_in_period(kind: str):
    return lambda f: Q(kind=kind, status__in=EFFECTIVE_SANCTION, approved_on__gte=f.date_from,
                       approved_on__lte=f.date_to)


def fund_in_period(f) -> Q:
    return Q(direction=FundDirection.IN, occurred_on__gte=f.date_from, occurred_on__lte=f.date_to)


def has_payment_obligation(f) -> Q:
    """A judgment or mediation with a payment plan, effective in the period."""
    obligations = Obligation.objects.filter(outcome__case=OuterRef("pk"))
    return (Q(outcome__kind__in=[OutcomeKind.JUDGMENT, OutcomeKind.MEDIATION], outcome__effective_on__gte=f.date_from,
              outcome__effective_on__lte=f.date_to) & Exists(obligations))


def pushed_in_period(f) -> Q:
    return Q(pushed_on__gte=f.date_from, pushed_on__lte=f.date_to)


# --- 1. caseload ----------------------------------------------------------------------------------------------


@metric("new_cases", _("新收"), Unit.COUNT)
def new_cases():
    """新收: enforcement cases filed in the period (every enforcement case type — 执, 执恢, 执保, 执异 …;
    narrow with case_type). Reads EnforcementCase.filed_on."""
    return Part("enforcement", filed_in, month_field="filed_on"), None


@metric("concluded", _("执结"), Unit.COUNT)
def concluded():
    """执结: enforcement cases closed in the period, by any closure method. Reads EnforcementCase.closed_on."""
    return Part("enforcement", closed_in, month_field="closed_on"), None


@metric("carried_over", _("旧存"), Unit.COUNT)
def carried_over():
    """旧存: enforcement cases open at the period's start — filed before it and not closed before it."""
    return Part("enforcement", carried_over_rows), None


@metric("closure_rate", _("结案率"), Unit.RATE, _("执结 / （旧存 + 新收）"))
def closure_rate():
    """结案率 = cases closed in the period / (cases open at its start + cases filed in it). Every case closed
    in the period is one of the denominator's, so the rate is at most 1."""
    return (Part("enforcement", closed_in),
            Part("enforcement", lambda f: carried_over_rows(f) | filed_in(f)))


@metric("amount_recovered", _("执行到位金额"), Unit.YUAN)
def amount_recovered():
    """执行到位金额: money received for applicants in the period — the sum of the fund ledger's `in` entries
    (FundEntry.direction = in) dated in the period, whatever the case's status. Payouts are not counted again."""
    return Part("funds", fund_in_period, measure="amount", month_field="occurred_on"), None


@metric("recovery_rate", _("执行到位率"), Unit.RATE, _("已执结案件到位金额 / 申请执行标的"))
def recovery_rate():
    """执行到位率 = money received (fund `in` entries dated up to the period's end) in the cases closed in the
    period / the sum of those cases' amounts claimed (EnforcementCase.amount_claimed). Taken from the ledger up
    to the period's end, not from amount_recovered, so a past period's rate does not move later."""
    return (Part("funds", lambda f: Q(direction=FundDirection.IN, occurred_on__lte=f.date_to,
                                      case__closed_on__gte=f.date_from, case__closed_on__lte=f.date_to),
                 measure="amount"),
            Part("enforcement", closed_in, measure="claimed"))


# --- 2. closures by quality -------------------------------------------------------------------------------------


@metric("terminated_current_closed", _("终本结案"), Unit.COUNT)
def terminated_current_closed():
    """终本结案: cases closed in the period as 终结本次执行程序 (closure_method = terminated_current)."""
    return Part("enforcement", lambda f: closed_in(f) & Q(closure_method=ClosureMethod.TERMINATED_CURRENT)), None


@metric("terminated_current_rate", _("终本率"), Unit.RATE, _("终本结案 / 执结"))
def terminated_current_rate():
    """终本率 = cases closed as 终本 in the period / cases closed in the period."""
    return (Part("enforcement", lambda f: closed_in(f) & Q(closure_method=ClosureMethod.TERMINATED_CURRENT)),
            Part("enforcement", closed_in))


@metric("within_limit_rate", _("法定期限内结案率"), Unit.RATE, _("期限内执结 / 执结"))
def within_limit_rate():
    """法定期限内结案率 = cases closed in the period on or before their deadline / cases closed in the period.
    The deadline (EnforcementCase.deadline_on) is 6 months from filing (3 for non-litigation enforcement) plus
    approved extensions plus days suspended, as cases.services keeps it."""
    return (Part("enforcement", lambda f: closed_in(f) & Q(closed_on__lte=F("deadline_on"))),
            Part("enforcement", closed_in))


@metric("actual_conclusion_rate", _("实际执结率"), Unit.RATE, _("执行完毕 / 执结"))
def actual_conclusion_rate():
    """实际执结率 = cases closed in the period as 执行完毕 (completed) / cases closed in the period. A settlement
    performed and a forced execution both end as 执行完毕 here (there is no separate closure method for them)."""
    return (Part("enforcement", lambda f: closed_in(f) & Q(closure_method=ClosureMethod.COMPLETED)),
            Part("enforcement", closed_in))


@metric("first_enforcement_avg_days", _("首执案件平均用时"), Unit.DAYS, _("用时合计（天） / 首执结案数"))
def first_enforcement_avg_days():
    """首执案件平均用时 = mean of (closed_on − filed_on) in days over 首次执行 cases (case_type 执; 执恢 and the
    other types excluded) closed in the period; one decimal, half up. Days suspended are not subtracted."""
    rows = lambda f: closed_in(f) & Q(case_type=EnforcementType.FIRST)  # noqa: E731
    return Part("enforcement", rows, measure="days"), Part("enforcement", rows)


@metric("closed_avg_days", _("结案平均用时"), Unit.DAYS, _("用时合计（天） / 执结"))
def closed_avg_days():
    """结案平均用时 = mean of (closed_on − filed_on) in days over every case closed in the period (all types)."""
    return Part("enforcement", closed_in, measure="days"), Part("enforcement", closed_in)


@metric("overdue_open", _("超期未结"), Unit.COUNT)
def overdue_open():
    """超期未结: cases open at the period's end (or today, if earlier) whose deadline had passed by then;
    cases suspended now are left out (the time limit stops while suspended)."""

    def rows(f):
        day = f.as_of
        return (Q(filed_on__lte=day, deadline_on__lt=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))
                & ~Q(status=CaseStatus.SUSPENDED))

    return Part("enforcement", rows), None


# --- 3. four synchronizations (四同步) ----------------------------------------------------------------------------


@metric("preservation_rate", _("保全申请率"), Unit.RATE, _("申请保全的涉财产案件 / 涉财产案件"))
def preservation_rate():
    """保全申请率 = property-dispute litigation cases (is_property_dispute) filed in the period with at least one
    preservation application (诉前 or 诉讼保全) made by the period's end / property-dispute litigation cases filed
    in the period. Litigation figures read the trial judge for `judge` and a defendant's township for
    `township`; the enforcement case type does not apply."""
    base = lambda f: Q(is_property_dispute=True) & filed_in(f)  # noqa: E731
    applied = lambda f: base(f) & Exists(Preservation.objects.filter(case=OuterRef("pk"),  # noqa: E731
                                                                      applied_on__lte=f.date_to))
    return Part("litigation", applied), Part("litigation", base)


@metric("enforcement_application_rate", _("申请执行率"), Unit.RATE, _("进入执行的生效给付案件 / 生效给付案件"))
def enforcement_application_rate():
    """申请执行率 = civil cases whose judgment or mediation with a payment obligation became effective in the
    period and for which a 首次执行 (执) enforcement case was filed by the period's end / all civil cases whose
    judgment or mediation with a payment obligation became effective in the period. (Every litigation case
    here is civil; a payment obligation is an Outcome of kind judgment/mediation with at least one Obligation.)"""
    enforced = lambda f: has_payment_obligation(f) & Exists(EnforcementCase.objects.filter(  # noqa: E731
        source_case=OuterRef("pk"), case_type=EnforcementType.FIRST, filed_on__lte=f.date_to))
    return Part("litigation", enforced), Part("litigation", has_payment_obligation)


@metric("urged_before_enforcement", _("执前督促"), Unit.COUNT)
def urged_before_enforcement():
    """执前督促: litigation cases in which an urging (督促履行) was recorded in the period, before enforcement."""
    return Part("urgings", in_period("occurred_on")), None


@metric("online_inquiry_cases", _("网络查控案件"), Unit.COUNT)
def online_inquiry_cases():
    """网络查控: enforcement cases with an online asset inquiry (网络查控) requested in the period."""
    return Part("inquiries", lambda f: in_period("requested_on")(f) & Q(channel=InquiryChannel.ONLINE)), None


# --- 4. five pushes (五推送) ---------------------------------------------------------------------------------------


@metric("pushed_cases", _("推送案件"), Unit.COUNT)
def pushed_cases():
    """推送案件: enforcement cases on at least one weekly push list (any channel, or `channel`) pushed in the
    period (PushItem.pushed_on)."""
    return Part("pushes", pushed_in_period), None


@metric("pushed_concluded", _("推送后有效执结"), Unit.RATE, _("推送后执结 / 推送案件"))
def pushed_concluded():
    """推送有效执结 = pushed cases (as 推送案件) closed by any method but 终本, on or after a push of the period
    and by the period's end / pushed cases. The condition is pushes.metrics.CONCLUDED (the pushes app's own
    definition), bounded by the period's end so a past period's figure does not move."""
    return (Part("pushes", lambda f: pushed_in_period(f) & PUSH_CONCLUDED & Q(case__closed_on__lte=f.date_to)),
            Part("pushes", pushed_in_period))


# --- 5. three axes (三板斧) ----------------------------------------------------------------------------------------


@metric("summons_cases", _("拘传"), Unit.COUNT)
def summons_cases():
    """拘传: cases with a summons (compelled appearance) approved in the period (Sanction.approved_on)."""
    return Part("sanctions", sanctions_in_period(SanctionKind.SUMMONS)), None


@metric("detention_cases", _("司法拘留"), Unit.COUNT)
def detention_cases():
    """司法拘留: cases with a judicial detention approved in the period."""
    return Part("sanctions", sanctions_in_period(SanctionKind.DETENTION)), None


@metric("fine_cases", _("罚款"), Unit.COUNT)
def fine_cases():
    """罚款: cases with a fine approved in the period."""
    return Part("sanctions", sanctions_in_period(SanctionKind.FINE)), None


@metric("referral_cases", _("移送拒执（件）"), Unit.COUNT)
def referral_cases():
    """移送拒执（件）: distinct cases with a criminal referral for refusal to execute (移送公安, Criminal Law
    art. 313) approved in the period. Private prosecutions (自诉) are counted apart (private_prosecution_cases)."""
    return Part("sanctions", sanctions_in_period(SanctionKind.CRIMINAL_REFERRAL)), None


@metric("referral_persons", _("移送拒执（人）"), Unit.PERSONS)
def referral_persons():
    """移送拒执（人）: distinct persons (respondents) referred to the police for refusal to execute in the period."""
    return Part("sanctions", sanctions_in_period(SanctionKind.CRIMINAL_REFERRAL), measure="persons"), None


@metric("private_prosecution_cases", _("拒执自诉"), Unit.COUNT)
def private_prosecution_cases():
    """拒执自诉: cases with a private prosecution (自诉) for refusal to execute recorded in the period."""
    return Part("sanctions", sanctions_in_period(SanctionKind.PRIVATE_PROSECUTION)), None


@metric("crackdown_recovered", _("拒执打击到位金额"), Unit.YUAN)
def crackdown_recovered():
    """拒执打击到位金额: money received (fund `in` entries) in the period, in cases with an effective judicial
    detention, criminal referral or private prosecution, dated on or after the day the first such measure took
    effect (Sanction.approved_on) — money received *after* the crackdown, not before it."""
    measure_first = Sanction.objects.filter(case=OuterRef("case_id"), kind__in=CRACKDOWN_KINDS,
                                            status__in=EFFECTIVE_SANCTION, approved_on__lte=OuterRef("occurred_on"))
    return Part("funds", lambda f: fund_in_period(f) & Exists(measure_first), measure="amount"), None


# --- 6. 终本清仓 --------------------------------------------------------------------------------------------------


@metric("terminated_current_stock", _("终本库存"), Unit.COUNT)
def terminated_current_stock():
    """终本库存 at the period's end: cases closed as 终本 on or before the period's last day and not resumed
    (no 执恢 case filed from them) by that day. Stock at the end = stock at the start + 终本结案 − 终本恢复执行."""
    return Part("enforcement", lambda f: stock_on(f.date_to)), None


@metric("terminated_current_stock_start", _("期初终本库存"), Unit.COUNT)
def terminated_current_stock_start():
    """期初终本库存: the 终本 stock on the day before the period starts."""
    return Part("enforcement", lambda f: stock_on(f.date_from - dt.timedelta(days=1))), None


@metric("terminated_current_resumed", _("终本恢复执行"), Unit.COUNT)
def terminated_current_resumed():
    """终本恢复执行: 终本 cases resumed in the period — a 执恢 case was filed from them in the period. Counted on
    the original case, so it carries the original's judge and type."""
    resumed = lambda f: Exists(EnforcementCase.objects.filter(  # noqa: E731
        resumed_from=OuterRef("pk"), filed_on__gte=f.date_from, filed_on__lte=f.date_to))
    return Part("enforcement", lambda f: Q(closure_method=ClosureMethod.TERMINATED_CURRENT) & resumed(f)), None


@metric("stock_reinquiry_overdue", _("超6个月未复查"), Unit.COUNT)
def stock_reinquiry_overdue():
    """终本 cases in the stock at the period's end, closed more than 6 months before it, with no asset inquiry
    in the 6 months up to it (the court re-queries every 6 months for 5 years after 终本)."""

    def rows(f):
        since = rules.add_months(f.date_to, -rules.REINQUIRY_INTERVAL_MONTHS)
        recent = AssetInquiry.objects.filter(case=OuterRef("pk"), requested_on__gt=since, requested_on__lte=f.date_to)
        return stock_on(f.date_to) & Q(closed_on__lte=since) & ~Exists(recent)

    return Part("enforcement", rows), None


# --- groups ---------------------------------------------------------------------------------------------------

# The figures of the article's table, in its order; the KPI endpoint returns these.
KPI_NAMES = ["new_cases", "concluded", "amount_recovered", "preservation_rate", "first_enforcement_avg_days",
             "enforcement_application_rate", "pushed_cases", "pushed_concluded", "crackdown_recovered",
             "referral_cases", "referral_persons", "terminated_current_stock"]
CASELOAD_NAMES = ["carried_over", "new_cases", "concluded", "closure_rate", "amount_recovered", "recovery_rate",
                  "terminated_current_rate", "within_limit_rate", "actual_conclusion_rate", "overdue_open"]
FOUR_SYNC_NAMES = ["preservation_rate", "enforcement_application_rate", "urged_before_enforcement",
                   "online_inquiry_cases", "first_enforcement_avg_days"]
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


# --- the engine -----------------------------------------------------------------------------------------------

# group_by: the column on an enforcement case / a litigation case, and the filter field a group stands for
GROUP_PATHS = {"judge": ("judge_id", "trial_judge_id"), "court": ("court_id", "court_id")}


def _case_path(source: str) -> str:
    return selectors.SOURCES[source][1]


def _group_column(source: str, group_by: str) -> str:
    if group_by == "channel":  # a push channel: only the push rows have one
        if source != "pushes":
            raise ValueError(f"{source} rows have no push channel")
        return "channel"
    enforcement_path, litigation_path = GROUP_PATHS[group_by]
    case_path = _case_path(source)
    model = selectors.SOURCES[source][2]
    path = enforcement_path if model is EnforcementCase else litigation_path
    return f"{case_path}__{path}" if case_path else path


def _narrowed(f: StatsFilter, group_by: str, key) -> StatsFilter:
    """The filter a group's figures equal the metric functions under."""
    if group_by == "court":
        return f.replace(courts=(key,))
    return f.replace(**{group_by: key})


def _aggregate(source: str, measure: str, condition: Q):
    case_path = _case_path(source)
    if measure == "cases":
        if case_path:
            return Count(case_path, distinct=True, filter=condition)
        return Count("pk", filter=condition)
    if measure == "persons":
        return Count("party", distinct=True, filter=condition)
    if measure == "amount":
        return Sum("amount", filter=condition)
    if measure == "claimed":
        return Sum("amount_claimed", filter=condition)
    if measure == "days":
        return Sum(ExpressionWrapper(F("closed_on") - F("filed_on"), output_field=DurationField()), filter=condition)
    raise ValueError(measure)


def _number(measure: str, raw):
    if measure in ("amount", "claimed"):
        return Decimal(str(raw or 0)).quantize(CENT)  # SQLite sums decimals as floats
    if measure == "days":
        if raw is None:
            return 0
        return raw.days if isinstance(raw, dt.timedelta) else int(raw) // 86_400_000_000  # microseconds
    return int(raw or 0)


def _value(unit: str, numerator, denominator):
    if unit in (Unit.COUNT, Unit.PERSONS, Unit.YUAN):
        return numerator
    if not denominator:
        return None
    places = RATE_PLACES if unit == Unit.RATE else DAYS_PLACES
    return (Decimal(numerator) / Decimal(denominator)).quantize(places, rounding=ROUND_HALF_UP)


def _parts(names):
    """{source: {alias: Part}} for the numerators and denominators of `names`."""
    by_source: dict[str, dict[str, Part]] = defaultdict(dict)
    for index, name in enumerate(names):
        definition = REGISTRY[name]
        by_source[definition.numerator.source][f"n{index}"] = definition.numerator
        if definition.denominator is not None:
            by_source[definition.denominator.source][f"d{index}"] = definition.denominator
    return by_source


def _source_query(f: StatsFilter, source: str, parts: dict[str, Part]):
    """The source's scoped rows, narrowed to those any part reads, with one conditional aggregate per part."""
    conditions = {alias: part.rows(f) for alias, part in parts.items()}
    where = Q()
    for condition in conditions.values():
        where |= condition
    queryset = selectors.SOURCES[source][0](f).filter(where).order_by()
    aggregates = {alias: _aggregate(source, parts[alias].measure, condition)
                  for alias, condition in conditions.items()}
    return queryset, aggregates


def _metrics_from(f, names, raw: dict) -> dict[str, Metric]:
    result = {}
    for index, name in enumerate(names):
        definition = REGISTRY[name]
        numerator = _number(definition.numerator.measure, raw.get(f"n{index}"))
        denominator = None
        if definition.denominator is not None:
            denominator = _number(definition.denominator.measure, raw.get(f"d{index}"))
        result[name] = Metric(name, _value(definition.unit, numerator, denominator), numerator, denominator,
                              definition.unit, f)
    return result


def compute(f: StatsFilter, names=None, *, group_by: str | None = None):
    """Compute `names` (default: every registered metric) in one aggregate query per source table.

    Without group_by → {name: Metric}. With group_by="judge" (the case's enforcement judge; a litigation
    case's trial judge), "court" or "channel" (push figures only) → {key: {name: Metric}} where each Metric is
    the one the metric function returns with that judge, court or channel as filter (keys without any row are
    absent; a judge key None gathers the cases without a judge).
    """
    names = list(names or REGISTRY)
    raw_by_key: dict = defaultdict(dict)
    for source, parts in _parts(names).items():
        queryset, aggregates = _source_query(f, source, parts)
        if group_by is None:
            raw_by_key[None].update(queryset.aggregate(**aggregates))
            continue
        column = _group_column(source, group_by)
        for row in queryset.values(column).annotate(**aggregates):
            raw_by_key[row[column]].update({alias: row[alias] for alias in aggregates})
    if group_by is None:
        return _metrics_from(f, names, raw_by_key[None])
    return {key: _metrics_from(_narrowed(f, group_by, key), names, raw) for key, raw in raw_by_key.items()}


def monthly(f: StatsFilter, names=TREND_NAMES) -> list[dict]:
    """Count/sum of each metric's numerator per calendar month of the period: one GROUP BY per (source, date
    column). Each month's figure equals the metric with the period narrowed to that month.

    → [{"month": date(2024, 1, 1), "date_from": …, "date_to": …, name: Metric, …}, …] for every month.
    """
    groups: dict[tuple, dict[str, Part]] = defaultdict(dict)
    for name in names:
        part = REGISTRY[name].numerator
        if part.month_field is None or REGISTRY[name].denominator is not None:
            raise ValueError(f"{name} cannot be split by month")
        groups[(part.source, part.month_field)][name] = part
    raw: dict[dt.date, dict] = defaultdict(dict)
    for (source, month_field), parts in groups.items():
        queryset, aggregates = _source_query(f, source, parts)
        for row in queryset.annotate(month=TruncMonth(month_field)).values("month").annotate(**aggregates):
            month = row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"]
            raw[month].update({name: row[name] for name in parts})
    months = []
    day = f.date_from.replace(day=1)
    while day <= f.date_to:
        next_month = rules.add_months(day, 1)
        window = f.replace(date_from=max(day, f.date_from), date_to=min(next_month - dt.timedelta(days=1), f.date_to))
        entry = {"month": day, "date_from": window.date_from, "date_to": window.date_to}
        for name in names:
            number = _number(REGISTRY[name].numerator.measure, raw.get(day, {}).get(name))
            entry[name] = Metric(name, number, number, None, REGISTRY[name].unit, window)
        months.append(entry)
        day = next_month
    return months


def cases_behind(name: str, f: StatsFilter, part: str = "numerator") -> QuerySet:
    """The cases a metric's numerator (or denominator) reads: enforcement cases, or litigation cases for the
    litigation figures (Definition.case_model). For a count, `.count()` equals the figure."""
    definition = REGISTRY[name]
    chosen = definition.denominator if part == "denominator" else definition.numerator
    if chosen is None:
        raise ValueError(f"{name} has no {part}")
    scope, case_path, model = selectors.SOURCES[chosen.source]
    rows = scope(f).filter(chosen.rows(f))
    if not case_path:
        return rows
    return model.objects.filter(pk__in=rows.values(case_path))


def amounts_by_case(name: str, f: StatsFilter, case_ids) -> dict[int, Decimal]:
    """For a money metric: each listed case's share of the figure (its receipts the numerator counts)."""
    definition = REGISTRY[name]
    part = definition.numerator
    if part.measure != "amount":
        return {}
    rows = selectors.SOURCES[part.source][0](f).filter(part.rows(f), case_id__in=list(case_ids))
    return {row["case_id"]: _number("amount", row["total"])
            for row in rows.order_by().values("case_id").annotate(total=Sum("amount"))}
