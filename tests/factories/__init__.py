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
