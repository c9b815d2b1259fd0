"""The three rosters (三种名册), computed from the facts of each case — never typed in:

- 公安查找名册 police search: the debtor cannot be found — a `debtor_not_found` event, or a failed service with no
  reachable contact — and has not been reached since (contact, urging, a property report, questioning, custody);
- 拘传名册 summons: the report order (报告财产令) was served, its period (rules.REPORT_ORDER_DAYS) has run out and no
  property report came;
- 拘留或刑事责任名册 detention / criminal: ability shown (assets found but not disclosed, income, spending or travel
  in breach of a restriction, transfers) together with non-performance after the execution notice.

`roster_verdicts()` is the pure part (facts → reasons in Chinese, or why the entry leaves); `refresh_rosters()`
reads the facts of a batch of cases in a fixed number of queries and reconciles the entries; `rosters_job()` is the
daily sweep (registered in sanctions/jobs.py), which also ends measures whose time is up and flags what is overdue.
"""
import datetime as dt
from collections import Counter, defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext

from cases.choices import CaseStatus, ClosureMethod, EventKind, InquiryScope, TodoKind
from cases.models import Asset, CaseEvent, EnforcementCase, Todo
from cases.services.common import court_today
from cases.services.todos import todo_create_once
from wanian_exec.bulk import bulk_insert

from . import rules
from .choices import ACTIVE_ROSTER_STATUSES, Breach, EvidenceKind, RosterKind, RosterStatus, SanctionKind, SanctionStatus
from .models import AbilityEvidence, Prosecution, RosterEntry, Sanction, TravelRecord, Violation
from .selectors import HELD_ASSET_STATUSES
from .services.rosters import close_entry_todo

BATCH = 500  # cases per round trip in the sweep: bounded memory on a province's caseload
SHOWN_VIOLATIONS = 5  # a frequent flyer's roster line lists the latest few trips, then a count

FACT_EVENTS = (EventKind.NOTICE_SERVED, EventKind.REPORT_ORDER_SERVED, EventKind.PROPERTY_REPORTED,
               EventKind.DEBTOR_NOT_FOUND, EventKind.SERVICE_FAILED, EventKind.CONTACT, EventKind.URGING)
# Facts showing the debtor was reached (found): recorded contact, an urging, their own property report.
REACHED_EVENTS = (EventKind.CONTACT, EventKind.URGING, EventKind.PROPERTY_REPORTED)


# --- texts ---------------------------------------------------------------------------------------------------

# A refresh asks gettext for the same few dozen messages and labels a dozen times a case (each call ~20 µs through
# Django's per-thread translation lookup: a third of a travel import's roster refresh of 80,000 cases). Inside
# `translations_memo()` (refresh_rosters, the daily job) each message is translated once, in the language active
# when the refresh started — nothing switches the language inside a refresh, so the texts are the same; outside
# it `_` is plain gettext.
_MEMO: ContextVar[dict | None] = ContextVar("roster_texts", default=None)


def _(message: str) -> str:
    memo = _MEMO.get()
    if memo is None:
        return gettext(message)
    text = memo.get(message)
    if text is None:
        text = memo[message] = gettext(message)
    return text


def _label(choices, value) -> str:
    """The label of a choice (`choices(value).label`) as text, translated once per refresh like `_`."""
    memo = _MEMO.get()
    if memo is None:
        return str(choices(value).label)
    key = (choices, value)
    text = memo.get(key)
    if text is None:
        text = memo[key] = str(choices(value).label)
    return text


@contextmanager
def translations_memo():
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


# --- facts ---------------------------------------------------------------------------------------------------


@dataclass
class PartyFacts:
    party_id: int
    name: str
    phone: str
    events: list = field(default_factory=list)  # (kind, date, seq); whole-case events (no party) included
    reached: list = field(default_factory=list)  # (date, seq) from questioning or custody under a summons/detention
    assets: list = field(default_factory=list)  # dicts
    evidence: list = field(default_factory=list)  # dicts
    violations: list = field(default_factory=list)  # dicts

    def dated(self, kind) -> list:
        return sorted((d, seq) for k, d, seq in self.events if k == kind)


