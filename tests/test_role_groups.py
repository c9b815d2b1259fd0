"""The role groups as migrate leaves them: each holds exactly its permissions, whichever app registers them (each app
gives the groups its own permissions after its migrations: cases.roles, pushes.roles, sanctions.roles,
imports.roles, clearance.signals)."""
import pytest
from django.contrib.auth.models import Group

from cases.choices import Role
from cases.roles import ROLE_PERMISSIONS

EXPECTED = {
    Role.CLERK: {
        "cases.add_enforcementcase", "cases.add_litigationcase", "cases.add_party", "cases.change_litigationcase",
        "cases.change_party", "cases.view_enforcementcase", "cases.view_litigationcase", "cases.view_party"},
    Role.TRIAL_JUDGE: {
        "cases.add_litigationcase", "cases.add_party", "cases.add_urging", "cases.change_litigationcase",
        "cases.change_party", "cases.view_enforcementcase", "cases.view_litigationcase", "cases.view_party"},
    Role.ENFORCEMENT_JUDGE: {
        "cases.add_enforcementcase", "cases.add_party", "cases.add_urging", "cases.change_party",
        "cases.handle_enforcementcase", "cases.view_enforcementcase", "cases.view_litigationcase", "cases.view_party",
        "clearance.view_closurereview",
        "pushes.change_pushfeedback", "pushes.view_pushbatch", "pushes.view_pushfeedback",
        "sanctions.add_abilityevidence", "sanctions.add_reconsideration", "sanctions.add_sanction",
        "sanctions.add_travelrecord", "sanctions.change_prosecution", "sanctions.change_reconsideration",
        "sanctions.change_rosterentry", "sanctions.change_sanction"},
    Role.LEADER: {
        "cases.approve_extension", "cases.approve_termination", "cases.view_enforcementcase",
        "cases.view_litigationcase", "cases.view_party", "cases.view_statistics",
        "clearance.add_closurereview", "clearance.change_closurereviewitem", "clearance.resume_any_case",
        "clearance.view_closurereview",
        "pushes.add_pushrun", "pushes.view_pushbatch", "pushes.view_pushfeedback", "pushes.view_pushrecipient",
        "pushes.view_pushruleset", "pushes.view_pushrun",
        "sanctions.approve_sanction", "sanctions.change_reconsideration", "sanctions.change_sanction"},
    Role.COURT_ADMIN: {
        "cases.add_grid", "cases.add_township", "cases.add_user", "cases.change_grid", "cases.change_syncsettings",
        "cases.change_township", "cases.change_user", "cases.run_jobs", "cases.view_enforcementcase",
        "cases.view_litigationcase", "cases.view_party", "cases.view_statistics", "cases.view_syncsettings",
        "cases.view_user",
        "clearance.view_closurereview",
        "imports.add_importjob", "imports.view_importjob",
        "pushes.add_pushrecipient", "pushes.add_pushruleset", "pushes.add_pushrun", "pushes.change_pushbatch",
        "pushes.change_pushrecipient", "pushes.view_pushbatch", "pushes.view_pushfeedback",
        "pushes.view_pushrecipient", "pushes.view_pushruleset", "pushes.view_pushrun",
        "sanctions.add_travelrecord"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_role_group_holds_exactly_its_permissions(role):
    group = Group.objects.get(name=role)
    held = {f"{app}.{code}" for app, code in group.permissions.values_list("content_type__app_label", "codename")}
    assert held == EXPECTED[role]


def test_cases_names_only_its_own_permissions():
    """Every app registers its own permissions with the role groups; cases names none of another app's."""
    named = {perm for perms in ROLE_PERMISSIONS.values() for perm in perms}
    assert named and {perm.split(".")[0] for perm in named} == {"cases"}
