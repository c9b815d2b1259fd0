import datetime as dt


def test_file_case_and_close_terminated_current_lists_every_unmet_precondition(api, judge, applicant, respondent):
    client = api.as_user(judge)
    created = client.post("/api/v1/enforcement-cases/", {
        "applicants": [applicant.pk], "respondents": [respondent.pk], "amount_claimed": "126000.00",
        "filed_on": "2024-03-01", "judge": judge.pk, "source_document": "（2024）赣1129民初88号",
    }, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["number"] == "（2024）赣1129执1号"
    case_id = created.json()["id"]
    closed = client.post(f"/api/v1/enforcement-cases/{case_id}/close/", {
        "method": "terminated_current", "closed_on": "2024-04-01", "reason": "无财产"}, format="json")
    assert closed.status_code == 400
    body = closed.json()
    assert body["code"] == "preconditions_unmet"
    assert body["unmet"] == ["notice_not_served", "report_order_missing", "consumption_restriction_missing",
                             "inquiry_not_exhausted", "under_three_months", "applicant_not_heard",
                             "second_key_missing"]
    timeline = client.get(f"/api/v1/enforcement-cases/{case_id}/timeline/").json()
    assert [e["kind"] for e in timeline] == ["filed"]
