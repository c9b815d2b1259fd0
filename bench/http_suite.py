#!/usr/bin/env python
"""Performance as users get it: real HTTP against gunicorn with the production settings, on the seed_scale data set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_1m .venv/bin/python bench/http_suite.py
    .venv/bin/python bench/http_suite.py --only admin --iterations 20       # scenarios whose name contains "admin"
    .venv/bin/python bench/http_suite.py --url http://127.0.0.1:8454        # a server already running

gunicorn (gthread, 3 workers × 4 threads, as bench/load/run.py) with `wanian_exec.settings.production`: a random
DJANGO_SECRET_KEY, REDIS_URL (db 14, purged afterwards), the SSL redirect off on this plain-HTTP loopback (the
client sends the Secure cookies itself, as a browser does to the TLS proxy) and a celery worker for the views a
worker computes (a higher court's dashboard). Each user logs in once through the real login form (the superuser
and a court admin for the admin pages are added to the database when missing: `bench_admin`, `c000_admin`).

Each scenario: `--iterations` HTTP requests after two warm-ups, each followed by ONE hand-written SQL query for
the same rows — the tenancy condition and the pager's count included — through this process's own connection,
so both columns come from the same minutes of the same machine. The load average is printed with every row.
"server CPU ms / request" sums the CPU of gunicorn's workers and of every client backend of the database: valid only
while nothing else uses that database (two suites at once on one database count each other's work). The
province's computed dashboard is timed "to figures": from `?refresh=1` through the waiting page (looked at
every 0.25 s here instead of the browser's 3 s) to the page with its figures.
"""
import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scale.bench import (DASHBOARD, DETAIL, gunicorn_environment, load_average,  # noqa: E402
                         markdown_table, percentile, setup_django)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_1m"
VENV = Path(sys.executable).parent
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PERIOD = {"date_from": "2024-01-01", "date_to": "2024-12-31"}
TARGETS = {"list": 50, "search": 50, "detail": 50, "dashboard": 150, "province": 2000, "export": 1000,
           "admin": 300, "pushes": 50, "floor": 50}

PAGE = """
WITH page AS (SELECT * FROM cases_enforcementcase e WHERE e.court_id = %s {where}
              ORDER BY e.filed_on DESC, e.id DESC LIMIT 20 OFFSET %s)
SELECT e.id, e.number, e.amount_claimed, e.amount_recovered, e.filed_on, e.deadline_on, e.closed_on, e.status,
       u.full_name,
       (SELECT string_agg(p.name, '、') FROM cases_enforcementcase_applicants a JOIN cases_party p ON p.id = a.party_id
         WHERE a.enforcementcase_id = e.id),
       (SELECT string_agg(p.name, '、') FROM cases_enforcementcase_respondents a JOIN cases_party p ON p.id = a.party_id
         WHERE a.enforcementcase_id = e.id),
       (SELECT count(*) FROM cases_enforcementcase e WHERE e.court_id = %s {where})
FROM page e LEFT JOIN cases_user u ON u.id = e.judge_id ORDER BY e.filed_on DESC, e.id DESC"""

BY_IDENTITY = """
WITH holders AS (SELECT id FROM cases_party WHERE court_id = %s AND upper(id_number) = %s AND id_number <> ''),
     hits AS (SELECT e.* FROM cases_enforcementcase e WHERE e.court_id = %s AND e.id IN (
                SELECT enforcementcase_id FROM cases_enforcementcase_respondents WHERE party_id IN (SELECT id FROM holders)
                UNION
                SELECT enforcementcase_id FROM cases_enforcementcase_applicants WHERE party_id IN (SELECT id FROM holders)))
SELECT h.id, h.number, h.filed_on, h.status, h.party_names, (SELECT count(*) FROM hits)
FROM hits h ORDER BY h.filed_on DESC, h.id DESC LIMIT 20"""

PARTIES = """
SELECT p.*, t.name, g.name, (SELECT count(*) FROM cases_party WHERE court_id = %s AND {where})
FROM cases_party p LEFT JOIN cases_township t ON t.id = p.township_id LEFT JOIN cases_grid g ON g.id = p.grid_id
WHERE p.court_id = %s AND {where} ORDER BY p.name, p.id LIMIT 20"""



