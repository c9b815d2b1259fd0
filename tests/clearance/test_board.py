"""The campaign board on a hand-computed court (start 2024-04-01, looked at on 2024-06-30):

case judge   township closed      resumed (执恢 filed)   after resumption             money in the campaign
c1   A       青云     2023-08-31  2024-04-10             closed completed 2024-05-20  30,000 (in the 执恢 case)
c2   A       陈营     2023-09-15  2024-05-06             open                         —
c3   B       青云     2023-10-10  —                      —                            5,000 (on the 终本 case)
c4   B       陈营     2023-11-01  —                      —                            —
c5   A       青云     2023-09-01  2024-03-01 (before)    —                            not in the stock
c6   B       —        2024-04-15 (during)                —                            not in the stock

stock 4 (c1–c4) · resumed 2 (c1, c2) · concluded 1 (c1) · recovered 35,000 · remaining 2 (c3, c4).
"""
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection

from cases.services.case_work import case_record_fund
from cases.services.enforcement import case_close
from clearance import metrics
from clearance.services.triggers import clearance_resume
from stats.filters import StatsFilter
from tests.factories import TownshipFactory, UserFactory

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2024, 4, 1), D(2024, 6, 30)


@pytest.fixture
def campaign(court, judge, make_stock_case):
    judge_b = UserFactory(court=court, username="judge_b", full_name="李法官", roles=["enforcement_judge"])
    qingyun = TownshipFactory(court=court, name="青云镇", code="Q01")
    chenying = TownshipFactory(court=court, name="陈营镇", code="C01")
    c1 = make_stock_case(name="c1", closed_on=D(2023, 8, 31), township=qingyun)
    c2 = make_stock_case(name="c2", closed_on=D(2023, 9, 15), township=chenying)
    c3 = make_stock_case(name="c3", closed_on=D(2023, 10, 10), township=qingyun, judge_=judge_b)
    c4 = make_stock_case(name="c4", closed_on=D(2023, 11, 1), township=chenying, judge_=judge_b)
    c5 = make_stock_case(name="c5", closed_on=D(2023, 9, 1), township=qingyun)
    c6 = make_stock_case(name="c6", closed_on=D(2024, 4, 15), judge_=judge_b)
    clearance_resume(case=c5, actor=judge, filed_on=D(2024, 3, 1))
    r1 = clearance_resume(case=c1, actor=judge, filed_on=D(2024, 4, 10))
    case_record_fund(case=r1, actor=judge, direction="in", amount=Decimal("30000.00"), occurred_on=D(2024, 5, 1))
    case_close(case=r1, actor=judge, method="completed", closed_on=D(2024, 5, 20))
    clearance_resume(case=c2, actor=judge, filed_on=D(2024, 5, 6))
    case_record_fund(case=c3, actor=judge_b, direction="in", amount=Decimal("5000.00"), occurred_on=D(2024, 4, 20))
    case_record_fund(case=c4, actor=judge_b, direction="in", amount=Decimal("700.00"), occurred_on=D(2024, 3, 20))
    return SimpleNamespace(c1=c1, c2=c2, c3=c3, c4=c4, c5=c5, c6=c6, r1=r1, judge_a=judge, judge_b=judge_b,
                           qingyun=qingyun, chenying=chenying, court=court)


def period(w, **kw):
    return StatsFilter(date_from=START, date_to=END, courts=(w.court.pk,), **kw)


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_campaign_figures(campaign):
    w = campaign
    assert metrics.compute(period(w)) == {"stock_start": 4, "resumed": 2, "concluded": 1,
                                          "recovered": Decimal("35000.00"), "remaining": 2}


def test_every_figure_drills_down_to_its_cases(campaign):
    w, f = campaign, period(campaign)
    assert ids(metrics.cases_behind("stock_start", f)) == {w.c1.pk, w.c2.pk, w.c3.pk, w.c4.pk}
    assert ids(metrics.cases_behind("resumed", f)) == {w.c1.pk, w.c2.pk}
    assert ids(metrics.cases_behind("concluded", f)) == {w.c1.pk}
    assert ids(metrics.cases_behind("remaining", f)) == {w.c3.pk, w.c4.pk}
    recovered = metrics.cases_behind("recovered", f)
    assert ids(recovered) == {w.r1.pk, w.c3.pk}
    assert sum(metrics.amounts_by_case(f, ids(recovered)).values()) == Decimal("35000.00")


