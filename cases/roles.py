"""Roles are Django groups named by role code; what each may do is a set of model permissions.

Views and the API check permissions (`user.has_perm`), never role names, so an admin can adjust a group. This module
names the cases permissions; every other app gives the groups its own after its migrations (pushes.roles,
sanctions.roles, imports.roles, clearance.signals) through grant_role_permissions.
"""
from .choices import Role

COMMON = ["cases.view_party", "cases.view_litigationcase", "cases.view_enforcementcase"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CLERK: [*COMMON, "cases.add_party", "cases.change_party", "cases.add_litigationcase",
                 "cases.change_litigationcase", "cases.add_enforcementcase"],
    Role.TRIAL_JUDGE: [*COMMON, "cases.add_party", "cases.change_party", "cases.add_litigationcase",
                       "cases.change_litigationcase", "cases.add_urging"],
    Role.ENFORCEMENT_JUDGE: [*COMMON, "cases.add_party", "cases.change_party", "cases.add_enforcementcase",
                             "cases.handle_enforcementcase", "cases.add_urging"],
    Role.LEADER: [*COMMON, "cases.approve_extension", "cases.approve_termination", "cases.view_statistics"],
    Role.COURT_ADMIN: [*COMMON, "cases.add_township", "cases.change_township", "cases.add_grid", "cases.change_grid",
                       "cases.add_user", "cases.change_user", "cases.view_user", "cases.run_jobs",
                       "cases.view_statistics", "cases.view_syncsettings", "cases.change_syncsettings"],
}


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
