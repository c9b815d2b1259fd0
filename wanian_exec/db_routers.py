"""Read replicas: dashboards, statistics and exports read from the `replica` alias; everything else — every
write, and every read after a write in the same request or task — goes to the primary (`default`).

Configured by settings (wanian_exec/settings/base.py): DATABASE_REPLICA_URL set → DATABASES["replica"] and
READ_REPLICA = "replica"; unset → READ_REPLICA is None and this router sends everything to `default`.

Which reads may go to the replica is decided per request, not per model (the same EnforcementCase table serves
the clerk's list, which must show the case just filed, and the leader's yearly figures, which may lag a second):
`ReplicaReadsMiddleware` marks a safe request (GET/HEAD) to a view of a module in REPLICA_VIEW_MODULES (the stats
app: the leader and judge dashboards, the KPI API, the Excel exports and drill-down lists); code elsewhere (a
Celery export task) marks its reads with `with replica_reads():`. Inside a marked scope:
- reads go to the replica, unless the scope has written (read-after-write: the first db_for_write — a save, a
  select_for_update — pins the rest of the scope to the primary); sessions and users are always read from the
  primary (a login a moment ago may not have reached the replica);
- writes always go to the primary.

A real replica is a streaming standby, which may lag or fail. Entering a replica scope asks it (over a new
connection, bounded by DATABASE_REPLICA_CONNECT_TIMEOUT) how far it has replayed:
- caught up (nothing received is left to replay): its reads are current as of the moment asked;
- behind: its reads are as of its last replayed commit (`pg_last_xact_replay_timestamp()`) — a figure read there
  carries that time, never now (`data_as_of()`), and is not kept as a snapshot (stats.snapshots);
- behind by more than DATABASE_REPLICA_MAX_LAG_SECONDS, or not answering (stopped, frozen: the connect times
  out): the scope reads the primary instead, and says why (`replica_fallback()`: the page shows it). A replica
  that did not answer is not asked again for DATABASE_REPLICA_RETRY_AFTER seconds (a frozen standby would
  otherwise cost every request the connect timeout).
Views that promise live data (a drill-down list, a judge's own work list) are marked `@reads_primary`: the
middleware leaves them on the primary.
"""
import datetime as dt
import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

logger = logging.getLogger(__name__)

# None: reads go to default; "replica": this scope's reads may go to the replica; "pinned": the scope wrote
_scope: ContextVar[str | None] = ContextVar("replica_scope", default=None)

REPLICA_VIEW_MODULES = ("stats.",)
# who is logged in is always read from the primary: a session created a moment ago may not have reached the replica
PRIMARY_ONLY = {"sessions", "auth", "authtoken", "axes", "cases.User"}


FALLBACK_DOWN = "down"  # the replica did not answer: reads went to the primary
FALLBACK_LAG = "lag"  # the replica lagged past DATABASE_REPLICA_MAX_LAG_SECONDS: reads went to the primary


@dataclass(frozen=True)
class ReplicaState:
    """What the replica said when the scope began: `as_of` — its reads are current up to then; `behind` — it
    had received changes it had not yet replayed; `fallback` — why the scope reads the primary instead."""

    as_of: dt.datetime | None = None
    behind: bool = False
    fallback: str | None = None


_state: ContextVar[ReplicaState | None] = ContextVar("replica_state", default=None)
_down_until = 0.0  # monotonic time until which a replica that did not answer is not asked again

# on a standby: is everything received replayed, and when was the last replayed commit; on a primary (the tests'
# stand-in replica) both are NULL and it counts as caught up
STATUS_SQL = ("SELECT pg_is_in_recovery(), pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn(), "
              "pg_last_xact_replay_timestamp(), now()")


def replica_alias() -> str | None:
    alias = getattr(settings, "READ_REPLICA", None)
    return alias if alias and alias in settings.DATABASES else None


