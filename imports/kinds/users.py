"""`users`: a court's staff and their roles, always into the importing admin's own court.

A user name the court already has is updated (name, phone when given, roles — the file's roles replace the
user's role groups; other groups are kept); a user name held by anyone outside the court is refused. An import
never changes an existing user's password.

Passwords: 初始密码 is optional. Given, it is checked by Django's password validators against the new user (its
name, user name) and stored hashed; blank, the user is created with an unusable password and the report lists them
(`without_password_users`): a system admin sets the password before that user can log in. The import never makes up
a password, so nothing secret is ever shown or stored in the report. (The stored file itself holds what was typed
in 初始密码: leave it blank when the file is to be kept.)
"""
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from cases.choices import Role
from audit.recorder import record_many
from cases.models import User

from ..registry import CellError, Column, ImportKind, Row, RowError, register
from .common import LIST_SEPARATORS, bounded_text, label_parser, row_outcome

USERNAME_MAX = User._meta.get_field("username").max_length
FULL_NAME_MAX = User._meta.get_field("full_name").max_length
PHONE_MAX = User._meta.get_field("phone").max_length
# Passwords listed in the report as missing: the first ones by name, the count always.
LISTED_WITHOUT_PASSWORD = 200


def parse_username(text: str) -> str:
    if len(text) > USERNAME_MAX:
        raise CellError(gettext_noop("用户名不能超过%(max)d个字符。"), max=USERNAME_MAX)
    try:
        UnicodeUsernameValidator()(text)
    except ValidationError:
        raise CellError(gettext_noop("用户名“%(value)s”只能包含字母、数字和 @ . + - _。"), value=text[:30])
    return text


_parse_role = label_parser(Role)


def parse_roles(text: str) -> frozenset:
    """书记员、执行法官 or clerk、enforcement_judge (Chinese labels or codes, separated by 、)."""
    roles = set()
    for part in LIST_SEPARATORS.split(text):
        if part.strip():
            roles.add(_parse_role(part))
    if not roles:
        raise CellError(gettext_noop("请至少填写一个角色。"))
    return frozenset(roles)


@dataclass
class Staff:
    pk: int | None  # None: created by this dry run
    full_name: str
    phone: str
    roles: frozenset


@dataclass
class Context:
    court: object
    actor_id: int
    staff: dict  # user name → Staff of the court's users
    taken: set  # user names held outside the court (other courts, system admins)
    groups: dict  # role code → group id
    seen: dict = field(default_factory=dict)  # validation: user name → first row
    summary: Counter = field(default_factory=Counter)
    without_password: list = field(default_factory=list)


