"""The four synchronizations through /api/v1/: shapes, 400s with the field and a Chinese message, the job run."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Asset, Todo
from cases.services.common import court_today
from tests.cases.test_sync_support import D, lit_case, mediate, pay, valued_house  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
API = "/api/v1/"


def test_a_preservation_in_a_suit_with_hours_and_its_flags(api, clerk, lit_case):
    client = api.as_user(clerk)
    response = client.post(f"{API}litigation-cases/{lit_case.pk}/preservations/", {
        "kind": "pre_litigation", "applied_on": "2024-01-05", "applied_time": "09:00", "amount": "126000.00",
        "ruled_on": "2024-01-07", "ruled_time": "09:01", "security_amount": "126000.00"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["applied_time"], body["ruled_time"], body["status"]) == ("09:00", "09:01", "granted")
    assert body["flags"] == ["ruling_late"]  # the suit (filed 2024-01-10) came within 30 days of the ruling
    assert body["flags_display"][0] == "超过48小时未裁定"
    english = client.get(f"{API}preservations/{body['id']}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["flags_display"] == ["No ruling within 48 hours"]

    bad = client.post(f"{API}litigation-cases/{lit_case.pk}/preservations/", {
        "kind": "litigation", "applied_on": "2024-01-05", "applied_time": "25:00", "amount": "1"}, format="json")
    assert bad.status_code == 400 and "applied_time" in bad.json()


def test_a_pre_suit_application_before_any_suit_then_ruling_assets_and_release(api, clerk, applicant, respondent):
    client = api.as_user(clerk)
    missing = client.post(f"{API}preservations/", {"applied_on": "2024-01-05", "amount": "100"}, format="json")
    assert missing.status_code == 400 and {"applicant", "respondent"} <= set(missing.json())

    created = client.post(f"{API}preservations/", {
        "applicant": applicant.pk, "respondent": respondent.pk, "applied_on": "2024-01-05", "applied_time": "09:30",
        "amount": "126000.00", "security_amount": "126000.00"}, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["case"] is None and created.json()["status"] == "pending"

    ruled = client.post(f"{API}preservations/{pk}/ruling/", {"ruled_on": "2024-01-06", "ruled_time": "16:00"},
                        format="json")
    assert ruled.status_code == 200 and ruled.json()["status"] == "granted"
    again = client.post(f"{API}preservations/{pk}/ruling/", {"ruled_on": "2024-01-06"}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "already_ruled" and "已裁定" in again.json()["detail"]

    asset = client.post(f"{API}preservations/{pk}/assets/", {
        "party": respondent.pk, "kind": "real_estate", "description": "陈营镇某小区201室",
        "controlled_on": "2024-01-06"}, format="json")
    assert asset.status_code == 201, asset.json()
    assert (asset.json()["lapses_on"], asset.json()["status"], asset.json()["case"]) == ("2027-01-06", "frozen", None)

    released = client.post(f"{API}preservations/{pk}/release/", {"released_on": "2024-02-06", "reason": "未起诉"},
                           format="json")
    assert released.status_code == 200 and released.json()["status"] == "released"
    assert Asset.objects.get().status == "released"


def test_the_plan_shows_each_instalments_performance(api, trial_judge, lit_case, mediate, pay):
    mediate(lit_case, (D(2024, 5, 1), "60000"), (D(2024, 6, 1), "66000"))
    pay(lit_case, D(2024, 4, 24), "60000")

    body = api.as_user(trial_judge).get(f"{API}litigation-cases/{lit_case.pk}/plan/").json()

    first, second = body["instalments"]
    assert (first["status"], first["status_display"], first["settled_on"]) == ("paid_on_time", "按期履行",
                                                                               "2024-04-24")
    assert (second["status"], second["outstanding"]) == ("defaulted", "66000.00")
    assert body["defaulted"] is True and body["apply_url"] == f"/cases/new/?source_case={lit_case.pk}"
    assert (body["total"], body["paid"]) == ("126000.00", "60000.00")


def test_a_deadline_notice_needs_its_deadline(api, trial_judge, lit_case, respondent):
    client = api.as_user(trial_judge)
    bad = client.post(f"{API}litigation-cases/{lit_case.pk}/urgings/", {
        "party": respondent.pk, "channel": "deadline_notice", "occurred_on": "2024-04-20"}, format="json")
    assert bad.status_code == 400 and bad.json()["deadline_on"] == ["限期履行通知须载明履行期限。"]
    ok = client.post(f"{API}litigation-cases/{lit_case.pk}/urgings/", {
        "party": respondent.pk, "channel": "deadline_notice", "occurred_on": "2024-04-20",
        "deadline_on": "2024-04-30"}, format="json")
    assert ok.status_code == 201 and ok.json()["follow_up_on"] == "2024-04-30"
    listed = client.get(f"{API}urgings/", {"litigation_case": lit_case.pk}).json()
    assert listed["count"] == 1 and listed["results"][0]["deadline_on"] == "2024-04-30"


def test_the_reminder_job_through_the_api_then_the_to_do_and_done(api, court_admin, trial_judge, lit_case, mediate):
    today = court_today()
    mediate(lit_case, (today + dt.timedelta(days=7), "126000"), effective_on=today)

    run = api.as_user(court_admin).post(f"{API}jobs/mediation_reminders/run/")
    again = api.as_user(court_admin).post(f"{API}jobs/mediation_reminders/run/")

    assert run.status_code == 200 and run.json()["summary"]["reminders_created"] == 1
    assert again.json()["summary"]["reminders_created"] == 0
    client = api.as_user(trial_judge)
    todos = client.get(f"{API}todos/", {"kind": "instalment_due"}).json()
    assert todos["count"] == 1
    todo = todos["results"][0]
    assert (todo["kind_display"], todo["litigation_case"]) == ("执前督促（履行期临近）", lit_case.pk)
    assert client.post(f"{API}todos/{todo['id']}/done/").status_code == 200
    assert client.get(f"{API}todos/").json()["count"] == 0


def test_an_unknown_job_is_404(api, court_admin):
    assert api.as_user(court_admin).post(f"{API}jobs/no_such_job/run/").status_code == 404


@pytest.mark.parametrize("job", ["preservation_checks", "urging_followups", "node_limits"])
def test_every_new_job_runs_through_the_api(api, court_admin, job):
    response = api.as_user(court_admin).post(f"{API}jobs/{job}/run/")
    assert response.status_code == 200 and response.json()["summary"]["checked_on"] == court_today().isoformat()


def test_an_inquiry_result_file_all_or_nothing(api, judge, enforcement_case, respondent):
    client = api.as_user(judge)
    header = "证件号码,姓名,财产类型,协助机构,财产描述,价值\n"
    good = SimpleUploadedFile("r.csv", (header + f"{respondent.id_number},姚某,银行存款,农行,活期,100\n").encode())
    response = client.post(f"{API}enforcement-cases/{enforcement_case.pk}/inquiry-imports/",
                           {"file": good, "scopes": ["deposit", "vehicle"], "requested_on": "2024-03-03"},
                           format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()[0]["assets"][0]["description"] == "活期"

    bad = SimpleUploadedFile("r.csv", (header + ",无名氏,银行存款,农行,活期,abc\n").encode())
    refused = client.post(f"{API}enforcement-cases/{enforcement_case.pk}/inquiry-imports/",
                          {"file": bad, "scopes": ["deposit"], "requested_on": "2024-03-04"}, format="multipart")
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "import_rejected" and body["rows"][0]["row"] == 2 and len(body["rows"][0]["errors"]) == 2
    assert Asset.objects.count() == 1

    no_file = client.post(f"{API}enforcement-cases/{enforcement_case.pk}/inquiry-imports/",
                          {"scopes": ["deposit"], "requested_on": "2024-03-04"}, format="multipart")
    assert no_file.status_code == 400 and "file" in no_file.json()


def test_field_investigation_contact_nodes_and_fast_track(api, judge, enforcement_case, respondent):
    client = api.as_user(judge)
    base = f"{API}enforcement-cases/{enforcement_case.pk}/"
    visit = client.post(base + "field-investigations/", {
        "party": respondent.pk, "investigated_on": "2024-03-10", "location": "陈营镇姚某米厂",
        "findings": "存稻谷约20吨", "assets": [{"kind": "movable", "description": "稻谷约20吨", "value": "60000"}]},
        format="json")
    assert visit.status_code == 201 and visit.json()["channel"] == "offline", visit.json()
    contact = client.post(base + "contacts/", {"party": respondent.pk, "channel": "mobile_court",
                                               "occurred_on": "2024-03-04", "summary": "推送执行通知书"}, format="json")
    assert contact.status_code == 201 and contact.json()["channel_display"] == "移动微法院"
    bad = client.post(base + "contacts/", {"party": respondent.pk, "channel": "pigeon", "occurred_on": "2024-03-04",
                                           "summary": ""}, format="json")
    assert bad.status_code == 400 and {"channel", "summary"} <= set(bad.json())

    nodes = client.get(base + "nodes/").json()
    assert [n["code"] for n in nodes["nodes"]] == ["notice_served", "report_order_served"]
    assert nodes["nodes"][0]["state"] == "overdue"

    routed = client.post(base + "fast-track/", {"fast_track": True, "on": "2024-03-02", "reason": "案情简单"},
                         format="json")
    assert routed.status_code == 200 and routed.json()["fast_track"] is True
    out = client.post(base + "fast-track/", {"fast_track": False, "on": "2024-03-03"}, format="json")
    assert out.status_code == 400 and out.json()["reason"] == ["移出快速通道须写明理由。"]
    summary = client.get(f"{API}fast-track/summary/").json()
    assert (summary["cases"], summary["open_cases"], summary["average_days"]) == (1, 1, None)


def test_the_asset_lifecycle_through_the_api(api, judge, valued_house, enforcement_case):
    client = api.as_user(judge)
    refused = client.post(f"{API}assets/{valued_house.pk}/auction-rounds/", {
        "announced_on": "2024-04-02", "auction_on": "2024-05-01", "starting_price": "699999.99"}, format="json")
    assert refused.status_code == 400
    assert "30日前公告" in refused.json()["auction_on"][0] and "70%" in refused.json()["starting_price"][0]

    created = client.post(f"{API}assets/{valued_house.pk}/auction-rounds/", {
        "announced_on": "2024-04-02", "auction_on": "2024-05-02", "starting_price": "700000.00",
        "platform": "淘宝司法拍卖"}, format="json")
    assert created.status_code == 201 and created.json()["round_no"] == 1
    result = client.post(f"{API}auction-rounds/{created.json()['id']}/result/", {
        "result": "sold", "result_on": "2024-05-03", "sale_price": "812000.00", "proceeds_on": "2024-05-20"},
        format="json")
    assert result.status_code == 200 and result.json()["result_display"] == "成交"
    assert client.get(f"{API}enforcement-cases/{enforcement_case.pk}/").json()["amount_recovered"] == "812000.00"
    release = client.post(f"{API}assets/{valued_house.pk}/release/", {"released_on": "2024-06-01",
                                                                      "reason": "过户后解除"}, format="json")
    assert release.status_code == 200 and release.json()["status"] == "released"
    wrong = client.post(f"{API}assets/{valued_house.pk}/control/", {"controlled_on": "2024-06-02"}, format="json")
    assert wrong.status_code == 400 and wrong.json()["code"] == "invalid_asset_transition"
    rounds = client.get(f"{API}auction-rounds/", {"case": enforcement_case.pk}).json()
    assert rounds["count"] == 1 and rounds["results"][0]["sale_price"] == "812000.00"


def test_an_urgent_lead_through_the_events_endpoint(api, judge, enforcement_case):
    client = api.as_user(judge)
    response = client.post(f"{API}enforcement-cases/{enforcement_case.pk}/events/", {
        "kind": "lead_received", "occurred_on": "2024-03-05", "urgent": True, "note": "工程款"}, format="json")
    assert response.status_code == 201
    nodes = client.get(f"{API}enforcement-cases/{enforcement_case.pk}/nodes/").json()["nodes"]
    assert nodes[-1]["label"] == "核查紧急财产线索" and nodes[-1]["due_on"] == "2024-03-05"


def test_settings_are_read_by_all_and_changed_by_the_court_admin(api, judge, court_admin):
    assert api.as_user(judge).get(f"{API}sync-settings/").json()["instalment_reminder_days"] == 7
    client = api.as_user(court_admin)
    body = {"instalment_reminder_days": 10, "lapse_reminder_days": 45, "fast_track_enabled": True,
            "fast_track_max_respondents": 1, "fast_track_max_amount": "80000.00", "fast_track_requires_assets": False}
    assert client.put(f"{API}sync-settings/", body, format="json").status_code == 200
    assert api.as_user(judge).get(f"{API}sync-settings/").json()["fast_track_max_amount"] == "80000.00"
    bad = api.as_user(court_admin).put(f"{API}sync-settings/", {**body, "instalment_reminder_days": 100},
                                       format="json")
    assert bad.status_code == 400 and "instalment_reminder_days" in bad.json()


def test_the_preservation_prompt_answer(api, clerk, lit_case):
    response = api.as_user(clerk).post(f"{API}litigation-cases/{lit_case.pk}/preservation-answer/",
                                       {"guided": True, "response": "declined"}, format="json")
    assert response.status_code == 200
    assert (response.json()["preservation_guided"], response.json()["preservation_response"]) == (True, "declined")


def test_messages_in_english_on_request(api, trial_judge, lit_case, respondent):
    response = api.as_user(trial_judge).post(f"{API}litigation-cases/{lit_case.pk}/urgings/", {
        "party": respondent.pk, "channel": "deadline_notice", "occurred_on": "2024-04-20"}, format="json",
        HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "deadline_on" in response.json()


def test_the_schema_describes_the_new_paths(client):
    paths = set(client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"])
    for path in ["/api/v1/preservations/", "/api/v1/preservations/{id}/ruling/",
                 "/api/v1/litigation-cases/{id}/plan/", "/api/v1/enforcement-cases/{id}/inquiry-imports/",
                 "/api/v1/assets/{id}/auction-rounds/", "/api/v1/auction-rounds/{id}/result/",
                 "/api/v1/fast-track/", "/api/v1/fast-track/summary/", "/api/v1/sync-settings/",
                 "/api/v1/urgings/", "/api/v1/contacts/", "/api/v1/jobs/{name}/run/"]:
        assert path in paths, path


def test_todos_left_over_are_not_shown_to_others(api, judge, trial_judge, lit_case):
    Todo.objects.create(court=lit_case.court, assignee=trial_judge, kind="instalment_due", title="x",
                        dedupe_key="x", litigation_case=lit_case)
    assert api.as_user(judge).get(f"{API}todos/").json()["count"] == 0


# --- id filters: what the long fuzz run sent (issue: 500 on SQLite) ----------------------------------------

HUGE = "128941480630177670799355907802136576"  # beyond 64 bits: SQLite raised OverflowError through a foreign key


@pytest.mark.parametrize("path, params", [
    ("auction-rounds/", {"result": "\x0e1P|", "case": "50000", "asset": "32252159049378650021412470784",
                         "page": "765", "page_size": "303"}),
    ("contacts/", {"channel": "\x0c)5", "case": HUGE}),
    ("preservations/", {"kind": "x", "case": HUGE, "pending_suit": "true", "page_size": "985075508"}),
    ("urgings/", {"party": "-1.7976931348623157e+308"}),
    ("contacts/", {"party": "1.5"}),  # a fraction used to be cut to party 1
    ("contacts/", {"case": "0"}),
])
def test_an_id_filter_that_is_no_id_is_400_with_a_chinese_message(api, judge, path, params):
    response = api.as_user(judge).get(f"{API}{path}", params)
    assert response.status_code == 400, response.content
    bad = {name for name in response.json() if name in params}
    assert bad and all(response.json()[name] == ["请输入有效的编号（正整数）。"] for name in bad)


def test_the_largest_id_filters_to_nothing_and_a_real_id_still_filters(api, judge, enforcement_case, respondent):
    # given a contact in the case
    client = api.as_user(judge)
    assert client.post(f"{API}enforcement-cases/{enforcement_case.pk}/contacts/", {
        "party": respondent.pk, "channel": "mobile_court", "occurred_on": "2024-03-04", "summary": "约谈"},
        format="json").status_code == 201
    # then the widest id the columns hold is a well-formed id of no row, and the case's own id finds the contact
    assert client.get(f"{API}contacts/", {"case": str(2**63 - 1)}).json()["count"] == 0
    assert client.get(f"{API}contacts/", {"case": enforcement_case.pk}).json()["count"] == 1
    english = client.get(f"{API}contacts/", {"case": HUGE}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json() == {"case": ["Enter a valid id (a positive whole number)."]}
