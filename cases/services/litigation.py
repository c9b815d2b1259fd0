"""Litigation (source) cases: filing, preservation, outcome with its payment plan, voluntary payments."""
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from ..choices import LitigationType, OutcomeKind, PreservationKind, PreservationResponse
from ..models import LitigationCase, Obligation, Outcome, Preservation, VoluntaryPayment
from .common import check_not_before, check_not_future, check_same_court, raise_if
from .numbering import allocate_case_number


@transaction.atomic
def litigation_case_file(*, court, actor, cause: str, filed_on: dt.date, plaintiffs: list, defendants: list,
                         claim_amount: Decimal = Decimal("0"), is_property_dispute: bool = True,
                         preservation_guided: bool = False, trial_judge=None,
                         case_type: str = LitigationType.CIVIL_FIRST, preservation_response: str = "",
                         pre_suit_preservation: Preservation | None = None,
                         preservation: dict | None = None) -> LitigationCase:
    """File a litigation case. 立案与保全同步: for a property dispute the clerk records whether the rights holder was
    guided to apply for preservation and what they answered; an application made at the filing window
    (`preservation`: kind, applied_on, amount, …) is recorded in the same transaction, and a pre-suit preservation
    made before this suit is linked to it (its 30-day clock is judged on this filing)."""
    errors: dict = {}
    if not plaintiffs:
        errors.setdefault("plaintiffs", []).append(_("请至少选择一名原告。"))
    if not defendants:
        errors.setdefault("defendants", []).append(_("请至少选择一名被告。"))
    if set(p.pk for p in plaintiffs) & set(p.pk for p in defendants):
        errors.setdefault("defendants", []).append(_("同一当事人不能既是原告又是被告。"))
    check_same_court(court, plaintiffs, "plaintiffs", errors)
    check_same_court(court, defendants, "defendants", errors)
    check_same_court(court, [trial_judge], "trial_judge", errors)
    check_not_future(filed_on, "filed_on", errors)
    if preservation_response and preservation_response not in PreservationResponse.values:
        errors.setdefault("preservation_response", []).append(_("未知的保全申请意向。"))
    if preservation_response and not is_property_dispute:
        errors.setdefault("preservation_response", []).append(_("非财产争议案件无需记录保全申请意向。"))
    if pre_suit_preservation is not None:
        _check_pre_suit_link(pre_suit_preservation, court=court, defendants=defendants, filed_on=filed_on,
                             errors=errors, field="pre_suit_preservation")
    raise_if(errors)
    if pre_suit_preservation is not None or preservation:
        preservation_response = PreservationResponse.APPLIED
    case = LitigationCase(court=court, case_type=case_type, cause=cause, filed_on=filed_on,
                          claim_amount=claim_amount, is_property_dispute=is_property_dispute,
                          preservation_guided=preservation_guided, trial_judge=trial_judge,
                          preservation_response=preservation_response)
    case.year = filed_on.year
    case.full_clean(exclude=["year", "sequence", "number", "court", "trial_judge"])  # rows the caller read
    case.sequence, case.number = allocate_case_number(court=court, year=filed_on.year, case_type=case_type)
    case.save()
    case.plaintiffs.add(*plaintiffs)  # a new case: add, where set() would first read the links it might remove
    case.defendants.add(*defendants)
    if pre_suit_preservation is not None:
        Preservation.objects.filter(pk=pre_suit_preservation.pk).update(case=case)
    if preservation:
        preservation_add(case=case, actor=actor, **preservation)
        case.preservation_response = PreservationResponse.APPLIED
    return case


def _check_pre_suit_link(preservation: Preservation, *, court, defendants, filed_on, errors: dict, field: str):
    if preservation.kind != PreservationKind.PRE_LITIGATION or preservation.case_id:
        errors.setdefault(field, []).append(_("只能关联尚未起诉的诉前保全申请。"))
    elif (preservation.court_id or court.pk) != court.pk:
        errors.setdefault(field, []).append(_("该诉前保全不属于本院。"))
    elif preservation.respondent_id and preservation.respondent_id not in {p.pk for p in defendants}:
        errors.setdefault(field, []).append(_("诉前保全的被申请人应为本案被告。"))
    elif filed_on < preservation.applied_on:
        errors.setdefault(field, []).append(_("起诉日期不能早于诉前保全申请日期。"))


def _check_times(errors: dict, *, applied_on, applied_time, ruled_on, ruled_time):
    check_not_future(applied_on, "applied_on", errors)
    check_not_future(ruled_on, "ruled_on", errors)
    if ruled_on and ruled_on < applied_on:
        errors.setdefault("ruled_on", []).append(_("裁定日期不能早于申请日期。"))
    elif ruled_on and ruled_on == applied_on and applied_time and ruled_time and ruled_time < applied_time:
        errors.setdefault("ruled_time", []).append(_("裁定时间不能早于申请时间。"))


