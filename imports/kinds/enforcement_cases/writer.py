"""The write pass of `enforcement_cases`: a batch of valid rows becomes cases, parties, timeline lines, measures in
force, online inquiries and receipts — a fixed number of bulk queries per batch, whatever its size.

What a row does:
- a case number the court does not have yet → a new case with its own number (kept exactly), filing date, judge,
  parties (matched by resident ID or credit code within the court, created once otherwise), status (closed with
  the file's closure; under way when anything was done; else filed), and its history on the timeline with the
  file's dates, every line marked as imported (job, row);
- a case number the court has → only what is new: a closure when the case is still open here (a case closed in
  the system keeps its closure; an import never reopens, never deletes), a measure or step date not yet on its
  timeline, more money recovered than imported before. The case's particulars (judge, amounts, parties) are the
  system's once it holds the case. Nothing new → unchanged.

Measures imported as in force count from their dates for everything that reads them: 限制消费令日期 and 纳入失信日期
become approved Sanction rows (in force from that date; the persons bound for the travel match) with the timeline
line the 终本 gate reads; ended on the closing date when the case was closed otherwise than by 终本. 最近网络查控日期
becomes a completed online inquiry of each debtor (the 终本 library's and the re-inquiry sweep's "last inquiry").
执行到位金额 becomes one imported receipt in the fund ledger, dated the closing date when the case is closed (else
the filing date; an increase found by a later import is dated the day of that import), so amount_recovered and the
dashboards' money figures agree.
"""
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext as _

from cases import rules
from cases.choices import CaseStatus, ClosureMethod, EnforcementType, EventKind, FundDirection, InquiryChannel, \
    InquiryScope, InquiryStatus, PartyKind
from cases.models import AssetInquiry, CaseEvent, CaseNumberCounter, EnforcementCase, FundEntry, Party
from cases.services.enforcement import _party_names
from cases.services.numbering import raise_counter
from cases.services.timeline import record_events
from clearance.services.sweep import REINQUIRY_SCOPES
from sanctions.choices import BoundRole, SanctionKind, SanctionStatus
from sanctions.models import BoundPerson, Sanction
from sanctions.rules import RESTRICTION_KINDS
from wanian_exec.bulk import bulk_insert

from . import FACT_COLUMNS, Context, number_parts

NAME = BoundPerson._meta.get_field("name").max_length
# Steps recorded as one timeline line of the case.
STEP_EVENTS = {
    "notice_served_on": EventKind.NOTICE_SERVED,
    "report_order_served_on": EventKind.REPORT_ORDER_SERVED,
    "applicant_heard_on": EventKind.APPLICANT_HEARD,
}
# Measures recorded as a Sanction in force against each debtor, with the line the 终本 gate reads
# (sanctions.services.measures.EFFECT_EVENTS).
MEASURES = {
    "consumption_restricted_on": (SanctionKind.CONSUMPTION_RESTRICTION, EventKind.CONSUMPTION_RESTRICTED),
    "dishonest_listed_on": (SanctionKind.DISHONEST_LIST, EventKind.DISHONEST_LISTED),
}
READ_EVENT_KINDS = [*STEP_EVENTS.values(), EventKind.FUND_IN]


@dataclass
class Debtor:
    ref: object  # party id (an existing case's debtor) or identity number (resolved once the parties are written)
    kind: str
    name: str
    id_number: str


@dataclass
class Existing:
    """What the write pass needs to know of a case the court already holds."""

    pk: int
    status: str
    closure_method: str
    closed_on: dt.date | None
    filed_on: dt.date
    amount_recovered: Decimal
    version: int
    steps: set = field(default_factory=set)  # (event kind, date)
    imported_funds: Decimal = Decimal("0")
    debtors: list = field(default_factory=list)
    measures: set = field(default_factory=set)  # (party id, sanction kind)
    online_inquiries: set = field(default_factory=set)  # dates


