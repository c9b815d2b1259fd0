"""The daily `mediation_reminders` job on a real Celery worker over Redis, run twice (PostgreSQL only).

Skipped unless the database is PostgreSQL and TEST_REDIS_URL names a Redis, as tests/test_celery_worker.py; the
worker is a separate process reading the committed rows of the test database (hence `transaction=True`).
"""
import datetime as dt
from decimal import Decimal

import pytest

from cases.choices import TodoKind
from cases.models import Todo
from cases.services.common import court_today
from cases.services.litigation import outcome_record
from tests.celery_workers import wait_for_runs

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

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
