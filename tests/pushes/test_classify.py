"""The weekly run: each channel's rule and its boundaries, the reasons, idempotence, rule versions."""
import datetime as dt
import random
from decimal import Decimal

import pytest

from cases.choices import ClosureMethod
from cases.services.case_work import case_record_fund
from cases.services.enforcement import case_close
from pushes import rules, services
from pushes.choices import Body, Channel, PartyRole, RunStatus
from pushes.models import PushBatch, PushItem, PushRun
from tests.factories import OrganizationFactory, PersonFactory

from .conftest import WEEK, close_as_terminated_current

pytestmark = pytest.mark.django_db


def run(court, week=WEEK):
    return services.push_week_run(court=court, week=week)


def items(channel=None, **filters):
    queryset = PushItem.objects.all()
    if channel:
        queryset = queryset.filter(channel=channel)
    return queryset.filter(**filters)


def pushed(channel, case, party) -> list[str] | None:
    item = items(channel, case=case, party=party).first()
    return item.reason_list if item else None


# --- grid: small amount or livelihood, to the respondent's grid --------------------------------------------


def test_grid_takes_a_case_of_exactly_50000_yuan_outstanding(court, recipients, person, file_case):
    debtor = person()
    case = file_case(debtor, amount="50000.00")
    run(court)
    assert pushed(Channel.GRID, case, debtor) == ["未履行金额5.0万元，属小标的案件"]


def test_grid_leaves_out_a_case_of_50000_01_yuan(court, recipients, person, file_case):
    debtor = person()
    case = file_case(debtor, amount="50000.01")
    run(court)
    assert pushed(Channel.GRID, case, debtor) is None


def test_grid_counts_what_is_outstanding_not_what_was_claimed(court, judge, recipients, person, file_case):
    # given 80,000 claimed and 30,000.00 received: 50,000 outstanding, a small-amount case
    debtor = person()
    case = file_case(debtor, amount="80000.00")
    case_record_fund(case=case, actor=judge, direction="in", amount=Decimal("30000.00"),
                     occurred_on=dt.date(2024, 4, 1))
    # when the week runs
    run(court)
    # then the grid gets it with the outstanding amount in its reason
    item = items(Channel.GRID, case=case).get()
    assert item.amount_outstanding == Decimal("50000.00")
    assert item.reason_list == ["未履行金额5.0万元，属小标的案件"]


def test_grid_takes_a_livelihood_case_whatever_the_amount(court, recipients, person, file_case):
    debtor = person()
    case = file_case(debtor, amount="1260000.00", is_livelihood=True)
    run(court)
    assert pushed(Channel.GRID, case, debtor) == ["属涉民生案件"]


def test_grid_gives_both_reasons_for_a_small_livelihood_case(court, recipients, person, file_case):
    debtor = person()
    case = file_case(debtor, amount="32000.00", is_livelihood=True)
    run(court)
    assert pushed(Channel.GRID, case, debtor) == ["未履行金额3.2万元，属小标的案件", "属涉民生案件"]


def test_grid_reason_below_ten_thousand_is_in_yuan(court, recipients, person, file_case):
    debtor = person()
    case = file_case(debtor, amount="800.00")
    run(court)
    assert pushed(Channel.GRID, case, debtor) == ["未履行金额800.00元，属小标的案件"]


def test_grid_goes_only_to_the_respondents_own_grid(court, recipients, person, file_case, other_grid):
    elsewhere, nowhere = person(grid=other_grid), person(grid=None)
    case = file_case(elsewhere, nowhere, amount="10000.00")
    run(court)
    assert not items(Channel.GRID, case=case).exists()


def test_grid_pushes_each_respondent_of_a_case_to_their_grid(court, recipients, person, file_case):
    first, second = person(), person()
    case = file_case(first, second, amount="20000.00")
    run(court)
    assert set(items(Channel.GRID, case=case).values_list("party_id", flat=True)) == {first.pk, second.pk}


