"""Coercive measures in the browser: the judge's proposal, the leader's approval queue, a measure's page with what
is done under it (custody and the family notice, questioning, reconsideration, extension, lifting)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases import rules as case_rules
from cases.selectors import enforcement_cases_visible_to
from cases.services.common import court_today
from wanian_exec.filtersets import parse_id
from wanian_exec.pages import dress_filters, require_court, require_perms, run_service

from .. import rules, selectors, services
from ..choices import ReconsiderationOutcome, SanctionKind, SanctionStatus
from ..filtersets import SanctionFilter
from ..forms import (ApproveForm, CustodyForm, EndForm, ExtendForm, FamilyNoticeForm, QuestioningForm,
                     ReconsiderationDecideForm, ReconsiderationForm, RejectForm, SanctionForm)
from .common import action_card, back, flash_errors, section_context

PAGE_SIZE = 30
PROPOSE, APPROVE, HANDLE = "sanctions.add_sanction", "sanctions.approve_sanction", "sanctions.change_sanction"


@login_required
def sanction_list(request):
    filterset = SanctionFilter(request.GET or None, request=request, queryset=selectors.sanctions_visible_to(
        request.user))
    dress_filters(filterset.form)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "sanctions/sanction_list.html", {
        **section_context(request, "measures"), "filter": filterset, "page": page,
        "kinds": SanctionKind.choices, "statuses": SanctionStatus.choices})


@login_required
def approval_queue(request):
    require_perms(request.user, APPROVE)
    return render(request, "sanctions/approval_queue.html", {
        **section_context(request, "approvals"), "items": selectors.approval_queue_for(request.user)[:200],
        "today": court_today(), "reject_form": RejectForm()})


def _case_from(request, number_or_pk):
    cases = enforcement_cases_visible_to(request.user)
    if case_id := parse_id(number_or_pk):
        return cases.filter(pk=case_id).first()
    return cases.filter(number=(number_or_pk or "").strip()).first() if number_or_pk else None


@login_required
def sanction_new(request):
    """提请采取强制措施: opened from a roster entry or a case (?case=&party=&kind=), or by case number."""
    require_perms(request.user, PROPOSE)
    require_court(request.user)
    source = request.POST if request.method == "POST" else request.GET
    case = _case_from(request, source.get("case") or source.get("case_number"))
    parties = list(case.respondents.all()) if case else []
    if request.method == "POST":
        form = SanctionForm(request.POST, parties=parties)
        if form.is_valid():
            if case is None:
                form.add_error("case_number", _("本院没有该案号的执行案件。"))
            else:
                party = next(p for p in parties if p.pk == form.cleaned_data["party"])
                ok, sanction = run_service(form, services.sanction_propose, case=case, party=party,
                                           actor=request.user, **form.service_kwargs())
                if ok:
                    if sanction.status == SanctionStatus.PROPOSED:
                        messages.success(request, _("已提请%(kind)s，待院长审批。") % {"kind": sanction.get_kind_display()})
                    else:
                        messages.success(request, _("已登记%(kind)s。") % {"kind": sanction.get_kind_display()})
                    return redirect("sanctions:detail", pk=sanction.pk)
    else:
        initial = {"decided_on": court_today(), "kind": source.get("kind") or SanctionKind.SUMMONS,
                   "case_number": case.number if case else ""}
        if party_id := parse_id(source.get("party")):
            initial["party"] = party_id
        form = SanctionForm(initial=initial, parties=parties)
    return render(request, "sanctions/sanction_form.html", {
        **section_context(request, "measures"), "form": form, "case": case, "parties": parties,
        "urged": _urged_parties(case), "kind_fields": SanctionForm.KIND_FIELDS,
        "typed_case_number": (source.get("case_number") or "").strip()})


def _urged_parties(case):
    if case is None:
        return set()
    return set(case.urgings.values_list("party_id", flat=True))


def _visible(request, pk):
    return get_object_or_404(selectors.sanctions_visible_to(request.user).prefetch_related("bound_persons"), pk=pk)


@login_required
def sanction_detail(request, pk):
    sanction = _visible(request, pk)
    today = court_today()
    # approving makes a detention, fine or referral take effect at once: the button asks first
    confirm = _("批准后%(kind)s即日生效（%(number)s %(party)s）。确定批准？") % {
        "kind": sanction.get_kind_display(), "number": sanction.case.number, "party": sanction.party.name}
    cards = [action_card(name=name, title=CARDS[name][0], submit=CARDS[name][1], form=form,
                         url=reverse("sanctions:action", args=[sanction.pk, name]),
                         confirm=confirm if name == "approve" else "")
             for name, form in _action_forms(request.user, sanction, today).items()]
    reconsiderations = list(sanction.reconsiderations.all())
    for item in reconsiderations:
        item.due_on = rules.reconsideration_due(item.applied_on)
        item.overdue = rules.reconsideration_overdue(applied_on=item.applied_on, decided_on=item.decided_on,
                                                     today=today)
    return render(request, "sanctions/sanction_detail.html", {
        **section_context(request, "measures"), "sanction": sanction, "cards": cards, "today": today,
        "needs_approval": sanction.kind in rules.NEEDS_APPROVAL, "reconsiderations": reconsiderations,
        "own_proposal": sanction.status == SanctionStatus.PROPOSED and request.user.has_perm(APPROVE)
        and case_rules.is_self_approval(proposer_ids=[sanction.proposed_by_id], approver_id=request.user.pk),
        "family_state": rules.family_notice_state(detained_at=sanction.detained_at,
                                                  notified_at=sanction.family_notified_at, now=timezone.now()),
        "family_due": rules.family_notice_due(sanction.detained_at) if sanction.detained_at else None,
        "questioning_limit": rules.questioning_limit_hours(sanction.detention_may_follow),
        "decide_form": ReconsiderationDecideForm(initial={"decided_on": today}),
        "can_decide": request.user.has_perm("sanctions.change_reconsideration"),
        "violations": sanction.violations.select_related("travel_record")[:20],
        "prosecution": getattr(sanction, "prosecution", None),
    })


ACTIONS = {
    # name: (form, permission, service, success message)
    "approve": (ApproveForm, APPROVE, services.sanction_approve, gettext_lazy("已批准，措施生效。")),
    "reject": (RejectForm, APPROVE, services.sanction_reject, gettext_lazy("已不予批准。")),
    "end": (EndForm, HANDLE, services.sanction_end, gettext_lazy("措施已结束。")),
    "questioning": (QuestioningForm, HANDLE, services.summons_record_questioning, gettext_lazy("已记录调查询问。")),
    "custody": (CustodyForm, HANDLE, services.detention_record_custody, gettext_lazy("已记录送交看管，请在24小时内通知家属。")),
    "family": (FamilyNoticeForm, HANDLE, services.detention_record_family_notice, gettext_lazy("已记录通知家属情况。")),
    "extend": (ExtendForm, APPROVE, services.dishonest_extend, gettext_lazy("已延长失信期限。")),
    "reconsider": (ReconsiderationForm, "sanctions.add_reconsideration", services.reconsideration_apply,
                   gettext_lazy("已登记复议申请（复议期间不停止执行）。")),
}

# name: the title of its card on the measure's page and the card's button
CARDS = {
    "approve": (gettext_lazy("批准（措施自即日生效）"), gettext_lazy("批准")),
    "reject": (gettext_lazy("不予批准"), gettext_lazy("不予批准")),
    "end": (gettext_lazy("结束/解除措施"), gettext_lazy("结束")),
    "questioning": (gettext_lazy("记录调查询问（不超过8小时，可能拘留的不超过24小时）"), gettext_lazy("记录")),
    "custody": (gettext_lazy("记录送交看管"), gettext_lazy("记录")),
    "family": (gettext_lazy("记录通知家属（24小时内）"), gettext_lazy("记录")),
    "extend": (gettext_lazy("延长失信期限（1至3年）"), gettext_lazy("延长")),
    "reconsider": (gettext_lazy("登记复议申请（3日内）"), gettext_lazy("登记")),
}


def _action_forms(user, sanction, today) -> dict:
    """The cards the measure's page offers, given its kind, status and the user's permissions."""
    approved = sanction.status == SanctionStatus.APPROVED
    # the proposer is never offered their own proposal's decision (the services refuse it too)
    own = case_rules.is_self_approval(proposer_ids=[sanction.proposed_by_id], approver_id=user.pk)
    own_extension = case_rules.is_self_approval(proposer_ids=[sanction.proposed_by_id, sanction.case.judge_id],
                                                approver_id=user.pk)
    offer = {
        "approve": sanction.status == SanctionStatus.PROPOSED and not own,
        "reject": sanction.status == SanctionStatus.PROPOSED and not own,
        "custody": approved and sanction.kind == SanctionKind.DETENTION and not sanction.detained_at,
        "family": sanction.kind == SanctionKind.DETENTION and bool(sanction.detained_at)
        and not sanction.family_notified_at and not sanction.family_notice_note,
        "questioning": approved and sanction.kind == SanctionKind.SUMMONS,
        "extend": approved and sanction.kind == SanctionKind.DISHONEST_LIST and sanction.end_on is not None
        and not own_extension,
        "reconsider": sanction.kind in rules.RECONSIDERATION_KINDS and sanction.status in (
            SanctionStatus.APPROVED, SanctionStatus.ENDED) and not sanction.reconsiderations.exists(),
        "end": approved and sanction.kind not in (SanctionKind.SUMMONS,),
    }
    initial = {"approved_on": today, "on": today, "applied_on": today}
    return {name: ACTIONS[name][0](initial=initial, prefix=name)
            for name, shown in offer.items() if shown and user.has_perm(ACTIONS[name][1])}


@login_required
@require_POST
def sanction_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    form_class, perm, service, done = ACTIONS[action]
    require_perms(request.user, perm)
    sanction = _visible(request, pk)
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        data = dict(form.cleaned_data)
        if action == "approve":
            data = {"on": data["approved_on"]}
        ok, _result = run_service(form, service, sanction=sanction, actor=request.user, **data)
        if ok:
            messages.success(request, done)
            return redirect(back(request, reverse("sanctions:detail", args=[sanction.pk])))
    flash_errors(request, form)
    return redirect(back(request, reverse("sanctions:detail", args=[sanction.pk])))


@login_required
@require_POST
def reconsideration_decide(request, pk):
    require_perms(request.user, "sanctions.change_reconsideration")
    item = get_object_or_404(selectors.reconsiderations_visible_to(request.user), pk=pk)
    form = ReconsiderationDecideForm(request.POST)
    if form.is_valid():
        ok, _result = run_service(form, services.reconsideration_decide, reconsideration=item, actor=request.user,
                                  **form.cleaned_data)
        if ok:
            messages.success(request, _("已登记复议决定：%(o)s。") % {
                "o": ReconsiderationOutcome(form.cleaned_data["outcome"]).label})
    flash_errors(request, form)
    return redirect("sanctions:detail", pk=item.sanction_id)
