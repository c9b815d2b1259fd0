"""The inquiry simulator's answers for the demo court (cases/fixtures/inquiry_simulator.json).

`SimulatedProvider` (cases/inquiry_providers.py) answers an online inquiry from that file, keyed by resident ID
or credit code, and finds nothing for anyone else. This module writes the file deterministically, so the demo
builder can give these identities to the debtors whose cases need property found:

- "rich" holders: deposits, vehicles, real estate or securities worth executing on (forced execution, 执保);
- "worthless" holders: a few yuan in an account, an old motorcycle nobody can find (终本 after all);
- "hidden" holders: nothing the four 终本 scopes see, but equity, an insurance policy's cash value or a housing
  fund — found only after the case was terminated and resumed (执恢) on the applicant's lead.

Regenerate with `manage.py seed_demo --write-inquiry-fixture` (the builder classifies holders by content, so
hand-edited entries keep working).
"""
import json
import random
from decimal import Decimal
from pathlib import Path

from cases.choices import InquiryScope
from cases.identity import resident_id_errors

from . import geography, names
from .people import IdentityMint

FIXTURE_SEED = 453
REQUIRED = {InquiryScope.DEPOSIT, InquiryScope.VEHICLE, InquiryScope.REAL_ESTATE, InquiryScope.SECURITIES}
WORTHLESS_BELOW = Decimal("5000")
PLATE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
CARD_PREFIXES = ["6228", "6217", "6222", "6227", "6210", "6230"]

PROFILE_COUNTS = {
    ("person", "rich"): 260,
    ("person", "worthless"): 80,
    ("person", "hidden"): 24,
    ("organization", "rich"): 60,
    ("organization", "worthless"): 16,
}


def _money(value: float) -> str:
    return str(Decimal(str(round(value, 2))).quantize(Decimal("0.01")))


def _plate(rng) -> str:
    letters = [c for c in PLATE_CHARS if c.isalpha()]
    if rng.random() < 0.6:
        return "赣E" + rng.choice(letters) + "".join(rng.choice("0123456789") for _ in range(4))
    return "赣E" + "".join(rng.choice("0123456789") for _ in range(3)) + "".join(rng.choice(letters) for _ in range(2))


def _deposit(rng, low, high, median) -> dict:
    value = min(max(rng.lognormvariate(0, 1.1) * median, low), high)
    return {"kind": InquiryScope.DEPOSIT.value, "institution": rng.choice(names.BANKS),
            "description": f"借记卡账户 {rng.choice(CARD_PREFIXES)}****{rng.randrange(10000):04d}",
            "value": _money(value)}


def _vehicle(rng, *, old=False, truck=False) -> dict:
    if old:
        kind, model = rng.choice(names.OLD_VEHICLES)
        year, value = rng.randint(2006, 2013), rng.uniform(600, 3500)
    else:
        kind, model = rng.choice([m for m in names.CAR_MODELS if ("货车" in m[0]) == truck] or names.CAR_MODELS)
        year = rng.randint(2015, 2023)
        value = rng.uniform(180000, 420000) if truck else rng.uniform(30000, 200000) * (1 + (year - 2015) / 10)
    return {"kind": InquiryScope.VEHICLE.value, "institution": names.VEHICLE_REGISTRY,
            "description": f"{kind} {_plate(rng)}（{year}年 {model}）", "value": _money(value)}


def _home(rng) -> dict:
    area = round(rng.uniform(78, 145), 2)
    price = rng.uniform(3800, 6500)
    estate = rng.choice(geography.ESTATES)
    return {"kind": InquiryScope.REAL_ESTATE.value, "institution": names.LAND_REGISTRY,
            "description": (f"住宅 万年县陈营镇{estate}{rng.randint(1, 18)}栋{rng.randint(1, 3)}单元"
                            f"{rng.randint(2, 18)}0{rng.randint(1, 4)}室，建筑面积{area}㎡，"
                            f"赣（{rng.randint(2016, 2023)}）万年县不动产权第{rng.randrange(10**7):07d}号"),
            "value": _money(area * price)}


def _shop(rng) -> dict:
    area = round(rng.uniform(40, 160), 2)
    return {"kind": InquiryScope.REAL_ESTATE.value, "institution": names.LAND_REGISTRY,
            "description": f"商业用房 万年县陈营镇{rng.choice(geography.STREETS)}{rng.randint(1, 399)}号，建筑面积{area}㎡",
            "value": _money(area * rng.uniform(6000, 11000))}


def _factory(rng) -> dict:
    area = round(rng.uniform(1200, 8000), 2)
    return {"kind": InquiryScope.REAL_ESTATE.value, "institution": names.LAND_REGISTRY,
            "description": f"工业用房及土地使用权 万年县凤巢工业园{rng.randint(1, 60)}号地块，建筑面积{area}㎡",
            "value": _money(area * rng.uniform(900, 1600))}


