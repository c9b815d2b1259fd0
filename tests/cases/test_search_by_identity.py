"""A clerk's first question, "what cases does this ID number have?": one search box finds enforcement and
litigation cases by 案号, a party's name, resident ID or credit code, and a party's page lists its cases in every
role, with links. Searches stay inside the user's court."""
import pytest
from django.urls import reverse

from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def listed(client, name, q):
    page = client.get(reverse(name), {"q": q}).content.decode()
    return page


def test_a_debtors_resident_id_finds_the_case_in_the_list_and_the_api(client, api, judge, enforcement_case,
                                                                      respondent):
    client.force_login(judge)
    for typed in (respondent.id_number, respondent.id_number.lower(), f"  {respondent.id_number} "):
        assert enforcement_case.number in listed(client, "case-list", typed)
    answer = api.as_user(judge).get("/api/v1/enforcement-cases/", {"q": respondent.id_number}).json()
    assert [row["number"] for row in answer["results"]] == [enforcement_case.number]


def test_an_applicants_credit_code_finds_the_case(api, judge, make_case, court):
    bank = OrganizationFactory(court=court, name="万年农商银行")
    case = make_case(applicants=[bank])
    make_case()  # another case of other parties
    answer = api.as_user(judge).get("/api/v1/enforcement-cases/", {"q": bank.credit_code}).json()
    assert [row["number"] for row in answer["results"]] == [case.number]


def test_an_id_number_of_nobody_finds_nothing_and_a_partial_number_is_not_an_id_search(api, judge,
                                                                                      enforcement_case, respondent):
    stranger = PersonFactory.build().id_number
    client = api.as_user(judge)
    assert client.get("/api/v1/enforcement-cases/", {"q": stranger}).json()["count"] == 0
    assert client.get("/api/v1/enforcement-cases/", {"q": respondent.id_number[:10]}).json()["count"] == 0


def test_the_same_person_in_another_court_is_not_found_there(api, judge, other_judge, other_court, make_case,
                                                             court):
    person = PersonFactory(court=court, name="王五")
    make_case(respondents=[person])
    PersonFactory(court=other_court, name="王五", id_number=person.id_number)
    assert api.as_user(other_judge).get("/api/v1/enforcement-cases/", {"q": person.id_number}).json()["count"] == 0


def test_the_litigation_list_finds_by_party_name_and_id_number(client, api, clerk, make_litigation_case, respondent,
                                                               applicant):
    case = make_litigation_case()
    client.force_login(clerk)
    for typed in (respondent.name, respondent.id_number, case.number, "买卖合同"):
        assert case.number in listed(client, "litigation-list", typed), typed
    answer = api.as_user(clerk).get("/api/v1/litigation-cases/", {"q": respondent.id_number}).json()
    assert [row["number"] for row in answer["results"]] == [case.number]
    assert api.as_user(clerk).get("/api/v1/litigation-cases/", {"q": "没有这个人"}).json()["count"] == 0


def test_the_party_list_finds_a_company_by_its_credit_code_and_links_to_its_page(client, clerk, court):
    bank = OrganizationFactory(court=court, name="万年农商银行")
    client.force_login(clerk)
    page = listed(client, "party-list", bank.credit_code.lower())
    assert reverse("party-detail", args=[bank.pk]) in page and "万年农商银行" in page


def test_a_partys_page_lists_its_cases_in_each_role_with_links(client, clerk, make_case, make_litigation_case,
                                                               respondent, applicant):
    enforcement = make_case()
    litigation = make_litigation_case()
    client.force_login(clerk)
    response = client.get(reverse("party-detail", args=[respondent.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("case-detail", args=[enforcement.pk]) in page
    assert reverse("litigation-detail", args=[litigation.pk]) in page
    section = page.split('data-testid="enforcement_as_respondent"')[1].split("</section>")[0]
    assert enforcement.number in section
    applicant_page = client.get(reverse("party-detail", args=[applicant.pk])).content.decode()
    assert enforcement.number in applicant_page.split('data-testid="enforcement_as_applicant"')[1].split("</section>")[0]


def test_another_courts_party_page_is_a_404(client, other_judge, respondent):
    client.force_login(other_judge)
    assert client.get(reverse("party-detail", args=[respondent.pk])).status_code == 404


def test_the_party_page_reads_a_constant_number_of_queries(client, clerk, make_case, respondent,
                                                           django_assert_max_num_queries):
    for _ in range(5):
        make_case()
    client.force_login(clerk)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("party-detail", args=[respondent.pk])).status_code == 200
