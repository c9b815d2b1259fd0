"""The `townships_grids` kind: the court's townships, their grids and grid workers (grid-channel push recipients)."""
import pytest

from cases.models import Grid, Township
from pushes.models import PushRecipient
from tests.factories import GridFactory, TownshipFactory
from tests.imports.tables import errors_of, table_csv, table_xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["乡镇名称", "乡镇代码", "网格名称", "网格员", "网格员电话"]
MAP = [
    ["陈营镇", "C01", "第一网格", "李网格", "13900000001"],
    ["陈营镇", "C01", "第二网格", "", ""],
    ["石镇镇", "S02", "", "", ""],
]


def test_townships_grids_and_grid_workers_are_created_in_the_admins_court(run_import, court):
    job = run_import(table_csv(HEADERS, MAP), kind="townships_grids")
    assert job.status == "done", job.errors
    assert job.counts == {"created": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    assert dict(Township.objects.filter(court=court).values_list("code", "name")) == {"C01": "陈营镇", "S02": "石镇镇"}
    assert set(Grid.objects.filter(township__court=court).values_list("township__code", "name")) == \
        {("C01", "第一网格"), ("C01", "第二网格")}
    worker = PushRecipient.objects.get(court=court)
    assert (worker.channel, worker.name, worker.contact, worker.phone) == \
        ("grid", "陈营镇第一网格网格员", "李网格", "13900000001")
    assert worker.grid.name == "第一网格" and worker.township.code == "C01"
    assert job.summary["townships_created"] == 2 and job.summary["grids_created"] == 2
    assert job.summary["grid_workers_created"] == 1


def test_the_same_file_twice_changes_nothing(run_import):
    run_import(table_csv(HEADERS, MAP), kind="townships_grids")
    again = run_import(table_csv(HEADERS, MAP), kind="townships_grids")
    assert again.status == "done"
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 3, "rejected": 0}
    assert Township.objects.count() == 2 and Grid.objects.count() == 2 and PushRecipient.objects.count() == 1


def test_a_known_code_with_a_new_name_renames_and_a_new_worker_updates_the_grids_recipient(run_import, court):
    run_import(table_csv(HEADERS, MAP), kind="townships_grids")
    changed = [["陈营镇", "C01", "第一网格", "张网格", ""], ["石镇街道", "S02", "", "", ""]]
    job = run_import(table_csv(HEADERS, changed), kind="townships_grids")
    assert job.status == "done", job.errors
    assert job.counts == {"created": 0, "updated": 2, "unchanged": 0, "rejected": 0}
    assert Township.objects.get(court=court, code="S02").name == "石镇街道"
    worker = PushRecipient.objects.get(court=court)
    assert (worker.contact, worker.phone) == ("张网格", "13900000001")  # a blank phone keeps the phone


def test_a_dry_run_writes_nothing(run_import):
    job = run_import(table_csv(HEADERS, MAP), kind="townships_grids", dry_run=True)
    assert job.status == "done" and job.counts["created"] == 3
    assert not Township.objects.exists() and not PushRecipient.objects.exists()


@pytest.mark.parametrize("upload", [
    lambda: table_csv(HEADERS, MAP, encoding="gbk"),
    lambda: table_xlsx(HEADERS, MAP),
], ids=["gbk", "xlsx"])
def test_gbk_csv_and_xlsx(run_import, upload):
    job = run_import(upload(), kind="townships_grids")
    assert job.status == "done", job.errors
    assert Township.objects.get(code="C01").name == "陈营镇"


def test_another_courts_map_is_neither_read_nor_touched(run_import, court, other_court):
    # given another court with a township of the same code and name and a grid
    theirs = GridFactory(township=TownshipFactory(court=other_court, code="C01", name="陈营镇"), name="第一网格")
    job = run_import(table_csv(HEADERS, MAP), kind="townships_grids")
    # then ours are created beside theirs; theirs are untouched
    assert job.status == "done" and job.counts["created"] == 3
    assert Township.objects.filter(code="C01").count() == 2
    assert Grid.objects.filter(township=theirs.township).count() == 1
    assert not PushRecipient.objects.filter(court=other_court).exists()


