"""Home page: the user's to-dos, cases by status (a judge's own, or the court's), deadlines running out."""
import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import selectors
from ..choices import CaseStatus, TodoKind
from ..services.common import court_today
from ..services.todos import DEADLINE_WARNING_DAYS
from ..todo_places import with_places

OPEN_TODOS_SHOWN = 15
DEADLINE_CASES_SHOWN = 10


@login_required
def home(request):
    user = request.user
    today = court_today()
    todo_counts = selectors.todo_counts_for(user)
    visible, mine = selectors.workbench_cases(user)
    status_counts = selectors.status_counts(visible)
    # a suspended case's clock is stopped (suspension does not count towards the limit): no warning for it
    running = visible.exclude(status__in=[CaseStatus.CLOSED, CaseStatus.SUSPENDED])
    near = selectors.cases_with_deadline_between(running, today, today + dt.timedelta(days=DEADLINE_WARNING_DAYS))
    overdue = running.filter(deadline_on__lt=today)
    # the warning table: cases about to run out first, then the longest overdue
    warned = [*near.order_by("deadline_on", "pk")[:DEADLINE_CASES_SHOWN],
              *overdue.order_by("deadline_on", "pk")[:DEADLINE_CASES_SHOWN]]
    return render(request, "cases/home.html", {
        "today": today, "warning_days": DEADLINE_WARNING_DAYS,
        "todo_total": sum(todo_counts.values()),
        "todo_counts": [(TodoKind(kind).label, n) for kind, n in sorted(todo_counts.items()) if n],
        "todos": with_places(list(selectors.open_todos_for(user)[:OPEN_TODOS_SHOWN])),
        "status_counts": [(status, label, status_counts.get(status, 0)) for status, label in CaseStatus.choices],
        "case_total": sum(status_counts.values()),
        "near_count": near.count(), "overdue_count": overdue.count(),
        "warned_cases": warned, "shown_per_kind": DEADLINE_CASES_SHOWN,
        "mine": mine, "list_filter": f"judge={user.pk}&" if mine else "",
    })
