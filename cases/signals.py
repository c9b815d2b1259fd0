"""After every migrate: role groups with their permissions, and default job schedules (both idempotent)."""
from django.contrib.auth.models import Group, Permission
from django.db import router
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .roles import ROLE_PERMISSIONS


@receiver(post_migrate)
def sync_role_groups(sender, **kwargs):
    using = kwargs.get("using", "default")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(Permission.objects.using(using).filter(content_type__app_label=app_label,
                                                                 codename=codename))
        group.permissions.add(*wanted)


@receiver(post_migrate)
def sync_job_schedules(sender, **kwargs):
    """Give every registered job its default beat schedule once; later edits in the admin are kept."""
    if getattr(sender, "name", "") != "cases":
        return
    import json

    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    from .jobs import JOBS

    using = kwargs.get("using", "default")
    if not router.allow_migrate_model(using, PeriodicTask):  # e.g. a read replica (wanian_exec/db_routers.py)
        return
    for job in JOBS.values():
        if PeriodicTask.objects.using(using).filter(name=job.label).exists():
            continue
        schedule, _ = CrontabSchedule.objects.using(using).get_or_create(timezone="Asia/Shanghai", **job.crontab)
        PeriodicTask.objects.using(using).create(name=job.label, task="cases.tasks.run_job", crontab=schedule,
                                                 kwargs=json.dumps({"name": job.name}))
