"""五推送: the weekly push lists of 2024, written as the weekly run writes them."""
import datetime as dt
from collections import Counter
from decimal import Decimal

from cases.choices import CaseStatus, ClosureMethod, EnforcementType, FundDirection, PartyKind
from cases.models import EnforcementCase, FundEntry, Grid, Township
from pushes import rules as push_rules
from pushes.choices import Channel, PartyRole, RunStatus
from pushes.models import REASON_SEPARATOR, PushBatch, PushItem, PushRun
from pushes.services import issue_missing_links, recipient_create, rule_set_for

from .constants import ARTICLE, AS_OF, D, PUSH_START, SHANGHAI
from .people import phone


class PushesMixin:
    # --- 五推送: the weekly lists of 2024
    def _pushes(self):
        """The weekly pushes since March 2024 (PUSH_START): the grid workers of the debtors' grids receive the
        small-amount and livelihood cases (李某's, with 108,000 yuan outstanding, went to his township), every
        Monday until the case closes. The items are those the weekly run (pushes.classify) writes, with the
        reasons of pushes.rules (whose grid rule also chooses the cases); they are inserted here in bulk, as the
        weekly run inserts them, because the run reads the cases as they are today and the demo's year is already
        lived."""
        rng = self.rng
        scale = 1 if self.article else self.n_cases / ARTICLE.new_cases
        wanted_pushed = max(2, round(ARTICLE.pushed_cases * scale))
        wanted_concluded = max(1, round(ARTICLE.pushed_concluded * scale))
        plans = [p for p in self.plans if p.case_type == EnforcementType.FIRST and p.case is not None
                 and not p.balancing and p.respondents[0].kind == PartyKind.PERSON]
        cases = {c.pk: c for c in EnforcementCase.objects.filter(pk__in=[p.case.pk for p in plans])}
        receipts: dict[int, list] = {}
        for case_id, on, amount in FundEntry.objects.filter(
                case_id__in=list(cases), direction=FundDirection.IN).values_list("case_id", "occurred_on", "amount"):
            receipts.setdefault(case_id, []).append((on, amount))

        def outstanding(case, day):
            return case.amount_claimed - sum((a for on, a in receipts.get(case.pk, []) if on <= day), Decimal("0"))

        def first_monday(plan):
            day = max(plan.filed_on + dt.timedelta(days=7), PUSH_START)
            return day + dt.timedelta(days=(7 - day.weekday()) % 7)

        def grid_takes(case, party, owed):
            """The grid channel's rule (pushes.rules): a small amount outstanding, or a livelihood case."""
            return bool(push_rules.channel_reason_codes(
                push_rules.RecipientFacts(channel=Channel.GRID, grid_id=party.grid_id),
                push_rules.CaseFacts(outstanding=owed, is_livelihood=case.is_livelihood),
                push_rules.PartyFacts(grid_id=party.grid_id), rule_set))

        rule_set = rule_set_for(court=self.court)
        last_monday = AS_OF - dt.timedelta(days=AS_OF.weekday())
        concluded, pending, story = [], [], None
        for plan in plans:
            case, party = cases[plan.case.pk], plan.respondents[0]
            monday = first_monday(plan)
            if plan.story == "li":
                story = (plan, monday)
                continue
            if party.grid_id is None or monday > last_monday or outstanding(case, monday) <= 0:
                continue
            if not grid_takes(case, party, outstanding(case, monday)):
                continue
            if case.status == CaseStatus.CLOSED:
                if case.closed_on < monday:
                    continue
                (pending if case.closure_method == ClosureMethod.TERMINATED_CURRENT else concluded).append(plan)
            else:
                pending.append(plan)
        chosen = [story[0]] if story else []
        chosen += rng.sample(concluded, min(len(concluded), wanted_concluded - len(chosen)))
        chosen += rng.sample(pending, min(len(pending), wanted_pushed - len(chosen)))
        recipients: dict = {}

        def recipient(channel, party):
            key = (channel, party.grid_id if channel == Channel.GRID else party.township_id)
            if key not in recipients:
                if channel == Channel.GRID:
                    grid = Grid.objects.select_related("township").get(pk=party.grid_id)
                    recipients[key] = recipient_create(
                        court=self.court, channel=channel, name=f"{grid.township.name}{grid.name}网格员", grid=grid,
                        contact=self._any_name(), phone=phone(rng))
                else:
                    township = Township.objects.get(pk=party.township_id)
                    recipients[key] = recipient_create(
                        court=self.court, channel=channel, name=f"{township.name}人民政府", township=township,
                        contact=self._any_name(), phone=phone(rng))
            return recipients[key]

        rows = []  # (monday, recipient, case, party, reason codes, outstanding)
        for plan in sorted(chosen, key=lambda p: p.case.pk):
            case, party = cases[plan.case.pk], plan.respondents[0]
            channel = Channel.TOWNSHIP if plan.story == "li" else Channel.GRID
            end = case.closed_on if case.status == CaseStatus.CLOSED else AS_OF
            if plan.story == "li":
                end = D(2024, 5, 13)  # the grid worker's lead came in; the case was worked from it
            to = recipient(channel, party)
            facts = push_rules.PartyFacts(grid_id=party.grid_id, township_id=party.township_id,
                                          township_name=to.township.name if to.township_id else "")
            monday = first_monday(plan)
            while monday <= end:
                owed = outstanding(case, monday)
                codes = push_rules.channel_reason_codes(
                    push_rules.RecipientFacts(channel=channel, grid_id=to.grid_id, township_id=to.township_id),
                    push_rules.CaseFacts(outstanding=owed, is_livelihood=case.is_livelihood), facts, rule_set)
                if owed <= 0 or not codes:
                    break
                rows.append((monday, to, case, party, REASON_SEPARATOR.join(codes), owed))
                monday += dt.timedelta(days=7)
        weeks = sorted({r[0] for r in rows})
        runs = PushRun.objects.bulk_create([
            PushRun(court=self.court, week=push_rules.week_of(monday), rule_set=rule_set, status=RunStatus.COMPLETED,
                    trigger="schedule", steps_total=1, steps_done=1, attempts=1,
                    finished_at=dt.datetime.combine(monday, dt.time(8, 5), tzinfo=SHANGHAI)) for monday in weeks])
        run_of = dict(zip(weeks, runs))
        per_batch = Counter((r[0], r[1].pk) for r in rows)
        batches = PushBatch.objects.bulk_create([
            PushBatch(court=self.court, run=run_of[monday], week=push_rules.week_of(monday), recipient=to,
                      channel=to.channel, item_count=per_batch[(monday, to.pk)])
            for monday, to in dict.fromkeys((r[0], r[1]) for r in rows)])
        batch_of = {(b.week, b.recipient_id): b for b in batches}
        issue_missing_links(PushBatch.objects.filter(pk__in=[b.pk for b in batches]))  # as the weekly run does
        PushItem.objects.bulk_create([
            PushItem(court=self.court, run=run_of[monday], batch=batch_of[(push_rules.week_of(monday), to.pk)],
                     week=push_rules.week_of(monday), recipient=to, channel=to.channel, case=case, party=party,
                     party_role=PartyRole.RESPONDENT, reason_codes=codes, amount_outstanding=owed, pushed_on=monday)
            for monday, to, case, party, codes, owed in rows], batch_size=1000)
        for run in runs:
            mine = [b for b in batches if b.run_id == run.pk]
            run.batch_count, run.item_count = len(mine), sum(b.item_count for b in mine)
        PushRun.objects.bulk_update(runs, ["batch_count", "item_count"])
        self.log(f"每周推送 {len(weeks)} 周，推送案件 {len(chosen)} 件，推送条目 {len(rows)} 条")
