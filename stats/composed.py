"""A view over several courts composed from its courts' own kept figures (issue 20: a high court's whole
jurisdiction to figures in ≤ 2 s).

Why it is exact: every row a metric reads belongs to exactly one court — enforcement and litigation cases by
their court, fund entries, sanctions and push items by their court column (the services keep it equal to the
case's), inquiries and urgings through their case — and the figures are kept as raw numerators and
denominators: counts of distinct cases, distinct persons, sums of yuan and of days. A case belongs to one
court; a person (cases.Party) too, and a sanction's person is a respondent of its case, so of the case's court
(cases.services check_same_court, sanctions.services). So each count and sum over several courts is the sum of
the courts' own, and every rate or average is recomputed from the summed parts by the metric's one definition
(aggregation.make_metric) — never averaged over courts. The per-court table is each court's totals, the push
channel table and the month trend are summed.

What it changes: the province's view no longer reads the province's rows (20–30 queries over a million cases);
it reads its courts' kept rows, which the `dashboard_snapshots` job keeps fresh for every court's current year.
A court with no fresh figures is asked of a worker (one task per court, so several workers share them) and the
waiting page says how many courts are done; the page's "数据计算于" is the OLDEST court's time.

Not composed (the one province-wide computation of stats.snapshots stays): a judge's or a township's view —
both belong to one court, so the province-wide query over them is small and composing would ask one figure set
per court for nothing — and everything when snapshots are off (STATS_SNAPSHOT_MAX_AGE = 0: nothing is kept).
"""
import datetime as dt

from django.conf import settings
from django.utils import timezone

from . import metrics
from .aggregation import REGISTRY, Metric, make_metric, narrowed
from .filters import StatsFilter
from .models import DashboardSnapshot
from .snapshots import (READ_MARK_EVERY, WAIT_FORGOTTEN, WORKER_WAIT, DashboardFigures, figures_from_snapshot,
                        compute_later, dashboard_figures, figures_for as court_figures_for, snapshot_key)

# 立即刷新 of a composed view: courts computed less than this long ago count as just computed (the job recomputes
# every court every 5 minutes; refreshing all 101 courts would be minutes of a worker's time for the same figures).
RECENT_ENOUGH = dt.timedelta(seconds=60)
# Courts computed one after another in a request at most: at 1 M cases a court costs ~0.5–1.2 s under load, so
# more missing courts than this are cheaper as the one province-wide computation (16 s for 101 courts against
# 54–120 s court by court: bench/README.md), while the workers compute the courts for the next look.
IN_REQUEST_COURTS = 10


def court_filters(f: StatsFilter) -> dict[int, StatsFilter]:
    """Each court's own view of the same filter (what stats.aggregation.narrowed calls a court's group)."""
    return {court: narrowed(f, "court", court) for court in f.courts}


def kept_parts(f: StatsFilter, *, computed_since: dt.datetime) -> dict[int, DashboardFigures]:
    """The courts' kept figures computed at or after `computed_since`: two queries however many courts (the
    rows, and marking the ones not marked read lately so the job keeps them warm)."""
    by_key = {snapshot_key(cf): (court, cf) for court, cf in court_filters(f).items()}
    now = timezone.now()
    rows = list(DashboardSnapshot.objects.filter(key__in=list(by_key), computed_at__gte=computed_since))
    stale_marks = [row.pk for row in rows if row.read_at < now - READ_MARK_EVERY]
    if stale_marks:
        DashboardSnapshot.objects.filter(pk__in=stale_marks).update(read_at=now)
    return {by_key[row.key][0]: figures_from_snapshot(by_key[row.key][1], row) for row in rows}


def compose(f: StatsFilter, parts: dict[int, DashboardFigures]) -> DashboardFigures:
    """The figures of `f` from each of its courts' figures (`parts`: one per court of f): numerators and
    denominators summed, values by the metrics' own definitions; stamped with the oldest court's time."""
    missing = set(f.courts) - set(parts)
    if missing:
        raise ValueError(f"no figures for courts {sorted(missing)}")
    courts = [parts[court] for court in f.courts]
    by_channel: dict = {}
    for channel in dict.fromkeys(key for part in courts for key in part.by_channel):
        by_channel[channel] = _summed(narrowed(f, "channel", channel),
                                      [part.by_channel[channel] for part in courts if channel in part.by_channel],
                                      metrics.FIVE_PUSH_NAMES)
    return DashboardFigures(
        figures=_summed(f, [part.figures for part in courts], list(courts[0].figures)),
        by_judge={},  # over several courts the table is per court (stats.snapshots.dashboard_figures)
        by_court={court: {n: parts[court].figures[n] for n in metrics.JUDGE_TABLE_NAMES} for court in f.courts},
        by_channel=by_channel,
        months=_months(f, [part.months for part in courts]),
        computed_at=min(part.computed_at for part in courts),
        duration_ms=sum(part.duration_ms for part in courts),
        from_snapshot=all(part.from_snapshot for part in courts),
        behind=any(part.behind for part in courts),
    )


