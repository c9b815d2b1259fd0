"""Two clerks editing the same case: optimistic version check, no lost update.

Each edit carries the case version the user read; a write from a stale version is refused with a clear Chinese
message (English on request), answered 409 on the API, and writes nothing.
"""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.models import CaseEvent, EnforcementCase
from cases.services.enforcement import case_update
from tests.factories import UserFactory
from wanian_exec.errors import StaleVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def judge2(court):
    return UserFactory(court=court, username="judge2", full_name="王法官", roles=["enforcement_judge"])


def _edit_post(case, *, version, amount, livelihood=False):
    return {"judge": case.judge_id, "amount_claimed": amount, "source_document": case.source_document,
            "version": version, **({"is_livelihood": "on"} if livelihood else {})}


def test_service_refuses_a_stale_version_and_writes_nothing(enforcement_case, judge, judge2):
    # given two judges who both read version v
    seen = enforcement_case.version
    # when the first saves, then the second saves from the same version
    case_update(case=enforcement_case, actor=judge, version=seen, amount_claimed=Decimal("130000.00"))
    with pytest.raises(StaleVersion) as refused:
        case_update(case=enforcement_case, actor=judge2, version=seen, amount_claimed=Decimal("99.00"))
    # then the first change stands, and the second wrote nothing
    case = EnforcementCase.objects.get(pk=enforcement_case.pk)
    assert case.amount_claimed == Decimal("130000.00") and case.version == seen + 1
    assert refused.value.code == "stale_version" and "已被他人修改" in str(refused.value.detail)


def test_ui_second_clerk_gets_a_chinese_message_and_no_lost_update(client, enforcement_case, judge, judge2):
    url = reverse("case-edit", args=[enforcement_case.pk])
    # given both judges opened the case page and its edit card: the card carries the version the page showed
    client.force_login(judge)
    page = client.get(reverse("case-detail", args=[enforcement_case.pk])).content.decode()
    seen = enforcement_case.version
    assert f'hx-get="{url}?version={seen}"' in page
    assert f'name="version" value="{seen}"' in client.get(url, {"version": seen}).content.decode()
    # when the first saves
    response = client.post(url, _edit_post(enforcement_case, version=seen, amount="130000.00", livelihood=True))
    assert response.status_code == 302
    # and the second saves from the page they had open
    client.force_login(judge2)
    response = client.post(url, _edit_post(enforcement_case, version=seen, amount="90000.00"))
    # then the second sees why, in Chinese, and the first edit is intact
    assert response.status_code == 200
    assert "该案件已被他人修改" in response.content.decode()
    case = EnforcementCase.objects.get(pk=enforcement_case.pk)
    assert case.amount_claimed == Decimal("130000.00") and case.is_livelihood and case.version == seen + 1
    assert CaseEvent.objects.filter(case=case, note__startswith="修改案件信息").count() == 1


def test_ui_close_card_carries_the_version_too(client, enforcement_case, judge, judge2):
    # given judge2 has the page open (version v) when judge edits the case
    seen = enforcement_case.version
    case_update(case=enforcement_case, actor=judge, version=seen, is_livelihood=True)
    # when judge2 closes from the stale page
    client.force_login(judge2)
    response = client.post(reverse("case-close", args=[enforcement_case.pk]),
                           {"method": "withdrawn", "closed_on": "2024-04-01", "reason": "撤回", "version": seen})
    # then nothing is closed
    assert "该案件已被他人修改" in response.content.decode()
    assert not EnforcementCase.objects.get(pk=enforcement_case.pk).is_closed


def test_api_patch_requires_the_version_and_answers_409_when_stale(api, enforcement_case, judge, judge2):
    url = f"/api/v1/enforcement-cases/{enforcement_case.pk}/"
    # given both clients read the case
    read = api.as_user(judge).get(url).json()
    seen = read["version"]
    # a PATCH without a version is refused
    assert api.patch(url, {"amount_claimed": "1.00"}, format="json").status_code == 400
    # when the first patches with the version read, it succeeds and the version moves on
    first = api.patch(url, {"amount_claimed": "130000.00", "version": seen}, format="json")
    assert first.status_code == 200, first.content
    assert first.json()["version"] == seen + 1
    # when the second patches from the same stale version
    api.as_user(judge2)
    second = api.patch(url, {"amount_claimed": "1.00", "version": seen}, format="json")
    # then 409 with a clear Chinese message, and nothing written
    assert second.status_code == 409
    body = second.json()
    assert body["code"] == "stale_version" and body["current_version"] == seen + 1
    assert "该案件已被他人修改" in body["detail"]
    assert EnforcementCase.objects.get(pk=enforcement_case.pk).amount_claimed == Decimal("130000.00")
    # and in English on request
    english = api.patch(url, {"amount_claimed": "1.00", "version": seen}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 409 and english.json()["code"] == "stale_version"


def test_api_close_with_a_stale_version_is_refused(api, enforcement_case, judge, judge2):
    seen = enforcement_case.version
    case_update(case=enforcement_case, actor=judge, version=seen, is_livelihood=True)
    response = api.as_user(judge2).post(f"/api/v1/enforcement-cases/{enforcement_case.pk}/close/",
                                        {"method": "withdrawn", "closed_on": "2024-04-01", "version": seen},
                                        format="json")
    assert response.status_code == 409
    assert not EnforcementCase.objects.get(pk=enforcement_case.pk).is_closed


def test_api_patch_is_refused_to_roles_without_case_handling(api, enforcement_case, clerk, leader):
    url = f"/api/v1/enforcement-cases/{enforcement_case.pk}/"
    for user in (clerk, leader):
        response = api.as_user(user).patch(url, {"is_livelihood": True, "version": 1}, format="json")
        assert response.status_code == 403


def test_api_patch_of_another_courts_case_is_404(api, other_case, judge):
    response = api.as_user(judge).patch(f"/api/v1/enforcement-cases/{other_case.pk}/",
                                        {"is_livelihood": True, "version": other_case.version}, format="json")
    assert response.status_code == 404
