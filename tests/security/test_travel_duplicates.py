"""Travel imports record each journey once: the same file twice is recognised (nothing written, no new violations),
a journey repeated within a file or across files is recorded once, and each journey breaches each restriction
once. The rule is the database's (a unique journey per court), so it holds on the COPY path too."""
import datetime as dt

import pytest
from django.urls import reverse

from sanctions.models import TravelImport, TravelRecord, Violation
from sanctions.travel import travel_import
from tests.sanctions.conftest import approve, propose, travel_csv, xu  # noqa: F401

pytestmark = pytest.mark.django_db
URL = "/api/v1/travel-records/import/"

FLIGHT = ["CZ3456 南昌—曼谷", "经济舱"]


def rows_of(person, *days):
    return [[person.id, "徐某", "flight", day, *FLIGHT] for day in days]


def test_the_same_file_twice_is_recognised_and_adds_nothing(court, judge, xu):
    first = travel_import(court=court, actor=judge, upload=travel_csv(rows_of(xu, "2024-04-01", "2024-04-02")))
    assert first.ok and (first.imported, first.violations) == (2, 2)
    again = travel_import(court=court, actor=judge, upload=travel_csv(rows_of(xu, "2024-04-01", "2024-04-02"),
                                                                        name="renamed.csv"))
    assert not again.ok
    assert again.already == first.batch
    assert (again.imported, again.violations) == (0, 0)
    assert TravelImport.objects.count() == 1
    assert TravelRecord.objects.count() == Violation.objects.count() == 2


def test_the_api_answers_the_same_file_with_the_earlier_import(api, judge, xu):
    client = api.as_user(judge)
    first = client.post(URL, {"file": travel_csv(rows_of(xu, "2024-04-01"))}, format="multipart")
    assert first.status_code == 201, first.json()
    again = client.post(URL, {"file": travel_csv(rows_of(xu, "2024-04-01"))}, format="multipart")
    assert again.status_code == 409
    body = again.json()
    assert body["code"] == "already_imported" and body["batch"] == first.json()["batch"]
    assert body["detail"].startswith("该文件已于") and "travel.csv" in body["detail"]
    assert (body["imported"], body["violations"]) == (0, 0)
    english = client.post(URL, {"file": travel_csv(rows_of(xu, "2024-04-01"))}, format="multipart",
                          HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 409 and "already imported" in english.json()["detail"]
    assert Violation.objects.count() == 1


def test_the_import_page_says_the_file_was_imported(client, judge, xu):
    client.force_login(judge)
    url = reverse("sanctions:travel-import")
    client.post(url, {"file": travel_csv(rows_of(xu, "2024-04-01"))})
    page = client.post(url, {"file": travel_csv(rows_of(xu, "2024-04-01"))}, follow=True).content.decode()
    assert "该文件已于" in page
    assert TravelRecord.objects.count() == Violation.objects.count() == 1


def test_identical_rows_in_one_file_are_one_journey_and_one_violation(court, judge, xu):
    result = travel_import(court=court, actor=judge, upload=travel_csv(rows_of(xu, *["2024-04-01"] * 500)))
    assert result.ok
    assert (result.imported, result.repeated, result.violations) == (1, 499, 1)
    assert TravelRecord.objects.count() == Violation.objects.count() == 1


def test_a_journey_in_two_different_files_is_recorded_once(court, judge, xu):
    travel_import(court=court, actor=judge, upload=travel_csv(rows_of(xu, "2024-04-01")))
    second = travel_import(court=court, actor=judge, upload=travel_csv(rows_of(xu, "2024-04-01", "2024-04-05"),
                                                                         name="week.csv"))
    assert second.ok and (second.imported, second.repeated, second.violations) == (1, 1, 1)
    assert TravelRecord.objects.count() == Violation.objects.count() == 2
    assert sorted(Violation.objects.values_list("travelled_on", flat=True)) == [dt.date(2024, 4, 1),
                                                                               dt.date(2024, 4, 5)]


def test_another_route_the_same_day_is_another_journey(court, judge, xu):
    rows = [[xu.id, "徐某", "flight", "2024-04-01", "CZ3456 南昌—曼谷", "经济舱"],
            [xu.id, "徐某", "flight", "2024-04-01", "CZ3457 曼谷—南昌", "经济舱"]]
    result = travel_import(court=court, actor=judge, upload=travel_csv(rows))
    assert (result.imported, result.violations) == (2, 2)


def test_another_court_imports_the_same_file_for_itself(court, judge, other_court, other_judge, xu):
    upload = rows_of(xu, "2024-04-01")
    travel_import(court=court, actor=judge, upload=travel_csv(upload))
    theirs = travel_import(court=other_court, actor=other_judge, upload=travel_csv(upload))
    assert theirs.ok and theirs.imported == 1
    assert TravelRecord.objects.filter(court=other_court).count() == 1


def test_a_refused_file_can_be_sent_again_once_corrected(court, judge, xu):
    bad = rows_of(xu, "2024-04-01") + [[xu.id, "徐某", "boat", "2024-04-02", "", ""]]
    assert not travel_import(court=court, actor=judge, upload=travel_csv(bad)).ok
    again = travel_import(court=court, actor=judge, upload=travel_csv(bad))
    assert again.already is None and again.rejected_count == 1  # refused again for its rows, not as a repeat
    fixed = travel_import(court=court, actor=judge, upload=travel_csv(rows_of(xu, "2024-04-01")))
    assert fixed.ok and fixed.imported == 1
