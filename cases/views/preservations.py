"""Pages of 立案与保全同步 (filing + preservation): the court's preservations, a pre-suit application before any
suit, a preservation with its ruling, preserved assets and release.

Thin like the other views: forms check shape, services decide, selectors scope (another court's row → 404).
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wanian_exec.pages import redirect_after_post, require_court, require_perms, run_service

from .. import rules, selectors
from ..forms import PartyInlineForm, PreservationRulingForm, PreservedAssetForm, PreSuitPreservationForm, ReleaseForm
from ..permissions import ADD_PARTY, CHANGE_LITIGATION
from ..services import litigation, preservation
from ..services.common import court_today
from .cards import Card

PAGE_SIZE = 20


@login_required
def preservation_list(request):
    queryset = selectors.preservations_visible_to(request.user).order_by("-applied_on", "-pk")
    if request.GET.get("pending_suit") == "1":
        queryset = queryset.filter(kind="pre_litigation", case__isnull=True)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    today, now = court_today(), preservation.court_now()
    for item in page.object_list:
        item.flags = [(f, selectors.PRESERVATION_FLAG_LABELS[f])
                      for f in selectors.preservation_flags(item, today=today, now=now)]
    return render(request, "cases/preservation_list.html", {
        "page": page, "pending_suit": request.GET.get("pending_suit") == "1",
        "can_add": request.user.has_perm(CHANGE_LITIGATION) and request.user.court_id})


@login_required
def preservation_new(request):
    """诉前保全 before any suit: recorded with its hour (48 hours to rule) and followed for 30 days."""
    require_perms(request.user, CHANGE_LITIGATION)
    require_court(request.user)
    form = PreSuitPreservationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        ok, item = run_service(form, litigation.preservation_add, case=None, court=request.user.court,
                               actor=request.user, kind="pre_litigation", applicant=data.pop("applicant")[0],
                               respondent=data.pop("respondent")[0], **data)
        if ok:
            messages.success(request, _("已登记诉前保全申请，请于%(d)s前作出裁定。")
                             % {"d": f"{rules.preservation_ruling_deadline(item.applied_on, item.applied_time):%Y-%m-%d %H:%M}"})
            return redirect_after_post(request, reverse("preservation-detail", args=[item.pk]))
    return render(request, "cases/preservation_form.html", {
        "form": form, "party_form": PartyInlineForm(), "party_for": "preservation",
        "can_add_party": request.user.has_perm(ADD_PARTY)})


PRESERVATION_CARDS = {
    "ruling": Card("ruling", gettext_lazy("登记保全裁定"), PreservationRulingForm, gettext_lazy("登记裁定"),
                   gettext_lazy("诉前保全须在接受申请后48小时内裁定")),
    "asset": Card("asset", gettext_lazy("登记保全财产（查封/冻结）"), PreservedAssetForm, gettext_lazy("登记"),
                  gettext_lazy("执行立案后，保全财产自动转为执行中的查封、冻结，期限连续计算")),
    "release": Card("release", gettext_lazy("解除保全"), ReleaseForm, gettext_lazy("解除保全"),
                    gettext_lazy("诉前保全后30日内未起诉的，应当解除保全")),
}


def _preservation_cards(item, request, bound=None) -> list[dict]:
    bound = bound or {}
    if item.status == "pending":
        names = ["ruling"]
    elif item.status == "granted":
        names = ["asset", "release"]
    else:
        names = []
    names += [n for n in bound if n not in names]
    parties = item.case.defendants.all() if item.case_id else \
        selectors.parties_visible_to(request.user).filter(pk=item.respondent_id)
    cards = []
    for name in names:
        card = PRESERVATION_CARDS[name]
        kwargs = {"parties": parties} if name == "asset" else {}
        form = bound.get(name) or card.form_class(auto_id=f"{name}-%s", **kwargs)
        cards.append({"name": name, "title": card.title, "help": card.help, "submit": card.submit, "form": form,
                      "open": form.is_bound, "url": reverse(f"preservation-{name}", args=[item.pk])})
    return cards


def _preservation_context(request, item, bound=None):
    today, now = court_today(), preservation.court_now()
    item.flags = [(f, selectors.PRESERVATION_FLAG_LABELS[f])
                  for f in selectors.preservation_flags(item, today=today, now=now)]
    return {"item": item, "today": today, "assets": item.assets.select_related("party", "case"),
            "ruling_deadline": rules.preservation_ruling_deadline(item.applied_on, item.applied_time),
            "suit_deadline": rules.pre_suit_suit_deadline(item.ruled_on) if item.ruled_on else None,
            "cards": _preservation_cards(item, request, bound) if request.user.has_perm(CHANGE_LITIGATION) else []}


@login_required
def preservation_detail(request, pk):
    item = get_object_or_404(selectors.preservations_visible_to(request.user), pk=pk)
    return render(request, "cases/preservation_detail.html", _preservation_context(request, item))


def _preservation_action(name):
    @login_required
    @require_POST
    def view(request, pk):
        require_perms(request.user, CHANGE_LITIGATION)
        item = get_object_or_404(selectors.preservations_visible_to(request.user), pk=pk)
        card = PRESERVATION_CARDS[name]
        kwargs = {}
        if name == "asset":
            kwargs["parties"] = item.case.defendants.all() if item.case_id else \
                selectors.parties_visible_to(request.user).filter(pk=item.respondent_id)
        form = card.form_class(request.POST, auto_id=f"{name}-%s", **kwargs)
        if form.is_valid():
            service = {"ruling": preservation.preservation_rule, "asset": preservation.preservation_add_asset,
                       "release": preservation.preservation_release}[name]
            ok, _result = run_service(form, service, preservation=item, actor=request.user, **form.cleaned_data)
            if ok:
                messages.success(request, {"ruling": _("已登记保全裁定。"), "asset": _("已登记保全财产。"),
                                           "release": _("已解除保全。")}[name])
                return redirect_after_post(request, reverse("preservation-detail", args=[item.pk]))
        return render(request, "cases/preservation_detail.html", _preservation_context(request, item, {name: form}))

    view.__name__ = f"preservation_{name}"
    return view


preservation_ruling = _preservation_action("ruling")
preservation_asset = _preservation_action("asset")
preservation_release = _preservation_action("release")
