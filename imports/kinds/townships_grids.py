"""`townships_grids`: the court's map — townships (name, code), their comprehensive-management grids (综治网格), and
each grid's worker (网格员), who receives the grid's weekly push list.

One row is a township, or a township and one of its grids (the township repeated on each of its grids' rows, with
the same name and code). A township is known by its code: a code the court has with another name renames it. A
grid is known by its name within its township. A grid worker is the grid's push recipient of the grid channel
(pushes.PushRecipient: named 〈乡镇〉〈网格〉网格员, the worker as its contact, with the phone the portal link is sent
to); the grid's first such recipient is updated when the court has one. An import never deletes or moves anything.
"""
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from audit.recorder import record_many
from cases.models import Grid, Township
from pushes.choices import Channel
from pushes.models import PushRecipient

from ..registry import Column, ImportKind, Row, RowError, register
from .common import bounded_text, row_outcome

NAME_MAX = Township._meta.get_field("name").max_length
CODE_MAX = Township._meta.get_field("code").max_length
GRID_MAX = Grid._meta.get_field("name").max_length
CONTACT_MAX = PushRecipient._meta.get_field("contact").max_length
PHONE_MAX = PushRecipient._meta.get_field("phone").max_length
WORKER_AUDITED = ("channel", "name", "township_id", "grid_id", "contact", "phone")


def worker_recipient_name(township: str, grid: str) -> str:
    return f"{township}{grid}网格员"[:PushRecipient._meta.get_field("name").max_length]


@dataclass
class Place:
    pk: int | None  # None: created by this dry run (or earlier in this batch, before its write)
    name: str


@dataclass
class Worker:
    pk: int | None
    contact: str
    phone: str


@dataclass
class Context:
    court: object
    townships: dict  # code → Place
    names: dict  # township name → code
    grids: dict  # (code, grid name) → grid id (None: to be created)
    workers: dict  # (code, grid name) → Worker (the grid's first grid-channel recipient)
    seen_codes: dict = field(default_factory=dict)  # validation: code → (name, first row)
    seen_names: dict = field(default_factory=dict)  # validation: name → (code, first row)
    seen_rows: dict = field(default_factory=dict)  # validation: (code, grid) → first row
    summary: Counter = field(default_factory=Counter)


