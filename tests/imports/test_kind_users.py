"""The `users` kind: staff with their roles, into the importing admin's own court only."""
import pytest
from django.contrib.auth import authenticate

from cases.models import User
from tests.factories import UserFactory
from tests.imports.tables import errors_of, table_csv, table_xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["用户名", "姓名", "角色", "联系电话", "初始密码"]


def roles_of(username: str) -> set[str]:
    return set(User.objects.get(username=username).groups.values_list("name", flat=True))


def staff_file(**kwargs):
    return table_csv(HEADERS, [
        ["zhangsan", "张三", "执行法官", "13800000001", "Zhixing-2024!"],
        ["lisi", "李四", "书记员、审判法官", "", ""],
        ["wangwu", "王五", "leader、court_admin", "", "Wannian-Lead-7"],
    ], **kwargs)


def test_staff_are_created_in_the_admins_court_with_their_roles(run_import, court, court_admin):
    # given a file of three staff, roles as Chinese labels and codes
    job = run_import(staff_file(), kind="users")
    # then all three are created in the admin's court with their roles
    assert job.status == "done", job.errors
    assert job.counts == {"created": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    assert set(User.objects.filter(court=court).exclude(pk=court_admin.pk).values_list("username", flat=True)) == \
        {"zhangsan", "lisi", "wangwu"}
    assert roles_of("zhangsan") == {"enforcement_judge"}
    assert roles_of("lisi") == {"clerk", "trial_judge"}
    assert roles_of("wangwu") == {"leader", "court_admin"}
    assert User.objects.get(username="zhangsan").phone == "13800000001"
    # and a given initial password logs in; a blank one leaves the account without a usable password, reported
    assert authenticate(username="zhangsan", password="Zhixing-2024!") is not None
    assert not User.objects.get(username="lisi").has_usable_password()
    assert job.summary["without_password"] == 1
    assert job.summary["without_password_users"] == ["lisi"]


def test_the_same_file_twice_changes_nothing(run_import):
    first = run_import(staff_file(), kind="users")
    again = run_import(staff_file(), kind="users")
    assert first.status == again.status == "done"
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 3, "rejected": 0}
    assert User.objects.filter(username__in=["zhangsan", "lisi", "wangwu"]).count() == 3


def test_an_existing_user_of_the_court_gets_the_files_name_and_roles_but_keeps_the_password(run_import, court):
    # given a judge of the court who is also a leader
    UserFactory(court=court, username="zhangsan", full_name="张叁", roles=["enforcement_judge", "leader"])
    # when the file names them 张三, enforcement judge only, with a password
    job = run_import(staff_file(), kind="users")
    # then the name and roles are the file's; the password is not changed by an import
    assert job.status == "done", job.errors
    assert job.counts == {"created": 2, "updated": 1, "unchanged": 0, "rejected": 0}
    user = User.objects.get(username="zhangsan")
    assert user.full_name == "张三" and roles_of("zhangsan") == {"enforcement_judge"}
    assert user.check_password("pass-1234-word") and not user.check_password("Zhixing-2024!")
    assert job.summary["roles_changed"] == 1


def test_a_blank_phone_keeps_the_users_phone(run_import, court):
    UserFactory(court=court, username="lisi", full_name="李四", phone="0793-1", roles=["clerk", "trial_judge"])
    job = run_import(staff_file(), kind="users")
    assert job.status == "done"
    assert User.objects.get(username="lisi").phone == "0793-1"
    assert job.counts["unchanged"] == 1


def test_a_dry_run_counts_and_writes_nothing(run_import, court):
    job = run_import(staff_file(), kind="users", dry_run=True)
    assert job.status == "done"
    assert job.counts["created"] == 3
    assert not User.objects.filter(username="zhangsan").exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_in_utf8_with_bom_and_gbk(run_import, encoding):
    job = run_import(staff_file(encoding=encoding), kind="users")
    assert job.status == "done", job.errors
    assert User.objects.get(username="lisi").full_name == "李四"


def test_xlsx(run_import):
    job = run_import(table_xlsx(HEADERS, [["zhaoliu", "赵六", "院领导", 13900000000, ""]]), kind="users")
    assert job.status == "done", job.errors
    user = User.objects.get(username="zhaoliu")
    assert roles_of("zhaoliu") == {"leader"} and user.phone == "13900000000"


def test_a_user_name_of_another_court_is_refused_and_that_user_is_untouched(run_import, other_court):
    # given a user name held by a judge of another court
    other = UserFactory(court=other_court, username="zhangsan", full_name="鄱阳张", roles=["enforcement_judge"])
    # when this court imports it
    job = run_import(staff_file(), kind="users")
    # then the file fails on that row and nothing is written anywhere
    assert job.status == "failed"
    assert errors_of(job) == [(2, "用户名", "用户名“zhangsan”已被其他法院或系统管理员使用。")]
    other.refresh_from_db()
    assert other.court == other_court and other.full_name == "鄱阳张"
    assert not User.objects.filter(username__in=["lisi", "wangwu"]).exists()


