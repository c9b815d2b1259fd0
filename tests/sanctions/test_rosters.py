"""The three rosters: entry from the facts, exit when the facts change, a judge's confirm / dismiss / close, to-dos,
the scheduled job (also through the API), and the refresh after a fact is recorded."""
import datetime as dt
from decimal import Decimal

import pytest

from cases.models import Todo
from cases.services.case_work import case_record_fund
from cases.services.enforcement import case_close
from sanctions.models import AbilityEvidence, RosterEntry
from sanctions.rosters import refresh_rosters, rosters_job
from sanctions.services import evidence_record, roster_close, roster_confirm, roster_dismiss
from tests.factories import PersonFactory
from wanian_exec.errors import RuleViolation

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/api/v1/rosters/"


def entry(case, party, kind):
    return RosterEntry.objects.filter(case=case, party=party, kind=kind).first()


# --- 公安查找名册 ---------------------------------------------------------------------------------------------------


def test_a_debtor_not_found_enters_the_police_search_roster_and_leaves_when_reached(enforcement_case, respondent,
                                                                                  event, judge):
    # given the debtor cannot be found
    event(enforcement_case, "debtor_not_found", D(2024, 3, 5), party=respondent)
    # when the roster job runs
    summary = rosters_job(today=D(2024, 3, 6))
    # then the debtor is on the police search roster, with the reason, and the judge has a to-do
    e = entry(enforcement_case, respondent, "police_search")
    assert (e.status, e.reasons, e.entered_on) == ("pending", ["2024-03-05登记下落不明"], D(2024, 3, 6))
    assert summary["police_search_entered"] == 1 and summary["police_search_on_roster"] == 1
    todo = Todo.objects.get(kind="roster_confirm", enforcement_case=enforcement_case)
    assert todo.assignee == judge and "公安查找名册" in todo.title
    # when the judge reaches the debtor later
    event(enforcement_case, "contact", D(2024, 3, 20), party=respondent, note="电话联系上")
    rosters_job(today=D(2024, 3, 21))
    e.refresh_from_db()
    assert (e.status, e.left_on, e.left_reason) == ("left", D(2024, 3, 21), "已联系到被执行人（2024-03-20）")
    assert Todo.objects.get(pk=todo.pk).done_at is not None


def test_a_failed_service_counts_only_without_a_reachable_contact(make_case, court, event):
    reachable = PersonFactory(court=court, phone="13900000000")
    unreachable = PersonFactory(court=court, phone="")
    case = make_case(respondents=[reachable, unreachable])
    event(case, "service_failed", D(2024, 3, 4))  # the whole case: both respondents
    rosters_job(today=D(2024, 3, 6))
    assert entry(case, reachable, "police_search") is None
    assert entry(case, unreachable, "police_search").reasons == ["2024-03-04送达失败", "未登记联系电话，无其他可用联系方式"]


def test_an_urging_after_the_not_found_record_means_the_debtor_was_reached(enforcement_case, respondent, event, urge):
    event(enforcement_case, "debtor_not_found", D(2024, 3, 5), party=respondent)
    urge(enforcement_case, respondent, on=D(2024, 3, 6))
    rosters_job(today=D(2024, 3, 7))
    assert entry(enforcement_case, respondent, "police_search") is None


# --- 拘传名册 --------------------------------------------------------------------------------------------------------


def test_an_unreported_debtor_enters_the_summons_roster_after_the_five_days(enforcement_case, respondent, event):
    event(enforcement_case, "report_order_served", D(2024, 3, 2))
    rosters_job(today=D(2024, 3, 7))  # the fifth day: the period has not run out
    assert entry(enforcement_case, respondent, "summons") is None
    rosters_job(today=D(2024, 3, 8))
    e = entry(enforcement_case, respondent, "summons")
    assert e.status == "pending"
    assert e.reasons == ["2024-03-02已送达报告财产令", "报告期限（5日）已于2024-03-07届满", "逾期未申报财产"]
    # the debtor reports: off the roster
    event(enforcement_case, "property_reported", D(2024, 3, 9), party=respondent)
    rosters_job(today=D(2024, 3, 10))
    e.refresh_from_db()
    assert (e.status, e.left_reason) == ("left", "已申报财产（2024-03-09）")


def test_a_report_made_before_the_order_does_not_answer_it(enforcement_case, respondent, event):
    event(enforcement_case, "property_reported", D(2024, 3, 1), party=respondent)
    event(enforcement_case, "report_order_served", D(2024, 3, 2))
    rosters_job(today=D(2024, 3, 8))
    assert entry(enforcement_case, respondent, "summons").status == "pending"


