"""The `push_recipients` kind: who receives the weekly push lists, places and employers found by name in the court."""
import pytest

from pushes.models import PushRecipient
from tests.factories import GridFactory, OrganizationFactory, TownshipFactory
from tests.imports.tables import errors_of, table_csv, table_xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["推送渠道", "接收单位/人员", "乡镇", "网格", "单位", "人大/政协", "联系人", "联系电话", "电子邮箱"]


@pytest.fixture
def places(court):
    chenying = TownshipFactory(court=court, name="陈营镇", code="C01")
    shizhen = TownshipFactory(court=court, name="石镇镇", code="S02")
    GridFactory(township=chenying, name="第一网格")
    GridFactory(township=shizhen, name="第一网格")
    GridFactory(township=chenying, name="第二网格")
    company = OrganizationFactory(court=court, name="万年县恒昌建材有限公司")
    return {"chenying": chenying, "shizhen": shizhen, "company": company}


def recipients_file(places, **kwargs):
    return table_csv(HEADERS, [
        ["乡镇", "陈营镇人民政府", "陈营镇", "", "", "", "王主任", "0793-7712345", "cy@example.cn"],
        ["综治网格", "陈营镇第一网格网格员", "陈营镇", "第一网格", "", "", "李网格", "13900000001", ""],
        ["grid", "第二网格网格员", "", "第二网格", "", "", "", "", ""],
        ["单位", "恒昌建材人事部", "", "", places["company"].credit_code, "", "刘经理", "", ""],
        ["人大政协", "县人大常委会", "", "", "", "人大代表", "", "", ""],
        ["纪委监委", "县纪委监委", "", "", "", "", "", "", ""],
        ["民政部门", "县民政局", "", "", "", "", "", "", ""],
    ], **kwargs)


def test_recipients_are_created_in_the_admins_court_with_their_places(run_import, court, places):
    job = run_import(recipients_file(places), kind="push_recipients")
    assert job.status == "done", job.errors
    assert job.counts == {"created": 7, "updated": 0, "unchanged": 0, "rejected": 0}
    found = {r.name: r for r in PushRecipient.objects.filter(court=court)}
    assert found["陈营镇人民政府"].channel == "township" and found["陈营镇人民政府"].township == places["chenying"]
    assert found["陈营镇人民政府"].email == "cy@example.cn"
    grid = found["陈营镇第一网格网格员"]
    assert grid.channel == "grid" and (grid.township.name, grid.grid.name) == ("陈营镇", "第一网格")
    # a grid named alone is found when one township of the court has it; its township is the grid's
    assert found["第二网格网格员"].grid.township == places["chenying"]
    assert found["第二网格网格员"].township == places["chenying"]
    assert found["恒昌建材人事部"].channel == "employer" and found["恒昌建材人事部"].organization == places["company"]
    assert (found["县人大常委会"].channel, found["县人大常委会"].body) == ("npc_cppcc", "npc")
    assert found["县纪委监委"].channel == "discipline" and found["县民政局"].channel == "civil_affairs"


def test_the_same_file_twice_changes_nothing(run_import, places):
    run_import(recipients_file(places), kind="push_recipients")
    again = run_import(recipients_file(places), kind="push_recipients")
    assert again.status == "done"
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 7, "rejected": 0}
    assert PushRecipient.objects.count() == 7


def test_a_known_recipient_is_updated(run_import, court, places):
    run_import(recipients_file(places), kind="push_recipients")
    job = run_import(table_csv(HEADERS, [["乡镇", "陈营镇人民政府", "陈营镇", "", "", "", "赵主任", "", ""]]),
                     kind="push_recipients")
    assert job.status == "done" and job.counts["updated"] == 1
    recipient = PushRecipient.objects.get(court=court, name="陈营镇人民政府")
    assert (recipient.contact, recipient.phone) == ("赵主任", "0793-7712345")


def test_a_dry_run_writes_nothing(run_import, places):
    job = run_import(recipients_file(places), kind="push_recipients", dry_run=True)
    assert job.status == "done" and job.counts["created"] == 7
    assert not PushRecipient.objects.exists()


@pytest.mark.parametrize("kind", ["gbk", "xlsx"])
def test_gbk_csv_and_xlsx(run_import, places, kind):
    rows = [["综治网格", "陈营镇第一网格网格员", "陈营镇", "第一网格", "", "", "李网格", "13900000001", ""]]
    upload = table_csv(HEADERS, rows, encoding="gbk") if kind == "gbk" else table_xlsx(HEADERS, rows)
    job = run_import(upload, kind="push_recipients")
    assert job.status == "done", job.errors
    assert PushRecipient.objects.get().contact == "李网格"


