"""Document numbers: a document carries its case's own number (案号), e.g. 执行通知书 （2024）赣1129执123号; a 执恢
case's documents carry the 执恢 number, since that is the case's number.

Rulings (裁定书) and decisions (决定书) are numbered within the case: the first ruling carries the bare case
number, the second （2024）赣1129执123号之一, the third …之二; decisions likewise, in a series of their own.
Notices, orders, warrants and letters (通知书、令、票、函) simply carry the case number.

The series counter is taken with cases.services.numbering.take_next on a row per (case, series), so two documents
issued at once never get the same suffix, and a rolled-back issue gives its number back.
"""
from cases.models import EnforcementCase
from cases.services.numbering import take_next

from .chinese_dates import chinese_number, parse_chinese_number
from .choices import DocumentKind, DocumentSeries
from .models import DocumentCounter

# Which kinds are rulings or decisions (numbered with 之一 …); every other kind carries the bare case number.
SERIES = {
    DocumentKind.TERMINATION_RULING: DocumentSeries.RULING,
    DocumentKind.DISHONEST_DECISION: DocumentSeries.DECISION,
    DocumentKind.DETENTION_DECISION: DocumentSeries.DECISION,
    DocumentKind.FINE_DECISION: DocumentSeries.DECISION,
}


def format_document_number(case_number: str, sequence: int) -> str:
    """The `sequence`-th ruling (or decision) of a case: 1 → the case number, 2 → …之一, 3 → …之二."""
    if sequence < 1:
        raise ValueError(sequence)
    return case_number if sequence == 1 else f"{case_number}之{chinese_number(sequence - 1)}"


def is_number_of_case(number: str, case_number: str) -> bool:
    """Whether `number` is the case's number or one of its 之N numbers (for a ruling named on another document)."""
    if number == case_number:
        return True
    if not number.startswith(case_number + "之"):
        return False
    try:
        return parse_chinese_number(number[len(case_number) + 1:]) > 0
    except ValueError:
        return False


def take_series_number(case: EnforcementCase, series: str) -> tuple[int, str]:
    """The next number of the case's rulings or decisions. Must run inside the transaction that saves it."""
    sequence = take_next(DocumentCounter, case=case, series=series)
    return sequence, format_document_number(case.number, sequence)


def allocate_document_number(*, case: EnforcementCase, kind: str) -> tuple[str, int, str]:
    """(series, sequence, number) of a new document of `kind` in `case`; series "" and sequence 0 for the kinds
    that carry the bare case number."""
    series = SERIES.get(kind)
    if series is None:
        return "", 0, case.number
    sequence, number = take_series_number(case, series)
    return series, sequence, number
