"""What every Django admin page of a large table shares: a court admin sees their own court's rows only, and no
changelist counts a whole table.

- `CourtBoundedAdmin` (mixin, first among the bases): the changelist, the change form and every lookup go through
  `cases.selectors.restrict_to_user` — a court admin (staff, not superuser) gets their court's rows, a system admin
  everything — and the court filter is shown to system admins only. `court_path` names the path to the court
  when the model is not in `cases.selectors.COURT_PATHS`.
- `ScalePaginator`: the changelist's count without `COUNT(*)` over a million rows — the planner's row count
  (`pg_class.reltuples`, kept by autovacuum's ANALYZE) when nothing is filtered, the exact count when the filter
  keeps at most `EXACT_UP_TO` rows (`COUNT(*)` of a `LIMIT`ed subquery reads no more than that), else the
  planner's estimate for the filter. So a court's changelist shows its exact number, the whole province's an
  estimate (the pages shown follow it; a page past the real end sends the admin back to the first).
- `show_full_result_count = False`: no second count of the unfiltered table beside a filtered one.
- `sortable_by`: the columns an index serves the ordering of (each admin lists its own), so no click sorts a
  million rows on disk.
"""
import json

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

EXACT_UP_TO = 10_000


class ScalePaginator(Paginator):
    @cached_property
    def count(self):
        queryset = self.object_list
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return super().count
        if not queryset.query.where:
            table = queryset.model._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [table])
                row = cursor.fetchone()
            if row and row[0] > 0:  # -1 or 0: never analysed (a new table), count it
                return int(row[0])
        counted = queryset.order_by()[:EXACT_UP_TO + 1].count()
        if counted <= EXACT_UP_TO:
            return counted
        return max(counted, self._estimate(queryset.order_by()))

    @staticmethod
    def _estimate(queryset) -> int:
        sql, params = queryset.values("pk").query.sql_with_params()
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return int(plan[0]["Plan"]["Plan Rows"])


class CourtBoundedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose rows are the user's court's (system admins: all), counted by ScalePaginator."""

    court_path = None  # default: cases.selectors.COURT_PATHS[model]
    paginator = ScalePaginator
    show_full_result_count = False
    list_per_page = 50  # the page's rendering is most of its time: half of Django's 100 rows

    def get_queryset(self, request):
        from cases.selectors import restrict_to_user

        return restrict_to_user(super().get_queryset(request), request.user, court_path=self.court_path)

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        return [f for f in filters if not (isinstance(f, str) and f.split("__")[0] == "court")]
