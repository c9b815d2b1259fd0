"""The legal texts the documents cite and the fee they compute, in one place so a court's legal staff can
check and update them together (article numbers follow 民事诉讼法 as amended 2023, 民诉法解释 as amended 2022).
"""
from decimal import ROUND_HALF_UP, Decimal

CPL = "《中华人民共和国民事诉讼法》"
CPL_INTERPRETATION = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》"
PROPERTY_INVESTIGATION = "《最高人民法院关于民事执行中财产调查若干问题的规定》"
CONSUMPTION_RULES = "《最高人民法院关于限制被执行人高消费及有关消费的若干规定》"
DISHONEST_RULES = "《最高人民法院关于公布失信被执行人名单信息的若干规定》"
TERMINATION_RULES = "《最高人民法院关于严格规范终结本次执行程序的规定（试行）》"
REFUSAL_CRIME_INTERPRETATION = "《最高人民法院关于审理拒不执行判决、裁定刑事案件适用法律若干问题的解释》"
CRIMINAL_LAW = "《中华人民共和国刑法》"
FEE_RULES = "《诉讼费用交纳办法》"

BASIS = {
    "execution_notice": f"{CPL}第二百五十一条、第二百六十四条",
    "report_order": f"{CPL}第二百五十二条、{PROPERTY_INVESTIGATION}第三条至第十条",
    "consumption_restriction_order": f"{CPL}第二百六十六条、{CONSUMPTION_RULES}第一条、第三条",
    "dishonest_decision": f"{CPL}第二百六十六条、{DISHONEST_RULES}第一条、第二条",
    "summons_warrant": f"{CPL}第一百一十二条、{CPL_INTERPRETATION}第四百八十二条",
    "detention_decision": f"{CPL}第一百一十四条第一款第六项、第一百一十八条、第一百一十九条",
    "fine_decision": f"{CPL}第一百一十四条第一款第六项、第一百一十八条、第一百一十九条",
    "assistance_notice": f"{CPL}第二百五十三条、第二百五十四条",
    "criminal_referral_letter": f"{CRIMINAL_LAW}第三百一十三条、{REFUSAL_CRIME_INTERPRETATION}",
    "termination_ruling": f"{CPL_INTERPRETATION}第五百一十七条、{TERMINATION_RULES}第一条",
    "resumption_notice": f"{CPL_INTERPRETATION}第五百一十七条第二款、{TERMINATION_RULES}第九条",
}

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
