"""seed_scale's generator (scale/generator.py) at a small size: reproducible from its seed, numbers consistent
with cases.CaseNumberCounter, the ledger consistent with the cases, valid identity numbers. PostgreSQL only."""
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, F, Sum

from cases.identity import credit_code_errors, resident_id_errors
from cases.models import CaseEvent, CaseNumberCounter, Court, EnforcementCase, FundEntry, Outcome, Party, Urging
from cases.services.numbering import allocate_case_number
from scale.generator import Profile, generate

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

FINGERPRINT = """
SELECT md5(string_agg(e.number || e.filed_on || coalesce(e.closed_on::text, '') || e.closure_method
                      || e.amount_claimed || e.party_names, ',' ORDER BY e.number)),
       (SELECT md5(string_agg(p.name || p.id_number || p.credit_code, ',' ORDER BY p.id)) FROM cases_party p),
       (SELECT count(*) FROM cases_caseevent)
FROM cases_enforcementcase e"""


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("seed_scale generates in PostgreSQL")


def fingerprint():
    with connection.cursor() as cursor:
        cursor.execute(FINGERPRINT)
        return cursor.fetchone()


def small(seed):
    return generate(cases=3000, courts=2, seed=seed, profile=Profile(), analyze=False)


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    # given
    small(7)
    first = fingerprint()
    # when generated again with the same seed, then with another
    small(7)
    again = fingerprint()
    small(8)
    other = fingerprint()
    # then
    assert again == first
    assert other[0] != first[0] and other[1] != first[1]


def test_the_shape_numbers_ledger_and_identities():
    result = small(453)
    assert result.cases == EnforcementCase.objects.count() == 3000
    # about two parties per case
    assert 1.7 < Party.objects.count() / 3000 < 2.3
    # case numbers: gap-free per (court, year, type), and the counter at the last one
    groups = EnforcementCase.objects.values("court", "year", "case_type").annotate(n=Count("pk"))
    for group in groups:
        counter = CaseNumberCounter.objects.get(court=group["court"], year=group["year"],
                                                case_type=group["case_type"])
        sequences = sorted(EnforcementCase.objects.filter(court=group["court"], year=group["year"],
                                                          case_type=group["case_type"])
                           .values_list("sequence", flat=True))
        assert sequences == list(range(1, group["n"] + 1)) and counter.last == group["n"]
    # the next filing continues the series
    court = Court.objects.get(code="赣1129")
    last = CaseNumberCounter.objects.get(court=court, year=2024, case_type="执").last
    sequence, number = allocate_case_number(court=court, year=2024, case_type="执")
    assert sequence == last + 1 and number == f"（2024）赣1129执{last + 1}号"
    assert not EnforcementCase.objects.filter(number=number).exists()
    # the ledger: amount_recovered is the sum of the receipts
    recovered = EnforcementCase.objects.aggregate(s=Sum("amount_recovered"))["s"]
    assert recovered == FundEntry.objects.filter(direction="in").aggregate(s=Sum("amount"))["s"]
    # 终本 is a real share of the closures, and each 终本 case has its restriction and its applicant heard
    closed = EnforcementCase.objects.filter(status="closed", case_type="执")
    share = closed.filter(closure_method="terminated_current").count() / closed.count()
    assert 0.28 < share < 0.42
    zhongben = closed.filter(closure_method="terminated_current").first()
    kinds = set(CaseEvent.objects.filter(case=zhongben).values_list("kind", flat=True))
    assert {"filed", "notice_served", "consumption_restricted", "applicant_heard", "closed"} <= kinds
    # identity numbers pass the GB 11643 / GB 32100 checks
    for party in Party.objects.order_by("?")[:300]:
        assert not (party.id_number and resident_id_errors(party.id_number)), party.id_number
        assert not (party.credit_code and credit_code_errors(party.credit_code)), party.credit_code
    # party_names as the filing service writes it: applicants then respondents
    case = EnforcementCase.objects.filter(case_type="执").first()
    names = [p.name for p in case.applicants.all()] + [p.name for p in case.respondents.order_by("pk")]
    assert case.party_names == " ".join(names)


def test_outcomes_and_urgings_carry_their_litigation_cases_court():
    # the statistics read them by that column (stats.selectors: outcomes, urgings); the generator writes it in SQL
    small(453)
    assert Outcome.objects.count() > 1000 and Urging.objects.filter(litigation_case__isnull=False).exists()
    assert len(set(Outcome.objects.values_list("court", flat=True))) == 2
    assert not Outcome.objects.exclude(court_id=F("case__court_id")).exists()
    assert not Urging.objects.filter(litigation_case__isnull=False).exclude(
        court_id=F("litigation_case__court_id")).exists()


def test_the_command_refuses_a_database_with_data_unless_told_to_wipe(court):
    with pytest.raises(CommandError, match="--wipe"):
        call_command("seed_scale", cases=10, courts=1)
