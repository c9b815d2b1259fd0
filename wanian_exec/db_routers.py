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
"""
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

# None: reads go to default; "replica": this scope's reads may go to the replica; "pinned": the scope wrote
_scope: ContextVar[str | None] = ContextVar("replica_scope", default=None)

REPLICA_VIEW_MODULES = ("stats.",)
# who is logged in is always read from the primary: a session created a moment ago may not have reached the replica
PRIMARY_ONLY = {"sessions", "auth", "authtoken", "axes", "cases.User"}


def replica_alias() -> str | None:
    alias = getattr(settings, "READ_REPLICA", None)
    return alias if alias and alias in settings.DATABASES else None


@contextmanager
def replica_reads():
    """Reads in this block may be served by the replica (statistics, exports). Writes still go to the primary
    and pin the rest of the block to it."""
    token = _scope.set("replica")
    try:
        yield
    finally:
        _scope.reset(token)


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
        if not getattr(view, "__module__", "").startswith(REPLICA_VIEW_MODULES):
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)
