"""Statutory limits of the three axes (三板斧), one named function or table each, with the rule it encodes.

Pure functions over plain values — no database, no HTTP. The services call them (sanctions/services/), the
tests call them directly. Validation functions return *every* violation at once, as {field: [messages]}.
Article numbers: 民事诉讼法 (CPL) as amended 2023, 民诉法解释 as amended 2022.
"""
import datetime as dt
import re
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from cases.choices import PartyKind
from cases.identity import resident_id_errors
from cases.rules import COERCIVE_KINDS as URGING_REQUIRED  # noqa: F401  (the urging rule: see below)
from cases.rules import coercion_urging_errors  # noqa: F401

from .choices import BoundRole, Breach, DishonestGround, SanctionKind, SanctionStatus, SeatCode, TravelMode

Errors = dict[str, list]


def _add(errors: Errors, field: str, message) -> None:
    errors.setdefault(field, []).append(message)


# --- approval and status ----------------------------------------------------------------------------------
# CPL art. 119: summons (拘传), fines and detention need the court president's approval. A consumption
# restriction order is issued in the president's name (SPC 限制消费规定 art. 4); listing as dishonest, exit
# restriction and criminal referral are likewise decided by the court, so all of them wait for a leader.
# A private prosecution (自诉) is the applicant's own act: the court records it, nothing to approve.
NEEDS_APPROVAL = frozenset({
    SanctionKind.SUMMONS, SanctionKind.DETENTION, SanctionKind.FINE, SanctionKind.CONSUMPTION_RESTRICTION,
    SanctionKind.DISHONEST_LIST, SanctionKind.EXIT_RESTRICTION, SanctionKind.CRIMINAL_REFERRAL,
})

# proposed → approved | rejected; approved → ended (served, lifted, deleted, revoked on reconsideration).
STATUS_TRANSITIONS: dict[str, set[str]] = {
    SanctionStatus.PROPOSED: {SanctionStatus.APPROVED, SanctionStatus.REJECTED},
    SanctionStatus.APPROVED: {SanctionStatus.ENDED},
    SanctionStatus.REJECTED: set(),
    SanctionStatus.ENDED: set(),
}


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in STATUS_TRANSITIONS.get(from_status, set())


# --- coercion needs urging (强制与督促同步) -----------------------------------------------------------------
# The rule "a summons, fine, detention or criminal referral requires a prior urging of that party in that case, or a
# recorded reason of urgency" is one of the four synchronizations and lives in cases.rules.coercion_urging_errors;
# sanctions.services.measures.sanction_propose applies it; it is imported above so this module lists every limit.


# --- 拘传 summons -------------------------------------------------------------------------------------------
# 民诉法解释 art. 482: a debtor who must appear and who, lawfully summoned (传唤), refuses to come without good
# reason may be summoned by force (拘传). Questioning lasts at most 8 hours; where the case is complex and
# detention may follow, at most 24 hours.
QUESTIONING_MAX_HOURS = 8
QUESTIONING_MAX_HOURS_DETENTION = 24


def summons_errors(*, decided_on: dt.date, lawful_summons_on: dt.date | None,
                   summons_refused_on: dt.date | None) -> Errors:
    errors: Errors = {}
    if lawful_summons_on is None:
        _add(errors, "lawful_summons_on", _("拘传须以依法传唤为前提：请填写传唤日期。"))
    if summons_refused_on is None:
        _add(errors, "summons_refused_on", _("拘传须以被传唤人无正当理由拒不到场为前提：请填写拒不到场日期。"))
    if lawful_summons_on and summons_refused_on and summons_refused_on < lawful_summons_on:
        _add(errors, "summons_refused_on", _("拒不到场日期不能早于传唤日期。"))
    if summons_refused_on and summons_refused_on > decided_on:
        _add(errors, "summons_refused_on", _("拘传只能在被传唤人拒不到场之后决定。"))
    return errors


def questioning_limit_hours(detention_may_follow: bool) -> int:
    return QUESTIONING_MAX_HOURS_DETENTION if detention_may_follow else QUESTIONING_MAX_HOURS


def questioning_errors(*, started_at: dt.datetime | None, ended_at: dt.datetime | None,
                       detention_may_follow: bool) -> Errors:
    errors: Errors = {}
    if started_at is None:
        _add(errors, "started_at", _("请填写调查询问开始时间。"))
    if ended_at is None:
        _add(errors, "ended_at", _("请填写调查询问结束时间。"))
    if errors:
        return errors
    if ended_at < started_at:
        return {"ended_at": [_("结束时间不能早于开始时间。")]}
    limit = questioning_limit_hours(detention_may_follow)
    if ended_at - started_at > dt.timedelta(hours=limit):
        hours = (ended_at - started_at).total_seconds() / 3600
        _add(errors, "ended_at", _("拘传后调查询问不得超过%(limit)d小时（现为%(hours).1f小时）。")
             % {"limit": limit, "hours": hours})
    return errors


