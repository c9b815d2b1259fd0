"""Files of any kind for the kind tests: a header row and rows of cells, as CSV (UTF-8 or GBK) or .xlsx."""
import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile


def table_csv(headers: list[str], rows: list[list[str]], *, encoding: str = "utf-8", name: str = "table.csv"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(encoding), content_type="text/csv")


def table_xlsx(headers: list[str], rows: list[list], *, name: str = "table.xlsx"):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([cell if cell != "" else None for cell in row])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def errors_of(job) -> list[tuple]:
    """(row, column, message) of a job's stored errors, the message filled in."""
    return [(e["row"], e["column"], e["message"] % e["params"] if e["params"] else e["message"]) for e in job.errors]
