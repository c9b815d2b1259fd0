"""The pushes pages (Chinese): each renders for the right role, refuses the wrong one (403), hides another
court's rows (404), and the commands (run, review, reissue, recipients, rules) go through the services."""
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from pushes import services
from pushes.choices import Channel
from pushes.models import PushBatch, PushFeedback, PushItem, PushRecipient, PushRuleSet
from pushes.rules import current_week

from .conftest import WEEK

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def week_run(court, recipients, person, file_case):
    case = file_case(person(name="李某"), amount="32000.00")
    services.push_week_run(court=court, week=WEEK)
    return case


@pytest.fixture
def grid_batch(week_run):
    return PushBatch.objects.get(channel=Channel.GRID)


@pytest.fixture
def feedback(grid_batch):
    item = PushItem.objects.get(batch=grid_batch)
    return services.feedback_submit(batch=grid_batch, item=item.pk, kind="lead", content="有工程款未结")


def test_the_run_page_previews_counts_and_reasons(court_admin, recipients, person, file_case):
    file_case(person(), amount="32000.00")
    page = logged_in(court_admin).get(reverse("pushes:run") + f"?week={current_week()}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "推送预览" in html and "青云镇第一网格" in html and "未履行金额3.2万元，属小标的案件" in html
    assert not PushItem.objects.exists()


def test_running_from_the_page_writes_the_week_and_lists_its_batches(court_admin, recipients, person, file_case):
    file_case(person(), amount="32000.00")
    client = logged_in(court_admin)
    response = client.post(reverse("pushes:run"), {"week": current_week()})
    assert response.status_code == 302 and f"week={current_week()}" in response["Location"]
    assert PushItem.objects.count() == 2
    listing = client.get(response["Location"]).content.decode()
    assert "青云镇第一网格" in listing and "/p/" in listing and "导出Excel" in listing


def test_a_bad_week_on_the_run_page_is_a_form_error(court_admin):
    page = logged_in(court_admin).post(reverse("pushes:run"), {"week": "2024-W99"})
    assert page.status_code == 400 and "没有第99周" in page.content.decode()


def test_pages_send_anonymous_users_to_login(grid_batch):
    for url in (reverse("pushes:run"), reverse("pushes:batch-list"),
                reverse("pushes:batch-detail", args=[grid_batch.pk]), reverse("pushes:feedback-list"),
                reverse("pushes:stats"), reverse("pushes:recipient-list"), reverse("pushes:rules")):
        response = Client().get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_a_clerk_is_refused_every_push_page(clerk, grid_batch, feedback):
    client = logged_in(clerk)
    case_id = PushItem.objects.filter(batch=grid_batch).first().case_id
    for url in (reverse("pushes:run"), reverse("pushes:batch-list"),
                reverse("pushes:batch-detail", args=[grid_batch.pk]),
                reverse("pushes:batch-export", args=[grid_batch.pk]),
                reverse("pushes:batch-print", args=[grid_batch.pk]), reverse("pushes:feedback-list"),
                reverse("pushes:stats"), reverse("pushes:recipient-list"), reverse("pushes:recipient-new"),
                reverse("pushes:rules"), reverse("pushes:case-pushes", args=[case_id])):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("pushes:feedback-review", args=[feedback.pk]), {"effective": "1"}).status_code == 403


def test_a_judge_sees_batches_but_may_not_run_or_edit(judge, grid_batch):
    client = logged_in(judge)
    assert client.get(reverse("pushes:batch-list")).status_code == 200
    detail = client.get(reverse("pushes:batch-detail", args=[grid_batch.pk]))
    assert detail.status_code == 200 and grid_batch.portal_token in detail.content.decode()
    assert "重新生成链接" not in detail.content.decode()
    assert client.get(reverse("pushes:run")).status_code == 403
    assert client.post(reverse("pushes:batch-reissue", args=[grid_batch.pk])).status_code == 403
    assert client.get(reverse("pushes:recipient-new")).status_code == 403


