"""The leader dashboard's figures, computed once per filter and kept a few minutes (maintained snapshots).

Why: leaders open the same few views all day, and at province scale a view is costly — one court's dashboard
is 32 aggregate queries, a high court's whole-province view reads most of the province's cases (figures:
bench/README.md, "Kept figures"). So the figures of a filter are computed by the one set of metric functions
(stats.metrics), stored as raw numerators and denominators (DashboardSnapshot), and served from there while
younger than `STATS_SNAPSHOT_MAX_AGE` seconds:

- `dashboard_figures(f)` computes everything the leader dashboard shows: every metric, the per-judge,
  per-court and per-push-channel tables, the month trend;
- `figures_for(f)` answers from a fresh snapshot or computes and stores one (`refresh=True`: always compute);
  the page says when its figures were computed and offers 立即刷新;
- `refresh_snapshots()` — the `dashboard_snapshots` job, every 5 minutes — recomputes the snapshots looked at
  in the last day and every court's current-year view once they are older than REFRESH_AFTER, so under normal
  operation a leader never waits for a computation and a figure is never older than the maximum age;
- a view over several courts (a higher court's whole jurisdiction) is composed from its courts' kept figures
  (stats.composed: counts and sums add up across courts), not computed over the province's rows.

What a snapshot changes: a figure may lag the cases by its age (shown on the page); drill-down lists are always
live. `STATS_SNAPSHOT_MAX_AGE = 0` turns snapshots off (every view computes; the tests' default).
"""
import datetime as dt
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.services.common import court_today
from outbox import enqueue
from wanian_exec.db_routers import data_as_of, replica_reads

from . import metrics
from .aggregation import REGISTRY, Metric, make_metric, narrowed
from .filters import StatsFilter
from .models import DashboardSnapshot
from .selectors import court_tree
from .tasks import compute_snapshot

logger = logging.getLogger(__name__)

REFRESH_AFTER = dt.timedelta(minutes=4)  # the job runs every 5 minutes: refreshed well inside a 10-minute max age
KEEP_WARM = dt.timedelta(days=1)  # snapshots read this recently are kept fresh by the job
FORGET_AFTER = dt.timedelta(days=7)  # snapshots nobody read for a week are deleted
WORKER_WAIT = dt.timedelta(seconds=90)  # a view asked of a worker is computed in the request after this long
WAIT_FORGOTTEN = dt.timedelta(minutes=5)  # a waiting page's `requested=` older than this asks anew
ASK_AGAIN_AFTER = 120  # seconds: a background computation asked for is not asked again sooner by the same process
READ_MARK_EVERY = dt.timedelta(hours=1)  # read_at is rewritten at most this often (a read should not write)
REPLICA_LAG_KEPT = dt.timedelta(seconds=2)  # figures read from a replica at most this far behind may be kept
MONEY = ("amount", "claimed", "recovered")
# A snapshot answers only for the definitions it was computed with: a metric added, removed or redefined
# (its docstring is its definition) changes every key.
DEFINITIONS_DIGEST = hashlib.sha256(
    "\n".join(f"{name}:{d.unit}:{d.doc}" for name, d in sorted(REGISTRY.items())).encode()).hexdigest()[:16]


@dataclass
class DashboardFigures:
    """What the leader dashboard shows: figures {name: Metric}; by_judge / by_court / by_channel
    {key: {name: Metric}}; months [{"month", "date_from", "date_to", name: Metric}]."""

    figures: dict
    by_judge: dict
    by_court: dict
    by_channel: dict
    months: list
    computed_at: dt.datetime  # when the data read was current: a lagging replica's replay time, else now
    duration_ms: int
    from_snapshot: bool = field(default=False)
    behind: bool = field(default=False)  # read from a replica behind by more than REPLICA_LAG_KEPT: never kept


