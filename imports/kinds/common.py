"""Cell parsers and helpers shared by the court set-up kinds (users, townships_grids, push_recipients)."""
import re
from collections import Counter
from collections.abc import Callable

from django.utils.translation import gettext_noop

from ..registry import CellError, chinese

CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Several values in one cell: the 顿号 of the templates, commas typed in a hurry accepted too.
LIST_SEPARATORS = re.compile(r"[、,，;；]")


def bounded_text(max_length: int) -> Callable[[str], str]:
    """A parser for a name or a short text: at most `max_length` characters, no control characters."""

    def parse(text: str) -> str:
        if len(text) > max_length:
            raise CellError(gettext_noop("“%(value)s”超过%(max)d个字。"), value=text[:20], max=max_length)
        if CONTROL.search(text):
            raise CellError(gettext_noop("“%(value)s”含有控制字符。"), value=text[:20])
        return text

    return parse


def label_parser(choices, aliases: dict | None = None) -> Callable[[str], str]:
    """A parser of a TextChoices cell: the Chinese label, the English code, or one of `aliases` (text → code);
    CellError naming the labels otherwise."""

    def parse(text: str) -> str:
        table = {chinese(label): code for code, label in choices.choices}
        table.update({code: code for code in choices.values if code})
        table.update(aliases or {})
        key = text.strip()
        if key in table:
            return table[key]
        raise CellError(gettext_noop("“%(value)s”不是可选值（%(choices)s）。"), value=text,
                        choices="、".join(chinese(label) for _code, label in choices.choices))

    return parse


def row_outcome(created: int, updated: int) -> Counter:
    """What one row did, counted once: created when it made anything new, updated when it only changed what was
    there, unchanged otherwise."""
    if created:
        return Counter(created=1)
    if updated:
        return Counter(updated=1)
    return Counter(unchanged=1)
