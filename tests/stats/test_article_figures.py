"""The article's table, reproduced: the demo court that `manage.py seed_demo` builds — Wannian County
(赣1129) in 2024 — has, as stats.metrics computes them and as the leader dashboard shows them for 2024, exactly
the figures of the news report: 1,149 new, 895 concluded, 5,295.5万 recovered, 73% preservation rate, 38.9 days,
32.68% application rate, 74 pushed / 59 concluded after the push, 626.7万 crackdown recovery, 6 cases / 6 persons
referred.

The court is built once for the module by the same builder seed_demo calls (demo.builder.DemoBuilder with
the default size and seed), inside a transaction rolled back afterwards. Nothing in the builder writes a figure:
the cases and their events are planned so that the figures come out (see the builder's "planning the year's
figures" section); these tests hold the computed figures to the article's.
"""
import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.test import Client, override_settings

from cases.choices import ClosureMethod, EnforcementType
from demo import builder
from cases.models import Court, EnforcementCase, FundEntry
from sanctions.choices import SanctionKind
from sanctions.models import Sanction
from stats import metrics
from stats.filters import StatsFilter
from tests.rollback import rolled_back

YEAR_FROM, YEAR_TO = dt.date(2024, 1, 1), dt.date(2024, 12, 31)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The Wannian 2024 court, built as seed_demo builds it; rolled back when the module is done."""
    with django_db_blocker.unblock(), rolled_back(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield builder.DemoBuilder(seed=builder.DEFAULT_SEED, cases=builder.DEFAULT_CASES).build()


@pytest.fixture
def court(built, db):
    return Court.objects.get(code=builder.COURT_CODE)


@pytest.fixture
def figures(court):
    f = StatsFilter(date_from=YEAR_FROM, date_to=YEAR_TO, courts=(court.pk,))
    return metrics.compute(f, metrics.DASHBOARD_NAMES)


def test_the_default_build_is_the_articles_court():
    assert builder.DEFAULT_CASES == builder.ARTICLE.new_cases == 1149
    assert builder.DemoBuilder().article


@pytest.mark.parametrize("name, expected", [
    ("new_cases", 1149),
    ("concluded", 895),
    ("amount_recovered", Decimal("52955000.00")),
    ("preservation_rate", Decimal("0.7300")),
    ("first_enforcement_avg_days", Decimal("38.9")),
    ("enforcement_application_rate", Decimal("0.3268")),
    ("pushed_cases", 74),
    ("crackdown_recovered", Decimal("6267000.00")),
    ("referral_cases", 6),
    ("referral_persons", 6),
])
def test_each_figure_of_the_article_as_computed(figures, name, expected):
    assert figures[name].value == expected, (name, figures[name])


def test_ratios_have_the_articles_numerators_and_denominators(figures):
    pushed = figures["pushed_concluded"]
    assert (pushed.numerator, pushed.denominator) == (59, 74)
    preservation = figures["preservation_rate"]
    assert Decimal(preservation.numerator) / Decimal(preservation.denominator) == Decimal("0.73")  # exactly 73%
    days = figures["first_enforcement_avg_days"]
    assert Decimal(days.numerator) / Decimal(days.denominator) == Decimal("38.9")  # exactly, not only rounded
    application = figures["enforcement_application_rate"]
    rate = (Decimal(application.numerator) / Decimal(application.denominator)).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP)
    assert rate == Decimal("0.3268") and application.denominator > application.numerator > 0
    assert figures["amount_recovered"].value.quantize(Decimal("1000")) == Decimal("52955000")
    assert figures["referral_persons"].value == figures["referral_cases"].value == 6
    assert figures["private_prosecution_cases"].value == 3  # 3 private prosecutions, all settled and paid


def test_drill_downs_list_the_cases_behind_the_counts(figures, court):
    for name in ("new_cases", "concluded", "pushed_cases", "referral_cases"):
        assert figures[name].cases().count() == figures[name].value, name
    assert figures["pushed_concluded"].cases().count() == 59
    assert figures["first_enforcement_avg_days"].cases("denominator").count() == \
        figures["first_enforcement_avg_days"].denominator


def test_the_figures_come_from_cases_and_events(court):
    """The same figures counted straight from the rows, without stats.metrics."""
    cases = EnforcementCase.objects.filter(court=court)
    assert cases.filter(filed_on__range=(YEAR_FROM, YEAR_TO)).count() == 1149
    closed = cases.filter(closed_on__range=(YEAR_FROM, YEAR_TO))
    assert closed.count() == 895
    first = closed.filter(case_type=EnforcementType.FIRST)
    days = sum((c - f).days for f, c in first.values_list("filed_on", "closed_on"))
    assert Decimal(days) / first.count() == Decimal("38.9")
    receipts = FundEntry.objects.filter(court=court, direction="in", occurred_on__range=(YEAR_FROM, YEAR_TO))
    assert sum(receipts.values_list("amount", flat=True), Decimal("0")) == Decimal("52955000.00")
    referrals = Sanction.objects.filter(court=court, kind=SanctionKind.CRIMINAL_REFERRAL, approved_on__isnull=False)
    assert referrals.values("case").distinct().count() == referrals.values("party").distinct().count() == 6
    # every closure method still appears, and 终本 cases and resumed cases are there
    assert set(closed.values_list("closure_method", flat=True)) == set(ClosureMethod.values)
    assert cases.filter(case_type=EnforcementType.RESUMED).exists()


def test_the_fast_track_is_faster_than_the_courts_first_enforcement(court):
    # the quick channel's point (快执, "人工+智能"): its closed cases take well under the court's 38.9 days
    from cases.selectors import average_days

    cases = EnforcementCase.objects.filter(court=court)
    fast = average_days(cases.filter(fast_track=True))
    assert fast["closed_cases"] >= 50
    assert fast["average_days"] < average_days(cases.filter(case_type=EnforcementType.FIRST))["average_days"] - 10


def _kpi_value(html: str, name: str) -> str:
    article = html[html.index('id="article"'):html.index('id="caseload"')]
    match = re.search(rf'data-metric="{name}">.*?class="figure-value"[^>]*>([^<]*)</a>', article, re.S)
    assert match, name
    return match.group(1).strip()


def test_the_leader_dashboard_shows_the_articles_figures(court):
    client = Client()
    assert client.login(username="leader", password=builder.COURT_PASSWORD)
    response = client.get("/stats/", {"date_from": "2024-01-01", "date_to": "2024-12-31"})
    assert response.status_code == 200
    html = response.content.decode()
    for name, _expected, shown in builder.ARTICLE_TABLE:
        assert _kpi_value(html, name) == shown, name
    kpis = {c["name"]: c for c in response.context["kpis"]}
    assert (kpis["pushed_concluded"]["numerator"], kpis["pushed_concluded"]["denominator"]) == ("59", "74")
    assert kpis["amount_recovered"]["exact"] == "52,955,000.00元"
    assert kpis["crackdown_recovered"]["exact"] == "6,267,000.00元"
    assert kpis["first_enforcement_avg_days"]["parts"] == "31,898天 / 820"


def test_the_demo_court_shows_each_source_of_resume_evidence_once_in_2024(court):
    """终本 follow-through: a property-found re-inquiry, a push lead, a travel violation and an applicant's request,
    each on a 终本 case after its closure and in the demo's year, waiting for the judge (demo/clearance_story.py)."""
    from clearance.choices import TriggerKind
    from clearance.models import ResumeTrigger

    # (the build day's sweep may find more, after 2024: the live sweep's work)
    triggers = ResumeTrigger.objects.filter(court=court, occurred_on__lte=YEAR_TO).select_related("case", "todo")
    assert {t.kind for t in triggers} == set(TriggerKind.values)
    for trigger in triggers:
        assert trigger.case.closure_method == ClosureMethod.TERMINATED_CURRENT
        assert trigger.case.closed_on <= trigger.occurred_on <= YEAR_TO
        assert trigger.status == "open" and trigger.evidence and trigger.todo.assignee_id == trigger.case.judge_id


