"""Database functions Django 5.2 does not have for every backend we run on."""
from django.db.models import Aggregate, CharField, Value

# ASCII's unit separator: never typed into a name, so it can join names that contain any punctuation
UNIT_SEPARATOR = "\x1f"


class JoinedText(Aggregate):
    """The group's texts joined by UNIT_SEPARATOR, in no particular order (split and sort them in Python):
    GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL. Django 6.0's StringAgg does this on every backend;
    5.2 has it for PostgreSQL only."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def __init__(self, expression, **extra):
        super().__init__(expression, Value(UNIT_SEPARATOR), **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


def split_joined(text: str | None) -> list[str]:
    """JoinedText's result as a sorted list ([] for a group without rows)."""
    return sorted(text.split(UNIT_SEPARATOR)) if text else []
