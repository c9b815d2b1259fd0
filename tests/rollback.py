"""Rows a whole test module shares, built once and undone after it."""
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def rolled_back():
    """A transaction undone on exit, for rows a whole test module shares: each test's own writes run in a savepoint
    of it (pytest-django's `db` nests its atomic inside) and are undone after the test."""
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
