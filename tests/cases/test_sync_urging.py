"""强制与督促同步: urgings with promised days and written deadlines (限期履行), and the daily follow-up job that
puts missed ones on the judge's to-do list."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.choices import TodoKind
from cases.models import Todo
from cases.services.case_work import case_record_fund, urging_record
from cases.services.followups import urging_followups
from tests.cases.test_sync_support import D, lit_case, mediate, money, pay  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def missed():
    return Todo.objects.filter(kind=TodoKind.PROMISE_MISSED)


def test_a_deadline_notice_creates_a_due_date(enforcement_case, judge, respondent):
    urging = urging_record(actor=judge, party=respondent, channel="deadline_notice", occurred_on=D(2024, 3, 5),
                           deadline_on=D(2024, 3, 15), enforcement_case=enforcement_case)
    assert (urging.deadline_on, urging.follow_up_on) == (D(2024, 3, 15), D(2024, 3, 15))
    assert "限2024-03-15前履行" in enforcement_case.events.get(kind="urging").note


def test_a_deadline_notice_without_a_date_gets_ten_days(enforcement_case, judge, respondent):
    urging = urging_record(actor=judge, party=respondent, channel="deadline_notice", occurred_on=D(2024, 3, 5),
                           enforcement_case=enforcement_case)
    assert urging.deadline_on == D(2024, 3, 15)


def test_a_deadline_belongs_to_a_deadline_notice_and_follows_the_urging(enforcement_case, judge, respondent):
    with pytest.raises(ValidationError) as excinfo:
        urging_record(actor=judge, party=respondent, channel="phone", occurred_on=D(2024, 3, 5),
                      deadline_on=D(2024, 3, 4), enforcement_case=enforcement_case)
    assert "deadline_on" in excinfo.value.message_dict


@pytest.mark.parametrize("today, listed", [(D(2024, 5, 1), False), (D(2024, 5, 2), True)])
def test_a_missed_promise_goes_on_the_trial_judges_list_the_day_after(lit_case, mediate, trial_judge, respondent,
                                                                       today, listed):
    mediate(lit_case, (D(2024, 5, 1), "126000"))
    urging_record(actor=trial_judge, party=respondent, channel="phone", occurred_on=D(2024, 4, 20),
                  outcome="表示会按期履行", promised_on=D(2024, 5, 1), litigation_case=lit_case)

    summary = urging_followups(today=today)

    assert missed().exists() is listed
    if listed:
        todo = missed().get()
        assert (todo.assignee, todo.litigation_case, todo.due_on) == (trial_judge, lit_case, D(2024, 5, 1))
        assert "承诺2024-05-01前履行，期满未见履行" in todo.title
        assert summary["promise_missed_created"] == 1
        assert urging_followups(today=today)["promise_missed_created"] == 0  # idempotent


def test_a_kept_promise_is_not_listed(lit_case, mediate, pay, trial_judge, respondent):
    mediate(lit_case, (D(2024, 5, 1), "126000"))
    urging_record(actor=trial_judge, party=respondent, channel="phone", occurred_on=D(2024, 4, 20),
                  promised_on=D(2024, 5, 1), litigation_case=lit_case)
    pay(lit_case, D(2024, 4, 24), "60000")  # something paid between the call and the promised day
    urging_followups(today=D(2024, 5, 5))
    assert not missed().exists()


def test_a_case_paid_in_full_before_the_call_is_not_listed(lit_case, mediate, pay, trial_judge, respondent):
    mediate(lit_case, (D(2024, 5, 1), "126000"))
    pay(lit_case, D(2024, 4, 10), "126000")
    urging_record(actor=trial_judge, party=respondent, channel="sms", occurred_on=D(2024, 4, 20),
                  promised_on=D(2024, 4, 25), litigation_case=lit_case)
    summary = urging_followups(today=D(2024, 5, 5))
    assert not missed().exists() and summary["fully_performed"] == 1


def test_a_missed_deadline_in_enforcement_goes_on_the_judges_list(enforcement_case, judge, respondent):
    urging_record(actor=judge, party=respondent, channel="deadline_notice", occurred_on=D(2024, 3, 5),
                  deadline_on=D(2024, 3, 15), enforcement_case=enforcement_case)
    urging_followups(today=D(2024, 3, 16))
    todo = missed().get()
    assert todo.assignee == judge and todo.enforcement_case == enforcement_case
    assert "限期履行通知" in todo.title and "2024-03-15已届满" in todo.title


def test_money_received_before_the_deadline_keeps_it(enforcement_case, judge, respondent):
    urging_record(actor=judge, party=respondent, channel="deadline_notice", occurred_on=D(2024, 3, 5),
                  deadline_on=D(2024, 3, 15), enforcement_case=enforcement_case)
    case_record_fund(case=enforcement_case, actor=judge, direction="in", amount=money(1000),
                     occurred_on=D(2024, 3, 15))
    urging_followups(today=D(2024, 3, 20))
    assert not missed().exists()


def test_promises_long_past_are_no_longer_chased(enforcement_case, judge, respondent):
    urging_record(actor=judge, party=respondent, channel="phone", occurred_on=D(2024, 3, 5),
                  promised_on=D(2024, 3, 10), enforcement_case=enforcement_case)
    urging_followups(today=D(2024, 3, 10) + dt.timedelta(days=31))
    assert not missed().exists()
