"""Celery task of the imports app: thin — it takes the job's id and runs it; the job row says whether it ran."""
import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=3)
def run_import(job_id: int) -> str:
    """Run import job `job_id` if it is still pending (a second delivery of the message does nothing)."""
    from .services.runner import import_run

    status = import_run(job_id=job_id)
    logger.info("import job %s: %s", job_id, status)
    return status
