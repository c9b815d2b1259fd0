"""What the planning pass decides for each case before anything is written."""
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from cases.models import EnforcementCase, LitigationCase, User


@dataclass
class LitPlan:
    cause: str
    filed_on: dt.date
    plaintiffs: list
    defendants: list
    trial_judge: User
    claim_amount: Decimal
    property_dispute: bool = True
    preservation: dict | None = None
    outcome_kind: str | None = None
    effective_on: dt.date | None = None
    obligations: list = field(default_factory=list)  # [(due_on, amount)]
    payments: list = field(default_factory=list)  # [(paid_on, amount, note)]
    urgings: list = field(default_factory=list)  # [(on, channel, outcome, promised_on)]
    bulk: bool = False  # a case that never reaches enforcement: numbered by the service, inserted in bulk
    case: LitigationCase | None = None


@dataclass
class CasePlan:
    index: int
    case_type: str
    filed_on: dt.date
    fate: str
    variant: str = ""
    cause: str = ""
    amount: Decimal = Decimal("0")
    applicants: list = field(default_factory=list)
    respondents: list = field(default_factory=list)
    judge: User | None = None
    livelihood: bool = False
    lit: LitPlan | None = None
    document: str = ""
    non_litigation: bool = False
    holder: str = ""  # rich / worthless / hidden: the main respondent's entry in the inquiry simulator
    resume: bool = False
    story: str = ""  # one of the stories of the 2024 news report, told with fictitious names
    close_on: dt.date | None = None  # planned closing day (closed fates)
    close_bounds: tuple | None = None  # the days close_on may move between (calibration of the average days)
    settle_share: Decimal = Decimal("1")  # settled (执行和解): the share of the claim the applicant accepts
    crackdown_mode: str = ""  # detention / referral_opened / referral_declined (then 自诉)
    resume_closes: bool = False  # a resumed (执恢) case paid in full in 2024
    balancing: bool = False  # one of the last filings whose payment closes the year's ledger
    case: EnforcementCase | None = None
