"""The daily work in Chromium, without dead ends: a clerk finds a debtor's cases by ID number and walks from the
party to its cases; a judge works the to-do list grouped by kind, ticks several off at once, and follows a roster
to-do to the roster, where entries are confirmed in bulk."""
import datetime as dt

import pytest
from playwright.sync_api import expect

from cases.choices import TodoKind
from cases.models import Todo
from sanctions.models import RosterEntry
from tests.factories import PersonFactory

from .browser import confirmations, log_in

pytestmark = pytest.mark.e2e


def test_a_clerk_finds_a_debtors_cases_by_id_number(live_server, page, screenshot, clerk, court_workload):
    base = live_server.url
    debtor = court_workload[0].respondents.get()
    log_in(page, base, clerk.username)
    page.get_by_role("searchbox").first.fill(debtor.id_number)
    page.get_by_role("button", name="查找").click()
    expect(page.get_by_role("link", name=court_workload[0].number)).to_be_visible()
    screenshot("daily-01-case-search-by-id")
    page.goto(f"{base}/parties/?q={debtor.id_number}")
    page.get_by_role("link", name=debtor.name).click()
    expect(page.get_by_role("heading", name=debtor.name)).to_be_visible()
    section = page.get_by_test_id("enforcement_as_respondent")
    screenshot("daily-02-party-page")
    section.get_by_role("link", name=court_workload[0].number).click()
    expect(page).to_have_url(f"{base}/cases/{court_workload[0].pk}/")


def test_a_judge_works_the_to_do_list_and_confirms_roster_entries_in_bulk(live_server, page, screenshot, judge, court,
                                                                          court_workload):
    base = live_server.url
    case = court_workload[1]
    entries = []
    for n in range(3):
        entry = RosterEntry.objects.create(court=court, case=case, party=PersonFactory(court=court, name=f"拘传对象{n}"),
                                           kind="summons", entered_on=dt.date.today(), reasons=["未报告财产"],
                                           reason_keys=["report"])
        Todo.objects.create(court=court, assignee=judge, kind=TodoKind.ROSTER_CONFIRM, dedupe_key=entry.todo_key,
                            enforcement_case=case, due_on=entry.entered_on,
                            title=f"{case.number} 拘传对象{n}拟列入拘传名册，待确认")
        entries.append(entry)
    log_in(page, base, judge.username)
    page.goto(f"{base}/todos/")
    groups = page.locator("section.todo-group h2")
    expect(groups.first).to_contain_text("节点超期")  # overdue before near, the roster last
    expect(groups.last).to_contain_text("名册待确认")
    screenshot("daily-03-todos-grouped", full_page=True)

    deadline = page.get_by_test_id("todo-group-deadline_near")
    deadline.locator("input[type=checkbox]").check()
    page.get_by_test_id("todo-group-node_overdue").locator("input[type=checkbox]").check()
    page.get_by_role("button", name="办结所选").click()
    expect(page.get_by_text("已办结2项待办。")).to_be_visible()
    expect(page.get_by_test_id("todo-group-deadline_near")).to_have_count(0)

    page.get_by_role("link", name=f"{case.number} 拘传对象0拟列入拘传名册，待确认").click()
    expect(page.locator(f"#entry-{entries[0].pk}")).to_be_visible()
    for entry in entries[:2]:
        page.locator(f"#entry-{entry.pk} input[type=checkbox]").check()
    screenshot("daily-04-roster-bulk")
    page.get_by_role("button", name="确认所选").click()
    expect(page.get_by_text("已确认列入名册：2条")).to_be_visible()
    assert [RosterEntry.objects.get(pk=e.pk).status for e in entries] == ["confirmed", "confirmed", "pending"]
    page.goto(f"{base}/todos/")
    expect(page.get_by_test_id("todo-group-roster_confirm").locator("tbody tr")).to_have_count(1)


def test_approving_a_measure_asks_first(live_server, page, screenshot, judge, leader, court_workload):
    from decimal import Decimal

    from cases.services.common import court_today
    from tests.factories import propose_measure

    case = court_workload[0]  # a person: fines up to 100,000 yuan
    fine = propose_measure(case, case.respondents.get(), "fine", actor=judge, decided_on=court_today(),
                           amount=Decimal("5000"))
    log_in(page, live_server.url, leader.username)
    page.goto(f"{live_server.url}/sanctions/measures/approvals/")
    questions, reply = confirmations(page)

    reply(False)
    page.get_by_role("button", name="批准").first.click()
    page.wait_for_timeout(500)
    assert questions and "罚款" in questions[0] and case.number in questions[0]
    fine.refresh_from_db()
    assert fine.status == "proposed"  # dismissed: nothing sent
    reply(True)
    page.get_by_role("button", name="批准").first.click()
    expect(page.get_by_text("已批准，措施生效。")).to_be_visible()
    fine.refresh_from_db()
    assert fine.status == "approved"
