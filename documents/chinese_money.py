"""Amounts in Chinese capitals (中文大写金额), both ways: 126000.00 ⇄ 壹拾贰万陆仟元整.

Convention: 中国人民银行《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》. Where it allows two
forms, this module writes one fixed form and reads both:

- digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟, sections 万 and 亿 (1万亿 = 壹万亿), then 元角分;
- "壹拾" keeps its 壹 (10 → 壹拾元整, 100000 → 壹拾万元整): the rule forbids dropping it;
- 整 after 元 (10 → 壹拾元整) and after 角 (10.50 → 壹拾元伍角整; the rule lets 整 after 角 be omitted,
  we write it so nothing can be added after the amount), never after 分 (0.05 → 伍分);
- 零 inside the integer part follows the way the number is read: one 零 for each run of zeros that is followed
  by a non-zero digit, within a 4-digit section or at the head of a lower section (100001 → 壹拾万零壹元,
  1000000001 → 壹拾亿零壹元) but not for zeros at the tail of a higher section (107000 → 壹拾万柒仟元; the rule
  also accepts 壹拾万零柒仟元, which `parse_capital` reads);
- 元位 zero before a non-zero 角 takes no 零 (1680.32 → 壹仟陆佰捌拾元叁角贰分, accepted form), but 角位 zero
  before a non-zero 分 always does (1409.02 → 壹仟肆佰零玖元零贰分, required);
- zero is 零元整; an amount below one yuan starts at 角 or 分 (0.05 → 伍分, 0.50 → 伍角整).

Amounts are `Decimal` (or int / numeric str) with at most two decimals, never floats: money is never rounded here.
"""
from decimal import Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = {"拾": 10, "佰": 100, "仟": 1000}
MAX_AMOUNT = Decimal("9999999999999999.99")  # below 1 亿亿: the largest amount with a name here

WAN = 10 ** 4
YI = 10 ** 8


def _as_decimal(amount) -> Decimal:
    if isinstance(amount, float):
        raise TypeError("money is Decimal, never float")
    try:
        value = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not an amount: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    if value < 0:
        raise ValueError("negative amounts have no Chinese-capital form here")
    if value > MAX_AMOUNT:
        raise ValueError(f"amount too large: {amount!r}")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"more than two decimals (fen): {amount!r}")
    return value.quantize(Decimal("0.01"))


def _section(n: int) -> str:
    """0 < n < 10000 → e.g. 1001 → 壹仟零壹, 1010 → 壹仟零壹拾, 10 → 壹拾."""
    text, pending_zero = "", False
    for power, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        digit = n // power % 10
        if digit == 0:
            pending_zero = bool(text)
            continue
        if pending_zero:
            text += "零"
            pending_zero = False
        text += DIGITS[digit] + unit
    return text


def _integer(n: int) -> str:
    """0 < n < 10**16, recursively by 亿 and 万; a lower part with leading zeros is joined with 零."""
    for base, name in ((YI, "亿"), (WAN, "万")):
        if n >= base:
            head, rest = divmod(n, base)
            text = _integer(head) + name
            if rest:
                text += ("零" if rest < base // 10 else "") + _integer(rest)
            return text
    return _section(n)


def to_capital(amount) -> str:
    """126000 → 壹拾贰万陆仟元整; 0.05 → 伍分; 10.50 → 壹拾元伍角整; 1409.02 → 壹仟肆佰零玖元零贰分."""
    value = _as_decimal(amount)
    yuan = int(value)
    cents = int((value - yuan) * 100)
    jiao, fen = divmod(cents, 10)
    if yuan == 0 and cents == 0:
        return "零元整"
    text = _integer(yuan) + "元" if yuan else ""
    if jiao:
        text += DIGITS[jiao] + "角"
    elif fen and yuan:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    else:
        text += "整"
    return text


def _parse_integer(text: str) -> int:
    result = wan = section = 0
    number: int | None = None
    seen_yi = seen_wan = False
    for char in text:
        if char in DIGITS:
            if number:  # a non-zero digit must be followed by its unit (壹贰, 壹零 are not amounts)
                raise ValueError(f"two digits without a unit in {text!r}")
            number = DIGITS.index(char)
        elif char in SMALL_UNITS:
            if number == 0:
                raise ValueError(f"零 before a unit in {text!r}")
            section += (1 if number is None else number) * SMALL_UNITS[char]  # 拾 alone reads as 壹拾
            number = None
        elif char == "万":
            if seen_wan:
                raise ValueError(f"万 twice in one section of {text!r}")
            wan += (section + (number or 0)) * WAN
            section, number, seen_wan = 0, None, True
        elif char == "亿":
            if seen_yi:
                raise ValueError(f"亿 twice in {text!r}")
            result += (wan + section + (number or 0)) * YI
            wan, section, number, seen_yi, seen_wan = 0, 0, None, True, False
        else:
            raise ValueError(f"unexpected {char!r} in {text!r}")
    return result + wan + section + (number or 0)


def parse_capital(text: str) -> Decimal:
    """壹拾贰万陆仟元整 → Decimal("126000.00"). Reads both forms the rule allows; 圆/元, 整/正, a 人民币 prefix."""
    original = text
    text = "".join((text or "").split()).removeprefix("人民币").replace("圆", "元").replace("正", "整")
    if not text:
        raise ValueError("empty amount")
    text = text.removesuffix("整")
    if "元" in text:
        integer_text, _, fraction = text.partition("元")
        if not integer_text:
            raise ValueError(f"nothing before 元 in {original!r}")
        yuan = _parse_integer(integer_text)
    else:
        yuan, fraction = 0, text
    fraction = fraction.removeprefix("零")
    jiao = fen = 0
    if fraction.startswith(tuple(DIGITS[1:])) and fraction[1:2] == "角":
        jiao, fraction = DIGITS.index(fraction[0]), fraction[2:]
    if fraction.startswith(tuple(DIGITS[1:])) and fraction[1:2] == "分":
        fen, fraction = DIGITS.index(fraction[0]), fraction[2:]
    if fraction:
        raise ValueError(f"cannot read {fraction!r} in {original!r}")
    if "元" not in text and not (jiao or fen):
        raise ValueError(f"no 元, 角 or 分 in {original!r}")
    return Decimal(yuan) + Decimal(jiao) / 10 + Decimal(fen) / 100 + Decimal("0.00")


def format_yuan(amount) -> str:
    """Figures as documents print them: 126000 → 126,000.00."""
    return f"{_as_decimal(amount):,.2f}"
