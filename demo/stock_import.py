"""Going live: the court's 终本 stock of 2023 brought in through the importer, as a court going live brings it in.

The demo court's own cases are filed and worked in the system (2024); what the court had before lives in its earlier
system. The court admin (courtadmin) exports the cases closed as 终本 in 2023 that are still in the stock — a
spreadsheet of the national enforcement flow system's columns — and imports it (imports.registry, kind
enforcement_cases): the cases keep their own numbers (a sample of the year's 执 numbers, following their filing
dates), their parties come in by resident ID or credit code, the measures in force, the last online inquiry and the
closure keep their dates, every line marked as imported. The file is kept with the job, as for any import.

A separate random stream (seed + 4): the rest of the court, and the 2024 figures, stay what they are.
"""
import csv
import datetime as dt
import io
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.management.base import CommandError

from cases import rules
from cases.choices import ClosureMethod
from imports.kinds.enforcement_cases import ENFORCEMENT_CASES, SEPARATOR
from imports.models import ImportJob
from imports.services.runner import import_job_create, import_run

from . import geography, names
from .constants import COURT_CODE, D, money
from .people import IdentityMint, person_name, weighted_choice
from .workdays import is_workday, next_workday, prev_workday, workday_between

STOCK_YEAR = 2023
STOCK_SHARE = 0.15  # the 终本 stock of 2023 still unresolved, per enforcement case filed in the demo's year
YEAR_CASES = 1080  # 执 cases the court filed in 2023: the stock's numbers are a sample of them
STOCK_FILE = "万年县人民法院2023年终本案件（原系统导出）.csv"


class StockImportMixin:
    def _import_stock(self) -> ImportJob:
        """Write the 2023 终本 stock as the earlier system exports it and import it as the court admin would."""
        rng = random.Random(self.seed + 4)
        count = max(6, round(self.n_cases * STOCK_SHARE))
        rows = self._stock_rows(rng, count)
        kind = ENFORCEMENT_CASES
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([kind.column(key).chinese_header for key in rows[0]])
        writer.writerows(list(row.values()) for row in rows)
        admin = self.staff["courtadmin"]  # a court admin imports, into the admin's own court
        upload = ContentFile(out.getvalue().encode("utf-8-sig"), name=STOCK_FILE)
        job = import_job_create(court=self.court, actor=admin, kind=kind.name, upload=upload)
        status = import_run(job_id=job.pk)
        job.refresh_from_db()
        if status != ImportJob.Status.DONE:
            raise CommandError(f"2023年终本案件导入失败：{job.errors[:3]}")
        self.log(f"导入2023年终本案件 {job.counts['created']} 件（导入批次 {job.pk}）")
        return job

    def _stock_rows(self, rng: random.Random, count: int) -> list[dict]:
        mint = IdentityMint(rng, reserved=self.mint.used)
        judges = [judge.username for judge in self.judges]
        sequences = sorted(rng.sample(range(1, YEAR_CASES + 1), count))
        filed_dates = sorted(self._stock_filing_day(rng) for _ in range(count))
        rows = []
        for sequence, filed_on in zip(sequences, filed_dates):
            cause = weighted_choice(rng, {c: p["weight"] for c, p in names.CAUSES.items()})
            profile = names.CAUSES[cause]
            amount = money(round(min(max(profile["median"] * rng.lognormvariate(0, profile["sigma"]), 2000),
                                     3_000_000), -2))
            applicants = [self._stock_party(rng, mint, organization=profile["plaintiff"] != "person"
                                            and rng.random() < 0.5)]
            respondents = [self._stock_party(rng, mint, organization=rng.random() < profile["org_debtor"])]
            if respondents[0][2] == "person" and rng.random() < 0.15:
                respondents.append(self._stock_party(rng, mint, organization=False))
            served = next_workday(filed_on + dt.timedelta(days=rng.randint(0, 3)))
            earliest_close = next_workday(rules.add_months(filed_on, rules.TERMINATION_MIN_MONTHS)
                                          + dt.timedelta(days=1))
            closed_on = min(next_workday(earliest_close + dt.timedelta(days=round(rng.expovariate(1 / 20)))),
                            prev_workday(D(STOCK_YEAR, 12, 29)))
            restricted = workday_between(served + dt.timedelta(days=6), closed_on - dt.timedelta(days=20),
                                         rng.uniform(0, 0.3))
            listed = next_workday(restricted + dt.timedelta(days=rng.randint(0, 10))) if rng.random() < 0.6 else None
            inquired = prev_workday(closed_on - dt.timedelta(days=rng.randint(5, 15)))
            heard = max(prev_workday(closed_on - dt.timedelta(days=rng.randint(1, 8))), served)
            recovered = money(amount * Decimal(str(rng.uniform(0.03, 0.25)))) if rng.random() < 0.25 else None
            source_year = filed_on.year - 1
            rows.append({
                "number": f"（{STOCK_YEAR}）{COURT_CODE}执{sequence}号",
                "filed_on": filed_on.isoformat(),
                "source_document": f"（{source_year}）{COURT_CODE}民初{rng.randint(1, 1500)}号"
                                   f"{rng.choice(['民事判决书', '民事调解书'])}",
                "amount_claimed": f"{amount}",
                "judge": rng.choice(judges),
                "applicants": SEPARATOR.join(p[0] for p in applicants),
                "applicant_ids": SEPARATOR.join(p[1] for p in applicants),
                "respondents": SEPARATOR.join(p[0] for p in respondents),
                "respondent_ids": SEPARATOR.join(p[1] for p in respondents),
                "amount_recovered": f"{recovered}" if recovered else "",
                "closure_method": str(ClosureMethod.TERMINATED_CURRENT.label),
                "closed_on": closed_on.isoformat(),
                "notice_served_on": served.isoformat(),
                "report_order_served_on": served.isoformat(),
                "consumption_restricted_on": restricted.isoformat(),
                "dishonest_listed_on": listed.isoformat() if listed else "",
                "last_online_inquiry_on": inquired.isoformat(),
                "applicant_heard_on": heard.isoformat(),
            })
        return rows

    @staticmethod
    def _stock_filing_day(rng: random.Random) -> dt.date:
        """A working day of January–August 2023: closed as 终本 in the same year, after the three months' minimum."""
        while True:
            day = D(STOCK_YEAR, 1, 3) + dt.timedelta(days=rng.randrange(240))
            if is_workday(day):
                return day

    def _stock_party(self, rng: random.Random, mint: IdentityMint, *, organization: bool) -> tuple[str, str, str]:
        """(name, ID number or credit code, kind) of a party new to the system."""
        if organization:
            line = rng.choice([b for b in names.BUSINESS_LINES if b[1] == "91"])[0]
            for _ in range(200):
                name = f"万年县{rng.choice(names.TRADE_NAMES)}{line}"
                if name not in self.business_names:
                    break
            self.business_names.add(name)
            return name, mint.credit_code(prefix="91", division=geography.COUNTY_DIVISION), "organization"
        division = geography.COUNTY_DIVISION if rng.random() < 0.86 else rng.choice(
            list(geography.NEIGHBOUR_DIVISIONS))
        sex = "M" if rng.random() < 0.68 else "F"
        birth = mint.birth_date()
        return (person_name(rng, sex=sex, birth_year=birth.year),
                mint.resident_id(division=division, birth=birth, sex=sex), "person")
