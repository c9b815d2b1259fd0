"""Issuing a legal document: number, text, PDF, the timeline — all in one transaction."""
import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from cases import rules as case_rules
from cases.choices import ClosureMethod, EnforcementType, Role
from cases.models import EnforcementCase
from cases.services.case_work import case_record_event
from cases.services.common import check_not_before, check_not_future, court_today, raise_if
from cases.services.enforcement import lock_case
from wanian_exec.errors import RuleViolation

from . import legal, rules
from .choices import DocumentSeries
from .context import build_context, default_conduct
from .kinds import FROM_SANCTION, RESPONDENT_REQUIRED, SPECS, WHOLE_CASE, KindSpec
from .models import Document, DocumentCounter
from .numbering import allocate_document_number, format_document_number, is_number_of_case, take_series_number
from .rendering import render_html, render_pdf

DRAFT_NUMBER = "（草稿，文书编号于制作时生成）"


def _spec(kind: str) -> KindSpec:
    spec = SPECS.get(kind)
    if spec is None:
        raise ValidationError({"kind": [_("未知的文书种类。")]})
    return spec


def _resolve_party(case: EnforcementCase, spec: KindSpec, party, sanction, errors: dict):
    """The party a document is about, by the kind's rule; adds to `errors` what does not fit."""
    respondents = list(case.respondents.all())
    if spec.party_rule == WHOLE_CASE:
        if party is not None:
            errors.setdefault("party", []).append(_("%(kind)s针对全案，无需选择当事人。") % {"kind": spec.label})
        return None
    if spec.party_rule == FROM_SANCTION:
        if sanction is None:
            return None
        if party is not None and party.pk != sanction.party_id:
            errors.setdefault("party", []).append(_("当事人应为强制措施针对的被执行人。"))
        return sanction.party
    if party is None:
        if spec.party_rule == RESPONDENT_REQUIRED:
            if len(respondents) == 1:
                return respondents[0]
            errors.setdefault("party", []).append(_("本案有多名被执行人，请选择%(kind)s针对的被执行人。")
                                                  % {"kind": spec.label})
        return None
    if party.pk not in {p.pk for p in respondents}:
        errors.setdefault("party", []).append(_("该当事人不是本案被执行人。"))
    return party


def _check_sanction(spec: KindSpec, case: EnforcementCase, sanction, issued_on: dt.date, errors: dict) -> None:
    messages = rules.sanction_errors(
        spec, sanction_kind=sanction.kind if sanction else None, sanction_status=sanction.status if sanction else None,
        same_case=sanction is not None and sanction.case_id == case.pk)
    if messages:
        errors.setdefault("sanction", []).extend(messages)
    elif sanction is not None and sanction.approved_on and issued_on < sanction.approved_on:
        errors.setdefault("issued_on", []).append(_("落款日期不能早于强制措施批准日期（%(d)s）。")
                                                  % {"d": sanction.approved_on.isoformat()})
    if (sanction is not None and not messages
            and Document.objects.filter(sanction=sanction, kind=spec.kind).exists()):
        existing = Document.objects.filter(sanction=sanction, kind=spec.kind).values_list("number", flat=True).first()
        errors.setdefault("sanction", []).append(_("该强制措施已制作%(kind)s（%(number)s），不能重复制作。")
                                                 % {"kind": spec.label, "number": existing})


def _check_case_state(spec: KindSpec, case: EnforcementCase, issued_on: dt.date) -> None:
    """Kind-specific gates on the case itself, raised as RuleViolation (400 with a code)."""
    if spec.kind == "termination_ruling":
        if case.is_closed and case.closure_method == ClosureMethod.TERMINATED_CURRENT:
            return
        if case.is_closed:
            raise RuleViolation(_("该案已以“%(method)s”结案，不能制作终结本次执行程序裁定书。")
                                % {"method": ClosureMethod(case.closure_method).label}, code="case_closed")
        from cases.selectors import termination_facts

        # the 终本 ruling rests on the same preconditions as the 终本 closure (cases.rules.termination_unmet)
        unmet = case_rules.termination_unmet(termination_facts(case, closing_on=issued_on))
        if unmet:
            display = [str(case_rules.TERMINATION_CONDITIONS[c]) for c in unmet]
            raise RuleViolation(_("不符合终结本次执行程序的条件：%(list)s") % {"list": "；".join(display)},
                                code="preconditions_unmet", unmet=unmet, unmet_display=display)
    if spec.kind == "resumption_notice" and not (case.case_type == EnforcementType.RESUMED and case.resumed_from_id):
        raise RuleViolation(_("恢复执行通知书须在由终本案件恢复执行立案的执恢案件中制作。"), code="not_resumed_case")


def _validate(*, case, spec, party, sanction, issued_on, extra) -> tuple:
    errors: dict = {}
    check_not_future(issued_on, "issued_on", errors)
    check_not_before(issued_on, case.filed_on, "issued_on", errors, _("落款日期不能早于立案日期。"))
    inputs, input_errors = rules.clean_inputs(spec, extra or {})
    for field, messages in input_errors.items():
        errors.setdefault(field, []).extend(messages)
    _check_sanction(spec, case, sanction, issued_on, errors)
    party = _resolve_party(case, spec, party, sanction, errors)
    if spec.kind == "assistance_notice" and "amount" in inputs:
        messages = rules.assistance_amount_errors(inputs["amount"], outstanding=case.amount_outstanding,
                                                  fee=legal.execution_fee(case.amount_claimed))
        if messages:
            errors.setdefault("amount", []).extend(messages)
    ruling_number = inputs.get("ruling_number")
    if ruling_number and not is_number_of_case(ruling_number, case.number):
        errors.setdefault("ruling_number", []).append(
            _("执行裁定书文号应为本案案号%(number)s或其“之一”“之二”……。") % {"number": case.number})
    raise_if(errors)
    _check_case_state(spec, case, issued_on)
    return party, inputs


