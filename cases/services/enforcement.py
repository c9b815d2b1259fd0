"""Enforcement cases: filing, status changes, deadline, closure (with the 终本 gate) and resumption."""
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wanian_exec.errors import RuleViolation, StaleVersion

from .. import rules, selectors
from ..choices import (AssetStatus, CaseStatus, ClosureMethod, EnforcementType, EventKind, ExtensionStatus,
                       InquiryScope)
from ..models import CONTROLLED_STATUSES, Asset, DeadlineExtension, EnforcementCase, Suspension
from .common import (check_not_before, check_not_future, check_same_court, court_today, ensure_not_self_approval,
                     raise_if)
from .numbering import allocate_case_number
from .timeline import record_event


VALIDATED_LINKS = ("court", "judge", "source_case", "resumed_from")


def _party_names(applicants, respondents) -> str:
    return " ".join(p.name for p in [*applicants, *respondents])[:512]


def lock_case(case: EnforcementCase, *, version: int | None = None) -> EnforcementCase:
    """Re-read the case under a row lock; every write that changes the case starts here.

    `version` is the case version the user's form or API client read (optimistic lock): when another user has
    changed the case since, StaleVersion is raised and nothing is written. None skips the check (jobs, tasks).
    """
    locked = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    if version is not None and int(version) != locked.version:
        raise StaleVersion(
            _("该案件已被他人修改（您看到的是第%(seen)s版，现为第%(now)s版），本次操作未保存。请刷新页面，"
              "查看最新内容后重新操作。") % {"seen": version, "now": locked.version},
            current=locked.version, submitted=int(version))
    return locked


@transaction.atomic
def case_update(*, case: EnforcementCase, actor, version: int, **changes) -> EnforcementCase:
    """Edit a case's particulars (judge, claimed amount, livelihood flag, source document).

    `version` is required: two clerks editing the same case cannot overwrite each other (the second is refused
    with StaleVersion). Only the fields given change; an unchanged form writes nothing and keeps the version.
    """
    editable = {"judge", "amount_claimed", "is_livelihood", "source_document"}
    unknown = set(changes) - editable
    if unknown:
        raise ValidationError({name: [_("该字段不能修改。")] for name in sorted(unknown)})
    case = lock_case(case, version=version)
    ensure_open(case)
    errors: dict = {}
    judge = changes.get("judge", case.judge)
    if judge is not None and judge.court_id != case.court_id:
        errors.setdefault("judge", []).append(_("承办法官必须是本院人员。"))
    amount = changes.get("amount_claimed", case.amount_claimed)
    if amount is None or amount <= 0:
        errors.setdefault("amount_claimed", []).append(_("金额必须大于0。"))
    elif amount < case.amount_recovered:
        errors.setdefault("amount_claimed", []).append(_("申请执行标的不能少于已执行到位金额。"))
    raise_if(errors)
    changed = [name for name, value in changes.items() if getattr(case, name) != value]
    if not changed:
        return case
    notes = []
    for name in changed:
        setattr(case, name, changes[name])
        notes.append(str(EnforcementCase._meta.get_field(name).verbose_name))
    case.version += 1
    case.save(update_fields=[*changed, "version", "updated_at"])
    record_event(case=case, kind=EventKind.CASE_UPDATED, occurred_on=court_today(), actor=actor,
                 note=_("修改案件信息：%(fields)s") % {"fields": "、".join(notes)})
    return case


