"""The admin of a large table of the court's data: a court admin sees their own court's rows only.

`CourtBoundedAdmin` (first among the bases): the changelist, the change form and every lookup go through
`cases.selectors.restrict_to_user` — a court admin (staff, not superuser) gets their court's rows, a system admin
everything — and the court filter is shown to system admins only. `court_path` names the path to the court when the
model is not in `cases.selectors.COURT_PATHS`. The count is wanian_exec.adminkit.ScalePaginator's (no full count).
"""
from django.contrib import admin

from wanian_exec.adminkit import ScalePaginator

from .selectors import restrict_to_user


class CourtBoundedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose rows are the user's court's (system admins: all), counted by ScalePaginator."""

    court_path = None  # default: cases.selectors.COURT_PATHS[model]
    paginator = ScalePaginator
    show_full_result_count = False
    list_per_page = 50  # the page's rendering is most of its time: half of Django's 100 rows

    def get_queryset(self, request):
        return restrict_to_user(super().get_queryset(request), request.user, court_path=self.court_path)

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        return [f for f in filters if not (isinstance(f, str) and f.split("__")[0] == "court")]
