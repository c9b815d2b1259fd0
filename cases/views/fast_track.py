"""The fast-track page (“人工+智能”快速通道, 线上与线下同步): the queue, open cases first, and its own average days
beside the court's."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .. import selectors
from ..choices import CaseStatus, EnforcementType
from ..services.common import court_today

PAGE_SIZE = 20


@login_required
def fast_track_list(request):
    """“人工+智能”快速通道: the queue, open cases first, and its own average days beside the court's."""
    queue = selectors.fast_track_cases(request.user)
    status = request.GET.get("status", "")
    shown = queue.filter(status=status) if status in CaseStatus.values else queue
    page = Paginator(shown.order_by("status", "-fast_tracked_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    court_first = selectors.enforcement_cases_visible_to(request.user).filter(case_type=EnforcementType.FIRST)
    config = selectors.sync_settings_for(request.user.court_id)
    return render(request, "cases/fast_track_list.html", {
        "page": page, "status": status, "today": court_today(), "statuses": CaseStatus.choices,
        "figure": selectors.average_days(queue), "court_figure": selectors.average_days(court_first),
        "open_count": queue.exclude(status=CaseStatus.CLOSED).count(), "total": queue.count(), "config": config,
    })
