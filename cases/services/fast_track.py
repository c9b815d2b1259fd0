"""“人工+智能” fast track (快速通道): simple cases go to a quick channel with its own list and average days.

“智能”: rules per court (cases.models.SyncSettings — one respondent, amount ≤ 50,000, assets found by the first
inquiry, by default) route a new case in automatically, at filing or when its first inquiry comes back.
“人工”: a judge may put a case in or take it out by hand; after a hand decision the rules leave the case alone.
"""
import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from .. import rules
from ..choices import CaseStatus, EventKind, InquiryStatus
from ..models import EnforcementCase
from ..selectors import fast_track_rules, sync_settings_for
from .common import check_not_before, check_not_future, raise_if
from .timeline import record_event


def _first_inquiry_found(case: EnforcementCase) -> bool | None:
    """Assets known from the start (carried over from preservation) count as found; otherwise the first
    completed inquiry decides; None while no inquiry has come back."""
    if case.assets.filter(preservation__isnull=False).exists():
        return True
    first = case.inquiries.filter(status=InquiryStatus.COMPLETED).order_by("requested_on", "pk").first()
    if first is None:
        return None
    return first.assets.exists()


def fast_track_evaluate(*, case: EnforcementCase, actor, on: dt.date) -> list[str]:
    """Route the case if it meets the court's rules; returns the unmet conditions ([] when routed or decided).

    Runs inside the caller's transaction (filing, inquiry) with the case row already locked there."""
    if case.fast_track or case.status == CaseStatus.CLOSED or case.events.filter(kind=EventKind.FAST_TRACK).exists():
        return []
    config = fast_track_rules(sync_settings_for(case.court_id))
    unmet = rules.fast_track_unmet(config, case_type=case.case_type, respondent_count=case.respondents.count(),
                                   amount=case.amount_claimed, first_inquiry_found=_first_inquiry_found(case))
    if unmet:
        return unmet
    note = _("符合快速通道规则：被执行人%(n)d人，标的%(a)s元%(assets)s") % {
        "n": case.respondents.count(), "a": f"{case.amount_claimed:,.2f}",
        "assets": _("，首次查控发现财产") if config.requires_assets_found else ""}
    _route(case, actor=actor, on=on, fast=True, note=note)
    return []


def _route(case: EnforcementCase, *, actor, on: dt.date, fast: bool, note: str) -> None:
    case.fast_track, case.fast_tracked_on, case.fast_track_note = fast, on if fast else None, note[:255]
    case.version += 1
    case.save(update_fields=["fast_track", "fast_tracked_on", "fast_track_note", "version", "updated_at"])
    record_event(case=case, kind=EventKind.FAST_TRACK, occurred_on=on, actor=actor,
                 note=(_("转入快速通道：") if fast else _("移出快速通道：")) + note)


@transaction.atomic
def fast_track_set(*, case: EnforcementCase, actor, fast_track: bool, on: dt.date, reason: str = "",
                   version: int | None = None) -> EnforcementCase:
    """“人工”: a judge routes a case into the fast track or takes it out. `version`: optimistic lock (lock_case)."""
    from .enforcement import ensure_open, lock_case

    case = lock_case(case, version=version)
    ensure_open(case)
    errors: dict = {}
    check_not_future(on, "on", errors)
    check_not_before(on, case.filed_on, "on", errors, _("日期不能早于立案日期。"))
    if not fast_track and not (reason or "").strip():
        errors.setdefault("reason", []).append(_("移出快速通道须写明理由。"))
    if fast_track == case.fast_track:
        errors.setdefault("fast_track", []).append(
            _("本案已在快速通道中。") if fast_track else _("本案不在快速通道中。"))
    raise_if(errors)
    _route(case, actor=actor, on=on, fast=fast_track, note=(reason or _("法官决定")).strip())
    return case
