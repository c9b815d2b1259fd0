"""The API schema and its docs pages are for logged-in users: anonymous → 401 (schema) or the login page (docs);
any logged-in user, by session or token, whatever their role or court, may read them."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/schema/", "/api/schema/?format=json"])
def test_an_anonymous_caller_gets_no_schema(client, url):
    response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert "paths" not in response.content.decode()


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_an_anonymous_browser_is_sent_to_the_login_page_and_back(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("role", ["clerk", "judge", "leader"])
def test_any_logged_in_user_reads_the_schema_and_the_docs(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert "/api/v1/me/" in client.get("/api/schema/?format=json").json()["paths"]
    assert client.get("/api/docs/").status_code == 200
    assert client.get("/api/redoc/").status_code == 200


def test_another_courts_user_and_a_token_user_read_it_too(api, other_judge):
    assert api.as_user(other_judge).get("/api/schema/?format=json").status_code == 200