class Users(ImportKind):
    name = "users"
    label = _("用户")
    batch_size = 500
    columns = (
        Column("username", _("用户名"), required=True, parse=parse_username, example="zhangsan", text=True,
               help=_("登录用的用户名：字母、数字和 @ . + - _")),
        Column("full_name", _("姓名"), required=True, parse=bounded_text(FULL_NAME_MAX), example="张三"),
        Column("roles", _("角色"), required=True, parse=parse_roles, example="执行法官",
               help=_("书记员、审判法官、执行法官、院领导、法院管理员（可填英文代码），多个角色用“、”分隔")),
        Column("phone", _("联系电话"), parse=bounded_text(PHONE_MAX), example="13800000000", text=True),
        Column("password", _("初始密码"), text=True,
               help=_("选填。填写的须符合密码规则；留空则账号暂不能登录，由系统管理员设置密码。已有用户的密码不会被修改。")),
    )

    def prepare(self, job) -> Context:
        court = job.court
        staff = {username: Staff(pk, full_name, phone, frozenset())
                 for pk, username, full_name, phone in User.objects.filter(court=court).values_list(
                     "pk", "username", "full_name", "phone")}
        by_pk = {entry.pk: entry for entry in staff.values()}
        roles: dict = {}
        for user_id, role in User.groups.through.objects.filter(
                user__court=court, group__name__in=Role.values).values_list("user_id", "group__name"):
            roles.setdefault(user_id, set()).add(role)
        for user_id, names in roles.items():
            by_pk[user_id].roles = frozenset(names)
        taken = set(User.objects.exclude(court=court).values_list("username", flat=True))
        groups = dict(Group.objects.filter(name__in=Role.values).values_list("name", "pk"))
        return Context(court=court, actor_id=job.created_by_id, staff=staff, taken=taken, groups=groups)

    def validate(self, row: Row, context: Context) -> list[RowError]:
        v, n = row.values, row.number
        errors: list[RowError] = []
        username = v["username"]
        if username is None:
            return errors
        first = context.seen.setdefault(username, n)
        if first != n:
            errors.append(RowError(n, "username", gettext_noop("用户名与第%(row)d行重复。"), {"row": first}))
        if username in context.taken:
            errors.append(RowError(n, "username", gettext_noop("用户名“%(value)s”已被其他法院或系统管理员使用。"),
                                   {"value": username}))
            return errors
        existing = context.staff.get(username)
        if existing is not None and existing.pk == context.actor_id and v["roles"] is not None \
                and Role.COURT_ADMIN in existing.roles and Role.COURT_ADMIN not in v["roles"]:
            errors.append(RowError(n, "roles", gettext_noop("不能通过导入取消自己的法院管理员角色。")))
        if existing is None and v["password"] is not None:
            candidate = User(username=username, full_name=v["full_name"] or "", court=context.court)
            try:
                validate_password(v["password"], candidate)
            except ValidationError as exc:
                errors.append(RowError(n, "password", gettext_noop("初始密码不符合要求：%(reason)s"),
                                       {"reason": "".join(exc.messages)}))
        return errors

    def apply(self, rows: list[Row], context: Context, *, write: bool) -> Counter:
        counts: Counter = Counter()
        new, changed, role_changes = [], [], {}  # role_changes: username → (before, after)
        audit: dict = {}  # username → {field: (before, after)} of the users this batch changes
        for row in rows:
            v = row.values
            username, roles = v["username"], v["roles"]
            existing = context.staff.get(username)
            if existing is None:
                user = User(username=username, court=context.court, full_name=v["full_name"], phone=v["phone"] or "")
                if v["password"] is not None:
                    if write:
                        user.password = make_password(v["password"])
                else:
                    user.set_unusable_password()
                    context.summary["without_password"] += 1
                    if len(context.without_password) < LISTED_WITHOUT_PASSWORD:
                        context.without_password.append(username)
                new.append(user)
                role_changes[username] = (frozenset(), roles)
                context.staff[username] = Staff(None, user.full_name, user.phone, roles)
                counts += row_outcome(1, 0)
                continue
            phone = existing.phone if v["phone"] is None else v["phone"]
            fields_changed = (existing.full_name, existing.phone) != (v["full_name"], phone)
            diff = audit[username] = {name: (before, after) for name, before, after in (
                ("full_name", existing.full_name, v["full_name"]), ("phone", existing.phone, phone)) if before != after}
            if fields_changed:
                changed.append(User(pk=existing.pk, username=username, court=context.court, full_name=v["full_name"],
                                    phone=phone))
                existing.full_name, existing.phone = v["full_name"], phone
            if existing.roles != roles:
                role_changes[username] = (existing.roles, roles)
                diff["roles"] = (sorted(existing.roles), sorted(roles))
                existing.roles = roles
            counts += row_outcome(0, fields_changed or username in role_changes)
        context.summary["roles_changed"] += sum(1 for before, _after in role_changes.values() if before)
        if write:
            self._write(context, new, changed, role_changes, audit)
        return counts

    def _write(self, context: Context, new: list, changed: list, role_changes: dict, audit: dict) -> None:
        created = User.objects.bulk_create(new, batch_size=500)
        for user in created:
            context.staff[user.username].pk = user.pk
        entries = [(user, "create", {"username": (None, user.username), "full_name": (None, user.full_name),
                                     "phone": (None, user.phone or None), "court": (None, context.court.pk),
                                     "roles": (None, sorted(role_changes[user.username][1]))}) for user in created]
        entries += [(User(pk=context.staff[username].pk, username=username, court=context.court,
                          full_name=context.staff[username].full_name), "update", diff)
                    for username, diff in audit.items() if diff]
        record_many(User, entries)
        if changed:
            User.objects.bulk_update(changed, ["full_name", "phone"], batch_size=500)
        through = User.groups.through
        removed, added = set(), []
        for username, (before, after) in role_changes.items():
            pk = context.staff[username].pk
            removed.update((pk, context.groups[role]) for role in before - after)
            added.extend(through(user_id=pk, group_id=context.groups[role]) for role in after - before
                         if role in context.groups)
        if removed:
            stale = [pk for pk, user_id, group_id in through.objects.filter(
                user_id__in={user_id for user_id, _group in removed},
                group_id__in={group_id for _user, group_id in removed}).values_list("pk", "user_id", "group_id")
                if (user_id, group_id) in removed]
            through.objects.filter(pk__in=stale).delete()
        through.objects.bulk_create(added, batch_size=1000)

    def finish(self, context: Context, *, write: bool) -> dict:
        return {**dict(context.summary), "without_password_users": context.without_password}


USERS = register(Users())

