import datetime as dt

import pytest
from django.urls import reverse

from documents.services import document_issue

pytestmark = pytest.mark.django_db


def test_admin_lists_and_shows_documents_read_only(client, admin_user, enforcement_case, judge):
    document = document_issue(case=enforcement_case, kind="execution_notice", actor=judge,
                              issued_on=dt.date(2024, 3, 2))
    client.force_login(admin_user)
    listing = client.get(reverse("admin:documents_document_changelist"))
    assert listing.status_code == 200 and document.number in listing.content.decode()
    assert client.get(reverse("admin:documents_document_change", args=[document.pk])).status_code == 200
    assert client.get(reverse("admin:documents_document_add")).status_code == 403
    assert client.get(reverse("admin:documents_documentcounter_changelist")).status_code == 200
