#!/usr/bin/env python
"""Could the ORM read the case page in one query? The experiment behind bench/README.md ("A fourth host").

The case page reads seven tables in seven queries (bench/suite.py, its ORM column). This script builds the one
query the ORM can write instead — the page's case with its parties, timeline, funds, inquiries and assets as JSON
subqueries (JSONObject, JSONBAgg) — and times building it, compiling it, reading it through the ORM, and the same
SQL string through a cursor; beside them, the seven queries of the page. PostgreSQL only (JSONBAgg).

    .venv/bin/python bench/case_page_one_query.py       # DATABASE_URL defaults to …/wanian_scale
"""
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scale.bench import setup_django  # noqa: E402


def per_call_us(function, n=300) -> float:
    function()
    started = time.perf_counter()
    for _ in range(n):
        function()
    return (time.perf_counter() - started) / n * 1e6


def main():
    setup_django("postgres://postgres@127.0.0.1:5432/wanian_scale")
    from django.contrib.postgres.aggregates import JSONBAgg
    from django.db import connection
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import JSONObject

    import suite
    from cases import selectors
    from cases.models import Asset, AssetInquiry, CaseEvent, EnforcementCase, FundEntry, Party, User

    judge = User.objects.get(username="c000_judge01")
    pk = suite.picks(judge.court_id)["open_id"]

    def rows_as_json(model, link, fields, ordering=()):
        rows = model.objects.filter(**{link: OuterRef("pk")}).order_by().values(link)
        return Subquery(rows.annotate(rows=JSONBAgg(JSONObject(**{f: f for f in fields}), ordering=ordering))
                        .values("rows"))

    party = [f"party__{f.attname}" for f in Party._meta.concrete_fields]
    event = ["id", "kind", "occurred_on", "urgent", "note", "amount", "created_at", "party_id", "party__name",
             "actor__full_name", "actor__username"]

    asset = [*(f.attname for f in Asset._meta.concrete_fields), "party__name"]

    def one_query():
        return selectors.enforcement_case_page_visible_to(judge).prefetch_related(None).annotate(
            applicant_rows=rows_as_json(EnforcementCase.applicants.through, "enforcementcase_id", party),
            respondent_rows=rows_as_json(EnforcementCase.respondents.through, "enforcementcase_id", party),
            timeline=rows_as_json(CaseEvent, "case_id", event, ("occurred_on", "created_at", "id")),
            fund_rows=rows_as_json(FundEntry, "case_id", ["direction", "occurred_on", "amount"], ("occurred_on", "id")),
            inquiry_rows=rows_as_json(AssetInquiry, "case_id", ["party_id", "scopes", "status", "requested_on"]),
            asset_rows=rows_as_json(Asset, "case_id", asset),
        ).filter(pk=pk)

    sql, params = one_query().query.get_compiler(connection.alias).as_sql()

    def by_cursor():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    seven = suite.orm_fetch("detail", judge, f"/cases/{pk}/", {}, None)
    print(f"case {pk} of 赣1129's judge; µs per call, 300 calls after one warm-up")
    print(f"  building the one query:              {per_call_us(one_query):8.0f}")
    compiled = lambda: one_query().query.get_compiler(connection.alias).as_sql()  # noqa: E731
    print(f"  building and compiling it:           {per_call_us(compiled):8.0f}")
    print(f"  reading it through the ORM:          {per_call_us(lambda: list(one_query())):8.0f}")
    print(f"  the same SQL string by a cursor:     {per_call_us(by_cursor):8.0f}")
    print(f"  the page's seven queries (the ORM):  {per_call_us(seven):8.0f}")


if __name__ == "__main__":
    main()
