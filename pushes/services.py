"""Writes of the pushes app: rule versions, recipients, the weekly run, portal links, feedback and its review.

Every function is keyword-only. Multi-step writes are one transaction each; the weekly run is a sequence of
such transactions (start, one per step, finish) so that a worker killed in the middle leaves a run that the next
attempt completes — the unique constraint on (week, recipient, case, party) makes every redone step harmless.
"""
import datetime as dt
import hashlib
import logging
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases import rules as case_rules
from cases.choices import EventKind, PartyKind, TodoKind
from cases.models import Court
from cases.services.common import check_same_court, court_today, raise_if
from cases.services.timeline import record_event
from cases.services.todos import todo_create_once, todo_mark_done
from wanian_exec.errors import RuleViolation
from wanian_exec.filtersets import parse_id

from . import classify, conf, rules, tokens
from .choices import Body, Channel, FeedbackKind, RunStatus
from .models import PushBatch, PushFeedback, PushItem, PushRecipient, PushRuleSet, PushRun
from .signals import feedback_reviewed

logger = logging.getLogger(__name__)

RULE_FIELDS = ("small_amount_limit", "grid_includes_livelihood", "discipline_includes_party_members",
               "discipline_includes_state_organs", "include_terminated_current", "deputy_level", "channels", "note")
RECIPIENT_FIELDS = ("channel", "name", "township", "grid", "organization", "body", "contact", "phone", "email",
                    "is_active")
CONTENT_MAX_CHARS = 2000
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}


# --- rule sets -------------------------------------------------------------------------------------------


def rule_set_for(*, court: Court) -> PushRuleSet:
    """The court's current rules; version 1 with the defaults the first time a court asks."""
    current = PushRuleSet.objects.filter(court=court).order_by("-version").first()
    if current is not None:
        return current
    with transaction.atomic():
        Court.objects.select_for_update().filter(pk=court.pk).first()  # serialise version numbers per court
        current = PushRuleSet.objects.filter(court=court).order_by("-version").first()
        return current or PushRuleSet.objects.create(court=court, version=1, note=_("默认规则"))


@transaction.atomic
def rule_set_publish(*, court: Court, actor, **fields) -> PushRuleSet:
    """Publish a new version of the court's rules; fields not given keep their current values."""
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"unknown rule fields {sorted(unknown)}")
    Court.objects.select_for_update().filter(pk=court.pk).first()
    current = PushRuleSet.objects.filter(court=court).order_by("-version").first()
    values = {name: getattr(current, name) for name in RULE_FIELDS} if current else {}
    values.update(fields)
    values["note"] = (values.get("note") or "").strip() if "note" in fields else ""
    errors: dict = {}
    channels = values.get("channels") or []
    if set(channels) - set(Channel.values):
        errors.setdefault("channels", []).append(_("未知的推送渠道。"))
    raise_if(errors)
    version = (PushRuleSet.objects.filter(court=court).aggregate(v=Max("version"))["v"] or 0) + 1
    rule_set = PushRuleSet(court=court, version=version, created_by=actor, **values)
    rule_set.full_clean(exclude=["version"])
    rule_set.save()
    return rule_set


# --- recipients ------------------------------------------------------------------------------------------


def _validate_recipient(recipient: PushRecipient) -> None:
    errors: dict = {}
    court = recipient.court
    check_same_court(court, [recipient.township], "township", errors)
    check_same_court(court, [recipient.organization], "organization", errors)
    if recipient.grid_id and recipient.grid.township.court_id != court.pk:
        errors.setdefault("grid", []).append(_("网格不属于本院辖区。"))
    channel = recipient.channel
    if channel == Channel.GRID and not recipient.grid_id:
        errors.setdefault("grid", []).append(_("网格渠道须选择网格。"))
    if channel == Channel.TOWNSHIP and not recipient.township_id:
        errors.setdefault("township", []).append(_("乡镇渠道须选择乡镇。"))
    if channel == Channel.EMPLOYER:
        if not recipient.organization_id:
            errors.setdefault("organization", []).append(_("工作单位渠道须选择单位。"))
        elif recipient.organization.kind != PartyKind.ORGANIZATION:
            errors.setdefault("organization", []).append(_("工作单位应为组织。"))
    if recipient.body and channel != Channel.NPC_CPPCC:
        recipient.body = Body.BOTH
    raise_if(errors)
    if channel == Channel.GRID and not recipient.township_id:
        recipient.township = recipient.grid.township
    recipient.name = (recipient.name or "").strip()
    recipient.full_clean()


