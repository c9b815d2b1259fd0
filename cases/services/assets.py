"""线上与线下同步 — an asset from finding to release: freeze or seizure with its lapse date, renewal, valuation,
online auction rounds (网络司法拍卖), sale or failure, the proceeds into the case's fund ledger, release.

Every step checks the transition table (rules.ASSET_TRANSITIONS) and the statutory limits (rules.auction_errors,
rules.renewal_errors), writes the case timeline, and runs in one transaction with the asset row locked.
"""
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from wanian_exec.errors import RuleViolation

from .. import rules
from ..choices import AssetStatus, AuctionResult, EventKind, InquiryScope, TodoKind
from ..models import Asset, AuctionRound, Todo
from .common import check_not_before, check_not_future, raise_if
from .timeline import record_event
from .todos import todos_close


def _lock(asset: Asset) -> Asset:
    return Asset.objects.select_for_update(of=("self",)).select_related("case", "preservation", "party").get(pk=asset.pk)


def _move(asset: Asset, to_status: str) -> None:
    if not rules.asset_can_transition(asset.status, to_status):
        raise RuleViolation(
            _("财产当前状态为“%(from)s”，不能变更为“%(to)s”。")
            % {"from": AssetStatus(asset.status).label, "to": AssetStatus(to_status).label},
            code="invalid_asset_transition", status=asset.status)
    asset.status = to_status


def _event(asset: Asset, *, kind, on, actor, note, amount=None):
    """Assets of an enforcement case write its timeline; preserved ones (no case yet) have none."""
    if asset.case_id:
        record_event(case=asset.case, kind=kind, occurred_on=on, actor=actor, party=asset.party, amount=amount,
                     note=note)


def _earliest(asset: Asset) -> dt.date:
    return asset.controlled_on or asset.found_on


def _requires_case(asset: Asset) -> None:
    if asset.case_id is None:
        raise RuleViolation(_("保全财产须待执行立案后方可评估、拍卖或扣划。"), code="asset_not_in_enforcement")
    if asset.case.is_closed and asset.case.closure_method != "terminated_current":
        raise RuleViolation(_("案件已结案（%(n)s），不能再处置财产。") % {"n": asset.case.number}, code="case_closed")


@transaction.atomic
def asset_control(*, asset: Asset, actor, controlled_on: dt.date, note: str = "") -> Asset:
    """查封 / 扣押 / 冻结 a found asset; it lapses after 1, 2 or 3 years by kind (民诉法解释 art. 485)."""
    asset = _lock(asset)
    errors: dict = {}
    check_not_future(controlled_on, "controlled_on", errors)
    check_not_before(controlled_on, asset.found_on, "controlled_on", errors, _("查封/冻结日期不能早于查到日期。"))
    raise_if(errors)
    _move(asset, AssetStatus.FROZEN)
    asset.controlled_on, asset.lapses_on = controlled_on, rules.control_lapses_on(asset.kind, controlled_on)
    asset.save(update_fields=["status", "controlled_on", "lapses_on", "updated_at"])
    _event(asset, kind=EventKind.ASSET_CONTROLLED, on=controlled_on, actor=actor, amount=asset.value,
           note=_("%(m)s%(kind)s：%(d)s，期限至%(until)s。%(note)s")
           % {"m": rules.control_measure_label(asset.kind), "kind": InquiryScope(asset.kind).label,
              "d": asset.description, "until": asset.lapses_on, "note": note})
    return asset


@transaction.atomic
def asset_renew(*, asset: Asset, actor, renewed_on: dt.date) -> Asset:
    """续行查封/冻结 before the measure lapses; the new period runs on from the old last day."""
    asset = _lock(asset)
    if not asset.is_controlled:
        raise RuleViolation(_("该财产当前未处于查封、扣押、冻结状态，无需续行。"), code="not_controlled")
    errors = rules.renewal_errors(lapses_on=asset.lapses_on, renewed_on=renewed_on)
    check_not_future(renewed_on, "renewed_on", errors)
    raise_if(errors)
    old = asset.lapses_on
    asset.lapses_on, asset.renewals = rules.renewal_lapses_on(asset.kind, old), asset.renewals + 1
    asset.save(update_fields=["lapses_on", "renewals", "updated_at"])
    todos_close(queryset=Todo.objects.filter(court_id=asset.court_id, kind=TodoKind.LAPSE_NEAR,
                                             dedupe_key=f"lapse_near:{asset.pk}:{old.isoformat()}"), actor=actor)
    _event(asset, kind=EventKind.ASSET_RENEWED, on=renewed_on, actor=actor,
           note=_("续行%(m)s“%(d)s”：原%(old)s届满，续至%(new)s")
           % {"m": rules.control_measure_label(asset.kind), "d": asset.description, "old": old,
              "new": asset.lapses_on})
    return asset


