"""A portal feedback POST sent again — a double tap, the browser resending, a replayed request — is recorded once:
the copy is answered as the first was (201, the same feedback) and writes nothing (no second row, timeline entry or
to-do), even when the copies arrive at the same moment; different news on the same item is still recorded."""
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image
from rest_framework.test import APIClient

from cases.models import CaseEvent, Todo
from cases.services.enforcement import enforcement_case_file
from pushes import services
from pushes.choices import Channel
from pushes.models import PushBatch, PushFeedback, PushItem
from tests.factories import PersonFactory
from tests.threads import run_in_threads


def photo(colour=(200, 30, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def pushed(court, judge, applicant, settings, tmp_path):
    """One pushed item: a party member's case on the discipline commission's list of the current week."""
    settings.MEDIA_ROOT = tmp_path / "media"
    services.recipient_create(court=court, channel=Channel.DISCIPLINE, name="县纪委监委")
    debtor = PersonFactory(court=court, name="王某", is_party_member=True)
    enforcement_case_file(court=court, actor=judge, applicants=[applicant], respondents=[debtor],
                          amount_claimed=Decimal("80000.00"), filed_on=dt.date(2024, 3, 1),
                          judge=judge, source_document="（2024）赣1129民初88号民事判决书")
    services.push_week_run(court=court)
    batch = PushBatch.objects.get()
    return batch, PushItem.objects.get(batch=batch)


def feedback_url(batch) -> str:
    return f"/p/{batch.portal_token}/feedback/"


def written(item) -> tuple[int, int, int]:
    """(feedback rows, timeline entries of pushed feedback, feedback to-dos) of the item's case."""
    return (PushFeedback.objects.filter(item=item).count(),
            CaseEvent.objects.filter(case_id=item.case_id, kind="lead_received").count(),
            Todo.objects.filter(enforcement_case_id=item.case_id, kind="push_feedback").count())


@pytest.mark.django_db
def test_a_replayed_json_post_is_recorded_once_and_answered_as_the_first(pushed):
    batch, item = pushed
    body = {"item": item.pk, "kind": "lead", "content": "在某工地务工，有工程款未结"}
    answers = [APIClient().post(feedback_url(batch), body, format="json") for _ in range(5)]
    assert [a.status_code for a in answers] == [201] * 5
    assert len({a.json()["id"] for a in answers}) == 1
    assert answers[0].json() == answers[-1].json()
    assert written(item) == (1, 1, 1)


@pytest.mark.django_db
def test_the_same_words_with_other_spacing_count_once_and_new_news_counts(pushed):
    batch, item = pushed
    client = APIClient()
    client.post(feedback_url(batch), {"item": item.pk, "kind": "lead", "content": "有工程款 未结"}, format="json")
    client.post(feedback_url(batch), {"item": item.pk, "kind": "lead", "content": " 有工程款  未结 "}, format="json")
    assert written(item)[0] == 1
    client.post(feedback_url(batch), {"item": item.pk, "kind": "lead", "content": "另有一辆货车"}, format="json")
    client.post(feedback_url(batch), {"item": item.pk, "kind": "located", "content": "有工程款 未结"}, format="json")
    assert written(item)[0] == 3


@pytest.mark.django_db
def test_a_resent_page_form_with_its_photo_is_recorded_once(pushed):
    batch, item = pushed
    client = APIClient()
    for _ in range(3):
        response = client.post(feedback_url(batch), {"item": item.pk, "kind": "located", "content": "本人在家",
                                                     "photo": photo()},
                               format="multipart", HTTP_ACCEPT="text/html")
        assert response.status_code == 303
    assert PushFeedback.objects.filter(item=item).count() == 1
    client.post(feedback_url(batch), {"item": item.pk, "kind": "located", "content": "本人在家",
                                      "photo": photo((10, 200, 10))}, format="multipart")
    assert PushFeedback.objects.filter(item=item).count() == 2  # another photo is new evidence


@pytest.mark.django_db
def test_the_database_itself_refuses_a_second_copy(pushed):
    batch, item = pushed
    first = services.feedback_submit(batch=batch, item=item.pk, kind="no_info")
    assert first.fingerprint
    copy = PushFeedback(court_id=first.court_id, item=item, batch=batch, case_id=first.case_id, kind="no_info",
                        fingerprint=first.fingerprint)
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


@pytest.mark.django_db(transaction=True)
def test_copies_arriving_together_are_recorded_once(pushed):
    batch, item = pushed
    body = {"item": item.pk, "kind": "lead", "content": "被执行人名下有一处商铺出租"}
    ids = run_in_threads(lambda _i: APIClient().post(feedback_url(batch), body, format="json").json()["id"], 6)
    assert len(set(ids)) == 1
    assert written(item) == (1, 1, 1)
