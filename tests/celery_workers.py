"""Real Celery workers on Redis for the tests that need them (CI's PostgreSQL run sets TEST_REDIS_URL).

A worker is a separate process reading the committed rows of the test database, so these tests need PostgreSQL
and `transaction=True`. Each test gets a private queue, and every task the app sends goes to it.
"""
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from django.db import connection

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


def require_worker_environment() -> None:
    if connection.vendor != "postgresql" or not REDIS_URL:
        if os.environ.get("CI") == "true" and connection.vendor == "postgresql":
            pytest.fail("CI's PostgreSQL run must set TEST_REDIS_URL for the worker tests")
        pytest.skip("needs PostgreSQL and TEST_REDIS_URL")


def reset_broker_connections(app) -> None:
    """Forget every pooled broker connection — kombu keeps them in process-wide registries, where a pool closed
    by an earlier test would otherwise be handed out again ("Acquire on closed pool")."""
    from kombu import pools

    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    pools.reset()


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _forget_routes(app) -> None:
    """Celery caches the routing table, router and queues it first built; drop them after changing the config."""
    app.amqp._rtable = None
    for cached in ("router", "queues", "default_queue"):
        app.amqp.__dict__.pop(cached, None)


@contextmanager
def worker_pool():
    """Yield (start, queue): `start(**env)` launches a worker on the private queue, in its own process group so a
    test may SIGKILL it whole; the app sends every task to that queue while the block runs."""
    require_worker_environment()
    from wanian_exec.celery import app

    queue = f"test-{os.getpid()}-{time.time_ns()}"
    started: list[subprocess.Popen] = []

    def start(**extra_env) -> subprocess.Popen:
        env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": REDIS_URL,
               "DJANGO_SETTINGS_MODULE": "wanian_exec.settings.test", **extra_env}
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "wanian_exec", "worker", "-P", "solo", "-Q", queue,
             "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "WARNING"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        started.append(process)
        return process

    keys = ("task_always_eager", "broker_url", "task_default_queue", "task_routes")
    old = {key: app.conf[key] for key in keys}
    app.conf.update(task_always_eager=False, broker_url=REDIS_URL, task_default_queue=queue,
                    task_routes={"*": {"queue": queue}})
    _forget_routes(app)
    reset_broker_connections(app)
    try:
        yield start, queue
    finally:
        for process in started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=5)
        app.conf.update(old)
        _forget_routes(app)
        reset_broker_connections(app)


def wait_until(condition, timeout=90, what="condition"):
    """Poll `condition` until it returns something true; that value is returned."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"{what} not reached within {timeout}s")


def wait_for_runs(name, count, timeout=60):
    """The worker records each job run in the database; wait until `count` runs of `name` have finished."""
    from cases.models import JobRun

    def finished():
        runs = list(JobRun.objects.filter(name=name, finished_at__isnull=False).order_by("pk"))
        return runs[count - 1] if len(runs) >= count else None

    return wait_until(finished, timeout, f"{count} finished runs of {name}")
