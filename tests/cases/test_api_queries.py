"""List endpoints cost a fixed number of queries, whatever the number of rows on the page (5 or 50)."""
import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Asset
from cases.services.litigation import litigation_case_file, outcome_record
from cases.services.todos import todo_create_once
from sanctions.services import sanction_approve, sanction_propose
from tests.factories import CourtFactory, GridFactory, PersonFactory, TownshipFactory, UserFactory

pytestmark = pytest.mark.django_db

# Auth (token + user), count, page, and at most a few prefetches; a row must never cost a query.
MAX_QUERIES = 8


def add_rows(kind, n, *, court, judge, leader, clerk, make_case, viewer):
    """Add n rows of a list's kind, through the services where the list shows derived data."""
    if kind == "enforcement-cases":
        for _ in range(n):
            make_case(respondents=[PersonFactory(court=court), PersonFactory(court=court)])
    elif kind == "litigation-cases":
        for _ in range(n):
            case = litigation_case_file(court=court, actor=clerk, cause="买卖合同纠纷", filed_on=dt.date(2024, 1, 10),
                                        plaintiffs=[PersonFactory(court=court)],
                                        defendants=[PersonFactory(court=court), PersonFactory(court=court)],
                                        trial_judge=judge)
            outcome_record(case=case, actor=clerk, kind="mediation", effective_on=dt.date(2024, 2, 1), obligations=[
                {"due_on": dt.date(2024, 3, 1), "amount": Decimal("100.00")},
                {"due_on": dt.date(2024, 4, 1), "amount": Decimal("200.00")}])
    elif kind == "parties":
        township = TownshipFactory(court=court)
        employer = PersonFactory(court=court, kind="organization", id_number="", name="某公司")
        for _ in range(n):
            PersonFactory(court=court, township=township, grid=GridFactory(township=township), employer=employer)
    elif kind == "users":
        for _ in range(n):
            UserFactory(court=court, roles=["clerk", "enforcement_judge"])
    elif kind == "townships":
        for _ in range(n):
            TownshipFactory(court=court)
    elif kind == "grids":
        for _ in range(n):
            GridFactory(township=TownshipFactory(court=court))
    elif kind == "courts":
        for _ in range(n):
            CourtFactory()
    elif kind == "assets":
        case = make_case()
        party = case.respondents.get()
        Asset.objects.bulk_create([Asset(court=court, case=case, party=party, kind="deposit", description=f"账户{i}",
                                         found_on=dt.date(2024, 3, 5)) for i in range(n)])
    elif kind == "todos":
        case = make_case()
        for _ in range(n):
            todo_create_once(court=court, dedupe_key=f"test:{uuid.uuid4()}", assignee=viewer, kind="other",
                             title="待办", enforcement_case=case)
    elif kind == "sanctions":
        for _ in range(n):
            case = make_case(respondents=[PersonFactory(court=court)])
            sanction = sanction_propose(case=case, party=case.respondents.get(), actor=judge,
                                        kind="consumption_restriction", decided_on=dt.date(2024, 3, 5))
            sanction_approve(sanction=sanction, actor=leader, on=dt.date(2024, 3, 6))


LISTS = ["enforcement-cases", "litigation-cases", "parties", "users", "townships", "grids", "courts", "assets",
         "todos", "sanctions"]