# --- township and employer -----------------------------------------------------------------------------------


def test_township_gets_every_respondent_living_there(court, recipients, person, file_case, other_township):
    local, outsider = person(), person(grid=None, township=other_township)
    case = file_case(local, outsider, amount="300000.00")
    run(court)
    assert pushed(Channel.TOWNSHIP, case, local) == ["被执行人住所地在青云镇"]
    assert pushed(Channel.TOWNSHIP, case, outsider) is None


def test_employer_gets_the_respondents_on_its_payroll(court, recipients, person, file_case, employer):
    worker, other = person(employer=employer), person(employer=OrganizationFactory(court=court))
    case = file_case(worker, other, amount="300000.00")
    run(court)
    assert pushed(Channel.EMPLOYER, case, worker) == ["被执行人系万年县建工集团有限公司职工"]
    assert pushed(Channel.EMPLOYER, case, other) is None


# --- discipline -------------------------------------------------------------------------------------------


def test_discipline_gets_public_officials_and_party_members(court, recipients, person, file_case):
    official, member, both, plain = (person(is_public_official=True), person(is_party_member=True),
                                     person(is_public_official=True, is_party_member=True), person())
    case = file_case(official, member, both, plain, amount="300000.00")
    run(court)
    assert pushed(Channel.DISCIPLINE, case, official) == ["被执行人系公职人员"]
    assert pushed(Channel.DISCIPLINE, case, member) == ["被执行人系中共党员"]
    assert pushed(Channel.DISCIPLINE, case, both) == ["被执行人系公职人员", "被执行人系中共党员"]
    assert pushed(Channel.DISCIPLINE, case, plain) is None


def test_discipline_gets_organisations_that_are_state_organs(court, recipients, file_case):
    organ = OrganizationFactory(court=court, name="某县某局", is_state_organ=True)
    company = OrganizationFactory(court=court, name="某贸易有限公司")
    case = file_case(organ, company, amount="300000.00")
    run(court)
    assert pushed(Channel.DISCIPLINE, case, organ) == ["被执行人系党政机关"]
    assert pushed(Channel.DISCIPLINE, case, company) is None


def test_a_person_wrongly_tagged_state_organ_is_not_an_organ(court, recipients, person, file_case):
    debtor = person(is_state_organ=True)
    case = file_case(debtor, amount="300000.00")
    run(court)
    assert pushed(Channel.DISCIPLINE, case, debtor) is None


# --- NPC / CPPCC --------------------------------------------------------------------------------------------


def test_npc_cppcc_gets_deputies_and_members(court, recipients, person, file_case):
    deputy, member = person(is_npc_deputy=True), person(is_cppcc_member=True)
    case = file_case(deputy, member, amount="300000.00")
    run(court)
    assert pushed(Channel.NPC_CPPCC, case, deputy) == ["被执行人系县人大代表"]
    assert pushed(Channel.NPC_CPPCC, case, member) == ["被执行人系县政协委员"]


def test_the_npc_standing_committee_gets_deputies_only_and_the_cppcc_members_only(court, person, file_case):
    npc = services.recipient_create(court=court, channel=Channel.NPC_CPPCC, name="县人大常委会", body=Body.NPC)
    cppcc = services.recipient_create(court=court, channel=Channel.NPC_CPPCC, name="县政协", body=Body.CPPCC)
    deputy, member = person(is_npc_deputy=True), person(is_cppcc_member=True)
    file_case(deputy, member, amount="300000.00")
    run(court)
    assert list(items(recipient=npc).values_list("party_id", flat=True)) == [deputy.pk]
    assert list(items(recipient=cppcc).values_list("party_id", flat=True)) == [member.pk]


# --- civil affairs: applicants in hardship --------------------------------------------------------------------


