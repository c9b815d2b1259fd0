#!/usr/bin/env python
"""Load test: gunicorn with the production settings on the seed_scale database, locust's 50 clerks and judges
for 60 s on loopback; writes bench/load/report.md and prints it.

    .venv/bin/python bench/load/run.py                       # 3 workers × 4 threads, 50 users, 60 s
    .venv/bin/python bench/load/run.py --workers 5 --threads 2 --users 50 --seconds 60

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/wanian_scale (run `manage.py seed_scale` first).
The script sets what production needs (DJANGO_SETTINGS_MODULE=wanian_exec.settings.production, a random
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS); TLS is the reverse proxy's job, so on this plain-HTTP loopback the SSL
redirect is off (DJANGO_SECURE_SSL_REDIRECT=false) and the client sends the Secure cookies itself. Tasks the writes
enqueue go to Redis database 15 (REDIS_URL), where no worker takes them; they are purged afterwards, and the
events and receipts the load test wrote (note 负载测试) are removed again, amounts restored.
"""
import argparse
import csv
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
VENV = ROOT / ".venv" / "bin"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8453)
    parser.add_argument("--think", default="3,8", help="seconds between a user's requests: min,max")
    parser.add_argument("--report", default=str(HERE / "report.md"))
    parser.add_argument("--keep", action="store_true", help="keep the rows the load test wrote")
    return parser.parse_args()


def environment(port):
    from scale.bench import gunicorn_environment

    env = gunicorn_environment(port, redis_url=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/15"),
                               LOAD_POOL="/tmp/wanian_load_pool.json")  # users, case ids, names, numbers for locust
    env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wanian_scale")
    return env


