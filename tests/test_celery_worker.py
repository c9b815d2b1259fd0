"""Scheduled jobs through a real Celery worker on Redis (CI's PostgreSQL run sets TEST_REDIS_URL).

The worker is a separate process reading the committed rows of the test database, so these tests need
PostgreSQL and `transaction=True`.
"""
import datetime as dt
import os
import subprocess
import sys
import time

import pytest
from django.db import connection

from cases.choices import TodoKind
from cases.models import JobRun, Todo
from cases.services.common import court_today

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


def _reset_connections(app):
    """Drop pooled broker connections so the next call connects to the broker now configured."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker_process():
    if connection.vendor != "postgresql" or not REDIS_URL:
        if os.environ.get("CI") == "true" and connection.vendor == "postgresql":
            pytest.fail("CI's PostgreSQL run must set TEST_REDIS_URL for the worker tests")
        pytest.skip("needs PostgreSQL and TEST_REDIS_URL")
    from wanian_exec.celery import app

    settings_dict = connection.settings_dict
    db_url = (f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
              f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}")
    env = {**os.environ, "DATABASE_URL": db_url, "REDIS_URL": REDIS_URL,
           "DJANGO_SETTINGS_MODULE": "wanian_exec.settings.test"}
    queue = f"test-{os.getpid()}-{time.time_ns()}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "wanian_exec", "worker", "-c", "1", "-Q", queue, "--without-heartbeat",
         "--without-gossip", "--without-mingle", "-l", "WARNING"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    old = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_URL
    app.conf.task_default_queue = queue
    _reset_connections(app)
    try:
        yield app, queue
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        app.conf.task_always_eager, app.conf.broker_url = old
        _reset_connections(app)


def wait_for_runs(name, count, timeout=60):
    """The worker records each run in the database; wait until `count` runs have finished."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = list(JobRun.objects.filter(name=name, finished_at__isnull=False).order_by("pk"))
        if len(runs) >= count:
            return runs[count - 1]
        time.sleep(0.2)
    raise AssertionError(f"{name}: fewer than {count} runs finished within {timeout}s")


def test_deadlines_job_runs_on_a_real_worker_and_twice_creates_nothing_new(celery_worker_process, make_case):
    # given a case whose time limit ends within the warning window
    app, queue = celery_worker_process
    from cases.tasks import run_job

    filed = court_today() - dt.timedelta(days=175)
    case = make_case(filed_on=filed)
    assert case.deadline_on - court_today() <= dt.timedelta(days=14)
    # when the job runs twice through the broker and a real worker
    run_job.apply_async(args=["deadlines"], queue=queue)
    first = wait_for_runs("deadlines", 1)
    run_job.apply_async(args=["deadlines"], queue=queue)
    second = wait_for_runs("deadlines", 2)
    # then the first run created the judge's to-dos and the second added nothing
    assert first.summary["deadline_near_created"] == 1
    assert second.summary["deadline_near_created"] == 0
    assert Todo.objects.filter(enforcement_case=case, kind=TodoKind.DEADLINE_NEAR).count() == 1