@transaction.atomic
def preservation_add(*, case: LitigationCase | None, actor, kind: str, applied_on: dt.date, amount: Decimal,
                     ruled_on: dt.date | None = None, security_amount: Decimal | None = None,
                     applied_time: dt.time | None = None, ruled_time: dt.time | None = None,
                     rejected: bool = False, court=None, applicant=None, respondent=None) -> Preservation:
    """Record a preservation application (and its ruling, when already made).

    With `case`: 诉前 or 诉讼保全 of that suit; the case's answer to the filing prompt becomes "applied". Without
    a case: a pre-suit application before any suit (court, applicant and respondent given), linked later.
    """
    errors: dict = {}
    if case is None:
        if kind != PreservationKind.PRE_LITIGATION:
            errors.setdefault("kind", []).append(_("尚未起诉时只能申请诉前保全。"))
        if court is None:
            errors.setdefault("court", []).append(_("请指定法院。"))
        if applicant is None:
            errors.setdefault("applicant", []).append(_("请选择申请人。"))
        if respondent is None:
            errors.setdefault("respondent", []).append(_("请选择被申请人。"))
        elif applicant is not None and applicant.pk == respondent.pk:
            errors.setdefault("respondent", []).append(_("申请人与被申请人不能为同一人。"))
        if court is not None:
            check_same_court(court, [applicant, respondent], "respondent", errors)
    else:
        court = case.court
        if respondent is not None and not case.defendants.filter(pk=respondent.pk).exists():
            errors.setdefault("respondent", []).append(_("被申请人应为本案被告。"))
    _check_times(errors, applied_on=applied_on, applied_time=applied_time, ruled_on=ruled_on, ruled_time=ruled_time)
    if rejected and not ruled_on:
        errors.setdefault("ruled_on", []).append(_("驳回裁定须填写裁定日期。"))
    raise_if(errors)
    preservation = Preservation(case=case, court=court, kind=kind, applied_on=applied_on, applied_time=applied_time,
                                amount=amount, ruled_on=ruled_on, ruled_time=ruled_time, rejected=rejected,
                                security_amount=security_amount, applicant=applicant, respondent=respondent,
                                recorded_by=actor)
    preservation.full_clean(exclude=["court", "applicant", "respondent", "recorded_by"])
    preservation.save()
    if case is not None and case.preservation_response != PreservationResponse.APPLIED:
        LitigationCase.objects.filter(pk=case.pk).update(preservation_response=PreservationResponse.APPLIED)
    return preservation


@transaction.atomic
def litigation_preservation_answer(*, case: LitigationCase, actor, guided: bool, response: str) -> LitigationCase:
    """立案与保全同步: record that the rights holder was told about preservation, and whether they apply."""
    case = LitigationCase.objects.select_for_update().get(pk=case.pk)
    errors: dict = {}
    if not case.is_property_dispute:
        errors.setdefault("response", []).append(_("非财产争议案件无需记录保全申请意向。"))
    if response not in PreservationResponse.values:
        errors.setdefault("response", []).append(_("请选择当事人是否申请保全。"))
    if response == PreservationResponse.DECLINED and case.preservations.exists():
        errors.setdefault("response", []).append(_("本案已登记保全申请。"))
    raise_if(errors)
    case.preservation_guided = guided or case.preservation_guided
    case.preservation_response = response
    case.save(update_fields=["preservation_guided", "preservation_response", "updated_at"])
    return case


@transaction.atomic
def outcome_record(*, case: LitigationCase, actor, kind: str, effective_on: dt.date,
                   obligations: list[dict]) -> Outcome:
    """Record the judgment / mediation and its payment plan (one or several instalments)."""
    case = LitigationCase.objects.select_for_update().get(pk=case.pk)
    errors: dict = {}
    check_not_future(effective_on, "effective_on", errors)
    check_not_before(effective_on, case.filed_on, "effective_on", errors, _("生效日期不能早于立案日期。"))
    if kind in (OutcomeKind.JUDGMENT, OutcomeKind.MEDIATION) and not obligations:
        errors.setdefault("obligations", []).append(_("判决或调解结案须载明履行义务（至少一期）。"))
    if kind in (OutcomeKind.WITHDRAWN, OutcomeKind.DISMISSED) and obligations:
        errors.setdefault("obligations", []).append(_("撤诉或驳回起诉不产生给付义务。"))
    for index, item in enumerate(obligations):
        if item["due_on"] < effective_on:
            errors.setdefault("obligations", []).append(
                _("第%(n)d期履行期限不能早于生效日期。") % {"n": index + 1})
    raise_if(errors)
    Outcome.objects.filter(case=case).delete()  # a corrected outcome replaces the old one with its plan
    outcome = Outcome(case=case, court_id=case.court_id, kind=kind, effective_on=effective_on)
    outcome.full_clean(exclude=["case"])
    outcome.save()
    for item in obligations:
        obligation = Obligation(outcome=outcome, due_on=item["due_on"], amount=item["amount"])
        obligation.full_clean(exclude=["outcome"])
        obligation.save()
    return outcome


@transaction.atomic
def payment_record(*, case: LitigationCase, actor, paid_on: dt.date, amount: Decimal, note: str = "") -> VoluntaryPayment:
    errors: dict = {}
    check_not_future(paid_on, "paid_on", errors)
    check_not_before(paid_on, case.filed_on, "paid_on", errors, _("履行日期不能早于立案日期。"))
    raise_if(errors)
    payment = VoluntaryPayment(case=case, paid_on=paid_on, amount=amount, note=note, recorded_by=actor)
    payment.full_clean(exclude=["case", "recorded_by"])
    payment.save()
    from .mediation import close_paid_reminders

    close_paid_reminders(case=case, actor=actor)
    return payment