def test_by_judge_and_by_township(campaign):
    w, f = campaign, period(campaign)
    judges = metrics.by_judge(f)
    assert judges[w.judge_a.pk] == {"stock_start": 2, "resumed": 2, "concluded": 1,
                                     "recovered": Decimal("30000.00"), "remaining": 0}
    assert judges[w.judge_b.pk] == {"stock_start": 2, "resumed": 0, "concluded": 0,
                                     "recovered": Decimal("5000.00"), "remaining": 2}
    towns = metrics.by_township(f, [w.qingyun.pk, w.chenying.pk])
    assert towns[w.qingyun.pk] == {"stock_start": 2, "resumed": 1, "concluded": 1,
                                   "recovered": Decimal("35000.00"), "remaining": 1}
    assert towns[w.chenying.pk] == {"stock_start": 2, "resumed": 1, "concluded": 0,
                                    "recovered": Decimal("0.00"), "remaining": 1}
    # a group's figures equal the figures with that group as the filter (the drill-down links rely on it)
    assert judges[w.judge_b.pk] == metrics.compute(f.replace(judge=w.judge_b.pk))


def test_burndown_by_week(campaign):
    points = metrics.burndown(period(campaign))
    assert len(points) == 13 and points[0]["week_end"] == D(2024, 4, 7) and points[-1]["week_end"] == END
    remaining = [p["remaining"] for p in points]
    assert remaining[:2] == [4, 3]  # c1 resumed on 10 Apr, in the second week
    assert remaining[5] == 2  # c2 resumed 6 May, the sixth week (6–12 May)
    assert remaining[4] == 3 and remaining[-1] == 2
    # each point equals the "remaining" figure on that week's last day
    for p in points:
        assert metrics.compute(period(campaign).replace(date_to=p["week_end"]), ["remaining"])["remaining"] == \
            p["remaining"]


def test_board_api_for_a_leader_with_drill_down_links(api, campaign, leader, judge, other_leader):
    url = f"/api/v1/clearance/board/?date_from={START}&date_to={END}"
    assert api.as_user(judge).get(url).status_code == 403
    data = api.as_user(leader).get(url).json()
    figures = {c["name"]: c for c in data["figures"]}
    assert figures["stock_start"]["value"] == 4 and figures["recovered"]["value"] == "35000.00"
    listed = api.as_user(leader).get(figures["remaining"]["url"]).json()
    assert {r["id"] for r in listed["results"]} == {campaign.c3.pk, campaign.c4.pk}
    assert [t["name"] for t in data["by_township"]] == ["陈营镇", "青云镇"]
    assert [p["remaining"] for p in data["burndown"]][:2] == [4, 3]
    # another court's leader may not name this court
    assert api.as_user(other_leader).get(url + f"&court={campaign.court.pk}").status_code == 404
    assert api.as_user(other_leader).get(url).json()["figures"][0]["value"] == 0


def test_board_page_and_its_drill_down(client, campaign, leader, django_assert_max_num_queries):
    client.force_login(leader)
    # PostgreSQL adds a few statements of its own (SET LOCAL jit = off per aggregation transaction)
    with django_assert_max_num_queries(40 if connection.vendor == "sqlite" else 46):
        page = client.get(f"/clearance/board/?date_from={START}&date_to={END}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "终本清仓看板" in html and "burndown-chart" in html and "chart.umd.min.js" in html
    cases = client.get(f"/clearance/board/concluded/cases/?date_from={START}&date_to={END}")
    assert cases.status_code == 200 and campaign.c1.number in cases.content.decode()
    assert campaign.c3.number not in cases.content.decode()


def test_board_money_reads_wan_yuan_once_filters_are_dropdowns_and_dates_filled(client, campaign, leader, clerk):
    client.force_login(leader)
    html = client.get(f"/clearance/board/?date_from={START}").content.decode()
    assert "万万元" not in html and "3.5万元" in html  # 35,000 yuan recovered in the campaign
    judge_select = html.split('<select name="judge"')[1].split("</select>")[0]
    assert "李法官" in judge_select and clerk.full_name not in judge_select  # enforcement judges only
    assert '<select name="township"' in html and "青云镇" in html.split('<select name="township"')[1]
    assert f'name="date_from" id="id_date_from" value="{START}"' in html
    assert 'name="date_to" id="id_date_to" value="' in html and 'id="id_date_to" value=""' not in html
