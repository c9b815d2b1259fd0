"""Uploaded tables are read within limits (wanian_exec.tabular, the one reader of the travel and inquiry-result
imports): a decompression bomb is refused from the zip's directory, without inflating it; a file of too many rows is
refused; and a big travel file is not imported inside the request but stored and imported by a job (202, then
the import's status and progress), so no web worker is held for minutes."""
import time
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.services import inquiry_import as inquiry
from sanctions import travel
from sanctions.choices import TravelImportStatus
from sanctions.models import TravelImport, TravelRecord, Violation
from sanctions.tasks import run_travel_import
from tests.sanctions.conftest import approve, propose, travel_csv, xu  # noqa: F401
from tests.test_tabular import bomb

pytestmark = pytest.mark.django_db
IMPORT = "/api/v1/travel-records/import/"
FLIGHT = ["CZ3456 南昌—曼谷", "经济舱"]


def journeys(person, n, start=1):
    return [[person.id, "徐某", "flight", f"2024-{4 + (i // 28):02d}-{1 + i % 28:02d}", *FLIGHT]
            for i in range(start - 1, start - 1 + n)]


@pytest.fixture(scope="module")
def bomb_bytes():
    """A workbook whose shared strings inflate to 300 MB of one character, under 1 MB on disk (built once)."""
    data = bomb()
    assert len(data) < 1024 * 1024
    return data


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def measured(call):
    """(what `call` returned or raised, seconds, peak bytes traced)."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        try:
            outcome = call()
        except ValidationError as exc:
            outcome = exc
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return outcome, time.perf_counter() - started, peak


# --- decompression bombs -----------------------------------------------------------------------------------------


def test_a_travel_file_that_is_a_zip_bomb_is_refused_without_inflating_it(court, judge, bomb_bytes):
    upload = SimpleUploadedFile("出行.xlsx", bomb_bytes)
    result, seconds, peak = measured(lambda: travel.travel_import(court=court, actor=judge, upload=upload))
    assert seconds < 2 and peak < 20 * 1024 * 1024
    assert not result.ok and "解压后超过" in result.rejected[0]["errors"]["file"][0]
    assert not TravelImport.objects.exists() and not TravelRecord.objects.exists()


def test_the_api_refuses_a_zip_bomb_of_travel_records_quickly(api, judge, django_capture_on_commit_callbacks,
                                                              bomb_bytes):
    client, upload = api.as_user(judge), SimpleUploadedFile("出行.xlsx", bomb_bytes)
    client.get("/api/v1/travel-imports/")  # the process's first request loads the API: not the file's time
    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):  # inflated size says "big": stored, then the job
        response = client.post(IMPORT, {"file": upload}, format="multipart")
    assert time.perf_counter() - started < 2
    assert response.status_code == 202
    batch = TravelImport.objects.get(pk=response.json()["batch"])
    assert batch.status == TravelImportStatus.FAILED and "解压后超过" in batch.rejected[0]["errors"]["file"][0]
    assert not TravelRecord.objects.exists()


def test_an_inquiry_result_file_that_is_a_zip_bomb_is_refused_without_inflating_it(enforcement_case, judge,
                                                                                  bomb_bytes):
    upload, parties = SimpleUploadedFile("结果.xlsx", bomb_bytes), list(enforcement_case.respondents.all())
    outcome, seconds, peak = measured(lambda: inquiry.parse_result_rows(upload, parties=parties, scopes=["deposit"]))
    assert seconds < 2 and peak < 20 * 1024 * 1024
    assert isinstance(outcome, ValidationError) and "解压后超过" in outcome.message_dict["file"][0]


# --- too many rows -----------------------------------------------------------------------------------------------


def test_a_travel_file_of_too_many_rows_is_refused_at_the_limit(court, judge, xu, monkeypatch):
    monkeypatch.setattr(travel, "LIMITS", travel.Limits(max_rows=50))
    result = travel.travel_import(court=court, actor=judge, upload=travel_csv(journeys(xu, 80)))
    assert not result.ok
    assert result.rejected == [{"row": 52, "errors": {"file": ["文件超过50行，请分批导入。"]}}]
    assert not TravelRecord.objects.exists() and not Violation.objects.exists()


def test_the_travel_limits_take_a_provinces_month_but_not_more():
    assert travel.LIMITS.max_rows == 1_000_000
    assert travel.LIMITS.max_loaded_part_bytes <= 32 * 1024 * 1024


def test_an_inquiry_result_file_of_too_many_rows_is_refused(enforcement_case, judge):
    party = enforcement_case.respondents.get()
    rows = "".join(f"{party.id_number},{party.name},存款,账户{i},1.00\n" for i in range(inquiry.LIMITS.max_rows + 1))
    upload = SimpleUploadedFile("结果.csv", ("证件号码,姓名,财产类型,财产描述,价值\n" + rows).encode())
    with pytest.raises(ValidationError) as caught:
        inquiry.parse_result_rows(upload, parties=[party], scopes=["deposit"])
    assert caught.value.message_dict["file"] == ["文件超过5,000行，请分批导入。"]


# --- big files: a job --------------------------------------------------------------------------------------------


@pytest.fixture
def small_sync(settings):
    settings.TRAVEL_IMPORT_SYNC_MAX_BYTES = 500  # a few rows are "big": the job path, with the real limits after
    return settings


def test_a_big_file_is_answered_202_and_imported_by_the_job(api, judge, xu, small_sync,
                                                           django_capture_on_commit_callbacks, media):
    client = api.as_user(judge)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(IMPORT, {"file": travel_csv(journeys(xu, 40))}, format="multipart")
        assert response.status_code == 202, response.json()
        body = response.json()
        assert (body["status"], body["progress"], body["rows"]) == ("queued", 0, 0)
        assert not TravelRecord.objects.exists()  # nothing imported inside the request
        assert list(media.rglob("*.csv"))  # the file is stored for the job
    assert callbacks
    state = client.get(f"/api/v1/travel-imports/{body['batch']}/").json()
    assert (state["status"], state["status_display"]) == ("done", "已导入")
    assert (state["rows"], state["violations"], state["progress"]) == (40, 40, 40)
    assert TravelRecord.objects.count() == Violation.objects.count() == 40
    assert not list(media.rglob("*.csv"))  # the stored file is deleted once imported
    assert run_travel_import(body["batch"])["skipped"]  # a redelivered task changes nothing
    assert Violation.objects.count() == 40


def test_a_big_file_with_a_bad_row_fails_in_the_job_and_may_be_sent_again(api, judge, xu, small_sync,
                                                                         django_capture_on_commit_callbacks):
    client = api.as_user(judge)
    rows = journeys(xu, 30) + [[xu.id, "徐某", "boat", "2024-04-02", "", ""]]
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(IMPORT, {"file": travel_csv(rows)}, format="multipart").json()
    state = client.get(f"/api/v1/travel-imports/{first['batch']}/").json()
    assert state["status"] == "failed" and state["rejected_count"] == 1
    assert state["rejected"][0]["row"] == 32 and "mode" in state["rejected"][0]["errors"]
    assert state["error"] == "1行有误，整个文件未导入"
    assert not TravelRecord.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(IMPORT, {"file": travel_csv(rows)}, format="multipart")
    assert again.status_code == 202  # a failed file is not "already imported"


def test_the_same_big_file_while_queued_is_not_queued_twice(api, judge, xu, small_sync):
    client = api.as_user(judge)
    first = client.post(IMPORT, {"file": travel_csv(journeys(xu, 40))}, format="multipart")  # the job not run yet
    again = client.post(IMPORT, {"file": travel_csv(journeys(xu, 40))}, format="multipart")
    assert (first.status_code, again.status_code) == (202, 409)
    assert again.json()["batch"] == first.json()["batch"] and "正在导入" in again.json()["detail"]


def test_a_small_file_keeps_the_synchronous_answer(api, judge, xu):
    response = api.as_user(judge).post(IMPORT, {"file": travel_csv(journeys(xu, 3))}, format="multipart")
    assert response.status_code == 201
    body = response.json()
    assert (body["imported"], body["rejected"], body["violations"]) == (3, [], 3)


def test_the_import_page_sends_a_big_file_to_the_job_and_shows_its_state(client, judge, xu, small_sync,
                                                                        django_capture_on_commit_callbacks):
    client.force_login(judge)
    url = reverse("sanctions:travel-import")
    with django_capture_on_commit_callbacks(execute=False):
        page = client.post(url, {"file": travel_csv(journeys(xu, 40))}, follow=True).content.decode()
    assert "后台导入" in page and 'data-status="queued"' in page and "已读取0行" in page
    assert 'http-equiv="refresh"' in page  # the page looks again while the job runs
    batch = TravelImport.objects.get()
    run_travel_import(batch.pk)
    page = client.get(url).content.decode()
    assert 'data-status="done"' in page and "40条，违规40次" in page
    assert 'http-equiv="refresh"' not in page


def test_another_courts_import_is_not_found(api, judge, xu, other_judge, small_sync):
    response = api.as_user(judge).post(IMPORT, {"file": travel_csv(journeys(xu, 40))}, format="multipart")
    mine = f"/api/v1/travel-imports/{response.json()['batch']}/"
    assert api.as_user(judge).get(mine).status_code == 200
    assert api.as_user(other_judge).get(mine).status_code == 404
    assert api.as_user(other_judge).get("/api/v1/travel-imports/").json()["count"] == 0
