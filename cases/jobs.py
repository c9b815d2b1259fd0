"""The registry of scheduled jobs. Each job is a service function returning a JSON-able summary.

Apps register their jobs here (cases is the ground floor, so pushes and sanctions import it, never the reverse).
One Celery task (`cases.tasks.run_job`) runs any job by name; django-celery-beat schedules it, editable in the
admin; `POST /api/v1/jobs/{name}/run/` runs it at once for a court admin. Every run leaves a JobRun row.
"""
from dataclasses import dataclass

from django.utils import timezone
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Job:
    name: str
    label: str
    function: str  # dotted path, imported lazily so apps can register without import cycles
    crontab: dict  # default beat schedule in Asia/Shanghai: minute, hour, day_of_week …


JOBS: dict[str, Job] = {}


def register_job(name: str, label: str, function: str, **crontab) -> Job:
    JOBS[name] = Job(name=name, label=label, function=function, crontab=crontab)
    return JOBS[name]


def run_job_now(name: str, *, court_id: int | None = None, trigger: str = "schedule") -> "JobRun":  # noqa: F821
    """Run a registered job (for one court, or all when court_id is None) and record the run."""
    from .models import JobRun

    job = JOBS[name]
    run = JobRun.objects.create(name=name, court_id=court_id, trigger=trigger)
    kwargs = {} if court_id is None else {"court_id": court_id}
    try:
        summary = import_string(job.function)(**kwargs)
    except Exception as exc:
        JobRun.objects.filter(pk=run.pk).update(status=JobRun.Status.FAILED, error=repr(exc)[:2000],
                                                finished_at=timezone.now())
        raise
    run.status, run.summary, run.finished_at = JobRun.Status.SUCCEEDED, summary, timezone.now()
    run.save(update_fields=["status", "summary", "finished_at"])
    return run


register_job("deadlines", "执行期限与节点提醒", "cases.services.todos.todos_for_deadlines", minute="30", hour="6")
# 四同步. Daily, early morning Asia/Shanghai, before the judges start; each idempotent (dedupe keys).
register_job("mediation_reminders", "执前督促提醒（履行期临近）", "cases.services.mediation.mediation_reminders",
             minute="0", hour="7")
register_job("preservation_checks", "保全与查封冻结到期提醒", "cases.services.preservation.preservation_checks",
             minute="40", hour="6")
register_job("urging_followups", "督促承诺与限期履行跟踪", "cases.services.followups.urging_followups",
             minute="10", hour="7")
register_job("node_limits", "执行节点与执行款发放期限", "cases.services.followups.node_limits",
             minute="50", hour="6")
