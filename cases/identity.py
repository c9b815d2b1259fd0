"""Identity numbers of parties, checked the way the issuing standards define them.

- Resident ID (GB 11643-1999): 17 digits + a mod-11 check character (0-9 or X); digits 1-6 are the address code,
  an administrative-division code of GB/T 2260 that exists or existed (cases/data/gb2260.txt: an ID keeps the code it
  was issued under after the division is renamed or merged); digits 7-14 are the birth date.
- Unified social credit code (GB 32100-2015): 18 characters from a 31-letter alphabet with a mod-31 check
  character; characters 9-17 are the old organisation code (GB 11714-1997) with its own mod-11 check.

Each check returns a list of Chinese error messages (empty when valid) so forms and the API show the reason.
"""
import datetime as dt
import functools
from operator import mul
from pathlib import Path

from django.utils.translation import gettext as _

GB2260_FILE = Path(__file__).resolve().parent / "data" / "gb2260.txt"

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@functools.cache
def division_codes() -> dict[str, str]:
    """Every GB/T 2260 county-level or higher code that exists or existed → its (latest) name."""
    codes = {}
    with GB2260_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip() and not line.startswith("#"):
                code, name, *_rest = line.rstrip("\n").split("\t")
                codes[code] = name
    return codes


def is_division_code(code: str) -> bool:
    """GB 11643 §5.1: the address code is a GB/T 2260 administrative-division code, current or historical."""
    return code in division_codes()


_ASCII_ZERO_SUM = ord("0") * sum(ID_WEIGHTS)  # the weighted sum of the code of "0" at every position


def resident_id_check_char(first17: str) -> str:
    """GB 11643 §7: the check character of the first 17 digits (ISO 7064 MOD 11-2, weights ID_WEIGHTS)."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"17 ASCII digits expected, not {first17!r}")
    return _check_char(first17)


def _check_char(first17: str) -> str:
    """resident_id_check_char of 17 ASCII digits the caller has checked."""
    return ID_CHECK_CHARS[(sum(map(mul, ID_WEIGHTS, first17.encode())) - _ASCII_ZERO_SUM) % 11]


def resident_id_errors(value: str, *, today: dt.date | None = None) -> list[str]:
    """Why `value` is not a resident ID (empty: it is one); a birth date after `today` (default: the server's date)
    is refused."""
    value = (value or "").strip().upper()
    if len(value) != 18:
        return [_("身份证号码应为18位。")]
    # isascii(): str.isdigit() also accepts full-width (１) and superscript (²) digits, which are not the standard's
    if not value.isascii() or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        return [_("身份证号码前17位应为数字，末位为数字或X。")]
    if not is_division_code(value[:6]):
        return [_("身份证号码前6位（%(code)s）不是有效的行政区划代码（GB/T 2260）。") % {"code": value[:6]}]
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return [_("身份证号码中的出生日期无效。")]
    if birth.year < 1900 or birth > (today or dt.date.today()):
        return [_("身份证号码中的出生日期无效。")]
    if resident_id_check_char(value[:17]) != value[17]:
        return [_("身份证号码校验位错误。")]
    return []


class ResidentIdChecker:
    """`resident_id_errors` made cheap for a file of a million rows (a travel import): a quick test of exactly its
    conditions (length, ASCII digits, address code, birth date 1900 – `today`, check character) accepts a valid
    number; anything else goes to resident_id_errors itself for its message. Numbers seen before are remembered
    (travellers repeat), and so are birth dates. Call it with a stripped, upper-case value."""

    MEMORY = 200_000

    def __init__(self, today: dt.date):
        self.today = today
        self.seen: dict[str, list[str]] = {}
        self.births: dict[str, bool] = {}
        self.divisions = division_codes()  # is_division_code, without a call per number

    def _birth_ok(self, digits: str) -> bool:
        known = self.births.get(digits)
        if known is None:
            try:
                birth = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
                known = 1900 <= birth.year and birth <= self.today
            except ValueError:
                known = False
            self.births[digits] = known
        return known

    def _quick_ok(self, value: str) -> bool:
        return (len(value) == 18 and value.isascii() and value[:17].isdigit()
                and _check_char(value[:17]) == value[17]
                and self._birth_ok(value[6:14]) and value[:6] in self.divisions)

    def errors(self, value: str) -> list[str]:
        known = self.seen.get(value)
        if known is not None:
            return known
        found = [] if self._quick_ok(value) else [str(e) for e in resident_id_errors(value, today=self.today)]
        if len(self.seen) >= self.MEMORY:
            self.seen.clear()
        self.seen[value] = found
        return found


def birth_date_from_resident_id(value: str) -> dt.date | None:
    if resident_id_errors(value):
        return None
    return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def org_code_check_char(first8: str) -> str:
    total = sum(_org_value(c) * w for c, w in zip(first8, ORG_CODE_WEIGHTS))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _org_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def _credit_code_problem(value: str) -> str | None:
    """The first GB 32100 check the code fails, as a code; None when it passes."""
    value = (value or "").strip().upper()
    if len(value) != 18:
        return "length"
    if any(c not in CREDIT_ALPHABET for c in value):
        return "alphabet"
    if not value[2:8].isdigit():
        return "region"
    org_code = value[8:17]
    if not org_code[:8].isalnum() or org_code_check_char(org_code[:8]) != org_code[8]:
        return "org_check"
    if credit_code_check_char(value[:17]) != value[17]:
        return "check"
    return None


def credit_code_errors(value: str) -> list[str]:
    messages = {
        "length": _("统一社会信用代码应为18位。"),
        "alphabet": _("统一社会信用代码含有无效字符（不使用I、O、S、V、Z）。"),
        "region": _("统一社会信用代码第3至8位应为行政区划代码。"),
        "org_check": _("统一社会信用代码中的组织机构代码校验位错误。"),
        "check": _("统一社会信用代码校验位错误。"),
    }
    problem = _credit_code_problem(value)
    return [messages[problem]] if problem else []


def credit_code_fails_only_check(value: str) -> bool:
    """Well formed (GB 32100 length, alphabet, region digits, GB 11714 organisation code) but the mod-31 check
    character is wrong: such codes were issued by registration authorities and are on real licences."""
    return _credit_code_problem(value) == "check"


def credit_code_override_errors(value: str, override_reason: str) -> list[str]:
    """A credit code is recorded when it passes GB 32100; one that fails only the mod-31 check is recorded with an
    explicit reason (e.g. "营业执照原件所载代码"), which the party keeps and the audit trail records; no reason
    overrides any other error."""
    errors = credit_code_errors(value)
    if not errors:
        return []
    if credit_code_fails_only_check(value):
        if (override_reason or "").strip():
            return []
        return [_("统一社会信用代码校验位错误。如该代码确为登记机关核发（以营业执照为准），请填写校验位例外理由后保存。")]
    return errors


def mask_id_number(value: str) -> str:
    """`361129199001011234` → `3611**********1234`: enough to tell parties apart, not to reuse the number."""
    if not value:
        return ""
    if len(value) <= 8:
        return value[:1] + "*" * (len(value) - 1)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