@dataclass
class CaseFacts:
    case_id: int
    court_id: int
    judge_id: int | None
    number: str
    status: str
    closure_method: str
    outstanding: Decimal
    parties: list = field(default_factory=list)

    @property
    def performed(self) -> bool:
        return self.outstanding <= 0 or self.closure_method == ClosureMethod.COMPLETED

    @property
    def running(self) -> bool:
        return self.status in (CaseStatus.FILED, CaseStatus.IN_PROGRESS)

    @property
    def terminated_current(self) -> bool:
        return self.status == CaseStatus.CLOSED and self.closure_method == ClosureMethod.TERMINATED_CURRENT


@dataclass(frozen=True)
class Verdict:
    holds: bool
    reasons: tuple = ()  # (key, text): the key identifies the fact, the text is what the judge reads
    exit_reason: str = ""


def _case_exit(case: CaseFacts, *, allow_terminated: bool = False) -> str:
    if case.performed:
        return _("已履行完毕")
    if case.status == CaseStatus.SUSPENDED:
        return _("案件已中止执行")
    if case.status == CaseStatus.CLOSED and not (allow_terminated and case.terminated_current):
        return _("案件已结案")
    return ""


def police_search_verdict(case: CaseFacts, party: PartyFacts, today: dt.date) -> Verdict:
    reached = sorted([*[(d, s) for d, s in party.reached], *[(d, s) for k, d, s in party.events
                                                             if k in REACHED_EVENTS]])
    last_reached = reached[-1] if reached else None

    def after_reached(items):
        return [i for i in items if last_reached is None or i > last_reached]

    not_found = after_reached(party.dated(EventKind.DEBTOR_NOT_FOUND))
    failed = after_reached(party.dated(EventKind.SERVICE_FAILED))
    no_contact = not (party.phone or "").strip()
    reasons = []
    if not_found:
        reasons.append((f"not_found:{not_found[-1][0]}", _("%(d)s登记下落不明") % {"d": not_found[-1][0]}))
    for day, _seq in failed[-3:]:
        reasons.append((f"service_failed:{day}", _("%(d)s送达失败") % {"d": day}))
    if failed and no_contact:
        reasons.append(("no_contact", _("未登记联系电话，无其他可用联系方式")))
    exit_reason = _case_exit(case)
    holds = not exit_reason and bool(not_found or (failed and no_contact))
    if not holds and not exit_reason:
        exit_reason = (_("已联系到被执行人（%(d)s）") % {"d": last_reached[0]}) if last_reached else \
            _("不再符合列入条件")
    return Verdict(holds, tuple(reasons) if holds else (), exit_reason if not holds else "")


def summons_verdict(case: CaseFacts, party: PartyFacts, today: dt.date) -> Verdict:
    orders = party.dated(EventKind.REPORT_ORDER_SERVED)
    exit_reason = _case_exit(case)
    if not orders:
        return Verdict(False, exit_reason=exit_reason or _("未送达报告财产令"))
    served_on = orders[-1][0]
    reports = [d for d, _s in party.dated(EventKind.PROPERTY_REPORTED) if d >= served_on]
    deadline = rules.report_deadline(served_on)
    if exit_reason or reports or today <= deadline:
        if not exit_reason:
            exit_reason = (_("已申报财产（%(d)s）") % {"d": reports[-1]}) if reports else \
                _("报告期限尚未届满（%(d)s）") % {"d": deadline}
        return Verdict(False, exit_reason=exit_reason)
    return Verdict(True, (
        (f"report_order:{served_on}", _("%(d)s已送达报告财产令") % {"d": served_on}),
        (f"report_deadline:{deadline}", _("报告期限（%(n)d日）已于%(d)s届满") % {"n": rules.REPORT_ORDER_DAYS,
                                                                            "d": deadline}),
        ("no_report", _("逾期未申报财产")),
    ))


