"""Registers the daily re-inquiry sweep with the cases job registry (imported from ClearanceConfig.ready).

`POST /api/v1/jobs/reinquiries/run/` runs it at once; the beat schedule (django-celery-beat, created on migrate,
editable in the admin) runs it every morning at 05:20 Asia/Shanghai, before the other sweeps and the judges.
"""
from cases.jobs import register_job

register_job("reinquiries", "终本案件定期查询（每6个月，5年）", "clearance.services.sweep.reinquiries_job",
             minute="20", hour="5")
