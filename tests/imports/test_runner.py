"""The runner and its task: cell parsers, a task delivered twice, a job left running by a dead worker, and a
failure in the write pass leaving nothing written."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from cases.models import CaseEvent, EnforcementCase, Party
from imports.models import ImportJob
from imports.registry import CellError, parse_date, parse_money
from imports.services.runner import STALE_AFTER, import_job_create, import_run
from imports.tasks import run_import
from tests.imports.conftest import csv_file

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text, day", [
    ("2024-03-01", dt.date(2024, 3, 1)), ("2024/3/1", dt.date(2024, 3, 1)), ("2024.03.01", dt.date(2024, 3, 1)),
    ("2024年3月1日", dt.date(2024, 3, 1)), ("20240301", dt.date(2024, 3, 1)), ("2024-03-01 00:00:00", dt.date(2024, 3, 1)),
])
def test_dates_are_read_in_the_forms_courts_write_them(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["2024-02-30", "1.3.2024", "03/01/2024", "明天", "1900-01-01"])
def test_anything_else_is_not_a_date(text):
    with pytest.raises(CellError):
        parse_date(text)


@pytest.mark.parametrize("text, amount", [
    ("126000", Decimal("126000.00")), ("126,000.50", Decimal("126000.50")), ("￥1,234.5", Decimal("1234.50")),
    ("0.01", Decimal("0.01")), ("12.6元", Decimal("12.60")),
])
def test_money_is_decimal_yuan(text, amount):
    assert parse_money(text) == amount


@pytest.mark.parametrize("text", ["1e5", "12.345", "-5", "12,34", "１２３", "NaN", "1000000000000"])
def test_anything_else_is_not_money(text):
    with pytest.raises(CellError):
        parse_money(text)


def _job(court_admin, rows, capture):
    with capture(execute=False):  # the task is run by hand below
        return import_job_create(court=court_admin.court, actor=court_admin, kind="enforcement_cases",
                                 upload=csv_file([rows.case(1), rows.case(2)]))


def test_a_second_delivery_of_the_task_does_nothing(court_admin, judge, rows, django_capture_on_commit_callbacks):
    job = _job(court_admin, rows, django_capture_on_commit_callbacks)
    assert run_import(job.pk) == "done"
    events = CaseEvent.objects.count()
    assert run_import(job.pk) == "skipped"
    assert EnforcementCase.objects.count() == 2 and CaseEvent.objects.count() == events
    assert run_import(999999) == "skipped"  # a job that is gone


def test_a_job_left_running_by_a_dead_worker_is_taken_up_again(court_admin, judge, rows,
                                                               django_capture_on_commit_callbacks):
    job = _job(court_admin, rows, django_capture_on_commit_callbacks)
    ImportJob.objects.filter(pk=job.pk).update(status="running", started_at=timezone.now())
    assert run_import(job.pk) == "skipped"  # still running somewhere
    ImportJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - STALE_AFTER - dt.timedelta(minutes=1))
    assert run_import(job.pk) == "done" and EnforcementCase.objects.count() == 2


def test_a_failure_in_the_write_pass_writes_nothing(court_admin, judge, rows, django_capture_on_commit_callbacks,
                                                    monkeypatch):
    from imports.kinds.enforcement_cases import writer

    def broken(rows):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer, "record_events", broken)
    job = _job(court_admin, rows, django_capture_on_commit_callbacks)
    assert import_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.errors[0]["message"] == "导入时发生内部错误，未写入任何数据。请联系系统管理员。"
    assert not EnforcementCase.objects.exists() and not Party.objects.filter(name__startswith="债务人").exists()


def test_the_file_is_kept_as_uploaded(court_admin, judge, rows, django_capture_on_commit_callbacks):
    import hashlib

    upload = csv_file([rows.case(1)])
    data = upload.read()
    upload.seek(0)
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(court=court_admin.court, actor=court_admin, kind="enforcement_cases", upload=upload)
    job.refresh_from_db()
    with job.file.open("rb") as stored:
        assert stored.read() == data
    assert job.sha256 == hashlib.sha256(data).hexdigest() and job.status == "done"
