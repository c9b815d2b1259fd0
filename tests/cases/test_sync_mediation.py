"""调解与执行同步: per-instalment performance and the daily `mediation_reminders` job (the 姚某 call)."""
import datetime as dt

import pytest

from cases.choices import TodoKind
from cases.jobs import JOBS, run_job_now
from cases.models import SyncSettings, Todo
from cases.selectors import instalment_states
from cases.services.enforcement import enforcement_case_file
from cases.services.mediation import mediation_reminders
from tests.cases.test_sync_support import D, lit_case, mediate, money, pay  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

TODAY = D(2024, 4, 24)


def reminders(case=None):
    todos = Todo.objects.filter(kind=TodoKind.INSTALMENT_DUE)
    return todos.filter(litigation_case=case) if case else todos


def test_an_instalment_due_within_the_window_reminds_the_trial_judge_once(lit_case, mediate, trial_judge):
    # given 姚某's mediation: 126,000 yuan due 1 May, seven days from now
    mediate(lit_case, (D(2024, 5, 1), "126000"))
    # when the daily job runs twice
    first = mediation_reminders(today=TODAY)
    second = mediation_reminders(today=TODAY)
    # then one to-do on the trial judge's list, for that instalment, and nothing the second time
    todo = reminders(lit_case).get()
    assert (todo.assignee, todo.due_on, todo.court_id) == (trial_judge, D(2024, 5, 1), lit_case.court_id)
    assert lit_case.number in todo.title and "126,000.00" in todo.title
    assert first["reminders_created"] == 1 and second["reminders_created"] == 0
    # and again on the following days: still one
    mediation_reminders(today=TODAY + dt.timedelta(days=3))
    assert reminders(lit_case).count() == 1


@pytest.mark.parametrize("due_in, reminded", [(0, True), (7, True), (8, False), (-1, False)])
def test_the_window_edges(lit_case, mediate, due_in, reminded):
    mediate(lit_case, (TODAY + dt.timedelta(days=due_in), "126000"), effective_on=D(2024, 3, 1))
    mediation_reminders(today=TODAY)
    assert reminders(lit_case).exists() is reminded


def test_a_paid_instalment_is_not_reminded(lit_case, mediate, pay):
    mediate(lit_case, (D(2024, 5, 1), "60000"), (D(2024, 5, 1), "66000"))
    pay(lit_case, D(2024, 4, 20), "126000")

    summary = mediation_reminders(today=TODAY)

    assert not reminders().exists()
    assert summary["already_paid"] == 2


def test_only_the_unpaid_instalment_of_a_plan_is_reminded(lit_case, mediate, pay):
    mediate(lit_case, (D(2024, 4, 25), "60000"), (D(2024, 4, 30), "66000"))
    pay(lit_case, D(2024, 4, 20), "60000")

    mediation_reminders(today=TODAY)

    (todo,) = reminders(lit_case)
    assert todo.due_on == D(2024, 4, 30) and "第2期" in todo.title


def test_paying_ticks_the_reminder_off(lit_case, mediate, pay, trial_judge):
    mediate(lit_case, (D(2024, 5, 1), "126000"))
    mediation_reminders(today=TODAY)

    pay(lit_case, D(2024, 4, 24), "126000")

    todo = reminders(lit_case).get()
    assert todo.done_at is not None and todo.done_by == trial_judge


def test_a_part_payment_leaves_the_reminder_open(lit_case, mediate, pay):
    mediate(lit_case, (D(2024, 5, 1), "126000"))
    mediation_reminders(today=TODAY)
    pay(lit_case, D(2024, 4, 24), "26000")
    assert reminders(lit_case).get().done_at is None


def test_a_corrected_plan_is_not_reminded_twice(lit_case, mediate):
    mediate(lit_case, (D(2024, 5, 1), "126000"))
    mediation_reminders(today=TODAY)
    mediate(lit_case, (D(2024, 5, 1), "120000"))  # the outcome replaced, with new instalment rows
    mediation_reminders(today=TODAY)
    assert reminders(lit_case).count() == 1


