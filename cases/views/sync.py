"""Pages of the four synchronizations (四同步): the fast-track queue, preservations, an asset.

Thin like the other views: forms check shape, services decide, selectors scope (another court's row → 404).
"""
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal

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
from ..choices import AuctionResult, CaseStatus, EnforcementType
from ..forms import (AssetReleaseForm, AuctionForm, AuctionResultForm, ControlForm, DeductForm, PartyInlineForm,
                     PreservationRulingForm, PreservedAssetForm, PreSuitPreservationForm, ProceedsForm, ReleaseForm,
                     RenewForm, ValuationForm)
from ..permissions import ADD_PARTY, CHANGE_LITIGATION, HANDLE_CASE
from ..services import assets as asset_services
from ..services import litigation, preservation
from ..services.common import court_today

PAGE_SIZE = 20


# --- the fast track -----------------------------------------------------------------------------------------


@login_required
def fast_track_list(request):
    """“人工+智能”快速通道: the queue, open cases first, and its own average days beside the court's."""
    queue = selectors.fast_track_cases(request.user)
    status = request.GET.get("status", "")
    shown = queue.filter(status=status) if status in CaseStatus.values else queue
    page = Paginator(shown.order_by("status", "-fast_tracked_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    court_first = selectors.enforcement_cases_visible_to(request.user).filter(case_type=EnforcementType.FIRST)
    config = selectors.sync_settings_for(request.user.court_id)
    return render(request, "cases/fast_track_list.html", {
        "page": page, "status": status, "today": court_today(), "statuses": CaseStatus.choices,
        "figure": selectors.average_days(queue), "court_figure": selectors.average_days(court_first),
        "open_count": queue.exclude(status=CaseStatus.CLOSED).count(), "total": queue.count(), "config": config,
    })


# --- preservations --------------------------------------------------------------------------------------------


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


@dataclass
class Card:
    name: str
    title: str
    form_class: type
    submit: str
    help: str = ""


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


# --- an asset's lifecycle ---------------------------------------------------------------------------------------

ASSET_CARDS = {
    "control": Card("control", gettext_lazy("查封/扣押/冻结"), ControlForm, gettext_lazy("登记"),
                    gettext_lazy("期限：存款1年，动产2年，不动产及其他财产权3年（民诉法解释第485条）")),
    "renew": Card("renew", gettext_lazy("续行查封/冻结"), RenewForm, gettext_lazy("续行"),
                  gettext_lazy("届满前办理；续行期限自原届满日起算")),
    "deduct": Card("deduct", gettext_lazy("扣划"), DeductForm, gettext_lazy("扣划"),
                   gettext_lazy("扣划款计入本案执行款台账（一案一账号）")),
    "value": Card("value", gettext_lazy("评估（确定参考价）"), ValuationForm, gettext_lazy("登记评估价")),
    "auction": Card("auction", gettext_lazy("网络司法拍卖公告"), AuctionForm, gettext_lazy("发布拍卖"),
                    gettext_lazy("首拍：动产提前15日、不动产30日公告，起拍价≥评估价70%；再次拍卖：提前7日/15日，降价≤20%")),
    "result": Card("result", gettext_lazy("登记拍卖结果"), AuctionResultForm, gettext_lazy("登记结果")),
    "proceeds": Card("proceeds", gettext_lazy("成交款到账"), ProceedsForm, gettext_lazy("计入执行款"),
                     gettext_lazy("成交款计入本案执行款台账，30日内发放申请执行人")),
    "release": Card("release", gettext_lazy("解除查封/冻结"), AssetReleaseForm, gettext_lazy("解除")),
}


def _visible_asset(user, pk):
    return get_object_or_404(selectors.assets_visible_to(user).select_related("case__court"), pk=pk)


def _asset_perm(asset) -> str:
    return HANDLE_CASE if asset.case_id else CHANGE_LITIGATION


def _asset_context(request, asset, bound=None):
    bound = bound or {}
    names = asset_services.asset_actions(asset) if request.user.has_perm(_asset_perm(asset)) else []
    names += [n for n in bound if n not in names]
    cards = []
    for name in names:
        card = ASSET_CARDS[name]
        form = bound.get(name) or card.form_class(auto_id=f"{name}-%s", initial=_initial(name, asset))
        cards.append({"name": name, "title": card.title, "help": card.help, "submit": card.submit, "form": form,
                      "open": form.is_bound, "url": reverse(f"asset-{name}", args=[asset.pk])})
    today = court_today()
    return {"asset": asset, "today": today, "cards": cards,
            "rounds": asset.auction_rounds.order_by("round_no", "pk"),
            "measure": rules.control_measure_label(asset.kind),
            "lapse_days": (asset.lapses_on - today).days if asset.is_controlled else None,
            "lapse_years": rules.LAPSE_YEARS.get(asset.kind)}


def _initial(name, asset) -> dict:
    if name == "deduct" and asset.value:
        return {"amount": asset.value}
    if name == "auction" and asset.valuation:
        last = asset.auction_rounds.filter(result=AuctionResult.UNSOLD).order_by("-round_no").first()
        floor = last.starting_price * (1 - rules.REAUCTION_MAX_CUT) if last else \
            asset.valuation * rules.STARTING_PRICE_FLOOR
        return {"starting_price": floor.quantize(Decimal("0.01"), rounding=ROUND_UP)}  # the lowest price allowed
    return {}


@login_required
def asset_detail(request, pk):
    asset = _visible_asset(request.user, pk)
    return render(request, "cases/asset_detail.html", _asset_context(request, asset))


def _asset_action(name):
    @login_required
    @require_POST
    def view(request, pk):
        asset = _visible_asset(request.user, pk)
        require_perms(request.user, _asset_perm(asset))
        form = ASSET_CARDS[name].form_class(request.POST, auto_id=f"{name}-%s")
        if form.is_valid():
            data = dict(form.cleaned_data)
            if name == "result":
                pending = asset.auction_rounds.filter(result=AuctionResult.PENDING).order_by("-round_no").first()
                if pending is None:
                    form.add_error(None, _("没有待登记结果的拍卖。"))
                    return render(request, "cases/asset_detail.html", _asset_context(request, asset, {name: form}))
                call = asset_services.auction_round_result, {"auction": pending, **data}
            else:
                service = {"control": asset_services.asset_control, "renew": asset_services.asset_renew,
                           "deduct": asset_services.asset_deduct, "value": asset_services.asset_value,
                           "auction": asset_services.auction_round_create,
                           "proceeds": asset_services.asset_record_proceeds,
                           "release": asset_services.asset_release}[name]
                call = service, {"asset": asset, **data}
            ok, _result = run_service(form, call[0], actor=request.user, **call[1])
            if ok:
                messages.success(request, _("已办理：%(t)s。") % {"t": ASSET_CARDS[name].title})
                return redirect_after_post(request, reverse("asset-detail", args=[asset.pk]))
        return render(request, "cases/asset_detail.html", _asset_context(request, asset, {name: form}))

    view.__name__ = f"asset_{name}"
    return view


asset_control = _asset_action("control")
asset_renew = _asset_action("renew")
asset_deduct = _asset_action("deduct")
asset_value = _asset_action("value")
asset_auction = _asset_action("auction")
asset_result = _asset_action("result")
asset_proceeds = _asset_action("proceeds")
asset_release = _asset_action("release")
