#!/usr/bin/env python
"""Fault, by hand: PostgreSQL really restarted (`pg_ctlcluster … restart`) while gunicorn serves clerks.

    .venv/bin/python bench/postgres_restart.py          # as root on a machine where this script may restart PG

Not a test (it restarts the whole server: every other session on it is cut, so never beside a test suite; the
automated twin is tests/faults/test_postgres_restart.py, which terminates the app's connections instead).
gunicorn (the production settings, 2 workers × 2 threads, persistent connections with CONN_HEALTH_CHECKS) serves
the seed_scale database; a client asks for the judge's case list through the API every 100 ms; after 3 s the
PostgreSQL cluster is restarted; the client goes on 10 s after it is back. Printed: the answers before, during
and after the restart, and whether gunicorn's processes are the same ones throughout (no manual restart).
"""
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PORT = 8454
CLUSTER = os.environ.get("PG_CLUSTER", "15 main")  # pg_ctlcluster's version and name


def token_for(username: str) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wanian_exec.settings.local")
    import django

    django.setup()
    from rest_framework.authtoken.models import Token

    from cases.models import User

    return Token.objects.get_or_create(user=User.objects.get(username=username))[0].key


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
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wanian_scale")
    token = token_for("c000_judge01")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wanian_exec.settings.production",
           "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
           "DJANGO_SECURE_SSL_REDIRECT": "false", "DJANGO_CONN_MAX_AGE": "600", "DJANGO_CONN_HEALTH_CHECKS": "true",
           "DJANGO_LOG_LEVEL": "ERROR", "REDIS_URL": "redis://127.0.0.1:6379/15"}
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "wanian_exec.wsgi", "-w", "2", "--threads", "2",
                               "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"], cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{PORT}/api/v1/enforcement-cases/?page_size=20"
    try:
        for _ in range(100):
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
        time.sleep(3)
        down = time.monotonic()
        subprocess.run(["pg_ctlcluster", *CLUSTER.split(), "restart"], check=True)
        up = time.monotonic()
        time.sleep(10)
        stop.set()
        thread.join()
        pids_after = gunicorn_pids(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    phases = {"before": [a for t, a in answers if t < down], "during": [a for t, a in answers if down <= t <= up],
              "after": [a for t, a in answers if t > up]}
    first_ok = next((t - up for t, a in answers if t > up and a == 200), None)
    print(f"PostgreSQL restart took {up - down:.1f} s (pg_ctlcluster {CLUSTER} restart)\n")
    print("| phase | requests | answers |\n|---|---|---|")
    for phase, got in phases.items():
        print(f"| {phase} | {len(got)} | {dict(Counter(got))} |")
    print(f"\nfirst 200 after the restart: {first_ok:.2f} s after it returned" if first_ok is not None
          else "\nno 200 after the restart")
    print(f"gunicorn processes unchanged: {pids_before == pids_after} ({sorted(pids_before)})")
    failed_after = [a for a in phases["after"] if a != 200]
    print("PASS" if not failed_after and pids_before == pids_after else f"FAIL: {Counter(failed_after)}")
    return 0 if not failed_after else 1


if __name__ == "__main__":
    sys.exit(main())
