"""Document numbers: the case's own number; a case's later rulings and decisions add 之一, 之二 … — without a
duplicate or a gap under concurrent issue, on PostgreSQL and on SQLite.

The concurrent tests work as tests/cases/test_numbering.py: each thread on its own connection against committed data
(`transaction=True`); tests/conftest.py puts the SQLite test database in a file so threads can share it.
"""
import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from cases.services.enforcement import case_close, case_resume, enforcement_case_file
from documents.choices import DocumentKind, DocumentSeries
from documents.models import Document, DocumentCounter
from documents.numbering import SERIES, format_document_number, is_number_of_case, take_series_number
from documents.services import document_issue
from sanctions.services import sanction_approve
from tests.factories import PersonFactory, propose_measure
from tests.threads import run_in_threads

THREADS = 8
PER_THREAD = 6


class Rollback(Exception):
    pass


# --- the rule -----------------------------------------------------------------------------------------------------

def test_the_first_ruling_has_the_bare_case_number_and_later_ones_zhi_yi_zhi_er():
    number = "（2024）赣1129执123号"
    assert [format_document_number(number, n) for n in (1, 2, 3, 11, 12)] == [
        number, f"{number}之一", f"{number}之二", f"{number}之十", f"{number}之十一"]


def test_a_number_of_the_case_is_its_number_or_a_zhi_n_of_it():
    number = "（2024）赣1129执123号"
    assert is_number_of_case(number, number)
    assert is_number_of_case(f"{number}之三", number)
    assert not is_number_of_case("（2024）赣1129执124号", number)
    assert not is_number_of_case(f"{number}之", number)
    assert not is_number_of_case(f"{number}之〇", number)
    assert not is_number_of_case(f"{number}之3", number)


def test_rulings_and_decisions_are_numbered_series_notices_orders_and_letters_are_not():
    assert SERIES == {
        DocumentKind.TERMINATION_RULING: DocumentSeries.RULING,
        DocumentKind.DISHONEST_DECISION: DocumentSeries.DECISION,
        DocumentKind.DETENTION_DECISION: DocumentSeries.DECISION,
        DocumentKind.FINE_DECISION: DocumentSeries.DECISION,
    }


@pytest.mark.django_db
def test_a_cases_decisions_take_zhi_yi_zhi_er_its_notices_the_bare_number(enforcement_case, judge, leader,
                                                                          respondent):
    # given a case with a second debtor and three approved measures
    second = PersonFactory(court=enforcement_case.court, name="钱某")
    enforcement_case.respondents.add(second)

    def approved(kind, party, **fields):
        sanction = propose_measure(enforcement_case, party, kind, actor=judge, decided_on=dt.date(2024, 4, 1),
                                   **fields)
        return sanction_approve(sanction=sanction, actor=leader, on=dt.date(2024, 4, 2))

    fine = approved("fine", respondent, amount=Decimal("10000.00"))
    detention = approved("detention", second, start_on=dt.date(2024, 4, 3), end_on=dt.date(2024, 4, 9))
    listing = approved("dishonest_list", respondent, dishonest_ground="report_breach")
    on = {"actor": judge, "issued_on": dt.date(2024, 4, 3)}
    # when the court issues a notice, two decisions, another notice and a third decision
    notice = document_issue(case=enforcement_case, kind="execution_notice", **on)
    first = document_issue(case=enforcement_case, kind="fine_decision", sanction=fine, **on)
    second_decision = document_issue(case=enforcement_case, kind="detention_decision", sanction=detention, **on)
    order = document_issue(case=enforcement_case, kind="report_order", **on)
    third = document_issue(case=enforcement_case, kind="dishonest_decision", sanction=listing, **on)
    # then the decisions run bare, 之一, 之二 across their kinds; the notice and the order carry the case number
    number = enforcement_case.number
    assert [d.number for d in (first, second_decision, third)] == [number, f"{number}之一", f"{number}之二"]
    assert notice.number == order.number == number
    assert DocumentCounter.objects.get(case=enforcement_case, series="decision").last == 3


@pytest.mark.django_db
def test_a_resumed_cases_documents_carry_the_zhihui_number(enforcement_case, judge, ready_for_termination):
    ready_for_termination(enforcement_case)
    case_close(case=enforcement_case, actor=judge, method="terminated_current", closed_on=dt.date(2024, 7, 1),
               reason="未发现可供执行的财产")
    ruling = document_issue(case=enforcement_case, kind="termination_ruling", actor=judge,
                            issued_on=dt.date(2024, 7, 1))
    resumed = case_resume(case=enforcement_case, actor=judge, filed_on=dt.date(2024, 9, 2))
    notice = document_issue(case=resumed, kind="resumption_notice", actor=judge, issued_on=dt.date(2024, 9, 3))
    assert "执恢" in resumed.number
    assert notice.number == resumed.number
    # the 终本 ruling of the original case is that case's first ruling: its bare number
    assert ruling.number == enforcement_case.number


