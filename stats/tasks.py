"""Celery tasks of the statistics app: thin; the database says whether the work is already done."""
from celery import shared_task


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5, acks_late=True)
def compute_snapshot(params: dict, requested_at: str) -> dict:
    """A leader dashboard view asked for by a page (stats.snapshots.compute_later, which imports this module, so
    the task is registered wherever it is asked for)."""
    from .snapshots import compute_requested

    return compute_requested(params, requested_at)
