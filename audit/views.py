"""The audit trail of one case, fetched when the case page's 操作审计 section is opened (htmx), or as a page of its
own (the section's link, without JavaScript). Its rows are read only then: a case's trail grows with every write
(up to 100 rows shown), and rendering it on every view of the case page cost more than the rest of the page."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from cases.models import EnforcementCase
from cases.selectors import restrict_to_user

from .selectors import case_audit_entries


@login_required
def case_audit(request, pk):
    case = get_object_or_404(restrict_to_user(EnforcementCase.objects.only("id", "number", "court_id"), request.user),
                             pk=pk)
    context = {"case": case, "entries": case_audit_entries(case)}
    template = "audit/case_audit_table.html" if request.htmx else "audit/case_audit_page.html"
    return render(request, template, context)