@transaction.atomic
def enforcement_case_file(*, court, actor, applicants: list, respondents: list, amount_claimed: Decimal,
                          filed_on: dt.date, case_type: str = EnforcementType.FIRST, source_case=None,
                          source_document: str = "", judge=None, is_livelihood: bool = False,
                          is_non_litigation: bool = False, resumed_from: EnforcementCase | None = None,
                          performed_reason: str = "") -> EnforcementCase:
    """File an enforcement case. On a source case whose obligations are already paid in full
    (rules.performed_in_full) the clerk's `performed_reason` is required, and kept on the filing's timeline entry."""
    errors: dict = {}
    if not applicants:
        errors.setdefault("applicants", []).append(_("请至少选择一名申请执行人。"))
    if not respondents:
        errors.setdefault("respondents", []).append(_("请至少选择一名被执行人。"))
    if {p.pk for p in applicants} & {p.pk for p in respondents}:
        errors.setdefault("respondents", []).append(_("同一当事人不能既是申请执行人又是被执行人。"))
    check_same_court(court, applicants, "applicants", errors)
    check_same_court(court, respondents, "respondents", errors)
    check_same_court(court, [source_case], "source_case", errors)
    check_same_court(court, [judge], "judge", errors)
    check_not_future(filed_on, "filed_on", errors)
    if source_case is not None:
        check_not_before(filed_on, source_case.filed_on, "filed_on", errors, _("执行立案日期不能早于诉讼案件立案日期。"))
    if case_type == EnforcementType.FIRST and source_case is None and not source_document.strip():
        errors.setdefault("source_document", []).append(_("请选择执行依据案件或填写执行依据文书。"))
    if case_type == EnforcementType.RESUMED and resumed_from is None:
        errors.setdefault("case_type", []).append(_("恢复执行案件须从终本案件“恢复执行”生成。"))
    raise_if(errors)
    performed_reason = (performed_reason or "").strip()
    if source_case is not None and case_type == EnforcementType.FIRST:  # 执保, 执异 … enforce no payment obligation
        _check_obligation_outstanding(source_case, performed_reason)
    case = EnforcementCase(
        court=court, case_type=case_type, source_case=source_case, source_document=source_document.strip(),
        is_non_litigation=is_non_litigation, amount_claimed=amount_claimed, filed_on=filed_on, judge=judge,
        is_livelihood=is_livelihood, resumed_from=resumed_from, party_names=_party_names(applicants, respondents),
        deadline_on=rules.enforcement_deadline(filed_on, non_litigation=is_non_litigation),
        year=filed_on.year,
    )
    # The court, judge and linked cases are rows the caller read (checked above), and a new open case meets the
    # table's CHECK constraints: Django would re-read each and test each constraint in the database (a savepoint and
    # a query apiece on PostgreSQL) — 11 of a filing's 30 round trips. The database still enforces all of them.
    case.full_clean(exclude=["year", "sequence", "number", *VALIDATED_LINKS], validate_constraints=False)
    case.sequence, case.number = allocate_case_number(court=court, year=filed_on.year, case_type=case_type)
    case.save()
    case.applicants.add(*applicants)  # a new case: add, where set() would first read the links it might remove
    case.respondents.add(*respondents)
    note = _("立案，案号%(number)s") % {"number": case.number}
    if performed_reason:
        note += _("。执行依据确定的义务已履行完毕，申请执行理由：%(reason)s") % {"reason": performed_reason}
    record_event(case=case, kind=EventKind.FILED, occurred_on=filed_on, actor=actor, amount=amount_claimed, note=note)
    if source_case is not None and resumed_from is None:
        _carry_over_preserved_assets(case, actor=actor)
    if resumed_from is None:
        from .fast_track import fast_track_evaluate

        fast_track_evaluate(case=case, actor=actor, on=filed_on)
    return case


def _check_obligation_outstanding(source_case, performed_reason: str) -> None:
    balance = selectors.litigation_balance(source_case)
    if balance is None or not rules.performed_in_full(owed=balance[0], paid=balance[1]) or performed_reason:
        return
    owed, paid = (f"{amount:.2f}" for amount in balance)
    shown = {"owed": f"{balance[0]:,.2f}", "paid": f"{balance[1]:,.2f}"}  # 126,000.00 as the pages write money
    raise RuleViolation(
        _("执行依据确定的给付义务已自动履行完毕（应履行%(owed)s元，已履行%(paid)s元）。确需申请执行的（如迟延履行利息、"
          "费用），请确认并填写理由。") % shown,
        code="obligation_performed", owed=owed, paid=paid)


