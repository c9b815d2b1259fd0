"""The Django admin at scale: a court admin's changelists and change forms hold their own court's rows only, the
system admin's every court's; no changelist counts the whole table beside a filtered one; sorting is offered on
indexed columns only."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import EnforcementCase, Party
from wanian_exec.adminkit import EXACT_UP_TO, ScalePaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_court_admin(court_admin):
    court_admin.is_staff = True
    court_admin.save(update_fields=["is_staff"])
    return court_admin


def test_a_court_admin_sees_only_their_courts_cases_and_parties(client, staff_court_admin, enforcement_case,
                                                                 other_case):
    client.force_login(staff_court_admin)
    listing = client.get(reverse("admin:cases_enforcementcase_changelist"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert enforcement_case.number in page and other_case.number not in page
    assert client.get(reverse("admin:cases_enforcementcase_change", args=[other_case.pk])).status_code == 302
    assert client.get(reverse("admin:cases_enforcementcase_change", args=[enforcement_case.pk])).status_code == 200
    parties = client.get(reverse("admin:cases_party_changelist")).content.decode()
    other_name = other_case.respondents.first().name
    assert enforcement_case.respondents.first().name in parties and other_name not in parties
    # the court filter is the system admin's only
    assert "court__id__exact" not in page


def test_the_system_admin_sees_every_court(client, admin_user, enforcement_case, other_case):
    client.force_login(admin_user)
    page = client.get(reverse("admin:cases_enforcementcase_changelist")).content.decode()
    assert enforcement_case.number in page and other_case.number in page
    assert "court__id__exact" in page


def test_the_changelist_counts_the_filtered_rows_once(client, admin_user, enforcement_case, other_case):
    client.force_login(admin_user)
    url = reverse("admin:cases_enforcementcase_changelist")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"court__id__exact": enforcement_case.court_id})
    assert response.status_code == 200
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()
              and "cases_enforcementcase" in q["sql"]]
    assert len(counts) == 1  # the filtered rows, not the whole table again


def test_only_indexed_columns_sort(client, admin_user, enforcement_case):
    client.force_login(admin_user)
    page = client.get(reverse("admin:cases_enforcementcase_changelist")).content.decode()
    assert "?o=1" in page  # number
    assert 'class="sortable column-status' not in page and 'class="sortable column-number' in page


def test_the_paginator_counts_exactly_up_to_its_limit(enforcement_case, other_case):
    cases = EnforcementCase.objects.all()
    assert ScalePaginator(cases, 100).count == 2
    assert ScalePaginator(cases.filter(court=enforcement_case.court), 100).count == 1
    assert ScalePaginator(Party.objects.filter(name="nobody"), 100).count == 0
    assert EXACT_UP_TO >= 1000
