"""Dashboards: who may see them, what they show, drill-downs, exports, and a bounded number of queries."""
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from stats import metrics
from tests.factories import CourtFactory, UserFactory

from .conftest import P_FROM, P_TO

pytestmark = pytest.mark.django_db

PERIOD = f"date_from={P_FROM}&date_to={P_TO}"


def get(client, user, url, **kwargs):
    client.force_login(user)
    return client.get(url, **kwargs)


def figure_on_page(html: str, name: str) -> str:
    """The value a figure card (data-metric=name) shows."""
    match = re.search(rf'data-metric="{name}".*?class="figure-value"[^>]*>([^<]+)<', html, re.S)
    assert match, name
    return match.group(1).strip()


def workbook_rows(response) -> list[tuple]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


# --- the leader dashboard -------------------------------------------------------------------------------------


def test_the_leader_dashboard_shows_the_figures_with_their_parts(client, world, leader):
    response = get(client, leader, f"{reverse('stats:leader')}?{PERIOD}")
    assert response.status_code == 200
    html = response.content.decode()
    assert figure_on_page(html, "new_cases") == "5"
    assert figure_on_page(html, "concluded") == "4"
    assert figure_on_page(html, "amount_recovered") == "11.1万"
    assert figure_on_page(html, "preservation_rate") == "33.33%"
    assert figure_on_page(html, "first_enforcement_avg_days") == "154.3天"
    assert figure_on_page(html, "enforcement_application_rate") == "25%"
    assert figure_on_page(html, "terminated_current_stock") == "2"
    assert "111,000.50元" in html  # the exact amount under the 万元 figure
    assert 'class="part-n">1</a> / <a href="' in html  # a numerator and a denominator, each a link
    for section in ("四同步", "五推送", "三板斧", "终本清仓", "承办法官办案情况", "逐月趋势"):
        assert section in html
    assert "vendor/chartjs/chart.umd.min.js" in html


def test_every_number_on_the_leader_dashboard_links_to_a_case_list(client, world, leader):
    html = get(client, leader, f"{reverse('stats:leader')}?{PERIOD}").content.decode()
    links = set(re.findall(r'href="(/stats/metrics/[^"]+)"', html))
    assert len(links) > 40
    for url in list(links)[:60]:
        assert client.get(url.replace("&amp;", "&")).status_code == 200, url


def test_the_per_judge_table_counts_each_judges_cases(client, world, leader, judge, judge2):
    html = get(client, leader, f"{reverse('stats:leader')}?{PERIOD}").content.decode()
    table = html[html.index('id="judges"'):]
    assert f"judge={judge2.pk}" in table and f"judge={judge.pk}" in table
    row = table[table.index("李法官"):table.index("</tr>", table.index("李法官"))]
    assert re.findall(r">(\d+)</a>", row)[:2] == ["1", "1"]  # new, concluded


def test_a_judge_without_the_statistics_permission_is_refused(client, world, judge):
    assert get(client, judge, reverse("stats:leader")).status_code == 403


def test_another_courts_leader_sees_only_their_own_figures(client, world, other_leader):
    html = get(client, other_leader, f"{reverse('stats:leader')}?{PERIOD}").content.decode()
    assert figure_on_page(html, "new_cases") == "1"  # 鄱阳's own case, not ours
    assert figure_on_page(html, "amount_recovered") == "1.0万"


def test_a_court_not_under_the_leader_is_404(client, world, other_leader, court):
    response = get(client, other_leader, f"{reverse('stats:leader')}?{PERIOD}&court={court.pk}")
    assert response.status_code == 404
    url = f"{reverse('stats:cases', args=['new_cases'])}?{PERIOD}&court={court.pk}"
    assert client.get(url).status_code == 404


def test_a_higher_courts_leader_sees_the_courts_under_it(client, world, court, other_court):
    high = CourtFactory(code="赣11", name="上饶市中级人民法院")
    court.parent = high
    court.save(update_fields=["parent"])
    president = UserFactory(court=high, username="president", roles=["leader"])
    html = get(client, president, f"{reverse('stats:leader')}?{PERIOD}&court={court.pk}").content.decode()
    assert figure_on_page(html, "new_cases") == "5"
    both = get(client, president, f"{reverse('stats:leader')}?{PERIOD}&court={court.pk}&court={high.pk}")
    assert "各法院办案情况" in both.content.decode()
    assert client.get(f"{reverse('stats:leader')}?{PERIOD}&court={other_court.pk}").status_code == 404


def test_bad_dates_are_a_form_error_not_a_crash(client, world, leader):
    response = get(client, leader, f"{reverse('stats:leader')}?date_from=2024-06-30&date_to=2024-01-01")
    assert response.status_code == 400
    assert "截止日期不能早于起始日期" in response.content.decode()


def test_the_leader_dashboard_costs_a_fixed_number_of_queries(client, world, leader, judge,
                                                              django_assert_max_num_queries, make_case):
    client.force_login(leader)
    url = f"{reverse('stats:leader')}?{PERIOD}"
    client.get(url)  # warm the session and permission caches
    # bound: a few aggregates per source table + auth, courts, form choices (PostgreSQL adds SET LOCAL / savepoints)
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    for n in range(6):  # more cases, more judges: the same queries
        make_case(filed_on=dt.date(2024, 2, 1) + dt.timedelta(days=n),
                  judge=UserFactory(court=judge.court, roles=["enforcement_judge"]))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


# --- drill-down -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["new_cases", "concluded", "closure_rate", "terminated_current_stock",
                                  "referral_persons", "preservation_rate", "pushed_concluded"])
