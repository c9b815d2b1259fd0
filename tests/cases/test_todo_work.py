"""The daily work of the to-do list: grouped by kind, most urgent first, each item linked to where it is done,
several ticked off at once; roster entries confirmed or dismissed in bulk; deadline to-dos for cases already past
their limit; a judge's workbench shows the judge's own figures."""
import datetime as dt
import re

import pytest
from django.urls import reverse

from cases.choices import TodoKind
from cases.models import Todo
from cases.services.todos import todos_for_deadlines
from cases.todo_places import TODO_PRIORITY
from sanctions.models import RosterEntry
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def todo(user, kind, key, case=None, due=dt.date(2024, 5, 1), title=None):
    return Todo.objects.create(court=user.court, assignee=user, kind=kind, dedupe_key=key, due_on=due,
                               enforcement_case=case, title=title or f"{kind} {key}")


def roster_entry(case, party, status="pending", kind="summons"):
    entry = RosterEntry.objects.create(court=case.court, case=case, party=party, kind=kind, status=status,
                                       entered_on=dt.date(2024, 5, 1), reasons=["未报告财产"], reason_keys=["report"])
    return entry, todo(case.judge, TodoKind.ROSTER_CONFIRM, entry.todo_key, case)


def test_every_kind_has_its_place_in_the_order():
    assert sorted(TODO_PRIORITY) == sorted(TodoKind.values) and len(set(TODO_PRIORITY)) == len(TODO_PRIORITY)


def test_the_page_groups_by_kind_most_urgent_first_with_counts(client, judge, enforcement_case):
    for n in range(12):
        todo(judge, TodoKind.ROSTER_CONFIRM, f"roster_confirm:{n}:1", enforcement_case)
    todo(judge, TodoKind.SANCTION_APPROVAL, "sanction_approval:1:1", enforcement_case)
    todo(judge, TodoKind.DEADLINE_NEAR, "deadline_near:1", enforcement_case)
    client.force_login(judge)
    page = client.get(reverse("todo-list")).content.decode()
    order = re.findall(r'data-testid="todo-group-(\w+)"', page)
    assert order == ["sanction_approval", "deadline_near", "roster_confirm"]
    roster = page.split('data-testid="todo-group-roster_confirm"')[1]
    assert roster.count('data-testid="todo-roster_confirm"') == 10 and "查看全部 12 项" in roster
    assert "?kind=roster_confirm" in roster


def test_the_grouped_page_reads_a_constant_number_of_queries(client, judge, enforcement_case,
                                                             django_assert_max_num_queries):
    for kind in TodoKind.values:
        for n in range(3):
            todo(judge, kind, f"{kind}:{n}:1", enforcement_case)
    client.force_login(judge)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("todo-list")).status_code == 200


def test_each_item_links_to_where_it_is_done(client, judge, enforcement_case, respondent):
    entry, _ = roster_entry(enforcement_case, respondent)
    todo(judge, TodoKind.PUSH_FEEDBACK, "push_feedback:77", enforcement_case)
    todo(judge, TodoKind.DEADLINE_NEAR, "deadline_near:1", enforcement_case)
    todo(judge, TodoKind.REINQUIRY_DUE, "reinquiry_failed:5", enforcement_case)
    client.force_login(judge)
    page = client.get(reverse("todo-list")).content.decode()
    rows = re.findall(r'data-testid="todo-(\w+)"[^>]*>.*?<a href="([^"]+)" data-testid="todo-place"', page, re.S)
    places = dict(rows)
    assert places["roster_confirm"] == reverse("sanctions:roster-entry", args=[entry.pk])
    assert places["push_feedback"] == f"{reverse('pushes:feedback-list')}?case={enforcement_case.pk}#feedback-77"
    assert places["reinquiry_due"] == reverse("clearance:case", args=[enforcement_case.pk])
    assert places["deadline_near"] == reverse("case-detail", args=[enforcement_case.pk])
    landing = client.get(places["roster_confirm"])
    assert landing.status_code == 302 and landing["Location"].endswith(
        f"/sanctions/rosters/summons/?case={enforcement_case.pk}&status=all#entry-{entry.pk}")
    assert f'id="entry-{entry.pk}"' in client.get(landing["Location"]).content.decode()


def test_another_courts_roster_entry_is_a_404(client, other_judge, judge, enforcement_case, respondent):
    entry, _ = roster_entry(enforcement_case, respondent)
    client.force_login(other_judge)
    assert client.get(reverse("sanctions:roster-entry", args=[entry.pk])).status_code == 404


