"""Delivery of a batch's portal link to its recipient: adapters, the delivery log, attempts and retries.

- Email goes through Django's email backend (settings.EMAIL_BACKEND).
- SMS goes through an adapter named by PUSHES_SMS_ADAPTER; the default writes the message to the log, so a
  deployment without an SMS gateway still sees what would have been sent.

One PushDelivery row per (batch, method) — created when a run finishes, sent by a Celery task enqueued through
the outbox (published on commit; kept pending while the broker is down). The task is thin and idempotent: a delivery already sent is never sent again.
"""
import logging

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import conf
from .choices import DeliveryMethod, DeliveryStatus
from .models import PushBatch, PushDelivery, PushRun

logger = logging.getLogger(__name__)


class DeliveryError(Exception):
    """A failure worth retrying (gateway down, SMTP refused)."""


class SmsAdapter:
    """Interface of an SMS gateway. `send` raises DeliveryError (or OSError) when the message was not accepted."""

    def send(self, *, phone: str, text: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class LogSmsAdapter(SmsAdapter):
    """The default: no gateway; the message is written to the log (phone number masked)."""

    def send(self, *, phone: str, text: str) -> None:
        masked = phone[:3] + "****" + phone[-4:] if len(phone) >= 7 else "****"
        logger.info("SMS to %s: %s", masked, text)


def sms_adapter() -> SmsAdapter:
    return import_string(conf.get("SMS_ADAPTER"))()


def portal_path(batch: PushBatch) -> str:
    return reverse("push_portal:portal", args=[batch.portal_token])


def portal_url(batch: PushBatch, request=None) -> str:
    """The absolute link a recipient opens: from the request when there is one, else PUSHES_PORTAL_BASE_URL."""
    if not batch.portal_token:
        return ""
    path = portal_path(batch)
    if request is not None:
        return request.build_absolute_uri(path)
    return conf.get("PORTAL_BASE_URL").rstrip("/") + path


def message_for(batch: PushBatch) -> tuple[str, str]:
    """(subject, text) of the delivery: the week, the number of cases, the link and until when it works."""
    expires = timezone.localtime(batch.portal_expires_at).date() if batch.portal_expires_at else ""
    subject = _("【%(court)s】%(week)s执行案件推送清单") % {"court": batch.court.name, "week": batch.week}
    text = _("%(name)s：%(court)s本周向您推送执行案件%(n)s件，请打开以下链接查看并反馈线索（有效期至%(expires)s）：%(url)s") % {
        "name": batch.recipient.contact or batch.recipient.name, "court": batch.court.name, "n": batch.item_count,
        "expires": expires, "url": portal_url(batch)}
    return subject, text


def deliveries_schedule(*, run: PushRun) -> list[int]:
    """Create the delivery rows of a finished run (once per batch and method) and enqueue the pending ones
    through the outbox (published when the transaction commits)."""
    from outbox import enqueue

    from .tasks import deliver

    batches = PushBatch.objects.filter(run=run, item_count__gt=0).select_related("recipient")
    rows = []
    for batch in batches:
        if batch.recipient.email:
            rows.append(PushDelivery(batch=batch, method=DeliveryMethod.EMAIL, address=batch.recipient.email))
        if batch.recipient.phone:
            rows.append(PushDelivery(batch=batch, method=DeliveryMethod.SMS, address=batch.recipient.phone))
    PushDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    pending = list(PushDelivery.objects.filter(batch__run=run, status=DeliveryStatus.PENDING,
                                               attempts=0).values_list("pk", flat=True))
    for pk in pending:
        enqueue(deliver, args=[pk])
    return pending


def delivery_attempt(*, delivery_id: int) -> str:
    """Send one delivery once, under a row lock so two workers never send it twice.

    Returns the delivery's status afterwards, or "retry" when it failed and has attempts left.
    """
    with transaction.atomic():
        delivery = (PushDelivery.objects.select_for_update().select_related("batch__court", "batch__recipient")
                    .filter(pk=delivery_id).first())
        if delivery is None:
            return "missing"
        if delivery.status != DeliveryStatus.PENDING:
            return delivery.status
        subject, text = message_for(delivery.batch)
        delivery.attempts += 1
        entry = {"at": timezone.now().isoformat(), "attempt": delivery.attempts}
        try:
            if delivery.method == DeliveryMethod.EMAIL:
                send_mail(subject, text, None, [delivery.address], fail_silently=False)
            else:
                sms_adapter().send(phone=delivery.address, text=text)
        except (DeliveryError, OSError) as exc:  # smtplib errors are OSErrors
            delivery.last_error = repr(exc)[:2000]
            entry["error"] = delivery.last_error
            if delivery.attempts >= conf.get("DELIVERY_MAX_ATTEMPTS"):
                delivery.status = DeliveryStatus.FAILED
        else:
            delivery.status, delivery.sent_at, entry["ok"] = DeliveryStatus.SENT, timezone.now(), True
        delivery.log = [*delivery.log, entry]
        delivery.save(update_fields=["status", "attempts", "last_error", "sent_at", "log", "updated_at"])
    if delivery.status == DeliveryStatus.PENDING:
        return "retry"
    return delivery.status
