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
