"""A small court seeded through the real services (cases, money received, a closed case, a generated PDF under a
temporary MEDIA_ROOT), and a database restored from a backup that Django's `default` alias can be pointed at."""
import datetime as dt
import re
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connections

from cases.choices import ClosureMethod, FundDirection
from cases.services.case_work import case_record_fund
from cases.services.enforcement import case_close
from documents.services import document_issue


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def small_court(media_root, make_case, judge, court):
    cases = [make_case(filed_on=dt.date(2024, month, 3), amount_claimed=Decimal(20000 * month))
             for month in range(1, 6)]
    case_record_fund(case=cases[0], actor=judge, direction=FundDirection.IN, amount=Decimal("20000.00"),
                     occurred_on=dt.date(2024, 2, 1))
    case_close(case=cases[0], actor=judge, method=ClosureMethod.COMPLETED, closed_on=dt.date(2024, 2, 5))
    case_record_fund(case=cases[1], actor=judge, direction=FundDirection.IN, amount=Decimal("1234.56"),
                     occurred_on=dt.date(2024, 3, 1))
    document = document_issue(case=cases[2], kind="execution_notice", actor=judge, issued_on=dt.date(2024, 3, 4))
    return cases, document


def restored_target(tmp_path: Path, alias: str = "default") -> str:
    """Where the drill restores to: a database beside the test database on PostgreSQL, a file on SQLite."""
    settings_dict = connections[alias].settings_dict
    if connections[alias].vendor == "postgresql":
        return f"{settings_dict['NAME']}_drill"
    return str(tmp_path / "restored.sqlite3")


def drop_postgres_database(name: str, alias: str = "default") -> None:
    import psycopg2
    from psycopg2 import sql

    settings_dict = connections[alias].settings_dict
    conn = psycopg2.connect(dbname="postgres", host=settings_dict["HOST"] or None, port=settings_dict["PORT"] or None,
                            user=settings_dict["USER"] or None, password=settings_dict["PASSWORD"] or None)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
    finally:
        conn.close()


@contextmanager
def default_on(name: str, alias: str = "default"):
    """Django's `default` alias on another database of the same server (or another SQLite file) inside the block."""
    connection = connections[alias]
    connection.close()
    saved = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved


@pytest.fixture
def drill_database(tmp_path):
    """The restored database's name (or path); dropped afterwards on PostgreSQL."""
    name = restored_target(tmp_path)
    if connections["default"].vendor == "postgresql":
        drop_postgres_database(name)
    yield name
    if connections["default"].vendor == "postgresql":
        drop_postgres_database(name)


_VARYING = [re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), re.compile(r'nonce="[^"]+"'),
            re.compile(r'name="csrf-token" content="[^"]+"'), re.compile(r'"X-CSRFToken": "[^"]+"')]


def page_text(response) -> str:
    """A page's HTML without what differs from one request to the next (CSRF tokens, CSP nonces)."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    for pattern in _VARYING:
        html = pattern.sub("", html)
    return html


def same_lines(actual: str, expected: str) -> bool:
    """Equal pages; otherwise False with the differing lines printed (pytest shows them)."""
    if actual == expected:
        return True
    import difflib

    print("\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(), "before", "restored", n=1,
                                         lineterm="")))
    return False
