"""A Celery worker killed (SIGKILL) in the middle of sending a week's push deliveries: a new worker finishes them,
and every delivery reaches the gateway exactly once — nothing lost, nothing doubled.

Real worker on Redis (PostgreSQL + TEST_REDIS_URL, as tests/test_celery_worker.py). The SMS gateway is
tests/faults/recording_gateway.py: each accepted message is appended to a file outside every transaction, after a
round trip of LATENCY seconds. The worker is killed while it waits on the gateway for one message: that delivery's
transaction dies with the connection (its row stays pending, never sent), the broker message stays unacknowledged
(acks_late), and Redis hands it to the next worker once the visibility timeout has passed — shortened here to
VISIBILITY seconds (CELERY_VISIBILITY_TIMEOUT; production keeps the 1-hour default, docs/deployment.md).
"""
import os
import signal
import time
from collections import Counter

import pytest

from pushes import services
from pushes.choices import DeliveryMethod, DeliveryStatus
from pushes.delivery import message_for
from pushes.models import PushDelivery
from tests.celery_workers import wait_until
from tests.faults.recording_gateway import received

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

WEEKS = [f"2024-W{n}" for n in range(20, 28)]
LATENCY = 0.4
VISIBILITY = 15
KILL_AFTER = 6


def test_a_worker_killed_mid_delivery_loses_and_doubles_nothing(celery_workers, court, recipients, person, file_case,
                                                                  tmp_path):
    start, queue = celery_workers
    # given every recipient reachable by SMS only, debtors pushed to each of them, and 8 weeks' runs
    for n, recipient in enumerate(recipients.values()):
        recipient.phone, recipient.email = f"1390000{n:04d}", ""
        recipient.save(update_fields=["phone", "email"])
    for n in range(6):
        file_case(person(is_party_member=n % 2 == 0, is_npc_deputy=n % 3 == 0), amount=f"{20000 + 1000 * n}.00")
    for week in WEEKS:  # each run ends by enqueuing its deliveries: published to the broker on commit
        services.push_week_run(court=court, week=week)
    deliveries = PushDelivery.objects.all()
    total = deliveries.count()
    assert total >= 3 * len(WEEKS) and not deliveries.exclude(method=DeliveryMethod.SMS).exists()
    expected = Counter(message_for(d.batch)[1] for d in deliveries.select_related("batch__court", "batch__recipient"))
    assert len(expected) == total  # one distinct message per delivery (the batch's portal link)
    gateway = tmp_path / "gateway.jsonl"
    drill = {"PUSHES_SMS_ADAPTER": "tests.faults.recording_gateway.RecordingSmsAdapter",
             "DRILL_SMS_LOG": str(gateway), "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY)}

    # when a worker sends them and is killed while it waits on the gateway
    started = time.monotonic()
    first = start(**drill, DRILL_SMS_LATENCY=str(LATENCY))
    wait_until(lambda: len(received(gateway)) >= KILL_AFTER, what=f"{KILL_AFTER} messages at the gateway")
    time.sleep(LATENCY / 2)  # in the middle of the next message's round trip
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    killed_at = time.monotonic()
    sent_before = len(received(gateway))
    # then what the gateway accepted is recorded as sent, once, and the rest is pending, not lost
    assert deliveries.filter(status=DeliveryStatus.SENT).count() == sent_before < total
    assert deliveries.filter(status=DeliveryStatus.PENDING, attempts=0).count() == total - sent_before

    # when a new worker starts
    start(**drill, DRILL_SMS_LATENCY="0")
    wait_until(lambda: not deliveries.filter(status=DeliveryStatus.PENDING).exists(), timeout=VISIBILITY + 90,
               what="every delivery sent")
    finished = time.monotonic()
    # then every delivery was sent, each once: in the database and at the gateway
    assert set(deliveries.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 1)}
    messages = Counter(entry["text"] for entry in received(gateway))
    assert messages == expected, {"doubled": [m for m, n in messages.items() if n > 1],
                                  "lost": list(expected - messages)}
    # and nothing more arrives afterwards (no late redelivery sends anything again)
    time.sleep(3)
    assert len(received(gateway)) == total
    print(f"\nDRILL worker-killed-mid-delivery: {total} deliveries, {sent_before} sent before the kill "
          f"({killed_at - started:.1f} s), all {total} sent once {finished - killed_at:.1f} s after the kill; "
          f"gateway received {sum(messages.values())}, doubled 0, lost 0")