def test_another_courts_batch_feedback_and_recipient_are_404(other_admin, grid_batch, feedback, recipients):
    client = logged_in(other_admin)
    for url in (reverse("pushes:batch-detail", args=[grid_batch.pk]),
                reverse("pushes:batch-export", args=[grid_batch.pk]),
                reverse("pushes:batch-print", args=[grid_batch.pk]),
                reverse("pushes:feedback-photo", args=[feedback.pk]),
                reverse("pushes:recipient-edit", args=[recipients[Channel.GRID].pk]),
                reverse("pushes:case-pushes", args=[feedback.case_id])):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("pushes:batch-reissue", args=[grid_batch.pk])).status_code == 404
    listing = client.get(reverse("pushes:batch-list")).content.decode()
    assert "青云镇第一网格" not in listing


def test_the_export_and_print_pages(judge, grid_batch):
    client = logged_in(judge)
    export = client.get(reverse("pushes:batch-export", args=[grid_batch.pk]))
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[3][2] == "李某" and rows[3][5] == "未履行金额3.2万元，属小标的案件"
    printed = client.get(reverse("pushes:batch-print", args=[grid_batch.pk])).content.decode()
    assert "执行案件推送清单" in printed and "李某" in printed and "@page" in printed


def test_the_judge_reviews_feedback_on_the_review_page(judge, feedback):
    client = logged_in(judge)
    page = client.get(reverse("pushes:feedback-list")).content.decode()
    assert "有工程款未结" in page and "提交审查" in page
    response = client.post(reverse("pushes:feedback-review", args=[feedback.pk]), {"effective": "1", "note": "属实"})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.effective is True and feedback.review_note == "属实"
    assert "有工程款未结" not in client.get(reverse("pushes:feedback-list")).content.decode()  # no longer pending
    assert "有工程款未结" in client.get(reverse("pushes:feedback-list") + "?all=1").content.decode()


def test_a_case_filter_beyond_any_id_is_ignored_not_a_500(judge, feedback):
    # the HTML list shares the API's FilterSet: an id wider than 64 bits used to reach SQLite (OverflowError)
    response = logged_in(judge).get(reverse("pushes:feedback-list"), {"case": "128941480630177670799355907802136576"})
    assert response.status_code == 200 and "有工程款未结" in response.content.decode()


def test_a_court_admin_reissues_a_link_from_the_batch_page(court_admin, grid_batch):
    old = grid_batch.portal_token
    response = logged_in(court_admin).post(reverse("pushes:batch-reissue", args=[grid_batch.pk]))
    assert response.status_code == 302
    assert PushBatch.objects.get(pk=grid_batch.pk).portal_token != old


def test_a_court_admin_adds_a_recipient_and_the_service_checks_it(court_admin, township):
    client = logged_in(court_admin)
    refused = client.post(reverse("pushes:recipient-new"), {"channel": "township", "name": "某镇政府",
                                                            "is_active": "on"})
    assert refused.status_code == 200 and "乡镇渠道须选择乡镇" in refused.content.decode()
    created = client.post(reverse("pushes:recipient-new"), {"channel": "township", "name": "青云镇政府",
                                                            "township": township.pk, "is_active": "on"})
    assert created.status_code == 302
    recipient = PushRecipient.objects.get(name="青云镇政府")
    assert recipient.township == township and recipient.is_active
    listing = client.get(reverse("pushes:recipient-list")).content.decode()
    assert "青云镇政府" in listing