@dataclass
class Writes:
    parties: dict = field(default_factory=dict)  # identity number → Party row (dict)
    cases: list = field(default_factory=list)  # EnforcementCase rows (dicts)
    links: list = field(default_factory=list)  # (case ref, "applicants"|"respondents", party ref)
    events: list = field(default_factory=list)  # (case ref, CaseEvent kwargs)
    sanctions: list = field(default_factory=list)  # (case ref, Debtor, Sanction kwargs)
    inquiries: list = field(default_factory=list)  # (case ref, Debtor, date)
    funds: list = field(default_factory=list)  # (case ref, amount, date)
    updates: list = field(default_factory=list)  # EnforcementCase(pk=…) with the changed fields set


def _load_existing(pks: list[int], *, lock: bool) -> dict[int, Existing]:
    if not pks:
        return {}
    cases = EnforcementCase.objects.filter(pk__in=pks).order_by("pk")
    if lock:  # a clerk closing one of these meanwhile waits; one who read it before gets StaleVersion (version + 1)
        cases = cases.select_for_update()
    existing = {row["pk"]: Existing(**row) for row in cases.values(
        "pk", "status", "closure_method", "closed_on", "filed_on", "amount_recovered", "version")}
    for case_id, kind, on, amount, imported in CaseEvent.objects.filter(
            case_id__in=pks, kind__in=READ_EVENT_KINDS).values_list("case_id", "kind", "occurred_on", "amount",
                                                                    "imported_job"):
        if kind == EventKind.FUND_IN:
            if imported is not None and amount:
                existing[case_id].imported_funds += amount
        else:
            existing[case_id].steps.add((kind, on))
    through = EnforcementCase.respondents.through
    for case_id, party_id, kind, name, id_number in through.objects.filter(enforcementcase_id__in=pks).order_by(
            "pk").values_list("enforcementcase_id", "party_id", "party__kind", "party__name", "party__id_number"):
        existing[case_id].debtors.append(Debtor(party_id, kind, name, id_number))
    for case_id, party_id, kind in Sanction.objects.filter(
            case_id__in=pks, kind__in=[k for k, _e in MEASURES.values()]).values_list("case_id", "party_id", "kind"):
        existing[case_id].measures.add((party_id, kind))
    for case_id, on in AssetInquiry.objects.filter(case_id__in=pks, channel=InquiryChannel.ONLINE).values_list(
            "case_id", "requested_on"):
        existing[case_id].online_inquiries.add(on)
    return existing


def apply_batch(kind, rows: list, context: Context, *, write: bool) -> Counter:
    existing = _load_existing([context.numbers[r.values["number"]] for r in rows
                               if context.numbers.get(r.values["number"])], lock=write)
    writes = Writes()
    counts: Counter = Counter()
    for row in rows:
        number = row.values["number"]
        year, case_type, sequence = number_parts(number)
        key = (year, case_type)
        context.max_sequence[key] = max(context.max_sequence[key], sequence)
        pk = context.numbers.get(number)
        if pk is None and number not in context.numbers:
            _plan_new(row, context, writes)
            counts["created"] += 1
        elif pk is not None and _plan_update(row, existing[pk], context, writes):
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    if write:
        _write(writes, context)
    else:
        for case in writes.cases:
            context.numbers[case["number"]] = None
        for identity in writes.parties:
            context.parties[identity] = None
    context.summary["parties_created"] += len(writes.parties)
    return counts


# --- planning --------------------------------------------------------------------------------------------------


