"""The campaign board's figures (终本清仓), defined with the statistics machinery (stats.aggregation.Part over the
stats sources, a StatsFilter parsed and authorised by stats.filters.parse_filter) and computed by the same
set-based queries — but kept in their own registry: the stats dashboards' registry is theirs.

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
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cases.choices import ClosureMethod, EnforcementType
from cases.models import EnforcementCase
from stats import aggregation, selectors as stats_selectors
from stats.aggregation import Part, Unit
from stats.metrics import REGISTRY as STATS_REGISTRY
from stats.metrics import fund_in_period, not_resumed_by


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


@dataclass(frozen=True)
class Figure:
    name: str
    label: str
    unit: str
    part: Part
    doc: str


FIGURES: dict[str, Figure] = {f.name: f for f in [
    Figure("stock_start", _("清仓基数（期初终本库存）"), Unit.COUNT, STOCK_START,
           _("起始日前以终本结案、且起始日前未恢复执行的案件数。")),
    Figure("resumed", _("已恢复执行"), Unit.COUNT,
           Part("enforcement", _stock_where, lambda f: _stock_filter(f) & _resumed_in(f)),
           _("清仓基数中，起始日至截止日期间立执恢案的案件数（按原案计）。")),
    Figure("concluded", _("恢复后执结"), Unit.COUNT,
           Part("enforcement", _stock_where, lambda f: _stock_filter(f) & _concluded_in(f), query="concluded"),
           _("清仓基数中，恢复执行后的执恢案件在截止日前以终本以外方式结案的案件数（按原案计）。")),
    Figure("recovered", _("清仓到位金额"), Unit.YUAN,
           Part("funds", fund_in_period, _fund_of_stock, measure="amount"),
           _("起始日至截止日期间，清仓基数案件及其执恢案件的执行款到账合计（元）。")),
    Figure("remaining", _("剩余库存"), Unit.COUNT,
           Part("enforcement", _stock_where, lambda f: _stock_filter(f) & not_resumed_by(f.date_to),
                query="remaining"),
           _("清仓基数中，截止日仍未恢复执行的案件数。")),
]}
NAMES = list(FIGURES)


def _collect(f, names, group_by=None) -> dict:
    """{group key (None without group_by): {name: raw number}} with stats.aggregation's set-based queries."""
    by_source: dict[str, dict[str, Part]] = defaultdict(dict)
    for name in names:
        by_source[FIGURES[name].part.source][name] = FIGURES[name].part
    raw: dict = defaultdict(dict)
    with aggregation._aggregation():
        for source, parts in by_source.items():
            for queryset, aggregates in aggregation._source_queries(f, source, parts):
                if group_by is None:
                    raw[None].update(queryset.aggregate(**aggregates))
                    continue
                column = aggregation._group_column(source, group_by)
                for row in queryset.values(column).annotate(**aggregates):
                    raw[row[column]].update({alias: row[alias] for alias in aggregates})
    return {key: {name: aggregation._number(FIGURES[name].part.measure, values.get(name)) for name in names}
            for key, values in raw.items()}


def compute(f, names=NAMES) -> dict:
    """{name: number} for the campaign `f` (date_from = start, date_to = the day looked at)."""
    return _collect(f, names).get(None) or {name: aggregation._number(FIGURES[name].part.measure, None)
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
    part = FIGURES[name].part
    scope, case_path, model = stats_selectors.SOURCES[part.source]
    rows = scope(f).filter(part.rows(f))
    return rows if not case_path else model.objects.filter(pk__in=rows.values(case_path))


def amounts_by_case(f, case_ids) -> dict:
    part = FIGURES["recovered"].part
    rows = stats_selectors.SOURCES["funds"][0](f).filter(part.rows(f), case_id__in=list(case_ids))
    from django.db.models import Sum

    return {r["case_id"]: aggregation._number("amount", r["t"])
            for r in rows.order_by().values("case_id").annotate(t=Sum("amount"))}


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