def test_a_court_admin_publishes_rules_and_a_leader_only_reads_them(court_admin, leader, court):
    response = logged_in(court_admin).post(reverse("pushes:rules"), {
        "small_amount_limit": "80000.00", "grid_includes_livelihood": "on", "include_terminated_current": "on",
        "discipline_includes_party_members": "on", "discipline_includes_state_organs": "on",
        "deputy_level": "县", "note": "提高上限"})
    assert response.status_code == 302
    assert services.rule_set_for(court=court).small_amount_limit == 80000
    page = logged_in(leader).get(reverse("pushes:rules"))
    assert page.status_code == 200 and "80,000.00" in page.content.decode() and "发布新版本" not in page.content.decode()
    assert logged_in(leader).post(reverse("pushes:rules"), {"small_amount_limit": "1"}).status_code == 403
    assert PushRuleSet.objects.count() == 2


def test_the_stats_page_drills_down_to_cases(judge, feedback):
    client = logged_in(judge)
    page = client.get(reverse("pushes:stats")).content.decode()
    assert "推送后执结" in page and "metric=feedback_received&channel=grid" in page
    cases = client.get(reverse("pushes:stats-cases") + "?metric=feedback_received&channel=grid").content.decode()
    assert feedback.case.number in cases
    assert client.get(reverse("pushes:stats-cases") + "?metric=bogus").status_code == 404


def test_the_stats_pages_ignore_a_recipient_beyond_any_id(judge, feedback):
    # the same scope as /api/v1/push-stats/: an id wider than 64 bits used to reach SQLite (OverflowError, 500)
    client = logged_in(judge)
    huge = {"recipient": "186307018151386138476296536064"}
    assert client.get(reverse("pushes:stats"), huge).status_code == 200
    cases = client.get(reverse("pushes:stats-cases"), {"metric": "feedback_received", **huge})
    assert cases.status_code == 200 and feedback.case.number in cases.content.decode()


def test_the_case_push_history_page(judge, feedback):
    page = logged_in(judge).get(reverse("pushes:case-pushes", args=[feedback.case_id])).content.decode()
    assert "青云镇第一网格" in page and "有工程款未结" in page and WEEK in page


def test_the_portal_form_posts_back_to_the_list(grid_batch):
    item = PushItem.objects.get(batch=grid_batch)
    url = reverse("push_portal:feedback", args=[grid_batch.portal_token])
    response = Client().post(url, {"item": item.pk, "kind": "persuaded", "content": "已答应下周付款"},
                             HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert response.status_code == 303 and f"sent={item.pk}" in response["Location"]
    page = Client().get(response["Location"]).content.decode()
    assert "反馈已提交" in page and "已劝导履行" in page
    assert PushFeedback.objects.get().kind == "persuaded"


def test_the_portal_form_shows_errors_on_its_item(grid_batch):
    item = PushItem.objects.get(batch=grid_batch)
    url = reverse("push_portal:feedback", args=[grid_batch.portal_token])
    response = Client().post(url, {"item": item.pk, "kind": "lead", "content": ""}, HTTP_ACCEPT="text/html")
    assert response.status_code == 400 and "请写明线索内容" in response.content.decode()
    assert not PushFeedback.objects.exists()


@pytest.mark.parametrize("value", ["²", "99999999999999999999999", "-3", "1.5"])
def test_the_portal_takes_malformed_ids_as_no_id(grid_batch, value):
    # str.isdigit() passed "²" to int() (a 500) and a 23-digit id to the database (SQLite: OverflowError)
    portal = reverse("push_portal:portal", args=[grid_batch.portal_token])
    page = Client().get(portal, {"sent": value})
    assert page.status_code == 200 and "反馈已提交" not in page.content.decode()
    url = reverse("push_portal:feedback", args=[grid_batch.portal_token])
    response = Client().post(f"{url}?page={value}", {"item": value, "kind": "persuaded"}, HTTP_ACCEPT="text/html")
    html = response.content.decode()  # the item field's error, shown above the list (no item of the page has it)
    assert response.status_code == 400 and '<ul class="errors" role="alert"><li>' in html
    assert "该案件不在本次推送清单中" in html or "请填写合法的整数" in html
    with pytest.raises(ValidationError):
        services.feedback_submit(batch=grid_batch, item=value, kind="persuaded")
    assert not PushFeedback.objects.exists()
