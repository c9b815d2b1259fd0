"""What the campaign board shows, shared by its page and its API: the figures with their drill-down links, the
tables by judge and by township, the weekly burn-down. Parsing and authorising the filter is stats'."""
from decimal import Decimal

from django.urls import reverse

from cases.models import Township, User

from . import metrics


def drill_url(name: str, f, *, api: bool = False) -> str:
    base = reverse("clearance-api-board-cases", args=[name]) if api else reverse("clearance:board-cases",
                                                                                    args=[name])
    return f"{base}?{f.querystring()}"


def _value(value, api: bool):
    """Money is a decimal string in yuan in the API ("35000.00"), a Decimal on the page."""
    return str(value) if api and isinstance(value, Decimal) else value


def figures(f, values: dict, *, api: bool = False) -> list[dict]:
    return [{"name": name, "label": str(metrics.FIGURES[name].label), "unit": metrics.FIGURES[name].unit,
             "doc": str(metrics.FIGURES[name].doc), "value": _value(values[name], api),
             "url": drill_url(name, f, api=api)}
            for name in metrics.NAMES]


def board(f, *, api: bool = False) -> dict:
    totals = metrics.compute(f)
    judges_raw = metrics.by_judge(f)
    judges = {u.pk: u for u in User.objects.filter(pk__in=[k for k in judges_raw if k])}
    by_judge = sorted(
        ({"judge": k, "name": judges[k].display_name if k in judges else "",
          "figures": figures(f.replace(judge=k), row, api=api) if k else
          [{**c, "url": ""} for c in figures(f, row, api=api)]}
         for k, row in judges_raw.items() if row["stock_start"] or row["recovered"]),
        key=lambda r: (r["judge"] is None, r["name"]))
    townships = list(Township.objects.filter(court_id__in=f.courts).order_by("court", "code", "pk"))
    if f.township:
        townships = [t for t in townships if t.pk == f.township]
    towns_raw = metrics.by_township(f, [t.pk for t in townships])
    by_township = [{"township": t.pk, "name": t.name, "figures": figures(f.replace(township=t.pk), towns_raw[t.pk],
                                                                         api=api)}
                   for t in townships if towns_raw[t.pk]["stock_start"] or towns_raw[t.pk]["recovered"]]
    burndown = [{**p, "url": drill_url("remaining", f.replace(date_to=p["week_end"]), api=api)}
                for p in metrics.burndown(f)]
    return {"figures": figures(f, totals, api=api), "totals": totals, "by_judge": by_judge,
            "by_township": by_township, "burndown": burndown}