# --- 拘留或刑事责任名册 ----------------------------------------------------------------------------------------------


def test_ability_and_non_performance_enter_the_detention_roster_and_performance_takes_the_debtor_off(
        enforcement_case, respondent, event, judge):
    event(enforcement_case, "notice_served", D(2024, 3, 2))
    evidence_record(case=enforcement_case, party=respondent, actor=judge, kind="income", occurred_on=D(2024, 3, 20),
                    amount=Decimal("8000.00"), description="在某公司领取工资", source="单位工资表")
    rosters_job(today=D(2024, 3, 21))
    e = entry(enforcement_case, respondent, "detention_criminal")
    assert e.reasons == ["执行通知书已于2024-03-02送达，仍未履行（尚欠126,000.00元）",
                         "收入：在某公司领取工资（2024-03-20，8,000.00元）"]
    case_record_fund(case=enforcement_case, actor=judge, direction="in", amount=Decimal("126000.00"),
                     occurred_on=D(2024, 3, 25))
    rosters_job(today=D(2024, 3, 26))
    e.refresh_from_db()
    assert (e.status, e.left_reason) == ("left", "已履行完毕")


def test_without_the_execution_notice_there_is_no_refusal(enforcement_case, respondent, judge):
    evidence_record(case=enforcement_case, party=respondent, actor=judge, kind="spending", occurred_on=D(2024, 3, 20),
                    description="购买高档轿车")
    rosters_job(today=D(2024, 3, 21))
    assert entry(enforcement_case, respondent, "detention_criminal") is None


def test_assets_found_after_the_report_order_and_not_reported_show_ability(enforcement_case, respondent, event,
                                                                          inquiry_results, judge):
    from cases.services.case_work import case_request_inquiry

    event(enforcement_case, "notice_served", D(2024, 3, 2))
    event(enforcement_case, "report_order_served", D(2024, 3, 2))
    inquiry_results({respondent.id_number: [{"kind": "deposit", "description": "活期存款", "institution": "万年农商行",
                                             "value": "52000.00"}]})
    case_request_inquiry(case=enforcement_case, actor=judge, channel="online", scopes=["deposit"],
                         requested_on=D(2024, 3, 10))
    rosters_job(today=D(2024, 3, 11))
    e = entry(enforcement_case, respondent, "detention_criminal")
    assert any(r.startswith("查到未申报的银行存款：活期存款") and "52,000.00元" in r for r in e.reasons), e.reasons


def test_a_closed_case_leaves_every_roster(enforcement_case, respondent, event, judge):
    event(enforcement_case, "debtor_not_found", D(2024, 3, 5), party=respondent)
    rosters_job(today=D(2024, 3, 6))
    case_close(case=enforcement_case, actor=judge, method="withdrawn", closed_on=D(2024, 3, 7))
    rosters_job(today=D(2024, 3, 8))
    assert entry(enforcement_case, respondent, "police_search").left_reason == "案件已结案"


# --- a judge's decisions ---------------------------------------------------------------------------------------------


@pytest.fixture
def missing(enforcement_case, respondent, event):
    event(enforcement_case, "debtor_not_found", D(2024, 3, 5), party=respondent)
    rosters_job(today=D(2024, 3, 6))
    return entry(enforcement_case, respondent, "police_search")


def test_a_judge_confirms_and_the_to_do_is_done(missing, judge):
    confirmed = roster_confirm(entry=missing, actor=judge)
    assert (confirmed.status, confirmed.decided_by) == ("confirmed", judge)
    assert Todo.objects.get(dedupe_key=missing.todo_key).done_at is not None
    with pytest.raises(RuleViolation):
        roster_confirm(entry=missing, actor=judge)


def test_a_dismissal_needs_a_reason_and_holds_until_a_new_fact(missing, judge, enforcement_case, respondent, event):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        roster_dismiss(entry=missing, actor=judge, reason=" ")
    roster_dismiss(entry=missing, actor=judge, reason="已知其在外务工，可电话联系")
    rosters_job(today=D(2024, 3, 7))
    assert entry(enforcement_case, respondent, "police_search").status == "dismissed"
    # a new not-found record is a new fact: back to pending, a second spell and a new to-do
    event(enforcement_case, "debtor_not_found", D(2024, 4, 1), party=respondent)
    summary = rosters_job(today=D(2024, 4, 2))
    e = entry(enforcement_case, respondent, "police_search")
    assert (e.status, e.spell, summary["police_search_reopened"]) == ("pending", 2, 1)
    assert Todo.objects.filter(dedupe_key=e.todo_key, done_at__isnull=True).exists()


