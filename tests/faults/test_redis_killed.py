"""Redis really killed (SIGKILL) while a worker delivers a week's pushes and clerks keep working, then started
again: the web answers throughout, and every delivery reaches the gateway exactly once.

A private redis-server on a free port in a temporary directory (never the machine's shared Redis), with the
append-only file as production runs it (docs/deployment.md), fsync on every write here so the drill does not
depend on the one-second window of `appendfsync everysec`. A real worker (tests/celery_workers.py) on it, the
recording SMS gateway of tests/faults/recording_gateway.py. Needs PostgreSQL and TEST_REDIS_URL (only to select the
worker tests; the drill's Redis is its own) and the redis-server binary.
"""
import os
import shutil
import signal
import socket
import subprocess
import time
from collections import Counter
from contextlib import contextmanager

import pytest
from django.urls import reverse

from outbox.models import OutboxMessage
from outbox.services import relay
from pushes import services
from pushes.choices import DeliveryStatus
from pushes.delivery import message_for
from pushes.models import PushDelivery
from tests.celery_workers import wait_until
from tests.faults.conftest import broker
from tests.faults.recording_gateway import received

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

FIRST_WEEKS = [f"2024-W{n}" for n in range(20, 26)]
def later_weeks() -> list[str]:
    """Run by a leader while Redis is down, through the API: the last week and this one (the API takes recent
    weeks only, pushes.rules.run_week_errors)."""
    import datetime as dt

    from cases.services.common import court_today
    from pushes.rules import week_of

    today = court_today()
    return [week_of(today - dt.timedelta(days=7)), week_of(today)]
LATENCY = 0.3
VISIBILITY = 10


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    def __init__(self, directory):
        self.directory, self.port, self.process = directory, _free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory),
             "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_until(lambda: subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True,
                                          text=True).stdout.strip() == "PONG", timeout=20, what="redis up")

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.kill()


@contextmanager
def private_redis(directory):
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server")
    redis = PrivateRedis(directory)
    redis.start()
    try:
        yield redis
    finally:
        redis.stop()


def test_redis_killed_and_restarted_loses_and_doubles_nothing(client, api, celery_workers, court, judge, leader,
                                                              recipients, person, file_case, tmp_path):
    start, queue = celery_workers
    for n, recipient in enumerate(recipients.values()):
        recipient.phone, recipient.email = f"1380000{n:04d}", ""
        recipient.save(update_fields=["phone", "email"])
    cases = [file_case(person(is_party_member=n % 2 == 0, is_npc_deputy=n % 3 == 0), amount=f"{20000 + 1000 * n}.00")
             for n in range(5)]
    gateway = tmp_path / "gateway.jsonl"
    (tmp_path / "redis").mkdir()
    with private_redis(tmp_path / "redis") as redis, broker(redis.url):
        drill = {"REDIS_URL": redis.url, "PUSHES_SMS_ADAPTER": "tests.faults.recording_gateway.RecordingSmsAdapter",
                 "DRILL_SMS_LOG": str(gateway), "DRILL_SMS_LATENCY": str(LATENCY),
                 "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY)}
        # given a worker delivering six weeks' pushes
        for week in FIRST_WEEKS:
            services.push_week_run(court=court, week=week)
        first_total = PushDelivery.objects.count()
        start(**drill)
        client.force_login(judge)
        assert client.get(reverse("case-list")).status_code == 200  # the clerk was at work (templates loaded)
        wait_until(lambda: len(received(gateway)) >= 5, what="5 messages at the gateway")
        # when Redis is killed in the middle of it
        redis.kill()
        killed = time.monotonic()
        # then clerks keep working: a page, an event in the browser and by API, two weeks' push runs by API
        timings = []
        for call in [lambda: client.get(reverse("case-list")),
                     lambda: client.post(reverse("case-event", args=[cases[0].pk]),
                                         {"kind": "note", "occurred_on": "2024-03-05", "note": "电话联系"}),
                     lambda: api.as_user(judge).post(f"/api/v1/enforcement-cases/{cases[1].pk}/events/",
                                                     {"kind": "note", "occurred_on": "2024-03-06", "note": "走访"},
                                                     format="json"),
                     *[lambda week=week: api.as_user(leader).post("/api/v1/push-runs/", {"week": week}, format="json")
                       for week in later_weeks()]]:
            began = time.monotonic()
            response = call()
            timings.append(time.monotonic() - began)
            assert response.status_code in (200, 201, 302), response.content[:500]
        assert max(timings) < 5, timings
        waiting = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
        assert waiting > 0  # the later runs' deliveries, kept in the outbox
        sent_while_down = len(received(gateway))
        # when Redis comes back (the same directory: its append-only file) and the beat sweep relays
        time.sleep(2)
        redis.start()
        restarted = time.monotonic()
        wait_until(lambda: relay()["pending"] == 0 and not OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING).exists(), timeout=60, what="the outbox relayed")
        # then the worker, reconnected by itself, sends everything
        deliveries = PushDelivery.objects.all()
        total = deliveries.count()
        assert total > first_total
        wait_until(lambda: not deliveries.filter(status=DeliveryStatus.PENDING).exists(), timeout=VISIBILITY + 120,
                   what="every delivery sent")
        finished = time.monotonic()
        time.sleep(3)  # and no late redelivery sends anything again
        assert set(deliveries.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 1)}
        expected = Counter(message_for(d.batch)[1] for d in deliveries.select_related("batch__court",
                                                                                      "batch__recipient"))
        messages = Counter(entry["text"] for entry in received(gateway))
        assert messages == expected, {"doubled": [m for m, n in messages.items() if n > 1],
                                      "lost": list(expected - messages)}
        print(f"\nDRILL redis-killed: {total} deliveries ({first_total} queued before the kill, "
              f"{total - first_total} made while Redis was down, {waiting} outbox rows kept); "
              f"{sent_while_down} at the gateway when Redis died; web answers while down max {max(timings):.2f} s; "
              f"down {restarted - killed:.1f} s; all sent once {finished - restarted:.1f} s after the restart; "
              f"gateway received {sum(messages.values())}, doubled 0, lost 0")
