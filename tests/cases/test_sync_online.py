"""线上与线下同步: the asset lifecycle and online auctions, imported inquiry results, field investigations, the
contact log, node limits and payouts, and the “人工+智能” fast track."""
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.choices import AssetStatus, EventKind, InquiryChannel, TodoKind
from cases.models import Asset, AssetInquiry, Contact, FundEntry, SyncSettings, Todo
from cases.selectors import average_days, case_timeline_rows, fast_track_cases, node_limits, payout_states_for
from cases.services.assets import (asset_control, asset_deduct, asset_record_proceeds, asset_release, asset_renew,
                                   asset_value, auction_round_create, auction_round_result)
from cases.services.case_work import (case_record_event, case_record_fund, case_request_inquiry, contact_record)
from cases.services.enforcement import case_close
from cases.services.fast_track import fast_track_set
from cases.services.followups import node_limits as node_limits_job
from cases.services.inquiry_import import field_investigation_record, inquiry_import
from tests.cases.test_sync_support import D, money, valued_house  # noqa: F401 (fixtures)
from tests.factories import PersonFactory
from wanian_exec.errors import RuleViolation

pytestmark = pytest.mark.django_db


# --- the asset lifecycle -------------------------------------------------------------------------------------------


def test_a_house_from_seizure_to_sale_proceeds_and_release(valued_house, judge, enforcement_case):
    # given a house seized on 6 March 2024 (3 years: 6 March 2027) and valued at 1,000,000 yuan
    assert (valued_house.status, valued_house.lapses_on) == (AssetStatus.VALUED, D(2027, 3, 6))
    # when it is auctioned 30 days after the announcement at 70% and sold, the price paid in
    auction = auction_round_create(asset=valued_house, actor=judge, announced_on=D(2024, 4, 2),
                                   auction_on=D(2024, 5, 2), starting_price=money("700000"), platform="淘宝司法拍卖")
    auction_round_result(auction=auction, actor=judge, result="sold", result_on=D(2024, 5, 3),
                         sale_price=money("812000"), proceeds_on=D(2024, 5, 20))
    asset = asset_release(asset=Asset.objects.get(pk=valued_house.pk), actor=judge, released_on=D(2024, 6, 1),
                          reason="拍卖成交，过户后解除查封")
    # then the price is in the fund ledger and every step on the timeline
    enforcement_case.refresh_from_db()
    assert enforcement_case.amount_recovered == money("812000")
    assert FundEntry.objects.get(case=enforcement_case).occurred_on == D(2024, 5, 20)
    assert (asset.status, asset.sale_price, asset.proceeds_on) == (AssetStatus.RELEASED, money("812000"),
                                                                   D(2024, 5, 20))
    kinds = list(enforcement_case.events.values_list("kind", flat=True))
    for kind in (EventKind.ASSET_CONTROLLED, EventKind.ASSET_VALUED, EventKind.AUCTION_ANNOUNCED,
                 EventKind.AUCTION_RESULT, EventKind.FUND_IN, EventKind.ASSET_RELEASED):
        assert kind in kinds


def test_the_auction_limits_are_enforced_by_the_service(valued_house, judge):
    with pytest.raises(ValidationError) as excinfo:
        auction_round_create(asset=valued_house, actor=judge, announced_on=D(2024, 4, 2), auction_on=D(2024, 5, 1),
                             starting_price=money("699999.99"))
    assert {"auction_on", "starting_price"} == set(excinfo.value.message_dict)
    assert "30日前公告" in excinfo.value.message_dict["auction_on"][0]
    valued_house.refresh_from_db()
    assert valued_house.status == AssetStatus.VALUED and not valued_house.auction_rounds.exists()


