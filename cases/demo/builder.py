"""Build the demo court through the real services, so numbers, timelines, ledgers and the 终本 gate are real.

The build happens in three passes inside one transaction:

1. **plan** — decide, from one seeded `random.Random`, every case's dates, amounts, parties and fate
   (how it ends); parties are created here;
2. **litigation** — file every 民初 case in filing order (so numbers follow dates), with its preservation,
   outcome, payment plan, urgings and voluntary payments;
3. **enforcement** — file every enforcement case in filing order and live its history day by day through the
   services: notices, online inquiries, urgings, coercive measures approved by the court president, fund
   receipts and payouts, suspension, extension, closure (终本 through the real gate), and at the end the
   resumptions (执恢) in their own filing order.

Every date lies in 2023–2024 (enforcement filed January–November 2024, nothing after 31 December 2024).
"""
import datetime as dt
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError, Sum
from django.test.utils import override_settings

from cases import rules
from cases.choices import (AssetStatus, CaseStatus, ClosureMethod, EnforcementType, EventKind, FundDirection,
                           InquiryChannel, InquiryScope, LitigationType, OutcomeKind, PartyKind,
                           PreservationKind, Role, UrgingChannel)
from cases.identity import credit_code_errors, resident_id_errors
from cases.models import (TAG_FIELDS, Asset, AssetInquiry, CaseEvent, CaseNumberCounter, Court, DeadlineExtension,
                          EnforcementCase, FundEntry, Grid, LitigationCase, Obligation, Outcome, Party,
                          Preservation, Suspension, Todo, Township, Urging, User, VoluntaryPayment)
from cases.services.case_work import (asset_set_status, case_record_event, case_record_fund,
                                      case_request_inquiry, urging_record)
from cases.services.enforcement import (case_close, case_extend_deadline, case_resume, case_suspend,
                                        case_unsuspend, enforcement_case_file, termination_review_approve)
from cases.services.litigation import litigation_case_file, outcome_record, payment_record, preservation_add
from cases.services.numbering import allocate_case_number
from cases.services.parties import party_create
from cases.services.users import user_create
from sanctions.choices import BoundRole, DishonestGround, EvidenceKind, PoliceDecision, SanctionKind, SanctionStatus
from sanctions.models import Prosecution, Sanction
from sanctions.rosters import refresh_rosters
from sanctions.services import (evidence_record, prosecution_payment, prosecution_police_decision,
                                prosecution_send, prosecution_settle, sanction_approve, sanction_propose)
from sanctions.tasks import roster_refresh_suppressed

from . import clearance_story, geography, names, simulator
from .people import IdentityMint, person_name, phone, sex_from_resident_id, weighted_choice
from .workdays import is_workday, next_workday, prev_workday, workday_between

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


def _lead_check_by(received_on: dt.date) -> dt.date:
    """The last working day on which a lead received on `received_on` is checked in time (rules.lead_check_due_on)."""
    return max(received_on, prev_workday(rules.lead_check_due_on(received_on)))


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
POYANG_PASSWORD = "Poyang-2024"

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