@transaction.atomic
def asset_value(*, asset: Asset, actor, valuation: Decimal, valued_on: dt.date, note: str = "") -> Asset:
    """The reference price for disposal (评估 / 询价 / 议价)."""
    asset = _lock(asset)
    _requires_case(asset)
    errors: dict = {}
    if valuation is None or valuation <= 0:
        errors.setdefault("valuation", []).append(_("评估价必须大于0。"))
    check_not_future(valued_on, "valued_on", errors)
    check_not_before(valued_on, _earliest(asset), "valued_on", errors, _("评估日期不能早于查封/冻结日期。"))
    raise_if(errors)
    if asset.kind in rules.FUND_KINDS:
        raise RuleViolation(_("存款等资金类财产直接扣划，无需评估。"), code="fund_not_valued")
    _move(asset, AssetStatus.VALUED)
    asset.valuation, asset.valued_on = valuation, valued_on
    asset.save(update_fields=["status", "valuation", "valued_on", "updated_at"])
    _event(asset, kind=EventKind.ASSET_VALUED, on=valued_on, actor=actor, amount=valuation,
           note=_("“%(d)s”评估价%(v)s元。%(note)s") % {"d": asset.description, "v": f"{valuation:,.2f}", "note": note})
    return asset


@transaction.atomic
def auction_round_create(*, asset: Asset, actor, announced_on: dt.date, auction_on: dt.date,
                         starting_price: Decimal, platform: str = "") -> AuctionRound:
    """Announce a round of online judicial auction; the statute's notice days and price limits are enforced."""
    asset = _lock(asset)
    _requires_case(asset)
    errors: dict = {}
    check_not_future(announced_on, "announced_on", errors)
    check_not_before(announced_on, asset.valued_on or _earliest(asset), "announced_on", errors,
                     _("公告日期不能早于评估日期。"))
    if starting_price is None or starting_price <= 0:
        errors.setdefault("starting_price", []).append(_("起拍价必须大于0。"))
    raise_if(errors)
    previous = asset.auction_rounds.order_by("-round_no").first()
    if previous is not None and previous.result == AuctionResult.PENDING:
        raise RuleViolation(_("上一轮拍卖尚无结果。"), code="auction_pending")
    if previous is not None and previous.result == AuctionResult.SOLD:
        raise RuleViolation(_("该财产已拍卖成交。"), code="already_sold")
    counted = asset.auction_rounds.exclude(result=AuctionResult.WITHDRAWN)
    round_no = counted.count() + 1
    last_failed = counted.filter(result=AuctionResult.UNSOLD).order_by("-round_no").first()
    raise_if(rules.auction_errors(kind=asset.kind, round_no=round_no, valuation=asset.valuation,
                                  announced_on=announced_on, auction_on=auction_on, starting_price=starting_price,
                                  previous_starting_price=last_failed.starting_price if last_failed else None))
    _move(asset, AssetStatus.AUCTIONING)
    asset.save(update_fields=["status", "updated_at"])
    auction = AuctionRound(asset=asset, round_no=round_no, platform=platform,
                           announced_on=announced_on, auction_on=auction_on, starting_price=starting_price,
                           recorded_by=actor)
    auction.full_clean(exclude=["asset", "recorded_by"])
    auction.save()
    _event(asset, kind=EventKind.AUCTION_ANNOUNCED, on=announced_on, actor=actor, amount=starting_price,
           note=_("第%(n)d次拍卖“%(d)s”：%(on)s开拍，起拍价%(p)s元%(platform)s")
           % {"n": round_no, "d": asset.description, "on": auction_on, "p": f"{starting_price:,.2f}",
              "platform": f"（{platform}）" if platform else ""})
    return auction


