"""Document numbers under concurrent issue: no duplicates, no gaps — on PostgreSQL and on SQLite.

As tests/cases/test_numbering.py: each thread works on its own connection against committed data
(`transaction=True`); tests/conftest.py puts the SQLite test database in a file so threads can share it.
"""
import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from cases.services.enforcement import enforcement_case_file
from documents.models import Document, DocumentCounter
from documents.numbering import allocate_document_number
from documents.services import document_issue
from tests.threads import run_in_threads

THREADS = 8
PER_THREAD = 6


class Rollback(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_parallel_allocations_with_rollbacks_leave_no_gap_and_no_duplicate(court):
    # given 8 threads taking 6 numbers each, every third one in a transaction that then fails
    def allocate(index):
        kept = []
        for n in range(PER_THREAD):
            try:
                with transaction.atomic():
                    sequence, number = allocate_document_number(court=court, year=2024, kind="fine_decision")
                    if (index + n) % 3 == 0:
                        raise Rollback
                    kept.append((sequence, number))
            except Rollback:
                pass
        return kept

    # when
    kept = [pair for chunk in run_in_threads(allocate, THREADS) for pair in chunk]
    # then the committed numbers are exactly 1..k, each once, and the counter says k
    sequences = sorted(s for s, _ in kept)
    assert sequences == list(range(1, len(kept) + 1))
    assert {n for _, n in kept} == {f"（2024）赣1129执罚{s}号" for s in sequences}
    assert DocumentCounter.objects.get(court=court, year=2024, kind="fine_decision").last == len(kept)


@pytest.mark.django_db(transaction=True)
def test_parallel_issues_in_different_cases_share_one_gap_free_series(court, judge, applicant, respondent, settings,
                                                                    tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cases = [enforcement_case_file(court=court, actor=judge, applicants=[applicant], respondents=[respondent],
                                   amount_claimed=Decimal("1000.00"), filed_on=dt.date(2024, 6, 1),
                                   source_document=f"调解书{i}") for i in range(4)]

    def issue(index):
        return document_issue(case=cases[index], kind="execution_notice", actor=judge,
                              issued_on=dt.date(2024, 6, 2)).number

    numbers = run_in_threads(issue, 4)
    assert sorted(numbers) == [f"（2024）赣1129执通{n}号" for n in range(1, 5)]
    assert Document.objects.count() == 4
