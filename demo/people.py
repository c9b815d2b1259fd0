"""Fictitious but valid identities: resident IDs (GB 11643), credit codes (GB 32100), names, phones.

Check characters come from cases.identity, so every number the demo writes passes the same validation as a
number a clerk types in.
"""
import datetime as dt
import random

from cases.identity import (CREDIT_ALPHABET, credit_code_check_char, org_code_check_char,
                            resident_id_check_char)

from .names import GIVEN, SURNAMES

# Birth dates the test factories use (tests/factories: 1985-07-14); the demo never mints them, so a test party
# can never collide with a demo identity or with an entry of the inquiry simulator.
RESERVED_BIRTH_DATES = {dt.date(1985, 7, 14)}

MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
                   "155", "156", "157", "158", "159", "166", "177", "180", "181", "182", "183", "185", "186",
                   "187", "188", "189", "191", "199"]
ORG_BODY_ALPHABET = [c for c in CREDIT_ALPHABET if c.isalpha()]


class IdentityMint:
    """Hands out unique identity numbers; `reserved` numbers (e.g. the simulator's) are never minted."""

    def __init__(self, rng: random.Random, reserved=()):
        self.rng = rng
        self.used: set[str] = set(reserved)

    def resident_id(self, *, division: str, birth: dt.date, sex: str) -> str:
        for _ in range(1000):
            sequence = self.rng.randrange(0, 1000)
            # the 17th digit is odd for men, even for women
            if (sequence % 2 == 1) != (sex == "M"):
                sequence = (sequence + 1) % 1000
            first17 = f"{division}{birth:%Y%m%d}{sequence:03d}"
            number = first17 + resident_id_check_char(first17)
            if number not in self.used:
                self.used.add(number)
                return number
        raise RuntimeError("identity space exhausted")

    def birth_date(self, *, first_year: int = 1955, last_year: int = 2000) -> dt.date:
        # more debtors and creditors in their 30s to 50s than at the ends of the range
        year = round(self.rng.triangular(first_year, last_year, 1978))
        while True:
            day = dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))
            if day not in RESERVED_BIRTH_DATES:
                return day

    def credit_code(self, *, prefix: str, division: str) -> str:
        """A unified social credit code with a valid embedded organisation code.

        Enterprises registered since 2015 carry an organisation code starting "MA"; older bodies and public
        organs carry a numeric one. Demo bodies always contain a letter after "MA" so they never equal the
        purely numeric codes the test factories mint.
        """
        for _ in range(1000):
            if prefix in ("91", "92", "93") and self.rng.random() < 0.65:
                body = "MA3" + self.rng.choice(ORG_BODY_ALPHABET) + "".join(
                    self.rng.choice(CREDIT_ALPHABET[:10] + "".join(ORG_BODY_ALPHABET)) for _ in range(4))
            else:
                body = self.rng.choice("567") + "".join(self.rng.choice("0123456789") for _ in range(7))
            org = body + org_code_check_char(body)
            first17 = f"{prefix}{division}{org}"
            number = first17 + credit_code_check_char(first17)
            if number not in self.used:
                self.used.add(number)
                return number
        raise RuntimeError("credit code space exhausted")


def sex_from_resident_id(number: str) -> str:
    return "M" if int(number[16]) % 2 == 1 else "F"


def person_name(rng: random.Random, *, sex: str, birth_year: int, surname: str | None = None) -> str:
    surname = surname or weighted_choice(rng, SURNAMES)
    first, second = GIVEN[(sex, "old" if birth_year < 1976 else "young")]
    if rng.random() < 0.14:
        return surname + rng.choice(second)
    a, b = rng.choice(first), rng.choice(second)
    if a == b and rng.random() < 0.7:
        b = rng.choice(second)
    return surname + a + b


def phone(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def weighted_choice(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]
