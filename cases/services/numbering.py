"""Case numbers `（2024）赣1129执123号`: one gap-free sequence per court, year of filing and case type."""
from django.db import transaction
from django.db.models import F

from ..models import CaseNumberCounter, Court


def format_case_number(*, court_code: str, year: int, case_type: str, sequence: int) -> str:
    return f"（{year}）{court_code}{case_type}{sequence}号"


def allocate_case_number(*, court: Court, year: int, case_type: str) -> tuple[int, str]:
    """Take the next sequence number. Must run inside the transaction that saves the case.

    The UPDATE … SET last = last + 1 takes a row lock that concurrent filings wait on until this transaction
    commits (PostgreSQL), or the whole transaction holds SQLite's write lock (IMMEDIATE mode), so two clerks
    never get the same number; a rolled-back filing rolls back its increment too, so no gaps appear.
    Two queries for every number but the first of a court, year and type (a savepoint of its own would add two
    more on PostgreSQL: it joins the caller's transaction, and a failure here fails the filing).
    """
    counter = CaseNumberCounter.objects.filter(court=court, year=year, case_type=case_type)
    with transaction.atomic(savepoint=False):
        if not counter.update(last=F("last") + 1):  # the year's first number of its type: create the row, once
            CaseNumberCounter.objects.get_or_create(court=court, year=year, case_type=case_type)
            counter.update(last=F("last") + 1)
        sequence = counter.values_list("last", flat=True).get()
    return sequence, format_case_number(court_code=court.code, year=year, case_type=case_type, sequence=sequence)
