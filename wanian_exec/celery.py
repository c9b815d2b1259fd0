"""The Celery app. With REDIS_URL unset, settings make every task run in-process (eager).

Queues are split by work so workers scale per queue:
- `pushes`    the weekly five-push run and the deliveries of its links (bursty, Monday mornings);
- `sanctions` roster recomputation and travel matching (many small tasks after every fact on a case);
- `default`   every other job (deadlines, reminders, sweeps) and the outbox relay.
Run e.g. `celery -A wanian_exec worker -Q default` on one node and `-Q pushes,sanctions` on another; one worker
with `-Q default,pushes,sanctions` serves a small court.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wanian_exec.settings.local")

QUEUES = ("default", "pushes", "sanctions")
_APP_QUEUES = {"pushes": "pushes", "sanctions": "sanctions"}


def route_task(name, args, kwargs, options, task=None, **kw):
    """task_routes entry: a task goes to its app's queue; `cases.tasks.run_job` goes to the queue of the app whose
    function the job runs (the weekly push run to `pushes`, the roster sweep to `sanctions`)."""
    app_label = name.split(".", 1)[0]
    if name == "cases.tasks.run_job":
        from cases.jobs import JOBS

        job = JOBS.get((args or [None])[0] if args else (kwargs or {}).get("name"))
        app_label = job.function.split(".", 1)[0] if job else "cases"
    return {"queue": _APP_QUEUES.get(app_label, "default")}


app = Celery("wanian_exec")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
