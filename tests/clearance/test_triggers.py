"""Each trigger to resume raises a "consider resumption" to-do with its evidence (once); resuming files the linked
执恢 case carrying parties, the outstanding amount and the assets, and settles triggers, to-dos and schedule."""
import datetime as dt
from decimal import Decimal

import pytest

from cases.choices import EnforcementType
from cases.models import Asset, EnforcementCase, Todo
from cases.services.case_work import case_record_fund
from clearance.choices import ReinquiryStatus, TriggerKind, TriggerStatus
from clearance.models import Reinquiry, ResumeTrigger
from clearance.services.sweep import reinquiries_job
from clearance.services.triggers import applicant_request_record, clearance_resume, scan_triggers, trigger_dismiss
from wanian_exec.errors import RuleViolation

pytestmark = pytest.mark.django_db
D = dt.date


def consider_todos(case):
    return Todo.objects.filter(enforcement_case=case, title__startswith="考虑恢复执行")


def test_applicant_request_is_on_the_timeline_with_a_todo_for_the_judge(stock_case, judge):
    trigger = applicant_request_record(case=stock_case, actor=judge, received_on=D(2024, 5, 6),
                                       content="申请人称被执行人在县城新购商铺一间")
    assert (trigger.kind, trigger.status, trigger.occurred_on) == (TriggerKind.APPLICANT_REQUEST, "open", D(2024, 5, 6))
    assert stock_case.events.filter(note__contains="新购商铺").exists()
    todo = consider_todos(stock_case).get()
    assert todo.assignee == judge and "新购商铺" in todo.title and todo.due_on == D(2024, 5, 11)  # 5 days


def test_applicant_request_needs_content_and_a_stock_case(stock_case, enforcement_case, judge):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        applicant_request_record(case=stock_case, actor=judge, received_on=D(2024, 5, 6), content=" ")
    assert "content" in exc.value.message_dict
    with pytest.raises(RuleViolation) as refused:
        applicant_request_record(case=enforcement_case, actor=judge, received_on=D(2024, 5, 6), content="线索")
    assert refused.value.code == "not_in_stock"


@pytest.fixture
def restricted_stock_case(stock_case):
    """The stock case's debtor is under the consumption restriction approved during enforcement (2023-03-07)."""
    return stock_case


def test_travel_violation_after_closure_raises_a_trigger_once(restricted_stock_case, respondent, court, judge):
    from sanctions.travel import travel_import
    from tests.sanctions.conftest import travel_csv

    case = restricted_stock_case
    travel_import(court=court, actor=judge, upload=travel_csv([
        [respondent.id_number, respondent.name, "flight", "2024-04-02", "CZ3456 南昌—三亚", "经济舱"],
        [respondent.id_number, respondent.name, "flight", "2023-06-01", "MU5501 南昌—上海", "经济舱"],  # before 终本
    ]))
    found = scan_triggers(court_id=court.pk)
    assert found["travel_violation"] == 1
    trigger = ResumeTrigger.objects.get(case=case)
    assert trigger.kind == TriggerKind.TRAVEL_VIOLATION and "CZ3456" in trigger.evidence
    assert trigger.occurred_on == D(2024, 4, 2) and consider_todos(case).count() == 1
    assert scan_triggers(court_id=court.pk)["travel_violation"] == 0  # idempotent
    assert ResumeTrigger.objects.count() == 1


def _push_item(case, party, court):
    from pushes.models import PushBatch, PushItem, PushRecipient, PushRun
    from pushes.services import rule_set_for

    recipient = PushRecipient.objects.create(court=court, channel="discipline", name="县纪委监委")
    run = PushRun.objects.create(court=court, week="2024-W18", rule_set=rule_set_for(court=court))
    batch = PushBatch.objects.create(court=court, run=run, week=run.week, recipient=recipient, channel="discipline")
    item = PushItem.objects.create(court=court, run=run, batch=batch, week=run.week, recipient=recipient,
                                   channel="discipline", case=case, party=party, party_role="respondent",
                                   reasons="终本案件", pushed_on=D(2024, 4, 29),
                                   amount_outstanding=case.amount_outstanding)
    return batch, item


