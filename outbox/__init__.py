"""Transactional outbox for Celery tasks: `from outbox import enqueue` is the one way the app sends work.

See outbox/services.py for why and how.
"""


def enqueue(task, *, args=(), kwargs=None, queue: str | None = None):
    from .services import enqueue as _enqueue

    return _enqueue(task, args=args, kwargs=kwargs, queue=queue)
