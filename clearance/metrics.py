"""The campaign board's figures (终本清仓): metrics of their own registry (wanian_exec.metrics.Registry) over the
statistics' sources (stats.selectors.SOURCES, a StatsFilter parsed and authorised by stats.filters.parse_filter),
computed by stats' set-based queries and read, like every figure, through the registry's one place for tenancy.

The campaign starts on `f.date_from` and is looked at on `f.date_to`:

- stock at the start (清仓基数): stats' terminated_current_stock_start — 终本 cases closed before the start day and
  not resumed before it (the same Part, reused);
- resumed (已恢复执行): of those, the ones with a 执恢 case filed from the start to the end;
- concluded after resumption (恢复后执结): of those, the ones whose 执恢 case was closed by the end by any method
  but 终本 again;
- recovered (清仓到位金额): money received (fund `in`) from the start to the end in those cases or in their 执恢
  cases;
- remaining (剩余库存): of the stock at the start, the cases not resumed by the end.

Every figure drills down to its cases (`cases_behind`); by judge (one GROUP BY per source) and by township (the
figure with the township filter, per township).
"""
import datetime as dt
from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cases.choices import ClosureMethod, EnforcementType
from cases.models import EnforcementCase
from stats import aggregation, selectors as stats_selectors
from stats.metrics import REGISTRY as STATS_REGISTRY
from stats.metrics import fund_in_period, not_resumed_by
from wanian_exec.metrics import Part, Registry, Unit

REGISTRY = Registry(stats_selectors.SOURCES)
FIGURES = REGISTRY  # name → Definition (label, unit, doc, numerator)


def _start_eve(f) -> dt.date:
    return f.date_from - dt.timedelta(days=1)


STOCK_START = STATS_REGISTRY["terminated_current_stock_start"].numerator  # reused, not redefined


def _stock_where(f) -> Q:
    return STOCK_START.where(f)


def _stock_filter(f) -> Q:
    return STOCK_START.filter(f)


def _resumed_in(f) -> Exists:
    return Exists(EnforcementCase.objects.filter(resumed_from=OuterRef("pk"), filed_on__gte=f.date_from,
                                                 filed_on__lte=f.date_to))


def _concluded_in(f) -> Exists:
    return Exists(EnforcementCase.objects.filter(
        resumed_from=OuterRef("pk"), filed_on__gte=f.date_from, closed_on__lte=f.date_to,
    ).exclude(closure_method=ClosureMethod.TERMINATED_CURRENT))


def _fund_of_stock(f) -> Q:
    """A fund row of a stock case, or of the 执恢 case filed from one during the campaign."""
    eve = _start_eve(f)
    original = Q(case__closure_method=ClosureMethod.TERMINATED_CURRENT, case__closed_on__lte=eve) & ~Exists(
        EnforcementCase.objects.filter(resumed_from=OuterRef("case_id"), filed_on__lte=eve))
    resumed = Q(case__case_type=EnforcementType.RESUMED, case__filed_on__gte=f.date_from,
                case__resumed_from__closure_method=ClosureMethod.TERMINATED_CURRENT,
                case__resumed_from__closed_on__lte=eve)
    return original | resumed


@REGISTRY.metric("stock_start", _("清仓基数（期初终本库存）"), Unit.COUNT,
                 doc=_("起始日前以终本结案、且起始日前未恢复执行的案件数。"))
def stock_start():
    """The 终本 stock on the day before the campaign starts: stats' terminated_current_stock_start, reused."""
    return STOCK_START, None


@REGISTRY.metric("resumed", _("已恢复执行"), Unit.COUNT,
                 doc=_("清仓基数中，起始日至截止日期间立执恢案的案件数（按原案计）。"))
def resumed():
    """Cases of the stock at the start with a 执恢 case filed from the start to the end (counted on the original)."""
    return Part("enforcement", _stock_where, lambda f: _stock_filter(f) & _resumed_in(f)), None


