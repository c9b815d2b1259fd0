"""Helpers of the three-axes tests: measures through the real services, travel files, the 徐某 debtor."""
import csv
import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.services.case_work import case_record_event, urging_record
from sanctions.services import sanction_approve
from tests.factories import propose_measure

D = dt.date
HEADER = ["id_number", "name", "mode", "travelled_on", "route", "seat_class"]


@pytest.fixture
def urge(judge):
    """`urge(case, party, on)`: record an urging (督促履行), the precondition of a coercive measure."""

    def make(case, party, on=D(2024, 3, 5), channel="phone"):
        return urging_record(actor=judge, party=party, channel=channel, occurred_on=on, enforcement_case=case,
                             outcome="拒不履行")

    return make


@pytest.fixture
def propose(judge):
    """`propose(case, party, kind, **fields)` through the service, as the judge; summons facts filled in."""

    def make(case, party, kind, decided_on=D(2024, 3, 10), **fields):
        # no automatic urging here: these tests check 强制与督促同步 themselves (the `urge` fixture)
        return propose_measure(case, party, kind, actor=judge, decided_on=decided_on, urge=False, **fields)

    return make


@pytest.fixture
def approve(propose, leader):
    """`approve(case, party, kind, on=…, **fields)`: proposed by the judge, approved by the leader."""

    def make(case, party, kind, on=None, **fields):
        sanction = propose(case, party, kind, **fields)
        return sanction_approve(sanction=sanction, actor=leader, on=on or sanction.decided_on)

    return make


@pytest.fixture
def event(judge):
    def make(case, kind, on, party=None, note=""):
        return case_record_event(case=case, actor=judge, kind=kind, occurred_on=on, party=party, note=note)

    return make


def travel_csv(rows, *, header=HEADER, name="travel.csv", bom=False) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    data = ("\ufeff" if bom else "") + buffer.getvalue()
    return SimpleUploadedFile(name, data.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def xu(court, make_case, respondent, approve):
    """徐某: a debtor under a consumption restriction in force from 2024-03-11 (approved that day)."""
    case = make_case(amount_claimed=Decimal("300000.00"))
    restriction = approve(case, respondent, "consumption_restriction", on=D(2024, 3, 11))
    return SimpleNamespace(case=case, party=respondent, restriction=restriction, id=respondent.id_number)
