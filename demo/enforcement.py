"""Pass 3, enforcement: every case filed in date order and lived through the services — notices, inquiries,
urgings, money in and out, suspension, extension and closure — and the news report's two stories."""
import datetime as dt
from decimal import Decimal

from django.core.management.base import CommandError

from cases import rules
from cases.choices import (AssetStatus, ClosureMethod, EnforcementType, EventKind, FundDirection, InquiryChannel,
                           InquiryScope, PartyKind, UrgingChannel)
from cases.models import Asset, EnforcementCase, FundEntry
from cases.services.case_work import (asset_set_status, case_record_event, case_record_fund, case_request_inquiry,
                                      urging_record)
from cases.services.enforcement import (case_close, case_extend_deadline, case_suspend, case_unsuspend,
                                        enforcement_case_file)
from sanctions.choices import DishonestGround, EvidenceKind, SanctionKind
from sanctions.services import evidence_record

from . import names
from .constants import ARTICLE, ARTICLE_FROM, ARTICLE_TO, AS_OF, D, DAY, OTHER_COURTS, TERMINATION_SCOPES, money
from .plans import CasePlan
from .workdays import is_workday, next_workday, prev_workday, workday_between


class EnforcementMixin:
    # ------------------------------------------------------------------ pass 3: enforcement
    def _run_enforcement(self, plans: list[CasePlan]):
        self.resumptions: list[tuple[dt.date, CasePlan]] = []
        self.filed: list[CasePlan] = []
        ordered = sorted(plans, key=lambda p: (p.filed_on, p.index))
        for plan in ordered:
            if plan.balancing:
                continue
            handler = {EnforcementType.FIRST: self._enforce_first,
                       EnforcementType.PRESERVATION: self._enforce_preservation,
                       EnforcementType.OBJECTION: self._enforce_objection,
                       EnforcementType.REVIEW: self._enforce_review}[plan.case_type]
            handler(plan)
            if plan.case is not None:
                self.filed.append(plan)
        for on, plan in sorted(self.resumptions, key=lambda item: (item[0], item[1].index)):
            self._resume(plan, on)
        self._run_balancing([p for p in ordered if p.balancing])
        self.plans = ordered

    def _run_balancing(self, plans: list[CasePlan]):
        """The year's last 执 filings (they are the last of their type, so their numbers still follow the
        dates): notarised debts and arbitration awards paid in December, for what the year's ledger still lacks
        of the article's 5,295.5万 — each between 2,000 yuan and 3 million."""
        if not plans:
            return
        received = sum(FundEntry.objects.filter(
            court=self.court, direction=FundDirection.IN, occurred_on__gte=ARTICLE_FROM,
            occurred_on__lte=ARTICLE_TO).values_list("amount", flat=True), Decimal("0"))
        gap = ARTICLE.amount_recovered - received
        if not Decimal("2000") * len(plans) <= gap <= Decimal("3000000") * len(plans):
            raise CommandError(f"执行到位金额无法校准：其余案件已到位 {received} 元")
        weights = [self.rng.uniform(0.5, 1.5) for _ in plans]
        shares = [max(money(round(gap * Decimal(str(w / sum(weights))), -2)), Decimal("2000")) for w in weights]
        shares[-1] = money(gap - sum(shares[:-1]))
        for plan, share in zip(plans, shares):
            plan.amount = share
            self._enforce_first(plan)
            self.filed.append(plan)
        self.log(f"年末 {len(plans)} 件执行款 {gap} 元")

    # --- helpers around the services
    def _file(self, plan: CasePlan, *, case_type=EnforcementType.FIRST, source_document="") -> EnforcementCase:
        plan.case = enforcement_case_file(
            court=self.court, actor=self.clerk, applicants=plan.applicants, respondents=plan.respondents,
            amount_claimed=plan.amount, filed_on=plan.filed_on, case_type=case_type,
            source_case=plan.lit.case if plan.lit else None, source_document=source_document or plan.document,
            judge=plan.judge, is_livelihood=plan.livelihood, is_non_litigation=plan.non_litigation)
        return plan.case

    def _event(self, plan, kind, on, note="", party=None):
        return case_record_event(case=plan.case, actor=plan.judge, kind=kind, occurred_on=on, note=note, party=party)

    def _fund(self, plan, amount: Decimal, on: dt.date, note: str, *, pay_out_by: dt.date | None = None):
        """Money in, and paid out to the applicant within 30 days (一案一账号) unless `pay_out_by` is None."""
        amount = money(amount)
        if amount <= 0:
            return None
        case_record_fund(case=plan.case, actor=plan.judge, direction=FundDirection.IN, amount=amount, occurred_on=on,
                         note=note)
        if pay_out_by is not None:
            out_on = min(next_workday(on + dt.timedelta(days=self.rng.choice([1, 2, 3, 5, 7, 10, 14]))), pay_out_by)
            out_on = max(out_on, on)
            case_record_fund(case=plan.case, actor=plan.judge, direction=FundDirection.OUT, amount=amount,
                             occurred_on=out_on, note=f"发放执行款给申请执行人{plan.applicants[0].name}")
            return out_on
        return on

    def _urge(self, plan, on, *, refuse=False, promised_on=None, party=None):
        rng = self.rng
        channel = rng.choice([UrgingChannel.PHONE, UrgingChannel.PHONE, UrgingChannel.SMS, UrgingChannel.MOBILE_COURT,
                              UrgingChannel.DEADLINE_NOTICE, UrgingChannel.VISIT])
        outcome = rng.choice(names.URGING_OUTCOMES["refuse" if refuse else "promise"])
        urging_record(actor=plan.judge, party=party or plan.respondents[0], channel=channel, occurred_on=on,
                      outcome=outcome, promised_on=promised_on if not refuse else None, enforcement_case=plan.case)

    def _inquire(self, plan, on, scopes=None):
        scopes = scopes or [*TERMINATION_SCOPES, *([InquiryScope.ONLINE_PAYMENT] if self.rng.random() < 0.5 else [])]
        case_request_inquiry(case=plan.case, actor=plan.judge, channel=InquiryChannel.ONLINE,
                             scopes=[str(s) for s in scopes], requested_on=on)
        if not any(p.identity_number in self.fixture for p in plan.respondents):
            return []  # the simulator finds nothing for anyone its file does not name
        return list(plan.case.assets.filter(status=AssetStatus.FOUND, found_on=on).order_by("pk"))

    def _serve(self, plan, on, *, method=None):
        method = method or self.rng.choice(names.SERVICE_METHODS)
        for party in plan.respondents:
            self._event(plan, EventKind.NOTICE_SERVED, on, f"{method}执行通知书，责令被执行人{party.name}履行义务", party)
            self._event(plan, EventKind.REPORT_ORDER_SERVED, on,
                        f"{method}报告财产令，责令被执行人{party.name}于五日内如实报告财产", party)

    def _close(self, plan, method, on, reason):
        plan.case = case_close(case=plan.case, actor=plan.judge, method=method, closed_on=on, reason=reason)

    def _start(self, plan, close_by: dt.date, *, late_ok=True):
        """File, serve the notice and report order (within 3 days, a few late), and query online on day 0–3."""
        self._file(plan)
        rng = self.rng
        # notice and report order within 3 days of filing (rules.NOTICE_DAYS), a few late
        in_time = [plan.filed_on + dt.timedelta(days=d) for d in range(rules.NOTICE_DAYS + 1)
                   if is_workday(plan.filed_on + dt.timedelta(days=d))]
        if rng.random() < 0.05 and late_ok:
            served = next_workday(plan.filed_on + dt.timedelta(days=rng.randint(4, 7)))
        else:
            served = rng.choice(in_time + in_time[1:2]) if in_time else next_workday(plan.filed_on)
        inquired = rng.choice(in_time[:3] + in_time[:1]) if in_time else plan.filed_on
        return min(served, close_by), min(inquired, close_by)

    def _duration_close(self, plan, median_days: float, *, low=3, high=175) -> dt.date:
        """Filing to closure, skewed short; a case filed late in the year closes before 31 December."""
        room = (prev_workday(AS_OF) - plan.filed_on).days
        days = min(max(round(median_days * self.rng.lognormvariate(0, 0.7)), low), high)
        if days > room:
            days = self.rng.randint(min(low, room), room)
        close = next_workday(plan.filed_on + dt.timedelta(days=days))
        return close if close <= AS_OF else prev_workday(AS_OF)

    # --- 执: first enforcement
    def _enforce_first(self, plan: CasePlan):
        if plan.story == "li":
            return self._story_li(plan)
        if plan.story == "xu":
            return self._story_xu(plan)
        {"completed": self._completed, "terminated_current": self._terminated_current,
         "terminated": self._terminated, "withdrawn": self._withdrawn, "not_enforced": self._not_enforced,
         "rejected": self._rejected, "open": self._open, "suspended": self._open}[plan.fate](plan)

    def _completed(self, plan: CasePlan):
        rng = self.rng
        close_on = plan.close_on
        served, inquired = self._start(plan, close_on)
        self._serve(plan, served)
        found = self._inquire(plan, inquired)
        outstanding = plan.amount
        target = plan.amount
        if plan.variant == "settled":
            target = money(plan.amount * plan.settle_share)
        day = max(served, inquired)
        if plan.variant in ("forced", "crackdown") and found:
            outstanding, day = self._execute_assets(plan, found, day, close_on, outstanding)
            target = min(target, plan.amount)
        if plan.variant == "crackdown" and outstanding > 0:
            day, outstanding = self._crackdown(plan, day, close_on, outstanding)
        if plan.variant == "voluntary" and (close_on - day).days > 50 and rng.random() < 0.25:
            # 中止 and 恢复: the days suspended do not count towards the time limit
            start = workday_between(day, close_on, 0.15)
            end = workday_between(day, close_on, 0.4)
            case_suspend(case=plan.case, actor=plan.judge, start_on=start,
                         reason=rng.choice(["申请执行人同意暂缓执行", "被执行人提供担保，申请执行人同意暂缓执行"]))
            case_unsuspend(case=plan.case, actor=plan.judge, end_on=end)
            day = end
        if outstanding > 0:
            paid_so_far = plan.amount - outstanding
            remaining = max(target - paid_so_far, Decimal("0"))
            if remaining > 0:
                self._pay_voluntarily(plan, day, close_on, remaining, settled=plan.variant == "settled")
        reason = {"settled": "双方达成执行和解协议，被执行人已按和解协议履行完毕，申请执行人放弃其余请求",
                  "forced": "通过扣划存款、拍卖财产等强制措施，执行标的已全部执行到位",
                  "crackdown": "经司法惩戒，被执行人已全部履行"}.get(plan.variant, "被执行人已全部履行生效法律文书确定的义务")
        self._extend_if_needed(plan, close_on)
        self._close(plan, ClosureMethod.COMPLETED, close_on, reason)

    def _pay_voluntarily(self, plan, start: dt.date, close_on: dt.date, amount: Decimal, *, settled=False):
        rng = self.rng
        instalments = 1 if (rng.random() < 0.65 or (close_on - start).days < 20 or amount < 20000) else \
            rng.choice([2, 2, 3, 4])
        first_frac = rng.uniform(0.05, 0.35)
        urge_on = workday_between(start, close_on, first_frac * 0.6)
        promised = max(workday_between(start, close_on, first_frac), urge_on)
        self._urge(plan, urge_on, promised_on=promised)
        if settled or instalments > 1:
            self._event(plan, EventKind.NOTE, urge_on,
                        f"双方达成执行和解协议：被执行人分{instalments}期履行{amount}元" if instalments > 1 else
                        f"双方达成执行和解协议：被执行人一次性支付{amount}元，申请执行人放弃其余部分")
        shares = [money(amount / instalments)] * instalments
        shares[-1] = money(amount - sum(shares[:-1]))
        fractions = sorted(rng.uniform(first_frac, 0.92) for _ in range(instalments))
        fractions[0] = first_frac
        for i, (share, frac) in enumerate(zip(shares, fractions), 1):
            on = workday_between(start, close_on, frac)
            note = "被执行人交付执行款" if instalments == 1 else f"被执行人交付执行款（和解协议第{i}期）"
            self._fund(plan, share, on, note, pay_out_by=close_on)

    def _execute_assets(self, plan, found: list[Asset], day: dt.date, close_on: dt.date, outstanding: Decimal):
        """Freeze what the inquiry found; deduct deposits, auction a vehicle or a home if time allows."""
        rng = self.rng
        freeze_on = min(next_workday(day + dt.timedelta(days=rng.choice([0, 1, 1, 2]))), close_on)
        for asset in found:
            verb = {"deposit": "冻结", "online_payment": "冻结", "vehicle": "查封", "real_estate": "查封"}.get(asset.kind, "冻结")
            asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.FROZEN, on=freeze_on,
                             note=f"网络{verb}，冻结/查封期限届满前续行")
        day = freeze_on
        for asset in [a for a in found if a.kind in ("deposit", "online_payment")]:
            if outstanding <= 0:
                break
            take = min(money(asset.value or 0), outstanding)
            if take <= 0:
                continue
            on = min(next_workday(day + dt.timedelta(days=rng.randint(2, 12))), close_on)
            self._fund(plan, take, on, f"扣划被执行人在{asset.institution}的存款", pay_out_by=close_on)
            asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.DISPOSED, on=on, note="已扣划")
            outstanding -= take
            day = on
        for asset in [a for a in found if a.kind in ("vehicle", "real_estate", "securities")]:
            if outstanding <= 0:
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.RELEASED, on=close_on,
                                 note="执行款已全部到位，解除查封")
                continue
            announce = 30 if asset.kind == "real_estate" else 15
            appraise_on = next_workday(day + dt.timedelta(days=rng.randint(10, 25)))
            sale_on = next_workday(appraise_on + dt.timedelta(days=announce + rng.randint(8, 20)))
            if sale_on >= close_on or asset.value is None:
                # no time to auction before the debtor gives in: he pays to lift the seizure
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.RELEASED, on=close_on,
                                 note="被执行人履行完毕后解除查封")
                continue
            valuation = money(asset.value)
            self._event(plan, EventKind.NOTE, appraise_on,
                        f"委托评估{asset.description}，评估价{valuation}元；于人民法院诉讼资产网发布网络司法拍卖公告"
                        f"（公告期{announce}日，起拍价{money(valuation * Decimal('0.7'))}元）")
            price = money(valuation * Decimal(str(rng.uniform(0.7, 1.08))))
            take = min(price, outstanding)
            self._fund(plan, take, sale_on, f"网络司法拍卖{asset.get_kind_display()}成交，成交价{price}元"
                       + ("，余款退还被执行人" if price > take else ""), pay_out_by=close_on)
            asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.DISPOSED, on=sale_on, note="拍卖成交")
            outstanding -= take
            day = sale_on
        for asset in plan.case.assets.filter(status=AssetStatus.FROZEN):
            if outstanding <= 0 or asset.kind in ("deposit", "online_payment"):
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.RELEASED, on=close_on,
                                 note="解除冻结")
        return outstanding, day

    def _extend_if_needed(self, plan, close_on: dt.date):
        """Past the time limit the leader extends it, applied for in the last five days (rules.extension_errors)."""
        if close_on <= rules.enforcement_deadline(plan.filed_on, non_litigation=plan.non_litigation):
            return
        case = EnforcementCase.objects.get(pk=plan.case.pk)
        if close_on <= case.deadline_on or case.deadline_on > AS_OF:
            return
        applied = prev_workday(case.deadline_on)
        if applied < case.deadline_on - dt.timedelta(days=rules.EXTENSION_WINDOW_DAYS):
            applied = case.deadline_on
        reason = self.rng.choice(["案件涉及财产评估、拍卖，无法在法定期限内执结",
                                  "被执行人正在分期履行，需延长期限督促履行完毕",
                                  "财产线索尚在核查，需延长执行期限"])
        case_extend_deadline(case=case, actor=self.leader, months=3, applied_on=applied, reason=reason)

    def _withdrawn(self, plan: CasePlan):
        rng = self.rng
        close_on = plan.close_on
        self._file(plan)
        reason = rng.choice([
            f"被执行人提出管辖异议成立，本案移送{rng.choice(OTHER_COURTS)}执行，作销案处理",
            f"经查，{rng.choice(OTHER_COURTS)}已就同一执行依据先行立案执行，本案作销案处理",
            "本案系重复立案，作销案处理",
        ])
        if rng.random() < 0.5:
            self._event(plan, EventKind.CONTACT, workday_between(plan.filed_on, close_on, 0.3), "电话联系申请执行人，核实立案情况")
        self._close(plan, ClosureMethod.WITHDRAWN, close_on, reason)

    def _not_enforced(self, plan: CasePlan):
        close_on = plan.close_on
        served, inquired = self._start(plan, close_on)
        self._serve(plan, served)
        self._inquire(plan, inquired)
        what = "仲裁裁决" if "仲裁" in plan.document else "公证债权文书"
        applied = workday_between(served, close_on, 0.2)
        self._event(plan, EventKind.NOTE, applied, f"被执行人申请不予执行{what}，提交证据材料", plan.respondents[0])
        self._event(plan, EventKind.NOTE, workday_between(applied, close_on, 0.5), "组成合议庭进行听证审查")
        reason = ("经审查，仲裁裁决所根据的证据系伪造，裁定不予执行" if what == "仲裁裁决" else
                  "经审查，公证债权文书确有错误，被执行人提出的不予执行申请成立，裁定不予执行")
        self._close(plan, ClosureMethod.NOT_ENFORCED, close_on, reason)

    def _rejected(self, plan: CasePlan):
        rng = self.rng
        close_on = plan.close_on
        self._file(plan)
        if rng.random() < 0.6:
            self._event(plan, EventKind.CONTACT, workday_between(plan.filed_on, close_on, 0.3), "通知申请执行人补充材料")
        reason = rng.choice(["执行依据未确定明确的给付内容，不具有可执行性，裁定驳回执行申请",
                             "申请执行人主体不适格，裁定驳回执行申请",
                             "申请执行时已超过法定申请执行期间，被执行人提出异议成立，裁定驳回执行申请"])
        self._close(plan, ClosureMethod.REJECTED, close_on, reason)

    def _open(self, plan: CasePlan):
        """Still under way on 31 December: notices, inquiries, urging, measures, part payments; some suspended
        (then everything else happened before the suspension)."""
        rng = self.rng
        served, inquired = self._start(plan, AS_OF)
        self._serve(plan, served)
        found = self._inquire(plan, inquired)
        day = max(served, inquired)
        horizon = AS_OF
        if plan.fate == "suspended":
            deadline = rules.enforcement_deadline(plan.filed_on, non_litigation=plan.non_litigation)
            horizon = max(workday_between(day, min(deadline - dt.timedelta(days=10), AS_OF), rng.uniform(0.2, 0.8)),
                          day)
        if found and plan.variant == "frozen":
            on = min(next_workday(day + DAY), horizon)
            for asset in found:
                asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.FROZEN, on=on, note="网络冻结/查封")
            deposits = [a for a in found if a.kind == "deposit" and a.value]
            pay_on = next_workday(on + dt.timedelta(days=rng.randint(3, 10)))
            if deposits and rng.random() < 0.6 and pay_on <= horizon:
                take = min(money(deposits[0].value), plan.amount - Decimal("1"))
                self._fund(plan, take, pay_on, f"扣划被执行人在{deposits[0].institution}的存款",
                           pay_out_by=horizon if rng.random() < 0.8 else None)
                asset_set_status(asset=deposits[0], actor=plan.judge, status=AssetStatus.DISPOSED, on=pay_on,
                                 note="已扣划")
        span = (horizon - day).days
        if span > 20 and rng.random() < 0.6:
            self._urge(plan, workday_between(day, horizon, rng.uniform(0.05, 0.3)), refuse=rng.random() < 0.5,
                       promised_on=workday_between(day, horizon, 0.5))
        if span > 15 and rng.random() < 0.45:
            for party in plan.respondents:
                self._sanction(plan, party, SanctionKind.CONSUMPTION_RESTRICTION,
                               workday_between(day, horizon - dt.timedelta(days=4), rng.uniform(0.1, 0.4)),
                               note="未按执行通知书履行义务")
        if span > 30 and rng.random() < 0.35:
            share = money(plan.amount * Decimal(str(rng.uniform(0.05, 0.5))))
            on = workday_between(day, horizon, rng.uniform(0.3, 0.8))
            self._fund(plan, share, on, "被执行人部分履行", pay_out_by=horizon if rng.random() < 0.85 else None)
        if plan.fate == "open":
            self._extend_if_needed(plan, AS_OF)
            return
        organization = plan.respondents[0].kind == PartyKind.ORGANIZATION
        reason = rng.choice(["案外人对执行标的提出确有理由的异议", "申请执行人表示可以延期执行",
                             "据以执行的法律文书进入再审审查",
                             "被执行人进入破产重整程序" if organization else "被执行人患重病住院，暂无法执行"])
        case_suspend(case=plan.case, actor=plan.judge, start_on=horizon, reason=reason)

    # --- the stories of the news report (fictitious names)
    def _story_li(self, plan: CasePlan):
        """五推送: nothing found online on the filing day; a grid worker's lead finds a construction payment."""
        plan.amount = money(108000)
        self._file(plan)
        self._serve(plan, plan.filed_on)
        self._inquire(plan, plan.filed_on)
        debtor = plan.respondents[0]
        self._event(plan, EventKind.LEAD_RECEIVED, D(2024, 5, 13),
                    "综治网格员反馈：被执行人承建的工程尚有工程款未结算，该工程挂靠在县内某建筑公司名下", debtor)
        self._event(plan, EventKind.FIELD_INVESTIGATION, D(2024, 5, 16),
                    "前往发包企业调查，查明被执行人挂靠施工的工程款尚未拨付")
        self._event(plan, EventKind.LEAD_CHECKED, D(2024, 5, 16), "线索属实：工程款由发包企业拨付给被挂靠的建筑公司")
        self._event(plan, EventKind.NOTE, D(2024, 5, 17), "向发包企业送达协助执行通知书，停止支付该笔工程款")
        self._event(plan, EventKind.NOTE, D(2024, 5, 28), "组织发包企业、建筑公司与被执行人三方协商，办理支付手续")
        self._fund(plan, plan.amount, D(2024, 6, 11), "发包企业协助执行，提取工程款支付执行款", pay_out_by=D(2024, 6, 14))
        self._close(plan, ClosureMethod.COMPLETED, D(2024, 6, 14), "经网格推送查明工程款线索，执行标的已全部执行到位")

    def _story_xu(self, plan: CasePlan):
        """三板斧: a debtor under a consumption restriction takes flights and trains abroad; referred, then pays."""
        plan.amount = money(312400)
        self._file(plan)
        debtor = plan.respondents[0]
        self._serve(plan, D(2024, 1, 9), method="直接送达")
        self._inquire(plan, D(2024, 1, 9))
        self._sanction(plan, debtor, SanctionKind.CONSUMPTION_RESTRICTION, D(2024, 1, 22), approve_lag=1,
                       note="未按执行通知书履行义务")
        self._sanction(plan, debtor, SanctionKind.DISHONEST_LIST, D(2024, 1, 22), approve_lag=1,
                       dishonest_ground=DishonestGround.REPORT_BREACH,
                       note="违反财产报告制度")
        self._urge(plan, D(2024, 3, 4), refuse=True)
        evidence_record(case=plan.case, party=debtor, actor=plan.judge, kind=EvidenceKind.SPENDING,
                        occurred_on=D(2024, 6, 3), source="出行大数据分析",
                        description="限制消费期间多次乘坐飞机、高铁，并出境前往泰国、越南及澳门等地")
        self._refer(plan, debtor, D(2024, 6, 12), close_by=D(2024, 6, 25), opened=True,
                    note="有能力履行而拒不履行，违反限制消费令，涉嫌拒不执行判决、裁定罪")
        self._event(plan, EventKind.NOTE, D(2024, 6, 26), "公安机关对被执行人刑事拘留", debtor)
        case_extend_deadline(case=plan.case, actor=self.leader, months=3, applied_on=D(2024, 7, 5),
                             reason="被执行人涉嫌拒执犯罪，案件正在侦查")
        self._fund(plan, plan.amount, D(2024, 7, 19), "被执行人亲属代为交付全部执行款", pay_out_by=D(2024, 7, 26))
        self._close(plan, ClosureMethod.COMPLETED, D(2024, 7, 29), "经追究拒执刑事责任，被执行人已全部履行")

    # --- 执保 / 执异 / 执复
    def _enforce_preservation(self, plan: CasePlan):
        rng = self.rng
        ruling = f"{plan.lit.case.number}民事裁定书"
        self._file(plan, case_type=EnforcementType.PRESERVATION, source_document=ruling)
        found = self._inquire(plan, plan.filed_on, scopes=[InquiryScope.DEPOSIT, InquiryScope.VEHICLE,
                                                            InquiryScope.REAL_ESTATE])
        remaining = plan.amount
        on = next_workday(plan.filed_on + dt.timedelta(days=rng.choice([0, 1, 1, 2])))
        for asset in found:
            if remaining <= 0:
                break
            asset_set_status(asset=asset, actor=plan.judge, status=AssetStatus.FROZEN, on=on,
                             note=f"根据{ruling}冻结/查封，期限：存款1年、动产2年、不动产3年")
            remaining -= money(asset.value or 0)
        close_on = next_workday(on + dt.timedelta(days=rng.randint(1, 8)))
        self._close(plan, ClosureMethod.COMPLETED, min(close_on, AS_OF), "财产保全裁定已执行完毕")

    def _enforce_objection(self, plan: CasePlan):
        """执异: an outsider (or the debtor) objects to an enforcement act in an earlier 执 case."""
        rng = self.rng
        targets = [p for p in self.filed if p.case_type == EnforcementType.FIRST and p.filed_on < plan.filed_on]
        if not targets:
            plan.case = None
            return
        target = rng.choice(targets[-60:])
        outsider = rng.random() < 0.65
        objector = self._person(surname=target.respondents[0].name[0] if target.respondents[0].kind == PartyKind.PERSON
                                else None) if outsider else target.respondents[0]
        plan.applicants, plan.respondents = [objector], list(target.applicants)
        plan.amount = money(min(target.amount, max(Decimal("2000"), target.amount * Decimal(str(rng.uniform(0.3, 1))))))
        plan.target = target
        kind = "案外人" if outsider else "被执行人"
        self._file(plan, case_type=EnforcementType.OBJECTION, source_document=f"{target.case.number}执行案件")
        close_on = min(next_workday(plan.filed_on + dt.timedelta(days=rng.randint(8, 15))), AS_OF)
        self._event(plan, EventKind.NOTE, workday_between(plan.filed_on, close_on, 0.2),
                    f"{kind}{objector.name}对{target.case.number}案的执行行为提出书面异议，组成合议庭审查")
        self._event(plan, EventKind.NOTE, workday_between(plan.filed_on, close_on, 0.6), "举行听证，听取双方意见")
        if plan.fate == "rejected":
            self._close(plan, ClosureMethod.REJECTED, close_on, "异议理由不成立，裁定驳回异议")
        else:
            self._close(plan, ClosureMethod.TERMINATED, close_on, "异议人撤回异议申请，裁定准许撤回")

    def _enforce_review(self, plan: CasePlan):
        """执复: review of an objection ruling (rare at a basic court; kept for completeness of types)."""
        rng = self.rng
        targets = [p for p in self.filed if p.case_type == EnforcementType.OBJECTION
                   and p.case.closure_method == ClosureMethod.REJECTED and p.case.closed_on < plan.filed_on]
        if not targets:
            plan.case = None
            return
        target = rng.choice(targets)
        plan.applicants, plan.respondents, plan.amount = target.applicants, target.respondents, target.amount
        self._file(plan, case_type=EnforcementType.REVIEW, source_document=f"{target.case.number}执行裁定书")
        close_on = min(next_workday(plan.filed_on + dt.timedelta(days=rng.randint(15, 30))), AS_OF)
        self._event(plan, EventKind.NOTE, workday_between(plan.filed_on, close_on, 0.3), "对复议申请进行书面审查")
        self._close(plan, ClosureMethod.REJECTED, close_on, "复议理由不成立，裁定驳回复议申请，维持原裁定")
        plan.fate = "rejected"
