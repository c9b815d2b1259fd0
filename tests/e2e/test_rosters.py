"""The three axes in Chromium: a travel file puts 徐某 on the detention / criminal roster; the judge confirms the
entry and proposes a criminal referral; the leader approves it in the queue; the referral tracker follows it."""
import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from cases.services.case_work import case_record_event, urging_record
from cases.services.common import court_today
from cases.services.enforcement import enforcement_case_file
from sanctions.models import RosterEntry, Sanction
from sanctions.rosters import rosters_job
from sanctions.services import sanction_approve, sanction_propose
from tests.factories import PersonFactory

from .browser import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def xu_story(court, judge, leader, applicant):
    """徐某 owes 30万; a consumption restriction is in force; two more debtors fill the other rosters."""
    today = court_today()

    def day(n):
        return today - dt.timedelta(days=n)

    def file(name, amount, **party):
        debtor = PersonFactory(court=court, name=name, address="江西省万年县陈营镇", **party)
        case = enforcement_case_file(court=court, actor=judge, applicants=[applicant], respondents=[debtor],
                                     amount_claimed=Decimal(amount), filed_on=day(120), judge=judge,
                                     source_document="（2023）赣1129民初512号民事判决书（民间借贷纠纷）")
        case_record_event(case=case, actor=judge, kind="notice_served", occurred_on=day(118))
        case_record_event(case=case, actor=judge, kind="report_order_served", occurred_on=day(118))
        return case, debtor

    xu_case, xu = file("徐某", "300000.00")
    urging_record(actor=judge, party=xu, channel="phone", occurred_on=day(110), enforcement_case=xu_case,
                  outcome="称无力偿还")
    restriction = sanction_propose(case=xu_case, party=xu, actor=judge, kind="consumption_restriction",
                                   decided_on=day(100))
    sanction_approve(sanction=restriction, actor=leader, on=day(99))
    case_record_event(case=xu_case, actor=judge, kind="property_reported", occurred_on=day(112), party=xu)
    missing_case, missing = file("程某某", "86000.00", phone="")
    case_record_event(case=missing_case, actor=judge, kind="debtor_not_found", occurred_on=day(60), party=missing)
    file("吴某", "43210.50")  # never reported: the summons roster
    return {"case": xu_case, "party": xu, "today": today, "day": day}


