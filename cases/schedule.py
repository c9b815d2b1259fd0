"""The job schedule on the embedded default: no Redis, no worker, no beat process — and still every job on time.

With REDIS_URL unset, tasks run in-process (CELERY_TASK_ALWAYS_EAGER). `manage.py serve` (what `make run` starts)
then runs Celery beat as a thread of the server process (celery.beat.EmbeddedService) with the scheduler production
uses, django-celery-beat's DatabaseScheduler: the same PeriodicTask rows (created on migrate, editable in the
admin), and a due task applied in that thread. So a newcomer's demo court gets its morning to-dos and Monday's push.
With REDIS_URL set, beat and workers are separate processes, as docs/deployment.md describes; nothing starts here.
"""
import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def runs_in_process() -> bool:
    """Whether this deployment has no broker, so that scheduled work must run inside the web process."""
    return bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False))


def start_embedded_beat(*, max_interval: float = 1.0):
    """Start beat as a daemon thread of this process and return it (None where a broker and workers exist)."""
    if not runs_in_process():
        return None
    from celery.beat import EmbeddedService

    from wanian_exec.celery import app

    app.loader.import_default_modules()  # the apps' tasks modules: beat applies a known task; an unknown one it sends
    service = EmbeddedService(app, thread=True, scheduler_cls=settings.CELERY_BEAT_SCHEDULER)
    service.service.max_interval = max_interval
    service.start()
    logger.info("embedded beat started (%s)", settings.CELERY_BEAT_SCHEDULER)
    return service


def schedule_lines() -> list[str]:
    """The enabled schedule as lines to print at start-up: job label and its crontab (minute hour day month weekday,
    in the schedule's time zone)."""
    from django_celery_beat.models import PeriodicTask

    tasks = PeriodicTask.objects.filter(enabled=True, crontab__isnull=False).select_related("crontab")
    return [f"{task.name}: {_cron(task.crontab)}" for task in tasks.order_by("name")]


def _cron(crontab) -> str:
    fields = (crontab.minute, crontab.hour, crontab.day_of_month, crontab.month_of_year, crontab.day_of_week)
    return f"{' '.join(fields)} ({crontab.timezone})"
