"""To-do items: created once per dedupe key, ticked off by their assignee."""
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wanian_exec.errors import RuleViolation

from .. import rules
from ..choices import CaseStatus, EventKind, TodoKind
from ..models import EnforcementCase, Todo
from ..selectors import has_event
from .common import court_today

DEADLINE_WARNING_DAYS = 14  # the judge is warned two weeks before the time limit runs out
SWEEP_BATCH = 2000  # cases per batch: bounded memory on a province's million cases


def todo_create_once(*, dedupe_key: str, court=None, court_id=None, **fields) -> tuple[Todo, bool]:
    """Idempotent: the (court, dedupe_key) constraint makes a second call return the first item.

    `fields` are Todo fields (assignee or assignee_id, kind, title, due_on, enforcement_case(_id), …).
    """
    court_id = court_id or court.pk
    return Todo.objects.get_or_create(court_id=court_id, dedupe_key=dedupe_key, defaults=fields)


@transaction.atomic
def todo_mark_done(*, todo: Todo, actor) -> Todo:
    todo = Todo.objects.select_for_update().get(pk=todo.pk)
    if todo.assignee_id not in (None, actor.pk) and not actor.has_role("court_admin"):
        raise RuleViolation(_("只能完成分配给自己的待办事项。"), code="not_assignee")
    if todo.done_at is None:
        todo.done_at, todo.done_by = timezone.now(), actor
        todo.save(update_fields=["done_at", "done_by", "updated_at"])
    return todo


def iter_batches(queryset, *fields, size: int = SWEEP_BATCH):
    """Rows of `queryset` as dicts of `fields` (and "pk"), in primary-key batches: bounded memory, index walks."""
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk).order_by("pk").values("pk", *fields)[:size])
        if not batch:
            return
        yield batch
        last_pk = batch[-1]["pk"]


def todos_close(*, queryset, actor=None) -> int:
    """Tick off open to-dos that no longer need doing (an instalment paid, an asset renewed)."""
    return queryset.filter(done_at__isnull=True).update(done_at=timezone.now(), done_by=actor)


def _sweep(queryset, make_todo) -> int:
    """Walk a queryset in primary-key batches (never the whole table in memory); returns to-dos created."""
    created, last_pk = 0, 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk).order_by("pk").values(
            "pk", "court_id", "judge_id", "number", "filed_on", "deadline_on")[:SWEEP_BATCH])
        if not batch:
            return created
        for row in batch:
            created += make_todo(row)[1]
        last_pk = batch[-1]["pk"]


def todos_for_deadlines(*, today: dt.date | None = None, court_id: int | None = None) -> dict:
    """The daily `deadlines` job: warn judges of time limits ending within 14 days or already run out with the case
    still open, and of notices not served within the 3-day node limit (rules.NOTICE_DAYS). Idempotent through
    dedupe keys."""
    today = today or court_today()
    # suspended cases are left out: their clock is stopped (the deadline moves when the suspension ends)
    open_cases = EnforcementCase.objects.filter(status__in=[CaseStatus.FILED, CaseStatus.IN_PROGRESS],
                                                judge__isnull=False)
    if court_id is not None:  # a court admin runs the job for their own court only
        open_cases = open_cases.filter(court_id=court_id)
    near = open_cases.filter(deadline_on__gte=today, deadline_on__lte=today + dt.timedelta(days=DEADLINE_WARNING_DAYS))
    deadline_created = _sweep(near, lambda row: todo_create_once(
        court_id=row["court_id"], dedupe_key=f"deadline_near:{row['pk']}:{row['deadline_on']}",
        assignee_id=row["judge_id"], kind=TodoKind.DEADLINE_NEAR, enforcement_case_id=row["pk"],
        due_on=row["deadline_on"],
        title=_("%(number)s 执行期限将于%(d)s届满") % {"number": row["number"], "d": row["deadline_on"]},
    ))
    # past the limit and still open: the judge is told once per limit (an approved extension moves deadline_on,
    # and so makes a new item)
    expired = open_cases.filter(deadline_on__lt=today)
    expired_created = _sweep(expired, lambda row: todo_create_once(
        court_id=row["court_id"], dedupe_key=f"deadline_overdue:{row['pk']}:{row['deadline_on']}",
        assignee_id=row["judge_id"], kind=TodoKind.DEADLINE_OVERDUE, enforcement_case_id=row["pk"],
        due_on=row["deadline_on"],
        title=_("%(number)s 执行期限已于%(d)s届满，尚未结案") % {"number": row["number"], "d": row["deadline_on"]},
    ))
    overdue_notice = open_cases.filter(filed_on__lt=today - dt.timedelta(days=rules.NOTICE_DAYS)).exclude(
        has_event(EventKind.NOTICE_SERVED))
    notice_created = _sweep(overdue_notice, lambda row: todo_create_once(
        court_id=row["court_id"], dedupe_key=f"notice_overdue:{row['pk']}", assignee_id=row["judge_id"],
        kind=TodoKind.NODE_OVERDUE, enforcement_case_id=row["pk"],
        due_on=row["filed_on"] + dt.timedelta(days=rules.NOTICE_DAYS),
        title=_("%(number)s 立案已逾3日，尚未送达执行通知书") % {"number": row["number"]},
    ))
    return {"checked_on": today.isoformat(), "deadline_near_created": deadline_created,
            "deadline_overdue_created": expired_created, "notice_overdue_created": notice_created}
