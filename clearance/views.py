"""The 终本清仓 pages (Chinese), mounted at /clearance/: the library, a case's evidence and resumption, the quality
review, the campaign board. Thin: forms check shape, services decide, selectors scope (tenancy)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import rules
from cases.jobs import run_job_now
from cases.models import JobRun
from cases.permissions import HANDLE_CASE
from cases.services.common import court_today
from cases.services.enforcement import RESUME_ANY_CASE
from stats.filters import parse_filter
from stats.selectors import enforcement_list
from wanian_exec.pages import dress_filters, require_court, require_perms, run_service

from . import board as board_data
from . import metrics, selectors
from .choices import TriggerStatus
from .exports import library_export
from .filtersets import LibraryFilter
from .forms import ApplicantRequestForm, DismissForm, MarkForm, ReinquiryForm, ResumeForm, ReviewForm
from .services import review as review_services
from .services import sweep as sweep_services
from .services import triggers as trigger_services
from .services.triggers import in_stock

PAGE_SIZE = 20
VIEW_REVIEW = "clearance.view_closurereview"
ADD_REVIEW = "clearance.add_closurereview"
MARK_REVIEW = "clearance.change_closurereviewitem"
VIEW_STATISTICS = "cases.view_statistics"
RUN_JOBS = "cases.run_jobs"
SWEEP_JOB = "reinquiries"


@login_required
def library(request):
    filterset = LibraryFilter(request.GET, queryset=selectors.library(request.user), request=request)
    dress_filters(filterset.form)
    queryset = filterset.qs if filterset.is_valid() else selectors.library(request.user).none()
    if request.GET.get("format") == "xlsx":
        return library_export(queryset, _("导出日期：%(d)s") % {"d": court_today()})
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.with_schedule(page, court_today())
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = "xlsx"
    return render(request, "clearance/library.html", {
        "filter": filterset, "page": page, "rows": rows, "export_url": f"?{query.urlencode()}",
        "today": court_today(), "section": "library", "can_run_sweep": request.user.has_perm(RUN_JOBS),
        "last_sweep": _last_sweep(request.user)})


def _last_sweep(user):
    """The latest run of the re-inquiry sweep that covered the user's court (its own, or all courts)."""
    runs = JobRun.objects.filter(name=SWEEP_JOB)
    if not user.is_superuser:
        runs = runs.filter(Q(court_id=user.court_id) | Q(court__isnull=True))
    return runs.order_by("-started_at", "-pk").first()


@login_required
@require_POST
def sweep_run(request):
    """A court admin runs the re-inquiry sweep now for their court (a system admin: every court), as the
    jobs endpoint does (cases.jobs.run_job_now, recorded as a manual JobRun)."""
    require_perms(request.user, RUN_JOBS)
    court_id = None if request.user.is_superuser else request.user.court_id
    if court_id is None and not request.user.is_superuser:
        raise Http404
    summary = run_job_now(SWEEP_JOB, court_id=court_id, trigger="manual").summary
    messages.success(request, _("定期查询已运行：查询%(n)d件，其中查到财产%(a)d件；失败%(f)d件；仍逾期%(o)d件。") % {
        "n": summary["performed"], "a": summary["with_assets"], "f": summary["failed"], "o": summary["overdue"]})
    return redirect("clearance:library")


def _case_or_404(request, pk):
    return get_object_or_404(selectors.library(request.user), pk=pk)


