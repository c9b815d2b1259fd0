"""The legal texts the documents cite and the fee they compute, in one place so a court's legal staff can
check and update them together (article numbers follow 民事诉讼法 as amended 2023, 民诉法解释 as amended 2022).
"""
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

CPL = "《中华人民共和国民事诉讼法》"
CPL_INTERPRETATION = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》"
PROPERTY_INVESTIGATION = "《最高人民法院关于民事执行中财产调查若干问题的规定》"
CONSUMPTION_RULES = "《最高人民法院关于限制被执行人高消费及有关消费的若干规定》"
DISHONEST_RULES = "《最高人民法院关于公布失信被执行人名单信息的若干规定》"
TERMINATION_RULES = "《最高人民法院关于严格规范终结本次执行程序的规定（试行）》"
CRIMINAL_LAW = "《中华人民共和国刑法》"
FEE_RULES = "《诉讼费用交纳办法》"

# The interpretation on the crime of refusing to execute (拒执罪) that a referral letter cites is the one in force on
# the letter's date: the joint SPC/SPP interpretation of 2024 replaced the SPC's of 2015 on 1 December 2024.
REFUSAL_CRIME_INTERPRETATIONS = (
    (dt.date(2024, 12, 1),
     "《最高人民法院、最高人民检察院关于办理拒不执行判决、裁定刑事案件适用法律若干问题的解释》（法释〔2024〕13号）"),
    (dt.date(2015, 7, 22),
     "《最高人民法院关于审理拒不执行判决、裁定刑事案件适用法律若干问题的解释》（法释〔2015〕16号）"),
)

# CPL arts. 118 (amounts of fines, length of detention) and 119 (the president's approval, reconsideration) go with
# every fine and detention, whatever the conduct.
FINE_DETENTION_PROCEDURE = "第一百一十八条、第一百一十九条"

BASIS = {
    "execution_notice": f"{CPL}第二百五十一条、第二百六十四条",
    "report_order": f"{CPL}第二百五十二条、{PROPERTY_INVESTIGATION}第三条至第十条",
    "consumption_restriction_order": f"{CPL}第二百六十六条、{CONSUMPTION_RULES}第一条、第三条",
    "dishonest_decision": f"{CPL}第二百六十六条、{DISHONEST_RULES}第一条、第二条",
    "summons_warrant": f"{CPL}第一百一十二条、{CPL_INTERPRETATION}第四百八十二条",
    "assistance_notice": f"{CPL}第二百五十三条、第二百五十四条",
    "termination_ruling": f"{CPL_INTERPRETATION}第五百一十七条、{TERMINATION_RULES}第一条",
    "resumption_notice": f"{CPL_INTERPRETATION}第五百一十七条第二款、{TERMINATION_RULES}第九条",
}

# What the person fined or detained did (妨害执行的行为) decides the article cited (see choices.Obstruction):
# refusing to report property is sanctioned under CPL art. 252 and the property-report provisions (财产调查规定
# art. 9); the other conducts are the obstructions of CPL art. 114 para. 1, by item; a breach of a consumption
# restriction is, by 限制消费规定 art. 11, a refusal to perform a ruling (art. 114 para. 1 item 6).
OBSTRUCTION_BASIS = {
    "report_refusal": f"{CPL}第二百五十二条、{FINE_DETENTION_PROCEDURE}，{PROPERTY_INVESTIGATION}第九条",
    "refusal_to_perform": f"{CPL}第一百一十四条第一款第六项、{FINE_DETENTION_PROCEDURE}",
    "concealing_assets": f"{CPL}第一百一十四条第一款第三项、{FINE_DETENTION_PROCEDURE}",
    "obstructing_officers": f"{CPL}第一百一十四条第一款第五项、{FINE_DETENTION_PROCEDURE}",
    "restriction_breach": f"{CPL}第一百一十四条第一款第六项、{FINE_DETENTION_PROCEDURE}，{CONSUMPTION_RULES}第十一条",
}


def refusal_crime_interpretation(on: dt.date) -> str:
    """The 拒执罪 interpretation in force on `on`: 法释〔2024〕13号 from 2024-12-01, 法释〔2015〕16号 before."""
    for in_force_from, title in REFUSAL_CRIME_INTERPRETATIONS:
        if on >= in_force_from:
            return title
    return REFUSAL_CRIME_INTERPRETATIONS[-1][1]


def obstruction_conduct(*, report_order_served_on: dt.date | None, reported_on: dt.date | None,
                        report_deadline: dt.date | None, decided_on: dt.date) -> str:
    """The conduct a fine or detention rests on when the judge names none, from the case's facts: a debtor served
    with a report order whose period ran out before the measure without a report refused to report property;
    otherwise the measure is for refusing to perform the ruling."""
    if (report_order_served_on is not None and reported_on is None and report_deadline is not None
            and report_deadline < decided_on):
        return "report_refusal"
    return "refusal_to_perform"


def basis(kind: str, *, issued_on: dt.date, conduct: str | None = None) -> str:
    """The legal basis a document of `kind` cites, by the facts: the conduct for fines and detention, the date
    for a referral letter."""
    if kind in ("fine_decision", "detention_decision"):
        return OBSTRUCTION_BASIS[conduct or "refusal_to_perform"]
    if kind == "criminal_referral_letter":
        return f"{CRIMINAL_LAW}第三百一十三条、{refusal_crime_interpretation(issued_on)}"
    return BASIS[kind]


# 失信规定 art. 1 item numbers of each ground, as the decision cites them ("第一条第（五）项").
DISHONEST_GROUND_ITEMS = {
    "able_but_refusing": "一", "obstruction": "二", "evasion": "三",
    "report_breach": "四", "restriction_breach": "五", "settlement_breach": "六",
}

# 诉讼费用交纳办法 art. 14(1): the fee for an application for enforcement, on the amount to be enforced —
# up to 10,000 yuan: 50 yuan per case; 10,000–500,000: 1.5%; 500,000–5,000,000: 1%; 5,000,000–10,000,000: 0.5%;
# above 10,000,000: 0.1% (each rate on the part within its band).
EXECUTION_FEE_BANDS = (
    (Decimal("500000"), Decimal("0.015")),
    (Decimal("5000000"), Decimal("0.01")),
    (Decimal("10000000"), Decimal("0.005")),
    (None, Decimal("0.001")),
)
EXECUTION_FEE_BASE = Decimal("50")
EXECUTION_FEE_BASE_AMOUNT = Decimal("10000")


def execution_fee(amount: Decimal) -> Decimal:
    """申请执行费 for an amount claimed: 126,000 → 50 + 116,000 × 1.5% = 1,790.00 yuan."""
    fee, lower = EXECUTION_FEE_BASE, EXECUTION_FEE_BASE_AMOUNT
    for upper, rate in EXECUTION_FEE_BANDS:
        if amount <= lower:
            break
        part = (min(amount, upper) if upper is not None else amount) - lower
        fee += part * rate
        if upper is None:
            break
        lower = upper
    return fee.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
