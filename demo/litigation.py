"""Pass 2, litigation: the 民初 cases behind the enforcement cases (and those never enforced), planned and
filed in date order through cases.services.litigation, the background inserted in bulk."""
import datetime as dt
from decimal import Decimal

from cases import rules
from cases.choices import LitigationType, OutcomeKind, PreservationKind, UrgingChannel
from cases.models import LitigationCase, Obligation, Outcome, Preservation, Urging, VoluntaryPayment
from cases.services.case_work import urging_record
from cases.services.litigation import litigation_case_file, outcome_record, payment_record, preservation_add
from cases.services.numbering import allocate_case_number

from . import names
from .constants import AS_OF, D, LIT_EARLIEST, money
from .plans import LitPlan
from .workdays import next_workday, prev_workday


class LitigationMixin:
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
            [Outcome(case=p.case, court_id=p.case.court_id, kind=p.outcome_kind, effective_on=p.effective_on)
             for p in decided], batch_size=1000)
        Obligation.objects.bulk_create([Obligation(outcome=o, due_on=d, amount=a) for p, o in zip(decided, outcomes)
                                        for d, a in p.obligations], batch_size=1000)
        VoluntaryPayment.objects.bulk_create(
            [VoluntaryPayment(case=p.case, paid_on=d, amount=a, note=n, recorded_by=p.trial_judge)
             for p in plans for d, a, n in p.payments], batch_size=1000)
        Urging.objects.bulk_create(
            [Urging(court=self.court, litigation_case=p.case, party=p.defendants[0], channel=c, occurred_on=on,
                    outcome=text, promised_on=promised, actor=p.trial_judge)
             for p in plans for on, c, text, promised in p.urgings], batch_size=1000)
