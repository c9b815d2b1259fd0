"""Imports in the browser, for a court admin: the court's import jobs with the upload form and the templates, and a
job's page — its progress (refreshed by htmx while it runs), then its report; a successful preview is confirmed there
and becomes the real import of the same stored file. Another court's job → 404; users without the permission → 403."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cases.selectors import restrict_to_user
from wanian_exec.errors import RuleViolation
from wanian_exec.pages import require_court, require_perms

from .forms import ImportUploadForm
from .models import ImportJob
from .registry import KINDS, render_error
from .services.confirm import confirmed_by, import_job_confirm
from .services.runner import import_job_create

VIEW = "imports.view_importjob"
ADD = "imports.add_importjob"
PAGE_SIZE = 30
# Seconds between two looks at a running job's progress.
POLL_SECONDS = 2
# The report's extra figures (a kind's finish()), in the order they are shown.
SUMMARY_LABELS = {
    "rows": _("数据行"),
    "parties_created": _("新增当事人"),
    "closed": _("结案"),
    "terminated_current": _("终本案件"),
    "events": _("节点记录"),
    "measures": _("在效措施"),
    "inquiries": _("网络查控"),
    "receipts": _("到位款记录"),
    "resumed_linked": _("恢复执行关联原案"),
    "reinquiries_scheduled": _("排定终本复查"),
    "townships_created": _("新增乡镇"),
    "townships_renamed": _("乡镇更名"),
    "grids_created": _("新增网格"),
    "grid_workers_created": _("新增网格员"),
    "grid_workers_updated": _("更新网格员"),
    "roles_changed": _("角色变更"),
    "without_password": _("未设置密码的新用户"),
}


def _jobs(user):
    return restrict_to_user(ImportJob.objects.select_related("created_by"), user, court_path="court")


def _check(user) -> None:
    require_perms(user, VIEW)
    require_court(user)


def kind_label(name: str) -> str:
    kind = KINDS.get(name)
    return kind.label if kind else name


def _templates() -> list[dict]:
    return [{"name": name, "label": kind.label,
             "url": reverse("import-job-template", kwargs={"kind": name})} for name, kind in KINDS.items()]


@login_required
def job_list(request):
    """The court's imports, newest first, with the upload form (POST: a new job, then its page)."""
    _check(request.user)
    if request.method == "POST":
        require_perms(request.user, ADD)
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            job = import_job_create(court=request.user.court, actor=request.user, kind=form.cleaned_data["kind"],
                                    upload=form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"])
            return redirect("imports:detail", pk=job.pk)
    else:
        form = ImportUploadForm(initial={"kind": request.GET.get("kind") or next(iter(KINDS), None)})
    page = Paginator(_jobs(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    for job in page:
        job.kind_label = kind_label(job.kind)
    return render(request, "imports/list.html", {
        "form": form, "page": page, "templates": _templates(), "can_add": request.user.has_perm(ADD)})


def _report(job: ImportJob) -> dict:
    summary = job.summary or {}
    figures = [(label, summary[key]) for key, label in SUMMARY_LABELS.items()
               if isinstance(summary.get(key), int) and (summary[key] or key == "rows")]
    errors = [{"row": e.get("row") or 0, "column": e.get("column") or "", "message": render_error(e)}
              for e in job.errors or []]
    return {"figures": figures, "errors": errors, "errors_more": max(0, job.errors_total - len(errors)),
            "without_password_users": summary.get("without_password_users") or []}


def _status_context(request, job: ImportJob) -> dict:
    job.kind_label = kind_label(job.kind)
    finished = job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED)
    confirmed = confirmed_by(job) if finished and job.dry_run else None
    return {"job": job, "finished": finished, "report": _report(job) if finished else None,
            "poll_seconds": POLL_SECONDS, "percent": round(job.progress * 100), "confirmed": confirmed,
            "can_confirm": (job.dry_run and job.status == ImportJob.Status.DONE and confirmed is None
                            and request.user.has_perm(ADD))}


@login_required
def job_detail(request, pk):
    _check(request.user)
    job = get_object_or_404(_jobs(request.user), pk=pk)
    return render(request, "imports/detail.html", _status_context(request, job))


@login_required
def job_status(request, pk):
    """The job's status panel alone: what htmx swaps in while the job runs (it stops asking once finished)."""
    _check(request.user)
    job = get_object_or_404(_jobs(request.user), pk=pk)
    return render(request, "imports/_status.html", _status_context(request, job))


@login_required
@require_POST
def job_confirm(request, pk):
    """Import for real the file a successful preview read (a new job), then show that job."""
    _check(request.user)
    require_perms(request.user, ADD)
    preview = get_object_or_404(_jobs(request.user), pk=pk)
    try:
        job = import_job_confirm(preview=preview, actor=request.user)
    except RuleViolation as exc:
        context = _status_context(request, preview)
        context["confirm_error"] = str(exc.detail)
        return render(request, "imports/detail.html", context, status=409)
    return redirect("imports:detail", pk=job.pk)
