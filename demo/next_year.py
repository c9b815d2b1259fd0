"""2025, the year after the demo's: the enforcement cases still open (or suspended) on 31 December 2024 concluded
through the services (the second court's few too) — paid in full and closed as 执行完毕, 终本 through the real gate
once every precondition is met, a few settled and withdrawn (终结) — so that a court built on a later day does not
show two hundred cases long past their time limit on its home page. A suspended case resumes first (the reason for
中止 gone), its days suspended pushing its deadline back; one waiting for a bankruptcy reorganisation or a retrial
review stays suspended.

Dated from 2 January 2025 to the end of 2025 or the day before the build day, whichever is earlier; a case closed as
终本 has its first six-monthly re-inquiry due by the build day (the build day's sweep queries the whole stock). A random
stream of its own (seed + 6), drawn after 2024's: nothing of 2024 changes. Built before 2025, it does nothing.
"""
import datetime as dt
import random
from decimal import Decimal

from cases import rules
from cases.choices import AssetStatus, CaseStatus, ClosureMethod, EnforcementType, EventKind, FundDirection
from cases.models import EnforcementCase
from cases.selectors import termination_facts
from cases.services.case_work import asset_set_status, case_record_fund
from cases.services.common import court_today
from cases.services.enforcement import case_unsuspend
from clearance.schedule import due_on
from sanctions.choices import DishonestGround, SanctionKind
from wanian_exec.errors import RuleViolation

from . import geography
from .constants import D, TERMINATION_SCOPES, money
from .plans import CasePlan
from .workdays import prev_workday, workday_between

YEAR_START, YEAR_END = D(2025, 1, 2), D(2025, 12, 31)
# 终本 preconditions the judge can still meet in 2025 (the others: the case is paid off instead)
REMEDIABLE = {"consumption_restriction_missing", "dishonest_list_missing", "nonreport_not_sanctioned",
              "report_not_verified", "inquiry_not_exhausted", "leads_not_checked", "applicant_not_heard",
              "second_key_missing"}
TERMINATED_SHARE = 0.3  # of the first-enforcement cases, those tried for 终本 (the gate may still say no)
LONG_SUSPENSIONS = ("破产重整", "再审审查")
DEDUCTIBLE = ("deposit", "online_payment", "insurance", "housing_fund")


