"""The four synchronizations in the browser UI: forms → services, tenancy 404, permissions 403, query counts."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Asset, Contact, LitigationCase, Preservation, Todo
from cases.services.case_work import case_request_inquiry
from cases.services.common import court_today
from cases.services.litigation import litigation_case_file
from cases.services.mediation import mediation_reminders
from cases.services.todos import todo_create_once
from tests.cases.test_sync_support import (D, granted_preservation, lit_case, mediate, money, pay,  # noqa: F401
                                           valued_house)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def foreign_lit(other_court, other_judge):
    return litigation_case_file(court=other_court, actor=other_judge, cause="借款合同纠纷", filed_on=D(2024, 2, 1),
                                plaintiffs=[PersonFactory(court=other_court)],
                                defendants=[PersonFactory(court=other_court)])


# --- filing with the preservation prompt -------------------------------------------------------------------------


def filing(applicant, respondent, trial_judge, **extra):
    return {"case_type": "民初", "cause": "买卖合同纠纷（稻谷款）", "filed_on": court_today().isoformat(),
            "claim_amount": "126000", "is_property_dispute": "on", "trial_judge": trial_judge.pk,
            "plaintiffs": [applicant.pk], "defendants": [respondent.pk], **extra}


def test_the_filing_form_prompts_for_preservation(as_user, clerk):
    html = as_user(clerk).get("/litigation/new/").content.decode()
    assert "财产保全引导（立案与保全同步）" in html and "权利人是否申请财产保全" in html


def test_filing_with_an_application_records_it(as_user, clerk, applicant, respondent, trial_judge):
    today = court_today().isoformat()
    response = as_user(clerk).post("/litigation/new/", filing(
        applicant, respondent, trial_judge, preservation_guided="on", preservation_response="applied",
        prs_kind="litigation", prs_applied_on=today, prs_applied_time="10:30", prs_amount="126000"))
    case = LitigationCase.objects.get()
    assert response.status_code == 302
    assert case.preservation_response == "applied" and case.preservations.get().amount == money(126000)


def test_filing_applied_without_an_amount_is_refused_on_the_field(as_user, clerk, applicant, respondent,
                                                                  trial_judge):
    response = as_user(clerk).post("/litigation/new/", filing(applicant, respondent, trial_judge,
                                                              preservation_response="applied"))
    assert "请填写申请保全金额。" in response.content.decode()
    assert not LitigationCase.objects.exists()


def test_the_detail_page_prompts_until_the_answer_is_recorded(as_user, clerk, lit_case):
    client = as_user(clerk)
    assert 'data-testid="preservation-prompt"' in client.get(f"/litigation/{lit_case.pk}/").content.decode()
    response = client.post(f"/litigation/{lit_case.pk}/preservation-answer/", {"guided": "on",
                                                                                "response": "declined"})
    assert response.status_code == 302
    html = client.get(f"/litigation/{lit_case.pk}/").content.decode()
    assert 'data-testid="preservation-prompt"' not in html and "不申请保全" in html


def test_the_litigation_list_shows_the_preservation_rate(as_user, clerk, court, applicant, respondent):
    for applied in (True, False):
        case = litigation_case_file(court=court, actor=clerk, cause="买卖", filed_on=court_today(),
                                    plaintiffs=[applicant], defendants=[respondent], preservation_guided=True)
        if applied:
            from cases.services.litigation import preservation_add

            preservation_add(case=case, actor=clerk, kind="litigation", applied_on=court_today(), amount=money(1))
    html = as_user(clerk).get("/litigation/").content.decode()
    assert "涉财产争议案件 2 件，已引导 2 件，申请保全 1 件" in html and "50.0%" in html


# --- plan, defaulted instalments, urging with a deadline ------------------------------------------------------------


def test_the_plan_shows_each_instalment_and_offers_enforcement_when_defaulted(as_user, clerk, lit_case, mediate,
                                                                             pay):
    mediate(lit_case, (D(2024, 5, 1), "60000"), (D(2024, 6, 1), "66000"))
    pay(lit_case, D(2024, 4, 24), "60000")
    html = as_user(clerk).get(f"/litigation/{lit_case.pk}/").content.decode()  # a clerk files enforcement cases
    assert "按期履行" in html and "逾期未履行" in html and 'data-testid="default-alert"' in html
    assert f'href="/cases/new/?source_case={lit_case.pk}"' in html


def test_apply_for_enforcement_is_prefilled_and_mentions_the_carry_over(as_user, judge, lit_case, mediate,
                                                                        granted_preservation):
    mediate(lit_case, (D(2024, 5, 1), "126000"))
    html = as_user(judge).get(f"/cases/new/?source_case={lit_case.pk}").content.decode()
    assert 'data-testid="carry-over-hint"' in html and 'value="126000.00"' in html


def test_an_urging_with_a_deadline_from_the_page(as_user, trial_judge, lit_case, respondent):
    client = as_user(trial_judge)
    refused = client.post(f"/litigation/{lit_case.pk}/urgings/", {"party": respondent.pk,
                                                                   "channel": "deadline_notice",
                                                                   "occurred_on": "2024-04-20"})
    assert "限期履行通知须载明履行期限。" in refused.content.decode()
    ok = client.post(f"/litigation/{lit_case.pk}/urgings/", {"party": respondent.pk, "channel": "deadline_notice",
                                                              "occurred_on": "2024-04-20", "deadline_on": "2024-04-30"})
    assert ok.status_code == 302
    assert "限期 2024-04-30" in client.get(f"/litigation/{lit_case.pk}/").content.decode()


# --- the to-do page ------------------------------------------------------------------------------------------------


def test_the_to_do_page_lists_and_ticks_off(as_user, trial_judge, lit_case, mediate):
    mediate(lit_case, (D(2024, 5, 1), "126000"))
    mediation_reminders(today=D(2024, 4, 24))
    todo = Todo.objects.get()
    client = as_user(trial_judge)

    html = client.get("/todos/").content.decode()
    assert "执前督促（履行期临近）" in html and lit_case.number in html and "办结" in html

    row = client.post(f"/todos/{todo.pk}/done/", **HTMX)
    assert row.status_code == 200 and "已办结" in row.content.decode()
    todo.refresh_from_db()
    assert todo.done_by == trial_judge
    assert "暂无待办事项。" in client.get("/todos/").content.decode()
    assert lit_case.number in client.get("/todos/?done=1").content.decode()


def test_someone_elses_to_do_cannot_be_ticked_off(as_user, judge, trial_judge, lit_case):
    todo, _ = todo_create_once(court=lit_case.court, dedupe_key="t", assignee=trial_judge, kind="other", title="x",
                               litigation_case=lit_case)
    assert as_user(judge).post(f"/todos/{todo.pk}/done/").status_code == 404
    todo.refresh_from_db()
    assert todo.done_at is None


def test_the_to_do_page_filters_by_kind_and_costs_a_fixed_number_of_queries(as_user, judge, enforcement_case):
    client = as_user(judge)

    def add(n, start):
        for i in range(start, start + n):
            todo_create_once(court=enforcement_case.court, dedupe_key=f"k{i}", assignee=judge,
                             kind="node_overdue" if i % 2 else "payout_overdue", title=f"事项{i}",
                             enforcement_case=enforcement_case, due_on=D(2024, 3, 1))

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        return len(captured), html

    add(2, 0)
    few = {url: queries(url)[0] for url in ("/todos/", "/todos/?kind=node_overdue")}
    add(10, 2)
    assert queries("/todos/")[0] == few["/todos/"]  # the page grouped by kind
    count, html = queries("/todos/?kind=node_overdue")
    assert count == few["/todos/?kind=node_overdue"]
    assert "事项1" in html and "事项2<" not in html


# --- fast track, preservations, assets ---------------------------------------------------------------------------------


def test_the_fast_track_page_with_its_average(as_user, judge, make_case, inquiry_results, respondent):
    from cases.services.enforcement import case_close

    inquiry_results({respondent.id_number: [{"kind": "deposit", "description": "活期", "value": "1000.00"}]})
    case = make_case(amount_claimed=money(30000), filed_on=D(2024, 3, 1))
    case_request_inquiry(case=case, actor=judge, channel="online", scopes=["deposit"], requested_on=D(2024, 3, 2))
    case_close(case=case, actor=judge, method="completed", closed_on=D(2024, 3, 13))
    html = as_user(judge).get("/fast-track/").content.decode()
    assert case.number in html and "快速通道平均用时" in html and "12.0" in html and "12天 / 1件已结" in html


def test_preservation_pages_and_actions(as_user, clerk, judge, applicant, respondent):
    client = as_user(clerk)
    created = client.post("/preservations/new/", {"applicant": [applicant.pk], "respondent": [respondent.pk],
                                                  "applied_on": court_today().isoformat(), "applied_time": "09:00",
                                                  "amount": "126000", "security_amount": "126000"})
    item = Preservation.objects.get()
    assert created.status_code == 302 and created.url == f"/preservations/{item.pk}/"
    assert "登记保全裁定" in client.get(created.url).content.decode()
    ruled = client.post(f"/preservations/{item.pk}/ruling/", {"ruled_on": court_today().isoformat(),
                                                              "ruled_time": "10:00"})
    assert ruled.status_code == 302
    asset = client.post(f"/preservations/{item.pk}/assets/", {
        "party": respondent.pk, "kind": "deposit", "description": "活期账户", "controlled_on": court_today().isoformat()})
    assert asset.status_code == 302
    html = client.get(f"/preservations/{item.pk}/").content.decode()
    assert "活期账户" in html and "已裁定保全" in html
    assert "（尚未起诉）" in client.get("/preservations/?pending_suit=1").content.decode()
    # an enforcement judge may look, not act
    assert as_user(judge).post(f"/preservations/{item.pk}/release/", {"released_on": "2024-01-01",
                                                                      "reason": "x"}).status_code == 403


def test_another_courts_preservation_litigation_and_asset_are_404(as_user, power_user, other_court, other_judge,
                                                                  foreign_lit):
    from cases.services.litigation import preservation_add

    foreign = preservation_add(case=foreign_lit, actor=other_judge, kind="litigation", applied_on=D(2024, 2, 2),
                               amount=money(1), ruled_on=D(2024, 2, 2))
    client = as_user(power_user)
    assert client.get(f"/preservations/{foreign.pk}/").status_code == 404
    assert client.post(f"/preservations/{foreign.pk}/release/", {"released_on": "2024-03-01",
                                                                 "reason": "x"}).status_code == 404
    assert client.post(f"/litigation/{foreign_lit.pk}/preservation-answer/", {"response": "declined"}
                       ).status_code == 404
    assert foreign.pk not in [p.pk for p in client.get("/preservations/").context["page"].object_list]


def test_the_asset_page_auction_and_refusals(as_user, judge, clerk, valued_house):
    client = as_user(judge)
    html = client.get(f"/assets/{valued_house.pk}/").content.decode()
    assert "网络司法拍卖公告" in html and "2027-03-06" in html and 'value="700000.00"' in html
    refused = client.post(f"/assets/{valued_house.pk}/auction/", {"announced_on": "2024-04-02",
                                                                  "auction_on": "2024-04-20",
                                                                  "starting_price": "600000"})
    body = refused.content.decode()
    assert "应当在拍卖30日前公告" in body and "起拍价不得低于评估价的70%" in body
    ok = client.post(f"/assets/{valued_house.pk}/auction/", {"announced_on": "2024-04-02", "auction_on": "2024-05-02",
                                                             "starting_price": "700000"})
    assert ok.status_code == 302
    sold = client.post(f"/assets/{valued_house.pk}/auction-result/", {"result": "sold", "result_on": "2024-05-03",
                                                                      "sale_price": "750000"})
    assert sold.status_code == 302 and Asset.objects.get(pk=valued_house.pk).status == "sold"
    assert "成交款到账" in client.get(f"/assets/{valued_house.pk}/").content.decode()
    assert as_user(clerk).post(f"/assets/{valued_house.pk}/proceeds/", {"received_on": "2024-05-10"}
                               ).status_code == 403


def test_another_courts_asset_page_is_404(as_user, power_user, other_case):
    foreign = Asset.objects.create(court=other_case.court, case=other_case, party=other_case.respondents.get(),
                                   kind="deposit", description="外院账户", found_on=D(2024, 3, 2))
    client = as_user(power_user)
    assert client.get(f"/assets/{foreign.pk}/").status_code == 404
    assert client.post(f"/assets/{foreign.pk}/control/", {"controlled_on": "2024-03-03"}).status_code == 404


def test_enforcement_page_cards_contact_import_investigation_and_nodes(as_user, judge, enforcement_case,
                                                                       respondent):
    client = as_user(judge)
    html = client.get(f"/cases/{enforcement_case.pk}/").content.decode()
    for text in ("节点期限", "送达报告财产令", "线上联系当事人", "导入查控结果文件", "线下实地调查", "快速通道（人工）"):
        assert text in html
    # the import card's form comes when the card is opened: a file upload
    import_card = client.get(f"/cases/{enforcement_case.pk}/inquiry-imports/").content.decode()
    assert 'enctype="multipart/form-data"' in import_card

    contact = client.post(f"/cases/{enforcement_case.pk}/contacts/", {
        "party": respondent.pk, "channel": "mobile_court", "direction": "outgoing",
        "occurred_on": "2024-03-04", "summary": "推送执行通知书"})
    assert contact.status_code == 302 and Contact.objects.count() == 1

    header = "证件号码,姓名,财产类型,协助机构,财产描述,价值\n"
    bad = SimpleUploadedFile("r.csv", (header + ",无名氏,银行存款,农行,活期,1\n").encode())
    refused = client.post(f"/cases/{enforcement_case.pk}/inquiry-imports/", {
        "file": bad, "scopes": ["deposit"], "requested_on": "2024-03-05"})
    body = refused.content.decode()
    assert "查控结果文件有1行不符合要求" in body and "第2行" in body and not Asset.objects.exists()
    good = SimpleUploadedFile("r.csv", (header + f"{respondent.id_number},姚某,银行存款,农行,活期,1\n").encode())
    imported = client.post(f"/cases/{enforcement_case.pk}/inquiry-imports/", {
        "file": good, "scopes": ["deposit"], "requested_on": "2024-03-05"})
    assert imported.status_code == 302 and Asset.objects.count() == 1

    visit = client.post(f"/cases/{enforcement_case.pk}/investigations/", {
        "party": respondent.pk, "investigated_on": "2024-03-06", "location": "米厂", "findings": "存稻谷",
        "asset_kind": "movable", "asset_description": "稻谷20吨", "asset_value": "60000"})
    assert visit.status_code == 302 and Asset.objects.filter(kind="movable").exists()
    routed = client.post(f"/cases/{enforcement_case.pk}/fast-track/", {"fast_track": "1",
                                                                       "on": "2024-03-06", "reason": "简单"})
    assert routed.status_code == 302
    html = client.get(f"/cases/{enforcement_case.pk}/").content.decode()
    assert "快速通道" in html and "处置" in html and "推送执行通知书" in html


def test_an_enforcement_judge_cannot_use_the_litigation_prompt(as_user, judge, lit_case):
    response = as_user(judge).post(f"/litigation/{lit_case.pk}/preservation-answer/", {"response": "declined"})
    assert response.status_code == 403


def test_home_links_to_the_new_pages(as_user, judge):
    html = as_user(judge).get("/").content.decode()
    assert 'href="/todos/"' in html and 'href="/fast-track/"' in html and 'href="/preservations/"' in html


def test_the_window_reminder_through_time(lit_case, mediate):
    mediate(lit_case, (court_today() + dt.timedelta(days=3), "1"), effective_on=court_today())
    assert mediation_reminders()["reminders_created"] == 1


def test_ticking_off_returns_to_the_page_but_never_off_site(as_user, judge, enforcement_case):
    client = as_user(judge)
    first, _ = todo_create_once(court=enforcement_case.court, dedupe_key="a", assignee=judge, kind="other",
                                title="x", enforcement_case=enforcement_case)
    second, _ = todo_create_once(court=enforcement_case.court, dedupe_key="b", assignee=judge, kind="other",
                                 title="y", enforcement_case=enforcement_case)
    assert client.post(f"/todos/{first.pk}/done/", {"next": "/todos/?kind=other"}).url == "/todos/?kind=other"
    assert client.post(f"/todos/{second.pk}/done/", {"next": "//evil.example/"}).url == "/todos/"