@pytest.mark.django_db
def test_an_assistance_notice_names_its_ruling_which_takes_the_cases_next_ruling_number(li_case, judge):
    extra = {"third_party": "万年县某建筑工程有限公司", "amount": Decimal("50000.00"), "asset_description": "应付工程款"}
    first = document_issue(case=li_case, kind="assistance_notice", actor=judge, issued_on=dt.date(2024, 4, 3),
                           extra=extra)
    second = document_issue(case=li_case, kind="assistance_notice", actor=judge, issued_on=dt.date(2024, 4, 5),
                            extra=extra)
    given = document_issue(case=li_case, kind="assistance_notice", actor=judge, issued_on=dt.date(2024, 4, 6),
                           extra={**extra, "ruling_number": li_case.number})
    assert first.number == second.number == given.number == li_case.number
    assert (first.inputs["ruling_number"], second.inputs["ruling_number"]) == (li_case.number, f"{li_case.number}之一")
    assert f"{li_case.number}之一执行裁定" in second.html
    assert given.inputs["ruling_number"] == li_case.number


@pytest.mark.django_db
def test_an_assistance_notice_refuses_another_cases_ruling(li_case, enforcement_case, judge):
    from django.core.exceptions import ValidationError

    extra = {"third_party": "某公司", "amount": Decimal("500.00"), "asset_description": "应付货款",
             "ruling_number": enforcement_case.number}
    with pytest.raises(ValidationError) as error:
        document_issue(case=li_case, kind="assistance_notice", actor=judge, issued_on=dt.date(2024, 4, 3),
                       extra=extra)
    assert "ruling_number" in error.value.message_dict
    assert not Document.objects.exists()


# --- under concurrency --------------------------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_parallel_allocations_with_rollbacks_leave_no_gap_and_no_duplicate(court, judge, applicant, respondent):
    case = enforcement_case_file(court=court, actor=judge, applicants=[applicant], respondents=[respondent],
                                 amount_claimed=Decimal("1000.00"), filed_on=dt.date(2024, 6, 1),
                                 source_document="调解书")

    # given 8 threads taking 6 decision numbers each in one case, every third one in a transaction that then fails
    def allocate(index):
        kept = []
        for n in range(PER_THREAD):
            try:
                with transaction.atomic():
                    sequence, number = take_series_number(case, DocumentSeries.DECISION)
                    if (index + n) % 3 == 0:
                        raise Rollback
                    kept.append((sequence, number))
            except Rollback:
                pass
        return kept

    kept = [pair for chunk in run_in_threads(allocate, THREADS) for pair in chunk]
    # then the committed numbers are exactly the first k of the case, each once, and the counter says k
    sequences = sorted(s for s, _ in kept)
    assert sequences == list(range(1, len(kept) + 1))
    assert {n for _, n in kept} == {format_document_number(case.number, s) for s in sequences}
    assert DocumentCounter.objects.get(case=case, series="decision").last == len(kept)


@pytest.mark.django_db(transaction=True)
def test_parallel_decisions_in_one_case_never_share_a_number(court, judge, leader, applicant, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    debtors = [PersonFactory(court=court, name=f"债务人{i}") for i in range(4)]
    case = enforcement_case_file(court=court, actor=judge, applicants=[applicant], respondents=debtors,
                                 amount_claimed=Decimal("1000.00"), filed_on=dt.date(2024, 6, 1),
                                 source_document="调解书")
    fines = [sanction_approve(sanction=propose_measure(case, d, "fine", actor=judge, decided_on=dt.date(2024, 6, 2),
                                                       amount=Decimal("1000.00")),
                              actor=leader, on=dt.date(2024, 6, 2)) for d in debtors]

    def issue(index):
        return document_issue(case=case, kind="fine_decision", sanction=fines[index], actor=judge,
                              issued_on=dt.date(2024, 6, 3)).number

    numbers = run_in_threads(issue, 4)
    assert sorted(numbers) == sorted(format_document_number(case.number, n) for n in range(1, 5))
    assert Document.objects.count() == 4


@pytest.mark.django_db
def test_a_draft_shows_the_ruling_number_it_would_take_and_takes_none(li_case, judge):
    from documents.services import document_draft

    extra = {"third_party": "某公司", "amount": Decimal("500.00"), "asset_description": "应付货款"}
    html = document_draft(case=li_case, kind="assistance_notice", issued_on=dt.date(2024, 4, 3), extra=extra)
    assert f"本院已作出{li_case.number}执行裁定" in html
    assert not DocumentCounter.objects.exists()
    issued = document_issue(case=li_case, kind="assistance_notice", actor=judge, issued_on=dt.date(2024, 4, 3),
                            extra=extra)
    assert issued.inputs["ruling_number"] == li_case.number
