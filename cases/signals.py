"""After every migrate: make sure each role's group exists with its permissions (idempotent)."""
from django.contrib.auth.models import Group, Permission
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