@pytest.mark.parametrize("row, column, fragment", [
    (["zhangsan", "张三", "执行法官", "", ""], "用户名", "与第2行重复"),
    (["bad name", "坏名", "书记员", "", ""], "用户名", "只能包含字母、数字"),
    (["x" * 151, "长名", "书记员", "", ""], "用户名", "不能超过150个字符"),
    (["zhou", "周" * 33, "书记员", "", ""], "姓名", "超过32个字"),
    (["zhou", "周", "法警", "", ""], "角色", "“法警”不是可选值"),
    (["zhou", "周", "", "", ""], "角色", "“角色”不能为空"),
    (["zhou", "周", "、", "", ""], "角色", "请至少填写一个角色"),
    (["zhou", "周", "书记员", "", "12345678"], "初始密码", "初始密码不符合要求"),
    (["zhou", "周", "书记员", "", "abc"], "初始密码", "初始密码不符合要求"),
    (["zhou", "", "书记员", "", ""], "姓名", "“姓名”不能为空"),
])
def test_each_bad_row_fails_the_file(run_import, row, column, fragment):
    upload = table_csv(HEADERS, [["zhangsan", "张三", "执行法官", "", ""], row])
    job = run_import(upload, kind="users")
    assert job.status == "failed"
    assert job.counts["rejected"] == 1
    [(number, col, message)] = errors_of(job)
    assert (number, col) == (3, column) and fragment in message, message
    assert not User.objects.filter(username="zhangsan").exists()


def test_a_system_admins_user_name_is_refused(run_import, admin_user):
    job = run_import(table_csv(HEADERS, [["sysadmin", "系统", "书记员", "", ""]]), kind="users")
    assert job.status == "failed" and errors_of(job)[0][1] == "用户名"
    assert User.objects.get(username="sysadmin").court_id is None


def test_the_admin_cannot_drop_their_own_court_admin_role(run_import, court_admin):
    job = run_import(table_csv(HEADERS, [[court_admin.username, "管理员", "书记员", "", ""]]), kind="users")
    assert job.status == "failed"
    assert errors_of(job) == [(2, "角色", "不能通过导入取消自己的法院管理员角色。")]
    assert roles_of(court_admin.username) == {"court_admin"}


def test_an_admin_of_another_court_imports_into_their_own_court(run_import, court, other_court):
    # given the admin of another court importing the same file
    other_admin = UserFactory(court=other_court, username="padmin", roles=["court_admin"])
    job = run_import(staff_file(), kind="users", actor=other_admin)
    # then the users land in that court, none in ours
    assert job.status == "done" and job.court == other_court
    assert set(User.objects.filter(username__in=["zhangsan", "lisi"]).values_list("court", flat=True)) == \
        {other_court.pk}
    assert not User.objects.filter(court=court, username="zhangsan").exists()


def test_many_users_are_written_in_a_constant_number_of_queries(run_import, django_assert_max_num_queries):
    def staff(count):
        return table_csv(HEADERS, [[f"u{i}", f"用户{i}", "书记员、执行法官", "", ""] for i in range(count)])

    with django_assert_max_num_queries(60):
        job = run_import(staff(200), kind="users")
    assert job.counts["created"] == 200


def test_created_and_changed_staff_are_on_the_audit_trail(run_import, court, court_admin):
    from audit.models import AuditEntry

    UserFactory(court=court, username="zhangsan", full_name="张叁", roles=["enforcement_judge", "leader"])
    before = AuditEntry.objects.count()
    run_import(staff_file(), kind="users")
    entries = {e.object_repr: e for e in AuditEntry.objects.filter(content_type__model="user")[:10]}
    created = entries["李四"]
    assert (created.action, created.actor, created.source, created.court_id) == ("create", court_admin, "task",
                                                                                 court.pk)
    assert created.changes["roles"] == [None, ["clerk", "trial_judge"]]
    assert "password" not in created.changes and "Wannian-Lead-7" not in str(entries["王五"].changes)
    updated = entries["张三"]
    assert updated.action == "update"
    assert updated.changes == {"full_name": ["张叁", "张三"], "phone": ["", "13800000001"],
                               "roles": [["enforcement_judge", "leader"], ["enforcement_judge"]]}
    # and the same file again writes nothing, so records nothing
    count = AuditEntry.objects.count()
    assert count == before + 3
    run_import(staff_file(), kind="users")
    assert AuditEntry.objects.count() == count
