"""What every Django admin page of a large table shares: no changelist counts a whole table (the court bound of a
court admin's rows is cases.admin_scale.CourtBoundedAdmin, which uses this).

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