def dashboard_figures(f: StatsFilter) -> DashboardFigures:
    """Compute every figure of the leader dashboard for `f`. The totals and the table below them come from the
    same grouped queries: for one court a row per judge, over several courts a row per court (a province's
    thousand judges are read court by court, each court's own view lists its judges)."""
    started, (computed_at, behind) = time.monotonic(), data_as_of()
    # a replica replaying a busy primary is often a moment behind: only a lag beyond that makes figures unkept
    behind = behind and timezone.now() - computed_at > REPLICA_LAG_KEPT
    by_judge, by_court = {}, {}
    if len(f.courts) > 1:
        figures, by_court = metrics.compute_with_groups(f, list(REGISTRY), metrics.JUDGE_TABLE_NAMES,
                                                        group_by="court")
    else:
        figures, by_judge = metrics.compute_with_groups(f, list(REGISTRY), metrics.JUDGE_TABLE_NAMES)
    by_channel = metrics.compute(f, metrics.FIVE_PUSH_NAMES, group_by="channel")
    months = metrics.monthly(f)
    return DashboardFigures(figures, by_judge, by_court, by_channel, months, computed_at,
                            round((time.monotonic() - started) * 1000), behind=behind)


def snapshot_key(f: StatsFilter) -> str:
    """The filter (courts in any order), the day stock figures are taken (today, while the period reaches it)
    and the definitions."""
    params = f.params()
    params["court"] = sorted(params["court"])
    basis = {"filter": params, "as_of": f.as_of.isoformat(), "definitions": DEFINITIONS_DIGEST}
    return hashlib.sha256(json.dumps(basis, sort_keys=True).encode()).hexdigest()


def figures_for(f: StatsFilter, *, refresh: bool = False) -> DashboardFigures:
    """The dashboard's figures from a snapshot younger than STATS_SNAPSHOT_MAX_AGE, else computed and stored."""
    if settings.STATS_SNAPSHOT_MAX_AGE <= 0:
        return dashboard_figures(f)
    kept = None if refresh else kept_figures(f)
    if kept is not None:
        return kept
    figures = dashboard_figures(f)
    _store(snapshot_key(f), f, figures, read=True)
    return figures


def kept_figures(f: StatsFilter, *, computed_since: dt.datetime | None = None) -> DashboardFigures | None:
    """The figures of a snapshot younger than STATS_SNAPSHOT_MAX_AGE (and computed at or after `computed_since`),
    marked read; None when there is none."""
    now = timezone.now()
    oldest = now - dt.timedelta(seconds=settings.STATS_SNAPSHOT_MAX_AGE)
    if computed_since is not None:
        oldest = max(oldest, computed_since)
    snapshot = DashboardSnapshot.objects.filter(key=snapshot_key(f), computed_at__gte=oldest).first()
    if snapshot is None:
        return None
    if snapshot.read_at < now - READ_MARK_EVERY:
        DashboardSnapshot.objects.filter(pk=snapshot.pk).update(read_at=now)
    return figures_from_snapshot(f, snapshot)


# --- views too costly to compute while the leader waits: computed by a worker, the page waits for it ----------


def composable(f: StatsFilter) -> bool:
    """A view over several courts narrowed only by period, case type or push channel is composed from its courts'
    own kept figures (stats.composed); a judge's or a township's rows belong to one court (a small province-wide
    read), and with snapshots off nothing is kept."""
    return (settings.STATS_SNAPSHOT_MAX_AGE > 0 and len(f.courts) > 1 and f.judge is None
            and f.township is None)


def computed_in_background(f: StatsFilter) -> bool:
    """A view over several courts (a higher court's jurisdiction: seconds at province scale) is computed by a
    worker while the page says so, instead of holding a web process; one court's view is computed in the
    request."""
    return settings.STATS_SNAPSHOT_MAX_AGE > 0 and len(f.courts) > 1


def figures_or_asked(f: StatsFilter, *, requested: dt.datetime | None,
                     refresh: bool = False) -> tuple[DashboardFigures | None, dt.datetime | None]:
    """A view computed by a worker: (figures, None) when kept, else (None, when they were asked for). The first
    look (`requested` None) asks; later looks wait for figures computed since `requested`; a worker that has not
    answered in WORKER_WAIT (down, or its queue long) gets the figures computed here instead. `refresh`: figures
    computed from now on are wanted, not the kept ones."""
    now = timezone.now()
    if requested is not None and now - requested > WAIT_FORGOTTEN:
        requested = None  # an old waiting page's address (bookmarked, reopened): a first look
    kept = kept_figures(f, computed_since=requested or (now if refresh else None))
    if kept is not None:
        return kept, None
    if requested is None:
        compute_later(f, now, again=refresh)
        return None, now
    if now - requested > WORKER_WAIT:
        return figures_for(f, refresh=True), None
    return None, requested


