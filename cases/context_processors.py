from .selectors import todo_counts_for


def navigation(request):
    """The user's open to-do count, shown in the top bar of every page."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    counts = todo_counts_for(user)
    return {"nav_todo_total": sum(counts.values())}
