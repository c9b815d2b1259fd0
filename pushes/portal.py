"""The recipient portal: no court account, reached only through a batch's signed, expiring link.

`GET <portal_url>` shows that batch alone (minimum fields, identity numbers masked), mobile-first, in Chinese.
`POST <portal_url>feedback/` `{item, kind, content, photo?}` → 201 (JSON), or from the page's own form a redirect
back to the list. A tampered, expired or foreign token is 404; an item of another batch is refused (400).

The token is the credential, so there is no CSRF cookie to check (nothing else authenticates these requests);
pages are never cached and never send the link onwards in a Referer header.
"""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from drf_spectacular.utils import extend_schema
from rest_framework import parsers, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.identity import mask_id_number
from wanian_exec.filtersets import parse_id

from . import selectors, services
from .api.serializers import PortalFeedbackInputSerializer, PortalFeedbackSerializer
from .choices import Channel, FeedbackKind
from .tokens import batch_for_token

PORTAL_PAGE_SIZE = 30  # items per page on a phone; a township's list can run to thousands


def _batch_or_404(token: str):
    batch = batch_for_token(token)
    if batch is None:
        raise Http404
    return batch


def _private(response):
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _item_view(item) -> dict:
    party, judge = item.party, item.case.judge
    return {
        "id": item.pk, "case_number": item.case.number, "party_name": party.name,
        "masked_id": mask_id_number(party.id_number if party.kind == "person" else party.credit_code),
        "party_role": item.get_party_role_display(), "amount_outstanding": item.amount_outstanding,
        "reasons": item.reason_list,
        "judge": judge.display_name if judge else "", "judge_phone": judge.phone if judge else "",
        "feedback": [{"kind": f.get_kind_display(), "created_at": f.created_at} for f in item.feedback.all()],
    }


def _wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def render_portal(request, batch, *, errors: dict | None = None, error_item: int | None = None, values=None,
                  status_code: int = 200):
    items = selectors.portal_items(batch)
    query = (request.GET.get("q") or "").strip()
    if query:
        items = items.filter(Q(party__name__icontains=query) | Q(case__number__icontains=query))
    page = Paginator(items, PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [_item_view(item) for item in page.object_list]
    if _wants_json(request):
        return _private(JsonResponse({
            "week": batch.week, "court": batch.court.name, "recipient": batch.recipient.name,
            "channel": batch.channel, "count": page.paginator.count,
            "items": [{**row, "amount_outstanding": str(row["amount_outstanding"]),
                       "feedback": [{"kind": f["kind"], "created_at": f["created_at"].isoformat()}
                                    for f in row["feedback"]]} for row in rows],
        }, json_dumps_params={"ensure_ascii": False}))
    # errors on an item of this page show in its form; else (no such item here) above the list
    page_errors = errors if errors and error_item not in {row["id"] for row in rows} else {}
    return _private(render(request, "pushes/portal.html", {
        "batch": batch, "page": page, "rows": rows, "query": query, "kinds": FeedbackKind.choices,
        "party_label": _("申请执行人") if batch.channel == Channel.CIVIL_AFFAIRS else _("被执行人"),
        "errors": errors or {}, "error_item": error_item, "values": values or {}, "page_errors": page_errors,
        "sent": parse_id(request.GET.get("sent")),
        "feedback_url": reverse("push_portal:feedback", args=[batch.portal_token]),
    }, status=status_code))


@require_GET
def portal(request, token):
    return render_portal(request, _batch_or_404(token))


class PortalFeedbackView(APIView):
    """`POST <portal_url>feedback/`: multipart (with a photo) or JSON; 201 with the feedback created."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def _from_page(self, request) -> bool:
        return (request.content_type or "").startswith(("multipart/form-data", "application/x-www-form-urlencoded")) \
            and "text/html" in request.headers.get("Accept", "")

    @extend_schema(request=PortalFeedbackInputSerializer, responses={201: PortalFeedbackSerializer})
    def post(self, request, token):
        batch = _batch_or_404(token)
        data = PortalFeedbackInputSerializer(data=request.data)
        from_page = self._from_page(request)
        try:
            data.is_valid(raise_exception=not from_page)
            if from_page and data.errors:
                raise DjangoValidationError({k: [str(m) for m in v] for k, v in data.errors.items()})
            feedback = services.feedback_submit(batch=batch, **data.validated_data)
        except DjangoValidationError as exc:
            if not from_page:
                raise
            item = request.data.get("item")
            return render_portal(request._request, batch, errors=exc.message_dict,
                                 error_item=parse_id(item),
                                 values={"kind": request.data.get("kind"), "content": request.data.get("content"),
                                         "submitter": request.data.get("submitter")},
                                 status_code=status.HTTP_400_BAD_REQUEST)
        if from_page:
            url = reverse("push_portal:portal", args=[batch.portal_token])
            page = request.query_params.get("page")
            query = f"?sent={feedback.item_id}" + (f"&page={page}" if parse_id(page) else "")
            return _private(HttpResponseRedirect(f"{url}{query}#item-{feedback.item_id}", status=303))
        return _private(Response(PortalFeedbackSerializer(feedback).data, status=status.HTTP_201_CREATED))