def compute_later(f: StatsFilter, requested_at: dt.datetime, *, again: bool = False) -> None:
    """Ask a worker for this view's figures (task `stats.tasks.compute_snapshot`, through the outbox). A view
    already asked for in the last two minutes by this process is not asked again (leaders reloading the page),
    unless `again` (立即刷新: figures computed from now on are wanted)."""
    if again:
        cache.delete(f"stats-snapshot-asked:{snapshot_key(f)}")
    if cache.add(f"stats-snapshot-asked:{snapshot_key(f)}", requested_at.isoformat(), timeout=ASK_AGAIN_AFTER):
        enqueue(compute_snapshot, kwargs={"params": f.params(), "requested_at": requested_at.isoformat()})


def compute_requested(params: dict, requested_at: str) -> dict:
    """The task's work: the figures of the view `params`, unless a snapshot computed since `requested_at`
    exists (a rerun, or another request's computation, already did it)."""
    f = _filter_from(params)
    if f is None:
        logger.error("dashboard snapshot asked for an unreadable filter %r", params)
        return {"computed": False, "error": "bad params"}
    since = dt.datetime.fromisoformat(requested_at)
    if DashboardSnapshot.objects.filter(key=snapshot_key(f), computed_at__gte=since).exists():
        return {"computed": False}
    with replica_reads():  # the aggregates read the replica when there is one; the snapshot is written to the primary
        figures = dashboard_figures(f)
    _store(snapshot_key(f), f, figures, read=True)
    return {"computed": True, "ms": figures.duration_ms}


def _store(key: str, f: StatsFilter, figures: DashboardFigures, *, read: bool) -> None:
    """Keep the figures as the view's snapshot — unless they were read from a replica that was behind: they are
    shown (with its replay time) but not kept, and the view's older snapshot goes too, so the next look after
    the replica caught up computes instead of serving figures that miss what it had not replayed."""
    if figures.behind:
        DashboardSnapshot.objects.filter(key=key).delete()
        return
    values = {"params": f.params(), "payload": _payload(figures), "computed_at": figures.computed_at,
              "duration_ms": figures.duration_ms}
    if read:
        values["read_at"] = figures.computed_at
    try:
        with transaction.atomic():  # a savepoint: a concurrent insert must not break the caller's transaction
            if not DashboardSnapshot.objects.filter(key=key).update(**values):
                DashboardSnapshot.objects.create(key=key, **{"read_at": figures.computed_at, **values})
    except IntegrityError:  # two leaders computed the same view at once: the other one's is as good
        logger.info("dashboard snapshot %s stored concurrently", key)


# --- payload: raw numerators and denominators, rebuilt into the Metrics the metric functions return -----------


def _encode(value):
    return str(value) if isinstance(value, Decimal) else value


def _decode(measure: str, raw):
    if raw is None:
        return None
    return Decimal(raw) if measure in MONEY else int(raw)


def _pairs(row: dict) -> dict:
    return {name: [_encode(m.numerator), _encode(m.denominator)] for name, m in row.items()}


def _metrics(f: StatsFilter, pairs: dict) -> dict[str, Metric]:
    result = {}
    for name, (numerator, denominator) in pairs.items():
        definition = REGISTRY[name]
        result[name] = make_metric(f, name, _decode(definition.numerator.measure, numerator),
                                   _decode(getattr(definition.denominator, "measure", ""), denominator))
    return result


def _payload(figures: DashboardFigures) -> dict:
    return {
        "figures": _pairs(figures.figures),
        "by_judge": [[key, _pairs(row)] for key, row in figures.by_judge.items()],
        "by_court": [[key, _pairs(row)] for key, row in figures.by_court.items()],
        "by_channel": [[key, _pairs(row)] for key, row in figures.by_channel.items()],
        "months": [{"month": m["month"].isoformat(), "date_from": m["date_from"].isoformat(),
                    "date_to": m["date_to"].isoformat(),
                    "values": {n: _encode(m[n].numerator) for n in metrics.TREND_NAMES}} for m in figures.months],
    }