def _complete_inputs(spec: KindSpec, case: EnforcementCase, party, sanction, inputs: dict, actor, *,
                     draft: bool) -> dict:
    """What the judge left blank and the case decides, written into the inputs so the record shows it: the conduct
    a fine or detention rests on, the ruling an assistance notice carries out, the clerk of a ruling."""
    inputs = dict(inputs)
    if "conduct" in inputs and not inputs["conduct"]:
        inputs["conduct"] = default_conduct(case, party, sanction.decided_on)
    if spec.kind == "assistance_notice" and not inputs.get("ruling_number"):
        # the ruling is made with the notice: it takes the case's next ruling number
        if draft:
            last = DocumentCounter.objects.filter(case=case, series=DocumentSeries.RULING).values_list(
                "last", flat=True).first() or 0
            inputs["ruling_number"] = format_document_number(case.number, last + 1)
        else:
            inputs["ruling_number"] = take_series_number(case, DocumentSeries.RULING)[1]
    if spec.kind == "termination_ruling" and not inputs.get("clerk") and actor is not None \
            and actor.has_role(Role.CLERK) and not actor.is_superuser:
        inputs["clerk"] = actor.display_name
    return inputs


def _json_inputs(inputs: dict) -> dict:
    return {k: (str(v) if v is not None and not isinstance(v, (int, str, bool)) else v) for k, v in inputs.items()}


def _event_note(spec: KindSpec, number: str, party) -> str:
    target = f"（{party.name}）" if party is not None else ""
    return _("制作并送达《%(kind)s》%(target)s，文书编号%(number)s") % {
        "kind": spec.label, "target": target, "number": number}


@transaction.atomic
def document_issue(*, case: EnforcementCase, kind: str, actor, party=None, sanction=None,
                   issued_on: dt.date | None = None, extra: dict | None = None) -> Document:
    """Issue a document in a case: its own number, HTML and PDF from the kind's template, the PDF stored on the case,
    and a timeline entry — 执行通知书 / 报告财产令 record NOTICE_SERVED / REPORT_ORDER_SERVED (served on the
    issue date; the 终本 gate reads them), every other kind a NOTE naming the document.

    Refusals: ValidationError by field (inputs, party, an unapproved or foreign sanction), RuleViolation for the
    case's state (closed, 终本 preconditions unmet). Everything rolls back together, the number included; a PDF
    file already written is removed if saving the row fails.
    """
    spec = _spec(kind)
    case = lock_case(case)
    issued_on = issued_on or court_today()
    party, inputs = _validate(case=case, spec=spec, party=party, sanction=sanction, issued_on=issued_on, extra=extra)
    series, sequence, number = allocate_document_number(case=case, kind=spec.kind)
    inputs = _complete_inputs(spec, case, party, sanction, inputs, actor, draft=False)
    event = case_record_event(case=case, actor=actor, kind=spec.event_kind, occurred_on=issued_on, party=party,
                              note=_event_note(spec, number, party))
    case = EnforcementCase.objects.select_related("court__parent", "judge", "source_case__outcome",
                                                  "resumed_from").get(pk=case.pk)
    context = build_context(case=case, spec=spec, number=number, issued_on=issued_on, party=party,
                            sanction=sanction, inputs=inputs)
    html = render_html(spec, context)
    pdf = render_pdf(html)
    document = Document(court=case.court, case=case, kind=spec.kind, year=issued_on.year, series=series,
                        sequence=sequence,
                        number=number, title=spec.printed_title, issued_on=issued_on, party=party, sanction=sanction,
                        inputs=_json_inputs(inputs), html=html, pdf_sha256=hashlib.sha256(pdf).hexdigest(),
                        event=event, issued_by=actor)
    document.pdf.save("document.pdf", ContentFile(pdf), save=False)  # the name comes from document_upload_to
    try:
        document.save()
    except Exception:
        document.pdf.delete(save=False)
        raise
    return document


def document_draft(*, case: EnforcementCase, kind: str, party=None, sanction=None, issued_on: dt.date | None = None,
                   extra: dict | None = None, actor=None) -> str:
    """The HTML a document would have, marked 草稿 and without a number; checks as issuing does, writes nothing."""
    spec = _spec(kind)
    issued_on = issued_on or court_today()
    party, inputs = _validate(case=case, spec=spec, party=party, sanction=sanction, issued_on=issued_on, extra=extra)
    inputs = _complete_inputs(spec, case, party, sanction, inputs, actor, draft=True)
    case = EnforcementCase.objects.select_related("court__parent", "judge", "source_case__outcome",
                                                  "resumed_from").get(pk=case.pk)
    context = build_context(case=case, spec=spec, number=DRAFT_NUMBER, issued_on=issued_on, party=party,
                            sanction=sanction, inputs=inputs)
    return render_html(spec, {**context, "draft": True})