def test_a_second_round_after_a_failure_at_most_20_percent_lower_then_no_third(valued_house, judge):
    first = auction_round_create(asset=valued_house, actor=judge, announced_on=D(2024, 4, 2),
                                 auction_on=D(2024, 5, 2), starting_price=money("700000"))
    auction_round_result(auction=first, actor=judge, result="unsold", result_on=D(2024, 5, 3))
    asset = Asset.objects.get(pk=valued_house.pk)
    assert asset.status == AssetStatus.UNSOLD
    with pytest.raises(ValidationError) as excinfo:
        auction_round_create(asset=asset, actor=judge, announced_on=D(2024, 5, 10), auction_on=D(2024, 5, 25),
                             starting_price=money("559999.99"))
    assert "starting_price" in excinfo.value.message_dict
    second = auction_round_create(asset=asset, actor=judge, announced_on=D(2024, 5, 10), auction_on=D(2024, 5, 25),
                                  starting_price=money("560000"))
    assert second.round_no == 2
    auction_round_result(auction=second, actor=judge, result="unsold", result_on=D(2024, 5, 26))
    with pytest.raises(ValidationError) as third:
        auction_round_create(asset=Asset.objects.get(pk=asset.pk), actor=judge, announced_on=D(2024, 6, 1),
                             auction_on=D(2024, 7, 1), starting_price=money("500000"))
    assert "变卖" in third.value.message_dict["asset"][0]


def test_a_withdrawn_round_does_not_count(valued_house, judge):
    first = auction_round_create(asset=valued_house, actor=judge, announced_on=D(2024, 4, 2),
                                 auction_on=D(2024, 5, 2), starting_price=money("700000"))
    auction_round_result(auction=first, actor=judge, result="withdrawn", result_on=D(2024, 4, 20))
    asset = Asset.objects.get(pk=valued_house.pk)
    assert asset.status == AssetStatus.VALUED
    again = auction_round_create(asset=asset, actor=judge, announced_on=D(2024, 4, 21), auction_on=D(2024, 5, 21),
                                 starting_price=money("700000"))
    assert again.round_no == 1


def test_a_sale_below_the_starting_price_or_without_a_price_is_refused(valued_house, judge):
    auction = auction_round_create(asset=valued_house, actor=judge, announced_on=D(2024, 4, 2),
                                   auction_on=D(2024, 5, 2), starting_price=money("700000"))
    with pytest.raises(ValidationError) as excinfo:
        auction_round_result(auction=auction, actor=judge, result="sold", result_on=D(2024, 5, 3),
                             sale_price=money("699999"))
    assert "sale_price" in excinfo.value.message_dict
    auction_round_result(auction=auction, actor=judge, result="sold", result_on=D(2024, 5, 3),
                         sale_price=money("700000"))
    asset = asset_record_proceeds(asset=Asset.objects.get(pk=valued_house.pk), actor=judge,
                                  received_on=D(2024, 5, 10))
    assert asset.proceeds_on == D(2024, 5, 10)
    with pytest.raises(RuleViolation):
        asset_record_proceeds(asset=asset, actor=judge, received_on=D(2024, 5, 11))


def test_a_frozen_deposit_is_deducted_into_the_ledger(enforcement_case, judge, respondent):
    asset = Asset.objects.create(court=enforcement_case.court, case=enforcement_case, party=respondent,
                                 kind="deposit", description="活期账户", value=money("23500"), found_on=D(2024, 3, 3))
    asset = asset_control(asset=asset, actor=judge, controlled_on=D(2024, 3, 3))
    assert asset.lapses_on == D(2025, 3, 3)
    with pytest.raises(ValidationError):
        asset_deduct(asset=asset, actor=judge, amount=money("23500.01"), deducted_on=D(2024, 3, 5))
    asset = asset_deduct(asset=asset, actor=judge, amount=money("23500"), deducted_on=D(2024, 3, 5))
    enforcement_case.refresh_from_db()
    assert asset.status == AssetStatus.DISPOSED and enforcement_case.amount_recovered == money("23500")
    with pytest.raises(RuleViolation) as excinfo:
        asset_value(asset=asset, actor=judge, valuation=money(1), valued_on=D(2024, 3, 6))
    assert excinfo.value.code in {"fund_not_valued", "invalid_asset_transition"}


def test_steps_out_of_order_are_refused(enforcement_case, judge, respondent):
    asset = Asset.objects.create(court=enforcement_case.court, case=enforcement_case, party=respondent,
                                 kind="vehicle", description="赣E·12345", found_on=D(2024, 3, 3))
    with pytest.raises(RuleViolation) as excinfo:
        asset_value(asset=asset, actor=judge, valuation=money(80000), valued_on=D(2024, 3, 6))
    assert excinfo.value.code == "invalid_asset_transition"
    with pytest.raises(RuleViolation):
        asset_renew(asset=asset, actor=judge, renewed_on=D(2024, 3, 6))


