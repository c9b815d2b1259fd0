"""Redis stopped while clerks work: the web keeps serving and writes succeed; the tasks they
enqueue wait in the outbox (outbox/services.py) and run — once — when Redis is back.

The first test needs no Redis at all (the broker is a dead port) and runs on SQLite and PostgreSQL; the second
then relays to a real worker on Redis (PostgreSQL + TEST_REDIS_URL, like tests/test_celery_worker.py).
"""
import time

import pytest
from django.urls import reverse

from outbox.models import OutboxMessage
from outbox.services import relay
from pushes.choices import DeliveryStatus
from pushes.models import PushDelivery
from pushes.rules import current_week
from tests.celery_workers import REDIS_URL, require_worker_environment, wait_until
from tests.faults.conftest import DEAD_BROKER, broker

pytestmark = pytest.mark.django_db(transaction=True)


def _clerks_work_while_redis_is_down(client, api, *, judge, leader, case):
    """A judge records a note in the browser and a roster fact (the notice served) by API, a leader runs the week's pushes by API: every answer
    is a success, and each answers quickly (the publish fails fast, it does not hang the request)."""
    client.force_login(judge)
    timings = []

    def timed(call):
        started = time.monotonic()
        response = call()
        timings.append(time.monotonic() - started)
        return response

    assert timed(lambda: client.get(reverse("case-list"))).status_code == 200
    page = timed(lambda: client.post(reverse("case-event", args=[case.pk]),
                                     {"kind": "note", "occurred_on": "2024-03-05", "note": "电话联系被执行人"}))
    assert page.status_code == 302
    response = timed(lambda: api.as_user(judge).post(f"/api/v1/enforcement-cases/{case.pk}/events/",
                                                     {"kind": "notice_served", "occurred_on": "2024-03-06",
                                                      "note": "送达执行通知书"}, format="json"))
    assert response.status_code == 201, response.content
    response = timed(lambda: api.as_user(leader).post("/api/v1/push-runs/", {"week": current_week()},
                                                      format="json"))
    assert response.status_code == 201, response.content
    assert max(timings) < 5, timings


def test_writes_succeed_and_tasks_wait_in_the_outbox_while_redis_is_down(
        client, api, judge, leader, recipients, person, file_case, dead_broker):
    # given open cases whose debtors are pushed to recipients with an email or a phone
    case = file_case(person(), amount="20000.00")
    file_case(person(is_party_member=True), amount="45000.00")
    # when clerks work while Redis is down
    _clerks_work_while_redis_is_down(client, api, judge=judge, leader=leader, case=case)
    # then every task they enqueued is kept, pending, with the failed publish recorded
    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
    tasks = set(pending.values_list("task", flat=True))
    assert {"sanctions.tasks.refresh_case_rosters", "pushes.tasks.deliver"} <= tasks
    assert pending.filter(attempts__gte=1).exclude(last_error="").exists()  # the on_commit attempt failed …
    # … and, the broker known to be down, the later writes did not each wait for it again
    assert not OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).exists()
    assert PushDelivery.objects.filter(status=DeliveryStatus.PENDING, attempts=0).count() == \
        pending.filter(task="pushes.tasks.deliver").count() > 0
    # and the beat sweep, while Redis is still down, keeps them (and does not raise)
    assert relay()["sent"] == 0
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count() == pending.count()


@pytest.mark.celery_worker
def test_tasks_kept_while_redis_was_down_run_once_when_it_is_back(
        client, api, judge, leader, recipients, person, file_case, celery_workers):
    require_worker_environment()
    start, queue = celery_workers
    case = file_case(person(), amount="20000.00")
    file_case(person(is_party_member=True), amount="45000.00")
    # given clerks worked while Redis was down
    with broker(DEAD_BROKER):
        _clerks_work_while_redis_is_down(client, api, judge=judge, leader=leader, case=case)
    kept = list(OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).values_list("pk", flat=True))
    deliveries = PushDelivery.objects.all()
    assert kept and deliveries.exists() and not deliveries.exclude(attempts=0).exists()
    # when Redis is back: a worker starts and the relay (beat's sweep) publishes what was kept
    with broker(REDIS_URL):
        start()
        result = relay()
        assert result == {"sent": len(kept), "pending": 0}
        # then every kept task ran: each delivery was sent, exactly once
        wait_until(lambda: not deliveries.filter(status=DeliveryStatus.PENDING).exists(), what="deliveries sent")
        assert set(deliveries.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 1)}
        assert not OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists()
        # and relaying again publishes nothing more
        assert relay()["sent"] == 0
        time.sleep(1)
        assert set(deliveries.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 1)}
