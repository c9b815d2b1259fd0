"""A push run is for the current ISO week or one of the 8 before it — never a future week, never years back; a
malformed or impossible week is a 400 on `week` in Chinese (English on request), never a 500, in the API, the
run page and the preview. The scheduled job still runs the current week."""
import datetime as dt

import pytest
from django.urls import reverse

from pushes import rules, services
from pushes.choices import Channel
from pushes.models import PushDelivery, PushRun
from pushes.rules import current_week, week_of

pytestmark = pytest.mark.django_db

RUN_WEEKS_BACK = 8  # the bound the contract promises (pushes.rules.RUN_WEEKS_BACK)
REFUSED = ["0001-W01", "2024-W23", "9999-W51", "9999-W52", "2024-W99", "2024-23", "W23", ""]


def weeks_from_now(n: int) -> str:
    monday, _sunday = rules.parse_week(current_week())
    return week_of(monday + dt.timedelta(weeks=n))


@pytest.fixture
def recipient(court):
    return services.recipient_create(court=court, channel=Channel.DISCIPLINE, name="县纪委监委",
                                     email="jw@example.cn")


def test_the_rule_bounds_the_week_to_the_current_one_and_the_8_before(court):
    from pushes.rules import run_week_errors

    today = dt.date(2026, 12, 6)  # a Sunday of 2026-W49
    assert rules.RUN_WEEKS_BACK == RUN_WEEKS_BACK
    assert run_week_errors("2026-W49", today=today) == []
    assert run_week_errors("2026-W41", today=today) == []  # 8 weeks back
    assert "此前8周内" in run_week_errors("2026-W40", today=today)[0]
    assert "未来" in run_week_errors("2026-W50", today=today)[0]
    assert run_week_errors("9999-W52", today=today) and run_week_errors("0001-W01", today=today)
    assert run_week_errors("2020-W01", today=today, weeks_back=None) == []  # the services' floor: no future only
    assert run_week_errors("2027-W01", today=today, weeks_back=None)


@pytest.mark.parametrize("week", [*REFUSED, "future"])
def test_the_api_refuses_absurd_weeks_with_a_field_error(api, court_admin, recipient, week):
    week = weeks_from_now(1) if week == "future" else week
    response = api.as_user(court_admin).post("/api/v1/push-runs/", {"week": week}, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["week"][0]  # a message on the field, in Chinese
    assert not PushRun.objects.exists() and not PushDelivery.objects.exists()


def test_the_api_explains_in_chinese_and_in_english(api, court_admin):
    client = api.as_user(court_admin)
    chinese = client.post("/api/v1/push-runs/", {"week": "2024-W23"}, format="json").json()["week"][0]
    assert "只能推送本周或此前8周内的周次" in chinese
    english = client.post("/api/v1/push-runs/", {"week": weeks_from_now(2)}, format="json",
                          HTTP_ACCEPT_LANGUAGE="en").json()["week"][0]
    assert "future" in english
    impossible = client.post("/api/v1/push-runs/", {"week": "9999-W52"}, format="json").json()["week"][0]
    assert "9999年没有第52周" in impossible


@pytest.mark.parametrize("back", [0, RUN_WEEKS_BACK])
def test_the_current_week_and_the_8th_week_back_run(api, court_admin, recipient, back):
    week = weeks_from_now(-back)
    response = api.as_user(court_admin).post("/api/v1/push-runs/", {"week": week}, format="json")
    assert response.status_code == 201 and response.json()["week"] == week
    refused = api.as_user(court_admin).post("/api/v1/push-runs/", {"week": weeks_from_now(-RUN_WEEKS_BACK - 1)},
                                            format="json")
    assert refused.status_code == 400


@pytest.mark.parametrize("week", ["9999-W52", "0001-W01", "2024-W99", "abc"])
def test_the_preview_refuses_them_too(api, client, court_admin, recipient, week):
    response = api.as_user(court_admin).get("/api/v1/push-runs/preview/", {"week": week})
    assert response.status_code == 400 and response.json()["week"]
    client.force_login(court_admin)
    page = client.get(reverse("pushes:run"), {"week": week})
    assert page.status_code == 400 and "周" in page.content.decode()


def test_the_run_page_refuses_them_with_the_form_error(client, court_admin, recipient):
    client.force_login(court_admin)
    for week, said in (("9999-W52", "9999年没有第52周"), ("0001-W01", "此前8周内"), (weeks_from_now(1), "未来")):
        page = client.post(reverse("pushes:run"), {"week": week})
        assert page.status_code == 400 and said in page.content.decode(), week
    assert not PushRun.objects.exists()
    assert client.post(reverse("pushes:run"), {"week": current_week()}).status_code == 302


def test_the_scheduled_run_still_runs_the_current_week(court, recipient):
    summary = services.weekly_pushes_job(court_id=court.pk)
    assert summary["week"] == current_week() and PushRun.objects.get().week == current_week()