@transaction.atomic
def auction_round_result(*, auction: AuctionRound, actor, result: str, result_on: dt.date,
                         sale_price: Decimal | None = None, proceeds_on: dt.date | None = None) -> AuctionRound:
    """成交 / 流拍 / 撤回. A sale at or above the starting price (网络司法拍卖规定 art. 11); with `proceeds_on`
    the price is booked into the case's fund ledger at once (一案一账号)."""
    auction = AuctionRound.objects.select_for_update().get(pk=auction.pk)
    asset = _lock(auction.asset)
    if auction.result != AuctionResult.PENDING:
        raise RuleViolation(_("该轮拍卖已有结果。"), code="auction_decided")
    errors: dict = {}
    if result not in (AuctionResult.SOLD, AuctionResult.UNSOLD, AuctionResult.WITHDRAWN):
        errors.setdefault("result", []).append(_("请选择拍卖结果。"))
    check_not_future(result_on, "result_on", errors)
    if result != AuctionResult.WITHDRAWN:
        check_not_before(result_on, auction.auction_on, "result_on", errors, _("结果日期不能早于拍卖日期。"))
    if result == AuctionResult.SOLD:
        if sale_price is None:
            errors.setdefault("sale_price", []).append(_("请填写成交价。"))
        elif sale_price < auction.starting_price:
            errors.setdefault("sale_price", []).append(_("成交价不能低于起拍价（网络司法拍卖规定第11条）。"))
        check_not_future(proceeds_on, "proceeds_on", errors)
        check_not_before(proceeds_on, result_on, "proceeds_on", errors, _("到账日期不能早于成交日期。"))
    elif sale_price is not None or proceeds_on is not None:
        errors.setdefault("sale_price", []).append(_("未成交的拍卖不填写成交价。"))
    raise_if(errors)
    auction.result, auction.result_on = result, result_on
    auction.sale_price = sale_price if result == AuctionResult.SOLD else None
    auction.save(update_fields=["result", "result_on", "sale_price", "updated_at"])
    if result == AuctionResult.WITHDRAWN:  # back to where it stood before the announcement
        failed_before = asset.auction_rounds.filter(result=AuctionResult.UNSOLD).exists()
        asset.status = AssetStatus.UNSOLD if failed_before else AssetStatus.VALUED
        asset.save(update_fields=["status", "updated_at"])
    else:
        _move(asset, AssetStatus.SOLD if result == AuctionResult.SOLD else AssetStatus.UNSOLD)
        if result == AuctionResult.SOLD:
            asset.sale_price, asset.sold_on = sale_price, result_on
        asset.save(update_fields=["status", "sale_price", "sold_on", "updated_at"])
    _event(asset, kind=EventKind.AUCTION_RESULT, on=result_on, actor=actor, amount=auction.sale_price,
           note=_("第%(n)d次拍卖“%(d)s”：%(r)s") % {"n": auction.round_no, "d": asset.description,
                                               "r": AuctionResult(result).label})
    if result == AuctionResult.SOLD and proceeds_on:
        _book_proceeds(asset, actor=actor, amount=sale_price, on=proceeds_on, note=_("拍卖成交款：%(d)s")
                       % {"d": asset.description})
    return auction


def _book_proceeds(asset: Asset, *, actor, amount: Decimal, on: dt.date, note: str) -> None:
    from .case_work import case_record_fund

    # the whole price is paid into the case account; a surplus over the debt is returned to the debtor later, so
    # proceeds beyond what is owed are expected, not a typing error (cases.rules.receipt_excess_error)
    case_record_fund(case=asset.case, actor=actor, direction="in", amount=amount, occurred_on=on, note=note,
                     confirm_excess=True)
    Asset.objects.filter(pk=asset.pk).update(proceeds_on=on)
    asset.proceeds_on = on


