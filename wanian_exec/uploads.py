"""Uploaded files: checked on the way in (type and size), and never rendered as a page of our origin on the way out.

In: photos are checked by content (pushes.services.check_photo, JPEG/PNG ≤ 5 MB); import files (inquiry results,
travel records) by `validate_import_file`: a .csv or .xlsx name, an .xlsx that is a zip, a CSV without NUL bytes,
at most IMPORT_MAX_BYTES; then read only through wanian_exec.tabular, within each import's limits (decompressed
size checked before anything is inflated, rows, columns). A travel file too big for the request is imported by a
job (sanctions.travel.travel_import_submit).
Out: `safe_file_response` — a whitelisted Content-Type by extension (else application/octet-stream),
Content-Disposition: attachment, X-Content-Type-Options: nosniff and a sandboxing CSP, so even a file that a
browser might sniff as HTML is never run as a page of the application.
"""
import mimetypes
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

CONTENT_TYPES = {
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf",
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
IMPORT_EXTENSIONS = {".csv", ".xlsx"}
IMPORT_MAX_BYTES = getattr(settings, "IMPORT_MAX_BYTES", 20 * 1024 * 1024)
SANDBOX_CSP = "default-src 'none'; img-src 'self'; sandbox"


def content_type_for(name: str) -> str:
    return CONTENT_TYPES.get(PurePosixPath(name or "").suffix.lower(), "application/octet-stream")


def harden_file_response(response, name: str = "", *, attachment: bool = True):
    """Whitelisted type, attachment, nosniff and a sandbox CSP on a response that carries a stored file."""
    response["Content-Type"] = content_type_for(name)
    if attachment:
        filename = PurePosixPath(name or "file").name
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    return response


def safe_file_response(fieldfile, *, filename: str | None = None) -> FileResponse:
    name = filename or fieldfile.name
    response = FileResponse(fieldfile.open("rb"), as_attachment=True, filename=PurePosixPath(name).name,
                            content_type=content_type_for(name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    return response


def validate_import_file(upload) -> None:
    """A CSV or Excel (.xlsx) import file of a sane size; the content, not just the name, must fit the type."""
    name = getattr(upload, "name", "") or ""
    ext = PurePosixPath(name).suffix.lower()
    if ext not in IMPORT_EXTENSIONS:
        raise ValidationError(_("仅支持CSV或Excel（.xlsx）文件。"), code="file_type")
    size = getattr(upload, "size", None)
    if size is not None and size > IMPORT_MAX_BYTES:
        raise ValidationError(_("文件不能超过%(mb)sMB。") % {"mb": IMPORT_MAX_BYTES // (1024 * 1024)},
                              code="file_size")
    head = b""
    try:
        upload.seek(0)
        head = upload.read(4096)
        upload.seek(0)
    except (AttributeError, OSError):
        pass
    if ext == ".xlsx" and not head.startswith(b"PK"):
        raise ValidationError(_("文件内容不是Excel（.xlsx）格式。"), code="file_type")
    if ext == ".csv" and (b"\x00" in head or head.lstrip().lower().startswith((b"<!doctype", b"<html", b"<script"))):
        raise ValidationError(_("文件内容不是CSV文本。"), code="file_type")


mimetypes.add_type("text/csv", ".csv")
