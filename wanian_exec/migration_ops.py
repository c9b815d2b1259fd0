"""Migration operations the apps share."""
from django.db import migrations


def concurrent_indexes(indexes: dict[str, str], *, first: tuple[str, ...] = ()) -> migrations.RunPython:
    """PostgreSQL indexes {name: "table (columns) …"} built CONCURRENTLY — a live table of a million rows keeps
    taking writes while they are built, so the migration using this must say `atomic = False` — with IF NOT EXISTS,
    so a migration interrupted half-way finishes on its next run. `first`: statements run before (an extension).
    Nothing on SQLite (its sizes need none of these)."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in first:
            schema_editor.execute(statement)
        for name, target in indexes.items():
            schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {target}")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in indexes:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
