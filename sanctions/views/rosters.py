"""The three roster pages (三种名册), their exports and the police search handover list."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases.services.common import court_today
from wanian_exec.pages import dress_filters, require_perms, run_service

from .. import selectors, services
from ..choices import RosterKind, RosterStatus, SanctionKind
from ..exports import XLSX, roster_filename, roster_workbook
from ..filtersets import RosterEntryFilter
from ..forms import RosterBulkForm, RosterCloseForm, RosterDismissForm
from .common import back, flash_errors, section_context

PAGE_SIZE = 50
CHANGE = "sanctions.change_rosterentry"
# The measure a roster leads to: the "提请" button of an entry pre-fills the proposal with it.
NEXT_MEASURE = {RosterKind.SUMMONS: SanctionKind.SUMMONS, RosterKind.DETENTION_CRIMINAL: SanctionKind.DETENTION}
STATUS_TABS = [("", gettext_lazy("在册（待确认、已确认）")), (RosterStatus.PENDING, RosterStatus.PENDING.label),
               (RosterStatus.CONFIRMED, RosterStatus.CONFIRMED.label),
               (RosterStatus.DISMISSED, RosterStatus.DISMISSED.label), (RosterStatus.CLOSED, RosterStatus.CLOSED.label),
               (RosterStatus.LEFT, RosterStatus.LEFT.label), ("all", gettext_lazy("全部"))]


def _kind(kind: str) -> str:
    if kind not in RosterKind.values:
        raise Http404
    return kind


@login_required
def roster_index(request):
    return redirect("sanctions:roster", kind=RosterKind.POLICE_SEARCH)


def _filtered(request, kind):
    queryset = selectors.roster_entries_visible_to(request.user).filter(kind=kind).order_by(
        "status", "-entered_on", "pk")
    return RosterEntryFilter(request.GET or None, queryset=queryset, request=request)


@login_required
def roster_list(request, kind):
    kind = _kind(kind)
    filterset = _filtered(request, kind)
    dress_filters(filterset.form)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "sanctions/roster_list.html", {
        **section_context(request, f"roster-{kind}"), "kind": kind, "kind_label": RosterKind(kind).label,
        "filter": filterset, "page": page, "status": request.GET.get("status", ""), "status_tabs": STATUS_TABS,
        "q": request.GET.get("q", ""), "next_measure": NEXT_MEASURE.get(kind),
        "can_change": request.user.has_perm(CHANGE), "can_propose": request.user.has_perm("sanctions.add_sanction"),
        "dismiss_form": RosterDismissForm(), "close_form": RosterCloseForm(),
    })


@login_required
@require_POST
def roster_action(request, pk, action):
    require_perms(request.user, CHANGE)
    entry = get_object_or_404(selectors.roster_entries_visible_to(request.user), pk=pk)
    default = reverse("sanctions:roster", kwargs={"kind": entry.kind})
    form_class, service, done = {
        "confirm": (RosterCloseForm, services.roster_confirm, _("已确认列入名册")),
        "dismiss": (RosterDismissForm, services.roster_dismiss, _("已排除出名册")),
        "close": (RosterCloseForm, services.roster_close, _("已办结")),
    }.get(action, (None, None, None))
    if form_class is None:
        raise Http404
    form = form_class(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        kwargs = {"reason": data["reason"]} if action == "dismiss" else {"note": data.get("note", "")}
        ok, _result = run_service(form, service, entry=entry, actor=request.user, **kwargs)
        if ok:
            messages.success(request, f"{done}：{entry.case.number} {entry.party.name}")
            return redirect(back(request, default))
    flash_errors(request, form)
    return redirect(back(request, default))


@login_required
@require_POST
def roster_bulk(request, kind):
    """Confirm or dismiss the ticked entries of a roster page at once (all or none)."""
    kind = _kind(kind)
    require_perms(request.user, CHANGE)
    default = reverse("sanctions:roster", kwargs={"kind": kind})
    ids = [int(value) for value in request.POST.getlist("entries") if value.isdigit()]
    entries = selectors.roster_entries_visible_to(request.user).filter(kind=kind, pk__in=ids).order_by("pk")
    form = RosterBulkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        ok, done = run_service(form, services.roster_decide_many, entries=entries, action=data["action"],
                               actor=request.user, reason=data["reason"], note=data["note"])
        if ok:
            label = _("已确认列入名册") if data["action"] == "confirm" else _("已排除出名册")
            messages.success(request, _("%(label)s：%(n)d条") % {"label": label, "n": done})
            return redirect(back(request, default))
    flash_errors(request, form)
    return redirect(back(request, default))


@login_required
def roster_entry(request, pk):
    """A roster entry's place (the to-do that asks to confirm it links here): its roster, with the case's entries."""
    entry = get_object_or_404(selectors.roster_entries_visible_to(request.user), pk=pk)
    url = reverse("sanctions:roster", kwargs={"kind": entry.kind})
    return redirect(f"{url}?case={entry.case_id}&status=all#entry-{entry.pk}")


@login_required
def roster_export(request, kind):
    kind = _kind(kind)
    filterset = _filtered(request, kind)
    response = HttpResponse(roster_workbook(kind, filterset.qs, court=request.user.court), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, roster_filename(kind))
    return response


@login_required
def police_handover(request):
    """公安查找名册移交清单: the confirmed entries (with `?include=pending`, the pending too), with what the police need
    to look for a person — full identity number, address, phone, the case and its judge. Printable on A4."""
    statuses = [RosterStatus.CONFIRMED]
    if request.GET.get("include") == "pending":
        statuses.append(RosterStatus.PENDING)
    entries = selectors.roster(request.user, RosterKind.POLICE_SEARCH, statuses=statuses).select_related(
        "case__court")
    return render(request, "sanctions/police_handover.html", {
        "entries": entries, "court": request.user.court, "today": court_today(),
        "include_pending": RosterStatus.PENDING in statuses})