LIBRARY = """
SELECT e.id, e.number, e.amount_claimed, e.amount_recovered, e.filed_on, e.closed_on, u.full_name,
       (SELECT string_agg(p.name, '、') FROM cases_enforcementcase_applicants a JOIN cases_party p ON p.id = a.party_id
         WHERE a.enforcementcase_id = e.id),
       (SELECT string_agg(p.name, '、') FROM cases_enforcementcase_respondents a JOIN cases_party p ON p.id = a.party_id
         WHERE a.enforcementcase_id = e.id),
       (SELECT max(i.requested_on) FROM cases_assetinquiry i WHERE i.case_id = e.id AND i.channel = 'online'
         AND i.requested_on >= e.closed_on),
       (SELECT count(*) FROM cases_caseevent v WHERE v.case_id = e.id AND v.kind = 'lead_received'
         AND v.occurred_on >= e.closed_on),
       (SELECT r.number FROM cases_enforcementcase r WHERE r.resumed_from_id = e.id LIMIT 1)
FROM cases_enforcementcase e LEFT JOIN cases_user u ON u.id = e.judge_id
WHERE e.court_id = %s AND e.closure_method = 'terminated_current' {where} ORDER BY e.closed_on DESC, e.id DESC"""

METRIC_EXPORT = """
SELECT e.id, e.number, c.name, e.case_type, e.amount_claimed, e.amount_recovered, e.filed_on, e.deadline_on,
       e.closed_on, e.closure_method, e.status, u.full_name,
       (SELECT string_agg(p.name, '、') FROM cases_enforcementcase_applicants a JOIN cases_party p ON p.id = a.party_id
         WHERE a.enforcementcase_id = e.id),
       (SELECT string_agg(p.name, '、') FROM cases_enforcementcase_respondents a JOIN cases_party p ON p.id = a.party_id
         WHERE a.enforcementcase_id = e.id)
FROM cases_enforcementcase e JOIN cases_court c ON c.id = e.court_id LEFT JOIN cases_user u ON u.id = e.judge_id
WHERE e.court_id = ANY(%s) AND e.filed_on BETWEEN %s AND %s ORDER BY e.filed_on DESC, e.id DESC"""

BATCHES = """
SELECT b.*, r.name, c.name, (SELECT count(*) FROM pushes_pushfeedback f WHERE f.batch_id = b.id),
       (SELECT count(*) FROM pushes_pushbatch WHERE court_id = %s)
FROM pushes_pushbatch b JOIN pushes_pushrecipient r ON r.id = b.recipient_id JOIN cases_court c ON c.id = b.court_id
WHERE b.court_id = %s ORDER BY b.week DESC, b.channel, r.name, b.id LIMIT 20"""

ADMIN_CASES = """
SELECT e.id, e.number, e.status, e.closure_method, e.filed_on, e.closed_on, u.username, u.full_name, c.code, c.name
FROM cases_enforcementcase e LEFT JOIN cases_user u ON u.id = e.judge_id JOIN cases_court c ON c.id = e.court_id
WHERE {where} ORDER BY {order} LIMIT 101 OFFSET %s"""

ADMIN_PARTIES = """
SELECT p.id, p.name, p.kind, c.code, c.name, t.name FROM cases_party p JOIN cases_court c ON c.id = p.court_id
LEFT JOIN cases_township t ON t.id = p.township_id WHERE {where} ORDER BY p.name, p.id LIMIT 101"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=20, help="timed requests per scenario")
    parser.add_argument("--only", help="scenarios whose name contains one of these texts (comma-separated)")
    parser.add_argument("--skip", help="scenarios whose name contains one of these texts (comma-separated)")
    parser.add_argument("--port", type=int, default=8454)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--url", help="a server already running (no gunicorn, no worker started)")
    parser.add_argument("--province-runs", type=int, default=3, help="times the province's dashboard is computed")
    return parser.parse_args()


def chosen(args, name) -> bool:
    only = [t for t in (args.only or "").split(",") if t]
    skip = [t for t in (args.skip or "").split(",") if t]
    return (not only or any(t in name for t in only)) and not any(t in name for t in skip)


def environment(port):
    return gunicorn_environment(port, redis_url=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
                                DJANGO_DEBUG="false")


def bench_users():
    """The users of the scenarios; the admin pages' two are added when missing (seed_scale makes none): a superuser
    and a court admin of 赣1129 with staff status, both with seed_scale's password (its hash copied)."""
    from django.contrib.auth.models import Group

    from cases.choices import Role
    from cases.models import User

    judge = User.objects.get(username="c000_judge01")
    superuser, _ = User.objects.get_or_create(username="bench_admin", defaults={
        "password": judge.password, "is_superuser": True, "is_staff": True, "full_name": "基准管理员"})
    court_admin, created = User.objects.get_or_create(username="c000_admin", defaults={
        "password": judge.password, "is_staff": True, "court_id": judge.court_id, "full_name": "万年法院管理员"})
    if created:
        court_admin.groups.add(Group.objects.get(name=Role.COURT_ADMIN))
    return {"judge": judge, "leader": User.objects.get(username="c000_leader"),
            "high_leader": User.objects.get(username="high_leader"), "admin": superuser, "court_admin": court_admin}


