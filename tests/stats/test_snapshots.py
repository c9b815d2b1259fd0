"""Dashboard snapshots (stats/snapshots.py): a kept view equals the computed one, expires, refreshes, and never
answers for another filter, court or day."""
import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.jobs import JOBS, run_job_now
from cases.services.case_work import case_record_fund
from stats import snapshots
from stats.filters import StatsFilter
from stats.models import DashboardSnapshot
from stats.views import metric_url
from tests.factories import CourtFactory

from .conftest import EXPECTED, P_FROM, P_TO

pytestmark = pytest.mark.django_db

PERIOD = f"date_from={P_FROM}&date_to={P_TO}"


@pytest.fixture
def kept(settings):
    # views asked of a worker are remembered in the cache (stats.snapshots.compute_later): conftest's autouse
    # _fresh_cache empties it before every test here
    settings.STATS_SNAPSHOT_MAX_AGE = 600


def numbers(figures: snapshots.DashboardFigures) -> dict:
    """Everything a dashboard shows, as comparable numbers, with the drill-down links of every figure."""

    def row(metrics):
        return {n: (m.value, m.numerator, m.denominator, m.unit, metric_url(n, m.filter)) for n, m in metrics.items()}

    return {
        "figures": row(figures.figures),
        "by_judge": {k: row(v) for k, v in figures.by_judge.items()},
        "by_court": {k: row(v) for k, v in figures.by_court.items()},
        "by_channel": {k: row(v) for k, v in figures.by_channel.items()},
        "months": [(m["month"], m["date_from"], m["date_to"], row({n: m[n] for n in ("new_cases", "concluded",
                                                                                     "amount_recovered")}))
                   for m in figures.months],
    }


def test_a_kept_view_equals_the_computed_one_figure_for_figure(kept, world, period):
    computed = snapshots.figures_for(period)
    assert not computed.from_snapshot
    kept_view = snapshots.figures_for(period)
    assert kept_view.from_snapshot and kept_view.computed_at == computed.computed_at
    assert numbers(kept_view) == numbers(computed)
    for name, (value, numerator, denominator) in EXPECTED.items():
        m = kept_view.figures[name]
        assert (m.value, m.numerator, m.denominator) == (value, numerator, denominator), name
    assert isinstance(kept_view.figures["amount_recovered"].value, Decimal)
    assert len(kept_view.by_judge) == 2 and len(kept_view.months) == 6


def test_a_kept_view_lags_a_write_until_it_expires_or_is_refreshed(kept, world, period, judge):
    before = snapshots.figures_for(period).figures["amount_recovered"].value
    case = world.D  # open
    case_record_fund(case=case, actor=judge, direction="in", amount=Decimal("1000.00"), occurred_on=P_TO)
    assert snapshots.figures_for(period).figures["amount_recovered"].value == before  # kept
    assert snapshots.figures_for(period, refresh=True).figures["amount_recovered"].value == before + 1000
    DashboardSnapshot.objects.update(computed_at=timezone.now() - dt.timedelta(seconds=601))
    case_record_fund(case=case, actor=judge, direction="in", amount=Decimal("1.00"), occurred_on=P_TO)
    expired = snapshots.figures_for(period)
    assert not expired.from_snapshot and expired.figures["amount_recovered"].value == before + 1001


def test_snapshots_off_computes_every_time(settings, world, period):
    settings.STATS_SNAPSHOT_MAX_AGE = 0
    assert not snapshots.figures_for(period).from_snapshot
    assert not snapshots.figures_for(period).from_snapshot
    assert not DashboardSnapshot.objects.exists()


def test_the_key_tells_filters_courts_and_days_apart(court, other_court):
    base = StatsFilter(date_from=P_FROM, date_to=P_TO, courts=(court.pk, other_court.pk))
    assert snapshots.snapshot_key(base) == snapshots.snapshot_key(base.replace(courts=(other_court.pk, court.pk)))
    others = [base.replace(courts=(court.pk,)), base.replace(date_to=P_TO - dt.timedelta(days=1)),
              base.replace(judge=1), base.replace(township=1), base.replace(case_type="执"), base.replace(channel="grid")]
    keys = {snapshots.snapshot_key(f) for f in [base, *others]}
    assert len(keys) == 1 + len(others)


