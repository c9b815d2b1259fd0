"""Case numbers under concurrent filing: no duplicates, no gaps, on PostgreSQL and on SQLite.

Each thread files through the real service on its own database connection, so the test needs committed data
(`transaction=True`). On SQLite tests/conftest.py puts the test database in a file (an in-memory database cannot
be shared between threads); IMMEDIATE transactions then serialise the filings.
"""
import datetime as dt
from decimal import Decimal

import pytest

from cases.models import CaseNumberCounter, EnforcementCase, LitigationCase
from cases.services.enforcement import enforcement_case_file
from cases.services.litigation import litigation_case_file
from cases.services.numbering import allocate_case_number, format_case_number
from tests.threads import run_in_threads

THREADS = 8
FILINGS_PER_THREAD = 5


@pytest.mark.django_db(transaction=True)
def test_parallel_enforcement_filings_get_numbers_one_to_forty(court, judge, applicant, respondent):
    # given 8 clerks filing 5 cases each at the same moment
    def file_five(index):
        return [enforcement_case_file(court=court, actor=judge, applicants=[applicant], respondents=[respondent],
                                      amount_claimed=Decimal("1000.00"), filed_on=dt.date(2024, 6, 1),
                                      source_document=f"调解书{index}-{n}").sequence
                for n in range(FILINGS_PER_THREAD)]

    # when
    run_in_threads(file_five, THREADS)
    # then every number 1..40 was handed out exactly once
    total = THREADS * FILINGS_PER_THREAD
    sequences = sorted(EnforcementCase.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, total + 1))
    numbers = set(EnforcementCase.objects.values_list("number", flat=True))
    assert numbers == {f"（2024）赣1129执{n}号" for n in range(1, total + 1)}
    assert CaseNumberCounter.objects.get(court=court, year=2024, case_type="执").last == total


@pytest.mark.django_db(transaction=True)
def test_parallel_filings_of_two_types_keep_two_gap_free_sequences(court, judge, clerk, applicant, respondent):
    # given half the threads file enforcement cases and half litigation cases
    def file_some(index):
        for n in range(FILINGS_PER_THREAD):
            if index % 2:
                enforcement_case_file(court=court, actor=judge, applicants=[applicant], respondents=[respondent],
                                      amount_claimed=Decimal("1.00"), filed_on=dt.date(2024, 6, 1),
                                      source_document="裁决书")
            else:
                litigation_case_file(court=court, actor=clerk, cause="借款合同纠纷", filed_on=dt.date(2024, 6, 1),
                                     plaintiffs=[applicant], defendants=[respondent])

    # when
    run_in_threads(file_some, THREADS)
    # then
    half = THREADS // 2 * FILINGS_PER_THREAD
    assert sorted(EnforcementCase.objects.values_list("sequence", flat=True)) == list(range(1, half + 1))
    assert sorted(LitigationCase.objects.values_list("sequence", flat=True)) == list(range(1, half + 1))


@pytest.mark.django_db(transaction=True)
def test_parallel_allocations_for_a_new_counter_row_do_not_collide(court):
    # given no counter row yet for 2023 执保: every thread races to create it
    def allocate(index):
        from django.db import transaction

        with transaction.atomic():
            return allocate_case_number(court=court, year=2023, case_type="执保")[0]

    # when
    sequences = run_in_threads(allocate, THREADS)
    # then
    assert sorted(sequences) == list(range(1, THREADS + 1))
    assert CaseNumberCounter.objects.filter(court=court, year=2023, case_type="执保").count() == 1


def test_number_format():
    assert format_case_number(court_code="赣1129", year=2024, case_type="执", sequence=123) == "（2024）赣1129执123号"
