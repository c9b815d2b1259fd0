"""The machinery behind stats.metrics: what a metric is (numerator and denominator `Part`s over a source table),
the registry, and how figures are read — set-based, a fixed number of aggregate queries per source table.

Read stats.metrics for the figures and their definitions; this module only computes them.
"""
import datetime as dt
import inspect
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, Q, QuerySet, Subquery, Sum, TextChoices
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from cases import rules
from cases.models import EnforcementCase

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
    """The rows of `source` satisfying `where(f)` and `filter(f)`, and what is measured over them.

    where: conditions an index serves (court, dates, kinds; an EXISTS too when every row must meet it);
    filter: further conditions checked row by row on what `where` selects — typically an EXISTS (a preservation
    was applied for, the case was resumed …). The figure's rows are `where & filter` either way.
    measure: "cases" distinct cases · "persons" distinct parties · "amount" sum of money (fund entries) ·
    "claimed" sum of amounts claimed (cases) · "recovered" sum of the cases' ledger receipts (amount_recovered) ·
    "days" sum of (closed_on − filed_on) (cases).
    month_field: the date column `where` bounds by the period, when the figure can be split by month.
    query: parts of one source with different labels are read by different queries (they join other tables).
    """

    source: str
    where: object  # Callable[[StatsFilter], Q]
    filter: object = None  # Callable[[StatsFilter], Q] | None
    measure: str = "cases"
    month_field: str | None = None
    query: str = ""

    def rows(self, f) -> Q:
        return self.where(f) & self.filter(f) if self.filter else self.where(f)


@dataclass(frozen=True)
class Definition:
    name: str
    label: str
    unit: str
    numerator: Part
    denominator: Part | None
    doc: str
    short: str  # a few words under the figure on a dashboard ("申请保全 / 涉财产案件")

    @property
    def caliber(self) -> str:
        """The definition as a leader reads it (口径): the docstring's Chinese paragraph."""
        return "".join(line.strip() for line in self.doc.rsplit("口径：", 1)[-1].splitlines())

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


# --- reading -----------------------------------------------------------------------------------------------

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


def narrowed(f: StatsFilter, group_by: str, key) -> StatsFilter:
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
    if measure == "recovered":
        return Sum("amount_recovered", filter=condition)
    if measure == "days":
        return Sum(ExpressionWrapper(F("closed_on") - F("filed_on"), output_field=DurationField()), filter=condition)
    raise ValueError(measure)


def _number(measure: str, raw):
    if measure in ("amount", "claimed", "recovered"):
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


def _has_subquery(condition) -> bool:
    """Does a condition hold an EXISTS (or another subquery)? Inside `COUNT(…) FILTER (WHERE …)` PostgreSQL runs
    it once per row; in WHERE it plans a semi- or anti-join — the difference between seconds and milliseconds on
    a million rows."""
    if isinstance(condition, (Exists, Subquery)):
        return True
    if isinstance(condition, Q):
        return any(_has_subquery(child) for child in condition.children)
    if isinstance(condition, tuple):
        return _has_subquery(condition[1])
    return any(_has_subquery(e) for e in getattr(condition, "get_source_expressions", lambda: [])())


# Up to this many courts a source is read in one query whose FILTERs run their EXISTS per row (the WHERE only
# narrows to the court's rows that could count); beyond it — a high court's whole province — each part with an
# EXISTS in its filter gets a query of its own with everything in WHERE, where PostgreSQL plans a semi- or
# anti-join instead of a probe per row.
PER_ROW_SUBQUERY_COURTS = 3


def _source_queries(f: StatsFilter, source: str, parts: dict[str, Part]):
    """[(queryset, {alias: aggregate})] reading `parts` of one source table; the figures are the same either way.

    - parts whose `where` is plain (no subquery) share one query per `query` label: WHERE = any part's `where`,
      one `COUNT/SUM(…) FILTER (WHERE where AND filter)` per part;
    - parts whose `where` holds an EXISTS share a query per (label, where): WHERE = that `where` (a semi-join),
      FILTER = each part's `filter`;
    - many courts: a part whose `filter` holds an EXISTS is read alone, with `where AND filter` in WHERE.
    """
    scope = selectors.SOURCES[source][0](f)
    per_row = len(f.courts) <= PER_ROW_SUBQUERY_COURTS
    merged, by_where, alone = defaultdict(dict), defaultdict(dict), {}
    for alias, part in parts.items():
        if not per_row and part.filter is not None and _has_subquery(part.filter(f)):
            alone[alias] = part
        elif _has_subquery(part.where(f)):
            by_where[(part.query, part.where)][alias] = part
        else:
            merged[part.query][alias] = part
    queries = []
    for group in merged.values():
        where = Q()
        for part in group.values():
            where |= part.where(f)
        queries.append((scope.filter(where).order_by(),
                        {alias: _aggregate(source, part.measure, part.rows(f)) for alias, part in group.items()}))
    for group in by_where.values():
        where = next(iter(group.values())).where(f)
        queries.append((scope.filter(where).order_by(),
                        {alias: _aggregate(source, part.measure, part.filter(f) if part.filter else None)
                         for alias, part in group.items()}))
    for alias, part in alone.items():
        queries.append((scope.filter(part.rows(f)).order_by(), {alias: _aggregate(source, part.measure, None)}))
    return queries


