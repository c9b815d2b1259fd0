"""PostgreSQL plumbing shared by seed_scale and the benchmark scripts in bench/ (one copy of each helper).

- `ensure_database(url)`: create the benchmark's own database if it is missing;
- `insert(cursor, model, columns, select, params)`: INSERT … SELECT into a model's table, adding the NOT NULL
  columns the statement does not list at their model defaults — other apps add fields as they grow, and the
  generators keep working without knowing them;
- `drop_secondary_indexes` / `rebuild_indexes`: bulk-load practice (load, then build the indexes once);
- `reserve_ids`: a block of primary keys taken from a table's sequence, so rows inserted in bulk can refer to
  each other by computed id instead of by joins.
"""
import json
import time

from django.apps import apps

# apps whose tables seed_scale empties before generating (auth groups/permissions, content types and the beat
# schedules created by migrate stay)
DATA_APPS = ["cases", "sanctions", "pushes", "documents", "stats", "outbox", "audit", "authtoken", "sessions", "axes",
             "imports"]


def ensure_database(url: str) -> str:
    """Create the database named in a postgres:// URL if it does not exist. Returns its name."""
    import environ
    import psycopg2

    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must point at PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/wanian_scale")
    config = environ.Env.db_url_config(url)
    admin = psycopg2.connect(dbname="postgres", user=config["USER"], password=config["PASSWORD"] or None,
                             host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    admin.close()
    return config["NAME"]


def defaults(model, listed: str) -> tuple[str, str]:
    """(", col, …", ", value, …") for the model's NOT NULL columns that `listed` does not name."""
    from psycopg2.extensions import adapt

    given = {c.strip() for c in listed.split(",")} | {"id"}
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.column in given or field.null:
            continue
        default = field.get_default()
        if default is None:
            raise SystemExit(f"{model._meta.db_table}.{field.column} has no default: teach scale/generator.py")
        columns.append(field.column)
        if isinstance(default, (list, dict)):
            values.append("'" + json.dumps(default).replace("'", "''") + "'::jsonb")
        else:
            values.append(adapt(default).getquoted().decode())
    return "".join(f", {c}" for c in columns), "".join(f", {v}" for v in values)


def insert(cursor, model, columns: str, select: str, params=None, *, label: str | None = None,
           verbose: bool = True) -> int:
    """INSERT … SELECT into `model`'s table; the columns it does not list get their defaults. Returns rows."""
    extra_columns, extra_values = defaults(model, columns)
    started = time.perf_counter()
    cursor.execute(f"INSERT INTO {model._meta.db_table} ({columns}{extra_columns})"
                   f" SELECT q.*{extra_values} FROM ({select}) q", params or {})
    if verbose and label:
        print(f"  {label}: {cursor.rowcount:,} rows, {time.perf_counter() - started:.1f}s", flush=True)
    return cursor.rowcount


def reserve_ids(cursor, model, count: int) -> int:
    """Take `count` consecutive primary keys from the model's sequence; returns the first."""
    table = model._meta.db_table
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cursor.fetchone()[0]
    cursor.execute("SELECT nextval(%s)", [sequence])
    first = cursor.fetchone()[0]
    if count > 1:
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return first


def data_tables() -> list[str]:
    tables = []
    for app in DATA_APPS:
        try:
            config = apps.get_app_config(app)
        except LookupError:
            continue
        for model in config.get_models(include_auto_created=True):
            if not model._meta.managed or model._meta.proxy:
                continue
            tables.append(model._meta.db_table)
    return tables


def wipe(cursor) -> None:
    """Every row of the data apps (courts and users included): only for a database of its own."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    existing = {row[0] for row in cursor.fetchall()}
    tables = [t for t in data_tables() if t in existing]
    cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def drop_secondary_indexes(cursor, tables: list[str]) -> list[tuple[str, str]]:
    """Drop the indexes no constraint needs on `tables`; returns (name, definition) to rebuild from."""
    cursor.execute("""
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname = ANY(%s) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""", [tables])
    saved = cursor.fetchall()
    for name, _definition in saved:
        cursor.execute(f"DROP INDEX {name}")
    return saved


def rebuild_indexes(cursor, saved, *, verbose: bool = True) -> None:
    started = time.perf_counter()
    cursor.execute("SET maintenance_work_mem = '512MB'")
    for _name, definition in saved:
        cursor.execute(definition)
    if verbose:
        print(f"  {len(saved)} indexes rebuilt: {time.perf_counter() - started:.1f}s", flush=True)
