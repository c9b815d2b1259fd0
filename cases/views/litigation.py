"""Litigation (source) cases: list, filing, detail with preservations, outcome and payment plan, payments, urgings."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from django.db.models import Count, Q

from wanian_exec.pages import dress_filters, redirect_after_post, require_court, require_perms, run_service

from .. import rules, selectors
from ..choices import InstalmentStatus
from ..filtersets import LitigationCaseFilter
from ..forms import (LitigationCaseForm, ObligationFormSet, OutcomeForm, PartyInlineForm, PaymentForm,
                     PreservationAnswerForm, PreservationForm, UrgingForm)
from ..models import LitigationCase
from ..permissions import ADD_CASE, ADD_LITIGATION, ADD_PARTY, ADD_URGING, CHANGE_LITIGATION
from ..services import case_work, litigation
from ..services.common import court_today
from ..services.preservation import court_now

PAGE_SIZE = 20


def _visible_case(user, pk):
    return get_object_or_404(selectors.litigation_cases_visible_to(user), pk=pk)


@login_required
def litigation_list(request):
    filterset = LitigationCaseFilter(request.GET or None, request=request,
                                     queryset=selectors.litigation_cases_visible_to(request.user))
    dress_filters(filterset.form).fields["q"].widget.attrs.update(
        {"placeholder": _("案号、案由、当事人，或完整证件号码"), "autofocus": True})
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/litigation_list.html", {"filter_form": filterset.form, "page": page,
                                                          "preservation_rate": _preservation_rate(request.user)})


def _preservation_rate(user) -> dict:
    """立案与保全同步 at a glance: property disputes this year, guided, and applied (numerator / denominator)."""
    year = court_today().year
    row = selectors.restrict_to_user(LitigationCase.objects.filter(
        is_property_dispute=True, filed_on__year=year), user).aggregate(
        total=Count("pk"), guided=Count("pk", filter=Q(preservation_guided=True)),
        applied=Count("pk", filter=Q(preservations__isnull=False), distinct=True))
    row["year"] = year
    row["rate"] = round(100 * row["applied"] / row["total"], 1) if row["total"] else None
    return row


@login_required
def litigation_new(request):
    require_perms(request.user, ADD_LITIGATION)
    require_court(request.user)
    if request.method == "POST":
        form = LitigationCaseForm(request.POST, user=request.user)
        if form.is_valid():
            ok, case = run_service(form, litigation.litigation_case_file, court=request.user.court,
                                   actor=request.user, **form.service_kwargs())
            if ok:
                messages.success(request, _("立案成功，案号：%(number)s") % {"number": case.number})
                return redirect_after_post(request, reverse("litigation-detail", args=[case.pk]))
    else:
        form = LitigationCaseForm(user=request.user)
    return render(request, "cases/litigation_form.html", {
        "form": form, "party_form": PartyInlineForm(), "party_for": "litigation",
        "can_add_party": request.user.has_perm(ADD_PARTY),
    })


# --- detail and its forms --------------------------------------------------------------------------------


def _forms(case, name=None, data=None) -> dict:
    """Unbound forms for every card, except the one being re-shown with the user's input (`name`)."""
    def bound(key):
        return data if key == name else None

    # one page holds every form: ids are per form ("payment-amount"), so each label finds its own input
    return {
        "preservation": PreservationForm(bound("preservation"), auto_id="preservation-%s"),
        "outcome": OutcomeForm(bound("outcome"), auto_id="outcome-%s"),
        "obligations": ObligationFormSet(bound("outcome"), prefix="ob"),
        "payment": PaymentForm(bound("payment"), auto_id="payment-%s"),
        "urging": UrgingForm(bound("urging"), parties=case.defendants.all(), auto_id="urging-%s",
                             invalid_party=_("被督促人应为本案被告。")),
        "answer": PreservationAnswerForm(bound("answer"), auto_id="answer-%s"),
    }


