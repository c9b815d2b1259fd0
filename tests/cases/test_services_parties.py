"""Parties through the services: identity numbers, tags, court membership of related rows, renames."""
import pytest
from django.core.exceptions import ValidationError

from cases.models import EnforcementCase, Party
from cases.selectors import search_cases
from cases.services.parties import party_create, party_update
from tests.factories import GridFactory, OrganizationFactory, PersonFactory, TownshipFactory, make_credit_code

pytestmark = pytest.mark.django_db


def test_a_person_with_a_valid_id_is_created_with_tags(court):
    party = party_create(court=court, kind="person", name=" 汪某 ", id_number="11010519491231002x",
                         tags=["hardship", "npc_deputy"])
    assert (party.name, party.id_number) == ("汪某", "11010519491231002X")
    assert (party.is_hardship, party.is_npc_deputy, party.is_public_official) == (True, True, False)
    assert sorted(party.tags) == ["hardship", "npc_deputy"]


def test_an_organization_with_a_valid_credit_code_is_created(court):
    party = party_create(court=court, kind="organization", name="万年县某建材有限公司", credit_code="91350100m000100y43")
    assert party.credit_code == "91350100M000100Y43"


@pytest.mark.parametrize("fields, bad", [
    ({"kind": "person", "id_number": "110105194912310021"}, "id_number"),
    ({"kind": "person", "id_number": "11010519491231002X", "credit_code": "91350100M000100Y43"}, "credit_code"),
    ({"kind": "organization", "credit_code": "91350100M000100Y44"}, "credit_code"),
    ({"kind": "organization", "id_number": "11010519491231002X"}, "id_number"),
    ({"kind": "person", "name": "  "}, "name"),
    ({"kind": "person", "name": "张\u0000三"}, "name"),  # control characters: from an import, say
    ({"kind": "organization", "name": "某某\r\n有限公司"}, "name"),
    ({"kind": "alien"}, "kind"),
])
def test_party_creation_refuses_bad_input(court, fields, bad):
    with pytest.raises(ValidationError) as excinfo:
        party_create(court=court, **{"name": "某某", **fields})
    assert bad in excinfo.value.message_dict
    assert not Party.objects.exists()


def test_an_unknown_tag_is_refused(court):
    with pytest.raises(ValidationError) as excinfo:
        party_create(court=court, kind="person", name="某某", tags=["celebrity"])
    assert "tags" in excinfo.value.message_dict


def test_an_id_number_is_unique_within_a_court_but_not_across_courts(court, other_court):
    party_create(court=court, kind="person", name="甲", id_number="11010519491231002X")
    with pytest.raises(ValidationError):
        party_create(court=court, kind="person", name="乙", id_number="11010519491231002x")
    assert party_create(court=other_court, kind="person", name="甲", id_number="11010519491231002X").pk


def test_related_rows_of_another_court_are_refused_on_their_own_field(court, other_court):
    foreign_township = TownshipFactory(court=other_court)
    foreign_employer = OrganizationFactory(court=other_court)
    own_employer = OrganizationFactory(court=court)
    with pytest.raises(ValidationError) as excinfo:
        party_create(court=court, kind="person", name="某某", township=foreign_township, employer=own_employer)
    assert set(excinfo.value.message_dict) == {"township"}
    with pytest.raises(ValidationError) as excinfo:
        party_create(court=court, kind="person", name="某某", employer=foreign_employer)
    assert set(excinfo.value.message_dict) == {"employer"}
    with pytest.raises(ValidationError) as excinfo:
        party_create(court=court, kind="person", name="某某", grid=GridFactory(township=foreign_township))
    assert set(excinfo.value.message_dict) == {"grid"}


def test_an_employer_must_be_an_organization(court):
    with pytest.raises(ValidationError) as excinfo:
        party_create(court=court, kind="person", name="某某", employer=PersonFactory(court=court))
    assert "employer" in excinfo.value.message_dict


def test_a_grid_must_lie_in_the_chosen_township_and_implies_it(court):
    township, elsewhere = TownshipFactory(court=court), TownshipFactory(court=court)
    grid = GridFactory(township=township)
    with pytest.raises(ValidationError) as excinfo:
        party_create(court=court, kind="person", name="某某", township=elsewhere, grid=grid)
    assert "grid" in excinfo.value.message_dict
    party = party_create(court=court, kind="person", name="某某", grid=grid)
    assert party.township == township


def test_renaming_a_party_keeps_case_search_by_name_working(make_case, respondent):
    # given a case found by its respondent's name
    case = make_case()
    # when the respondent's name is corrected
    party_update(party=respondent, name="姚某某")
    # then the case is found by the new name and no longer by the old one alone
    found = search_cases(EnforcementCase.objects.all(), "姚某某")
    assert list(found) == [case]
    assert "姚某某" in EnforcementCase.objects.get(pk=case.pk).party_names


def test_update_validates_like_create(court):
    party = party_create(court=court, kind="organization", name="公司", credit_code=make_credit_code())
    with pytest.raises(ValidationError) as excinfo:
        party_update(party=party, credit_code="91350100M000100Y44")
    assert "credit_code" in excinfo.value.message_dict
    party.refresh_from_db()
    assert party.credit_code != "91350100M000100Y44"


def test_a_credit_code_failing_its_check_is_kept_with_an_override_reason_and_audited(court, judge):
    from audit.context import acting
    from audit.models import AuditEntry

    # given a licence whose printed code fails the GB 32100 check character
    with pytest.raises(ValidationError) as excinfo:
        party_create(court=court, kind="organization", name="万年县某米业有限公司", credit_code="91350100M000100Y44")
    assert "例外理由" in excinfo.value.message_dict["credit_code"][0]
    # when the clerk gives a reason
    with acting(user=judge, source="web"):
        party = party_create(court=court, actor=judge, kind="organization", name="万年县某米业有限公司",
                             credit_code="91350100M000100Y44",
                             credit_code_override_reason=" 与营业执照原件核对一致 ")
    # then the code and the reason are kept, and the audit trail records both
    party.refresh_from_db()
    assert (party.credit_code, party.credit_code_override_reason) == ("91350100M000100Y44", "与营业执照原件核对一致")
    entry = AuditEntry.objects.get(content_type__model="party", object_id=str(party.pk), action="create")
    assert entry.actor == judge
    assert entry.changes["credit_code_override_reason"] == [None, "与营业执照原件核对一致"]


def test_an_override_reason_is_not_kept_beside_a_valid_code(court):
    party = party_create(court=court, kind="organization", name="公司", credit_code="91350100M000100Y43",
                         credit_code_override_reason="多余的理由")
    assert party.credit_code_override_reason == ""