@transaction.atomic
def recipient_create(*, court: Court, actor=None, **fields) -> PushRecipient:
    recipient = PushRecipient(court=court, **{k: v for k, v in fields.items() if k in RECIPIENT_FIELDS})
    _validate_recipient(recipient)
    recipient.save()
    return recipient


@transaction.atomic
def recipient_update(*, recipient: PushRecipient, actor=None, **fields) -> PushRecipient:
    recipient = PushRecipient.objects.select_for_update().get(pk=recipient.pk)
    for name, value in fields.items():
        if name not in RECIPIENT_FIELDS:
            raise TypeError(f"unknown recipient field {name}")
        setattr(recipient, name, value)
    _validate_recipient(recipient)
    recipient.save()
    return recipient


# --- the weekly run --------------------------------------------------------------------------------------


def check_week(week: str) -> str:
    """A well-formed ISO week that is not in the future (rules.run_week_errors). Any past week may be run here
    (backfills, the demo court, tests); what a person asks for through the API or the run page is also bounded to
    rules.RUN_WEEKS_BACK weeks, by the API serializer and the form, which read the same rule."""
    errors = rules.run_week_errors(week, today=court_today(), weeks_back=None)
    if errors:
        raise ValidationError({"week": errors})
    return week


def _issue_missing_tokens(run: PushRun) -> None:
    """A link for every batch of the run that has none."""
    issue_missing_links(PushBatch.objects.filter(run=run))


def issue_missing_links(batches) -> int:
    """A link for every batch of `batches` that has none; returns how many. On PostgreSQL one UPDATE … FROM
    (VALUES …) for them all (a province's weekly job issues 8,400: a statement per batch was a round trip each);
    elsewhere one plain UPDATE per batch (bulk_update's CASE expression over thousands of grids would be slower
    than the statements themselves)."""
    rows = [(*tokens.issue_token(), pk) for pk in batches.filter(portal_token="").values_list("pk", flat=True)]
    if not rows:
        return 0
    table = PushBatch._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            execute_values(cursor.cursor, f"UPDATE {table} b SET portal_token = v.token, portal_expires_at = v.expires"
                                          f" FROM (VALUES %s) v(token, expires, id) WHERE b.id = v.id", rows,
                           template="(%s, %s::timestamptz, %s::bigint)", page_size=1000)
        else:
            cursor.executemany(f"UPDATE {table} SET portal_token = %s, portal_expires_at = %s WHERE id = %s", rows)
    return len(rows)


@transaction.atomic
def _run_start(*, court: Court, week: str, actor, trigger: str) -> PushRun:
    """Create (or reopen) the court's run of the week and the batch of every active recipient."""
    run, _created = PushRun.objects.select_for_update().get_or_create(
        court=court, week=week,
        defaults={"rule_set": rule_set_for(court=court), "trigger": trigger, "started_by": actor})
    run.status, run.finished_at, run.attempts = RunStatus.RUNNING, None, run.attempts + 1
    run.save(update_fields=["status", "finished_at", "attempts", "updated_at"])
    recipients = PushRecipient.objects.filter(court=court, is_active=True,
                                              channel__in=run.rule_set.enabled_channels)
    PushBatch.objects.bulk_create(
        [PushBatch(court=court, run=run, week=week, recipient=r, channel=r.channel) for r in recipients],
        ignore_conflicts=True)
    _issue_missing_tokens(run)
    classify.refresh_statistics()
    return run


