"""Fixtures of the documents suite: PDFs under a temporary MEDIA_ROOT, approved measures through the real
services, the text of a PDF as pdftotext reads it."""
import datetime as dt
import json
import subprocess
from decimal import Decimal

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from cases.choices import EventKind, InquiryChannel
from cases.services.case_work import case_record_event, case_request_inquiry
from cases.services.enforcement import enforcement_case_file
from documents.services import document_issue
from sanctions.services import sanction_approve
from tests.factories import OrganizationFactory, PersonFactory, UserFactory, propose_measure

FALLBACK_TEMPLATES = __file__.rsplit("/", 1)[0] + "/fallback_templates"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def page_templates(settings):
    """The pages extend base.html, which the base UI provides; should it be missing, a bare stand-in is used so
    these tests check the documents pages only."""
    try:
        get_template("base.html")
    except TemplateDoesNotExist:
        settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], FALLBACK_TEMPLATES]}]


@pytest.fixture(autouse=True)
def no_assets_found(settings, tmp_path):
    """The simulated asset inquiry finds nothing for these parties (a 终本 case)."""
    path = tmp_path / "inquiry_empty.json"
    path.write_text(json.dumps({}), encoding="utf-8")
    settings.INQUIRY_SIMULATOR_FIXTURE = path


def pdf_text(document) -> str:
    """The PDF's text as pdftotext extracts it, whitespace removed (lines wrap anywhere in Chinese text)."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", document.pdf.path, "-"], capture_output=True, check=True)
    return "".join(result.stdout.decode("utf-8").split())


@pytest.fixture
def company(court):
    return OrganizationFactory(court=court, name="江西某建材有限公司", legal_representative="王某",
                               address="江西省万年县陈营镇工业园")


@pytest.fixture
def debtor(court):
    return PersonFactory(court=court, name="李某", address="江西省万年县陈营镇李家村12号")


@pytest.fixture
def approve(judge, leader):
    """Propose a measure as the judge and approve it as the leader (院长), through the sanctions services."""

    def make(case, kind, *, party=None, decided_on=dt.date(2024, 4, 1), approved_on=dt.date(2024, 4, 2), **fields):
        sanction = propose_measure(case, party or case.respondents.first(), kind, actor=judge, decided_on=decided_on,
                                   **fields)
        return sanction_approve(sanction=sanction, actor=leader, on=approved_on)

    return make


@pytest.fixture
def propose(judge):
    def make(case, kind, *, party=None, decided_on=dt.date(2024, 4, 1), **fields):
        return propose_measure(case, party or case.respondents.first(), kind, actor=judge, decided_on=decided_on,
                               **fields)

    return make


@pytest.fixture
def li_case(court, judge, company, debtor):
    """The 李某 case of the article: 10.8万 for building materials, the debtor's money held by another firm."""
    return enforcement_case_file(court=court, actor=judge, applicants=[company], respondents=[debtor],
                                 amount_claimed=Decimal("108000.00"), filed_on=dt.date(2024, 3, 1), judge=judge,
                                 source_document="（2023）赣1129民初456号民事判决书")


@pytest.fixture
def reader(court):
    """A user of the court who may read cases but not handle them (a trial judge)."""
    return UserFactory(court=court, username="reader", roles=["trial_judge"])


@pytest.fixture
def foreign_judge(other_court):
    return UserFactory(court=other_court, username="foreign_judge", roles=["enforcement_judge", "clerk"])


@pytest.fixture
def ready_for_termination(judge, approve):
    """Bring a case to where every 终本 precondition holds, issuing the notice and report order as documents."""

    def make(case):
        document_issue(case=case, kind="execution_notice", actor=judge, issued_on=dt.date(2024, 3, 2))
        document_issue(case=case, kind="report_order", actor=judge, issued_on=dt.date(2024, 3, 2))
        for party in case.respondents.all():
            approve(case, "consumption_restriction", party=party)
            case_record_event(case=case, actor=judge, kind=EventKind.PROPERTY_REPORTED, party=party,
                              occurred_on=dt.date(2024, 3, 8), note="申报无财产")
            case_record_event(case=case, actor=judge, kind=EventKind.REPORT_VERIFIED, party=party,
                              occurred_on=dt.date(2024, 3, 8), note="经网络查控核对属实")
        case_request_inquiry(case=case, actor=judge, channel=InquiryChannel.ONLINE,
                             scopes=["deposit", "vehicle", "real_estate", "securities"],
                             requested_on=dt.date(2024, 3, 5))
        case_record_event(case=case, actor=judge, kind=EventKind.APPLICANT_HEARD, occurred_on=dt.date(2024, 6, 20),
                          note="申请执行人同意终本")
        case_record_event(case=case, actor=judge, kind=EventKind.APPLICANT_CONSENT, occurred_on=dt.date(2024, 6, 20),
                          note="申请执行人签字确认同意终本")
        return case

    return make
