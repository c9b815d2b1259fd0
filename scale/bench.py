"""Timing helpers shared by the scripts in bench/ (one copy): Django set-up against a benchmark database,
server time of a request through the test client, the same rows by one hand-written SQL query, Markdown tables.
"""
import cProfile
import secrets
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(default_url: str) -> None:
    """Point Django at the benchmark's database (created if missing) with production-like switches."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", default_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wanian_exec.settings.local")
    os.environ["DJANGO_DEBUG"] = "false"  # no query log kept, no debug pages: production-like timing
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    from .db import ensure_database

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()


def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def backend_cpu_seconds() -> float:
    """CPU time (user + system) of this connection's PostgreSQL backend so far (same machine; /proc)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


def measure(client, url, params=None, iterations=20, *, method="get", expect=200, warmups=2):
    """Server time of `iterations` requests after warm-ups (ms): p50, p95, max, queries of one request, the median
    time a request spends in SQL (execute, round trip included), and CPU per request (this process + its
    PostgreSQL backend; the figure that does not depend on the machine's load)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call = getattr(client, method)
    for _ in range(warmups):
        response = call(url, params or {})
        assert response.status_code == expect, (url, response.status_code, response.content[:500])
    timings, in_sql = [], []
    spent = [0.0]

    def timer(execute, sql, params_, many, context):
        started_sql = time.perf_counter()
        try:
            return execute(sql, params_, many, context)
        finally:
            spent[0] += time.perf_counter() - started_sql

    cpu_before, backend_before = time.process_time(), backend_cpu_seconds()
    with connection.execute_wrapper(timer):
        for _ in range(iterations):
            spent[0] = 0.0
            started = time.perf_counter()
            response = call(url, params or {})
            timings.append((time.perf_counter() - started) * 1000)
            in_sql.append(spent[0] * 1000)
            assert response.status_code == expect, (url, response.status_code)
    cpu = ((time.process_time() - cpu_before) + (backend_cpu_seconds() - backend_before)) * 1000 / iterations
    with CaptureQueriesContext(connection) as queries:
        call(url, params or {})
    captured = [q["sql"] for q in queries.captured_queries]  # before the next request resets the query log
    # Python function calls of one request: the work done, whatever the host's speed (CPU ms varied 1.5× between
    # runs an hour apart on one machine of this kind, and 2.4× between two machines)
    profile = cProfile.Profile()
    profile.enable()
    call(url, params or {})
    profile.disable()
    return {"p50": statistics.median(timings), "p95": percentile(timings, 0.95), "max": max(timings),
            "queries": len(captured), "cpu": cpu, "sql": statistics.median(in_sql),
            "calls": pstats.Stats(profile).total_calls, "captured": captured}


def time_sql(sql: str, params=None, iterations=20, warmups=2) -> dict:
    """The same rows by one hand-written query: p50/p95 of execute + fetchall through the same connection."""
    from django.db import connection

    timings, rows = [], 0
    with connection.cursor() as cursor:
        for n in range(warmups + iterations):
            started = time.perf_counter()
            cursor.execute(sql, params or [])
            rows = len(cursor.fetchall())
            if n >= warmups:
                timings.append((time.perf_counter() - started) * 1000)
    return {"p50": statistics.median(timings), "p95": percentile(timings, 0.95), "rows": rows}


def time_call(function, iterations=20, warmups=2) -> dict:
    """p50/p95 (ms) of a Python callable — e.g. the ORM reading the rows a raw query returns."""
    timings = []
    for n in range(warmups + iterations):
        started = time.perf_counter()
        function()
        if n >= warmups:
            timings.append((time.perf_counter() - started) * 1000)
    return {"p50": statistics.median(timings), "p95": percentile(timings, 0.95)}


def explain(sql: str, params=None) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params or [])
        return "\n".join(row[0] for row in cursor.fetchall())


def markdown_table(headers, rows) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def load_average() -> str:
    return "%.1f %.1f %.1f" % os.getloadavg()


# the leader dashboard's central figures for one court and period, by judge, in one query (the page shows ~150)
DASHBOARD = """
WITH f AS (SELECT case_id, sum(amount) AS received FROM cases_fundentry
           WHERE court_id = ANY(%(courts)s) AND direction = 'in' AND occurred_on BETWEEN %(a)s AND %(b)s
           GROUP BY case_id)
SELECT e.judge_id,
       count(*) FILTER (WHERE e.filed_on BETWEEN %(a)s AND %(b)s) AS new,
       count(*) FILTER (WHERE e.filed_on < %(a)s AND (e.closed_on IS NULL OR e.closed_on >= %(a)s)) AS carried,
       count(*) FILTER (WHERE e.closed_on BETWEEN %(a)s AND %(b)s) AS closed,
       count(*) FILTER (WHERE e.closed_on BETWEEN %(a)s AND %(b)s AND e.closure_method = 'terminated_current') AS zhongben,
       count(*) FILTER (WHERE e.closed_on BETWEEN %(a)s AND %(b)s AND e.closed_on <= e.deadline_on) AS in_time,
       sum(e.closed_on - e.filed_on) FILTER (WHERE e.closed_on BETWEEN %(a)s AND %(b)s AND e.case_type = '执') AS days,
       coalesce(sum(f.received), 0) AS received
FROM cases_enforcementcase e LEFT JOIN f ON f.case_id = e.id
WHERE e.court_id = ANY(%(courts)s) GROUP BY e.judge_id"""

# one case page's rows: the case, its judge, parties, timeline, funds, inquiries and assets, court-bounded
DETAIL = """
SELECT e.*, u.full_name,
       (SELECT json_agg(p) FROM cases_enforcementcase_applicants a JOIN cases_party p ON p.id = a.party_id
         WHERE a.enforcementcase_id = e.id),
       (SELECT json_agg(p) FROM cases_enforcementcase_respondents a JOIN cases_party p ON p.id = a.party_id
         WHERE a.enforcementcase_id = e.id),
       (SELECT json_agg(v ORDER BY v.occurred_on, v.created_at, v.id) FROM cases_caseevent v WHERE v.case_id = e.id),
       (SELECT json_agg(f ORDER BY f.occurred_on, f.id) FROM cases_fundentry f WHERE f.case_id = e.id),
       (SELECT json_agg(i) FROM cases_assetinquiry i WHERE i.case_id = e.id),
       (SELECT json_agg(a) FROM cases_asset a WHERE a.case_id = e.id)
FROM cases_enforcementcase e LEFT JOIN cases_user u ON u.id = e.judge_id WHERE e.id = %s AND e.court_id = %s"""


def gunicorn_environment(port: int, *, redis_url: str, **extra: str) -> dict:
    """The environment of a gunicorn serving the production settings on loopback for a benchmark: a random
    DJANGO_SECRET_KEY unless one is set, the SSL redirect off (TLS is the reverse proxy's job; the client sends the
    Secure cookies itself), warnings only in the log."""
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "wanian_exec.settings.production",
        "DJANGO_SECRET_KEY": env.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "REDIS_URL": redis_url,
        **extra,
    })
    return env
