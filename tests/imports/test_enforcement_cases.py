"""`enforcement_cases`: what an import writes, in every file format; history with its own dates marked as imported;
measures in force from their dates; receipts; idempotent and incremental; numbering continues after it."""
import datetime as dt
from decimal import Decimal

import pytest

from cases.choices import EventKind
from cases.models import AssetInquiry, CaseEvent, CaseNumberCounter, EnforcementCase, FundEntry, Party
from cases.selectors import termination_facts
from cases.services.enforcement import case_close, enforcement_case_file
from imports.models import ImportJob
from sanctions.models import BoundPerson, Sanction
from tests.factories import make_credit_code, make_resident_id
from tests.imports.conftest import csv_file, xlsx_file

pytestmark = pytest.mark.django_db
D = dt.date


def history_row(rows, seq=7, **overrides):
    """A 终本 case of 2021 with every measure and step of the file filled in."""
    fields = dict(recovered="1200.50", method="终结本次执行程序", closed_on="2021-09-20", notice="2021-03-04",
                  report_order="2021-03-04", restricted="2021-03-10", dishonest="2021-04-01", inquiry="2021-08-30",
                  heard="2021-09-10", respondents="万年县某建材有限公司、姚某",
                  respondent_ids=f"{make_credit_code()}、{make_resident_id(birth=D(1975, 2, 3))}")
    fields.update(overrides)
    return rows.case(seq, year=2021, **fields)


# --- file formats --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [
    lambda rows: csv_file(rows, encoding="utf-8"),
    lambda rows: csv_file(rows, encoding="utf-8", bom=True),
    lambda rows: csv_file(rows, encoding="gbk"),
    lambda rows: xlsx_file(rows),
    lambda rows: xlsx_file(rows, dates_as_dates=False),
], ids=["utf8", "utf8-bom", "gbk", "xlsx-dates", "xlsx-text"])
def test_every_format_imports_the_same_cases(rows, run_import, judge, make):
    data = [rows.case(1), history_row(rows, 2)]
    job = run_import(make(data))
    assert job.status == "done", job.errors
    assert job.counts == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    case = EnforcementCase.objects.get(number="（2021）赣1129执2号")
    assert (case.filed_on, case.amount_claimed, case.closed_on, case.closure_method) == (
        D(2021, 3, 1), Decimal("50000.00"), D(2021, 9, 20), "terminated_current")
    assert sorted(case.respondents.values_list("name", flat=True)) == ["万年县某建材有限公司", "姚某"]


def test_columns_in_any_order_and_extra_columns_are_ignored(rows, run_import, judge):
    from tests.imports.conftest import HEADERS, KEYS

    order = list(reversed(range(len(HEADERS))))
    headers = ["备注", *[HEADERS[i] for i in order]]
    keys = ["note", *[KEYS[i] for i in order]]
    job = run_import(csv_file([{**rows.case(1), "note": "随便写"}], headers=headers, keys=keys))
    assert job.status == "done", job.errors and EnforcementCase.objects.count() == 1


# --- what a row writes ---------------------------------------------------------------------------------------------


def test_a_case_keeps_its_number_parties_and_status(court, rows, run_import, judge):
    job = run_import(csv_file([rows.case(12, respondents="甲公司", respondent_ids=make_credit_code()),
                               rows.case(13, notice="2020-03-05")]))
    assert job.status == "done", job.errors
    first = EnforcementCase.objects.get(number="（2020）赣1129执12号")
    assert (first.court, first.year, first.case_type, first.sequence, first.judge) == (court, 2020, "执", 12, judge)
    assert first.status == "filed" and first.deadline_on == D(2020, 9, 1)
    assert first.source_document == "（2019）赣1129民初12号民事判决书"
    company = first.respondents.get()
    assert (company.kind, company.name, company.id_number) == ("organization", "甲公司", "")
    applicant = first.applicants.get()
    assert (applicant.kind, applicant.id_number) == ("person", rows.applicant_id)
    # the applicant of both rows is one party (matched by ID number)
    assert Party.objects.filter(id_number=rows.applicant_id).count() == 1
    assert EnforcementCase.objects.get(number="（2020）赣1129执13号").status == "in_progress"
    assert "甲公司" in first.party_names


