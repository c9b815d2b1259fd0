"""Celery tasks of the cases app: thin wrappers around the job registry; the database makes reruns harmless."""
import logging

from celery import shared_task

from .jobs import JOBS, run_job_now

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5, acks_late=True)
def run_job(name: str, court_id: int | None = None) -> dict:
    if name not in JOBS:
        logger.error("unknown job %s", name)
        return {"error": f"unknown job {name}"}
    run = run_job_now(name, court_id=court_id, trigger="schedule")
    logger.info("job %s finished: %s", name, run.summary)
    return run.summary
