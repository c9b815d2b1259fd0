"""Services around the run: portal tokens, feedback and its review, delivery with retries, the job registry."""
import datetime as dt
import io
import logging

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cases.choices import EventKind, TodoKind
from cases.jobs import JOBS, run_job_now
from cases.models import CaseEvent, Todo
from cases.selectors import termination_facts
from cases.services.common import court_today
from pushes import delivery, services, tokens
from pushes.choices import Channel, DeliveryStatus, FeedbackKind
from pushes.models import PushBatch, PushDelivery, PushFeedback, PushItem
from wanian_exec.errors import RuleViolation

from .conftest import WEEK

pytestmark = pytest.mark.django_db


def image_file(fmt="JPEG", name="photo.jpg", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def pushed(court, recipients, person, file_case):
    """A week run with one small-amount case: the grid batch and its item."""
    debtor = person(name="李某")
    case = file_case(debtor, amount="32000.00")
    services.push_week_run(court=court, week=WEEK)
    batch = PushBatch.objects.get(channel=Channel.GRID)
    return batch, PushItem.objects.get(batch=batch), case


# --- tokens --------------------------------------------------------------------------------------------------


def test_a_portal_token_opens_its_own_batch(pushed):
    batch, _item, _case = pushed
    assert tokens.batch_for_token(batch.portal_token) == batch


def test_a_tampered_token_opens_nothing(pushed):
    batch, _item, _case = pushed
    token = batch.portal_token
    assert tokens.batch_for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert tokens.batch_for_token("not-a-token") is None


def test_a_link_fits_a_text_message_and_its_code_is_random(pushed):
    batch, _item, _case = pushed
    path = f"/p/{batch.portal_token}/"
    assert len(path) <= 40 and len(batch.portal_token) == tokens.CODE_LENGTH
    assert set(batch.portal_token) <= set(tokens.ALPHABET)
    assert len({tokens.issue_token()[0] for _ in range(1000)}) == 1000


def test_an_expired_token_opens_nothing(pushed):
    from django.utils import timezone

    batch, _item, _case = pushed
    assert batch.portal_expires_at > timezone.now() + tokens.max_age() - dt.timedelta(minutes=5)
    PushBatch.objects.filter(pk=batch.pk).update(portal_expires_at=timezone.now())
    assert tokens.batch_for_token(batch.portal_token) is None


def test_an_old_token_stops_working_when_the_link_is_reissued(pushed, court_admin):
    batch, _item, _case = pushed
    old = batch.portal_token
    batch = services.batch_reissue_link(batch=batch, actor=court_admin)
    assert tokens.batch_for_token(old) is None
    assert tokens.batch_for_token(batch.portal_token) == batch


def test_a_rerun_keeps_the_link_already_issued(pushed, court):
    batch, _item, _case = pushed
    services.push_week_run(court=court, week=WEEK)
    assert PushBatch.objects.get(pk=batch.pk).portal_token == batch.portal_token


# --- feedback --------------------------------------------------------------------------------------------


def test_a_lead_lands_on_the_timeline_and_as_a_todo_for_the_judge(pushed, judge):
    # given the grid batch of the week
    batch, item, case = pushed
    # when the grid worker reports a lead
    feedback = services.feedback_submit(batch=batch, item=item.pk, kind=FeedbackKind.LEAD,
                                        content="被执行人在某公司工地有工程款未结", submitter="网格员王某")
    # then the case timeline shows it as a lead received, with the recipient and the text
    event = CaseEvent.objects.get(case=case, kind=EventKind.LEAD_RECEIVED)
    assert "青云镇第一网格" in event.note and "工程款未结" in event.note
    assert event.party_id == item.party_id
    # and the judge has a to-do to review it
    todo = Todo.objects.get(kind=TodoKind.PUSH_FEEDBACK, enforcement_case=case)
    assert todo.assignee == judge and feedback.todo == todo and todo.done_at is None
    # and the 终本 gate now wants that lead checked
    assert termination_facts(case, closing_on=court_today()).leads_received == 1


def test_other_kinds_land_on_the_timeline_as_notes(pushed):
    batch, item, case = pushed
    services.feedback_submit(batch=batch, item=item.pk, kind=FeedbackKind.LOCATED, content="人在县城务工")
    services.feedback_submit(batch=batch, item=item.pk, kind=FeedbackKind.NO_INFO)
    notes = list(CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).values_list("note", flat=True))
    assert len(notes) == 2 and "已找到被执行人" in notes[0] and "暂无信息" in notes[1]
    assert Todo.objects.filter(kind=TodoKind.PUSH_FEEDBACK).count() == 2


def test_feedback_on_an_item_of_another_batch_is_refused(pushed):
    batch, _item, case = pushed
    township_item = PushItem.objects.get(channel=Channel.TOWNSHIP)
    with pytest.raises(ValidationError) as refused:
        services.feedback_submit(batch=batch, item=township_item.pk, kind=FeedbackKind.LEAD, content="x")
    assert "item" in refused.value.message_dict
    assert not PushFeedback.objects.exists()
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.LEAD_RECEIVED).exists()


