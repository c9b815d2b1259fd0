"""The one bounded reader of uploaded tables (wanian_exec.tabular): encodings, cells, limits, columns."""
import datetime as dt
import io
import time
import tracemalloc
import zipfile
from unittest import mock
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from wanian_exec import tabular
from wanian_exec.tabular import Limits, TableRejected, column_map, open_table

ROWS = [["案号", "被执行人", "金额"], ["（2023）赣1129执1号", "张三", "100.50"], ["（2023）赣1129执2号", "李四", "7"]]


def csv_upload(rows, encoding="utf-8", name="cases.csv"):
    text = "\r\n".join(",".join(row) for row in rows) + "\r\n"
    return SimpleUploadedFile(name, text.encode(encoding))


def xlsx_upload(rows, name="cases.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def read(upload, **limits):
    with open_table(upload, limits=Limits(**limits)) as table:
        return table.headers, list(table.rows())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_each_encoding_courts_save(encoding):
    headers, rows = read(csv_upload(ROWS, encoding))
    assert headers == ROWS[0]
    assert rows == [(2, ROWS[1]), (3, ROWS[2])]


def test_gbk_file_whose_first_rows_are_ascii_is_read_as_gbk():
    rows = [["id_number", "name"]] + [[f"{n}", "x"] for n in range(3000)] + [["1", "王五"]]
    headers, read_rows = read(csv_upload(rows, "gbk"))
    assert headers == ["id_number", "name"] and read_rows[-1] == (3002, ["1", "王五"])


def test_bytes_that_are_neither_utf8_nor_gbk_are_refused():
    upload = SimpleUploadedFile("x.csv", "案号\n".encode("utf-8") + b"\x81\x20\xff\xff\n")
    with pytest.raises(TableRejected) as caught:
        read(upload)
    assert caught.value.code == "encoding"


def test_xlsx_cells_come_out_as_text():
    upload = xlsx_upload([["案号", "日期", "时间", "金额", "整数", "空"],
                          ["（2023）赣1129执1号", dt.datetime(2023, 5, 1), dt.datetime(2023, 5, 1, 9, 30), 100.5,
                           126000.0, None],
                          [" 带空格 ", dt.date(2023, 1, 2), None, 1e16, 3, None]])
    headers, rows = read(upload)
    assert headers == ["案号", "日期", "时间", "金额", "整数", "空"]
    assert rows[0] == (2, ["（2023）赣1129执1号", "2023-05-01", "2023-05-01 09:30:00", "100.5", "126000"])
    assert rows[1] == (3, ["带空格", "2023-01-02", "", "10000000000000000", "3"])
    assert Decimal(rows[0][1][3]) == Decimal("100.5")


def test_blank_rows_are_skipped_and_row_numbers_stay_the_files_own():
    headers, rows = read(csv_upload([[""], ["案号"], ["a"], [""], ["b"]]))
    assert headers == ["案号"] and rows == [(3, ["a"]), (5, ["b"])]


def test_too_many_rows_are_refused_while_reading():
    rows = [["案号"]] + [[str(n)] for n in range(11)]
    assert len(read(csv_upload(rows), max_rows=11)[1]) == 11
    with pytest.raises(TableRejected) as caught:
        read(csv_upload(rows), max_rows=10)
    assert caught.value.code == "too_many_rows" and caught.value.row == 12


def test_too_many_rows_in_a_workbook_stop_at_the_limit_not_the_end():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for n in range(200_000):
        sheet.append([n])
    buffer = io.BytesIO()
    workbook.save(buffer)
    consumed = []
    original = tabular._XlsxTable._raw_rows

    def counting(table):
        for number, values in original(table):
            consumed.append(number)
            yield number, values

    with mock.patch.object(tabular._XlsxTable, "_raw_rows", counting), pytest.raises(TableRejected):
        read(SimpleUploadedFile("big.xlsx", buffer.getvalue()), max_rows=1_000)
    assert len(consumed) == 1_002  # the header, 1,000 rows and the one over: not the file's 200,000


def bomb(part="xl/sharedStrings.xml", megabytes=300):
    """A workbook-shaped zip whose one part inflates to `megabytes` of one character: under 1 MB on disk."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(part, "w", force_zip64=True) as member:
            chunk = b"A" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return buffer.getvalue()


def test_a_decompression_bomb_is_refused_without_inflating_it():
    data = bomb()
    assert len(data) < 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(TableRejected) as caught:
            read(SimpleUploadedFile("bomb.xlsx", data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.code == "zip_bomb"
    assert time.perf_counter() - started < 5 and peak < 20 * 1024 * 1024


def test_a_shared_strings_part_over_its_own_bound_is_refused_even_under_the_total():
    data = bomb(megabytes=40)
    with pytest.raises(TableRejected) as caught:
        read(SimpleUploadedFile("bomb.xlsx", data))
    assert caught.value.code == "zip_bomb" and "sharedStrings" in caught.value.message


def test_a_big_worksheet_part_is_allowed_up_to_the_total():
    with pytest.raises(TableRejected) as caught:
        read(SimpleUploadedFile("sheet.xlsx", bomb("xl/worksheets/sheet1.xml", megabytes=40)))
    assert caught.value.code == "file_type"  # read as far as openpyxl, which finds no workbook in it


def test_a_file_over_the_size_limit_is_refused_before_reading():
    with pytest.raises(TableRejected) as caught:
        read(csv_upload(ROWS), max_bytes=10)
    assert caught.value.code == "file_size"


@pytest.mark.parametrize("name,content,code", [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "file_type"),
    ("fake.xlsx", b"not a zip at all", "file_type"),
    ("data.pdf", b"%PDF-1.4", "file_type"),
    ("nul.csv", b"a,b\n1,\x002\n", "file_type"),
    ("empty.csv", b"", "empty"),
    ("blank.csv", b"\n\n,,\n", "no_header"),
])
def test_files_that_are_not_tables_are_refused_in_words(name, content, code):
    with pytest.raises(TableRejected) as caught:
        read(SimpleUploadedFile(name, content))
    assert caught.value.code == code and caught.value.message


def test_too_many_columns_are_refused():
    with pytest.raises(TableRejected) as caught:
        read(csv_upload([[f"c{n}" for n in range(6)]]), max_columns=5)
    assert caught.value.code == "too_many_columns"


def test_column_map_takes_any_order_ignores_extras_and_names_what_is_missing():
    columns = {"number": ("案号",), "amount": ("申请执行标的", "金额"), "note": ("备注",)}
    assert column_map(["备注列", "金额", " 案 号* "], columns, required={"number"}) == {"amount": 1, "number": 2}
    with pytest.raises(TableRejected) as caught:
        column_map(["备注"], columns, required={"number", "amount"})
    assert "案号" in caught.value.message and "申请执行标的" in caught.value.message
    with pytest.raises(TableRejected):
        column_map(["金额", "申请执行标的"], columns)


def test_records_give_each_row_by_key_and_short_rows_read_empty():
    upload = csv_upload([["被执行人", "案号"], ["张三", "（2023）赣1129执1号"], ["李四"]])
    with open_table(upload) as table:
        columns = column_map(table.headers, {"number": ("案号",), "name": ("被执行人",)})
        assert list(table.records(columns)) == [(2, {"number": "（2023）赣1129执1号", "name": "张三"}),
                                                (3, {"number": "", "name": "李四"})]


def test_a_stored_file_path_reads_the_same(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_upload(ROWS, "gbk").read())
    with open_table(path) as table:
        assert table.headers == ROWS[0] and len(list(table.rows())) == 2


def test_messages_follow_the_language():
    from django.utils import translation

    with translation.override("en"), pytest.raises(TableRejected) as caught:
        read(csv_upload(ROWS), max_bytes=10)
    assert "MB" in caught.value.message