def test_civil_affairs_gets_hardship_applicants_not_respondents(court, recipients, person, file_case):
    poor_applicant, poor_respondent = person(is_hardship=True), person(is_hardship=True)
    case = file_case(poor_respondent, applicants=[poor_applicant], amount="300000.00")
    run(court)
    item = items(Channel.CIVIL_AFFAIRS, case=case).get()
    assert (item.party_id, item.party_role) == (poor_applicant.pk, PartyRole.APPLICANT)
    assert item.reason_list == ["申请执行人系困难群众"]


# --- which cases: open and 终本, not closed, not paid ---------------------------------------------------------


def test_a_closed_case_drops_out_of_the_next_week(court, judge, recipients, person, file_case):
    debtor = person()
    case = file_case(debtor, amount="30000.00")
    run(court, "2024-W23")
    case_close(case=case, actor=judge, method=ClosureMethod.COMPLETED, closed_on=dt.date(2024, 6, 5))
    run(court, "2024-W24")
    assert items(case=case, week="2024-W23").exists()
    assert not items(case=case, week="2024-W24").exists()


def test_a_terminated_current_case_stays_as_stock_being_cleared(court, recipients, person, file_case):
    debtor = person()
    case = file_case(debtor, amount="30000.00")
    close_as_terminated_current(case)
    run(court)
    assert pushed(Channel.GRID, case, debtor) == ["未履行金额3.0万元，属小标的案件", "终本案件，纳入终本清仓"]
    assert pushed(Channel.TOWNSHIP, case, debtor) == ["被执行人住所地在青云镇", "终本案件，纳入终本清仓"]


def test_a_resumed_terminated_current_case_is_left_to_its_new_case(court, judge, recipients, person, file_case):
    from cases.models import EnforcementCase

    debtor = person()
    old = file_case(debtor, amount="30000.00")
    close_as_terminated_current(old)
    new = file_case(debtor, amount="30000.00", case_type="执恢", resumed_from=EnforcementCase.objects.get(pk=old.pk))
    run(court)
    assert not items(case=old).exists()
    assert items(Channel.GRID, case=new).exists()


def test_a_case_with_nothing_outstanding_is_not_pushed(court, judge, recipients, person, file_case):
    debtor = person(is_public_official=True)
    case = file_case(debtor, amount="30000.00")
    case_record_fund(case=case, actor=judge, direction="in", amount=Decimal("30000.00"),
                     occurred_on=dt.date(2024, 4, 1))
    run(court)
    assert not items(case=case).exists()


def test_an_inactive_recipient_gets_nothing(court, recipients, person, file_case):
    services.recipient_update(recipient=recipients[Channel.GRID], is_active=False)
    file_case(person(), amount="30000.00")
    run(court)
    assert not items(Channel.GRID).exists()
    assert not PushBatch.objects.filter(channel=Channel.GRID).exists()


def test_another_courts_cases_never_reach_this_courts_recipients(court, other_court, recipients, file_case):
    from cases.services.enforcement import enforcement_case_file
    from tests.factories import UserFactory

    foreign_debtor = PersonFactory(court=other_court, is_public_official=True)
    foreign_judge = UserFactory(court=other_court, roles=["enforcement_judge"])
    enforcement_case_file(court=other_court, actor=foreign_judge, applicants=[PersonFactory(court=other_court)],
                          respondents=[foreign_debtor], amount_claimed=Decimal("1000.00"),
                          filed_on=dt.date(2024, 3, 1), source_document="x")
    run(court)
    run(other_court)
    assert not PushItem.objects.exists()


# --- the run: batches, idempotence, rule versions ----------------------------------------------------------


def test_a_run_writes_one_batch_per_recipient_with_items_and_records_its_rule_version(court, recipients, person,
                                                                                      file_case):
    file_case(person(is_npc_deputy=True), amount="30000.00")
    result = run(court)
    assert result.status == RunStatus.COMPLETED
    assert result.rule_set.version == 1
    channels = set(PushBatch.objects.filter(run=result).values_list("channel", flat=True))
    assert channels == {Channel.GRID, Channel.TOWNSHIP, Channel.NPC_CPPCC}  # empty batches are not kept
    assert result.batch_count == 3 and result.item_count == 3
    assert all(b.item_count == 1 and b.portal_token for b in PushBatch.objects.filter(run=result))