class NextYearMixin:
    def _next_year(self) -> dict:
        today = court_today()
        end = min(YEAR_END, prev_workday(today - dt.timedelta(days=1)))
        if end <= YEAR_START:
            return {}
        self.rng = random.Random(self.seed + 6)
        rng = self.rng
        cases = list(EnforcementCase.objects.filter(court=self.court, filed_on__lte=D(2024, 12, 31))
                     .exclude(status=CaseStatus.CLOSED).select_related("judge")
                     .prefetch_related("applicants", "respondents", "suspensions").order_by("filed_on", "pk"))
        # a bankruptcy reorganisation or a retrial review lasts years: those cases stay suspended (clock stopped)
        waiting = {c.pk for c in cases if c.status == CaseStatus.SUSPENDED and any(
            word in s.reason for s in c.suspensions.all() if s.end_on is None for word in LONG_SUSPENSIONS)}
        if not waiting:  # the court keeps a suspended case to show, the first one suspended
            waiting = {c.pk for c in cases if c.status == CaseStatus.SUSPENDED}
            waiting = set(sorted(waiting)[:1])
        cases = [c for c in cases if c.pk not in waiting]
        done = {"completed": 0, "terminated_current": 0, "terminated": 0}
        for case in cases:
            plan = self._plan_of(case)
            # most are concluded in the first months of the year
            close_on = workday_between(YEAR_START, end, rng.random() ** 1.6)
            day = workday_between(YEAR_START, close_on, rng.uniform(0.1, 0.5))
            if case.status == CaseStatus.SUSPENDED:
                plan.case = case_unsuspend(case=case, actor=plan.judge, end_on=day)
            roll = rng.random()
            outcome = None
            if case.case_type == EnforcementType.FIRST and roll < TERMINATED_SHARE:
                outcome = self._terminate_next_year(plan, day, close_on, today)
            if outcome is None and case.case_type == EnforcementType.FIRST and roll > 0.88:
                self._settle_next_year(plan, day, close_on)
                outcome = ClosureMethod.TERMINATED
            elif outcome is None:
                self._pay_off(plan, day, close_on)
                outcome = ClosureMethod.COMPLETED
            done[str(outcome)] += 1
        # the second court's few open cases (its judge works alone: no 终本 needing the president) are paid off too
        others = EnforcementCase.objects.filter(court__code=geography.POYANG["code"], filed_on__lte=D(2024, 12, 31)
                                                ).exclude(status=CaseStatus.CLOSED)
        for case in others.select_related("judge").prefetch_related("applicants", "respondents").order_by("pk"):
            plan = self._plan_of(case)
            close_on = workday_between(YEAR_START, end, rng.random())
            day = workday_between(YEAR_START, close_on, rng.uniform(0.1, 0.5))
            if case.status == CaseStatus.SUSPENDED:
                plan.case = case_unsuspend(case=case, actor=plan.judge, end_on=day)
            self._pay_off(plan, day, close_on)
        self.log(f"2024年底未结案件 {len(cases)} 件于2025年办结（另 {len(waiting)} 件仍中止）："
                 f"执行完毕 {done['completed']} 件，终本 {done['terminated_current']} 件，终结 {done['terminated']} 件")
        return done

    @staticmethod
    def _plan_of(case: EnforcementCase) -> CasePlan:
        plan = CasePlan(index=case.pk, case_type=case.case_type, filed_on=case.filed_on, fate="",
                        amount=case.amount_claimed, applicants=list(case.applicants.all()),
                        respondents=list(case.respondents.all()), judge=case.judge,
                        non_litigation=case.is_non_litigation)
        plan.case = case
        plan.outstanding, plan.held = case.amount_outstanding, case.amount_recovered - case.amount_paid_out
        return plan

    def _pay_out_held(self, plan, on: dt.date):
        """Money received in 2024 and still held (一案一账号) goes to the applicant."""
        held, plan.held = plan.held, Decimal("0")
        if held > 0:
            case_record_fund(case=plan.case, actor=plan.judge, direction=FundDirection.OUT, amount=money(held),
                             occurred_on=on, note=f"发放执行款给申请执行人{plan.applicants[0].name}")

    def _pay_off(self, plan, day: dt.date, close_on: dt.date):
        """The frozen deposits deducted, the rest paid by the debtor (urged first), the rest of the property released,
        closed as 执行完毕."""
        rng = self.rng
        case = plan.case
        outstanding = plan.outstanding
        pay_on = workday_between(day, close_on, rng.uniform(0.3, 0.9))
        held = list(case.assets.filter(status__in=[AssetStatus.FOUND, AssetStatus.FROZEN]).order_by("pk"))
        for asset in list(held):
            if outstanding > 0 and asset.kind in DEDUCTIBLE and money(asset.value or 0) >= Decimal("1"):
                if asset.status == AssetStatus.FOUND:
                    asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.FROZEN, on=day, note="网络冻结")
                take = min(money(asset.value), outstanding)
                self._fund(plan, take, pay_on, f"扣划被执行人在{asset.institution or '金融机构'}的款项",
                           pay_out_by=close_on)
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.DISPOSED, on=pay_on, note="已扣划")
                held.remove(asset)
                outstanding -= take
        if outstanding > 0:
            self._urge(plan, day, promised_on=pay_on)
            note = rng.choice(["被执行人履行剩余执行款", "被执行人分期履行完毕", "被执行人亲属代为履行剩余执行款",
                               "执行和解后被执行人履行完毕"])
            self._fund(plan, outstanding, pay_on, note, pay_out_by=close_on)
        self._pay_out_held(plan, close_on)
        for asset in held:
            asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.RELEASED, on=close_on,
                             note="执行完毕，解除冻结/查封")
        self._close(plan, ClosureMethod.COMPLETED, close_on, "执行标的已全部执行到位")

    def _settle_next_year(self, plan, day: dt.date, close_on: dt.date):
        """执行和解: the debtor pays part, the applicant withdraws (终结)."""
        share = money(plan.outstanding * Decimal(str(self.rng.uniform(0.4, 0.8))))
        self._fund(plan, share, workday_between(day, close_on, 0.6), "双方达成和解，被执行人支付和解款",
                   pay_out_by=close_on)
        self._pay_out_held(plan, close_on)
        for asset in plan.case.assets.filter(status__in=[AssetStatus.FOUND, AssetStatus.FROZEN]).order_by("pk"):
            asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.RELEASED, on=close_on,
                             note="双方和解，解除冻结/查封")
        self._close(plan, ClosureMethod.TERMINATED, close_on, "双方达成和解，申请执行人撤回执行申请，依法终结执行")

    def _terminate_next_year(self, plan, day: dt.date, close_on: dt.date, today: dt.date) -> str | None:
        """终本 when what is missing is what a judge can still do (a fresh inquiry, the measures, the applicant heard
        and his consent). Returns the closure method; None (nothing written) where property is in hand, or where the
        first re-inquiry would not be due by the build day."""
        case = plan.case
        if due_on(close_on, 1) > today or (close_on - day).days < 20:
            return None
        known = termination_facts(case, closing_on=close_on)
        unmet = set(rules.termination_unmet(known))
        if unmet - REMEDIABLE:
            return None
        rng = self.rng
        facts = {r.party_id: r for r in known.respondents}
        window_end = prev_workday(close_on - dt.timedelta(days=10))
        self._inquire(plan, workday_between(day, window_end, 0.2), scopes=TERMINATION_SCOPES)
        measures_on = workday_between(day, window_end, 0.4)
        fined_ok = {}
        for party in plan.respondents:
            r = facts[party.pk]
            if not r.consumption_restricted:
                self._sanction(plan, party, SanctionKind.CONSUMPTION_RESTRICTION, measures_on,
                               note="未按执行通知书履行义务")
            breached = r.report_order_served and not r.property_reported and not r.is_minor
            if breached and not r.dishonest_listed:
                self._sanction(plan, party, SanctionKind.DISHONEST_LIST, measures_on, note="违反财产报告制度",
                               dishonest_ground=DishonestGround.REPORT_BREACH)
            if r.property_reported and not r.report_verified:
                self._event(plan, EventKind.REPORT_VERIFIED, measures_on, "经网络查控核对，被执行人申报情况属实", party)
            fined_ok[party.pk] = measures_on
        if "nonreport_not_sanctioned" in unmet:
            self._sanction_nonreport(plan, fined_ok, window_end)
        if "leads_not_checked" in unmet:
            self._event(plan, EventKind.FIELD_INVESTIGATION, measures_on, "前往线索所在地实地调查，未发现可供执行的财产")
            self._event(plan, EventKind.LEAD_CHECKED, measures_on, "线索经核查，无可供执行的财产")
        heard = prev_workday(close_on - dt.timedelta(days=rng.randint(1, 8)))
        self._event(plan, EventKind.APPLICANT_HEARD, heard,
                    "约谈申请执行人，告知财产调查结果及终结本次执行程序的依据，申请执行人无异议", plan.applicants[0])
        self._second_key(plan, heard)
        self._pay_out_held(plan, close_on)
        try:
            self._close(plan, ClosureMethod.TERMINATED_CURRENT, close_on,
                        "经网络查控、实地调查，未发现被执行人有可供执行的财产；已对被执行人采取限制消费等措施；"
                        "申请执行人已知悉，本次执行程序终结。发现财产后可申请恢复执行。")
        except RuleViolation:  # the gate still says no: the debtor pays (the steps above stay on the timeline)
            self._pay_off(plan, heard, close_on)
        return plan.case.closure_method
