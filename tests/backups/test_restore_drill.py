"""The restore drill: a small court is backed up (manage.py backup), restored into a new database and a new media
directory (manage.py restore), and the restored copy serves the same case pages, the same dashboard figures and
the same generated PDF. On PostgreSQL through pg_dump / pg_restore, on SQLite through its backup API."""
import datetime as dt
import shutil

import pytest
from django.core.management import call_command
from django.db import connections

from documents.models import Document
from stats import metrics
from stats.filters import StatsFilter

from .conftest import default_on, page_text, same_lines

pytestmark = pytest.mark.django_db(transaction=True)

PERIOD = "date_from=2024-01-01&date_to=2024-12-31"


def _served(client, cases, court) -> dict:
    figures = metrics.compute(StatsFilter(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31),
                                          courts=(court.pk,)), metrics.DASHBOARD_NAMES)
    return {
        "pages": {case.pk: page_text(client.get(f"/cases/{case.pk}/")) for case in cases},
        "case_list": page_text(client.get("/cases/")),
        "figures": figures,
        "kpis": {k: v for k, v in client.get(f"/api/v1/stats/kpis/?{PERIOD}").json().items() if k != "computed_at"},
    }


def test_a_restored_copy_serves_the_same_pages_figures_and_files(small_court, court, judge, client, tmp_path,
                                                                 media_root, drill_database, settings):
    if connections["default"].vendor == "postgresql" and not shutil.which("pg_restore"):
        pytest.skip("pg_dump / pg_restore are not installed")
    cases, document = small_court
    client.force_login(judge)  # the session is in the database: the restored copy knows it too
    before = _served(client, cases, court)
    pdf = document.pdf.read()
    assert before["figures"]["new_cases"].value == 5 and before["figures"]["concluded"].value == 1
    assert pdf.startswith(b"%PDF")

    # when the site is backed up and restored into a new database and a new media directory
    call_command("backup", output_dir=tmp_path / "backups", name="drill")
    restored_media = tmp_path / "restored-media"
    call_command("restore", tmp_path / "backups" / "drill", target_database=drill_database,
                 media_root=restored_media, jobs=2)

    # then, pointed at the copy, the site serves the same pages, figures and file
    settings.MEDIA_ROOT = restored_media
    with default_on(drill_database):
        assert connections["default"].settings_dict["NAME"] == drill_database
        after = _served(client, cases, court)
        restored_pdf = Document.objects.get(pk=document.pk).pdf.read()
    for pk, html in before["pages"].items():
        assert same_lines(after["pages"][pk], html)
    assert same_lines(after["case_list"], before["case_list"])
    assert after["figures"] == before["figures"]
    assert after["kpis"] == before["kpis"]
    assert restored_pdf == pdf
    assert (restored_media / document.pdf.name).read_bytes() == pdf