def test_running_a_week_twice_writes_the_same_items_once(court, recipients, person, file_case):
    for n in range(5):
        file_case(person(is_party_member=True), amount=f"{10000 + n}.00")
    first = run(court)
    before = sorted(PushItem.objects.values_list("week", "recipient_id", "case_id", "party_id", "reasons"))
    second = run(court)
    after = sorted(PushItem.objects.values_list("week", "recipient_id", "case_id", "party_id", "reasons"))
    assert before == after and len(after) == 15
    assert first.pk == second.pk and second.attempts == 2 and second.item_count == 15
    assert PushRun.objects.count() == 1 and PushBatch.objects.count() == 3


def test_a_rerun_adds_only_the_cases_that_became_eligible(court, recipients, person, file_case):
    file_case(person(), amount="30000.00")
    run(court)
    late = file_case(person(), amount="30000.00")
    result = run(court)
    assert items(Channel.GRID, case=late).exists()
    assert result.item_count == 4  # two cases, grid and township each


def test_a_new_rule_version_applies_from_the_next_week_and_the_old_week_keeps_its_own(court, court_admin,
                                                                                     recipients, person, file_case):
    debtor = person()
    case = file_case(debtor, amount="60000.00")
    first = run(court, "2024-W23")
    assert pushed(Channel.GRID, case, debtor) is None
    services.rule_set_publish(court=court, actor=court_admin, small_amount_limit=Decimal("100000.00"),
                              note="提高小标的上限")
    rerun = run(court, "2024-W23")
    nxt = run(court, "2024-W24")
    assert rerun.rule_set.version == 1 and nxt.rule_set.version == 2 and first.pk == rerun.pk
    assert not items(Channel.GRID, week="2024-W23").exists()
    assert items(Channel.GRID, week="2024-W24", case=case).get().reason_list == ["未履行金额6.0万元，属小标的案件"]


def test_rules_can_switch_off_livelihood_party_members_terminated_cases_and_channels(court, court_admin, recipients,
                                                                                   person, file_case):
    services.rule_set_publish(court=court, actor=court_admin, grid_includes_livelihood=False,
                              discipline_includes_party_members=False, include_terminated_current=False,
                              channels=[Channel.GRID, Channel.DISCIPLINE])
    livelihood = file_case(person(), amount="900000.00", is_livelihood=True)
    member = file_case(person(is_party_member=True), amount="900000.00")
    stock = file_case(person(is_public_official=True), amount="900000.00")
    close_as_terminated_current(stock)
    run(court)
    assert not items(case=livelihood).exists()
    assert not items(case=member).exists()
    assert not items(case=stock).exists()
    assert not items(Channel.TOWNSHIP).exists()


def test_an_invalid_week_is_refused(court):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.push_week_run(court=court, week="2024-W54")
    with pytest.raises(ValidationError):
        services.push_week_run(court=court, week="24-23")


def test_the_preview_counts_what_the_run_then_writes(court, recipients, person, file_case):
    for n in range(3):
        file_case(person(is_npc_deputy=True), amount="30000.00")
    preview = services.push_week_preview(court=court, week=WEEK)
    by_channel = {c["channel"]: c for c in preview["channels"]}
    assert by_channel[Channel.GRID]["items"] == 3 and by_channel[Channel.NPC_CPPCC]["items"] == 3
    assert by_channel[Channel.GRID]["samples"][0]["reasons"] == ["未履行金额3.0万元，属小标的案件"]
    assert not PushItem.objects.exists()
    assert run(court).item_count == preview["items"] == 9


def test_the_run_is_chunked_into_steps_and_still_complete(court, recipients, person, file_case, settings):
    settings.PUSHES_RUN_CHUNK_CASES = 2
    cases = [file_case(person(), amount="30000.00") for _ in range(5)]
    result = run(court)
    assert result.steps_total == 3 and result.steps_done == result.steps_total  # 5 cases in spans of 2 cases
    assert items(Channel.GRID).count() == len(cases)


