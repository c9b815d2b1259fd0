"""After every migrate: role groups with their permissions, and default job schedules (both idempotent).
After a password change: the user's API token is revoked."""
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import router
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from .roles import ROLE_PERMISSIONS, grant_role_permissions


@receiver(post_migrate)
def sync_role_groups(sender, **kwargs):
    using = kwargs.get("using", "default")
    if not router.allow_migrate_model(using, Group):  # e.g. a read replica (wanian_exec/db_routers.py)
        return
    grant_role_permissions(ROLE_PERMISSIONS, using=using)


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


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def revoke_api_tokens_on_password_change(sender, instance, created, **kwargs):
    """A new password (the change-password page, the admin, `manage.py changepassword`, a service) revokes the user's
    API token. `_password` is what AbstractBaseUser.set_password leaves for save() to report as changed; Django's
    session hash already ends the user's other browser sessions."""
    if not created and getattr(instance, "_password", None) is not None:
        from wanian_exec.tokens import tokens_revoke

        tokens_revoke(instance)
