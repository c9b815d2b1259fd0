"""wanian_exec.bulk.bulk_insert: the rows an import copies come out as the ORM would have written them — defaults,
JSON, decimals, dates, empty text and NULL, tabs, newlines and backslashes — on PostgreSQL (COPY) and elsewhere."""
import datetime as dt
from decimal import Decimal

import pytest

from cases.models import AssetInquiry, CaseEvent, Party
from cases.services.timeline import record_events
from wanian_exec.bulk import bulk_insert

pytestmark = pytest.mark.django_db


def test_rows_are_written_with_their_values_and_defaults(court, enforcement_case, respondent):
    before = CaseEvent.objects.count()
    written = record_events([
        {"case_id": enforcement_case.pk, "kind": "note", "occurred_on": dt.date(2020, 1, 2),
         "note": "a\ttab, a\nnew line, a \\ backslash and “中文”", "amount": Decimal("12.30"), "imported_job": 7,
         "imported_row": 3},
        {"case_id": enforcement_case.pk, "kind": "notice_served", "occurred_on": dt.date(2020, 1, 3),
         "party_id": respondent.pk},
    ])
    assert written == 2 and CaseEvent.objects.count() == before + 2
    first, second = CaseEvent.objects.filter(imported_job__isnull=False).order_by("pk"), \
        CaseEvent.objects.get(kind="notice_served")
    first = first.get()
    assert first.note == "a\ttab, a\nnew line, a \\ backslash and “中文”" and first.amount == Decimal("12.30")
    assert (first.imported_job, first.imported_row, first.urgent, first.party_id) == (7, 3, False, None)
    assert first.created_at is not None
    assert (second.note, second.amount, second.party_id, second.imported_job) == ("", None, respondent.pk, None)


def test_ids_come_back_in_row_order_and_json_is_kept(court, enforcement_case, respondent):
    ids = bulk_insert(Party, [{"court_id": court.pk, "kind": "person", "name": f"批量{i}"} for i in range(3)], ids=True)
    assert [Party.objects.get(pk=pk).name for pk in ids] == ["批量0", "批量1", "批量2"]
    party = Party.objects.get(pk=ids[0])
    assert (party.id_number, party.is_hardship, party.phone) == ("", False, "")
    bulk_insert(AssetInquiry, [{"case_id": enforcement_case.pk, "party_id": respondent.pk, "channel": "online",
                                "scopes": ["deposit", "vehicle"], "requested_on": dt.date(2020, 2, 1),
                                "status": "completed"}])
    inquiry = AssetInquiry.objects.get(case=enforcement_case)
    assert inquiry.scopes == ["deposit", "vehicle"] and inquiry.completed_on is None and inquiry.provider == ""


def test_nothing_to_insert_is_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert bulk_insert(Party, [], ids=True) == [] and record_events([]) == 0