def _case_page(request, case, **forms):
    case = selectors.with_schedule([case], court_today())[0]
    rows = {row.due_on: row for row in selectors.case_schedule_rows(case)}
    plan = [{"due_on": d, "row": rows.pop(d, None), "sequence": n} for n, d in enumerate(case.schedule.dates, 1)]
    plan = sorted(plan + [{"due_on": d, "row": row, "extra": True} for d, row in rows.items()],
                  key=lambda p: p["due_on"])
    user = request.user
    context = {
        "case": case, "plan": plan,
        "triggers": selectors.case_triggers(case),
        "in_stock": in_stock(case), "can_handle": user.has_perm(HANDLE_CASE),
        "can_resume": user.has_perm(HANDLE_CASE) or user.has_perm(RESUME_ANY_CASE),
        "others_case": bool(case.judge_id and case.judge_id != user.pk),
        "resume_form": forms.get("resume_form") or ResumeForm(initial={"version": case.version}),
        "request_form": forms.get("request_form") or ApplicantRequestForm(),
        "reinquiry_form": forms.get("reinquiry_form") or ReinquiryForm(),
        "dismiss_form": DismissForm(), "today": court_today(), "section": "library",
    }
    status = 400 if forms else 200
    return render(request, "clearance/case.html", context, status=status)


@login_required
def case_page(request, pk):
    return _case_page(request, _case_or_404(request, pk))


@login_required
@require_POST
def case_resume(request, pk):
    if not (request.user.has_perm(HANDLE_CASE) or request.user.has_perm(RESUME_ANY_CASE)):
        require_perms(request.user, HANDLE_CASE)
    case = _case_or_404(request, pk)
    form = ResumeForm(request.POST)
    if form.is_valid():
        ok, new_case = run_service(form, trigger_services.clearance_resume, case=case, actor=request.user,
                                   filed_on=form.cleaned_data["filed_on"], version=form.cleaned_data["version"])
        if ok:
            messages.success(request, _("已恢复执行，新案号%(n)s。") % {"n": new_case.number})
            return redirect("case-detail", new_case.pk)
    return _case_page(request, case, resume_form=form)


@login_required
@require_POST
def case_reinquire(request, pk):
    """The judge runs the online re-inquiry of this 终本 case now (clearance.services.sweep.reinquiry_by_hand)."""
    require_perms(request.user, HANDLE_CASE)
    case = _case_or_404(request, pk)
    form = ReinquiryForm(request.POST)
    if form.is_valid():
        ok, row = run_service(form, sweep_services.reinquiry_by_hand, case=case, actor=request.user)
        if ok:
            messages.success(request, _("已完成网络查控：查到财产%(n)d项。") % {"n": row.assets_found}
                             + (_("已列入恢复执行线索，请研判。") if row.assets_found else ""))
            return redirect("clearance:case", case.pk)
    if not (in_stock(case) and request.user.has_perm(HANDLE_CASE)):  # no form on the page to show the reason
        messages.error(request, "；".join(str(e) for e in form.non_field_errors()))
    return _case_page(request, case, reinquiry_form=form)


@login_required
@require_POST
def case_request(request, pk):
    require_perms(request.user, HANDLE_CASE)
    case = _case_or_404(request, pk)
    form = ApplicantRequestForm(request.POST)
    if form.is_valid():
        ok, _trigger = run_service(form, trigger_services.applicant_request_record, case=case, actor=request.user,
                                   **form.cleaned_data)
        if ok:
            messages.success(request, _("已登记申请执行人的恢复执行申请。"))
            return redirect("clearance:case", case.pk)
    return _case_page(request, case, request_form=form)


@login_required
@require_POST
def trigger_dismiss(request, pk):
    require_perms(request.user, HANDLE_CASE)
    trigger = get_object_or_404(selectors.triggers_visible_to(request.user), pk=pk, status=TriggerStatus.OPEN)
    form = DismissForm(request.POST)
    if form.is_valid():
        ok, _result = run_service(form, trigger_services.trigger_dismiss, trigger=trigger, actor=request.user,
                                  reason=form.cleaned_data["reason"])
        if ok:
            messages.success(request, _("已记录不予恢复执行的研判意见。"))
            return redirect("clearance:case", trigger.case_id)
    messages.error(request, _("请写明不予恢复执行的理由。"))
    return redirect("clearance:case", trigger.case_id)


# --- quality review -------------------------------------------------------------------------------------------