def detention_criminal_verdict(case: CaseFacts, party: PartyFacts, today: dt.date) -> Verdict:
    exit_reason = _case_exit(case, allow_terminated=True)
    if exit_reason:
        return Verdict(False, exit_reason=exit_reason)
    notices = party.dated(EventKind.NOTICE_SERVED)
    if not notices:
        return Verdict(False, exit_reason=_("尚未送达执行通知书"))
    ability = []
    orders = party.dated(EventKind.REPORT_ORDER_SERVED)
    if orders:
        reports = party.dated(EventKind.PROPERTY_REPORTED)
        last_report = reports[-1][0] if reports else None
        for asset in party.assets:
            if asset["found_on"] >= orders[0][0] and (last_report is None or asset["found_on"] > last_report):
                value = f"，{asset['value']:,.2f}元" if asset["value"] is not None else ""
                ability.append((f"asset:{asset['pk']}", _("查到未申报的%(kind)s：%(desc)s（%(d)s查到%(v)s）") % {
                    "kind": _label(InquiryScope, asset["kind"]) if asset["kind"] in InquiryScope.values else "",
                    "desc": asset["description"], "d": asset["found_on"], "v": value}))
    for item in party.evidence:
        amount = f"，{item['amount']:,.2f}元" if item["amount"] is not None else ""
        ability.append((f"evidence:{item['pk']}", _("%(kind)s：%(desc)s（%(d)s%(a)s）") % {
            "kind": _label(EvidenceKind, item["kind"]), "desc": item["description"], "d": item["occurred_on"],
            "a": amount}))
    trips = sorted(party.violations, key=lambda v: (v["travelled_on"], v["pk"]), reverse=True)
    for v in trips[:SHOWN_VIOLATIONS]:
        ability.append((f"violation:{v['pk']}", _("违反%(order)s%(what)s（%(d)s %(route)s %(seat)s）") % {
            "order": _label(SanctionKind, v["sanction__kind"]) + _("令") if v["sanction__kind"] ==
            SanctionKind.CONSUMPTION_RESTRICTION else _label(SanctionKind, v["sanction__kind"]),
            "what": _label(Breach, v["kind"]), "d": v["travelled_on"], "route": v["travel_record__route"],
            "seat": v["travel_record__seat_class"]}))
    if len(trips) > SHOWN_VIOLATIONS:
        ability.append(("violations:" + ",".join(str(v["pk"]) for v in trips[SHOWN_VIOLATIONS:]),
                        _("另有违规出行%(n)d次") % {"n": len(trips) - SHOWN_VIOLATIONS}))
    if not ability:
        return Verdict(False, exit_reason=_("无履行能力证据"))
    unpaid = (f"unpaid:{notices[0][0]}", _("执行通知书已于%(d)s送达，仍未履行（尚欠%(a)s元）") % {
        "d": notices[0][0], "a": f"{case.outstanding:,.2f}"})
    reasons = [unpaid, *ability]
    if case.terminated_current:
        reasons.append(("terminated_current", _("终本案件：须恢复执行后方可采取拘留等措施")))
    return Verdict(True, tuple(reasons))


VERDICTS = {
    RosterKind.POLICE_SEARCH: police_search_verdict,
    RosterKind.SUMMONS: summons_verdict,
    RosterKind.DETENTION_CRIMINAL: detention_criminal_verdict,
}


def roster_verdicts(case: CaseFacts, today: dt.date) -> dict[tuple[int, str], Verdict]:
    return {(party.party_id, kind): verdict(case, party, today)
            for party in case.parties for kind, verdict in VERDICTS.items()}


