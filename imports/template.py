"""The .xlsx template of an import kind, built from its columns (imports.registry): the Chinese headers (required
ones marked), an example row, list validation for choice columns, identity-number columns formatted as text (a
number typed there stays 18 characters, not 3.61129E+17), and a sheet that explains each column."""
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .registry import ImportKind, chinese

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT = "@"
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
LAST_ROW = 1048576


def template_workbook(kind: ImportKind) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = chinese(kind.label)[:31]
    for index, column in enumerate(kind.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.chinese_header)
        header.font = Font(bold=True)
        if column.required:
            header.fill = REQUIRED_FILL
        example = sheet.cell(row=2, column=index, value=chinese(column.example) if column.example else None)
        if column.text:
            example.number_format = TEXT
            sheet.column_dimensions[letter].number_format = TEXT
        if column.choices:
            labels = ",".join(chinese(label) for label in column.choices)
            validation = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True, showDropDown=False)
            validation.error = chinese(_("请从列表中选择。"))
            validation.errorTitle = column.chinese_header
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            sheet.add_data_validation(validation)
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.chinese_header) * 2 + 6,
                                                            len(str(example.value or "")) * 2 + 2))
    sheet.freeze_panes = "A2"
    notes = book.create_sheet(chinese(_("填写说明")))
    notes.append([chinese(_("列名")), chinese(_("是否必填")), chinese(_("说明"))])
    for column in kind.columns:
        explain = chinese(column.help) if column.help else ""
        if column.choices:
            explain = "、".join(chinese(label) for label in column.choices)
        notes.append([column.chinese_header, chinese(_("必填")) if column.required else chinese(_("选填")), explain])
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["C"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
