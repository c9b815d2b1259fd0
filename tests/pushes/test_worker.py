"""Crash and resume with a real Celery worker on Redis: a worker killed (SIGKILL) in the middle of the weekly
run, a new worker, the job run again — every item exactly once.

The worker is a separate process reading the committed rows of the test database, so this needs PostgreSQL,
TEST_REDIS_URL and `transaction=True` (as tests/test_celery_worker.py). Skipped elsewhere, except under CI=true
on PostgreSQL, where a missing TEST_REDIS_URL fails.
"""
import os
import signal

import pytest
from django.db.models import Count

from cases.models import JobRun
from pushes import rules, services
from pushes.choices import RunStatus
from pushes.models import PushBatch, PushItem, PushRun
from tests.celery_workers import wait_until

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

CASES = 40
CHUNK = 5  # case ids per step: 8 steps …
PAUSE = 1.0  # … of at least a second each, so the kill lands in the middle


def test_a_worker_killed_mid_run_is_resumed_and_every_item_is_written_once(celery_workers, court, recipients, person,
                                                                          file_case):
    from cases.tasks import run_job

    start, queue = celery_workers
    # given 40 open cases whose respondents go to several channels, and what the week should push
    for n in range(CASES):
        file_case(person(is_party_member=n % 3 == 0, is_npc_deputy=n % 7 == 0), amount=f"{20000 + 1000 * n}.00")
    week = rules.current_week()
    expected = services.push_week_preview(court=court, week=week)["items"]
    assert expected > CASES
    # when a worker starts the weekly job and is killed with SIGKILL in the middle of it
    first = start(PUSHES_RUN_CHUNK_CASES=str(CHUNK), PUSHES_RUN_STEP_PAUSE=str(PAUSE))
    run_job.apply_async(args=["weekly_pushes"], kwargs={"court_id": court.pk}, queue=queue)
    wait_until(lambda: PushRun.objects.filter(court=court, week=week, steps_done__gte=3).exists(), what="3 steps")
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    # then the run is left unfinished with part of its items
    run = PushRun.objects.get(court=court, week=week)
    written = PushItem.objects.filter(run=run).count()
    assert run.status == RunStatus.RUNNING and 0 < written < expected
    # when a new worker runs the job again
    start(PUSHES_RUN_CHUNK_CASES=str(CHUNK))
    run_job.apply_async(args=["weekly_pushes"], kwargs={"court_id": court.pk}, queue=queue)
    wait_until(lambda: JobRun.objects.filter(name="weekly_pushes", status=JobRun.Status.SUCCEEDED).exists(),
               what="a finished job run")
    # then the run is complete and every item is there exactly once
    run.refresh_from_db()
    assert run.status == RunStatus.COMPLETED and run.attempts >= 2
    items = PushItem.objects.filter(run=run)
    assert items.count() == expected == run.item_count
    duplicates = (items.values("week", "recipient", "case", "party").annotate(n=Count("pk")).filter(n__gt=1))
    assert not duplicates.exists()
    assert sum(PushBatch.objects.filter(run=run).values_list("item_count", flat=True)) == expected
    # and running it once more, in the test process, adds nothing
    assert services.push_week_run(court=court, week=week).item_count == expected
    assert PushItem.objects.count() == expected
