"""Search and form shapes changed for province scale (cases.selectors.search_cases, case_parties)."""
import pytest

from cases import selectors
from cases.forms import ContactForm, EventForm
from cases.models import EnforcementCase
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_whole_case_number_finds_that_case_only(make_case):
    first, second = make_case(), make_case()
    everything = EnforcementCase.objects.all()
    assert list(selectors.search_cases(everything, first.number)) == [first]
    # typed with ASCII brackets, as people do
    ascii_number = first.number.replace("（", "(").replace("）", ")")
    assert list(selectors.search_cases(everything, f"  {ascii_number} ")) == [first]
    # a part of a number still searches every number and every party name
    assert set(selectors.search_cases(everything, "执")) == {first, second}
    assert set(selectors.search_cases(everything, "姚某")) == {first, second}


def test_the_party_choices_of_a_case_are_its_applicants_and_respondents(make_case, court, applicant, respondent):
    second = PersonFactory(court=court, name="姚某某")
    case = make_case(respondents=[respondent, second])
    PersonFactory(court=court, name="无关的人")
    expected = {applicant, respondent, second}
    assert set(selectors.case_parties(case)) == expected
    assert set(EventForm(case=case).fields["party"].queryset) == expected
    assert set(ContactForm(case=case).fields["party"].queryset) == expected


def test_a_deep_page_by_deferred_join_holds_the_same_cases_as_a_plain_page(make_case):
    from django.core.paginator import Paginator

    from wanian_exec.queries import DeferredJoinPaginator

    for _ in range(7):
        make_case()
    cases = EnforcementCase.objects.order_by("-filed_on", "-pk")
    deferred = DeferredJoinPaginator(cases, 2)
    deferred.deferred_from = 0  # every page by ids first
    plain = Paginator(cases, 2)
    for number in plain.page_range:
        assert list(deferred.page(number).object_list) == list(plain.page(number).object_list)
