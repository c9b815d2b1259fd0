"""The read-replica router (wanian_exec/db_routers.py).

On PostgreSQL the test settings add a `replica` alias pointing at a second database on the same server — a
stand-in for a streaming standby, without the replication: a row written to the primary is missing there, which
is how these tests tell where a read went. The router is inactive (READ_REPLICA None) unless a test switches it on.
"""
import pytest
from django.conf import settings as django_settings
from django.db import connections, router
from django.test.utils import CaptureQueriesContext

from cases.models import Court, EnforcementCase
from wanian_exec.db_routers import ReplicaRouter, ReplicaState, replica_reads

KPIS = "/api/v1/stats/kpis/?date_from=2024-01-01&date_to=2024-12-31"
# the stand-in replica exists on PostgreSQL only (wanian_exec/settings/test.py); on SQLite those tests skip
DATABASES = ["default", "replica"] if "replica" in django_settings.DATABASES else ["default"]


def test_without_a_replica_every_read_and_write_uses_default(settings):
    # given no DATABASE_REPLICA_URL (READ_REPLICA None), even inside a statistics scope
    settings.READ_REPLICA = None
    with replica_reads():
        # then
        assert ReplicaRouter().db_for_read(EnforcementCase) == "default"
        assert ReplicaRouter().db_for_write(EnforcementCase) == "default"
    assert router.db_for_read(EnforcementCase) == "default"


def test_outside_a_statistics_scope_reads_use_default_even_with_a_replica(monkeypatch):
    monkeypatch.setattr("wanian_exec.db_routers.replica_alias", lambda: "replica")
    monkeypatch.setattr("wanian_exec.db_routers.replica_status", lambda alias: ReplicaState())  # it answers
    assert ReplicaRouter().db_for_read(EnforcementCase) == "default"
    with replica_reads():
        assert ReplicaRouter().db_for_read(EnforcementCase) == "replica"
        assert ReplicaRouter().db_for_read(Court) == "replica"


@pytest.fixture
def replica(settings, court):
    """The stand-in replica switched on, holding the reference rows a real replica would have (the court)."""
    if "replica" not in settings.DATABASES or connections["default"].vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the test settings then add a second database as the replica")
    settings.READ_REPLICA = "replica"
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "wanian_exec.db_routers.ReplicaReadsMiddleware"]
    Court.objects.using("replica").create(pk=court.pk, code=court.code, name=court.name)
    return "replica"


def case_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "cases_enforcementcase" in q["sql"]]


@pytest.mark.postgres
@pytest.mark.django_db(databases=DATABASES)
def test_a_statistics_read_goes_to_the_replica(replica, client, leader, make_case):
    # given a case written to the primary only (the stand-in replica has not "caught up")
    make_case()
    client.force_login(leader)
    # when the leader reads the KPIs
    with CaptureQueriesContext(connections["replica"]) as on_replica, \
            CaptureQueriesContext(connections["default"]) as on_primary:
        response = client.get(KPIS)
    # then the figures were read from the replica (which does not have the case) …
    assert response.status_code == 200, response.content[:300]
    assert response.json()["new_cases"] == 0
    assert case_queries(on_replica)
    assert not case_queries(on_primary)
    # … while who is logged in was read from the primary
    assert any("django_session" in q["sql"] for q in on_primary.captured_queries)
    assert not any("django_session" in q["sql"] for q in on_replica.captured_queries)


@pytest.mark.postgres
@pytest.mark.django_db(databases=DATABASES)
def test_the_clerks_pages_read_the_primary_even_with_a_replica(replica, client, judge, make_case):
    # given a case just filed on the primary
    case = make_case()
    client.force_login(judge)
    # when the judge opens the case list and the case
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        listed = client.get("/cases/")
        detail = client.get(f"/cases/{case.pk}/")
    # then both come from the primary: the new case is there, nothing was read from the replica
    assert listed.status_code == 200 and case.number in listed.content.decode()
    assert detail.status_code == 200
    assert not on_replica.captured_queries


@pytest.mark.postgres
@pytest.mark.django_db(databases=DATABASES)
def test_writes_go_to_the_primary_and_a_read_after_a_write_too(replica, court):
    with replica_reads():
        # before any write, a statistics read goes to the replica
        assert router.db_for_read(Court) == "replica"
        # when the scope writes
        written = Court.objects.create(code="赣1130", name="婺源县人民法院")
        # then the write went to the primary only …
        assert Court.objects.using("default").filter(pk=written.pk).exists()
        assert not Court.objects.using("replica").filter(pk=written.pk).exists()
        # … and the rest of the scope reads the primary: the row just written is found
        assert router.db_for_read(Court) == "default"
        assert Court.objects.get(pk=written.pk).name == "婺源县人民法院"
    # a new scope starts on the replica again
    with replica_reads():
        assert router.db_for_read(Court) == "replica"