def figures_from_snapshot(f: StatsFilter, snapshot: DashboardSnapshot) -> DashboardFigures:
    """The figures a snapshot of `f` keeps, rebuilt into Metrics (one court's, in a composed view too)."""
    data = snapshot.payload

    def groups(name, group_by):
        return {key: _metrics(narrowed(f, group_by, key), pairs) for key, pairs in data[name]}

    months = []
    for m in data["months"]:
        window = f.replace(date_from=dt.date.fromisoformat(m["date_from"]), date_to=dt.date.fromisoformat(m["date_to"]))
        entry = {"month": dt.date.fromisoformat(m["month"]), "date_from": window.date_from, "date_to": window.date_to}
        for name, raw in m["values"].items():
            number = _decode(REGISTRY[name].numerator.measure, raw)
            entry[name] = Metric(name, number, number, None, REGISTRY[name].unit, window)
        months.append(entry)
    return DashboardFigures(_metrics(f, data["figures"]), groups("by_judge", "judge"), groups("by_court", "court"),
                            groups("by_channel", "channel"), months, snapshot.computed_at, snapshot.duration_ms,
                            from_snapshot=True)


# --- the job -------------------------------------------------------------------------------------------------


def standing_filters(today: dt.date, court_id: int | None = None) -> list[StatsFilter]:
    """The views kept warm whether or not anyone opened them yet: each court's current year (what a leader's
    dashboard opens on). A higher court's whole jurisdiction (全辖合计) is composed from these (stats.composed)."""
    tree = court_tree()
    year = dt.date(today.year, 1, 1)
    return [StatsFilter(date_from=year, date_to=today, courts=(pk,))
            for pk in sorted(pk for children in tree.values() for pk in children)
            if court_id is None or pk == court_id]


def refresh_snapshots(court_id: int | None = None) -> dict:
    """Job `dashboard_snapshots`: recompute the snapshots read in the last day and the standing views once older
    than REFRESH_AFTER; forget snapshots nobody read for a week. Idempotent: a rerun finds them fresh."""
    if settings.STATS_SNAPSHOT_MAX_AGE <= 0:
        return {"refreshed": 0, "fresh": 0, "forgotten": 0, "disabled": True}
    now, today = timezone.now(), court_today()
    forgotten, _ = DashboardSnapshot.objects.filter(read_at__lt=now - FORGET_AFTER).delete()
    wanted = {snapshot_key(f): f for f in standing_filters(today, court_id)}
    for snapshot in DashboardSnapshot.objects.filter(read_at__gte=now - KEEP_WARM).only("key", "params"):
        f = _filter_from(snapshot.params)
        if f is None or (court_id is not None and court_id not in f.courts) or composable(f):
            continue  # a composed view is its courts' figures, each kept warm when read (stats.composed)
        wanted.setdefault(snapshot_key(f), f)
    fresh = set(DashboardSnapshot.objects.filter(key__in=list(wanted), computed_at__gte=now - REFRESH_AFTER)
                .values_list("key", flat=True))
    refreshed, seconds = 0, 0.0
    for key, f in wanted.items():
        if key in fresh:
            continue
        with replica_reads():
            figures = dashboard_figures(f)
        _store(key, f, figures, read=False)
        refreshed, seconds = refreshed + 1, seconds + figures.duration_ms / 1000
    return {"refreshed": refreshed, "fresh": len(fresh), "forgotten": forgotten, "seconds": round(seconds, 1)}


def _filter_from(params: dict) -> StatsFilter | None:
    try:
        return StatsFilter(date_from=dt.date.fromisoformat(params["date_from"]),
                           date_to=dt.date.fromisoformat(params["date_to"]),
                           courts=tuple(int(c) for c in params["court"]),
                           judge=params.get("judge"), township=params.get("township"),
                           case_type=params.get("case_type"), channel=params.get("channel"))
    except (KeyError, TypeError, ValueError):
        return None
