"""Travel records: all-or-nothing import with row errors, CSV and Excel, and the match against restrictions in
force on the travel date — the 徐某 case: flights, high-speed rail and trips abroad under a consumption restriction."""
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from cases.services.case_work import case_record_event
from sanctions.models import RosterEntry, TravelImport, TravelRecord, Violation
from sanctions.rosters import rosters_job
from sanctions.services import sanction_end
from sanctions.travel import travel_import
from tests.factories import OrganizationFactory, PersonFactory, make_resident_id

from .conftest import travel_csv

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/api/v1/travel-records/import/"


def run(court, judge, rows, **kw):
    return travel_import(court=court, actor=judge, upload=travel_csv(rows, **kw))


def one(court, judge, id_number, mode, day, route="", seat=""):
    result = run(court, judge, [[id_number, "徐某", mode, day, route, seat]])
    assert result.ok, result.rejected
    return result


# --- matching against the restriction in force on the travel date -------------------------------------------------


@pytest.mark.parametrize("mode, day, route, seat, kind", [
    ("flight", "2024-03-10", "CZ3456 南昌—曼谷", "经济舱", None),  # the day before the order took effect
    ("flight", "2024-03-11", "CZ3456 南昌—曼谷", "经济舱", "flight"),  # the day it took effect
    ("rail", "2024-04-01", "G1502 南昌西—北京西", "二等座", "g_train"),
    ("rail", "2024-04-01", "D6501 南昌—九江", "二等座", None),
    ("rail", "2024-04-01", "D6501 南昌—九江", "一等座", "bullet_first"),
    ("rail", "2024-04-01", "K1234 南昌—广州", "软卧", "soft_sleeper"),
    ("rail", "2024-04-01", "K1234 南昌—广州", "硬卧", None),
    ("exit", "2024-04-01", "拱北口岸", "", None),  # a consumption restriction does not bar exit
    ("ship", "2024-04-01", "九江—武汉", "二等舱", "ship_cabin"),
    ("ship", "2024-04-01", "九江—武汉", "三等舱", None),
])
def test_journeys_under_a_consumption_restriction(court, judge, xu, mode, day, route, seat, kind):
    result = one(court, judge, xu.id, mode, day, route, seat)
    violations = list(Violation.objects.all())
    assert result.violations == len(violations) == (1 if kind else 0)
    if kind:
        v = violations[0]
        assert (v.kind, v.sanction, v.case, v.party, v.travelled_on) == (kind, xu.restriction, xu.case, xu.party,
                                                                         D.fromisoformat(day))
        assert v.travel_record.route == route


def test_exit_breaches_only_an_exit_restriction(court, judge, xu, approve):
    one(court, judge, xu.id, "exit", "2024-04-01", "拱北口岸")
    assert not Violation.objects.exists()
    exit_ban = approve(xu.case, xu.party, "exit_restriction", on=D(2024, 4, 2))
    one(court, judge, xu.id, "exit", "2024-04-03", "拱北口岸")
    assert [(v.kind, v.sanction) for v in Violation.objects.all()] == [("exit", exit_ban)]


def test_an_unapproved_restriction_binds_no_one(court, judge, respondent, make_case, propose):
    propose(make_case(), respondent, "consumption_restriction", decided_on=D(2024, 3, 1))
    assert one(court, judge, respondent.id_number, "flight", "2024-04-01").violations == 0


def test_a_lifted_restriction_covers_only_its_days(court, judge, xu, leader):
    sanction_end(sanction=xu.restriction, actor=judge, on=D(2024, 5, 1), reason="提供担保，解除限制消费令")
    result = run(court, judge, [[xu.id, "徐某", "flight", "2024-04-30", "", ""],
                                [xu.id, "徐某", "flight", "2024-05-01", "", ""]])
    assert result.violations == 1 and Violation.objects.get().travelled_on == D(2024, 4, 30)


def test_a_companys_legal_representative_is_matched(court, judge, make_case, approve):
    company = OrganizationFactory(court=court, name="万年县恒昌建材有限公司")
    rep_id = make_resident_id()
    case = make_case(respondents=[company])
    restriction = approve(case, company, "consumption_restriction", on=D(2024, 3, 11),
                          bound_persons=[{"role": "legal_representative", "name": "王某", "id_number": rep_id}])
    one(court, judge, rep_id, "rail", "2024-04-01", "G1502", "二等座")
    v = Violation.objects.get()
    assert (v.party, v.sanction, v.bound_person.role) == (company, restriction, "legal_representative")


