"""The templates of the court set-up kinds import as they are (a dry run of the example row succeeds)."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports.registry import get_kind
from imports.template import template_workbook
from tests.factories import TownshipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["users", "townships_grids", "push_recipients"])
def test_the_template_example_row_passes_a_dry_run(run_import, court, kind):
    TownshipFactory(court=court, name="陈营镇", code="C01")  # the push_recipients example names it
    upload = SimpleUploadedFile(f"{kind}.xlsx", template_workbook(get_kind(kind)))
    job = run_import(upload, kind=kind, dry_run=True)
    assert job.status == "done", job.errors
    assert job.counts["created"] == 1


@pytest.mark.parametrize("kind, header", [("users", "用户名"), ("townships_grids", "乡镇代码"),
                                          ("push_recipients", "推送渠道")])
def test_the_api_serves_each_template_and_takes_each_kind(api, court_admin, kind, header,
                                                         django_capture_on_commit_callbacks):
    import io

    from openpyxl import load_workbook

    api.force_authenticate(court_admin)
    response = api.get(f"/api/v1/imports/templates/{kind}/")
    assert response.status_code == 200
    assert header in [c.value for c in load_workbook(io.BytesIO(response.content)).active[1]]
    upload = SimpleUploadedFile(f"{kind}.xlsx", response.content)
    with django_capture_on_commit_callbacks(execute=True):
        created = api.post("/api/v1/imports/", {"kind": kind, "file": upload, "dry_run": True}, format="multipart")
    assert created.status_code == 202, created.data
    assert api.get(f"/api/v1/imports/{created.data['id']}/").data["kind"] == kind