@pytest.mark.parametrize("row, column, fragment", [
    (["陈营乡", "C01", "第三网格", "", ""], "乡镇名称", "同一代码应填写同一名称"),
    (["陈营镇", "C09", "第三网格", "", ""], "乡镇代码", "同一乡镇应填写同一代码"),
    (["陈营镇", "C01", "第一网格", "", ""], "网格名称", "与第2行重复"),
    (["陈营镇", "C01", "", "王网格", ""], "网格员", "须填写网格名称"),
    (["陈营镇", "C01", "", "", "139"], "网格员电话", "须填写网格名称"),
    (["", "C05", "第一网格", "", ""], "乡镇名称", "不能为空"),
    (["新镇", "", "", "", ""], "乡镇代码", "不能为空"),
    (["新镇", "X" * 17, "", "", ""], "乡镇代码", "超过16个字"),
    (["新镇", "N1", "网" * 65, "", ""], "网格名称", "超过64个字"),
    (["新\t镇", "N1", "", "", ""], "乡镇名称", "含有控制字符"),
])
def test_each_bad_row_fails_the_file(run_import, row, column, fragment):
    job = run_import(table_csv(HEADERS, [MAP[0], row]), kind="townships_grids")
    assert job.status == "failed" and job.counts["rejected"] == 1
    [(number, col, message)] = errors_of(job)
    assert (number, col) == (3, column) and fragment in message, message
    assert not Township.objects.exists()


def test_a_name_the_court_gives_another_code_is_refused(run_import, court):
    TownshipFactory(court=court, code="C09", name="陈营镇")
    job = run_import(table_csv(HEADERS, MAP), kind="townships_grids")
    assert job.status == "failed"
    assert {(row, column) for row, column, _message in errors_of(job)} == {(2, "乡镇名称"), (3, "乡镇名称")}
    assert "本院已有名为“陈营镇”的乡镇（代码C09）" in errors_of(job)[0][2]


def test_queries_do_not_grow_with_the_rows(run_import, django_assert_max_num_queries):
    def town_map(count, offset):
        return table_csv(HEADERS, [[f"镇{offset + i}", f"T{offset + i}", f"第{j}网格", f"员{i}{j}", "139"]
                                   for i in range(count) for j in range(2)])

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        run_import(town_map(5, 0), kind="townships_grids")
    with CaptureQueriesContext(connection) as large:
        job = run_import(town_map(100, 100), kind="townships_grids")
    assert job.counts["created"] == 200
    # bulk writes: a few more statements where SQLite's bound-parameter limit splits an insert, never one per row
    assert len(large) <= len(small) + 10, (len(small), len(large))


def test_what_the_import_writes_is_on_the_audit_trail(run_import, court, court_admin):
    from audit.models import AuditEntry

    run_import(table_csv(HEADERS, MAP), kind="townships_grids")
    run_import(table_csv(HEADERS, [["石镇街道", "S02", "", "", ""], ["陈营镇", "C01", "第一网格", "张网格", ""]]),
               kind="townships_grids")
    entries = AuditEntry.objects.filter(court_id=court.pk, actor=court_admin)
    assert entries.filter(content_type__model="township", action="create").count() == 2
    grids = AuditEntry.objects.filter(content_type__model="grid", action="create", actor=court_admin)
    assert sorted(grids.values_list("object_repr", flat=True)) == ["陈营镇·第一网格", "陈营镇·第二网格"]
    assert entries.get(content_type__model="township", action="update").changes == {"name": ["石镇镇", "石镇街道"]}
    assert entries.get(content_type__model="pushrecipient", action="update").changes == \
        {"contact": ["李网格", "张网格"]}
