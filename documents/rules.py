"""Checks on what a document is issued with, as pure functions over plain values; each returns every error."""
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from sanctions.choices import SanctionKind, SanctionStatus

from .kinds import KindSpec

MAX_INPUT_AMOUNT = Decimal("999999999999.99")  # the widest money column (cases.models.litigation.money_field)


def _clean_one(field, raw):
    """(value, error) for one input; blank → the field's default (None when it has none)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if field.required:
            return None, _("请填写%(label)s。") % {"label": field.label}
        return field.default, None
    if field.type in ("text", "textarea"):
        value = str(raw).strip()
        if len(value) > field.max_length:
            return None, _("%(label)s不能超过%(n)d个字。") % {"label": field.label, "n": field.max_length}
        return value, None
    if field.type == "money":
        if isinstance(raw, float):
            raw = str(raw)
        try:
            value = Decimal(str(raw).strip().replace(",", ""))
        except (InvalidOperation, ValueError):
            return None, _("%(label)s应为金额。") % {"label": field.label}
        if not value.is_finite() or value <= 0 or value > MAX_INPUT_AMOUNT or value != value.quantize(Decimal("0.01")):
            return None, _("%(label)s应为大于0、最多两位小数的金额。") % {"label": field.label}
        return value.quantize(Decimal("0.01")), None
    if field.type == "int":
        try:
            value = int(str(raw).strip())
        except ValueError:
            return None, _("%(label)s应为整数。") % {"label": field.label}
        if (field.min_value is not None and value < field.min_value) or (
                field.max_value is not None and value > field.max_value):
            return None, _("%(label)s应在%(lo)s至%(hi)s之间。") % {
                "label": field.label, "lo": field.min_value, "hi": field.max_value}
        return value, None
    if field.type == "choice":
        value = str(raw).strip()
        if value not in field.choices.values:
            return None, _("%(label)s的选项无效。") % {"label": field.label}
        return value, None
    raise ValueError(field.type)  # a KindSpec with an unknown input type is a programming error


def clean_inputs(spec: KindSpec, raw: dict) -> tuple[dict, dict]:
    """The kind's inputs typed and defaulted, and {field: [messages]}; names the kind does not use are refused."""
    values, errors = {}, {}
    known = {f.name for f in spec.inputs}
    for name in sorted(set(raw) - known):
        if raw[name] not in (None, ""):
            errors.setdefault(name, []).append(_("%(kind)s不需要此项。") % {"kind": spec.label})
    for field in spec.inputs:
        value, error = _clean_one(field, raw.get(field.name))
        if error:
            errors.setdefault(field.name, []).append(error)
        else:
            values[field.name] = value
    return values, errors


def sanction_errors(spec: KindSpec, *, sanction_kind: str | None, sanction_status: str | None,
                    same_case: bool) -> list[str]:
    """A decision rests on the measure the court president approved (民事诉讼法 art. 119; the 限制消费 and 失信
    decisions likewise follow approval, see sanctions.rules.NEEDS_APPROVAL); never on a proposal or a refusal."""
    if spec.sanction_kind is None:
        return [_("%(kind)s不依据强制措施制作。") % {"kind": spec.label}] if sanction_kind else []
    if sanction_kind is None:
        return [_("请选择已批准的%(measure)s措施。") % {"measure": SanctionKind(spec.sanction_kind).label}]
    errors = []
    if not same_case:
        errors.append(_("该强制措施不属于本案。"))
    if sanction_kind != spec.sanction_kind:
        errors.append(_("%(kind)s应依据“%(want)s”措施制作，所选措施为“%(got)s”。") % {
            "kind": spec.label, "want": SanctionKind(spec.sanction_kind).label,
            "got": SanctionKind(sanction_kind).label})
    if sanction_status != SanctionStatus.APPROVED:
        errors.append(_("该强制措施尚未经院长批准生效（当前状态：%(status)s），不能制作%(kind)s。") % {
            "status": SanctionStatus(sanction_status).label, "kind": spec.label})
    return errors


def assistance_amount_errors(amount: Decimal | None, *, outstanding: Decimal, fee: Decimal) -> list[str]:
    """民事诉讼法 art. 253: what is frozen, stopped or transferred may not exceed what the debtor owes —
    the amount still outstanding plus the enforcement fee."""
    limit = outstanding + fee
    if amount is not None and amount > limit:
        return [_("协助执行金额不得超出被执行人应当履行义务的范围（未履行金额及执行费合计%(limit)s元）。")
                % {"limit": f"{limit:,.2f}"}]
    return []
