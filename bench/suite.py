#!/usr/bin/env python
"""Benchmark suite at province scale: the requests clerks and judges make, timed against the seed_scale data set.

Not a test: a script that prints the Markdown table of bench/README.md ("Province scale: the suite").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wanian_scale .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wanian_scale .venv/bin/python manage.py seed_scale --cases 1000000
    .venv/bin/python bench/suite.py                       # every scenario, 30 timed requests each
    .venv/bin/python bench/suite.py --only search --explain

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/wanian_scale. Every request goes through Django's
test client (middleware, session, permissions, every query, the template or serializer: the whole server side)
after two warm-ups, as the user who would make it (an enforcement judge of 赣1129, its leader). Beside each, the
same rows fetched by ONE hand-written SQL query through the same connection, and the ratio of the two medians.
The jobs (weekly push run of one court, the 终本 sweep when bench/clearance_sweep.py exists) are timed once.
"""
import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scale.bench import (DASHBOARD, DETAIL, explain, load_average, markdown_table, measure,  # noqa: E402
                         setup_django, time_call, time_sql)

PERIOD = {"date_from": "2024-01-01", "date_to": "2024-12-31"}
TARGETS = {"list": 50, "detail": 50, "search": 100, "dashboard": 300}

ROWS = """
SELECT e.id, e.number, e.amount_claimed, e.amount_recovered, e.filed_on, e.deadline_on, e.closed_on, e.status,
       e.is_livelihood, e.fast_track, u.full_name,
       (SELECT string_agg(p.name, '、') FROM cases_enforcementcase_applicants a JOIN cases_party p ON p.id = a.party_id
         WHERE a.enforcementcase_id = e.id),
       (SELECT string_agg(p.name, '、') FROM cases_enforcementcase_respondents a JOIN cases_party p ON p.id = a.party_id
         WHERE a.enforcementcase_id = e.id)
FROM (SELECT * FROM cases_enforcementcase e WHERE e.court_id = %s {where}
      ORDER BY e.filed_on DESC, e.id DESC LIMIT 20 OFFSET %s) e
LEFT JOIN cases_user u ON u.id = e.judge_id ORDER BY e.filed_on DESC, e.id DESC"""


# what the API shows of one case: its columns, judge, source and resumed numbers, the parties' ids and names
API_DETAIL = """
SELECT e.*, u.full_name, u.username, s.number, r.number,
       (SELECT json_agg(json_build_object('id', p.id, 'name', p.name)) FROM cases_enforcementcase_applicants a
          JOIN cases_party p ON p.id = a.party_id WHERE a.enforcementcase_id = e.id),
       (SELECT json_agg(json_build_object('id', p.id, 'name', p.name)) FROM cases_enforcementcase_respondents a
          JOIN cases_party p ON p.id = a.party_id WHERE a.enforcementcase_id = e.id)
FROM cases_enforcementcase e LEFT JOIN cases_user u ON u.id = e.judge_id
     LEFT JOIN cases_litigationcase s ON s.id = e.source_case_id
     LEFT JOIN cases_enforcementcase r ON r.id = e.resumed_from_id
WHERE e.id = %s AND e.court_id = %s"""



def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=30, help="timed requests per scenario")
    parser.add_argument("--only", help="scenarios whose name contains this text")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE of the slowest query of each")
    parser.add_argument("--no-jobs", action="store_true", help="skip the weekly push run and the 终本 sweep")
    return parser.parse_args()


