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

The lived year's dates lie in 2023–2024 (enforcement filed January–November 2024, nothing after 31 December
2024). The court's 终本 stock of 2023 comes in through the importer, as a court going live brings in its earlier
system's cases (stock_import.py); the cases still open at the end of 2024 are concluded in 2025 (next_year.py) and
this year's 终本清仓 campaign resumes part of the stock (campaign.py); last, the court's work of the six months before
the build day and this week's push run (today.py), dated from the day it is built.

The builder is one class put together from mixins, a module each for what it builds: the courts and staff
(court.py), parties (parties.py), planning and the year's figures (planning.py, calibration.py), litigation
(litigation.py), enforcement (enforcement.py), the coercive measures (measures.py), 终本 and resumption
(termination.py), the weekly pushes (push_weeks.py), the 终本 follow-through (clearance_story.py) and the 2023
stock imported (stock_import.py), 2025's conclusion of the cases open at the end of 2024 (next_year.py), this
year's 终本清仓 campaign (campaign.py), the recent work (today.py);
constants.py holds the court's fixed facts, reporting.py what seed_demo prints and --reset.
"""
import random
import time

from django.db import transaction
from django.test.utils import override_settings

from cases.models import Court, EnforcementCase, Party
from outbox import services as outbox_services
from sanctions.rosters import refresh_rosters
from sanctions.tasks import refresh_case_rosters

from . import clearance_story, geography
from .calibration import CalibrationMixin
from .constants import (ADMIN_PASSWORD, ADMIN_USERNAME, ARTICLE, ARTICLE_FROM, ARTICLE_TO, AS_OF,  # noqa: F401
                        COURT_CODE, COURT_NAME, COURT_PASSWORD, DEFAULT_CASES, DEFAULT_SEED, PARENT_CODE,
                        PARENT_NAME, POYANG_PASSWORD, POYANG_USERNAME, STAFF)
from .campaign import CampaignMixin
from .court import CourtMixin
from .enforcement import EnforcementMixin
from .litigation import LitigationMixin
from .measures import MeasuresMixin
from .next_year import NextYearMixin
from .parties import PartiesMixin
from .people import IdentityMint
from .planning import PlanningMixin
from .push_weeks import PushesMixin
from .stock_import import StockImportMixin
from .reporting import (ARTICLE_TABLE, article_figures, article_lines, court_summary, delete_demo_data,  # noqa: F401
                        demo_court, is_seeded, logins)
from .termination import TerminationMixin
from .today import TodayMixin


class DemoBuilder(CourtMixin, PartiesMixin, PlanningMixin, CalibrationMixin, LitigationMixin,
                  EnforcementMixin, MeasuresMixin, TerminationMixin, PushesMixin, StockImportMixin,
                  NextYearMixin, CampaignMixin, TodayMixin):
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
        # The rosters (三板斧名册) are recomputed once at the end: the per-case refreshes the services queue on the
        # way are withdrawn from the outbox before the build commits.
        with override_settings(DEBUG=False), transaction.atomic():
            queued_from = outbox_services.last_message_id()
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
            self.stock_job = self._import_stock()
            started = time.monotonic()
            self.next_year = self._next_year()
            self.campaign = self._campaign()
            self.log(f"2025年办结与本年终本清仓（{time.monotonic() - started:.1f} 秒）")
            self.today = self._today()
            started = time.monotonic()
            rosters = refresh_rosters(case_ids=list(EnforcementCase.objects.filter(
                court__code__in=[COURT_CODE, geography.POYANG["code"]]).values_list("pk", flat=True)))
            withdrawn = outbox_services.withdraw(refresh_case_rosters, after_id=queued_from)
            self.log(f"三板斧名册 {sum(rosters.values()) if rosters else 0} 项变动，撤回逐案刷新 {withdrawn} 项"
                     f"（{time.monotonic() - started:.1f} 秒）")
        return self

    # ------------------------------------------------------------------ reporting
    def summary_lines(self, court: Court | None = None) -> list[str]:
        court = court or self.court
        return court_summary(court) + (article_lines(court) if self.article else [])
