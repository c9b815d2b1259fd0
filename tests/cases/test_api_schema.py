"""The OpenAPI schema and its docs page, served without any internet access."""
import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_describes_every_contract_path(client, judge):
    client.force_login(judge)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = set(response.json()["paths"])
    for path in ["/api/v1/auth/token/", "/api/v1/me/", "/api/v1/courts/", "/api/v1/users/", "/api/v1/townships/",
                 "/api/v1/grids/", "/api/v1/parties/", "/api/v1/litigation-cases/",
                 "/api/v1/litigation-cases/{id}/outcome/", "/api/v1/litigation-cases/{id}/preservations/",
                 "/api/v1/litigation-cases/{id}/payments/", "/api/v1/litigation-cases/{id}/urgings/",
                 "/api/v1/enforcement-cases/", "/api/v1/enforcement-cases/{id}/timeline/",
                 "/api/v1/enforcement-cases/{id}/events/", "/api/v1/enforcement-cases/{id}/inquiries/",
                 "/api/v1/enforcement-cases/{id}/funds/", "/api/v1/enforcement-cases/{id}/urgings/",
                 "/api/v1/enforcement-cases/{id}/close/", "/api/v1/enforcement-cases/{id}/resume/",
                 "/api/v1/assets/", "/api/v1/todos/", "/api/v1/sanctions/", "/api/v1/sanctions/{id}/approve/",
                 "/api/v1/sanctions/{id}/reject/"]:
        assert path in paths, path


def test_the_schema_lists_the_enforcement_filters(client, judge):
    client.force_login(judge)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    params = {p["name"] for p in schema["paths"]["/api/v1/enforcement-cases/"]["get"]["parameters"]}
    assert {"status", "case_type", "judge", "closure_method", "filed_on_after", "filed_on_before",
            "closed_on_after", "closed_on_before", "q", "page", "page_size"} <= params


def test_the_docs_page_loads_only_local_assets(client, judge):
    client.force_login(judge)
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)\s*=\s*["\']([^"\']+)', html, flags=re.I)
    assert sources, html
    assert not [s for s in sources if re.match(r"(https?:)?//", s)], sources
    assert not re.search(r"https?://[^\s\"']*(unpkg|jsdelivr|cdnjs|googleapis)", html)