def test_the_drill_down_list_has_as_many_cases_as_the_figure(client, world, leader, period, name):
    figure = metrics.compute(period, [name])[name]
    response = get(client, leader, f"{reverse('stats:cases', args=[name])}?{PERIOD}")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == figure.cases().count()
    if figure.definition.numerator.measure == "cases":
        assert response.context["page"].paginator.count == figure.numerator
    if figure.denominator is not None:
        response = client.get(f"{reverse('stats:cases', args=[name])}?{PERIOD}&part=denominator")
        assert response.context["page"].paginator.count == figure.denominator


def test_a_money_drill_down_shows_each_cases_share(client, world, leader):
    response = get(client, leader, f"{reverse('stats:cases', args=['crackdown_recovered'])}?{PERIOD}")
    html = response.content.decode()
    assert world.G.number in html and world.D.number in html
    assert "0.7万" in html and "0.1万" in html


def test_a_judge_may_drill_into_their_own_courts_figures(client, world, judge):
    response = get(client, judge, f"{reverse('stats:cases', args=['new_cases'])}?{PERIOD}")
    assert response.status_code == 200 and response.context["page"].paginator.count == 5


def test_an_unknown_metric_is_404(client, world, leader):
    assert get(client, leader, reverse("stats:cases", args=["nonsense"])).status_code == 404


# --- exports ----------------------------------------------------------------------------------------------------


def test_a_drill_down_list_exports_to_excel(client, world, leader):
    response = get(client, leader, f"{reverse('stats:cases', args=['amount_recovered'])}?{PERIOD}&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = workbook_rows(response)
    assert rows[0][0].startswith("执行到位金额")
    header, body = rows[2], rows[3:]
    assert header[1] == "案号" and header[-1] == "计入本指标金额（元）"
    assert {r[1] for r in body} == {world.A.number, world.H.number, world.E.number, world.G.number, world.D.number}
    assert sum(Decimal(str(r[-1])) for r in body) == Decimal("111000.50")


def test_the_summary_judges_and_monthly_exports(client, world, leader):
    client.force_login(leader)
    summary = workbook_rows(client.get(f"{reverse('stats:summary-export')}?{PERIOD}"))
    by_label = {r[0]: r for r in summary[3:]}
    assert by_label["新收"][2] == 5 and by_label["结案率"][3:5] == (4, 7)
    judges = workbook_rows(client.get(f"{reverse('stats:judges-export')}?{PERIOD}"))
    assert {r[0]: r[1:3] for r in judges[3:]} == {"张法官": (4, 3), "李法官": (1, 1)}
    monthly = workbook_rows(client.get(f"{reverse('stats:trend-export')}?{PERIOD}"))
    assert [r[1] for r in monthly[3:]] == [2, 1, 2, 0, 0, 0]


def test_a_litigation_drill_down_exports(client, world, leader):
    response = get(client, leader, f"{reverse('stats:cases', args=['preservation_rate'])}?{PERIOD}&part=denominator"
                                   "&format=xlsx")
    rows = workbook_rows(response)
    assert {r[1] for r in rows[3:]} == {world.lit[k].number for k in ("L1", "L2", "L3")}


def test_nav_links_follow_permissions(client, world, judge, leader):
    judge_page = get(client, judge, reverse("home")).content.decode()
    assert f'href="{reverse("stats:judge")}"' in judge_page
    assert f'href="{reverse("stats:leader")}"' not in judge_page
    leader_page = get(client, leader, reverse("home")).content.decode()
    assert f'href="{reverse("stats:leader")}"' in leader_page


@pytest.mark.parametrize("value", ["²", "99999999999999999999999", "-3", "1.5"])
def test_a_malformed_judge_is_a_form_error_not_a_crash(client, world, leader, value):
    response = get(client, leader, f"{reverse('stats:leader')}?{PERIOD}&judge={value}")
    assert response.status_code == 400
    assert "请输入有效的编号" in response.content.decode()


def test_the_group_table_rows_name_the_court_or_judge_and_link_every_figure():
    from types import SimpleNamespace

    from django.utils import translation

    from stats.templatetags.stats_ui import group_rows

    def cell(value, url="/stats/cases/x/?a=1&b=2", **extra):
        return {"value": value, "url": url, "numerator": "3", "denominator": "4", "url_denominator": "/d/",
                "exact": "1,234.00", "metric": SimpleNamespace(value=extra.get("metric_value", 0)), **extra}

    cells = [cell("5"), cell("4"), cell("30"), cell("75.0%"), cell("1,234"), cell("2", metric_value=2)]
    html = group_rows([{"name": "<万年>", "cells": cells}, {"judge": SimpleNamespace(display_name="王法官"),
                                                           "cells": cells},
                       {"judge": None, "cells": [cell(c["value"], url="", url_denominator="") for c in cells]}])
    rows = html.split("</tr>")[:3]
    assert "&lt;万年&gt;" in rows[0] and "王法官" in rows[1] and "未分配承办法官" in rows[2]
    assert rows[0].count('<a href="/stats/cases/x/?a=1&amp;b=2"') == 7  # six figures and the rate's numerator
    assert '<a href="/d/">4</a>' in rows[0] and 'title="1,234.00"' in rows[0]
    assert 'class="num text-danger"' in rows[0]
    assert "<a " not in rows[2]  # no judge: plain numbers, no drill-down
    with translation.override("en"):
        assert "No judge assigned" in group_rows([{"judge": None, "cells": cells}])