def test_history_keeps_its_dates_on_the_timeline_marked_imported(rows, run_import, judge):
    job = run_import(csv_file([history_row(rows)]))
    assert job.status == "done", job.errors
    case = EnforcementCase.objects.get()
    events = list(case.events.order_by("occurred_on", "pk").values_list("kind", "occurred_on", "imported_job",
                                                                         "imported_row"))
    kinds = [(kind, day) for kind, day, _job, _row in events]
    assert kinds == [
        ("filed", D(2021, 3, 1)), ("notice_served", D(2021, 3, 4)), ("report_order_served", D(2021, 3, 4)),
        ("consumption_restricted", D(2021, 3, 10)), ("consumption_restricted", D(2021, 3, 10)),
        ("dishonest_listed", D(2021, 4, 1)), ("dishonest_listed", D(2021, 4, 1)),
        ("inquiry", D(2021, 8, 30)), ("inquiry", D(2021, 8, 30)), ("applicant_heard", D(2021, 9, 10)),
        ("fund_in", D(2021, 9, 20)), ("closed", D(2021, 9, 20))]
    assert {(j, r) for _k, _d, j, r in events} == {(job.pk, 2)}
    assert all(event.is_imported for event in case.events.all())


def test_the_timeline_api_and_case_page_say_imported(api, client, rows, run_import, judge):
    run_import(csv_file([history_row(rows)]))
    case = EnforcementCase.objects.get()
    timeline = api.as_user(judge).get(f"/api/v1/enforcement-cases/{case.pk}/timeline/").json()
    lines = timeline["results"] if isinstance(timeline, dict) else timeline
    assert {line["imported_row"] for line in lines} == {2}
    job = ImportJob.objects.get()
    client.force_login(judge)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f"导入（批次{job.pk}，第2行）" in page


def test_measures_are_in_force_from_their_dates_for_every_debtor(rows, run_import, judge):
    run_import(csv_file([history_row(rows, method="", closed_on="")]))
    case = EnforcementCase.objects.get()
    restrictions = Sanction.objects.filter(case=case, kind="consumption_restriction")
    assert restrictions.count() == 2
    assert set(restrictions.values_list("status", "in_force_from", "approved_on")) == {
        ("approved", D(2021, 3, 10), D(2021, 3, 10))}
    assert Sanction.objects.filter(case=case, kind="dishonest_list", status="approved").count() == 2
    # the person is bound (matched against travel records); the company's legal representative is not named
    person = case.respondents.get(kind="person")
    assert list(BoundPerson.objects.filter(sanction__case=case).values_list("id_number", "role")) == [
        (person.id_number, "debtor")]
    # the 终本 gate reads the same facts it reads for measures taken in the system
    facts = termination_facts(case, closing_on=D(2021, 9, 20))
    assert facts.notice_served and facts.report_order_served and facts.applicant_heard
    assert all(r.consumption_restricted and r.dishonest_listed for r in facts.respondents)
    assert all({"deposit", "vehicle", "real_estate", "securities"} <= r.inquired_scopes for r in facts.respondents)


def test_measures_of_a_case_closed_otherwise_than_by_zhongben_ended_on_closure(rows, run_import, judge):
    run_import(csv_file([history_row(rows, method="执行完毕", recovered="50000")]))
    assert set(Sanction.objects.values_list("status", "ended_on")) == {("ended", D(2021, 9, 20))}


def test_an_imported_restriction_catches_travel_after_its_date(court, rows, run_import, judge):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sanctions.models import Violation
    from sanctions.travel import travel_import

    debtor = make_resident_id(birth=D(1970, 6, 1))
    run_import(csv_file([rows.case(1, respondents="徐某", respondent_ids=debtor, restricted="2021-03-10",
                                   filed_on="2021-03-01", number="（2021）赣1129执1号")]))
    data = "id_number,name,mode,travelled_on,route,seat_class\n" \
           f"{debtor},徐某,flight,2021-03-09,CZ3456 南昌—曼谷,经济舱\n{debtor},徐某,flight,2021-05-01,CZ3456,经济舱\n"
    result = travel_import(court=court, actor=judge, upload=SimpleUploadedFile("t.csv", data.encode()))
    assert result.ok, result.rejected
    assert list(Violation.objects.values_list("travelled_on", flat=True)) == [D(2021, 5, 1)]