def picks(court_id):
    """Deterministic samples of the data set."""
    from django.db import connection

    with connection.cursor() as cursor:
        def one(sql, params):
            cursor.execute(sql, params)
            return cursor.fetchone()
        person = one("""SELECT p.name FROM cases_party p JOIN cases_enforcementcase_respondents r ON r.party_id = p.id
                        WHERE p.court_id = %s AND p.kind = 'person' AND char_length(p.name) = 3
                        ORDER BY p.id LIMIT 1 OFFSET 5000""", [court_id])[0]
        resident_id = one("""SELECT p.id_number FROM cases_party p
                             JOIN cases_enforcementcase_respondents r ON r.party_id = p.id
                             WHERE p.court_id = %s AND p.kind = 'person' AND p.id_number <> ''
                             ORDER BY p.id LIMIT 1 OFFSET 3000""", [court_id])[0]
        credit_code = one("""SELECT credit_code FROM cases_party WHERE court_id = %s AND credit_code <> ''
                             ORDER BY id LIMIT 1 OFFSET 1000""", [court_id])[0]
        closed_id, number = one("""SELECT id, number FROM cases_enforcementcase WHERE court_id = %s
                                   AND closure_method = 'terminated_current' ORDER BY id LIMIT 1 OFFSET 2000""",
                                [court_id])
        open_id = one("""SELECT id FROM cases_enforcementcase WHERE court_id = %s AND status = 'in_progress'
                         ORDER BY id LIMIT 1 OFFSET 500""", [court_id])[0]
        cursor.execute("SELECT id FROM cases_court ORDER BY code")
        courts = [row[0] for row in cursor.fetchall()]
        zhongben = one("""SELECT count(*) FROM cases_enforcementcase e WHERE court_id = %s
                           AND closure_method = 'terminated_current'""", [court_id])[0]
        batch_id = one("SELECT id FROM pushes_pushbatch WHERE court_id = %s ORDER BY item_count DESC LIMIT 1",
                       [court_id])
        # courts whose 2024 filings make ≤ 10,000 and ~100,000 rows
        cursor.execute("""SELECT court_id, count(*) FROM cases_enforcementcase WHERE filed_on BETWEEN '2024-01-01'
                          AND '2024-12-31' GROUP BY court_id ORDER BY court_id""")
        per_court = cursor.fetchall()
    return {"person": person, "resident_id": resident_id, "credit_code": credit_code, "closed_id": closed_id,
            "number": number, "open_id": open_id, "courts": courts, "zhongben": zhongben,
            "batch_id": batch_id[0] if batch_id else None, "per_court": per_court}


def courts_for_rows(per_court, rows):
    chosen, total = [], 0
    for court_id, n in per_court:
        if total + n > rows:
            break
        chosen.append(court_id)
        total += n
    return chosen, total


