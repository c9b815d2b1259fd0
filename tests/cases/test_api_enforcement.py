"""/api/v1/enforcement-cases/: filing, bad input, filters, pagination, and every command on a case."""
import datetime as dt
from decimal import Decimal

import pytest

from cases.models import CaseNumberCounter, EnforcementCase, FundEntry
from cases.services.common import court_today
from cases.services.enforcement import case_close
from tests.factories import PersonFactory, UserFactory, prepare_termination

pytestmark = pytest.mark.django_db

URL = "/api/v1/enforcement-cases/"


@pytest.fixture(autouse=True)
def no_property_found(inquiry_results):
    inquiry_results({})


def filing(applicant, respondent, judge_user, **changes):
    return {"applicants": [applicant.pk], "respondents": [respondent.pk], "amount_claimed": "126000.00",
            "filed_on": "2024-03-01", "judge": judge_user.pk, "source_document": "（2024）赣1129民初88号民事调解书",
            **changes}


# --- filing ------------------------------------------------------------------------------------------------


def test_a_clerk_files_an_enforcement_case(api, clerk, judge, applicant, respondent):
    response = api.as_user(clerk).post(URL, filing(applicant, respondent, judge, is_livelihood=True), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == "（2024）赣1129执1号"
    assert (body["status"], body["status_display"]) == ("filed", "已立案")
    assert (body["case_type"], body["case_type_display"]) == ("执", "执（首次执行）")
    assert (body["closure_method"], body["closure_method_display"]) == ("", "")
    assert body["amount_claimed"] == "126000.00" and body["amount_recovered"] == "0.00"
    assert body["amount_outstanding"] == "126000.00"
    assert body["deadline_on"] == "2024-09-01"
    assert body["closed_on"] is None and body["resumed_from"] is None
    assert body["applicant_names"] == [applicant.name] and body["judge_name"] == "张法官"
    assert body["is_livelihood"] is True


def test_read_only_fields_cannot_be_written(api, clerk, judge, applicant, respondent):
    response = api.as_user(clerk).post(URL, filing(applicant, respondent, judge, status="closed", number="X",
                                                   amount_recovered="999.00", closed_on="2024-03-02"), format="json")
    assert response.status_code == 201
    case = EnforcementCase.objects.get()
    assert (case.status, case.amount_recovered, case.closed_on) == ("filed", Decimal("0"), None)
    assert case.number == "（2024）赣1129执1号"


def test_a_case_is_filed_from_a_litigation_case(api, clerk, judge, applicant, respondent, make_litigation_case):
    source = make_litigation_case()
    response = api.as_user(clerk).post(URL, filing(applicant, respondent, judge, source_case=source.pk,
                                                   source_document=""), format="json")
    assert response.status_code == 201
    assert response.json()["source_case_number"] == source.number


@pytest.mark.parametrize("changes, field", [
    ({"amount_claimed": "-1.00"}, "amount_claimed"),
    ({"amount_claimed": "0"}, "amount_claimed"),
    ({"amount_claimed": "0.00"}, "amount_claimed"),
    ({"amount_claimed": "abc"}, "amount_claimed"),
    ({"amount_claimed": "12.345"}, "amount_claimed"),
    ({"amount_claimed": "123456789012345.00"}, "amount_claimed"),
    ({"filed_on": "2024-13-01"}, "filed_on"),
    ({"filed_on": "01/03/2024"}, "filed_on"),
    ({"case_type": "执X"}, "case_type"),
    ({"case_type": "执恢"}, "case_type"),
    ({"applicants": []}, "applicants"),
    ({"respondents": [987654]}, "respondents"),
    ({"source_document": ""}, "source_document"),
    ({"judge": 987654}, "judge"),
])
def test_bad_input_answers_400_on_the_field_and_files_nothing(api, clerk, judge, applicant, respondent, changes,
                                                              field):
    response = api.as_user(clerk).post(URL, filing(applicant, respondent, judge, **changes), format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors, errors
    assert all(isinstance(m, str) and m for m in errors[field])
    assert not EnforcementCase.objects.exists()
    assert not CaseNumberCounter.objects.filter(last__gt=0).exists()


def test_a_future_filing_date_is_refused(api, clerk, judge, applicant, respondent):
    tomorrow = (court_today() + dt.timedelta(days=1)).isoformat()
    response = api.as_user(clerk).post(URL, filing(applicant, respondent, judge, filed_on=tomorrow), format="json")
    assert response.status_code == 400 and "filed_on" in response.json()


def test_a_party_of_another_court_answers_400_on_that_field(api, clerk, judge, applicant, other_respondent):
    response = api.as_user(clerk).post(URL, filing(applicant, other_respondent, judge), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["respondents"]
    assert not EnforcementCase.objects.exists() and not CaseNumberCounter.objects.exists()


def test_a_judge_or_source_case_of_another_court_answers_400(api, clerk, judge, applicant, respondent, other_judge,
                                                            other_case):
    response = api.as_user(clerk).post(URL, filing(applicant, respondent, other_judge), format="json")
    assert response.status_code == 400 and list(response.json()) == ["judge"]


def test_an_applicant_who_is_also_a_respondent_is_refused(api, clerk, judge, applicant):
    response = api.as_user(clerk).post(URL, filing(applicant, applicant, judge), format="json")
    assert response.status_code == 400 and "respondents" in response.json()
    assert not EnforcementCase.objects.exists()


def test_an_unknown_field_value_in_a_choice_answers_400_in_chinese(api, clerk, judge, applicant, respondent):
    response = api.as_user(clerk).post(URL, filing(applicant, respondent, judge, case_type="bogus"), format="json")
    message = response.json()["case_type"][0]
    assert "bogus" in message and any("\u4e00" <= ch <= "\u9fff" for ch in message)


# --- list: filters, search, pagination ----------------------------------------------------------------------


@pytest.fixture
def listed(make_case, court, judge, applicant, respondent):
    """Four cases of our court with different types, judges, dates and outcomes; one of another court."""
    other_judge = UserFactory(court=court, username="judge2", roles=["enforcement_judge"])
    lu = PersonFactory(court=court, name="鲁某")
    cases = {
        "jan": make_case(filed_on=dt.date(2024, 1, 15)),
        "mar": make_case(filed_on=dt.date(2024, 3, 1), judge=other_judge),
        "may": make_case(filed_on=dt.date(2024, 5, 1), case_type="执保"),
        "jun": make_case(filed_on=dt.date(2024, 6, 1), respondents=[lu]),
    }
    case_close(case=cases["mar"], actor=judge, method="completed", closed_on=dt.date(2024, 4, 10))
    case_close(case=cases["jun"], actor=judge, method="withdrawn", closed_on=dt.date(2024, 6, 20))
    cases["judge2"] = other_judge
    return cases


@pytest.mark.parametrize("params, expected", [
    ({}, ["jun", "may", "mar", "jan"]),
    ({"status": "closed"}, ["jun", "mar"]),
    ({"status": "filed"}, ["may", "jan"]),
    ({"case_type": "执保"}, ["may"]),
    ({"closure_method": "completed"}, ["mar"]),
    ({"closure_method": "withdrawn"}, ["jun"]),
    ({"filed_on_after": "2024-03-01"}, ["jun", "may", "mar"]),
    ({"filed_on_before": "2024-03-01"}, ["mar", "jan"]),
    ({"filed_on_after": "2024-02-01", "filed_on_before": "2024-05-31"}, ["may", "mar"]),
    ({"closed_on_after": "2024-05-01"}, ["jun"]),
    ({"closed_on_before": "2024-04-10"}, ["mar"]),
    ({"q": "鲁某"}, ["jun"]),
    ({"q": "姚某"}, ["may", "mar", "jan"]),
    ({"q": "执保1号"}, ["may"]),
    ({"q": "（2024）赣1129执2号"}, ["mar"]),
    ({"q": "无此人"}, []),
])
def test_the_list_filters(api, judge, listed, other_case, params, expected):
    body = api.as_user(judge).get(URL, params).json()
    assert [row["id"] for row in body["results"]] == [listed[key].pk for key in expected]


def test_the_list_filters_by_judge(api, judge, listed):
    client = api.as_user(judge)
    assert [r["id"] for r in client.get(URL, {"judge": listed["judge2"].pk}).json()["results"]] == [listed["mar"].pk]
    assert client.get(URL, {"judge": judge.pk}).json()["count"] == 3


@pytest.mark.parametrize("params", [{"status": "lost"}, {"closure_method": "magic"}, {"filed_on_after": "2024-99-01"},
                                    {"judge": 987654}])
def test_a_bad_filter_value_answers_400(api, judge, listed, params):
    response = api.as_user(judge).get(URL, params)
    assert response.status_code == 400 and set(params) <= set(response.json())


def test_a_judge_of_another_court_is_not_a_filter_choice(api, judge, listed, other_judge, other_case):
    response = api.as_user(judge).get(URL, {"judge": other_judge.pk})
    assert response.status_code == 400


def test_pagination_shape_and_page_size(api, judge, make_case):
    for _ in range(7):
        make_case()
    client = api.as_user(judge)
    first = client.get(URL, {"page_size": 3}).json()
    assert set(first) == {"count", "next", "previous", "results"}
    assert (first["count"], len(first["results"]), first["previous"]) == (7, 3, None)
    assert "page=2" in first["next"] and "page_size=3" in first["next"]
    last = client.get(URL, {"page_size": 3, "page": 3}).json()
    assert (len(last["results"]), last["next"]) == (1, None)
    assert last["previous"]
    assert client.get(URL, {"page": 99}).status_code == 404


def test_page_size_is_capped_at_200(api, clerk, court):
    from cases.models import Party

    Party.objects.bulk_create([Party(court=court, kind="person", name=f"当事人{i:03d}") for i in range(205)])
    body = api.as_user(clerk).get("/api/v1/parties/", {"page_size": 1000}).json()
    assert body["count"] == 205 and len(body["results"]) == 200
    assert api.get("/api/v1/parties/").json()["results"].__len__() == 20  # the default page


# --- detail, timeline, termination check ----------------------------------------------------------------------


def test_the_timeline_lists_everything_oldest_first(api, judge, enforcement_case):
    client = api.as_user(judge)
    client.post(f"{URL}{enforcement_case.pk}/events/", {"kind": "report_order_served", "occurred_on": "2024-03-03"},
                format="json")
    client.post(f"{URL}{enforcement_case.pk}/events/", {"kind": "notice_served", "occurred_on": "2024-03-02",
                                                        "note": "直接送达"}, format="json")
    client.post(f"{URL}{enforcement_case.pk}/funds/", {"direction": "in", "amount": "1000",
                                                       "occurred_on": "2024-03-04"}, format="json")
    timeline = client.get(f"{URL}{enforcement_case.pk}/timeline/").json()
    assert [e["kind"] for e in timeline] == ["filed", "notice_served", "report_order_served", "fund_in"]
    assert [e["kind_display"] for e in timeline][:2] == ["立案", "送达执行通知书"]
    assert timeline[1]["actor_name"] == "张法官" and timeline[1]["note"] == "直接送达"
    assert timeline[3]["amount"] == "1000.00"


def test_the_timeline_is_documented_as_the_whole_array_it_returns(api, judge, enforcement_case):
    # the contract: "everything done in the case, oldest first" — one array, not a page (the schema said
    # PaginatedCaseEventList, so every answer broke it)
    client = api.as_user(judge)
    for day in range(1, 25):  # more than a default page
        client.post(f"{URL}{enforcement_case.pk}/events/",
                    {"kind": "lead_checked", "occurred_on": f"2024-04-{day:02d}"}, format="json")
    schema = client.get("/api/schema/?format=json").json()
    documented = schema["paths"]["/api/v1/enforcement-cases/{id}/timeline/"]["get"]["responses"]["200"]
    assert documented["content"]["application/json"]["schema"] == {
        "type": "array", "items": {"$ref": "#/components/schemas/CaseEvent"}}
    timeline = client.get(f"{URL}{enforcement_case.pk}/timeline/", {"page_size": 5}).json()
    assert isinstance(timeline, list) and len(timeline) == 25


def test_termination_check_lists_unmet_conditions_with_chinese_labels(api, judge, enforcement_case):
    client = api.as_user(judge)
    body = client.get(f"{URL}{enforcement_case.pk}/termination-check/", {"on": "2024-04-01"}).json()
    assert body["on"] == "2024-04-01"
    assert body["unmet"][0] == "notice_not_served"
    assert body["unmet_display"][0] == "未向每一被执行人发出执行通知书"
    assert client.get(f"{URL}{enforcement_case.pk}/termination-check/", {"on": "soon"}).status_code == 400


# --- events, inquiries, funds, urgings -----------------------------------------------------------------------


def test_an_event_is_recorded(api, judge, enforcement_case, respondent):
    response = api.as_user(judge).post(f"{URL}{enforcement_case.pk}/events/", {
        "kind": "debtor_not_found", "occurred_on": "2024-03-05", "party": respondent.pk, "note": "人户分离"},
        format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["kind_display"], response.json()["party_name"]) == ("被执行人下落不明", respondent.name)


@pytest.mark.parametrize("body, field", [
    ({"kind": "teleported", "occurred_on": "2024-03-05"}, "kind"),
    ({"kind": "closed", "occurred_on": "2024-03-05"}, "kind"),
    ({"kind": "note", "occurred_on": "2024-02-05"}, "occurred_on"),
    ({"kind": "note", "occurred_on": "yesterday"}, "occurred_on"),
    ({"kind": "note"}, "occurred_on"),
])
def test_a_bad_event_answers_400(api, judge, enforcement_case, body, field):
    response = api.as_user(judge).post(f"{URL}{enforcement_case.pk}/events/", body, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert enforcement_case.events.count() == 1


def test_an_event_about_a_party_of_another_court_answers_400(api, judge, enforcement_case, other_respondent):
    response = api.as_user(judge).post(f"{URL}{enforcement_case.pk}/events/", {
        "kind": "contact", "occurred_on": "2024-03-05", "party": other_respondent.pk}, format="json")
    assert response.status_code == 400 and "party" in response.json()


def test_a_closed_case_refuses_events_with_a_rule_code(api, judge, enforcement_case):
    case_close(case=enforcement_case, actor=judge, method="completed", closed_on=dt.date(2024, 4, 1))
    response = api.as_user(judge).post(f"{URL}{enforcement_case.pk}/events/", {"kind": "notice_served",
                                                                               "occurred_on": "2024-04-02"},
                                       format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "case_closed" and body["detail"]


def test_an_online_inquiry_answers_with_its_results_and_assets_are_listed(api, judge, make_case, court,
                                                                          inquiry_results):
    debtor = PersonFactory(court=court)
    inquiry_results({debtor.id_number: [{"kind": "vehicle", "description": "赣E·12345", "value": "80000.00"}]})
    case = make_case(respondents=[debtor])
    client = api.as_user(judge)
    response = client.post(f"{URL}{case.pk}/inquiries/", {"channel": "online", "scopes": ["deposit", "vehicle"],
                                                          "requested_on": "2024-03-05"}, format="json")
    assert response.status_code == 201, response.json()
    [inquiry] = response.json()
    assert (inquiry["status"], inquiry["channel_display"]) == ("completed", "网络查控")
    assert [a["description"] for a in inquiry["assets"]] == ["赣E·12345"]
    assets = client.get("/api/v1/assets/", {"case": case.pk}).json()
    assert [(a["kind_display"], a["value"]) for a in assets["results"]] == [("车辆", "80000.00")]


@pytest.mark.parametrize("body, field", [
    ({"channel": "online", "scopes": ["gold"], "requested_on": "2024-03-05"}, "scopes"),
    ({"channel": "online", "scopes": [], "requested_on": "2024-03-05"}, "scopes"),
    ({"channel": "telepathy", "scopes": ["deposit"], "requested_on": "2024-03-05"}, "channel"),
    ({"channel": "online", "scopes": ["deposit"], "requested_on": "2024-02-05"}, "requested_on"),
])
def test_a_bad_inquiry_answers_400(api, judge, enforcement_case, body, field):
    response = api.as_user(judge).post(f"{URL}{enforcement_case.pk}/inquiries/", body, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not enforcement_case.inquiries.exists()


def test_funds_raise_amount_recovered_and_payouts_are_bounded(api, judge, enforcement_case):
    client = api.as_user(judge)
    response = client.post(f"{URL}{enforcement_case.pk}/funds/", {"direction": "in", "amount": "126000",
                                                                  "occurred_on": "2024-04-24", "note": "稻谷款"},
                           format="json")
    assert response.status_code == 201
    assert (response.json()["amount"], response.json()["direction_display"]) == ("126000.00", "收款")
    detail = client.get(f"{URL}{enforcement_case.pk}/").json()
    assert (detail["amount_recovered"], detail["amount_outstanding"]) == ("126000.00", "0.00")
    refused = client.post(f"{URL}{enforcement_case.pk}/funds/", {"direction": "out", "amount": "126000.01",
                                                                 "occurred_on": "2024-04-25"}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "insufficient_balance"
    assert FundEntry.objects.count() == 1


@pytest.mark.parametrize("body, field", [
    ({"direction": "in", "amount": "-5.00", "occurred_on": "2024-04-01"}, "amount"),
    ({"direction": "in", "amount": "0", "occurred_on": "2024-04-01"}, "amount"),
    ({"direction": "in", "amount": "5.001", "occurred_on": "2024-04-01"}, "amount"),
    ({"direction": "in", "amount": "五元", "occurred_on": "2024-04-01"}, "amount"),
    ({"direction": "in", "amount": None, "occurred_on": "2024-04-01"}, "amount"),
    ({"direction": "sideways", "amount": "5", "occurred_on": "2024-04-01"}, "direction"),
    ({"direction": "in", "amount": "5", "occurred_on": "2024-02-01"}, "occurred_on"),
])
def test_bad_fund_input_answers_400(api, judge, enforcement_case, body, field):
    response = api.as_user(judge).post(f"{URL}{enforcement_case.pk}/funds/", body, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not FundEntry.objects.exists()


def test_fund_dates_in_the_future_are_refused(api, judge, enforcement_case):
    day = (court_today() + dt.timedelta(days=1)).isoformat()
    response = api.as_user(judge).post(f"{URL}{enforcement_case.pk}/funds/", {"direction": "in", "amount": "5",
                                                                               "occurred_on": day}, format="json")
    assert response.status_code == 400 and "occurred_on" in response.json()


def test_an_urging_is_recorded_and_validated(api, judge, enforcement_case, respondent, other_respondent):
    client = api.as_user(judge)
    ok = client.post(f"{URL}{enforcement_case.pk}/urgings/", {
        "party": respondent.pk, "channel": "mobile_court", "occurred_on": "2024-04-20", "outcome": "承诺五一前付清",
        "promised_on": "2024-05-01"}, format="json")
    assert ok.status_code == 201 and ok.json()["channel_display"] == "移动微法院"
    bad = client.post(f"{URL}{enforcement_case.pk}/urgings/", {
        "party": other_respondent.pk, "channel": "phone", "occurred_on": "2024-04-20"}, format="json")
    assert bad.status_code == 400 and "party" in bad.json()
    bad = client.post(f"{URL}{enforcement_case.pk}/urgings/", {
        "party": respondent.pk, "channel": "phone", "occurred_on": "2024-04-20", "promised_on": "2024-04-19"},
        format="json")
    assert bad.status_code == 400 and "promised_on" in bad.json()


# --- close and resume ---------------------------------------------------------------------------------------


def test_terminated_current_with_preconditions_unmet_answers_the_contract_shape(api, judge, enforcement_case):
    response = api.as_user(judge).post(f"{URL}{enforcement_case.pk}/close/", {
        "method": "terminated_current", "closed_on": "2024-04-01", "reason": "无财产"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "preconditions_unmet"
    assert body["unmet"] == ["notice_not_served", "report_order_missing", "consumption_restriction_missing",
                             "inquiry_not_exhausted", "under_three_months", "applicant_not_heard",
                             "second_key_missing"]
    assert len(body["unmet_display"]) == 7 and "执行通知书" in body["unmet_display"][0]
    assert body["detail"]
    enforcement_case.refresh_from_db()
    assert enforcement_case.status == "filed"


def test_terminated_current_closes_when_every_step_was_done(api, judge, leader, enforcement_case):
    prepare_termination(enforcement_case, judge=judge, leader=leader)
    response = api.as_user(judge).post(f"{URL}{enforcement_case.pk}/close/", {
        "method": "terminated_current", "closed_on": "2024-07-01", "reason": "穷尽财产调查措施未发现财产"}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["closure_method"], body["closure_method_display"], body["closed_on"]) == (
        "closed", "terminated_current", "终结本次执行程序", "2024-07-01")
    assert body["closure_reason"] == "穷尽财产调查措施未发现财产"


@pytest.mark.parametrize("body, field", [
    ({"method": "completed", "closed_on": "2024-02-29"}, "closed_on"),
    ({"method": "evaporated", "closed_on": "2024-04-01"}, "method"),
    ({"method": "completed"}, "closed_on"),
])
def test_a_bad_closure_answers_400(api, judge, enforcement_case, body, field):
    response = api.as_user(judge).post(f"{URL}{enforcement_case.pk}/close/", body, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    enforcement_case.refresh_from_db()
    assert enforcement_case.status == "filed"


def test_a_closure_in_the_future_is_refused(api, judge, enforcement_case):
    day = (court_today() + dt.timedelta(days=1)).isoformat()
    response = api.as_user(judge).post(f"{URL}{enforcement_case.pk}/close/", {"method": "completed",
                                                                              "closed_on": day}, format="json")
    assert response.status_code == 400 and "closed_on" in response.json()


def test_closing_twice_answers_a_rule_violation(api, judge, enforcement_case):
    client = api.as_user(judge)
    assert client.post(f"{URL}{enforcement_case.pk}/close/", {"method": "completed", "closed_on": "2024-04-01"},
                       format="json").status_code == 200
    again = client.post(f"{URL}{enforcement_case.pk}/close/", {"method": "withdrawn", "closed_on": "2024-04-02"},
                        format="json")
    assert again.status_code == 400 and again.json()["code"] == "case_closed"


def test_resume_answers_the_new_resumed_case(api, judge, leader, enforcement_case, applicant, respondent):
    prepare_termination(enforcement_case, judge=judge, leader=leader)
    client = api.as_user(judge)
    client.post(f"{URL}{enforcement_case.pk}/funds/", {"direction": "in", "amount": "26000.00",
                                                       "occurred_on": "2024-05-01"}, format="json")
    client.post(f"{URL}{enforcement_case.pk}/close/", {"method": "terminated_current", "closed_on": "2024-07-01",
                                                       "reason": "无财产"}, format="json")
    response = client.post(f"{URL}{enforcement_case.pk}/resume/", {"filed_on": "2025-01-10"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == "（2025）赣1129执恢1号"
    assert (body["case_type"], body["case_type_display"]) == ("执恢", "执恢（恢复执行）")
    assert (body["resumed_from"], body["resumed_from_number"]) == (enforcement_case.pk, enforcement_case.number)
    assert body["amount_claimed"] == "100000.00"
    assert (body["applicants"], body["respondents"]) == ([applicant.pk], [respondent.pk])
    again = client.post(f"{URL}{enforcement_case.pk}/resume/", {"filed_on": "2025-01-11"}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "already_resumed"


def test_resume_refuses_bad_input(api, judge, enforcement_case):
    client = api.as_user(judge)
    not_terminated = client.post(f"{URL}{enforcement_case.pk}/resume/", {"filed_on": "2024-05-01"}, format="json")
    assert not_terminated.status_code == 400 and not_terminated.json()["code"] == "not_terminated_current"
    assert client.post(f"{URL}{enforcement_case.pk}/resume/", {}, format="json").json().keys() == {"filed_on"}


def test_the_president_approves_a_collegial_review_through_the_api(api, enforcement_case, judge, leader):
    from cases.services.case_work import case_record_event

    case_record_event(case=enforcement_case, actor=judge, kind="collegial_review", occurred_on=dt.date(2024, 6, 20))
    url = f"/api/v1/enforcement-cases/{enforcement_case.pk}/termination-review-approval/"
    # a judge has no right to approve
    assert api.as_user(judge).post(url, {"approved_on": "2024-06-21"}, format="json").status_code == 403
    response = api.as_user(leader).post(url, {"approved_on": "2024-06-21"}, format="json")
    assert response.status_code == 200, response.content
    check = api.as_user(judge).get(f"/api/v1/enforcement-cases/{enforcement_case.pk}/termination-check/",
                                   {"on": "2024-07-01"}).json()
    assert "second_key_missing" not in check["unmet"]


def test_another_courts_leader_cannot_approve_a_termination_review(api, enforcement_case, other_leader):
    url = f"/api/v1/enforcement-cases/{enforcement_case.pk}/termination-review-approval/"
    assert api.as_user(other_leader).post(url, {"approved_on": "2024-06-21"}, format="json").status_code == 404
