"""`push_recipients`: who receives the court's weekly push lists (五推送) — grids, township governments, employers,
the discipline commission, the people's congress and CPPCC, civil affairs.

Townships and grids are referenced by name within the court (a grid by its name in the row's township, or alone
when only one township of the court has a grid of that name); an employer (工作单位) by the name or unified social
credit code of an organisation among the court's parties. Whatever is not found is a row error. The channel's own
requirements are those of pushes.services (a grid channel needs a grid, a township channel a township, an employer
channel an organisation); a grid recipient's township is its grid's.

A recipient is known by channel, name, township, grid and organisation: one the court has is updated (contact,
phone, e-mail, 人大/政协 list; a blank cell keeps what is there), otherwise created.
"""
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from audit.recorder import record_many
from cases.choices import PartyKind
from cases.models import Grid, Party, Township
from pushes.choices import Body, Channel
from pushes.models import PushRecipient

from ..registry import CellError, Column, ImportKind, Row, RowError, register
from .common import bounded_text, label_parser, row_outcome

NAME_MAX = PushRecipient._meta.get_field("name").max_length
CONTACT_MAX = PushRecipient._meta.get_field("contact").max_length
PHONE_MAX = PushRecipient._meta.get_field("phone").max_length
EMAIL_MAX = PushRecipient._meta.get_field("email").max_length
# The short names courts write for the channels (the labels and codes are accepted too).
CHANNEL_ALIASES = {"网格": Channel.GRID, "乡镇": Channel.TOWNSHIP, "街道": Channel.TOWNSHIP, "单位": Channel.EMPLOYER,
                   "纪委": Channel.DISCIPLINE, "监委": Channel.DISCIPLINE, "人大政协": Channel.NPC_CPPCC,
                   "人大": Channel.NPC_CPPCC, "政协": Channel.NPC_CPPCC, "民政": Channel.CIVIL_AFFAIRS}
BODY_ALIASES = {"人大": Body.NPC, "政协": Body.CPPCC, "人大政协": Body.BOTH, "both": Body.BOTH}
UPDATED_FIELDS = ("contact", "phone", "email", "body")
CREATED_AUDITED = ("channel", "name", "township_id", "grid_id", "organization_id", *UPDATED_FIELDS)


def parse_email(text: str) -> str:
    if len(text) > EMAIL_MAX:
        raise CellError(gettext_noop("“%(value)s”超过%(max)d个字。"), value=text[:20], max=EMAIL_MAX)
    try:
        validate_email(text)
    except ValidationError:
        raise CellError(gettext_noop("“%(value)s”不是有效的电子邮箱。"), value=text[:40])
    return text


@dataclass
class Context:
    court: object
    townships: dict  # name → township id
    grids: dict  # (township id, grid name) → grid id
    grid_townships: dict  # grid name → [township id, …]
    organizations: dict  # name or credit code → organisation party id (None: the name is shared by several)
    recipients: dict  # (channel, name, township id, grid id, organisation id) → [pk, contact, phone, email, body]
    seen: dict = field(default_factory=dict)  # validation: key → first row
    resolved: dict = field(default_factory=dict)  # row number → key (validation), reused by the write pass
    summary: Counter = field(default_factory=Counter)


