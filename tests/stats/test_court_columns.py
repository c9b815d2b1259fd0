"""The court kept on outcomes (Outcome.court) and urgings (Urging.court), which the statistics filter on instead of
the litigation case's court (one court's rows of a period are then one index range: bench/README.md, issue 20).

Every writer fills it with the case's court, and the figures read through it are the ones the definitions give when
read through the litigation cases themselves."""
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Exists, F, OuterRef

from cases.choices import EnforcementType, OutcomeKind
from cases.models import EnforcementCase, LitigationCase, Outcome, Urging
from cases.services.case_work import urging_record
from cases.services.litigation import litigation_case_file, outcome_record
from stats import metrics
from tests.factories import PersonFactory

from .conftest import P_FROM, P_TO

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def application_rate_through_cases(f) -> tuple[int, int]:
    """申请执行率's (numerator, denominator) by its definition, read from the litigation cases (the old query)."""
    cases = LitigationCase.objects.filter(
        court_id__in=f.courts, outcome__kind__in=[OutcomeKind.JUDGMENT, OutcomeKind.MEDIATION],
        outcome__effective_on__gte=f.date_from, outcome__effective_on__lte=f.date_to,
        outcome__obligations__isnull=False)
    if f.judge:
        cases = cases.filter(trial_judge_id=f.judge)
    if f.township:
        cases = cases.filter(defendants__township_id=f.township)
    ids = set(cases.values_list("pk", flat=True))
    enforced = LitigationCase.objects.filter(pk__in=ids).filter(Exists(EnforcementCase.objects.filter(
        source_case=OuterRef("pk"), case_type=EnforcementType.FIRST, filed_on__lte=f.date_to)))
    return enforced.count(), len(ids)


def urged_through_cases(f) -> int:
    urgings = Urging.objects.filter(litigation_case__court_id__in=f.courts, occurred_on__gte=f.date_from,
                                    occurred_on__lte=f.date_to)
    if f.judge:
        urgings = urgings.filter(litigation_case__trial_judge_id=f.judge)
    if f.township:
        urgings = urgings.filter(litigation_case__defendants__township_id=f.township)
    return urgings.values("litigation_case").distinct().count()


@pytest.fixture
def other_courts_outcome(other_court, other_judge):
    """A judgment of the other court (鄱阳) with a payment plan, effective in the period, and an urging on it."""
    defendant = PersonFactory(court=other_court, name="鄱阳被告")
    case = litigation_case_file(court=other_court, actor=other_judge, cause="民间借贷纠纷", filed_on=dt.date(2024, 2, 1),
                                plaintiffs=[PersonFactory(court=other_court, name="鄱阳原告")], defendants=[defendant],
                                claim_amount=Decimal("8000"), trial_judge=other_judge)
    outcome_record(case=case, actor=other_judge, kind="judgment", effective_on=dt.date(2024, 3, 1),
                   obligations=[{"due_on": dt.date(2024, 3, 20), "amount": Decimal("8000")}])
    urging_record(actor=other_judge, party=defendant, channel="phone", occurred_on=dt.date(2024, 3, 5),
                  litigation_case=case, outcome="承诺履行")
    return case.outcome


def test_an_outcome_and_an_urging_carry_their_cases_court_whichever_court_records_them(world, court,
                                                                                        other_courts_outcome):
    # given outcomes and urgings recorded through the services in two courts (the world's and the fixture's)
    outcomes = Outcome.objects.select_related("case")
    assert {o.court_id for o in outcomes} == {court.pk, other_courts_outcome.case.court_id}
    # then each outcome's court is its case's, and so is each urging's before enforcement
    assert not outcomes.exclude(court_id=F("case__court_id")).exists()
    assert not Urging.objects.filter(litigation_case__isnull=False).exclude(
        court_id=F("litigation_case__court_id")).exists()


def test_a_corrected_outcome_keeps_the_cases_court(world, trial_judge):
    # given L1's judgment, corrected (the service replaces the outcome and its plan)
    case = world.lit["L1"]
    outcome_record(case=case, actor=trial_judge, kind="mediation", effective_on=dt.date(2024, 2, 21),
                   obligations=[{"due_on": dt.date(2024, 3, 1), "amount": Decimal("500")}])
    # then the new outcome is the case's court's
    assert Outcome.objects.get(case=case).court_id == case.court_id