@contextmanager
def _aggregation():
    """PostgreSQL's JIT compiler turns on for these queries (their estimated cost is high) and spends ~150 ms
    compiling what runs in a few milliseconds: off for the aggregation's own transaction only."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def make_metric(f, name: str, numerator, denominator) -> Metric:
    """The Metric of `name` under filter `f` from its numerator and denominator (numbers, not raw SQL values)."""
    unit = REGISTRY[name].unit
    return Metric(name, _value(unit, numerator, denominator), numerator, denominator, unit, f)


def _metrics_from(f, names, raw: dict) -> dict[str, Metric]:
    result = {}
    for index, name in enumerate(names):
        definition = REGISTRY[name]
        numerator = _number(definition.numerator.measure, raw.get(f"n{index}"))
        denominator = None
        if definition.denominator is not None:
            denominator = _number(definition.denominator.measure, raw.get(f"d{index}"))
        result[name] = make_metric(f, name, numerator, denominator)
    return result


def compute(f: StatsFilter, names=None, *, group_by: str | None = None):
    """Compute `names` (default: every registered metric) with a fixed number of aggregate queries per source
    table (see _source_queries).

    Without group_by → {name: Metric}. With group_by="judge" (the case's enforcement judge; a litigation
    case's trial judge), "court" or "channel" (push figures only) → {key: {name: Metric}} where each Metric is
    the one the metric function returns with that judge, court or channel as filter (keys without any row are
    absent; a judge key None gathers the cases without a judge).
    """
    names = list(names or REGISTRY)
    raw_by_key: dict = defaultdict(dict)
    with _aggregation():
        _collect(f, names, group_by, raw_by_key)
    if group_by is None:
        return _metrics_from(f, names, raw_by_key[None])
    return {key: _metrics_from(narrowed(f, group_by, key), names, raw) for key, raw in raw_by_key.items()}


def compute_with_groups(f: StatsFilter, names, grouped_names, *, group_by: str = "judge"):
    """(totals, groups) = (`compute(f, names)`, `compute(f, grouped_names, group_by=…)`) with the tables the groups
    need read once, grouped: the groups partition the rows (every case has one judge, one court), so a total
    count or sum is the sum over the groups. The other tables — and counts of distinct persons, which one
    person in two judges' cases would make non-additive — are read ungrouped.
    """
    names, grouped_names = list(dict.fromkeys(names)), list(dict.fromkeys(grouped_names))

    def sources(name):
        definition = REGISTRY[name]
        return {definition.numerator.source} | ({definition.denominator.source} if definition.denominator else set())

    def additive(name):
        definition = REGISTRY[name]
        return "persons" not in (definition.numerator.measure, getattr(definition.denominator, "measure", None))

    grouped_sources = set().union(*(sources(n) for n in grouped_names)) if grouped_names else set()
    from_groups = [n for n in dict.fromkeys(grouped_names + names) if additive(n) and sources(n) <= grouped_sources]
    alone = [n for n in names if n not in from_groups]
    raw_by_key: dict = defaultdict(dict)
    raw_alone: dict = defaultdict(dict)
    with _aggregation():
        _collect(f, from_groups, group_by, raw_by_key)
        _collect(f, alone, None, raw_alone)
    raw_total: dict = {}
    for raw in raw_by_key.values():
        for alias, value in raw.items():
            if value is not None:
                raw_total[alias] = raw_total[alias] + value if alias in raw_total else value  # int/Decimal/timedelta
    totals = {**_metrics_from(f, from_groups, raw_total), **_metrics_from(f, alone, raw_alone[None])}
    groups = {key: {n: m for n, m in _metrics_from(narrowed(f, group_by, key), from_groups, raw).items()
                    if n in grouped_names}
              for key, raw in raw_by_key.items()}
    return {name: totals[name] for name in names}, groups


def _collect(f, names, group_by, raw_by_key) -> None:
    for source, parts in _parts(names).items():
        for queryset, aggregates in _source_queries(f, source, parts):
            if group_by is None:
                raw_by_key[None].update(queryset.aggregate(**aggregates))
                continue
            column = _group_column(source, group_by)
            for row in queryset.values(column).annotate(**aggregates):
                raw_by_key[row[column]].update({alias: row[alias] for alias in aggregates})


def monthly(f: StatsFilter, names) -> list[dict]:
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
    with _aggregation():
        for (source, month_field), parts in groups.items():
            for queryset, aggregates in _source_queries(f, source, parts):
                rows = queryset.annotate(month=TruncMonth(month_field)).values("month").annotate(**aggregates)
                for row in rows:
                    month = row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"]
                    raw[month].update({name: row[name] for name in aggregates})
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
