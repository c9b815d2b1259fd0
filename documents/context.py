"""What a document's template is filled with, gathered from the case in a fixed number of queries.

Everything a template prints comes from here, so the issued text can be checked against the case.
"""
import datetime as dt
from dataclasses import dataclass

from django.db import models

from cases.choices import EventKind, InquiryChannel, InquiryScope, InquiryStatus, OutcomeKind, PartyKind
from cases.identity import birth_date_from_resident_id
from cases.models import EnforcementCase, Party
from sanctions.choices import DishonestGround
from sanctions.rules import DISHONEST_YEARS, report_deadline

from . import legal
from .chinese_dates import arabic_date
from .choices import AssistanceMeasure, Obstruction
from .kinds import KindSpec

OUTCOME_DOCUMENTS = {
    OutcomeKind.JUDGMENT: "民事判决书",
    OutcomeKind.MEDIATION: "民事调解书",
    OutcomeKind.WITHDRAWN: "民事裁定书",
    OutcomeKind.DISMISSED: "民事裁定书",
}
DEFAULT_SUMMONS_REASON = "经依法传唤，无正当理由拒不到场接受调查询问"
DEFAULT_RESUMPTION_REASON = "申请执行人发现被执行人有可供执行的财产，申请恢复执行"


@dataclass(frozen=True)
class PartyView:
    """A party as a document describes it: full name and full identity number (documents are served on the
    parties; lists elsewhere in the system show the number masked)."""

    name: str
    is_person: bool
    identity_label: str
    identity_number: str
    gender: str
    birth: str
    address: str
    legal_representative: str
    ethnicity: str = ""

    @property
    def description(self) -> str:
        parts = [self.name]
        if self.is_person:
            if self.gender:
                parts.append(self.gender)
            if self.birth:
                parts.append(f"{self.birth}出生")
            if self.ethnicity:
                parts.append(self.ethnicity)
        if self.identity_number:
            parts.append(f"{self.identity_label}{self.identity_number}")
        if self.address:
            parts.append(f"{'住' if self.is_person else '住所地'}{self.address}")
        return "，".join(parts)


def party_view(party: Party) -> PartyView:
    is_person = party.kind == PartyKind.PERSON
    birth = birth_date_from_resident_id(party.id_number) if is_person else None
    # GB 11643: the 17th character (sequence code) is odd for men, even for women
    gender = ("男" if int(party.id_number[16]) % 2 else "女") if birth else ""
    return PartyView(
        name=party.name, is_person=is_person,
        identity_label="公民身份号码" if is_person else "统一社会信用代码",
        identity_number=party.identity_number, gender=gender, birth=arabic_date(birth) if birth else "",
        address=party.address, legal_representative="" if is_person else party.legal_representative,
        ethnicity=party.ethnicity if is_person else "",
    )


def you(addressees: list[PartyView]) -> str:
    """How the text addresses its reader: a person 你, a unit 你单位, several debtors together 你们."""
    if len(addressees) > 1:
        return "你们"
    return "你" if addressees and addressees[0].is_person else "你单位"


def default_conduct(case: EnforcementCase, party: Party, on: dt.date) -> str:
    """The conduct a fine or detention of `party` decided on `on` rests on, from the case's timeline
    (documents.legal.obstruction_conduct decides): the report order served on the party (or on every debtor), and
    a property report after it."""
    served = case.events.filter(kind=EventKind.REPORT_ORDER_SERVED, occurred_on__lte=on).filter(
        models.Q(party=party) | models.Q(party__isnull=True)).order_by("occurred_on").values_list(
        "occurred_on", flat=True).first()
    reported = case.events.filter(kind=EventKind.PROPERTY_REPORTED, party=party, occurred_on__gte=served,
                                  occurred_on__lte=on).values_list("occurred_on", flat=True).first() if served else None
    return legal.obstruction_conduct(report_order_served_on=served, reported_on=reported,
                                     report_deadline=report_deadline(served) if served else None, decided_on=on)


def panel_signatures(panel: str, judge: str) -> list[tuple[str, str]]:
    """(title, name) lines over a ruling's date: a panel of three or more reads 审判长 then 审判员; one judge alone
    (the panel left blank: the case's judge) signs as 审判员."""
    names = [n.strip() for n in panel.replace(",", "、").replace("，", "、").split("、") if n.strip()] if panel else []
    if not names:
        return [("审判员", judge)] if judge else [("审判员", "")]
    if len(names) == 1:
        return [("审判员", names[0])]
    return [("审判长", names[0])] + [("审判员", n) for n in names[1:]]


def execution_basis(case: EnforcementCase) -> str:
    """What the case enforces: `本院（2024）赣1129民初88号民事调解书`, or the document named at filing."""
    source = case.source_case
    if source is not None:
        outcome = getattr(source, "outcome", None)
        kind = OUTCOME_DOCUMENTS.get(outcome.kind, "民事判决书") if outcome else "民事判决书"
        return f"本院{source.number}{kind}"
    return case.source_document


def _names(views: list[PartyView]) -> str:
    return "、".join(v.name for v in views)


