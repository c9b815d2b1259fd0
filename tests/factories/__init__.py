"""factory_boy factories. Cases are built through the real services, so numbers, timelines and ledgers are real."""
import datetime as dt
import itertools
from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from cases.identity import credit_code_check_char, org_code_check_char, resident_id_check_char
from cases.models import Court, Grid, Party, Township, User

_person_seq = itertools.count(1)
_org_seq = itertools.count(1)


def make_resident_id(birth: dt.date = dt.date(1985, 7, 14), region: str = "361129") -> str:
    """A valid 18-digit resident ID (GB 11643) with a fresh sequence number."""
    seq = next(_person_seq) % 1000
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + resident_id_check_char(first17)


def make_credit_code(region: str = "361129") -> str:
    """A valid unified social credit code (GB 32100) with a valid embedded organisation code (GB 11714)."""
    body = f"MA{next(_org_seq):06d}"
    org = body + org_code_check_char(body)
    first17 = f"91{region}{org}"
    return first17 + credit_code_check_char(first17)


class CourtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Court
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"赣11{n + 30:02d}")
    name = factory.LazyAttribute(lambda o: f"测试法院{o.code}")


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township

    court = factory.SubFactory(CourtFactory)
    name = factory.Sequence(lambda n: f"测试镇{n}")
    code = factory.Sequence(lambda n: f"T{n:03d}")


class GridFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grid

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"第{n}网格")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    court = factory.SubFactory(CourtFactory)
    password = factory.PostGenerationMethodCall("set_password", "pass-1234-word")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        self.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    court = factory.SubFactory(CourtFactory)
    kind = "person"
    name = factory.Sequence(lambda n: f"当事人{n}")
    id_number = factory.LazyFunction(make_resident_id)
    phone = "13800000000"


class OrganizationFactory(PersonFactory):
    kind = "organization"
    name = factory.Sequence(lambda n: f"测试有限公司{n}")
    id_number = ""
    credit_code = factory.LazyFunction(make_credit_code)


def money(value) -> Decimal:
    return Decimal(str(value))


def minor_resident_id(birth: dt.date = dt.date(2010, 5, 1)) -> str:
    """A valid resident ID of someone born on `birth` (a minor in 2024 by default)."""
    return make_resident_id(birth=birth)


def propose_measure(case, party, kind, *, actor, decided_on, urge=True, **fields):
    """Propose a measure through the real service with the facts its rules ask for filled in (tests of other rules).

    A summons gets a lawful summons 5 days and a refusal 2 days before the decision; a dishonest listing the
    ground 违反财产报告制度; with `urge`, a coercive measure gets a phone urging of the party the day before
    (强制与督促同步, cases.rules.coercion_urging_errors) unless the test gives an `urgency_reason`.
    """
    from cases.rules import COERCIVE_KINDS
    from cases.services.case_work import urging_record
    from sanctions.services import sanction_propose

    if kind == "summons":
        fields.setdefault("lawful_summons_on", decided_on - dt.timedelta(days=5))
        fields.setdefault("summons_refused_on", decided_on - dt.timedelta(days=2))
    if kind == "dishonest_list":
        fields.setdefault("dishonest_ground", "report_breach")
    if urge and kind in COERCIVE_KINDS and not fields.get("urgency_reason"):
        urged_on = max(case.filed_on, decided_on - dt.timedelta(days=1))
        urging_record(actor=actor, party=party, channel="phone", occurred_on=urged_on, enforcement_case=case,
                      outcome="拒不履行")
    return sanction_propose(case=case, party=party, actor=actor, kind=kind, decided_on=decided_on, **fields)


TERMINATION_STEPS = ("notice", "report_order", "inquiry", "consumption_restriction", "property_reported",
                     "report_verified", "applicant_heard", "applicant_consent")
FULL_INQUIRY_SCOPES = ["deposit", "vehicle", "real_estate", "securities"]


def prepare_termination(case, *, judge, leader, skip=(), scopes=FULL_INQUIRY_SCOPES):
    """Do through the real services everything the 终本 gate asks of a case, except the steps named in `skip`.

    Dates are counted from filing: notice and report order on day 1, property report day 2, online inquiry and
    the check of the report day 3, consumption restriction proposed day 5 and approved by the leader day 6,
    applicant heard day 90 and his signed consent to 终本 (the second key, 民诉法解释 art. 517) day 91.
    Close more than 3 months after filing (e.g. filed_on + 4 months) to pass the time condition.
    """
    from cases.services.case_work import case_record_event, case_request_inquiry
    from sanctions.services import sanction_approve, sanction_propose

    unknown = set(skip) - set(TERMINATION_STEPS)
    assert not unknown, f"unknown steps {unknown}"

    def day(n):
        return case.filed_on + dt.timedelta(days=n)

    if "notice" not in skip:
        case_record_event(case=case, actor=judge, kind="notice_served", occurred_on=day(1))
    if "report_order" not in skip:
        case_record_event(case=case, actor=judge, kind="report_order_served", occurred_on=day(1))
    if "property_reported" not in skip:
        case_record_event(case=case, actor=judge, kind="property_reported", occurred_on=day(2))
    if "report_verified" not in skip and "property_reported" not in skip:
        case_record_event(case=case, actor=judge, kind="report_verified", occurred_on=day(3))
    if "inquiry" not in skip:
        case_request_inquiry(case=case, actor=judge, channel="online", scopes=list(scopes), requested_on=day(3))
    if "consumption_restriction" not in skip:
        for party in case.respondents.all():
            sanction = sanction_propose(case=case, party=party, actor=judge, kind="consumption_restriction",
                                        decided_on=day(5))
            sanction_approve(sanction=sanction, actor=leader, on=day(6))
    if "applicant_heard" not in skip:
        case_record_event(case=case, actor=judge, kind="applicant_heard", occurred_on=day(90))
    if "applicant_consent" not in skip:
        case_record_event(case=case, actor=judge, kind="applicant_consent", occurred_on=day(91),
                          note="申请执行人签字确认同意终结本次执行程序")
    case.refresh_from_db()
    return case