def test_the_sql_agrees_with_the_python_rule_on_random_data(court, recipients, grid, other_grid, employer,
                                                           township, other_township, file_case, applicant):
    """rules.channel_reasons is the documented rule; the set-based SQL must say exactly the same."""
    rng = random.Random(453)
    flags = ["is_public_official", "is_party_member", "is_npc_deputy", "is_cppcc_member", "is_hardship"]
    parties = []
    for n in range(40):
        where = rng.choice([grid, other_grid, None])
        fields = {f: rng.random() < 0.3 for f in flags}
        if rng.random() < 0.2:
            party = OrganizationFactory(court=court, is_state_organ=rng.random() < 0.5,
                                        township=rng.choice([township, other_township, None]), **fields)
        else:
            party = PersonFactory(court=court, grid=where, township=where.township if where else None,
                                  employer=employer if rng.random() < 0.3 else None, **fields)
        parties.append(party)
    cases = []
    for n in range(30):
        respondents = rng.sample(parties, rng.choice([1, 1, 2]))
        applicants = [rng.choice([p for p in parties if p not in respondents])]
        amount = rng.choice(["50000.00", "50000.01", "800.00", "49999.99", "120000.00", "32000.00"])
        case = file_case(*respondents, applicants=applicants, amount=amount, is_livelihood=rng.random() < 0.2)
        if rng.random() < 0.2:
            close_as_terminated_current(case)
        cases.append(case)
    run(court)
    expected = _python_rule(cases, recipients.values(), services.rule_set_for(court=court))
    actual = {(i.recipient_id, i.case_id, i.party_id): i.reason_list for i in PushItem.objects.all()}
    assert actual == expected
    assert len(actual) > 30


def _python_rule(cases, recipients, rule_set) -> dict:
    """{(recipient, case, party): reasons} by rules.channel_reasons, the table evaluated in Python."""
    expected = {}
    for case in cases:
        case.refresh_from_db()
        facts = rules.CaseFacts(outstanding=case.amount_outstanding, is_livelihood=case.is_livelihood,
                                terminated_current=case.closure_method == ClosureMethod.TERMINATED_CURRENT)
        for recipient in recipients:
            members = case.applicants.all() if recipient.channel == Channel.CIVIL_AFFAIRS else case.respondents.all()
            for party in members:
                reasons = rules.channel_reasons(
                    rules.RecipientFacts(recipient.channel, recipient.grid_id, recipient.township_id,
                                         recipient.organization_id, recipient.body),
                    facts,
                    rules.PartyFacts(party.kind == "organization", party.grid_id, party.township_id,
                                     party.township.name if party.township else "", party.employer_id,
                                     party.employer.name if party.employer else "", party.is_public_official,
                                     party.is_party_member, party.is_state_organ, party.is_npc_deputy,
                                     party.is_cppcc_member, party.is_hardship),
                    rule_set)
                if reasons:
                    expected[(recipient.pk, case.pk, party.pk)] = reasons
    return expected