def text(context: Context, key: str) -> str:
    """A note written on many rows, translated once per pass (the job runs in the courts' language)."""
    texts = context.texts
    if key not in texts:
        texts.update({
            "filed": _("立案，案号%(number)s"),
            "measure": _("由导入批次%(job)s第%(row)s行导入：原系统记录的%(column)s"),
            "recorded": _("原系统记录的%(column)s"),
            "ended": _("案件已结案（原系统记录）"),
            "inquiry": _("网络查控：%(scopes)s（原系统记录的最近一次网络查控）") % {
                "scopes": "、".join(str(InquiryScope(s).label) for s in REINQUIRY_SCOPES)},
            "receipt": _("原系统记录的执行到位金额"),
            "provider": _("原系统"),
            **{f"closed:{code}": f"{label}。" for code, label in ClosureMethod.choices},
            **{f"column:{key}": str(header) for key, header in FACT_COLUMNS},
        })
    return texts[key]


def _marks(context: Context, row) -> dict:
    return {"imported_job": context.job.pk, "imported_row": row.number}


def _plan_new(row, context: Context, writes: Writes) -> None:
    v = row.values
    sides = {}
    for side, names_key, ids_key in (("applicants", "applicants", "applicant_ids"),
                                     ("respondents", "respondents", "respondent_ids")):
        sides[side] = []
        for name, identity in zip(v[names_key], v[ids_key]):
            if identity.number not in context.parties and identity.number not in writes.parties:
                person = identity.kind == PartyKind.PERSON
                writes.parties[identity.number] = {
                    "court_id": context.court.pk, "kind": identity.kind, "name": name,
                    "id_number": identity.number if person else "", "credit_code": "" if person else identity.number}
            sides[side].append(Debtor(identity.number, identity.kind, name,
                                      identity.number if identity.kind == PartyKind.PERSON else ""))
    year, case_type, sequence = number_parts(v["number"])
    method, closed_on = v["closure_method"] or "", v["closed_on"]
    recovered = v["amount_recovered"] or Decimal("0")
    worked = recovered > 0 or any(v[key] is not None for key, _h in FACT_COLUMNS)
    status = CaseStatus.CLOSED if method else CaseStatus.IN_PROGRESS if worked else CaseStatus.FILED
    case = {  # a row of EnforcementCase; "id" is set once written (the refs of its links, lines and measures)
        "court_id": context.court.pk, "case_type": case_type, "year": year, "sequence": sequence,
        "number": v["number"], "filed_on": v["filed_on"], "source_document": v["source_document"],
        "amount_claimed": v["amount_claimed"], "judge_id": context.judges[v["judge"]], "status": status,
        "closed_on": closed_on if method else None, "closure_method": method, "amount_recovered": recovered,
        "party_names": _party_names([SimpleNamespace(name=d.name) for d in sides["applicants"]],
                                    [SimpleNamespace(name=d.name) for d in sides["respondents"]]),
        "deadline_on": rules.enforcement_deadline(v["filed_on"])}
    writes.cases.append(case)
    for side, debtors in sides.items():
        writes.links.extend((case, side, debtor.ref) for debtor in debtors)
    writes.events.append((case, dict(kind=EventKind.FILED, occurred_on=v["filed_on"], amount=v["amount_claimed"],
                                     note=text(context, "filed") % {"number": v["number"]}, **_marks(context, row))))
    if case_type == EnforcementType.RESUMED:
        context.resumed.append((v["number"], v["source_document"]))
    _plan_facts(row, context, writes, case, debtors=sides["respondents"], known=None, closed=(method, closed_on))
    if recovered > 0:
        _plan_receipt(row, context, writes, case, recovered, closed_on if method else v["filed_on"])
    if method:
        _plan_closure(row, context, writes, case, method, closed_on)


