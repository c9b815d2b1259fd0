"""Worked at once: right after an import the 终本 library holds the imported stock, the re-inquiry sweep queries
those due the same day, an imported 终本 case can be resumed, the rosters sweep takes the imported open cases; and
the write pass costs a bounded number of queries, not one per row."""
import datetime as dt

import pytest

from cases.jobs import run_job_now
from cases.models import AssetInquiry, EnforcementCase
from cases.rules import add_months
from clearance.models import Reinquiry
from tests.factories import make_resident_id
from tests.imports.conftest import csv_file

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def day(months_ago: int) -> str:
    return add_months(TODAY, -months_ago).isoformat()


def stock_row(rows, seq, *, closed_months_ago, inquiry_months_ago=None, **overrides):
    closed = add_months(TODAY, -closed_months_ago)
    filed = add_months(closed, -8)
    return rows.case(seq, year=filed.year, filed_on=filed.isoformat(), method="终结本次执行程序",
                     closed_on=closed.isoformat(),
                     inquiry=day(inquiry_months_ago) if inquiry_months_ago is not None else "", **overrides)


@pytest.fixture
def stock(rows, run_import, judge):
    data = [
        stock_row(rows, 1, closed_months_ago=20),  # due: never queried since closure
        stock_row(rows, 2, closed_months_ago=31, inquiry_months_ago=9),  # due: last queried 9 months ago
        stock_row(rows, 3, closed_months_ago=33, inquiry_months_ago=2),  # queried after its last due date: not due
        stock_row(rows, 4, closed_months_ago=3),  # closed 3 months ago: first re-inquiry not yet due
        stock_row(rows, 5, closed_months_ago=70),  # closed over 5 years ago: out of the schedule
    ]
    job = run_import(csv_file(data))
    assert job.status == "done", job.errors
    return {case.sequence: case for case in EnforcementCase.objects.all()}


def test_the_library_holds_the_imported_stock_at_once(api, court_admin, judge, stock):
    listed = api.as_user(judge).get("/api/v1/clearance/library/?page_size=50").json()
    assert {row["number"] for row in listed["results"]} >= {case.number for case in stock.values()
                                                              if case.closed_on >= add_months(TODAY, -60)}


def test_the_sweep_queries_the_due_stock_the_same_day(stock, django_capture_on_commit_callbacks):
    # given the imported stock (no re-inquiry in the system yet)
    assert not Reinquiry.objects.exists()
    inquiries = AssetInquiry.objects.filter(requested_on=TODAY).count()
    # when the re-inquiry sweep runs today
    with django_capture_on_commit_callbacks(execute=True):
        run = run_job_now("reinquiries", court_id=stock[1].court_id, trigger="manual")
    # then both due cases were queried online today; the one queried after its last due date (the imported
    # 最近网络查控日期) counts that inquiry for its round; the others have no round due
    assert run.summary["performed"] == 3
    assert set(Reinquiry.objects.values_list("case__sequence", "status", "done_on")) == {
        (1, "done", TODAY), (2, "done", TODAY), (3, "done", add_months(TODAY, -2))}
    queried = set(AssetInquiry.objects.filter(requested_on=TODAY).values_list("case__sequence", flat=True))
    assert queried == {1, 2} and AssetInquiry.objects.filter(requested_on=TODAY).count() == inquiries + 2
    # and a second run the same day adds nothing
    with django_capture_on_commit_callbacks(execute=True):
        again = run_job_now("reinquiries", court_id=stock[1].court_id, trigger="manual")
    assert again.summary["performed"] == 0 and Reinquiry.objects.count() == 3


def test_an_imported_zhongben_case_can_be_resumed(api, judge, stock):
    case = stock[1]
    response = api.as_user(judge).post(f"/api/v1/enforcement-cases/{case.pk}/resume/",
                                       {"filed_on": TODAY.isoformat()}, format="json")
    assert response.status_code == 201, response.json()
    resumed = EnforcementCase.objects.get(pk=response.json()["id"])
    assert resumed.case_type == "执恢" and resumed.resumed_from == case
    assert resumed.amount_claimed == case.amount_claimed


def test_the_roster_sweep_takes_the_imported_open_cases(court, rows, run_import, judge):
    from sanctions.models import RosterEntry
    from sanctions.rosters import rosters_job

    # an open case whose report order was served long ago with no property report: the summons roster
    job = run_import(csv_file([rows.case(1, report_order="2020-03-05", notice="2020-03-05")]))
    assert job.status == "done", job.errors
    rosters_job(court_id=court.pk)
    entry = RosterEntry.objects.get(case__number="（2020）赣1129执1号")
    assert entry.kind == "summons"


def test_the_write_pass_costs_a_bounded_number_of_queries(court_admin, judge, rows, django_assert_max_num_queries,
                                                          django_capture_on_commit_callbacks):
    """200 cases with every measure — some 3,000 rows written — in a few dozen queries: bulk writes per batch (on
    SQLite a bulk INSERT is split at the database's parameter limit, hence more than one per table)."""
    from imports.services.runner import import_job_create, import_run

    data = [rows.case(i, respondent_ids=make_resident_id(birth=dt.date(1981, 1, 1)), notice="2020-03-02",
                      restricted="2020-03-03", dishonest="2020-03-04", inquiry="2020-03-05", recovered="10",
                      method="终结本次执行程序", closed_on="2020-09-01") for i in range(1, 201)]
    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(court=court_admin.court, actor=court_admin, kind="enforcement_cases",
                                upload=csv_file(data))
    with django_assert_max_num_queries(80):
        assert import_run(job_id=job.pk) == "done"
    job.refresh_from_db()
    assert job.counts["created"] == 200 and EnforcementCase.objects.count() == 200
    # the same file again (every case matched and compared): bounded too
    with django_capture_on_commit_callbacks(execute=False):
        again = import_job_create(court=court_admin.court, actor=court_admin, kind="enforcement_cases",
                                  upload=csv_file(data))
    with django_assert_max_num_queries(40):
        import_run(job_id=again.pk)
    again.refresh_from_db()
    assert again.counts["unchanged"] == 200


def test_the_weekly_push_takes_an_imported_open_case(court, rows, run_import, judge):
    """The debtor is matched by ID number to the court's party who lives in a grid: the small open case imported
    against them goes to that grid's worker in the next weekly run."""
    from pushes.choices import Channel
    from pushes.models import PushItem
    from pushes.services import push_week_run, recipient_create
    from tests.factories import GridFactory, PersonFactory, TownshipFactory

    grid = GridFactory(township=TownshipFactory(court=court))
    debtor = PersonFactory(court=court, name="李某", grid=grid, township=grid.township)
    recipient_create(court=court, channel=Channel.GRID, name="网格员", grid=grid, contact="王某", phone="13900000001")
    job = run_import(csv_file([rows.case(1, respondents="李某", respondent_ids=debtor.id_number, claimed="3000")]))
    assert job.status == "done" and job.summary["parties_created"] == 1  # the applicant only
    push_week_run(court=court)
    assert list(PushItem.objects.values_list("case__number", "party__name", "batch__channel")) == [
        ("（2020）赣1129执1号", "李某", "grid")]
