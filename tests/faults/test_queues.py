"""Celery queues split by work: pushes, sanctions, default — so workers scale per queue.
The real-worker tests route every task to a private queue (tests/celery_workers.py) and are unaffected."""
from celery import current_app

from wanian_exec.celery import QUEUES, route_task


def test_tasks_go_to_the_queue_of_their_work():
    assert route_task("pushes.tasks.deliver", [1], {}, {}) == {"queue": "pushes"}
    assert route_task("sanctions.tasks.refresh_case_rosters", [[1]], {}, {}) == {"queue": "sanctions"}
    assert route_task("outbox.tasks.relay_pending", [], {}, {}) == {"queue": "default"}
    # the one job task goes where the job's work is
    assert route_task("cases.tasks.run_job", ["weekly_pushes"], {"court_id": 1}, {}) == {"queue": "pushes"}
    assert route_task("cases.tasks.run_job", ["rosters"], {}, {}) == {"queue": "sanctions"}
    assert route_task("cases.tasks.run_job", ["deadlines"], {}, {}) == {"queue": "default"}
    assert route_task("cases.tasks.run_job", [], {"name": "weekly_pushes"}, {}) == {"queue": "pushes"}
    assert route_task("cases.tasks.run_job", ["no_such_job"], {}, {}) == {"queue": "default"}


def test_the_app_is_configured_with_the_router_and_the_default_queue(settings):
    assert settings.CELERY_TASK_ROUTES == ("wanian_exec.celery.route_task",)
    assert settings.CELERY_TASK_DEFAULT_QUEUE == "default" and set(QUEUES) == {"default", "pushes", "sanctions"}
    router = current_app.amqp.Router()
    queue = router.route({}, "pushes.tasks.deliver", args=[1], kwargs={})["queue"]
    assert queue.name == "pushes"


def test_tasks_are_late_acknowledged_and_requeued_when_a_worker_dies(settings):
    """A worker killed mid-task (SIGKILL) leaves its message unacknowledged: Redis redelivers it to another worker
    (tests/pushes/test_worker.py kills one in the middle of the weekly run and checks every item exists once)."""
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    from cases.tasks import run_job
    from pushes.tasks import deliver
    from sanctions.tasks import refresh_case_rosters

    assert all(task.acks_late for task in (run_job, deliver, refresh_case_rosters))
