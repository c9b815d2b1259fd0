"""Enforcement cases: list, detail, filing, and the actions done in a case (each posts to its own URL)."""
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import DateInput
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from wanian_exec.filtersets import parse_id
from wanian_exec.pages import dress_filters, redirect_after_post, require_court, require_perms, run_service
from wanian_exec.queries import DeferredJoinPaginator

from .. import rules, selectors
from ..choices import ClosureMethod, EventKind
from ..filtersets import EnforcementCaseFilter
from ..forms import (CaseEditForm, CloseForm, ContactForm, EnforcementCaseForm, EventForm, FastTrackForm, FieldInvestigationForm,
                     FundForm, InquiryForm, InquiryImportForm, PartyInlineForm, ResumeForm, TerminationApprovalForm,
                     UrgingForm)
from ..models import Asset
from ..permissions import ADD_CASE, ADD_PARTY, ADD_URGING, APPROVE_TERMINATION, HANDLE_CASE
from ..services import case_work, enforcement, fast_track, inquiry_import
from ..services.common import court_today

PAGE_SIZE = 20
EVENT_LABELS = dict(EventKind.choices)
DATE_FILTERS = ("filed_on_after", "filed_on_before", "closed_on_after", "closed_on_before", "deadline_before")


def _visible_case(user, pk):
    """Every case a view touches comes through the tenancy selector: another court's case is a 404."""
    return get_object_or_404(selectors.enforcement_cases_visible_to(user), pk=pk)


# --- list ------------------------------------------------------------------------------------------------


def _dress_filter_form(form):
    """The shared dressing (dress_filters) and date pickers; the form's renderer writes the widgets in Python
    (EnforcementCaseFilter.Meta.form, wanian_exec.rendering)."""
    dress_filters(form)
    for name in DATE_FILTERS:
        form.fields[name].widget = DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    form.fields["q"].widget.attrs.update({"placeholder": _("案号、当事人姓名/名称，或完整证件号码"), "autofocus": True})
    return form


@login_required
def case_list(request):
    filterset = EnforcementCaseFilter(request.GET or None, request=request,
                                      queryset=selectors.enforcement_case_rows_visible_to(request.user))
    page = DeferredJoinPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_party_names(page.object_list)
    given = {k for k, v in request.GET.items() if v not in ("", "unknown") and k != "page"}
    return render(request, "cases/case_list.html", {
        "filter_form": _dress_filter_form(filterset.form), "page": page, "today": court_today(),
        "advanced_open": bool(given & {*DATE_FILTERS, "closure_method", "is_livelihood"}), "filtered": bool(given),
    })


# --- detail and its actions ------------------------------------------------------------------------------


@dataclass
class Action:
    """One action card on the detail page: its form, permission, the service it calls."""

    name: str
    title: str
    form_class: type
    perm: str
    submit: str
    url_name: str
    help: str = ""

    def make_form(self, case, data=None, files=None, initial=None):
        # one page holds every card: ids are per card ("fund-amount"), so each label finds its own input
        kwargs = {"case": case, "auto_id": f"{self.name}-%s", "initial": initial}
        if self.form_class is UrgingForm:
            kwargs = {"parties": case.respondents.all(), "auto_id": f"{self.name}-%s", "initial": initial}
        return self.form_class(data, files, **kwargs)


