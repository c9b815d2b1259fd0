"""Registers the daily roster sweep with the cases job registry (imported from SanctionsConfig.ready).

`POST /api/v1/jobs/rosters/run/` runs it at once; the beat schedule (django-celery-beat, editable in the admin)
runs it every morning before the judges start: 06:45 Asia/Shanghai.
"""
from cases.jobs import register_job

register_job("rosters", "三板斧名册（公安查找、拘传、拘留或刑事责任）", "sanctions.rosters.rosters_job",
             minute="45", hour="6")