# --- reading the facts of a batch of cases (a fixed number of queries) -----------------------------------------


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def collect_facts(case_ids: list[int]) -> list[CaseFacts]:
    cases = {row["pk"]: CaseFacts(
        case_id=row["pk"], court_id=row["court_id"], judge_id=row["judge_id"], number=row["number"],
        status=row["status"], closure_method=row["closure_method"],
        outstanding=max(row["amount_claimed"] - row["amount_recovered"], Decimal("0")))
        for row in EnforcementCase.objects.filter(pk__in=case_ids).values(
            "pk", "court_id", "judge_id", "number", "status", "closure_method", "amount_claimed", "amount_recovered")}
    parties: dict[tuple[int, int], PartyFacts] = {}
    through = EnforcementCase.respondents.through
    for row in through.objects.filter(enforcementcase_id__in=cases).values(
            "enforcementcase_id", "party_id", "party__name", "party__phone").order_by("enforcementcase_id", "party_id"):
        facts = PartyFacts(party_id=row["party_id"], name=row["party__name"], phone=row["party__phone"])
        parties[(row["enforcementcase_id"], row["party_id"])] = facts
        cases[row["enforcementcase_id"]].parties.append(facts)
    by_case = defaultdict(list)
    for key, facts in parties.items():
        by_case[key[0]].append(facts)

    for row in CaseEvent.objects.filter(case_id__in=cases, kind__in=FACT_EVENTS).values(
            "pk", "case_id", "kind", "party_id", "occurred_on"):
        targets = by_case[row["case_id"]] if row["party_id"] is None else \
            [parties[(row["case_id"], row["party_id"])]] if (row["case_id"], row["party_id"]) in parties else []
        for facts in targets:
            facts.events.append((row["kind"], row["occurred_on"], row["pk"]))
    for row in Sanction.objects.filter(case_id__in=cases, kind__in=[SanctionKind.SUMMONS, SanctionKind.DETENTION]).filter(
            Q(questioning_started_at__isnull=False) | Q(detained_at__isnull=False)).values(
            "case_id", "party_id", "questioning_started_at", "detained_at"):
        facts = parties.get((row["case_id"], row["party_id"]))
        for moment in (row["questioning_started_at"], row["detained_at"]):
            if facts and moment:
                facts.reached.append((_local_date(moment), 10 ** 18))  # after anything recorded that day
    for row in Asset.objects.filter(case_id__in=cases, status__in=HELD_ASSET_STATUSES).values(
            "pk", "case_id", "party_id", "kind", "description", "value", "found_on"):
        if (row["case_id"], row["party_id"]) in parties:
            parties[(row["case_id"], row["party_id"])].assets.append(row)
    for row in AbilityEvidence.objects.filter(case_id__in=cases).values(
            "pk", "case_id", "party_id", "kind", "description", "amount", "occurred_on").order_by("occurred_on", "pk"):
        if (row["case_id"], row["party_id"]) in parties:
            parties[(row["case_id"], row["party_id"])].evidence.append(row)
    # the violations by their (case, party) index, then their journeys by primary key: two index lookups rather
    # than a join the planner may answer by scanning every travel record of the court
    violations = list(Violation.objects.filter(case_id__in=cases).values(
        "pk", "case_id", "party_id", "kind", "travelled_on", "sanction__kind", "travel_record_id"))
    journeys = {row["pk"]: row for row in TravelRecord.objects.filter(
        pk__in=[v["travel_record_id"] for v in violations]).values("pk", "route", "seat_class")}
    for row in violations:
        journey = journeys.get(row["travel_record_id"], {})
        row["travel_record__route"], row["travel_record__seat_class"] = journey.get("route", ""), \
            journey.get("seat_class", "")
        if (row["case_id"], row["party_id"]) in parties:
            parties[(row["case_id"], row["party_id"])].violations.append(row)
    return list(cases.values())


# --- reconciling entries with the verdicts --------------------------------------------------------------------


def _pending_todos(items: list, *, new: bool) -> None:
    """One roster_confirm to-do per entry that became pending, for the case's judge. `items`: (court id, to-do key,
    case facts, party name, roster kind, entered on). Entries put on a roster now (`new`) have keys no to-do can
    hold yet (their ids are new): written in bulk by COPY (wanian_exec.bulk — a travel import puts tens of
    thousands of debtors on a roster at once). Entries entering again: through the (court, dedupe_key)
    constraint, so a rerun adds nothing — what cases.services.todos.todo_create_once does one at a time."""
    title = _("%(number)s %(party)s拟列入%(roster)s，待确认")
    rows = [{"court_id": court_id, "dedupe_key": key, "assignee_id": case.judge_id, "kind": TodoKind.ROSTER_CONFIRM,
             "enforcement_case_id": case.case_id, "due_on": entered_on,
             "title": title % {"number": case.number, "party": name, "roster": _label(RosterKind, kind)}}
            for court_id, key, case, name, kind, entered_on in items]
    if new:
        bulk_insert(Todo, rows)
    else:
        Todo.objects.bulk_create([Todo(**row) for row in rows], batch_size=1000, ignore_conflicts=True)


