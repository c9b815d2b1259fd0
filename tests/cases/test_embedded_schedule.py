"""On the embedded default (no REDIS_URL) the job schedule runs inside the server process: `manage.py serve`
starts Celery beat as a thread with django-celery-beat's database scheduler, and a due job runs and is recorded."""
import time

import pytest
from django.core.management import get_commands

from cases.models import JobRun
from cases.schedule import runs_in_process, schedule_lines, start_embedded_beat


def test_the_test_and_local_settings_have_no_broker_so_the_schedule_runs_in_process(settings):
    assert runs_in_process()
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker and workers: beat is a process of its own
    assert not runs_in_process() and start_embedded_beat() is None


def test_serve_is_the_development_server_with_the_schedule():
    from cases.management.commands.serve import Command, RunserverCommand

    assert get_commands()["serve"] == "cases"
    assert issubclass(Command, RunserverCommand) and RunserverCommand.__module__.startswith("whitenoise")


@pytest.mark.django_db
def test_the_schedule_printed_at_start_lists_the_jobs_created_on_migrate():
    lines = schedule_lines()
    assert any(line.startswith("执行期限与节点提醒: 30 6 * * *") for line in lines), lines


@pytest.mark.django_db(transaction=True)
def test_a_due_job_runs_in_the_beat_thread_and_is_recorded():
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every_second = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(name="test: deadlines every second", task="cases.tasks.run_job",
                                interval=every_second, args='["deadlines"]')
    beat = start_embedded_beat(max_interval=0.5)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not JobRun.objects.filter(name="deadlines").exists():
            time.sleep(0.25)
    finally:
        beat.stop()
    run = JobRun.objects.filter(name="deadlines").first()
    assert run is not None and run.trigger == "schedule" and run.status == JobRun.Status.SUCCEEDED
