"""The daily `reinquiries` job: due cases by index, one re-inquiry per (case, due date), results on the timeline,
the applicant told through the adapter, overdue flagged, reruns harmless."""
import datetime as dt
import logging

import pytest

from cases.choices import EventKind
from cases.models import Asset, AssetInquiry, CaseEvent, Todo
from cases.jobs import JOBS
from clearance.choices import ReinquiryStatus, TriggerKind
from clearance.models import Reinquiry, ResumeTrigger
from clearance.services.sweep import MAX_ATTEMPTS, reinquiries_job
from clearance.services.triggers import clearance_resume

pytestmark = pytest.mark.django_db

DUE = dt.date(2024, 2, 29)  # first re-inquiry of a case closed 2023-08-31


def run(day, court_id=None, capture=None):
    if capture is None:
        return reinquiries_job(court_id=court_id, today=day)
    with capture(execute=True):
        return reinquiries_job(court_id=court_id, today=day)


def test_nothing_is_due_before_six_months(stock_case, django_capture_on_commit_callbacks):
    summary = run(DUE - dt.timedelta(days=1), capture=django_capture_on_commit_callbacks)
    assert summary["scheduled"] == 0 and not Reinquiry.objects.exists()


def test_due_case_is_queried_recorded_and_the_applicant_told(stock_case, inquiry_results, caplog,
                                                             django_capture_on_commit_callbacks):
    # given a 终本 case whose debtor has no property yet
    inquiries_before = AssetInquiry.objects.filter(case=stock_case).count()
    # when the job runs on the due day (29 Feb: month-end clamped)
    with caplog.at_level(logging.INFO, logger="clearance.notify"):
        summary = run(DUE, capture=django_capture_on_commit_callbacks)
    # then one re-inquiry, done, on the timeline, the applicant told through the log adapter
    row = Reinquiry.objects.get(case=stock_case)
    assert (row.sequence, row.due_on, row.status, row.done_on, row.overdue) == (1, DUE, "done", DUE, False)
    assert summary["scheduled"] == 1 and summary["performed"] == 1 and summary["overdue"] == 0
    assert AssetInquiry.objects.filter(case=stock_case).count() == inquiries_before + 1
    assert CaseEvent.objects.filter(case=stock_case, kind=EventKind.NOTE, note__contains="第1次定期查询").exists()
    assert row.notified_at is not None
    assert "汪某" in caplog.text and stock_case.number in caplog.text


def test_rerunning_the_job_changes_nothing(stock_case, django_capture_on_commit_callbacks, caplog):
    run(DUE, capture=django_capture_on_commit_callbacks)
    inquiries = AssetInquiry.objects.count()
    events = CaseEvent.objects.count()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="clearance.notify"):
        again = run(DUE, capture=django_capture_on_commit_callbacks)
        later = run(DUE + dt.timedelta(days=3), capture=django_capture_on_commit_callbacks)
    assert again["scheduled"] == again["performed"] == later["scheduled"] == later["performed"] == 0
    assert Reinquiry.objects.count() == 1
    assert AssetInquiry.objects.count() == inquiries and CaseEvent.objects.count() == events
    assert "notice to applicant" not in caplog.text  # nobody told twice


def test_a_missed_day_is_caught_up_and_flagged_done_late(stock_case, django_capture_on_commit_callbacks):
    summary = run(DUE + dt.timedelta(days=3), capture=django_capture_on_commit_callbacks)
    row = Reinquiry.objects.get(case=stock_case)
    assert summary["performed"] == 1 and row.done_on == DUE + dt.timedelta(days=3) and row.overdue


def test_second_round_is_scheduled_six_months_later(stock_case, django_capture_on_commit_callbacks):
    run(DUE, capture=django_capture_on_commit_callbacks)
    run(dt.date(2024, 8, 31), capture=django_capture_on_commit_callbacks)
    assert list(Reinquiry.objects.order_by("due_on").values_list("sequence", "due_on")) == [
        (1, DUE), (2, dt.date(2024, 8, 31))]