ACTIONS = {
    "event": Action("event", gettext_lazy("登记事项"), EventForm, HANDLE_CASE, gettext_lazy("登记"), "case-event",
                    gettext_lazy("送达、调查、听取意见等节点，记入时间轴并用于终本条件检查")),
    "inquiry": Action("inquiry", gettext_lazy("财产查询"), InquiryForm, HANDLE_CASE, gettext_lazy("发起查询"),
                      "case-inquiry", gettext_lazy("网络查控即时反馈；查到的财产列入本案财产")),
    "urging": Action("urging", gettext_lazy("督促履行"), UrgingForm, ADD_URGING, gettext_lazy("记录督促"),
                     "case-urging"),
    "fund": Action("fund", gettext_lazy("执行款收付"), FundForm, HANDLE_CASE, gettext_lazy("登记款项"), "case-fund",
                   gettext_lazy("一案一账号：收款计入执行到位金额，发放不得超过余额")),
    "edit": Action("edit", gettext_lazy("修改案件信息"), CaseEditForm, HANDLE_CASE, gettext_lazy("保存"), "case-edit",
                   gettext_lazy("他人已修改本案时不会覆盖，将提示刷新后重新操作")),
    "close": Action("close", gettext_lazy("结案"), CloseForm, HANDLE_CASE, gettext_lazy("结案"), "case-close"),
    "approve_termination": Action(
        "approve_termination", gettext_lazy("批准终本合议意见"), TerminationApprovalForm, APPROVE_TERMINATION,
        gettext_lazy("院长批准"), "case-approve-termination",
        gettext_lazy("合议庭评议同意终本后，由院长批准（民诉法解释第517条）；承办法官不能批准")),
    "resume": Action("resume", gettext_lazy("恢复执行"), ResumeForm, HANDLE_CASE, gettext_lazy("恢复执行（立执恢案）"),
                     "case-resume", gettext_lazy("发现可供执行财产后恢复执行，生成新的执恢案件并关联本案")),
    # 四同步: online + offline
    "contact": Action("contact", gettext_lazy("线上联系当事人"), ContactForm, HANDLE_CASE, gettext_lazy("记录联系"),
                      "case-contact", gettext_lazy("移动微法院消息、电话、短信、视频，记入时间轴")),
    "import": Action("import", gettext_lazy("导入查控结果文件"), InquiryImportForm, HANDLE_CASE,
                     gettext_lazy("导入"), "case-import",
                     gettext_lazy("银行、登记机关反馈的CSV或Excel文件；任一行有误则整份不导入")),
    "investigation": Action("investigation", gettext_lazy("线下实地调查"), FieldInvestigationForm, HANDLE_CASE,
                            gettext_lazy("记录调查"), "case-investigation",
                            gettext_lazy("网络查控不能覆盖的，实地调查并登记发现的财产")),
    "fast_track": Action("fast_track", gettext_lazy("快速通道（人工）"), FastTrackForm, HANDLE_CASE,
                         gettext_lazy("确定"), "case-fast-track",
                         gettext_lazy("符合规则的案件自动转入；法官也可手动转入或移出")),
}


def _available_actions(case, resumptions) -> list[str]:
    """Which cards a case offers; the services still decide (e.g. which events after 终本)."""
    if not case.is_closed:
        return ["event", "inquiry", "urging", "contact", "fund", "import", "investigation", "fast_track", "edit",
                "close", "approve_termination"]
    if case.closure_method == ClosureMethod.TERMINATED_CURRENT:
        names = ["event", "inquiry", "contact", "fund", "import", "investigation"]
        if not resumptions:
            names.append("resume")
        return names
    return []


def _card(request, case, action: Action, form=None, page=None) -> dict:
    """A card without a form comes closed: htmx fetches its form (GET of its URL) when it is opened, and a plain
    link asks for the page with that one form (`?card=`) where JavaScript does not run. Building and rendering
    every card's form was most of the page's time (~47 widgets; the party and judge choices 6 queries)."""
    url = reverse(action.url_name, args=[case.pk])
    page = page or reverse("case-detail", args=[case.pk])  # reverse() is ~50 µs: the page passes it once
    return {"name": action.name, "title": action.title, "help": action.help, "submit": action.submit,
            "url": url, "form": form, "open": form is not None, "allowed": request.user.has_perm(action.perm),
            # the form loaded later keeps the version this page showed: a stale page is still refused
            "load_url": f"{url}?version={case.version}",
            "page_url": f"{page}?card={action.name}#action-{action.name}"}