class TownshipsGrids(ImportKind):
    name = "townships_grids"
    label = _("乡镇与网格")
    batch_size = 1000
    columns = (
        Column("township", _("乡镇名称"), required=True, parse=bounded_text(NAME_MAX), example="陈营镇"),
        Column("code", _("乡镇代码"), required=True, parse=bounded_text(CODE_MAX), example="C01", text=True,
               help=_("本院内唯一；代码已有而名称不同的，更新乡镇名称")),
        Column("grid", _("网格名称"), parse=bounded_text(GRID_MAX), example="第一网格",
               help=_("选填；一个乡镇有多个网格的，每个网格一行，乡镇名称和代码重复填写")),
        Column("worker", _("网格员"), parse=bounded_text(CONTACT_MAX), example="李网格",
               help=_("选填；作为该网格的推送对象（综治网格渠道）的联系人")),
        Column("worker_phone", _("网格员电话"), parse=bounded_text(PHONE_MAX), example="13900000000", text=True,
               help=_("选填；填写后以短信发送推送链接")),
    )

    def prepare(self, job) -> Context:
        court = job.court
        townships = {code: Place(pk, name) for pk, code, name in
                     Township.objects.filter(court=court).values_list("pk", "code", "name")}
        code_of = {place.pk: code for code, place in townships.items()}
        grids = {(code_of[township_id], name): pk for pk, township_id, name in
                 Grid.objects.filter(township__court=court).values_list("pk", "township_id", "name")}
        grid_key = {pk: key for key, pk in grids.items()}
        workers: dict = {}
        for pk, grid_id, contact, phone in PushRecipient.objects.filter(
                court=court, channel=Channel.GRID, grid__isnull=False).order_by("pk").values_list(
                "pk", "grid_id", "contact", "phone"):
            key = grid_key.get(grid_id)
            if key is not None and key not in workers:
                workers[key] = Worker(pk, contact, phone)
        return Context(court=court, townships=townships, names={p.name: code for code, p in townships.items()},
                       grids=grids, workers=workers)

    def validate(self, row: Row, context: Context) -> list[RowError]:
        v, n = row.values, row.number
        errors: list[RowError] = []

        def error(key, message, **params):
            errors.append(RowError(n, key, message, params))

        name, code, grid = v["township"], v["code"], v["grid"]
        if grid is None:
            for key in ("worker", "worker_phone"):
                if v[key] is not None:
                    error(key, gettext_noop("填写了网格员或其电话的，须填写网格名称。"))
        if name is None or code is None:
            return errors
        seen_name, first = context.seen_codes.setdefault(code, (name, n))
        if seen_name != name:
            error("township", gettext_noop("乡镇代码“%(code)s”在第%(row)d行的乡镇名称是“%(name)s”，同一代码应填写同一名称。"),
                  code=code, row=first, name=seen_name)
        seen_code, first = context.seen_names.setdefault(name, (code, n))
        if seen_code != code:
            error("code", gettext_noop("乡镇“%(name)s”在第%(row)d行的代码是“%(code)s”，同一乡镇应填写同一代码。"),
                  name=name, row=first, code=seen_code)
        holder = context.names.get(name)
        if holder is not None and holder != code:
            error("township", gettext_noop("本院已有名为“%(name)s”的乡镇（代码%(code)s）。"), name=name, code=holder)
        first = context.seen_rows.setdefault((code, grid), n)
        if first != n:
            error("grid" if grid else "code", gettext_noop("与第%(row)d行重复。"), row=first)
        return errors

    def apply(self, rows: list[Row], context: Context, *, write: bool) -> Counter:
        counts: Counter = Counter()
        new_townships, renamed, new_grids, new_workers, changed_workers = {}, [], [], [], []
        for row in rows:
            v = row.values
            name, code, grid = v["township"], v["code"], v["grid"]
            created = updated = 0
            place = context.townships.get(code)
            if place is None:
                place = context.townships[code] = Place(None, name)
                new_townships[code] = Township(court=context.court, code=code, name=name)
                context.summary["townships_created"] += 1
                created += 1
            elif place.name != name:
                if place.pk is not None:
                    township = Township(pk=place.pk, court=context.court, code=code, name=name)
                    township.old_name = place.name
                    renamed.append(township)
                place.name = name
                context.summary["townships_renamed"] += 1
                updated += 1
            if grid is not None:
                key = (code, grid)
                if key not in context.grids:
                    context.grids[key] = None
                    new_grids.append(key)
                    context.summary["grids_created"] += 1
                    created += 1
                if v["worker"] is not None or v["worker_phone"] is not None:
                    created, updated = self._worker(context, key, name, v, new_workers, changed_workers,
                                                    created, updated)
            counts += row_outcome(created, updated)
        if write:
            self._write(context, new_townships, renamed, new_grids, new_workers, changed_workers)
        return counts

    @staticmethod
    def _worker(context, key, township_name, v, new_workers, changed_workers, created, updated):
        worker = context.workers.get(key)
        if worker is None:
            context.workers[key] = Worker(None, v["worker"] or "", v["worker_phone"] or "")
            new_workers.append((key, township_name))
            context.summary["grid_workers_created"] += 1
            return created + 1, updated
        contact = worker.contact if v["worker"] is None else v["worker"]
        phone = worker.phone if v["worker_phone"] is None else v["worker_phone"]
        if (contact, phone) != (worker.contact, worker.phone):
            if worker.pk is not None:
                recipient = PushRecipient(pk=worker.pk, court=context.court, channel=Channel.GRID, contact=contact,
                                          phone=phone)
                recipient.before = {"contact": worker.contact, "phone": worker.phone}
                changed_workers.append(recipient)
            worker.contact, worker.phone = contact, phone
            context.summary["grid_workers_updated"] += 1
            return created, updated + 1
        return created, updated

    @staticmethod
    def _write(context, new_townships, renamed, new_grids, new_workers, changed_workers) -> None:
        townships = Township.objects.bulk_create(list(new_townships.values()), batch_size=1000)
        for township in townships:
            context.townships[township.code].pk = township.pk
        if renamed:
            Township.objects.bulk_update(renamed, ["name"], batch_size=1000)
        record_many(Township, [*((t, "create", {"court": (None, t.court_id), "code": (None, t.code),
                                                "name": (None, t.name)}) for t in townships),
                               *((t, "update", {"name": (t.old_name, t.name)}) for t in renamed)])
        # the township as an instance: the audit entry names a grid by its township (no query per grid)
        grids = Grid.objects.bulk_create(
            [Grid(township=Township(pk=context.townships[code].pk, court=context.court, code=code,
                                    name=context.townships[code].name), name=name) for code, name in new_grids],
            batch_size=1000)
        for (code, name), grid in zip(new_grids, grids):
            context.grids[(code, name)] = grid.pk
        record_many(Grid, [(grid, "create", {"township": (None, grid.township_id), "name": (None, grid.name)})
                           for grid in grids])
        recipients = []
        for key, township_name in new_workers:
            worker = context.workers[key]
            recipients.append(PushRecipient(
                court=context.court, channel=Channel.GRID, name=worker_recipient_name(township_name, key[1]),
                township_id=context.townships[key[0]].pk, grid_id=context.grids[key], contact=worker.contact,
                phone=worker.phone))
        created = PushRecipient.objects.bulk_create(recipients, batch_size=1000)
        for recipient, (key, _name) in zip(created, new_workers):
            context.workers[key].pk = recipient.pk
        if changed_workers:
            PushRecipient.objects.bulk_update(changed_workers, ["contact", "phone"], batch_size=1000)
        record_many(PushRecipient, [
            *((r, "create", {field: (None, getattr(r, field) or None) for field in WORKER_AUDITED}) for r in created),
            *((r, "update", {field: (r.before[field], getattr(r, field)) for field in ("contact", "phone")
                             if r.before[field] != getattr(r, field)}) for r in changed_workers)])

    def finish(self, context: Context, *, write: bool) -> dict:
        return dict(context.summary)


TOWNSHIPS_GRIDS = register(TownshipsGrids())
