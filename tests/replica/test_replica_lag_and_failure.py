"""A streaming standby that lags or fails, against a real primary and hot standby (tests/replica/conftest.py).

- replay paused: figures read from the standby carry its replay time, not now, and are not kept as the view's
  snapshot — once replay resumes the dashboard shows the new figure;
- what the pages call live (a drill-down list, a judge's own work) is read from the primary;
- standby stopped, or frozen (SIGSTOP): the statistics pages answer from the primary within the connect timeout
  and say so; a statement on the replica is bounded by its statement timeout.
"""
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.utils import timezone

from stats import snapshots

# Part of every PostgreSQL run (CI's `make test`); skipped on SQLite or without the PostgreSQL 15 binaries (the
# pg_pair fixture in conftest.py says which).
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, databases=["default", "replica"])]

ROOT = Path(__file__).resolve().parents[2]
PERIOD = "date_from=2024-01-01&date_to=2024-12-31"
KPIS = f"/api/v1/stats/kpis/?{PERIOD}"
DASHBOARD = f"/stats/?{PERIOD}"


def test_figures_read_from_a_standby_behind_carry_its_replay_time_and_are_not_kept(on_pair, settings, client,
                                                                                      leader, make_case):
    settings.STATS_SNAPSHOT_MAX_AGE = 600
    make_case()
    on_pair.wait_caught_up()
    client.force_login(leader)
    assert client.get(KPIS + "&refresh=1").json()["new_cases"] == 1
    # given the standby's replay paused while two cases are filed on the primary
    on_pair.standby("SELECT pg_wal_replay_pause()")
    before_filing = timezone.now()
    make_case()
    make_case()
    on_pair.wait_received_not_replayed()
    time.sleep(snapshots.REPLICA_LAG_KEPT.total_seconds() + 0.5)  # behind by more than a busy primary's moment
    # when the leader asks for fresh figures
    behind = client.get(KPIS + "&refresh=1").json()
    page = client.get(DASHBOARD + "&refresh=1").content.decode()
    # then they are the standby's, stamped with the time it had replayed to, not now
    assert behind["new_cases"] == 1
    assert dt.datetime.fromisoformat(behind["computed_at"]) <= before_filing
    assert "统计库同步滞后" in page
    # and once replay resumes the dashboard shows the new figure: the figures read while behind were not kept
    on_pair.standby("SELECT pg_wal_replay_resume()")
    on_pair.wait_caught_up()
    # a kept figure would be served for STATS_SNAPSHOT_MAX_AGE (600 s); a few seconds' grace only absorbs a loaded
    # machine's replay and router check
    deadline = time.monotonic() + 15
    while (shown := client.get(KPIS).json()["new_cases"]) != 3 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert shown == 3


def test_drill_downs_and_a_judges_own_work_are_read_from_the_primary(on_pair, client, judge, leader, make_case):
    make_case()
    on_pair.wait_caught_up()
    # given a case filed while the standby's replay is paused
    on_pair.standby("SELECT pg_wal_replay_pause()")
    filed = make_case()
    on_pair.wait_received_not_replayed()
    # when the leader opens the cases behind the figure, and the judge their own dashboard
    client.force_login(leader)
    listed = client.get(f"/stats/metrics/new_cases/cases/?{PERIOD}")
    api_listed = client.get(f"/api/v1/stats/metrics/new_cases/cases/?{PERIOD}")
    client.force_login(judge)
    mine = client.get("/stats/me/")
    # then all of them show the case just filed
    assert filed.number in listed.content.decode()
    assert api_listed.json()["count"] == 2
    assert mine.context["total"] == 2


def test_standby_stopped_the_statistics_fall_back_to_the_primary_and_say_so(on_pair, client, leader, judge,
                                                                           make_case):
    make_case()
    client.force_login(leader)
    client.get(KPIS)  # a connection to the standby is open, as in a running web process
    # given the standby stopped
    on_pair.stop_standby()
    # when the leader opens the statistics
    page = client.get(DASHBOARD)
    kpis = client.get(KPIS)
    summary = client.get(f"/stats/export/summary.xlsx?{PERIOD}")
    # then they are answered from the primary, and the page says so
    assert page.status_code == 200 and "统计库暂不可用" in page.content.decode()
    assert kpis.status_code == 200 and kpis.json()["new_cases"] == 1
    assert summary.status_code == 200


def test_standby_lagging_past_the_bound_the_statistics_read_the_primary(on_pair, settings, client, leader,
                                                                        make_case):
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 1
    make_case()
    on_pair.wait_caught_up()
    on_pair.standby("SELECT pg_wal_replay_pause()")
    make_case()
    on_pair.wait_received_not_replayed()
    time.sleep(1.5)  # the standby is now behind by more than the bound
    client.force_login(leader)
    page = client.get(DASHBOARD)
    assert client.get(KPIS).json()["new_cases"] == 2
    assert "统计库同步延迟超过1秒" in page.content.decode()


def test_standby_frozen_the_statistics_answer_from_the_primary_within_the_connect_timeout(on_pair, settings, client,
                                                                                          leader, make_case):
    settings.DATABASE_REPLICA_CONNECT_TIMEOUT = 2
    make_case()
    on_pair.wait_caught_up()
    client.force_login(leader)
    pids = on_pair.standby_pids()
    answered = {}

    def ask():
        answered["page"] = client.get(DASHBOARD)

    # given the standby frozen: it accepts connections and never answers
    on_pair.signal_standby(pids, signal.SIGSTOP)
    try:
        started = time.monotonic()
        asking = threading.Thread(target=ask, daemon=True)
        asking.start()
        asking.join(timeout=20)
        # then the page answered from the primary within a bounded time, and says so
        assert not asking.is_alive(), "the request hung on the frozen standby"
        assert time.monotonic() - started < 15
    finally:
        on_pair.signal_standby(pids, signal.SIGCONT)
        asking.join(timeout=30)
    page = answered["page"]
    assert page.status_code == 200 and "统计库暂不可用" in page.content.decode()


def test_a_statement_on_the_replica_is_cancelled_after_the_statement_timeout(on_pair):
    # given the settings a deployment builds from DATABASE_REPLICA_URL, with a 1-second statement timeout
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wanian_exec.settings.test",
           "DATABASE_URL": f"postgres://postgres@127.0.0.1:{on_pair.primary_port}/wanian",
           "DATABASE_REPLICA_URL": f"postgres://postgres@127.0.0.1:{on_pair.standby_port}/wanian",
           "DATABASE_REPLICA_STATEMENT_TIMEOUT": "1"}
    # (the time is taken around the statement inside the process: Django's start-up on a loaded machine is not it)
    script = ("import time, django; django.setup()\n"
              "from django.db import connections\n"
              "print(connections['replica'].settings_dict['OPTIONS'].get('connect_timeout'), flush=True)\n"
              "started = time.monotonic()\n"
              "try:\n"
              "    connections['replica'].cursor().execute('SELECT pg_sleep(20)')\n"
              "finally:\n"
              "    print(round(time.monotonic() - started, 2), flush=True)\n")
    # when a statement would run 20 seconds on the standby
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    # then it is cancelled after a second (connecting included), and connecting is bounded too
    assert float(run.stdout.split()[1]) < 15, run.stdout
    assert "statement timeout" in run.stderr, run.stderr[-2000:]
    assert run.stdout.split()[0] == "3"