@pytest.mark.parametrize("row, column, fragment", [
    (["短信", "某人", "", "", "", "", "", "", ""], "推送渠道", "“短信”不是可选值"),
    (["乡镇", "某镇政府", "鄱阳镇", "", "", "", "", "", ""], "乡镇", "本院没有名为“鄱阳镇”的乡镇"),
    (["乡镇", "某镇政府", "", "", "", "", "", "", ""], "乡镇", "乡镇渠道须填写乡镇"),
    (["综治网格", "某网格", "", "", "", "", "", "", ""], "网格", "综治网格渠道须填写网格"),
    (["综治网格", "某网格", "", "第一网格", "", "", "", "", ""], "网格", "有2个乡镇都有名为“第一网格”的网格"),
    (["综治网格", "某网格", "", "第九网格", "", "", "", "", ""], "网格", "本院没有名为“第九网格”的网格"),
    (["综治网格", "某网格", "石镇镇", "第二网格", "", "", "", "", ""], "网格", "乡镇“石镇镇”没有名为“第二网格”的网格"),
    (["单位", "某单位", "", "", "", "", "", "", ""], "单位", "工作单位渠道须填写单位"),
    (["单位", "某单位", "", "", "不存在公司", "", "", "", ""], "单位", "没有名称或统一社会信用代码为“不存在公司”的单位"),
    (["纪委监委", "县纪委", "", "", "", "人大代表", "", "", ""], "人大/政协", "只用于人大、政协渠道"),
    (["民政", "县民政局", "", "", "", "", "", "", "not-an-email"], "电子邮箱", "不是有效的电子邮箱"),
    (["民政", "", "", "", "", "", "", "", ""], "接收单位/人员", "不能为空"),
    (["乡镇", "陈营镇人民政府", "陈营镇", "", "", "", "", "", ""], "接收单位/人员", "与第2行是同一推送对象"),
])
def test_each_bad_row_fails_the_file(run_import, places, row, column, fragment):
    first = ["乡镇", "陈营镇人民政府", "陈营镇", "", "", "", "王主任", "", ""]
    job = run_import(table_csv(HEADERS, [first, row]), kind="push_recipients")
    assert job.status == "failed" and job.counts["rejected"] == 1
    [(number, col, message)] = errors_of(job)
    assert (number, col) == (3, column) and fragment in message, message
    assert not PushRecipient.objects.exists()


def test_an_organisation_named_twice_in_the_court_must_be_given_by_its_code(run_import, court, places):
    OrganizationFactory(court=court, name="万年县恒昌建材有限公司")
    job = run_import(table_csv(HEADERS, [["单位", "人事部", "", "", "万年县恒昌建材有限公司", "", "", "", ""]]),
                     kind="push_recipients")
    assert job.status == "failed" and "请填写其统一社会信用代码" in errors_of(job)[0][2]


def test_another_courts_places_and_employers_are_not_found(run_import, court, other_court, places):
    # given another court's township and company
    TownshipFactory(court=other_court, name="鄱阳镇", code="P01")
    theirs = OrganizationFactory(court=other_court, name="鄱阳某公司")
    rows = [["乡镇", "鄱阳镇政府", "鄱阳镇", "", "", "", "", "", ""],
            ["单位", "某部", "", "", theirs.credit_code, "", "", "", ""]]
    job = run_import(table_csv(HEADERS, rows), kind="push_recipients")
    # then neither is found from this court
    assert job.status == "failed"
    assert [(row, column) for row, column, _m in errors_of(job)] == [(2, "乡镇"), (3, "单位")]
    assert not PushRecipient.objects.exists()


def test_queries_do_not_grow_with_the_rows(run_import, places):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def recipients(count, offset):
        return table_csv(HEADERS, [["乡镇", f"单位{offset + i}", "陈营镇", "", "", "", "", "", ""]
                                   for i in range(count)])

    with CaptureQueriesContext(connection) as small:
        run_import(recipients(5, 0), kind="push_recipients")
    with CaptureQueriesContext(connection) as large:
        job = run_import(recipients(300, 100), kind="push_recipients")
    assert job.counts["created"] == 300
    # bulk writes: a few more statements where SQLite's bound-parameter limit splits an insert, never one per row
    assert len(large) <= len(small) + 10, (len(small), len(large))


def test_what_the_import_writes_is_on_the_audit_trail(run_import, court, court_admin, places):
    from audit.models import AuditEntry

    run_import(recipients_file(places), kind="push_recipients")
    run_import(table_csv(HEADERS, [["乡镇", "陈营镇人民政府", "陈营镇", "", "", "", "赵主任", "", ""]]),
               kind="push_recipients")
    entries = AuditEntry.objects.filter(content_type__model="pushrecipient", court_id=court.pk, actor=court_admin)
    assert entries.filter(action="create").count() == 7
    assert entries.get(action="update").changes == {"contact": ["王主任", "赵主任"]}
