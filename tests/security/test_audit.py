"""Audit trail of every write: who, when, before and after — through the web, the API and the admin, visible per
case on the case page and in the admin."""
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.context import acting
from audit.models import AuditEntry
from cases.models import Party
from cases.services.enforcement import case_update

pytestmark = pytest.mark.django_db


def test_a_web_edit_records_who_and_the_field_before_and_after(client, enforcement_case, judge):
    client.force_login(judge)
    response = client.post(reverse("case-edit", args=[enforcement_case.pk]),
                           {"judge": judge.pk, "amount_claimed": "130000.00", "source_document": "调解书",
                            "version": enforcement_case.version})
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(case_id=enforcement_case.pk, action="update",
                                      content_type__model="enforcementcase").latest("pk")
    assert entry.actor == judge and entry.actor_name == judge.username and entry.source == "web"
    assert entry.changes["amount_claimed"] == ["126000.00", "130000.00"]
    assert entry.changes["source_document"] == ["（2024）赣1129民初88号民事调解书", "调解书"]
    assert entry.changes["version"] == [1, 2]
    assert entry.path == reverse("case-edit", args=[enforcement_case.pk])


def test_an_api_write_by_token_is_attributed_to_the_token_user(api, enforcement_case, judge):
    response = api.as_user(judge).post(f"/api/v1/enforcement-cases/{enforcement_case.pk}/funds/",
                                       {"direction": "in", "amount": "1000.00", "occurred_on": "2024-03-05"},
                                       format="json")
    assert response.status_code == 201, response.content
    entries = AuditEntry.objects.filter(case_id=enforcement_case.pk, source="api")
    assert entries.filter(content_type__model="fundentry", action="create").exists()
    assert all(e.actor_id == judge.pk for e in entries)
    case_row = entries.filter(content_type__model="enforcementcase").latest("pk")
    assert case_row.changes["amount_recovered"] == ["0.00", "1000.00"]


def test_creates_and_deletes_are_recorded_and_identity_numbers_are_masked(court, judge):
    with acting(user=judge, source="web"):
        party = Party.objects.create(court=court, kind="person", name="赵某", id_number="36112919850714001X")
        party.delete()
    created, deleted = AuditEntry.objects.filter(content_type__model="party").order_by("pk")
    assert created.action == "create" and deleted.action == "delete"
    assert created.changes["id_number"][1] != "36112919850714001X" and "*" in created.changes["id_number"][1]
    assert "36112919850714001X" not in str(deleted.changes)


def test_a_rolled_back_write_leaves_no_entry(enforcement_case, judge):
    from django.db import transaction

    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        case_update(case=enforcement_case, actor=judge, version=enforcement_case.version, is_livelihood=True)
        raise RuntimeError
    assert AuditEntry.objects.count() == before


def test_passwords_are_never_stored(judge):
    judge.set_password("Another-Secret-1")
    judge.save()
    entry = AuditEntry.objects.filter(content_type__model="user", object_id=str(judge.pk)).latest("pk")
    assert entry.changes["password"][1] == "******"
    assert "Another-Secret" not in str(entry.changes) and "md5$" not in str(entry.changes)


def test_the_case_page_shows_its_audit_trail_when_opened(client, enforcement_case, judge,
                                                          django_assert_max_num_queries):
    case_update(case=enforcement_case, actor=judge, version=enforcement_case.version,
                amount_claimed=Decimal("130000.00"))
    with acting(user=judge, source="web"):
        case_update(case=enforcement_case, actor=judge, version=enforcement_case.version + 1, is_livelihood=True)
    client.force_login(judge)
    # the case page shows the section closed: its rows are fetched when it is opened, or on their own page
    page = client.get(reverse("case-detail", args=[enforcement_case.pk])).content.decode()
    audit_url = reverse("case-audit", args=[enforcement_case.pk])
    assert 'id="audit"' in page and "操作审计" in page
    assert f'hx-get="{audit_url}"' in page and f'href="{audit_url}"' in page
    assert "False → True" not in page
    # when opened (htmx): the entries alone, in a fixed number of queries (session, user, access, case, entries)
    with django_assert_max_num_queries(6):
        part = client.get(audit_url, HTTP_HX_REQUEST="true").content.decode()
    assert "涉民生案件" in part and "False → True" in part and judge.username in part
    assert "<html" not in part and 'class="audit-entries"' in part
    # without JavaScript: a page of its own, linking back to the case
    whole = client.get(audit_url).content.decode()
    assert "<html" in whole and "False → True" in whole
    assert f'href="{reverse("case-detail", args=[enforcement_case.pk])}"' in whole


def test_another_courts_audit_trail_is_not_found(client, enforcement_case, other_judge):
    client.force_login(other_judge)
    assert client.get(reverse("case-audit", args=[enforcement_case.pk])).status_code == 404
    assert client.get(reverse("case-audit", args=[enforcement_case.pk]), HTTP_HX_REQUEST="true").status_code == 404


def test_the_audit_trail_needs_a_login(client, enforcement_case):
    response = client.get(reverse("case-audit", args=[enforcement_case.pk]))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_the_audit_trail_is_read_only_in_the_admin(client, admin_user, enforcement_case):
    client.force_login(admin_user)
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    entry = AuditEntry.objects.first()
    assert client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).status_code == 200
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_an_admin_edit_is_recorded_with_the_admin_as_actor(client, admin_user, court):
    client.force_login(admin_user)
    response = client.post(reverse("admin:cases_court_change", args=[court.pk]),
                           {"code": court.code, "name": "万年县人民法院（改）"}, follow=False)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        entry = AuditEntry.objects.filter(content_type__model="court").latest("pk")
        assert entry.actor == admin_user and entry.source == "admin"
        assert entry.changes["name"] == ["万年县人民法院", "万年县人民法院（改）"]


def test_a_row_without_a_name_of_its_own_is_recorded_by_its_kind_and_number(enforcement_case, judge):
    from cases.services.case_work import case_record_fund

    fund = case_record_fund(case=enforcement_case, actor=judge, direction="in", amount=Decimal("800.00"),
                            occurred_on=enforcement_case.filed_on)
    entry = AuditEntry.objects.filter(content_type__model="fundentry", object_id=str(fund.pk)).get()
    assert entry.object_repr == f"执行款台账 #{fund.pk}"  # not Django's "FundEntry object (…)"
    case_entry = AuditEntry.objects.filter(content_type__model="enforcementcase").latest("pk")
    assert case_entry.object_repr == enforcement_case.number  # a model's own name is kept
