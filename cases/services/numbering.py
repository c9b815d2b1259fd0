"""Case numbers `（2024）赣1129执123号`: one gap-free sequence per court, year of filing and case type."""
from django.db import transaction
from django.db.models import F

from ..models import CaseNumberCounter, Court


def format_case_number(*, court_code: str, year: int, case_type: str, sequence: int) -> str:
    return f"（{year}）{court_code}{case_type}{sequence}号"


def take_next(counter_model, **key) -> int:
    """The next value of the gap-free counter row `key` of `counter_model` (a `last` column), created at 1.
    Must run inside the transaction that saves what the number is for.

    The UPDATE … SET last = last + 1 takes a row lock that concurrent writers wait on until this transaction
    commits (PostgreSQL), or the whole transaction holds SQLite's write lock (IMMEDIATE mode), so two clerks
    never get the same number; a rolled-back filing rolls back its increment too, so no gaps appear.
    Two queries for every number but a series' first (a savepoint of its own would add two more on PostgreSQL:
    it joins the caller's transaction, and a failure here fails the caller's write).
    """
    counter = counter_model.objects.filter(**key)
    with transaction.atomic(savepoint=False):
        if not counter.update(last=F("last") + 1):  # the series' first number: create its row, once
            counter_model.objects.get_or_create(**key)
            counter.update(last=F("last") + 1)
        return counter.values_list("last", flat=True).get()


def allocate_case_number(*, court: Court, year: int, case_type: str) -> tuple[int, str]:
    """Take the next sequence number of the court, year of filing and case type (take_next)."""
    sequence = take_next(CaseNumberCounter, court=court, year=year, case_type=case_type)
    return sequence, format_case_number(court_code=court.code, year=year, case_type=case_type, sequence=sequence)


def raise_counter(counter_model, *, at_least: int, **key) -> None:
    """Make the counter row `key` of `counter_model` hand out numbers after `at_least` (numbers taken outside
    take_next: a court's earlier cases, imported with their own numbers). Never lowers it. Inside the caller's
    transaction; the UPDATE locks the row as take_next does."""
    from django.db.models.functions import Greatest

    with transaction.atomic(savepoint=False):
        counter_model.objects.get_or_create(**key)
        counter_model.objects.filter(**key).update(last=Greatest(F("last"), at_least))
