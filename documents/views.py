"""Browser pages for a case's documents: list, issue (with a draft preview), the issued text, the PDF.

Every case and document is reached through the tenancy selectors, so another court's is a 404; issuing needs
`cases.handle_enforcementcase` (403 otherwise), as every other piece of case work does.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from cases.permissions import HANDLE_CASE
from cases.selectors import enforcement_cases_visible_to
from wanian_exec.pages import require_perms, run_service

from . import selectors, services
from .forms import DocumentIssueForm
from .kinds import SPECS

# The stored text is our own template's output; still, a preview may run no script and load nothing.
PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


def _visible_case(user, pk):
    return get_object_or_404(enforcement_cases_visible_to(user), pk=pk)


def _visible_document(user, pk, *, with_html=False):
    queryset = selectors.documents_visible_to(user)
    return get_object_or_404(queryset.defer(None) if with_html else queryset, pk=pk)


@login_required
def document_list(request, case_pk):
    case = _visible_case(request.user, case_pk)
    return render(request, "documents/document_list.html", {
        "case": case, "documents": selectors.case_documents(case), "specs": SPECS.values(),
        "can_issue": request.user.has_perm(HANDLE_CASE),
    })


@login_required
@require_http_methods(["GET", "POST"])
def document_issue(request, case_pk):
    case = _visible_case(request.user, case_pk)
    require_perms(request.user, HANDLE_CASE)
    spec = SPECS.get(request.POST.get("kind") or request.GET.get("kind") or "")
    if spec is None:
        raise Http404(_("未知的文书种类。"))
    form = DocumentIssueForm(request.POST or None, case=case, spec=spec)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            kwargs = dict(case=case, kind=spec.kind, **form.service_kwargs())
            if "preview" in request.POST:
                ok, html = run_service(form, services.document_draft, actor=request.user, **kwargs)
                if ok:
                    return _html_response(html)
            else:
                ok, document = run_service(form, services.document_issue, actor=request.user, **kwargs)
                if ok:
                    messages.success(request, _("已制作%(kind)s，文书编号%(number)s。")
                                     % {"kind": spec.label, "number": document.number})
                    return redirect("documents:detail", pk=document.pk)
        status = 400
    return render(request, "documents/document_issue.html", {"case": case, "spec": spec, "form": form},
                  status=status)


@login_required
def document_detail(request, pk):
    document = _visible_document(request.user, pk)
    return render(request, "documents/document_detail.html", {"document": document, "case": document.case})


def _html_response(html: str) -> HttpResponse:
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = PREVIEW_CSP
    return response


@login_required
@xframe_options_sameorigin
def document_preview(request, pk):
    """The document exactly as issued (the stored HTML the PDF was made from), for the browser."""
    return _html_response(_visible_document(request.user, pk, with_html=True).html)


@login_required
def document_pdf(request, pk):
    document = _visible_document(request.user, pk)
    return FileResponse(document.pdf.open("rb"), as_attachment=True, filename=document.download_name,
                        content_type="application/pdf")