def _securities(rng) -> dict:
    return {"kind": InquiryScope.SECURITIES.value, "institution": names.SECURITIES_REGISTRY,
            "description": f"A股证券账户 {rng.randrange(10**10):010d}，持仓股票",
            "value": _money(rng.uniform(8000, 260000))}


def _person_rich(rng) -> list[dict]:
    entries = [_deposit(rng, 3000, 600000, 28000)]
    if rng.random() < 0.3:
        entries.append(_deposit(rng, 500, 80000, 6000))
    roll = rng.random()
    if roll < 0.35:
        entries.append(_vehicle(rng))
    elif roll < 0.6:
        entries.append(_home(rng))
    elif roll < 0.68:
        entries.append(_shop(rng))
    if rng.random() < 0.08:
        entries.append(_securities(rng))
    if rng.random() < 0.3:
        entries.append({"kind": InquiryScope.ONLINE_PAYMENT.value, "institution": rng.choice(names.PAYMENT_PROVIDERS),
                        "description": "网络支付账户余额", "value": _money(rng.uniform(200, 20000))})
    return entries


def _person_worthless(rng) -> list[dict]:
    entries = [{"kind": InquiryScope.DEPOSIT.value, "institution": rng.choice(names.BANKS),
                "description": f"借记卡账户 {rng.choice(CARD_PREFIXES)}****{rng.randrange(10000):04d}",
                "value": _money(rng.uniform(0.3, 420))}]
    if rng.random() < 0.4:
        entries.append(_vehicle(rng, old=True))
    return entries


def _person_hidden(rng, trade_names) -> list[dict]:
    entries = []
    roll = rng.random()
    if roll < 0.45:
        share, capital = rng.choice([10, 20, 30, 40, 49, 51]), rng.choice([50, 100, 200, 300])
        entries.append({"kind": InquiryScope.EQUITY.value, "institution": "万年县市场监督管理局",
                        "description": f"持有万年县{rng.choice(trade_names)}商贸有限公司{share}%股权（认缴出资{capital}万元）",
                        "value": _money(capital * 10000 * share / 100 * rng.uniform(0.3, 0.9))})
    elif roll < 0.75:
        entries.append({"kind": InquiryScope.INSURANCE.value, "institution": rng.choice(names.INSURERS),
                        "description": f"人寿保险合同（保单号{rng.randrange(10**12):012d}）现金价值",
                        "value": _money(rng.uniform(8000, 90000))})
    else:
        entries.append({"kind": InquiryScope.HOUSING_FUND.value, "institution": names.HOUSING_FUND,
                        "description": "住房公积金个人账户余额", "value": _money(rng.uniform(9000, 85000))})
    return entries


def _org_rich(rng) -> list[dict]:
    entries = [_deposit(rng, 5000, 2500000, 90000)]
    roll = rng.random()
    if roll < 0.35:
        entries.append(_factory(rng))
    elif roll < 0.7:
        entries.append(_vehicle(rng, truck=True))
    if rng.random() < 0.25:
        entries.append(_deposit(rng, 1000, 300000, 20000))
    return entries


def _org_worthless(rng) -> list[dict]:
    return [{"kind": InquiryScope.DEPOSIT.value, "institution": rng.choice(names.BANKS),
             "description": f"基本存款账户 {rng.randrange(10**14):014d}", "value": _money(rng.uniform(1, 900))}]


def build_fixture(seed: int = FIXTURE_SEED) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    mint = IdentityMint(rng)
    fixture: dict[str, list[dict]] = {}
    for (kind, profile), count in PROFILE_COUNTS.items():
        for _ in range(count):
            if kind == "person":
                division = geography.COUNTY_DIVISION if rng.random() < 0.88 else rng.choice(
                    list(geography.NEIGHBOUR_DIVISIONS))
                number = mint.resident_id(division=division, birth=mint.birth_date(), sex=rng.choice("MMF"))
                entries = {"rich": _person_rich, "worthless": _person_worthless}.get(profile)
                entries = entries(rng) if entries else _person_hidden(rng, names.TRADE_NAMES)
            else:
                number = mint.credit_code(prefix="91", division=geography.COUNTY_DIVISION)
                entries = _org_rich(rng) if profile == "rich" else _org_worthless(rng)
            fixture[number] = entries
    return fixture


def classify(entries: list[dict]) -> str:
    """rich / worthless / hidden, from what an online inquiry of the four 终本 scopes would find."""
    required = [e for e in entries if e["kind"] in REQUIRED]
    if not required:
        return "hidden"
    total = sum(Decimal(e["value"]) for e in entries if e.get("value") not in (None, ""))
    return "worthless" if total < WORTHLESS_BELOW else "rich"


def is_resident_id(key: str) -> bool:
    """Resident IDs start with a division code (3… in Jiangxi); credit codes with 1, 5 or 9."""
    return key[:1] in "2345678" and not resident_id_errors(key)


def write_fixture(path: Path, seed: int = FIXTURE_SEED) -> int:
    fixture = build_fixture(seed)
    path.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(fixture)