def test_the_litigation_figures_equal_their_definitions_read_through_the_cases(world, court, other_court, judge,
                                                                                trial_judge, period,
                                                                                other_courts_outcome):
    # given the world's litigation (L1 … L8) and another court's enforceable judgment and urging in the period
    both = period.replace(courts=(court.pk, other_court.pk))
    filters = [period, period.replace(courts=(other_court.pk,)), both, period.replace(judge=trial_judge.pk),
               period.replace(judge=judge.pk), period.replace(township=world.qingyun.pk),
               period.replace(township=world.chenying.pk), period.replace(date_from=dt.date(2023, 1, 1)),
               both.replace(date_from=P_TO, date_to=P_TO)]
    for f in filters:
        # when computed (the outcomes' and urgings' own court columns) and by their definition (the cases' court)
        figures = metrics.compute(f, ["enforcement_application_rate", "urged_before_enforcement"])
        application = figures["enforcement_application_rate"]
        # then they agree — and the court's alone leaves the other court's judgment out
        assert (application.numerator, application.denominator) == application_rate_through_cases(f), f
        assert figures["urged_before_enforcement"].numerator == urged_through_cases(f), f
    assert application_rate_through_cases(period) == (1, 4)  # L1 / L1 L2 L6 L8, as EXPECTED
    assert application_rate_through_cases(both) == (1, 5) and urged_through_cases(both) == 2
    # and the cases behind the figure are the litigation cases the count is of
    behind = metrics.cases_behind("enforcement_application_rate", both, "denominator")
    assert behind.model is LitigationCase
    assert set(behind) == {world.lit[k] for k in ("L1", "L2", "L6", "L8")} | {other_courts_outcome.case}
    # grouped by court, each court's figure is its own
    by_court = metrics.compute(both, ["enforcement_application_rate"], group_by="court")
    assert by_court[other_court.pk]["enforcement_application_rate"].denominator == 1
    assert by_court[court.pk]["enforcement_application_rate"].denominator == 4
    assert P_FROM <= other_courts_outcome.effective_on <= P_TO


WRITERS = {
    # model: {file: how many places write its rows}, every writer outside the tests and migrations
    "Outcome": {"cases/services/litigation.py": 1, "demo/litigation.py": 1, "scale/generator.py": 1},
    "Urging": {"cases/services/case_work.py": 1, "demo/litigation.py": 1, "scale/generator.py": 1},
}


def _call(text: str, start: int) -> str:
    """The call beginning at `start`, up to its closing parenthesis (strings with parentheses are not expected)."""
    depth = 0
    for index in range(text.index("(", start), len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return text[start:index + 1]
    return text[start:]


def _writes(model: str, text: str) -> list[str]:
    """Each place in `text` that creates `model` rows: a constructor or a create call, or the bulk loader's insert
    (its column list)."""
    pattern = (rf"(?<!class )\b{model}\(|\b{model}\.objects\.(?:create|get_or_create|update_or_create)\("
               rf"|insert\(cursor, {model},")
    return [_call(text, match.start()) if not match.group().startswith("insert") else text[match.start():][:200]
            for match in re.finditer(pattern, text)]


@pytest.mark.parametrize("model", sorted(WRITERS))
def test_every_writer_of_outcomes_and_urgings_gives_the_row_its_court(model):
    # given every Python file of the project but the tests and migrations (imports/ creates neither, for now)
    writes = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", "node_modules/")) or "/migrations/" in relative:
            continue
        found = _writes(model, path.read_text(encoding="utf-8"))
        if found:
            writes[relative] = found
    # then the writers are the known ones (a new writer must be looked at: does it set the court?) …
    assert {path: len(found) for path, found in writes.items()} == WRITERS[model]
    # … and each names the court it writes
    for path, found in writes.items():
        for text in found:
            assert "court" in text, (path, text)
