"""Browser UI of the pushes (Chinese): the weekly run with its preview, batches with portal links and exports,
feedback review, recipients, rules and follow-through. Views are thin: forms check shape, services decide,
selectors scope (another court's batch or feedback is 404)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.models import EnforcementCase
from cases.selectors import restrict_to_user
from wanian_exec.errors import RuleViolation
from wanian_exec.filtersets import parse_id
from wanian_exec.pages import dress_filters
from wanian_exec.uploads import safe_file_response

from . import metrics, rules, selectors, services
from .choices import Channel, FeedbackKind
from .delivery import portal_url
from .export import batch_workbook, export_filename
from .filtersets import PushBatchFilter, PushFeedbackFilter
from .forms import RecipientForm, ReviewForm, RuleSetForm, WeekForm
from .services import RECIPIENT_FIELDS, RULE_FIELDS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST_PAGE_SIZE = 50
ITEM_PAGE_SIZE = 100


def _require(user, *perms: str) -> None:
    """403 unless the user holds every permission (permissions, never role names)."""
    if not user.has_perms(perms):
        raise PermissionDenied(_("您没有办理此事项的权限。"))


def _court(user):
    if user.court_id is None:
        raise PermissionDenied(_("系统管理员不属于任何法院，请使用法院账号。"))
    return user.court


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _back(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


# --- the weekly run --------------------------------------------------------------------------------------


@login_required
def run_page(request):
    """Preview a week (counts per channel and recipient, sample reasons), then run it."""
    _require(request.user, "pushes.add_pushrun")
    court = _court(request.user)
    if request.method == "POST":
        form = WeekForm(request.POST)
        if form.is_valid():
            try:
                run = services.push_week_run(court=court, week=form.cleaned_data["week"], actor=request.user,
                                             trigger="manual")
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("%(week)s推送完成：%(batches)s个批次，%(items)s条。") % {
                    "week": run.week, "batches": run.batch_count, "items": run.item_count})
                return redirect(f"{reverse('pushes:batch-list')}?week={run.week}")
    else:
        form = WeekForm({"week": request.GET.get("week") or rules.current_week()})
    preview = services.push_week_preview(court=court, week=form.cleaned_data["week"]) if form.is_valid() else None
    return render(request, "pushes/run.html", {
        "form": form, "preview": preview, "runs": selectors.runs_visible_to(request.user)[:8],
        "section": "run"}, status=200 if form.is_valid() else 400)  # a refused week: the form with its error


# --- batches ---------------------------------------------------------------------------------------------


@login_required
def batch_list(request):
    _require(request.user, "pushes.view_pushbatch")
    filterset = PushBatchFilter(request.GET or None, queryset=selectors.batch_list_rows(request.user),
                                request=request)
    dress_filters(filterset.form)
    page = Paginator(filterset.qs, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"batch": b, "portal_url": portal_url(b, request)} for b in page.object_list]
    # the recipients' select is written by the template's own loop: a form widget renders each option through
    # a template of its own, the page's largest cost for a court's ~100 recipients
    chosen = parse_id(request.GET.get("recipient"))
    return render(request, "pushes/batch_list.html", {
        "filter": filterset, "page": page, "rows": rows, "weeks": selectors.weeks_of(request.user),
        "recipients": selectors.recipient_choices(request.user), "chosen_recipient": chosen,
        "section": "batches"})


def _visible_batch(request, pk):
    return get_object_or_404(selectors.batches_visible_to(request.user), pk=pk)


@login_required
def batch_detail(request, pk):
    _require(request.user, "pushes.view_pushbatch")
    batch = _visible_batch(request, pk)
    items = selectors.portal_items(batch)
    page = Paginator(items, ITEM_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "pushes/batch_detail.html", {
        "batch": batch, "page": page, "portal_url": portal_url(batch, request),
        "deliveries": selectors.deliveries_of(batch),
        "can_reissue": request.user.has_perm("pushes.change_pushbatch"), "section": "batches"})


@login_required
def batch_export(request, pk):
    _require(request.user, "pushes.view_pushbatch")
    batch = _visible_batch(request, pk)
    response = HttpResponse(batch_workbook(batch), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, export_filename(batch))
    return response


@login_required
def batch_print(request, pk):
    """A printable list (A4, no navigation) for recipients who work on paper."""
    _require(request.user, "pushes.view_pushbatch")
    batch = _visible_batch(request, pk)
    return render(request, "pushes/batch_print.html", {
        "batch": batch, "items": selectors.portal_items(batch), "portal_url": portal_url(batch, request)})


@login_required
@require_POST
def batch_reissue(request, pk):
    _require(request.user, "pushes.change_pushbatch")
    batch = services.batch_reissue_link(batch=_visible_batch(request, pk), actor=request.user)
    messages.success(request, _("已生成新的推送链接，旧链接已失效。"))
    return redirect("pushes:batch-detail", pk=batch.pk)


# --- feedback --------------------------------------------------------------------------------------------


@login_required
def feedback_list(request):
    """Feedback to review: pending by default; a judge may narrow it to their own cases."""
    _require(request.user, "pushes.view_pushfeedback")
    params = request.GET.copy()
    if "pending" not in params and not params.get("all"):
        params["pending"] = "true"
    queryset = selectors.feedback_visible_to(request.user)
    if params.get("mine"):
        queryset = queryset.filter(case__judge=request.user)
    filterset = PushFeedbackFilter(params, queryset=queryset, request=request)
    page = Paginator(filterset.qs, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "pushes/feedback_list.html", {
        "filter": filterset, "page": page, "params": params, "review_form": ReviewForm(),
        "can_review": request.user.has_perm("pushes.change_pushfeedback"), "kinds": FeedbackKind.choices,
        "section": "feedback"})


@login_required
@require_POST
def feedback_review(request, pk):
    _require(request.user, "pushes.change_pushfeedback")
    feedback = get_object_or_404(selectors.feedback_visible_to(request.user), pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择审查结论。"))
    else:
        try:
            services.feedback_review(feedback=feedback, actor=request.user, **form.cleaned_data)
        except RuleViolation as exc:
            messages.error(request, str(exc.detail))
        else:
            messages.success(request, _("已审查：%(case)s") % {"case": feedback.case.number})
    return redirect(_back(request, reverse("pushes:feedback-list")))


@login_required
def feedback_photo(request, pk):
    _require(request.user, "pushes.view_pushfeedback")
    feedback = get_object_or_404(selectors.feedback_visible_to(request.user), pk=pk)
    if not feedback.photo:
        raise Http404
    return safe_file_response(feedback.photo)


# --- recipients and rules --------------------------------------------------------------------------------


@login_required
def recipient_list(request):
    _require(request.user, "pushes.view_pushrecipient")
    recipients = selectors.recipients_visible_to(request.user).annotate(batch_count=Count("batches")).order_by(
        "channel", "name", "pk")
    channel = request.GET.get("channel")
    if channel in Channel.values:
        recipients = recipients.filter(channel=channel)
    return render(request, "pushes/recipient_list.html", {
        "recipients": recipients, "channel": channel, "channels": Channel.choices,
        "can_add": request.user.has_perm("pushes.add_pushrecipient"),
        "can_change": request.user.has_perm("pushes.change_pushrecipient"), "section": "recipients"})


@login_required
def recipient_edit(request, pk=None):
    recipient = None
    if pk is None:
        _require(request.user, "pushes.add_pushrecipient")
    else:
        _require(request.user, "pushes.change_pushrecipient")
        recipient = get_object_or_404(selectors.recipients_visible_to(request.user), pk=pk)
    court = _court(request.user)
    initial = {name: getattr(recipient, name) for name in RECIPIENT_FIELDS} if recipient else {"is_active": True}
    form = RecipientForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v if v is not None else "" for k, v in form.cleaned_data.items()}
        for name in ("township", "grid", "organization"):
            data[name] = form.cleaned_data[name]
        try:
            if recipient is None:
                services.recipient_create(court=court, actor=request.user, **data)
            else:
                services.recipient_update(recipient=recipient, actor=request.user, **data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("推送对象已保存。"))
            return redirect("pushes:recipient-list")
    return render(request, "pushes/recipient_form.html", {"form": form, "recipient": recipient,
                                                          "section": "recipients"})


@login_required
def rules_page(request):
    """The current rules, their history, and a form that publishes a new version (court admin)."""
    _require(request.user, "pushes.view_pushruleset")
    court = _court(request.user)
    current = services.rule_set_for(court=court)
    can_publish = request.user.has_perm("pushes.add_pushruleset")
    initial = {name: getattr(current, name) for name in RULE_FIELDS if name != "note"}
    form = RuleSetForm(request.POST or None, initial=initial)
    if request.method == "POST":
        _require(request.user, "pushes.add_pushruleset")
        if form.is_valid():
            try:
                rule_set = services.rule_set_publish(court=court, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("已发布推送规则第%(v)s版。") % {"v": rule_set.version})
                return redirect("pushes:rules")
    return render(request, "pushes/rules.html", {
        "current": current, "versions": selectors.rule_sets_visible_to(request.user).order_by("-version")[:20],
        "form": form, "can_publish": can_publish, "section": "rules"})


# --- follow-through --------------------------------------------------------------------------------------


def _scope(request) -> dict:
    recipient = request.GET.get("recipient")
    channel = request.GET.get("channel")
    return {"channel": channel if channel in Channel.values else None,
            "recipient": parse_id(recipient),
            "week_from": request.GET.get("week_from") or None, "week_to": request.GET.get("week_to") or None}


@login_required
def stats_page(request):
    _require(request.user, "pushes.view_pushbatch")
    scope = _scope(request)
    weeks = {"week_from": scope["week_from"], "week_to": scope["week_to"]}
    recipients = {r.pk: r for r in selectors.recipients_visible_to(request.user)}
    by_channel = [{**row, "label": Channel(row["key"]).label}
                  for row in metrics.follow_through_table(request.user, by="channel", **weeks)]
    by_recipient = [{**row, "recipient": recipients.get(row["key"])}
                    for row in metrics.follow_through_table(request.user, by="recipient", **weeks)]
    return render(request, "pushes/stats.html", {
        "totals": metrics.follow_through(request.user, **weeks), "by_channel": by_channel,
        "by_recipient": by_recipient, "weeks": weeks, "section": "stats"})


@login_required
def stats_cases(request):
    """Drill-down: the cases behind one metric's numerator or denominator, for a channel or recipient."""
    _require(request.user, "pushes.view_pushbatch")
    name = request.GET.get("metric", "")
    function = metrics.METRIC_FUNCTIONS.get(name)
    if function is None:
        raise Http404
    scope = _scope(request)
    ratio = function(request.user, **scope)
    part = "denominator" if request.GET.get("part") == "denominator" else "numerator"
    cases = ratio.denominator_cases if part == "denominator" else ratio.numerator_cases
    page = Paginator(cases, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    recipient = (selectors.recipients_visible_to(request.user).filter(pk=scope["recipient"]).first()
                 if scope["recipient"] else None)
    return render(request, "pushes/stats_cases.html", {
        "ratio": ratio, "part": part, "page": page, "scope": scope, "recipient": recipient,
        "channel_label": Channel(scope["channel"]).label if scope["channel"] else "", "section": "stats"})


@login_required
def case_pushes(request, pk):
    """A case's push history and what came of it."""
    _require(request.user, "pushes.view_pushbatch")
    case = get_object_or_404(restrict_to_user(EnforcementCase.objects.select_related("judge"), request.user), pk=pk)
    return render(request, "pushes/case_pushes.html", {
        "case": case, "items": selectors.case_push_history(case), "section": "batches"})
