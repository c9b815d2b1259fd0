"""Celery tasks of the sanctions app: thin. They take ids, call a service, and let the database make reruns harmless.

Writes that change a roster's facts call `enqueue_roster_refresh(case_id)`: the recomputation is written to the
outbox in the write's transaction and published when it commits (a rolled-back write publishes nothing; a broker
outage leaves it pending for the relay), and runs in the worker — or in-process when no broker is configured. The
scheduled `rosters` job (sanctions/jobs.py) sweeps everything daily. A travel file too big for the request is
imported by `run_travel_import`.
"""
import logging

from celery import shared_task

from outbox import enqueue

logger = logging.getLogger(__name__)


def enqueue_roster_refresh(*case_ids: int) -> None:
    ids = sorted({int(pk) for pk in case_ids if pk})
    if ids:
        enqueue(refresh_case_rosters, args=[ids])


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5, acks_late=True)
def refresh_case_rosters(case_ids: list[int]) -> dict:
    """Recompute the three rosters of these cases from their facts (idempotent)."""
    from .rosters import refresh_rosters

    summary = refresh_rosters(case_ids=case_ids)
    logger.info("rosters refreshed for %d cases: %s", len(case_ids), summary)
    return summary


@shared_task(acks_late=True)
def run_travel_import(batch_id: int) -> dict:
    """Import a stored travel file (sanctions.travel.travel_import_job); a rerun of a finished import does nothing."""
    from .travel import travel_import_job

    result = travel_import_job(batch_id)
    if result is None:
        return {"batch": batch_id, "skipped": True}
    return {"batch": batch_id, "imported": result.imported, "violations": result.violations,
            "rejected": result.rejected_count}