def test_property_found_raises_a_resume_trigger_with_its_evidence(stock_case, respondent, inquiry_results,
                                                                   django_capture_on_commit_callbacks):
    inquiry_results({respondent.id_number: [{"kind": "real_estate", "institution": "万年县不动产登记中心",
                                             "description": "陈营镇商品房一套", "value": "380000.00"}]})
    summary = run(DUE, capture=django_capture_on_commit_callbacks)
    assert summary["with_assets"] == 1
    trigger = ResumeTrigger.objects.get(case=stock_case)
    asset = Asset.objects.get(case=stock_case, description="陈营镇商品房一套")
    assert (trigger.kind, trigger.asset, trigger.source_key) == (TriggerKind.PROPERTY_FOUND, asset, f"asset:{asset.pk}")
    assert "陈营镇商品房一套" in trigger.evidence
    todo = trigger.todo
    assert todo.assignee == stock_case.judge and "考虑恢复执行" in todo.title and todo.enforcement_case == stock_case
    # the rerun adds no second trigger or to-do
    run(DUE, capture=django_capture_on_commit_callbacks)
    assert ResumeTrigger.objects.count() == 1 and Todo.objects.filter(title__contains="考虑恢复执行").count() == 1


class BrokenProvider:
    name = "broken"

    def query(self, *, party, scopes):
        raise ConnectionError("gateway down")


def test_provider_failure_is_retried_then_flagged_and_handed_to_the_judge(stock_case, settings,
                                                                          django_capture_on_commit_callbacks):
    settings.INQUIRY_PROVIDER = "tests.clearance.test_sweep.BrokenProvider"
    first = run(DUE, capture=django_capture_on_commit_callbacks)
    row = Reinquiry.objects.get(case=stock_case)
    assert first["failed"] == 1 and row.status == ReinquiryStatus.FAILED and "gateway down" in row.error
    assert not AssetInquiry.objects.filter(case=stock_case, requested_on=DUE).exists()  # nothing half-written
    second = run(DUE + dt.timedelta(days=1), capture=django_capture_on_commit_callbacks)
    assert second["overdue"] == 1
    for n in range(MAX_ATTEMPTS):
        run(DUE + dt.timedelta(days=2 + n), capture=django_capture_on_commit_callbacks)
    row.refresh_from_db()
    assert row.attempts == MAX_ATTEMPTS and row.overdue
    assert Todo.objects.filter(kind="reinquiry_due", enforcement_case=stock_case, assignee=stock_case.judge).exists()
    # when the gateway is back, a manual inquiry by the judge satisfies the round
    settings.INQUIRY_PROVIDER = "cases.inquiry_providers.SimulatedProvider"


def test_a_resumed_case_leaves_the_schedule(stock_case, judge, django_capture_on_commit_callbacks):
    clearance_resume(case=stock_case, actor=judge, filed_on=dt.date(2024, 1, 10))
    summary = run(DUE, capture=django_capture_on_commit_callbacks)
    assert summary["scheduled"] == 0 and not Reinquiry.objects.exists()


def test_a_court_admin_runs_only_their_court(stock_case, other_court, django_capture_on_commit_callbacks):
    summary = run(DUE, court_id=other_court.pk, capture=django_capture_on_commit_callbacks)
    assert summary["scheduled"] == 0 and not Reinquiry.objects.exists()


def test_the_job_is_registered_with_a_beat_schedule():
    from django_celery_beat.models import PeriodicTask

    job = JOBS["reinquiries"]
    assert job.function == "clearance.services.sweep.reinquiries_job"
    task = PeriodicTask.objects.get(name=job.label)
    assert task.task == "cases.tasks.run_job" and '"reinquiries"' in task.kwargs
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("5", "20", "Asia/Shanghai")


def test_jobs_endpoint_runs_the_sweep(api, court_admin, judge, stock_case, django_capture_on_commit_callbacks):
    response = api.as_user(judge).post("/api/v1/jobs/reinquiries/run/")
    assert response.status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = api.as_user(court_admin).post("/api/v1/jobs/reinquiries/run/")
    assert response.status_code == 200, response.content
    assert response.json()["job"] == "reinquiries" and "scheduled" in response.json()["summary"]


class RecordingNotifier:
    sent = []

    def send(self, notice):
        RecordingNotifier.sent.append(notice)


def test_the_notifier_is_chosen_by_setting_and_tells_each_applicant_once(stock_case, settings,
                                                                         django_capture_on_commit_callbacks):
    from clearance.services.notify import reinquiry_notify

    settings.CLEARANCE_NOTIFIER = "tests.clearance.test_sweep.RecordingNotifier"
    RecordingNotifier.sent = []
    run(DUE, capture=django_capture_on_commit_callbacks)
    row = Reinquiry.objects.get(case=stock_case)
    assert [n.applicant_name for n in RecordingNotifier.sent] == ["汪某"]
    notice = RecordingNotifier.sent[0]
    assert (notice.case_number, notice.due_on, notice.assets_found) == (stock_case.number, "2024-02-29", 0)
    assert reinquiry_notify(reinquiry_id=row.pk) == {"sent": 0}  # the task run again: nobody told twice
    assert len(RecordingNotifier.sent) == 1


