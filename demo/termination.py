"""终本 through the real gate (every precondition of the SPC 2016 provisions met first), the re-inquiries
after it, terminated cases, and the resumptions (执恢) when the applicant finds property."""
import datetime as dt
from decimal import Decimal

from cases import rules
from cases.choices import AssetStatus, ClosureMethod, EnforcementType, EventKind, InquiryScope, PartyKind
from cases.services.case_work import asset_set_status
from cases.services.enforcement import case_resume, termination_review_approve
from sanctions.choices import DishonestGround, SanctionKind

from .constants import ALL_SCOPES, AS_OF, DAY, TERMINATION_SCOPES, money
from .plans import CasePlan
from .workdays import next_workday, prev_workday, workday_between


def _lead_check_by(received_on: dt.date) -> dt.date:
    """The last working day on which a lead received on `received_on` is checked in time (rules.lead_check_due_on)."""
    return max(received_on, prev_workday(rules.lead_check_due_on(received_on)))


class TerminationMixin:
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

    def _second_key(self, plan, on: dt.date):
        """民诉法解释 art. 517: the applicant signs his consent to 终本; in every fifth case the collegial panel reviews
        it instead and the president approves (a leader, never the case's judge)."""
        if plan.case.sequence % 5:
            self._event(plan, EventKind.APPLICANT_CONSENT, on, "申请执行人签字确认同意终结本次执行程序",
                        plan.applicants[0])
            return
        self._event(plan, EventKind.COLLEGIAL_REVIEW, on, "合议庭评议：财产调查措施已穷尽，未发现可供执行的财产，同意终结本次执行程序")
        termination_review_approve(case=plan.case, actor=self.leader, approved_on=on)

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