def scenarios(court_id, p):
    page = lambda where="": PAGE.format(where=where)  # noqa: E731
    like = "AND (UPPER(e.number::text) LIKE UPPER(%s) OR UPPER(e.party_names::text) LIKE UPPER(%s))"
    name_search = (page(like), [court_id, f"%{p['person']}%", f"%{p['person']}%", 0, court_id, f"%{p['person']}%",
                                f"%{p['person']}%"])
    id_parties = PARTIES.format(where="upper(id_number) = %s AND id_number <> ''")
    code_parties = PARTIES.format(where="upper(credit_code) = %s AND credit_code <> ''")
    one_court = {"courts": [court_id], "a": PERIOD["date_from"], "b": PERIOD["date_to"]}
    export_courts, export_rows = courts_for_rows(p["per_court"], 10_000)
    big_courts, big_rows = courts_for_rows(p["per_court"], 100_000)
    export_params = {**PERIOD, "court": export_courts, "format": "xlsx"}
    big_params = {**PERIOD, "court": big_courts, "format": "xlsx"}
    rows = [
        # name, kind (target), user, path, params, (sql, params)
        # the floor: what any logged-in page costs before it reads a case (session, user, court, to-do count, the
        # layout) — the part of every UI row below that no query can remove
        ("floor: a logged-in page reading no case rows (修改密码, UI)", "floor", "judge", "/password/", {},
         ("SELECT 1", [])),
        ("case list, page 1 (UI)", "list", "judge", "/cases/", {}, (page(), [court_id, 0, court_id])),
        ("case list, page 1 (API)", "list", "judge", "/api/v1/enforcement-cases/", {},
         (page(), [court_id, 0, court_id])),
        ("case list, 终本 closed in 2024, page 10 (UI)", "list", "judge", "/cases/",
         {"closure_method": "terminated_current", "closed_on_after": "2024-01-01", "page": 10},
         (page("AND e.closure_method = %s AND e.closed_on >= %s"),
          [court_id, "terminated_current", "2024-01-01", 180, court_id, "terminated_current", "2024-01-01"])),
        ("case list, status 执行中, page 3 (API)", "list", "judge", "/api/v1/enforcement-cases/",
         {"status": "in_progress", "page": 3},
         (page("AND e.status = %s"), [court_id, "in_progress", 40, court_id, "in_progress"])),
        (f"search cases by party name “{p['person']}” (UI)", "search", "judge", "/cases/", {"q": p["person"]},
         name_search),
        (f"search cases by party name “{p['person']}” (API)", "search", "judge", "/api/v1/enforcement-cases/",
         {"q": p["person"]}, name_search),
        ("search cases by whole case number (UI)", "search", "judge", "/cases/", {"q": p["number"]},
         (page("AND e.number = %s"), [court_id, p["number"], 0, court_id, p["number"]])),
        ("search cases by resident ID (UI)", "search", "judge", "/cases/", {"q": p["resident_id"]},
         (BY_IDENTITY, [court_id, p["resident_id"], court_id])),
        ("search parties by resident ID (UI)", "search", "judge", "/parties/", {"q": p["resident_id"]},
         (id_parties, [court_id, p["resident_id"], court_id, p["resident_id"]])),
        ("search parties by resident ID (API)", "search", "judge", "/api/v1/parties/", {"q": p["resident_id"]},
         (id_parties, [court_id, p["resident_id"], court_id, p["resident_id"]])),
        ("search parties by credit code (UI)", "search", "judge", "/parties/", {"q": p["credit_code"]},
         (code_parties, [court_id, p["credit_code"], court_id, p["credit_code"]])),
        ("party picker by resident ID", "search", "judge", "/parties/lookup/",
         {"party_q": p["resident_id"], "role": "respondents"},
         (id_parties, [court_id, p["resident_id"], court_id, p["resident_id"]])),
        ("case page, 终本 case (UI)", "detail", "judge", f"/cases/{p['closed_id']}/", {},
         (DETAIL, [p["closed_id"], court_id])),
        ("case page, open case (UI)", "detail", "judge", f"/cases/{p['open_id']}/", {},
         (DETAIL, [p["open_id"], court_id])),
        ("case, open case (API)", "detail", "judge", f"/api/v1/enforcement-cases/{p['open_id']}/", {},
         (DETAIL, [p["open_id"], court_id])),
        ("push batch list (UI)", "pushes", "leader", "/pushes/batches/", {}, (BATCHES, [court_id, court_id])),
        ("leader dashboard, one court, 2024 (kept figures)", "dashboard", "leader", "/stats/", PERIOD,
         (DASHBOARD, one_court)),
        ("leader dashboard, one court, 2024 (computed: refresh=1)", "dashboard", "leader", "/stats/",
         {**PERIOD, "refresh": "1"}, (DASHBOARD, one_court)),
        ("KPI API, one court, 2024 (computed: refresh=1)", "dashboard", "leader", "/api/v1/stats/kpis/",
         {**PERIOD, "refresh": "1"}, (DASHBOARD, one_court)),
        (f"export: 终本 library .xlsx, one court ({p['zhongben']:,} 终本 cases)", "export", "judge",
         "/clearance/", {"format": "xlsx"}, (LIBRARY.format(where=""), [court_id])),
        (f"export: cases filed in 2024, {len(export_courts)} courts ({export_rows:,} rows)", "export", "high_leader",
         "/stats/metrics/new_cases/cases/", export_params,
         (METRIC_EXPORT, [export_courts, PERIOD["date_from"], PERIOD["date_to"]])),
        (f"export: cases filed in 2024, {len(big_courts)} courts ({big_rows:,} rows; streamed)", "export-big",
         "high_leader", "/stats/metrics/new_cases/cases/", big_params,
         (METRIC_EXPORT, [big_courts, PERIOD["date_from"], PERIOD["date_to"]])),
        ("admin: enforcement cases, all courts (superuser)", "admin", "admin", "/admin/cases/enforcementcase/", {},
         (ADMIN_CASES.format(where="true", order="e.filed_on DESC, e.id DESC"), [0])),
        ("admin: enforcement cases, one court filter (superuser)", "admin", "admin", "/admin/cases/enforcementcase/",
         {"court__id__exact": court_id},
         (ADMIN_CASES.format(where="e.court_id = %s", order="e.filed_on DESC, e.id DESC"), [court_id, 0])),
        ("admin: enforcement cases, page 50 (superuser)", "admin", "admin", "/admin/cases/enforcementcase/",
         {"p": 49}, (ADMIN_CASES.format(where="true", order="e.filed_on DESC, e.id DESC"), [4900])),
        ("admin: enforcement cases sorted by number (superuser)", "admin", "admin", "/admin/cases/enforcementcase/",
         {"o": "1"}, (ADMIN_CASES.format(where="true", order="e.number, e.id DESC"), [0])),
        ("admin: enforcement cases, status filter (superuser)", "admin", "admin", "/admin/cases/enforcementcase/",
         {"status__exact": "in_progress"},
         (ADMIN_CASES.format(where="e.status = 'in_progress'", order="e.filed_on DESC, e.id DESC"), [0])),
        ("admin: enforcement cases (court admin)", "admin", "court_admin", "/admin/cases/enforcementcase/", {},
         (ADMIN_CASES.format(where="e.court_id = %s", order="e.filed_on DESC, e.id DESC"), [court_id, 0])),
        ("admin: parties (superuser)", "admin", "admin", "/admin/cases/party/", {},
         (ADMIN_PARTIES.format(where="true"), [])),
        ("admin: parties (court admin)", "admin", "court_admin", "/admin/cases/party/", {},
         (ADMIN_PARTIES.format(where="p.court_id = %s"), [court_id])),
    ]
    if p["batch_id"]:
        rows.append(("export: one push batch .xlsx", "export", "leader", f"/pushes/batches/{p['batch_id']}/export/",
                     {}, ("SELECT * FROM pushes_pushitem i JOIN pushes_pushbatch b ON b.week = i.week AND "
                          "b.recipient_id = i.recipient_id WHERE b.id = %s AND b.court_id = %s",
                          [p["batch_id"], court_id])))
    return rows