def _summed(f: StatsFilter, rows: list[dict], names) -> dict[str, Metric]:
    result = {}
    for name in names:
        numerator = sum(row[name].numerator for row in rows)
        denominator = None
        if REGISTRY[name].denominator is not None:
            denominator = sum(row[name].denominator for row in rows)
        result[name] = make_metric(f, name, numerator, denominator)
    return result


def _months(f: StatsFilter, courts_months: list[list[dict]]) -> list[dict]:
    months = []
    for entries in zip(*courts_months, strict=True):  # the same period: the same months, in order
        first = entries[0]
        window = f.replace(date_from=first["date_from"], date_to=first["date_to"])
        entry = {"month": first["month"], "date_from": window.date_from, "date_to": window.date_to}
        for name in metrics.TREND_NAMES:
            number = sum(e[name].numerator for e in entries)
            entry[name] = Metric(name, number, number, None, REGISTRY[name].unit, window)
        months.append(entry)
    return months


def _fresh_since(now: dt.datetime, *, refresh: bool, requested: dt.datetime | None) -> dt.datetime:
    """Kept court figures count from this time on: younger than the maximum age; after 立即刷新, computed at most
    RECENT_ENOUGH before it was pressed."""
    since = now - dt.timedelta(seconds=settings.STATS_SNAPSHOT_MAX_AGE)
    if refresh:
        since = max(since, (requested or now) - RECENT_ENOUGH)
    return since


def figures_for(f: StatsFilter, *, refresh: bool = False) -> DashboardFigures:
    """Composed figures now (the KPI API): courts without fresh kept figures are computed here (_computed_here)."""
    now = timezone.now()
    parts = kept_parts(f, computed_since=_fresh_since(now, refresh=refresh, requested=None))
    return _computed_here(f, parts, now, again=refresh)


def _computed_here(f: StatsFilter, parts: dict, now: dt.datetime, *, again: bool) -> DashboardFigures:
    """The figures of `f` in this request: the missing courts computed one by one and composed with the kept ones
    — or, when more than IN_REQUEST_COURTS are missing, the one province-wide computation (not kept: the courts
    are asked of the workers, so the next look composes)."""
    missing = {court: cf for court, cf in court_filters(f).items() if court not in parts}
    if len(missing) > IN_REQUEST_COURTS:
        for cf in missing.values():
            compute_later(cf, now, again=again)
        return dashboard_figures(f)
    for court, cf in missing.items():
        parts[court] = court_figures_for(cf, refresh=True)
    return compose(f, parts)


def figures_or_asked(f: StatsFilter, *, requested: dt.datetime | None, refresh: bool = False
                     ) -> tuple[DashboardFigures | None, dt.datetime | None, tuple[int, int]]:
    """The waiting page's protocol (stats.snapshots.figures_or_asked) for a composed view: (figures, None,
    progress) once every court has fresh figures, else (None, when they were asked for, (courts done, courts)).
    The courts missing are asked of the workers, one task per court (a reload within two minutes asks nothing
    again); a wait longer than WORKER_WAIT computes the rest here (_computed_here). No partial totals are shown
    while waiting: a sum over some of the courts is not the jurisdiction's figure, and a rate over them would
    mislead."""
    now = timezone.now()
    if requested is not None and now - requested > WAIT_FORGOTTEN:
        requested = None
    parts = kept_parts(f, computed_since=_fresh_since(now, refresh=refresh, requested=requested))
    progress = (len(parts), len(f.courts))
    missing = {court: cf for court, cf in court_filters(f).items() if court not in parts}
    if not missing:
        return compose(f, parts), None, progress
    if requested is not None and now - requested > WORKER_WAIT:  # the workers are down or far behind
        return _computed_here(f, parts, now, again=False), None, (len(f.courts), len(f.courts))
    for cf in missing.values():  # each court asked once per two minutes (compute_later), again after 立即刷新
        compute_later(cf, now, again=refresh and requested is None)
    return None, requested or now, progress