class DemoBuilder:
    def __init__(self, *, seed: int = DEFAULT_SEED, cases: int = DEFAULT_CASES, log=None, reset_accounts=False,
                 article: bool | None = None):
        self.seed = seed
        # the default court reproduces the article's 2024 figures exactly; other sizes keep its proportions
        self.article = (cases == ARTICLE.new_cases) if article is None else article
        self.reset_accounts = reset_accounts
        self.n_cases = cases
        self.rng = random.Random(seed)
        self.log = log or (lambda message: None)
        self.fixture = self._load_fixture()
        self.pools = self._holder_pools()
        self.mint = IdentityMint(random.Random(seed + 1), reserved=self.fixture)
        self.legal_representatives: dict[int, dict] = {}

    # ------------------------------------------------------------------ entry point
    def build(self):
        # DEBUG's query log (and, on SQLite, a QUOTE() query per statement) would cost a sixth of the build
        # The rosters (三板斧名册) are recomputed once at the end rather than after every measure.
        with override_settings(DEBUG=False), transaction.atomic(), roster_refresh_suppressed():
            self.court = self._court(COURT_CODE, COURT_NAME)
            self.townships = self._geography(self.court, geography.TOWNSHIPS)
            self._users()
            self.deferring, self.pending = False, []
            self._public_bodies()
            started = time.monotonic()
            self.deferring, self.pending = True, []
            plans, lit_only = self._plan()
            self._flush_parties()
            self.log(f"计划案件并登记当事人 {Party.objects.filter(court=self.court).count()} 人"
                     f"（{time.monotonic() - started:.1f} 秒）")
            started = time.monotonic()
            litigation = [p.lit for p in plans if p.lit] + lit_only
            self._file_litigation(litigation)
            self.log(f"诉讼案件 {len(litigation)} 件（{time.monotonic() - started:.1f} 秒）")
            started = time.monotonic()
            self._run_enforcement(plans)
            self._pushes()
            clearance_story.tell(self, as_of=AS_OF)
            self.log(f"执行案件 {EnforcementCase.objects.filter(court=self.court).count()} 件"
                     f"（{time.monotonic() - started:.1f} 秒）")
            self._poyang()
            started = time.monotonic()
            rosters = refresh_rosters(case_ids=list(EnforcementCase.objects.filter(
                court__code__in=[COURT_CODE, geography.POYANG["code"]]).values_list("pk", flat=True)))
            self.log(f"三板斧名册 {sum(rosters.values()) if rosters else 0} 项变动（{time.monotonic() - started:.1f} 秒）")
        return self

    # ------------------------------------------------------------------ reference data and staff
    def _court(self, code, name):
        parent, _ = Court.objects.get_or_create(code=PARENT_CODE, defaults={"name": PARENT_NAME})
        court, _ = Court.objects.get_or_create(code=code, defaults={"name": name, "parent": parent})
        if court.parent_id is None:
            court.parent = parent
            court.save(update_fields=["parent"])
        return court

    def _geography(self, court, townships):
        result = []
        for name, code, villages in townships:
            township, _ = Township.objects.get_or_create(court=court, name=name, defaults={"code": code})
            grids = []
            for village, count in villages:
                for grid_name in geography.grid_names(village, count):
                    grid, _ = Grid.objects.get_or_create(township=township, name=grid_name)
                    grids.append((village, grid))
            result.append((township, grids))
        return result

    def _users(self):
        admin = User.objects.filter(username=ADMIN_USERNAME).first()
        if admin is None:
            validate_password(ADMIN_PASSWORD)
            admin = User(username=ADMIN_USERNAME, full_name="系统管理员", is_superuser=True, is_staff=True)
            admin.set_password(ADMIN_PASSWORD)
            admin.save()
        elif self.reset_accounts:
            self._reset_account(admin, ADMIN_PASSWORD, None, [])
        if not admin.is_superuser:
            raise CommandError(f"用户“{ADMIN_USERNAME}”已存在且不是超级用户，演示数据需要该用户名作为系统管理员。")
        self.admin = admin
        self.staff = {}
        for username, full_name, roles in STAFF:
            user = User.objects.filter(username=username).first()
            number = phone(self.rng)  # drawn either way: a rebuild over existing accounts builds the same court
            if user is None:
                user = user_create(actor=admin, username=username, password=COURT_PASSWORD, court=self.court,
                                   roles=list(roles), full_name=full_name, phone=number)
            elif self.reset_accounts:
                self._reset_account(user, COURT_PASSWORD, self.court, roles)
            self.staff[username] = user
        self.clerk = self.staff["clerk"]
        self.leader = self.staff["leader"]
        self.trial_judges = [self.staff["trial1"], self.staff["trial2"]]
        self.judges = [self.staff[f"judge{n}"] for n in range(1, 5)]

    @staticmethod
    def _reset_account(user: User, password: str, court, roles):
        """--reset: an existing demo account gets its demo password, court and roles back."""
        user.set_password(password)
        user.is_active = True
        if court is not None or user.is_superuser:
            user.court = court
        user.save()
        if roles:
            user.groups.set(Group.objects.filter(name__in=[str(r) for r in roles]))

    # ------------------------------------------------------------------ the inquiry simulator's holders
    def _load_fixture(self) -> dict:
        path = Path(settings.INQUIRY_SIMULATOR_FIXTURE)
        if not path.exists():
            return {}
        return json.loads(path.read_text(encoding="utf-8"))

    def _holder_pools(self) -> dict:
        pools: dict[tuple[str, str], list[str]] = {}
        for key in sorted(self.fixture):
            kind = "person" if simulator.is_resident_id(key) else "organization"
            pools.setdefault((kind, simulator.classify(self.fixture[key])), []).append(key)
        rng = random.Random(self.seed + 2)
        for keys in pools.values():
            rng.shuffle(keys)
        return pools

    def _take_holder(self, kind: str, profile: str) -> str | None:
        pool = self.pools.get((kind, profile)) or []
        return pool.pop() if pool else None

    # ------------------------------------------------------------------ parties
    def _public_bodies(self):
        self.bodies = {}
        for name, prefix in names.PUBLIC_BODIES:
            township, grids = self.townships[0]
            self.bodies[name] = party_create(
                court=self.court, kind=PartyKind.ORGANIZATION, name=name,
                credit_code=self.mint.credit_code(prefix=prefix, division=geography.COUNTY_DIVISION),
                phone=self._landline(), address=f"江西省万年县陈营镇{self.rng.choice(geography.STREETS)}"
                f"{self.rng.randint(1, 200)}号", township=township, legal_representative=self._any_name(),
                tags=["state_organ"])
        self.lenders = {}
        for name, prefix, _causes in names.LENDERS:
            self.lenders[name] = party_create(
                court=self.court, kind=PartyKind.ORGANIZATION, name=name,
                credit_code=self.mint.credit_code(prefix=prefix, division=geography.COUNTY_DIVISION),
                phone=self._landline(), address=f"江西省万年县陈营镇{self.rng.choice(geography.STREETS)}"
                f"{self.rng.randint(1, 300)}号", township=self.townships[0][0],
                legal_representative=self._any_name())
        self.businesses: list[Party] = []
        self.business_names: set[str] = set()
        self.debtors: list[Party] = []  # people who owe in one case and may owe in another
        self.tag_quota = ["public_official", "npc_deputy", "cppcc_member", "party_member", "public_official",
                          "party_member"]
        for _ in range(24):  # employers of the county, some of whom will be in court themselves
            self.businesses.append(self._business())

    def _landline(self) -> str:
        return f"0793-{self.rng.choice('78')}{self.rng.randrange(10**6):06d}"

    def _any_name(self) -> str:
        sex = self.rng.choice("MMF")
        return person_name(self.rng, sex=sex, birth_year=self.rng.randint(1960, 1990))

    def _place(self):
        township, grids = self.townships[
            [t.name for t, _ in self.townships].index(weighted_choice(self.rng, geography.TOWNSHIP_WEIGHTS))]
        village, grid = self.rng.choice(grids)
        if village.endswith("社区") and township.name == "陈营镇":
            address = (f"江西省万年县陈营镇{self.rng.choice(geography.ESTATES)}{self.rng.randint(1, 18)}栋"
                       f"{self.rng.randint(1, 3)}单元{self.rng.randint(1, 18)}0{self.rng.randint(1, 4)}室")
        elif village.endswith("社区"):
            address = f"江西省万年县{township.name}{village[:-2]}{self.rng.randint(1, 180)}号"
        else:
            address = (f"江西省万年县{township.name}{village}{self.rng.choice(list(names.SURNAMES)[:30])}家组"
                       f"{self.rng.randint(1, 80)}号")
        return township, grid, address

    def _person(self, *, identity: str | None = None, tags=(), employer: Party | None = None,
                surname: str | None = None, birth_range=(1955, 2000)) -> Party:
        rng = self.rng
        if identity is None:
            division = geography.COUNTY_DIVISION if rng.random() < 0.86 else rng.choice(
                list(geography.NEIGHBOUR_DIVISIONS))
            sex = "M" if rng.random() < 0.68 else "F"
            birth = self.mint.birth_date(first_year=birth_range[0], last_year=birth_range[1])
            identity = self.mint.resident_id(division=division, birth=birth, sex=sex)
        division, sex, birth_year = identity[:6], sex_from_resident_id(identity), int(identity[6:10])
        name = person_name(rng, sex=sex, birth_year=birth_year, surname=surname)
        township = grid = None
        if division == geography.COUNTY_DIVISION:
            township, grid, address = self._place()
            if rng.random() < 0.08:
                grid = None  # not every address has been mapped to a grid yet
        else:
            county = geography.NEIGHBOUR_DIVISIONS[division]
            address = f"{geography.PROVINCE_CITY}{county}{rng.choice(geography.STREETS)}{rng.randint(1, 400)}号"
        tags = list(tags)
        if employer is None and "public_official" in tags:
            # public officials work for a public body: the employer push and the 纪委监委 push find them
            employer = self.bodies[rng.choice(list(self.bodies))]
        if employer is None and rng.random() < 0.16 and self.businesses:
            employer = rng.choice(self.businesses)
        return self._new_party(kind=PartyKind.PERSON, name=name, id_number=identity, phone=phone(rng),
                               address=address, township=township, grid=grid, employer=employer, tags=tags,
                               ethnicity="汉族")

    def _business(self, *, identity: str | None = None, scale: str | None = None, suffix: str | None = None,
                  tags=()) -> Party:
        rng = self.rng
        lines = [b for b in names.BUSINESS_LINES if (scale is None or b[2] == scale)
                 and (suffix is None or b[0] == suffix)] or names.BUSINESS_LINES
        line, prefix, _scale = rng.choice(lines)
        if identity:
            prefix = identity[:2]
            lines = [b for b in names.BUSINESS_LINES if b[1] == prefix] or lines
            line = rng.choice(lines)[0]
        for _ in range(200):
            trade = rng.choice(names.TRADE_NAMES)
            if prefix == "92":
                township, _grids = rng.choice(self.townships)
                name = f"万年县{township.name}{trade}{line}"
            else:
                name = f"{rng.choice(['万年县', '万年县', '万年县', '江西', '上饶市'])}{trade}{line}"
            if name not in self.business_names:
                break
        self.business_names.add(name)
        township, grid, address = self._place()
        if line.endswith("有限公司") and rng.random() < 0.4:
            township = self.townships[0][0]
            grid = None
            address = f"江西省万年县凤巢工业园{rng.choice(['创业大道', '高新大道', '工业大道'])}{rng.randint(1, 99)}号"
        identity = identity or self.mint.credit_code(prefix=prefix, division=geography.COUNTY_DIVISION)
        return self._new_party(kind=PartyKind.ORGANIZATION, name=name, credit_code=identity,
                               phone=self._landline() if prefix != "92" else phone(rng), address=address,
                               township=township, grid=grid, legal_representative=self._any_name(), tags=list(tags))

    def _new_party(self, *, tags, **fields) -> Party:
        """Through cases.services.parties.party_create once the build is under way; during planning (thousands
        of parties) the identity numbers are checked with the same functions and the rows inserted in bulk."""
        if not self.deferring:
            return party_create(court=self.court, tags=tags, **fields)
        party = Party(court=self.court, **fields)
        for tag, column in TAG_FIELDS.items():
            setattr(party, column, tag.value in tags)
        errors = (resident_id_errors(party.id_number) if party.kind == PartyKind.PERSON
                  else credit_code_errors(party.credit_code))
        if errors or (party.grid and party.grid.township_id != party.township.pk):
            raise ValueError(f"demo party {party.name}: {errors or 'grid outside township'}")
        self.pending.append(party)
        return party

    def _flush_parties(self):
        """Insert the planned parties: organisations first, since people point at them as employers."""
        organizations = [p for p in self.pending if p.kind == PartyKind.ORGANIZATION]
        people = [p for p in self.pending if p.kind == PartyKind.PERSON]
        Party.objects.bulk_create(organizations, batch_size=500)
        Party.objects.bulk_create(people, batch_size=500)
        self.pending, self.deferring = [], False

    def _debtor(self, *, organization: bool, holder: str = "") -> Party:
        """The main respondent: a fixture holder if the story needs property found, else a new or repeat debtor."""
        rng = self.rng
        if holder == "hidden":
            organization = False  # equity, a policy, a housing fund: the simulator's hidden holders are people
        if holder:
            identity = self._take_holder("organization" if organization else "person", holder)
            if identity is None and holder != "hidden":
                identity = self._take_holder("person" if organization else "organization", holder)
            if identity is not None:
                if simulator.is_resident_id(identity):
                    party = self._person(identity=identity, tags=self._next_tags())
                else:
                    party = self._business(identity=identity)
                return party
        if not organization and self.debtors and rng.random() < 0.06:
            return rng.choice(self.debtors)  # the same debtor in several cases
        if organization:
            return self._business(scale=rng.choice(["small", "medium", "medium", "large"]))
        party = self._person(tags=self._next_tags())
        self.debtors.append(party)
        return party

    def _next_tags(self) -> list[str]:
        """Tags for a new person in court as a debtor: a few officials, party members, deputies, CPPCC members."""
        rng = self.rng
        if self.tag_quota and rng.random() < 0.25:
            tag = self.tag_quota.pop(0)
        else:
            roll = rng.random()
            tag = ("public_official" if roll < 0.015 else "party_member" if roll < 0.05 else
                   "npc_deputy" if roll < 0.055 else "cppcc_member" if roll < 0.06 else "")
        if tag == "public_official":
            return ["public_official", "party_member"] if rng.random() < 0.7 else ["public_official"]
        return [tag] if tag else []

    def _creditor(self, cause: str, *, hardship=False) -> Party:
        profile = names.CAUSES[cause]
        rng = self.rng
        if profile["plaintiff"] == "lender":
            options = [name for name, _p, causes in names.LENDERS if cause in causes]
            return self.lenders[rng.choice(options)]
        if profile["plaintiff"] == "business" or (cause == "买卖合同纠纷" and rng.random() < 0.8):
            if rng.random() < 0.45 and self.businesses:
                return rng.choice(self.businesses)
            business = self._business()
            self.businesses.append(business)
            return business
        return self._person(tags=["hardship"] if hardship else [])

    # ------------------------------------------------------------------ planning
    def _enforcement_dates(self, count: int) -> list[dt.date]:
        months = list(MONTH_WEIGHTS)
        dates = []
        for _ in range(count):
            while True:  # a working day, drawn again rather than shifted (no pile-up after the holidays)
                month = self.rng.choices(months, weights=[MONTH_WEIGHTS[m] for m in months])[0]
                day = D(2024, month, 1) + dt.timedelta(days=self.rng.randrange(29 if month == 2 else 30))
                if is_workday(day) and ENF_START <= day <= ENF_END:
                    break
            dates.append(day)
        return sorted(dates)

    def _amount(self, cause: str) -> Decimal:
        profile = names.CAUSES[cause]
        value = profile["median"] * self.rng.lognormvariate(0, profile["sigma"])
        value = min(max(value, 2000), 3_000_000)
        roll = self.rng.random()
        if roll < 0.5:
            value = round(value, -2)
        elif roll < 0.8:
            value = round(value)
        return money(max(value, 2000))

    def _cause(self) -> str:
        return weighted_choice(self.rng, {c: p["weight"] for c, p in names.CAUSES.items()})

    def type_counts(self) -> dict:
        """How many enforcement cases of each type are filed in 2024 (执 takes the rest), and how many of the
        resumed (执恢) ones are paid in full by 31 December. 1,149 → 执 1,065, 执保 44, 执异 22, 执复 4, 执恢 14."""
        n = self.n_cases
        resumed = max(1, round(n * 0.012))
        return {EnforcementType.PRESERVATION: round(n * 0.038), EnforcementType.OBJECTION: round(n * 0.019),
                EnforcementType.REVIEW: max(1 if n >= 40 else 0, round(n * 0.0035)),
                EnforcementType.RESUMED: resumed, "resumed_closed": round(resumed * 0.36)}

    def _plan(self):
        rng = self.rng
        counts = self.type_counts()
        self.counts = counts
        n = self.n_cases - counts[EnforcementType.RESUMED]  # the 执恢 cases are filed from 终本 ones later
        dates = self._enforcement_dates(n)
        # objections (执异) fall in the first part of the year, reviews (执复) of their rulings in the last
        types = [EnforcementType.FIRST] * n
        review = rng.sample(range(int(n * 0.7), n), counts[EnforcementType.REVIEW])
        objection = rng.sample(range(int(n * 0.1), int(n * 0.6)), counts[EnforcementType.OBJECTION])
        rest = [i for i in range(n) if i not in set(review) | set(objection)]
        preservation = rng.sample(rest, counts[EnforcementType.PRESERVATION])
        for positions, case_type in [(review, EnforcementType.REVIEW), (objection, EnforcementType.OBJECTION),
                                     (preservation, EnforcementType.PRESERVATION)]:
            for i in positions:
                types[i] = case_type
        plans = [CasePlan(index=i, case_type=t, filed_on=d, fate="") for i, (t, d) in enumerate(zip(types, dates))]
        first = [p for p in plans if p.case_type == EnforcementType.FIRST]
        # two stories of the news report, with fictitious names (the third, 姚某's rice money, is never enforced)
        stories = [("li", D(2024, 4, 15)), ("xu", D(2024, 1, 8))]
        for story, day in stories:
            candidates = [p for p in first if not p.story]
            plan = min(candidates, key=lambda p: abs((p.filed_on - day).days))
            plan.story, plan.filed_on = story, next_workday(day)
        plans.sort(key=lambda p: (p.filed_on, p.index))
        self._assign_fates(first)
        for plan in plans:
            plan.judge = rng.choice(self.judges)
            if plan.case_type == EnforcementType.FIRST:
                self._plan_first(plan)
            elif plan.case_type == EnforcementType.PRESERVATION:
                self._plan_preservation(plan)
            else:
                plan.fate = "rejected" if rng.random() < 0.8 else "terminated"
        objections = [p for p in plans if p.case_type == EnforcementType.OBJECTION]
        if objections:
            objections[0].fate = "rejected"  # the review (执复) needs a rejected objection to review
        lit_only = self._plan_litigation_only(round(self.n_cases * 1.8))
        self._plan_crackdown(first)
        if self.article:
            self._plan_balancing(first)
            self._calibrate_money(first)
        self._plan_close_dates(first)
        if self.article:
            self._calibrate_days(first)
            self._calibrate_application_rate(plans, lit_only)
            self._calibrate_preservation(plans, lit_only)
        return plans, lit_only

    def _assign_fates(self, plans: list[CasePlan]):
        rng = self.rng
        latest_termination = rules.add_months(AS_OF, -3) - dt.timedelta(days=12)
        for plan in plans:
            if plan.story:
                plan.fate = "completed"
                continue
            if rng.random() < OPEN_SHARE[plan.filed_on.month]:
                plan.fate = "suspended" if rng.random() < 0.14 or plan.filed_on < D(2024, 4, 1) else "open"
                continue
            fate = weighted_choice(rng, CLOSED_FATES)
            if fate == "terminated_current" and plan.filed_on > latest_termination:
                fate = "completed"
            plan.fate = fate
        # small runs still show every ending: convert the most common fate where one is missing
        have = Counter(p.fate for p in plans)
        for fate in ["terminated_current", "terminated", "withdrawn", "not_enforced", "rejected", "open",
                     "suspended"]:
            if have[fate]:
                continue
            candidates = [p for p in plans if p.fate == "completed" and not p.story]
            if fate == "terminated_current":
                candidates = [p for p in candidates if p.filed_on <= latest_termination]
            if fate == "open":
                candidates = candidates[::-1]
            if candidates:
                candidates[0].fate = fate
                have[fate] += 1
                have["completed"] -= 1
        counts = self.counts
        if self.article:
            # 执结 = every 执保, 执异 and 执复 case (each is closed within days) + the 执恢 cases paid in full + the
            # first-enforcement cases closed: the rest of the 执 cases are still open (or suspended) on 31 December
            closed_target = (ARTICLE.concluded - counts[EnforcementType.PRESERVATION]
                             - counts[EnforcementType.OBJECTION] - counts[EnforcementType.REVIEW]
                             - counts["resumed_closed"])
            self._steer_open(plans, len(plans) - closed_target, latest_termination)
        # a few 终本 cases come back as 执恢 when the applicant finds property: early enough to be resumed in 2024
        resume_by = D(2024, 5, 31)
        wanted = counts[EnforcementType.RESUMED]
        terminated = [p for p in plans if p.fate == "terminated_current" and p.filed_on <= resume_by]
        if len(terminated) < wanted:
            spare = [p for p in plans if p.fate == "completed" and not p.story and p.filed_on <= resume_by]
            for plan in rng.sample(spare, min(len(spare), wanted - len(terminated))):
                plan.fate = "terminated_current"
                terminated.append(plan)
        chosen = sorted(rng.sample(terminated, min(len(terminated), wanted)), key=lambda p: (p.filed_on, p.index))
        for i, plan in enumerate(chosen):
            plan.resume = True
            plan.resume_closes = i < counts["resumed_closed"]  # the earliest are paid by the year's end

    def _steer_open(self, plans: list[CasePlan], target: int, latest_termination: dt.date):
        """Make exactly `target` first-enforcement cases open on 31 December, moving the cases the month's
        share of open cases makes the likeliest either way (a late case stays open, an early one closes)."""
        rng = self.rng
        is_open = lambda p: p.fate in ("open", "suspended")  # noqa: E731
        have = Counter(p.fate for p in plans)
        current = sum(1 for p in plans if is_open(p))
        while current != target:
            if current > target:
                pool = [p for p in plans if is_open(p) and have[p.fate] > 1]
                weights = [1 - OPEN_SHARE[p.filed_on.month] for p in pool]
                plan = rng.choices(pool, weights=weights)[0]
                have[plan.fate] -= 1
                fate = weighted_choice(rng, CLOSED_FATES)
                if fate == "terminated_current" and plan.filed_on > latest_termination:
                    fate = "completed"
                plan.fate = fate
                current -= 1
            else:
                pool = [p for p in plans if not is_open(p) and not p.story and have[p.fate] > 1]
                weights = [OPEN_SHARE[p.filed_on.month] for p in pool]
                plan = rng.choices(pool, weights=weights)[0]
                have[plan.fate] -= 1
                plan.fate = "suspended" if rng.random() < 0.14 or plan.filed_on < D(2024, 4, 1) else "open"
                current += 1
            have[plan.fate] += 1

    # ------------------------------------------------------------------ planning the year's figures
    def _set_amount(self, plan: CasePlan, amount: Decimal):
        """Give a planned 执 case another amount to enforce, its source judgment's payment plan scaled with it."""
        amount = money(amount)
        lit = plan.lit
        if lit is not None and lit.obligations and plan.amount > 0:
            ratio = amount / plan.amount
            paid = [money(a * ratio) for _d, a, _n in lit.payments]
            lit.payments = [(d, p, n) for (d, _a, n), p in zip(lit.payments, paid)]
            total = amount + sum(paid, Decimal("0"))
            k = len(lit.obligations)
            shares = [money(total / k)] * k
            shares[-1] = money(total - sum(shares[:-1]))
            lit.obligations = [(d, share) for (d, _a), share in zip(lit.obligations, shares)]
            lit.claim_amount = max(money(lit.claim_amount * ratio), total)
            if lit.preservation:
                lit.preservation["amount"] = money(lit.preservation["amount"] * ratio)
                if lit.preservation.get("security_amount"):
                    lit.preservation["security_amount"] = money(lit.preservation["security_amount"] * ratio)
        plan.amount = amount

    @staticmethod
    def _round_like(old: Decimal, new: Decimal) -> Decimal:
        """A new amount as round as the old one was (hundreds stay hundreds, whole yuan stay whole)."""
        if old % 100 == 0:
            new = Decimal(round(new, -2))
        elif old % 1 == 0:
            new = Decimal(round(new))
        return money(min(max(new, Decimal("2000")), Decimal("3000000")))

    def _plan_crackdown(self, plans: list[CasePlan]):
        """三板斧: which debtors are detained, and which are referred to the police (who open some and decline the
        others, then prosecuted privately); in the article's court the money paid after them adds to 626.7万."""
        rng = self.rng
        person = lambda p: p.respondents and p.respondents[0].kind == PartyKind.PERSON  # noqa: E731
        people = [p for p in plans if p.variant == "crackdown" and p.fate == "completed" and person(p)]
        scale = 1 if self.article else self.n_cases / ARTICLE.new_cases
        if self.article and len(people) < 14:
            spare = [p for p in plans if p.fate == "completed" and p.variant == "voluntary" and not p.story
                     and p.lit and person(p) and not p.holder and p.filed_on <= D(2024, 9, 30)]
            for plan in rng.sample(spare, min(len(spare), 14 - len(people))):
                plan.variant = "crackdown"
                self._set_amount(plan, self._round_like(plan.amount, plan.amount * Decimal(str(rng.uniform(3, 8)))))
                people.append(plan)
        people.sort(key=lambda p: (p.filed_on, p.index))
        xu = next((id(p.respondents[0]) for p in plans if p.story == "xu"), None)
        referrals = min(len(people), max(1 if people else 0, round((ARTICLE.referrals - 1) * scale)))
        declined = round(referrals * ARTICLE.private_prosecutions / (ARTICLE.referrals - 1))
        seen = {xu}
        referred = []
        for plan in rng.sample(people, len(people)):
            key = id(plan.respondents[0])
            if len(referred) < referrals and key not in seen and plan.filed_on <= D(2024, 9, 1):
                seen.add(key)
                referred.append(plan)
        for i, plan in enumerate(referred):
            plan.crackdown_mode = "referral_declined" if i < declined else "referral_opened"
        for plan in people:
            plan.crackdown_mode = plan.crackdown_mode or "detention"
        if self.article and people:
            # the money paid after the measures: every crackdown case is paid in full after it, and 徐某 too
            target = ARTICLE.crackdown_recovered - money(312400)
            natural = sum(p.amount for p in people)
            amounts = [self._round_like(p.amount, p.amount * target / natural) for p in people]
            amounts[-1] = money(amounts[-1] + target - sum(amounts))
            for plan, amount in zip(people, amounts):
                self._set_amount(plan, amount)

    def _plan_balancing(self, plans: list[CasePlan]):
        """The year's last first-enforcement filings (late November, paid in December) are a notarised debt or an
        arbitration award whose amount is settled when the rest of the year is on the books (_run_balancing)."""
        candidates = [p for p in plans if p.fate == "completed" and not p.story and p.variant != "crackdown"
                      and not p.non_litigation and not p.resume]
        for plan in sorted(candidates, key=lambda p: (p.filed_on, p.index))[-BALANCING_CASES:]:
            plan.balancing, plan.variant, plan.lit = True, "voluntary", None
            if not plan.document:
                plan.document = self._document(plan)

    def _planned_receipts(self, plan: CasePlan) -> Decimal:
        if plan.fate != "completed" or plan.balancing:
            return Decimal("0")
        return money(plan.amount * plan.settle_share) if plan.variant == "settled" else plan.amount

    def _calibrate_money(self, plans: list[CasePlan]):
        """执行到位金额: the completed cases' amounts, scaled together, leave the year's last filings
        (BALANCING_CASES) about 1.5 million yuan to pay — what the part payments of open, 终本 and terminated cases
        and the resumed cases bring in varies with the year."""
        fixed = [p for p in plans if p.story or p.crackdown_mode]
        flexible = [p for p in plans if p.fate == "completed" and not p.story and not p.crackdown_mode
                    and not p.balancing]
        others = sum((p.amount for p in plans if p.fate != "completed"), Decimal("0"))
        expected_other = others * OTHER_RECEIPTS_SHARE  # part payments in cases not completed (measured)
        room = (ARTICLE.amount_recovered - sum(self._planned_receipts(p) for p in fixed) - expected_other
                - BALANCING_RESERVE)
        natural = sum(self._planned_receipts(p) for p in flexible)
        if natural <= 0 or room <= 0:
            return
        factor = room / natural
        for plan in flexible:
            self._set_amount(plan, self._round_like(plan.amount, plan.amount * factor))

    def _plan_close_dates(self, plans: list[CasePlan]):
        """The day each closed first-enforcement case closes, drawn when it is planned (the handlers live the
        case up to it), with the range it may move in."""
        rng = self.rng
        for plan in plans:
            fate = plan.fate
            if plan.story or fate in ("open", "suspended"):
                continue
            if fate == "terminated_current":
                earliest = rules.add_months(plan.filed_on, rules.TERMINATION_MIN_MONTHS) + DAY
                latest = min(D(2024, 9, 30) if plan.resume else AS_OF, rules.add_months(plan.filed_on, 6))
                close_on = next_workday(earliest + dt.timedelta(days=round(rng.expovariate(1 / 12))))
                if close_on > latest:
                    close_on = next_workday(earliest)
                plan.close_on, plan.close_bounds = close_on, (earliest, latest)
                continue
            if fate == "completed" and plan.non_litigation:
                median, low, high = 30, 3, 85
            elif fate == "completed" and self._fast_tracked(plan):
                median, low, high = FAST_TRACK_MEDIAN_DAYS, 3, 60  # the quick channel's point: found, frozen, paid
            elif fate == "completed":
                median = COMPLETED_MEDIAN_DAYS.get(plan.variant, COMPLETED_MEDIAN_DAYS["voluntary"])
                low, high = {"voluntary": 5, "crackdown": 40}.get(plan.variant, 12), 175
            else:
                median, low, high = {"terminated": (30, 10, 170), "withdrawn": (10, 2, 40),
                                     "not_enforced": (40, 25, 120), "rejected": (15, 5, 60)}[fate]
            plan.close_on = self._duration_close(plan, median, low=low, high=high)
            plan.close_bounds = (plan.filed_on + dt.timedelta(days=low),
                                 min(plan.filed_on + dt.timedelta(days=high), AS_OF))

    @staticmethod
    def _fast_tracked(plan: CasePlan) -> bool:
        """What fast_track_evaluate will decide at the first inquiry, under the default rules: a small first
        enforcement against one debtor whose property the simulator finds."""
        return not rules.fast_track_unmet(rules.FastTrackRules(), case_type=plan.case_type,
                                          respondent_count=len(plan.respondents), amount=plan.amount,
                                          first_inquiry_found=plan.holder == "rich")

    def _calibrate_days(self, plans: list[CasePlan]):
        """首执案件平均用时 = the days of the closed 执 cases / their number: move a few closing days (to other
        working days inside each case's range) until the total gives exactly the article's 38.9."""
        rng = self.rng
        closed = [p for p in plans if p.fate not in ("open", "suspended")]
        closing = {id(p): (p.close_on if not p.story else {"li": D(2024, 6, 14), "xu": D(2024, 7, 29)}[p.story])
                   for p in closed}
        total = sum((closing[id(p)] - p.filed_on).days for p in closed)
        count = len(closed)
        target = round(ARTICLE.first_enforcement_avg_days * count)
        if (Decimal(target) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) != \
                ARTICLE.first_enforcement_avg_days:
            raise CommandError("首执平均用时无法校准")
        movable = [p for p in closed if p.close_bounds and not p.balancing]
        diff = target - total
        for _ in range(100_000):
            if diff == 0:
                break
            plan = rng.choice(movable)
            low, high = plan.close_bounds
            step = 1 if diff > 0 else -1
            for k in range(1, min(abs(diff), 30) + 1):
                day = plan.close_on + dt.timedelta(days=step * k)
                if low <= day <= high and is_workday(day):
                    plan.close_on = day
                    diff -= step * k
                    break
        if diff:
            raise CommandError("首执平均用时无法校准")
        self.log(f"首执结案 {count} 件，用时合计 {target} 天（平均 {target / count:.1f} 天）")

    @staticmethod
    def _effective_with_payment(lit: LitPlan) -> bool:
        """In the 申请执行率's denominator: a judgment or mediation with a payment plan, effective in 2024."""
        return (lit.outcome_kind in (OutcomeKind.JUDGMENT, OutcomeKind.MEDIATION) and bool(lit.obligations)
                and ARTICLE_FROM <= lit.effective_on <= ARTICLE_TO)

    def _calibrate_application_rate(self, plans: list[CasePlan], lit_only: list[LitPlan]):
        """申请执行率 = effective payment judgments/mediations of 2024 enforced (a 执 case filed) / all of them.
        The judgments performed without enforcement are the rest of the denominator: as many as make 32.68%."""
        rng = self.rng
        target = ARTICLE.enforcement_application_rate

        def fits(n, d):
            return d > 0 and (Decimal(n) / Decimal(d)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP) == target

        enforced = [p for p in plans if p.case_type == EnforcementType.FIRST and p.lit
                    and self._effective_with_payment(p.lit)]
        others = [p.lit for p in plans if p.lit and p.case_type != EnforcementType.FIRST
                  and self._effective_with_payment(p.lit)]
        others += [lit for lit in lit_only if self._effective_with_payment(lit)]
        n, d = len(enforced), len(enforced) + len(others)
        choice = None
        for drop in range(0, 60):  # a few enforced judgments become other grounds if no denominator fits
            m = n - drop
            best = [e for e in range(int(m / (target + Decimal("0.00005"))) - 1, int(m / (target - Decimal("0.00005"))) + 2)
                    if fits(m, e)]
            if best:
                choice = (drop, min(best, key=lambda e: abs(e - (d - drop))))
                break
        if choice is None:
            raise CommandError("申请执行率无法校准")
        drop, wanted = choice
        convertible = [p for p in enforced if not p.story and not p.crackdown_mode and not p.resume]
        for plan in rng.sample(convertible, drop):
            plan.lit = None
            plan.document = self._document(plan)
        d -= drop
        while d < wanted:  # more judgments and mediations of 2024 performed without enforcement
            lit = self._litigation_only_case(next_workday(D(2023, 10, 9) + dt.timedelta(days=rng.randrange(330))),
                                             roll=rng.uniform(0.16, 1))
            if lit is not None and self._effective_with_payment(lit):
                lit.bulk = True
                lit_only.append(lit)
                d += 1
        if d > wanted:
            performed = [lit for lit in lit_only if lit.bulk and lit.payments and self._effective_with_payment(lit)]
            for lit in rng.sample(performed, d - wanted):
                lit_only.remove(lit)
        self.log(f"申请执行率 {n - drop} / {wanted}")

    def _calibrate_preservation(self, plans: list[CasePlan], lit_only: list[LitPlan]):
        """保全申请率 = property disputes filed in 2024 with a preservation application / all of them: a round
        number of property disputes (suits still pending or withdrawn at the year's end make it up), 73% of them
        with a preservation application."""
        rng = self.rng
        in_year = lambda lit: lit.property_dispute and ARTICLE_FROM <= lit.filed_on <= ARTICLE_TO  # noqa: E731
        every = [p.lit for p in plans if p.lit] + lit_only
        base = sum(1 for lit in every if in_year(lit))
        extra = (-base) % 100
        while extra:
            filed = next_workday(D(2024, 1, 2) + dt.timedelta(days=rng.randrange(350)))
            lit = self._litigation_only_case(min(filed, prev_workday(D(2024, 12, 20))), roll=rng.uniform(0.06, 0.16))
            if lit is not None and in_year(lit) and not lit.obligations:
                lit.bulk = True
                lit_only.append(lit)
                extra -= 1
        every = [p.lit for p in plans if p.lit] + lit_only
        total = sum(1 for lit in every if in_year(lit))
        wanted = (total * ARTICLE.preservation_rate).to_integral_value()
        preserved = sum(1 for lit in every if in_year(lit) and lit.preservation)
        toggle = [lit for lit in lit_only if lit.bulk and in_year(lit) and bool(lit.preservation) == (preserved > wanted)]
        for lit in rng.sample(toggle, abs(int(preserved - wanted))):
            lit.preservation = None if lit.preservation else self._preservation(lit.filed_on, lit.claim_amount)
        self.log(f"保全申请率 {wanted} / {total}")

    def _plan_first(self, plan: CasePlan):
        rng = self.rng
        fate = plan.fate
        if plan.story == "li":
            plan.cause = "买卖合同纠纷"
        elif plan.story == "xu":
            plan.cause = "民间借贷纠纷"
        elif fate == "not_enforced":
            plan.cause = rng.choice(ARBITRABLE_CAUSES)
        else:
            plan.cause = self._cause()
        profile = names.CAUSES[plan.cause]
        # the variant of the story, and whose property the simulator knows
        if fate == "completed" and not plan.story:
            roll = rng.random()
            plan.variant = ("forced" if roll < 0.27 else "settled" if roll < 0.42 else "crackdown" if roll < 0.455
                            else "voluntary")
            if plan.variant == "settled":
                plan.settle_share = Decimal(str(round(rng.uniform(0.7, 0.95), 3)))
        elif fate == "terminated_current":
            roll = rng.random()
            plan.variant = "worthless" if roll < 0.2 else "missing" if roll < 0.34 else "plain"
        elif fate in ("open", "suspended"):
            plan.variant = "frozen" if rng.random() < 0.15 else "plain"
        plan.holder = {"forced": "rich", "worthless": "worthless", "frozen": "rich"}.get(
            plan.variant, "")
        if plan.resume:
            plan.holder = "hidden"
        # the ground: a judgment or mediation of this court (most), or another document
        roll = rng.random()
        if fate == "not_enforced":
            source = "document"
        elif plan.story or roll < 0.86:
            source = "litigation"
        elif roll < 0.975 or fate not in ("completed", "open", "terminated"):
            source = "document"
        else:
            source = "administrative"  # 行政非诉执行: never 终本 within its three-month limit
        organization_debtor = rng.random() < profile["org_debtor"]
        if source == "administrative":
            self._plan_administrative(plan)
            return
        plan.livelihood = profile["livelihood"] or (plan.cause == "劳务合同纠纷")
        hardship = plan.livelihood and rng.random() < 0.15
        creditor = self._creditor(plan.cause, hardship=hardship)
        debtor = self._debtor(organization=organization_debtor and not plan.story, holder=plan.holder)
        if debtor is creditor:
            debtor = self._debtor(organization=False)
        plaintiffs, defendants = [creditor], [debtor]
        if plan.cause == "机动车交通事故责任纠纷" and rng.random() < 0.12:
            plaintiffs.append(self._person(surname=creditor.name[0] if creditor.kind == PartyKind.PERSON else None))
        co_debtor = (plan.cause in ("民间借贷纠纷", "金融借款合同纠纷", "追偿权纠纷") and rng.random() < 0.25) or (
            plan.cause == "机动车交通事故责任纠纷" and rng.random() < 0.15)
        if co_debtor and not plan.holder and not plan.story:
            defendants.append(self._person(tags=self._next_tags()))
        if plan.story == "xu":
            debtor = self._person(surname="徐", tags=[])
            defendants = [debtor]
        if plan.story == "li":
            debtor = self._person(surname="李", tags=[])
            while debtor.grid is None:  # a villager of the county whose grid worker knows him
                debtor = self._person(surname="李", tags=[])
            defendants = [debtor]
            plaintiffs = [self._business(suffix="建材有限公司")]
        amount = self._amount(plan.cause)
        if (fate == "completed" and plan.variant == "voluntary" and amount > 250000 and not plan.story
                and plan.filed_on <= rules.add_months(AS_OF, -3) - dt.timedelta(days=12) and rng.random() < 0.5):
            # big debts are the ones that end in 终本 when nothing can be found
            plan.fate, plan.variant = "terminated_current", "plain"
        if plan.variant == "crackdown":
            amount = money(min(3_000_000, amount * Decimal(str(rng.uniform(3, 8)))))  # 三板斧 go after big debts
        if plan.story == "li":
            amount = money(108000)
        elif plan.story == "xu":
            amount = money(312400)
        plan.applicants, plan.respondents = plaintiffs, defendants
        if source == "document":
            plan.document = self._document(plan)
            plan.amount = amount
            if plan.cause in LABOUR_CAUSES:
                plan.livelihood = True
            return
        plan.lit = self._plan_litigation(plan.cause, plaintiffs, defendants, amount, enforced_on=plan.filed_on,
                                         story=plan.story)
        total = sum(a for _d, a in plan.lit.obligations)
        paid = sum((a for _d, a, _n in plan.lit.payments), Decimal("0"))
        if total - paid < Decimal("2000"):
            plan.lit.payments, paid = [], Decimal("0")
        plan.amount = money(total - paid)

    def _document(self, plan: CasePlan) -> str:
        rng = self.rng
        year = plan.filed_on.year - (1 if rng.random() < 0.4 else 0)
        if plan.cause in LABOUR_CAUSES:
            template = names.OTHER_GROUNDS[0][0]
        elif plan.fate == "not_enforced" or plan.cause in ("买卖合同纠纷", "建设工程施工合同纠纷"):
            template = rng.choice([names.OTHER_GROUNDS[1][0], names.OTHER_GROUNDS[2][0]] if plan.fate == "not_enforced"
                                  else [names.OTHER_GROUNDS[1][0], names.OTHER_GROUNDS[3][0]])
        elif plan.cause in ("民间借贷纠纷", "金融借款合同纠纷", "小额借款合同纠纷"):
            template = rng.choice([names.OTHER_GROUNDS[2][0], names.OTHER_GROUNDS[3][0]])
        else:
            template = names.OTHER_GROUNDS[3][0]
        return template.format(year=year, n=rng.randint(8, 460))

    def _plan_administrative(self, plan: CasePlan):
        """行政非诉执行: a public body enforces its decision; three-month time limit."""
        rng = self.rng
        applicant_name = rng.choice(names.ADMINISTRATIVE_APPLICANTS)
        short = {"万年县自然资源局": "自然资", "万年县人力资源和社会保障局": "人社", "万年县市场监督管理局": "市监"}
        plan.cause = "行政处罚"
        plan.non_litigation = True
        plan.applicants = [self.bodies[applicant_name]]
        plan.respondents = [self._debtor(organization=rng.random() < 0.5)]
        plan.amount = money(round(rng.uniform(5000, 150000), -2))
        year = plan.filed_on.year - (1 if rng.random() < 0.5 else 0)
        plan.document = f"{applicant_name}万{short[applicant_name]}罚〔{year}〕{rng.randint(3, 90)}号行政处罚决定书"
        plan.variant = "voluntary" if plan.fate == "completed" else "plain"
        plan.holder = ""

    def _plan_litigation(self, cause, plaintiffs, defendants, amount: Decimal, *, enforced_on: dt.date | None,
                         paid_in_full: bool = False, story: str = "", effective_by: dt.date | None = None) -> LitPlan:
        """A 民初 case whose payment plan falls due before `enforced_on` (or is paid, for cases never enforced)."""
        rng = self.rng
        mediation = rng.random() < 0.55
        instalments = 1 if (not mediation or rng.random() < 0.6) else rng.choice([2, 2, 3, 3, 4, 6])
        if story == "li":
            mediation, instalments = False, 1
        if enforced_on is not None:
            last_due = prev_workday(enforced_on - dt.timedelta(days=max(5, round(rng.expovariate(1 / 35)))))
            if story == "li":
                last_due = D(2024, 3, 20)
            if story == "xu":
                last_due = D(2023, 11, 30)
        else:
            last_due = effective_by
        first_due = rules.add_months(last_due, -(instalments - 1))
        effective_on = first_due - dt.timedelta(days=10 if not mediation else rng.randint(3, 40))
        if story == "li":
            effective_on = D(2024, 3, 10)
        duration = rng.randint(25, 80) if mediation else rng.randint(55, 170)
        filed_on = max(prev_workday(effective_on - dt.timedelta(days=duration)), LIT_EARLIEST)
        effective_on = max(effective_on, filed_on + dt.timedelta(days=10))
        first_due = max(first_due, effective_on)
        total = amount
        dues = sorted(max(rules.add_months(first_due, i), effective_on) for i in range(instalments))
        shares = [money(total / instalments)] * instalments
        shares[-1] = money(total - sum(shares[:-1]))
        obligations = list(zip(dues, shares))
        claim = money(total / Decimal(str(rng.uniform(0.78, 1.0)))) if mediation else money(
            total / Decimal(str(rng.uniform(0.9, 1.0))))
        plan = LitPlan(cause=cause, filed_on=filed_on, plaintiffs=plaintiffs, defendants=defendants,
                       trial_judge=rng.choice(self.trial_judges), claim_amount=claim,
                       outcome_kind=OutcomeKind.MEDIATION if mediation else OutcomeKind.JUDGMENT,
                       effective_on=effective_on, obligations=obligations)
        if rng.random() < 0.73:  # 立案与保全同步: 73% of property disputes applied for preservation
            plan.preservation = self._preservation(filed_on, claim)
        # 执前督促: the trial judge calls before a due date
        if rng.random() < (0.65 if paid_in_full else 0.3):
            due = obligations[-1][0] if paid_in_full else obligations[0][0]
            on = max(prev_workday(due - dt.timedelta(days=rng.randint(3, 12))), effective_on)
            channel = rng.choice([UrgingChannel.PHONE, UrgingChannel.PHONE, UrgingChannel.MOBILE_COURT,
                                  UrgingChannel.SMS])
            plan.urgings.append((on, channel, rng.choice(names.PRE_ENFORCEMENT_URGING_OUTCOMES), due))
        if paid_in_full:
            for due, share in obligations:
                paid_on = due - dt.timedelta(days=rng.choice([0, 1, 2, 3, 5, 7, 10])) if rng.random() < 0.8 else \
                    due + dt.timedelta(days=rng.randint(1, 20))
                plan.payments.append((min(max(paid_on, effective_on), AS_OF), share, "按调解协议/判决履行"))
        elif instalments > 1 and rng.random() < 0.45:
            plan.payments.append((obligations[0][0], obligations[0][1], "履行第一期后未再履行"))
        elif rng.random() < 0.12:
            part = money(total * Decimal(str(rng.uniform(0.1, 0.4))))
            plan.payments.append((obligations[0][0], part, "部分履行"))
        if story:
            plan.urgings, plan.payments = [], []
        return plan

    def _preservation(self, filed_on: dt.date, claim: Decimal) -> dict:
        rng = self.rng
        kind = PreservationKind.PRE_LITIGATION if rng.random() < 0.12 else PreservationKind.LITIGATION
        applied_on = filed_on - dt.timedelta(days=rng.randint(5, 25)) if kind == PreservationKind.PRE_LITIGATION else \
            filed_on + dt.timedelta(days=rng.choice([0, 0, 0, 1, 3, 7, 15]))
        applied_on = min(next_workday(applied_on), AS_OF)  # nothing is dated after 31 December
        amount = money(claim * Decimal(str(rng.choice([1, 1, 1, 0.9, 0.8, 0.6]))))
        ruled_on = min(applied_on + dt.timedelta(days=rng.choice([0, 1, 1, 2])), AS_OF)  # within 48 hours
        security = rng.choice([amount, amount, money(amount * Decimal("0.3")), None])
        return dict(kind=kind, applied_on=applied_on, amount=amount, ruled_on=ruled_on, security_amount=security)

    def _plan_preservation(self, plan: CasePlan):
        """执保: a litigation preservation ruling carried out by freezing the defendant's property; the
        defendant then settles in the litigation and pays (以保促执), so no 执 case follows."""
        rng = self.rng
        plan.fate = "completed"
        plan.cause = rng.choice(["买卖合同纠纷", "民间借贷纠纷", "建设工程施工合同纠纷", "租赁合同纠纷"])
        creditor = self._creditor(plan.cause)
        debtor = self._debtor(organization=rng.random() < 0.4, holder="rich")
        plan.applicants, plan.respondents = [creditor], [debtor]
        plan.holder = "rich"
        claim = self._amount(plan.cause)
        filed = prev_workday(plan.filed_on - dt.timedelta(days=rng.choice([0, 1, 2])))
        lit_filed = max(filed, LIT_EARLIEST)
        mediated_on = next_workday(lit_filed + dt.timedelta(days=rng.randint(20, 60)))
        due = next_workday(mediated_on + dt.timedelta(days=rng.randint(5, 30)))
        lit = LitPlan(cause=plan.cause, filed_on=lit_filed, plaintiffs=[creditor], defendants=[debtor],
                      trial_judge=rng.choice(self.trial_judges), claim_amount=claim)
        lit.preservation = dict(kind=PreservationKind.LITIGATION, applied_on=lit_filed, amount=claim,
                                ruled_on=plan.filed_on, security_amount=claim)
        if due <= AS_OF:
            total = money(claim * Decimal(str(rng.uniform(0.85, 1.0))))
            lit.outcome_kind, lit.effective_on, lit.obligations = OutcomeKind.MEDIATION, mediated_on, [(due, total)]
            lit.payments = [(min(due, AS_OF), total, "保全后主动履行")]
        plan.lit = lit
        plan.amount = claim

    def _plan_litigation_only(self, count: int) -> list[LitPlan]:
        """Judgments and mediations performed without enforcement, withdrawn suits, pending and non-money cases."""
        rng = self.rng
        result = []
        for i in range(count):
            filed = next_workday(D(2023, 3, 1) + dt.timedelta(days=rng.randrange(640)))
            if filed > D(2024, 12, 20):
                filed = prev_workday(D(2024, 12, 20))
            plan = self._litigation_only_case(filed, rng.random())
            if plan is not None:
                result.append(plan)
        for plan in result:
            plan.bulk = True
        # 调解与执行同步: the rice-money case of the report (12.6万 due 1 May, a call on 20 April, paid early)
        grower = self._person(surname="汪")
        miller = self._person(surname="姚")
        yao = LitPlan(cause="买卖合同纠纷", filed_on=D(2024, 2, 19), plaintiffs=[grower], defendants=[miller],
                      trial_judge=self.trial_judges[0], claim_amount=money(126000),
                      outcome_kind=OutcomeKind.MEDIATION, effective_on=D(2024, 3, 6),
                      obligations=[(D(2024, 5, 1), money(126000))])
        yao.urgings = [(D(2024, 4, 20), UrgingChannel.PHONE, "被告表示会按期履行，法院给了企业喘息的机会", D(2024, 5, 1))]
        yao.payments = [(D(2024, 4, 22), money(126000), "接到执前督促电话后提前一周全部履行")]
        result.append(yao)
        return result

    def _litigation_only_case(self, filed: dt.date, roll: float) -> LitPlan | None:
        """One 民初 case never enforced, filed on `filed`: below 0.06 not about money; below 0.16 withdrawn (or, filed
        after 15 October, still pending); else judged or mediated and performed."""
        rng = self.rng
        if roll < 0.06:
            cause = rng.choice(names.NON_PROPERTY_CAUSES)
            plaintiff, defendant = self._person(), self._person()
            plan = LitPlan(cause=cause, filed_on=filed, plaintiffs=[plaintiff], defendants=[defendant],
                           trial_judge=rng.choice(self.trial_judges), claim_amount=Decimal("0"),
                           property_dispute=False)
            effective = next_workday(filed + dt.timedelta(days=rng.randint(30, 90)))
            if effective <= AS_OF:
                plan.outcome_kind = rng.choice([OutcomeKind.WITHDRAWN, OutcomeKind.DISMISSED])
                plan.effective_on = effective
            return plan
        cause = self._cause()
        profile = names.CAUSES[cause]
        creditor = self._creditor(cause)
        debtor = self._debtor(organization=rng.random() < profile["org_debtor"])
        if debtor is creditor:
            debtor = self._person()
        amount = self._amount(cause)
        if roll < 0.16 or filed > D(2024, 10, 15):
            # withdrawn after settling out of court, or still being tried on 31 December
            plan = LitPlan(cause=cause, filed_on=filed, plaintiffs=[creditor], defendants=[debtor],
                           trial_judge=rng.choice(self.trial_judges), claim_amount=amount)
            if rng.random() < 0.73:
                plan.preservation = self._preservation(filed, amount)
            effective = next_workday(filed + dt.timedelta(days=rng.randint(15, 60)))
            if roll < 0.16 and effective <= AS_OF:
                plan.outcome_kind, plan.effective_on = OutcomeKind.WITHDRAWN, effective
            return plan
        mediation_days = rng.randint(25, 170)
        last_due = min(filed + dt.timedelta(days=mediation_days + rng.randint(10, 200)), D(2024, 12, 25))
        plan = self._plan_litigation(cause, [creditor], [debtor], amount, enforced_on=None, paid_in_full=True,
                                     effective_by=last_due)
        if plan.filed_on < LIT_EARLIEST or plan.filed_on > plan.effective_on:
            return None
        return plan

    # ------------------------------------------------------------------ pass 2: litigation
    def _file_litigation(self, plans: list[LitPlan]):
        """File in date order, so numbers follow dates. Source cases of enforcement go through the services;
        the background of cases never enforced (performed, withdrawn, pending) is numbered by the numbering
        service in the same order and inserted in bulk — a third of the build time otherwise."""
        plans = sorted(plans, key=lambda p: p.filed_on)
        bulk = []
        for plan in plans:
            if plan.bulk:
                self._check_litigation_plan(plan)
                sequence, number = allocate_case_number(court=self.court, year=plan.filed_on.year,
                                                        case_type=LitigationType.CIVIL_FIRST)
                plan.case = LitigationCase(
                    court=self.court, case_type=LitigationType.CIVIL_FIRST, cause=plan.cause, filed_on=plan.filed_on,
                    year=plan.filed_on.year, sequence=sequence, number=number, claim_amount=plan.claim_amount,
                    is_property_dispute=plan.property_dispute, trial_judge=plan.trial_judge,
                    preservation_guided=self._guided(plan))
                bulk.append(plan)
                continue
            case = litigation_case_file(
                court=self.court, actor=self.clerk, cause=plan.cause, filed_on=plan.filed_on,
                plaintiffs=plan.plaintiffs, defendants=plan.defendants, claim_amount=plan.claim_amount,
                is_property_dispute=plan.property_dispute,
                preservation_guided=self._guided(plan),
                trial_judge=plan.trial_judge)
            plan.case = case
            if plan.preservation:
                preservation_add(case=case, actor=self.clerk, **plan.preservation)
            if plan.outcome_kind:
                outcome_record(case=case, actor=plan.trial_judge, kind=plan.outcome_kind,
                               effective_on=plan.effective_on,
                               obligations=[{"due_on": d, "amount": a} for d, a in plan.obligations])
            for on, channel, outcome, promised in plan.urgings:
                urging_record(actor=plan.trial_judge, party=plan.defendants[0], channel=channel, occurred_on=on,
                              outcome=outcome, promised_on=promised, litigation_case=case)
            for paid_on, amount, note in plan.payments:
                payment_record(case=case, actor=plan.trial_judge, paid_on=paid_on, amount=amount, note=note)
        self._insert_litigation(bulk)

    def _guided(self, plan: LitPlan) -> bool:
        """立案与保全同步: the filing window explained preservation to the applicant (recorded at filing)."""
        return plan.property_dispute and (plan.preservation is not None or self.rng.random() < 0.6)

    @staticmethod
    def _check_litigation_plan(plan: LitPlan):
        """What the litigation services would refuse, checked before a bulk insert."""
        problems = []
        if not plan.plaintiffs or not plan.defendants or (
                {id(p) for p in plan.plaintiffs} & {id(p) for p in plan.defendants}):
            problems.append("parties")
        if plan.filed_on > AS_OF:
            problems.append("filed in the future")
        if plan.outcome_kind:
            if plan.effective_on < plan.filed_on:
                problems.append("effective before filing")
            if plan.outcome_kind in (OutcomeKind.JUDGMENT, OutcomeKind.MEDIATION) and not plan.obligations:
                problems.append("no payment plan")
            if any(due < plan.effective_on or amount <= 0 for due, amount in plan.obligations):
                problems.append("instalment before effective date")
        if any(paid < plan.filed_on or paid > AS_OF or amount <= 0 for paid, amount, _n in plan.payments):
            problems.append("payment date")
        if plan.preservation and plan.preservation["ruled_on"] < plan.preservation["applied_on"]:
            problems.append("preservation ruled before applied")
        if problems:
            raise ValueError(f"demo litigation plan {plan.cause} {plan.filed_on}: {', '.join(problems)}")

    def _insert_litigation(self, plans: list[LitPlan]):
        LitigationCase.objects.bulk_create([p.case for p in plans], batch_size=500)
        through_p, through_d = LitigationCase.plaintiffs.through, LitigationCase.defendants.through
        through_p.objects.bulk_create([through_p(litigationcase_id=p.case.pk, party_id=x.pk)
                                       for p in plans for x in p.plaintiffs], batch_size=1000)
        through_d.objects.bulk_create([through_d(litigationcase_id=p.case.pk, party_id=x.pk)
                                       for p in plans for x in p.defendants], batch_size=1000)
        Preservation.objects.bulk_create([Preservation(case=p.case, **p.preservation) for p in plans if p.preservation],
                                         batch_size=1000)
        decided = [p for p in plans if p.outcome_kind]
        outcomes = Outcome.objects.bulk_create(
            [Outcome(case=p.case, kind=p.outcome_kind, effective_on=p.effective_on) for p in decided], batch_size=1000)
        Obligation.objects.bulk_create([Obligation(outcome=o, due_on=d, amount=a) for p, o in zip(decided, outcomes)
                                        for d, a in p.obligations], batch_size=1000)
        VoluntaryPayment.objects.bulk_create(
            [VoluntaryPayment(case=p.case, paid_on=d, amount=a, note=n, recorded_by=p.trial_judge)
             for p in plans for d, a, n in p.payments], batch_size=1000)
        Urging.objects.bulk_create(
            [Urging(court=self.court, litigation_case=p.case, party=p.defendants[0], channel=c, occurred_on=on,
                    outcome=text, promised_on=promised, actor=p.trial_judge)
             for p in plans for on, c, text, promised in p.urgings], batch_size=1000)

    # ------------------------------------------------------------------ pass 3: enforcement
    def _run_enforcement(self, plans: list[CasePlan]):
        self.resumptions: list[tuple[dt.date, CasePlan]] = []
        self.filed: list[CasePlan] = []
        ordered = sorted(plans, key=lambda p: (p.filed_on, p.index))
        for plan in ordered:
            if plan.balancing:
                continue
            handler = {EnforcementType.FIRST: self._enforce_first,
                       EnforcementType.PRESERVATION: self._enforce_preservation,
                       EnforcementType.OBJECTION: self._enforce_objection,
                       EnforcementType.REVIEW: self._enforce_review}[plan.case_type]
            handler(plan)
            if plan.case is not None:
                self.filed.append(plan)
        for on, plan in sorted(self.resumptions, key=lambda item: (item[0], item[1].index)):
            self._resume(plan, on)
        self._run_balancing([p for p in ordered if p.balancing])
        self.plans = ordered

    def _run_balancing(self, plans: list[CasePlan]):
        """The year's last 执 filings (they are the last of their type, so their numbers still follow the
        dates): notarised debts and arbitration awards paid in December, for what the year's ledger still lacks
        of the article's 5,295.5万 — each between 2,000 yuan and 3 million."""
        if not plans:
            return
        received = sum(FundEntry.objects.filter(
            court=self.court, direction=FundDirection.IN, occurred_on__gte=ARTICLE_FROM,
            occurred_on__lte=ARTICLE_TO).values_list("amount", flat=True), Decimal("0"))
        gap = ARTICLE.amount_recovered - received
        if not Decimal("2000") * len(plans) <= gap <= Decimal("3000000") * len(plans):
            raise CommandError(f"执行到位金额无法校准：其余案件已到位 {received} 元")
        weights = [self.rng.uniform(0.5, 1.5) for _ in plans]
        shares = [max(money(round(gap * Decimal(str(w / sum(weights))), -2)), Decimal("2000")) for w in weights]
        shares[-1] = money(gap - sum(shares[:-1]))
        for plan, share in zip(plans, shares):
            plan.amount = share
            self._enforce_first(plan)
            self.filed.append(plan)
        self.log(f"年末 {len(plans)} 件执行款 {gap} 元")

    # --- 五推送: the weekly lists of 2024
    def _pushes(self):
        """The weekly pushes since March 2024 (PUSH_START): the grid workers of the debtors' grids receive the
        small-amount and livelihood cases (李某's, with 108,000 yuan outstanding, went to his township), every
        Monday until the case closes. The items are those the weekly run (pushes.classify) writes, with the
        reasons of pushes.rules; they are inserted here in bulk, as the weekly run inserts them, because the run
        reads the cases as they are today and the demo's year is already lived."""
        from pushes import rules as push_rules
        from pushes.choices import Channel, PartyRole, RunStatus
        from pushes.models import REASON_SEPARATOR, PushBatch, PushItem, PushRun
        from pushes.services import issue_missing_links
        from pushes.services import recipient_create, rule_set_for

        rng = self.rng
        scale = 1 if self.article else self.n_cases / ARTICLE.new_cases
        wanted_pushed = max(2, round(ARTICLE.pushed_cases * scale))
        wanted_concluded = max(1, round(ARTICLE.pushed_concluded * scale))
        plans = [p for p in self.plans if p.case_type == EnforcementType.FIRST and p.case is not None
                 and not p.balancing and p.respondents[0].kind == PartyKind.PERSON]
        cases = {c.pk: c for c in EnforcementCase.objects.filter(pk__in=[p.case.pk for p in plans])}
        receipts: dict[int, list] = {}
        for case_id, on, amount in FundEntry.objects.filter(
                case_id__in=list(cases), direction=FundDirection.IN).values_list("case_id", "occurred_on", "amount"):
            receipts.setdefault(case_id, []).append((on, amount))

        def outstanding(case, day):
            return case.amount_claimed - sum((a for on, a in receipts.get(case.pk, []) if on <= day), Decimal("0"))

        def first_monday(plan):
            day = max(plan.filed_on + dt.timedelta(days=7), PUSH_START)
            return day + dt.timedelta(days=(7 - day.weekday()) % 7)

        last_monday = AS_OF - dt.timedelta(days=AS_OF.weekday())
        concluded, pending, story = [], [], None
        for plan in plans:
            case, party = cases[plan.case.pk], plan.respondents[0]
            monday = first_monday(plan)
            if plan.story == "li":
                story = (plan, monday)
                continue
            if party.grid_id is None or monday > last_monday or outstanding(case, monday) <= 0:
                continue
            if not (outstanding(case, monday) <= Decimal("50000") or case.is_livelihood):
                continue
            if case.status == CaseStatus.CLOSED:
                if case.closed_on < monday:
                    continue
                (pending if case.closure_method == ClosureMethod.TERMINATED_CURRENT else concluded).append(plan)
            else:
                pending.append(plan)
        chosen = [story[0]] if story else []
        chosen += rng.sample(concluded, min(len(concluded), wanted_concluded - len(chosen)))
        chosen += rng.sample(pending, min(len(pending), wanted_pushed - len(chosen)))
        rule_set = rule_set_for(court=self.court)
        recipients: dict = {}

        def recipient(channel, party):
            key = (channel, party.grid_id if channel == Channel.GRID else party.township_id)
            if key not in recipients:
                if channel == Channel.GRID:
                    grid = Grid.objects.select_related("township").get(pk=party.grid_id)
                    recipients[key] = recipient_create(
                        court=self.court, channel=channel, name=f"{grid.township.name}{grid.name}网格员", grid=grid,
                        contact=self._any_name(), phone=phone(rng))
                else:
                    township = Township.objects.get(pk=party.township_id)
                    recipients[key] = recipient_create(
                        court=self.court, channel=channel, name=f"{township.name}人民政府", township=township,
                        contact=self._any_name(), phone=phone(rng))
            return recipients[key]

        rows = []  # (monday, recipient, plan, reasons, outstanding)
        for plan in sorted(chosen, key=lambda p: p.case.pk):
            case, party = cases[plan.case.pk], plan.respondents[0]
            channel = Channel.TOWNSHIP if plan.story == "li" else Channel.GRID
            end = case.closed_on if case.status == CaseStatus.CLOSED else AS_OF
            if plan.story == "li":
                end = D(2024, 5, 13)  # the grid worker's lead came in; the case was worked from it
            to = recipient(channel, party)
            facts = push_rules.PartyFacts(grid_id=party.grid_id, township_id=party.township_id,
                                          township_name=to.township.name if to.township_id else "")
            monday = first_monday(plan)
            while monday <= end:
                owed = outstanding(case, monday)
                reasons = push_rules.channel_reasons(
                    push_rules.RecipientFacts(channel=channel, grid_id=to.grid_id, township_id=to.township_id),
                    push_rules.CaseFacts(outstanding=owed, is_livelihood=case.is_livelihood), facts, rule_set)
                if owed <= 0 or not reasons:
                    break
                rows.append((monday, to, case, party, REASON_SEPARATOR.join(reasons), owed))
                monday += dt.timedelta(days=7)
        weeks = sorted({r[0] for r in rows})
        runs = PushRun.objects.bulk_create([
            PushRun(court=self.court, week=push_rules.week_of(monday), rule_set=rule_set, status=RunStatus.COMPLETED,
                    trigger="schedule", steps_total=1, steps_done=1, attempts=1,
                    finished_at=dt.datetime.combine(monday, dt.time(8, 5), tzinfo=SHANGHAI)) for monday in weeks])
        run_of = dict(zip(weeks, runs))
        per_batch = Counter((r[0], r[1].pk) for r in rows)
        batches = PushBatch.objects.bulk_create([
            PushBatch(court=self.court, run=run_of[monday], week=push_rules.week_of(monday), recipient=to,
                      channel=to.channel, item_count=per_batch[(monday, to.pk)])
            for monday, to in dict.fromkeys((r[0], r[1]) for r in rows)])
        batch_of = {(b.week, b.recipient_id): b for b in batches}
        issue_missing_links(PushBatch.objects.filter(pk__in=[b.pk for b in batches]))  # as the weekly run does
        PushItem.objects.bulk_create([
            PushItem(court=self.court, run=run_of[monday], batch=batch_of[(push_rules.week_of(monday), to.pk)],
                     week=push_rules.week_of(monday), recipient=to, channel=to.channel, case=case, party=party,
                     party_role=PartyRole.RESPONDENT, reasons=reasons, amount_outstanding=owed, pushed_on=monday)
            for monday, to, case, party, reasons, owed in rows], batch_size=1000)
        for run in runs:
            mine = [b for b in batches if b.run_id == run.pk]
            run.batch_count, run.item_count = len(mine), sum(b.item_count for b in mine)
        PushRun.objects.bulk_update(runs, ["batch_count", "item_count"])
        self.log(f"每周推送 {len(weeks)} 周，推送案件 {len(chosen)} 件，推送条目 {len(rows)} 条")

    # --- helpers around the services
    def _file(self, plan: CasePlan, *, case_type=EnforcementType.FIRST, source_document="") -> EnforcementCase:
        plan.case = enforcement_case_file(
            court=self.court, actor=self.clerk, applicants=plan.applicants, respondents=plan.respondents,
            amount_claimed=plan.amount, filed_on=plan.filed_on, case_type=case_type,
            source_case=plan.lit.case if plan.lit else None, source_document=source_document or plan.document,
            judge=plan.judge, is_livelihood=plan.livelihood, is_non_litigation=plan.non_litigation)
        return plan.case

    def _event(self, plan, kind, on, note="", party=None):
        return case_record_event(case=plan.case, actor=plan.judge, kind=kind, occurred_on=on, note=note, party=party)

    def _fund(self, plan, amount: Decimal, on: dt.date, note: str, *, pay_out_by: dt.date | None = None):
        """Money in, and paid out to the applicant within 30 days (一案一账号) unless `pay_out_by` is None."""
        amount = money(amount)
        if amount <= 0:
            return None
        case_record_fund(case=plan.case, actor=plan.judge, direction=FundDirection.IN, amount=amount, occurred_on=on,
                         note=note)
        if pay_out_by is not None:
            out_on = min(next_workday(on + dt.timedelta(days=self.rng.choice([1, 2, 3, 5, 7, 10, 14]))), pay_out_by)
            out_on = max(out_on, on)
            case_record_fund(case=plan.case, actor=plan.judge, direction=FundDirection.OUT, amount=amount,
                             occurred_on=out_on, note=f"发放执行款给申请执行人{plan.applicants[0].name}")
            return out_on
        return on

    def _urge(self, plan, on, *, refuse=False, promised_on=None, party=None):
        rng = self.rng
        channel = rng.choice([UrgingChannel.PHONE, UrgingChannel.PHONE, UrgingChannel.SMS, UrgingChannel.MOBILE_COURT,
                              UrgingChannel.DEADLINE_NOTICE, UrgingChannel.VISIT])
        outcome = rng.choice(names.URGING_OUTCOMES["refuse" if refuse else "promise"])
        urging_record(actor=plan.judge, party=party or plan.respondents[0], channel=channel, occurred_on=on,
                      outcome=outcome, promised_on=promised_on if not refuse else None, enforcement_case=plan.case)

    def _sanction(self, plan, party, kind, on, *, approve_lag=None, note="", **extra):
        """Propose, and have the court president approve a few days later where approval is needed."""
        if kind in (SanctionKind.CONSUMPTION_RESTRICTION, SanctionKind.EXIT_RESTRICTION) \
                and party.kind == PartyKind.ORGANIZATION:
            extra.setdefault("bound_persons", [self._legal_representative(party)])  # binds the legal representative
        if kind in (SanctionKind.SUMMONS, SanctionKind.FINE, SanctionKind.DETENTION, SanctionKind.CRIMINAL_REFERRAL) \
                and not Urging.objects.filter(enforcement_case=plan.case, party=party, occurred_on__lte=on).exists():
            self._urge(plan, on, refuse=True, party=party)  # 强制与督促同步: urge before coercion
        sanction = sanction_propose(case=plan.case, party=party, actor=plan.judge, kind=kind, decided_on=on,
                                    note=note, **extra)
        if sanction.status == SanctionStatus.PROPOSED:
            lag = self.rng.choice([0, 0, 1, 1, 2, 3]) if approve_lag is None else approve_lag
            sanction = sanction_approve(sanction=sanction, actor=self.leader,
                                        on=next_workday(on + dt.timedelta(days=lag)))
        return sanction

    def _legal_representative(self, party: Party) -> dict:
        """The legal representative a company's restriction binds, by name and resident ID (one per company)."""
        if party.pk not in self.legal_representatives:
            sex = "M" if self.rng.random() < 0.8 else "F"
            birth = self.mint.birth_date(first_year=1960, last_year=1990)
            self.legal_representatives[party.pk] = {
                "role": BoundRole.LEGAL_REPRESENTATIVE.value,
                "name": party.legal_representative or person_name(self.rng, sex=sex, birth_year=birth.year),
                "id_number": self.mint.resident_id(division=geography.COUNTY_DIVISION, birth=birth, sex=sex),
            }
        return self.legal_representatives[party.pk]

    def _refer(self, plan, party, on: dt.date, *, close_by: dt.date, opened: bool, note: str):
        """移送公安: approved by the president, the referral letter sent, the police decide within 7 days."""
        sanction = self._sanction(plan, party, SanctionKind.CRIMINAL_REFERRAL, on, approve_lag=1, note=note)
        prosecution = Prosecution.objects.get(sanction=sanction)
        sent = max(min(next_workday(sanction.approved_on + DAY), close_by), sanction.approved_on)
        prosecution_send(prosecution=prosecution, actor=plan.judge, police_agency="万年县公安局", sent_on=sent)
        decided = min(next_workday(sent + dt.timedelta(days=self.rng.randint(2, 6))), close_by)
        prosecution_police_decision(
            prosecution=prosecution, actor=plan.judge, decided_on=max(decided, sent),
            decision=PoliceDecision.OPENED if opened else PoliceDecision.DECLINED,
            note="已立案侦查，对被执行人采取刑事强制措施" if opened else "认为不构成犯罪，不予立案")
        return max(decided, sent)

    def _inquire(self, plan, on, scopes=None):
        scopes = scopes or [*TERMINATION_SCOPES, *([InquiryScope.ONLINE_PAYMENT] if self.rng.random() < 0.5 else [])]
        case_request_inquiry(case=plan.case, actor=plan.judge, channel=InquiryChannel.ONLINE,
                             scopes=[str(s) for s in scopes], requested_on=on)
        if not any(p.identity_number in self.fixture for p in plan.respondents):
            return []  # the simulator finds nothing for anyone its file does not name
        return list(plan.case.assets.filter(status=AssetStatus.FOUND, found_on=on).order_by("pk"))

    def _serve(self, plan, on, *, method=None):
        method = method or self.rng.choice(names.SERVICE_METHODS)
        for party in plan.respondents:
            self._event(plan, EventKind.NOTICE_SERVED, on, f"{method}执行通知书，责令被执行人{party.name}履行义务", party)
            self._event(plan, EventKind.REPORT_ORDER_SERVED, on,
                        f"{method}报告财产令，责令被执行人{party.name}于五日内如实报告财产", party)

    def _sanction_nonreport(self, plan, restricted_on: dict, window_end: dt.date):
        """A debtor who ignored the report order is fined (SPC 2016 终本 provisions art. 2(3)), unless he cannot be
        found (then he is searched for) or was fined already. Without the builder's random stream: the rest of the
        court, and the report's figures, stay as they were."""
        missing = set(plan.case.events.filter(kind=EventKind.DEBTOR_NOT_FOUND).values_list("party_id", flat=True))
        fined = set(plan.case.events.filter(kind__in=[EventKind.OBSTRUCTION_SANCTIONED, EventKind.CRIME_REFERRED]
                                            ).values_list("party_id", flat=True))
        for party in plan.respondents:
            if party.pk in missing or party.pk in fined:
                continue
            on = min(restricted_on[party.pk], window_end)
            if not Urging.objects.filter(enforcement_case=plan.case, party=party, occurred_on__lte=on).exists():
                urging_record(actor=plan.judge, party=party, channel=UrgingChannel.PHONE, occurred_on=on,
                              outcome="拒不报告财产，经释明法律后果仍不申报", enforcement_case=plan.case)
            person = party.kind == PartyKind.PERSON
            sanction = sanction_propose(case=plan.case, party=party, actor=plan.judge, kind=SanctionKind.FINE,
                                        decided_on=on, amount=money(2000 if person else 50000),
                                        note="拒不报告财产，予以罚款")
            if sanction.status == SanctionStatus.PROPOSED:
                sanction_approve(sanction=sanction, actor=self.leader, on=next_workday(on))

    def _second_key(self, plan, on: dt.date):
        """民诉法解释 art. 517: the applicant signs his consent to 终本; in every fifth case the collegial panel reviews
        it instead and the president approves (a leader, never the case's judge)."""
        if plan.case.sequence % 5:
            self._event(plan, EventKind.APPLICANT_CONSENT, on, "申请执行人签字确认同意终结本次执行程序",
                        plan.applicants[0])
            return
        self._event(plan, EventKind.COLLEGIAL_REVIEW, on, "合议庭评议：财产调查措施已穷尽，未发现可供执行的财产，同意终结本次执行程序")
        termination_review_approve(case=plan.case, actor=self.leader, approved_on=on)

    def _close(self, plan, method, on, reason):
        plan.case = case_close(case=plan.case, actor=plan.judge, method=method, closed_on=on, reason=reason)

    def _start(self, plan, close_by: dt.date, *, late_ok=True):
        """File, serve the notice and report order (within 3 days, a few late), and query online on day 0–3."""
        self._file(plan)
        rng = self.rng
        # notice and report order within 3 days of filing (rules.NOTICE_DAYS), a few late
        in_time = [plan.filed_on + dt.timedelta(days=d) for d in range(rules.NOTICE_DAYS + 1)
                   if is_workday(plan.filed_on + dt.timedelta(days=d))]
        if rng.random() < 0.05 and late_ok:
            served = next_workday(plan.filed_on + dt.timedelta(days=rng.randint(4, 7)))
        else:
            served = rng.choice(in_time + in_time[1:2]) if in_time else next_workday(plan.filed_on)
        inquired = rng.choice(in_time[:3] + in_time[:1]) if in_time else plan.filed_on
        return min(served, close_by), min(inquired, close_by)

    def _duration_close(self, plan, median_days: float, *, low=3, high=175) -> dt.date:
        """Filing to closure, skewed short; a case filed late in the year closes before 31 December."""
        room = (prev_workday(AS_OF) - plan.filed_on).days
        days = min(max(round(median_days * self.rng.lognormvariate(0, 0.7)), low), high)
        if days > room:
            days = self.rng.randint(min(low, room), room)
        close = next_workday(plan.filed_on + dt.timedelta(days=days))
        return close if close <= AS_OF else prev_workday(AS_OF)

    # --- 执: first enforcement
    def _enforce_first(self, plan: CasePlan):
        if plan.story == "li":
            return self._story_li(plan)
        if plan.story == "xu":
            return self._story_xu(plan)
        {"completed": self._completed, "terminated_current": self._terminated_current,
         "terminated": self._terminated, "withdrawn": self._withdrawn, "not_enforced": self._not_enforced,
         "rejected": self._rejected, "open": self._open, "suspended": self._open}[plan.fate](plan)

    def _completed(self, plan: CasePlan):
        rng = self.rng
        close_on = plan.close_on
        served, inquired = self._start(plan, close_on)
        self._serve(plan, served)
        found = self._inquire(plan, inquired)
        outstanding = plan.amount
        target = plan.amount
        if plan.variant == "settled":
            target = money(plan.amount * plan.settle_share)
        day = max(served, inquired)
        if plan.variant in ("forced", "crackdown") and found:
            outstanding, day = self._execute_assets(plan, found, day, close_on, outstanding)
            target = min(target, plan.amount)
        if plan.variant == "crackdown" and outstanding > 0:
            day, outstanding = self._crackdown(plan, day, close_on, outstanding)
        if plan.variant == "voluntary" and (close_on - day).days > 50 and rng.random() < 0.25:
            # 中止 and 恢复: the days suspended do not count towards the time limit
            start = workday_between(day, close_on, 0.15)
            end = workday_between(day, close_on, 0.4)
            case_suspend(case=plan.case, actor=plan.judge, start_on=start,
                         reason=rng.choice(["申请执行人同意暂缓执行", "被执行人提供担保，申请执行人同意暂缓执行"]))
            case_unsuspend(case=plan.case, actor=plan.judge, end_on=end)
            day = end
        if outstanding > 0:
            paid_so_far = plan.amount - outstanding
            remaining = max(target - paid_so_far, Decimal("0"))
            if remaining > 0:
                self._pay_voluntarily(plan, day, close_on, remaining, settled=plan.variant == "settled")
        reason = {"settled": "双方达成执行和解协议，被执行人已按和解协议履行完毕，申请执行人放弃其余请求",
                  "forced": "通过扣划存款、拍卖财产等强制措施，执行标的已全部执行到位",
                  "crackdown": "经司法惩戒，被执行人已全部履行"}.get(plan.variant, "被执行人已全部履行生效法律文书确定的义务")
        self._extend_if_needed(plan, close_on)
        self._close(plan, ClosureMethod.COMPLETED, close_on, reason)

    def _pay_voluntarily(self, plan, start: dt.date, close_on: dt.date, amount: Decimal, *, settled=False):
        rng = self.rng
        instalments = 1 if (rng.random() < 0.65 or (close_on - start).days < 20 or amount < 20000) else \
            rng.choice([2, 2, 3, 4])
        first_frac = rng.uniform(0.05, 0.35)
        urge_on = workday_between(start, close_on, first_frac * 0.6)
        promised = max(workday_between(start, close_on, first_frac), urge_on)
        self._urge(plan, urge_on, promised_on=promised)
        if settled or instalments > 1:
            self._event(plan, EventKind.NOTE, urge_on,
                        f"双方达成执行和解协议：被执行人分{instalments}期履行{amount}元" if instalments > 1 else
                        f"双方达成执行和解协议：被执行人一次性支付{amount}元，申请执行人放弃其余部分")
        shares = [money(amount / instalments)] * instalments
        shares[-1] = money(amount - sum(shares[:-1]))
        fractions = sorted(rng.uniform(first_frac, 0.92) for _ in range(instalments))
        fractions[0] = first_frac
        for i, (share, frac) in enumerate(zip(shares, fractions), 1):
            on = workday_between(start, close_on, frac)
            note = "被执行人交付执行款" if instalments == 1 else f"被执行人交付执行款（和解协议第{i}期）"
            self._fund(plan, share, on, note, pay_out_by=close_on)

    def _execute_assets(self, plan, found: list[Asset], day: dt.date, close_on: dt.date, outstanding: Decimal):
        """Freeze what the inquiry found; deduct deposits, auction a vehicle or a home if time allows."""
        rng = self.rng
        freeze_on = min(next_workday(day + dt.timedelta(days=rng.choice([0, 1, 1, 2]))), close_on)
        for asset in found:
            verb = {"deposit": "冻结", "online_payment": "冻结", "vehicle": "查封", "real_estate": "查封"}.get(asset.kind, "冻结")
            asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.FROZEN, on=freeze_on,
                             note=f"网络{verb}，冻结/查封期限届满前续行")
        day = freeze_on
        for asset in [a for a in found if a.kind in ("deposit", "online_payment")]:
            if outstanding <= 0:
                break
            take = min(money(asset.value or 0), outstanding)
            if take <= 0:
                continue
            on = min(next_workday(day + dt.timedelta(days=rng.randint(2, 12))), close_on)
            self._fund(plan, take, on, f"扣划被执行人在{asset.institution}的存款", pay_out_by=close_on)
            asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.DISPOSED, on=on, note="已扣划")
            outstanding -= take
            day = on
        for asset in [a for a in found if a.kind in ("vehicle", "real_estate", "securities")]:
            if outstanding <= 0:
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.RELEASED, on=close_on,
                                 note="执行款已全部到位，解除查封")
                continue
            announce = 30 if asset.kind == "real_estate" else 15
            appraise_on = next_workday(day + dt.timedelta(days=rng.randint(10, 25)))
            sale_on = next_workday(appraise_on + dt.timedelta(days=announce + rng.randint(8, 20)))
            if sale_on >= close_on or asset.value is None:
                # no time to auction before the debtor gives in: he pays to lift the seizure
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.RELEASED, on=close_on,
                                 note="被执行人履行完毕后解除查封")
                continue
            valuation = money(asset.value)
            self._event(plan, EventKind.NOTE, appraise_on,
                        f"委托评估{asset.description}，评估价{valuation}元；于人民法院诉讼资产网发布网络司法拍卖公告"
                        f"（公告期{announce}日，起拍价{money(valuation * Decimal('0.7'))}元）")
            price = money(valuation * Decimal(str(rng.uniform(0.7, 1.08))))
            take = min(price, outstanding)
            self._fund(plan, take, sale_on, f"网络司法拍卖{asset.get_kind_display()}成交，成交价{price}元"
                       + ("，余款退还被执行人" if price > take else ""), pay_out_by=close_on)
            asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.DISPOSED, on=sale_on, note="拍卖成交")
            outstanding -= take
            day = sale_on
        for asset in plan.case.assets.filter(status=AssetStatus.FROZEN):
            if outstanding <= 0 or asset.kind in ("deposit", "online_payment"):
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.RELEASED, on=close_on,
                                 note="解除冻结")
        return outstanding, day

    def _crackdown(self, plan, day: dt.date, close_on: dt.date, outstanding: Decimal) -> tuple[dt.date, Decimal]:
        """三板斧 after urging failed: summons, then detention or a criminal referral (or, where the police
        decline, the applicant's private prosecution settled and paid). Returns the day and what is still owed."""
        rng = self.rng
        party = plan.respondents[0]
        urged = workday_between(day, close_on, 0.08)
        self._urge(plan, urged, refuse=True, party=party)
        on = workday_between(day, close_on, 0.15)
        self._sanction(plan, party, SanctionKind.CONSUMPTION_RESTRICTION, on, note="未按执行通知履行义务")
        on2 = workday_between(day, close_on, 0.3)
        if party.kind == PartyKind.ORGANIZATION:
            self._sanction(plan, party, SanctionKind.FINE, on2, approve_lag=0, amount=money(50000),
                           note="拒不报告财产，对被执行单位罚款")
            return on2, outstanding
        summoned = workday_between(on, on2, 0.3)
        self._sanction(plan, party, SanctionKind.SUMMONS, on2, approve_lag=0, lawful_summons_on=summoned,
                       summons_refused_on=workday_between(summoned, on2, 0.5),
                       note="经依法传唤，无正当理由拒不到场（拘传名册）")
        mode = plan.crackdown_mode or "detention"
        if mode == "detention":
            self._sanction(plan, party, SanctionKind.DETENTION, on2, approve_lag=0, start_on=on2,
                           end_on=on2 + dt.timedelta(days=rng.choice([4, 6, 9, 14])),
                           note="有履行能力而拒不履行，决定司法拘留十五日以下，已于24小时内通知其家属")
            return on2, outstanding
        # of the referrals about half are opened by the police; the others become private prosecutions
        decided = self._refer(plan, party, on2, close_by=close_on, opened=mode == "referral_opened",
                              note="有能力履行而拒不履行，涉嫌拒不执行判决、裁定罪")
        if mode == "referral_opened":
            return decided, outstanding
        # the police declined: the applicant prosecutes privately (自诉); the parties settle and the debtor pays
        filed = workday_between(decided, close_on, 0.2)
        private = self._sanction(plan, party, SanctionKind.PRIVATE_PROSECUTION, filed,
                                 note="公安机关不予立案，申请执行人提起自诉")
        prosecution = Prosecution.objects.get(sanction=private)
        settled = workday_between(filed, close_on, 0.3)
        prosecution_settle(prosecution=prosecution, actor=plan.judge, settled_on=settled,
                           terms="被执行人一次性履行全部执行款，申请执行人撤回自诉")
        paid = workday_between(settled, close_on, 0.3)
        prosecution_payment(prosecution=prosecution, actor=plan.judge, amount=outstanding, paid_on=paid,
                            note="自诉案件中达成和解，被执行人履行全部执行款", performed=True)
        case_record_fund(case=plan.case, actor=plan.judge, direction=FundDirection.OUT, amount=outstanding,
                         occurred_on=min(next_workday(paid + dt.timedelta(days=2)), close_on),
                         note=f"发放执行款给申请执行人{plan.applicants[0].name}")
        return paid, Decimal("0")

    def _extend_if_needed(self, plan, close_on: dt.date):
        """Past the time limit the leader extends it, applied for in the last five days (rules.extension_errors)."""
        if close_on <= rules.enforcement_deadline(plan.filed_on, non_litigation=plan.non_litigation):
            return
        case = EnforcementCase.objects.get(pk=plan.case.pk)
        if close_on <= case.deadline_on or case.deadline_on > AS_OF:
            return
        applied = prev_workday(case.deadline_on)
        if applied < case.deadline_on - dt.timedelta(days=rules.EXTENSION_WINDOW_DAYS):
            applied = case.deadline_on
        reason = self.rng.choice(["案件涉及财产评估、拍卖，无法在法定期限内执结",
                                  "被执行人正在分期履行，需延长期限督促履行完毕",
                                  "财产线索尚在核查，需延长执行期限"])
        case_extend_deadline(case=case, actor=self.leader, months=3, applied_on=applied, reason=reason)

    def _terminated_current(self, plan: CasePlan):
        """终本, through the real gate: every precondition of the SPC 2016 provisions is met first."""
        rng = self.rng
        close_on = plan.close_on
        served, inquired = self._start(plan, close_on, late_ok=False)
        day = plan.filed_on
        if plan.variant == "missing":
            failed = next_workday(plan.filed_on + dt.timedelta(days=rng.randint(1, 3)))
            debtor = plan.respondents[0]
            self._event(plan, EventKind.SERVICE_FAILED, failed, "邮寄送达被退回，被执行人不在住所地", debtor)
            missing = next_workday(failed + dt.timedelta(days=rng.randint(2, 6)))
            self._event(plan, EventKind.DEBTOR_NOT_FOUND, missing, "经走访村（居）委会及网格员，未能找到被执行人", debtor)
            served = next_workday(missing + dt.timedelta(days=rng.randint(1, 4)))
            self._serve(plan, served, method="公告送达")
            searched = next_workday(served + dt.timedelta(days=rng.randint(5, 30)))
            self._event(plan, EventKind.DEBTOR_SEARCHED, searched, "纳入公安查找名册，商请公安机关协助查找，未发现其下落", debtor)
            day = searched
        else:
            self._serve(plan, served)
        found = self._inquire(plan, inquired)
        day = max(day, served, inquired)
        reported = plan.variant != "missing" and rng.random() < 0.5
        if reported:
            on = next_workday(served + dt.timedelta(days=rng.randint(1, 5)))
            for party in plan.respondents:
                self._event(plan, EventKind.PROPERTY_REPORTED, on, "被执行人申报：名下无房产、车辆，无固定收入", party)
                # what he reported is checked against the online inquiry (SPC 2016 终本 provisions art. 2(2))
                self._event(plan, EventKind.REPORT_VERIFIED, next_workday(max(on, inquired) + dt.timedelta(days=2)),
                            "经网络查控核对，被执行人申报情况属实", party)
        # the little the simulator found is taken, or has no value to dispose of
        for asset in found:
            on = next_workday(inquired + dt.timedelta(days=rng.randint(2, 10)))
            if asset.kind in ("deposit", "online_payment") and asset.value and asset.value >= Decimal("1"):
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.FROZEN, on=on, note="网络冻结")
                self._fund(plan, asset.value, on, f"扣划被执行人在{asset.institution}的存款余额", pay_out_by=close_on)
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.DISPOSED, on=on, note="已扣划")
            else:
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.UNAVAILABLE,
                                 on=on, note="经实地查找未能控制，申请执行人确认无处置价值")
        # consumption restriction for every respondent; the dishonest list where the report order was breached
        window_end = close_on - dt.timedelta(days=10)
        restricted_on = {}
        for party in plan.respondents:
            on = workday_between(max(day, served + dt.timedelta(days=6)), window_end, rng.uniform(0, 0.25))
            restricted_on[party.pk] = on
            self._sanction(plan, party, SanctionKind.CONSUMPTION_RESTRICTION, on, note="未按执行通知书履行义务")
            if not reported or rng.random() < 0.15:
                on2 = workday_between(on, window_end, rng.uniform(0, 0.2))
                self._sanction(plan, party, SanctionKind.DISHONEST_LIST, on2,
                               note="违反财产报告制度" if not reported else "有履行能力而拒不履行",
                               dishonest_ground=DishonestGround.ABLE_BUT_REFUSING if reported
                               else DishonestGround.REPORT_BREACH)
        for _ in range(rng.choice([0, 1, 1, 2])):
            self._urge(plan, workday_between(served, window_end, rng.uniform(0.05, 0.6)), refuse=True)
        if rng.random() < 0.15:
            share = money(plan.amount * Decimal(str(rng.uniform(0.03, 0.2))))
            on = workday_between(served, window_end, rng.uniform(0.2, 0.7))
            self._fund(plan, share, on, "被执行人部分履行", pay_out_by=close_on)
        if rng.random() < 0.28:
            lead_on = workday_between(served, window_end, rng.uniform(0.3, 0.7))
            where = rng.choice(["在外省工地务工", "经营一家小吃店", "名下有一辆货车挂靠在他人名下", "在本县某企业上班"])
            self._event(plan, EventKind.LEAD_RECEIVED, lead_on, f"申请执行人提供线索：被执行人{where}")
            check_on = min(next_workday(lead_on + dt.timedelta(days=rng.randint(1, 6))), window_end,
                           _lead_check_by(lead_on))
            self._event(plan, EventKind.FIELD_INVESTIGATION, check_on, "前往线索所在地实地调查，未发现可供执行的财产")
            self._event(plan, EventKind.LEAD_CHECKED, check_on, "线索经核查，无可供执行的财产")
        if rng.random() < 0.04 and plan.respondents[0].kind == PartyKind.PERSON:
            party = plan.respondents[0]
            on = workday_between(served, window_end, rng.uniform(0.3, 0.6))
            self._event(plan, EventKind.OBSTRUCTION, on, "被执行人拒不到庭接受调查询问", party)
            self._sanction(plan, party, SanctionKind.FINE, on, approve_lag=0,
                           amount=money(rng.choice([2000, 5000, 10000])), note="拒不接受调查询问，予以罚款")
        if not reported:
            self._sanction_nonreport(plan, restricted_on, window_end)
        if not plan.holder and rng.random() < 0.45:
            self._inquire(plan, workday_between(window_end - dt.timedelta(days=15), window_end, 0.5),
                          scopes=TERMINATION_SCOPES)
        heard = max(prev_workday(close_on - dt.timedelta(days=rng.randint(1, 8))), served)
        note = rng.choice(["约谈申请执行人，告知财产调查结果及终结本次执行程序的依据，申请执行人无异议",
                           "电话告知申请执行人查控结果，申请执行人同意终结本次执行程序，将继续提供财产线索",
                           "申请执行人到庭，经告知后对终结本次执行程序无异议"])
        self._event(plan, EventKind.APPLICANT_HEARD, heard, note, plan.applicants[0])
        self._second_key(plan, heard)
        listed = "、纳入失信被执行人名单" if not reported else ""
        self._close(plan, ClosureMethod.TERMINATED_CURRENT, close_on,
                    f"经网络查控、实地调查，未发现被执行人有可供执行的财产；已对被执行人限制消费{listed}；"
                    "申请执行人已知悉并同意，本次执行程序终结。发现财产后可申请恢复执行。")
        # after 终本 the court re-queries every six months (rules.reinquiry_dates)
        if not plan.holder:
            for on in rules.reinquiry_dates(close_on):
                if on > AS_OF:
                    break
                self._inquire(plan, next_workday(on) if next_workday(on) <= AS_OF else on, scopes=TERMINATION_SCOPES)
        if plan.resume:
            lead_on = next_workday(close_on + dt.timedelta(days=rng.randint(15, 40)))
            if lead_on <= rules.add_months(AS_OF, -1):
                self.resumptions.append((lead_on, plan))

    def _resume(self, plan: CasePlan, lead_on: dt.date):
        """The applicant finds property; the 终本 case is resumed as a 执恢 case linked to it."""
        rng = self.rng
        entries = self.fixture.get(plan.respondents[0].identity_number, [])
        what = "、".join(str(InquiryScope(e["kind"]).label) for e in entries) or "财产"
        self._event(plan, EventKind.LEAD_RECEIVED, lead_on, f"申请执行人提供线索：被执行人名下有{what}")
        checked = next_workday(lead_on + dt.timedelta(days=rng.randint(1, 5)))
        self._event(plan, EventKind.LEAD_CHECKED, checked, "线索经核查属实，符合恢复执行条件")
        filed = next_workday(checked + dt.timedelta(days=rng.randint(1, 5)))
        new = case_resume(case=plan.case, actor=self.clerk, filed_on=filed)
        resumed = CasePlan(index=plan.index, case_type=EnforcementType.RESUMED, filed_on=filed, fate="",
                           judge=plan.judge, applicants=plan.applicants, respondents=plan.respondents,
                           amount=new.amount_claimed)
        resumed.case = new
        self._serve(resumed, next_workday(filed + DAY))
        found = self._inquire(resumed, next_workday(filed + DAY), scopes=ALL_SCOPES)
        outstanding = new.amount_claimed
        day = next_workday(filed + DAY)
        paid_out = day
        for asset in found:
            on = next_workday(day + dt.timedelta(days=rng.randint(1, 4)))
            asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.FROZEN, on=on, note="冻结")
            deductible = asset.kind in ("insurance", "housing_fund", "deposit") and outstanding > 0
            if deductible and not plan.resume_closes and money(asset.value or 0) >= outstanding:
                # still under way on 31 December: frozen, the insurer / fund centre not yet paid over
                self._event(resumed, EventKind.NOTE, on, f"已冻结{asset.description}，待协助扣划")
            elif deductible:
                take = min(money(asset.value or 0), outstanding)
                how = {"insurance": "协助扣划保险合同现金价值", "housing_fund": "协助提取住房公积金"}.get(asset.kind, "扣划存款")
                pay_day = next_workday(on + dt.timedelta(days=rng.randint(5, 20)))
                if pay_day > AS_OF:
                    continue
                paid_out = self._fund(resumed, take, pay_day, how, pay_out_by=AS_OF)
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.DISPOSED, on=pay_day, note="已扣划")
                outstanding -= take
                day = pay_day
            elif asset.kind == "equity":
                self._event(resumed, EventKind.NOTE, on, "冻结被执行人持有的股权，拟委托评估后网络司法拍卖")
        if outstanding > 0 and plan.resume_closes:
            # the debtor, his hidden property found, pays what is left
            on = min(next_workday(max(day, filed) + dt.timedelta(days=rng.randint(5, 20))), prev_workday(AS_OF))
            self._urge(resumed, on, promised_on=on)
            paid_out = self._fund(resumed, outstanding, on, "被执行人主动履行剩余执行款", pay_out_by=AS_OF)
            outstanding = Decimal("0")
        if outstanding <= 0:
            self._close(resumed, ClosureMethod.COMPLETED, min(next_workday(paid_out + DAY), AS_OF),
                        "恢复执行后执行标的已全部到位")
            resumed.fate = "completed"
        else:
            resumed.fate = "open"

    def _terminated(self, plan: CasePlan):
        rng = self.rng
        close_on = plan.close_on
        served, inquired = self._start(plan, close_on)
        self._serve(plan, served)
        self._inquire(plan, inquired)
        debtor = plan.respondents[0]
        roll = rng.random()
        if debtor.kind == PartyKind.ORGANIZATION and roll < 0.4:
            reason = "被执行人企业法人已被人民法院裁定宣告破产，依法终结执行"
            self._event(plan, EventKind.NOTE, workday_between(served, close_on, 0.5), "被执行人进入破产程序，债权已向管理人申报")
        elif debtor.kind == PartyKind.PERSON and roll < 0.2:
            reason = "被执行人死亡，无遗产可供执行，又无义务承担人，依法终结执行"
            self._event(plan, EventKind.NOTE, workday_between(served, close_on, 0.4),
                        f"经查，被执行人{debtor.name}已死亡（户籍注销证明），无遗产可供执行", debtor)
        else:
            reason = "申请执行人撤回执行申请，依法终结执行"
            if rng.random() < 0.5:
                share = money(plan.amount * Decimal(str(rng.uniform(0.3, 0.8))))
                self._fund(plan, share, workday_between(served, close_on, 0.6), "双方庭外和解，被执行人支付和解款",
                           pay_out_by=close_on)
                reason = "双方达成和解，申请执行人撤回执行申请，依法终结执行"
        self._close(plan, ClosureMethod.TERMINATED, close_on, reason)

    def _withdrawn(self, plan: CasePlan):
        rng = self.rng
        close_on = plan.close_on
        self._file(plan)
        reason = rng.choice([
            f"被执行人提出管辖异议成立，本案移送{rng.choice(OTHER_COURTS)}执行，作销案处理",
            f"经查，{rng.choice(OTHER_COURTS)}已就同一执行依据先行立案执行，本案作销案处理",
            "本案系重复立案，作销案处理",
        ])
        if rng.random() < 0.5:
            self._event(plan, EventKind.CONTACT, workday_between(plan.filed_on, close_on, 0.3), "电话联系申请执行人，核实立案情况")
        self._close(plan, ClosureMethod.WITHDRAWN, close_on, reason)

    def _not_enforced(self, plan: CasePlan):
        close_on = plan.close_on
        served, inquired = self._start(plan, close_on)
        self._serve(plan, served)
        self._inquire(plan, inquired)
        what = "仲裁裁决" if "仲裁" in plan.document else "公证债权文书"
        applied = workday_between(served, close_on, 0.2)
        self._event(plan, EventKind.NOTE, applied, f"被执行人申请不予执行{what}，提交证据材料", plan.respondents[0])
        self._event(plan, EventKind.NOTE, workday_between(applied, close_on, 0.5), "组成合议庭进行听证审查")
        reason = ("经审查，仲裁裁决所根据的证据系伪造，裁定不予执行" if what == "仲裁裁决" else
                  "经审查，公证债权文书确有错误，被执行人提出的不予执行申请成立，裁定不予执行")
        self._close(plan, ClosureMethod.NOT_ENFORCED, close_on, reason)

    def _rejected(self, plan: CasePlan):
        rng = self.rng
        close_on = plan.close_on
        self._file(plan)
        if rng.random() < 0.6:
            self._event(plan, EventKind.CONTACT, workday_between(plan.filed_on, close_on, 0.3), "通知申请执行人补充材料")
        reason = rng.choice(["执行依据未确定明确的给付内容，不具有可执行性，裁定驳回执行申请",
                             "申请执行人主体不适格，裁定驳回执行申请",
                             "申请执行时已超过法定申请执行期间，被执行人提出异议成立，裁定驳回执行申请"])
        self._close(plan, ClosureMethod.REJECTED, close_on, reason)

    def _open(self, plan: CasePlan):
        """Still under way on 31 December: notices, inquiries, urging, measures, part payments; some suspended
        (then everything else happened before the suspension)."""
        rng = self.rng
        served, inquired = self._start(plan, AS_OF)
        self._serve(plan, served)
        found = self._inquire(plan, inquired)
        day = max(served, inquired)
        horizon = AS_OF
        if plan.fate == "suspended":
            deadline = rules.enforcement_deadline(plan.filed_on, non_litigation=plan.non_litigation)
            horizon = max(workday_between(day, min(deadline - dt.timedelta(days=10), AS_OF), rng.uniform(0.2, 0.8)),
                          day)
        if found and plan.variant == "frozen":
            on = min(next_workday(day + DAY), horizon)
            for asset in found:
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.FROZEN, on=on, note="网络冻结/查封")
            deposits = [a for a in found if a.kind == "deposit" and a.value]
            pay_on = next_workday(on + dt.timedelta(days=rng.randint(3, 10)))
            if deposits and rng.random() < 0.6 and pay_on <= horizon:
                take = min(money(deposits[0].value), plan.amount - Decimal("1"))
                self._fund(plan, take, pay_on, f"扣划被执行人在{deposits[0].institution}的存款",
                           pay_out_by=horizon if rng.random() < 0.8 else None)
                asset_set_status(asset=deposits[0], actor=plan.judge, status=AssetStatus.DISPOSED, on=pay_on,
                                 note="已扣划")
        span = (horizon - day).days
        if span > 20 and rng.random() < 0.6:
            self._urge(plan, workday_between(day, horizon, rng.uniform(0.05, 0.3)), refuse=rng.random() < 0.5,
                       promised_on=workday_between(day, horizon, 0.5))
        if span > 15 and rng.random() < 0.45:
            for party in plan.respondents:
                self._sanction(plan, party, SanctionKind.CONSUMPTION_RESTRICTION,
                               workday_between(day, horizon - dt.timedelta(days=4), rng.uniform(0.1, 0.4)),
                               note="未按执行通知书履行义务")
        if span > 30 and rng.random() < 0.35:
            share = money(plan.amount * Decimal(str(rng.uniform(0.05, 0.5))))
            on = workday_between(day, horizon, rng.uniform(0.3, 0.8))
            self._fund(plan, share, on, "被执行人部分履行", pay_out_by=horizon if rng.random() < 0.85 else None)
        if plan.fate == "open":
            self._extend_if_needed(plan, AS_OF)
            return
        organization = plan.respondents[0].kind == PartyKind.ORGANIZATION
        reason = rng.choice(["案外人对执行标的提出确有理由的异议", "申请执行人表示可以延期执行",
                             "据以执行的法律文书进入再审审查",
                             "被执行人进入破产重整程序" if organization else "被执行人患重病住院，暂无法执行"])
        case_suspend(case=plan.case, actor=plan.judge, start_on=horizon, reason=reason)

    # --- the stories of the news report (fictitious names)
    def _story_li(self, plan: CasePlan):
        """五推送: nothing found online on the filing day; a grid worker's lead finds a construction payment."""
        plan.amount = money(108000)
        self._file(plan)
        self._serve(plan, plan.filed_on)
        self._inquire(plan, plan.filed_on)
        debtor = plan.respondents[0]
        self._event(plan, EventKind.LEAD_RECEIVED, D(2024, 5, 13),
                    "综治网格员反馈：被执行人承建的工程尚有工程款未结算，该工程挂靠在县内某建筑公司名下", debtor)
        self._event(plan, EventKind.FIELD_INVESTIGATION, D(2024, 5, 16),
                    "前往发包企业调查，查明被执行人挂靠施工的工程款尚未拨付")
        self._event(plan, EventKind.LEAD_CHECKED, D(2024, 5, 16), "线索属实：工程款由发包企业拨付给被挂靠的建筑公司")
        self._event(plan, EventKind.NOTE, D(2024, 5, 17), "向发包企业送达协助执行通知书，停止支付该笔工程款")
        self._event(plan, EventKind.NOTE, D(2024, 5, 28), "组织发包企业、建筑公司与被执行人三方协商，办理支付手续")
        self._fund(plan, plan.amount, D(2024, 6, 11), "发包企业协助执行，提取工程款支付执行款", pay_out_by=D(2024, 6, 14))
        self._close(plan, ClosureMethod.COMPLETED, D(2024, 6, 14), "经网格推送查明工程款线索，执行标的已全部执行到位")

    def _story_xu(self, plan: CasePlan):
        """三板斧: a debtor under a consumption restriction takes flights and trains abroad; referred, then pays."""
        plan.amount = money(312400)
        self._file(plan)
        debtor = plan.respondents[0]
        self._serve(plan, D(2024, 1, 9), method="直接送达")
        self._inquire(plan, D(2024, 1, 9))
        self._sanction(plan, debtor, SanctionKind.CONSUMPTION_RESTRICTION, D(2024, 1, 22), approve_lag=1,
                       note="未按执行通知书履行义务")
        self._sanction(plan, debtor, SanctionKind.DISHONEST_LIST, D(2024, 1, 22), approve_lag=1,
                       dishonest_ground=DishonestGround.REPORT_BREACH,
                       note="违反财产报告制度")
        self._urge(plan, D(2024, 3, 4), refuse=True)
        evidence_record(case=plan.case, party=debtor, actor=plan.judge, kind=EvidenceKind.SPENDING,
                        occurred_on=D(2024, 6, 3), source="出行大数据分析",
                        description="限制消费期间多次乘坐飞机、高铁，并出境前往泰国、越南及澳门等地")
        self._refer(plan, debtor, D(2024, 6, 12), close_by=D(2024, 6, 25), opened=True,
                    note="有能力履行而拒不履行，违反限制消费令，涉嫌拒不执行判决、裁定罪")
        self._event(plan, EventKind.NOTE, D(2024, 6, 26), "公安机关对被执行人刑事拘留", debtor)
        case_extend_deadline(case=plan.case, actor=self.leader, months=3, applied_on=D(2024, 7, 5),
                             reason="被执行人涉嫌拒执犯罪，案件正在侦查")
        self._fund(plan, plan.amount, D(2024, 7, 19), "被执行人亲属代为交付全部执行款", pay_out_by=D(2024, 7, 26))
        self._close(plan, ClosureMethod.COMPLETED, D(2024, 7, 29), "经追究拒执刑事责任，被执行人已全部履行")

    # --- 执保 / 执异 / 执复
    def _enforce_preservation(self, plan: CasePlan):
        rng = self.rng
        ruling = f"{plan.lit.case.number}民事裁定书"
        self._file(plan, case_type=EnforcementType.PRESERVATION, source_document=ruling)
        found = self._inquire(plan, plan.filed_on, scopes=[InquiryScope.DEPOSIT, InquiryScope.VEHICLE,
                                                            InquiryScope.REAL_ESTATE])
        remaining = plan.amount
        on = next_workday(plan.filed_on + dt.timedelta(days=rng.choice([0, 1, 1, 2])))
        for asset in found:
            if remaining <= 0:
                break
            asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.FROZEN, on=on,
                             note=f"根据{ruling}冻结/查封，期限：存款1年、动产2年、不动产3年")
            remaining -= money(asset.value or 0)
        close_on = next_workday(on + dt.timedelta(days=rng.randint(1, 8)))
        self._close(plan, ClosureMethod.COMPLETED, min(close_on, AS_OF), "财产保全裁定已执行完毕")

    def _enforce_objection(self, plan: CasePlan):
        """执异: an outsider (or the debtor) objects to an enforcement act in an earlier 执 case."""
        rng = self.rng
        targets = [p for p in self.filed if p.case_type == EnforcementType.FIRST and p.filed_on < plan.filed_on]
        if not targets:
            plan.case = None
            return
        target = rng.choice(targets[-60:])
        outsider = rng.random() < 0.65
        objector = self._person(surname=target.respondents[0].name[0] if target.respondents[0].kind == PartyKind.PERSON
                                else None) if outsider else target.respondents[0]
        plan.applicants, plan.respondents = [objector], list(target.applicants)
        plan.amount = money(min(target.amount, max(Decimal("2000"), target.amount * Decimal(str(rng.uniform(0.3, 1))))))
        plan.target = target
        kind = "案外人" if outsider else "被执行人"
        self._file(plan, case_type=EnforcementType.OBJECTION, source_document=f"{target.case.number}执行案件")
        close_on = min(next_workday(plan.filed_on + dt.timedelta(days=rng.randint(8, 15))), AS_OF)
        self._event(plan, EventKind.NOTE, workday_between(plan.filed_on, close_on, 0.2),
                    f"{kind}{objector.name}对{target.case.number}案的执行行为提出书面异议，组成合议庭审查")
        self._event(plan, EventKind.NOTE, workday_between(plan.filed_on, close_on, 0.6), "举行听证，听取双方意见")
        if plan.fate == "rejected":
            self._close(plan, ClosureMethod.REJECTED, close_on, "异议理由不成立，裁定驳回异议")
        else:
            self._close(plan, ClosureMethod.TERMINATED, close_on, "异议人撤回异议申请，裁定准许撤回")

    def _enforce_review(self, plan: CasePlan):
        """执复: review of an objection ruling (rare at a basic court; kept for completeness of types)."""
        rng = self.rng
        targets = [p for p in self.filed if p.case_type == EnforcementType.OBJECTION
                   and p.case.closure_method == ClosureMethod.REJECTED and p.case.closed_on < plan.filed_on]
        if not targets:
            plan.case = None
            return
        target = rng.choice(targets)
        plan.applicants, plan.respondents, plan.amount = target.applicants, target.respondents, target.amount
        self._file(plan, case_type=EnforcementType.REVIEW, source_document=f"{target.case.number}执行裁定书")
        close_on = min(next_workday(plan.filed_on + dt.timedelta(days=rng.randint(15, 30))), AS_OF)
        self._event(plan, EventKind.NOTE, workday_between(plan.filed_on, close_on, 0.3), "对复议申请进行书面审查")
        self._close(plan, ClosureMethod.REJECTED, close_on, "复议理由不成立，裁定驳回复议申请，维持原裁定")
        plan.fate = "rejected"

    # ------------------------------------------------------------------ the second court (tenancy)
    def _poyang(self):
        rng = random.Random(self.seed + 3)
        court = self._court(geography.POYANG["code"], geography.POYANG["name"])
        townships = self._geography(court, geography.POYANG["townships"])
        user = User.objects.filter(username=POYANG_USERNAME).first()
        number = phone(rng)
        if user is not None and self.reset_accounts:
            self._reset_account(user, POYANG_PASSWORD, court, [Role.CLERK, Role.ENFORCEMENT_JUDGE])
        if user is None:
            user = user_create(actor=self.admin, username=POYANG_USERNAME, password=POYANG_PASSWORD, court=court,
                               roles=[Role.CLERK, Role.ENFORCEMENT_JUDGE], full_name="鄱阳法院演示用户",
                               phone=number)
        self.poyang_user = user
        mint = IdentityMint(rng, reserved=self.fixture)

        def person(surname=None):
            birth = mint.birth_date()
            sex = rng.choice("MF")
            township, grids = rng.choice(townships)
            village, grid = rng.choice(grids)
            return party_create(court=court, kind=PartyKind.PERSON, name=person_name(rng, sex=sex,
                                birth_year=birth.year, surname=surname),
                                id_number=mint.resident_id(division=geography.POYANG["division"], birth=birth, sex=sex),
                                phone=phone(rng), address=f"江西省鄱阳县{township.name}{village}",
                                township=township, grid=grid)

        for i in range(8):
            cause = rng.choice(["民间借贷纠纷", "买卖合同纠纷", "机动车交通事故责任纠纷", "劳务合同纠纷"])
            applicant, respondent = person(), person()
            amount = money(round(names.CAUSES[cause]["median"] * rng.lognormvariate(0, 0.6), -2))
            lit_filed = next_workday(D(2023, 10, 9) + dt.timedelta(days=30 * i))
            lit = litigation_case_file(court=court, actor=user, cause=cause, filed_on=lit_filed,
                                       plaintiffs=[applicant], defendants=[respondent], claim_amount=amount,
                                       trial_judge=None)
            effective = next_workday(lit_filed + dt.timedelta(days=45))
            outcome_record(case=lit, actor=user, kind=OutcomeKind.JUDGMENT, effective_on=effective,
                           obligations=[{"due_on": effective + dt.timedelta(days=10), "amount": amount}])
            filed = next_workday(effective + dt.timedelta(days=40))
            case = enforcement_case_file(court=court, actor=user, applicants=[applicant], respondents=[respondent],
                                         amount_claimed=amount, filed_on=filed, source_case=lit, judge=user,
                                         is_livelihood=cause in ("劳务合同纠纷", "机动车交通事故责任纠纷"))
            served = next_workday(filed + DAY)
            for kind in (EventKind.NOTICE_SERVED, EventKind.REPORT_ORDER_SERVED):
                case_record_event(case=case, actor=user, kind=kind, occurred_on=served, party=respondent,
                                  note="直接送达")
            case_request_inquiry(case=case, actor=user, channel=InquiryChannel.ONLINE,
                                 scopes=[str(s) for s in TERMINATION_SCOPES], requested_on=served)
            if i % 3 == 0:
                paid = next_workday(served + dt.timedelta(days=20))
                case_record_fund(case=case, actor=user, direction=FundDirection.IN, amount=amount, occurred_on=paid,
                                 note="被执行人交付执行款")
                case_record_fund(case=case, actor=user, direction=FundDirection.OUT, amount=amount,
                                 occurred_on=next_workday(paid + DAY), note="发放执行款")
                case_close(case=case, actor=user, method=ClosureMethod.COMPLETED, closed_on=next_workday(paid + DAY),
                           reason="被执行人已全部履行")
            elif i % 3 == 1:
                urging_record(actor=user, party=respondent, channel=UrgingChannel.PHONE,
                              occurred_on=next_workday(served + dt.timedelta(days=7)), outcome="被执行人表示近期筹款",
                              enforcement_case=case)

    # ------------------------------------------------------------------ reporting
    def summary_lines(self, court: Court | None = None) -> list[str]:
        court = court or self.court
        return court_summary(court) + (article_lines(court) if self.article else [])


