"""The court's parties: public bodies and lenders, businesses, people (with valid GB 11643 / GB 32100
numbers minted by demo.people), debtors who come back, creditors by cause."""
from cases.choices import PartyKind
from cases.identity import credit_code_errors, resident_id_errors
from cases.models import TAG_FIELDS, Party
from cases.services.parties import party_create

from . import geography, names, simulator
from .people import person_name, phone, sex_from_resident_id, weighted_choice


class PartiesMixin:
    # ------------------------------------------------------------------ parties
    def _public_bodies(self):
        self.bodies = {}
        for name, prefix in names.PUBLIC_BODIES:
            township, grids = self.townships[0]
            self.bodies[name] = party_create(
                court=self.court, kind=PartyKind.ORGANIZATION, name=name,
                credit_code=self.mint.credit_code(prefix=prefix, division=geography.COUNTY_DIVISION),
                phone=self._landline(), address=f"江西省万年县陈营镇{self.rng.choice(geography.STREETS)}"
                f"{self.rng.randint(1, 200)}号", township=township, legal_representative=self._any_name(),
                tags=["state_organ"])
        self.lenders = {}
        for name, prefix, _causes in names.LENDERS:
            self.lenders[name] = party_create(
                court=self.court, kind=PartyKind.ORGANIZATION, name=name,
                credit_code=self.mint.credit_code(prefix=prefix, division=geography.COUNTY_DIVISION),
                phone=self._landline(), address=f"江西省万年县陈营镇{self.rng.choice(geography.STREETS)}"
                f"{self.rng.randint(1, 300)}号", township=self.townships[0][0],
                legal_representative=self._any_name())
        self.businesses: list[Party] = []
        self.business_names: set[str] = set()
        self.debtors: list[Party] = []  # people who owe in one case and may owe in another
        self.tag_quota = ["public_official", "npc_deputy", "cppcc_member", "party_member", "public_official",
                          "party_member"]
        for _ in range(24):  # employers of the county, some of whom will be in court themselves
            self.businesses.append(self._business())

    def _landline(self) -> str:
        return f"0793-{self.rng.choice('78')}{self.rng.randrange(10**6):06d}"

    def _any_name(self) -> str:
        sex = self.rng.choice("MMF")
        return person_name(self.rng, sex=sex, birth_year=self.rng.randint(1960, 1990))

    def _place(self):
        township, grids = self.townships[
            [t.name for t, _ in self.townships].index(weighted_choice(self.rng, geography.TOWNSHIP_WEIGHTS))]
        village, grid = self.rng.choice(grids)
        if village.endswith("社区") and township.name == "陈营镇":
            address = (f"江西省万年县陈营镇{self.rng.choice(geography.ESTATES)}{self.rng.randint(1, 18)}栋"
                       f"{self.rng.randint(1, 3)}单元{self.rng.randint(1, 18)}0{self.rng.randint(1, 4)}室")
        elif village.endswith("社区"):
            address = f"江西省万年县{township.name}{village[:-2]}{self.rng.randint(1, 180)}号"
        else:
            address = (f"江西省万年县{township.name}{village}{self.rng.choice(list(names.SURNAMES)[:30])}家组"
                       f"{self.rng.randint(1, 80)}号")
        return township, grid, address

    def _person(self, *, identity: str | None = None, tags=(), employer: Party | None = None,
                surname: str | None = None, birth_range=(1955, 2000)) -> Party:
        rng = self.rng
        if identity is None:
            division = geography.COUNTY_DIVISION if rng.random() < 0.86 else rng.choice(
                list(geography.NEIGHBOUR_DIVISIONS))
            sex = "M" if rng.random() < 0.68 else "F"
            birth = self.mint.birth_date(first_year=birth_range[0], last_year=birth_range[1])
            identity = self.mint.resident_id(division=division, birth=birth, sex=sex)
        division, sex, birth_year = identity[:6], sex_from_resident_id(identity), int(identity[6:10])
        name = person_name(rng, sex=sex, birth_year=birth_year, surname=surname)
        township = grid = None
        if division == geography.COUNTY_DIVISION:
            township, grid, address = self._place()
            if rng.random() < 0.08:
                grid = None  # not every address has been mapped to a grid yet
        else:
            county = geography.NEIGHBOUR_DIVISIONS[division]
            address = f"{geography.PROVINCE_CITY}{county}{rng.choice(geography.STREETS)}{rng.randint(1, 400)}号"
        tags = list(tags)
        if employer is None and "public_official" in tags:
            # public officials work for a public body: the employer push and the 纪委监委 push find them
            employer = self.bodies[rng.choice(list(self.bodies))]
        if employer is None and rng.random() < 0.16 and self.businesses:
            employer = rng.choice(self.businesses)
        return self._new_party(kind=PartyKind.PERSON, name=name, id_number=identity, phone=phone(rng),
                               address=address, township=township, grid=grid, employer=employer, tags=tags,
                               ethnicity="汉族")

    def _business(self, *, identity: str | None = None, scale: str | None = None, suffix: str | None = None,
                  tags=()) -> Party:
        rng = self.rng
        lines = [b for b in names.BUSINESS_LINES if (scale is None or b[2] == scale)
                 and (suffix is None or b[0] == suffix)] or names.BUSINESS_LINES
        line, prefix, _scale = rng.choice(lines)
        if identity:
            prefix = identity[:2]
            lines = [b for b in names.BUSINESS_LINES if b[1] == prefix] or lines
            line = rng.choice(lines)[0]
        for _ in range(200):
            trade = rng.choice(names.TRADE_NAMES)
            if prefix == "92":
                township, _grids = rng.choice(self.townships)
                name = f"万年县{township.name}{trade}{line}"
            else:
                name = f"{rng.choice(['万年县', '万年县', '万年县', '江西', '上饶市'])}{trade}{line}"
            if name not in self.business_names:
                break
        self.business_names.add(name)
        township, grid, address = self._place()
        if line.endswith("有限公司") and rng.random() < 0.4:
            township = self.townships[0][0]
            grid = None
            address = f"江西省万年县凤巢工业园{rng.choice(['创业大道', '高新大道', '工业大道'])}{rng.randint(1, 99)}号"
        identity = identity or self.mint.credit_code(prefix=prefix, division=geography.COUNTY_DIVISION)
        return self._new_party(kind=PartyKind.ORGANIZATION, name=name, credit_code=identity,
                               phone=self._landline() if prefix != "92" else phone(rng), address=address,
                               township=township, grid=grid, legal_representative=self._any_name(), tags=list(tags))

    def _new_party(self, *, tags, **fields) -> Party:
        """Through cases.services.parties.party_create once the build is under way; during planning (thousands
        of parties) the identity numbers are checked with the same functions and the rows inserted in bulk."""
        if not self.deferring:
            return party_create(court=self.court, tags=tags, **fields)
        party = Party(court=self.court, **fields)
        for tag, column in TAG_FIELDS.items():
            setattr(party, column, tag.value in tags)
        errors = (resident_id_errors(party.id_number) if party.kind == PartyKind.PERSON
                  else credit_code_errors(party.credit_code))
        if errors or (party.grid and party.grid.township_id != party.township.pk):
            raise ValueError(f"demo party {party.name}: {errors or 'grid outside township'}")
        self.pending.append(party)
        return party

    def _flush_parties(self):
        """Insert the planned parties: organisations first, since people point at them as employers."""
        organizations = [p for p in self.pending if p.kind == PartyKind.ORGANIZATION]
        people = [p for p in self.pending if p.kind == PartyKind.PERSON]
        Party.objects.bulk_create(organizations, batch_size=500)
        Party.objects.bulk_create(people, batch_size=500)
        self.pending, self.deferring = [], False

    def _debtor(self, *, organization: bool, holder: str = "") -> Party:
        """The main respondent: a fixture holder if the story needs property found, else a new or repeat debtor."""
        rng = self.rng
        if holder == "hidden":
            organization = False  # equity, a policy, a housing fund: the simulator's hidden holders are people
        if holder:
            identity = self._take_holder("organization" if organization else "person", holder)
            if identity is None and holder != "hidden":
                identity = self._take_holder("person" if organization else "organization", holder)
            if identity is not None:
                if simulator.is_resident_id(identity):
                    party = self._person(identity=identity, tags=self._next_tags())
                else:
                    party = self._business(identity=identity)
                return party
        if not organization and self.debtors and rng.random() < 0.06:
            return rng.choice(self.debtors)  # the same debtor in several cases
        if organization:
            return self._business(scale=rng.choice(["small", "medium", "medium", "large"]))
        party = self._person(tags=self._next_tags())
        self.debtors.append(party)
        return party

    def _next_tags(self) -> list[str]:
        """Tags for a new person in court as a debtor: a few officials, party members, deputies, CPPCC members."""
        rng = self.rng
        if self.tag_quota and rng.random() < 0.25:
            tag = self.tag_quota.pop(0)
        else:
            roll = rng.random()
            tag = ("public_official" if roll < 0.015 else "party_member" if roll < 0.05 else
                   "npc_deputy" if roll < 0.055 else "cppcc_member" if roll < 0.06 else "")
        if tag == "public_official":
            return ["public_official", "party_member"] if rng.random() < 0.7 else ["public_official"]
        return [tag] if tag else []

    def _creditor(self, cause: str, *, hardship=False) -> Party:
        profile = names.CAUSES[cause]
        rng = self.rng
        if profile["plaintiff"] == "lender":
            options = [name for name, _p, causes in names.LENDERS if cause in causes]
            return self.lenders[rng.choice(options)]
        if profile["plaintiff"] == "business" or (cause == "买卖合同纠纷" and rng.random() < 0.8):
            if rng.random() < 0.45 and self.businesses:
                return rng.choice(self.businesses)
            business = self._business()
            self.businesses.append(business)
            return business
        return self._person(tags=["hardship"] if hardship else [])
