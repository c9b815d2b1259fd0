"""Checks shared by the services: court membership, dates, roles."""
import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wanian_exec.errors import RuleViolation

from .. import rules


def court_today() -> dt.date:
    """Today in the court's time zone (Asia/Shanghai), not the server's."""
    return timezone.localdate()


def check_same_court(court, objects: Iterable, field: str, errors: dict) -> None:
    for obj in objects:
        if obj is not None and getattr(obj, "court_id", None) != court.pk:
            errors.setdefault(field, []).append(_("“%(name)s”不属于本院。") % {"name": obj})


def check_not_future(day: dt.date | None, field: str, errors: dict) -> None:
    if day and day > court_today():
        errors.setdefault(field, []).append(_("日期不能晚于今天。"))


def check_not_before(day: dt.date | None, earliest: dt.date, field: str, errors: dict, message: str) -> None:
    if day and day < earliest:
        errors.setdefault(field, []).append(message)


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def ensure_not_self_approval(*, proposer_ids: Iterable, actor) -> None:
    """The one check of rules.is_self_approval that every approval service makes → 400 `self_approval`."""
    if rules.is_self_approval(proposer_ids=proposer_ids, approver_id=getattr(actor, "pk", None)):
        raise RuleViolation(rules.SELF_APPROVAL_MESSAGE, code=rules.SELF_APPROVAL)