def test_a_view_reaching_today_is_not_served_tomorrow(kept, court, monkeypatch):
    today = dt.date(2026, 3, 10)
    monkeypatch.setattr(snapshots, "court_today", lambda: today)
    monkeypatch.setattr("stats.filters.court_today", lambda: today)
    this_year = StatsFilter(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 12, 31), courts=(court.pk,))
    key_today = snapshots.snapshot_key(this_year)
    monkeypatch.setattr("stats.filters.court_today", lambda: today + dt.timedelta(days=1))
    assert snapshots.snapshot_key(this_year) != key_today  # the stock figures are taken a day later
    past = this_year.replace(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
    key_past = snapshots.snapshot_key(past)
    monkeypatch.setattr("stats.filters.court_today", lambda: today + dt.timedelta(days=30))
    assert snapshots.snapshot_key(past) == key_past  # a closed period's as-of day does not move


def test_the_job_keeps_read_and_standing_views_fresh_and_forgets_unread_ones(kept, world, period, court,
                                                                             other_court):
    high = CourtFactory(name="上饶中院", code="赣11")
    court.parent = high
    court.save(update_fields=["parent"])
    snapshots.figures_for(period)  # a leader looked at the first half of 2024
    # a whole-jurisdiction view kept before composing (stats.composed) is not recomputed: its courts' own are
    whole = StatsFilter(date_from=P_FROM, date_to=P_TO, courts=(court.pk, high.pk))
    snapshots._store(snapshots.snapshot_key(whole), whole, snapshots.dashboard_figures(whole), read=True)
    DashboardSnapshot.objects.filter(key=snapshots.snapshot_key(whole)).update(
        computed_at=timezone.now() - dt.timedelta(minutes=5))
    first = snapshots.refresh_snapshots()
    # the read view is fresh; standing: 3 courts' current year (a jurisdiction's is composed of them)
    assert (first["refreshed"], first["fresh"]) == (3, 1)
    assert DashboardSnapshot.objects.count() == 5
    assert snapshots.refresh_snapshots()["refreshed"] == 0  # a rerun finds everything fresh
    DashboardSnapshot.objects.update(computed_at=timezone.now() - dt.timedelta(minutes=5))
    assert snapshots.refresh_snapshots()["refreshed"] == 4
    DashboardSnapshot.objects.filter(key=snapshots.snapshot_key(period)).update(
        read_at=timezone.now() - dt.timedelta(days=8))
    third = snapshots.refresh_snapshots()
    assert third["forgotten"] == 1 and not DashboardSnapshot.objects.filter(key=snapshots.snapshot_key(period))
    assert all(len(f.courts) == 1 for f in snapshots.standing_filters(dt.date.today()))


def test_standing_views_walk_the_court_tree_once(court, other_court, django_assert_num_queries):
    province = CourtFactory(name="江西高院", code="赣")
    city = CourtFactory(name="上饶中院", code="赣11", parent=province)
    court.parent = city
    court.save(update_fields=["parent"])
    today = dt.date(2026, 11, 27)
    with django_assert_num_queries(1):  # the court table once, however many higher courts
        standing = snapshots.standing_filters(today)
    # each court's own view; a higher court's whole jurisdiction is composed of them (stats.composed)
    assert {f.courts for f in standing} == {(c.pk,) for c in [province, city, court, other_court]}
    assert {(f.date_from, f.date_to) for f in standing} == {(dt.date(2026, 1, 1), today)}


def test_the_job_is_registered_and_runs_for_one_court(kept, court, other_court):
    assert "dashboard_snapshots" in JOBS
    run = run_job_now("dashboard_snapshots", court_id=court.pk)
    assert run.summary["refreshed"] == 1
    assert list(DashboardSnapshot.objects.values_list("params__court", flat=True)) == [[court.pk]]


def test_the_dashboard_reads_its_figures_from_the_snapshot(kept, client, world, leader,
                                                          django_assert_max_num_queries):
    client.force_login(leader)
    url = f"{reverse('stats:leader')}?{PERIOD}"
    first = client.get(url).content.decode()
    assert "数据计算于" in first and "refresh=1" in first
    with django_assert_max_num_queries(14):  # session, user, courts, judges, townships, the snapshot … no aggregate
        second = client.get(url).content.decode()
    assert "看板数据至多10分钟前计算" in second

    def figures(html):  # the page from the figures on, CSRF tokens aside
        return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html[html.index('id="article"'):])

    assert figures(second) == figures(first)
    assert DashboardSnapshot.objects.count() == 1
    assert "看板数据至多" not in client.get(url + "&refresh=1").content.decode()


def test_another_courts_leader_never_gets_a_kept_view(kept, client, world, leader, other_leader, court,
                                                      other_court):
    client.force_login(leader)
    assert client.get(f"{reverse('stats:leader')}?{PERIOD}").status_code == 200
    client.force_login(other_leader)
    assert client.get(f"{reverse('stats:leader')}?{PERIOD}&court={court.pk}").status_code == 404
    own = client.get(f"{reverse('stats:leader')}?{PERIOD}")
    assert own.status_code == 200 and own.context["court_names"] == other_court.name
    assert own.context["kpis"][0]["value"] == "1"  # its own one case, not the 5 kept for the other court
    api = client.get(f"{reverse('stats-api-kpis')}?{PERIOD}&court={court.pk}")
    assert api.status_code == 404


def test_the_kpi_api_says_when_its_figures_were_computed(kept, client, world, leader):
    client.force_login(leader)
    url = f"{reverse('stats-api-kpis')}?{PERIOD}"
    first = client.get(url).json()
    assert first["new_cases"] == 5 and first["amount_recovered"] == "111000.50"
    second = client.get(url).json()
    assert second == first and dt.datetime.fromisoformat(first["computed_at"]) <= timezone.now()
    third = client.get(url + "&refresh=true").json()
    assert third["computed_at"] > first["computed_at"] and third["new_cases"] == 5


