"""Registers the dashboard snapshot refresh with the cases job registry (imported from StatsConfig.ready).

Every 5 minutes (django-celery-beat, created on migrate, editable in the admin): the leader dashboard views
looked at in the last day, and every court's current year, are recomputed once older than 4 minutes
(stats/snapshots.py), so leaders read figures at most ~10 minutes old without waiting for them.
"""
from cases.jobs import register_job

register_job("dashboard_snapshots", "统计看板数据更新", "stats.snapshots.refresh_snapshots", minute="*/5")