def _termination_findings(case: EnforcementCase, on: dt.date) -> dict:
    """What was done before 终本, from the same facts the 终本 gate reads (cases.selectors.termination_facts)."""
    from cases.selectors import termination_facts

    facts = termination_facts(case, closing_on=on)
    scopes = set().union(*(r.inquired_scopes for r in facts.respondents)) if facts.respondents else set()
    return {
        "notice_served": facts.notice_served,
        "report_order_served": facts.report_order_served,
        "consumption_restricted": bool(facts.respondents) and all(r.consumption_restricted for r in facts.respondents),
        "dishonest_listed": any(r.dishonest_listed for r in facts.respondents),
        "inquired_scopes": "、".join(str(s.label) for s in InquiryScope if s in scopes),
        "offline_inquiry": (
            case.inquiries.filter(channel=InquiryChannel.OFFLINE, status=InquiryStatus.COMPLETED).exists()
            or case.events.filter(kind=EventKind.FIELD_INVESTIGATION).exists()),
        "applicant_heard": facts.applicant_heard,
        "disposable_assets": facts.disposable_assets,
    }


def build_context(*, case: EnforcementCase, spec: KindSpec, number: str, issued_on: dt.date, party: Party | None,
                  sanction, inputs: dict) -> dict:
    applicants = [party_view(p) for p in case.applicants.all()]
    respondents = [party_view(p) for p in case.respondents.all()]
    addressee = party_view(party) if party is not None else None
    court = case.court
    judge = case.judge.display_name if case.judge_id else ""
    cause = case.source_case.cause if case.source_case_id else ""
    fee = legal.execution_fee(case.amount_claimed)
    context = {
        "title": spec.printed_title,
        "kind": spec.kind,
        "kind_label": spec.label,
        "number": number,
        "issued_on": issued_on,
        "court_name": court.name,
        "parent_court_name": court.parent.name if court.parent_id else "上一级人民法院",
        "case": case,
        "case_number": case.number,
        "case_title": f"申请执行人{_names(applicants)}与被执行人{_names(respondents)}{cause}一案",
        "execution_basis": execution_basis(case),
        "applicants": applicants,
        "respondents": respondents,
        "addressee": addressee,
        # a document addressed to nobody in particular goes to every respondent
        "addressees": [addressee] if addressee else respondents,
        "addressee_names": addressee.name if addressee else _names(respondents),
        "judge_name": judge,
        "you": you([addressee] if addressee else respondents),
        # the leader who approved the measure signs the decision or order made on it (院长签发)
        "president_name": sanction.approved_by.display_name if sanction is not None and sanction.approved_by_id else "",
        "amount_claimed": case.amount_claimed,
        "amount_recovered": case.amount_recovered,
        "amount_outstanding": case.amount_outstanding,
        "execution_fee": fee,
        "legal_basis": legal.basis(spec.kind, issued_on=issued_on, conduct=inputs.get("conduct")),
        "sanction": sanction,
        "inputs": inputs,
    }
    context.update(_kind_context(case=case, spec=spec, issued_on=issued_on, sanction=sanction, inputs=inputs,
                                 court_name=court.name))
    return context


def _kind_context(*, case, spec, issued_on, sanction, inputs, court_name) -> dict:
    kind = spec.kind
    facts = (inputs.get("facts") or (sanction.note if sanction else "") or "").strip()
    if kind == "detention_decision":
        days = (sanction.end_on - sanction.start_on).days + 1
        return {"facts": facts, "days": days, "conduct_label": Obstruction(inputs["conduct"]).label}
    if kind == "fine_decision":
        return {"facts": facts, "fine_amount": sanction.amount, "conduct_label": Obstruction(inputs["conduct"]).label}
    if kind == "summons_warrant":
        return {"place": inputs.get("place") or f"{court_name}执行局",
                "reason": inputs.get("reason") or DEFAULT_SUMMONS_REASON,
                "appear_on": sanction.start_on or issued_on}
    if kind == "consumption_restriction_order":
        return {"effective_on": sanction.start_on or sanction.approved_on or issued_on}
    if kind == "dishonest_decision":
        # The ground and the term are the measure's, as approved (sanctions.rules decides the term: 失信规定 art. 2).
        ground = sanction.dishonest_ground
        fixed_term = ground != DishonestGround.ABLE_BUT_REFUSING
        label = str(DishonestGround(ground).label)
        # the judge's account of the facts, unless it merely repeats the ground's name
        note = sanction.note.strip().rstrip("。；;，,. ")
        return {"ground_label": label, "ground_item": legal.DISHONEST_GROUND_ITEMS[ground],
                "ground_facts": "" if note in ("", label) else note,
                "years": DISHONEST_YEARS + sanction.extension_years if fixed_term else None}
    if kind == "assistance_notice":
        return {"measure_label": AssistanceMeasure(inputs["measure"]).label, "assist_amount": inputs["amount"],
                "ruling_number": inputs.get("ruling_number") or ""}
    if kind == "criminal_referral_letter":
        return {"facts": facts}
    if kind == "termination_ruling":
        reason = (inputs.get("reason") or case.closure_reason or "").strip()
        judge = case.judge.display_name if case.judge_id else ""
        return {"reason": reason, "findings": _termination_findings(case, issued_on),
                "panel_signatures": panel_signatures(inputs.get("panel") or "", judge),
                "clerk_name": inputs.get("clerk") or ""}
    if kind == "resumption_notice":
        original = case.resumed_from
        return {"original_case": original, "reason": inputs.get("reason") or DEFAULT_RESUMPTION_REASON}
    return {}

