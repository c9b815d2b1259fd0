"""三板斧: coercive measures proposed by the judge and approved by the court president through
sanctions.services — restrictions, fines, summons, detention, criminal referral and private prosecution."""
import datetime as dt
from decimal import Decimal

from cases.choices import EventKind, FundDirection, PartyKind, UrgingChannel
from cases.models import Party, Urging
from cases.services.case_work import case_record_fund, urging_record
from sanctions.choices import BoundRole, PoliceDecision, SanctionKind, SanctionStatus
from sanctions.models import Prosecution
from sanctions.services import (prosecution_payment, prosecution_police_decision, prosecution_send,
                                prosecution_settle, sanction_approve, sanction_propose)

from . import geography
from .constants import DAY, money
from .people import person_name
from .workdays import next_workday, workday_between


class MeasuresMixin:
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