def _carry_over_preserved_assets(case: EnforcementCase, *, actor) -> int:
    """保全转执行: assets frozen by the litigation's preservations move into the new enforcement case, their
    measure and lapse date running on (民诉法解释 art. 168) — unless the measure had already lapsed."""
    carried = list(Asset.objects.select_for_update(of=("self",)).filter(
        preservation__case=case.source_case, case__isnull=True, status__in=CONTROLLED_STATUSES,
    ).exclude(lapses_on__lt=case.filed_on).select_related("party").order_by("pk"))
    for asset in carried:
        asset.case = case
        asset.save(update_fields=["case", "updated_at"])
        record_event(case=case, kind=EventKind.PRESERVATION_CARRIED, occurred_on=case.filed_on, actor=actor,
                     party=asset.party, amount=asset.value,
                     note=_("保全%(m)s的%(kind)s“%(d)s”转为执行措施，期限连续计算至%(until)s")
                     % {"m": rules.control_measure_label(asset.kind), "kind": InquiryScope(asset.kind).label,
                        "d": asset.description, "until": asset.lapses_on})
    return len(carried)


def case_transition(*, case: EnforcementCase, to_status: str) -> None:
    """The one place a case's status changes; the caller holds the row lock and saves."""
    if not rules.can_transition(case.status, to_status):
        raise RuleViolation(
            _("案件当前状态为“%(from)s”，不能变更为“%(to)s”。")
            % {"from": CaseStatus(case.status).label, "to": CaseStatus(to_status).label},
            code="invalid_transition", status=case.status,
        )
    case.status = to_status


def ensure_in_progress(case: EnforcementCase) -> list[str]:
    """A newly filed case is under way as soon as anything is done in it. Returns the fields changed."""
    if case.status == CaseStatus.FILED:
        case_transition(case=case, to_status=CaseStatus.IN_PROGRESS)
        return ["status"]
    return []


def ensure_open(case: EnforcementCase) -> None:
    if case.status == CaseStatus.CLOSED:
        raise RuleViolation(_("案件已结案（%(number)s），不能再办理此事项。") % {"number": case.number},
                            code="case_closed")


def _recompute_deadline(case: EnforcementCase) -> None:
    """Approved extensions count; one reported to the high court only once approved there."""
    extension_months = sum(case.extensions.filter(status=ExtensionStatus.APPROVED).values_list("months", flat=True))
    case.deadline_on = rules.enforcement_deadline(case.filed_on, non_litigation=case.is_non_litigation,
                                                  extension_months=extension_months,
                                                  suspended_days=case.suspended_days)


@transaction.atomic
def case_close(*, case: EnforcementCase, actor, method: str, closed_on: dt.date, reason: str = "",
               version: int | None = None) -> EnforcementCase:
    """Close a case. 终本 (terminated_current) only when every precondition holds for every debtor and the second
    key is given — the applicant's signed consent or the president's approval of a collegial review — (the one gate,
    cases.rules.termination_unmet, which the case page's checklist and the API's termination-check read too).
    `version`: the case version the user saw (optimistic lock, see lock_case)."""
    from ..selectors import termination_facts

    case = lock_case(case, version=version)
    ensure_open(case)
    errors: dict = {}
    if method not in ClosureMethod.values:
        errors.setdefault("method", []).append(_("未知的结案方式。"))
    check_not_future(closed_on, "closed_on", errors)
    check_not_before(closed_on, case.filed_on, "closed_on", errors, _("结案日期不能早于立案日期。"))
    raise_if(errors)
    if method == ClosureMethod.TERMINATED_CURRENT:
        unmet = rules.termination_unmet(termination_facts(case, closing_on=closed_on))
        if unmet:
            raise RuleViolation(
                _("不符合终结本次执行程序的条件：%(list)s")
                % {"list": "；".join(str(rules.TERMINATION_CONDITIONS[c]) for c in unmet)},
                code="preconditions_unmet", unmet=unmet,
                unmet_display=[str(rules.TERMINATION_CONDITIONS[c]) for c in unmet],
            )
        if not reason.strip():
            raise ValidationError({"reason": [_("终结本次执行程序须写明理由。")]})
    if case.status == CaseStatus.SUSPENDED:
        _end_open_suspension(case, closed_on)
    case_transition(case=case, to_status=CaseStatus.CLOSED)
    case.closed_on, case.closure_method, case.closure_reason = closed_on, method, reason.strip()
    case.version += 1
    case.save(update_fields=["status", "closed_on", "closure_method", "closure_reason", "suspended_days",
                             "deadline_on", "version", "updated_at"])
    record_event(case=case, kind=EventKind.CLOSED, occurred_on=closed_on, actor=actor,
                 note=f"{ClosureMethod(method).label}。{reason}".strip())
    return case