class Browser:
    """A logged-in user over HTTP (requests.Session); Secure cookies sent over the loopback as a browser sends them
    to the TLS proxy."""

    def __init__(self, base, username, password):
        import requests

        self.base, self.session = base, requests.Session()
        page = self.session.get(base + "/login/")
        self._unsecure()
        token = CSRF.search(page.text).group(1)
        answer = self.session.post(base + "/login/", {"username": username, "password": password,
                                                      "csrfmiddlewaretoken": token},
                                   headers={"Referer": base + "/login/"}, allow_redirects=False)
        if answer.status_code != 302:
            raise SystemExit(f"login refused for {username}: {answer.status_code}")
        self._unsecure()

    def _unsecure(self):
        for cookie in self.session.cookies:
            cookie.secure = False

    def get(self, path, params=None, *, stream=False):
        started = time.perf_counter()
        response = self.session.get(self.base + path, params=params, stream=stream, allow_redirects=False)
        size = 0
        for block in response.iter_content(64 * 1024):
            size += len(block)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{path} {params}: {response.status_code} {response.text[:300]}")
        return elapsed, response, size


def time_sql(cursor, sql, params):
    started = time.perf_counter()
    cursor.execute(sql, params)
    rows = cursor.fetchall()
    return (time.perf_counter() - started) * 1000, len(rows)