def picks(court_id):
    """Deterministic samples from the data set: a 3-character person name, a company-name fragment, numbers."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""SELECT p.name FROM cases_party p JOIN cases_enforcementcase_respondents r ON r.party_id = p.id
                          WHERE p.court_id = %s AND p.kind = 'person' AND char_length(p.name) = 3
                          ORDER BY p.id LIMIT 1 OFFSET 5000""", [court_id])
        person = cursor.fetchone()[0]
        cursor.execute("""SELECT substr(name, 3, 4) FROM cases_party WHERE court_id = %s AND kind = 'organization'
                          AND name LIKE '%%有限公司' ORDER BY id LIMIT 1 OFFSET 3000""", [court_id])
        company = cursor.fetchone()[0]
        cursor.execute("""SELECT id, number, year, case_type, sequence FROM cases_enforcementcase
                          WHERE court_id = %s AND closure_method = 'terminated_current'
                          ORDER BY id LIMIT 1 OFFSET 2000""", [court_id])
        closed_id, number, year, case_type, sequence = cursor.fetchone()
        cursor.execute("""SELECT id FROM cases_enforcementcase WHERE court_id = %s AND status = 'in_progress'
                          ORDER BY id LIMIT 1 OFFSET 500""", [court_id])
        open_id = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM cases_enforcementcase WHERE court_id = %s", [court_id])
        last_page = (cursor.fetchone()[0] + 19) // 20
        cursor.execute("SELECT id FROM cases_court ORDER BY code")
        courts = [row[0] for row in cursor.fetchall()]
    return {"last_page": last_page, "person": person, "company": company, "closed_id": closed_id, "open_id": open_id, "number": number,
            "number_part": f"{case_type}{sequence}号", "courts": courts}


def scenarios(court_id, p):
    like = "AND (UPPER(e.number::text) LIKE UPPER(%s) OR UPPER(e.party_names::text) LIKE UPPER(%s))"
    rows = lambda where="": ROWS.format(where=where)  # noqa: E731
    search = lambda text: (rows(like), [court_id, f"%{text}%", f"%{text}%", 0])  # noqa: E731
    one_court = (DASHBOARD, {"courts": [court_id], "a": PERIOD["date_from"], "b": PERIOD["date_to"]})
    province = (DASHBOARD, {"courts": p["courts"], "a": PERIOD["date_from"], "b": PERIOD["date_to"]})
    return [
        # name, kind (target), user, url, params, (raw sql, params)
        ("case list, all cases, page 1 (UI)", "list", "judge", "/cases/", {}, (rows(), [court_id, 0])),
        ("case list, all cases, page 1 (API)", "list", "judge", "/api/v1/enforcement-cases/", {},
         (rows(), [court_id, 0])),
        ("case list, status 执行中, page 1 (UI)", "list", "judge", "/cases/", {"status": "in_progress"},
         (rows("AND e.status = %s"), [court_id, "in_progress", 0])),
        ("case list, 终本 closed in 2024, page 10 (UI)", "list", "judge", "/cases/",
         {"closure_method": "terminated_current", "closed_on_after": "2024-01-01", "page": 10},
         (rows("AND e.closure_method = %s AND e.closed_on >= %s"), [court_id, "terminated_current", "2024-01-01", 180])),
        ("case list, status 执行中, page 3 (API)", "list", "judge", "/api/v1/enforcement-cases/",
         {"status": "in_progress", "page": 3}, (rows("AND e.status = %s"), [court_id, "in_progress", 40])),
        (f"case list, all cases, last page ({p['last_page']}) (UI)", "list", "judge", "/cases/",
         {"page": p["last_page"]}, (rows(), [court_id, (p["last_page"] - 1) * 20])),
        (f"search by party name “{p['person']}” (UI)", "search", "judge", "/cases/", {"q": p["person"]},
         search(p["person"])),
        (f"search by party name “{p['person']}” (API)", "search", "judge", "/api/v1/enforcement-cases/",
         {"q": p["person"]}, search(p["person"])),
        (f"search by company-name fragment “{p['company']}” (UI)", "search", "judge", "/cases/",
         {"q": p["company"]}, search(p["company"])),
        ("search by whole case number (UI)", "search", "judge", "/cases/", {"q": p["number"]},
         (rows("AND e.number = %s"), [court_id, p["number"], 0])),
        (f"search by part of a number “{p['number_part']}” (API)", "search", "judge", "/api/v1/enforcement-cases/",
         {"q": p["number_part"]}, search(p["number_part"])),
        ("case detail, 终本 case (UI)", "detail", "judge", f"/cases/{p['closed_id']}/", {},
         (DETAIL, [p["closed_id"], court_id])),
        ("case detail, open case (UI)", "detail", "judge", f"/cases/{p['open_id']}/", {},
         (DETAIL, [p["open_id"], court_id])),
        ("case detail, open case (API)", "detail", "judge", f"/api/v1/enforcement-cases/{p['open_id']}/", {},
         (API_DETAIL, [p["open_id"], court_id])),
        # the dashboards read the figures kept for the filter (stats/snapshots.py); `refresh=1` computes them
        ("leader dashboard, one court, 2024 (kept figures)", "dashboard", "leader", "/stats/", PERIOD, one_court),
        ("leader dashboard, one court, 2024 (computed: refresh=1)", "dashboard", "leader", "/stats/",
         {**PERIOD, "refresh": "1"}, one_court),
        ("KPI API, one court, 2024 (kept figures)", "dashboard", "leader", "/api/v1/stats/kpis/", PERIOD, one_court),
        ("KPI API, one court, 2024 (computed: refresh=1)", "dashboard", "leader", "/api/v1/stats/kpis/",
         {**PERIOD, "refresh": "1"}, one_court),
        (f"leader dashboard, high court, all {len(p['courts'])} courts, 2024 (kept figures)", "dashboard",
         "high_leader", "/stats/", {**PERIOD, "court": p["courts"]}, province),
        (f"leader dashboard, high court, all {len(p['courts'])} courts, 2024 (computed: refresh=1)", "dashboard",
         "high_leader", "/stats/", {**PERIOD, "court": p["courts"], "refresh": "1"}, province, 5),
    ]


