"""Confirming a preview: the file a dry run read, imported for real as a new job (the preview stays as the record of
what was shown before the import was confirmed)."""
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from wanian_exec.errors import RuleViolation

from ..models import ImportJob
from .runner import file_sha256, import_job_create


def confirmed_by(preview: ImportJob) -> ImportJob | None:
    """The real import that confirmed `preview`: the same court, kind and file (sha256), started after it, not failed."""
    if not preview.dry_run:
        return None
    return ImportJob.objects.filter(
        court_id=preview.court_id, kind=preview.kind, sha256=preview.sha256, dry_run=False,
        created_at__gte=preview.created_at).exclude(status=ImportJob.Status.FAILED).order_by("created_at", "pk").first()


@transaction.atomic
def import_job_confirm(*, preview: ImportJob, actor) -> ImportJob:
    """Import for real the file a successful dry run of the actor's court read. The stored file is checked against
    the sha256 taken when it was uploaded (the bytes the preview read); a preview already confirmed answers the
    import it became, so a second click imports nothing twice."""
    preview = ImportJob.objects.select_for_update().get(pk=preview.pk)
    if actor.court_id != preview.court_id:
        raise RuleViolation(_("只能确认本院的导入。"), code="forbidden_court")
    if not preview.dry_run or preview.status != ImportJob.Status.DONE:
        raise RuleViolation(_("只有成功完成的预览才能确认导入。"), code="not_confirmable")
    existing = confirmed_by(preview)
    if existing is not None:
        return existing
    with preview.file.open("rb") as stored:
        upload = File(stored.file, name=preview.original_name or "import")
        if file_sha256(upload) != preview.sha256:
            raise RuleViolation(_("预览后文件已被改动（SHA-256不一致），不能导入。请重新上传并预览。"),
                                code="file_changed")
        return import_job_create(court=preview.court, actor=actor, kind=preview.kind, upload=upload, dry_run=False)
