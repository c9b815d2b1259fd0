"""Filters shared by the HTML lists and the API (one FilterSet serves both)."""
import django_filters
from django.utils.translation import gettext_lazy as _

from cases.selectors import restrict_to_user
from wanian_exec.filtersets import FilterSet, IdFilter

from .choices import Channel, FeedbackKind
from .models import PushBatch, PushFeedback, PushItem, PushRecipient


def court_recipients(request):
    if request is None:
        return PushRecipient.objects.none()
    return restrict_to_user(PushRecipient.objects.all(), request.user, court_path="court")


class PushBatchFilter(FilterSet):
    week = django_filters.CharFilter(label=_("周次"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("推送渠道"))
    recipient = django_filters.ModelChoiceFilter(queryset=court_recipients, label=_("推送对象"))

    class Meta:
        model = PushBatch
        fields = ["week", "channel", "recipient"]


class PushItemFilter(FilterSet):
    batch = IdFilter(method="filter_batch", label=_("批次"))
    case = django_filters.NumberFilter(field_name="case_id", label=_("执行案件"))
    week = django_filters.CharFilter(label=_("周次"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("推送渠道"))
    recipient = django_filters.NumberFilter(field_name="recipient_id", label=_("推送对象"))

    class Meta:
        model = PushItem
        fields = ["batch", "case", "week", "channel", "recipient"]

    def filter_batch(self, queryset, name, value):
        batch = PushBatch.objects.filter(pk=value).only("week", "recipient_id").first()
        if batch is None:
            return queryset.none()
        return queryset.filter(week=batch.week, recipient_id=batch.recipient_id)


class PushFeedbackFilter(FilterSet):
    case = django_filters.NumberFilter(field_name="case_id", label=_("执行案件"))
    kind = django_filters.ChoiceFilter(choices=FeedbackKind.choices, label=_("反馈类型"))
    effective = django_filters.BooleanFilter(label=_("是否有效"))
    pending = django_filters.BooleanFilter(field_name="effective", lookup_expr="isnull", label=_("待审查"))
    week = django_filters.CharFilter(field_name="batch__week", label=_("周次"))
    channel = django_filters.ChoiceFilter(field_name="batch__channel", choices=Channel.choices,
                                          label=_("推送渠道"))

    class Meta:
        model = PushFeedback
        fields = ["case", "kind", "effective", "pending", "week", "channel"]