@REGISTRY.metric("concluded", _("恢复后执结"), Unit.COUNT,
                 doc=_("清仓基数中，恢复执行后的执恢案件在截止日前以终本以外方式结案的案件数（按原案计）。"))
def concluded():
    """Cases of the stock at the start whose 执恢 case (filed from the start) was closed by the end by any method but
    终本 again (counted on the original)."""
    return Part("enforcement", _stock_where, lambda f: _stock_filter(f) & _concluded_in(f), query="concluded"), None


@REGISTRY.metric("recovered", _("清仓到位金额"), Unit.YUAN,
                 doc=_("起始日至截止日期间，清仓基数案件及其执恢案件的执行款到账合计（元）。"))
def recovered():
    """Money received (fund `in`) from the start to the end in the stock's cases or in their 执恢 cases."""
    return Part("funds", fund_in_period, _fund_of_stock, measure="amount"), None


@REGISTRY.metric("remaining", _("剩余库存"), Unit.COUNT, doc=_("清仓基数中，截止日仍未恢复执行的案件数。"))
def remaining():
    """Cases of the stock at the start not resumed by the end."""
    return Part("enforcement", _stock_where, lambda f: _stock_filter(f) & not_resumed_by(f.date_to),
                query="remaining"), None


NAMES = list(REGISTRY)


def _collect(f, names, group_by=None) -> dict:
    """{group key (None without group_by): {name: number}} with stats.aggregation's set-based queries."""
    names = list(names)
    raw: dict = defaultdict(dict)
    with aggregation._aggregation():
        aggregation._collect(f, names, group_by, raw, registry=REGISTRY)
    return {key: {name: aggregation._number(REGISTRY[name].numerator.measure, values.get(f"n{index}"))
                  for index, name in enumerate(names)}
            for key, values in raw.items()}


def compute(f, names=NAMES) -> dict:
    """{name: number} for the campaign `f` (date_from = start, date_to = the day looked at)."""
    return _collect(f, names).get(None) or {name: aggregation._number(REGISTRY[name].numerator.measure, None)
                                            for name in names}


def by_judge(f, names=NAMES) -> dict:
    """{judge id (None: no judge): {name: number}} — one grouped query per source."""
    return _collect(f, names, group_by="judge")


def by_township(f, townships, names=NAMES) -> dict:
    """{township id: {name: number}}: each township's figures equal compute() with that township as filter
    (a case counts in every township one of its debtors lives in)."""
    return {t: compute(f.replace(township=t), names) for t in townships}


def cases_behind(name: str, f) -> QuerySet:
    """The cases behind a figure: for a count its length is the figure; for money the cases the receipts landed in."""
    return REGISTRY.cases_behind(name, f)


def amounts_by_case(f, case_ids) -> dict:
    return aggregation.amounts_by_case("recovered", f, case_ids, registry=REGISTRY)


WEEK = dt.timedelta(days=7)


def burndown(f) -> list[dict]:
    """The remaining stock at the end of each week of the campaign (the last week may be short), from one
    GROUP BY over the resumption dates of the stock at the start."""
    stock = cases_behind("stock_start", f)
    total = stock.count()
    resumed_on = (EnforcementCase.objects.filter(resumed_from__in=stock.values("pk"), filed_on__gte=f.date_from,
                                                 filed_on__lte=f.date_to)
                  .order_by().values("filed_on").annotate(n=Count("resumed_from", distinct=True)))
    per_day = {row["filed_on"]: row["n"] for row in resumed_on}
    points, gone, day, week_start = [], 0, f.date_from, f.date_from
    while week_start <= f.date_to:
        week_end = min(week_start + WEEK - dt.timedelta(days=1), f.date_to)
        while day <= week_end:
            gone += per_day.get(day, 0)
            day += dt.timedelta(days=1)
        points.append({"week_start": week_start, "week_end": week_end, "remaining": total - gone, "resumed": gone})
        week_start += WEEK
    return points