def _cpu_seconds(pid) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(cursor, gunicorn_pid) -> float:
    """CPU time (user + system) so far of gunicorn's workers and of the PostgreSQL backends serving this database
    (this process's own connection and pg_dump's excluded): the cost of the requests, whatever the machine's
    load (same host; /proc)."""
    pids = [int(p.parent.name) for p in Path("/proc").glob("[0-9]*/status")
            if _parent(p) == gunicorn_pid]
    cursor.execute("""SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                      AND backend_type = 'client backend' AND application_name NOT LIKE 'pg_dump%%'""")
    pids += [row[0] for row in cursor.fetchall()]
    return sum(_cpu_seconds(pid) for pid in pids)


def _parent(status_path) -> int | None:
    try:
        found = re.search(r"PPid:\t(\d+)", status_path.read_text())
    except OSError:
        return None
    return int(found.group(1)) if found else None


def workers_peak_rss(gunicorn_pid):
    """The highest VmHWM (peak RSS, MB) among gunicorn's worker processes."""
    peak = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"PPid:\t{gunicorn_pid}\n" in text:
            found = re.search(r"VmHWM:\s+(\d+) kB", text)
            peak = max(peak, int(found.group(1)) // 1024 if found else 0)
    return peak


def run_scenario(browser, cursor, path, params, sql, sql_params, iterations, gunicorn_pid=None):
    """HTTP requests interleaved with the hand-written query: each request followed by the query. Also the
    server's CPU per request (ms; gunicorn's workers and their PostgreSQL backends), when the suite started
    gunicorn."""
    for _ in range(2):
        browser.get(path, params)
        time_sql(cursor, sql, sql_params)
    http, raw, sizes, cpu = [], [], [], 0.0
    for _ in range(iterations):
        before = server_cpu_seconds(cursor, gunicorn_pid) if gunicorn_pid else 0.0
        elapsed, _response, size = browser.get(path, params, stream=True)
        if gunicorn_pid:
            cpu += server_cpu_seconds(cursor, gunicorn_pid) - before
        http.append(elapsed)
        sizes.append(size)
        raw.append(time_sql(cursor, sql, sql_params)[0])
    return http, raw, sizes, (cpu * 1000 / iterations if gunicorn_pid else None)


def province_to_figures(browser, courts, runs, refresh=True):
    """Seconds from `?refresh=1` (or, `refresh` False, the plain address: the courts' kept figures composed) to
    the page with the high court's figures (the waiting page looked at every 0.25 s)."""
    params = {**PERIOD, "court": courts, **({"refresh": "1"} if refresh else {})}
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        _elapsed, response, _size = browser.get("/stats/", params)
        looks = 0
        while 'id="computing"' in response.text or "http-equiv=\"refresh\"" in response.text:
            wait = re.search(r'content="\d+;\s*url=([^"]+)"', response.text)
            target = wait.group(1).replace("&amp;", "&") if wait else None
            time.sleep(0.25)
            looks += 1
            response = browser.session.get(browser.base + "/stats/" + (target or ""), allow_redirects=False)
            if looks > 600:
                raise RuntimeError("the province's figures did not come within 150 s")
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def start_servers(args, env):
    subprocess.run([str(VENV / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True)
    gunicorn = subprocess.Popen(
        [str(VENV / "gunicorn"), "wanian_exec.wsgi", "-w", str(args.workers), "--threads", str(args.threads),
         "-b", f"127.0.0.1:{args.port}", "--keep-alive", "75", "--access-logfile", "/dev/null",
         "--error-logfile", "/tmp/wanian_http_suite_gunicorn.log", "--timeout", "120"],
        cwd=ROOT, env=env, start_new_session=True)
    worker = subprocess.Popen(
        [str(VENV / "celery"), "-A", "wanian_exec", "worker", "-Q", "default", "-c", "1", "-l", "WARNING"],
        cwd=ROOT, env=env, start_new_session=True, stdout=open("/tmp/wanian_http_suite_worker.log", "w"),
        stderr=subprocess.STDOUT)
    return gunicorn, worker


def wait_for(url, seconds=60):
    import requests

    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            requests.get(url, timeout=2)
            return
        except Exception:  # noqa: BLE001 - not listening yet
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds}s")


def main():
    args = parse_args()
    setup_django(DEFAULT_URL)
    from django.db import connection

    from scale.generator import PASSWORD

    users = bench_users()
    court_id = users["judge"].court_id
    p = picks(court_id)
    env = environment(args.port)
    servers = None if args.url else start_servers(args, env)
    base = args.url or f"http://127.0.0.1:{args.port}"
    try:
        wait_for(base + "/login/")
        browsers = {role: Browser(base, user.username, PASSWORD) for role, user in users.items()}
        print(f"database {os.environ['DATABASE_URL'].rsplit('/', 1)[-1]}; gunicorn {args.workers} × {args.threads} "
              f"(production settings); load average {load_average()} on {os.cpu_count()} cores", flush=True)
        headers = ["scenario", "HTTP p50 ms", "HTTP p95 ms", "server CPU ms / request", "one SQL query p50 ms",
                   "ratio p50 / SQL", "bytes", "target", "met", "load average"]
        table = []
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")  # as the aggregation does; the hand-written queries are small
            for name, kind, role, path, params, (sql, sql_params) in scenarios(court_id, p):
                if not chosen(args, name):
                    continue
                iterations = args.iterations if not kind.startswith("export") else max(3, args.iterations // 4)
                rss_before = workers_peak_rss(servers[0].pid) if servers else 0
                http, raw, sizes, cpu = run_scenario(browsers[role], cursor, path, params, sql, sql_params, iterations,
                                                     servers[0].pid if servers else None)
                target = TARGETS.get(kind, 1000) if kind != "export-big" else None
                p50, p95, sql50 = statistics.median(http), percentile(http, 0.95), statistics.median(raw)
                extra = ""
                if kind == "export-big" and servers:
                    extra = f"; workers' peak RSS {rss_before} → {workers_peak_rss(servers[0].pid)} MB"
                table.append([name, f"{p50:.1f}", f"{p95:.1f}", f"{cpu:.0f}" if cpu is not None else "—",
                              f"{sql50:.1f}", f"{p50 / sql50:.1f}",
                              f"{statistics.median(sizes):,.0f}", f"p95 ≤ {target} ms" if target else "flat memory",
                              ("yes" if p95 <= target else "NO") if target else "see RSS" + extra,
                              load_average()])
                print(" | ".join(str(c) for c in table[-1]), flush=True)
            if chosen(args, "province dashboard"):
                cursor.execute(DASHBOARD, {"courts": p["courts"], "a": PERIOD["date_from"], "b": PERIOD["date_to"]})
                raw = time_sql(cursor, DASHBOARD, {"courts": p["courts"], "a": PERIOD["date_from"],
                                                   "b": PERIOD["date_to"]})[0]
                timings = province_to_figures(browsers["high_leader"], p["courts"], args.province_runs)
                p50, p95 = statistics.median(timings), percentile(timings, 0.95)
                table.append([f"province dashboard, high court over {len(p['courts'])} courts, to figures "
                              f"(computed: refresh=1, worker)", f"{p50:.0f}", f"{p95:.0f}", "—", f"{raw:.1f}",
                              f"{p50 / raw:.1f}", "—", "≤ 2000 ms", "yes" if p95 <= 2000 else "NO", load_average()])
                print(" | ".join(str(c) for c in table[-1]), flush=True)
                # the courts' figures are kept now (stats/composed.py): what a leader waits for in normal operation
                timings = province_to_figures(browsers["high_leader"], p["courts"], max(args.iterations, 3),
                                              refresh=False)
                p50, p95 = statistics.median(timings), percentile(timings, 0.95)
                table.append([f"province dashboard, high court over {len(p['courts'])} courts, to figures "
                              f"(the courts' kept figures composed)", f"{p50:.0f}", f"{p95:.0f}", "—", f"{raw:.1f}",
                              f"{p50 / raw:.1f}", "—", "≤ 2000 ms", "yes" if p95 <= 2000 else "NO", load_average()])
                print(" | ".join(str(c) for c in table[-1]), flush=True)
        print(f"\nload average after: {load_average()}\n")
        print(markdown_table(headers, table))
    finally:
        if servers:
            for process in servers:
                os.killpg(process.pid, signal.SIGTERM)
            for process in servers:
                process.wait(timeout=60)
            try:
                import redis

                redis.Redis.from_url(env["REDIS_URL"]).flushdb()
            except Exception as exc:  # noqa: BLE001 - nothing to purge when Redis is down
                print(f"redis not purged: {exc}")


if __name__ == "__main__":
    main()
