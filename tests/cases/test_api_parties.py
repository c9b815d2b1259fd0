"""/api/v1/parties/: identity checks on the field, masking in lists, tenancy of related rows."""
import pytest

from cases.models import Party
from tests.factories import GridFactory, OrganizationFactory, PersonFactory, TownshipFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/parties/"


def test_a_person_is_created_with_tags_and_labels(api, clerk, court):
    township = TownshipFactory(court=court, name="陈营镇")
    grid = GridFactory(township=township)
    employer = OrganizationFactory(court=court)
    response = api.as_user(clerk).post(URL, {
        "kind": "person", "name": "姚某", "id_number": "11010519491231002x", "phone": "13900000000", "address": "万年县陈营镇",
        "township": township.pk, "grid": grid.pk, "employer": employer.pk, "tags": ["public_official"],
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["id_number"] == "11010519491231002X"
    assert body["kind_display"] == "自然人"
    assert body["tags"] == ["public_official"]
    assert Party.objects.get(pk=body["id"]).court == court


def test_a_persons_ethnicity_is_kept_and_a_unit_has_none(api, clerk):
    client = api.as_user(clerk)
    response = client.post(URL, {"kind": "person", "name": "李某", "id_number": "11010519491231002X",
                                 "ethnicity": " 汉族 "}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["ethnicity"] == "汉族"
    response = client.post(URL, {"kind": "organization", "name": "某公司", "ethnicity": "汉族"}, format="json")
    assert response.status_code == 400
    assert "ethnicity" in response.json()


@pytest.mark.parametrize("body, field", [
    ({"kind": "person", "id_number": "110105194912310021"}, "id_number"),          # check digit
    ({"kind": "person", "id_number": "11010519491331002X"}, "id_number"),          # 13th month
    ({"kind": "person", "id_number": "1101051949123100"}, "id_number"),            # length
    ({"kind": "person", "id_number": "1101051949123100AX"}, "id_number"),          # letters
    ({"kind": "organization", "credit_code": "91350100M000100Y44"}, "credit_code"),  # check character
    ({"kind": "organization", "credit_code": "91350100M000100Y4I"}, "credit_code"),  # forbidden letter
    ({"kind": "organization", "credit_code": "91350100M000100Y56"}, "credit_code"),  # embedded org code
    ({"kind": "robot"}, "kind"),
    ({"kind": "person", "tags": ["celebrity"]}, "tags"),
    ({"kind": "person", "name": ""}, "name"),
    ({"kind": "person", "name": "张\x1f三"}, "name"),                              # a control character
    ({"kind": "organization", "name": "某某\n公司"}, "name"),
])
def test_invalid_input_answers_400_on_the_field(api, clerk, body, field):
    response = api.as_user(clerk).post(URL, {"name": "某某", **body}, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors and all(isinstance(m, str) and m for m in errors[field]), errors
    assert not Party.objects.exists()


@pytest.mark.parametrize("field", ["township", "grid", "employer"])
def test_a_related_row_of_another_court_answers_400_on_that_field(api, clerk, other_court, field):
    township = TownshipFactory(court=other_court)
    foreign = {"township": township, "grid": GridFactory(township=township),
               "employer": OrganizationFactory(court=other_court)}[field]
    response = api.as_user(clerk).post(URL, {"kind": "person", "name": "某某", field: foreign.pk}, format="json")
    assert response.status_code == 400 and field in response.json()


def test_a_duplicate_id_number_in_the_court_is_refused(api, clerk, court):
    PersonFactory(court=court, id_number="11010519491231002X")
    response = api.as_user(clerk).post(URL, {"kind": "person", "name": "重名", "id_number": "11010519491231002X"},
                                       format="json")
    assert response.status_code == 400 and "id_number" in response.json()
    assert Party.objects.count() == 1


def test_id_numbers_are_masked_in_the_list_and_whole_in_the_detail(api, clerk, court):
    person = PersonFactory(court=court, id_number="11010519491231002X")
    company = OrganizationFactory(court=court, credit_code="91350100M000100Y43")
    client = api.as_user(clerk)
    rows = {row["id"]: row for row in client.get(URL).json()["results"]}
    assert rows[person.pk]["id_number"] == "1101**********002X"
    assert rows[person.pk]["identity_masked"] == "1101**********002X"
    assert "11010519491231002X" not in client.get(URL).content.decode()
    assert rows[company.pk]["credit_code"] == "91350100M000100Y43"  # a unit's code is public record
    detail = client.get(f"{URL}{person.pk}/").json()
    assert detail["id_number"] == "11010519491231002X"


def test_the_list_is_searched_by_name_or_whole_id_number(api, clerk, court):
    yao = PersonFactory(court=court, name="姚某", id_number="11010519491231002X")
    PersonFactory(court=court, name="李某")
    client = api.as_user(clerk)
    assert [r["id"] for r in client.get(URL, {"q": "姚"}).json()["results"]] == [yao.pk]
    assert [r["id"] for r in client.get(URL, {"q": "11010519491231002x"}).json()["results"]] == [yao.pk]
    assert client.get(URL, {"q": "1101"}).json()["count"] == 0  # no search by fragments of an ID


def test_a_party_is_updated_through_the_service(api, clerk, court):
    party = PersonFactory(court=court, name="旧名")
    client = api.as_user(clerk)
    response = client.patch(f"{URL}{party.pk}/", {"name": "新名", "tags": ["hardship"]}, format="json")
    assert response.status_code == 200, response.json()
    party.refresh_from_db()
    assert (party.name, party.is_hardship) == ("新名", True)
    response = client.patch(f"{URL}{party.pk}/", {"id_number": "110105194912310021"}, format="json")
    assert response.status_code == 400 and "id_number" in response.json()


def test_a_patch_without_tags_keeps_the_tags(api, clerk, court):
    party = PersonFactory(court=court, is_npc_deputy=True)
    api.as_user(clerk).patch(f"{URL}{party.pk}/", {"phone": "13011112222"}, format="json")
    party.refresh_from_db()
    assert party.is_npc_deputy and party.phone == "13011112222"


def test_a_name_with_a_control_character_is_refused_in_words(api, clerk):
    body = {"kind": "person", "name": "张\t三"}
    chinese = api.as_user(clerk).post(URL, body, format="json").json()
    english = api.as_user(clerk).post(URL, body, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert chinese["name"] == ["姓名/名称不能包含控制字符（如制表符、换行符）。"]
    assert english["name"] == ["A name must not contain control characters (such as tabs or line breaks)."]
    assert not Party.objects.exists()


def test_a_mischecked_credit_code_needs_the_override_field(api, clerk):
    body = {"kind": "organization", "name": "万年县某米业有限公司", "credit_code": "91350100M000100Y44"}
    refused = api.as_user(clerk).post(URL, body, format="json")
    assert refused.status_code == 400 and "credit_code" in refused.json()
    response = api.as_user(clerk).post(URL, {**body, "credit_code_override_reason": "与营业执照原件核对一致"},
                                       format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["credit_code_override_reason"] == "与营业执照原件核对一致"