def orm_fetch(kind, user, url, params, p):
    """The same rows as the hand-written query, read through the ORM the way the request reads them (the list
    selector with its filterset; the case page's case, parties, timeline rows, assets, funds and inquiries; the
    API's case row; the dashboard's central figures by judge through stats.metrics) — no session, permission,
    template or JSON."""
    from django.test import RequestFactory

    from cases import selectors
    from cases.filtersets import EnforcementCaseFilter
    from cases.models import Asset
    from wanian_exec.queries import DeferredJoinPaginator

    if kind in ("list", "search"):
        request = RequestFactory().get(url, params)
        request.user = user
        page = int(params.get("page", 1))

        browser = not url.startswith("/api/")  # each reads what it shows (its own selector)
        rows = (selectors.enforcement_case_rows_visible_to if browser
                else selectors.enforcement_case_api_rows_visible_to)

        def fetch():
            qs = EnforcementCaseFilter(request.GET, request=request, queryset=rows(user)).qs
            if browser:  # deep pages through the list's own paginator (its ids first), as the page reads them
                return selectors.with_party_names(DeferredJoinPaginator(qs, 20).rows((page - 1) * 20, page * 20))
            cases = list(qs[(page - 1) * 20:page * 20])
            for case in cases:  # the parties as the serializer reads them from the rows
                selectors.case_parties_read(case, "applicants"), selectors.case_parties_read(case, "respondents")
            return cases
        return fetch
    if kind == "detail" and url.startswith("/api/"):
        pk = int(url.rstrip("/").rsplit("/", 1)[1])

        def fetch():
            case = selectors.enforcement_case_api_rows_visible_to(user).get(pk=pk)
            return case, selectors.case_parties_read(case, "applicants"), selectors.case_parties_read(case, "respondents")
        return fetch
    if kind == "detail":  # what the case page reads (cases.views.enforcement._detail_context)
        pk = int(url.rstrip("/").rsplit("/", 1)[1])

        def fetch():
            case = selectors.enforcement_case_page_visible_to(user).get(pk=pk)
            return (case, list(case.applicants.all()), list(case.respondents.all()),
                    list(case.resumptions.all()) if case.closure_method == "terminated_current" else [],
                    list(selectors.case_timeline_rows(case)),
                    list(Asset.objects.filter(case=case).select_related("party")),
                    list(case.funds.order_by("occurred_on", "pk").values_list("direction", "occurred_on", "amount")),
                    [] if case.is_closed else list(case.inquiries.filter(status="completed").values_list(
                        "party_id", "scopes")))
        return fetch
    if kind == "dashboard":
        import datetime as dt

        from stats import metrics
        from stats.filters import StatsFilter

        courts = tuple(params["court"]) if "court" in params else (user.court_id,)
        f = StatsFilter(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31), courts=courts)
        names = ["new_cases", "carried_over", "concluded", "terminated_current_closed", "within_limit_rate",
                 "first_enforcement_avg_days", "amount_recovered"]
        return lambda: metrics.compute(f, names, group_by="judge")
    raise ValueError(kind)


