"""Where a 终本 re-inquiry or resume trigger to-do is done (cases.todo_places): the case's 终本 page."""
from django.urls import reverse

from cases.choices import TodoKind
from cases.todo_places import register_todo_place

register_todo_place(TodoKind.REINQUIRY_DUE, lambda todo: reverse("clearance:case", args=[todo.enforcement_case_id]))
