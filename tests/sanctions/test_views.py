"""The 三板斧 pages: rosters with their actions, exports and handover list; the proposal and approval flow; the
travel import page with its row errors; violations; the referral tracker; tenancy and permissions."""
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sanctions.models import RosterEntry, Sanction
from sanctions.rosters import rosters_job

from .conftest import travel_csv

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def web(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def on_roster(enforcement_case, respondent, event):
    event(enforcement_case, "debtor_not_found", D(2024, 3, 5), party=respondent)
    event(enforcement_case, "report_order_served", D(2024, 3, 2))
    rosters_job(today=D(2024, 3, 9))
    return RosterEntry.objects.get(kind="summons")


def test_the_three_roster_pages_list_their_entries_with_reasons(web, judge, on_roster, enforcement_case):
    client = web(judge)
    page = client.get(reverse("sanctions:roster", args=["summons"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "拘传名册" in text and enforcement_case.number in text and "逾期未申报财产" in text and "提请拘传" in text
    assert "登记下落不明" in client.get(reverse("sanctions:roster", args=["police_search"])).content.decode()
    assert client.get(reverse("sanctions:roster", args=["detention_criminal"])).status_code == 200
    assert client.get(reverse("sanctions:roster", args=["nonsense"])).status_code == 404
    assert client.get(reverse("sanctions:rosters")).status_code == 302


def test_confirm_and_dismiss_from_the_roster_page(web, judge, on_roster):
    client = web(judge)
    url = reverse("sanctions:roster-action", args=[on_roster.pk, "confirm"])
    assert client.post(url).status_code == 302
    assert RosterEntry.objects.get(pk=on_roster.pk).status == "confirmed"
    client.post(reverse("sanctions:roster-action", args=[on_roster.pk, "dismiss"]), {"reason": ""})
    assert RosterEntry.objects.get(pk=on_roster.pk).status == "confirmed"  # a reason is required
    client.post(reverse("sanctions:roster-action", args=[on_roster.pk, "dismiss"]), {"reason": "已主动申报"})
    assert RosterEntry.objects.get(pk=on_roster.pk).status == "dismissed"


def test_roster_actions_need_the_permission_and_the_court(web, clerk, other_judge, on_roster):
    url = reverse("sanctions:roster-action", args=[on_roster.pk, "confirm"])
    assert web(clerk).post(url).status_code == 403
    assert web(other_judge).post(url).status_code == 404
    assert "逾期未申报财产" not in web(other_judge).get(
        reverse("sanctions:roster", args=["summons"])).content.decode()


def test_exports_and_the_police_handover_list(web, judge, on_roster, respondent):
    client = web(judge)
    response = client.get(reverse("sanctions:roster-export", args=["summons"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[3][2] == respondent.name
    police = RosterEntry.objects.get(kind="police_search")
    handover = client.get(reverse("sanctions:police-handover")).content.decode()
    assert respondent.id_number not in handover  # only confirmed entries are handed over
    client.post(reverse("sanctions:roster-action", args=[police.pk, "confirm"]))
    handover = client.get(reverse("sanctions:police-handover")).content.decode()
    assert "协助查找被执行人移交清单" in handover and respondent.id_number in handover and "接收人" in handover


def test_a_judge_proposes_from_the_roster_and_a_leader_approves_in_the_queue(web, judge, leader, on_roster,
                                                                             enforcement_case, respondent, urge):
    urge(enforcement_case, respondent, on=D(2024, 3, 4))
    client = web(judge)
    form = client.get(reverse("sanctions:new"), {"case": enforcement_case.pk, "party": respondent.pk,
                                                 "kind": "summons"})
    assert form.status_code == 200 and "本案已有督促履行记录" in form.content.decode()
    response = client.post(reverse("sanctions:new"), {
        "case": enforcement_case.pk, "case_number": enforcement_case.number, "party": respondent.pk,
        "kind": "summons", "decided_on": "2024-03-10", "lawful_summons_on": "2024-03-08",
        "summons_refused_on": "2024-03-09", "refusal_note": "无正当理由拒不到场", "note": "拒不申报财产",
        "bound_0_role": "legal_representative"})
    sanction = Sanction.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("sanctions:detail", args=[sanction.pk])
    assert sanction.status == "proposed"
    # the judge cannot see the queue; the leader approves there
    assert client.get(reverse("sanctions:approvals")).status_code == 403
    leader_client = web(leader)
    queue = leader_client.get(reverse("sanctions:approvals")).content.decode()
    assert "拘传" in queue and enforcement_case.number in queue
    leader_client.post(reverse("sanctions:action", args=[sanction.pk, "approve"]),
                       {"approve-approved_on": "2024-03-11"})
    assert Sanction.objects.get().status == "approved"


def test_a_refused_proposal_shows_the_reasons_in_chinese(web, judge, enforcement_case, respondent):
    response = web(judge).post(reverse("sanctions:new"), {
        "case": enforcement_case.pk, "case_number": enforcement_case.number, "party": respondent.pk,
        "kind": "detention", "decided_on": "2024-03-10", "start_on": "2024-03-10", "end_on": "2024-03-25"})
    text = response.content.decode()
    assert response.status_code == 200 and "司法拘留期限不得超过15日（现为16日）" in text
    assert not Sanction.objects.exists()


def test_the_measure_page_and_its_tenancy(web, judge, other_judge, enforcement_case, respondent, propose):
    sanction = propose(enforcement_case, respondent, "consumption_restriction")
    page = web(judge).get(reverse("sanctions:detail", args=[sanction.pk])).content.decode()
    assert "待院长审批，尚未生效" in page
    assert web(other_judge).get(reverse("sanctions:detail", args=[sanction.pk])).status_code == 404
    assert web(other_judge).post(reverse("sanctions:action", args=[sanction.pk, "end"])).status_code == 404


def test_the_measure_page_offers_its_actions_as_the_shared_action_cards(web, leader, enforcement_case, respondent,
                                                                        propose):
    # given a proposal awaiting the leader's approval
    sanction = propose(enforcement_case, respondent, "consumption_restriction")

    # when the leader opens the measure's page
    page = web(leader).get(reverse("sanctions:detail", args=[sanction.pk])).content.decode()

    # then its actions are partials/action_card.html cards: the first open, each an ordinary POST to its action
    approve_url = reverse("sanctions:action", args=[sanction.pk, "approve"])
    reject_url = reverse("sanctions:action", args=[sanction.pk, "reject"])
    assert re.search(r'<details class="card action-card" id="action-approve"\s*open[ >]', page)
    assert re.search(r'<details class="card action-card" id="action-reject"\s*>', page)
    # approving asks first (the measure takes effect at once); rejecting does not
    assert re.search(rf'<form method="post" action="{approve_url}" data-confirm="批准后[^"]+确定批准？" novalidate>', page)
    assert f'<form method="post" action="{reject_url}" novalidate>' in page
    assert "<summary>批准（措施自即日生效）</summary>" in page and "<summary>不予批准</summary>" in page
    assert '<button type="submit" class="btn btn-primary">批准</button>' in page
    assert "hx-post" not in page and 'id="card-' not in page


def test_the_referral_page_offers_its_actions_as_the_shared_action_cards(web, judge, clerk, xu, urge, approve):
    # given a referral approved and not yet sent to the police
    urge(xu.case, xu.party, on=D(2024, 3, 12))
    referral = approve(xu.case, xu.party, "criminal_referral", decided_on=D(2024, 3, 12),
                       on=D(2024, 3, 13)).prosecution

    # when the judge, then a clerk without the permission, open its page
    page = web(judge).get(reverse("sanctions:prosecution", args=[referral.pk])).content.decode()
    clerks = web(clerk).get(reverse("sanctions:prosecution", args=[referral.pk])).content.decode()

    # then the judge has the evidence card (open) and the sending card, posted plainly; the clerk has none
    send_url = reverse("sanctions:prosecution-action", args=[referral.pk, "send"])
    assert re.search(r'<details class="card action-card" id="action-evidence"\s*open[ >]', page)
    assert re.search(r'<details class="card action-card" id="action-send"\s*>', page)
    assert f'<form method="post" action="{send_url}" novalidate>' in page
    assert "<summary>移送公安（公安7日内决定，复杂的30日）</summary>" in page
    assert '<button type="submit" class="btn btn-primary">登记移送</button>' in page
    assert "action-card" not in clerks


def test_the_import_page_lists_row_errors_and_imports_nothing(web, judge, xu):
    client = web(judge)
    assert client.get(reverse("sanctions:travel-import")).status_code == 200
    bad = travel_csv([[xu.id, "徐某", "flight", "2024-04-01", "", ""], ["123", "徐某", "flight", "2024-04-01", "", ""]])
    text = client.post(reverse("sanctions:travel-import"), {"file": bad}).content.decode()
    assert "1行有误，整个文件未导入" in text and "第3行" in text and "身份证号码应为18位" in text
    good = travel_csv([[xu.id, "徐某", "flight", "2024-04-01", "CZ3456 南昌—曼谷", "经济舱"]])
    text = client.post(reverse("sanctions:travel-import"), {"file": good}).content.decode()
    assert "已导入1条出行记录，发现违规出行1次" in text


def test_the_violation_page_shows_the_record_and_the_order_breached(web, judge, other_judge, xu, court):
    from sanctions.travel import travel_import

    travel_import(court=court, actor=judge, upload=travel_csv([[xu.id, "徐某", "rail", "2024-04-01",
                                                                "G1502 南昌西—北京西", "二等座"]]))
    violation = xu.restriction.violations.get()
    text = web(judge).get(reverse("sanctions:violation", args=[violation.pk])).content.decode()
    assert "证据一：出行记录" in text and "G1502 南昌西—北京西" in text and "证据二：违反的措施" in text
    assert "2024-03-11" in text and "乘坐G字头动车组列车" in text
    assert "G1502" in web(judge).get(reverse("sanctions:violations")).content.decode()
    assert web(other_judge).get(reverse("sanctions:violation", args=[violation.pk])).status_code == 404


def test_the_referral_tracker_letter_and_overdue_flag(web, judge, other_judge, xu, urge, approve):
    urge(xu.case, xu.party, on=D(2024, 3, 12))
    referral = approve(xu.case, xu.party, "criminal_referral", decided_on=D(2024, 3, 12), on=D(2024, 3, 13)).prosecution
    client = web(judge)
    client.post(reverse("sanctions:prosecution-action", args=[referral.pk, "send"]),
                {"send-police_agency": "万年县公安局", "send-sent_on": "2024-03-14"})
    text = client.get(reverse("sanctions:prosecutions")).content.decode()
    assert xu.case.number in text and "超期" in text
    detail = client.get(reverse("sanctions:prosecution", args=[referral.pk])).content.decode()
    assert "公安决定已超期" in detail and "应于2024-03-21前决定" in detail
    letter = client.get(reverse("sanctions:referral-letter", args=[referral.pk])).content.decode()
    assert "涉嫌拒不执行判决、裁定罪移送函" in letter and "七日内" in letter and "证据清单" in letter
    assert web(other_judge).get(reverse("sanctions:prosecution", args=[referral.pk])).status_code == 404


def test_the_measures_list_and_the_nav_link(web, judge, enforcement_case, respondent, propose):
    propose(enforcement_case, respondent, "exit_restriction")
    client = web(judge)
    text = client.get(reverse("sanctions:list")).content.decode()
    assert "限制出境" in text and enforcement_case.number in text
    assert reverse("sanctions:rosters") in client.get(reverse("home")).content.decode()


def test_pages_need_a_login(client):
    for name, args in [("sanctions:roster", ["summons"]), ("sanctions:list", []), ("sanctions:travel-import", []),
                       ("sanctions:violations", []), ("sanctions:prosecutions", [])]:
        assert client.get(reverse(name, args=args)).status_code == 302


@pytest.mark.parametrize("value", ["²", "99999999999999999999999", "-3"])
def test_the_proposal_form_takes_malformed_ids_as_no_id(web, judge, enforcement_case, value):
    # "²" passed str.isdigit() and failed int() (a 500); a 23-digit id overflowed SQLite's integer
    response = web(judge).get(reverse("sanctions:new"), {"case": value, "party": value})
    assert response.status_code == 200 and response.context["case"] is None
    found = web(judge).get(reverse("sanctions:new"), {"case": enforcement_case.number, "party": value})
    assert found.context["case"] == enforcement_case



@pytest.mark.parametrize("english", [False, True])
def test_the_action_success_message_speaks_the_users_language(web, leader, enforcement_case, respondent, propose,
                                                               urge, english, settings):
    # the CARDS messages are gettext_lazy: translated when shown, not once at import in the server's language
    from django.utils import translation

    urge(enforcement_case, respondent, on=D(2024, 3, 4))
    sanction = propose(enforcement_case, respondent, "summons")
    client = web(leader)
    if english:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        response = client.post(reverse("sanctions:action", args=[sanction.pk, "approve"]),
                               {"approve-approved_on": "2024-03-11"}, follow=True)
    finally:
        translation.activate(settings.LANGUAGE_CODE)
    html = response.content.decode()
    assert Sanction.objects.get().status == "approved"
    if english:
        assert "Approved; the measure is in force." in html and "已批准，措施生效。" not in html
    else:
        assert "已批准，措施生效。" in html