# the article's table: (metric, what the article says, what the leader dashboard must show)
ARTICLE_TABLE = [
    ("new_cases", ARTICLE.new_cases, "1,149"),
    ("concluded", ARTICLE.concluded, "895"),
    ("amount_recovered", ARTICLE.amount_recovered, "5,295.5万"),
    ("preservation_rate", ARTICLE.preservation_rate, "73%"),
    ("first_enforcement_avg_days", ARTICLE.first_enforcement_avg_days, "38.9天"),
    ("enforcement_application_rate", ARTICLE.enforcement_application_rate, "32.68%"),
    ("pushed_cases", ARTICLE.pushed_cases, "74"),
    ("crackdown_recovered", ARTICLE.crackdown_recovered, "626.7万"),
    ("referral_cases", ARTICLE.referrals, "6"),
    ("referral_persons", ARTICLE.referrals, "6"),
]


def article_figures(court: Court) -> dict:
    """The court's 2024 figures, computed by stats.metrics as the leader dashboard computes them."""
    from stats import metrics
    from stats.filters import StatsFilter

    f = StatsFilter(date_from=ARTICLE_FROM, date_to=ARTICLE_TO, courts=(court.pk,))
    return metrics.compute(f, [name for name, _v, _s in ARTICLE_TABLE] + ["pushed_concluded"])