def test_a_closed_entry_stays_closed(missing, judge, enforcement_case, respondent):
    roster_close(entry=missing, actor=judge, note="已移交公安查找")
    rosters_job(today=D(2024, 3, 7))
    assert entry(enforcement_case, respondent, "police_search").status == "closed"


def test_running_the_job_twice_changes_nothing(enforcement_case, respondent, event):
    event(enforcement_case, "debtor_not_found", D(2024, 3, 5), party=respondent)
    rosters_job(today=D(2024, 3, 6))
    second = rosters_job(today=D(2024, 3, 6))
    assert not [k for k in second if k.endswith(("_entered", "_left", "_updated", "_reopened"))]
    assert RosterEntry.objects.count() == 1 and Todo.objects.filter(kind="roster_confirm").count() == 1


# --- on the events that change them ----------------------------------------------------------------------------------


def test_recording_a_fact_refreshes_that_cases_rosters_on_commit(enforcement_case, respondent, event,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event(enforcement_case, "debtor_not_found", D(2024, 3, 5), party=respondent)
    assert entry(enforcement_case, respondent, "police_search").status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        event(enforcement_case, "contact", D(2024, 3, 6), party=respondent)
    assert entry(enforcement_case, respondent, "police_search").status == "left"


def _refreshes_enqueued() -> list:
    from outbox.models import OutboxMessage

    return [m.args[0] for m in OutboxMessage.objects.filter(task="sanctions.tasks.refresh_case_rosters")]


def test_a_note_enqueues_no_roster_refresh_and_a_roster_fact_does(enforcement_case, respondent, event):
    # given a case with nothing enqueued yet
    assert _refreshes_enqueued() == []
    # when a judge writes a note: the timeline announces it, the rosters do not care
    event(enforcement_case, "note", D(2024, 3, 5), party=respondent)
    assert _refreshes_enqueued() == []
    # when a fact the rosters read is recorded: that case's refresh is enqueued in the same transaction
    event(enforcement_case, "debtor_not_found", D(2024, 3, 6), party=respondent)
    assert _refreshes_enqueued() == [[enforcement_case.pk]]


def test_a_caller_that_refreshes_itself_withdraws_only_the_refreshes_queued_after_its_mark(
        enforcement_case, make_case, respondent, event):
    from outbox import enqueue
    from outbox.models import OutboxMessage
    from outbox.services import last_message_id, withdraw
    from sanctions.tasks import refresh_case_rosters

    # given one refresh queued before the caller's mark, and a delivery after it
    event(enforcement_case, "debtor_not_found", D(2024, 3, 6), party=respondent)
    mark = last_message_id()
    other = make_case()
    event(other, "debtor_not_found", D(2024, 3, 7))
    enqueue("pushes.tasks.deliver", args=[1])
    # when the caller withdraws the rosters' refreshes queued after its mark
    assert withdraw(refresh_case_rosters, after_id=mark) == 1
    # then the earlier refresh and the other task stay queued
    assert _refreshes_enqueued() == [[enforcement_case.pk]]
    assert OutboxMessage.objects.filter(task="pushes.tasks.deliver").count() == 1


def test_the_timeline_signal_is_what_tells_the_rosters(enforcement_case, respondent):
    from cases.choices import EventKind
    from cases.models import CaseEvent
    from cases.services.timeline import case_events_recorded, record_event, record_events

    heard = []

    def listener(sender, events, imported, **kwargs):
        heard.append((sender, events, imported))

    case_events_recorded.connect(listener)
    try:
        record_event(case=enforcement_case, kind=EventKind.NOTE, occurred_on=D(2024, 3, 5))
        record_events([{"case_id": enforcement_case.pk, "kind": EventKind.CONTACT, "occurred_on": D(2024, 3, 6)},
                       {"case_id": enforcement_case.pk, "kind": EventKind.URGING, "occurred_on": D(2024, 3, 7),
                        "imported_job": 7}])
        record_events([{"case_id": enforcement_case.pk, "kind": EventKind.CONTACT, "occurred_on": D(2024, 3, 8),
                        "imported_job": 7}])
    finally:
        case_events_recorded.disconnect(listener)
    assert heard == [
        (CaseEvent, [(enforcement_case.pk, "note")], False),
        (CaseEvent, [(enforcement_case.pk, "contact"), (enforcement_case.pk, "urging")], False),
        (CaseEvent, [(enforcement_case.pk, "contact")], True),
    ]
    # a court's history brought in by an import is left to the daily job; live lines are refreshed
    assert _refreshes_enqueued() == [[enforcement_case.pk]]


def test_changing_an_asset_or_the_case_is_a_typed_fact_that_refreshes(enforcement_case, respondent, judge):
    from cases.choices import AssetStatus
    from cases.models import Asset
    from cases.services.case_work import asset_set_status

    asset = Asset.objects.create(court=enforcement_case.court, case=enforcement_case, party=respondent,
                                 kind="deposit", description="工商银行账户", value=Decimal("1000"),
                                 found_on=D(2024, 3, 1))
    asset_set_status(asset=asset, actor=judge, status=AssetStatus.FROZEN, on=D(2024, 3, 5))
    assert enforcement_case.events.filter(kind="asset_status_changed").count() == 1
    assert _refreshes_enqueued() == [[enforcement_case.pk]]


def test_refresh_is_per_case(enforcement_case, make_case, respondent, event):
    other = make_case()
    event(enforcement_case, "debtor_not_found", D(2024, 3, 5), party=respondent)
    event(other, "debtor_not_found", D(2024, 3, 5), party=respondent)
    refresh_rosters(case_ids=[enforcement_case.pk], today=D(2024, 3, 6))
    assert entry(enforcement_case, respondent, "police_search") and not entry(other, respondent, "police_search")


# --- the API --------------------------------------------------------------------------------------------------------


def test_the_roster_list_has_the_contract_shape(api, judge, missing, enforcement_case, respondent):
    body = api.as_user(judge).get(URL, {"kind": "police_search"}).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert {k: row[k] for k in ("case", "case_number", "party", "party_name", "kind", "reasons", "status")} == {
        "case": enforcement_case.pk, "case_number": enforcement_case.number, "party": respondent.pk,
        "party_name": respondent.name, "kind": "police_search", "reasons": ["2024-03-05登记下落不明"],
        "status": "pending"}
    assert row["kind_display"] == "公安查找名册" and row["status_display"] == "待确认"
    assert api.as_user(judge).get(URL, {"kind": "summons"}).json()["count"] == 0
    assert api.as_user(judge).get(URL, {"kind": "nonsense"}).status_code == 400


def test_confirm_dismiss_and_status_filters_through_the_api(api, judge, missing):
    client = api.as_user(judge)
    assert client.post(f"{URL}{missing.pk}/dismiss/", {}, format="json").status_code == 400
    assert client.post(f"{URL}{missing.pk}/dismiss/", {"reason": "重复登记"}, format="json").status_code == 200
    assert client.get(URL, {"kind": "police_search"}).json()["count"] == 0  # off the roster now
    assert client.get(URL, {"kind": "police_search", "status": "dismissed"}).json()["count"] == 1
    assert client.get(URL, {"kind": "police_search", "status": "all"}).json()["count"] == 1


def test_the_job_runs_through_the_api(api, court_admin, enforcement_case, respondent, event):
    event(enforcement_case, "debtor_not_found", D(2024, 3, 5), party=respondent)
    response = api.as_user(court_admin).post("/api/v1/jobs/rosters/run/")
    assert response.status_code == 200, response.json()
    assert response.json()["summary"]["police_search_on_roster"] == 1


def test_the_export_asks_for_a_roster_in_words(api, judge):
    client = api.as_user(judge)
    chinese = client.get(f"{URL}export/", {"kind": "nonsense"})
    english = client.get(f"{URL}export/", {"kind": "nonsense"}, HTTP_ACCEPT_LANGUAGE="en")
    assert chinese.status_code == english.status_code == 400
    assert chinese.json()["kind"] == ["请选择名册：police_search、summons、detention_criminal。"]
    assert english.json()["kind"] == ["Choose a roster: police_search、summons、detention_criminal."]


def test_the_export_is_an_xlsx(api, judge, missing):
    from openpyxl import load_workbook
    import io

    response = api.as_user(judge).get(f"{URL}export/", {"kind": "police_search"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][:3] == ("序号", "案号", "被执行人") and rows[3][2] == missing.party.name
    assert "2024-03-05登记下落不明" in rows[3][5]
    assert not AbilityEvidence.objects.exists()