def _plan_update(row, known: Existing, context: Context, writes: Writes) -> bool:
    """Plan what is new for a case the court holds; False when nothing is."""
    v = row.values
    before = (len(writes.events), len(writes.sanctions), len(writes.inquiries), len(writes.funds))
    closes = (known.status != CaseStatus.CLOSED and v["closure_method"] is not None
              and v["closed_on"] >= known.filed_on)
    method = v["closure_method"] if closes else known.closure_method
    closed_on = v["closed_on"] if closes else known.closed_on
    _plan_facts(row, context, writes, known.pk, debtors=known.debtors, known=known, closed=(method, closed_on))
    delta = (v["amount_recovered"] or Decimal("0")) - known.imported_funds
    if delta > 0:
        _plan_receipt(row, context, writes, known.pk, delta, closed_on if closes else context.today)
    if closes:
        _plan_closure(row, context, writes, known.pk, method, closed_on)
    changed = closes or before != (len(writes.events), len(writes.sanctions), len(writes.inquiries),
                                   len(writes.funds))
    if not changed:
        return False
    update = EnforcementCase(pk=known.pk, status=known.status, closed_on=known.closed_on,
                             closure_method=known.closure_method, version=known.version + 1,
                             amount_recovered=known.amount_recovered + max(delta, Decimal("0")))
    if closes:
        update.status, update.closed_on, update.closure_method = CaseStatus.CLOSED, closed_on, method
    elif update.status == CaseStatus.FILED:
        update.status = CaseStatus.IN_PROGRESS  # a case is under way as soon as anything is done in it
    writes.updates.append(update)
    return True


def _plan_facts(row, context: Context, writes: Writes, case_ref, *, debtors: list, known: Existing | None,
                closed: tuple) -> None:
    v = row.values
    marks = _marks(context, row)
    for key, kind in STEP_EVENTS.items():
        on = v[key]
        if on is not None and (known is None or (kind, on) not in known.steps):
            writes.events.append((case_ref, dict(kind=kind, occurred_on=on, note="", **marks)))
    method, closed_on = closed
    ends_on = closed_on if method and method != ClosureMethod.TERMINATED_CURRENT else None
    for key, (sanction_kind, event_kind) in MEASURES.items():
        on = v[key]
        if on is None:
            continue
        for debtor in debtors:
            if known is not None and (debtor.ref, sanction_kind) in known.measures:
                continue
            writes.sanctions.append((case_ref, debtor, dict(
                kind=sanction_kind, decided_on=on, start_on=on, approved_on=on, in_force_from=on, served_on=on,
                status=SanctionStatus.ENDED if ends_on else SanctionStatus.APPROVED,
                ended_on=max(ends_on, on) if ends_on else None,
                end_reason=text(context, "ended") if ends_on else "",
                note=text(context, "measure") % {
                    "job": context.job.pk, "row": row.number, "column": text(context, f"column:{key}")})))
            writes.events.append((case_ref, dict(
                kind=event_kind, occurred_on=on, party_ref=debtor.ref,
                note=text(context, "recorded") % {"column": text(context, f"column:{key}")}, **marks)))
    on = v["last_online_inquiry_on"]
    if on is not None and (known is None or on not in known.online_inquiries):
        for debtor in debtors:
            writes.inquiries.append((case_ref, debtor, on))
            writes.events.append((case_ref, dict(
                kind=EventKind.INQUIRY, occurred_on=on, party_ref=debtor.ref,
                note=text(context, "inquiry"), **marks)))


def _plan_receipt(row, context: Context, writes: Writes, case_ref, amount: Decimal, on: dt.date) -> None:
    writes.funds.append((case_ref, amount, on))
    writes.events.append((case_ref, dict(kind=EventKind.FUND_IN, occurred_on=on, amount=amount,
                                         note=text(context, "receipt"), **_marks(context, row))))


def _plan_closure(row, context: Context, writes: Writes, case_ref, method: str, closed_on: dt.date) -> None:
    writes.events.append((case_ref, dict(kind=EventKind.CLOSED, occurred_on=closed_on,
                                         note=text(context, f"closed:{method}"), **_marks(context, row))))
    context.summary["closed"] += 1
    if method == ClosureMethod.TERMINATED_CURRENT:
        context.summary["terminated_current"] += 1


# --- writing ---------------------------------------------------------------------------------------------------


def _case_id(ref) -> int:
    return ref if isinstance(ref, int) else ref["id"]