# --- catching up: every due or overdue case, oldest first, in batches --------------------------------------


TODAY = dt.date(2025, 12, 7)  # a sweep that has not run since the closures below


def _overdue_in_library(user, today):
    from clearance import selectors

    return selectors.library(user).filter(selectors.overdue_condition(today)).count()


def test_one_run_catches_up_every_overdue_case_oldest_first(make_stock_case, judge, settings,
                                                             django_capture_on_commit_callbacks):
    """Closed 5 months, 8 months, 14 months, 2 years and 6 years ago: the three in their schedule and overdue are
    queried in one run — the most overdue first — and the library's overdue count falls to 0."""
    closures = {"近期": dt.date(2025, 7, 1), "八月": dt.date(2025, 4, 1), "一年": dt.date(2024, 10, 1),
                "两年": dt.date(2023, 11, 20), "满五年": dt.date(2019, 11, 1)}
    cases = {name: make_stock_case(name=name, closed_on=on, filed_on=on - dt.timedelta(days=120))
             for name, on in closures.items()}
    assert _overdue_in_library(judge, TODAY) == 3
    settings.INQUIRY_PROVIDER = "tests.clearance.test_sweep.RecordingProvider"
    RecordingProvider.asked = []
    summary = run(TODAY, capture=django_capture_on_commit_callbacks)
    assert summary["scheduled"] == summary["performed"] == 3 and summary["overdue"] == 0
    # each case's latest due round; the oldest due date first
    due = {r.case.respondents.get().name: r.due_on for r in Reinquiry.objects.select_related("case")}
    assert due == {"八月": dt.date(2025, 10, 1), "一年": dt.date(2025, 10, 1), "两年": dt.date(2025, 11, 20)}
    assert sorted(RecordingProvider.asked[:2]) == ["一年", "八月"] and RecordingProvider.asked[2] == "两年"
    assert _overdue_in_library(judge, TODAY) == 0
    assert not Reinquiry.objects.filter(case__in=[cases["近期"], cases["满五年"]]).exists()
    # the next day nothing is left to do
    assert run(TODAY + dt.timedelta(days=1), capture=django_capture_on_commit_callbacks)["scheduled"] == 0


class RecordingProvider:
    """The simulated provider's answers, with the order the debtors were asked in."""
    name = "recording"
    asked: list = []

    def query(self, *, party, scopes):
        RecordingProvider.asked.append(party.name)
        return []


def test_a_case_the_judge_queried_after_its_due_date_is_not_queried_again(make_stock_case, judge,
                                                                             django_capture_on_commit_callbacks):
    from cases.services.case_work import case_request_inquiry

    case = make_stock_case(closed_on=dt.date(2024, 10, 1), filed_on=dt.date(2024, 6, 1))
    case_request_inquiry(case=case, actor=judge, channel="online", scopes=["deposit"],
                         requested_on=dt.date(2025, 10, 20))
    inquiries = AssetInquiry.objects.filter(case=case).count()
    run(TODAY, capture=django_capture_on_commit_callbacks)
    assert AssetInquiry.objects.filter(case=case).count() == inquiries  # the provider was not asked
    row = Reinquiry.objects.get(case=case)  # the round is recorded as done by the judge's inquiry
    assert (row.due_on, row.status, row.done_on) == (dt.date(2025, 10, 1), "done", dt.date(2025, 10, 20))


def test_scheduling_reads_in_a_bounded_number_of_queries(make_stock_case, django_assert_max_num_queries):
    """The schedule step costs the same for 2 cases as for 6 due in the same round: one SELECT and one INSERT per
    batch and round, never a query per case."""
    from clearance.services import sweep

    for n in range(2):
        make_stock_case(name=f"甲{n}", closed_on=dt.date(2024, 10, 1) + dt.timedelta(days=n))
    with django_assert_max_num_queries(40) as small:
        assert sweep.reinquiries_schedule(today=TODAY) == 2
    Reinquiry.objects.all().delete()
    for n in range(4):
        make_stock_case(name=f"乙{n}", closed_on=dt.date(2024, 10, 3) + dt.timedelta(days=n))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert sweep.reinquiries_schedule(today=TODAY) == 6