@transaction.atomic
def termination_review_approve(*, case: EnforcementCase, actor, approved_on: dt.date, note: str = "",
                               version: int | None = None) -> EnforcementCase:
    """The court president approves the collegial panel's review in favour of 终本 (民诉法解释 art. 517): the second
    key where the applicant has not signed. Whoever proposes never approves: not the case's judge, not the user who
    recorded the panel's review."""
    from ..models import CaseEvent

    case = lock_case(case, version=version)
    ensure_open(case)
    if not actor.has_perm("cases.approve_termination"):
        raise RuleViolation(_("终本合议意见须经院长批准。"), code="approval_required")
    errors: dict = {}
    check_not_future(approved_on, "approved_on", errors)
    raise_if(errors)
    review = CaseEvent.objects.filter(case=case, kind=EventKind.COLLEGIAL_REVIEW, occurred_on__lte=approved_on
                                      ).order_by("-occurred_on", "-pk").first()
    if review is None:
        raise RuleViolation(_("尚无合议庭评议同意终本的记录，不能批准。"), code="review_missing")
    ensure_not_self_approval(proposer_ids=[case.judge_id, review.actor_id], actor=actor)
    case.version += 1
    case.save(update_fields=["version", "updated_at"])
    record_event(case=case, kind=EventKind.COLLEGIAL_REVIEW_APPROVED, occurred_on=approved_on, actor=actor,
                 note=note.strip() or _("院长批准合议庭终结本次执行程序的评议意见"))
    return case


@transaction.atomic
def case_resume(*, case: EnforcementCase, actor, filed_on: dt.date, version: int | None = None) -> EnforcementCase:
    """Resume a 终本 case: a new 执恢 case linked to the old one, carrying parties, outstanding amount, assets.
    `version`: the case version the user saw (optimistic lock, see lock_case)."""
    case = lock_case(case, version=version)
    if case.closure_method != ClosureMethod.TERMINATED_CURRENT:
        raise RuleViolation(_("只有终结本次执行程序的案件可以恢复执行。"), code="not_terminated_current")
    check_may_resume(case, actor)
    if case.resumptions.exists():
        raise RuleViolation(_("该案已恢复执行，不能重复立案。"), code="already_resumed")
    errors: dict = {}
    check_not_before(filed_on, case.closed_on, "filed_on", errors, _("恢复执行立案日期不能早于终本日期。"))
    raise_if(errors)
    outstanding = case.amount_outstanding
    if outstanding <= 0:
        raise RuleViolation(_("该案已无未履行金额，无需恢复执行。"), code="nothing_outstanding")
    new_case = enforcement_case_file(
        court=case.court, actor=actor, case_type=EnforcementType.RESUMED, source_case=case.source_case,
        source_document=case.source_document or case.number, applicants=list(case.applicants.all()),
        respondents=list(case.respondents.all()), amount_claimed=outstanding, filed_on=filed_on, judge=case.judge,
        is_livelihood=case.is_livelihood, is_non_litigation=case.is_non_litigation, resumed_from=case,
    )
    carried = case.assets.exclude(status__in=[AssetStatus.DISPOSED, AssetStatus.RELEASED, AssetStatus.SOLD])
    for asset in carried:
        asset.pk = None
        asset.case = new_case
        asset._state.adding = True
        asset.save()
    record_event(case=case, kind=EventKind.RESUMED, occurred_on=filed_on, actor=actor,
                 note=_("恢复执行，新案号%(number)s") % {"number": new_case.number})
    return new_case


