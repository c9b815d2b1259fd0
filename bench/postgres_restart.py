#!/usr/bin/env python
"""Fault drill: PostgreSQL really restarted while gunicorn serves clerks — on a private PostgreSQL.

    .venv/bin/python bench/postgres_restart.py          # as root (initdb/pg_ctl run as the postgres user)

The drill never touches the machine's PostgreSQL: it creates its own cluster (initdb) in a temporary directory, on
a free port, migrates an empty database there, and throws it all away at the end. gunicorn (the production
settings, 2 workers × 2 threads, persistent connections with CONN_HEALTH_CHECKS) serves the API from it; a client
asks for the case list every 100 ms; the cluster is restarted twice — `pg_ctl restart -m fast` (an orderly restart:
an upgrade, a failover) and `-m immediate` (a crash, with recovery on start). Printed: the answers before, during
and after each restart, the time to the first 200, and whether gunicorn's processes are the same throughout (no
manual restart). The automated twin, tests/faults/test_postgres_restart.py, cuts the app's connections instead.
"""
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PYTHON = ROOT / ".venv/bin/python" if (ROOT / ".venv/bin/python").exists() else Path(sys.executable)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(*args, **kwargs):
    return subprocess.run(["runuser", "-u", "postgres", "--", *map(str, args)], check=True, capture_output=True,
                          text=True, **kwargs)


def ask(url: str, token: str) -> int | str:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
        return type(exc).__name__


def gunicorn_pids(master: int) -> set[int]:
    children = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True, check=False).stdout
    return {master, *(int(pid) for pid in children.split())}


def main():
    workdir = Path(tempfile.mkdtemp(prefix="wanian-pg-drill-"))
    postgres = pwd.getpwnam("postgres")
    os.chown(workdir, postgres.pw_uid, postgres.pw_gid)
    data, pg_port, web_port = workdir / "data", free_port(), free_port()
    pg_ctl = [PG_BIN / "pg_ctl", "-D", data, "-l", workdir / "postgres.log", "-w"]
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
           "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pg_port}/wanian_drill",
           "DJANGO_SETTINGS_MODULE": "wanian_exec.settings.production", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SECURE_SSL_REDIRECT": "false", "DJANGO_CONN_MAX_AGE": "600",
           "DJANGO_CONN_HEALTH_CHECKS": "true", "DJANGO_LOG_LEVEL": "ERROR",
           # production requires a broker; the drill only reads, so nothing is ever sent to this database
           "REDIS_URL": os.environ.get("DRILL_REDIS_URL", "redis://127.0.0.1:6379/15")}
    server = None
    try:
        started = time.monotonic()
        as_postgres(PG_BIN / "initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync")
        as_postgres(*pg_ctl, "-o", f"-p {pg_port} -k {workdir} -c listen_addresses=127.0.0.1", "start")
        as_postgres(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", pg_port, "-U", "postgres", "wanian_drill")
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        token = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c",
             "from cases.models import User; from wanian_exec.tokens import token_issue; "
             "print(token_issue(User.objects.create_superuser('drill', password=None)).key)"],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        print(f"private PostgreSQL on port {pg_port} in {workdir}, migrated in {time.monotonic() - started:.0f} s")
        errors = open(workdir / "gunicorn.log", "w")  # the 500s' tracebacks while the database is down
        server = subprocess.Popen([PYTHON, "-m", "gunicorn", "wanian_exec.wsgi", "-w", "2", "--threads", "2",
                                   "-b", f"127.0.0.1:{web_port}", "--log-level", "warning"], cwd=ROOT, env=env,
                                  stdout=errors, stderr=errors)
        url = f"http://127.0.0.1:{web_port}/api/v1/enforcement-cases/?page_size=20"
        for _ in range(200):
            if ask(url, token) == 200:
                break
            time.sleep(0.3)
        pids_before = gunicorn_pids(server.pid)
        answers: list[tuple[float, object]] = []
        stop = threading.Event()

        def client():
            while not stop.is_set():
                answers.append((time.monotonic(), ask(url, token)))
                time.sleep(0.1)

        thread = threading.Thread(target=client)
        thread.start()
        restarts = []
        for mode in ("fast", "immediate"):
            time.sleep(3)
            down = time.monotonic()
            as_postgres(*pg_ctl, "-m", mode, "-o", f"-p {pg_port} -k {workdir} -c listen_addresses=127.0.0.1",
                        "restart")
            restarts.append((mode, down, time.monotonic()))
        time.sleep(10)
        stop.set()
        thread.join()
        pids_after = gunicorn_pids(server.pid)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        subprocess.run(["runuser", "-u", "postgres", "--", PG_BIN / "pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       capture_output=True, check=False)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {len(answers)} requests, one every 100 ms\n")
    print("| phase | requests | answers | first 200 after the restart returned |\n|---|---|---|---|")
    failed_after = []
    before = [a for t, a in answers if t < restarts[0][1]]
    print(f"| before | {len(before)} | {dict(Counter(before))} | |")
    for n, (mode, down, up) in enumerate(restarts):
        during = [a for t, a in answers if down <= t <= up]
        end = restarts[n + 1][1] if n + 1 < len(restarts) else float("inf")
        after = [a for t, a in answers if up < t < end]
        first_ok = next((t - up for t, a in answers if t > up and a == 200), None)
        print(f"| during `pg_ctl restart -m {mode}` ({up - down:.1f} s) | {len(during)} | {dict(Counter(during))} | |")
        print(f"| after it | {len(after)} | {dict(Counter(after))} | "
              f"{'%.2f s' % first_ok if first_ok is not None else 'none'} |")
        failed_after += [a for a in after if a != 200]
    print(f"\ngunicorn processes unchanged: {pids_before == pids_after} ({sorted(pids_before)})")
    ok = not failed_after and pids_before == pids_after
    print("PASS" if ok else f"FAIL: {Counter(failed_after)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
