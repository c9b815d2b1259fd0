"""The criminal track of refusal to execute (拒执罪): referral letter and evidence list, the police decision within
7 days (30 if complex), the outcome (case opened, prosecuted, judged); when the police decline, the applicant's
private prosecution (自诉); settlement (执行和解) and the payments that end it."""
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.choices import EventKind, FundDirection
from cases.services.case_work import case_record_fund
from cases.services.common import check_not_future, raise_if
from cases.services.timeline import record_event
from wanian_exec.errors import RuleViolation

from ..choices import EvidenceKind, PoliceDecision, ProsecutionTrack, SanctionKind
from ..models import AbilityEvidence, Prosecution, ProsecutionEvidence, Violation


def _evidence_lines(prosecution: Prosecution) -> list[ProsecutionEvidence]:
    """The default evidence list: the judgment, the orders breached, every travel violation, every piece of
    evidence of ability to pay recorded for this debtor in this case."""
    lines = [ProsecutionEvidence(prosecution=prosecution, title=_("执行依据"),
                                 description=prosecution.case.source_document or _("生效法律文书"))]
    violations = Violation.objects.filter(case=prosecution.case, party=prosecution.party).select_related(
        "travel_record", "sanction").order_by("travelled_on", "pk")
    for v in violations:
        record = v.travel_record
        lines.append(ProsecutionEvidence(
            prosecution=prosecution, violation=v, title=_("出行记录（%(kind)s）") % {"kind": v.get_kind_display()},
            description=_("%(name)s于%(date)s %(mode)s %(route)s %(seat)s，违反%(order)s（%(from)s起生效）") % {
                "name": record.name, "date": record.travelled_on, "mode": record.get_mode_display(),
                "route": record.route, "seat": record.seat_class, "order": v.sanction.get_kind_display(),
                "from": v.sanction.in_force_from}))
    for e in AbilityEvidence.objects.filter(case=prosecution.case, party=prosecution.party).order_by("occurred_on"):
        amount = f"，{e.amount:,.2f}元" if e.amount is not None else ""
        lines.append(ProsecutionEvidence(
            prosecution=prosecution, ability_evidence=e, title=EvidenceKind(e.kind).label,
            description=f"{e.occurred_on} {e.description}{amount}（{e.source or _('法院调查')}）"))
    return lines


def prosecution_open(*, sanction, actor) -> Prosecution:
    """Called when a criminal referral is approved or a private prosecution recorded (measures._take_effect)."""
    existing = Prosecution.objects.filter(sanction=sanction).first()
    if existing:
        return existing
    if sanction.kind == SanctionKind.CRIMINAL_REFERRAL:
        prosecution = Prosecution.objects.create(
            court_id=sanction.court_id, sanction=sanction, case=sanction.case, party=sanction.party,
            track=ProsecutionTrack.REFERRAL, facts=sanction.note, updated_by=actor)
        ProsecutionEvidence.objects.bulk_create(_evidence_lines(prosecution))
        return prosecution
    origin = Prosecution.objects.filter(case=sanction.case, party=sanction.party, track=ProsecutionTrack.REFERRAL,
                                        police_decision=PoliceDecision.DECLINED).order_by("-pk").first()
    return Prosecution.objects.create(
        court_id=sanction.court_id, sanction=sanction, case=sanction.case, party=sanction.party,
        track=ProsecutionTrack.PRIVATE, origin=origin, facts=sanction.note, filed_on=sanction.decided_on,
        police_decision=PoliceDecision.DECLINED, updated_by=actor)


def _locked(prosecution: Prosecution) -> Prosecution:
    return Prosecution.objects.select_for_update().select_related("case", "party", "sanction").get(pk=prosecution.pk)


def _check_dates(errors: dict, field: str, day: dt.date | None, *, not_before: dt.date | None, message: str):
    check_not_future(day, field, errors)
    if day and not_before and day < not_before:
        errors.setdefault(field, []).append(message)


@transaction.atomic
def prosecution_send(*, prosecution: Prosecution, actor, police_agency: str, sent_on: dt.date,
                     complex_case: bool = False) -> Prosecution:
    """The referral letter and evidence list go to the police: their 7-day (30 if complex) clock starts."""
    p = _locked(prosecution)
    if p.track != ProsecutionTrack.REFERRAL:
        raise RuleViolation(_("自诉案件无需移送公安。"), code="not_referral")
    errors: dict = {}
    if not (police_agency or "").strip():
        errors.setdefault("police_agency", []).append(_("请填写接收移送的公安机关。"))
    _check_dates(errors, "sent_on", sent_on, not_before=p.sanction.approved_on,
                 message=_("移送日期不能早于院长批准日期。"))
    raise_if(errors)
    p.police_agency, p.sent_on, p.complex_case, p.updated_by = police_agency.strip(), sent_on, complex_case, actor
    p.save(update_fields=["police_agency", "sent_on", "complex_case", "updated_by", "updated_at"])
    record_event(case=p.case, kind=EventKind.PROSECUTION_PROGRESS, occurred_on=sent_on, actor=actor, party=p.party,
                 note=_("涉嫌拒不执行判决、裁定罪，移送%(agency)s（证据%(n)d项）") % {
                     "agency": p.police_agency, "n": p.evidence.count()})
    return p


