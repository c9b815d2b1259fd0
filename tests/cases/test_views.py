"""Browser UI (cases/views): login, tenancy (404), permissions (403), forms → services, query counts."""
import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import rules
from cases.choices import ClosureMethod, EventKind, InquiryScope
from cases.models import (Asset, CaseEvent, EnforcementCase, FundEntry, LitigationCase, Outcome, Party, Preservation,
                          Todo, Urging, VoluntaryPayment)
from cases.services.case_work import case_record_event, case_record_fund, case_request_inquiry
from cases.services.common import court_today
from cases.services.enforcement import case_update
from cases.services.litigation import litigation_case_file
from cases.services.timeline import record_event
from cases.services.todos import todo_create_once
from tests.factories import PersonFactory, make_resident_id

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def litigation_case(court, trial_judge, applicant, respondent):
    return litigation_case_file(court=court, actor=trial_judge, cause="买卖合同纠纷", filed_on=dt.date(2024, 1, 10),
                                plaintiffs=[applicant], defendants=[respondent], claim_amount=Decimal("126000"),
                                trial_judge=trial_judge)


@pytest.fixture
def foreign_case(other_court, other_judge):
    from cases.services.enforcement import enforcement_case_file

    return enforcement_case_file(
        court=other_court, actor=other_judge, applicants=[PersonFactory(court=other_court, name="外院申请人")],
        respondents=[PersonFactory(court=other_court, name="外院被执行人")], amount_claimed=Decimal("1000"),
        filed_on=dt.date(2024, 5, 1), source_document="外院文书")


@pytest.fixture
def foreign_litigation(other_court, other_judge):
    return litigation_case_file(court=other_court, actor=other_judge, cause="借款合同纠纷",
                                filed_on=dt.date(2024, 2, 1),
                                plaintiffs=[PersonFactory(court=other_court)],
                                defendants=[PersonFactory(court=other_court)])


# --- login, logout, anonymous ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/cases/", "/cases/new/", "/cases/1/", "/litigation/", "/litigation/new/",
                                 "/litigation/1/", "/parties/", "/parties/lookup/?role=applicants&party_q=x"])
def test_pages_redirect_anonymous_users_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith("/login/?next=")


def test_anonymous_action_post_redirects_to_login_and_writes_nothing(client, enforcement_case):
    response = client.post(f"/cases/{enforcement_case.pk}/funds/", {"direction": "in", "amount": "10",
                                                                   "occurred_on": "2024-04-01"})

    assert response.status_code == 302 and response.url.startswith("/login/")
    assert not FundEntry.objects.exists()


def test_login_page_is_chinese_and_logs_in(client, judge):
    page = client.get("/login/")
    assert page.status_code == 200
    assert "执行案件管理系统" in page.content.decode()

    wrong = client.post("/login/", {"username": "judge", "password": "wrong-password"})
    assert "用户名或密码不正确" in wrong.content.decode()

    right = client.post("/login/", {"username": "judge", "password": "pass-1234-word"})
    assert right.status_code == 302 and right.url == reverse("home")


def test_logout_is_a_post_and_returns_to_login(as_user, judge):
    client = as_user(judge)

    response = client.post(reverse("logout"))

    assert response.status_code == 302 and response.url == reverse("login")
    assert client.get("/").status_code == 302


# --- home ---------------------------------------------------------------------------------------------------


def test_home_shows_my_open_todos_and_court_case_counts(as_user, judge, court, enforcement_case, foreign_case):
    todo_create_once(court=court, dedupe_key="t1", assignee=judge, kind="deadline_near",
                     title="请尽快送达执行通知书", enforcement_case=enforcement_case, due_on=court_today())

    response = as_user(judge).get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "请尽快送达执行通知书" in html
    assert reverse("case-detail", args=[enforcement_case.pk]) in html
    assert "执行期限临近" in html
    assert response.context["todo_total"] == 1
    assert response.context["case_total"] == 1  # the other court's case is not counted
    assert response.context["overdue_count"] == 1  # filed 2024-03-01: the 6-month limit has long passed


def test_home_warns_of_cases_due_within_14_days_then_overdue_ones(as_user, judge, make_case):
    today = court_today()
    overdue = make_case(filed_on=today - dt.timedelta(days=400))
    near = make_case(filed_on=today - dt.timedelta(days=175))
    make_case(filed_on=today - dt.timedelta(days=30))

    response = as_user(judge).get("/")

    assert [c.pk for c in response.context["warned_cases"]] == [near.pk, overdue.pk]
    assert (response.context["near_count"], response.context["overdue_count"]) == (1, 1)
    assert "剩" in response.content.decode() and "已超期" in response.content.decode()


# --- enforcement case list -------------------------------------------------------------------------------


def test_home_does_not_warn_of_a_suspended_cases_deadline(as_user, judge, make_case):
    from cases.services.enforcement import case_suspend

    case = make_case(filed_on=court_today() - dt.timedelta(days=400))
    case_suspend(case=case, actor=judge, start_on=case.filed_on + dt.timedelta(days=10), reason="破产程序中")

    response = as_user(judge).get("/")
    listing = as_user(judge).get("/cases/").content.decode()

    assert response.context["overdue_count"] == 0 and response.context["warned_cases"] == []
    assert "中止期间不计" in listing and "已超期" not in listing.split("<tbody>")[1]


def test_case_list_shows_only_own_court_cases(as_user, judge, enforcement_case, foreign_case):
    response = as_user(judge).get("/cases/")

    html = response.content.decode()
    assert response.status_code == 200
    assert enforcement_case.number in html
    assert foreign_case.number not in html
    assert "汪某" in html and "姚某" in html
    assert "126,000.00" in html


