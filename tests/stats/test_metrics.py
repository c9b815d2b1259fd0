"""Every metric on the hand-computed court of conftest.py: value, numerator, denominator, and the cases behind."""
import datetime as dt
from decimal import Decimal

import pytest

from stats import metrics

from .conftest import EXPECTED, P_TO

pytestmark = pytest.mark.django_db


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_metric_alone_matches_the_hand_computed_figure(world, period, name):
    # given the hand-computed court; when one metric is computed by its own function
    figure = getattr(metrics, name)(period)
    # then value, numerator and denominator are the hand-computed ones
    assert (figure.value, figure.numerator, figure.denominator) == EXPECTED[name]


def test_every_registered_metric_has_a_hand_computed_figure_and_a_definition():
    assert set(metrics.REGISTRY) == set(EXPECTED)
    for definition in metrics.REGISTRY.values():
        assert len(definition.doc) > 40, definition.name


def test_computing_all_at_once_gives_the_same_figures_as_one_by_one(world, period):
    together = metrics.compute(period)
    assert {name: (m.value, m.numerator, m.denominator) for name, m in together.items()} == EXPECTED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_drill_down_lists_count_equals_the_numerator(world, period, name):
    definition = metrics.REGISTRY[name]
    figure = metrics.compute(period, [name])[name]
    cases = figure.cases("numerator")
    if definition.numerator.measure == "cases":
        assert cases.count() == figure.numerator
    elif definition.numerator.measure == "amount":
        shares = metrics.amounts_by_case(name, period, ids(cases))
        assert sum(shares.values(), Decimal("0")) == figure.numerator
    if definition.denominator is not None and definition.denominator.measure == "cases":
        assert figure.cases("denominator").count() == figure.denominator


def test_the_named_cases_behind_the_figures(world, period):
    w = world
    case = lambda name, part="numerator": ids(metrics.cases_behind(name, period, part))  # noqa: E731
    assert case("new_cases") == {w.B.pk, w.C.pk, w.D.pk, w.E.pk, w.H.pk}
    assert case("concluded") == {w.A.pk, w.B.pk, w.E.pk, w.H.pk}
    assert case("carried_over") == {w.A.pk, w.G.pk}
    assert case("closure_rate", "denominator") == {w.A.pk, w.G.pk, w.B.pk, w.C.pk, w.D.pk, w.E.pk, w.H.pk}
    assert case("first_enforcement_avg_days") == {w.A.pk, w.B.pk, w.H.pk}
    assert case("terminated_current_stock") == {w.I.pk, w.B.pk}
    assert case("terminated_current_stock_start") == {w.F.pk, w.I.pk}
    assert case("terminated_current_resumed") == {w.F.pk}
    assert case("crackdown_recovered") == {w.G.pk, w.D.pk}
    assert case("amount_recovered") == {w.A.pk, w.H.pk, w.E.pk, w.G.pk, w.D.pk}
    assert case("pushed_concluded") == {w.H.pk, w.E.pk}
    assert case("preservation_rate") == {w.lit["L1"].pk}
    assert case("enforcement_application_rate", "denominator") == {w.lit[k].pk for k in ("L1", "L2", "L6", "L8")}
    assert case("referral_persons") == {w.D.pk}


# --- boundaries ------------------------------------------------------------------------------------------------


def test_a_case_closed_on_the_periods_last_day_counts_and_the_day_after_does_not(world, period):
    assert world.B.closed_on == P_TO and world.B.pk in ids(metrics.concluded(period).cases())
    assert world.C.closed_on == P_TO + dt.timedelta(days=1)
    assert world.C.pk not in ids(metrics.concluded(period).cases())
    later = period.replace(date_to=P_TO + dt.timedelta(days=1))
    assert world.C.pk in ids(metrics.concluded(later).cases())


def test_a_receipt_on_the_last_day_counts_and_one_the_day_after_does_not(world, period):
    assert metrics.amount_recovered(period).numerator == Decimal("111000.50")
    one_more_day = period.replace(date_to=P_TO + dt.timedelta(days=1))
    assert metrics.amount_recovered(one_more_day).numerator == Decimal("121000.50")  # C's 10,000 on 07-01
    one_less_day = period.replace(date_to=P_TO - dt.timedelta(days=1))
    assert metrics.amount_recovered(one_less_day).numerator == Decimal("104000.00")  # without G's 7,000.50


def test_a_receipt_the_day_before_the_period_does_not_count(world, period):
    earlier = period.replace(date_from=dt.date(2023, 12, 31))
    assert metrics.amount_recovered(earlier).numerator - metrics.amount_recovered(period).numerator == 5000


def test_resumed_enforcement_is_left_out_of_first_enforcement_days(world, period):
    assert world.E.case_type == "执恢" and world.E.closed_on <= P_TO
    assert world.E.pk in ids(metrics.concluded(period).cases())
    assert world.E.pk not in ids(metrics.first_enforcement_avg_days(period).cases())
    only_resumed = metrics.first_enforcement_avg_days(period.replace(case_type="执恢"))
    assert (only_resumed.value, only_resumed.denominator) == (None, 0)


