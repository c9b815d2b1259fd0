"""The browser flow of imports: a court admin's list and upload form, a job's progress and report, confirming a
preview; others refused (403), another court's job not found (404)."""
import pytest
from django.urls import reverse

from cases.models import User
from imports.models import ImportJob
from tests.factories import UserFactory
from tests.imports.tables import table_csv

pytestmark = pytest.mark.django_db

HEADERS = ["用户名", "姓名", "角色", "联系电话", "初始密码"]


def staff(*rows):
    return table_csv(HEADERS, list(rows) or [["zhangsan", "张三", "执行法官", "", ""]], name="staff.csv")


@pytest.fixture
def admin_client(client, court_admin):
    client.force_login(court_admin)
    return client


def upload(client, django_capture_on_commit_callbacks, file, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("imports:list"), {"kind": "users", "file": file, **data})


def test_the_upload_form_previews_by_default(admin_client):
    page = admin_client.get(reverse("imports:list")).content.decode()
    assert 'name="dry_run"' in page and "checked" in page.split('name="dry_run"')[0].rsplit("<input", 1)[1] + \
        page.split('name="dry_run"')[1].split(">")[0]
    assert reverse("import-job-template", kwargs={"kind": "push_recipients"}) in page


def test_a_preview_then_its_confirmation_imports_the_same_file(admin_client, court_admin,
                                                               django_capture_on_commit_callbacks):
    # when the admin uploads with 先预览 ticked
    response = upload(admin_client, django_capture_on_commit_callbacks, staff(), dry_run="on")
    preview = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("imports:detail", args=[preview.pk])
    assert preview.dry_run and preview.status == "done" and not User.objects.filter(username="zhangsan").exists()
    # then the report shows the counts and the confirm button
    page = admin_client.get(response.url).content.decode()
    assert "预览报告" in page and "确认导入" in page and reverse("imports:confirm", args=[preview.pk]) in page
    # when it is confirmed
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = admin_client.post(reverse("imports:confirm", args=[preview.pk]))
    job = ImportJob.objects.exclude(pk=preview.pk).get()
    # then a real import of the same file ran, and the preview points to it instead of offering the button again
    assert confirmed.url == reverse("imports:detail", args=[job.pk])
    assert not job.dry_run and job.status == "done" and job.sha256 == preview.sha256
    assert job.original_name == "staff.csv" and job.created_by == court_admin
    assert User.objects.get(username="zhangsan").court == court_admin.court
    again = admin_client.get(reverse("imports:detail", args=[preview.pk])).content.decode()
    assert reverse("imports:confirm", args=[preview.pk]) not in again
    assert reverse("imports:detail", args=[job.pk]) in again
    # and confirming twice imports nothing twice
    admin_client.post(reverse("imports:confirm", args=[preview.pk]))
    assert ImportJob.objects.count() == 2


def test_a_preview_with_errors_lists_them_and_cannot_be_confirmed(admin_client, django_capture_on_commit_callbacks):
    upload(admin_client, django_capture_on_commit_callbacks,
           staff(["zhangsan", "张三", "法警", "", ""], ["bad name", "李四", "书记员", "", ""]), dry_run="on")
    preview = ImportJob.objects.get()
    assert preview.status == "failed"
    page = admin_client.get(reverse("imports:detail", args=[preview.pk])).content.decode()
    assert "2行有误，整个文件未导入" in page
    assert "第2行" in page and "“法警”不是可选值" in page and "第3行" in page and "用户名" in page
    assert reverse("imports:confirm", args=[preview.pk]) not in page
    response = admin_client.post(reverse("imports:confirm", args=[preview.pk]))
    assert response.status_code == 409 and ImportJob.objects.count() == 1


def test_a_file_changed_after_the_preview_is_not_imported(admin_client, django_capture_on_commit_callbacks):
    upload(admin_client, django_capture_on_commit_callbacks, staff(), dry_run="on")
    preview = ImportJob.objects.get()
    with open(preview.file.path, "ab") as stored:
        stored.write("lisi,李四,书记员,,\n".encode())
    response = admin_client.post(reverse("imports:confirm", args=[preview.pk]))
    assert response.status_code == 409 and "SHA-256" in response.content.decode()
    assert ImportJob.objects.count() == 1 and not User.objects.filter(username="lisi").exists()