def test_the_amount_recovered_is_one_imported_receipt(rows, run_import, judge):
    run_import(csv_file([history_row(rows), rows.case(3, recovered="300", filed_on="2020-04-02")]))
    closed = EnforcementCase.objects.get(number="（2021）赣1129执7号")
    assert closed.amount_recovered == Decimal("1200.50")
    assert list(closed.funds.values_list("direction", "amount", "occurred_on")) == [
        ("in", Decimal("1200.50"), D(2021, 9, 20))]  # closed: dated its closing date
    still_open = EnforcementCase.objects.get(number="（2020）赣1129执3号")
    assert list(still_open.funds.values_list("amount", "occurred_on")) == [(Decimal("300.00"), D(2020, 4, 2))]


def test_the_dashboards_count_the_imported_history_in_its_periods(api, court, rows, run_import, judge, leader):
    run_import(csv_file([history_row(rows), rows.case(3, filed_on="2021-05-06", number="（2021）赣1129执3号")]))
    kpis = api.as_user(leader).get("/api/v1/stats/kpis/?date_from=2021-01-01&date_to=2021-12-31").json()
    assert kpis["new_cases"] == 2 and kpis["concluded"] == 1
    assert Decimal(kpis["amount_recovered"]) == Decimal("1200.50")
    assert kpis["terminated_current_stock"] >= 1
    earlier = api.as_user(leader).get("/api/v1/stats/kpis/?date_from=2020-01-01&date_to=2020-12-31").json()
    assert earlier["new_cases"] == 0


def test_zhixhui_cases_are_linked_to_the_case_they_resume(rows, run_import, judge):
    original = history_row(rows, 5)
    resumed = rows.case(1, year=2022, case_type="执恢", source="（2021）赣1129执5号", respondents="姚某",
                        respondent_ids=original["respondent_ids"].split("、")[1])
    job = run_import(csv_file([resumed, original]))  # the 执恢 case first: linked after every row is in
    assert job.status == "done", job.errors
    new = EnforcementCase.objects.get(number="（2022）赣1129执恢1号")
    assert new.resumed_from.number == "（2021）赣1129执5号" and job.summary["resumed_linked"] == 1


# --- idempotent and incremental ------------------------------------------------------------------------------------


def test_the_same_file_twice_changes_nothing(rows, run_import, judge):
    data = [rows.case(1), history_row(rows, 2), rows.case(3, recovered="10", notice="2020-03-02")]
    first = run_import(csv_file(data))
    assert first.counts["created"] == 3
    before = {model: model.objects.count() for model in (EnforcementCase, Party, CaseEvent, Sanction, FundEntry,
                                                         AssetInquiry, BoundPerson)}
    versions = dict(EnforcementCase.objects.values_list("pk", "version"))
    second = run_import(csv_file(data))
    assert second.status == "done"
    assert second.counts == {"created": 0, "updated": 0, "unchanged": 3, "rejected": 0}
    assert {model: model.objects.count() for model in before} == before
    assert dict(EnforcementCase.objects.values_list("pk", "version")) == versions


def test_a_later_export_updates_by_case_number_without_duplicating_parties(rows, run_import, judge):
    debtor = make_resident_id(birth=D(1966, 6, 6))
    run_import(csv_file([rows.case(1, respondent_ids=debtor), rows.case(2)]))
    parties = Party.objects.count()
    # the later export: case 1 closed as 终本 with a new measure and more money; case 2 as it was; case 3 new,
    # against the same debtor
    later = [rows.case(1, respondent_ids=debtor, method="终结本次执行程序", closed_on="2020-10-01",
                       restricted="2020-04-01", recovered="500"),
             rows.case(2), rows.case(3, respondent_ids=debtor)]
    job = run_import(csv_file(later))
    assert job.counts == {"created": 1, "updated": 1, "unchanged": 1, "rejected": 0}
    assert Party.objects.count() == parties  # case 3's debtor is case 1's
    case = EnforcementCase.objects.get(number="（2020）赣1129执1号")
    assert (case.status, case.closure_method, case.closed_on, case.amount_recovered, case.version) == (
        "closed", "terminated_current", D(2020, 10, 1), Decimal("500.00"), 2)
    assert case.events.filter(kind="consumption_restricted", occurred_on=D(2020, 4, 1)).count() == 1
    assert case.events.filter(kind="closed").count() == 1
    # more money in a still later export: the difference only, dated the closing date
    run_import(csv_file([rows.case(1, respondent_ids=debtor, method="终结本次执行程序", closed_on="2020-10-01",
                                   restricted="2020-04-01", recovered="800")]))
    case.refresh_from_db()
    assert case.amount_recovered == Decimal("800.00")
    assert sorted(case.funds.values_list("amount", flat=True)) == [Decimal("300.00"), Decimal("500.00")]