def test_a_terminated_case_resumed_leaves_the_stock(world, period):
    before = period.replace(date_to=dt.date(2024, 3, 14))
    assert world.F.pk in ids(metrics.terminated_current_stock(before).cases())
    after = period.replace(date_to=dt.date(2024, 3, 15))
    assert world.F.pk not in ids(metrics.terminated_current_stock(after).cases())


def test_the_stock_at_the_end_is_the_start_plus_new_terminations_minus_resumptions(world, period, judge):
    for f in (period, period.replace(judge=judge.pk),
              period.replace(case_type="执"), period.replace(date_from=dt.date(2023, 1, 1))):
        figures = metrics.compute(f, metrics.STOCK_NAMES)
        assert figures["terminated_current_stock"].numerator == (
            figures["terminated_current_stock_start"].numerator + figures["terminated_current_closed"].numerator
            - figures["terminated_current_resumed"].numerator)


def test_crackdown_money_is_only_what_came_after_the_measure(world, period):
    # G received 3,000 on 05-20, before its detention (06-01), and 7,000.50 on 06-30, after it
    shares = metrics.amounts_by_case("crackdown_recovered", period, [world.G.pk, world.D.pk])
    assert shares == {world.G.pk: Decimal("7000.50"), world.D.pk: Decimal("1000.00")}


# --- filters --------------------------------------------------------------------------------------------------


def test_judge_filter(world, period, judge2):
    figures = metrics.compute(period.replace(judge=judge2.pk), ["new_cases", "concluded", "amount_recovered"])
    assert [figures[n].value for n in ("new_cases", "concluded", "amount_recovered")] == [1, 1, Decimal("30000.00")]


def test_township_filter_reads_the_respondents_township(world, period):
    qingyun = period.replace(township=world.qingyun.pk)
    assert ids(metrics.new_cases(qingyun).cases()) == {world.B.pk, world.C.pk, world.D.pk, world.E.pk}
    assert ids(metrics.new_cases(period.replace(township=world.chenying.pk)).cases()) == {world.H.pk}


def test_case_type_filter(world, period):
    assert metrics.new_cases(period.replace(case_type="执恢")).value == 1
    assert metrics.new_cases(period.replace(case_type="执")).value == 4


def test_another_courts_rows_never_count(world, period, other_court):
    theirs = metrics.amount_recovered(period.replace(courts=(other_court.pk,)))
    assert theirs.numerator == Decimal("9999.00")
    both = metrics.amount_recovered(period.replace(courts=(period.courts[0], other_court.pk)))
    assert both.numerator == Decimal("121000.50") - Decimal("10000") + Decimal("9999.00")


# --- grouped and monthly -----------------------------------------------------------------------------------------


def test_grouped_by_judge_equals_the_metric_with_that_judge(world, period, judge, judge2):
    table = metrics.compute(period, metrics.JUDGE_TABLE_NAMES, group_by="judge")
    assert set(table) == {judge.pk, judge2.pk}
    for judge_id, row in table.items():
        alone = metrics.compute(period.replace(judge=judge_id), metrics.JUDGE_TABLE_NAMES)
        assert {n: (m.value, m.numerator, m.denominator) for n, m in row.items()} == \
               {n: (m.value, m.numerator, m.denominator) for n, m in alone.items()}


def test_monthly_trend_adds_up_and_each_month_is_the_metric_for_that_month(world, period):
    months = metrics.monthly(period)
    assert [m["month"] for m in months] == [dt.date(2024, n, 1) for n in range(1, 7)]
    for name in metrics.TREND_NAMES:
        assert sum((m[name].numerator for m in months), type(EXPECTED[name][1])(0)) == EXPECTED[name][1]
        for month in months:
            alone = metrics.compute(month[name].filter, [name])[name]
            assert alone.numerator == month[name].numerator
    assert [m["new_cases"].value for m in months] == [2, 1, 2, 0, 0, 0]
    assert [m["concluded"].value for m in months] == [0, 1, 1, 0, 1, 1]


def test_push_figures_agree_with_the_pushes_app_on_its_own_scope(world, period, judge):
    from pushes import metrics as push_metrics

    theirs = push_metrics.concluded_after_first_push(judge)
    ours = metrics.pushed_concluded(period.replace(date_from=dt.date(2023, 1, 1), date_to=dt.date.today()))
    assert (ours.numerator, ours.denominator) == (theirs.numerator, theirs.denominator)


def test_totals_and_groups_from_one_set_of_queries_equal_the_separate_computations(world, period):
    totals, groups = metrics.compute_with_groups(period, metrics.DASHBOARD_NAMES, metrics.JUDGE_TABLE_NAMES)
    alone = metrics.compute(period, metrics.DASHBOARD_NAMES)
    assert {n: (m.value, m.numerator, m.denominator) for n, m in totals.items()} == \
           {n: (m.value, m.numerator, m.denominator) for n, m in alone.items()}
    by_judge = metrics.compute(period, metrics.JUDGE_TABLE_NAMES, group_by="judge")
    assert {key: {n: (m.value, m.numerator, m.denominator) for n, m in row.items()} for key, row in groups.items()} \
        == {key: {n: (m.value, m.numerator, m.denominator) for n, m in row.items()} for key, row in by_judge.items()}