# Where each unmet 终本 condition is met: a card of this page (the event card with its kind chosen) or the measure
# form of the sanctions app with the case, the first debtor and the measure chosen. Waiting has no action.
TERMINATION_FIXES = {
    "notice_not_served": ("event", EventKind.NOTICE_SERVED),
    "report_order_missing": ("event", EventKind.REPORT_ORDER_SERVED),
    "consumption_restriction_missing": ("measure", "consumption_restriction"),
    "dishonest_list_missing": ("measure", "dishonest_list"),
    "inquiry_not_exhausted": ("card", "inquiry"),
    "leads_not_checked": ("event", EventKind.LEAD_CHECKED),
    "property_available": ("anchor", "assets"),
    "debtor_not_searched": ("event", EventKind.DEBTOR_SEARCHED),
    "obstruction_not_sanctioned": ("measure", "fine"),
    "applicant_not_heard": ("event", EventKind.APPLICANT_HEARD),
    "report_not_verified": ("event", EventKind.REPORT_VERIFIED),
    "nonreport_not_sanctioned": ("measure", "fine"),
    "field_investigation_missing": ("card", "investigation"),
    "second_key_missing": ("event", EventKind.APPLICANT_CONSENT),
}


def _fix_url(case, code: str, page: str, debtor_id) -> str:
    how, what = TERMINATION_FIXES.get(code, (None, None))
    if how == "event":
        return f"{page}?card=event&kind={what}#action-event"
    if how == "card":
        return f"{page}?card={what}#action-{what}"
    if how == "anchor":
        return f"{page}#{what}"
    if how == "measure":
        return f"{reverse('sanctions:new')}?case={case.pk}&party={debtor_id or ''}&kind={what}"
    return ""


def _termination_check(case, today, events, assets, page):
    """The 终本 checklist: each unmet condition with the link to the action that meets it."""
    if case.is_closed:
        return None
    unmet = rules.termination_unmet(selectors.termination_facts(case, closing_on=today, events=events,
                                                                assets=assets))
    debtor_id = next((party.pk for party in case.respondents.all()), None)
    return [{"label": str(rules.TERMINATION_CONDITIONS[code]), "code": code,
             "url": _fix_url(case, code, page, debtor_id)} for code in unmet]


def _detail_context(request, case, bound: dict | None = None) -> dict:
    bound = bound or {}
    today = court_today()
    # only a case closed as 终本 can have been resumed (enforcement.case_resume)
    resumptions = list(case.resumptions.all()) if case.closure_method == ClosureMethod.TERMINATED_CURRENT else []
    names = _available_actions(case, resumptions)
    names += [name for name in bound if name not in names]  # a refused post shows its card with the reason
    forms = dict(bound)  # the cards shown with their form; the others load it when opened
    asked = request.GET.get("card")  # the no-JavaScript way to open one card
    if not bound and asked in names and request.user.has_perm(ACTIONS[asked].perm):
        # the checklist's links open the event card with the kind that meets the condition already chosen
        kind = request.GET.get("kind")
        initial = {"kind": kind} if asked == "event" and kind in EventKind.values else None
        forms[asked] = ACTIONS[asked].make_form(case, initial=initial)
    page = reverse("case-detail", args=[case.pk])
    cards = [_card(request, case, ACTIONS[name], forms.get(name), page) for name in names]
    # the timeline and the assets, read once, also give the node limits and the 终本 check their facts
    timeline = list(selectors.case_timeline_rows(case))
    for event in timeline:  # get_kind_display() rebuilds a dictionary of EventKind's 40 labels at every call
        event["kind_label"] = EVENT_LABELS.get(event["kind"], event["kind"])
    assets = list(Asset.objects.filter(case=case).select_related("party"))
    return {
        "case": case, "today": today,
        # the tenancy selector prefetched the parties, whole rows (phone, address)
        "applicants": case.applicants.all(),
        "respondents": case.respondents.all(),
        "assets": assets,
        "timeline": timeline,
        "nodes": selectors.node_limits(case, today=today, events=timeline),
        "payouts": selectors.payout_states_for(case, today=today),
        "resumptions": resumptions,
        "termination_unmet": _termination_check(case, today, timeline, assets, page),
        "cards": [c for c in cards if c["allowed"]],
        "can_act": any(c["allowed"] for c in cards),
        "close_card_shown": any(c["allowed"] and c["name"] == "close" for c in cards),
    }


