"""Transactional outbox: tasks survive a broker outage.

Why: publishing to Redis inside a web request couples every write to the broker being up, and publishing after
commit (`on_commit(task.delay)`) loses the task when Redis is down at that moment. Instead `enqueue` writes an
`OutboxMessage` row in the caller's transaction — the task exists exactly when the data it concerns exists — and
a relay publishes pending rows to Celery and marks them sent:

- right after commit (an `on_commit` attempt, so work still starts at once when the broker is up);
- every 30 s from beat (`outbox.tasks.relay_pending`), on worker start, and by `manage.py outbox_relay`, for
  the rows the first attempt could not publish.

When the broker is down the publish fails fast (no retry loop in the request), the row stays pending and the
write still succeeds. Delivery is at least once: a relay that dies between publish and mark may publish a row
again, so tasks stay idempotent (they take ids and let the database make a rerun harmless).

With no broker configured (CELERY_TASK_ALWAYS_EAGER) the same path runs the task in-process after commit.
"""
import logging
import time

from celery import current_app
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# Rows published per relay transaction; a sweep loops over batches until none is left (or the broker fails).
RELAY_BATCH = 200
# The beat sweep leaves rows younger than this to their own on_commit attempt, so both rarely publish one row.
SWEEP_GRACE_SECONDS = 10
# After a failed publish, this process skips the on_commit attempts for a while (the sweep still tries): a push
# run that enqueues a hundred deliveries while Redis is down pays for one failed connection, not a hundred.
BROKER_DOWN_BACKOFF_SECONDS = 30
_broker_down_until = 0.0


def _task_name(task) -> str:
    return task if isinstance(task, str) else task.name


def enqueue(task, *, args=(), kwargs=None, queue: str | None = None) -> OutboxMessage:
    """Record `task(*args, **kwargs)` in the outbox, in the current transaction, and try to publish it on commit.

    Arguments must be JSON (ids, not model instances). A rolled-back transaction leaves neither row nor task.
    """
    message = OutboxMessage.objects.create(task=_task_name(task), args=list(args), kwargs=dict(kwargs or {}),
                                           queue=queue or "")
    transaction.on_commit(lambda pk=message.pk: relay(ids=[pk]))
    return message


def last_message_id() -> int:
    """The id of the newest message (0: none) — the mark `withdraw` counts from."""
    return OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def withdraw(task, *, after_id: int) -> int:
    """Take back the pending messages of `task` written after `after_id`, inside the caller's transaction, because
    the caller does their work itself in one piece before it commits (the demo court recomputes every roster once
    at the end of its build rather than once per case its services touched). Nothing of them has been published:
    a message is published only after its transaction commits, and the relay of a withdrawn id finds nothing."""
    return OutboxMessage.objects.filter(task=_task_name(task), status=OutboxMessage.Status.PENDING,
                                        pk__gt=after_id).delete()[0]


def _broker_errors() -> tuple:
    errors = [ConnectionError, OSError, TimeoutError]
    try:
        from kombu.exceptions import OperationalError

        errors.append(OperationalError)
    except ImportError:  # pragma: no cover
        pass
    try:
        from redis.exceptions import RedisError

        errors.append(RedisError)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


def _publish(app, message: OutboxMessage) -> None:
    options = {"task_id": f"outbox-{message.pk}-{message.attempts + 1}"}
    if message.queue:
        options["queue"] = message.queue
    if app.conf.task_always_eager:
        app.tasks[message.task].apply_async(args=message.args, kwargs=message.kwargs, **options)
    else:  # fail fast when the broker is down: the row stays pending, the sweep retries it
        app.send_task(message.task, args=message.args, kwargs=message.kwargs, retry=False, **options)


def _pending(ids, older_than_seconds):
    rows = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    if older_than_seconds:
        rows = rows.filter(created_at__lte=timezone.now() - timezone.timedelta(seconds=older_than_seconds))
    return rows.order_by("pk")


def relay(*, ids: list[int] | None = None, older_than_seconds: int = 0, batch: int = RELAY_BATCH) -> dict:
    """Publish pending rows (these ids, or every pending row older than `older_than_seconds`) and mark them sent.

    Returns {"sent": n, "pending": m}. Never raises for a broker outage: the rows stay pending for the next sweep.
    """
    global _broker_down_until
    app = current_app
    if app.conf.task_always_eager:
        return {"sent": _run_in_process(app, ids, older_than_seconds, batch), "pending": 0}
    if ids is not None and time.monotonic() < _broker_down_until:
        return {"sent": 0, "pending": len(ids)}  # the broker failed moments ago: leave these to the sweep
    broker_errors = _broker_errors()
    sent, failed = 0, False
    while not failed:
        with transaction.atomic():
            # two relays (the on_commit attempt and the sweep) never publish the same row at once
            rows = list(_pending(ids, older_than_seconds).select_for_update(skip_locked=True)[:batch])
            done = []
            for message in rows:
                try:
                    _publish(app, message)
                except broker_errors as exc:
                    failed = True
                    _broker_down_until = time.monotonic() + BROKER_DOWN_BACKOFF_SECONDS
                    OutboxMessage.objects.filter(pk=message.pk).update(attempts=F("attempts") + 1,
                                                                       last_error=repr(exc)[:2000])
                    logger.warning("outbox: broker unavailable, %s stays pending: %r", message, exc)
                    break  # the broker is down: the rest wait for the next sweep
                done.append(message.pk)
            if done:
                OutboxMessage.objects.filter(pk__in=done).update(
                    status=OutboxMessage.Status.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1,
                    last_error="")
                sent += len(done)
                _broker_down_until = 0.0
        if len(rows) < batch:
            break
    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
    return {"sent": sent, "pending": pending}


def _run_in_process(app, ids, older_than_seconds, batch) -> int:
    """No broker: run each task now (eager), after marking it sent so a failing task is not run twice."""
    count = 0
    while True:
        rows = list(_pending(ids, older_than_seconds)[:batch])
        for message in rows:
            claimed = OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.PENDING).update(
                status=OutboxMessage.Status.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1)
            if claimed:
                _publish(app, message)
                count += 1
        if len(rows) < batch:
            return count