RESUME_ANY_CASE = "clearance.resume_any_case"  # leaders (clearance.signals grants it)


def check_may_resume(case: EnforcementCase, actor) -> None:
    """A judge resumes only the cases they handle: another judge's 终本 case is resumed by that judge or by a leader
    (RESUME_ANY_CASE). The filing office registering the 执恢 case on the applicant's application, and the system,
    are not judges taking over a colleague's case."""
    if actor is None or not case.judge_id or actor.pk == case.judge_id:
        return
    if actor.has_perm("cases.handle_enforcementcase") and not actor.has_perm(RESUME_ANY_CASE):
        raise RuleViolation(_("本案由%(judge)s承办，恢复执行须由承办法官或院领导办理。")
                            % {"judge": case.judge.display_name}, code="not_case_judge")


@transaction.atomic
def case_suspend(*, case: EnforcementCase, actor, start_on: dt.date, reason: str) -> EnforcementCase:
    case = lock_case(case)
    ensure_in_progress(case)
    case_transition(case=case, to_status=CaseStatus.SUSPENDED)
    errors: dict = {}
    check_not_future(start_on, "start_on", errors)
    check_not_before(start_on, case.filed_on, "start_on", errors, _("中止日期不能早于立案日期。"))
    raise_if(errors)
    Suspension.objects.create(case=case, start_on=start_on, reason=reason)
    case.version += 1
    case.save(update_fields=["status", "version", "updated_at"])
    record_event(case=case, kind=EventKind.SUSPENDED, occurred_on=start_on, actor=actor, note=reason)
    return case


def _end_open_suspension(case: EnforcementCase, end_on: dt.date) -> None:
    suspension = case.suspensions.filter(end_on__isnull=True).first()
    if suspension:
        suspension.end_on = max(end_on, suspension.start_on)
        suspension.save(update_fields=["end_on", "updated_at"])
        case.suspended_days += (suspension.end_on - suspension.start_on).days
        _recompute_deadline(case)


@transaction.atomic
def case_unsuspend(*, case: EnforcementCase, actor, end_on: dt.date) -> EnforcementCase:
    """End a suspension; the days suspended push the deadline back (they do not count, domain rule)."""
    case = lock_case(case)
    case_transition(case=case, to_status=CaseStatus.IN_PROGRESS)
    errors: dict = {}
    check_not_future(end_on, "end_on", errors)
    suspension = case.suspensions.filter(end_on__isnull=True).first()
    if suspension:
        check_not_before(end_on, suspension.start_on, "end_on", errors, _("恢复日期不能早于中止日期。"))
    raise_if(errors)
    _end_open_suspension(case, end_on)
    case.version += 1
    case.save(update_fields=["status", "suspended_days", "deadline_on", "version", "updated_at"])
    record_event(case=case, kind=EventKind.RESUMED_PROCEEDINGS, occurred_on=end_on, actor=actor)
    return case


