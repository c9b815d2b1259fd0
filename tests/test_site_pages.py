"""Pages every site has: the icon browsers ask for, and the error pages in the courts' language."""
import pytest
from django.test import RequestFactory, override_settings
from django.views.defaults import server_error


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    icon = client.get(response["Location"])
    assert icon.status_code == 200 and b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an .ico


@pytest.mark.django_db
def test_pages_name_the_icon(client, judge):
    client.force_login(judge)
    assert 'rel="icon"' in client.get("/").content.decode()


def test_the_server_error_page_is_chinese_and_needs_no_context():
    response = server_error(RequestFactory().get("/cases/1/"))
    page = response.content.decode()
    assert response.status_code == 500 and "系统出现错误" in page and "Server error" in page


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_an_unknown_page_is_the_chinese_404(client, judge):
    client.force_login(judge)
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "未找到该页面或案件" in response.content.decode()