# --- 拘留 detention -----------------------------------------------------------------------------------------
# CPL art. 118: detention is at most 15 days. 民诉法解释 art. 180: the family is told within 24 hours of the
# detention; where that is impossible, it is recorded. The notice is recorded and flagged, never blocked.
MAX_DETENTION_DAYS = 15
FAMILY_NOTICE_HOURS = 24


def detention_errors(start_on: dt.date | None, end_on: dt.date | None) -> Errors:
    if not start_on or not end_on:
        return {"end_on": [_("司法拘留须填写起止日期。")]}
    days = (end_on - start_on).days + 1
    if days > MAX_DETENTION_DAYS:
        return {"end_on": [_("司法拘留期限不得超过15日（现为%(d)d日）。") % {"d": days}]}
    return {}


def family_notice_due(detained_at: dt.datetime) -> dt.datetime:
    return detained_at + dt.timedelta(hours=FAMILY_NOTICE_HOURS)


def family_notice_state(*, detained_at: dt.datetime | None, notified_at: dt.datetime | None,
                        now: dt.datetime) -> str:
    """"" (not in custody yet) · "on_time" · "late" (told after 24 h) · "due" (not yet told, within 24 h) ·
    "overdue" (not told and 24 h have passed)."""
    if detained_at is None:
        return ""
    due = family_notice_due(detained_at)
    if notified_at is not None:
        return "on_time" if notified_at <= due else "late"
    return "due" if now <= due else "overdue"


# --- 罚款 fine ----------------------------------------------------------------------------------------------
# CPL art. 118: a fine on an individual is at most 100,000 yuan; on a unit, 50,000 to 1,000,000 yuan.
MAX_INDIVIDUAL_FINE = Decimal("100000")
MIN_UNIT_FINE = Decimal("50000")
MAX_UNIT_FINE = Decimal("1000000")


def fine_errors(amount: Decimal | None, party_kind: str) -> Errors:
    if amount is None or amount <= 0:
        return {"amount": [_("请填写罚款金额。")]}
    if party_kind == PartyKind.PERSON and amount > MAX_INDIVIDUAL_FINE:
        return {"amount": [_("对个人的罚款金额不得超过10万元。")]}
    if party_kind == PartyKind.ORGANIZATION and not (MIN_UNIT_FINE <= amount <= MAX_UNIT_FINE):
        return {"amount": [_("对单位的罚款金额应为5万元以上100万元以下。")]}
    return {}


# --- 限制消费 / 限制出境 who a restriction binds ----------------------------------------------------------------
# SPC 限制消费规定 art. 3 para. 2: a company's restriction binds its legal representative, principal, the persons
# directly responsible and its actual controller too. 民诉法解释 art. 516 (exit): for a unit, its legal
# representative, principal or responsible persons. A company cannot board a train: a restriction on one binds at
# least its legal representative — named on the proposal with a resident ID (so travel data can be matched), or
# else the one on the party's record (bound by name; travel cannot be matched until an ID is known).
RESTRICTION_KINDS = frozenset({SanctionKind.CONSUMPTION_RESTRICTION, SanctionKind.EXIT_RESTRICTION})
UNIT_ROLES = frozenset({BoundRole.LEGAL_REPRESENTATIVE, BoundRole.PRINCIPAL, BoundRole.ACTUAL_CONTROLLER,
                        BoundRole.RESPONSIBLE_PERSON})


def bound_person_errors(*, kind: str, party_kind: str, bound: list[dict],
                        recorded_legal_representative: str = "") -> Errors:
    """`bound`: the persons named besides the debtor, [{role, name, id_number}]."""
    errors: Errors = {}
    if kind not in RESTRICTION_KINDS:
        if bound:
            _add(errors, "bound_persons", _("只有限制消费、限制出境需要列明受限制人员。"))
        return errors
    if party_kind == PartyKind.PERSON:
        if bound:
            _add(errors, "bound_persons", _("被执行人为自然人的，措施约束其本人，无需另列人员。"))
        return errors
    seen = set()
    for index, person in enumerate(bound, start=1):
        role, name, id_number = person.get("role"), (person.get("name") or "").strip(), \
            (person.get("id_number") or "").strip().upper()
        if role not in UNIT_ROLES:
            _add(errors, "bound_persons", _("第%(n)d人：身份应为法定代表人、主要负责人、实际控制人或直接责任人员。")
                 % {"n": index})
        if not name:
            _add(errors, "bound_persons", _("第%(n)d人：请填写姓名。") % {"n": index})
        for message in resident_id_errors(id_number):
            _add(errors, "bound_persons", _("第%(n)d人：%(m)s") % {"n": index, "m": message})
        if id_number in seen:
            _add(errors, "bound_persons", _("第%(n)d人：身份证号码重复。") % {"n": index})
        seen.add(id_number)
    listed = any(p.get("role") == BoundRole.LEGAL_REPRESENTATIVE for p in bound)
    if not listed and not (recorded_legal_representative or "").strip():
        _add(errors, "bound_persons", _("被执行人为单位的，限制措施须同时约束其法定代表人：请列明法定代表人及其身份证号码。"))
    return errors


