"""What each role may do with the three axes (三板斧): given to the role groups after this app's migrations (the
groups are cases.roles'; their case permissions are given there)."""
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from cases.choices import Role
from cases.roles import grant_role_permissions

# Judges propose measures, keep the rosters, import travel data, record evidence and follow referrals; leaders
# approve, extend dishonest terms and record reconsideration decisions; court admins may import travel data (files
# often come to them from the police or the rail office).
SANCTION_PERMISSIONS: dict[str, list[str]] = {
    Role.ENFORCEMENT_JUDGE: ["sanctions.add_sanction", "sanctions.change_sanction", "sanctions.change_rosterentry",
                             "sanctions.add_travelrecord", "sanctions.add_abilityevidence",
                             "sanctions.change_prosecution", "sanctions.add_reconsideration",
                             "sanctions.change_reconsideration"],
    Role.LEADER: ["sanctions.approve_sanction", "sanctions.change_sanction", "sanctions.change_reconsideration"],
    Role.COURT_ADMIN: ["sanctions.add_travelrecord"],
}


@receiver(post_migrate, dispatch_uid="sanctions_role_permissions")
def sync_sanctions_permissions(sender, **kwargs):
    if getattr(sender, "name", "") != "sanctions":
        return
    grant_role_permissions(SANCTION_PERMISSIONS, using=kwargs.get("using", "default"))
