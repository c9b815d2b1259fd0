"""我的待办: the user's to-dos grouped by kind, most urgent first, each linked to where it is done; several ticked off
at once. `?kind=` shows one kind in pages; `?done=1` includes those already done."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wanian_exec.pages import redirect_after_post

from .. import selectors
from ..choices import TodoKind
from ..services import todos
from ..services.common import court_today
from ..todo_places import todo_place, with_places

PAGE_SIZE = 20
GROUP_SHOWN = 10  # to-dos shown per kind on the grouped page; the rest behind the kind's own page


@login_required
def todo_list(request):
    include_done = request.GET.get("done") == "1"
    kind = request.GET.get("kind", "")
    counts = selectors.todo_counts_for(request.user)
    context = {"today": court_today(), "kind": kind, "include_done": include_done, "open_total": sum(counts.values()),
               "kinds": [(value, TodoKind(value).label, n) for value, n in selectors.todo_kinds_by_priority(counts)]}
    if kind in TodoKind.values or include_done:
        queryset = selectors.todos_for(request.user, include_done=include_done)
        if kind in TodoKind.values:
            queryset = queryset.filter(kind=kind)
        queryset = queryset.order_by("done_at", "due_on", "pk") if include_done else queryset.order_by("due_on", "pk")
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        with_places(page.object_list)
        context["page"] = page
    else:
        context["groups"] = [
            {"kind": value, "label": TodoKind(value).label, "count": counts.get(value, 0), "todos": with_places(items)}
            for value, items in selectors.todo_groups(request.user, per_kind=GROUP_SHOWN)]
        context["group_shown"] = GROUP_SHOWN
    return render(request, "cases/todo_list.html", context)


def _back(request):
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("todo-list")
    return back


@login_required
@require_POST
def todo_done(request, pk):
    todo = get_object_or_404(selectors.open_todos_for(request.user), pk=pk)
    todos.todo_mark_done(todo=todo, actor=request.user)
    if request.htmx:
        todo.place = todo_place(todo)
        return render(request, "partials/todo_row.html", {"todo": todo, "done": True, "today": court_today()})
    messages.success(request, _("已完成：%(t)s") % {"t": todo.title})
    return redirect_after_post(request, _back(request))


@login_required
@require_POST
def todos_done(request):
    """The ticked to-dos of the user marked done at once (only the user's own open ones are touched)."""
    ids = [int(value) for value in request.POST.getlist("todos") if value.isdigit()]
    if not ids:
        messages.error(request, _("请先勾选待办事项。"))
    else:
        done = todos.todos_close(queryset=selectors.open_todos_for(request.user).filter(pk__in=ids),
                                 actor=request.user)
        messages.success(request, _("已办结%(n)d项待办。") % {"n": done})
    return redirect_after_post(request, _back(request))