# --- 失信被执行人名单 dishonest-debtor list -----------------------------------------------------------------
# SPC 失信规定 (2017) art. 1: six grounds. Art. 3: not for a minor, nor where adequate security was given, nor where
# the court controls property enough to pay. Art. 2: grounds 2–6 list the debtor for 2 years, extendable by 1–3
# years where serious; ground 1 has no fixed term. Art. 10: deleted on performance.
DISHONEST_YEARS = 2
MIN_DISHONEST_EXTENSION_YEARS = 1
MAX_DISHONEST_EXTENSION_YEARS = 3


def dishonest_errors(*, ground: str, is_minor: bool, security_given: bool, seized_assets_suffice: bool,
                     extension_years: int = 0) -> Errors:
    errors: Errors = {}
    if ground not in DishonestGround.values:
        _add(errors, "dishonest_ground", _("请选择失信情形（失信规定第一条第一至六项）。"))
    if is_minor:
        _add(errors, "party", _("被执行人为未成年人的，不得纳入失信被执行人名单。"))
    if security_given:
        _add(errors, "security_given", _("被执行人已提供充分有效担保的，不得纳入失信被执行人名单。"))
    if seized_assets_suffice:
        _add(errors, "party", _("已查封、扣押、冻结的财产足以清偿债务的，不得纳入失信被执行人名单。"))
    errors.update(dishonest_extension_errors(ground=ground, years=extension_years, allow_zero=True))
    return errors


def dishonest_extension_errors(*, ground: str, years: int, already: int = 0, allow_zero: bool = False) -> Errors:
    if allow_zero and years == 0:
        return {}
    if ground == DishonestGround.ABLE_BUT_REFUSING:
        return {"extension_years": [_("第一项情形（有履行能力而拒不履行）不设失信期限，无需延长。")]}
    if not MIN_DISHONEST_EXTENSION_YEARS <= already + years <= MAX_DISHONEST_EXTENSION_YEARS or years < 1:
        return {"extension_years": [_("失信期限可延长一至三年（累计不超过三年）。")]}
    return {}


def dishonest_end_on(*, start_on: dt.date, ground: str, extension_years: int = 0) -> dt.date | None:
    """Last day on the list: start + 2 years (+ extension) − 1 day; None for ground 1 (until performance)."""
    if ground == DishonestGround.ABLE_BUT_REFUSING or not ground:
        return None
    years = DISHONEST_YEARS + extension_years
    try:
        end = start_on.replace(year=start_on.year + years)
    except ValueError:  # 29 February
        end = start_on.replace(year=start_on.year + years, day=28)
    return end - dt.timedelta(days=1)


# --- 复议 reconsideration of a fine or detention -------------------------------------------------------------
# CPL art. 119: the person fined or detained may apply once to the court above for reconsideration; the measure is
# not suspended meanwhile. 民诉法解释 art. 185: applied for within 3 days of receiving the decision; decided
# within 5 days of receiving the application.
RECONSIDERATION_KINDS = frozenset({SanctionKind.FINE, SanctionKind.DETENTION})
RECONSIDERATION_APPLY_DAYS = 3
RECONSIDERATION_DECIDE_DAYS = 5


def reconsideration_errors(*, kind: str, status: str, served_on: dt.date | None, applied_on: dt.date,
                           already_applied: bool) -> Errors:
    errors: Errors = {}
    if kind not in RECONSIDERATION_KINDS:
        _add(errors, "sanction", _("只有罚款、拘留决定可以申请复议。"))
    if status not in (SanctionStatus.APPROVED, SanctionStatus.ENDED) or served_on is None:
        _add(errors, "sanction", _("决定尚未生效，不能申请复议。"))
    elif applied_on < served_on:
        _add(errors, "applied_on", _("申请复议日期不能早于决定书送达日期。"))
    elif applied_on > served_on + dt.timedelta(days=RECONSIDERATION_APPLY_DAYS):
        _add(errors, "applied_on", _("应自收到决定书之日起3日内申请复议（%(d)s前）。")
             % {"d": (served_on + dt.timedelta(days=RECONSIDERATION_APPLY_DAYS)).isoformat()})
    if already_applied:
        _add(errors, "sanction", _("复议只能申请一次。"))
    return errors


