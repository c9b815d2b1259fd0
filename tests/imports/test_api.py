"""/api/v1/imports/: court admins only, always into their own court; another court's job → 404; the template."""
import io

import pytest
from openpyxl import load_workbook

from cases.models import EnforcementCase
from imports.models import ImportJob
from tests.factories import UserFactory
from tests.imports.conftest import HEADERS, csv_file

pytestmark = pytest.mark.django_db


def post(api, user, upload, **data):
    return api.as_user(user).post("/api/v1/imports/", {"kind": "enforcement_cases", "file": upload, **data},
                                  format="multipart")


def test_a_court_admin_uploads_and_gets_202_then_follows_the_job(api, court_admin, judge, rows,
                                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api, court_admin, csv_file([rows.case(1), rows.case(2)]))
    assert response.status_code == 202, response.json()
    body = response.json()
    assert body["status"] == "pending" and body["kind"] == "enforcement_cases" and body["dry_run"] is False
    detail = api.get(f"/api/v1/imports/{body['id']}/").json()
    assert detail["status"] == "done" and detail["progress"] == 1.0
    assert detail["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    assert detail["errors"] == []
    job = ImportJob.objects.get()
    assert job.court == court_admin.court and job.created_by == court_admin and job.original_name == "cases.csv"
    assert len(job.sha256) == 64 and job.file.name.startswith(f"imports/{court_admin.court_id}/")
    assert EnforcementCase.objects.filter(court=court_admin.court).count() == 2


def test_row_errors_read_in_english_with_accept_language(api, court_admin, judge, rows,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job_id = post(api, court_admin, csv_file([rows.case(1, judge="nobody")])).json()["id"]
    zh = api.get(f"/api/v1/imports/{job_id}/").json()
    assert zh["status"] == "failed" and zh["counts"]["rejected"] == 1
    assert zh["errors"] == [{"row": 2, "column": "承办人", "message": "“nobody”不是本院的执行法官（按用户名或姓名查找）。"}]
    en = api.get(f"/api/v1/imports/{job_id}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert en["errors"][0]["message"] == "“nobody” is not an enforcement judge of this court (looked up by user " \
                                         "name or full name)."


def test_the_list_shows_the_own_courts_jobs_only(api, court_admin, other_court, rows, judge):
    own = post(api, court_admin, csv_file([rows.case(1)])).json()["id"]
    other_admin = UserFactory(court=other_court, username="other_admin", roles=["court_admin"])
    post(api, other_admin, csv_file([rows.case(1)]))
    listed = api.as_user(court_admin).get("/api/v1/imports/").json()
    assert [job["id"] for job in listed["results"]] == [own] and listed["count"] == 1


def test_another_courts_job_is_404(api, court_admin, other_court, rows):
    other_admin = UserFactory(court=other_court, username="other_admin", roles=["court_admin"])
    foreign = post(api, other_admin, csv_file([rows.case(1)])).json()["id"]
    assert api.as_user(court_admin).get(f"/api/v1/imports/{foreign}/").status_code == 404


@pytest.mark.parametrize("role", ["clerk", "enforcement_judge", "leader", "trial_judge"])
def test_a_user_who_is_not_a_court_admin_is_refused_everywhere(api, court, court_admin, rows, role):
    job = post(api, court_admin, csv_file([rows.case(1)])).json()["id"]
    user = UserFactory(court=court, username=f"u_{role}", roles=[role])
    client = api.as_user(user)
    assert post(api, user, csv_file([rows.case(2)])).status_code == 403
    assert client.get("/api/v1/imports/").status_code == 403
    assert client.get(f"/api/v1/imports/{job}/").status_code == 403
    assert client.get("/api/v1/imports/templates/enforcement_cases/").status_code == 403
    assert ImportJob.objects.count() == 1


def test_anonymous_is_401_everywhere(api, court_admin, rows):
    from rest_framework.test import APIClient

    job = post(api, court_admin, csv_file([rows.case(1)])).json()["id"]
    anonymous = APIClient()
    assert anonymous.post("/api/v1/imports/", {"kind": "enforcement_cases", "file": csv_file([rows.case(2)])},
                          format="multipart").status_code == 401
    assert anonymous.get("/api/v1/imports/").status_code == 401
    assert anonymous.get(f"/api/v1/imports/{job}/").status_code == 401
    assert anonymous.get("/api/v1/imports/templates/enforcement_cases/").status_code == 401


def test_bad_requests_are_400(api, court_admin, rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = api.as_user(court_admin)
    assert "kind" in client.post("/api/v1/imports/", {"kind": "nope", "file": csv_file([rows.case(1)])},
                                 format="multipart").json()
    assert "file" in client.post("/api/v1/imports/", {"kind": "enforcement_cases",
                                                      "file": SimpleUploadedFile("x.html", b"<script>")},
                                 format="multipart").json()
    assert "file" in client.post("/api/v1/imports/", {"kind": "enforcement_cases"}, format="multipart").json()
    assert not ImportJob.objects.exists()


def test_a_system_admin_without_a_court_cannot_import(api, admin_user, rows):
    response = post(api, admin_user, csv_file([rows.case(1)]))
    assert response.status_code == 400 and not ImportJob.objects.exists()


def test_the_template_has_the_headers_an_example_lists_and_text_columns(api, court_admin):
    response = api.as_user(court_admin).get("/api/v1/imports/templates/enforcement_cases/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers == HEADERS
    example = dict(zip(headers, [cell.value for cell in sheet[2]]))
    assert example["案号"] == "（2019）赣1129执123号" and example["结案方式"] == "终结本次执行程序"
    validations = sheet.data_validations.dataValidation
    assert len(validations) == 1 and validations[0].type == "list"
    assert validations[0].formula1 == '"执行完毕,终结本次执行程序,终结执行,销案,不予执行,驳回申请"'
    assert str(validations[0].sqref).startswith("K2")  # the 结案方式 column
    assert sheet["G2"].number_format == "@" and sheet["I2"].number_format == "@"  # identity numbers as text


def test_the_template_parses_back_as_a_valid_file(api, court_admin, judge, run_import):
    """The template's example row is itself a valid row (its judge aside): a court fills the template in."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = api.as_user(court_admin).get("/api/v1/imports/templates/enforcement_cases/").content
    book = load_workbook(io.BytesIO(content))
    book.worksheets[0]["E2"] = "judge"
    out = io.BytesIO()
    book.save(out)
    job = run_import(SimpleUploadedFile("filled.xlsx", out.getvalue()))
    assert job.status == "done", job.errors
    case = EnforcementCase.objects.get()
    assert case.number == "（2019）赣1129执123号" and case.closure_method == "terminated_current"


def test_an_unknown_template_is_404(api, court_admin):
    assert api.as_user(court_admin).get("/api/v1/imports/templates/nothing/").status_code == 404


def test_the_schema_describes_the_import_endpoints(client, court_admin):
    client.force_login(court_admin)
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    assert {"/api/v1/imports/", "/api/v1/imports/{id}/", "/api/v1/imports/templates/{kind}/"} <= set(paths)
    assert "202" in paths["/api/v1/imports/"]["post"]["responses"]
