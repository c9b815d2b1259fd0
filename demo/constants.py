"""The demo court's fixed facts: who and where it is, its year, the news report's figures, the logins and the
shape of its caseload (filing months, fates)."""
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from cases.choices import InquiryScope, Role

D = dt.date
DAY = dt.timedelta(days=1)
SHANGHAI = ZoneInfo("Asia/Shanghai")
CENT = Decimal("0.01")

COURT_CODE, COURT_NAME = "赣1129", "万年县人民法院"
# The court above both demo courts: where a fine or detention is reconsidered (复议), as their decisions say.
PARENT_CODE, PARENT_NAME = "赣11", "江西省上饶市中级人民法院"
ENF_START, ENF_END, AS_OF = D(2024, 1, 2), D(2024, 11, 29), D(2024, 12, 31)
LIT_EARLIEST = D(2023, 1, 3)
DEFAULT_SEED = 453
DEFAULT_CASES = 1149  # the article's 新收 of 2024: 执, 执保, 执异, 执复 and 执恢 together


@dataclass(frozen=True)
class ArticleFigures:
    """The Wannian 2024 figures of the news report (domain.md "Metrics"). The default build plans its cases so
    that stats.metrics computes exactly these for 2024; nothing here is written where a metric reads it."""

    new_cases: int = 1149
    concluded: int = 895
    amount_recovered: Decimal = Decimal("52955000.00")
    preservation_rate: Decimal = Decimal("0.7300")
    first_enforcement_avg_days: Decimal = Decimal("38.9")
    enforcement_application_rate: Decimal = Decimal("0.3268")
    pushed_cases: int = 74
    pushed_concluded: int = 59
    crackdown_recovered: Decimal = Decimal("6267000.00")
    referrals: int = 6  # cases and persons; of the referrals the police decline 3, prosecuted privately (自诉)
    private_prosecutions: int = 3


ARTICLE = ArticleFigures()
ARTICLE_FROM, ARTICLE_TO = D(2024, 1, 1), D(2024, 12, 31)
BALANCING_CASES = 6  # the year's last first-enforcement filings, paid in December, close the year's ledger
PUSH_START = D(2024, 3, 4)  # the weekly pushes (五推送) began in March 2024 (ISO week 10)
# days from filing to closure (median, lognormal) of completed first-enforcement cases, by how they were paid
COMPLETED_MEDIAN_DAYS = {"voluntary": 14, "forced": 30, "crackdown": 70, "settled": 40}
FAST_TRACK_MEDIAN_DAYS = 12  # the same for a case the fast track takes (cases.rules.FastTrackRules)
OTHER_RECEIPTS_SHARE = Decimal("0.06")  # part payments in cases not completed, as a share of their amounts
BALANCING_RESERVE = Decimal("1500000")  # what the year's last filings pay (calibration of 执行到位金额)

COURT_PASSWORD = "Wannian-2024"
ADMIN_PASSWORD = "Wannian-Admin-2024"
POYANG_PASSWORD = "Poyanghu-Zhixing-2024"  # not close to the user name (UserAttributeSimilarityValidator)

# username, full name, roles, password — one login per role, several judges to spread the cases
STAFF = [
    ("clerk", "程晓燕", [Role.CLERK]),
    ("trial1", "王建华", [Role.TRIAL_JUDGE]),
    ("trial2", "徐丽萍", [Role.TRIAL_JUDGE]),
    ("judge1", "余志刚", [Role.ENFORCEMENT_JUDGE]),
    ("judge2", "汪海涛", [Role.ENFORCEMENT_JUDGE]),
    ("judge3", "胡文斌", [Role.ENFORCEMENT_JUDGE]),
    ("judge4", "舒婷", [Role.ENFORCEMENT_JUDGE]),
    ("leader", "吴国平", [Role.LEADER]),
    ("courtadmin", "方敏", [Role.COURT_ADMIN]),
]
ADMIN_USERNAME = "admin"
POYANG_USERNAME = "poyang"

# Filing month weights (the Spring Festival empties February) and the chance a case filed that month is
# still open on 31 December.
MONTH_WEIGHTS = {1: 11, 2: 6, 3: 12, 4: 11, 5: 10, 6: 10, 7: 10, 8: 10, 9: 9, 10: 8, 11: 10}
OPEN_SHARE = {1: .03, 2: .03, 3: .04, 4: .05, 5: .07, 6: .11, 7: .19, 8: .29, 9: .41, 10: .55, 11: .68}
CLOSED_FATES = {"completed": 66, "terminated_current": 17, "terminated": 7, "withdrawn": 4, "not_enforced": 2,
                "rejected": 4}
TERMINATION_SCOPES = [InquiryScope.DEPOSIT, InquiryScope.VEHICLE, InquiryScope.REAL_ESTATE, InquiryScope.SECURITIES]
ALL_SCOPES = [*TERMINATION_SCOPES, InquiryScope.ONLINE_PAYMENT, InquiryScope.INSURANCE, InquiryScope.HOUSING_FUND,
              InquiryScope.EQUITY]
ARBITRABLE_CAUSES = ["买卖合同纠纷", "建设工程施工合同纠纷", "民间借贷纠纷", "金融借款合同纠纷", "劳动争议"]
LABOUR_CAUSES = {"劳动争议", "追索劳动报酬纠纷"}
OTHER_COURTS = ["鄱阳县人民法院", "余干县人民法院", "乐平市人民法院", "上饶市广信区人民法院"]


def money(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def wan(value) -> str:
    """Yuan → 万元 with one decimal, the way the court reports it (5295.5万)."""
    return f"{(Decimal(value or 0) / Decimal(10000)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"
