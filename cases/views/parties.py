"""Parties: the searchable list, and the party picker used by the filing forms (lookup, chip, inline creation)."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from wanian_exec.pages import dress_filters, require_court, require_perms, run_service

from .. import rules, selectors
from ..filtersets import PartyFilter
from ..forms import PartyInlineForm
from ..permissions import ADD_PARTY
from ..services.parties import party_create

PAGE_SIZE = 20
# The lists a picked party can join, and which filing form offers which.
PICKER_ROLES = {
    "applicants": gettext_lazy("申请执行人"), "respondents": gettext_lazy("被执行人"),
    "plaintiffs": gettext_lazy("原告"), "defendants": gettext_lazy("被告"),
    "applicant": gettext_lazy("申请人"), "respondent": gettext_lazy("被申请人"),
}
FORM_ROLES = {"enforcement": ("applicants", "respondents"), "litigation": ("plaintiffs", "defendants"),
              "preservation": ("applicant", "respondent")}


def _role(value):
    if value not in PICKER_ROLES:
        raise Http404
    return value


@login_required
def party_list(request):
    filterset = PartyFilter(request.GET or None, queryset=selectors.parties_visible_to(request.user))
    form = dress_filters(filterset.form)
    form.fields["q"].widget.attrs.update({"placeholder": _("姓名/名称，或完整证件号码"), "autofocus": True})
    for name in ("township", "grid"):
        form.fields.pop(name, None)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/party_list.html", {"filter_form": form, "page": page})


PARTY_CASES_SHOWN = 50  # per role on the party page; the rest through the case list's search


@login_required
@require_GET
def party_detail(request, pk):
    """A party and its cases in every role it holds, each linked; another court's party is a 404."""
    party = get_object_or_404(selectors.parties_visible_to(request.user), pk=pk)
    groups, cases_by_role = [], selectors.cases_of_party(party)
    for key, title, url_name in PARTY_CASE_GROUPS:
        rows = list(cases_by_role[key][:PARTY_CASES_SHOWN + 1])
        groups.append({"key": key, "title": title, "url_name": url_name, "rows": rows[:PARTY_CASES_SHOWN],
                       "more": len(rows) > PARTY_CASES_SHOWN,
                       "enforcement": key.startswith("enforcement")})
    search = party.identity_number or party.name
    return render(request, "cases/party_detail.html", {"party": party, "groups": groups, "search": search})


PARTY_CASE_GROUPS = [
    ("enforcement_as_respondent", gettext_lazy("作为被执行人的执行案件"), "case-list"),
    ("enforcement_as_applicant", gettext_lazy("作为申请执行人的执行案件"), "case-list"),
    ("litigation_as_defendant", gettext_lazy("作为被告的诉讼案件"), "litigation-list"),
    ("litigation_as_plaintiff", gettext_lazy("作为原告的诉讼案件"), "litigation-list"),
]


@login_required
@require_GET
def party_lookup(request):
    """htmx: up to 10 parties of the user's court matching the text typed in a picker's search box."""
    role = _role(request.GET.get("role"))
    text = request.GET.get("party_q", "")
    return render(request, "partials/party_lookup_results.html", {
        "role": role, "role_label": PICKER_ROLES[role], "text": text.strip(),
        "parties": selectors.party_lookup(request.user, text),
    })


@login_required
@require_GET
def litigation_lookup(request):
    """htmx: up to 10 litigation cases of the user's court matching the number or cause typed (source case)."""
    text = request.GET.get("source_case_q", "")
    cases = list(selectors.litigation_lookup(request.user, text))
    for case in cases:  # what the filing would claim: the unpaid part of the judgment, or the claim before one
        case.unpaid = (case.owed or 0) - (case.paid or 0) if case.has_outcome else case.claim_amount
        case.performed = case.has_outcome and rules.performed_in_full(owed=case.owed or 0, paid=case.paid or 0)
    return render(request, "partials/case_lookup_results.html", {"text": text.strip(), "cases": cases})


@login_required
@require_GET
def party_chip(request, pk):
    """htmx: a picked party as a chip (a hidden input of the role's field name) for the picker's list."""
    role = _role(request.GET.get("role"))
    party = get_object_or_404(selectors.parties_visible_to(request.user), pk=pk)
    return render(request, "partials/party_chip.html", {"party": party, "role": role})


@login_required
@require_POST
def party_create_inline(request):
    """htmx: create a party from the picker's "新建当事人" panel and add it to a list of the filing form.

    Success answers the new chip, retargeted into the chosen list, plus a fresh panel swapped out of band;
    failure re-renders the panel with the service's Chinese messages beside the fields.
    """
    require_perms(request.user, ADD_PARTY)
    require_court(request.user)
    role = _role(request.POST.get("role"))
    party_for = request.POST.get("np-for", "enforcement")
    if party_for not in FORM_ROLES:
        raise Http404
    form = PartyInlineForm(request.POST)
    ok, party = False, None
    if form.is_valid():
        ok, party = run_service(form, party_create, court=request.user.court, actor=request.user, **form.cleaned_data)
    context = {"party_form": form, "party_for": party_for, "roles": _roles(party_for)}
    if not ok:
        return render(request, "partials/party_create.html", context)
    context.update({"party_form": PartyInlineForm(), "party": party, "role": role, "oob": True,
                    "created": _("已新建“%(name)s”，并加入%(role)s。") % {"name": party.name,
                                                                     "role": PICKER_ROLES[role]}})
    response = render(request, "partials/party_created.html", context)
    response["HX-Retarget"] = f"#chips-{role}"
    response["HX-Reswap"] = "beforeend"
    return response


def _roles(party_for):
    return [(role, PICKER_ROLES[role]) for role in FORM_ROLES[party_for]]
