"""This year's 终本清仓 campaign, under way on the build day: the clearance board opens on the year to date
(stats.filters: 1 January to today), whose stock at the start is the 终本 cases closed by 31 December last year and
not resumed. In the months before the build day the judges work through part of it with the clearance app's own
services — a re-inquiry by hand that finds property (clearance.services.sweep.reinquiry_by_hand), or the applicant
naming new property (applicant_request_record) — and resume the case (clearance_resume); the 执恢 case is then
served, queried, and most of it paid off and closed, some part-paid and still under way, a few just begun. So the
board's figures (resumed, concluded, recovered, remaining) and its weekly burn-down move, and each drills down to
the cases behind it; nothing writes a figure.

Only 2024's and later 终本 cases take part (the imported 2023 stock is the build day's sweep's), none of the 2024
follow-through stories (clearance_story: their triggers wait for the judge). A random stream of its own (seed + 7);
dated from the year's start (at most 20 weeks back) to three days before the build day. Built in 2024 or on 1–3
January, it does nothing.
"""
import datetime as dt
import random
from decimal import Decimal

from cases.choices import AssetStatus, ClosureMethod, EnforcementType
from cases.models import EnforcementCase
from cases.services.case_work import asset_set_status
from cases.services.common import court_today
from clearance.services.sweep import reinquiry_by_hand
from clearance.services.triggers import applicant_request_record, clearance_resume

from .constants import ALL_SCOPES, D, DAY, money
from .plans import CasePlan
from .workdays import next_workday, prev_workday, workday_between

CAMPAIGN_SHARE = 0.025  # stock cases resumed in the campaign, per enforcement case filed in the demo's year
CAMPAIGN_WEEKS = 20
DEDUCTIBLE = ("deposit", "online_payment", "insurance", "housing_fund")
NEW_PROPERTY = ["名下新登记一辆小型货车，停放于其经营的门店", "在县城新开一家建材店，经营收入稳定",
                "继承父母房产一处，已办理不动产登记", "在本县一家企业担任销售主管，按月领取工资",
                "对他人享有到期债权，债务人愿意协助履行"]


class CampaignMixin:
    def _campaign(self) -> dict:
        today = court_today()
        start = D(today.year, 1, 1)  # the board's default period starts here
        first = max(next_workday(start), today - dt.timedelta(weeks=CAMPAIGN_WEEKS))
        last = prev_workday(today - dt.timedelta(days=3))
        if today.year < 2025 or last <= first:
            return {}
        self.rng = random.Random(self.seed + 7)
        rng = self.rng
        stock = [c for c in EnforcementCase.objects.filter(
            court=self.court, closure_method=ClosureMethod.TERMINATED_CURRENT, closed_on__gte=D(2024, 1, 1),
            closed_on__lt=start, resumptions__isnull=True, resume_triggers__isnull=True,
        ).select_related("judge").prefetch_related("applicants", "respondents").order_by("closed_on", "pk")
            if c.amount_outstanding > 0]
        count = min(len(stock), max(3, round(self.n_cases * CAMPAIGN_SHARE)))
        holders = [c for c in stock if any(p.identity_number in self.fixture for p in c.respondents.all())]
        found = rng.sample(holders, min(len(holders), count // 3))
        others = [c for c in stock if c not in found]
        chosen = found + rng.sample(others, count - len(found))
        # the evidence, then the 执恢 filed a few days later: the filings in date order (their numbers follow)
        dated = []
        for case in chosen:
            noticed = workday_between(first, last, rng.random())
            dated.append((min(next_workday(noticed + dt.timedelta(days=rng.randint(1, 6))), last), noticed, case))
        dated.sort(key=lambda item: (item[0], item[2].pk))
        outcome = {"completed": 0, "part_paid": 0, "begun": 0}
        for i, (filed, noticed, case) in enumerate(dated):
            self._campaign_evidence(case, noticed, property_found=case in found)
            resumed = clearance_resume(case=case, actor=case.judge, filed_on=filed)
            # the first ones resumed are the furthest along
            kind = "completed" if i < 3 else rng.choices(["completed", "part_paid", "begun"], [0.55, 0.3, 0.15])[0]
            self._campaign_work(case, resumed, filed, prev_workday(today - DAY), kind)
            outcome[kind] += 1
        self.log(f"终本清仓（{start.year}年）：恢复执行 {count} 件（定期查询查到财产 {len(found)} 件），"
                 f"执结 {outcome['completed']} 件，部分到位 {outcome['part_paid']} 件")
        return outcome

    def _campaign_evidence(self, case: EnforcementCase, on: dt.date, *, property_found: bool):
        """A re-inquiry by hand for a debtor the simulator holds property for; otherwise (or when it finds nothing)
        the applicant names new property."""
        if property_found:
            row = reinquiry_by_hand(case=case, actor=case.judge, today=on)
            if row.assets_found:
                return
        debtor = case.respondents.all()[0]
        applicant_request_record(case=case, actor=case.judge, received_on=on,
                                 content=f"申请执行人提交书面申请：{debtor.name}{self.rng.choice(NEW_PROPERTY)}，请求恢复执行")

    def _campaign_work(self, original: EnforcementCase, case: EnforcementCase, filed: dt.date, until: dt.date,
                       kind: str):
        rng = self.rng
        plan = CasePlan(index=case.pk, case_type=EnforcementType.RESUMED, filed_on=filed, fate="",
                        amount=case.amount_claimed, applicants=list(original.applicants.all()),
                        respondents=list(original.respondents.all()), judge=case.judge)
        plan.case = case
        served = min(next_workday(filed + DAY), until)
        self._serve(plan, served)
        self._inquire(plan, served, scopes=ALL_SCOPES)
        if kind == "begun" or until <= served:
            return
        outstanding = case.amount_claimed
        end = max(prev_workday(min(until, filed + dt.timedelta(days=rng.randint(20, 90)))), served)
        pay_on = workday_between(served, end, rng.uniform(0.3, 0.8))
        for asset in case.assets.filter(status__in=[AssetStatus.FOUND, AssetStatus.FROZEN]).order_by("pk"):
            if asset.kind not in DEDUCTIBLE or money(asset.value or 0) < Decimal("1") or outstanding <= 0:
                continue
            if asset.status == AssetStatus.FOUND:
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.FROZEN, on=served, note="网络冻结")
            take = min(money(asset.value), outstanding)
            self._fund(plan, take, pay_on, f"扣划被执行人在{asset.institution or '金融机构'}的款项", pay_out_by=end)
            asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.DISPOSED, on=pay_on, note="已扣划")
            outstanding -= take
        if outstanding > 0:
            self._urge(plan, served, promised_on=pay_on)
            share = outstanding if kind == "completed" else money(outstanding * Decimal(str(rng.uniform(0.2, 0.6))))
            self._fund(plan, share, pay_on, "被执行人履行执行款" if kind == "completed" else "被执行人部分履行",
                       pay_out_by=end)
            outstanding -= share
        if kind == "completed" and outstanding <= 0:
            for asset in case.assets.filter(status__in=[AssetStatus.FOUND, AssetStatus.FROZEN]).order_by("pk"):
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.RELEASED, on=end,
                                 note="执行完毕，解除冻结/查封")
            self._close(plan, ClosureMethod.COMPLETED, end, "终本清仓：恢复执行后执行标的已全部执行到位")
