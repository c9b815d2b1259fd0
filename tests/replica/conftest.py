"""A real primary and hot standby (PostgreSQL streaming replication) in a temporary directory, for the read-replica
tests: initdb, pg_basebackup -R, pg_ctl from the PostgreSQL binaries of the machine, run as the `postgres` OS user
(PostgreSQL refuses to run as root) on free ports. The machine's own server (port 5432, the test database) is not
touched: the primary is loaded with a copy of the test database (pg_dump), and for each test Django's `default`
alias points at the temporary primary and `replica` at its standby.
"""
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connections

from wanian_exec import db_routers

BIN = Path("/usr/lib/postgresql/15/bin")
DB = "wanian"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*command) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *map(str, command)] if os.geteuid() == 0 else list(map(str, command))


def _run(*command, **kwargs):
    return subprocess.run(_as_postgres(*command), check=True, capture_output=True, text=True, timeout=120, **kwargs)


class Pair:
    """The temporary primary and standby: ports, data directories, and what the tests do to the standby."""

    def __init__(self, root: Path):
        self.root = root
        self.primary_dir, self.standby_dir = root / "primary", root / "standby"
        self.primary_port, self.standby_port = _free_port(), _free_port()

    def query(self, port: int, sql: str, dbname: str = DB):
        conn = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname=dbname, connect_timeout=5)
        conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone() if cursor.description else None
        finally:
            conn.close()

    def standby(self, sql: str):
        return self.query(self.standby_port, sql)

    def wait_caught_up(self, timeout: float = 30) -> None:
        """Until the standby has replayed everything the primary wrote so far."""
        target = self.query(self.primary_port, "SELECT pg_current_wal_lsn()")[0]
        deadline = time.monotonic() + timeout
        while not self.standby(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")[0]:
            assert time.monotonic() < deadline, "the standby did not catch up"
            time.sleep(0.1)

    def wait_received_not_replayed(self, timeout: float = 30) -> None:
        """Replay paused: until the standby has received changes it has not replayed."""
        deadline = time.monotonic() + timeout
        while not self.standby("SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()")[0]:
            assert time.monotonic() < deadline, "the standby received nothing new"
            time.sleep(0.1)

    def start_standby(self) -> None:
        _run(BIN / "pg_ctl", "-D", self.standby_dir, "-l", self.root / "standby.log", "-w", "start")

    def stop_standby(self) -> None:
        _run(BIN / "pg_ctl", "-D", self.standby_dir, "-m", "fast", "-w", "stop")

    def standby_pids(self) -> list[int]:
        postmaster = int((self.standby_dir / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()  # after "pid (comm)": state, ppid, …
            except OSError:  # the process ended meanwhile
                continue
            if int(fields[1]) == postmaster:
                children.append(int(stat.parent.name))
        return [postmaster, *children]

    def signal_standby(self, pids: list[int], sig) -> None:
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass


def _start_pair(root: Path) -> Pair:
    pair = Pair(root)
    _run(BIN / "initdb", "-D", pair.primary_dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
    with open(pair.primary_dir / "postgresql.conf", "a") as conf:
        conf.write(f"\nport = {pair.primary_port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{root}'\n"
                   "wal_level = replica\nhot_standby = on\nmax_wal_senders = 5\nfsync = off\n"
                   "synchronous_commit = off\nfull_page_writes = off\nshared_buffers = 32MB\n")
    _run(BIN / "pg_ctl", "-D", pair.primary_dir, "-l", root / "primary.log", "-w", "start")
    _run(BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", pair.primary_port, "-U", "postgres",
         "-D", pair.standby_dir, "-R", "-X", "stream", "-c", "fast")
    with open(pair.standby_dir / "postgresql.auto.conf", "a") as conf:
        conf.write(f"\nport = {pair.standby_port}\n")
    pair.start_standby()
    return pair


def _load_schema(pair: Pair, test_db: dict) -> None:
    """The test database's schema and rows (migrated by pytest-django) copied to the primary."""
    pair.query(pair.primary_port, f"CREATE DATABASE {DB}", "postgres")
    env = {**os.environ, "PGPASSWORD": test_db.get("PASSWORD") or ""}
    dump = subprocess.run([BIN / "pg_dump", "-h", test_db["HOST"] or "127.0.0.1", "-p", str(test_db["PORT"] or 5432),
                           "-U", test_db["USER"], "-d", test_db["NAME"], "--no-owner", "--no-privileges"],
                          check=True, capture_output=True, env=env, timeout=120).stdout
    subprocess.run([BIN / "psql", "-h", "127.0.0.1", "-p", str(pair.primary_port), "-U", "postgres", "-d", DB,
                    "-q", "-v", "ON_ERROR_STOP=1"], input=dump, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def pg_pair(django_db_setup, django_db_blocker):
    if connections["default"].vendor != "postgresql" or "replica" not in connections.settings:
        pytest.skip("needs PostgreSQL (DATABASE_URL): a real primary and standby are started from its binaries")
    if not (BIN / "initdb").exists():
        pytest.skip(f"no PostgreSQL 15 binaries in {BIN}")
    root = Path(tempfile.mkdtemp(prefix="wanian-replica-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
    pair = None
    try:
        pair = _start_pair(root)
        with django_db_blocker.unblock():
            _load_schema(pair, connections["default"].settings_dict)
        pair.wait_caught_up()
        yield pair
    finally:
        for data in (root / "standby", root / "primary"):
            if (data / "postmaster.pid").exists():
                subprocess.run(_as_postgres(BIN / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"),
                               capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def on_pair(pg_pair, settings):
    """Django's `default` on the temporary primary and `replica` on its standby, the router and its middleware on,
    the standby's replay running; afterwards the primary is emptied and the test databases are back."""
    saved = {}
    for alias, port in (("default", pg_pair.primary_port), ("replica", pg_pair.standby_port)):
        connection = connections[alias]
        connection.close()
        saved[alias] = dict(connection.settings_dict)
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(port), NAME=DB, USER="postgres", PASSWORD="")
    settings.READ_REPLICA = "replica"
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "wanian_exec.db_routers.ReplicaReadsMiddleware"]
    db_routers._down_until = 0.0
    try:
        yield pg_pair
    finally:
        db_routers._down_until = 0.0
        if not (pg_pair.standby_dir / "postmaster.pid").exists():
            pg_pair.start_standby()
        if pg_pair.standby("SELECT pg_is_wal_replay_paused()")[0]:
            pg_pair.standby("SELECT pg_wal_replay_resume()")
        call_command("flush", database="default", interactive=False, verbosity=0)
        pg_pair.wait_caught_up()
        for alias, old in saved.items():
            connections[alias].close()
            connections[alias].settings_dict.clear()
            connections[alias].settings_dict.update(old)