def _detail_context(request, case, forms=None, open_card=None) -> dict:
    today = court_today()
    outcome = getattr(case, "outcome", None)
    payments = list(case.payments.select_related("recorded_by"))
    states = selectors.instalment_states(case, today=today)
    user = request.user
    preservations = list(case.preservations.select_related("case").prefetch_related("assets__party"))
    now = court_now()
    for item in preservations:
        item.flags = [(f, selectors.PRESERVATION_FLAG_LABELS[f])
                      for f in selectors.preservation_flags(item, today=today, now=now)]
        item.ruling_deadline = rules.preservation_ruling_deadline(item.applied_on, item.applied_time)
    enforcement_cases = list(selectors.enforcement_cases_visible_to(user).filter(source_case=case))
    defaulted = [(o, st) for o, st in states if st.status == InstalmentStatus.DEFAULTED]
    return {
        "case": case, "today": today, "outcome": outcome,
        "instalments": [(n, o, st, InstalmentStatus(st.status).label) for n, (o, st) in enumerate(states, start=1)],
        "obligations": [o for o, _st in states],
        "obligations_total": sum((st.amount for _o, st in states), start=0),
        "outstanding_total": sum((st.outstanding for _o, st in states), start=0),
        "defaulted": defaulted,
        "payments": payments, "payments_total": sum((p.amount for p in payments), start=0),
        "preservations": preservations,
        "preservation_prompt": case.is_property_dispute and not preservations and not case.preservation_response,
        "urgings": case.urgings.select_related("party", "actor"),
        "enforcement_cases": enforcement_cases,
        "forms": forms or _forms(case), "open_card": open_card,
        "can_change": user.has_perm(CHANGE_LITIGATION), "can_urge": user.has_perm(ADD_URGING),
        "can_apply": user.has_perm(ADD_CASE),
    }


@login_required
def litigation_detail(request, pk):
    case = _visible_case(request.user, pk)
    return render(request, "cases/litigation_detail.html", _detail_context(request, case))


def _litigation_action(request, pk, name, perm):
    require_perms(request.user, perm)
    case = _visible_case(request.user, pk)
    forms = _forms(case, name, request.POST)
    form = forms[name]
    valid = form.is_valid()
    if name == "outcome":
        valid = forms["obligations"].is_valid() and valid
    if valid:
        data = form.cleaned_data
        actor = request.user
        if name == "preservation":
            call = litigation.preservation_add, dict(case=case, actor=actor, **data)
        elif name == "outcome":
            plan = [f.cleaned_data for f in forms["obligations"] if f.cleaned_data.get("due_on")]
            call = litigation.outcome_record, dict(case=case, actor=actor, obligations=plan, **data)
        elif name == "payment":
            call = litigation.payment_record, dict(case=case, actor=actor, **data)
        elif name == "answer":
            call = litigation.litigation_preservation_answer, dict(case=case, actor=actor, **data)
        else:
            call = case_work.urging_record, dict(litigation_case=case, actor=actor, **data)
        ok, _result = run_service(form, call[0], **call[1])
        if ok:
            messages.success(request, {
                "preservation": _("已登记财产保全申请。"), "outcome": _("已登记审理结果与履行计划。"),
                "payment": _("已登记自动履行。"), "urging": _("已记录督促履行。"),
                "answer": _("已记录保全引导情况。"),
            }[name])
            return redirect_after_post(request, reverse("litigation-detail", args=[case.pk]))
    return render(request, "cases/litigation_detail.html", _detail_context(request, case, forms, open_card=name))


def _action_view(name, perm):
    @login_required
    @require_POST
    def view(request, pk):
        return _litigation_action(request, pk, name, perm)

    view.__name__ = f"litigation_{name}"
    return view


litigation_preservation = _action_view("preservation", CHANGE_LITIGATION)
litigation_outcome = _action_view("outcome", CHANGE_LITIGATION)
litigation_payment = _action_view("payment", CHANGE_LITIGATION)
litigation_urging = _action_view("urging", ADD_URGING)
litigation_preservation_answer = _action_view("answer", CHANGE_LITIGATION)