@login_required
def reviews(request):
    require_perms(request.user, VIEW_REVIEW)
    form = ReviewForm()
    if request.method == "POST":
        require_perms(request.user, ADD_REVIEW)
        require_court(request.user)
        form = ReviewForm(request.POST)
        if form.is_valid():
            ok, review = run_service(form, review_services.review_create, court=request.user.court,
                                     actor=request.user, **form.cleaned_data)
            if ok:
                messages.success(request, _("已选取%(n)d件终本案件进行评查。") % {"n": review.items.count()})
                return redirect("clearance:review", review.pk)
    rows = [(r, review_services.review_summary(r)) for r in selectors.reviews_visible_to(request.user)[:50]]
    return render(request, "clearance/reviews.html", {"form": form, "rows": rows, "section": "reviews",
                                                      "can_add": request.user.has_perm(ADD_REVIEW)},
                  status=400 if form.is_bound else 200)


@login_required
def review(request, pk):
    require_perms(request.user, VIEW_REVIEW)
    item = get_object_or_404(selectors.reviews_visible_to(request.user), pk=pk)
    page = Paginator(selectors.review_items(item), PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        # the case's own check of the 终本 conditions on its closure date, and the conditions the reviewer ticked
        row.checks = [{"code": code, "label": label, "met": code not in row.system_unmet}
                      for code, label in rules.TERMINATION_CONDITIONS.items()]
        row.unmet_labels = [rules.TERMINATION_CONDITIONS.get(code, code) for code in row.unmet]
    return render(request, "clearance/review.html", {
        "review": item, "summary": review_services.review_summary(item), "page": page,
        "can_mark": request.user.has_perm(MARK_REVIEW), "mark_form": MarkForm(), "section": "reviews"})


@login_required
@require_POST
def review_mark(request, pk):
    require_perms(request.user, MARK_REVIEW)
    item = get_object_or_404(selectors.review_items_visible_to(request.user), pk=pk)
    form = MarkForm(request.POST)
    if form.is_valid():
        ok, _result = run_service(form, review_services.review_mark, item=item, actor=request.user,
                                  **form.cleaned_data)
        if ok:
            messages.success(request, _("已记录%(n)s的评查结论。") % {"n": item.case.number})
            return redirect(f"{reverse('clearance:review', args=[item.review_id])}?page={request.POST.get('page', 1)}")
    errors = "；".join(str(e) for errs in form.errors.values() for e in errs)
    messages.error(request, errors or _("评查结论未保存。"))
    return redirect("clearance:review", item.review_id)


# --- campaign board -------------------------------------------------------------------------------------------


def _board_filter(request):
    require_perms(request.user, VIEW_STATISTICS)
    return parse_filter(request.user, request.GET)


@login_required
def board(request):
    f, form = _board_filter(request)
    context = {"form": form, "f": f, "section": "board"}
    if f is None:
        return render(request, "clearance/board.html", context, status=400)
    data = board_data.board(f)
    context.update(data)
    context["chart"] = {"labels": [p["week_end"].isoformat() for p in data["burndown"]],
                        "remaining": [p["remaining"] for p in data["burndown"]],
                        "urls": [p["url"] for p in data["burndown"]],
                        "title": _("剩余库存（件）")}
    return render(request, "clearance/board.html", context)


@login_required
def board_cases(request, name):
    if name not in metrics.FIGURES:
        raise Http404
    f, form = _board_filter(request)
    if f is None:
        raise Http404
    figure = metrics.FIGURES[name]
    value = metrics.compute(f, [name])[name]
    page = Paginator(enforcement_list(metrics.cases_behind(name, f)), PAGE_SIZE).get_page(request.GET.get("page"))
    shares = metrics.amounts_by_case(f, [c.pk for c in page]) if name == "recovered" else {}
    rows = [{"case": case, "share": shares.get(case.pk)} for case in page]
    return render(request, "clearance/board_cases.html", {
        "figure": figure, "value": value, "page": page, "rows": rows, "f": f, "section": "board",
        "board_url": f"{reverse('clearance:board')}?{f.querystring()}", "own_court": request.user.court_id})