def test_unticked_preview_imports_at_once(admin_client, django_capture_on_commit_callbacks):
    upload(admin_client, django_capture_on_commit_callbacks, staff())
    job = ImportJob.objects.get()
    assert not job.dry_run and User.objects.filter(username="zhangsan").exists()


def test_a_running_job_polls_and_a_finished_one_stops(admin_client, court, court_admin):
    from django.core.files.base import ContentFile

    job = ImportJob(court=court, created_by=court_admin, kind="users", original_name="a.csv", sha256="0" * 64,
                    status="running", progress=0.25)
    job.file.save("a.csv", ContentFile(b"x"), save=True)
    status = reverse("imports:status", args=[job.pk])
    page = admin_client.get(status).content.decode()
    assert 'hx-trigger="every 2s"' in page and f'hx-get="{status}"' in page and 'value="25"' in page
    ImportJob.objects.filter(pk=job.pk).update(status="done", progress=1)
    page = admin_client.get(status).content.decode()
    assert "hx-trigger" not in page and "导入完成" in page


def test_a_bad_file_is_refused_by_the_form(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(reverse("imports:list"), {"kind": "users", "file": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert response.status_code == 200 and "仅支持CSV或Excel" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_list_shows_the_courts_jobs_only(admin_client, court_admin, other_court, django_capture_on_commit_callbacks):
    upload(admin_client, django_capture_on_commit_callbacks, staff(), dry_run="on")
    other_admin = UserFactory(court=other_court, username="padmin", roles=["court_admin"])
    from imports.services.runner import import_job_create
    theirs = import_job_create(court=other_court, actor=other_admin, kind="users",
                               upload=table_csv(HEADERS, [["x", "X", "书记员", "", ""]], name="theirs.csv"))
    page = admin_client.get(reverse("imports:list")).content.decode()
    assert "staff.csv" in page and "theirs.csv" not in page
    for name in ("imports:detail", "imports:status"):
        assert admin_client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert admin_client.post(reverse("imports:confirm", args=[theirs.pk])).status_code == 404


@pytest.mark.parametrize("who", ["judge", "clerk", "leader"])
def test_other_roles_are_refused(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("imports:list")).status_code == 403
    assert client.post(reverse("imports:confirm", args=[1])).status_code == 403


def test_the_nav_shows_imports_to_court_admins_only(admin_client, client, judge):
    assert reverse("imports:list") in admin_client.get(reverse("home")).content.decode()
    client.force_login(judge)
    assert reverse("imports:list") not in client.get(reverse("home")).content.decode()


def test_the_list_page_reads_a_constant_number_of_queries(admin_client, court, court_admin,
                                                          django_assert_max_num_queries):
    from django.core.files.base import ContentFile

    for i in range(40):
        job = ImportJob(court=court, created_by=court_admin, kind="users", original_name=f"{i}.csv", sha256="0" * 64)
        job.file.save(f"{i}.csv", ContentFile(b"x"), save=True)
    with django_assert_max_num_queries(20):
        assert admin_client.get(reverse("imports:list")).status_code == 200


def test_the_page_in_english(admin_client, django_capture_on_commit_callbacks):
    upload(admin_client, django_capture_on_commit_callbacks, staff(["zhangsan", "张三", "法警", "", ""]), dry_run="on")
    job = ImportJob.objects.get()
    admin_client.cookies["django_language"] = "en"
    page = admin_client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "Preview report" in page and "is not one of the allowed values" and "1 row has errors" in page in page


def test_the_report_names_new_users_left_without_a_password(admin_client, django_capture_on_commit_callbacks):
    upload(admin_client, django_capture_on_commit_callbacks,
           staff(["zhangsan", "张三", "执行法官", "", ""], ["lisi", "李四", "书记员", "", "Wannian-Lisi-9"]))
    job = ImportJob.objects.get()
    page = admin_client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "以下新用户未设置初始密码" in page and "zhangsan" in page.split("以下新用户未设置初始密码")[1]
    assert "lisi" not in page.split("以下新用户未设置初始密码")[1].split("</div>")[0]
    assert "未设置密码的新用户<strong>1</strong>" in page
