"""A view over several courts composed from its courts' kept figures (stats/composed.py): equal to the one
computation over the same courts for every metric, stamped with its oldest court's time, stale courts recomputed,
立即刷新, tenancy."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.choices import ClosureMethod
from cases.services.case_work import case_record_fund, urging_record
from cases.services.enforcement import case_close, enforcement_case_file
from pushes.choices import Channel
from sanctions.services import sanction_approve, sanction_propose
from stats import composed, metrics, snapshots
from stats.filters import StatsFilter
from stats.models import DashboardSnapshot
from tests.factories import CourtFactory, PersonFactory, UserFactory

from .conftest import P_FROM, P_TO
from .test_snapshots import asked, numbers

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def kept(settings):
    settings.STATS_SNAPSHOT_MAX_AGE = 600


@pytest.fixture
def high(court, other_court):
    """A city court (no cases of its own) over 万年 (the conftest's world) and 鄱阳 (a few cases added here)."""
    city = CourtFactory(code="赣11", name="上饶市中级人民法院")
    for lower in (court, other_court):
        lower.parent = city
        lower.save(update_fields=["parent"])
    return city


@pytest.fixture
def poyang_cases(other_court, other_judge, other_case):
    """鄱阳: a case closed in the period (ahead of its deadline), an overdue open one with two respondents referred
    to the police (the same two persons' numbers differ from 万年's), a 终本 closed in the period."""
    leader = UserFactory(court=other_court, username="poyang_leader", roles=["leader"])

    def file(name, filed_on, amount, respondents=1):
        return enforcement_case_file(court=other_court, actor=other_judge,
                                     applicants=[PersonFactory(court=other_court, name=f"申请人{name}")],
                                     respondents=[PersonFactory(court=other_court, name=f"被执行人{name}{i}")
                                                  for i in range(respondents)],
                                     amount_claimed=Decimal(amount), filed_on=filed_on, judge=other_judge,
                                     source_document="（2023）赣1128民初9号民事判决书")

    x = file("X", D(2024, 2, 10), "70000.10")
    y = file("Y", D(2023, 3, 1), "45000", respondents=2)
    z = file("Z", D(2023, 11, 1), "12000")
    case_record_fund(case=x, actor=other_judge, direction="in", amount=Decimal("33333.33"), occurred_on=D(2024, 3, 1))
    case_record_fund(case=y, actor=other_judge, direction="in", amount=Decimal("100"), occurred_on=D(2024, 5, 1))
    for party in y.respondents.all():
        urging_record(actor=other_judge, party=party, channel="phone", occurred_on=D(2024, 4, 1), enforcement_case=y,
                      outcome="拒不履行")
        referral = sanction_propose(case=y, party=party, actor=other_judge, kind="criminal_referral",
                                    decided_on=D(2024, 4, 2))
        sanction_approve(sanction=referral, actor=leader, on=D(2024, 4, 3))
    case_record_fund(case=y, actor=other_judge, direction="in", amount=Decimal("2500.25"), occurred_on=D(2024, 4, 20))
    case_close(case=x, actor=other_judge, method=ClosureMethod.COMPLETED, closed_on=D(2024, 4, 1))
    return x, y, z


def assert_composed_equals_computed(composed_view, computed):
    got, want = numbers(composed_view), numbers(computed)
    for part in ("figures", "by_channel", "months"):
        assert got[part] == want[part], part
    assert got["by_judge"] == want["by_judge"] == {}
    # the computed table lists the courts with rows; the composed one every court (the others as zeros)
    assert {k: got["by_court"][k] for k in want["by_court"]} == want["by_court"]
    for key in set(got["by_court"]) - set(want["by_court"]):
        assert all(not m.numerator for m in composed_view.by_court[key].values()), key


@pytest.mark.parametrize("window", [
    dict(date_from=P_FROM, date_to=P_TO),
    dict(date_from=D(2023, 1, 1), date_to=D(2024, 12, 31)),
    dict(date_from=P_FROM, date_to=P_TO, case_type="执恢"),
    dict(date_from=P_FROM, date_to=P_TO, channel=Channel.GRID),
])
def test_composed_figures_equal_the_computed_ones_for_every_metric(kept, world, poyang_cases, high, court,
                                                                  other_court, window):
    f = StatsFilter(courts=tuple(sorted([court.pk, other_court.pk, high.pk])), **window)
    assert snapshots.composable(f)
    computed = snapshots.dashboard_figures(f)
    first = composed.figures_for(f)  # every court computed here, court by court, and kept
    assert not first.from_snapshot and DashboardSnapshot.objects.count() == 3
    again = composed.figures_for(f)  # read back from the three kept rows
    assert again.from_snapshot
    for view in (first, again):
        assert_composed_equals_computed(view, computed)
    assert set(computed.figures) == set(metrics.REGISTRY) == set(again.figures)
    if window == dict(date_from=P_FROM, date_to=P_TO):  # both courts count: the sum is a real sum
        assert again.figures["referral_persons"].numerator == 2 + 2
        assert again.figures["amount_recovered"].numerator > 111000


def test_the_stamp_is_the_oldest_courts_and_a_stale_court_is_recomputed(kept, world, high, court, other_court):
    f = StatsFilter(date_from=P_FROM, date_to=P_TO, courts=(court.pk, other_court.pk, high.pk))
    composed.figures_for(f)
    old = timezone.now() - dt.timedelta(minutes=7)
    DashboardSnapshot.objects.filter(params__court=[other_court.pk]).update(computed_at=old)
    view = composed.figures_for(f)
    assert view.computed_at == old and view.from_snapshot
    DashboardSnapshot.objects.filter(params__court=[other_court.pk]).update(
        computed_at=timezone.now() - dt.timedelta(minutes=11))  # past STATS_SNAPSHOT_MAX_AGE
    recomputed = composed.figures_for(f)
    assert not recomputed.from_snapshot and recomputed.computed_at > old
    assert DashboardSnapshot.objects.get(params__court=[other_court.pk]).computed_at > old
    assert recomputed.figures["new_cases"].value == 5 + 1


def test_refresh_recomputes_the_courts_not_computed_in_the_last_minute(kept, world, high, court, other_court):
    f = StatsFilter(date_from=P_FROM, date_to=P_TO, courts=(court.pk, other_court.pk, high.pk))
    composed.figures_for(f)
    two_minutes_ago = timezone.now() - dt.timedelta(minutes=2)
    DashboardSnapshot.objects.exclude(params__court=[court.pk]).update(computed_at=two_minutes_ago)
    just_now = DashboardSnapshot.objects.get(params__court=[court.pk]).computed_at
    assert composed.figures_for(f).computed_at == two_minutes_ago  # fresh: served
    refreshed = composed.figures_for(f, refresh=True)
    assert refreshed.computed_at == just_now  # the two older courts were recomputed, the recent one kept
    assert DashboardSnapshot.objects.get(params__court=[court.pk]).computed_at == just_now
    assert DashboardSnapshot.objects.filter(computed_at=two_minutes_ago).count() == 0


def test_snapshots_off_judge_and_township_views_are_not_composed(settings, court, other_court, world):
    f = StatsFilter(date_from=P_FROM, date_to=P_TO, courts=(court.pk, other_court.pk))
    assert not snapshots.composable(f)  # the tests' default: nothing kept
    settings.STATS_SNAPSHOT_MAX_AGE = 600
    assert snapshots.composable(f) and snapshots.composable(f.replace(case_type="执", channel=Channel.GRID))
    assert not snapshots.composable(f.replace(judge=1)) and not snapshots.composable(f.replace(township=1))
    assert not snapshots.composable(f.replace(courts=(court.pk,)))


# --- the page ----------------------------------------------------------------------------------------------------


@pytest.fixture
def president(high):
    return UserFactory(court=high, username="president", roles=["leader"])


@pytest.fixture
def jurisdiction(high, court, other_court):
    return f"{reverse('stats:leader')}?date_from={P_FROM}&date_to={P_TO}&court={court.pk}&court={other_court.pk}" \
           f"&court={high.pk}"


def test_the_page_waits_for_every_court_then_shows_the_sum_stamped_with_the_oldest(kept, client, world, president,
                                                                                   jurisdiction, court):
    from stats.tasks import compute_snapshot

    client.force_login(president)
    waiting = client.get(jurisdiction)
    html = waiting.content.decode()
    assert "正在计算" in html and "已计算 0 / 3 个法院" in html and 'id="article"' not in html
    messages = asked()  # one per court, so several workers share them
    assert sorted(m.kwargs["params"]["court"] for m in messages) == sorted([c] for c in waiting.context["f"].courts)
    wait_url = reverse("stats:leader") + waiting.context["wait_url"]
    assert "已计算 0 / 3" in client.get(wait_url).content.decode() and len(asked()) == 3  # nothing asked twice
    for message in messages[:2]:
        assert compute_snapshot(**message.kwargs)["computed"] is True
    partial = client.get(wait_url)
    assert "已计算 2 / 3 个法院" in partial.content.decode() and partial.context["progress"] == (2, 3)
    assert compute_snapshot(**messages[2].kwargs)["computed"] is True
    ready = client.get(wait_url)
    oldest = min(DashboardSnapshot.objects.values_list("computed_at", flat=True))
    assert "正在计算" not in ready.content.decode() and ready.context["computed_at"] == oldest
    assert ready.context["kpis"][0]["value"] == "6"  # 万年's 5 + 鄱阳's 1
    assert "3家法院的数据逐院计算后合计" in ready.content.decode()
    assert len(ready.context["court_rows"]) == 3


def test_a_composed_page_reads_its_courts_kept_rows_in_one_query(kept, client, world, president, jurisdiction,
                                                                  court, other_court, high,
                                                                  django_assert_max_num_queries):
    composed.figures_for(StatsFilter(date_from=P_FROM, date_to=P_TO, courts=(court.pk, other_court.pk, high.pk)))
    client.force_login(president)
    with django_assert_max_num_queries(12):  # session, user, courts, … the kept rows: no aggregate, none per court
        response = client.get(jurisdiction)
    assert response.context["kpis"][0]["value"] == "6"


def test_a_stale_court_is_asked_again_and_the_rest_kept(kept, client, world, president, jurisdiction, court,
                                                      other_court, high):
    client.force_login(president)
    composed.figures_for(StatsFilter(date_from=P_FROM, date_to=P_TO, courts=(court.pk, other_court.pk, high.pk)))
    DashboardSnapshot.objects.filter(params__court=[other_court.pk]).update(
        computed_at=timezone.now() - dt.timedelta(minutes=11))
    waiting = client.get(jurisdiction)
    assert "已计算 2 / 3 个法院" in waiting.content.decode()
    assert [m.kwargs["params"]["court"] for m in asked()] == [[other_court.pk]]  # the stale court alone


def test_the_refresh_link_asks_for_the_older_courts_and_keeps_waiting_for_them(kept, client, world, president,
                                                                             jurisdiction, court):
    from stats.tasks import compute_snapshot

    client.force_login(president)
    f = client.get(jurisdiction).context["f"]
    for message in asked():
        compute_snapshot(**message.kwargs)
    DashboardSnapshot.objects.exclude(params__court=[court.pk]).update(
        computed_at=timezone.now() - dt.timedelta(minutes=2))
    assert "正在计算" not in client.get(jurisdiction).content.decode()
    refreshed = client.get(jurisdiction + "&refresh=1")
    assert "已计算 1 / 3 个法院" in refreshed.content.decode()  # 万年 was computed within the minute
    assert "refresh=1" in refreshed.context["wait_url"]
    new = sorted(asked(), key=lambda m: m.pk)[3:]
    assert sorted(m.kwargs["params"]["court"] for m in new) == sorted([c] for c in f.courts if c != court.pk)
    for message in new:
        assert compute_snapshot(**message.kwargs)["computed"] is True
    ready = client.get(reverse("stats:leader") + refreshed.context["wait_url"])
    assert "正在计算" not in ready.content.decode()


def test_a_worker_that_does_not_answer_leaves_the_courts_computed_in_the_request(kept, client, world, president,
                                                                                 jurisdiction):
    client.force_login(president)
    long_ago = int((timezone.now() - dt.timedelta(seconds=91)).timestamp())
    response = client.get(f"{jurisdiction}&requested={long_ago}")
    assert response.context["kpis"][0]["value"] == "6" and DashboardSnapshot.objects.count() == 3
    assert not asked()


def test_many_courts_missing_are_computed_province_wide_in_the_request_and_asked_of_the_workers(
        kept, client, world, president, jurisdiction, monkeypatch):
    monkeypatch.setattr(composed, "IN_REQUEST_COURTS", 1)  # three courts missing: more than a request computes
    client.force_login(president)
    long_ago = int((timezone.now() - dt.timedelta(seconds=91)).timestamp())
    response = client.get(f"{jurisdiction}&requested={long_ago}")
    assert response.context["kpis"][0]["value"] == "6" and not response.context["from_snapshot"]
    assert not DashboardSnapshot.objects.exists() and len(asked()) == 3  # the next look composes
    monkeypatch.undo()
    f = response.context["f"]
    assert_composed_equals_computed(composed.figures_for(f), snapshots.dashboard_figures(f))
    assert DashboardSnapshot.objects.count() == 3


def test_the_kpi_api_composes_too(kept, client, world, president, high, court, other_court):
    client.force_login(president)
    url = f"{reverse('stats-api-kpis')}?date_from={P_FROM}&date_to={P_TO}&court={court.pk}&court={other_court.pk}"
    data = client.get(url).json()
    assert data["new_cases"] == 6 and DashboardSnapshot.objects.count() == 2  # the two courts' own rows


def test_tenancy_a_lower_courts_leader_cannot_compose_the_higher_courts_view(kept, client, world, leader,
                                                                            other_leader, jurisdiction, court, high):
    client.force_login(leader)  # 万年's leader: the city court and 鄱阳 are not theirs
    assert client.get(jurisdiction).status_code == 404
    client.force_login(other_leader)
    assert client.get(jurisdiction).status_code == 404
    api = f"{reverse('stats-api-kpis')}?date_from={P_FROM}&date_to={P_TO}&court={court.pk}&court={high.pk}"
    assert client.get(api).status_code == 404
    assert not asked() and not DashboardSnapshot.objects.exists()