def test_case_list_searches_by_party_name_and_number(as_user, judge, make_case, court):
    other = make_case(respondents=[PersonFactory(court=court, name="万年县某建材有限公司")])
    mine = make_case()
    client = as_user(judge)

    by_name = client.get("/cases/", {"q": "建材"})
    by_number = client.get("/cases/", {"q": mine.number})

    assert [c.pk for c in by_name.context["page"].object_list] == [other.pk]
    assert [c.pk for c in by_number.context["page"].object_list] == [mine.pk]


def test_case_list_filters_by_status_and_keeps_filters_when_paging(as_user, judge, make_case):
    for _ in range(21):
        make_case()
    client = as_user(judge)

    response = client.get("/cases/", {"status": "filed", "q": "姚某"})

    html = response.content.decode()
    assert response.context["page"].paginator.count == 21
    assert "status=filed" in html and "page=2" in html
    assert "q=%E5%A7%9A%E6%9F%90" in html  # 姚某, kept in the next-page link
    assert client.get("/cases/", {"status": "closed"}).context["page"].paginator.count == 0


def test_case_list_rows_name_every_party_in_the_parties_order(as_user, judge, make_case, court):
    # given a case with two applicants and three respondents, and a case of one each
    many = make_case(applicants=[PersonFactory(court=court, name=n) for n in ("王甲", "王乙")],
                     respondents=[PersonFactory(court=court, name=n) for n in ("某某建材有限公司", "李丙", "张丁")])
    make_case()

    # when the list is shown
    html = as_user(judge).get("/cases/").content.decode()

    # then each cell names the case's own parties, in the order the case page lists them (name, then id)
    assert f"<td>{'、'.join(p.name for p in many.applicants.all())}</td>" in html
    assert f"<td>{'、'.join(p.name for p in many.respondents.all())}</td>" in html
    assert html.count("<td>汪某</td>") == 1 and html.count("<td>姚某</td>") == 1


def test_party_names_of_an_empty_page_cost_no_query(django_assert_num_queries):
    from cases.selectors import with_party_names

    with django_assert_num_queries(0):
        assert with_party_names([]) == []


def test_case_list_query_count_is_bounded_and_independent_of_page_size(as_user, judge, make_case, court,
                                                                        django_assert_max_num_queries):
    client = as_user(judge)
    make_case()
    client.get("/cases/")  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as one_row:
        client.get("/cases/")
    for index in range(24):
        make_case(applicants=[PersonFactory(court=court)], respondents=[PersonFactory(court=court)])

    with CaptureQueriesContext(connection) as full_page:
        client.get("/cases/")
    # session, user with court, permissions and roles (one query), to-do count, case count, judges, the page,
    # its parties' names
    with django_assert_max_num_queries(8):
        second_page = client.get("/cases/", {"page": 2, "status": "filed"})

    assert len(full_page) == len(one_row)
    assert len(second_page.context["page"].object_list) == 5


# --- case detail ---------------------------------------------------------------------------------------------


