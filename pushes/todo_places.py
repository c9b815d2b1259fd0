"""Where a push feedback to review is done (cases.todo_places): the case's feedback, at that feedback."""
from django.urls import reverse

from cases.choices import TodoKind
from cases.todo_places import key_id, register_todo_place


def feedback_place(todo) -> str:
    return f"{reverse('pushes:feedback-list')}?case={todo.enforcement_case_id}#feedback-{key_id(todo)}"


register_todo_place(TodoKind.PUSH_FEEDBACK, feedback_place)
