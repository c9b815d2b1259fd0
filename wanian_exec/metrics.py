"""The one way to define a metric: a numerator and an optional denominator, each a `Part` — the rows of a source
table that meet a condition, and what is measured over them — registered with its definition in a `Registry`.

Each app registers its own metrics in its own registry, over sources it names (stats.metrics: the dashboards'
figures; pushes.metrics: the follow-through of the pushes; clearance.metrics: the campaign board). The registry is
also where a figure's rows are read (`scope`, `rows`, `cases_behind`): tenancy is applied there, once, for every
metric — a Part's conditions never name a court. A filter (`f`) is whatever the app's figures are computed over; it
carries `courts`, the courts the user may see (a tuple of ids, or a queryset of court ids), which only the app's own parsing
of a request decides (stats.filters.parse_filter, pushes.metrics.scope_for: both from
cases.selectors.restrict_to_user).

Reading many figures at once, set-based (one aggregate query per source table), is stats.aggregation's; it reads
its rows through `Registry.scope` like everything else.
"""
import inspect
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet, TextChoices
from django.utils.translation import gettext_lazy as _


class Unit(TextChoices):
    COUNT = "cases", _("件")
    PERSONS = "persons", _("人")
    YUAN = "yuan", _("元")
    RATE = "rate", _("比率")
    DAYS = "days", _("天")


@dataclass(frozen=True)
class Part:
    """The rows of `source` satisfying `where(f)` and `filter(f)`, and what is measured over them.

    where: conditions an index serves (dates, kinds; an EXISTS too when every row must meet it);
    filter: further conditions checked row by row on what `where` selects — typically an EXISTS (a preservation
    was applied for, the case was resumed …). The figure's rows are `where & filter` either way.
    measure: "cases" distinct cases · "persons" distinct parties · "amount" sum of money (fund entries) ·
    "claimed" sum of amounts claimed (cases) · "recovered" sum of the cases' ledger receipts (amount_recovered) ·
    "days" sum of (closed_on − filed_on) (cases).
    month_field: the date column `where` bounds by the period, when the figure can be split by month.
    query: parts of one source with different labels are read by different queries (they join other tables).
    """

    source: str
    where: Callable[..., Q]
    filter: Callable[..., Q] | None = None
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
    short: str = ""  # a few words under the figure on a dashboard ("申请保全 / 涉财产案件")
    case_model: type | None = None  # the cases behind it (the numerator source's): enforcement or litigation cases

    @property
    def caliber(self) -> str:
        """The definition as a leader reads it (口径): the docstring's Chinese paragraph."""
        return "".join(line.strip() for line in self.doc.rsplit("口径：", 1)[-1].splitlines())

    def part(self, which: str = "numerator") -> Part:
        chosen = self.denominator if which == "denominator" else self.numerator
        if chosen is None:
            raise ValueError(f"{self.name} has no {which}")
        return chosen


@dataclass(frozen=True)
class Source:
    """A table figures are read from. rows(f): its rows narrowed by the filter's other fields (a judge, a township,
    a channel …), never by court; court_path: the path from a row to its court, where the registry applies
    tenancy; case_path: from a row to its case ("" for the case itself); case_model: that case's model."""

    rows: Callable[..., QuerySet]
    court_path: str
    case_path: str
    case_model: type


class Registry(dict):
    """The metrics of one app over its sources: a dict of name → Definition (a plain dict lookup: a dashboard reads
    definitions hundreds of times a page), filled by `metric`, with the sources they read and where tenancy is
    applied (`scope`)."""

    def __init__(self, sources: dict[str, Source]):
        super().__init__()
        self.sources = dict(sources)

    __hash__ = object.__hash__  # one registry per app: compared and kept by identity

    # --- defining ---------------------------------------------------------------------------------------------

    def metric(self, name: str, label, unit: str, short="", doc=None):
        """Register a metric from a function returning (numerator Part, denominator Part | None); its docstring
        is the metric's definition (`doc`, when given, is the text shown instead: a translated one). Returns the
        Definition (apps wrap it in what they compute)."""

        def register(build) -> Definition:
            numerator, denominator = build()
            for part in (numerator, denominator):
                if part is not None and part.source not in self.sources:
                    raise ValueError(f"{name}: no source {part.source!r} in this registry")
            if name in self:
                raise ValueError(f"{name} is registered twice")
            text = doc if doc is not None else inspect.getdoc(build) or ""
            definition = Definition(name, label, unit, numerator, denominator, text, short,
                                    self.sources[numerator.source].case_model)
            self[name] = definition
            return definition

        return register

    # --- reading ----------------------------------------------------------------------------------------------

    def scope(self, source: str, f) -> QuerySet:
        """The rows of `source` the filter covers, of `f.courts` only: the one place tenancy is applied to a
        figure — every aggregate, drill-down list and share of money reads its rows from here."""
        chosen = self.sources[source]
        return chosen.rows(f).filter(**{f"{chosen.court_path}__in": f.courts})

    def case_path(self, source: str) -> str:
        return self.sources[source].case_path

    def rows(self, name: str, f, which: str = "numerator") -> QuerySet:
        """The source rows a metric's numerator (or denominator) counts or sums."""
        part = self[name].part(which)
        return self.scope(part.source, f).filter(part.rows(f))

    def cases_behind(self, name: str, f, which: str = "numerator") -> QuerySet:
        """The cases a metric's numerator (or denominator) reads. For a count of cases, `.count()` equals the
        figure; for money, the cases the sums landed in."""
        part = self[name].part(which)
        rows = self.rows(name, f, which)
        case_path = self.case_path(part.source)
        if not case_path:
            return rows
        return self.sources[part.source].case_model.objects.filter(pk__in=rows.values(case_path))
