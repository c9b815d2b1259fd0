"""Trigram (pg_trgm) GIN indexes for the case search: by party name and by case number, and the party picker.

`cases.selectors.search_cases` filters with `icontains`, which Django writes as UPPER(col::text) LIKE UPPER(…):
the indexes are on exactly that expression, so a `%王小明%` or `%执123%` search is an index scan instead of a
scan of every case. PostgreSQL only (SQLite has no pg_trgm): a no-op there. Built CONCURRENTLY — a production
table keeps taking writes while the index is built — hence a non-atomic migration.
"""
from django.db import migrations

from wanian_exec.migration_ops import concurrent_indexes

INDEXES = {name: f"{table} USING gin ((UPPER({column}::text)) gin_trgm_ops)" for name, table, column in [
    ("enf_party_names_trgm", "cases_enforcementcase", "party_names"),
    ("enf_number_trgm", "cases_enforcementcase", "number"),
    ("party_name_trgm", "cases_party", "name"),
]}


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("cases", "0003_four_synchronizations")]

    operations = [concurrent_indexes(INDEXES, first=("CREATE EXTENSION IF NOT EXISTS pg_trgm",))]