def test_an_import_never_reopens_or_overrides_what_was_done_in_the_system(rows, run_import, judge):
    run_import(csv_file([rows.case(1, filed_on="2020-03-01")]))
    case = EnforcementCase.objects.get()
    case_close(case=case, actor=judge, method="completed", closed_on=D(2020, 6, 1))
    # the old system's export still shows the case open, or closed another way
    for method, closed_on in (("", ""), ("终结本次执行程序", "2020-07-01")):
        job = run_import(csv_file([rows.case(1, method=method, closed_on=closed_on)]))
        assert job.counts["unchanged"] == 1
        case.refresh_from_db()
        assert (case.status, case.closure_method, case.closed_on) == ("closed", "completed", D(2020, 6, 1))
    assert case.events.filter(kind="closed").count() == 1


def test_a_fact_recorded_in_the_system_is_not_imported_again(rows, run_import, judge):
    from cases.services.case_work import case_record_event

    run_import(csv_file([rows.case(1)]))
    case = EnforcementCase.objects.get()
    case_record_event(case=case, actor=judge, kind="notice_served", occurred_on=D(2020, 3, 5))
    job = run_import(csv_file([rows.case(1, notice="2020-03-05")]))
    assert job.counts["unchanged"] == 1
    assert case.events.filter(kind="notice_served").count() == 1


def test_numbers_filed_later_continue_after_the_highest_imported(court, rows, run_import, judge, applicant,
                                                                 respondent):
    this_year = dt.date.today().year
    run_import(csv_file([rows.case(41, year=this_year, filed_on=f"{this_year}-01-02"),
                         rows.case(7, year=this_year, filed_on=f"{this_year}-01-03"),
                         rows.case(3, year=this_year, case_type="执恢", filed_on=f"{this_year}-01-03",
                                   source="（2019）赣1129执1号")]))
    assert CaseNumberCounter.objects.get(court=court, year=this_year, case_type="执").last == 41
    filed = enforcement_case_file(court=court, actor=judge, applicants=[applicant], respondents=[respondent],
                                  amount_claimed=Decimal("1000"), filed_on=dt.date(this_year, 1, 5), judge=judge,
                                  source_document="调解书")
    assert filed.number == f"（{this_year}）赣1129执42号"
    # a counter already past the file is never lowered
    run_import(csv_file([rows.case(5, year=this_year, filed_on=f"{this_year}-01-02")]))
    assert CaseNumberCounter.objects.get(court=court, year=this_year, case_type="执").last == 42
    assert CaseNumberCounter.objects.get(court=court, year=this_year, case_type="执恢").last == 3


# --- dry run -------------------------------------------------------------------------------------------------------


def test_a_dry_run_reports_what_would_happen_and_writes_nothing_but_the_job(rows, run_import, judge):
    run_import(csv_file([rows.case(1)]))
    counts = {model: model.objects.count() for model in (EnforcementCase, Party, CaseEvent, Sanction, FundEntry,
                                                         CaseNumberCounter)}
    data = [rows.case(1, notice="2020-03-04"), rows.case(2), history_row(rows, 3)]
    dry = run_import(csv_file(data), dry_run=True)
    assert dry.status == "done" and dry.dry_run
    assert dry.counts == {"created": 2, "updated": 1, "unchanged": 0, "rejected": 0}
    assert {model: model.objects.count() for model in counts} == counts
    real = run_import(csv_file(data))
    assert real.counts == dry.counts
    assert dry.summary["parties_created"] == real.summary["parties_created"] == 3