@transaction.atomic
def _run_finish(*, run: PushRun) -> PushRun:
    from .delivery import deliveries_schedule

    of_batch = PushItem.objects.filter(week=OuterRef("week"), recipient=OuterRef("recipient"))
    has_feedback = Exists(PushFeedback.objects.filter(batch=OuterRef("pk")))
    PushBatch.objects.filter(~Exists(of_batch), ~has_feedback, run=run).delete()  # an empty list is not sent
    counts = of_batch.order_by().values("recipient").annotate(n=Count("pk")).values("n")
    PushBatch.objects.filter(run=run).update(item_count=Coalesce(Subquery(counts), 0))
    totals = PushBatch.objects.filter(run=run).aggregate(batches=Count("pk"), items=Sum("item_count"))
    run = PushRun.objects.select_for_update().get(pk=run.pk)
    run.status, run.finished_at = RunStatus.COMPLETED, timezone.now()
    run.batch_count, run.item_count = totals["batches"], totals["items"] or 0
    run.save(update_fields=["status", "finished_at", "batch_count", "item_count", "updated_at"])
    deliveries_schedule(run=run)
    return run


def run_channels(run: PushRun) -> list[str]:
    """The channels of the run's rule version that have a batch this week (an active recipient)."""
    present = set(PushBatch.objects.filter(run=run).values_list("channel", flat=True).distinct())
    return [c for c in run.rule_set.enabled_channels if c in present]


def run_spans(court_id: int) -> list[tuple[int, int]]:
    """The run's steps: spans of case ids holding at most RUN_CHUNK_CASES of the court's candidate cases each
    (classify.court_spans; each step one transaction)."""
    return classify.court_spans(court_id, max(conf.get("RUN_CHUNK_CASES"), 1))


def push_week_run(*, court: Court, week: str | None = None, actor=None, trigger: str = "manual") -> PushRun:
    """Classify the court's open cases for an ISO week and write batches and items; then schedule delivery.

    Idempotent (a rerun adds only cases that became eligible since) and resumable (a killed run is finished
    by the next call). The run keeps the rule version it started with, so its items say which rules applied.
    """
    week = check_week(week or rules.current_week())
    with translation.override(settings.LANGUAGE_CODE):  # what the run writes in words is in the court's language
        run = _run_start(court=court, week=week, actor=actor, trigger=trigger)
        channels = run_channels(run)
        steps = run_spans(court.pk) if channels else []
        PushRun.objects.filter(pk=run.pk).update(steps_total=len(steps), steps_done=0)
        pause, today, started = conf.get("RUN_STEP_PAUSE"), court_today(), time.monotonic()
        inserted = 0
        for lo, hi in steps:
            step_started = time.monotonic()
            with transaction.atomic():
                classify.relax_step_commit()
                step_inserted = classify.run_step(channels, run.rule_set, classify.Scope(court.pk, week, lo, hi),
                                                  run_id=run.pk, today=today)
                PushRun.objects.filter(pk=run.pk).update(steps_done=F("steps_done") + 1)
            inserted += step_inserted
            logger.debug("push run %s %s: cases %s–%s, %s new items, %.2fs", court.code, week, lo, hi - 1,
                         step_inserted, time.monotonic() - step_started)
            if pause:
                time.sleep(pause)
        run = _run_finish(run=run)
    logger.info("push run %s %s: %s steps, %s new items, %s items in %s batches, %.1fs", court.code, week,
                len(steps), inserted, run.item_count, run.batch_count, time.monotonic() - started)
    return run