@pytest.mark.parametrize("kind", LISTS)
def test_list_queries_are_bounded_and_independent_of_page_size(api, django_assert_max_num_queries, court, judge,
                                                               leader, clerk, admin_user, court_admin, make_case,
                                                               kind):
    viewer = {"users": court_admin, "courts": admin_user, "todos": judge}.get(kind, judge)
    client = api.as_user(viewer)
    url = f"/api/v1/{kind}/"
    rows = dict(court=court, judge=judge, leader=leader, clerk=clerk, make_case=make_case, viewer=viewer)

    # given 5 rows
    add_rows(kind, 5, **rows)
    with django_assert_max_num_queries(MAX_QUERIES):
        small = client.get(url, {"page_size": 100})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"page_size": 100})
    # when there are 50
    add_rows(kind, 45, **rows)
    with django_assert_max_num_queries(MAX_QUERIES):
        large = client.get(url, {"page_size": 100})
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"page_size": 100})
    # then the page got ten times longer and the query count did not move
    assert small.status_code == large.status_code == 200
    assert len(large.json()["results"]) >= len(small.json()["results"]) + 45
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_api_rows_serialize_as_the_whole_case_does(django_assert_num_queries, court, judge, make_case,
                                                       make_litigation_case):
    from cases import selectors
    from cases.api.serializers import EnforcementCaseSerializer
    from cases.models import EnforcementCase

    # given a case filed from a litigation case with two respondents, and one resumed from it
    source = make_litigation_case()
    first = make_case(source_case=source, respondents=[PersonFactory(court=court, name="乙"),
                                                       PersonFactory(court=court, name="甲")])
    later = make_case()
    EnforcementCase.objects.filter(pk=later.pk).update(resumed_from=first)  # the link case_resume writes
    # when the API's rows (ids and names of the parties only, no court) are read and serialized
    with django_assert_num_queries(1):  # the parties joined into the cases' own query
        lean = list(selectors.enforcement_case_api_rows_visible_to(judge).order_by("pk"))
    with django_assert_num_queries(0):  # nothing the serializer shows was left unread
        rows = EnforcementCaseSerializer(lean, many=True).data
    # then they are what the whole case gives
    whole = selectors.enforcement_cases_visible_to(judge).order_by("pk")
    assert rows == EnforcementCaseSerializer(whole, many=True).data
    assert rows[0]["source_case_number"] == source.number
    assert rows[0]["respondent_names"] == ["乙", "甲"]  # in name order (Party.Meta.ordering), as before
    assert rows[1]["resumed_from_number"] == first.number
    assert rows[0]["judge_name"] == judge.display_name


def test_the_api_rows_carry_their_parties_as_prefetch_related_would(django_assert_num_queries, court, judge,
                                                                     make_case):
    from cases import selectors

    # given a case whose respondents include two of one name and names with the separators' neighbours in them
    twins = [PersonFactory(court=court, name="张三"), PersonFactory(court=court, name="张三")]
    odd = PersonFactory(court=court, name="A:B、C 公司（1）")
    case = make_case(respondents=[twins[1], odd, twins[0]])
    # when it is read through the API's rows
    with django_assert_num_queries(1):
        row = selectors.enforcement_case_api_rows_visible_to(judge).get(pk=case.pk)
        respondents = selectors.case_parties_read(row, "respondents")
        applicants = selectors.case_parties_read(row, "applicants")
    # then they are the parties, in Party.Meta.ordering (name, then id), as the whole case's prefetch gives them
    assert [(p.pk, p.name) for p in respondents] == [(p.pk, p.name) for p in case.respondents.order_by("name", "pk")]
    assert [p.pk for p in respondents] == [odd.pk, *sorted(t.pk for t in twins)]
    assert [p.pk for p in applicants] == [p.pk for p in case.applicants.all()]
    # and a case read whole gives the same through the same function (its relation)
    whole = selectors.enforcement_cases_visible_to(judge).get(pk=case.pk)
    assert [(p.pk, p.name) for p in selectors.case_parties_read(whole, "respondents")] == [
        (p.pk, p.name) for p in respondents]


def test_a_name_with_the_separators_in_it_is_read_whole(court, judge, make_case):
    from cases import selectors

    # given a respondent whose name holds both separators (written before names refused control characters)
    odd = PersonFactory(court=court, name="x")
    Party = type(odd)
    Party.objects.filter(pk=odd.pk).update(name="甲\x1f乙\x1e丙")
    case = make_case(respondents=[odd, PersonFactory(court=court, name="丁")])
    # when the API's rows are read, then the name comes back whole, beside the other respondent
    row = selectors.enforcement_case_api_rows_visible_to(judge).get(pk=case.pk)
    assert sorted((p.pk, p.name) for p in selectors.case_parties_read(row, "respondents")) == sorted(
        [(odd.pk, "甲\x1f乙\x1e丙"), (case.respondents.get(name="丁").pk, "丁")])
