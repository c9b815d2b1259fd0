"""Registers the weekly run with the cases job registry (imported from PushesConfig.ready)."""
from cases.jobs import register_job

# Monday 08:00 Asia/Shanghai; the schedule is created on migrate and editable in the admin (django-celery-beat).
register_job("weekly_pushes", "五推送（每周推送）", "pushes.services.weekly_pushes_job",
             minute="0", hour="8", day_of_week="1")
