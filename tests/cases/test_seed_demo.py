"""`manage.py seed_demo`: a small demo court built through the real services.

The court is built once for the module (60 enforcement cases, a few seconds) inside a transaction that is
rolled back afterwards; each test runs in its own savepoint on top of it.
"""
import datetime as dt
import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Sum
from django.test import Client, override_settings

from cases import rules
from cases.choices import CaseStatus, ClosureMethod, EnforcementType, EventKind, FundDirection, PartyKind, Role
from demo import builder
from cases.identity import credit_code_errors, resident_id_errors
from cases.models import (CaseEvent, Court, EnforcementCase, FundEntry, LitigationCase, Outcome, Party, Urging,
                          User, VoluntaryPayment)
from cases.selectors import enforcement_cases_visible_to, termination_facts
from cases.services.common import court_today
from sanctions.models import Sanction
from tests.rollback import rolled_back

SMALL = 60


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Build the small court once; everything is rolled back when the module is done (the imported file is kept in
    a temporary MEDIA_ROOT)."""
    with django_db_blocker.unblock(), rolled_back(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        out = io.StringIO()
        call_command("seed_demo", cases=SMALL, stdout=out)
        yield out.getvalue()


@pytest.fixture
def court(seeded, db):
    return Court.objects.get(code=builder.COURT_CODE)


def _imported(court):
    """The court's cases brought in by the go-live importer (the 2023 终本 stock): their filing line is imported."""
    return EnforcementCase.objects.filter(court=court, events__kind=EventKind.FILED,
                                          events__imported_job__isnull=False).distinct()


def _imported_parties(court) -> set:
    """The parties the import created: the file gives a name and an ID number, not a phone or an ethnicity."""
    stock = _imported(court)
    return set(Party.objects.filter(enforcement_as_applicant__in=stock).values_list("pk", flat=True)) | set(
        Party.objects.filter(enforcement_as_respondent__in=stock).values_list("pk", flat=True))


def _counts():
    return {model.__name__: model.objects.count()
            for model in (Court, User, Party, LitigationCase, EnforcementCase, CaseEvent, FundEntry, Sanction, Urging)}


def test_prints_a_summary_and_every_login_with_its_password(seeded):
    assert "万年县人民法院（赣1129）" in seeded
    assert "执行到位" in seeded and "万元" in seeded
    for username, password, *_ in builder.logins():
        assert username in seeded and password in seeded


def test_every_closure_method_and_open_states_are_present(court):
    cases = EnforcementCase.objects.filter(court=court)
    methods = set(cases.exclude(closure_method="").values_list("closure_method", flat=True))
    assert methods == set(ClosureMethod.values)
    statuses = set(cases.values_list("status", flat=True))
    assert {CaseStatus.CLOSED, CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED} <= statuses
    types = set(cases.values_list("case_type", flat=True))
    assert {EnforcementType.FIRST, EnforcementType.PRESERVATION, EnforcementType.OBJECTION,
            EnforcementType.RESUMED} <= types
    # most first-enforcement cases filed in the system in 2024 grow out of a litigation case of this court
    first = cases.filter(case_type=EnforcementType.FIRST, filed_on__year=2024).exclude(pk__in=_imported(court))
    assert first.filter(source_case__isnull=False).count() >= 0.7 * first.count()


def test_terminated_current_cases_pass_the_gate_when_rechecked(court):
    # the gate judges closures done in the system; an imported closure was checked for consistency only
    terminated = EnforcementCase.objects.filter(court=court, closure_method=ClosureMethod.TERMINATED_CURRENT
                                                ).exclude(pk__in=_imported(court))
    assert terminated.exists()
    for case in terminated:
        unmet = rules.termination_unmet(termination_facts(case, closing_on=case.closed_on))
        if case.assets.filter(found_on__gt=case.closed_on).exists():
            # property a re-inquiry found after the closure (the build day's sweep): evidence to resume, not a gate
            unmet.remove("property_available")
        assert unmet == [], case.number
        assert case.sanctions.filter(kind="consumption_restriction", status="approved").exists()


