"""A small court whose figures for the first half of 2024 are computed by hand (see EXPECTED), built through
the real services (cases.services, sanctions.services, pushes.services).

Enforcement cases of 万年 (赣1129), period P = 2024-01-01 … 2024-06-30:

  A 执 张  filed 2023-06-15 closed 2024-02-01 completed (231 days, after its deadline 2023-12-15)  claimed 100,000
  B 执 张  filed 2024-01-10 closed 2024-06-30 终本 (the period's last day; 172 days)               claimed  80,000
  C 执 张  filed 2024-02-01 closed 2024-07-01 completed (the day after: not concluded in P)        claimed 126,000
  D 执 张  filed 2024-03-01 open; two respondents, both referred to the police (approved 04-10)   claimed 200,000
  F 执 张  filed 2023-01-05 closed 2023-06-01 终本; resumed 2024-03-15 as E                       claimed  60,000
  E 执恢 张 filed 2024-03-15 closed 2024-05-15 completed (61 days, excluded from 首执 days)        claimed  60,000
  G 执 张  filed 2023-06-01 open, deadline 2023-12-01 (overdue); detention approved 2024-06-01    claimed  50,000
  H 执 李  filed 2024-01-05 closed 2024-03-05 completed (60 days); respondent in 陈营镇            claimed  40,000
  I 执 张  filed 2023-01-10 closed 2023-05-01 终本, never resumed (stays in the stock)            claimed  30,000
  K 执 张  filed 2024-07-05 from L6 (after P)

Fund receipts (in): A 01-20 50,000 (and 50,000 paid out 01-25); H 03-01 30,000; C 07-01 10,000 (day after P);
E 05-10 20,000; G 2023-12-31 5,000 (day before P), 05-20 3,000 (before its detention), 06-30 7,000.50 (after);
D 04-10 1,000 (the day of the referral). Another court's case receives 9,999 in March.

Litigation: L1 property, preserved, judgment effective 02-20 → D; L2 property, mediation effective 04-01, urged
04-20, never enforced; L3 property filed 06-30, preservation applied 07-01 (after P); L4 not a property dispute;
L5 filed 2023-12-31; L6 judgment effective 05-01, enforced 07-05 (after P); L7 withdrawn; L8 judgment 06-30.

Pushes (grid): A 03-01, B 03-01, C 06-03, D 04-01, E 04-01, G 05-01, H 02-01; I 2023-12-01 (before P).
"""
import copy
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from cases.choices import ClosureMethod
from cases.services.case_work import case_record_fund, urging_record
from cases.services.enforcement import case_close, case_resume, enforcement_case_file
from cases.services.litigation import litigation_case_file, outcome_record, preservation_add
from pushes import services as push_services
from pushes.choices import Channel
from pushes.models import PushItem
from sanctions.services import sanction_approve, sanction_propose, sanction_reject
from stats.filters import StatsFilter
from tests import people
from tests.factories import GridFactory, PersonFactory, TownshipFactory, UserFactory, prepare_termination
from tests.rollback import rolled_back

D = dt.date
P_FROM, P_TO = D(2024, 1, 1), D(2024, 6, 30)

