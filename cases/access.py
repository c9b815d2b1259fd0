"""A user's roles and permissions, read together in one query.

Every page asks both — the top bar shows the roles, views and templates check permissions — and Django's own
backend reads them in three queries (the user's permissions, their groups' permissions, the group names). One
UNION serves all three; the results land in the same per-request caches ModelBackend keeps, so `has_perm` and
`user.roles` behave exactly as before (a change to someone's groups is seen on their next request).
"""
from django.contrib.auth.models import Group, Permission
from django.db.models import F, Value

from .choices import Role

_USER, _GROUP, _ROLE = "u", "g", "r"


def load_access(user) -> None:
    """Fill `user`'s permission caches (ModelBackend's `_user_perm_cache` and `_group_perm_cache`) and its `roles`,
    unless already read in this request. A superuser's permissions are all of them (ModelBackend reads those
    itself), so for one only the roles are filled."""
    if "roles" in user.__dict__ and (user.is_superuser or hasattr(user, "_group_perm_cache")):
        return
    rows = _access_rows(user)
    valid = set(Role.values)
    user.__dict__["roles"] = sorted(name for source, _, name in rows if source == _ROLE and name in valid)
    if not user.is_superuser:
        user._user_perm_cache = {f"{app}.{code}" for source, app, code in rows if source == _USER}
        user._group_perm_cache = {f"{app}.{code}" for source, app, code in rows if source == _GROUP}


def _access_rows(user) -> list[tuple[str, str, str]]:
    def permissions(source, **lookup):
        return (Permission.objects.filter(**lookup).order_by()
                .values_list(Value(source), F("content_type__app_label"), F("codename")))

    group_names = Group.objects.filter(user=user).order_by().values_list(Value(_ROLE), Value(""), F("name"))
    return list(permissions(_USER, user=user).union(permissions(_GROUP, group__user=user), group_names, all=True))