def test_resumed_cases_come_from_terminated_current_ones(court):
    resumed = EnforcementCase.objects.filter(court=court, case_type=EnforcementType.RESUMED)
    assert resumed.exists()
    for case in resumed:
        assert case.resumed_from.closure_method == ClosureMethod.TERMINATED_CURRENT
        assert case.filed_on >= case.resumed_from.closed_on
        assert case.resumed_from.events.filter(kind=EventKind.RESUMED).exists()


@pytest.mark.parametrize("model", [EnforcementCase, LitigationCase])
def test_case_numbers_are_unique_gap_free_and_follow_filing_dates(court, model):
    rows = model.objects.order_by("court", "year", "case_type", "sequence").values_list(
        "court__code", "year", "case_type", "sequence", "number", "filed_on")
    assert len({r[4] for r in rows}) == len(rows)
    # the imported stock keeps the numbers of the earlier system: the 终本 cases among the year's, not all of them
    imported = set(_imported(court).values_list("number", flat=True)) if model is EnforcementCase else set()
    groups = defaultdict(list)
    for code, year, case_type, sequence, number, filed_on in rows:
        groups[(code, year, case_type, number in imported)].append((sequence, filed_on))
        assert number == f"（{year}）{code}{case_type}{sequence}号"
        assert year == filed_on.year
    assert not any(key[:3] == other[:3] for key in groups for other in groups if key[3] and not other[3])
    for key, items in groups.items():
        if not key[3]:
            assert [s for s, _ in items] == list(range(1, len(items) + 1)), key
        dates = [d for _, d in items]
        assert dates == sorted(dates), key


def test_every_role_has_a_login_that_works(court):
    for role in Role.values:
        assert User.objects.filter(court=court, groups__name=role, is_active=True).exists(), role
    assert User.objects.filter(court=court, groups__name=Role.ENFORCEMENT_JUDGE).count() >= 3
    assert User.objects.filter(court=court, groups__name=Role.TRIAL_JUDGE).count() >= 2
    admin = User.objects.get(username=builder.ADMIN_USERNAME)
    assert admin.is_superuser and admin.court is None
    for username, password, *_ in builder.logins():
        assert Client().login(username=username, password=password), username


def test_rerun_with_once_adds_nothing_and_prints_the_logins(court):
    before = _counts()
    out = io.StringIO()
    call_command("seed_demo", once=True, cases=SMALL, stdout=out)
    assert _counts() == before
    assert "Wannian-2024" in out.getvalue() and "生成" not in out.getvalue()
    # and where the report's figures are: the dashboard opens on the current year, the demo lies in 2024
    assert "http://127.0.0.1:8000/stats/?date_from=2024-01-01&date_to=2024-12-31" in out.getvalue()
    out = io.StringIO()
    call_command("seed_demo", once=True, cases=SMALL, base_url="http://10.1.2.3:8123/", stdout=out)
    assert "登录 http://10.1.2.3:8123/ " in out.getvalue() and "http://10.1.2.3:8123/stats/" in out.getvalue()
    assert "127.0.0.1:8000" not in out.getvalue()  # make run passes its HOST
    out = io.StringIO()
    call_command("seed_demo", cases=SMALL, stdout=out)  # without --once: a warning, still no change
    assert _counts() == before
    assert "已有演示数据" in out.getvalue()


def test_parties_have_valid_identities_and_realistic_attributes(court):
    parties = Party.objects.filter(court=court)
    imported = _imported_parties(court)
    for party in parties:
        if party.kind == PartyKind.PERSON:
            assert resident_id_errors(party.id_number) == [], party.id_number
            assert party.id_number.startswith("3611")
            assert 1955 <= int(party.id_number[6:10]) <= 2000
        else:
            assert credit_code_errors(party.credit_code) == [], party.credit_code
        assert party.phone or party.pk in imported, party
    assert parties.filter(township__isnull=False, grid__isnull=False).count() > parties.count() / 2
    for tag in ("is_public_official", "is_party_member", "is_npc_deputy", "is_cppcc_member", "is_hardship"):
        assert parties.filter(**{tag: True}).exists(), tag
    assert parties.filter(kind=PartyKind.PERSON, employer__isnull=False).exists()


