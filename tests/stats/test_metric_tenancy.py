"""Tenancy is applied once, by the metric registry (wanian_exec.metrics.Registry.scope), to every registered metric of
every app: another court's cases never count, whatever the metric."""
import datetime as dt

import pytest

from cases.models import EnforcementCase, LitigationCase
from clearance import metrics as clearance_metrics
from pushes import metrics as push_metrics
from stats import metrics as stats_metrics
from stats.filters import StatsFilter
from wanian_exec.metrics import Registry

from .conftest import P_TO

pytestmark = pytest.mark.django_db

CAMPAIGN_FROM = dt.date(2024, 3, 1)


def registries(courts):
    """(registry, the filter its figures are computed over) for each app's metrics, on `courts`."""
    stats_filter = StatsFilter(date_from=dt.date(2023, 1, 1), date_to=P_TO, courts=courts)
    return [
        (stats_metrics.REGISTRY, stats_filter),
        (clearance_metrics.REGISTRY, stats_filter.replace(date_from=CAMPAIGN_FROM)),
        (push_metrics.REGISTRY, push_metrics.Scope(courts=courts)),
    ]


def courts_of(queryset) -> set[int]:
    return set(queryset.values_list("court_id", flat=True))


def test_every_registered_metric_counts_only_the_courts_of_its_filter(world, court, other_court):
    every_case = {EnforcementCase: courts_of(EnforcementCase.objects.all()),
                  LitigationCase: courts_of(LitigationCase.objects.all())}
    assert {court.pk, other_court.pk} <= every_case[EnforcementCase]  # given cases in both courts
    for own, other in ((court, other_court), (other_court, court)):
        counted = {}
        for registry, f in registries((own.pk,)):
            for name, definition in registry.items():
                for which in ("numerator", "denominator"):
                    if which == "denominator" and definition.denominator is None:
                        continue
                    # when the cases behind the figure are read for one court
                    cases = registry.cases_behind(name, f, which)
                    # then every one of them is that court's: the other court's never count
                    assert other.pk not in courts_of(cases), (registry, name, which)
                    counted[(name, which)] = cases.count()
        if own == court:  # the world's court has cases behind (nearly) every figure: the check is not empty
            assert sum(1 for n in counted.values() if n) >= len(counted) // 2, counted


def test_every_figure_is_read_through_the_registrys_one_place(monkeypatch, world, court, period, judge):
    # given the world's court, whose figures are not all zero
    assert any(m.numerator for m in stats_metrics.compute(period).values())
    assert any(clearance_metrics.compute(period.replace(date_from=CAMPAIGN_FROM)).values())
    assert any(r.denominator for r in push_metrics.follow_through(judge))
    # when the registry's scope lets no row through
    seen = []

    def nothing(self, source, f):
        seen.append((self, source))
        return self.sources[source].rows(f).none()

    monkeypatch.setattr(Registry, "scope", nothing)
    # then every figure of every app is zero: none reads its rows another way
    assert not any(m.numerator or m.denominator for m in stats_metrics.compute(period).values())
    totals, groups = stats_metrics.compute_with_groups(period, stats_metrics.DASHBOARD_NAMES,
                                                       stats_metrics.JUDGE_TABLE_NAMES)
    assert not any(m.numerator or m.denominator for m in totals.values()) and not groups
    assert not any(month[name].numerator for month in stats_metrics.monthly(period)
                   for name in stats_metrics.TREND_NAMES)
    assert not any(clearance_metrics.compute(period.replace(date_from=CAMPAIGN_FROM)).values())
    assert not any(r.numerator or r.denominator for r in push_metrics.follow_through(judge))
    assert push_metrics.follow_through_table(judge, by="channel") == []
    assert {registry for registry, _source in seen} == {stats_metrics.REGISTRY, clearance_metrics.REGISTRY,
                                                        push_metrics.REGISTRY}
