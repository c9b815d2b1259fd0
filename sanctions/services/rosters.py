"""A judge's decisions on a roster entry: confirm it, dismiss it (with a reason) or close it (handled).

The entry itself follows the facts (sanctions/rosters.py): it leaves the roster when they change, and a dismissed
or closed entry comes back as pending only when a *new* fact appears (one not known when it was handled).
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Todo
from wanian_exec.errors import RuleViolation

from ..choices import ACTIVE_ROSTER_STATUSES, RosterStatus
from ..models import RosterEntry


def close_entry_todo(entry: RosterEntry, actor=None) -> None:
    Todo.objects.filter(court_id=entry.court_id, dedupe_key=entry.todo_key, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=actor)


def _decide(entry: RosterEntry, *, actor, status: str, note: str, allowed_from) -> RosterEntry:
    entry = RosterEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status not in allowed_from:
        raise RuleViolation(_("该名册条目当前为“%(s)s”，不能办理此操作。") % {"s": entry.get_status_display()},
                            code="invalid_roster_transition", status=entry.status)
    entry.status, entry.decided_by, entry.decided_at, entry.decision_note = status, actor, timezone.now(), note
    entry.handled_keys = list(entry.reason_keys)
    entry.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "handled_keys", "updated_at"])
    close_entry_todo(entry, actor)
    return entry


@transaction.atomic
def roster_confirm(*, entry: RosterEntry, actor, note: str = "") -> RosterEntry:
    return _decide(entry, actor=actor, status=RosterStatus.CONFIRMED, note=(note or "").strip(),
                   allowed_from=(RosterStatus.PENDING,))


@transaction.atomic
def roster_dismiss(*, entry: RosterEntry, actor, reason: str) -> RosterEntry:
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("排除出名册须写明理由。")]})
    return _decide(entry, actor=actor, status=RosterStatus.DISMISSED, note=reason.strip(),
                   allowed_from=ACTIVE_ROSTER_STATUSES)


@transaction.atomic
def roster_close(*, entry: RosterEntry, actor, note: str = "") -> RosterEntry:
    """Handled: the police found the debtor, the summons was carried out, the detention or referral decided."""
    return _decide(entry, actor=actor, status=RosterStatus.CLOSED, note=(note or "").strip() or _("已办结"),
                   allowed_from=ACTIVE_ROSTER_STATUSES)


BULK_LIMIT = 200  # entries one bulk decision may take (a roster page shows 50)


@transaction.atomic
def roster_decide_many(*, entries, action: str, actor, reason: str = "", note: str = "") -> int:
    """Confirm or dismiss several entries at once, all or none: one entry that cannot take the decision (decided
    meanwhile by someone else) refuses the whole batch, so the judge sees the page as it now is before deciding."""
    entries = list(entries[:BULK_LIMIT + 1])
    if not entries:
        raise ValidationError({"entries": [_("请先勾选名册条目。")]})
    if len(entries) > BULK_LIMIT:
        raise ValidationError({"entries": [_("一次最多处理%(n)d条。") % {"n": BULK_LIMIT}]})
    if action == "confirm":
        for entry in entries:
            roster_confirm(entry=entry, actor=actor, note=note)
    elif action == "dismiss":
        for entry in entries:
            roster_dismiss(entry=entry, actor=actor, reason=reason)
    else:
        raise ValidationError({"action": [_("未知的操作。")]})
    return len(entries)
