"""The clearance API: the library with its filters and export, resume and applicant requests, triggers, the
schedule — and tenancy on every route (another court's rows answer 404 or are absent), query-count bounds."""
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from clearance.models import Reinquiry
from clearance.services.triggers import applicant_request_record
from tests.factories import TownshipFactory, UserFactory

pytestmark = pytest.mark.django_db
D = dt.date
BASE = "/api/v1/clearance/"
TODAY = D(2026, 11, 26)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Ages and overdue flags are relative to today: the tests see the court's day fixed."""
    import clearance.api.views
    import clearance.filtersets

    for module in (clearance.filtersets, clearance.api.views):
        monkeypatch.setattr(module, "court_today", lambda: TODAY)


@pytest.fixture
def library_world(make_stock_case, court, judge):
    t1 = TownshipFactory(court=court, name="青云镇", code="Q01")
    t2 = TownshipFactory(court=court, name="陈营镇", code="C01")
    other_judge = UserFactory(court=court, username="judge_b", full_name="李法官", roles=["enforcement_judge"])
    return {
        "small": make_stock_case(name="甲", amount="8000.00", township=t1, closed_on=D(2023, 8, 31)),
        "big": make_stock_case(name="乙", amount="300000.00", township=t2, closed_on=D(2021, 6, 30),
                               filed_on=D(2021, 1, 4)),
        "other_judge": make_stock_case(name="丙", amount="50000.00", judge_=other_judge, township=t1,
                                       closed_on=D(2023, 9, 20)),
        "t1": t1, "t2": t2, "judge_b": other_judge,
    }


def numbers(response):
    return {row["number"] for row in response.json()["results"]}