@transaction.atomic
def _reconcile(facts: list[CaseFacts], today: dt.date) -> Counter:
    counts: Counter = Counter()
    existing = {(e.case_id, e.party_id, e.kind): e
                for e in RosterEntry.objects.select_for_update().filter(case_id__in=[c.case_id for c in facts])}
    created, pending = [], []
    for case in facts:
        names = {p.party_id: p.name for p in case.parties}
        for (party_id, kind), verdict in roster_verdicts(case, today).items():
            entry = existing.get((case.case_id, party_id, kind))
            keys = [key for key, _text in verdict.reasons]
            texts = [str(text) for _key, text in verdict.reasons]
            if entry is None:
                if verdict.holds:
                    created.append((case, party_id, kind, texts, keys, names[party_id]))
                    counts[f"{kind}_entered"] += 1
                continue
            if verdict.holds:
                fields = []
                if entry.status == RosterStatus.LEFT or (
                        entry.status in (RosterStatus.DISMISSED, RosterStatus.CLOSED)
                        and set(keys) - set(entry.handled_keys)):
                    counts[f"{kind}_{'entered' if entry.status == RosterStatus.LEFT else 'reopened'}"] += 1
                    entry.status, entry.spell, entry.entered_on = RosterStatus.PENDING, entry.spell + 1, today
                    entry.left_on, entry.left_reason = None, ""
                    fields += ["status", "spell", "entered_on", "left_on", "left_reason"]
                    pending.append((entry.court_id, entry.todo_key, case, names[party_id], kind, today))
                if entry.reasons != texts or entry.reason_keys != keys:
                    entry.reasons, entry.reason_keys = texts, keys
                    fields += ["reasons", "reason_keys"]
                if fields:
                    entry.save(update_fields=[*fields, "computed_at", "updated_at"])
                    counts[f"{kind}_updated"] += 1
            elif entry.status in ACTIVE_ROSTER_STATUSES:
                entry.status, entry.left_on, entry.left_reason = RosterStatus.LEFT, today, verdict.exit_reason[:255]
                entry.save(update_fields=["status", "left_on", "left_reason", "computed_at", "updated_at"])
                close_entry_todo(entry)
                counts[f"{kind}_left"] += 1
    ids = bulk_insert(RosterEntry, [
        {"court_id": case.court_id, "case_id": case.case_id, "party_id": party_id, "kind": kind,
         "status": RosterStatus.PENDING, "reasons": texts, "reason_keys": keys, "entered_on": today}
        for case, party_id, kind, texts, keys, _name in created], ids=True)
    _pending_todos([(case.court_id, RosterEntry.confirm_key(pk, 1), case, name, kind, today)
                    for pk, (case, _party, kind, _texts, _keys, name) in zip(ids, created)], new=True)
    _pending_todos(pending, new=False)
    return counts


def refresh_rosters(*, case_ids: list[int], today: dt.date | None = None) -> dict:
    """Recompute the rosters of these cases (events, a travel import, the sweep). Idempotent."""
    today = today or court_today()
    counts: Counter = Counter()
    ids = sorted(set(case_ids))
    with translations_memo():
        for start in range(0, len(ids), BATCH):
            counts.update(_reconcile(collect_facts(ids[start:start + BATCH]), today))
    return dict(counts)


# --- the daily job ---------------------------------------------------------------------------------------------


def _candidate_cases(court_id: int | None):
    """Running cases, 终本 cases with evidence of ability (travel, income …), and every case with an entry on a roster."""
    queryset = EnforcementCase.objects.all()
    if court_id is not None:
        queryset = queryset.filter(court_id=court_id)
    evidence = Exists(Violation.objects.filter(case=OuterRef("pk"))) | Exists(
        AbilityEvidence.objects.filter(case=OuterRef("pk")))
    return queryset.filter(
        Q(status__in=[CaseStatus.FILED, CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED])
        | Q(closure_method=ClosureMethod.TERMINATED_CURRENT) & evidence
        | Exists(RosterEntry.objects.filter(case=OuterRef("pk"), status__in=ACTIVE_ROSTER_STATUSES)))


