"""Covering indexes the statistics read through (PostgreSQL only; SQLite needs none at its sizes).

The figures of one court are aggregates over that court's rows, which lie scattered over the whole table (every
court files every day). These indexes hold, beside the court, every column an aggregate reads, so PostgreSQL
answers with an index-only scan of the court's entries instead of visiting a heap page per case. They belong to
the tables of other apps but serve only the statistics, hence here (cases, pushes and sanctions stay unaware).
Built CONCURRENTLY: no write lock on a live table (so the migration is not atomic).
"""
from django.db import migrations

from wanian_exec.migration_ops import concurrent_indexes

INDEXES = {
    # the caseload panel, the 终本 stock, the per-judge table, the month trend
    "stats_enf_court_cov": "cases_enforcementcase (court_id) INCLUDE (id, filed_on, closed_on, closure_method, "
                           "case_type, deadline_on, status, judge_id, amount_claimed, amount_recovered, "
                           "resumed_from_id)",
    # 执恢 cases by their original (the 终本 stock's "not resumed by then")
    "stats_enf_resumed_cov": "cases_enforcementcase (resumed_from_id, filed_on) WHERE resumed_from_id IS NOT NULL",
    # receipts of a court in a period, with the amount and the case (amount recovered, crackdown, by judge)
    "stats_fund_court_cov": "cases_fundentry (court_id, direction, occurred_on) INCLUDE (amount, case_id)",
    # preservation rate and enforcement application rate
    "stats_lit_court_cov": "cases_litigationcase (court_id, filed_on) INCLUDE (id, is_property_dispute, "
                           "trial_judge_id)",
    "stats_outcome_case_cov": "cases_outcome (case_id) INCLUDE (id, kind, effective_on)",
    "stats_outcome_effective_cov": "cases_outcome (effective_on) INCLUDE (case_id, kind, id)",
    "stats_preservation_case_cov": "cases_preservation (case_id, applied_on)",
    "stats_enf_source_cov": "cases_enforcementcase (source_case_id, filed_on) INCLUDE (case_type) "
                            "WHERE source_case_id IS NOT NULL",
    # online inquiries in a period; the 终本 re-inquiry check
    "stats_inquiry_case_cov": "cases_assetinquiry (case_id, requested_on) INCLUDE (channel)",
    # push items of a court in a period (the pushes app indexes them by week and recipient only)
    "stats_pushitem_court_cov": "pushes_pushitem (court_id, pushed_on) INCLUDE (case_id, channel)",
    # coercive measures of a court by kind, with their date, case and person
    "stats_sanction_court_cov": "sanctions_sanction (court_id, kind, approved_on) INCLUDE (status, case_id, party_id)",
}


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("cases", "0001_initial"),
        ("pushes", "0001_initial"),
        ("sanctions", "0001_initial"),
    ]

    operations = [concurrent_indexes(INDEXES)]
