"""The judge's own dashboard (stats:judge): my cases near their deadlines, overdue steps and to-dos, with exports.

Outside tests/stats, whose modules share a built court (tests/stats/conftest.py): this one files its own cases."""
import datetime as dt

import pytest
from django.urls import reverse

from cases.services.todos import todo_create_once
from tests.stats.test_views import get, workbook_rows

pytestmark = pytest.mark.django_db


def test_the_judge_dashboard_shows_my_cases_deadlines_overdue_nodes_and_todos(client, judge, make_case, court):
    from cases.services.common import court_today

    today = court_today()
    soon = make_case(filed_on=today - dt.timedelta(days=175))  # 6-month limit in about a week, notice not served
    fresh = make_case(filed_on=today)
    todo_create_once(court=court, dedupe_key="t1", assignee=judge, kind="other", title="核实财产线索",
                     enforcement_case=soon)
    response = get(client, judge, reverse("stats:judge"))
    assert response.status_code == 200
    assert list(response.context["deadlines"]) == [soon]
    overdue = list(response.context["overdue"])
    assert overdue == [soon] and overdue[0].overdue_notice and not overdue[0].overdue_deadline
    assert fresh not in overdue
    assert response.context["todo_count"] == 1
    html = response.content.decode()
    assert f"judge={judge.pk}&amp;status=in_progress" in html or f"judge={judge.pk}&amp;status=filed" in html
    rows = workbook_rows(client.get(reverse("stats:judge-export", args=["deadlines"])))
    assert rows[3][1] == soon.number
    assert workbook_rows(client.get(reverse("stats:judge-export", args=["todos"])))[3][2] == "核实财产线索"
