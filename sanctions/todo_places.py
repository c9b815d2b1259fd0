"""Where the to-dos sanctions creates are done (cases.todo_places): an approval at its measure, a roster entry on its
roster with the case's pending entries."""
from django.urls import reverse

from cases.choices import TodoKind
from cases.todo_places import key_id, register_todo_place

register_todo_place(TodoKind.SANCTION_APPROVAL, lambda todo: reverse("sanctions:detail", args=[key_id(todo)]))
register_todo_place(TodoKind.ROSTER_CONFIRM, lambda todo: reverse("sanctions:roster-entry", args=[key_id(todo)]))
