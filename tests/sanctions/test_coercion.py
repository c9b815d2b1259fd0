"""Coercive measures through the services and the API: approval, urging first, the summons and detention steps,
the dishonest list's exclusions, terms and deletion, reconsideration, restrictions binding a company's people."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.models import Todo
from cases.services.case_work import case_record_fund
from sanctions.models import Sanction
from sanctions.rosters import rosters_job
from sanctions.services import (detention_record_custody, detention_record_family_notice, dishonest_extend,
                                reconsideration_apply, reconsideration_decide, sanction_approve, sanction_propose,
                                summons_record_questioning)
from tests.factories import OrganizationFactory, make_resident_id
from wanian_exec.errors import RuleViolation

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/api/v1/sanctions/"


# --- the coercion-needs-urging rule (强制与督促同步) --------------------------------------------------------------


@pytest.mark.parametrize("kind, fields", [
    ("summons", {"lawful_summons_on": D(2024, 3, 5), "summons_refused_on": D(2024, 3, 8)}),
    ("fine", {"amount": Decimal("5000")}),
    ("detention", {"start_on": D(2024, 3, 10), "end_on": D(2024, 3, 20)}),
    ("criminal_referral", {}),
])
def test_a_coercive_measure_without_a_prior_urging_is_refused(enforcement_case, respondent, propose, kind, fields):
    with pytest.raises(ValidationError) as excinfo:
        propose(enforcement_case, respondent, kind, **fields)
    assert "督促" in excinfo.value.message_dict["urgency_reason"][0]
    assert not Sanction.objects.exists()


def test_an_urging_of_that_party_in_that_case_on_or_before_the_decision_opens_the_way(
        enforcement_case, respondent, propose, urge, make_case):
    # an urging after the decision, or in another case, does not count
    urge(enforcement_case, respondent, on=D(2024, 3, 11))
    urge(make_case(), respondent, on=D(2024, 3, 5))
    with pytest.raises(ValidationError):
        propose(enforcement_case, respondent, "fine", amount=Decimal("5000"), decided_on=D(2024, 3, 10))
    # the same day does
    urge(enforcement_case, respondent, on=D(2024, 3, 10))
    assert propose(enforcement_case, respondent, "fine", amount=Decimal("5000"), decided_on=D(2024, 3, 10)).pk


def test_a_recorded_urgency_replaces_the_urging(enforcement_case, respondent, propose):
    sanction = propose(enforcement_case, respondent, "detention", start_on=D(2024, 3, 10), end_on=D(2024, 3, 12),
                       urgency_reason="被执行人正在转移财产")
    assert sanction.urgency_reason == "被执行人正在转移财产"


def test_restrictions_and_listing_need_no_urging(enforcement_case, respondent, propose):
    assert propose(enforcement_case, respondent, "consumption_restriction").pk
    assert propose(enforcement_case, respondent, "exit_restriction").pk
    assert propose(enforcement_case, respondent, "dishonest_list").pk


def test_the_api_answers_400_on_urgency_reason(api, judge, enforcement_case, respondent):
    response = api.as_user(judge).post(URL, {"case": enforcement_case.pk, "party": respondent.pk, "kind": "fine",
                                             "amount": "5000", "decided_on": "2024-03-10"}, format="json")
    assert response.status_code == 400 and "urgency_reason" in response.json()


# --- approval: nothing takes effect unapproved ------------------------------------------------------------------


@pytest.mark.parametrize("kind, fields, effect", [
    ("consumption_restriction", {}, "consumption_restricted"),
    ("dishonest_list", {}, "dishonest_listed"),
    ("fine", {"amount": Decimal("100")}, "obstruction_sanctioned"),
    ("detention", {"start_on": D(2024, 3, 10), "end_on": D(2024, 3, 10)}, "obstruction_sanctioned"),
    ("criminal_referral", {}, "crime_referred"),
    ("summons", {}, "sanction_approved"),
    ("exit_restriction", {}, "sanction_approved"),
])
def test_a_measure_takes_effect_only_on_a_leaders_approval(enforcement_case, respondent, propose, urge, leader,
                                                           judge, kind, fields, effect):
    urge(enforcement_case, respondent)
    sanction = propose(enforcement_case, respondent, kind, **fields)
    assert (sanction.status, sanction.in_force_from) == ("proposed", None)
    assert not enforcement_case.events.filter(kind=effect).exists()
    with pytest.raises(RuleViolation):
        sanction_approve(sanction=sanction, actor=judge, on=D(2024, 3, 12))
    approved = sanction_approve(sanction=sanction, actor=leader, on=D(2024, 3, 12))
    assert (approved.status, approved.in_force_from) == ("approved", D(2024, 3, 12))
    assert enforcement_case.events.filter(kind=effect).exists()


def test_a_later_start_date_is_when_the_measure_takes_effect(enforcement_case, respondent, approve):
    sanction = approve(enforcement_case, respondent, "consumption_restriction", on=D(2024, 3, 12),
                       start_on=D(2024, 3, 20))
    assert sanction.in_force_from == D(2024, 3, 20)


def test_leaders_get_a_to_do_which_the_approval_ticks_off(enforcement_case, respondent, propose, leader):
    sanction = propose(enforcement_case, respondent, "consumption_restriction")
    todo = Todo.objects.get(assignee=leader, kind="sanction_approval")
    assert todo.enforcement_case == enforcement_case and "限制消费" in todo.title
    sanction_approve(sanction=sanction, actor=leader, on=D(2024, 3, 12))
    todo.refresh_from_db()
    assert todo.done_at is not None


def test_a_judge_gets_403_on_approve_and_a_leader_gets_403_on_propose(api, judge, leader, enforcement_case,
                                                                      respondent, propose):
    sanction = propose(enforcement_case, respondent, "consumption_restriction")
    assert api.as_user(judge).post(f"{URL}{sanction.pk}/approve/", {}, format="json").status_code == 403
    body = {"case": enforcement_case.pk, "party": respondent.pk, "kind": "consumption_restriction",
            "decided_on": "2024-03-10"}
    assert api.as_user(leader).post(URL, body, format="json").status_code == 403


# --- 拘传 -------------------------------------------------------------------------------------------------------------


def test_a_summons_without_a_refused_lawful_summons_is_refused(api, judge, enforcement_case, respondent, urge):
    urge(enforcement_case, respondent)
    body = {"case": enforcement_case.pk, "party": respondent.pk, "kind": "summons", "decided_on": "2024-03-10"}
    response = api.as_user(judge).post(URL, body, format="json")
    assert response.status_code == 400 and {"lawful_summons_on", "summons_refused_on"} <= set(response.json())
    body.update(lawful_summons_on="2024-03-05", summons_refused_on="2024-03-08", refusal_note="无正当理由未到场")
    created = api.as_user(judge).post(URL, body, format="json")
    assert created.status_code == 201, created.json()
    assert (created.json()["lawful_summons_on"], created.json()["summons_refused_on"]) == ("2024-03-05", "2024-03-08")


@pytest.mark.parametrize("hours, may_detain, ok", [(8, False, True), (9, False, False), (24, True, True),
                                                   (25, True, False)])
def test_questioning_after_a_summons_is_at_most_8_or_24_hours(enforcement_case, respondent, approve, urge, judge,
                                                               hours, may_detain, ok):
    urge(enforcement_case, respondent)
    summons = approve(enforcement_case, respondent, "summons", on=D(2024, 3, 11))
    start = timezone.make_aware(dt.datetime(2024, 3, 12, 8, 0))
    call = lambda: summons_record_questioning(  # noqa: E731
        sanction=summons, actor=judge, started_at=start, ended_at=start + dt.timedelta(hours=hours),
        detention_may_follow=may_detain)
    if ok:
        done = call()
        assert (done.status, done.questioning_started_at) == ("ended", start)
    else:
        with pytest.raises(ValidationError) as excinfo:
            call()
        assert "ended_at" in excinfo.value.message_dict


def test_an_unapproved_summons_cannot_be_carried_out(enforcement_case, respondent, propose, urge, judge):
    urge(enforcement_case, respondent)
    summons = propose(enforcement_case, respondent, "summons")
    start = timezone.make_aware(dt.datetime(2024, 3, 12, 8, 0))
    with pytest.raises(RuleViolation):
        summons_record_questioning(sanction=summons, actor=judge, started_at=start, ended_at=start)


# --- 拘留: family told within 24 hours, recorded and flagged -----------------------------------------------------


def test_custody_starts_the_24_hour_family_clock_and_a_late_notice_is_flagged(enforcement_case, respondent, approve,
                                                                            urge, judge, api):
    urge(enforcement_case, respondent)
    detention = approve(enforcement_case, respondent, "detention", on=D(2024, 3, 11), start_on=D(2024, 3, 11),
                        end_on=D(2024, 3, 25))
    detained_at = timezone.make_aware(dt.datetime(2024, 3, 11, 10, 0))
    detention_record_custody(sanction=detention, actor=judge, detained_at=detained_at)
    todo = Todo.objects.get(dedupe_key=f"family_notice:{detention.pk}")
    assert todo.assignee == judge and todo.due_on == D(2024, 3, 12)
    # a day and a minute later: recorded, flagged late, the to-do ticked off
    detention_record_family_notice(sanction=detention, actor=judge, note="电话通知其妻",
                                   notified_at=detained_at + dt.timedelta(hours=24, minutes=1))
    body = api.as_user(judge).get(f"{URL}{detention.pk}/").json()
    assert body["family_notice_state"] == "late"
    assert Todo.objects.get(pk=todo.pk).done_at is not None
    assert "超过24小时" in enforcement_case.events.filter(kind="note").last().note


def test_an_impossible_family_notice_is_recorded_with_its_reason(enforcement_case, respondent, approve, urge, judge):
    urge(enforcement_case, respondent)
    detention = approve(enforcement_case, respondent, "detention", on=D(2024, 3, 11), start_on=D(2024, 3, 11),
                        end_on=D(2024, 3, 11))
    detention_record_custody(sanction=detention, actor=judge,
                             detained_at=timezone.make_aware(dt.datetime(2024, 3, 11, 10, 0)))
    with pytest.raises(ValidationError):
        detention_record_family_notice(sanction=detention, actor=judge, notified_at=None, note="")
    done = detention_record_family_notice(sanction=detention, actor=judge, notified_at=None, note="无近亲属，记录在案")
    assert done.family_notice_note == "无近亲属，记录在案"


def test_a_family_notice_posted_without_a_body_is_400_asking_for_the_reason(enforcement_case, respondent, approve,
                                                                           urge, judge, api):
    # the long fuzz run posted no body: the absent `notified_at` never reached the service (a TypeError, 500)
    urge(enforcement_case, respondent)
    detention = approve(enforcement_case, respondent, "detention", on=D(2024, 3, 11), start_on=D(2024, 3, 11),
                        end_on=D(2024, 3, 11))
    client = api.as_user(judge)
    early = client.post(f"{URL}{detention.pk}/family-notice/")
    assert early.status_code == 400 and early.json()["code"] == "not_in_custody"
    detention_record_custody(sanction=detention, actor=judge,
                             detained_at=timezone.make_aware(dt.datetime(2024, 3, 11, 10, 0)))
    # no time given means the family could not be told: the reason is then required
    empty = client.post(f"{URL}{detention.pk}/family-notice/")
    assert empty.status_code == 400 and empty.json() == {"note": ["未能通知家属的，须记录原因。"]}
    recorded = client.post(f"{URL}{detention.pk}/family-notice/", {"note": "无近亲属，记录在案"}, format="json")
    assert recorded.status_code == 200, recorded.json()
    assert recorded.json()["family_notified_at"] is None


def test_an_untold_family_after_24_hours_becomes_an_overdue_to_do(enforcement_case, respondent, approve, urge, judge):
    urge(enforcement_case, respondent)
    detention = approve(enforcement_case, respondent, "detention", on=D(2024, 3, 11), start_on=D(2024, 3, 11),
                        end_on=D(2024, 3, 11))
    detention_record_custody(sanction=detention, actor=judge,
                             detained_at=timezone.make_aware(dt.datetime(2024, 3, 11, 10, 0)))
    summary = rosters_job(today=D(2024, 3, 13))
    assert summary["family_overdue_flagged"] == 1
    assert Todo.objects.filter(dedupe_key=f"family_overdue:{detention.pk}", kind="node_overdue").exists()
    assert rosters_job(today=D(2024, 3, 13)).get("family_overdue_flagged", 0) == 0  # rerun: nothing new


def test_a_detention_ends_when_its_days_are_served(enforcement_case, respondent, approve, urge):
    urge(enforcement_case, respondent)
    detention = approve(enforcement_case, respondent, "detention", on=D(2024, 3, 11), start_on=D(2024, 3, 11),
                        end_on=D(2024, 3, 25))
    rosters_job(today=D(2024, 3, 25))
    assert Sanction.objects.get(pk=detention.pk).status == "approved"
    rosters_job(today=D(2024, 3, 26))
    detention.refresh_from_db()
    assert (detention.status, detention.ended_on, detention.end_reason) == ("ended", D(2024, 3, 26), "拘留期满")


# --- 失信 --------------------------------------------------------------------------------------------------------


def test_listing_needs_a_ground_and_not_when_security_or_seizures_cover_the_debt(enforcement_case, respondent, judge):
    base = dict(case=enforcement_case, party=respondent, actor=judge, kind="dishonest_list", decided_on=D(2024, 3, 10))
    with pytest.raises(ValidationError) as excinfo:
        sanction_propose(**base)
    assert "dishonest_ground" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        sanction_propose(**base, dishonest_ground="evasion", security_given=True)
    assert "security_given" in excinfo.value.message_dict
    # assets frozen worth the whole outstanding amount
    from cases.models import Asset

    asset = Asset.objects.create(court=enforcement_case.court, case=enforcement_case, party=respondent,
                                 kind="real_estate", description="住房一套", value=Decimal("126000.00"),
                                 status="frozen", found_on=D(2024, 3, 5))
    with pytest.raises(ValidationError) as excinfo:
        sanction_propose(**base, dishonest_ground="evasion")
    assert "party" in excinfo.value.message_dict
    asset.value = Decimal("125999.99")
    asset.save()
    assert sanction_propose(**base, dishonest_ground="evasion").pk


def test_a_listing_runs_two_years_and_a_leader_extends_it_by_one_to_three(enforcement_case, respondent, approve,
                                                                          leader, judge):
    listing = approve(enforcement_case, respondent, "dishonest_list", on=D(2024, 3, 11), dishonest_ground="evasion")
    assert listing.end_on == D(2026, 3, 10)
    with pytest.raises(RuleViolation):
        dishonest_extend(sanction=listing, actor=judge, years=1, on=D(2024, 6, 1), reason="情节严重")
    with pytest.raises(ValidationError):
        dishonest_extend(sanction=listing, actor=leader, years=4, on=D(2024, 6, 1), reason="情节严重")
    extended = dishonest_extend(sanction=listing, actor=leader, years=3, on=D(2024, 6, 1), reason="情节严重")
    assert (extended.extension_years, extended.end_on) == (3, D(2029, 3, 10))
    with pytest.raises(ValidationError):
        dishonest_extend(sanction=listing, actor=leader, years=1, on=D(2024, 6, 1), reason="再次延长")


def test_ground_one_has_no_term(enforcement_case, respondent, approve):
    listing = approve(enforcement_case, respondent, "dishonest_list", on=D(2024, 3, 11),
                      dishonest_ground="able_but_refusing")
    assert listing.end_on is None


def test_performance_deletes_the_listing_and_lifts_the_restrictions(enforcement_case, respondent, approve, judge):
    listing = approve(enforcement_case, respondent, "dishonest_list", on=D(2024, 3, 11))
    restriction = approve(enforcement_case, respondent, "consumption_restriction", on=D(2024, 3, 11))
    case_record_fund(case=enforcement_case, actor=judge, direction="in", amount=Decimal("126000.00"),
                     occurred_on=D(2024, 4, 1))
    summary = rosters_job(today=D(2024, 4, 2))
    assert summary["ended_performed"] == 2
    listing.refresh_from_db()
    restriction.refresh_from_db()
    assert (listing.status, listing.ended_on) == ("ended", D(2024, 4, 2))
    assert "删除失信信息" in listing.end_reason and "解除限制消费" in restriction.end_reason


def test_a_listing_ends_when_its_term_is_over(enforcement_case, respondent, approve):
    listing = approve(enforcement_case, respondent, "dishonest_list", on=D(2024, 3, 11))
    rosters_job(today=D(2026, 3, 10))
    assert Sanction.objects.get(pk=listing.pk).status == "approved"
    rosters_job(today=D(2026, 3, 11))
    assert Sanction.objects.get(pk=listing.pk).status == "ended"


# --- 复议: within 3 days, within 5, not suspending ------------------------------------------------------------------


def test_reconsideration_within_three_days_does_not_suspend_the_fine(enforcement_case, respondent, approve, urge,
                                                                     judge, leader):
    urge(enforcement_case, respondent)
    fine = approve(enforcement_case, respondent, "fine", on=D(2024, 3, 11), amount=Decimal("10000"))
    assert fine.served_on == D(2024, 3, 11)
    with pytest.raises(ValidationError) as excinfo:
        reconsideration_apply(sanction=fine, actor=judge, applied_on=D(2024, 3, 15), grounds="罚款过重")
    assert "applied_on" in excinfo.value.message_dict
    item = reconsideration_apply(sanction=fine, actor=judge, applied_on=D(2024, 3, 14), grounds="罚款过重")
    assert Sanction.objects.get(pk=fine.pk).status == "approved"  # not suspended
    with pytest.raises(ValidationError):
        reconsideration_apply(sanction=fine, actor=judge, applied_on=D(2024, 3, 14))  # only once
    decided = reconsideration_decide(reconsideration=item, actor=leader, decided_on=D(2024, 3, 20),
                                     outcome="upheld")
    assert decided.outcome == "upheld" and Sanction.objects.get(pk=fine.pk).status == "approved"


def test_a_revoking_decision_ends_the_detention_and_a_late_one_is_flagged(api, enforcement_case, respondent, approve,
                                                                          urge, judge, leader):
    urge(enforcement_case, respondent)
    detention = approve(enforcement_case, respondent, "detention", on=D(2024, 3, 11), start_on=D(2024, 3, 11),
                        end_on=D(2024, 3, 20))
    applied = api.as_user(judge).post(f"{URL}{detention.pk}/reconsider/", {"applied_on": "2024-03-12"},
                                      format="json")
    assert applied.status_code == 201, applied.json()
    assert applied.json()["due_on"] == "2024-03-17"
    decided = api.as_user(leader).post(f"/api/v1/reconsiderations/{applied.json()['id']}/decide/",
                                       {"decided_on": "2024-03-18", "outcome": "revoked"}, format="json")
    assert decided.status_code == 200 and decided.json()["overdue"] is True
    detention.refresh_from_db()
    assert (detention.status, detention.end_reason) == ("ended", "复议决定撤销")


def test_only_fines_and_detention_are_reconsidered(enforcement_case, respondent, approve, judge):
    restriction = approve(enforcement_case, respondent, "consumption_restriction", on=D(2024, 3, 11))
    with pytest.raises(ValidationError) as excinfo:
        reconsideration_apply(sanction=restriction, actor=judge, applied_on=D(2024, 3, 12))
    assert "sanction" in excinfo.value.message_dict


# --- a company's restriction binds its people ------------------------------------------------------------------


def test_a_company_restriction_binds_its_legal_representative_and_controller(api, judge, make_case, court):
    company = OrganizationFactory(court=court, name="万年县恒昌建材有限公司")
    case = make_case(respondents=[company])
    body = {"case": case.pk, "party": company.pk, "kind": "consumption_restriction", "decided_on": "2024-03-10"}
    refused = api.as_user(judge).post(URL, body, format="json")
    assert refused.status_code == 400 and "法定代表人" in refused.json()["bound_persons"][0]
    rep, controller = make_resident_id(), make_resident_id()
    body["bound_persons"] = [{"role": "legal_representative", "name": "王某", "id_number": rep},
                             {"role": "actual_controller", "name": "赵某", "id_number": controller}]
    created = api.as_user(judge).post(URL, body, format="json")
    assert created.status_code == 201, created.json()
    assert [(p["role"], p["name"]) for p in created.json()["bound_persons"]] == [
        ("legal_representative", "王某"), ("actual_controller", "赵某")]


def test_the_legal_representative_on_record_is_bound_by_name(make_case, court, propose):
    company = OrganizationFactory(court=court, legal_representative="姚某某")
    case = make_case(respondents=[company])
    sanction = propose(case, company, "exit_restriction")
    assert [(b.role, b.name, b.id_number) for b in sanction.bound_persons.all()] == [
        ("legal_representative", "姚某某", "")]


def test_a_person_is_bound_by_their_own_id(enforcement_case, respondent, propose):
    sanction = propose(enforcement_case, respondent, "consumption_restriction")
    assert [(b.role, b.id_number) for b in sanction.bound_persons.all()] == [("debtor", respondent.id_number)]
