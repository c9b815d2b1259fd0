"""Fixtures of the fault tests: the pushes fixtures (recipients, parties in a grid, cases filed through the
services) and a way to point the Celery app at a broker — a dead one, or the test Redis."""
from contextlib import contextmanager

import pytest

from tests.pushes.conftest import employer, file_case, grid, person, recipients, township  # noqa: F401

DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1: "Redis is down"


@contextmanager
def broker(url: str):
    """Send tasks to `url` (not in-process) for the block; the worker fixtures' routing is left as it is."""
    from tests.celery_workers import reset_broker_connections
    from wanian_exec.celery import app

    old = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url=url)
    reset_broker_connections(app)
    try:
        yield app
    finally:
        app.conf.update(old)
        reset_broker_connections(app)
        from outbox import services

        services._broker_down_until = 0.0  # forget the outage, for the tests that follow


@pytest.fixture
def dead_broker():
    with broker(DEAD_BROKER) as app:
        yield app