def test_the_preview_the_run_and_the_python_rule_agree_on_every_channels_boundary(
        court, recipients, township, employer, person, file_case):
    """One table (rules.CHANNEL_RULES): the preview and the run (its SQL) and channel_reasons (its Python) push the
    same (recipient, case, party) with the same reasons."""
    # given a case on each side of every channel's line
    away = {"grid": None}
    state_organ = OrganizationFactory(court=court, is_state_organ=True)
    cases = {
        "exactly 50,000": file_case(person(), amount="50000.00"),
        "a cent above": file_case(person(), amount="50000.01"),
        "a cent below": file_case(person(), amount="49999.99"),
        "livelihood, any amount": file_case(person(), amount="1260000.00", is_livelihood=True),
        "in the township": file_case(person(**away, township=township), amount="90000.00"),
        "on the payroll": file_case(person(**away, employer=employer), amount="90000.00"),
        "official": file_case(person(**away, is_public_official=True), amount="90000.00"),
        "party member": file_case(person(**away, is_party_member=True), amount="90000.00"),
        "state organ": file_case(state_organ, amount="90000.00"),
        "a company": file_case(OrganizationFactory(court=court), amount="90000.00"),
        "a person who is state organ": file_case(person(**away, is_state_organ=True), amount="90000.00"),
        "deputy": file_case(person(**away, is_npc_deputy=True), amount="90000.00"),
        "member": file_case(person(**away, is_cppcc_member=True), amount="90000.00"),
        "hardship applicant": file_case(person(**away), amount="90000.00",
                                        applicants=[PersonFactory(court=court, is_hardship=True)]),
        "终本": file_case(person(), amount="20000.00"),
    }
    close_as_terminated_current(cases["终本"])
    cppcc_only = services.recipient_create(court=court, channel=Channel.NPC_CPPCC, name="县政协", body=Body.CPPCC)
    # when the week is previewed (nothing written), then run
    preview = services.push_week_preview(court=court, week=WEEK, sample=1000)
    assert not PushItem.objects.exists()
    previewed = {(s["recipient_id"], s["case_id"], s["party_id"]): s["reasons"]
                 for channel in preview["channels"] for s in channel["samples"]}
    run(court)
    ran = {(i.recipient_id, i.case_id, i.party_id): i.reason_list for i in PushItem.objects.all()}
    # then the three agree, item by item and reason by reason, and each channel's count too
    assert previewed == ran == _python_rule(cases.values(), [*recipients.values(), cppcc_only],
                                            services.rule_set_for(court=court))
    assert {c["channel"]: c["items"] for c in preview["channels"]} == {
        channel: PushItem.objects.filter(channel=channel).count() for channel in Channel.values}
    # and the lines fall where the rules say: 50,000 in, a cent above out; a person is no state organ
    grid_cases = set(PushItem.objects.filter(channel=Channel.GRID).values_list("case_id", flat=True))
    assert {cases["exactly 50,000"].pk, cases["a cent below"].pk, cases["livelihood, any amount"].pk} <= grid_cases
    assert cases["a cent above"].pk not in grid_cases
    discipline = set(PushItem.objects.filter(channel=Channel.DISCIPLINE).values_list("case_id", flat=True))
    assert discipline == {cases[k].pk for k in ("official", "party member", "state organ")}
    assert set(PushItem.objects.filter(recipient=cppcc_only).values_list("case_id", flat=True)) == {
        cases["member"].pk}
    assert {i.channel for i in PushItem.objects.all()} == set(Channel.values)


def test_items_store_reason_codes_and_show_them_in_the_readers_language(court, recipients, person, file_case):
    from django.utils import translation

    debtor = person()
    case = file_case(debtor, amount="50000.00")
    close_as_terminated_current(case)
    run(court)
    item = items(Channel.GRID, case=case).get()
    assert (item.reason_codes, item.reasons) == ("small_amount\nterminated_current", "")
    assert item.reason_list == ["未履行金额5.0万元，属小标的案件", "终本案件，纳入终本清仓"]
    with translation.override("en"):
        assert item.reason_list[0] == "Outstanding amount 5.0×10k yuan, a small-amount case"


def test_an_item_written_with_reasons_in_words_still_reads(court, recipients, person, file_case):
    # given an item of a run from before reason codes were stored: its words, no codes
    debtor = person()
    case = file_case(debtor, amount="50000.00")
    run(court)
    PushItem.objects.filter(case=case).update(reason_codes="", reasons="未履行金额5.0万元，属小标的案件\n属涉民生案件")
    # when it is read, then it shows the words it was written with
    assert items(Channel.GRID, case=case).get().reason_list == ["未履行金额5.0万元，属小标的案件", "属涉民生案件"]