EXPECTED = {
    # name: (value, numerator, denominator)
    "new_cases": (5, 5, None),  # B C D E H
    "concluded": (4, 4, None),  # A B E H
    "carried_over": (2, 2, None),  # A G
    "closure_rate": (Decimal("0.5714"), 4, 7),
    "amount_recovered": (Decimal("111000.50"), Decimal("111000.50"), None),
    "recovery_rate": (Decimal("0.3571"), Decimal("100000.00"), Decimal("280000.00")),
    "terminated_current_closed": (1, 1, None),
    "terminated_current_rate": (Decimal("0.2500"), 1, 4),
    "within_limit_rate": (Decimal("0.7500"), 3, 4),  # A closed after its deadline
    "actual_conclusion_rate": (Decimal("0.7500"), 3, 4),  # A E H
    "first_enforcement_avg_days": (Decimal("154.3"), 463, 3),  # (231 + 172 + 60) / 3, E (执恢) left out
    "closed_avg_days": (Decimal("131.0"), 524, 4),
    "overdue_open": (1, 1, None),  # G
    "preservation_rate": (Decimal("0.3333"), 1, 3),  # L1 / L1 L2 L3
    "enforcement_application_rate": (Decimal("0.2500"), 1, 4),  # L1 / L1 L2 L6 L8
    "urged_before_enforcement": (1, 1, None),  # L2
    "online_inquiry_rate": (Decimal("0.2000"), 1, 5),  # B (its 终本 inquiry on 01-13) of B C D E H
    "pushed_cases": (7, 7, None),
    "pushed_concluded": (Decimal("0.2857"), 2, 7),  # H E (A closed before its push, B 终本, C after P)
    "summons_cases": (0, 0, None),
    "detention_cases": (1, 1, None),  # G
    "fine_cases": (0, 0, None),
    "referral_cases": (1, 1, None),  # D (G's was rejected, C's approved after P)
    "referral_persons": (2, 2, None),
    "private_prosecution_cases": (0, 0, None),
    "crackdown_recovered": (Decimal("8000.50"), Decimal("8000.50"), None),  # G 06-30 + D 04-10
    "terminated_current_stock": (2, 2, None),  # I B
    "terminated_current_stock_start": (2, 2, None),  # F I
    "terminated_current_resumed": (1, 1, None),  # F
    "stock_reinquiry_overdue": (1, 1, None),  # I
}


# The world takes many service calls to build and nearly every test here reads it, so it is built once per
# module (built_world), in one transaction undone after the module; each test gets copies of it and of its people
# under the root conftest's names (court, judge, …), and its own writes are undone after it (pytest-django's
# savepoint inside that transaction). Every test of a module here sees the world, whether it asks for it or not.
SHARED = ("court", "other_court", "judge", "judge2", "leader", "clerk", "trial_judge", "applicant", "other_judge",
          "other_case")


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), rolled_back():
        court, other_court = people.wannian(), people.poyang()
        other_judge = people.other_judge(other_court)
        cast = SimpleNamespace(
            court=court, other_court=other_court, judge=people.judge(court),
            judge2=make_judge2(court),
            leader=people.leader(court), clerk=people.clerk(court), trial_judge=people.trial_judge(court),
            applicant=people.applicant(court), other_judge=other_judge,
            other_case=people.other_case(other_court, other_judge, people.other_applicant(other_court),
                                         people.other_respondent(other_court)))
        yield cast, build_world(**vars(cast))


def _shared(name):
    @pytest.fixture(name=name)
    def fixture(built_world, db):
        return copy.deepcopy(getattr(built_world[0], name))

    return fixture


for _name in SHARED:
    globals()[_name] = _shared(_name)


@pytest.fixture
def world(built_world, db):
    return copy.deepcopy(built_world[1])


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The world's rows keep their ids from test to test: nothing a test leaves in the cache may answer the next."""
    cache.clear()


@pytest.fixture
def period(court):
    return StatsFilter(date_from=P_FROM, date_to=P_TO, courts=(court.pk,))


def make_judge2(court):
    return UserFactory(court=court, username="judge2", full_name="李法官", roles=["enforcement_judge"])