def test_case_detail_shows_parties_masked_amounts_timeline_and_termination_check(as_user, judge, enforcement_case,
                                                                                 respondent):
    response = as_user(judge).get(f"/cases/{enforcement_case.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert enforcement_case.number in html
    assert respondent.masked_identity in html and respondent.id_number not in html
    assert "终本条件检查" in html
    assert str(rules.TERMINATION_CONDITIONS["notice_not_served"]) in html
    assert "立案" in html and "张法官" in html  # the filing on the timeline, with who did it
    assert 'id="action-close"' in html and 'id="action-fund"' in html


def test_another_courts_case_answers_404(as_user, judge, foreign_case):
    client = as_user(judge)

    assert client.get(f"/cases/{foreign_case.pk}/").status_code == 404
    response = client.post(f"/cases/{foreign_case.pk}/funds/", {"direction": "in", "amount": "10",
                                                               "occurred_on": "2024-06-01"})
    assert response.status_code == 404
    assert not FundEntry.objects.exists()


def test_clerk_sees_case_without_action_forms(as_user, clerk, enforcement_case):
    html = as_user(clerk).get(f"/cases/{enforcement_case.pk}/").content.decode()

    assert 'id="action-close"' not in html
    assert "只能查看本案" in html


@pytest.mark.parametrize("action, data", [
    ("events", {"kind": "notice_served", "occurred_on": "2024-03-02"}),
    ("inquiries", {"channel": "online", "scopes": ["deposit"], "requested_on": "2024-03-02"}),
    ("funds", {"direction": "in", "amount": "100", "occurred_on": "2024-03-02"}),
    ("close", {"method": "completed", "closed_on": "2024-03-02"}),
    ("resume", {"filed_on": "2024-03-02"}),
    ("urgings", {"party": "1", "channel": "phone", "occurred_on": "2024-03-02"}),
])
def test_clerk_without_handle_permission_gets_403_on_action_posts(as_user, clerk, enforcement_case, action, data):
    events_before = CaseEvent.objects.count()

    response = as_user(clerk).post(f"/cases/{enforcement_case.pk}/{action}/", data)

    assert response.status_code == 403
    assert CaseEvent.objects.count() == events_before


# the cards of an open case and where each posts (cases/urls.py); "resume" is a 终本 case's card
CARD_PATHS = {"event": "events", "inquiry": "inquiries", "urging": "urgings", "contact": "contacts", "fund": "funds",
              "import": "inquiry-imports", "investigation": "investigations", "fast_track": "fast-track",
              "edit": "edit", "close": "close"}


def test_case_page_cards_come_closed_without_their_forms(as_user, judge, enforcement_case):
    page = f"/cases/{enforcement_case.pk}/"

    html = as_user(judge).get(page).content.decode()

    for name, path in CARD_PATHS.items():
        # htmx fetches the form when the card is first opened, for the case version this page shows
        assert (f'<details class="card action-card" id="action-{name}" hx-get="{page}{path}/?version='
                f'{enforcement_case.version}" hx-trigger="toggle once"') in html
        assert f'<a href="{page}?card={name}#action-{name}">打开表单</a>' in html  # the way without JavaScript
        assert f'<form method="post" action="{page}{path}/"' not in html
    assert 'id="fund-amount"' not in html and 'id="close-method"' not in html and 'name="version"' not in html


@pytest.mark.parametrize("name, path", [*CARD_PATHS.items(), ("resume", "resume")])
def test_each_card_url_answers_get_with_its_unbound_form_open(as_user, judge, enforcement_case, name, path):
    url = f"/cases/{enforcement_case.pk}/{path}/"

    response = as_user(judge).get(url, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<details class="card action-card" id="action-{name}" open>')
    assert f'hx-post="{url}"' in html and f'id="{name}-' in html  # the card's own field ids
    assert "field-error" not in html and "<html" not in html


@pytest.mark.parametrize("path", ["events", "inquiries", "urgings", "funds", "close", "resume", "edit"])
def test_card_forms_are_refused_as_their_posts_are(client, as_user, clerk, judge, enforcement_case, foreign_case,
                                                   path):
    # a role without the permission: 403; another court's case: 404; nobody logged in: the login page
    assert as_user(clerk).get(f"/cases/{enforcement_case.pk}/{path}/").status_code == 403
    assert as_user(judge).get(f"/cases/{foreign_case.pk}/{path}/").status_code == 404
    client.logout()
    assert client.get(f"/cases/{enforcement_case.pk}/{path}/").url.startswith("/login/")


def test_action_urls_answer_only_get_and_post(as_user, judge, enforcement_case):
    assert as_user(judge).delete(f"/cases/{enforcement_case.pk}/funds/").status_code == 405


def test_without_javascript_the_card_link_shows_that_cards_form_on_the_page(as_user, judge, enforcement_case):
    page = f"/cases/{enforcement_case.pk}/"

    html = as_user(judge).get(page, {"card": "fund"}).content.decode()

    assert '<details class="card action-card" id="action-fund" open>' in html
    assert f'<form method="post" action="{page}funds/"' in html and 'id="fund-amount"' in html
    assert 'id="close-method"' not in html  # the other cards stay closed


def test_the_card_parameter_shows_only_a_form_the_user_may_use(as_user, clerk, judge, enforcement_case):
    page = f"/cases/{enforcement_case.pk}/"

    assert 'id="close-method"' not in as_user(clerk).get(page, {"card": "close"}).content.decode()
    unknown = as_user(judge).get(page, {"card": "nonsense"})
    assert unknown.status_code == 200 and 'id="fund-amount"' not in unknown.content.decode()


def test_a_card_opened_later_posts_the_version_its_page_showed(as_user, judge, enforcement_case):
    # given a page showed version v, and the case was changed since
    seen = enforcement_case.version
    case_update(case=enforcement_case, actor=judge, version=seen, is_livelihood=True)
    client = as_user(judge)
    # when the close card is opened on that page
    card = client.get(f"/cases/{enforcement_case.pk}/close/", {"version": seen}).content.decode()
    # then its form carries v, so the stale page's closing is refused; opened on a fresh page, the new version
    assert f'name="version" value="{seen}"' in card
    fresh = client.get(f"/cases/{enforcement_case.pk}/close/").content.decode()
    assert f'name="version" value="{seen + 1}"' in fresh


@pytest.mark.parametrize("value", ["²", "99999999999999999999999", "-3"])
def test_malformed_version_and_source_case_ids_are_ignored_not_a_500(as_user, judge, enforcement_case, value):
    # str.isdigit() passed "²" to int() (a 500); the card then takes the case's current version
    client = as_user(judge)
    card = client.get(f"/cases/{enforcement_case.pk}/close/", {"version": value})
    assert card.status_code == 200
    assert f'name="version" value="{enforcement_case.version}"' in card.content.decode()
    assert client.get("/cases/new/", {"source_case": value}).status_code == 200


def test_a_refused_post_shows_its_card_open_with_the_input_and_the_others_closed(as_user, judge, enforcement_case):
    response = as_user(judge).post(f"/cases/{enforcement_case.pk}/funds/", {
        "direction": "in", "amount": "-3", "occurred_on": "2024-04-01"})

    html = response.content.decode()
    assert '<details class="card action-card" id="action-fund" open>' in html and 'value="-3"' in html
    assert 'id="close-method"' not in html


def test_case_page_query_count_does_not_grow_with_the_case(as_user, judge, enforcement_case, applicant, respondent,
                                                            django_assert_max_num_queries):
    client = as_user(judge)
    page = f"/cases/{enforcement_case.pk}/"
    client.get(page)
    with CaptureQueriesContext(connection) as small:
        client.get(page)
    # given a case with a longer timeline, money, property, inquiries
    for day in range(2, 9):
        case_record_event(case=enforcement_case, actor=judge, kind=EventKind.LEAD_RECEIVED,
                          occurred_on=dt.date(2024, 3, day), note=f"线索{day}")
    case_record_fund(case=enforcement_case, actor=judge, direction="in", amount=Decimal("500"),
                     occurred_on=dt.date(2024, 3, 9))
    case_request_inquiry(case=enforcement_case, actor=judge, channel="online", scopes=[InquiryScope.DEPOSIT],
                         requested_on=dt.date(2024, 3, 10))
    Asset.objects.create(court=enforcement_case.court, case=enforcement_case, party=respondent, kind="deposit",
                         description="活期账户", found_on=dt.date(2024, 3, 10))
    # then the page costs the same: the session, the user with court, permissions and roles (one query), the case
    # and its parties (2), timeline, assets, funds, inquiries, and the top bar's to-dos (the audit trail is read
    # when its section is opened: audit.views.case_audit)
    with django_assert_max_num_queries(11):
        response = client.get(page)
    assert "线索8" in response.content.decode() and "活期账户" in response.content.decode()
    with CaptureQueriesContext(connection) as large:
        client.get(page)
    assert len(large) == len(small)



def test_case_page_shows_its_source_and_original_case_in_the_same_queries(as_user, judge, make_case,
                                                                          make_litigation_case,
                                                                          django_assert_max_num_queries):
    # given a case filed from a litigation case, and a case resumed from it
    source = make_litigation_case(cause="民间借贷纠纷")
    first = make_case(source_case=source)
    resumed = make_case()
    EnforcementCase.objects.filter(pk=resumed.pk).update(resumed_from=first)  # the link case_resume writes
    client = as_user(judge)
    client.get(f"/cases/{first.pk}/")
    # when their pages are read, then each shows its link (number, cause) in the plain page's 11 queries
    with django_assert_max_num_queries(11):
        html = client.get(f"/cases/{first.pk}/").content.decode()
    assert source.number in html and "民间借贷纠纷" in html
    with django_assert_max_num_queries(11):
        html = client.get(f"/cases/{resumed.pk}/").content.decode()
    assert "原案（终本）" in html and first.number in html

def test_record_fund_receipt_updates_amount_recovered(as_user, judge, enforcement_case):
    client = as_user(judge)

    response = client.post(f"/cases/{enforcement_case.pk}/funds/", {
        "direction": "in", "amount": "5000.50", "occurred_on": "2024-04-01", "note": "被执行人姚某交款"}, follow=True)

    enforcement_case.refresh_from_db()
    html = response.content.decode()
    assert enforcement_case.amount_recovered == Decimal("5000.50")
    assert "5,000.50" in html
    assert "已登记收款" in html
    assert "执行款到账" in html


def test_fund_with_bad_amount_shows_chinese_field_error_and_writes_nothing(as_user, judge, enforcement_case):
    response = as_user(judge).post(f"/cases/{enforcement_case.pk}/funds/", {
        "direction": "in", "amount": "-3", "occurred_on": "2024-04-01"})

    assert response.status_code == 200
    assert "金额必须大于0。" in response.content.decode()
    assert not FundEntry.objects.exists()


def test_fund_dated_before_filing_shows_the_services_error(as_user, judge, enforcement_case):
    response = as_user(judge).post(f"/cases/{enforcement_case.pk}/funds/", {
        "direction": "in", "amount": "10", "occurred_on": "2024-01-01"})

    assert "日期不能早于立案日期。" in response.content.decode()
    assert not FundEntry.objects.exists()


def test_payout_beyond_balance_shows_the_rule_violation(as_user, judge, enforcement_case):
    response = as_user(judge).post(f"/cases/{enforcement_case.pk}/funds/", {
        "direction": "out", "amount": "10", "occurred_on": "2024-04-01"})

    assert "发放金额超过案款余额" in response.content.decode()
    assert not FundEntry.objects.exists()


def test_htmx_action_success_redirects_the_page_and_failure_returns_the_card(as_user, judge, enforcement_case):
    client = as_user(judge)

    ok = client.post(f"/cases/{enforcement_case.pk}/funds/", {
        "direction": "in", "amount": "10", "occurred_on": "2024-04-01"}, **HTMX)
    bad = client.post(f"/cases/{enforcement_case.pk}/funds/", {
        "direction": "in", "amount": "abc", "occurred_on": "2024-04-01"}, **HTMX)

    assert ok.status_code == 200 and ok["HX-Redirect"] == f"/cases/{enforcement_case.pk}/"
    assert bad.status_code == 200
    html = bad.content.decode()
    assert html.startswith('<details class="card action-card" id="action-fund" open>')
    assert "请输入金额" in html and "<html" not in html


def test_record_event_offers_only_recordable_kinds(as_user, judge, enforcement_case):
    client = as_user(judge)

    refused = client.post(f"/cases/{enforcement_case.pk}/events/", {"kind": EventKind.CONSUMPTION_RESTRICTED,
                                                                     "occurred_on": "2024-03-05"})
    recorded = client.post(f"/cases/{enforcement_case.pk}/events/", {"kind": EventKind.NOTICE_SERVED,
                                                                      "occurred_on": "2024-03-05"})

    assert refused.status_code == 200
    assert recorded.status_code == 302
    assert list(enforcement_case.events.values_list("kind", flat=True)) == ["filed", "notice_served"]


def test_inquiry_records_each_scope_and_urging_needs_a_respondent(as_user, judge, enforcement_case, applicant,
                                                                  respondent):
    client = as_user(judge)

    inquiry = client.post(f"/cases/{enforcement_case.pk}/inquiries/", {
        "channel": "online", "scopes": ["deposit", "vehicle"], "requested_on": "2024-03-05"})
    wrong_party = client.post(f"/cases/{enforcement_case.pk}/urgings/", {
        "party": applicant.pk, "channel": "phone", "occurred_on": "2024-03-06"})
    urging = client.post(f"/cases/{enforcement_case.pk}/urgings/", {
        "party": respondent.pk, "channel": "phone", "occurred_on": "2024-03-06", "outcome": "承诺月底前付清",
        "promised_on": "2024-03-31"})

    assert inquiry.status_code == 302
    assert enforcement_case.inquiries.get().scopes == ["deposit", "vehicle"]
    assert "被督促人应为本案被执行人。" in wrong_party.content.decode()
    assert urging.status_code == 302
    assert Urging.objects.get().outcome == "承诺月底前付清"


def test_closing_as_terminated_current_lists_every_unmet_precondition_in_chinese(as_user, judge, enforcement_case):
    response = as_user(judge).post(f"/cases/{enforcement_case.pk}/close/", {
        "method": ClosureMethod.TERMINATED_CURRENT, "closed_on": court_today().isoformat(), "reason": "无财产可供执行"})

    html = response.content.decode()
    enforcement_case.refresh_from_db()
    assert response.status_code == 200
    assert "不能终结本次执行程序，以下条件尚未满足" in html
    for code in ["notice_not_served", "report_order_missing", "consumption_restriction_missing",
                 "inquiry_not_exhausted", "applicant_not_heard"]:
        assert f"<li>{rules.TERMINATION_CONDITIONS[code]}</li>" in html
    assert not enforcement_case.is_closed


def test_closing_as_terminated_current_by_htmx_returns_the_unmet_list_in_the_card(as_user, judge, enforcement_case):
    response = as_user(judge).post(f"/cases/{enforcement_case.pk}/close/", {
        "method": ClosureMethod.TERMINATED_CURRENT, "closed_on": "2024-04-01", "reason": "无财产"}, **HTMX)

    html = response.content.decode()
    assert 'id="action-close"' in html
    assert str(rules.TERMINATION_CONDITIONS["under_three_months"]) in html


def test_close_before_filing_date_is_a_field_error(as_user, judge, enforcement_case):
    response = as_user(judge).post(f"/cases/{enforcement_case.pk}/close/", {
        "method": ClosureMethod.COMPLETED, "closed_on": "2024-02-01"})

    assert "结案日期不能早于立案日期。" in response.content.decode()
    enforcement_case.refresh_from_db()
    assert not enforcement_case.is_closed


def _satisfy_termination(case, judge, respondent):
    for kind in (EventKind.NOTICE_SERVED, EventKind.REPORT_ORDER_SERVED, EventKind.PROPERTY_REPORTED,
                 EventKind.REPORT_VERIFIED, EventKind.APPLICANT_HEARD, EventKind.APPLICANT_CONSENT):
        case_record_event(case=case, actor=judge, kind=kind, occurred_on=dt.date(2024, 3, 5))
    # the sanctions app records an approved consumption restriction this way
    record_event(case=case, kind=EventKind.CONSUMPTION_RESTRICTED, occurred_on=dt.date(2024, 3, 10), actor=judge,
                 party=respondent)
    case_request_inquiry(case=case, actor=judge, channel="online", requested_on=dt.date(2024, 3, 6),
                         scopes=[InquiryScope.DEPOSIT, InquiryScope.VEHICLE, InquiryScope.REAL_ESTATE,
                                 InquiryScope.SECURITIES])


def test_terminated_current_closes_when_met_and_resume_opens_the_new_case(as_user, judge, enforcement_case,
                                                                          respondent):
    _satisfy_termination(enforcement_case, judge, respondent)
    client = as_user(judge)
    assert "各项条件均已满足" in client.get(f"/cases/{enforcement_case.pk}/").content.decode()

    closed = client.post(f"/cases/{enforcement_case.pk}/close/", {
        "method": ClosureMethod.TERMINATED_CURRENT, "closed_on": "2024-07-01", "reason": "经查无可供执行财产"})
    detail = client.get(f"/cases/{enforcement_case.pk}/").content.decode()
    resumed = client.post(f"/cases/{enforcement_case.pk}/resume/", {"filed_on": court_today().isoformat()})

    assert closed.status_code == 302
    assert 'id="action-resume"' in detail and 'id="action-close"' not in detail
    new_case = EnforcementCase.objects.get(resumed_from=enforcement_case)
    assert new_case.case_type == "执恢"
    assert resumed.status_code == 302 and resumed.url == f"/cases/{new_case.pk}/"
    new_detail = client.get(resumed.url).content.decode()
    assert enforcement_case.number in new_detail and "已恢复执行" in new_detail


def test_the_checklist_asks_for_the_second_key_and_the_president_gives_it_on_the_page(as_user, judge, leader,
                                                                                       enforcement_case, respondent):
    # given every precondition but the applicant's consent, and the panel's review recorded by the judge
    _satisfy_termination(enforcement_case, judge, respondent)
    CaseEvent.objects.filter(case=enforcement_case, kind=EventKind.APPLICANT_CONSENT).delete()
    page = f"/cases/{enforcement_case.pk}/"
    judge_page = as_user(judge).get(page).content.decode()
    assert str(rules.TERMINATION_CONDITIONS["second_key_missing"]) in judge_page
    assert 'id="action-approve_termination"' not in judge_page  # a judge has no approval card
    case_record_event(case=enforcement_case, actor=judge, kind=EventKind.COLLEGIAL_REVIEW,
                      occurred_on=dt.date(2024, 6, 20))
    # when the president approves through the card
    leader_client = as_user(leader)
    assert 'id="action-approve_termination"' in leader_client.get(page).content.decode()
    enforcement_case.refresh_from_db()
    response = leader_client.post(f"{page}approve-termination/", {"approved_on": "2024-06-21",
                                                                  "version": enforcement_case.version})
    # then the checklist is complete
    assert response.status_code == 302
    assert "各项条件均已满足" in as_user(judge).get(page).content.decode()


def test_the_judge_cannot_post_the_approval(as_user, judge, enforcement_case):
    response = as_user(judge).post(f"/cases/{enforcement_case.pk}/approve-termination/", {"approved_on": "2024-06-21"})
    assert response.status_code == 403


def test_resume_is_refused_for_a_case_not_closed_as_terminated_current(as_user, judge, enforcement_case):
    response = as_user(judge).post(f"/cases/{enforcement_case.pk}/resume/", {"filed_on": "2024-08-01"})

    assert "只有终结本次执行程序的案件可以恢复执行。" in response.content.decode()
    assert EnforcementCase.objects.count() == 1


# --- filing an enforcement case ----------------------------------------------------------------------------------


def test_file_enforcement_case_redirects_to_detail_with_the_allocated_number(as_user, judge, applicant, respondent):
    today = court_today()

    response = as_user(judge).post("/cases/new/", {
        "case_type": "执", "source_document": "（2024）赣1129民初88号民事判决书", "applicants": [applicant.pk],
        "respondents": [respondent.pk], "amount_claimed": "30000", "filed_on": today.isoformat(),
        "judge": judge.pk, "is_livelihood": "on"}, follow=True)

    case = EnforcementCase.objects.get()
    expected = f"（{today.year}）赣1129执1号"
    assert case.number == expected and case.is_livelihood and case.judge == judge
    assert response.redirect_chain[-1][0] == f"/cases/{case.pk}/"
    assert f"立案成功，案号：{expected}" in response.content.decode()


def test_file_enforcement_case_with_bad_input_shows_errors_and_writes_nothing(as_user, judge, applicant):
    response = as_user(judge).post("/cases/new/", {
        "case_type": "执", "applicants": [applicant.pk], "amount_claimed": "-5", "filed_on": "2024-13-01"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "请至少选择一名被执行人。" in html
    assert "金额必须大于0。" in html
    assert "请输入有效日期" in html
    assert applicant.name in html  # the picked applicant stays picked
    assert not EnforcementCase.objects.exists()


@pytest.mark.parametrize("value", ["²", "99999999999999999999999", "-3"])
def test_file_enforcement_case_with_malformed_ids_shows_errors(as_user, judge, applicant, value):
    # the party picker and the source-case lookup read ids with str.isdigit(): "²" reached int() (a 500)
    response = as_user(judge).post("/cases/new/", {
        "case_type": "执", "source_case": value, "applicants": [applicant.pk, value], "respondents": [value],
        "amount_claimed": "100", "filed_on": "2024-05-01"})

    html = response.content.decode()
    assert response.status_code == 200 and applicant.name in html
    assert "当事人编号无效。" in html or "所选当事人不存在或不属于本院。" in html
    assert not EnforcementCase.objects.exists()


def test_file_enforcement_case_service_errors_are_shown(as_user, judge, applicant, respondent):
    response = as_user(judge).post("/cases/new/", {
        "case_type": "执", "applicants": [applicant.pk], "respondents": [respondent.pk], "amount_claimed": "100",
        "filed_on": "2024-05-01"})

    assert "请选择执行依据案件或填写执行依据文书。" in response.content.decode()
    assert not EnforcementCase.objects.exists()


def test_file_enforcement_case_refuses_another_courts_party(as_user, judge, applicant, other_court):
    stranger = PersonFactory(court=other_court, name="外院当事人")

    response = as_user(judge).post("/cases/new/", {
        "case_type": "执", "source_document": "文书", "applicants": [applicant.pk], "respondents": [stranger.pk],
        "amount_claimed": "100", "filed_on": "2024-05-01"})

    assert "所选当事人不存在或不属于本院。" in response.content.decode()
    assert not EnforcementCase.objects.exists()


def test_resumed_type_is_not_offered_when_filing(as_user, judge):
    form = as_user(judge).get("/cases/new/").context["form"]

    assert "执恢" not in dict(form.fields["case_type"].choices)
    assert list(form.fields["judge"].queryset) == [judge]


def test_filing_needs_the_add_permission(as_user, trial_judge):
    assert as_user(trial_judge).get("/cases/new/").status_code == 403


def test_apply_for_enforcement_prefills_the_form_from_the_litigation_case(as_user, clerk, litigation_case, applicant,
                                                                          respondent):
    client = as_user(clerk)
    detail = client.get(f"/litigation/{litigation_case.pk}/").content.decode()

    response = client.get("/cases/new/", {"source_case": litigation_case.pk})

    assert f"/cases/new/?source_case={litigation_case.pk}" in detail
    form = response.context["form"]
    assert form.picked("applicants") == [applicant] and form.picked("respondents") == [respondent]
    assert form["source_case"].value() == litigation_case.pk
    assert form["amount_claimed"].value() == Decimal("126000")  # no judgment yet: the claim
    html = response.content.decode()
    assert f'name="applicants" value="{applicant.pk}"' in html
    assert f'name="respondents" value="{respondent.pk}"' in html


def test_apply_for_enforcement_claims_what_the_outcome_fixed_less_voluntary_payments(as_user, clerk, trial_judge,
                                                                                        litigation_case):
    from cases.services.litigation import outcome_record, payment_record

    outcome_record(case=litigation_case, actor=trial_judge, kind="mediation", effective_on=dt.date(2024, 4, 1),
                   obligations=[{"due_on": dt.date(2024, 5, 1), "amount": Decimal("60000")},
                                {"due_on": dt.date(2024, 6, 1), "amount": Decimal("66000")}])
    payment_record(case=litigation_case, actor=trial_judge, paid_on=dt.date(2024, 4, 24), amount=Decimal("60000"))

    form = as_user(clerk).get("/cases/new/", {"source_case": litigation_case.pk}).context["form"]

    assert form["amount_claimed"].value() == Decimal("66000")


def test_apply_for_enforcement_from_another_courts_litigation_case_is_404(as_user, clerk, foreign_litigation):
    assert as_user(clerk).get("/cases/new/", {"source_case": foreign_litigation.pk}).status_code == 404


def test_the_source_case_is_looked_up_not_listed_and_only_in_the_users_court(
        as_user, clerk, litigation_case, foreign_litigation, django_assert_max_num_queries):
    client = as_user(clerk)
    with django_assert_max_num_queries(12):
        html = client.get("/cases/new/").content.decode()
    assert litigation_case.number not in html  # no <select> of every case of the court
    assert 'name="source_case_q"' in html and 'hx-get="/litigation/lookup/"' in html

    found = client.get("/litigation/lookup/", {"source_case_q": "民初"}).content.decode()
    assert litigation_case.number in found and foreign_litigation.number not in found
    assert f'data-pick-case="{litigation_case.pk}"' in found
    foreign = client.get("/litigation/lookup/", {"source_case_q": foreign_litigation.number}).content.decode()
    assert "data-pick-case" not in foreign and "本院没有案号或案由含" in foreign
    assert client.get("/litigation/lookup/", {"source_case_q": ""}).content.decode().strip() == ""


def test_a_picked_source_case_shows_its_number_and_another_courts_is_refused(as_user, clerk, litigation_case,
                                                                            foreign_litigation):
    client = as_user(clerk)
    html = client.get("/cases/new/", {"source_case": litigation_case.pk}).content.decode()
    assert f'value="{litigation_case.number} {litigation_case.cause}"' in html
    response = client.post("/cases/new/", {"source_case": foreign_litigation.pk})
    assert "source_case" in response.context["form"].errors


# --- party picker --------------------------------------------------------------------------------------------------


def test_party_lookup_finds_own_court_parties_only(as_user, clerk, court, other_court):
    PersonFactory(court=court, name="李建国")
    PersonFactory(court=other_court, name="李建华")

    response = as_user(clerk).get("/parties/lookup/", {"role": "respondents", "party_q": "李建"}, **HTMX)

    html = response.content.decode()
    assert "李建国" in html and "李建华" not in html
    assert "加入被执行人" in html


def test_party_lookup_rejects_unknown_roles(as_user, clerk):
    assert as_user(clerk).get("/parties/lookup/", {"role": "judges", "party_q": "x"}).status_code == 404


def test_party_chip_is_a_hidden_input_and_404_for_another_court(as_user, clerk, applicant, other_court):
    client = as_user(clerk)
    stranger = PersonFactory(court=other_court)

    chip = client.get(f"/parties/{applicant.pk}/chip/", {"role": "applicants"}).content.decode()

    assert f'<input type="hidden" name="applicants" value="{applicant.pk}">' in chip
    assert client.get(f"/parties/{stranger.pk}/chip/", {"role": "applicants"}).status_code == 404


def test_inline_party_creation_with_bad_id_number_shows_the_chinese_error(as_user, clerk):
    valid = make_resident_id()
    bad_id = valid[:-1] + ("0" if valid[-1] != "0" else "1")  # wrong check character

    response = as_user(clerk).post("/parties/new/inline/", {
        "role": "respondents", "np-for": "enforcement", "np-kind": "person", "np-name": "王某",
        "np-id_number": bad_id}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "身份证号码" in html and "校验位错误" in html
    assert 'id="new-party"' in html
    assert not Party.objects.filter(name="王某").exists()


def test_inline_party_creation_adds_the_party_to_the_chosen_list(as_user, clerk, court):
    id_number = make_resident_id()

    response = as_user(clerk).post("/parties/new/inline/", {
        "role": "respondents", "np-for": "enforcement", "np-kind": "person", "np-name": "王某",
        "np-id_number": id_number, "np-phone": "13900000000"}, **HTMX)

    party = Party.objects.get(name="王某")
    html = response.content.decode()
    assert party.court == court and party.id_number == id_number
    assert response["HX-Retarget"] == "#chips-respondents"
    assert f'name="respondents" value="{party.pk}"' in html
    assert 'hx-swap-oob="outerHTML"' in html and "已新建“王某”，并加入被执行人。" in html


def test_inline_party_creation_refuses_an_id_number_already_in_the_court(as_user, clerk, applicant):
    response = as_user(clerk).post("/parties/new/inline/", {
        "role": "applicants", "np-for": "litigation", "np-kind": "person", "np-name": "汪某某",
        "np-id_number": applicant.id_number.lower()}, **HTMX)

    assert "本院已有相同身份证号码的当事人。" in response.content.decode()
    assert "新建并加入原告" in response.content.decode()
    assert Party.objects.filter(id_number=applicant.id_number).count() == 1


def test_inline_party_creation_needs_add_party_permission(as_user, leader):
    response = as_user(leader).post("/parties/new/inline/", {"role": "applicants", "np-kind": "person",
                                                             "np-name": "王某"})

    assert response.status_code == 403
    assert not Party.objects.filter(name="王某").exists()


def test_party_list_masks_identity_numbers(as_user, clerk, applicant, other_court):
    PersonFactory(court=other_court, name="外院的人")

    html = as_user(clerk).get("/parties/", {"q": "汪"}).content.decode()

    assert "汪某" in html and applicant.masked_identity in html
    assert applicant.id_number not in html and "外院的人" not in html


# --- litigation cases ----------------------------------------------------------------------------------------------


def test_litigation_pages_render_for_own_court_and_404_for_another(as_user, trial_judge, litigation_case,
                                                                   foreign_litigation):
    client = as_user(trial_judge)

    listing = client.get("/litigation/").content.decode()

    assert litigation_case.number in listing and foreign_litigation.number not in listing
    assert client.get(f"/litigation/{litigation_case.pk}/").status_code == 200
    assert client.get(f"/litigation/{foreign_litigation.pk}/").status_code == 404
    assert client.post(f"/litigation/{foreign_litigation.pk}/payments/", {
        "paid_on": "2024-03-01", "amount": "10"}).status_code == 404


def test_file_litigation_case(as_user, clerk, trial_judge, applicant, respondent):
    today = court_today()

    response = as_user(clerk).post("/litigation/new/", {
        "case_type": "民初", "cause": "民间借贷纠纷", "filed_on": today.isoformat(), "claim_amount": "80000",
        "is_property_dispute": "on", "preservation_guided": "on", "trial_judge": trial_judge.pk,
        "plaintiffs": [applicant.pk], "defendants": [respondent.pk]})

    case = LitigationCase.objects.get()
    assert response.status_code == 302 and response.url == f"/litigation/{case.pk}/"
    assert case.number == f"（{today.year}）赣1129民初1号" and case.preservation_guided
    assert list(case.plaintiffs.all()) == [applicant]


def test_file_litigation_case_with_the_same_party_on_both_sides_is_refused(as_user, clerk, applicant):
    response = as_user(clerk).post("/litigation/new/", {
        "case_type": "民初", "cause": "纠纷", "filed_on": "2024-05-01", "claim_amount": "0",
        "plaintiffs": [applicant.pk], "defendants": [applicant.pk]})

    assert "同一当事人不能既是原告又是被告。" in response.content.decode()
    assert not LitigationCase.objects.exists()


def test_litigation_detail_forms_record_preservation_outcome_payment_and_urging(as_user, trial_judge,
                                                                                litigation_case, respondent):
    client = as_user(trial_judge)
    url = f"/litigation/{litigation_case.pk}"

    preservation = client.post(f"{url}/preservations/", {"kind": "litigation", "applied_on": "2024-01-15",
                                                         "amount": "126000"})
    outcome = client.post(f"{url}/outcome/", {
        "kind": "mediation", "effective_on": "2024-04-01", "ob-TOTAL_FORMS": "4", "ob-INITIAL_FORMS": "0",
        "ob-0-due_on": "2024-05-01", "ob-0-amount": "60000", "ob-1-due_on": "2024-06-01", "ob-1-amount": "66000"})
    payment = client.post(f"{url}/payments/", {"paid_on": "2024-04-24", "amount": "60000", "note": "提前一周付款"})
    urging = client.post(f"{url}/urgings/", {"party": respondent.pk, "channel": "phone",
                                             "occurred_on": "2024-04-20", "outcome": "承诺按期履行"})

    assert [r.status_code for r in (preservation, outcome, payment, urging)] == [302, 302, 302, 302]
    assert Preservation.objects.get().amount == Decimal("126000")
    assert [o.amount for o in Outcome.objects.get().obligations.all()] == [Decimal("60000"), Decimal("66000")]
    assert VoluntaryPayment.objects.get().note == "提前一周付款"
    html = client.get(f"{url}/").content.decode()
    assert "第2期" in html and "66,000.00" in html and "承诺按期履行" in html


def test_outcome_with_instalment_due_before_effective_date_is_refused(as_user, trial_judge, litigation_case):
    response = as_user(trial_judge).post(f"/litigation/{litigation_case.pk}/outcome/", {
        "kind": "judgment", "effective_on": "2024-04-01", "ob-TOTAL_FORMS": "4", "ob-INITIAL_FORMS": "0",
        "ob-0-due_on": "2024-03-01", "ob-0-amount": "1000"})

    assert "第1期履行期限不能早于生效日期。" in response.content.decode()
    assert not Outcome.objects.exists()


def test_litigation_urging_must_name_a_defendant(as_user, trial_judge, litigation_case, applicant):
    response = as_user(trial_judge).post(f"/litigation/{litigation_case.pk}/urgings/", {
        "party": applicant.pk, "channel": "phone", "occurred_on": "2024-04-20"})

    assert "被督促人应为本案被告。" in response.content.decode()
    assert not Urging.objects.exists()


def test_litigation_forms_need_permissions(as_user, judge, litigation_case):
    client = as_user(judge)  # an enforcement judge may urge but not change a litigation case

    assert client.post(f"/litigation/{litigation_case.pk}/payments/", {
        "paid_on": "2024-03-01", "amount": "10"}).status_code == 403
    assert client.get("/litigation/new/").status_code == 403
    assert not VoluntaryPayment.objects.exists()


# --- chrome ------------------------------------------------------------------------------------------------------


def test_top_bar_shows_court_user_and_todo_count_and_footer_language_switch(as_user, judge, court, enforcement_case):
    todo_create_once(court=court, dedupe_key="t2", assignee=judge, kind="other", title="x",
                     enforcement_case=enforcement_case)

    html = as_user(judge).get("/cases/").content.decode()

    assert "万年县人民法院" in html and "张法官" in html and "执行法官" in html
    assert '<span class="count has">1</span>' in html
    assert 'action="/i18n/setlang/"' in html
    assert "hx-headers" in html and "X-CSRFToken" in html


def test_set_language_keeps_the_user_on_the_page(as_user, judge):
    response = as_user(judge).post("/i18n/setlang/", {"language": "en", "next": "/cases/"})

    assert response.status_code == 302 and response.url == "/cases/"
    assert response.cookies["django_language"].value == "en"
    page = as_user(judge).get("/cases/")
    assert page.status_code == 200 and '<html lang="en">' in page.content.decode()


def test_done_todos_are_not_listed(as_user, judge, court, enforcement_case):
    todo, _ = todo_create_once(court=court, dedupe_key="t3", assignee=judge, kind="other", title="已经办完的事",
                               enforcement_case=enforcement_case)
    Todo.objects.filter(pk=todo.pk).update(done_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC))

    assert "已经办完的事" not in as_user(judge).get("/").content.decode()


def test_fund_ledger_amounts_render_with_thousands_separators(as_user, judge, enforcement_case):
    case_record_fund(case=enforcement_case, actor=judge, direction="in", amount=Decimal("123456.78"),
                     occurred_on=dt.date(2024, 4, 1))

    html = as_user(judge).get(f"/cases/{enforcement_case.pk}/").content.decode()

    assert "123,456.78" in html  # recovered
    assert "2,543.22" in html  # outstanding: 126,000.00 − 123,456.78
