"""Pass 1, planning: every enforcement case's type, filing day, fate, parties and amount, drawn from the
builder's one seeded random stream."""
import datetime as dt
from collections import Counter
from decimal import Decimal

from cases import rules
from cases.choices import EnforcementType, OutcomeKind, PartyKind, PreservationKind

from . import names
from .constants import (ARBITRABLE_CAUSES, ARTICLE, AS_OF, CLOSED_FATES, D, ENF_END, ENF_START, LABOUR_CAUSES,
                        LIT_EARLIEST, MONTH_WEIGHTS, OPEN_SHARE, money)
from .people import weighted_choice
from .plans import CasePlan, LitPlan
from .workdays import is_workday, next_workday, prev_workday


class PlanningMixin:
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
