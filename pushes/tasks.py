"""Celery tasks of the pushes app: thin. They take ids, call a service, and let the database make reruns
harmless. The weekly run itself is the `weekly_pushes` job (cases.tasks.run_job through the registry)."""
import logging

from celery import shared_task

from . import conf
from .delivery import delivery_attempt

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver(self, delivery_id: int) -> str:
    """Send one delivery; on a failure with attempts left, retry with backoff (1, 2, 4 … minutes, at most 30).
    The attempt count lives in the database (PushDelivery.attempts), so retries stop at DELIVERY_MAX_ATTEMPTS."""
    outcome = delivery_attempt(delivery_id=delivery_id)
    while outcome == "retry" and self.request.is_eager:  # in-process (tests, no broker): retry at once
        outcome = delivery_attempt(delivery_id=delivery_id)
    if outcome == "retry":
        countdown = min(60 * 2 ** self.request.retries, 30 * 60)
        if self.request.retries + 1 >= conf.get("DELIVERY_MAX_ATTEMPTS") * 2:  # safety net, never reached normally
            logger.error("delivery %s: giving up after %s retries", delivery_id, self.request.retries)
            return outcome
        raise self.retry(countdown=countdown)
    return outcome