@login_required
def case_detail(request, pk):
    case = get_object_or_404(selectors.enforcement_case_page_visible_to(request.user), pk=pk)
    return render(request, "cases/case_detail.html", _detail_context(request, case))


def _case_action(request, pk, name):
    action = ACTIONS[name]
    require_perms(request.user, action.perm)
    case = _visible_case(request.user, pk)
    if request.method == "GET":  # the card's form, fetched when the card is opened on the case page
        form = action.make_form(case)
        seen = parse_id(request.GET.get("version"))
        if "version" in form.fields and seen:
            form.initial["version"] = seen  # the version of the page it opens on (optimistic lock)
        return render(request, "partials/action_card.html", {"card": _card(request, case, action, form),
                                                             "case": case})
    form = action.make_form(case, request.POST, request.FILES)
    if form.is_valid():
        service, kwargs = _service_call(name, request, case, form.cleaned_data)
        ok, result = run_service(form, service, **kwargs)
        if ok:
            messages.success(request, _success_message(name, result))
            target = result if name == "resume" else case
            return redirect_after_post(request, reverse("case-detail", args=[target.pk]))
    if request.htmx:
        return render(request, "partials/action_card.html", {"card": _card(request, case, action, form),
                                                             "case": case})
    return render(request, "cases/case_detail.html", _detail_context(request, case, {name: form}))


def _service_call(name, request, case, data):
    actor = request.user
    if name == "event":
        return case_work.case_record_event, dict(case=case, actor=actor, **data)
    if name == "inquiry":
        return case_work.case_request_inquiry, dict(case=case, actor=actor, channel=data["channel"],
                                                    scopes=data["scopes"], requested_on=data["requested_on"],
                                                    parties=list(data["parties"]) or None)
    if name == "urging":
        return case_work.urging_record, dict(enforcement_case=case, actor=actor, **data)
    if name == "fund":
        return case_work.case_record_fund, dict(case=case, actor=actor, **data)
    if name == "close":
        return enforcement.case_close, dict(case=case, actor=actor, **data)
    if name == "edit":
        return enforcement.case_update, dict(case=case, actor=actor, **data)
    if name == "contact":
        return case_work.contact_record, dict(case=case, actor=actor, **data)
    if name == "import":
        return inquiry_import.inquiry_import, dict(case=case, actor=actor, **data)
    if name == "investigation":
        return inquiry_import.field_investigation_record, dict(case=case, actor=actor, **form_kwargs(data))
    if name == "fast_track":
        return fast_track.fast_track_set, dict(case=case, actor=actor, **data)
    if name == "approve_termination":
        return enforcement.termination_review_approve, dict(case=case, actor=actor, **data)
    return enforcement.case_resume, dict(case=case, actor=actor, **data)


def form_kwargs(data):
    """The field investigation form's one optional asset row → the service's `assets` list."""
    data = dict(data)
    kind, description, value = data.pop("asset_kind"), data.pop("asset_description"), data.pop("asset_value")
    data["assets"] = [{"kind": kind, "description": description, "value": value}] if kind else []
    return data