def test_a_case_already_in_enforcement_is_not_reminded(lit_case, mediate, clerk, applicant, respondent):
    mediate(lit_case, (D(2024, 5, 1), "126000"))
    enforcement_case_file(court=lit_case.court, actor=clerk, applicants=[applicant], respondents=[respondent],
                          amount_claimed=money("126000"), filed_on=D(2024, 4, 20), source_case=lit_case)
    mediation_reminders(today=TODAY)
    assert not reminders().exists()


def test_judgments_are_reminded_too_but_not_without_a_trial_judge(make_litigation_case, mediate, trial_judge):
    judged = make_litigation_case()
    orphan = make_litigation_case(trial_judge=None)
    mediate(judged, (D(2024, 5, 1), "1000"), kind="judgment")
    mediate(orphan, (D(2024, 5, 1), "1000"))

    summary = mediation_reminders(today=TODAY)

    assert list(reminders().values_list("litigation_case", flat=True)) == [judged.pk]
    assert summary["without_trial_judge"] == 1


def test_the_window_is_each_courts_setting(lit_case, mediate):
    mediate(lit_case, (D(2024, 5, 4), "126000"))  # 10 days ahead
    mediation_reminders(today=TODAY)
    assert not reminders().exists()

    SyncSettings.objects.create(court=lit_case.court, instalment_reminder_days=10)
    summary = mediation_reminders(today=TODAY)

    assert reminders().count() == 1 and summary["windows"][str(lit_case.court_id)] == 10


def test_the_default_window_comes_from_settings(lit_case, mediate, settings):
    settings.FOUR_SYNC = {"instalment_reminder_days": 3}
    mediate(lit_case, (D(2024, 4, 28), "126000"))  # 4 days ahead
    mediation_reminders(today=TODAY)
    assert not reminders().exists()


def test_a_court_admin_runs_the_job_for_their_court_only(lit_case, mediate, other_court, other_judge):
    from cases.services.litigation import litigation_case_file
    from tests.factories import PersonFactory

    foreign = litigation_case_file(court=other_court, actor=other_judge, cause="借款", filed_on=D(2024, 1, 5),
                                   plaintiffs=[PersonFactory(court=other_court)],
                                   defendants=[PersonFactory(court=other_court)], trial_judge=other_judge)
    mediate(lit_case, (D(2024, 5, 1), "1"))
    mediate(foreign, (D(2024, 5, 1), "1"))

    mediation_reminders(today=TODAY, court_id=lit_case.court_id)

    assert list(reminders().values_list("court_id", flat=True)) == [lit_case.court_id]


def test_the_job_is_registered_with_a_daily_schedule():
    job = JOBS["mediation_reminders"]
    assert job.crontab == {"minute": "0", "hour": "7"}
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(name=job.label)
    assert task.task == "cases.tasks.run_job" and '"mediation_reminders"' in task.kwargs
    assert (task.crontab.hour, task.crontab.minute, task.crontab.day_of_week) == ("7", "0", "*")


def test_run_job_now_records_the_run(lit_case, mediate):
    from cases.services.common import court_today

    mediate(lit_case, (court_today() + dt.timedelta(days=2), "126000"), effective_on=court_today())
    run = run_job_now("mediation_reminders", trigger="manual")
    assert run.status == "succeeded" and run.summary["reminders_created"] == 1


def test_instalment_states_for_the_page(lit_case, mediate, pay):
    mediate(lit_case, (D(2024, 5, 1), "60000"), (D(2024, 6, 1), "66000"))
    pay(lit_case, D(2024, 4, 24), "60000")
    lit_case.refresh_from_db()

    states = instalment_states(lit_case, today=D(2024, 6, 2))

    assert [st.status for _o, st in states] == ["paid_on_time", "defaulted"]
    assert instalment_states(lit_case.__class__.objects.get(pk=lit_case.pk), today=D(2024, 5, 2))[1][1].status \
        == "pending"
