from .selectors import open_todos_for


def navigation(request):
    """The user's open to-do count, shown in the top bar of every page."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {"nav_todo_total": open_todos_for(user).count()}
