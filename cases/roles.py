"""Roles are Django groups named by role code; what each may do is a set of model permissions.

Views and the API check permissions (`user.has_perm`), never role names, so an admin can adjust a group.
"""
from .choices import Role

COMMON = ["cases.view_party", "cases.view_litigationcase", "cases.view_enforcementcase"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CLERK: [*COMMON, "cases.add_party", "cases.change_party", "cases.add_litigationcase",
                 "cases.change_litigationcase", "cases.add_enforcementcase"],
    Role.TRIAL_JUDGE: [*COMMON, "cases.add_party", "cases.change_party", "cases.add_litigationcase",
                       "cases.change_litigationcase", "cases.add_urging"],
    Role.ENFORCEMENT_JUDGE: [*COMMON, "cases.add_party", "cases.change_party", "cases.add_enforcementcase",
                             "cases.handle_enforcementcase", "cases.add_urging", "sanctions.add_sanction"],
    Role.LEADER: [*COMMON, "sanctions.approve_sanction", "cases.approve_extension", "cases.approve_termination",
                  "cases.view_statistics"],
    Role.COURT_ADMIN: [*COMMON, "cases.add_township", "cases.change_township", "cases.add_grid", "cases.change_grid",
                       "cases.add_user", "cases.change_user", "cases.view_user", "cases.run_jobs",
                       "cases.view_statistics", "cases.view_syncsettings", "cases.change_syncsettings"],
}

# The five pushes (五推送): judges read the lists and review the feedback on their cases; leaders and court admins
# run the week; court admins keep the recipients, the rules and the portal links.
PUSH_PERMISSIONS: dict[str, list[str]] = {
    Role.ENFORCEMENT_JUDGE: ["pushes.view_pushbatch", "pushes.view_pushfeedback", "pushes.change_pushfeedback"],
    Role.LEADER: ["pushes.view_pushbatch", "pushes.view_pushfeedback", "pushes.view_pushrecipient",
                  "pushes.view_pushruleset", "pushes.view_pushrun", "pushes.add_pushrun"],
    Role.COURT_ADMIN: ["pushes.view_pushrecipient", "pushes.add_pushrecipient", "pushes.change_pushrecipient",
                       "pushes.view_pushruleset", "pushes.add_pushruleset", "pushes.view_pushrun",
                       "pushes.add_pushrun", "pushes.view_pushbatch", "pushes.change_pushbatch",
                       "pushes.view_pushfeedback"],
}
for _role, _perms in PUSH_PERMISSIONS.items():
    ROLE_PERMISSIONS[_role] = [*ROLE_PERMISSIONS[_role], *_perms]

# The three axes (三板斧, sanctions app): judges propose measures, keep the rosters, import travel data, record
# evidence and follow referrals; leaders approve, extend dishonest terms and record reconsideration decisions;
# court admins may import travel data (files often come to them from the police or the rail office).
SANCTION_PERMISSIONS: dict[str, list[str]] = {
    Role.ENFORCEMENT_JUDGE: ["sanctions.change_sanction", "sanctions.change_rosterentry", "sanctions.add_travelrecord",
                             "sanctions.add_abilityevidence", "sanctions.change_prosecution",
                             "sanctions.add_reconsideration", "sanctions.change_reconsideration"],
    Role.LEADER: ["sanctions.change_sanction", "sanctions.change_reconsideration"],
    Role.COURT_ADMIN: ["sanctions.add_travelrecord"],
}
for _role, _perms in SANCTION_PERMISSIONS.items():
    ROLE_PERMISSIONS[_role] = [*ROLE_PERMISSIONS[_role], *_perms]

# Imports (a court going live with its caseload): court admins upload files, follow them and get the templates.
IMPORT_PERMISSIONS: dict[str, list[str]] = {
    Role.COURT_ADMIN: ["imports.view_importjob", "imports.add_importjob"],
}
for _role, _perms in IMPORT_PERMISSIONS.items():
    ROLE_PERMISSIONS[_role] = [*ROLE_PERMISSIONS[_role], *_perms]


def grant_role_permissions(role_permissions: dict[str, list[str]], *, using: str) -> None:
    """Give each role's group (created if missing) its permissions ("app.codename"), in the database `using` — the
    one being migrated. Written there explicitly: group.permissions.add() asks the router, which sends every write to
    `default`, so a group of another alias (the tests' replica) was linked there and broke the foreign key."""
    from django.contrib.auth.models import Group, Permission

    links = Group.permissions.through
    for role, perms in role_permissions.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(Permission.objects.using(using).filter(content_type__app_label=app_label,
                                                                 codename=codename))
        links.objects.using(using).bulk_create([links(group_id=group.pk, permission_id=p.pk) for p in wanted],
                                               ignore_conflicts=True)
