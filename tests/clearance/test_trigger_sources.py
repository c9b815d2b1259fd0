"""Each of the four sources of resume evidence, end to end: the source → a trigger with its evidence and a to-do
for the judge → the judge decides on the 终本 page → the case is resumed, or the trigger refused with the reason
on the timeline."""
import datetime as dt

import pytest

from cases.models import CaseEvent, EnforcementCase
from clearance.choices import TriggerKind, TriggerStatus
from clearance.models import ResumeTrigger
from clearance.services.sweep import reinquiries_job

from .test_triggers import _push_item

pytestmark = pytest.mark.django_db
D = dt.date


def _judge_resumes(client, judge, case, filed_on):
    client.force_login(judge)
    page = client.get(f"/clearance/cases/{case.pk}/").content.decode()
    response = client.post(f"/clearance/cases/{case.pk}/resume/", {"filed_on": filed_on, "version": case.version})
    new_case = EnforcementCase.objects.get(resumed_from=case)
    assert response.status_code == 302 and response["Location"] == f"/cases/{new_case.pk}/"
    assert set(case.resume_triggers.values_list("status", flat=True)) == {TriggerStatus.RESUMED}
    return page, new_case


def _judge_refuses(client, judge, trigger, reason):
    client.force_login(judge)
    assert client.post(f"/clearance/triggers/{trigger.pk}/dismiss/", {"reason": reason}).status_code == 302
    trigger.refresh_from_db()
    assert trigger.status == TriggerStatus.DISMISSED and trigger.todo.done_at is not None
    assert CaseEvent.objects.filter(case=trigger.case, note__contains=reason).exists()
    assert not EnforcementCase.objects.filter(resumed_from=trigger.case).exists()


def test_property_found_by_the_sweep_then_resumed(client, judge, stock_case, respondent, inquiry_results,
                                                  django_capture_on_commit_callbacks):
    inquiry_results({respondent.id_number: [{"kind": "real_estate", "institution": "万年县不动产登记中心",
                                             "description": "陈营镇锦绣花园3栋502室", "value": "420000.00"}]})
    with django_capture_on_commit_callbacks(execute=True):
        reinquiries_job(today=D(2024, 2, 29))
    trigger = ResumeTrigger.objects.get(case=stock_case)
    assert trigger.kind == TriggerKind.PROPERTY_FOUND and "陈营镇锦绣花园3栋502室" in trigger.evidence
    assert trigger.todo.assignee == judge
    page, new_case = _judge_resumes(client, judge, stock_case, "2024-03-04")
    assert "陈营镇锦绣花园3栋502室" in page
    assert new_case.assets.filter(description="陈营镇锦绣花园3栋502室").exists()


def test_push_lead_marked_effective_then_refused_with_a_reason(client, judge, stock_case, respondent, court):
    from pushes.services import feedback_review, feedback_submit

    batch, item = _push_item(stock_case, respondent, court)
    lead = feedback_submit(batch=batch, item=item.pk, kind="lead", content="被执行人在县城开了一家面馆")
    feedback_review(feedback=lead, actor=judge, effective=True, note="属实")
    trigger = ResumeTrigger.objects.get(case=stock_case)
    assert trigger.kind == TriggerKind.PUSH_LEAD and "面馆" in trigger.evidence and trigger.todo.assignee == judge
    _judge_refuses(client, judge, trigger, "面馆登记在其配偶名下，经营收入不足以履行")


def test_travel_violation_found_by_the_sweep_then_resumed(client, judge, stock_case, respondent, court,
                                                          django_capture_on_commit_callbacks):
    from sanctions.travel import travel_import
    from tests.sanctions.conftest import travel_csv

    travel_import(court=court, actor=judge, upload=travel_csv([
        [respondent.id_number, respondent.name, "flight", "2024-04-02", "CZ3456 南昌—三亚", "经济舱"]]))
    with django_capture_on_commit_callbacks(execute=True):
        summary = reinquiries_job(today=D(2024, 4, 3))
    assert summary["triggers"]["travel_violation"] == 1
    trigger = ResumeTrigger.objects.get(case=stock_case, kind=TriggerKind.TRAVEL_VIOLATION)
    assert "CZ3456" in trigger.evidence and trigger.todo.assignee == judge
    page, _new_case = _judge_resumes(client, judge, stock_case, "2024-04-08")
    assert "CZ3456" in page


def test_applicant_request_from_the_page_then_refused_with_a_reason(client, judge, stock_case):
    client.force_login(judge)
    client.post(f"/clearance/cases/{stock_case.pk}/requests/", {"received_on": "2024-05-06",
                                                                "content": "被执行人在县城新购商铺一间"})
    trigger = ResumeTrigger.objects.get(case=stock_case)
    assert trigger.kind == TriggerKind.APPLICANT_REQUEST and "新购商铺" in trigger.evidence
    _judge_refuses(client, judge, trigger, "经核实该商铺登记在案外人名下")