# --- several courts, not composed of the courts' figures: computed by a worker while the page waits -------------


@pytest.fixture
def president(court):
    from tests.factories import UserFactory

    high = CourtFactory(code="赣11", name="上饶市中级人民法院")
    court.parent = high
    court.save(update_fields=["parent"])
    return UserFactory(court=high, username="president", roles=["leader"])


@pytest.fixture
def jurisdiction(president, court, world):
    # a township's view: its rows are one court's, so it is computed over both courts at once, not composed of
    # the courts' own figures (tests/stats/test_composed.py)
    return f"{reverse('stats:leader')}?{PERIOD}&court={court.pk}&court={president.court_id}" \
           f"&township={world.qingyun.pk}"


def asked():
    from outbox.models import OutboxMessage

    return list(OutboxMessage.objects.filter(task="stats.tasks.compute_snapshot"))


def test_a_jurisdiction_view_is_asked_of_a_worker_and_shown_when_ready(kept, client, world, president,
                                                                      jurisdiction, court):
    from stats.tasks import compute_snapshot

    client.force_login(president)
    waiting = client.get(jurisdiction)
    html = waiting.content.decode()
    assert waiting.status_code == 200 and "正在计算多院合计数据" in html and 'id="article"' not in html
    wait_url = waiting.context["wait_url"]
    from stats.views import WAIT_PAGE_REFRESH

    refresh = f'content="{WAIT_PAGE_REFRESH};url={wait_url.replace("&", "&amp;")}"'
    assert f'<meta http-equiv="refresh" {refresh}>' in html
    [message] = asked()  # through the outbox, in the request's transaction
    assert message.kwargs["params"]["court"] == sorted([court.pk, president.court_id])
    assert not DashboardSnapshot.objects.exists()

    # the page looks again before the worker is done: still waiting, nothing asked twice
    again = client.get(reverse("stats:leader") + wait_url)
    assert again.context["wait_url"] == wait_url and len(asked()) == 1

    # the worker computes (a rerun of the same message finds the work done)
    assert compute_snapshot(**message.kwargs)["computed"] is True
    assert compute_snapshot(**message.kwargs)["computed"] is False
    ready = client.get(reverse("stats:leader") + wait_url)
    assert ready.status_code == 200 and "各法院办案情况" in ready.content.decode()
    assert ready.context["kpis"][0]["value"] == "4" and "wait_url" not in ready.context
    # later visitors read the kept figures at once
    assert "正在计算" not in client.get(jurisdiction).content.decode()


def test_a_worker_that_does_not_answer_leaves_the_view_computed_in_the_request(kept, client, world, president,
                                                                              jurisdiction):
    client.force_login(president)
    long_ago = int((timezone.now() - dt.timedelta(seconds=91)).timestamp())
    response = client.get(f"{jurisdiction}&requested={long_ago}")
    assert response.context["kpis"][0]["value"] == "4" and DashboardSnapshot.objects.count() == 1
    assert not asked()


def test_an_old_waiting_address_asks_anew_instead_of_computing_in_the_request(kept, client, world, president,
                                                                               jurisdiction):
    client.force_login(president)
    bookmarked = int((timezone.now() - dt.timedelta(minutes=6)).timestamp())
    response = client.get(f"{jurisdiction}&requested={bookmarked}")
    assert "正在计算" in response.content.decode() and len(asked()) == 1
    assert not DashboardSnapshot.objects.exists()


@pytest.mark.parametrize("requested", ["²", "-5", "1.5", "99999999999"])  # the last is in the future
def test_a_malformed_waiting_mark_is_a_first_visit(kept, client, world, president, jurisdiction, requested):
    client.force_login(president)
    response = client.get(f"{jurisdiction}&requested={requested}")
    assert response.status_code == 200 and "正在计算" in response.content.decode() and len(asked()) == 1


def test_refreshing_a_jurisdiction_view_asks_for_new_figures(kept, client, world, president, jurisdiction):
    from stats.tasks import compute_snapshot

    client.force_login(president)
    client.get(jurisdiction)
    compute_snapshot(**asked()[0].kwargs)
    assert "正在计算" not in client.get(jurisdiction).content.decode()
    refreshed = client.get(jurisdiction + "&refresh=1")
    assert "正在计算" in refreshed.content.decode() and len(asked()) == 2  # the kept figures are not "new"


def test_one_courts_view_is_still_computed_in_the_request(kept, client, world, leader):
    client.force_login(leader)
    response = client.get(f"{reverse('stats:leader')}?{PERIOD}")
    assert "正在计算" not in response.content.decode() and not asked()


def test_another_courts_leader_cannot_wait_for_a_jurisdiction_view(kept, client, world, president, jurisdiction,
                                                                   other_leader):
    client.force_login(president)
    client.get(jurisdiction)
    client.force_login(other_leader)
    assert client.get(jurisdiction).status_code == 404
