"""Read paths faster than the ORM's default way, through Django's public API only (no QuerySet internals).

Each is held by bench/ (bench/README.md names the scenario and the figures) and by the tests that pin its output
against the default way:

- `id_and_text` / `split_id_and_text`: a related row's id and one text column joined into the parent's own query
  (with `wanian_exec.db_functions.JoinedText` per parent), read back as `(id, text)` pairs — a list page of 20 rows
  in one query where `prefetch_related` would add one query per relation;
- `DeferredJoinPaginator`: deep pages read their ids first (an index-only scan), then those rows.

What this module does not do: set `_result_cache`, `_prefetched_objects_cache` or `_iterable_class`. A row read
this way carries its pairs as an annotation; the caller (a serializer field, a template helper) reads them from
there, and reads the relation itself when the row came another way.
"""
from django.core.paginator import Page, Paginator
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from .db_functions import UNIT_SEPARATOR

# between a row's id and its text (ASCII's record separator, never typed); JoinedText puts UNIT_SEPARATOR between rows
ID_TEXT_SEPARATOR = "\x1e"


def id_and_text(id_path: str, text_path: str) -> Concat:
    """One related row as `id␞text`, to be joined per parent by JoinedText and read by `split_id_and_text`."""
    return Concat(Cast(id_path, CharField()), Value(ID_TEXT_SEPARATOR), text_path, output_field=CharField())


def split_id_and_text(joined: str | None) -> list[tuple[int, str]]:
    """The `(id, text)` pairs of a JoinedText of `id_and_text`, in the order the database joined them. A text that
    holds the separators itself (written before names refused control characters) comes back whole."""
    pairs: list[list] = []
    for piece in joined.split(UNIT_SEPARATOR) if joined else ():
        pk, separator, text = piece.partition(ID_TEXT_SEPARATOR)
        if separator and pk.isascii() and pk.isdigit():
            pairs.append([int(pk), text])
        elif pairs:
            pairs[-1][1] += UNIT_SEPARATOR + piece
    return [(pk, text) for pk, text in pairs]


class DeferredJoinPaginator(Paginator):
    """Deep pages read the page's ids first (an index-only scan of the ordered rows), then those rows: LIMIT …
    OFFSET over whole rows reads every skipped row from the table, the ids alone do not (bench/README.md,
    "Province scale"). The first pages keep the one plain query. `object_list` must be a QuerySet."""

    deferred_from = 500  # rows skipped before the extra query pays for itself

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return Page(self.rows(bottom, top), number, self)

    def rows(self, bottom, top):
        """Rows bottom to top of the list (no count)."""
        if bottom < self.deferred_from:
            return self.object_list[bottom:top]
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]