def write_pool(env):
    """Users, open case ids, names and numbers of each court, for the locust users."""
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "wanian_exec.settings.local"
    import django

    django.setup()
    from django.db import connection

    from cases.services.common import court_today
    from scale.generator import PASSWORD

    pool = {"password": PASSWORD, "today": court_today().isoformat(), "users": {}, "user_court": {}, "courts": {}}
    with connection.cursor() as cursor:
        cursor.execute("""SELECT u.username, u.court_id, g.name FROM cases_user u
                          JOIN cases_user_groups ug ON ug.user_id = u.id JOIN auth_group g ON g.id = ug.group_id
                          WHERE u.username ~ '^c0[0-9][0-9]_(clerk|judge)' ORDER BY u.username""")
        for username, court_id, group in cursor.fetchall():
            role = "clerk" if group == "clerk" else "judge"
            pool["users"].setdefault(role, []).append(username)
            pool["user_court"][username] = str(court_id)
        judges = pool["users"]["judge"]
        pool["users"]["api"] = judges[len(judges) // 2:]
        pool["users"]["judge"] = judges[:len(judges) // 2]
        for court_id in sorted(set(pool["user_court"].values())):
            cursor.execute("""SELECT id FROM cases_enforcementcase WHERE court_id = %s AND status = 'in_progress'
                              ORDER BY id LIMIT 300""", [court_id])
            open_ids = [r[0] for r in cursor.fetchall()]
            cursor.execute("""SELECT DISTINCT p.name FROM cases_party p WHERE p.court_id = %s AND p.kind = 'person'
                              AND char_length(p.name) = 3 AND p.id %% 97 = 0 LIMIT 200""", [court_id])
            names = [r[0] for r in cursor.fetchall()]
            cursor.execute("""SELECT number FROM cases_enforcementcase WHERE court_id = %s AND id %% 89 = 0
                              LIMIT 100""", [court_id])
            numbers = [r[0] for r in cursor.fetchall()]
            pool["courts"][court_id] = {"open": open_ids, "names": names, "numbers": numbers}
    Path(env["LOAD_POOL"]).write_text(json.dumps(pool, ensure_ascii=False), encoding="utf-8")
    return pool


def clean_up(pool):
    """Remove what the load test wrote (events, receipts, their timeline lines) and restore the amounts."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("""CREATE TEMP TABLE load_funds ON COMMIT DROP AS
                          SELECT case_id, sum(amount) AS amount FROM cases_fundentry WHERE note = '负载测试'
                          GROUP BY case_id""")
        cursor.execute("""UPDATE cases_enforcementcase e SET amount_recovered = e.amount_recovered - f.amount
                          FROM load_funds f WHERE f.case_id = e.id""")
        cursor.execute("DELETE FROM cases_fundentry WHERE note = '负载测试'")
        cursor.execute("DELETE FROM cases_caseevent WHERE note = '负载测试' OR (kind = 'fund_in' AND "
                       "created_at > now() - interval '30 minutes' AND case_id IN (SELECT case_id FROM load_funds))")
        written = cursor.rowcount
    try:
        import redis

        redis.Redis.from_url(os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/15")).flushdb()
    except Exception as exc:  # noqa: BLE001 - Redis may be down (another engineer's fault tests): nothing to purge
        print(f"redis not purged: {exc}")
    return written


def wait_for(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:  # noqa: BLE001
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds}s")


def main():
    args = parse_args()
    env = environment(args.port)
    env["LOAD_THINK"] = args.think
    pool = write_pool(env)
    subprocess.run([str(VENV / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True)
    subprocess.run([str(VENV / "python"), "manage.py", "check", "--deploy", "--fail-level", "ERROR"], cwd=ROOT,
                   env=env, check=True, capture_output=True)
    gunicorn = subprocess.Popen(
        [str(VENV / "gunicorn"), "wanian_exec.wsgi", "-w", str(args.workers), "--threads", str(args.threads),
         "-b", f"127.0.0.1:{args.port}", "--keep-alive", "75", "--access-logfile", "/dev/null", "--error-logfile", "/tmp/wanian_load_gunicorn.log",
         "--timeout", "60"], cwd=ROOT, env=env, start_new_session=True)
    try:
        wait_for(f"http://127.0.0.1:{args.port}/login/")
        prefix = "/tmp/wanian_load"
        Path("/tmp/wanian_load_work.json").unlink(missing_ok=True)
        load_before = os.getloadavg()
        started = time.time()
        # users arrive one a second (each logs in once through the real form: ~0.5 s of PBKDF2 on a free core),
        # then the statistics are reset and the steady state is measured for --seconds
        ramp = args.users
        subprocess.run([str(VENV / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "-u", str(args.users),
                        "-r", "1", "-t", f"{args.seconds + ramp + 2}s", "--reset-stats",
                        "--host", f"http://127.0.0.1:{args.port}",
                        "--csv", prefix, "--only-summary", "--stop-timeout", "5"], cwd=ROOT, env=env)
        elapsed = time.time() - started
        load_after = os.getloadavg()
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
    failures = list(csv.DictReader(open(f"{prefix}_failures.csv", encoding="utf-8")))
    written = 0 if args.keep else clean_up(pool)
    report = render(args, rows, failures, elapsed, load_before, load_after)
    Path(args.report).write_text(report, encoding="utf-8")
    print(report)
    if not args.keep:
        print(f"(removed {written} timeline lines and the receipts the load test wrote)")


def render(args, rows, failures, elapsed, load_before, load_after) -> str:
    lines = [
        f"# Load test — {dt.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"gunicorn `-w {args.workers} --threads {args.threads}` with `wanian_exec.settings.production`, "
        f"{args.users} locust users (clerks 2 : judges 2 : API 1) on loopback, each waiting "
        f"{args.think.replace(',', '–')} s between requests; they arrive one a second and log in once (the login form, or a token for the API users), then the "
        f"statistics are reset and {args.seconds} s of steady state measured; database `{os.environ.get('DATABASE_URL', '').rsplit('/', 1)[-1]}` "
        f"(seed_scale, 1,000,000 cases). Load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
        f"(2 cores; locust runs on the same machine). Command: `.venv/bin/python bench/load/run.py "
        f"--workers {args.workers} --threads {args.threads} --users {args.users} --seconds {args.seconds} "
        f"--think {args.think}`.",
        "",
        "| request | count | failures | p50 ms | p95 ms | p99 ms | max ms | req/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
                     f"{row['95%']} | {row['99%']} | {float(row['Max Response Time']):.0f} | "
                     f"{float(row['Requests/s']):.1f} |")
    work = json.loads(Path("/tmp/wanian_load_work.json").read_text()) if Path("/tmp/wanian_load_work.json").exists() \
        else None
    total = next((r for r in rows if r["Name"] == "Aggregated"), None)
    if work:
        ok = work["failures"] == 0 and total and int(total["Failure Count"]) == 0 and work["p95"] <= 300
        lines += ["", f"Steady state (every request after the last user was spawned, the one-time logins excluded): "
                      f"{work['count']} requests, {work['failures']} failures, p50 {work['p50']} ms, "
                      f"**p95 {work['p95']} ms**, p99 {work['p99']} ms, max {work['max']} ms.",
                  "", f"**{'PASS' if ok else 'FAIL'}** (target: zero errors, p95 ≤ 300 ms)."]
    if failures:
        lines += ["", "Failures:", ""] + [f"- {f['Method']} {f['Name']}: {f['Error']} ×{f['Occurrences']}"
                                          for f in failures]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