def test_a_lead_needs_its_content(pushed):
    batch, item, _case = pushed
    with pytest.raises(ValidationError) as refused:
        services.feedback_submit(batch=batch, item=item.pk, kind=FeedbackKind.LEAD, content="  ")
    assert "content" in refused.value.message_dict


def test_a_jpeg_or_png_photo_is_kept(pushed):
    batch, item, _case = pushed
    jpeg = services.feedback_submit(batch=batch, item=item.pk, kind=FeedbackKind.LOCATED, photo=image_file())
    png = services.feedback_submit(batch=batch, item=item.pk, kind=FeedbackKind.LOCATED,
                                   photo=image_file("PNG", "p.png"))
    assert jpeg.photo.name.endswith(".jpg") and png.photo.name.endswith(".png")
    assert "photo" not in jpeg.photo.name.split("/")[-1]  # stored under a random name


@pytest.mark.parametrize("upload", [
    SimpleUploadedFile("fake.jpg", b"GIF89a not really a jpeg", content_type="image/jpeg"),
    SimpleUploadedFile("doc.pdf", b"%PDF-1.4", content_type="application/pdf"),
])
def test_a_photo_that_is_not_jpeg_or_png_is_refused(pushed, upload):
    batch, item, _case = pushed
    with pytest.raises(ValidationError) as refused:
        services.feedback_submit(batch=batch, item=item.pk, kind=FeedbackKind.LOCATED, photo=upload)
    assert "photo" in refused.value.message_dict


def test_a_gif_is_refused_even_though_it_is_an_image(pushed):
    batch, item, _case = pushed
    with pytest.raises(ValidationError):
        services.feedback_submit(batch=batch, item=item.pk, kind=FeedbackKind.LOCATED,
                                 photo=image_file("GIF", "a.gif"))


def test_a_photo_over_5_mb_is_refused(pushed, settings):
    batch, item, _case = pushed
    settings.PUSHES_PHOTO_MAX_BYTES = 1000  # the check, not the 5 MB default, is under test
    with pytest.raises(ValidationError) as refused:
        services.feedback_submit(batch=batch, item=item.pk, kind=FeedbackKind.LOCATED,
                                 photo=image_file(size=(400, 400)))
    assert "photo" in refused.value.message_dict


def test_the_default_photo_limit_is_5_mb():
    from pushes import conf

    assert conf.get("PHOTO_MAX_BYTES") == 5 * 1024 * 1024


def test_the_judge_marks_a_lead_effective_which_checks_it_and_ticks_the_todo(pushed, judge):
    batch, item, case = pushed
    feedback = services.feedback_submit(batch=batch, item=item.pk, kind=FeedbackKind.LEAD, content="工程款")
    services.feedback_review(feedback=feedback, actor=judge, effective=True, note="已发协助执行通知")
    feedback.refresh_from_db()
    assert feedback.effective is True and feedback.reviewed_by == judge
    assert CaseEvent.objects.filter(case=case, kind=EventKind.LEAD_CHECKED).count() == 1
    assert Todo.objects.get(pk=feedback.todo_id).done_at is not None
    facts = termination_facts(case, closing_on=court_today())
    assert facts.leads_received == facts.leads_checked == 1


def test_changing_the_verdict_does_not_count_the_lead_checked_twice(pushed, judge):
    batch, item, case = pushed
    feedback = services.feedback_submit(batch=batch, item=item.pk, kind=FeedbackKind.LEAD, content="工程款")
    services.feedback_review(feedback=feedback, actor=judge, effective=True)
    services.feedback_review(feedback=feedback, actor=judge, effective=False, note="核实无此款项")
    feedback.refresh_from_db()
    assert feedback.effective is False
    assert CaseEvent.objects.filter(case=case, kind=EventKind.LEAD_CHECKED).count() == 1


def test_only_the_case_judge_reviews(pushed, court):
    from tests.factories import UserFactory

    batch, item, _case = pushed
    colleague = UserFactory(court=court, roles=["enforcement_judge"])
    feedback = services.feedback_submit(batch=batch, item=item.pk, kind=FeedbackKind.NO_INFO)
    with pytest.raises(RuleViolation):
        services.feedback_review(feedback=feedback, actor=colleague, effective=False)


# --- delivery ---------------------------------------------------------------------------------------------


def test_a_finished_run_emails_and_texts_the_links_once(court, recipients, person, file_case, caplog,
                                                        django_capture_on_commit_callbacks):
    file_case(person(), amount="30000.00")
    with caplog.at_level(logging.INFO, logger="pushes.delivery"):
        with django_capture_on_commit_callbacks(execute=True):
            services.push_week_run(court=court, week=WEEK)
        with django_capture_on_commit_callbacks(execute=True):
            services.push_week_run(court=court, week=WEEK)
    # the township has an email address, the grid worker a phone
    assert len(mail.outbox) == 1
    assert "青云镇人民政府" in mail.outbox[0].body and "/p/" in mail.outbox[0].body
    assert mail.outbox[0].to == ["qingyun@example.cn"]
    sms = [r for r in caplog.records if r.getMessage().startswith("SMS to 139****0001")]
    assert len(sms) == 1 and "/p/" in sms[0].getMessage()
    assert set(PushDelivery.objects.values_list("method", "status")) == {("email", "sent"), ("sms", "sent")}


