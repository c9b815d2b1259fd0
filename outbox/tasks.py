"""The relay sweep, run by beat every 30 seconds (wanian_exec/celery.py) and once when a worker starts."""
from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def relay_pending() -> dict:
    return services.relay(older_than_seconds=services.SWEEP_GRACE_SECONDS)