def test_roster_to_referral_to_approval(live_server, page, screenshot, judge, leader, xu_story, tmp_path):
    base, day = live_server.url, xu_story["day"]
    xu = xu_story["party"]

    # given the judge imports the travel data from the rail and airline offices
    log_in(page, base, judge.username)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="三板斧").click()
    expect(page.get_by_role("heading", name="公安查找名册")).to_be_visible()
    page.get_by_role("link", name="出行记录导入").click()
    bad = tmp_path / "出行记录-有误.csv"
    bad.write_text("id_number,name,mode,travelled_on,route,seat_class\n"
                   f"{xu.id_number},徐某,flight,{day(30)},CZ3456 南昌—曼谷,经济舱\n"
                   f"{xu.id_number[:17]}0,徐某,bus,{day(20)},G1502,二等座\n", encoding="utf-8")
    page.get_by_label("出行记录文件").set_input_files(str(bad))
    page.get_by_role("button", name="导入并比对").click()
    expect(page.locator("#rejected")).to_contain_text("1行有误，整个文件未导入")
    expect(page.locator("#rejected")).to_contain_text("第3行")
    screenshot("sanctions-01-import-row-errors")
    good = tmp_path / "出行记录.csv"
    good.write_text("id_number,name,mode,travelled_on,route,seat_class\n"
                    f"{xu.id_number},徐某,flight,{day(30)},CZ3456 南昌—曼谷,经济舱\n"
                    f"{xu.id_number},徐某,rail,{day(20)},G1502 南昌西—北京西,二等座\n"
                    f"{xu.id_number},徐某,rail,{day(12)},D6501 南昌—九江,二等座\n"
                    f"{xu.id_number},徐某,exit,{day(10)},拱北口岸 出境,\n", encoding="utf-8")
    page.get_by_label("出行记录文件").set_input_files(str(good))
    page.get_by_role("button", name="导入并比对").click()
    expect(page.locator(".alert-success")).to_contain_text("已导入4条出行记录，发现违规出行2次")
    screenshot("sanctions-02-import-done")
    page.get_by_role("link", name="查看违规出行 ›").click()
    page.get_by_role("link", name=str(day(20))).click()
    expect(page.locator(".evidence").first).to_contain_text("G1502 南昌西—北京西")
    expect(page.locator(".evidence").nth(1)).to_contain_text("限制消费")
    screenshot("sanctions-03-violation-evidence")

    # when the nightly job has run, 徐某 is on the detention / criminal roster with the reasons
    rosters_job()
    page.get_by_role("link", name="拘留或刑事责任名册").click()
    row = page.locator("tr", has_text="徐某")
    expect(row).to_contain_text("违反限制消费令乘坐G字头动车组列车")
    expect(row).to_contain_text("违反限制消费令乘坐飞机")
    expect(row).to_contain_text("待确认")
    screenshot("sanctions-04-detention-roster")
    page.get_by_role("link", name="公安查找名册").click()
    expect(page.locator("tr", has_text="程某某")).to_contain_text("登记下落不明")
    screenshot("sanctions-05-police-search-roster")
    page.get_by_role("link", name="拘传名册").click()
    expect(page.locator("tr", has_text="吴某")).to_contain_text("逾期未申报财产")
    screenshot("sanctions-06-summons-roster")

    # the judge confirms 徐某's entry and proposes a criminal referral
    page.get_by_role("link", name="拘留或刑事责任名册").click()
    row = page.locator("tr", has_text="徐某")
    row.get_by_role("button", name="确认").click()
    expect(page.locator(".alert-success")).to_contain_text("已确认列入名册")
    expect(page.locator("tr", has_text="徐某")).to_contain_text("已确认")
    page.locator("tr", has_text="徐某").get_by_role("link", name="提请拘留/移送").click()
    expect(page.get_by_role("heading", name="提请强制措施")).to_be_visible()
    expect(page.locator(".urging-state")).to_contain_text("本案已有督促履行记录")
    page.get_by_label("措施").select_option("criminal_referral")
    expect(page.get_by_label("罚款金额（元）")).to_be_hidden()
    page.get_by_label("事实与理由").fill("被执行人在限制消费期间乘坐飞机、G字头动车组列车并出境，有能力履行而拒不履行")
    screenshot("sanctions-07-proposal")
    page.get_by_role("button", name="提请审批").click()
    expect(page.locator(".alert-success")).to_contain_text("已提请移送公安（拒执罪），待院长审批。")
    expect(page.locator("main")).to_contain_text("待院长审批，尚未生效")
    screenshot("sanctions-08-proposed")
    referral = Sanction.objects.get(kind="criminal_referral")
    assert referral.status == "proposed"
    assert RosterEntry.objects.get(party=xu, kind="detention_criminal").status == "confirmed"

    # the leader approves it in the queue
    page.get_by_role("button", name="退出").click()
    log_in(page, base, leader.username)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="三板斧").click()
    page.get_by_role("link", name="审批").click()
    proposal = page.locator(f"#proposal-{referral.pk}")
    expect(proposal).to_contain_text("移送公安（拒执罪）")
    expect(proposal).to_contain_text("徐某")
    screenshot("sanctions-09-approval-queue")
    page.once("dialog", lambda dialog: dialog.accept())  # approving asks first: the measure takes effect at once
    proposal.get_by_role("button", name="批准").click()
    expect(page.locator(".alert-success")).to_contain_text("已批准，措施生效。")
    expect(page.locator(".empty")).to_contain_text("没有待审批的强制措施。")
    referral.refresh_from_db()
    assert referral.status == "approved"

    # then the referral tracker follows it, with its evidence list
    page.get_by_role("link", name="拒执追诉").click()
    expect(page.locator("main")).to_contain_text("待移送")
    screenshot("sanctions-10-referral-list")
    page.get_by_role("link", name=xu_story["case"].number).click()
    expect(page.locator("main")).to_contain_text("出行记录（乘坐飞机）")
    expect(page.locator("main")).to_contain_text("待移送")
    screenshot("sanctions-11-referral-tracker")

    # and the police search roster, once confirmed, prints as a handover list for the police
    page.get_by_role("button", name="退出").click()
    log_in(page, base, judge.username)
    page.goto(f"{base}/sanctions/rosters/police_search/")
    page.locator("tr", has_text="程某某").get_by_role("button", name="确认").click()
    expect(page.locator("tr", has_text="程某某")).to_contain_text("已确认")
    page.goto(f"{base}/sanctions/rosters/police_search/handover/")
    expect(page.get_by_role("heading", name="协助查找被执行人移交清单")).to_be_visible()
    expect(page.locator("table")).to_contain_text("程某某")
    screenshot("sanctions-12-police-handover")