def article_lines(court: Court) -> list[str]:
    from stats.formatting import display_value, part_text

    figures = article_figures(court)
    lines = ["  2024年指标（stats.metrics 计算）："]
    for name, expected, _shown in ARTICLE_TABLE + [("pushed_concluded", None, "")]:
        metric = figures[name]
        text = f"{metric.label} {display_value(metric)}（{part_text(metric)}）"
        if expected is not None and metric.value != expected:
            text += f"  ≠ 文章 {expected}"
        lines.append(f"    {text}")
    return lines


def demo_court() -> Court | None:
    return Court.objects.filter(code=COURT_CODE).first()


def is_seeded() -> bool:
    court = demo_court()
    return bool(court and EnforcementCase.objects.filter(court=court).exists())


def court_summary(court: Court) -> list[str]:
    cases = EnforcementCase.objects.filter(court=court)
    total = cases.count()
    by_type = Counter(cases.values_list("case_type", flat=True))
    by_status = Counter(cases.values_list("status", flat=True))
    by_method = Counter(cases.exclude(closure_method="").values_list("closure_method", flat=True))
    recovered = FundEntry.objects.filter(court=court, direction=FundDirection.IN).aggregate(s=Sum("amount"))["s"]
    paid_out = FundEntry.objects.filter(court=court, direction=FundDirection.OUT).aggregate(s=Sum("amount"))["s"]
    first_closed = cases.filter(case_type=EnforcementType.FIRST, status=CaseStatus.CLOSED)
    days = [(c - f).days for f, c in first_closed.values_list("filed_on", "closed_on")]
    lit = LitigationCase.objects.filter(court=court)
    property_cases = lit.filter(is_property_dispute=True)
    preserved = property_cases.filter(preservations__isnull=False).distinct().count()
    with_obligation = lit.filter(outcome__obligations__isnull=False).distinct()
    enforced = with_obligation.filter(enforcement_cases__case_type=EnforcementType.FIRST).distinct().count()

    def ranked(counter, label):
        return "，".join(f"{label(k)} {n}" for k, n in sorted(counter.items(), key=lambda item: -item[1]))

    lines = [
        f"{court.name}（{court.code}）演示数据",
        f"  执行案件 {total} 件：" + ranked(by_type, str),
        "  状态：" + ranked(by_status, lambda s: CaseStatus(s).label),
        "  结案方式：" + ranked(by_method, lambda m: ClosureMethod(m).label),
        f"  执行到位 {wan(recovered)}万元，已发放 {wan(paid_out)}万元；首执平均用时 "
        f"{(sum(days) / len(days)) if days else 0:.1f} 天（{len(days)} 件）",
        f"  诉讼案件 {lit.count()} 件；涉财产争议 {property_cases.count()} 件，其中申请保全 {preserved} 件"
        f"（{(100 * preserved / property_cases.count()) if property_cases.count() else 0:.0f}%）；"
        f"有给付义务 {with_obligation.count()} 件，申请执行 {enforced} 件"
        f"（{(100 * enforced / with_obligation.count()) if with_obligation.count() else 0:.1f}%）",
        f"  强制措施 {Sanction.objects.filter(court=court).count()} 项，督促记录 {Urging.objects.filter(court=court).count()} 条，"
        f"当事人 {Party.objects.filter(court=court).count()} 人，网格 {Grid.objects.filter(township__court=court).count()} 个",
    ]
    return lines