@transaction.atomic
def case_extend_deadline(*, case: EnforcementCase, actor, months: int, reason: str,
                         applied_on: dt.date | None = None) -> EnforcementCase:
    """Extend the time limit, asked in the last 5 days before expiry (rules.extension_errors).

    Up to 3 months in all are approved in the court by the president or a vice-president in charge (the permission
    cases.approve_extension); a further extension is recorded as reported to the high court (报请高院批准) and counts
    only once the high court approves it (case_record_high_court_answer).
    """
    case = lock_case(case)
    ensure_open(case)
    if not actor.has_perm("cases.approve_extension"):  # a permission, not a role name (cases/roles.py)
        raise RuleViolation(_("延长执行期限须经院长或分管副院长批准。"), code="approval_required")
    if case.extensions.filter(status=ExtensionStatus.PENDING_HIGH_COURT).exists():
        raise RuleViolation(_("延长执行期限已报请高级人民法院批准，尚待答复。"), code="extension_pending")
    ensure_not_self_approval(proposer_ids=[case.judge_id], actor=actor)  # the judge in charge applies
    applied_on = applied_on or court_today()
    already = sum(case.extensions.filter(status=ExtensionStatus.APPROVED).values_list("months", flat=True))
    errors = rules.extension_errors(deadline_on=case.deadline_on, applied_on=applied_on, months=months)
    if errors:
        raise RuleViolation("；".join(str(e) for e in errors), code="extension_not_allowed")
    if rules.extension_needs_high_court(already_extended=already, months=months):
        DeadlineExtension.objects.create(case=case, months=months, reason=reason, approved_on=applied_on,
                                         approved_by=actor, status=ExtensionStatus.PENDING_HIGH_COURT)
        case.version += 1
        case.save(update_fields=["version", "updated_at"])
        record_event(case=case, kind=EventKind.EXTENSION_REPORTED, occurred_on=applied_on, actor=actor,
                     note=_("再次延长%(m)d个月，报请高级人民法院批准：%(reason)s") % {"m": months, "reason": reason})
        return case
    DeadlineExtension.objects.create(case=case, months=months, reason=reason, approved_on=applied_on,
                                     approved_by=actor)
    _recompute_deadline(case)
    case.version += 1
    case.save(update_fields=["deadline_on", "version", "updated_at"])
    record_event(case=case, kind=EventKind.EXTENSION_APPROVED, occurred_on=applied_on, actor=actor,
                 note=_("延长%(m)d个月：%(reason)s") % {"m": months, "reason": reason})
    return case


@transaction.atomic
def case_record_high_court_answer(*, extension: DeadlineExtension, actor, approved: bool, answered_on: dt.date,
                                  note: str = "") -> DeadlineExtension:
    """Record the high court's answer to an extension reported to it: approved → the months count towards the
    time limit from then on; refused → the time limit stands."""
    case = lock_case(extension.case)
    extension = DeadlineExtension.objects.select_for_update().get(pk=extension.pk)
    if not actor.has_perm("cases.approve_extension"):
        raise RuleViolation(_("高院答复由院领导登记。"), code="approval_required")
    if extension.status != ExtensionStatus.PENDING_HIGH_COURT:
        raise RuleViolation(_("该延长申请未在等待高院答复。"), code="not_pending")
    errors: dict = {}
    check_not_future(answered_on, "answered_on", errors)
    check_not_before(answered_on, extension.approved_on, "answered_on", errors, _("答复日期不能早于报请日期。"))
    raise_if(errors)
    extension.status = ExtensionStatus.APPROVED if approved else ExtensionStatus.REFUSED
    extension.high_court_answered_on, extension.high_court_note = answered_on, note.strip()
    extension.save(update_fields=["status", "high_court_answered_on", "high_court_note", "updated_at"])
    if approved:
        _recompute_deadline(case)
    case.version += 1
    case.save(update_fields=["deadline_on", "version", "updated_at"])
    record_event(case=case, kind=EventKind.EXTENSION_APPROVED if approved else EventKind.EXTENSION_REFUSED,
                 occurred_on=answered_on, actor=actor,
                 note=(_("高级人民法院批准延长%(m)d个月。%(note)s") if approved
                       else _("高级人民法院不予批准延长。%(note)s")) % {"m": extension.months, "note": note.strip()})
    return extension
