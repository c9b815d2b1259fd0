"""The common filter of every figure: a period, the courts, and optionally a judge, a township, a case type.

A `StatsFilter` is only ever built by `parse_filter`, which checks the courts against
`stats.selectors.stats_courts_visible_to(user)` — so a filter in hand is already a filter the user may use,
and the metric functions (stats.metrics) need no user. The API, the dashboards and the exports parse the same
query string (`?date_from=2024-01-01&date_to=2024-12-31&court=3&judge=7&township=2&case_type=执`).
"""
import dataclasses
import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from cases.choices import EnforcementType, Role
from cases.models import Township, User
from cases.services.common import court_today
from pushes.choices import Channel
from wanian_exec.filtersets import IdField, parse_id

from .selectors import stats_courts_visible_to


@dataclasses.dataclass(frozen=True)
class StatsFilter:
    """What the figures are computed over. Dates are inclusive: a case closed on `date_to` counts."""

    date_from: dt.date
    date_to: dt.date
    courts: tuple[int, ...]
    judge: int | None = None
    township: int | None = None  # cases with a respondent (litigation: a defendant) living in the township
    case_type: str | None = None  # an enforcement case type (执, 执恢 …); litigation figures ignore it
    channel: str | None = None  # a push channel; only the push figures read it

    @property
    def as_of(self) -> dt.date:
        """The day stock figures (终本 stock, overdue cases) are taken: the period's end, or today if earlier."""
        return min(self.date_to, court_today())

    def replace(self, **changes) -> "StatsFilter":
        return dataclasses.replace(self, **changes)

    def params(self, *, with_courts: bool = True) -> dict:
        """The query-string parameters that rebuild this filter (drill-down and export links carry them)."""
        params = {"date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat()}
        if with_courts:
            params["court"] = list(self.courts)
        for name in ("judge", "township", "case_type", "channel"):
            value = getattr(self, name)
            if value not in (None, ""):
                params[name] = value
        return params

    def querystring(self, **extra) -> str:
        params = {**self.params(), **{k: v for k, v in extra.items() if v not in (None, "")}}
        return urlencode(params, doseq=True)


class StatsFilterForm(forms.Form):
    date_from = forms.DateField(label=_("起始日期"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=_("截止日期"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    court = forms.TypedMultipleChoiceField(label=_("法院"), required=False, coerce=int)
    # any judge / township of the chosen courts (checked in clean_…: a province has thousands, so no choice list)
    judge = IdField(label=_("承办法官"), required=False)
    township = IdField(label=_("乡镇"), required=False)
    case_type = forms.ChoiceField(label=_("案件类型"), required=False,
                                  choices=[("", _("全部"))] + list(EnforcementType.choices))
    channel = forms.ChoiceField(label=_("推送渠道"), required=False, choices=[("", _("全部"))] + list(Channel.choices))

    def __init__(self, data, *, courts, default_courts, **kwargs):
        super().__init__(data, **kwargs)
        self.visible_courts = list(courts)
        self.default_courts = tuple(default_courts)
        self.fields["court"].choices = [(c.pk, c.name) for c in self.visible_courts]
        self.selected_courts = self._selected_courts(data)

    def _options(self, name: str, only=None) -> list[tuple]:
        """(value, text) of the judges or townships of the chosen courts (`only`: just that one)."""
        if name == "judge":  # the enforcement judges, not every user of the court
            rows = User.objects.filter(court_id__in=self.selected_courts, groups__name=Role.ENFORCEMENT_JUDGE)
            rows = rows.order_by("full_name", "pk")
            rows = rows.values_list("pk", "full_name", "username")
        else:
            rows = Township.objects.filter(court_id__in=self.selected_courts).order_by("court", "code")
            rows = rows.values_list("pk", "name", "name")
        if only is not None:
            rows = rows.filter(pk=only)
        return [(pk, text or fallback) for pk, text, fallback in rows]

    def _clean_member(self, name: str):
        value = self.cleaned_data.get(name)
        if value is not None and not self._options(name, only=value):
            raise forms.ValidationError(forms.ChoiceField.default_error_messages["invalid_choice"],
                                        code="invalid_choice", params={"value": value})
        return value

    def clean_judge(self):
        return self._clean_member("judge")

    def clean_township(self):
        return self._clean_member("township")

    @property
    def selects(self) -> list[tuple]:
        """(name, label, choices, chosen value) of the judge, township and case type selects, rendered by hand in
        stats/partials/filters.html (Django's widget templates cost more than the figures). Over several courts
        the judge and township lists would run to thousands of options: only "all" and the chosen one are offered
        (any judge or township of the chosen courts is still accepted); one court's view lists them all."""
        chosen = self.data if self.is_bound else {}
        result = []
        for name in ("judge", "township", "case_type"):
            value = str(chosen.get(name) or "")
            if name == "case_type":
                options = self.fields[name].choices
            else:
                only = parse_id(value) or -1  # "²" is a digit to isdigit(), not to int()
                options = [("", _("全部"))] + self._options(name, only=only if len(self.selected_courts) > 1 else None)
            result.append((name, self.fields[name].label, options, value))
        return result

    def _selected_courts(self, data) -> tuple[int, ...]:
        visible = {c.pk for c in self.visible_courts}
        raw = data.getlist("court") if hasattr(data, "getlist") else (data or {}).get("court") or []
        if not isinstance(raw, (list, tuple)):
            raw = [raw]
        chosen = []
        for value in raw:
            try:
                chosen.append(int(value))
            except (TypeError, ValueError):
                continue
        return tuple(c for c in chosen if c in visible) or self.default_courts

    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_to is None:
            today = court_today()
            date_to = min(today, dt.date(date_from.year, 12, 31)) if date_from else today
        if date_from is None:
            date_from = dt.date(date_to.year, 1, 1)
        if date_from > date_to:
            self.add_error("date_to", _("截止日期不能早于起始日期。"))
        data["date_from"], data["date_to"] = date_from, date_to
        return data


def default_courts_for(user, visible) -> tuple[int, ...]:
    """Without `court=`: the user's own court; a system admin (no court) sees every court."""
    if user.court_id:
        return (user.court_id,)
    return tuple(c.pk for c in visible)


def parse_filter(user, params) -> tuple[StatsFilter | None, StatsFilterForm]:
    """Parse `params` (request.GET) into a StatsFilter for `user`.

    A court the user may not see statistics of → Http404 (its existence is not revealed); other bad values
    → (None, the bound form with its errors).
    """
    visible = list(stats_courts_visible_to(user).order_by("code"))
    if not visible:
        raise Http404
    visible_ids = {c.pk for c in visible}
    raw_courts = params.getlist("court") if hasattr(params, "getlist") else params.get("court", [])
    for value in raw_courts if isinstance(raw_courts, (list, tuple)) else [raw_courts]:
        if value in ("", None):
            continue
        try:
            court_id = int(value)
        except (TypeError, ValueError):
            raise Http404 from None
        if court_id not in visible_ids:
            raise Http404
    form = StatsFilterForm(params, courts=visible, default_courts=default_courts_for(user, visible))
    if not form.is_valid():
        return None, form
    data = form.cleaned_data
    return StatsFilter(
        date_from=data["date_from"], date_to=data["date_to"],
        courts=tuple(data["court"]) or form.default_courts,
        judge=data["judge"], township=data["township"], case_type=data["case_type"] or None,
        channel=data["channel"] or None,
    ), form
