"""What each role may do in the five pushes: given to the role groups after this app's migrations (the groups
are cases.roles'; their case permissions are given there)."""
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from cases.choices import Role
from cases.roles import grant_role_permissions

# Judges read the lists and review the feedback on their cases; leaders and court admins run the week; court
# admins keep the recipients, the rules and the portal links.
PUSH_PERMISSIONS: dict[str, list[str]] = {
    Role.ENFORCEMENT_JUDGE: ["pushes.view_pushbatch", "pushes.view_pushfeedback", "pushes.change_pushfeedback"],
    Role.LEADER: ["pushes.view_pushbatch", "pushes.view_pushfeedback", "pushes.view_pushrecipient",
                  "pushes.view_pushruleset", "pushes.view_pushrun", "pushes.add_pushrun"],
    Role.COURT_ADMIN: ["pushes.view_pushrecipient", "pushes.add_pushrecipient", "pushes.change_pushrecipient",
                       "pushes.view_pushruleset", "pushes.add_pushruleset", "pushes.view_pushrun",
                       "pushes.add_pushrun", "pushes.view_pushbatch", "pushes.change_pushbatch",
                       "pushes.view_pushfeedback"],
}


@receiver(post_migrate, dispatch_uid="pushes_role_permissions")
def sync_pushes_permissions(sender, **kwargs):
    if getattr(sender, "name", "") != "pushes":
        return
    grant_role_permissions(PUSH_PERMISSIONS, using=kwargs.get("using", "default"))
