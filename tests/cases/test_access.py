"""A user's roles and permissions are read in one query (cases.access), with exactly ModelBackend's answers."""
import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from cases.models import User
from wanian_exec.auth_backends import CourtStaffBackend


def fresh(user):
    """The user as a new request loads it: nothing cached."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def mixed_user(court):
    """A judge who also holds a direct permission and belongs to a group that is not a role."""
    from tests.factories import UserFactory

    user = UserFactory(court=court, username="mixed", roles=["enforcement_judge", "leader"])
    user.user_permissions.add(Permission.objects.get(codename="view_user", content_type__app_label="cases"))
    helpers = Group.objects.create(name="档案室")
    helpers.permissions.add(Permission.objects.get(codename="change_township"))
    user.groups.add(helpers)
    return user


def test_permissions_and_roles_equal_django_model_backend(mixed_user):
    expected = ModelBackend()
    reference = fresh(mixed_user)
    ours = fresh(mixed_user)

    assert ours.roles == ["enforcement_judge", "leader"]  # 档案室 is a group, not a role
    backend = CourtStaffBackend()
    assert backend.get_user_permissions(ours) == expected.get_user_permissions(reference) == {"cases.view_user"}
    assert backend.get_group_permissions(ours) == expected.get_group_permissions(reference)
    assert "cases.change_township" in backend.get_group_permissions(ours)
    assert backend.get_all_permissions(ours) == expected.get_all_permissions(reference)
    assert ours.has_perm("sanctions.approve_sanction") and not ours.has_perm("cases.run_jobs")


def test_roles_and_every_permission_check_cost_one_query(mixed_user, django_assert_num_queries):
    user = fresh(mixed_user)
    with django_assert_num_queries(1):
        assert user.has_role("leader")
        assert user.has_perm("cases.view_user")
        assert user.has_perm("cases.change_township")
        assert not user.has_perm("cases.add_township")
        user.get_all_permissions()
    other = fresh(mixed_user)
    with django_assert_num_queries(1):  # permissions first, then roles: still the one query
        assert other.has_perm("cases.handle_enforcementcase")
        assert other.roles == ["enforcement_judge", "leader"]


def test_a_user_without_groups_has_no_roles_and_no_permissions(court):
    from tests.factories import UserFactory

    user = fresh(UserFactory(court=court, username="nobody", roles=[]))
    assert user.roles == []
    assert user.get_all_permissions() == set()


def test_inactive_user_has_no_permissions_and_is_not_loaded(mixed_user):
    mixed_user.is_active = False
    mixed_user.save()
    user = fresh(mixed_user)
    assert not user.has_perm("cases.view_user")
    assert CourtStaffBackend().get_all_permissions(user) == set()
    assert CourtStaffBackend().get_user(mixed_user.pk) is None


def test_superuser_keeps_every_permission_and_reads_roles(admin_user):
    user = fresh(admin_user)
    assert user.roles == []
    assert user.has_perm("cases.run_jobs")
    assert CourtStaffBackend().get_all_permissions(user) == ModelBackend().get_all_permissions(fresh(admin_user))
    assert len(CourtStaffBackend().get_all_permissions(user)) == Permission.objects.count()


def test_session_user_comes_with_court(judge, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = CourtStaffBackend().get_user(judge.pk)
        assert user.court.code == "赣1129"
    assert CourtStaffBackend().get_user(987654321) is None


def test_a_group_change_is_seen_on_the_next_request(client, judge):
    client.force_login(judge)
    assert client.get("/stats/").status_code == 403  # statistics are the leaders' (cases.view_statistics)
    judge.groups.add(Group.objects.get(name="leader"))
    assert client.get("/stats/").status_code == 200