@transaction.atomic
def prosecution_police_decision(*, prosecution: Prosecution, actor, decision: str, decided_on: dt.date,
                                note: str = "") -> Prosecution:
    p = _locked(prosecution)
    errors: dict = {}
    if p.track != ProsecutionTrack.REFERRAL or p.sent_on is None:
        raise RuleViolation(_("尚未移送公安，不能登记公安决定。"), code="not_sent")
    if decision not in (PoliceDecision.OPENED, PoliceDecision.DECLINED):
        errors.setdefault("decision", []).append(_("请选择公安机关的决定（立案或不予立案）。"))
    _check_dates(errors, "decided_on", decided_on, not_before=p.sent_on, message=_("决定日期不能早于移送日期。"))
    raise_if(errors)
    late = p.police_overdue(decided_on)
    p.police_decision, p.police_decided_on, p.decision_note, p.updated_by = decision, decided_on, note, actor
    p.save(update_fields=["police_decision", "police_decided_on", "decision_note", "updated_by", "updated_at"])
    text = PoliceDecision(decision).label + (f"：{note}" if note else "")
    if late:
        text += _("（超过%(d)d日期限）") % {"d": (p.police_due_on - p.sent_on).days}
    if decision == PoliceDecision.DECLINED:
        text += _("。申请执行人可依法提起自诉。")
    record_event(case=p.case, kind=EventKind.PROSECUTION_PROGRESS, occurred_on=decided_on, actor=actor, party=p.party,
                 note=text)
    return p


@transaction.atomic
def prosecution_progress(*, prosecution: Prosecution, actor, prosecuted_on: dt.date | None = None,
                         judged_on: dt.date | None = None, judgment: str = "") -> Prosecution:
    """Public prosecution (after the police opened a case) or the private prosecution's trial, then judgment."""
    p = _locked(prosecution)
    errors: dict = {}
    if p.track == ProsecutionTrack.REFERRAL and p.police_decision != PoliceDecision.OPENED:
        raise RuleViolation(_("公安机关尚未立案。"), code="not_opened")
    if prosecuted_on and p.track == ProsecutionTrack.PRIVATE:
        errors.setdefault("prosecuted_on", []).append(_("自诉案件无公诉环节，请直接登记判决。"))
    start = p.police_decided_on or p.filed_on
    _check_dates(errors, "prosecuted_on", prosecuted_on, not_before=start, message=_("起诉日期不能早于立案日期。"))
    _check_dates(errors, "judged_on", judged_on, not_before=prosecuted_on or p.prosecuted_on or start,
                 message=_("判决日期不能早于起诉（受理）日期。"))
    if judged_on and not (judgment or "").strip():
        errors.setdefault("judgment", []).append(_("请填写判决结果。"))
    if not prosecuted_on and not judged_on:
        errors.setdefault("prosecuted_on", []).append(_("请填写起诉或判决日期。"))
    raise_if(errors)
    fields = ["updated_by", "updated_at"]
    if prosecuted_on:
        p.prosecuted_on = prosecuted_on
        fields.append("prosecuted_on")
    if judged_on:
        p.judged_on, p.judgment = judged_on, judgment.strip()
        fields += ["judged_on", "judgment"]
    p.updated_by = actor
    p.save(update_fields=fields)
    record_event(case=p.case, kind=EventKind.PROSECUTION_PROGRESS, occurred_on=judged_on or prosecuted_on, actor=actor,
                 party=p.party, note=(_("拒执罪判决：%(j)s") % {"j": judgment}) if judged_on
                 else _("拒执罪案件已提起公诉"))
    return p


@transaction.atomic
def prosecution_settle(*, prosecution: Prosecution, actor, settled_on: dt.date, terms: str) -> Prosecution:
    """执行和解 reached in the criminal track (the Wannian private prosecutions all ended so)."""
    p = _locked(prosecution)
    errors: dict = {}
    if p.settled_on:
        raise RuleViolation(_("已登记和解。"), code="already_settled")
    if not (terms or "").strip():
        errors.setdefault("terms", []).append(_("请填写和解协议内容。"))
    _check_dates(errors, "settled_on", settled_on, not_before=p.sanction.decided_on,
                 message=_("和解日期不能早于移送（自诉）日期。"))
    raise_if(errors)
    p.settled_on, p.settlement_terms, p.updated_by = settled_on, terms.strip(), actor
    p.save(update_fields=["settled_on", "settlement_terms", "updated_by", "updated_at"])
    record_event(case=p.case, kind=EventKind.PROSECUTION_PROGRESS, occurred_on=settled_on, actor=actor, party=p.party,
                 note=_("拒执案件中达成执行和解：%(t)s") % {"t": p.settlement_terms})
    return p


@transaction.atomic
def prosecution_payment(*, prosecution: Prosecution, actor, amount: Decimal, paid_on: dt.date, note: str = "",
                        performed: bool = False, confirm_excess: bool = False):
    """A payment made in the criminal track goes into the case's fund ledger (一案一账号) — the crackdown recovery;
    `performed` marks the settlement performed in full."""
    p = _locked(prosecution)
    if performed and not p.settled_on:
        raise ValidationError({"performed": [_("尚未登记和解，不能标记和解履行完毕。")]})
    entry = case_record_fund(case=p.case, actor=actor, direction=FundDirection.IN, amount=amount, occurred_on=paid_on,
                             note=note or _("拒执案件中被执行人履行款"), confirm_excess=confirm_excess)
    if performed:
        p.performed_on, p.updated_by = paid_on, actor
        p.save(update_fields=["performed_on", "updated_by", "updated_at"])
    return entry


@transaction.atomic
def prosecution_add_evidence(*, prosecution: Prosecution, actor, title: str, description: str = "") -> ProsecutionEvidence:
    p = _locked(prosecution)
    if not (title or "").strip():
        raise ValidationError({"title": [_("请填写证据名称。")]})
    if p.sent_on:
        raise RuleViolation(_("已移送公安，证据清单不能再修改（补充证据请另函移送）。"), code="already_sent")
    return ProsecutionEvidence.objects.create(prosecution=p, title=title.strip(), description=description)