@transaction.atomic
def asset_record_proceeds(*, asset: Asset, actor, received_on: dt.date, amount: Decimal | None = None) -> Asset:
    """The buyer's price arrived in the court account: into the case's fund ledger."""
    asset = _lock(asset)
    _requires_case(asset)
    if asset.status != AssetStatus.SOLD:
        raise RuleViolation(_("只有已成交的财产才登记成交款到账。"), code="not_sold")
    if asset.proceeds_on:
        raise RuleViolation(_("成交款已登记到账。"), code="proceeds_recorded")
    errors: dict = {}
    check_not_before(received_on, asset.sold_on, "received_on", errors, _("到账日期不能早于成交日期。"))
    check_not_future(received_on, "received_on", errors)
    raise_if(errors)
    _book_proceeds(asset, actor=actor, amount=amount or asset.sale_price, on=received_on,
                   note=_("拍卖成交款：%(d)s") % {"d": asset.description})
    return asset


@transaction.atomic
def asset_deduct(*, asset: Asset, actor, amount: Decimal, deducted_on: dt.date) -> Asset:
    """扣划: a frozen deposit (or payment-account / fund balance) is transferred to the case account."""
    asset = _lock(asset)
    _requires_case(asset)
    if asset.kind not in rules.FUND_KINDS:
        raise RuleViolation(_("只有存款等资金类财产可以扣划；其他财产应评估拍卖。"), code="not_a_fund")
    errors: dict = {}
    if amount is None or amount <= 0:
        errors.setdefault("amount", []).append(_("扣划金额必须大于0。"))
    elif asset.value is not None and amount > asset.value:
        errors.setdefault("amount", []).append(_("扣划金额不能超过账户余额（%(v)s元）。") % {"v": f"{asset.value:,.2f}"})
    check_not_future(deducted_on, "deducted_on", errors)
    check_not_before(deducted_on, _earliest(asset), "deducted_on", errors, _("扣划日期不能早于冻结日期。"))
    raise_if(errors)
    _move(asset, AssetStatus.DISPOSED)
    asset.save(update_fields=["status", "updated_at"])
    _book_proceeds(asset, actor=actor, amount=amount, on=deducted_on,
                   note=_("扣划%(kind)s：%(d)s %(i)s") % {"kind": InquiryScope(asset.kind).label, "d": asset.description,
                                                      "i": asset.institution})
    return asset


@transaction.atomic
def asset_release(*, asset: Asset, actor, released_on: dt.date, reason: str) -> Asset:
    """解除查封/冻结 — after sale and transfer, on performance, or when the asset is of no use."""
    asset = _lock(asset)
    errors: dict = {}
    if not (reason or "").strip():
        errors.setdefault("reason", []).append(_("请写明解除理由。"))
    check_not_future(released_on, "released_on", errors)
    check_not_before(released_on, _earliest(asset), "released_on", errors, _("解除日期不能早于查封/冻结日期。"))
    raise_if(errors)
    _move(asset, AssetStatus.RELEASED)
    asset.released_on = released_on
    asset.save(update_fields=["status", "released_on", "updated_at"])
    _event(asset, kind=EventKind.ASSET_RELEASED, on=released_on, actor=actor,
           note=_("解除“%(d)s”：%(r)s") % {"d": asset.description, "r": reason.strip()})
    return asset


def asset_actions(asset: Asset) -> list[str]:
    """Which lifecycle steps the asset page offers now, the next step first (the services still decide)."""
    if asset.case_id is None:
        return ["renew", "release"] if asset.is_controlled else []
    status, fund = asset.status, asset.kind in rules.FUND_KINDS
    actions = []
    if status == AssetStatus.FOUND:
        actions.append("control")
    if status in (AssetStatus.FROZEN, AssetStatus.FOUND) and fund:
        actions.append("deduct")
    if status in (AssetStatus.FROZEN, AssetStatus.VALUED) and not fund:
        actions.append("value")
    if status in (AssetStatus.VALUED, AssetStatus.UNSOLD) and not fund:
        actions.insert(0, "auction")
    if status == AssetStatus.AUCTIONING:
        actions.append("result")
    if status == AssetStatus.SOLD and not asset.proceeds_on:
        actions.append("proceeds")
    if asset.is_controlled:
        actions.append("renew")
    if rules.asset_can_transition(status, AssetStatus.RELEASED):
        actions.append("release")
    return actions
