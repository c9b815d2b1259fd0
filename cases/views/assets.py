"""An asset's page (线上与线下同步: control, valuation, online judicial auction, proceeds, release): its lifecycle
and the actions its stage allows.

Thin like the other views: forms check shape, services decide, selectors scope (another court's row → 404).
"""
from decimal import ROUND_UP, Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wanian_exec.pages import redirect_after_post, require_perms, run_service

from .. import rules, selectors
from ..choices import AuctionResult
from ..forms import (AssetReleaseForm, AuctionForm, AuctionResultForm, ControlForm, DeductForm, ProceedsForm, RenewForm,
                     ValuationForm)
from ..permissions import CHANGE_LITIGATION, HANDLE_CASE
from ..services import assets as asset_services
from ..services.common import court_today
from .cards import Card


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
