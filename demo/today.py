"""The demo court at work today: cases filed in the six months before the build day and worked through the services
up to it, this week's push run and this morning's 终本 re-inquiry sweep — so a newcomer sees deadlines in the coming
weeks, promises falling due, measures waiting for the president's approval, this week's lists and a 终本 library
queried on time, not only the lived year 2024.

Dated relative to the day the court is built (the court's today); nothing is dated in 2024, whose figures stay the
news report's. A random stream of its own (seed + 5), drawn after everything else; before the recent filings, a few
cases filed seven to eight months ago are a little past their limit (seed + 8).
"""
import datetime as dt
import random
from decimal import Decimal

from cases.choices import EnforcementType, EventKind
from cases.services.common import court_today
from clearance.services.sweep import reinquiries_job
from pushes.services import push_week_run
from sanctions.choices import SanctionKind
from sanctions.services import sanction_propose

from . import names
from .constants import money
from .plans import CasePlan
from .workdays import is_workday, next_workday, workday_between

TODAY_SHARE = 0.02  # cases filed in the last six months, per enforcement case filed in the demo's year
WEEKS_BACK = 26
LONG_CASES = 3  # filed seven to eight months ago, a house to auction: past the six-month limit by a few weeks


class TodayMixin:
    def _today(self) -> dict:
        today = court_today()
        self._long_cases(today)
        self.rng = random.Random(self.seed + 5)
        rng = self.rng
        count = max(4, round(self.n_cases * TODAY_SHARE))
        days = sorted(self._recent_workday(today) for _ in range(count))
        for i, filed_on in enumerate(days):
            cause = self._cause()
            debtor = self._person(tags=self._next_tags())
            creditor = self._creditor(cause)
            plan = CasePlan(index=1_000_000 + i, case_type=EnforcementType.FIRST, filed_on=filed_on, fate="open",
                            cause=cause, amount=self._amount(cause), applicants=[creditor], respondents=[debtor],
                            judge=rng.choice(self.judges), livelihood=names.CAUSES[cause]["livelihood"])
            plan.document = self._document(plan)
            self._file(plan)
            self._work_until(plan, today)
        run = push_week_run(court=self.court, trigger="schedule")
        sweep = reinquiries_job(court_id=self.court.pk, today=today)  # this morning's 终本 re-inquiries
        self.log(f"近半年新收 {count} 件；本周推送 {run.week}：{run.batch_count} 份名单，{run.item_count} 条；"
                 f"今日终本定期查询 {sweep['performed']} 件，查到财产 {sweep['with_assets']} 件")
        return {"cases": count, "push_run": run.pk, "sweep": sweep}

    def _long_cases(self, today: dt.date) -> None:
        """As at any court, a few cases a little past their time limit (the home page's 已超期未结): filed seven to
        eight months ago, worked like the recent ones, a house seized and sent for valuation before auction. A random
        stream of its own (seed + 8); filed before the recent ones, so the numbers follow the dates."""
        self.rng = rng = random.Random(self.seed + 8)
        days = sorted(next_workday(today - dt.timedelta(days=rng.randint(195, 235))) for _ in range(LONG_CASES))
        for i, filed_on in enumerate(days):
            cause = self._cause()
            plan = CasePlan(index=1_100_000 + i, case_type=EnforcementType.FIRST, filed_on=filed_on, fate="open",
                            cause=cause, amount=self._amount(cause), applicants=[self._creditor(cause)],
                            respondents=[self._person(tags=self._next_tags())], judge=rng.choice(self.judges),
                            livelihood=names.CAUSES[cause]["livelihood"])
            plan.document = self._document(plan)
            self._file(plan)
            self._work_until(plan, today)
            seized = workday_between(filed_on + dt.timedelta(days=45), today - dt.timedelta(days=30), rng.uniform(0, 1))
            self._event(plan, EventKind.NOTE, seized, "查封被执行人名下房产一处，已委托评估，拟网络司法拍卖")
        self.log(f"超期未结 {LONG_CASES} 件（立案七八个月，房产待拍卖）")

    def _recent_workday(self, today: dt.date) -> dt.date:
        while True:
            day = today - dt.timedelta(days=self.rng.randint(1, 7 * WEEKS_BACK))
            if is_workday(day):
                return day

    def _work_until(self, plan: CasePlan, today: dt.date) -> None:
        """What a case filed on plan.filed_on has had done by today: notices and the first online inquiry at once,
        a debtor's promise falling due in the coming weeks, a consumption restriction (the latest ones still waiting
        for the president), a part payment in the older cases."""
        rng = self.rng
        age = (today - plan.filed_on).days
        served = min(next_workday(plan.filed_on + dt.timedelta(days=rng.randint(0, 3))), today)
        self._serve(plan, served)
        self._inquire(plan, min(plan.filed_on + dt.timedelta(days=rng.randint(0, 2)), today))
        if age > 20:
            urged = workday_between(served, today, rng.uniform(0.5, 1))
            self._urge(plan, urged, promised_on=next_workday(today + dt.timedelta(days=rng.randint(3, 21))))
        if age > 40 and rng.random() < 0.6:
            party = plan.respondents[0]
            on = workday_between(served + dt.timedelta(days=6), today - dt.timedelta(days=5), rng.uniform(0, 1))
            if age > 70:
                self._sanction(plan, party, SanctionKind.CONSUMPTION_RESTRICTION, on, note="未按执行通知书履行义务")
            else:  # proposed by the judge; the president's to-do
                sanction_propose(case=plan.case, party=party, actor=plan.judge, decided_on=on,
                                 kind=SanctionKind.CONSUMPTION_RESTRICTION, note="未按执行通知书履行义务")
        if age > 60 and rng.random() < 0.3:
            share = money(plan.amount * Decimal(str(rng.uniform(0.1, 0.4))))
            self._fund(plan, share, workday_between(served, today, rng.uniform(0.3, 0.8)), "被执行人部分履行",
                       pay_out_by=today)
