"""Uploaded files are type- and size-checked on the way in and never served as a page of our origin."""
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wanian_exec import uploads
from wanian_exec.uploads import content_type_for, validate_import_file

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name, data", [
    ("leads.html", b"<html><script>alert(1)</script>"),
    ("leads.exe", b"MZ\x90\x00"),
    ("fake.xlsx", b"<html>not a zip</html>"),
    ("leads.csv", b"<!DOCTYPE html><script>alert(1)</script>"),
    ("bin.csv", b"a,b\x00,c"),
])
def test_import_files_of_the_wrong_type_are_refused(name, data):
    with pytest.raises(ValidationError):
        validate_import_file(SimpleUploadedFile(name, data))


def test_import_files_over_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(uploads, "IMPORT_MAX_BYTES", 10)
    with pytest.raises(ValidationError):
        validate_import_file(SimpleUploadedFile("r.csv", b"a,b,c\n1,2,3\n"))
    validate_import_file(SimpleUploadedFile("r.csv", b"a,b\n"))  # under the limit: fine


def test_the_api_refuses_an_html_file_as_travel_records(api, judge):
    response = api.as_user(judge).post("/api/v1/travel-records/import/",
                                       {"file": SimpleUploadedFile("x.html", b"<script>alert(1)</script>")},
                                       format="multipart")
    assert response.status_code == 400 and "file" in response.json()


def test_only_whitelisted_types_are_named_and_anything_else_is_octet_stream():
    assert content_type_for("a/b/photo.jpg") == "image/jpeg"
    assert content_type_for("photo.PNG") == "image/png"
    assert content_type_for("evil.html") == "application/octet-stream"
    assert content_type_for("evil.svg") == "application/octet-stream"


def test_a_stored_file_is_served_as_an_attachment_with_nosniff(tmp_path):
    from django.core.files.storage import FileSystemStorage
    from django.db.models.fields.files import FieldFile

    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("push_feedback/evil.html", SimpleUploadedFile("evil.html", b"<script>alert(1)</script>"))
    field = type("F", (), {"storage": storage})()
    response = uploads.safe_file_response(FieldFile(None, field, name))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@override_settings(MEDIA_URL="/media/")
def test_media_urls_get_the_same_headers(client):
    from django.http import HttpResponse

    from wanian_exec.middleware import UploadedFileHeadersMiddleware

    middleware = UploadedFileHeadersMiddleware(lambda request: HttpResponse(b"<script>", content_type="text/html"))
    request = client.get("/").wsgi_request
    request.path = "/media/push_feedback/x.html"
    response = middleware(request)
    assert response["Content-Type"] == "application/octet-stream" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