def test_library_lists_stock_cases_with_their_row(api, judge, library_world, enforcement_case):
    response = api.as_user(judge).get(BASE + "library/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3  # the open enforcement case is not in the library
    row = next(r for r in data["results"] if r["id"] == library_world["small"].pk)
    assert row["respondents"][0]["name"] == "甲" and row["applicants"][0]["name"] == "汪某"
    assert row["amount_outstanding"] == "8000.00" and row["closed_on"] == "2023-08-31"
    assert row["next_reinquiry_on"] is None or row["next_reinquiry_on"] > "2026-01-01"
    assert row["reinquiry_overdue"] is True  # no re-inquiry since closure, several due dates passed
    assert row["last_reinquiry_on"] is None and row["leads_since_closure"] == 0


@pytest.mark.parametrize("query, expected", [
    ("judge={judge_b}", {"other_judge"}),
    ("township={t2}", {"big"}),
    ("amount_min=10000", {"big", "other_judge"}),
    ("amount_max=10000", {"small"}),
    ("age=5-", {"big"}),
    ("age=3-5", {"small", "other_judge"}),
    ("age=0-1", set()),
    ("q=甲", {"small"}),
])
def test_library_filters(api, judge, library_world, query, expected):
    params = query.format(judge_b=library_world["judge_b"].pk, t2=library_world["t2"].pk)
    response = api.as_user(judge).get(BASE + f"library/?{params}")
    assert response.status_code == 200, response.content
    assert numbers(response) == {library_world[k].number for k in expected}


def test_library_state_resumed_and_overdue(api, judge, library_world):
    client = api.as_user(judge)
    response = client.post(BASE + f"library/{library_world['small'].pk}/resume/", {"filed_on": "2024-03-04"},
                           format="json")
    assert response.status_code == 201, response.content
    assert numbers(client.get(BASE + "library/?state=resumed")) == {library_world["small"].number}
    assert library_world["small"].number not in numbers(client.get(BASE + "library/"))
    # "big" closed 2021-06-30: its 5 years end 2026-06-30, before today → not overdue any more
    assert numbers(client.get(BASE + "library/?overdue=true")) == {library_world["other_judge"].number}


def test_library_export_is_an_xlsx_of_the_filtered_rows(api, judge, library_world):
    response = api.as_user(judge).get(BASE + f"library/export/?township={library_world['t1'].pk}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert {r[1] for r in rows} == {library_world["small"].number, library_world["other_judge"].number}
    small = next(r for r in rows if r[1] == library_world["small"].number)
    assert small[3] == "甲" and Decimal(str(small[7])) == Decimal("8000")


def test_library_detail_has_the_schedule_and_evidence(api, judge, stock_case):
    applicant_request_record(case=stock_case, actor=judge, received_on=D(2024, 5, 6), content="新线索")
    data = api.as_user(judge).get(BASE + f"library/{stock_case.pk}/").json()
    assert data["schedule"][0] == "2024-02-29" and data["schedule"][-1] == "2028-08-31"
    assert data["triggers"][0]["kind"] == "applicant_request" and data["triggers"][0]["evidence"] == "新线索"


def test_resume_through_the_api_and_its_refusals(api, judge, clerk, stock_case):
    url = BASE + f"library/{stock_case.pk}/resume/"
    assert api.as_user(clerk).post(url, {"filed_on": "2024-03-04"}, format="json").status_code == 403
    bad = api.as_user(judge).post(url, {"filed_on": "2023-01-01"}, format="json")
    assert bad.status_code == 400 and "filed_on" in bad.json()
    ok = api.as_user(judge).post(url, {"filed_on": "2024-03-04"}, format="json")
    assert ok.status_code == 201 and ok.json()["resumed_from"] == stock_case.pk
    again = api.as_user(judge).post(url, {"filed_on": "2024-03-05"}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "already_resumed"


def test_applicant_request_and_trigger_dismissal_through_the_api(api, judge, stock_case):
    client = api.as_user(judge)
    made = client.post(BASE + f"library/{stock_case.pk}/requests/", {"received_on": "2024-05-06",
                                                                     "content": "申请人提供新线索"}, format="json")
    assert made.status_code == 201 and made.json()["kind"] == "applicant_request"
    listed = client.get(BASE + f"triggers/?case={stock_case.pk}&status=open").json()
    assert listed["count"] == 1
    trigger_id = listed["results"][0]["id"]
    assert client.post(BASE + f"triggers/{trigger_id}/dismiss/", {}, format="json").status_code == 400
    done = client.post(BASE + f"triggers/{trigger_id}/dismiss/", {"reason": "经核实无财产"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "dismissed"


def test_reinquiries_list(api, judge, stock_case):
    Reinquiry.objects.create(court=stock_case.court, case=stock_case, sequence=1, due_on=D(2024, 2, 29), overdue=True)
    data = api.as_user(judge).get(BASE + "reinquiries/?overdue=true").json()
    assert data["count"] == 1 and data["results"][0]["due_on"] == "2024-02-29"


# --- tenancy ---------------------------------------------------------------------------------------------------

@pytest.fixture
def foreign_stock(other_court, other_judge, other_case):
    """A 终本 case of the other court, with a trigger and a scheduled re-inquiry (rows made directly: the gate's
    paperwork is not what this test is about)."""
    from cases.models import EnforcementCase
    from clearance.models import ResumeTrigger

    EnforcementCase.objects.filter(pk=other_case.pk).update(status="closed", closure_method="terminated_current",
                                                            closed_on=D(2024, 7, 1))
    other_case.refresh_from_db()
    trigger = ResumeTrigger.objects.create(court=other_court, case=other_case, kind="applicant_request",
                                           source_key="request:x", occurred_on=D(2024, 8, 1), evidence="外院线索")
    Reinquiry.objects.create(court=other_court, case=other_case, sequence=1, due_on=D(2025, 1, 1))
    return other_case, trigger


def test_another_courts_rows_are_not_found_or_listed(api, power_user, stock_case, foreign_stock):
    case, trigger = foreign_stock
    client = api.as_user(power_user)
    for path in (f"library/{case.pk}/", f"triggers/{trigger.pk}/"):
        assert client.get(BASE + path).status_code == 404, path
    for path, body in ((f"library/{case.pk}/resume/", {"filed_on": "2024-09-01"}),
                       (f"library/{case.pk}/requests/", {"received_on": "2024-09-01", "content": "x"}),
                       (f"triggers/{trigger.pk}/dismiss/", {"reason": "x"})):
        assert client.post(BASE + path, body, format="json").status_code == 404, path
    assert numbers(client.get(BASE + "library/?state=all")) == {stock_case.number}
    assert client.get(BASE + "triggers/").json()["count"] == 0
    assert client.get(BASE + "reinquiries/").json()["count"] == 0
    export = client.get(BASE + "library/export/?state=all")
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    assert [r[1] for r in sheet.iter_rows(min_row=4, values_only=True)] == [stock_case.number]


def test_anonymous_is_refused_everywhere(client):
    for path in ("library/", "library/export/", "triggers/", "reinquiries/", "reviews/", "board/",
                 "board/resumed/cases/"):
        assert client.get(BASE + path).status_code in (401, 403), path


# --- query counts ----------------------------------------------------------------------------------------------

def test_library_page_costs_the_same_whatever_its_size(api, judge, make_stock_case, django_assert_max_num_queries):
    client = api.as_user(judge)
    make_stock_case(name="一")
    client.get(BASE + "library/")
    for i in range(4):
        make_stock_case(name=f"债务人{i}")
    with django_assert_max_num_queries(8):
        response = client.get(BASE + "library/?page_size=50")
    assert response.json()["count"] == 5