def test_another_courts_restriction_is_not_matched(court, judge, other_court, other_judge, other_case,
                                                   other_respondent, other_leader):
    from sanctions.services import sanction_approve, sanction_propose

    s = sanction_propose(case=other_case, party=other_respondent, actor=other_judge, kind="consumption_restriction",
                         decided_on=D(2024, 3, 10))
    sanction_approve(sanction=s, actor=other_leader, on=D(2024, 3, 11))
    assert one(court, judge, other_respondent.id_number, "flight", "2024-04-01").violations == 0


def test_a_violation_puts_the_debtor_on_the_detention_criminal_roster(court, judge, xu,
                                                                      django_capture_on_commit_callbacks):
    case_record_event(case=xu.case, actor=judge, kind="notice_served", occurred_on=D(2024, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        run(court, judge, [[xu.id, "徐某", "flight", "2023-12-31", "", ""],  # before the order: no violation
                           [xu.id, "徐某", "flight", "2024-07-05", "CZ3456 南昌—曼谷", "经济舱"],
                           [xu.id, "徐某", "rail", "2024-08-01", "G1502 南昌西—北京西", "二等座"]])
    entry = RosterEntry.objects.get(case=xu.case, party=xu.party, kind="detention_criminal")
    assert entry.status == "pending"
    assert entry.reasons[1:] == ["违反限制消费令乘坐G字头动车组列车（2024-08-01 G1502 南昌西—北京西 二等座）",
                                 "违反限制消费令乘坐飞机（2024-07-05 CZ3456 南昌—曼谷 经济舱）"]
    assert xu.case.events.filter(kind="travel_violation", note__contains="发现违反限制措施出行2次").exists()


# --- all or nothing ------------------------------------------------------------------------------------------------


def test_one_bad_row_and_nothing_is_imported_with_every_bad_row_listed(court, judge, xu):
    good = [xu.id, "徐某", "flight", "2024-04-01", "CZ3456", "经济舱"]
    bad_id = xu.id[:17] + ("1" if xu.id[17] != "1" else "2")
    result = run(court, judge, [good, [bad_id, "徐某", "flight", "2024-04-01", "", ""], good,
                                [xu.id, "", "bus", "2024-13-01", "", ""]])
    assert not result.ok and result.imported == 0 and result.violations == 0
    assert [r["row"] for r in result.rejected] == [3, 5]  # the file's own rows: the header is row 1
    assert result.rejected[0]["errors"] == {"id_number": ["身份证号码校验位错误。"]}
    assert set(result.rejected[1]["errors"]) == {"name", "mode", "travelled_on"}
    assert not TravelRecord.objects.exists() and not TravelImport.objects.exists() and not Violation.objects.exists()


@pytest.mark.parametrize("cells, field", [
    (["361129", "徐某", "rail", "2024-04-01", "", ""], "id_number"),
    (["", "徐某", "rail", "2024-04-01", "", ""], "id_number"),
    ([None, "徐某", "walk", "2024-04-01", "", ""], "mode"),
    ([None, "徐某", "rail", "01/04/2024", "", ""], "travelled_on"),
    ([None, "徐某", "rail", "2999-01-01", "", ""], "travelled_on"),
    ([None, "徐某", "rail", "2024-04-01", "G" * 200, ""], "route"),
])
def test_each_rule_of_a_row(court, judge, cells, field):
    cells = [make_resident_id() if c is None else c for c in cells]
    result = run(court, judge, [cells])
    assert field in result.rejected[0]["errors"]


def test_a_file_without_the_header_is_refused_as_row_one(court, judge):
    result = run(court, judge, [["x"]], header=["身份证", "姓名"])
    # 姓名 is a header the file may use; 身份证 is not (身份证号码 is): the columns missing are named in Chinese
    assert result.rejected == [{"row": 1, "errors": {"file": [
        "缺少必需的列：身份证号码、出行方式、出行日期、行程、座位等级。"]}}]


def test_columns_in_any_order_a_bom_and_blank_lines_are_fine(court, judge, xu):
    header = ["seat_class", "route", "travelled_on", "mode", "name", "id_number", "source"]
    result = run(court, judge, [["经济舱", "CZ1", "2024-04-01", "FLIGHT", "徐某", xu.id.lower(), "民航"], []],
                 header=header, bom=True)
    assert result.ok and result.imported == 1 and result.violations == 1


def test_a_gbk_file_is_read_and_a_file_in_no_known_encoding_is_refused(court, judge, xu):
    data = f"id_number,name,mode,travelled_on,route,seat_class\n{xu.id},徐某,flight,2024-04-01,CZ3456,经济舱\n"
    result = travel_import(court=court, actor=judge, upload=SimpleUploadedFile("gbk.csv", data.encode("gbk")))
    assert result.ok and result.violations == 1
    assert TravelRecord.objects.get().name == "徐某"  # Excel on Chinese Windows saves GBK (wanian_exec.tabular)
    garbage = SimpleUploadedFile("bad.csv", data.encode("utf-8") + b"\xff\xff\xff\n")
    refused = travel_import(court=court, actor=judge, upload=garbage)
    assert not refused.ok and "UTF-8" in refused.rejected[0]["errors"]["file"][0]


def test_excel_files_import_the_same_way(court, judge, xu):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id_number", "name", "mode", "travelled_on", "route", "seat_class"])
    sheet.append([xu.id, "徐某", "rail", dt.datetime(2024, 4, 1), "G1502 南昌西—北京西", "二等座"])
    sheet.append([xu.id, "徐某", "rail", "2024-04-02", "D6501", "二等座"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("出行.xlsx", buffer.getvalue())
    result = travel_import(court=court, actor=judge, upload=upload, filename="出行.xlsx")
    assert result.ok and (result.imported, result.violations) == (2, 1)


def test_excel_numbers_lose_the_id_and_are_refused(court, judge):
    workbook = Workbook()
    workbook.active.append(["id_number", "name", "mode", "travelled_on", "route", "seat_class"])
    workbook.active.append([361129198507140013, "徐某", "rail", "2024-04-01", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = travel_import(court=court, actor=judge, upload=SimpleUploadedFile("a.xlsx", buffer.getvalue()))
    assert not result.ok and "id_number" in result.rejected[0]["errors"]


# --- the API ---------------------------------------------------------------------------------------------------------


def test_the_import_endpoint_answers_the_contract_shape(api, judge, xu):
    upload = travel_csv([[xu.id, "徐某", "rail", "2024-04-01", "G1502", "二等座"],
                         [xu.id, "徐某", "rail", "2024-04-01", "D6501", "二等座"]])
    response = api.as_user(judge).post(URL, {"file": upload}, format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["imported"], body["rejected"], body["violations"]) == (2, [], 1)
    violations = api.as_user(judge).get("/api/v1/violations/").json()
    assert violations["count"] == 1
    row = violations["results"][0]
    assert (row["party"], row["case"], row["sanction"], row["kind"]) == (xu.party.pk, xu.case.pk, xu.restriction.pk,
                                                                          "g_train")
    assert row["record"]["id_number"].startswith(xu.id[:4]) and "*" in row["record"]["id_number"]  # masked in lists
    assert api.as_user(judge).get(f"/api/v1/violations/{row['id']}/").json()["record"]["id_number"] == xu.id


def test_a_rejected_file_answers_400_with_its_rows(api, judge):
    upload = travel_csv([["123", "徐某", "rail", "2024-04-01", "", ""]])
    response = api.as_user(judge).post(URL, {"file": upload}, format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert (body["imported"], body["violations"], body["code"]) == (0, 0, "rows_rejected")
    assert body["rejected"] == [{"row": 2, "errors": {"id_number": ["身份证号码应为18位。"]}}]
    assert body["detail"] == "1行有误，整个文件未导入"
    upload = travel_csv([["123", "徐某", "rail", "2024-04-01", "", ""]])
    english = api.as_user(judge).post(URL, {"file": upload}, format="multipart", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["detail"] == "1 row has errors; the file was not imported"


def test_the_import_needs_a_file_and_the_permission(api, judge, leader):
    assert api.as_user(judge).post(URL, {}, format="multipart").status_code == 400
    upload = travel_csv([])
    assert api.as_user(leader).post(URL, {"file": upload}, format="multipart").status_code == 403


def test_a_person_on_no_restriction_travels_freely(court, judge):
    free = PersonFactory(court=court)
    assert one(court, judge, free.id_number, "flight", "2024-04-01").violations == 0
    assert rosters_job(today=D(2024, 4, 2))["detention_criminal_on_roster"] == 0
