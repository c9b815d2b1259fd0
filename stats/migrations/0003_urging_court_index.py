"""One court's urgings before enforcement in a period, read index-only by 执前督促 (the statistics filtered them by
their litigation case's court before: the province's urgings of the period hashed against the court's litigation
cases; bench/README.md, issue 20). PostgreSQL only, built CONCURRENTLY as 0001's."""
from django.db import migrations

from wanian_exec.migration_ops import concurrent_indexes

INDEXES = {
    "stats_urging_court_cov": "cases_urging (court_id, occurred_on) INCLUDE (litigation_case_id) "
                              "WHERE litigation_case_id IS NOT NULL",
}


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("stats", "0002_dashboard_snapshot"),
        ("cases", "0001_initial"),
    ]

    operations = [concurrent_indexes(INDEXES)]
