"""Where each kind of to-do is done, and which come first.

A to-do links to the page where its work is done: an approval to the measure, a roster entry to its roster, a push
feedback to its review, a re-inquiry to the case's 终本 page. The place is found from the to-do itself (its case and
the object id in its dedupe key), so the to-do page reads no further rows. Apps register the places of the kinds
they create (sanctions, pushes, clearance, in their AppConfig.ready), as they register jobs; a kind without a
place of its own leads to its case.

TODO_PRIORITY orders the groups of the to-do page: what blocks others or is already late first, routine last.
"""
from collections.abc import Callable

from django.urls import reverse

from .choices import TodoKind

TODO_PRIORITY = [
    TodoKind.SANCTION_APPROVAL, TodoKind.DEADLINE_OVERDUE, TodoKind.NODE_OVERDUE, TodoKind.PAYOUT_OVERDUE,
    TodoKind.RULING_OVERDUE, TodoKind.PRESERVATION_RELEASE, TodoKind.LAPSE_NEAR, TodoKind.REAUCTION_DUE,
    TodoKind.PUSH_FEEDBACK,
    TodoKind.DEADLINE_NEAR, TodoKind.PROMISE_MISSED, TodoKind.INSTALMENT_DUE, TodoKind.REINQUIRY_DUE,
    TodoKind.ROSTER_CONFIRM, TodoKind.OTHER,
]
PLACES: dict[str, Callable] = {}


def register_todo_place(kind: str, place: Callable) -> None:
    """`place(todo)` → the URL where a to-do of `kind` is done."""
    PLACES[kind] = place


def key_id(todo, position: int = 1) -> int | None:
    """The object id written into a to-do's dedupe key ("push_feedback:42" → 42)."""
    parts = todo.dedupe_key.split(":")
    try:
        return int(parts[position])
    except (IndexError, ValueError):
        return None


def case_place(todo) -> str:
    if todo.enforcement_case_id:
        return reverse("case-detail", args=[todo.enforcement_case_id])
    if todo.litigation_case_id:
        return reverse("litigation-detail", args=[todo.litigation_case_id])
    return ""


def todo_place(todo) -> str:
    place = PLACES.get(todo.kind)
    return (place(todo) if place else "") or case_place(todo)


def with_places(todos):
    """The to-dos, each with `.place` set (for a page that lists them)."""
    for todo in todos:
        todo.place = todo_place(todo)
    return todos