def logins() -> list[tuple[str, str, str, str, str]]:
    """(username, password, role, name, court) of the demo accounts that exist."""
    rows = []
    wanted = [(ADMIN_USERNAME, ADMIN_PASSWORD), *[(u, COURT_PASSWORD) for u, _n, _r in STAFF],
              (POYANG_USERNAME, POYANG_PASSWORD)]
    users = {u.username: u for u in User.objects.filter(username__in=[w for w, _ in wanted]).select_related("court")
             .prefetch_related("groups")}
    for username, password in wanted:
        user = users.get(username)
        if user is None:
            continue
        roles = [str(Role(g.name).label) for g in user.groups.all() if g.name in Role.values]
        role = "系统管理员（超级用户）" if user.is_superuser else "、".join(sorted(roles))
        rows.append((username, password, role, user.full_name, user.court.name if user.court else "（全部法院）"))
    return rows


# ---------------------------------------------------------------------- reset
def delete_demo_data() -> dict:
    """Remove the demo courts' case data: cases, parties, ledgers, measures, counters (and rows of other apps
    that belong to these courts). Courts, townships, grids and accounts stay; the builder reuses them and
    `--reset` gives the demo accounts their demo passwords back."""
    from django.apps import apps

    courts = list(Court.objects.filter(code__in=[COURT_CODE, geography.POYANG["code"]]))
    if not courts:
        return {}
    deleted = Counter()
    keep = {Court, Township, Grid, User}
    own = [
        Sanction.objects.filter(court__in=courts),
        Todo.objects.filter(court__in=courts),
        Urging.objects.filter(court__in=courts),
        FundEntry.objects.filter(court__in=courts),
        CaseEvent.objects.filter(case__court__in=courts),
        Asset.objects.filter(court__in=courts),
        AssetInquiry.objects.filter(case__court__in=courts),
        Suspension.objects.filter(case__court__in=courts),
        DeadlineExtension.objects.filter(case__court__in=courts),
    ]
    known = keep | {qs.model for qs in own} | {EnforcementCase, LitigationCase, Party, CaseNumberCounter,
                                                Obligation, Outcome, Preservation, VoluntaryPayment}
    # rows of other apps (pushes, jobs …) owned by these courts go first: they may point at cases and parties
    others = []
    for model in apps.get_models():
        if model in known:
            continue
        court_fields = [f.name for f in model._meta.get_fields()
                        if getattr(f, "many_to_one", False) and f.related_model is Court and f.concrete]
        if court_fields:
            others.append(model.objects.filter(**{f"{court_fields[0]}__in": courts}))
    with transaction.atomic():
        # other apps' rows may protect each other: delete in passes until nothing is left or nothing moves; a row
        # protected by a row of its own table (a private prosecution's origin, the referral) would block every pass
        pending = [*others, *own]
        for queryset in pending:
            self_links = {f.name: None for f in queryset.model._meta.concrete_fields
                          if f.many_to_one and f.related_model is queryset.model and f.null}
            if self_links:
                queryset.exclude(**{f"{name}__isnull": True for name in self_links}).update(**self_links)
        while pending:
            blocked = []
            for queryset in pending:
                try:
                    with transaction.atomic():
                        n, _ = queryset.delete()
                    deleted[queryset.model._meta.label] += n
                except (ProtectedError, RestrictedError):
                    blocked.append(queryset)
            if len(blocked) == len(pending):
                raise CommandError("无法删除演示数据：" + "、".join(q.model._meta.label for q in blocked))
            pending = blocked
        EnforcementCase.objects.filter(court__in=courts).update(resumed_from=None)
        Party.objects.filter(court__in=courts).update(employer=None)
        for queryset in [EnforcementCase.objects.filter(court__in=courts),
                         LitigationCase.objects.filter(court__in=courts),
                         Party.objects.filter(court__in=courts),
                         CaseNumberCounter.objects.filter(court__in=courts)]:
            n, _ = queryset.delete()
            deleted[queryset.model._meta.label] += n
    return dict(deleted)