def test_the_build_days_sweep_leaves_no_overdue_re_inquiry_in_the_library(court, django_capture_on_commit_callbacks):
    """The 终本 stock — 2024's and the imported 2023 one, every case of it due when the court is built — was
    re-queried by the build day's morning sweep: nothing overdue, and a second sweep that day has nothing to do."""
    from cases.models import User
    from cases.services.common import court_today
    from clearance import selectors
    from clearance.models import Reinquiry
    from clearance.services.sweep import reinquiries_job

    today = court_today()
    judge = User.objects.filter(court=court, username="judge1").get()
    stock = selectors.library(judge).filter(resumed_id__isnull=True)
    assert stock.count() > 100
    queried = set(Reinquiry.objects.filter(court=court, done_on=today).values_list("case", flat=True))
    assert queried == set(stock.values_list("pk", flat=True))
    assert not stock.filter(selectors.overdue_condition(today)).exists()
    assert not any(row.schedule.overdue for row in selectors.with_schedule(stock, today))
    with django_capture_on_commit_callbacks(execute=True):
        summary = reinquiries_job(court_id=court.pk, today=today)
    assert summary["performed"] == 0 and summary["overdue"] == 0


def test_this_weeks_push_run_has_written_its_lists(court):
    """The court at work on the build day (demo/today.py): this week's run put open cases on the recipients' lists."""
    from pushes.models import PushItem, PushRun
    from pushes.rules import current_week

    run = PushRun.objects.get(court=court, week=current_week())
    assert run.status == "completed" and run.item_count == PushItem.objects.filter(run=run).count() > 0
    assert run.batch_count > 0