def test_several_to_dos_are_done_at_once_and_only_the_users_own(client, judge, leader, enforcement_case):
    mine = [todo(judge, TodoKind.DEADLINE_NEAR, f"deadline_near:{n}", enforcement_case) for n in range(3)]
    theirs = todo(leader, TodoKind.SANCTION_APPROVAL, "sanction_approval:9:9", enforcement_case)
    client.force_login(judge)
    response = client.post(reverse("todos-done"), {"todos": [mine[0].pk, mine[1].pk, theirs.pk]})
    assert response.status_code == 302
    done = set(Todo.objects.filter(done_at__isnull=False).values_list("pk", flat=True))
    assert done == {mine[0].pk, mine[1].pk}
    assert Todo.objects.get(pk=mine[0].pk).done_by == judge


def test_roster_entries_are_confirmed_in_bulk_and_their_to_dos_closed(client, judge, enforcement_case, court):
    pairs = [roster_entry(enforcement_case, PersonFactory(court=court)) for _ in range(3)]
    client.force_login(judge)
    url = reverse("sanctions:roster-bulk", args=["summons"])
    response = client.post(url, {"action": "confirm", "entries": [pairs[0][0].pk, pairs[1][0].pk]})
    assert response.status_code == 302
    statuses = {entry.pk: RosterEntry.objects.get(pk=entry.pk).status for entry, _ in pairs}
    assert statuses == {pairs[0][0].pk: "confirmed", pairs[1][0].pk: "confirmed", pairs[2][0].pk: "pending"}
    assert Todo.objects.get(pk=pairs[0][1].pk).done_at and not Todo.objects.get(pk=pairs[2][1].pk).done_at


def test_a_bulk_dismissal_needs_a_reason_and_is_all_or_nothing(client, judge, enforcement_case, court):
    pending, _ = roster_entry(enforcement_case, PersonFactory(court=court))
    closed, _ = roster_entry(enforcement_case, PersonFactory(court=court), status="closed")
    client.force_login(judge)
    url = reverse("sanctions:roster-bulk", args=["summons"])
    client.post(url, {"action": "dismiss", "entries": [pending.pk]})
    assert RosterEntry.objects.get(pk=pending.pk).status == "pending"  # no reason
    client.post(url, {"action": "dismiss", "reason": "已履行", "entries": [pending.pk, closed.pk]})
    assert RosterEntry.objects.get(pk=pending.pk).status == "pending"  # the closed one refuses the batch
    client.post(url, {"action": "dismiss", "reason": "已履行", "entries": [pending.pk]})
    assert RosterEntry.objects.get(pk=pending.pk).status == "dismissed"


def test_a_bulk_decision_never_reaches_another_courts_entries(client, other_judge, enforcement_case, respondent):
    entry, _ = roster_entry(enforcement_case, respondent)
    client.force_login(other_judge)
    client.post(reverse("sanctions:roster-bulk", args=["summons"]), {"action": "confirm", "entries": [entry.pk]})
    assert RosterEntry.objects.get(pk=entry.pk).status == "pending"


def test_the_deadlines_job_tells_the_judge_of_a_case_past_its_limit_once(enforcement_case, judge):
    today = enforcement_case.deadline_on + dt.timedelta(days=30)
    summary = todos_for_deadlines(today=today)
    assert summary["deadline_overdue_created"] == 1
    item = Todo.objects.get(kind=TodoKind.DEADLINE_OVERDUE)
    assert item.assignee == judge and item.enforcement_case == enforcement_case and "已于" in item.title
    assert todos_for_deadlines(today=today + dt.timedelta(days=1))["deadline_overdue_created"] == 0


def test_a_judges_workbench_shows_the_judges_own_cases_and_a_leader_the_courts(client, judge, leader, make_case,
                                                                               court):
    other = UserFactory(court=court, username="judge9", roles=["enforcement_judge"])
    make_case()
    make_case(judge=other)
    make_case(judge=other)

    def filed_tile(user):
        client.force_login(user)
        page = client.get(reverse("home")).content.decode()
        figures = page.split('data-testid="workbench-figures"')[1].split("</section>")[0]
        return int(re.search(r'stat-filed".*?stat-value">(\d+)<', figures, re.S).group(1)), figures

    mine, figures = filed_tile(judge)
    assert mine == 1 and "我承办的执行案件" in figures and f"judge={judge.pk}&amp;status=filed" in figures
    court_wide, figures = filed_tile(leader)
    assert court_wide == 3 and "本院执行案件" in figures
