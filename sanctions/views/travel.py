"""Travel records in the browser: the import page (with every bad row when a file is refused), the violations
found, and one violation with its evidence — the journey and the order it breached."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from wanian_exec.pages import dress_filters, require_court, require_perms

from .. import selectors
from ..choices import Breach, TravelImportStatus
from ..filtersets import ViolationFilter
from ..forms import TravelImportForm
from ..exports import XLSX, travel_template
from ..travel import FILE_COLUMNS, HEADER, already_imported_message, travel_import_submit
from .common import section_context

PAGE_SIZE = 50
IMPORT = "sanctions.add_travelrecord"


@login_required
def travel_template_download(request):
    """出行记录导入模板 (.xlsx): Chinese headers, examples, 出行方式 as a list."""
    require_perms(request.user, IMPORT)
    response = HttpResponse(travel_template(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, "出行记录导入模板.xlsx")
    return response


@login_required
def travel_import_page(request):
    require_perms(request.user, IMPORT)
    require_court(request.user)
    result = None
    if request.method == "POST":
        form = TravelImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = travel_import_submit(court=request.user.court, actor=request.user, upload=upload,
                                          filename=upload.name)
            if result.already is not None:
                messages.warning(request, already_imported_message(result.already))
                result, form = None, TravelImportForm()
            elif result.queued:
                messages.info(request, _("文件较大，已转入后台导入：进度见“最近导入”，完成后违规出行即可查看。"))
                result, form = None, TravelImportForm()
            elif result.ok:
                messages.success(request, _("已导入%(n)d条出行记录，发现违规出行%(v)d次。") % {
                    "n": result.imported, "v": result.violations})
                form = TravelImportForm()
    else:
        form = TravelImportForm()
    running = (TravelImportStatus.QUEUED, TravelImportStatus.RUNNING)
    imports = list(selectors.travel_imports_visible_to(request.user)[:10])
    return render(request, "sanctions/travel_import.html", {
        **section_context(request, "travel"), "form": form, "result": result, "header": ",".join(FILE_COLUMNS[key][0] for key in HEADER),
        "imports": imports, "running": running, "job_running": any(i.status in running for i in imports)})


@login_required
def violation_list(request):
    filterset = ViolationFilter(request.GET or None, request=request,
                                queryset=selectors.violations_visible_to(request.user))
    dress_filters(filterset.form)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "sanctions/violation_list.html", {
        **section_context(request, "violations"), "filter": filterset, "page": page,
        "kinds": [c for c in Breach.choices if c[0]]})


@login_required
def violation_detail(request, pk):
    violation = get_object_or_404(selectors.violations_visible_to(request.user).select_related(
        "sanction__approved_by", "travel_record__batch", "case__judge"), pk=pk)
    others = selectors.violations_visible_to(request.user).filter(
        case=violation.case, party=violation.party).exclude(pk=violation.pk)[:20]
    return render(request, "sanctions/violation_detail.html", {
        **section_context(request, "violations"), "v": violation, "record": violation.travel_record,
        "order": violation.sanction, "others": others,
        "can_propose": request.user.has_perm("sanctions.add_sanction")})
