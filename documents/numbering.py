"""Document numbers `（2024）赣1129执通5号`: one gap-free sequence per court, year of issue and document kind.

Numbered by cases.services.numbering's take_next (and its formatter), on a counter table of its own
(`DocumentCounter`): the case-number counter's `case_type` column holds only 8 characters, and a document
series is not a case type — keeping them apart keeps counts of case types honest.
"""
from cases.models import Court
from cases.services.numbering import format_case_number, take_next

from .choices import DocumentKind
from .models import DocumentCounter

# Series code printed in each kind's number. None of them is a case-type code (执, 执恢, 执保, … 民初), so a
# document number never reads like a case number.
SERIES = {
    DocumentKind.EXECUTION_NOTICE: "执通",
    DocumentKind.REPORT_ORDER: "执报",
    DocumentKind.CONSUMPTION_RESTRICTION_ORDER: "执限",
    DocumentKind.DISHONEST_DECISION: "执失",
    DocumentKind.SUMMONS_WARRANT: "执传",
    DocumentKind.DETENTION_DECISION: "执拘",
    DocumentKind.FINE_DECISION: "执罚",
    DocumentKind.ASSISTANCE_NOTICE: "执助",
    DocumentKind.CRIMINAL_REFERRAL_LETTER: "执移",
    DocumentKind.TERMINATION_RULING: "执终",
    DocumentKind.RESUMPTION_NOTICE: "执恢通",
}


def format_document_number(*, court_code: str, year: int, kind: str, sequence: int) -> str:
    return format_case_number(court_code=court_code, year=year, case_type=SERIES[kind], sequence=sequence)


def allocate_document_number(*, court: Court, year: int, kind: str) -> tuple[int, str]:
    """Take the next number of the court, year of issue and kind (cases.services.numbering.take_next): no
    duplicates, no gaps. Must run inside the transaction that saves the document."""
    sequence = take_next(DocumentCounter, court=court, year=year, kind=kind)
    return sequence, format_document_number(court_code=court.code, year=year, kind=kind, sequence=sequence)
