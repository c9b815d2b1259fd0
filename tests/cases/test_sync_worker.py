"""The daily `mediation_reminders` job on a real Celery worker over Redis, run twice (PostgreSQL only).

Skipped unless the database is PostgreSQL and TEST_REDIS_URL names a Redis, as tests/test_celery_worker.py; the
worker is a separate process reading the committed rows of the test database (hence `transaction=True`).
"""
import datetime as dt
import os
import subprocess
import sys
import time
from decimal import Decimal

import pytest
from django.db import connection

from cases.choices import TodoKind
from cases.models import Todo
from cases.services.common import court_today
from cases.services.litigation import outcome_record
from tests.test_celery_worker import wait_for_runs

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


def _fresh_broker_pools(app):
    """Forget every pooled broker connection — kombu keeps them in process-wide registries, where a pool closed
    by an earlier test would otherwise be handed out again ("Acquire on closed pool")."""
    from kombu import pools

    pools.reset()
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
    queue = f"test-sync-{os.getpid()}-{time.time_ns()}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "wanian_exec", "worker", "-c", "1", "-Q", queue, "--without-heartbeat",
         "--without-gossip", "--without-mingle", "-l", "WARNING"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    old = (app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue)
    app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue = False, REDIS_URL, queue
    _fresh_broker_pools(app)
    try:
        yield app, queue
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue = old
        _fresh_broker_pools(app)


def test_mediation_reminders_on_a_real_worker_twice_makes_one_to_do(celery_worker_process, make_litigation_case,
                                                                     trial_judge):
    # given 姚某's mediation with its one instalment due in seven days
    app, queue = celery_worker_process
    from cases.tasks import run_job

    case = make_litigation_case(filed_on=court_today() - dt.timedelta(days=60))
    outcome_record(case=case, actor=trial_judge, kind="mediation", effective_on=court_today(),
                   obligations=[{"due_on": court_today() + dt.timedelta(days=7), "amount": Decimal("126000.00")}])
    # when the beat task runs twice through the broker and a worker process
    run_job.apply_async(args=["mediation_reminders"], queue=queue)
    first = wait_for_runs("mediation_reminders", 1)
    run_job.apply_async(args=["mediation_reminders"], queue=queue)
    second = wait_for_runs("mediation_reminders", 2)
    # then the first run put one reminder on the trial judge's list and the second added none
    assert (first.status, second.status) == ("succeeded", "succeeded")
    assert first.summary["reminders_created"] == 1 and second.summary["reminders_created"] == 0
    todo = Todo.objects.get(kind=TodoKind.INSTALMENT_DUE)
    assert (todo.assignee_id, todo.litigation_case_id) == (trial_judge.pk, case.pk)
