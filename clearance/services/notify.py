"""Telling the applicants the result of a re-inquiry, through the notifier adapter (clearance.notifiers)."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import ReinquiryStatus
from ..models import Reinquiry
from ..notifiers import Notice, get_notifier


def reinquiry_notify(*, reinquiry_id: int) -> dict:
    """Idempotent: a re-inquiry whose applicants were told (notified_at) is not told again."""
    with transaction.atomic():
        row = (Reinquiry.objects.select_for_update().select_related("case").filter(pk=reinquiry_id).first())
        if row is None or row.status != ReinquiryStatus.DONE or row.notified_at is not None:
            return {"sent": 0}
        case = row.case
        text = _("您申请执行的%(number)s案件已于%(d)s依法进行终本后定期财产查询，查到财产%(n)d项。%(more)s") % {
            "number": case.number, "d": row.done_on.isoformat(), "n": row.assets_found,
            "more": _("承办法官将研判是否恢复执行。") if row.assets_found else _("暂未发现可供执行的财产，法院将继续定期查询。")}
        notifier, sent = get_notifier(), 0
        for applicant in case.applicants.all():
            notifier.send(Notice(case_number=case.number, applicant_name=applicant.name,
                                 applicant_phone=applicant.phone, due_on=row.due_on.isoformat(),
                                 done_on=row.done_on.isoformat(), assets_found=row.assets_found, text=text))
            sent += 1
        row.notified_at = timezone.now()
        row.save(update_fields=["notified_at", "updated_at"])
    return {"sent": sent}
