"""Fixtures of the imports suite: files built from rows of the enforcement_cases template, run through the real
service and task (the outbox runs it in-process when the test's transaction would commit), under a temporary
MEDIA_ROOT."""
import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory, make_credit_code, make_resident_id

HEADERS = ["案号", "立案日期", "执行依据", "申请执行标的", "承办人", "申请执行人", "申请执行人证件号码", "被执行人",
           "被执行人证件号码", "执行到位金额", "结案方式", "结案日期", "执行通知书送达日期", "报告财产令送达日期",
           "限制消费令日期", "纳入失信日期", "最近网络查控日期", "听取申请人意见日期"]
KEYS = ["number", "filed_on", "source", "claimed", "judge", "applicants", "applicant_ids", "respondents",
        "respondent_ids", "recovered", "method", "closed_on", "notice", "report_order", "restricted", "dishonest",
        "inquiry", "heard"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def judge_wang(court):
    return UserFactory(court=court, username="wangfg", full_name="王法官", roles=["enforcement_judge"])


class Rows:
    """Rows of an enforcement_cases file: `rows.case(seq, **overrides)` makes a valid open case of the court."""

    def __init__(self):
        self.applicant_id = make_resident_id(birth=dt.date(1970, 1, 2))
        self.company_code = make_credit_code()

    def case(self, seq: int, year: int = 2020, case_type: str = "执", **overrides) -> dict:
        debtor = overrides.pop("debtor_id", None) or make_resident_id(birth=dt.date(1980, 5, 6))
        row = dict(number=f"（{year}）赣1129{case_type}{seq}号", filed_on=f"{year}-03-01",
                   source=f"（{year - 1}）赣1129民初{seq}号民事判决书", claimed="50000.00", judge="judge",
                   applicants="汪某", applicant_ids=self.applicant_id, respondents=f"债务人{seq}",
                   respondent_ids=debtor, recovered="", method="", closed_on="", notice="", report_order="",
                   restricted="", dishonest="", inquiry="", heard="")
        row.update(overrides)
        return row


@pytest.fixture
def rows():
    return Rows()


def csv_file(rows: list[dict], *, encoding: str = "utf-8", bom: bool = False, name: str = "cases.csv",
             headers=HEADERS, keys=KEYS) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(key, "") for key in keys])
    data = out.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_file(rows: list[dict], *, name: str = "cases.xlsx", dates_as_dates: bool = True) -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        cells = []
        for key in KEYS:
            value = row.get(key, "")
            if dates_as_dates and key in ("filed_on", "closed_on", "notice", "report_order", "restricted",
                                          "dishonest", "inquiry", "heard") and value:
                value = dt.date.fromisoformat(value)
            elif key in ("claimed", "recovered") and value:
                value = float(value)
            cells.append(value if value != "" else None)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


@pytest.fixture
def run_import(court_admin, django_capture_on_commit_callbacks):
    """Upload a file through the service and run the task as the commit would: returns the job, reloaded."""
    from imports.services.runner import import_job_create

    def run(upload, *, dry_run=False, kind="enforcement_cases", actor=None):
        with django_capture_on_commit_callbacks(execute=True):
            job = import_job_create(court=(actor or court_admin).court, actor=actor or court_admin, kind=kind,
                                    upload=upload, dry_run=dry_run)
        job.refresh_from_db()
        return job

    return run