def test_persons_state_their_ethnicity_and_the_courts_their_parent_court(court):
    # documents print a person's 民族, and fines and detention name the court that hears the reconsideration
    assert not Party.objects.filter(court=court, kind=PartyKind.PERSON, ethnicity="").exclude(
        pk__in=_imported_parties(court)).exists()
    assert court.parent.name == builder.PARENT_NAME
    assert Court.objects.get(code="赣1128").parent_id == court.parent_id


def test_dates_lie_in_2024_and_ledgers_add_up(court):
    stock = EnforcementCase.objects.filter(court=court, pk__in=_imported(court))
    assert not stock.exclude(filed_on__year=2023, closed_on__year=2023).exists()  # the imported 2023 stock
    # and, apart from the court's work of the last months (test_the_court_is_at_work_today), 2024
    cases = EnforcementCase.objects.filter(court=court).exclude(pk__in=stock).exclude(filed_on__year__gte=2025)
    assert not cases.exclude(filed_on__range=(dt.date(2024, 1, 1), dt.date(2024, 12, 31))).exists()
    assert not cases.filter(case_type=EnforcementType.FIRST, filed_on__gt=dt.date(2024, 11, 30)).exists()
    # after 2024: the cases open at its end concluded in 2025 (test_the_cases_open_at_the_end_of_2024_…), this
    # year's campaign (test_this_years_clearance_campaign_…), the build day's 终本 re-inquiries (test_the_2023_stock…)
    today = court_today()
    later = CaseEvent.objects.filter(case__in=cases, occurred_on__gt=dt.date(2024, 12, 31))
    concluded_2025 = later.filter(case__closed_on__year=2025, occurred_on__lte=dt.date(2025, 12, 31))
    campaign = later.filter(case__resumptions__filed_on__year=today.year, occurred_on__year=today.year)
    rest = later.exclude(pk__in=concluded_2025.values("pk")).exclude(pk__in=campaign.values("pk"))
    assert set(rest.values_list("occurred_on", flat=True)) <= {today}
    assert not rest.exclude(case__closure_method=ClosureMethod.TERMINATED_CURRENT).exists()
    ledger = dict(FundEntry.objects.filter(court=court, direction=FundDirection.IN).values("case").annotate(
        s=Sum("amount")).values_list("case", "s"))
    for case in cases:
        assert case.amount_recovered == ledger.get(case.pk, 0)
        assert case.amount_paid_out <= case.amount_recovered
        if case.case_type != EnforcementType.RESUMED:  # a resumed case claims what is still outstanding
            assert 2000 <= case.amount_claimed <= 3_000_000
    # the notice and the report order go out within three days of filing in most cases (rules.NOTICE_DAYS)
    first = cases.filter(case_type=EnforcementType.FIRST)
    earliest = {}
    for case_id, on in CaseEvent.objects.filter(case__in=first, kind=EventKind.NOTICE_SERVED).values_list(
            "case_id", "occurred_on"):
        earliest[case_id] = min(on, earliest.get(case_id, on))
    in_time = [c for c, f in first.values_list("pk", "filed_on")
               if c in earliest and (earliest[c] - f).days <= rules.NOTICE_DAYS]
    assert len(in_time) >= 0.75 * first.count()
    completed = cases.filter(case_type=EnforcementType.FIRST, closure_method=ClosureMethod.COMPLETED)
    assert completed.filter(amount_recovered__gt=0).count() == completed.count()
    # litigation: preservation on most property disputes, voluntary payments, cases never enforced
    litigation = LitigationCase.objects.filter(court=court, is_property_dispute=True)
    preserved = litigation.annotate(n=Count("preservations")).filter(n__gt=0).count()
    assert 0.6 <= preserved / litigation.count() <= 0.85
    assert VoluntaryPayment.objects.filter(case__court=court).exists()
    assert LitigationCase.objects.filter(court=court, enforcement_cases__isnull=True,
                                         outcome__obligations__isnull=False).exists()


