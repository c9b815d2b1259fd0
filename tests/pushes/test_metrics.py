"""Follow-through: each metric's numerator, denominator and the cases behind them; the table agrees."""
import datetime as dt

import pytest

from cases.choices import ClosureMethod
from cases.services.common import court_today
from cases.services.enforcement import case_close
from pushes import metrics, services
from pushes.choices import Channel
from pushes.models import PushBatch, PushItem

from .conftest import close_as_terminated_current

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(court, judge, recipients, person, file_case, township):
    """Four cases pushed in 2024-W23: one paid in full after the push, one 终本 after it, one with effective
    feedback, one with feedback judged ineffective; a fifth pushed only to the township in W24."""
    paid, terminated, lead, rumour = (file_case(person(), amount="30000.00", filed_on=court_today()) for _ in range(4))
    services.push_week_run(court=court, week="2024-W23")
    late = file_case(person(grid=None, township=township), amount="900000.00", filed_on=court_today())
    services.push_week_run(court=court, week="2024-W24")
    case_close(case=paid, actor=judge, method=ClosureMethod.COMPLETED, closed_on=court_today())
    close_as_terminated_current(terminated, on=court_today())
    grid_batch = PushBatch.objects.get(week="2024-W23", channel=Channel.GRID)
    for case, verdict in ((lead, True), (rumour, False)):
        item = PushItem.objects.get(batch=grid_batch, case=case)
        feedback = services.feedback_submit(batch=grid_batch, item=item.pk, kind="lead", content="线索")
        services.feedback_review(feedback=feedback, actor=judge, effective=verdict)
    return {"paid": paid, "terminated": terminated, "lead": lead, "rumour": rumour, "late": late}


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_cases_pushed_in_a_channel_over_all_pushed(judge, history):
    ratio = metrics.cases_pushed(judge, channel=Channel.GRID)
    assert (ratio.numerator, ratio.denominator) == (4, 5)
    assert ids(ratio.denominator_cases) - ids(ratio.numerator_cases) == {history["late"].pk}


def test_concluded_after_the_first_push_leaves_out_terminated_current(judge, history):
    ratio = metrics.concluded_after_first_push(judge)
    assert (ratio.numerator, ratio.denominator) == (1, 5)
    assert ids(ratio.numerator_cases) == {history["paid"].pk}
    assert ratio.rate == metrics.Decimal("0.2000")


def test_a_case_closed_before_its_first_push_is_not_credited_to_the_push(court, judge, recipients, person, file_case):
    case = file_case(person(), amount="30000.00", filed_on=dt.date(2024, 3, 1))
    services.push_week_run(court=court, week="2024-W23")
    PushItem.objects.filter(case=case).update(pushed_on=dt.date(2024, 6, 3))
    case_close(case=case, actor=judge, method=ClosureMethod.COMPLETED, closed_on=dt.date(2024, 6, 1))
    assert metrics.concluded_after_first_push(judge).numerator == 0
    PushItem.objects.filter(case=case).update(pushed_on=dt.date(2024, 6, 1))
    assert metrics.concluded_after_first_push(judge).numerator == 1


def test_feedback_received_and_effective_feedback(judge, history):
    received = metrics.feedback_received(judge, channel=Channel.GRID)
    assert (received.numerator, received.denominator) == (2, 4)
    assert ids(received.numerator_cases) == {history["lead"].pk, history["rumour"].pk}
    effective = metrics.effective_feedback(judge)
    assert (effective.numerator, effective.denominator) == (1, 2)
    assert ids(effective.numerator_cases) == {history["lead"].pk}


def test_a_recipient_scope_sees_only_its_own_feedback(judge, history, recipients):
    township = metrics.feedback_received(judge, recipient=recipients[Channel.TOWNSHIP].pk)
    assert (township.numerator, township.denominator) == (0, 5)


def test_week_ranges_narrow_the_scope(judge, history):
    assert metrics.cases_pushed(judge, week_from="2024-W24").numerator == 5  # W24 pushed all five to the township
    assert metrics.cases_pushed(judge, week_to="2024-W23").numerator == 4


def test_the_table_agrees_with_the_functions_for_every_channel_and_recipient(judge, history):
    for by, scope_key in (("channel", "channel"), ("recipient", "recipient")):
        rows = metrics.follow_through_table(judge, by=by)
        assert rows
        for row in rows:
            scope = {scope_key: row["key"]}
            assert row["pushed"] == metrics.cases_pushed(judge, **scope).numerator
            assert row["concluded"] == metrics.concluded_after_first_push(judge, **scope).numerator
            assert row["feedback"] == metrics.feedback_received(judge, **scope).numerator
            assert row["effective"] == metrics.effective_feedback(judge, **scope).numerator


def test_another_court_sees_no_metrics(other_judge, history):
    ratio = metrics.cases_pushed(other_judge)
    assert (ratio.numerator, ratio.denominator) == (0, 0) and ratio.rate is None
    assert metrics.follow_through_table(other_judge, by="channel") == []
