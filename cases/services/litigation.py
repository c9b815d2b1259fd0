"""Litigation (source) cases: filing, preservation, outcome with its payment plan, voluntary payments."""
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from ..choices import LitigationType, OutcomeKind
from ..models import LitigationCase, Obligation, Outcome, Preservation, VoluntaryPayment
from .common import check_not_before, check_not_future, check_same_court, raise_if
from .numbering import allocate_case_number


@transaction.atomic
def litigation_case_file(*, court, actor, cause: str, filed_on: dt.date, plaintiffs: list, defendants: list,
                         claim_amount: Decimal = Decimal("0"), is_property_dispute: bool = True,
                         preservation_guided: bool = False, trial_judge=None,
                         case_type: str = LitigationType.CIVIL_FIRST) -> LitigationCase:
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
    raise_if(errors)
    case = LitigationCase(court=court, case_type=case_type, cause=cause, filed_on=filed_on,
                          claim_amount=claim_amount, is_property_dispute=is_property_dispute,
                          preservation_guided=preservation_guided, trial_judge=trial_judge)
    case.year = filed_on.year
    case.full_clean(exclude=["year", "sequence", "number"])
    case.sequence, case.number = allocate_case_number(court=court, year=filed_on.year, case_type=case_type)
    case.save()
    case.plaintiffs.set(plaintiffs)
    case.defendants.set(defendants)
    return case


@transaction.atomic
def preservation_add(*, case: LitigationCase, actor, kind: str, applied_on: dt.date, amount: Decimal,
                     ruled_on: dt.date | None = None, security_amount: Decimal | None = None) -> Preservation:
    errors: dict = {}
    check_not_future(applied_on, "applied_on", errors)
    check_not_future(ruled_on, "ruled_on", errors)
    if ruled_on and ruled_on < applied_on:
        errors.setdefault("ruled_on", []).append(_("裁定日期不能早于申请日期。"))
    raise_if(errors)
    preservation = Preservation(case=case, kind=kind, applied_on=applied_on, amount=amount, ruled_on=ruled_on,
                                security_amount=security_amount)
    preservation.full_clean()
    preservation.save()
    return preservation


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
    outcome = Outcome(case=case, kind=kind, effective_on=effective_on)
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
    return payment
