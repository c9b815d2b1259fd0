"""The demo court's 终本 follow-through (终本清仓): each of the four kinds of evidence that a 终本 case should be
resumed, once, in 2024, through the clearance app's own code — so a judge opening the 终本 library sees a
property-found re-inquiry, a push lead, a travel violation and an applicant's request waiting to be decided.

- property found: the sweep's re-inquiry of one case (clearance.services.sweep.reinquiry_perform) on its first
  due date, for a debtor the inquiry simulator holds property for (the builder does not re-query those: the
  live sweep finds the others);
- push lead: a grid worker, pushed the case while it was open, reports after 终本 where the debtor works; the
  judge marks it effective, and clearance.signals raises the trigger;
- travel violation: a flight taken under the consumption restriction, as the travel import's match query writes
  it (sanctions.travel.match_batch), found by the sweep's scan (clearance.services.triggers.scan_triggers);
- applicant's request: clearance.services.triggers.applicant_request_record.

Every date lies in 2024 (the demo's year, before builder.AS_OF) and falls after the case's closure; the triggers
stay open (待研判), for the judge to decide. A source with no fitting case (a small court) is left out.
"""
import datetime as dt
from zoneinfo import ZoneInfo

from cases.choices import ClosureMethod, EventKind, PartyKind
from cases.models import EnforcementCase
from cases.services.timeline import record_event

DAY = dt.timedelta(days=1)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _stock(court, as_of: dt.date):
    """The court's 终本 cases not resumed, closed at least 45 days before `as_of`, in a fixed order."""
    return list(EnforcementCase.objects.filter(
        court=court, closure_method=ClosureMethod.TERMINATED_CURRENT, closed_on__lte=as_of - 45 * DAY,
        resumptions__isnull=True).select_related("judge").prefetch_related("respondents", "applicants")
        .order_by("closed_on", "pk"))


def tell(builder, *, as_of: dt.date) -> dict:
    """Write the four stories on the builder's court; returns {source: case number} of those told."""
    stock = _stock(builder.court, as_of)
    used: set[int] = set()
    told = {}
    for name, story in (("property_found", _property_found), ("push_lead", _push_lead),
                        ("travel_violation", _travel_violation), ("applicant_request", _applicant_request)):
        case = story(builder, [c for c in stock if c.pk not in used], as_of)
        if case is not None:
            used.add(case.pk)
            told[name] = case.number
    builder.log("终本清仓：" + "、".join(f"{k} {v}" for k, v in told.items()))
    return told


def _property_found(builder, stock, as_of):
    from clearance.models import Reinquiry
    from clearance.schedule import due_on
    from clearance.services.sweep import reinquiry_perform

    for case in stock:
        first_due = due_on(case.closed_on, 1)
        holds = any(builder.fixture.get(p.identity_number) for p in case.respondents.all())
        if not holds or first_due > as_of:
            continue
        row = Reinquiry.objects.create(court_id=case.court_id, case=case, sequence=1, due_on=first_due)
        if reinquiry_perform(reinquiry_id=row.pk, today=first_due) == "found":
            return case
    return None


def _push_lead(builder, stock, as_of):
    from pushes.choices import FeedbackKind
    from clearance.services.triggers import trigger_from_feedback
    from pushes.models import PushFeedback, PushItem

    for case in stock:
        item = PushItem.objects.filter(case=case).select_related("batch", "recipient", "party").order_by(
            "-pushed_on", "-pk").first()
        submitted = case.closed_on + 20 * DAY
        if item is None or submitted + 3 * DAY > as_of:
            continue
        content = "被执行人近期在县城工业园一家竹木制品厂务工，按月领取工资"
        feedback = PushFeedback.objects.create(court_id=case.court_id, item=item, batch=item.batch, case=case,
                                               kind=FeedbackKind.LEAD, content=content,
                                               submitter=item.recipient.contact or item.recipient.name)
        at = dt.datetime.combine(submitted, dt.time(16, 20), tzinfo=SHANGHAI)
        reviewed_on = submitted + 3 * DAY
        PushFeedback.objects.filter(pk=feedback.pk).update(
            created_at=at, reviewed_at=dt.datetime.combine(reviewed_on, dt.time(9, 30), tzinfo=SHANGHAI),
            reviewed_by=case.judge, review_note="经电话核实，被执行人确在该厂务工")
        record_event(case=case, kind=EventKind.LEAD_RECEIVED, occurred_on=submitted, party=item.party,
                     note=f"推送反馈（{item.recipient.name}，{item.week}）：财产线索。{content}")
        record_event(case=case, kind=EventKind.LEAD_CHECKED, occurred_on=reviewed_on, actor=case.judge,
                     party=item.party, note="推送反馈（财产线索）经审查认定为有效。经电话核实，被执行人确在该厂务工")
        feedback.refresh_from_db()
        feedback.effective = True
        feedback.save(update_fields=["effective", "updated_at"])
        trigger_from_feedback(feedback)  # what pushes' feedback review announces and clearance answers
        if case.resume_triggers.exists():
            return case
    return None


def _travel_violation(builder, stock, as_of):
    from clearance.services.triggers import scan_triggers
    from sanctions.choices import Breach, SanctionKind, SanctionStatus, TravelMode
    from sanctions.models import Sanction, TravelImport, TravelRecord, Violation

    for case in stock:
        travelled = case.closed_on + 30 * DAY
        imported = travelled + 5 * DAY
        restriction = Sanction.objects.filter(
            case=case, kind=SanctionKind.CONSUMPTION_RESTRICTION, status=SanctionStatus.APPROVED,
            party__kind=PartyKind.PERSON, in_force_from__lte=travelled).select_related("party").first()
        if restriction is None or imported > as_of:
            continue
        party = restriction.party
        batch = TravelImport.objects.create(court_id=case.court_id, filename=f"铁路航空出行数据{imported:%Y%m%d}.csv",
                                            uploaded_by=case.judge, rows=1, violations=1)
        record = TravelRecord.objects.create(
            court_id=case.court_id, batch=batch, row=1, id_number=party.id_number, name=party.name,
            mode=TravelMode.FLIGHT, travelled_on=travelled, route="CZ6731 南昌—三亚", seat_class="经济舱",
            breach=Breach.FLIGHT)
        Violation.objects.create(court_id=case.court_id, travel_record=record, sanction=restriction, case=case,
                                 party=party, kind=Breach.FLIGHT, travelled_on=travelled)
        record_event(case=case, kind=EventKind.NOTE, occurred_on=imported, party=party, actor=case.judge,
                     note=f"出行记录比对（{batch.filename}）：发现违反限制措施出行1次，最近一次{travelled.isoformat()}")
        scan_triggers(court_id=case.court_id)
        return case
    return None


def _applicant_request(builder, stock, as_of):
    from clearance.services.triggers import applicant_request_record

    for case in stock:
        received = case.closed_on + 40 * DAY
        if received > as_of:
            continue
        debtor = case.respondents.all()[0]
        applicant_request_record(
            case=case, actor=case.judge, received_on=received,
            content=f"申请执行人提交书面申请：{debtor.name}名下新登记一辆小型货车（赣E牌照），停放于其经营的门店，"
                    "请求恢复执行并查封该车辆")
        return case
    return None