class PushRecipients(ImportKind):
    name = "push_recipients"
    label = _("推送对象")
    batch_size = 1000
    columns = (
        Column("channel", _("推送渠道"), required=True, parse=label_parser(Channel, CHANNEL_ALIASES),
               choices=[label for _code, label in Channel.choices], example=Channel.TOWNSHIP.label,
               help=_("综治网格、乡镇（街道）、工作单位、纪委监委、人大、政协、民政部门（或简称：网格、乡镇、单位、人大政协、民政）")),
        Column("name", _("接收单位/人员"), required=True, parse=bounded_text(NAME_MAX), example="陈营镇人民政府"),
        Column("township", _("乡镇"), parse=bounded_text(64), example="陈营镇", help=_("本院乡镇的名称；乡镇渠道必填")),
        Column("grid", _("网格"), parse=bounded_text(64), help=_("本院网格的名称；网格渠道必填")),
        Column("organization", _("单位"), parse=bounded_text(128),
               help=_("本院当事人中单位的名称或统一社会信用代码；工作单位渠道必填")),
        Column("body", _("人大/政协"), parse=label_parser(Body, BODY_ALIASES),
               choices=[label for _code, label in Body.choices], help=_("人大、政协渠道：接收人大代表、政协委员或两者")),
        Column("contact", _("联系人"), parse=bounded_text(CONTACT_MAX), example="王主任"),
        Column("phone", _("联系电话"), parse=bounded_text(PHONE_MAX), example="0793-7712345", text=True),
        Column("email", _("电子邮箱"), parse=parse_email),
    )

    def prepare(self, job) -> Context:
        court = job.court
        townships = dict(Township.objects.filter(court=court).values_list("name", "pk"))
        grids, grid_townships = {}, {}
        for pk, township_id, name in Grid.objects.filter(township__court=court).values_list("pk", "township_id",
                                                                                             "name"):
            grids[(township_id, name)] = pk
            grid_townships.setdefault(name, []).append(township_id)
        organizations: dict = {}
        for pk, name, code in Party.objects.filter(court=court, kind=PartyKind.ORGANIZATION).values_list(
                "pk", "name", "credit_code").iterator(chunk_size=5000):
            organizations[name] = None if name in organizations and organizations[name] != pk else pk
            if code:
                organizations[code.upper()] = pk
        recipients = {}
        for pk, channel, name, township_id, grid_id, org_id, contact, phone, email, body in \
                PushRecipient.objects.filter(court=court).order_by("pk").values_list(
                    "pk", "channel", "name", "township_id", "grid_id", "organization_id", *UPDATED_FIELDS):
            recipients.setdefault((channel, name, township_id, grid_id, org_id), [pk, contact, phone, email, body])
        return Context(court=court, townships=townships, grids=grids, grid_townships=grid_townships,
                       organizations=organizations, recipients=recipients)

    def validate(self, row: Row, context: Context) -> list[RowError]:
        errors: list[RowError] = []
        key = self._resolve(row, context, errors)
        if key is not None:
            first = context.seen.setdefault(key, row.number)
            if first != row.number:
                errors.append(RowError(row.number, "name", gettext_noop("与第%(row)d行是同一推送对象。"), {"row": first}))
        return errors

    def _resolve(self, row: Row, context: Context, errors: list) -> tuple | None:
        """The recipient's key (channel, name, township id, grid id, organisation id); None when it cannot be."""
        v, n = row.values, row.number

        def error(column, message, **params):
            errors.append(RowError(n, column, message, params))

        channel = v["channel"]
        township_id = grid_id = org_id = None
        if v["township"] is not None:
            township_id = context.townships.get(v["township"])
            if township_id is None:
                error("township", gettext_noop("本院没有名为“%(value)s”的乡镇。"), value=v["township"])
        if v["grid"] is not None:
            if township_id is not None:
                grid_id = context.grids.get((township_id, v["grid"]))
                if grid_id is None:
                    error("grid", gettext_noop("乡镇“%(township)s”没有名为“%(value)s”的网格。"), value=v["grid"],
                          township=v["township"])
            elif v["township"] is None:
                found = context.grid_townships.get(v["grid"], [])
                if len(found) == 1:
                    township_id = found[0]
                    grid_id = context.grids[(township_id, v["grid"])]
                elif found:
                    error("grid", gettext_noop("本院有%(count)d个乡镇都有名为“%(value)s”的网格，请填写乡镇。"),
                          count=len(found), value=v["grid"])
                else:
                    error("grid", gettext_noop("本院没有名为“%(value)s”的网格。"), value=v["grid"])
        if v["organization"] is not None:
            text = v["organization"]
            org_id = context.organizations.get(text, context.organizations.get(text.upper(), 0))
            if org_id is None:
                error("organization", gettext_noop("本院有多个名为“%(value)s”的单位，请填写其统一社会信用代码。"),
                      value=text)
            elif org_id == 0:
                error("organization", gettext_noop("本院当事人中没有名称或统一社会信用代码为“%(value)s”的单位。"),
                      value=text)
        if channel == Channel.GRID and v["grid"] is None:
            error("grid", gettext_noop("综治网格渠道须填写网格。"))
        if channel == Channel.TOWNSHIP and v["township"] is None:
            error("township", gettext_noop("乡镇渠道须填写乡镇。"))
        if channel == Channel.EMPLOYER and v["organization"] is None:
            error("organization", gettext_noop("工作单位渠道须填写单位。"))
        if v["body"] and channel is not None and channel != Channel.NPC_CPPCC:
            error("body", gettext_noop("“人大/政协”只用于人大、政协渠道。"))
        if errors or channel is None or v["name"] is None:
            return None
        return (channel, v["name"], township_id, grid_id, org_id)

    def apply(self, rows: list[Row], context: Context, *, write: bool) -> Counter:
        counts: Counter = Counter()
        new, changed = [], []
        for row in rows:
            v = row.values
            key = self._resolve(row, context, [])
            wanted = {"contact": v["contact"], "phone": v["phone"], "email": v["email"], "body": v["body"]}
            existing = context.recipients.get(key)
            if existing is None:
                channel, name, township_id, grid_id, org_id = key
                values = {field: wanted[field] or "" for field in UPDATED_FIELDS}
                new.append(PushRecipient(court=context.court, channel=channel, name=name, township_id=township_id,
                                         grid_id=grid_id, organization_id=org_id, **values))
                context.recipients[key] = [None, *values.values()]
                counts += row_outcome(1, 0)
                continue
            current = dict(zip(UPDATED_FIELDS, existing[1:]))
            after = {field: current[field] if wanted[field] is None else wanted[field] for field in UPDATED_FIELDS}
            if after != current:
                existing[1:] = after.values()
                if existing[0] is not None:
                    recipient = PushRecipient(pk=existing[0], court=context.court, channel=key[0], name=key[1],
                                              **after)
                    recipient.before = current
                    changed.append(recipient)
            counts += row_outcome(0, after != current)
        if write:
            PushRecipient.objects.bulk_create(new, batch_size=1000)
            for recipient in new:
                context.recipients[(recipient.channel, recipient.name, recipient.township_id, recipient.grid_id,
                                    recipient.organization_id)][0] = recipient.pk
            if changed:
                PushRecipient.objects.bulk_update(changed, list(UPDATED_FIELDS), batch_size=1000)
            record_many(PushRecipient, [
                *((r, "create", {f: (None, getattr(r, f) or None) for f in CREATED_AUDITED}) for r in new),
                *((r, "update", {f: (r.before[f], getattr(r, f)) for f in UPDATED_FIELDS
                                 if r.before[f] != getattr(r, f)}) for r in changed)])
        return counts


PUSH_RECIPIENTS = register(PushRecipients())

