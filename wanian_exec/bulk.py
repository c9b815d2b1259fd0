"""Bulk inserts of rows nothing else needs back (no primary keys, no signals): PostgreSQL's COPY, else bulk_create.

Why: a court going live brings a million timeline lines, inquiries and links at once. bulk_create builds a model
instance and compiles every value of every row into one INSERT — most of an import's time on PostgreSQL
(bench/README.md, "Go-live import"); COPY takes plain rows. Rows are dicts keyed by the model's column attnames
(`case_id`, not `case`); a field a row leaves out gets its default (auto_now/auto_now_add: now). On other
databases (SQLite in development and tests) the same rows go through bulk_create, so both paths write the same.
"""
import datetime as dt
import io
import json
from decimal import Decimal

from django.db import connection, models
from django.utils import timezone

NULL = "\\N"


def _text(value) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def _defaults(model, now) -> dict:
    """attname → the value a row that leaves the field out gets (what Model.save would store)."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values[field.attname] = now
        elif field.has_default() or field.null:
            values[field.attname] = field.get_default()
        else:
            default = field.get_default()  # "" for a text field, as a model instance would hold
            values[field.attname] = _Missing(field) if default is None else default
    return values


class _Missing:
    def __init__(self, field):
        self.field = field

    def __str__(self):
        raise ValueError(f"bulk_insert: {self.field} has no value and no default")


def bulk_insert(model: type[models.Model], rows: list[dict], *, ids: bool = False, batch_size: int = 5000) -> list:
    """Insert `rows` (dicts of attnames) into `model`'s table. With `ids`, returns the new primary keys in row order
    (on PostgreSQL taken from the table's sequence first, one query, then written with the rows); else []."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        created = model.objects.bulk_create([model(**row) for row in rows], batch_size=batch_size)
        return [obj.pk for obj in created] if ids else []
    defaults = _defaults(model, timezone.now())
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
    names = [f.attname for f in fields]
    pk = model._meta.pk
    columns = ", ".join(connection.ops.quote_name(f.column) for f in ([pk] if ids else []) + fields)
    table = connection.ops.quote_name(model._meta.db_table)
    new_ids: list = []
    with connection.cursor() as cursor:
        if ids:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [model._meta.db_table, pk.column, len(rows)])
            new_ids = [row[0] for row in cursor.fetchall()]
        for start in range(0, len(rows), batch_size):
            buffer = io.StringIO()
            for index, row in enumerate(rows[start:start + batch_size], start=start):
                cells = [str(new_ids[index])] if ids else []
                for name in names:
                    value = row[name] if name in row else defaults[name]
                    if name in json_fields and value is not None:
                        value = json.dumps(value, ensure_ascii=False)
                    cells.append(_text(value))
                buffer.write("\t".join(cells))
                buffer.write("\n")
            buffer.seek(0)
            cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
    return new_ids