def test_a_lapsed_freeze_cannot_be_renewed(enforcement_case, judge, respondent):
    asset = Asset.objects.create(court=enforcement_case.court, case=enforcement_case, party=respondent,
                                 kind="vehicle", description="赣E·12345", found_on=D(2022, 3, 3))
    asset = asset_control(asset=asset, actor=judge, controlled_on=D(2022, 3, 3))
    with pytest.raises(ValidationError) as excinfo:
        asset_renew(asset=asset, actor=judge, renewed_on=D(2024, 3, 4))
    assert "renewed_on" in excinfo.value.message_dict
    assert asset_renew(asset=asset, actor=judge, renewed_on=D(2024, 3, 3)).lapses_on == D(2026, 3, 3)


# --- inquiry result files ---------------------------------------------------------------------------------------------

HEADER = "证件号码,姓名,财产类型,协助机构,财产描述,价值\n"


def csv_file(text, name="结果.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def test_an_imported_csv_creates_assets_by_the_inquiry_path(enforcement_case, judge, respondent):
    rows = (f"{respondent.id_number},姚某,银行存款,中国农业银行万年支行,活期账户 6228****1234,\"23,500.00\"\n"
            f",姚某,车辆,万年县公安局交警大队,赣E·12345,80000\n")
    inquiries = inquiry_import(case=enforcement_case, actor=judge, file=csv_file(HEADER + rows),
                               scopes=["deposit", "vehicle", "real_estate", "securities"], requested_on=D(2024, 3, 3))
    (inquiry,) = inquiries
    assert (inquiry.channel, inquiry.status, inquiry.provider) == ("online", "completed", "文件导入：结果.csv")
    assets = list(inquiry.assets.order_by("pk"))
    assert [(a.kind, a.value) for a in assets] == [("deposit", money("23500")), ("vehicle", money("80000"))]
    assert enforcement_case.events.filter(kind=EventKind.ASSET_FOUND).count() == 2
    assert "查到财产2项" in enforcement_case.events.get(kind=EventKind.INQUIRY).note


def test_an_import_is_all_or_nothing_with_the_bad_rows_listed(enforcement_case, judge, respondent):
    rows = (f"{respondent.id_number},姚某,银行存款,农行,活期账户,100\n"
            f"360000000000000000,张三,银行存款,农行,账户,100\n"
            f"{respondent.id_number},姚某,飞机,,,abc\n"
            f"{respondent.id_number},姚某,股权,,某公司5%股权,\n")
    with pytest.raises(RuleViolation) as excinfo:
        inquiry_import(case=enforcement_case, actor=judge, file=csv_file(HEADER + rows),
                       scopes=["deposit", "vehicle"], requested_on=D(2024, 3, 3))
    rejected = excinfo.value.extra["rows"]
    assert [r["row"] for r in rejected] == [3, 4, 5]
    assert "不是本次查询的被执行人" in rejected[0]["errors"][0]
    assert len(rejected[1]["errors"]) == 3  # unknown kind, no description, bad value
    assert "不在本次查询范围内" in rejected[2]["errors"][0]
    assert not AssetInquiry.objects.exists() and not Asset.objects.exists()


def test_a_gbk_csv_and_an_excel_file_are_read(enforcement_case, judge, respondent):
    from openpyxl import Workbook

    inquiry_import(case=enforcement_case, actor=judge, scopes=["deposit"], requested_on=D(2024, 3, 3),
                   file=csv_file(HEADER + f"{respondent.id_number},姚某,deposit,农行,活期账户,1\n", encoding="gbk"))
    book = Workbook()
    sheet = book.active
    sheet.append(["证件号码", "姓名", "财产类型", "协助机构", "财产描述", "价值"])
    sheet.append([respondent.id_number, "姚某", "不动产", "不动产登记中心", "陈营镇某小区3栋201室", 650000])
    data = io.BytesIO()
    book.save(data)
    inquiry_import(case=enforcement_case, actor=judge, scopes=["real_estate"], requested_on=D(2024, 3, 4),
                   file=SimpleUploadedFile("结果.xlsx", data.getvalue()))
    assert sorted(Asset.objects.values_list("kind", "value")) == [("deposit", money(1)),
                                                                  ("real_estate", money(650000))]


def test_a_file_without_the_needed_columns_is_refused_on_the_file_field(enforcement_case, judge):
    with pytest.raises(ValidationError) as excinfo:
        inquiry_import(case=enforcement_case, actor=judge, file=csv_file("a,b\n1,2\n"), scopes=["deposit"],
                       requested_on=D(2024, 3, 3))
    assert "缺少必需的列" in excinfo.value.message_dict["file"][0]


# --- offline: field investigation, contact log ----------------------------------------------------------------------


def test_a_field_investigation_records_what_was_found(enforcement_case, judge, respondent):
    inquiry = field_investigation_record(case=enforcement_case, actor=judge, party=respondent,
                                         investigated_on=D(2024, 3, 10), location="陈营镇姚某米厂",
                                         findings="厂内存稻谷约20吨", assets=[{"kind": "movable",
                                                                       "description": "稻谷约20吨",
                                                                       "value": money(60000)}])
    assert (inquiry.channel, inquiry.status, inquiry.scopes) == (InquiryChannel.OFFLINE, "completed", ["movable"])
    assert inquiry.assets.get().description == "稻谷约20吨"
    event = enforcement_case.events.get(kind=EventKind.FIELD_INVESTIGATION)
    assert "陈营镇姚某米厂" in event.note and "发现财产1项" in event.note


def test_the_contact_log_is_on_the_timeline(enforcement_case, judge, respondent):
    contact = contact_record(case=enforcement_case, actor=judge, party=respondent, channel="mobile_court",
                             occurred_on=D(2024, 3, 4), summary="通过移动微法院推送执行通知书，被执行人已读")
    event = enforcement_case.events.get(kind=EventKind.CONTACT)
    assert event.party == respondent and event.note.startswith("移动微法院（法院联系当事人）")
    assert Contact.objects.get() == contact
    with pytest.raises(ValidationError) as excinfo:
        contact_record(case=enforcement_case, actor=judge, party=respondent, channel="pigeon",
                       occurred_on=D(2024, 3, 4), summary="")
    assert {"channel", "summary"} <= set(excinfo.value.message_dict)


# --- node limits and payouts ------------------------------------------------------------------------------------------


def test_node_limits_on_the_page_and_as_to_dos(make_case, judge):
    case = make_case(filed_on=D(2024, 3, 1))
    case_record_event(case=case, actor=judge, kind="notice_served", occurred_on=D(2024, 3, 4))
    case_record_event(case=case, actor=judge, kind="lead_received", occurred_on=D(2024, 3, 5), urgent=True,
                      note="申请人称被执行人在某公司有工程款")
    case_record_event(case=case, actor=judge, kind="lead_received", occurred_on=D(2024, 3, 6))

    nodes = {n["label"]: n["state"] for n in node_limits(case, today=D(2024, 3, 9))}
    assert nodes == {"送达执行通知书": "done", "送达报告财产令": "overdue", "核查紧急财产线索": "overdue",
                     "核查财产线索": "pending"}

    # the case page gives the timeline it read already: the same nodes, no query
    assert node_limits(case, today=D(2024, 3, 9), events=list(case_timeline_rows(case))) == node_limits(
        case, today=D(2024, 3, 9))

    first = node_limits_job(today=D(2024, 3, 9))
    second = node_limits_job(today=D(2024, 3, 9))
    assert (first["report_order_overdue_created"], first["lead_overdue_created"]) == (1, 1)
    assert (second["report_order_overdue_created"], second["lead_overdue_created"]) == (0, 0)
    titles = list(Todo.objects.filter(kind=TodoKind.NODE_OVERDUE, assignee=judge).values_list("title", flat=True))
    assert any("报告财产令" in t for t in titles) and any("财产线索应于2024-03-05前核查" in t for t in titles)


def test_a_lead_is_overdue_on_the_sixth_day_and_an_urgent_one_the_next_day(make_case, judge):
    case = make_case(filed_on=D(2024, 3, 1))
    case_record_event(case=case, actor=judge, kind="lead_received", occurred_on=D(2024, 3, 5))
    case_record_event(case=case, actor=judge, kind="lead_received", occurred_on=D(2024, 3, 7), urgent=True)
    states = {n["label"]: n["state"] for n in node_limits(case, today=D(2024, 3, 7))}
    assert states == {"送达执行通知书": "overdue", "送达报告财产令": "overdue", "核查财产线索": "pending",
                      "核查紧急财产线索": "pending"}
    states = {n["label"]: n["state"] for n in node_limits(case, today=D(2024, 3, 8))}
    assert states["核查紧急财产线索"] == "overdue"  # urgent: at once, so the day after is late
    assert states["核查财产线索"] == "pending"
    states = {n["label"]: n["state"] for n in node_limits(case, today=D(2024, 3, 11))}
    assert states["核查财产线索"] == "overdue"  # received 5 March, due 10 March


def test_a_lead_checked_in_time_is_not_on_the_list(make_case, judge):
    case = make_case(filed_on=D(2024, 3, 1))
    case_record_event(case=case, actor=judge, kind="lead_received", occurred_on=D(2024, 3, 5))
    case_record_event(case=case, actor=judge, kind="lead_checked", occurred_on=D(2024, 3, 10))  # the 5th day
    node_limits_job(today=D(2024, 3, 20))
    assert not Todo.objects.filter(dedupe_key__startswith="lead_overdue").exists()


def test_urgent_is_only_for_leads(enforcement_case, judge):
    with pytest.raises(ValidationError) as excinfo:
        case_record_event(case=enforcement_case, actor=judge, kind="note", occurred_on=D(2024, 3, 5), urgent=True)
    assert "urgent" in excinfo.value.message_dict


@pytest.mark.parametrize("today, flagged", [(D(2024, 4, 4), False), (D(2024, 4, 5), True)])
def test_money_not_paid_out_within_30_days_is_flagged(make_case, judge, today, flagged):
    case = make_case(filed_on=D(2024, 3, 1))
    case_record_event(case=case, actor=judge, kind="report_order_served", occurred_on=D(2024, 3, 2))
    case_record_fund(case=case, actor=judge, direction="in", amount=money(8000), occurred_on=D(2024, 3, 5))
    case_record_fund(case=case, actor=judge, direction="out", amount=money(3000), occurred_on=D(2024, 3, 6))

    summary = node_limits_job(today=today)

    assert summary["payout_overdue_created"] == int(flagged)
    (state,) = payout_states_for(case, today=today)
    assert state.status == ("overdue" if flagged else "pending") and state.outstanding == money(5000)
    if flagged:
        todo = Todo.objects.get(kind=TodoKind.PAYOUT_OVERDUE)
        assert todo.assignee == judge and "5,000.00" in todo.title


# --- the fast track ---------------------------------------------------------------------------------------------------


@pytest.fixture
def findings(inquiry_results, respondent):
    def configure(found: bool):
        inquiry_results({respondent.id_number: [{"kind": "deposit", "institution": "农行", "description": "活期",
                                                 "value": "30000.00"}] if found else []})
    return configure


def test_a_simple_case_whose_first_inquiry_finds_assets_goes_to_the_fast_track(make_case, judge, findings):
    findings(True)
    case = make_case(amount_claimed=money(50000), filed_on=D(2024, 3, 1))
    assert not case.fast_track  # at filing: the first inquiry is still to come

    case_request_inquiry(case=case, actor=judge, channel="online", scopes=["deposit"], requested_on=D(2024, 3, 2))

    case.refresh_from_db()
    assert (case.fast_track, case.fast_tracked_on) == (True, D(2024, 3, 2))
    assert case.events.filter(kind=EventKind.FAST_TRACK).count() == 1
    case_request_inquiry(case=case, actor=judge, channel="online", scopes=["vehicle"], requested_on=D(2024, 3, 3))
    assert case.events.filter(kind=EventKind.FAST_TRACK).count() == 1


@pytest.mark.parametrize("overrides, found", [({"amount_claimed": money("50000.01")}, True), ({}, False)])
def test_cases_outside_the_rules_stay_out(make_case, judge, findings, overrides, found):
    findings(found)
    case = make_case(filed_on=D(2024, 3, 1), **{"amount_claimed": money(30000), **overrides})
    case_request_inquiry(case=case, actor=judge, channel="online", scopes=["deposit"], requested_on=D(2024, 3, 2))
    case.refresh_from_db()
    assert not case.fast_track


def test_two_respondents_stay_out_unless_the_court_allows_them(make_case, judge, findings, court):
    findings(True)
    two = [PersonFactory(court=court), PersonFactory(court=court)]
    SyncSettings.objects.create(court=court, fast_track_max_respondents=2, fast_track_requires_assets=False)
    case = make_case(amount_claimed=money(30000), respondents=two)
    assert case.fast_track  # no inquiry needed under this court's rules: routed at filing


def test_a_judge_routes_by_hand_and_the_rules_then_leave_the_case_alone(make_case, judge, findings):
    findings(True)
    case = make_case(amount_claimed=money(30000), filed_on=D(2024, 3, 1))
    fast_track_set(case=case, actor=judge, fast_track=True, on=D(2024, 3, 2), reason="案情简单")
    with pytest.raises(ValidationError) as excinfo:
        fast_track_set(case=case, actor=judge, fast_track=False, on=D(2024, 3, 3))
    assert "reason" in excinfo.value.message_dict
    fast_track_set(case=case, actor=judge, fast_track=False, on=D(2024, 3, 3), reason="发现另案查封")
    case_request_inquiry(case=case, actor=judge, channel="online", scopes=["deposit"], requested_on=D(2024, 3, 4))
    case.refresh_from_db()
    assert not case.fast_track


def test_the_fast_track_has_its_own_average_days(make_case, judge, findings):
    findings(True)
    for filed, closed in [(D(2024, 3, 1), D(2024, 3, 11)), (D(2024, 3, 1), D(2024, 3, 16))]:
        case = make_case(amount_claimed=money(30000), filed_on=filed)
        case_request_inquiry(case=case, actor=judge, channel="online", scopes=["deposit"], requested_on=filed)
        case_close(case=case, actor=judge, method="completed", closed_on=closed)
    make_case(amount_claimed=money(90000), filed_on=D(2024, 3, 1))  # never fast-tracked

    figure = average_days(fast_track_cases(judge))

    assert figure == {"total_days": 25, "closed_cases": 2, "average_days": money("12.5")}
    assert fast_track_cases(judge).count() == 2


def test_has_prior_urging_reads_this_case_and_this_party_up_to_the_day(enforcement_case, judge, respondent, court):
    from cases.selectors import has_prior_urging
    from cases.services.case_work import urging_record

    other = PersonFactory(court=court)
    assert not has_prior_urging(enforcement_case, respondent, D(2024, 3, 10))
    urging_record(actor=judge, party=respondent, channel="phone", occurred_on=D(2024, 3, 5),
                  enforcement_case=enforcement_case)
    assert has_prior_urging(enforcement_case, respondent, D(2024, 3, 5))
    assert not has_prior_urging(enforcement_case, respondent, D(2024, 3, 4))
    assert not has_prior_urging(enforcement_case, other, D(2024, 3, 10))


def test_a_failed_round_is_re_auctioned_within_30_days_with_a_reminder(valued_house, judge, enforcement_case):
    from cases import rules
    from cases.models import Todo
    from cases.services.followups import node_limits as node_limits_job

    # given a first round that failed on 3 May
    first = auction_round_create(asset=valued_house, actor=judge, announced_on=D(2024, 4, 2),
                                 auction_on=D(2024, 5, 2), starting_price=money("700000"))
    auction_round_result(auction=first, actor=judge, result="unsold", result_on=D(2024, 5, 3))
    assert rules.reauction_due_on(round_no=1, failed_on=D(2024, 5, 3)) == D(2024, 6, 2)
    assert rules.reauction_due_on(round_no=2, failed_on=D(2024, 5, 3)) is None  # after a second failure: 变卖
    # when the node job runs (twice: idempotent)
    node_limits_job(today=D(2024, 5, 4))
    node_limits_job(today=D(2024, 5, 4))
    # then the judge has one to-do, due on the 30th day
    todo = Todo.objects.get(kind="reauction_due")
    assert (todo.assignee, todo.due_on) == (judge, D(2024, 6, 2)) and "2024-06-02前再次拍卖" in todo.title
    # and the round says so through the API shape
    from cases.api.serializers import AuctionRoundSerializer

    first.refresh_from_db()
    assert AuctionRoundSerializer(first).data["reauction_due_on"] == "2024-06-02"
    # a re-auction announced removes the asset from the list of those waiting
    auction_round_create(asset=Asset.objects.get(pk=valued_house.pk), actor=judge, announced_on=D(2024, 5, 10),
                         auction_on=D(2024, 5, 25), starting_price=money("560000"))
    Todo.objects.all().delete()
    assert node_limits_job(today=D(2024, 5, 11))["reauction_due_created"] == 0