def end_expired_measures(*, today: dt.date, court_id: int | None = None) -> Counter:
    """Measures whose time is up: detention served (CPL art. 118), the dishonest term over (失信规定 art. 2), and —
    on performance — restrictions lifted and the dishonest entry deleted (限制消费规定 art. 9; 失信规定 art. 10)."""
    from .services.measures import end_measure

    counts: Counter = Counter()
    in_force = Sanction.objects.filter(status=SanctionStatus.APPROVED).select_related("case", "party")
    if court_id is not None:
        in_force = in_force.filter(court_id=court_id)
    expiring = in_force.filter(kind__in=[SanctionKind.DETENTION, SanctionKind.DISHONEST_LIST, SanctionKind.EXIT_RESTRICTION,
                                         SanctionKind.CONSUMPTION_RESTRICTION], end_on__lt=today)
    reasons = {SanctionKind.DETENTION: _("拘留期满"), SanctionKind.DISHONEST_LIST: _("失信期限届满，删除失信信息")}
    for sanction in expiring.iterator(chunk_size=BATCH):
        with transaction.atomic():
            end_measure(sanction, on=sanction.end_on + dt.timedelta(days=1),
                        reason=reasons.get(sanction.kind, _("期限届满")))
        counts["ended_expired"] += 1
    performed = in_force.filter(kind__in=[SanctionKind.DISHONEST_LIST, SanctionKind.CONSUMPTION_RESTRICTION,
                                          SanctionKind.EXIT_RESTRICTION]).filter(
        Q(case__closure_method=ClosureMethod.COMPLETED) | Q(case__amount_recovered__gte=F("case__amount_claimed")))
    for sanction in performed.iterator(chunk_size=BATCH):
        with transaction.atomic():
            reason = _("被执行人已履行完毕，删除失信信息") if sanction.kind == SanctionKind.DISHONEST_LIST else \
                _("被执行人已履行完毕，解除%(kind)s") % {"kind": sanction.get_kind_display()}
            end_measure(sanction, on=today, reason=reason)
        counts["ended_performed"] += 1
    return counts


def flag_overdue(*, today: dt.date, court_id: int | None = None) -> Counter:
    """Overdue police decisions on referrals and untold families of detainees become the judge's to-dos."""
    from .selectors import referral_overdue_queryset

    counts: Counter = Counter()
    referrals = Prosecution.objects.select_related("case")
    if court_id is not None:
        referrals = referrals.filter(court_id=court_id)
    for p in referral_overdue_queryset(referrals, today).iterator(chunk_size=BATCH):
        _todo, made = todo_create_once(
            court_id=p.court_id, dedupe_key=f"police_overdue:{p.pk}", assignee_id=p.case.judge_id,
            kind=TodoKind.NODE_OVERDUE, enforcement_case_id=p.case_id, due_on=p.police_due_on,
            title=_("%(number)s 移送公安已逾%(d)d日，公安机关尚未决定是否立案，请催告") % {
                "number": p.case.number, "d": (p.police_due_on - p.sent_on).days})
        counts["police_overdue_flagged"] += made
    untold = Sanction.objects.filter(kind=SanctionKind.DETENTION, detained_at__isnull=False,
                                     family_notified_at__isnull=True, family_notice_note="")
    if court_id is not None:
        untold = untold.filter(court_id=court_id)
    now = timezone.now()
    for s in untold.select_related("case", "party").iterator(chunk_size=BATCH):
        if rules.family_notice_state(detained_at=s.detained_at, notified_at=None, now=now) == "overdue":
            _todo, made = todo_create_once(
                court_id=s.court_id, dedupe_key=f"family_overdue:{s.pk}", assignee_id=s.case.judge_id,
                kind=TodoKind.NODE_OVERDUE, enforcement_case_id=s.case_id, due_on=_local_date(s.detained_at),
                title=_("%(number)s 拘留%(party)s已逾24小时，尚未记录通知家属") % {
                    "number": s.case.number, "party": s.party.name})
            counts["family_overdue_flagged"] += made
    return counts


def rosters_job(*, court_id: int | None = None, today: dt.date | None = None) -> dict:
    """The daily `rosters` job: end expired measures, recompute every roster, flag overdue steps."""
    today = today or court_today()
    summary: Counter = Counter()
    summary.update(end_expired_measures(today=today, court_id=court_id))
    last_pk, checked = 0, 0
    candidates = _candidate_cases(court_id)
    with translations_memo():
        while True:
            ids = list(candidates.filter(pk__gt=last_pk).order_by("pk").values_list("pk", flat=True)[:BATCH])
            if not ids:
                break
            summary.update(_reconcile(collect_facts(ids), today))
            checked += len(ids)
            last_pk = ids[-1]
    summary.update(flag_overdue(today=today, court_id=court_id))
    active = RosterEntry.objects.filter(status__in=ACTIVE_ROSTER_STATUSES)
    if court_id is not None:
        active = active.filter(court_id=court_id)
    on_roster = Counter(active.values_list("kind", flat=True))
    return {"checked_on": today.isoformat(), "cases_checked": checked, **dict(sorted(summary.items())),
            **{f"{kind}_on_roster": on_roster.get(kind, 0) for kind in RosterKind.values}}
