"""调解与执行同步: a judgment or mediation is a success when performed, not when signed.

The daily `mediation_reminders` job puts one 执前督促 to-do on the trial judge's list for every unpaid instalment
falling due within the court's window (7 days by default, SyncSettings.instalment_reminder_days) — the call that
made 姚某 pay a week early. One to-do per instalment (dedupe key per case and due date), never for a paid one;
paying an instalment ticks its reminder off.
"""
import datetime as dt
from collections import defaultdict

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from .. import rules
from ..choices import OutcomeKind, TodoKind
from ..models import Court, EnforcementCase, LitigationCase, Obligation, Todo, VoluntaryPayment
from ..selectors import sync_settings_for
from .common import court_today
from .todos import iter_batches, todo_create_once, todos_close

PLAN_KINDS = [OutcomeKind.MEDIATION, OutcomeKind.JUDGMENT]


def instalment_dedupe_key(case_id: int, due_on: dt.date) -> str:
    """Per case and due date, not per row: a corrected plan (outcome_record replaces the rows) is not re-reminded."""
    return f"instalment_due:{case_id}:{due_on.isoformat()}"


def _plans(case_ids) -> dict[int, list[tuple]]:
    plans = defaultdict(list)
    for case_id, pk, due_on, amount in Obligation.objects.filter(outcome__case_id__in=case_ids).order_by(
            "due_on", "pk").values_list("outcome__case", "pk", "due_on", "amount"):
        plans[case_id].append((pk, due_on, amount))
    return plans


def _payments(case_ids) -> dict[int, list[tuple]]:
    payments = defaultdict(list)
    for case_id, paid_on, amount in VoluntaryPayment.objects.filter(case_id__in=case_ids).values_list(
            "case_id", "paid_on", "amount"):
        payments[case_id].append((paid_on, amount))
    return payments


def mediation_reminders(*, today: dt.date | None = None, court_id: int | None = None) -> dict:
    """The daily job (cases.jobs "mediation_reminders"). Idempotent: running it twice creates nothing new."""
    today = today or court_today()
    courts = Court.objects.order_by("pk")
    if court_id is not None:
        courts = courts.filter(pk=court_id)
    summary = {"checked_on": today.isoformat(), "windows": {}, "instalments_in_window": 0, "reminders_created": 0,
               "already_paid": 0, "without_trial_judge": 0}
    for court_pk in courts.values_list("pk", flat=True):
        window = sync_settings_for(court_pk).instalment_reminder_days
        summary["windows"][str(court_pk)] = window
        due_soon = Obligation.objects.filter(
            outcome__case__court_id=court_pk, outcome__kind__in=PLAN_KINDS,
            due_on__gte=today, due_on__lte=today + dt.timedelta(days=window),
        ).exclude(Exists(EnforcementCase.objects.filter(source_case=OuterRef("outcome__case"))))
        for batch in iter_batches(due_soon, "due_on", "amount", "outcome__case", "outcome__case__number",
                                  "outcome__case__trial_judge"):
            _remind_batch(batch, today=today, window=window, court_pk=court_pk, summary=summary)
    return summary


def _remind_batch(batch, *, today, window, court_pk, summary):
    case_ids = {row["outcome__case"] for row in batch}
    plans, payments = _plans(case_ids), _payments(case_ids)
    for row in batch:
        summary["instalments_in_window"] += 1
        case_id = row["outcome__case"]
        plan = plans[case_id]
        states = {s.key: s for s in rules.instalment_performance(plan, payments[case_id], today=today)}
        state = states[row["pk"]]
        if not rules.instalment_reminder_due(due_on=row["due_on"], today=today, window_days=window,
                                             settled=state.settled_on is not None):
            summary["already_paid"] += 1
            continue
        if not row["outcome__case__trial_judge"]:
            summary["without_trial_judge"] += 1
            continue
        number = [pk for pk, _d, _a in plan].index(row["pk"]) + 1
        _todo, created = todo_create_once(
            court_id=court_pk, dedupe_key=instalment_dedupe_key(case_id, row["due_on"]),
            assignee_id=row["outcome__case__trial_judge"], kind=TodoKind.INSTALMENT_DUE,
            litigation_case_id=case_id, due_on=row["due_on"],
            title=_("%(number)s 第%(n)d期应于%(due)s履行%(amount)s元（未履行%(left)s元），请电话或移动微法院督促履行")
            % {"number": row["outcome__case__number"], "n": number, "due": row["due_on"].isoformat(),
               "amount": f"{state.amount:,.2f}", "left": f"{state.outstanding:,.2f}"},
        )
        summary["reminders_created"] += created


def close_paid_reminders(*, case: LitigationCase, actor=None, today: dt.date | None = None) -> int:
    """After a payment: tick off the open reminders of instalments now paid in full."""
    today = today or court_today()
    plan = _plans([case.pk])[case.pk]
    states = rules.instalment_performance(plan, _payments([case.pk])[case.pk], today=today)
    paid_keys = [instalment_dedupe_key(case.pk, s.due_on) for s in states if s.settled_on is not None]
    if not paid_keys:
        return 0
    return todos_close(queryset=Todo.objects.filter(court_id=case.court_id, dedupe_key__in=paid_keys,
                                                    kind=TodoKind.INSTALMENT_DUE), actor=actor)


def has_default(states) -> bool:
    return any(state.status == "defaulted" for _obligation, state in states)