def push_week_preview(*, court: Court, week: str | None = None, sample: int = 5) -> dict:
    """What a run of the week would push with the current rules, without writing: counts per channel and
    recipient, and a few items per channel with their reasons."""
    week = check_week(week or rules.current_week())
    rule_set = rule_set_for(court=court)
    recipients = {r.pk: r for r in PushRecipient.objects.filter(court=court, is_active=True)
                  .select_related("township", "organization")}
    present = {r.channel for r in recipients.values()}
    active = [c for c in rule_set.enabled_channels if c in present]
    id_range = classify.case_id_range(court.pk)
    found = {}
    if active and id_range is not None:
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            scope = classify.Scope(court.pk, week, id_range[0], id_range[1] + 1)
            found = classify.preview(active, rule_set, scope, sample=sample)
    channels = []
    for channel in rule_set.enabled_channels:
        counts = found.get(channel, {}).get("counts", {})
        samples = found.get(channel, {}).get("samples", [])
        rows = [{"recipient": recipients[pk], "items": n, "cases": c} for pk, (n, c) in counts.items()
                if pk in recipients]
        rows.sort(key=lambda row: row["recipient"].name)
        for item in samples:
            recipient = item["recipient"] = recipients.get(item["recipient_id"])
            item["reasons"] = rules.render_reasons(
                item["reason_codes"], amount=item["outstanding"], level=rule_set.deputy_level,
                township=recipient.township.name if recipient and recipient.township_id else "",
                employer=recipient.organization.name if recipient and recipient.organization_id else "")
        channels.append({"channel": channel, "label": Channel(channel).label, "recipients": rows,
                         "items": sum(r["items"] for r in rows), "samples": samples})
    return {"week": week, "rule_set": rule_set, "channels": channels,
            "items": sum(c["items"] for c in channels),
            "existing_run": PushRun.objects.filter(court=court, week=week).first()}


def weekly_pushes_job(court_id: int | None = None, week: str | None = None) -> dict:
    """The `weekly_pushes` job (Monday 08:00 Asia/Shanghai): every court with an active recipient, or one court."""
    week = week or rules.current_week()
    if court_id is not None:
        courts = Court.objects.filter(pk=court_id)
    else:
        courts = Court.objects.filter(pk__in=PushRecipient.objects.filter(is_active=True).values("court"))
    runs = [push_week_run(court=court, week=week, trigger="schedule") for court in courts.order_by("pk")]
    return {"week": week, "courts": len(runs), "batches": sum(r.batch_count for r in runs),
            "items": sum(r.item_count for r in runs),
            "runs": [{"court": r.court_id, "run": r.pk, "batches": r.batch_count, "items": r.item_count}
                     for r in runs]}


# --- portal links ----------------------------------------------------------------------------------------


@transaction.atomic
def batch_reissue_link(*, batch: PushBatch, actor=None) -> PushBatch:
    """A new link for the batch (valid for another 30 days); the old link stops working at once."""
    batch = PushBatch.objects.select_for_update().get(pk=batch.pk)
    batch.portal_token, batch.portal_expires_at = tokens.issue_token(batch)
    batch.save(update_fields=["portal_token", "portal_expires_at", "updated_at"])
    return batch


# --- feedback --------------------------------------------------------------------------------------------


