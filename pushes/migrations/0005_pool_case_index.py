"""The weekly run's candidates by court (PostgreSQL only; SQLite needs none at its sizes).

A court's cases lie scattered over the whole table (every court files every day), so reading one court's open
cases visited a heap page per case. This partial index holds exactly the cases a run may push — open or 终本, with
money outstanding (pushes.classify.CANDIDATES) — by (court, id), with every column of the case the pool reads:
the steps' boundaries and the pool are index-only scans of the court's entries. On a cases table but serving only
the pushes, hence here (as stats' covering indexes). Built CONCURRENTLY: no write lock on a live table.
"""
from django.db import migrations

from wanian_exec.migration_ops import concurrent_indexes

NAME = "push_pool_case_idx"
TARGET = ("cases_enforcementcase (court_id, id) INCLUDE (status, closure_method, amount_claimed, amount_recovered,"
          " is_livelihood) WHERE (status <> 'closed' OR closure_method = 'terminated_current')"
          " AND amount_claimed > amount_recovered")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("cases", "0001_initial"),
        ("pushes", "0004_item_reason_codes"),
    ]

    operations = [concurrent_indexes({NAME: TARGET})]