def slowest(captured_sql, client, url, params):
    """The slowest query of one request, with its EXPLAIN ANALYZE."""
    from django.db import connection

    durations = []

    def timer(execute, sql, params_, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params_, many, context)
        finally:
            durations.append(((time.perf_counter() - started) * 1000, sql, params_))

    with connection.execute_wrapper(timer):
        client.get(url, params)
    ms, sql, params_ = max(durations, key=lambda d: d[0])
    print(f"\n  slowest query ({ms:.1f} ms of {sum(d[0] for d in durations):.1f} ms in {len(durations)} queries):")
    print("  " + sql[:400])
    if sql.lstrip().upper().startswith("SELECT"):
        print("\n".join("    " + line for line in explain(sql, params_).splitlines()[:25]))


def job_row(name, seconds, target, met) -> list:
    """A job's line in the table: its wall time; the per-request columns do not apply."""
    return [name, "—" if seconds is None else f"{seconds * 1000:,.0f}", *["—"] * 9, target, met]


def run_snapshot_job(p, rows_out):
    """The `dashboard_snapshots` job's work when every court's 2024 view and the whole province's were read in
    the last day: one computation each (then a rerun, which finds them fresh)."""
    import datetime as dt

    from django.utils import timezone

    from stats import snapshots
    from stats.filters import StatsFilter
    from stats.models import DashboardSnapshot

    period = {"date_from": dt.date(2024, 1, 1), "date_to": dt.date(2024, 12, 31)}
    DashboardSnapshot.objects.all().delete()
    for f in [StatsFilter(courts=(c,), **period) for c in p["courts"]] + [StatsFilter(courts=tuple(p["courts"]),
                                                                                      **period)]:
        DashboardSnapshot.objects.create(key=snapshots.snapshot_key(f), params=f.params(), payload={},
                                         computed_at=timezone.now() - dt.timedelta(hours=1), duration_ms=0,
                                         read_at=timezone.now())
    for label in ("dashboard snapshots job: %d views read in the last day (every court's 2024 + the province)",
                  "dashboard snapshots job, rerun (all fresh)"):
        started = time.perf_counter()
        summary = snapshots.refresh_snapshots()
        elapsed = time.perf_counter() - started
        print(summary)
        rows_out.append(job_row(label.replace("%d", str(len(p["courts"]) + 1)), elapsed, "every 5 minutes",
                                "yes" if elapsed < 240 else "NO"))