def check_photo(photo, errors: dict) -> None:
    """JPEG or PNG, at most PHOTO_MAX_BYTES; the content is checked, not the file name or the declared type."""
    if not photo:
        return
    limit = conf.get("PHOTO_MAX_BYTES")
    if photo.size > limit:
        errors.setdefault("photo", []).append(
            _("照片不能超过%(mb)sMB。") % {"mb": limit // (1024 * 1024)})
        return
    from PIL import Image, UnidentifiedImageError

    try:
        photo.seek(0)
        with Image.open(photo) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        image_format = None
    finally:
        photo.seek(0)
    if image_format not in PHOTO_FORMATS:
        errors.setdefault("photo", []).append(_("照片仅支持JPEG或PNG格式。"))


def _photo_digest(photo) -> str:
    if not photo:
        return ""
    digest = hashlib.sha256()
    photo.seek(0)
    for chunk in photo.chunks():
        digest.update(chunk)
    photo.seek(0)
    return digest.hexdigest()


@transaction.atomic
def feedback_submit(*, batch: PushBatch, item: int, kind: str, content: str = "", photo=None,
                    submitter: str = "") -> PushFeedback:
    """A recipient's feedback on one item of their batch: stored, put on the case timeline, and given to the
    case's judge as a to-do. An item of another batch is refused like an unknown one."""
    item_id = parse_id(item)
    found = (PushItem.objects.select_related("case", "party", "recipient")
             .filter(pk=item_id, batch_id=batch.pk).first() if item_id else None)
    if found is None:
        raise ValidationError({"item": [_("该案件不在本次推送清单中。")]})
    content = (content or "").strip()
    errors: dict = {}
    if kind not in FeedbackKind.values:
        errors.setdefault("kind", []).append(_("请选择反馈类型。"))
    if kind == FeedbackKind.LEAD and not content:
        errors.setdefault("content", []).append(_("请写明线索内容。"))
    if len(content) > CONTENT_MAX_CHARS:
        errors.setdefault("content", []).append(_("反馈内容不能超过%(n)s字。") % {"n": CONTENT_MAX_CHARS})
    check_photo(photo, errors)
    raise_if(errors)
    fingerprint = rules.feedback_fingerprint(kind=kind, content=content, photo_digest=_photo_digest(photo))
    same = PushFeedback.objects.filter(batch=batch, item=found, fingerprint=fingerprint)
    if (first := same.first()) is not None:
        return first  # sent again: answered with the feedback already recorded, nothing written
    case, today = found.case, court_today()
    feedback = PushFeedback(court_id=batch.court_id, item=found, batch=batch, case=case, kind=kind, content=content,
                            photo=photo or "", submitter=(submitter or "")[:64], fingerprint=fingerprint)
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError:  # the same feedback arrived at the same moment and the other request recorded it
        if feedback.photo:
            feedback.photo.delete(save=False)
        return same.get()
    label = FeedbackKind(kind).label
    record_event(case=case, kind=EventKind.LEAD_RECEIVED if kind == FeedbackKind.LEAD else EventKind.NOTE,
                 occurred_on=today, party=found.party,
                 note=_("推送反馈（%(channel)s·%(recipient)s，%(week)s）：%(kind)s。%(content)s") % {
                     "channel": Channel(found.channel).label, "recipient": found.recipient.name,
                     "week": found.week, "kind": label, "content": content})
    todo, _created = todo_create_once(
        court_id=batch.court_id, dedupe_key=f"push_feedback:{feedback.pk}", assignee_id=case.judge_id,
        kind=TodoKind.PUSH_FEEDBACK, enforcement_case_id=case.pk,
        due_on=today + dt.timedelta(days=case_rules.LEAD_CHECK_DAYS),
        title=_("%(number)s 收到%(recipient)s推送反馈：%(kind)s") % {
            "number": case.number, "recipient": found.recipient.name, "kind": label})
    feedback.todo = todo
    feedback.save(update_fields=["todo", "updated_at"])
    return feedback


@transaction.atomic
def feedback_review(*, feedback: PushFeedback, actor, effective: bool, note: str = "") -> PushFeedback:
    """The judge marks feedback effective or not; a lead's first review is its check (核查财产线索) on the
    timeline, which the 终本 gate counts. The feedback to-do is ticked off, and the review is announced
    (signals.feedback_reviewed: clearance raises a resume trigger for an effective lead on a 终本 case)."""
    feedback = PushFeedback.objects.select_for_update().select_related("case", "item").get(pk=feedback.pk)
    case = feedback.case
    if not (actor.is_superuser or actor.has_role("court_admin") or case.judge_id in (None, actor.pk)):
        raise RuleViolation(_("只有本案承办法官可以审查推送反馈。"), code="not_case_judge")
    first_review = feedback.effective is None
    feedback.effective, feedback.review_note = bool(effective), (note or "").strip()[:255]
    feedback.reviewed_by, feedback.reviewed_at = actor, timezone.now()
    feedback.save(update_fields=["effective", "review_note", "reviewed_by", "reviewed_at", "updated_at"])
    verdict = _("有效") if feedback.effective else _("无效")
    is_lead_check = feedback.kind == FeedbackKind.LEAD and first_review
    record_event(case=case, kind=EventKind.LEAD_CHECKED if is_lead_check else EventKind.NOTE,
                 occurred_on=court_today(), actor=actor, party=feedback.item.party,
                 note=_("推送反馈（%(kind)s）经审查认定为%(verdict)s。%(note)s") % {
                     "kind": feedback.get_kind_display(), "verdict": verdict, "note": feedback.review_note})
    todo = feedback.todo
    if todo is not None and todo.done_at is None and (todo.assignee_id in (None, actor.pk)
                                                      or actor.has_role("court_admin")):
        todo_mark_done(todo=todo, actor=actor)
    feedback_reviewed.send(sender=PushFeedback, feedback=feedback, first_review=first_review)
    return feedback
