"""Statutory limits of coercive measures, one named function each, returning every violation at once."""
import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from cases.choices import PartyKind

from .choices import SanctionKind

# Civil Procedure Law art. 118: detention at most 15 days.
MAX_DETENTION_DAYS = 15
# Civil Procedure Law art. 118: fine for an individual ≤ 100,000 yuan; for a unit 50,000 – 1,000,000 yuan.
MAX_INDIVIDUAL_FINE = Decimal("100000")
MIN_UNIT_FINE = Decimal("50000")
MAX_UNIT_FINE = Decimal("1000000")
# Civil Procedure Law art. 119 / SPC interpretation art. 179: summons, fine and detention need the president's
# approval; a consumption restriction order is issued in the president's name (SPC 限制消费规定 art. 4).
NEEDS_APPROVAL = frozenset({
    SanctionKind.SUMMONS, SanctionKind.DETENTION, SanctionKind.FINE, SanctionKind.CONSUMPTION_RESTRICTION,
    SanctionKind.DISHONEST_LIST, SanctionKind.EXIT_RESTRICTION, SanctionKind.CRIMINAL_REFERRAL,
})


def detention_errors(start_on: dt.date | None, end_on: dt.date | None) -> dict:
    if not start_on or not end_on:
        return {"end_on": [_("司法拘留须填写起止日期。")]}
    days = (end_on - start_on).days + 1
    if days > MAX_DETENTION_DAYS:
        return {"end_on": [_("司法拘留期限不得超过15日（现为%(d)d日）。") % {"d": days}]}
    return {}


def fine_errors(amount: Decimal | None, party_kind: str) -> dict:
    if amount is None or amount <= 0:
        return {"amount": [_("请填写罚款金额。")]}
    if party_kind == PartyKind.PERSON and amount > MAX_INDIVIDUAL_FINE:
        return {"amount": [_("对个人的罚款金额不得超过10万元。")]}
    if party_kind == PartyKind.ORGANIZATION and not (MIN_UNIT_FINE <= amount <= MAX_UNIT_FINE):
        return {"amount": [_("对单位的罚款金额应为5万元以上100万元以下。")]}
    return {}


def sanction_errors(*, kind: str, party_kind: str, decided_on: dt.date, start_on: dt.date | None,
                    end_on: dt.date | None, amount: Decimal | None, party_is_minor: bool = False) -> dict:
    errors: dict = {}
    if kind == SanctionKind.DETENTION:
        errors.update(detention_errors(start_on, end_on))
    if kind == SanctionKind.FINE:
        errors.update(fine_errors(amount, party_kind))
    elif amount is not None:
        errors.setdefault("amount", []).append(_("只有罚款需要填写金额。"))
    if kind == SanctionKind.DISHONEST_LIST and party_is_minor:
        # SPC 《关于公布失信被执行人名单信息的若干规定》 art. 3: no minors on the list.
        errors.setdefault("party", []).append(_("被执行人为未成年人的，不得纳入失信被执行人名单。"))
    if start_on and start_on < decided_on:
        errors.setdefault("start_on", []).append(_("开始日期不能早于决定日期。"))
    if start_on and end_on and end_on < start_on:
        errors.setdefault("end_on", []).append(_("结束日期不能早于开始日期。"))
    return errors