def run_jobs(court_id, rows_out):
    from django.db import connection

    from pushes.services import weekly_pushes_job

    week = "2024-W51"
    with connection.cursor() as cursor:
        for table in ["pushes_pushitem", "pushes_pushbatch", "pushes_pushrun"]:
            cursor.execute(f"DELETE FROM {table} WHERE week = %s", [week])
        cursor.execute("SELECT count(*) FROM cases_enforcementcase WHERE court_id = %s AND (status <> 'closed' OR "
                       "closure_method = 'terminated_current')", [court_id])
        pool = cursor.fetchone()[0]
    started = time.perf_counter()
    summary = weekly_pushes_job(court_id=court_id, week=week)
    elapsed = time.perf_counter() - started
    rows_out.append(job_row(f"weekly push run, one court ({pool:,} open + 终本 cases → {summary['items']:,} items)",
                            elapsed, "60 s for 1 M (bench/pushes_weekly_run.py)", "yes" if elapsed < 60 else "NO"))
    with connection.cursor() as cursor:  # leave the data set as generated
        for table in ["pushes_pushitem", "pushes_pushbatch", "pushes_pushrun"]:
            cursor.execute(f"DELETE FROM {table} WHERE week = %s", [week])
    sweep = ROOT / "bench" / "clearance_sweep.py"
    if sweep.exists():
        # the clearance app's own benchmark, on its own database (it generates its 终本 stock and provider fixture)
        env = {**os.environ, "DATABASE_URL": os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/wanian_scale_clearance"}
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(sweep)], env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        print("bench/clearance_sweep.py:\n" + done.stdout[-4000:] + done.stderr[-2000:])
        rows_out.append(job_row("终本 sweep (bench/clearance_sweep.py, its own 500,000 终本 cases; generation included)",
                                elapsed, "its own figures above the table", "yes" if done.returncode == 0 else "NO"))
    else:
        rows_out.append(job_row("终本 sweep", None, "bench/clearance_sweep.py not present yet", "—"))


def main():
    args = parse_args()
    setup_django("postgres://postgres@127.0.0.1:5432/wanian_scale")
    from django.db import connection
    from django.test import Client

    from cases.models import EnforcementCase, User

    users = {"judge": User.objects.get(username="c000_judge01"), "leader": User.objects.get(username="c000_leader"),
             "high_leader": User.objects.get(username="high_leader")}
    court_id = users["judge"].court_id
    total = EnforcementCase.objects.count()
    mine = EnforcementCase.objects.filter(court_id=court_id).count()
    p = picks(court_id)
    print(f"{total:,} enforcement cases; the user's court (赣1129) holds {mine:,}. load average {load_average()} "
          f"on {os.cpu_count()} cores; PostgreSQL {connection.pg_version // 10000}")
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)

    headers = ["scenario", "p50 ms", "p95 ms", "queries", "in SQL ms", "CPU ms", "Python calls",
               "one SQL query p50 ms", "ORM, same rows p50 ms", "ratio ORM / one query", "ratio p50 / one query",
               "target p95", "met"]
    table = []
    for name, kind, role, url, params, (sql, sql_params), *cap in scenarios(court_id, p):
        if args.only and args.only not in name:
            continue
        iterations = min([args.iterations, *cap])  # a scenario of seconds a request is timed fewer times
        result = measure(clients[role], url, params, iterations)
        raw = time_sql(sql, sql_params, iterations)
        orm = time_call(orm_fetch(kind, users[role], url, params, p), iterations) if "computed" in name \
            or kind != "dashboard" else None  # a kept dashboard reads no rows: nothing to compare
        target = TARGETS[kind]
        ratio = result["p50"] / raw["p50"] if raw["p50"] else float("inf")
        orm_ratio = f"{orm['p50'] / raw['p50']:.1f}" if orm and raw["p50"] else "—"
        met = "yes" if result["p95"] <= target else "NO"
        table.append([name, f"{result['p50']:.1f}", f"{result['p95']:.1f}", result["queries"], f"{result['sql']:.1f}",
                      f"{result['cpu']:.1f}", f"{result['calls']:,}", f"{raw['p50']:.1f}",
                      f"{orm['p50']:.1f}" if orm else "—", orm_ratio,
                      f"{ratio:.1f}", f"≤ {target} ms", met])
        print(" | ".join(str(c) for c in table[-1]), flush=True)
        if args.explain:
            slowest(result["captured"], clients[role], url, params)
    if not args.no_jobs and not args.only:
        run_jobs(court_id, table)
        run_snapshot_job(p, table)
    print(f"\nload average after: {load_average()}\n")
    print(markdown_table(headers, table))


if __name__ == "__main__":
    main()
