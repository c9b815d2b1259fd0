"""The demo courts, their townships and grids, the staff, and the second court (鄱阳, 赣1128) that shows
tenancy; the inquiry simulator's holders the builder hands out."""
import datetime as dt
import json
import random
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.management.base import CommandError

from cases.choices import (ClosureMethod, EventKind, FundDirection, InquiryChannel, OutcomeKind, PartyKind, Role,
                           UrgingChannel)
from cases.models import Court, Grid, Township, User
from cases.services.case_work import case_record_event, case_record_fund, case_request_inquiry, urging_record
from cases.services.enforcement import case_close, enforcement_case_file
from cases.services.litigation import litigation_case_file, outcome_record
from cases.services.parties import party_create
from cases.services.users import user_create

from . import geography, names, simulator
from .constants import (ADMIN_PASSWORD, ADMIN_USERNAME, COURT_PASSWORD, D, DAY, PARENT_CODE, PARENT_NAME,
                        POYANG_PASSWORD, POYANG_USERNAME, STAFF, TERMINATION_SCOPES, money)
from .people import IdentityMint, person_name, phone
from .workdays import next_workday


class CourtMixin:
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