def reconsideration_due(applied_on: dt.date) -> dt.date:
    return applied_on + dt.timedelta(days=RECONSIDERATION_DECIDE_DAYS)


def reconsideration_overdue(*, applied_on: dt.date, decided_on: dt.date | None, today: dt.date) -> bool:
    """Flag, not a refusal: the court above decides late or not; the record says so."""
    return (decided_on or today) > reconsideration_due(applied_on)


# --- 拒执罪 criminal referral and private prosecution --------------------------------------------------------
# Criminal Law art. 313; SPC interpretation on refusal to execute (2024): the court refers to the police, who
# decide within 7 days whether to open a case (30 days where complex — 公安机关办理刑事案件程序规定). Where the
# police or procuratorate decline, the applicant may prosecute privately (自诉; Criminal Procedure Law art. 210(3)).
POLICE_DECISION_DAYS = 7
POLICE_DECISION_DAYS_COMPLEX = 30


def police_decision_due(sent_on: dt.date, *, complex_case: bool) -> dt.date:
    return sent_on + dt.timedelta(days=POLICE_DECISION_DAYS_COMPLEX if complex_case else POLICE_DECISION_DAYS)


def police_decision_overdue(*, sent_on: dt.date | None, complex_case: bool, decided_on: dt.date | None,
                            today: dt.date) -> bool:
    if sent_on is None:
        return False
    return (decided_on or today) > police_decision_due(sent_on, complex_case=complex_case)


def private_prosecution_errors(*, has_declined_referral: bool) -> Errors:
    if has_declined_referral:
        return {}
    return {"kind": [_("自诉须以公安机关（或检察机关）对本案该被执行人不予追究刑事责任为前提：请先登记移送公安及其不予立案决定。")]}


# --- report order (报告财产令) ------------------------------------------------------------------------------
# CPL art. 252 and SPC 财产调查规定 art. 3: the report order states the period for reporting; the court's order
# gives 5 days from service (the report order's default in documents.kinds). After it, a debtor who has not
# reported belongs on the summons roster.
REPORT_ORDER_DAYS = 5


def report_deadline(served_on: dt.date, days: int = REPORT_ORDER_DAYS) -> dt.date:
    return served_on + dt.timedelta(days=days)


# --- travel in breach of a restriction -----------------------------------------------------------------------
# SPC 限制消费规定 art. 3(1) (as applied since 2015, with rail's classes): a restricted debtor may not take a flight,
# any seat on a G-train, first class or above on other bullet trains (D, C), a soft sleeper, or a ship's cabin of
# second class or above (轮船二等以上舱位). Exit under an exit restriction (CPL art. 266) breaches that restriction.
# Ordinary trains' seats and hard sleepers, and a ship's third class and below, are allowed.
TRAIN_NUMBER = re.compile(r"(?<![A-Z0-9])([GDC])\d{1,4}(?![0-9])")
SEAT_ALIASES = {
    SeatCode.BUSINESS: ("商务座", "特等座", "商务", "特等", "business", "头等舱", "公务舱", "商务舱", "vip", "特等舱"),
    SeatCode.FIRST: ("一等座", "一等", "first", "优选一等座", "一等舱"),
    SeatCode.SECOND: ("二等座", "二等", "second", "二等舱"),
    SeatCode.SOFT_SLEEPER: ("软卧", "高级软卧", "动卧", "一等卧", "soft_sleeper", "soft sleeper"),
    SeatCode.HARD_SLEEPER: ("硬卧", "二等卧", "hard_sleeper", "hard sleeper"),
    SeatCode.SEAT: ("硬座", "软座", "seat", "hard_seat", "soft_seat"),
    SeatCode.STANDING: ("无座", "站票", "standing"),
}
_SEAT_LOOKUP = {alias.lower(): code.value for code, aliases in SEAT_ALIASES.items() for alias in aliases}
BULLET_SEATS = frozenset({SeatCode.BUSINESS, SeatCode.FIRST, SeatCode.SECOND})  # only bullet trains sell these
FIRST_AND_ABOVE = frozenset({SeatCode.BUSINESS, SeatCode.FIRST})
# a ship's second-class cabin and above (二等舱、一等舱、特等舱); its third class and below stay "other"
SHIP_SECOND_AND_ABOVE = frozenset({SeatCode.BUSINESS, SeatCode.FIRST, SeatCode.SECOND})