def _write(writes: Writes, context: Context) -> None:
    ids = bulk_insert(Party, list(writes.parties.values()), ids=True)
    context.parties.update(zip(writes.parties, ids))

    def party_id(ref) -> int:
        return ref if isinstance(ref, int) else context.parties[ref]

    for case, pk in zip(writes.cases, bulk_insert(EnforcementCase, writes.cases, ids=True)):
        case["id"] = pk
        context.numbers[case["number"]] = pk
    for side in ("applicants", "respondents"):
        bulk_insert(getattr(EnforcementCase, side).through,
                    [{"enforcementcase_id": _case_id(case), "party_id": party_id(ref)}
                     for case, link_side, ref in writes.links if link_side == side])
    court_id = context.court.pk
    sanctions = [{"court_id": court_id, "case_id": _case_id(case), "party_id": party_id(debtor.ref), **fields}
                 for case, debtor, fields in writes.sanctions]
    sanction_ids = bulk_insert(Sanction, sanctions, ids=True)
    # a person's restriction binds the person (matched on travel records); a company's binds its legal
    # representative, whom the file does not name
    bulk_insert(BoundPerson, [
        {"sanction_id": pk, "party_id": sanction["party_id"], "role": BoundRole.DEBTOR, "name": debtor.name[:NAME],
         "id_number": debtor.id_number.upper()}
        for pk, sanction, (_case, debtor, _fields) in zip(sanction_ids, sanctions, writes.sanctions)
        if sanction["kind"] in RESTRICTION_KINDS and debtor.kind == PartyKind.PERSON and debtor.id_number])
    provider, scopes = text(context, "provider"), list(REINQUIRY_SCOPES)
    bulk_insert(AssetInquiry, [
        {"case_id": _case_id(case), "party_id": party_id(debtor.ref), "channel": InquiryChannel.ONLINE,
         "scopes": scopes, "requested_on": on, "status": InquiryStatus.COMPLETED, "completed_on": on,
         "provider": provider}
        for case, debtor, on in writes.inquiries])
    note = text(context, "receipt")
    bulk_insert(FundEntry, [
        {"court_id": court_id, "case_id": _case_id(case), "direction": FundDirection.IN, "amount": amount,
         "occurred_on": on, "note": note}
        for case, amount, on in writes.funds])
    events = []
    for case, fields in writes.events:
        ref = fields.pop("party_ref", None)
        events.append({**fields, "case_id": _case_id(case), "party_id": party_id(ref) if ref is not None else None})
    record_events(events)
    if writes.updates:
        now = timezone.now()
        for update in writes.updates:
            update.updated_at = now
        EnforcementCase.objects.bulk_update(writes.updates, ["status", "closed_on", "closure_method",
                                                             "amount_recovered", "version", "updated_at"])
    summary = context.summary
    summary["events"] += len(events)
    summary["measures"] += len(sanctions)
    summary["inquiries"] += len(writes.inquiries)
    summary["receipts"] += len(writes.funds)


def finish(context: Context, *, write: bool) -> dict:
    """Once the rows are in: case numbers continue after the highest imported one; 执恢 cases linked to the case
    they resume (their 执行依据 is its number). The 终本 stock needs nothing more: the daily re-inquiry sweep
    schedules every stock case whose latest round is due, however long ago (clearance.services.sweep)."""
    linked = [(number, context.numbers.get(source)) for number, source in context.resumed
              if source in context.numbers and source != number]
    report = {**dict(context.summary), "resumed_linked": len(linked)}
    if not write:
        return report
    court = context.court
    for (year, case_type), sequence in sorted(context.max_sequence.items()):
        raise_counter(CaseNumberCounter, at_least=sequence, court=court, year=year, case_type=case_type)
    if linked:
        EnforcementCase.objects.bulk_update(
            [EnforcementCase(pk=context.numbers[number], resumed_from_id=original) for number, original in linked],
            ["resumed_from"], batch_size=1000)
    return report