def replica_status(alias: str) -> ReplicaState:
    """Ask the replica how far it has replayed, over a connection of its own with a bounded connect (a frozen
    standby accepts the TCP connection and never answers); the fallback when it does not answer or lags."""
    global _down_until
    if time.monotonic() < _down_until:
        return ReplicaState(fallback=FALLBACK_DOWN)
    wrapper = connections[alias]
    params = {**wrapper.get_connection_params(), "connect_timeout": settings.DATABASE_REPLICA_CONNECT_TIMEOUT}
    try:
        raw = wrapper.get_new_connection(params)
        try:
            with raw.cursor() as cursor:
                cursor.execute(STATUS_SQL)
                in_recovery, caught_up, replayed_at, now = cursor.fetchone()
        finally:
            raw.close()
    except Exception as exc:  # noqa: BLE001 — whatever the driver raises (refused, timed out): unusable
        _down_until = time.monotonic() + settings.DATABASE_REPLICA_RETRY_AFTER
        logger.warning("read replica %s not answering, reading the primary: %s", alias, exc)
        _close_quietly(wrapper)  # the request's persistent connection to it is as dead
        return ReplicaState(fallback=FALLBACK_DOWN)
    if not in_recovery or caught_up:
        return ReplicaState(as_of=now)
    if replayed_at is None or (now - replayed_at).total_seconds() > settings.DATABASE_REPLICA_MAX_LAG_SECONDS:
        logger.warning("read replica %s lags since %s, reading the primary", alias, replayed_at)
        return ReplicaState(fallback=FALLBACK_LAG)
    return ReplicaState(as_of=replayed_at, behind=True)


def _close_quietly(wrapper) -> None:
    try:
        wrapper.close()
    except Exception:  # noqa: BLE001 — a connection to a replica that is gone: nothing to close cleanly
        wrapper.connection = None


@contextmanager
def replica_reads():
    """Reads in this block may be served by the replica (statistics, exports), if it answers and does not lag
    past the bound; else they go to the primary (`replica_fallback()` says why). Writes still go to the primary
    and pin the rest of the block to it."""
    alias = replica_alias()
    state = replica_status(alias) if alias else ReplicaState()
    token = _scope.set("replica" if alias and state.fallback is None else None)
    state_token = _state.set(state)
    try:
        yield
    finally:
        _scope.reset(token)
        _state.reset(state_token)


def data_as_of() -> tuple[dt.datetime, bool]:
    """(when the data this scope reads is current as of, whether it is behind the primary): the replica's
    replay time for a replica that is behind, else now."""
    state = _state.get()
    if _scope.get() == "replica" and state is not None and state.as_of is not None:
        return state.as_of, state.behind
    return timezone.now(), False


def replica_fallback() -> str | None:
    """Why this replica scope reads the primary (FALLBACK_DOWN, FALLBACK_LAG), or None."""
    state = _state.get()
    return state.fallback if state is not None else None


def reads_primary(view):
    """Mark a statistics view whose data is promised live (drill-down lists, a judge's own work): the
    middleware leaves its reads on the primary. Works on function views and on API view classes."""
    view.reads_primary = True
    return view


@contextmanager
def primary_reads():
    """Force the primary inside a replica scope (a read that must see a write made elsewhere a moment ago)."""
    token = _scope.set(None)
    try:
        yield
    finally:
        _scope.reset(token)


class ReplicaRouter:
    """Database router (settings.DATABASE_ROUTERS). Without a configured replica it always answers `default`."""

    def db_for_read(self, model, **hints):
        alias = replica_alias()
        if alias is None or _scope.get() != "replica":
            return DEFAULT_DB_ALIAS
        if model._meta.label in PRIMARY_ONLY or model._meta.app_label in PRIMARY_ONLY:
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model, **hints):
        if _scope.get() == "replica":
            _scope.set("pinned")  # read-after-write: the rest of this request/task reads the primary
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: same rows, same ids

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Migrations run on the primary and reach a real replica by streaming replication; the stand-in replica of
        # the tests (a second database) is migrated like any test database, except the beat schedules, which
        # live on the primary only (cases/signals.py seeds them where this allows).
        if db == "replica":
            return app_label != "django_celery_beat"
        return None


class ReplicaReadsMiddleware:
    """Marks safe requests to the statistics views as replica reads (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if replica_alias() is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        from django.urls import Resolver404, resolve

        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        view = getattr(match.func, "view_class", None) or getattr(match.func, "cls", None) or match.func
        if not getattr(view, "__module__", "").startswith(REPLICA_VIEW_MODULES) or \
                getattr(view, "reads_primary", False) or getattr(match.func, "reads_primary", False):
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)
