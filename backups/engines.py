"""The database part of a backup: PostgreSQL through pg_dump / pg_restore (custom format, restored in parallel),
SQLite through its backup API. Each side also reads what the manifest records (migration state, key-table counts)
and reads it back from a restored copy to compare.
"""
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections, transaction
from django.utils.translation import gettext as _

from .manifest import BackupError, key_tables


def state(cursor) -> tuple[dict[str, int], dict[str, list[str]]]:
    """(rows of each key table, applied migrations by app) read through a DB-API cursor."""
    counts = {}
    for label, table in key_tables().items():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[label] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    migrations: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        migrations.setdefault(app, []).append(name)
    return counts, migrations


# --- PostgreSQL ----------------------------------------------------------------------------------------------------

def _binary(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(_("找不到 %(program)s：请安装 PostgreSQL 客户端程序（postgresql-client）") % {"program": name})
    return path


def _libpq(settings_dict: dict) -> tuple[list[str], dict]:
    """Command-line connection options and environment (the password never on the command line)."""
    args = []
    if settings_dict.get("HOST"):
        args += ["-h", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", settings_dict["USER"]]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict, what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(_("%(program)s 失败（退出码 %(code)s）：%(error)s")
                          % {"program": what, "code": done.returncode, "error": done.stderr.strip()[-2000:]})


def pg_backup(alias: str, target: Path) -> tuple[dict, dict]:
    """pg_dump --format=custom of the alias's database into target; the counts and migrations read in the very
    snapshot pg_dump dumps (an exported REPEATABLE READ snapshot), so the manifest describes exactly the dump."""
    connection = connections[alias]
    args, env = _libpq(connection.settings_dict)
    command = [_binary("pg_dump"), "--format=custom", "--file", str(target), *args,
               "--dbname", connection.settings_dict["NAME"]]
    if connection.in_atomic_block:  # inside a caller's transaction: no snapshot of our own to export
        with connection.cursor() as cursor:
            counts, migrations = state(cursor)
        _run(command, env, "pg_dump")
        return counts, migrations
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts, migrations = state(cursor)
        _run([*command, "--snapshot", snapshot], env, "pg_dump")
    return counts, migrations


def _connect(settings_dict: dict, dbname: str):
    import psycopg2

    params = {"dbname": dbname, "connect_timeout": 10}
    for key, name in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if settings_dict.get(key):
            params[name] = settings_dict[key]
    return psycopg2.connect(**params)


def _user_tables(cursor) -> int:
    cursor.execute("SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                   "AND n.nspname NOT LIKE 'pg_toast%'")
    return cursor.fetchone()[0]


def pg_prepare(alias: str, name: str, force: bool) -> None:
    """The target database exists and is empty: created if missing; a database with tables is refused unless
    force, which drops and recreates it (refused by PostgreSQL while anyone is connected to it)."""
    from psycopg2 import sql

    settings_dict = connections[alias].settings_dict
    maintenance = _connect(settings_dict, "postgres")
    maintenance.autocommit = True
    try:
        with maintenance.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            exists = cursor.fetchone() is not None
        if exists:
            target = _connect(settings_dict, name)
            try:
                with target.cursor() as cursor:
                    tables = _user_tables(cursor)
            finally:
                target.close()
            if tables and not force:
                raise BackupError(_("目标数据库 %(name)s 不是空库（已有 %(tables)s 张表）：拒绝覆盖；确需覆盖请加 --force")
                                  % {"name": name, "tables": tables})
            if tables:
                with maintenance.cursor() as cursor:
                    cursor.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
                exists = False
        if not exists:
            with maintenance.cursor() as cursor:
                cursor.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'")
                               .format(sql.Identifier(name)))
    except Exception as error:
        if isinstance(error, BackupError):
            raise
        raise BackupError(_("无法准备目标数据库 %(name)s：%(error)s") % {"name": name, "error": error}) from error
    finally:
        maintenance.close()


def pg_restore(alias: str, dump: Path, name: str, jobs: int) -> None:
    args, env = _libpq(connections[alias].settings_dict)
    _run([_binary("pg_restore"), "--jobs", str(jobs), "--no-owner", "--no-privileges", "--exit-on-error", *args,
          "--dbname", name, str(dump)], env, "pg_restore")


def pg_state(alias: str, name: str) -> tuple[dict, dict]:
    target = _connect(connections[alias].settings_dict, name)
    try:
        with target.cursor() as cursor:
            return state(cursor)
    finally:
        target.close()


# --- SQLite --------------------------------------------------------------------------------------------------------

def sqlite_backup(alias: str, target: Path) -> tuple[dict, dict]:
    """A consistent copy through the SQLite backup API (an in-memory test database too); the counts are read from
    the copy itself."""
    connection = connections[alias]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return state(copy.cursor())
    finally:
        copy.close()


def _sqlite_tables(path: Path) -> int:
    if not path.exists() or path.stat().st_size == 0:
        return 0
    database = sqlite3.connect(path)
    try:
        return database.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    finally:
        database.close()


def sqlite_restore(source: Path, target: Path, force: bool) -> None:
    tables = _sqlite_tables(target)
    if tables and not force:
        raise BackupError(_("目标数据库 %(name)s 不是空库（已有 %(tables)s 张表）：拒绝覆盖；确需覆盖请加 --force")
                          % {"name": target, "tables": tables})
    target.parent.mkdir(parents=True, exist_ok=True)
    backup, restored = sqlite3.connect(source), sqlite3.connect(target)
    try:
        backup.backup(restored)  # replaces the whole target database
    finally:
        backup.close()
        restored.close()


def sqlite_state(path: Path) -> tuple[dict, dict]:
    database = sqlite3.connect(path)
    try:
        return state(database.cursor())
    finally:
        database.close()