def build_world(court, other_court, judge, judge2, leader, clerk, trial_judge, applicant, other_case, other_judge):
    qingyun = TownshipFactory(court=court, name="青云镇", code="Q01")
    chenying = TownshipFactory(court=court, name="陈营镇", code="C01")
    grid_q, grid_c = GridFactory(township=qingyun, name="第一网格"), GridFactory(township=chenying, name="第一网格")
    for grid in (grid_q, grid_c):
        push_services.recipient_create(court=court, channel=Channel.GRID, name=f"{grid}网格员", grid=grid,
                                       contact="网格员", phone="13900000001")

    def person(name, grid=grid_q):
        return PersonFactory(court=court, name=name, grid=grid, township=grid.township)

    def file(name, filed_on, amount, *, respondents=None, actor_judge=judge, **fields):
        fields.setdefault("source_document", "（2023）赣1129民初1号民事判决书")
        return enforcement_case_file(court=court, actor=clerk, applicants=[applicant],
                                     respondents=respondents or [person(f"被执行人{name}")],
                                     amount_claimed=Decimal(amount), filed_on=filed_on, judge=actor_judge,
                                     is_livelihood=True, **fields)

    def receive(case, day, amount, direction="in"):
        case_record_fund(case=case, actor=judge, direction=direction, amount=Decimal(amount), occurred_on=day)

    def terminate(case, on):
        prepare_termination(case, judge=judge, leader=leader)
        return case_close(case=case, actor=judge, method=ClosureMethod.TERMINATED_CURRENT, closed_on=on,
                          reason="经穷尽财产调查措施，未发现可供执行的财产")

    # litigation (四同步)
    lit = {}
    for key, filed_on, prop in [("L1", D(2024, 2, 1), True), ("L2", D(2024, 3, 1), True), ("L3", D(2024, 6, 30), True),
                                ("L4", D(2024, 4, 1), False), ("L5", D(2023, 12, 31), True),
                                ("L6", D(2024, 3, 10), False), ("L7", D(2024, 4, 1), False),
                                ("L8", D(2024, 5, 1), False)]:
        lit[key] = litigation_case_file(court=court, actor=clerk, cause="买卖合同纠纷", filed_on=filed_on,
                                        plaintiffs=[applicant], defendants=[person(f"被告{key}")],
                                        claim_amount=Decimal("10000"), is_property_dispute=prop,
                                        trial_judge=trial_judge)
    for key, day in [("L1", D(2024, 2, 2)), ("L3", D(2024, 7, 1)), ("L4", D(2024, 4, 2)), ("L5", D(2024, 1, 2))]:
        preservation_add(case=lit[key], actor=clerk, kind="litigation", applied_on=day, amount=Decimal("5000"))
    for key, kind, day in [("L1", "judgment", D(2024, 2, 20)), ("L2", "mediation", D(2024, 4, 1)),
                           ("L5", "judgment", D(2023, 12, 31)), ("L6", "judgment", D(2024, 5, 1)),
                           ("L8", "judgment", D(2024, 6, 30))]:
        outcome_record(case=lit[key], actor=trial_judge, kind=kind, effective_on=day,
                       obligations=[{"due_on": day + dt.timedelta(days=10), "amount": Decimal("10000")}])
    outcome_record(case=lit["L7"], actor=trial_judge, kind="withdrawn", effective_on=D(2024, 5, 5), obligations=[])
    urging_record(actor=trial_judge, party=lit["L2"].defendants.get(), channel="phone", occurred_on=D(2024, 4, 20),
                  litigation_case=lit["L2"], outcome="承诺按期履行")

    # enforcement
    c = SimpleNamespace(lit=lit, qingyun=qingyun, chenying=chenying)
    c.F = file("F", D(2023, 1, 5), "60000")
    terminate(c.F, D(2023, 6, 1))
    c.I = file("I", D(2023, 1, 10), "30000")
    terminate(c.I, D(2023, 5, 1))
    c.A = file("A", D(2023, 6, 15), "100000")
    c.G = file("G", D(2023, 6, 1), "50000")
    c.H = file("H", D(2024, 1, 5), "40000", respondents=[person("被执行人H", grid_c)], actor_judge=judge2)
    c.B = file("B", D(2024, 1, 10), "80000")
    c.C = file("C", D(2024, 2, 1), "126000")
    c.D = file("D", D(2024, 3, 1), "200000", respondents=[person("被执行人D1"), person("被执行人D2")],
               source_case=lit["L1"], source_document="")
    c.E = case_resume(case=c.F, actor=judge, filed_on=D(2024, 3, 15))
    c.K = file("K", D(2024, 7, 5), "10000", source_case=lit["L6"], source_document="")

    # pushes: one weekly run while the cases are open, then each case's push date as listed above
    push_services.push_week_run(court=court, week="2024-W10")
    push_dates = {"A": D(2024, 3, 1), "B": D(2024, 3, 1), "C": D(2024, 6, 3), "D": D(2024, 4, 1), "E": D(2024, 4, 1),
                  "G": D(2024, 5, 1), "H": D(2024, 2, 1), "I": D(2023, 12, 1)}
    for key, day in push_dates.items():
        assert PushItem.objects.filter(case=getattr(c, key)).update(pushed_on=day), key
    PushItem.objects.exclude(case__in=[getattr(c, key) for key in push_dates]).delete()

    # money
    receive(c.A, D(2024, 1, 20), "50000")
    receive(c.A, D(2024, 1, 25), "50000", direction="out")
    receive(c.H, D(2024, 3, 1), "30000")
    receive(c.C, D(2024, 7, 1), "10000")
    receive(c.E, D(2024, 5, 10), "20000")
    receive(c.G, D(2023, 12, 31), "5000")
    receive(c.G, D(2024, 5, 20), "3000")
    receive(c.G, D(2024, 6, 30), "7000.50")
    receive(c.D, D(2024, 4, 10), "1000")
    case_record_fund(case=other_case, actor=other_judge, direction="in", amount=Decimal("9999"),
                     occurred_on=D(2024, 3, 5))

    # three axes — each after urging the respondent (强制与督促同步)
    for case, party, day in [(c.G, c.G.respondents.get(), D(2024, 5, 25)), (c.C, c.C.respondents.get(), D(2024, 6, 20)),
                             *[(c.D, p, D(2024, 4, 1)) for p in c.D.respondents.all()]]:
        urging_record(actor=judge, party=party, channel="phone", occurred_on=day, enforcement_case=case,
                      outcome="拒不履行")
    g_party = c.G.respondents.get()
    detention = sanction_propose(case=c.G, party=g_party, actor=judge, kind="detention", decided_on=D(2024, 5, 30),
                                 start_on=D(2024, 6, 1), end_on=D(2024, 6, 10))
    sanction_approve(sanction=detention, actor=leader, on=D(2024, 6, 1))
    rejected = sanction_propose(case=c.G, party=g_party, actor=judge, kind="criminal_referral",
                                decided_on=D(2024, 6, 2))
    sanction_reject(sanction=rejected, actor=leader, reason="证据不足")
    for party in c.D.respondents.all():
        referral = sanction_propose(case=c.D, party=party, actor=judge, kind="criminal_referral",
                                    decided_on=D(2024, 4, 9))
        sanction_approve(sanction=referral, actor=leader, on=D(2024, 4, 10))
    late = sanction_propose(case=c.C, party=c.C.respondents.get(), actor=judge, kind="criminal_referral",
                            decided_on=D(2024, 6, 25))
    sanction_approve(sanction=late, actor=leader, on=D(2024, 7, 2))

    # closures
    case_close(case=c.A, actor=judge, method=ClosureMethod.COMPLETED, closed_on=D(2024, 2, 1))
    case_close(case=c.H, actor=judge2, method=ClosureMethod.COMPLETED, closed_on=D(2024, 3, 5))
    case_close(case=c.E, actor=judge, method=ClosureMethod.COMPLETED, closed_on=D(2024, 5, 15))
    terminate(c.B, D(2024, 6, 30))
    case_close(case=c.C, actor=judge, method=ClosureMethod.COMPLETED, closed_on=D(2024, 7, 1))
    for key in "ABCDEFGHIK":
        getattr(c, key).refresh_from_db()
    return c