def test_the_2023_stock_comes_in_through_the_importer_and_is_due_for_re_inquiry(court,
                                                                               django_capture_on_commit_callbacks):
    """Going live: the court admin imports the earlier system's 终本 stock (imports, kind enforcement_cases); the 终本
    library holds it at once and the 6-monthly re-inquiry sweep queries it that same day."""
    from clearance import selectors
    from clearance.models import Reinquiry
    from clearance.services.sweep import reinquiries_job
    from imports.models import ImportJob

    job = ImportJob.objects.get(court=court)
    stock = _imported(court)
    assert job.kind == "enforcement_cases" and job.status == ImportJob.Status.DONE and not job.dry_run
    assert job.created_by.username == "courtadmin" and job.file.storage.exists(job.file.name)
    assert job.summary["rows"] == job.counts["created"] == job.summary["terminated_current"] == stock.count() >= 6
    assert job.errors_total == 0 and job.counts["rejected"] == 0
    # every line of an imported case dated in the earlier system says where it came from: this job, a row of its file
    events = CaseEvent.objects.filter(case__in=stock, occurred_on__year=2023)
    assert events.filter(kind=EventKind.CLOSED).count() == stock.count()
    assert set(events.values_list("imported_job", flat=True)) == {job.pk}
    assert not events.filter(imported_row__isnull=True).exists()
    assert not stock.exclude(closure_method=ClosureMethod.TERMINATED_CURRENT).exists()
    assert all(case.sanctions.filter(kind="consumption_restriction", status="approved").exists() for case in stock)
    today = court_today()
    library = selectors.library(User.objects.get(username="judge1")).filter(resumed_id__isnull=True)
    assert set(library.filter(pk__in=stock).values_list("pk", flat=True)) == set(stock.values_list("pk", flat=True))
    # due at go-live (closed in 2023, last queried before the closure): the build day's morning sweep queried it
    assert set(Reinquiry.objects.filter(case__in=stock, done_on=today, status__in=["done", "found"]).values_list(
        "case", flat=True)) == set(stock.values_list("pk", flat=True))
    assert not library.filter(pk__in=stock).filter(selectors.overdue_condition(today)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        summary = reinquiries_job(court_id=court.pk, today=today)
    assert summary["performed"] == 0 and summary["overdue"] == 0  # a second sweep that day has nothing to do


def test_the_court_is_at_work_today(court):
    """Besides the lived year 2024, cases filed in the six months before the build day, worked up to it: none of
    them overdue, nothing dated after today, and this week's push run has written its lists."""
    from pushes.models import PushItem, PushRun
    from pushes.rules import current_week

    today = court_today()
    recent = EnforcementCase.objects.filter(court=court, filed_on__gt=today - dt.timedelta(weeks=27)).exclude(
        case_type=EnforcementType.RESUMED)  # the 执恢 cases of this year's 终本清仓 (test_this_years_clearance_…)
    assert recent.count() == max(4, round(SMALL * 0.02))
    assert not recent.filter(filed_on__gt=today).exists() and not recent.filter(deadline_on__lt=today).exists()
    assert not CaseEvent.objects.filter(case__court=court, occurred_on__gt=today).exists()
    assert all(case.events.filter(kind=EventKind.NOTICE_SERVED).exists() for case in recent)
    run = PushRun.objects.get(court=court, week=current_week())
    # this small court has a handful of open cases left (2024's were concluded in 2025), maybe none on a list this
    # week; the full court's lists: tests/stats/test_article_figures.py
    assert run.status == "completed" and run.item_count == PushItem.objects.filter(run=run).count()


def test_the_cases_open_at_the_end_of_2024_are_concluded_in_2025(court):
    """Built after 2024, the court does not carry 2024's open cases to the build day (two hundred of them ~700 days
    past the limit on the home page): they are concluded in 2025 through the services, before the build day; what
    is overdue today is a handful, none long past its limit."""
    today = court_today()
    if today.year < 2025:
        pytest.skip("built in 2024: nothing after the demo's year")
    of_2024 = EnforcementCase.objects.filter(court=court, filed_on__year=2024)
    running = EnforcementCase.objects.filter(court=court).exclude(status__in=[CaseStatus.CLOSED, CaseStatus.SUSPENDED])
    overdue = running.filter(deadline_on__lt=today)
    assert overdue.count() <= 10
    assert not overdue.filter(deadline_on__lt=today - dt.timedelta(days=60)).exists()
    assert not running.filter(filed_on__lte=dt.date(2024, 12, 31)).exists()
    second = EnforcementCase.objects.filter(court__code="赣1128").exclude(status=CaseStatus.CLOSED)
    assert not second.filter(filed_on__lte=dt.date(2024, 12, 31)).exists()
    late = of_2024.filter(closed_on__gt=dt.date(2024, 12, 31))
    assert late.count() >= 5
    assert not late.exclude(closed_on__lte=min(dt.date(2025, 12, 31), today - dt.timedelta(days=1))).exists()
    methods = set(late.values_list("closure_method", flat=True))
    assert {ClosureMethod.COMPLETED, ClosureMethod.TERMINATED_CURRENT} <= methods
    for case in late.filter(closure_method=ClosureMethod.COMPLETED):
        assert case.amount_outstanding <= 0 and case.amount_paid_out == case.amount_recovered, case.number
    # dated in 2025: everything done to conclude them lies after 2024 and before the build day
    work = CaseEvent.objects.filter(case__in=late, occurred_on__gt=dt.date(2024, 12, 31))
    assert work.filter(kind=EventKind.CLOSED).count() == late.count()
    assert not work.filter(occurred_on__gte=today).exclude(case__closure_method=ClosureMethod.TERMINATED_CURRENT
                                                          ).exists()
    assert not FundEntry.objects.filter(case__in=late, occurred_on__gt=dt.date(2025, 12, 31)).exists()


def test_this_years_clearance_campaign_moves_the_board(court):
    """The 终本清仓 board opens on the year to date: the judges resumed part of last year's stock in the months before
    the build day, through the clearance services; the figures, the burn-down and the drill-downs agree."""
    from clearance import metrics
    from clearance.models import ResumeTrigger
    from stats.filters import parse_filter

    today = court_today()
    if today.year < 2025 or today < dt.date(today.year, 1, 7):
        pytest.skip("no campaign in the demo's year or in the first days of January")
    f, _form = parse_filter(User.objects.get(username="leader"), {})
    assert (f.date_from, f.date_to) == (dt.date(today.year, 1, 1), today)
    totals = metrics.compute(f)
    assert totals["resumed"] >= 3 and totals["concluded"] >= 1 and totals["recovered"] > 0
    assert totals["remaining"] == totals["stock_start"] - totals["resumed"]
    for name in ("stock_start", "resumed", "concluded", "remaining"):
        assert metrics.cases_behind(name, f).count() == totals[name], name
    behind = metrics.cases_behind("recovered", f)
    assert sum(metrics.amounts_by_case(f, list(behind.values_list("pk", flat=True))).values()) == totals["recovered"]
    burndown = [p["remaining"] for p in metrics.burndown(f)]
    assert burndown == sorted(burndown, reverse=True) and burndown[-1] == totals["remaining"] < burndown[0]
    # resumed through the clearance app: each on a trigger the resumption settled, filed after it
    resumed = EnforcementCase.objects.filter(court=court, case_type=EnforcementType.RESUMED, filed_on__year=today.year)
    assert resumed.count() == totals["resumed"]
    kinds = set()
    for case in resumed:
        triggers = ResumeTrigger.objects.filter(case=case.resumed_from)
        assert triggers.exists() and not triggers.exclude(status="resumed").exists(), case.number
        assert max(t.occurred_on for t in triggers) <= case.filed_on < today
        kinds |= set(triggers.values_list("kind", flat=True))
    assert kinds <= {"property_found", "applicant_request"} and "applicant_request" in kinds


def test_second_court_shows_tenancy(court):
    other = Court.objects.get(code="赣1128")
    assert EnforcementCase.objects.filter(court=other).count() >= 5
    judge = User.objects.filter(court=court, groups__name=Role.ENFORCEMENT_JUDGE).first()
    visible = enforcement_cases_visible_to(judge)
    assert visible.exists() and not visible.filter(court=other).exists()
    poyang = User.objects.get(username=builder.POYANG_USERNAME)
    assert not enforcement_cases_visible_to(poyang).filter(court=court).exists()


def test_outcomes_and_urgings_carry_their_litigation_cases_court(court):
    # the statistics read them by that column (stats.selectors: outcomes, urgings), the demo writes them in bulk
    outcomes = Outcome.objects.filter(case__court=court)
    assert outcomes.count() >= 5 and Urging.objects.filter(litigation_case__court=court).exists()
    assert not Outcome.objects.exclude(court_id=F("case__court_id")).exists()
    assert not Urging.objects.filter(litigation_case__isnull=False).exclude(
        court_id=F("litigation_case__court_id")).exists()


def test_reset_rebuilds_the_same_court_from_the_same_seed(court):
    def snapshot():
        return list(EnforcementCase.objects.filter(court=court).order_by("case_type", "number").values_list(
            "number", "party_names", "amount_claimed", "closure_method", "closed_on"))

    first, before = snapshot(), _counts()
    clerk = User.objects.get(username="clerk")
    clerk.set_password("changed-by-someone")
    clerk.save()
    call_command("seed_demo", cases=SMALL, reset=True, stdout=io.StringIO())
    assert snapshot() == first
    assert _counts() == before  # nothing left over from the first build, nothing duplicated
    assert Client().login(username="clerk", password=builder.COURT_PASSWORD)


def test_reset_deletes_a_private_prosecution_with_the_referral_it_follows(court):
    """A private prosecution points at the declined referral (Prosecution.origin, protected): --reset still empties
    the court (the default court has three; this small one gets one here)."""
    from cases.services.case_work import urging_record
    from cases.services.common import court_today
    from sanctions.models import Prosecution
    from sanctions.services import prosecution_police_decision, prosecution_send, sanction_approve, sanction_propose

    case = EnforcementCase.objects.filter(court=court, status=CaseStatus.IN_PROGRESS).order_by("pk").first()
    party, judge, today = case.respondents.first(), case.judge, court_today()
    urging_record(actor=judge, party=party, channel="phone", occurred_on=today, enforcement_case=case,
                  outcome="拒不履行")
    referral = sanction_approve(sanction=sanction_propose(case=case, party=party, actor=judge,
                                                          kind="criminal_referral", decided_on=today),
                                actor=User.objects.get(username="leader"), on=today).prosecution
    prosecution_send(prosecution=referral, actor=judge, police_agency="万年县公安局", sent_on=today)
    prosecution_police_decision(prosecution=referral, actor=judge, decision="declined", decided_on=today)
    sanction_propose(case=case, party=party, actor=judge, kind="private_prosecution", decided_on=today)
    assert Prosecution.objects.filter(court=court, origin=referral).exists()

    call_command("seed_demo", cases=SMALL, reset=True, stdout=io.StringIO())
    assert not Prosecution.objects.filter(pk=referral.pk).exists()