def _success_message(name, result):
    if name == "resume":
        return _("已恢复执行，新案号%(number)s。") % {"number": result.number}
    if name == "close":
        return _("已结案（%(method)s）。") % {"method": result.get_closure_method_display()}
    if name == "fund":
        return _("已登记%(direction)s %(amount)s元。") % {"direction": result.get_direction_display(),
                                                        "amount": f"{result.amount:,.2f}"}
    if name == "inquiry":
        return _("已完成财产查询（%(n)d人）。") % {"n": len(result)}
    if name == "urging":
        return _("已记录督促履行。")
    if name == "contact":
        return _("已记录联系：%(channel)s。") % {"channel": result.get_channel_display()}
    if name == "import":
        found = sum(inquiry.assets.count() for inquiry in result)
        return _("已导入查控结果：%(n)d人，查到财产%(a)d项。") % {"n": len(result), "a": found}
    if name == "investigation":
        return _("已记录线下调查。")
    if name == "edit":
        return _("已保存案件信息。")
    if name == "fast_track":
        return _("已转入快速通道。") if result.fast_track else _("已移出快速通道。")
    if name == "approve_termination":
        return _("已批准合议庭终本意见。")
    return _("已登记：%(kind)s。") % {"kind": result.get_kind_display()}


def _action_view(name):
    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request, pk):
        return _case_action(request, pk, name)

    view.__name__ = f"case_{name}"
    return view


case_event = _action_view("event")
case_inquiry = _action_view("inquiry")
case_urging = _action_view("urging")
case_fund = _action_view("fund")
case_close = _action_view("close")
case_resume = _action_view("resume")
case_approve_termination = _action_view("approve_termination")
case_contact = _action_view("contact")
case_import = _action_view("import")
case_investigation = _action_view("investigation")
case_fast_track = _action_view("fast_track")
case_edit = _action_view("edit")


# --- filing ------------------------------------------------------------------------------------------------


def _initial_from_litigation(request) -> dict:
    """「申请执行」from a litigation case: applicants = plaintiffs, respondents = defendants, source case."""
    source_id = parse_id(request.GET.get("source_case"))
    if source_id is None:
        return {}
    source = get_object_or_404(selectors.litigation_cases_visible_to(request.user), pk=source_id)
    initial = {"source_case": source.pk, "applicants": [p.pk for p in source.plaintiffs.all()],
               "respondents": [p.pk for p in source.defendants.all()]}
    balance = selectors.litigation_balance(source)
    if balance is None:
        initial["amount_claimed"] = source.claim_amount or None
    else:  # what the judgment or mediation fixed, less what was paid voluntarily
        owed, paid = balance
        initial["amount_claimed"] = owed - paid if owed > paid else None
        initial["performed_in_full"] = rules.performed_in_full(owed=owed, paid=paid)
    return initial


@login_required
def case_new(request):
    require_perms(request.user, ADD_CASE)
    require_court(request.user)
    if request.method == "POST":
        form = EnforcementCaseForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            ok, case = run_service(
                form, enforcement.enforcement_case_file, court=request.user.court, actor=request.user,
                case_type=data["case_type"], source_case=data["source_case"],
                source_document=data["source_document"], applicants=list(data["applicants"]),
                respondents=list(data["respondents"]), amount_claimed=data["amount_claimed"],
                filed_on=data["filed_on"], judge=data["judge"], is_livelihood=data["is_livelihood"],
                is_non_litigation=data["is_non_litigation"], performed_reason=data["performed_reason"],
            )
            if ok:
                messages.success(request, _("立案成功，案号：%(number)s") % {"number": case.number})
                return redirect_after_post(request, reverse("case-detail", args=[case.pk]))
        ask = False
    else:
        initial = _initial_from_litigation(request)
        ask = initial.pop("performed_in_full", False)
        form = EnforcementCaseForm(initial=initial, user=request.user)
    return render(request, "cases/case_form.html", {
        "form": form, "party_form": PartyInlineForm(), "party_for": "enforcement", "ask_performed_reason": ask,
        "can_add_party": request.user.has_perm(ADD_PARTY),
    })