class FlakySms(delivery.SmsAdapter):
    failures = 0

    def send(self, *, phone, text):
        if FlakySms.failures > 0:
            FlakySms.failures -= 1
            raise delivery.DeliveryError("gateway busy")


def test_a_failed_sms_is_retried_and_logged(court, recipients, person, file_case, settings,
                                            django_capture_on_commit_callbacks):
    settings.PUSHES_SMS_ADAPTER = "tests.pushes.test_services.FlakySms"
    FlakySms.failures = 2
    file_case(person(), amount="30000.00")
    with django_capture_on_commit_callbacks(execute=True):
        services.push_week_run(court=court, week=WEEK)
    sms = PushDelivery.objects.get(method="sms")
    assert sms.status == DeliveryStatus.SENT and sms.attempts == 3
    assert [("error" in e, e.get("ok", False)) for e in sms.log] == [(True, False), (True, False), (False, True)]


def test_a_delivery_that_keeps_failing_stops_after_the_last_attempt(court, recipients, person, file_case, settings,
                                                                   django_capture_on_commit_callbacks):
    settings.PUSHES_SMS_ADAPTER = "tests.pushes.test_services.FlakySms"
    settings.PUSHES_DELIVERY_MAX_ATTEMPTS = 3
    FlakySms.failures = 100
    file_case(person(), amount="30000.00")
    with django_capture_on_commit_callbacks(execute=True):
        services.push_week_run(court=court, week=WEEK)
    sms = PushDelivery.objects.get(method="sms")
    assert sms.status == DeliveryStatus.FAILED and sms.attempts == 3 and "gateway busy" in sms.last_error
    FlakySms.failures = 0


def test_delivering_a_sent_delivery_again_sends_nothing(court, recipients, person, file_case,
                                                        django_capture_on_commit_callbacks):
    file_case(person(), amount="30000.00")
    with django_capture_on_commit_callbacks(execute=True):
        services.push_week_run(court=court, week=WEEK)
    email = PushDelivery.objects.get(method="email")
    assert delivery.delivery_attempt(delivery_id=email.pk) == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


# --- the job ----------------------------------------------------------------------------------------------


def test_weekly_pushes_is_registered_for_monday_eight(db):
    job = JOBS["weekly_pushes"]
    assert job.function == "pushes.services.weekly_pushes_job"
    assert job.crontab == {"minute": "0", "hour": "8", "day_of_week": "1"}


def test_the_beat_schedule_exists_after_migrate(db):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(name=JOBS["weekly_pushes"].label)
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("0", "8", "1")
    assert str(task.crontab.timezone) == "Asia/Shanghai"


def test_the_job_runs_the_current_week_for_a_court(court, recipients, person, file_case):
    from pushes import rules

    file_case(person(), amount="30000.00")
    run = run_job_now("weekly_pushes", court_id=court.pk)
    assert run.summary["week"] == rules.current_week()
    assert run.summary["items"] == 2 and run.summary["courts"] == 1


def test_the_job_without_a_court_runs_every_court_with_recipients(court, other_court, recipients, person, file_case):
    from pushes.services import weekly_pushes_job

    file_case(person(), amount="30000.00")
    summary = weekly_pushes_job(week=WEEK)
    assert summary["courts"] == 1 and summary["runs"][0]["court"] == court.pk


def test_a_batch_without_a_link_says_so_and_can_get_one(client, pushed, court_admin):
    from django.urls import reverse

    batch, _item, _case = pushed
    PushBatch.objects.filter(pk=batch.pk).update(portal_token="", portal_expires_at=None)
    client.force_login(court_admin)
    page = client.get(reverse("pushes:batch-detail", args=[batch.pk])).content.decode()
    assert 'data-testid="no-link"' in page and "有效期至；" not in page and "data-confirm" not in page
    client.post(reverse("pushes:batch-reissue", args=[batch.pk]))
    batch.refresh_from_db()
    page = client.get(reverse("pushes:batch-detail", args=[batch.pk])).content.decode()
    from django.utils import timezone

    assert batch.portal_token in page and timezone.localdate(batch.portal_expires_at).isoformat() in page
    assert "data-confirm" in page  # regenerating now kills a link already sent: the button asks first


def test_links_are_issued_for_batches_that_have_none(pushed):
    batch, _item, _case = pushed
    PushBatch.objects.filter(pk=batch.pk).update(portal_token="", portal_expires_at=None)
    assert services.issue_missing_links(PushBatch.objects.all()) == 1
    assert services.issue_missing_links(PushBatch.objects.all()) == 0
    assert tokens.batch_for_token(PushBatch.objects.get(pk=batch.pk).portal_token) == batch