def test_an_effective_push_lead_raises_a_trigger_when_the_judge_marks_it(stock_case, respondent, court, judge):
    from pushes.services import feedback_review, feedback_submit

    batch, item = _push_item(stock_case, respondent, court)
    lead = feedback_submit(batch=batch, item=item.pk, kind="lead", content="被执行人在某工地承包工程，有工程款未结")
    assert not ResumeTrigger.objects.exists()  # not yet reviewed
    feedback_review(feedback=lead, actor=judge, effective=True, note="属实")
    trigger = ResumeTrigger.objects.get(case=stock_case)
    assert trigger.kind == TriggerKind.PUSH_LEAD and trigger.feedback == lead and "工程款" in trigger.evidence
    assert consider_todos(stock_case).count() == 1
    assert scan_triggers()["push_lead"] == 0  # the sweep finds nothing new


def test_an_ineffective_lead_raises_nothing(stock_case, respondent, court, judge):
    from pushes.services import feedback_review, feedback_submit

    batch, item = _push_item(stock_case, respondent, court)
    lead = feedback_submit(batch=batch, item=item.pk, kind="lead", content="听说有钱")
    feedback_review(feedback=lead, actor=judge, effective=False)
    assert not ResumeTrigger.objects.exists() and scan_triggers()["push_lead"] == 0


def test_dismissing_a_trigger_needs_a_reason_and_ticks_off_its_todo(stock_case, judge):
    trigger = applicant_request_record(case=stock_case, actor=judge, received_on=D(2024, 5, 6), content="线索")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        trigger_dismiss(trigger=trigger, actor=judge, reason="")
    trigger_dismiss(trigger=trigger, actor=judge, reason="经核实该商铺登记在案外人名下")
    trigger.refresh_from_db()
    assert trigger.status == TriggerStatus.DISMISSED and trigger.todo.done_at is not None


def test_resumption_carries_parties_outstanding_and_assets_and_settles_everything(
        stock_case, judge, applicant, respondent, inquiry_results, django_capture_on_commit_callbacks):
    # given money recovered before 终本, property found by the first re-inquiry, and an applicant's request
    case_record_fund(case=stock_case, actor=judge, direction="in", amount=Decimal("26000.00"),
                     occurred_on=D(2024, 1, 5))
    inquiry_results({respondent.id_number: [{"kind": "vehicle", "institution": "万年县车管所",
                                             "description": "赣G·12345 小型轿车", "value": "68000.00"}]})
    with django_capture_on_commit_callbacks(execute=True):
        reinquiries_job(today=D(2024, 2, 29))
    applicant_request_record(case=stock_case, actor=judge, received_on=D(2024, 3, 1), content="请求恢复执行")
    assert consider_todos(stock_case).filter(done_at__isnull=True).count() == 2
    # when the judge resumes
    new_case = clearance_resume(case=stock_case, actor=judge, filed_on=D(2024, 3, 4))
    # then a linked 执恢 case, numbered, with the parties, the outstanding amount and the vehicle
    assert new_case.case_type == EnforcementType.RESUMED and new_case.resumed_from == stock_case
    assert new_case.number == "（2024）赣1129执恢1号"
    assert list(new_case.applicants.all()) == [applicant] and list(new_case.respondents.all()) == [respondent]
    assert new_case.amount_claimed == Decimal("100000.00")  # 126,000 − 26,000
    assert list(Asset.objects.filter(case=new_case).values_list("description", flat=True)) == ["赣G·12345 小型轿车"]
    # and the triggers are settled, their to-dos ticked off, the schedule cancelled
    assert set(ResumeTrigger.objects.filter(case=stock_case).values_list("status", flat=True)) == {"resumed"}
    assert not consider_todos(stock_case).filter(done_at__isnull=True).exists()
    Reinquiry.objects.create(court=stock_case.court, case=stock_case, sequence=2, due_on=D(2024, 8, 31))
    with django_capture_on_commit_callbacks(execute=True):
        reinquiries_job(today=D(2024, 8, 31))
    assert Reinquiry.objects.get(sequence=2).status == ReinquiryStatus.CANCELLED


def test_resuming_twice_is_refused_and_leaves_one_resumed_case(stock_case, judge):
    clearance_resume(case=stock_case, actor=judge, filed_on=D(2024, 3, 4))
    with pytest.raises(RuleViolation) as exc:
        clearance_resume(case=stock_case, actor=judge, filed_on=D(2024, 3, 5))
    assert exc.value.code == "already_resumed"
    assert EnforcementCase.objects.filter(resumed_from=stock_case).count() == 1
