"""The referral tracker (拒执罪追诉): each referral's letter and evidence list, the police decision with its 7-day
(30 if complex) limit and overdue flag, the outcome, the private prosecution when the police decline, settlement
and payments."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases.services.common import court_today
from wanian_exec.pages import dress_filters, require_perms, run_service

from .. import selectors, services
from ..choices import PoliceDecision, ProsecutionTrack
from ..filtersets import ProsecutionFilter
from ..forms import EvidenceLineForm, PaymentForm, PoliceDecisionForm, ProgressForm, SendForm, SettleForm
from .common import action_card, flash_errors, section_context

PAGE_SIZE = 30
CHANGE = "sanctions.change_prosecution"
ACTIONS = {
    "send": (SendForm, services.prosecution_send, gettext_lazy("已登记移送公安。")),
    "decision": (PoliceDecisionForm, services.prosecution_police_decision, gettext_lazy("已登记公安机关决定。")),
    "progress": (ProgressForm, services.prosecution_progress, gettext_lazy("已登记诉讼进展。")),
    "settle": (SettleForm, services.prosecution_settle, gettext_lazy("已登记执行和解。")),
    "payment": (PaymentForm, services.prosecution_payment, gettext_lazy("已登记履行款，计入执行到位金额。")),
    "evidence": (EvidenceLineForm, services.prosecution_add_evidence, gettext_lazy("已加入证据清单。")),
}
# name: the title of its card on the referral's page and the card's button
CARDS = {
    "send": (gettext_lazy("移送公安（公安7日内决定，复杂的30日）"), gettext_lazy("登记移送")),
    "decision": (gettext_lazy("登记公安机关决定"), gettext_lazy("登记")),
    "progress": (gettext_lazy("登记起诉、判决"), gettext_lazy("登记")),
    "settle": (gettext_lazy("登记执行和解"), gettext_lazy("登记")),
    "payment": (gettext_lazy("登记履行款（计入本案执行款）"), gettext_lazy("登记")),
    "evidence": (gettext_lazy("补充证据清单"), gettext_lazy("加入")),
}


@login_required
def prosecution_list(request):
    today = court_today()
    filterset = ProsecutionFilter(request.GET or None, request=request,
                                  queryset=selectors.prosecutions_visible_to(request.user))
    dress_filters(filterset.form)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for p in page.object_list:
        p.overdue = p.police_overdue(today) and p.police_decision == PoliceDecision.PENDING
    recovery = selectors.crackdown_recovery(request.user.court if request.user.court_id else None,
                                            date_from=today.replace(month=1, day=1), date_to=today)
    referred = selectors.referrals(request.user.court if request.user.court_id else None,
                                   date_from=today.replace(month=1, day=1), date_to=today)
    return render(request, "sanctions/prosecution_list.html", {
        **section_context(request, "prosecutions"), "filter": filterset, "page": page, "today": today,
        "recovery": recovery, "referred": referred,
        "overdue_count": selectors.referral_overdue_queryset(selectors.prosecutions_visible_to(request.user),
                                                             today).count()})


def _visible(request, pk):
    return get_object_or_404(selectors.prosecutions_visible_to(request.user).prefetch_related("evidence"), pk=pk)


def _offered(p) -> list[str]:
    names = []
    if p.track == ProsecutionTrack.REFERRAL and not p.sent_on:
        names += ["evidence", "send"]
    if p.track == ProsecutionTrack.REFERRAL and p.sent_on and p.police_decision == PoliceDecision.PENDING:
        names.append("decision")
    if (p.track == ProsecutionTrack.PRIVATE or p.police_decision == PoliceDecision.OPENED) and not p.judged_on:
        names.append("progress")
    if not p.settled_on and (p.sent_on or p.track == ProsecutionTrack.PRIVATE):
        names.append("settle")
    if p.sent_on or p.track == ProsecutionTrack.PRIVATE:
        names.append("payment")
    return names


@login_required
def prosecution_detail(request, pk):
    p = _visible(request, pk)
    today = court_today()
    cards = []
    if request.user.has_perm(CHANGE):
        initial = {"sent_on": today, "decided_on": today, "settled_on": today, "paid_on": today}
        cards = [action_card(name=name, title=CARDS[name][0], submit=CARDS[name][1],
                             form=ACTIONS[name][0](initial=initial, prefix=name),
                             url=reverse("sanctions:prosecution-action", args=[p.pk, name]))
                 for name in _offered(p)]
    followers = p.followers.select_related("sanction")
    return render(request, "sanctions/prosecution_detail.html", {
        **section_context(request, "prosecutions"), "p": p, "cards": cards, "today": today,
        "overdue": p.police_overdue(today) and p.police_decision == PoliceDecision.PENDING,
        "followers": followers, "payments": p.case.funds.filter(direction="in", occurred_on__gte=p.sanction.decided_on),
        "can_private": p.police_decision == PoliceDecision.DECLINED and p.track == ProsecutionTrack.REFERRAL
        and not followers and request.user.has_perm("sanctions.add_sanction")})


@login_required
@require_POST
def prosecution_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    require_perms(request.user, CHANGE)
    p = _visible(request, pk)
    form_class, service, done = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        ok, _result = run_service(form, service, prosecution=p, actor=request.user, **form.cleaned_data)
        if ok:
            messages.success(request, done)
            return redirect("sanctions:prosecution", pk=p.pk)
    flash_errors(request, form)
    return redirect(reverse("sanctions:prosecution", args=[p.pk]))


@login_required
def referral_letter(request, pk):
    """涉嫌拒不执行判决、裁定罪移送函 with its evidence list, printable (the formal PDF is the documents app's)."""
    p = _visible(request, pk)
    if p.track != ProsecutionTrack.REFERRAL:
        raise Http404
    require_perms(request.user, "cases.view_enforcementcase")
    return render(request, "sanctions/referral_letter.html", {
        "p": p, "court": p.case.court, "today": court_today(), "evidence": p.evidence.all(),
        "applicants": p.case.applicants.all()})
