"""Court staff accounts: created by a system admin, or by a court admin for their own court."""
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wanian_exec.errors import RuleViolation

from ..choices import Role
from ..models import User
from .common import raise_if


@transaction.atomic
def user_create(*, actor, username: str, password: str, court, roles: list[str], full_name: str = "",
                phone: str = "", is_active: bool = True) -> User:
    if not actor.is_superuser:
        if not actor.has_perm("cases.add_user") or court is None or court.pk != actor.court_id:
            raise RuleViolation(_("法院管理员只能为本院创建用户。"), code="forbidden_court")
    errors: dict = {}
    if court is None and not actor.is_superuser:
        errors.setdefault("court", []).append(_("请选择所属法院。"))
    unknown = set(roles) - set(Role.values)
    if unknown:
        errors.setdefault("roles", []).append(_("未知角色：%(r)s") % {"r": "、".join(sorted(unknown))})
    if User.objects.filter(username=username).exists():
        errors.setdefault("username", []).append(_("该用户名已被使用。"))
    user = User(username=username, court=court, full_name=full_name, phone=phone, is_active=is_active)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors.setdefault("password", []).extend(exc.messages)
    raise_if(errors)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    from django.contrib.auth.models import Group

    user.groups.set(Group.objects.filter(name__in=roles))
    return user
