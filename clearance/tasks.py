"""Celery tasks of the clearance app: thin, take ids, idempotent (the row records that the work was done)."""
import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5, acks_late=True)
def notify_applicants(reinquiry_id: int) -> dict:
    """Tell the applicants the result of one re-inquiry; nothing if already told or the row is gone."""
    from .services.notify import reinquiry_notify

    return reinquiry_notify(reinquiry_id=reinquiry_id)