def train_class_of(route: str) -> str:
    """"G1502 南昌西—北京西" → "G"; "" when the route names no G/D/C train."""
    match = TRAIN_NUMBER.search((route or "").upper())
    return match.group(1) if match else ""


def seat_code_of(seat_class: str) -> str:
    return _SEAT_LOOKUP.get((seat_class or "").strip().lower(), SeatCode.OTHER.value)


_FLIGHT, _EXIT, _RAIL = TravelMode.FLIGHT.value, TravelMode.EXIT.value, TravelMode.RAIL.value
_SHIP = TravelMode.SHIP.value
_FIRST_AND_ABOVE = frozenset(code.value for code in FIRST_AND_ABOVE)
_SHIP_SECOND_AND_ABOVE = frozenset(code.value for code in SHIP_SECOND_AND_ABOVE)
_SOFT_SLEEPER = SeatCode.SOFT_SLEEPER.value
_B = {code.name: code.value for code in Breach}


def travel_breach(mode: str, train_class: str, seat_code: str) -> str:
    """What this journey breaches if its traveller is restricted (a Breach code; "" when allowed).

    A rail journey without a train number but in a first-class or business seat was on a bullet train (only they
    sell those seats), so it breaches whether G or D; a second-class seat without a train number cannot be told
    apart (G: breach, D: allowed) and is left alone — the conservative reading. (Plain strings, not the enums:
    this runs once per imported row.)
    """
    if mode == _FLIGHT:
        return _B["FLIGHT"]
    if mode == _EXIT:
        return _B["EXIT"]
    if mode == _SHIP:  # SPC 限制消费规定 art. 3(1): 轮船二等以上舱位; a cabin not named is left alone
        return _B["SHIP_CABIN"] if seat_code in _SHIP_SECOND_AND_ABOVE else _B["NONE"]
    if mode != _RAIL:
        return _B["NONE"]
    if train_class == "G":
        return _B["G_TRAIN"]
    if seat_code in _FIRST_AND_ABOVE and (train_class in ("D", "C") or not train_class):
        return _B["BULLET_FIRST"]
    if seat_code == _SOFT_SLEEPER:
        return _B["SOFT_SLEEPER"]
    return _B["NONE"]


def breach_matches(restriction_kind: str, breach: str) -> bool:
    """Which restriction a breach offends: exit → an exit restriction; every other breach → a consumption one."""
    if not breach:
        return False
    if breach == Breach.EXIT:
        return restriction_kind == SanctionKind.EXIT_RESTRICTION
    return restriction_kind == SanctionKind.CONSUMPTION_RESTRICTION


# --- all the limits of a proposal together ------------------------------------------------------------------


def sanction_errors(*, kind: str, party_kind: str, decided_on: dt.date, start_on: dt.date | None,
                    end_on: dt.date | None, amount: Decimal | None, party_is_minor: bool = False,
                    lawful_summons_on: dt.date | None = None, summons_refused_on: dt.date | None = None,
                    dishonest_ground: str = "", security_given: bool = False,
                    seized_assets_suffice: bool = False, extension_years: int = 0,
                    bound_persons: list[dict] | None = None, recorded_legal_representative: str = "") -> Errors:
    errors: Errors = {}

    def merge(more: Errors):
        for field, messages in more.items():
            errors.setdefault(field, []).extend(messages)

    if kind == SanctionKind.SUMMONS:
        merge(summons_errors(decided_on=decided_on, lawful_summons_on=lawful_summons_on,
                             summons_refused_on=summons_refused_on))
    if kind == SanctionKind.DETENTION:
        merge(detention_errors(start_on, end_on))
    if kind == SanctionKind.FINE:
        merge(fine_errors(amount, party_kind))
    elif amount is not None:
        _add(errors, "amount", _("只有罚款需要填写金额。"))
    if kind == SanctionKind.DISHONEST_LIST:
        merge(dishonest_errors(ground=dishonest_ground, is_minor=party_is_minor, security_given=security_given,
                               seized_assets_suffice=seized_assets_suffice, extension_years=extension_years))
    merge(bound_person_errors(kind=kind, party_kind=party_kind, bound=bound_persons or [],
                              recorded_legal_representative=recorded_legal_representative))
    if start_on and start_on < decided_on:
        _add(errors, "start_on", _("开始日期不能早于决定日期。"))
    if start_on and end_on and end_on < start_on:
        _add(errors, "end_on", _("结束日期不能早于开始日期。"))
    return errors
