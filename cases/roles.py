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
    Role.LEADER: [*COMMON, "sanctions.approve_sanction", "cases.approve_extension", "cases.view_statistics"],
    Role.COURT_ADMIN: [*COMMON, "cases.add_township", "cases.change_township", "cases.add_grid", "cases.change_grid",
                       "cases.add_user", "cases.change_user", "cases.view_user", "cases.run_jobs",
                       "cases.view_statistics"],
}
