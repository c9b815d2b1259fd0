"""Planning the year's figures: the article's court is planned so that stats.metrics computes the news
report's 2024 figures (amounts, closing days, the application and preservation rates, the crackdown money)."""
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.management.base import CommandError

from cases import rules
from cases.choices import EnforcementType, OutcomeKind, PartyKind

from .constants import (ARTICLE, ARTICLE_FROM, ARTICLE_TO, AS_OF, BALANCING_CASES, BALANCING_RESERVE,
                        COMPLETED_MEDIAN_DAYS, D, DAY, FAST_TRACK_MEDIAN_DAYS, OTHER_RECEIPTS_SHARE, money)
from .plans import CasePlan, LitPlan
from .workdays import is_workday, next_workday, prev_workday


class CalibrationMixin:
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
