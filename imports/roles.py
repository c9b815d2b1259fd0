"""What each role may do with the go-live imports: given to the role groups after this app's migrations (the
groups are cases.roles'; their case permissions are given there)."""
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from cases.choices import Role
from cases.roles import grant_role_permissions

# Court admins upload files, follow them and get the templates.
IMPORT_PERMISSIONS: dict[str, list[str]] = {
    Role.COURT_ADMIN: ["imports.view_importjob", "imports.add_importjob"],
}


@receiver(post_migrate, dispatch_uid="imports_role_permissions")
def sync_imports_permissions(sender, **kwargs):
    if getattr(sender, "name", "") != "imports":
        return
    grant_role_permissions(IMPORT_PERMISSIONS, using=kwargs.get("using", "default"))
