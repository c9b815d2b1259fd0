"""Scheduled jobs of the cases app. Thin: each calls a service; the database makes reruns harmless."""
from celery import shared_task

from .services.todos import todos_for_deadlines


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def deadlines_job() -> dict:
    return todos_for_deadlines()
