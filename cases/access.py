"""A user's roles and permissions, read together in one query.

Every page asks both — the top bar shows the roles, views and templates check permissions — and Django's own
backend reads them in three queries (the user's permissions, their groups' permissions, the group names). One
UNION serves all three; the results land in the same per-request caches ModelBackend keeps, so `has_perm` and
`user.roles` behave exactly as before (a change to someone's groups is seen on their next request).
"""
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router

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
    alias = router.db_for_read(Permission)
    with connections[alias].cursor() as cursor:
        cursor.execute(_access_sql(alias), [user.pk] * 3)
        return cursor.fetchall()


@cache
def _access_sql(alias: str) -> str:
    """The UNION, written once per database from the models' tables: it runs on every request, and building and
    compiling it through the ORM at every request cost more CPU than the query itself (figures: bench/README.md,
    "A slower host"). The same rows as ModelBackend's three queries (tests/cases/test_access.py)."""
    quote = connections[alias].ops.quote_name
    user_model = get_user_model()

    def table(model):
        return quote(model._meta.db_table)

    def column(model, field):
        return quote(model._meta.get_field(field).column)

    user_perms, user_groups = user_model.user_permissions.through, user_model.groups.through
    group_perms = Group.permissions.through

    def permissions(source: str) -> str:
        return f"""SELECT '{source}', ct.{column(ContentType, "app_label")}, p.{column(Permission, "codename")}
        FROM {table(Permission)} p
        JOIN {table(ContentType)} ct ON ct.{column(ContentType, "id")} = p.{column(Permission, "content_type")}"""

    return f"""
        {permissions(_USER)}
        JOIN {table(user_perms)} up ON up.{column(user_perms, "permission")} = p.{column(Permission, "id")}
        WHERE up.{column(user_perms, "user")} = %s
        UNION ALL
        {permissions(_GROUP)}
        JOIN {table(group_perms)} gp ON gp.{column(group_perms, "permission")} = p.{column(Permission, "id")}
        JOIN {table(user_groups)} ug ON ug.{column(user_groups, "group")} = gp.{column(group_perms, "group")}
        WHERE ug.{column(user_groups, "user")} = %s
        UNION ALL
        SELECT '{_ROLE}', '', g.{column(Group, "name")} FROM {table(Group)} g
        JOIN {table(user_groups)} ug ON ug.{column(user_groups, "group")} = g.{column(Group, "id")}
        WHERE ug.{column(user_groups, "user")} = %s"""
