"""Scheduled jobs through a real Celery worker on Redis (CI's PostgreSQL run sets TEST_REDIS_URL).

The worker is a separate process reading the committed rows of the test database, so these tests need
PostgreSQL and `transaction=True`.
"""
import datetime as dt

import pytest

from cases.choices import TodoKind
from cases.models import Todo
from cases.services.common import court_today

from tests.celery_workers import wait_for_runs

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

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
