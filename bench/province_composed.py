#!/usr/bin/env python
"""The high court's whole-jurisdiction dashboard composed of its courts' kept figures (stats/composed.py, issue 20),
in-process, on an existing seed_scale database (bench/README.md, "Province view composed of its courts").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_1m .venv/bin/python bench/province_composed.py

Writes only the stats snapshot table (the courts' kept figures for the periods timed). Times, with the load average
beside each figure:
  1. none kept: the courts' figures of 2024 deleted, then composed — every court computed here, one after another
     (what the workers do between them when nothing is kept);
  2. kept: the same view again (101 kept rows read and summed) — what a leader waits for in normal operation;
  3. the one province-wide computation (`dashboard_figures`, the path before) — and that both agree on every
     figure's numerator and denominator;
  4. `refresh_snapshots()` (the 5-minute job: every court's current year), then the current year composed.
"""
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wanian_exec.settings.local")
os.environ["DJANGO_DEBUG"] = "false"
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from cases.services.common import court_today  # noqa: E402
from stats import composed, snapshots  # noqa: E402
from stats.filters import StatsFilter  # noqa: E402
from stats.models import DashboardSnapshot  # noqa: E402
from stats.selectors import court_descendants, court_tree  # noqa: E402


def timed(label, call):
    load = os.getloadavg()[0]
    started = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds * 1000:,.0f} ms (load {load:.1f} → {os.getloadavg()[0]:.1f})", flush=True)
    return result


def main():
    tree = court_tree()
    [top] = tree[None]
    courts = tuple(sorted(court_descendants(top, tree)))
    f = StatsFilter(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31), courts=courts)
    print(f"{len(courts)} courts, {f.date_from} … {f.date_to}")
    keys = [snapshots.snapshot_key(cf) for cf in composed.court_filters(f).values()]
    DashboardSnapshot.objects.filter(key__in=keys).delete()
    cold = timed("none kept: every court computed, then composed", lambda: composed.figures_for(f))
    print(f"  courts' own computations: {cold.duration_ms:,} ms in all")
    for run in range(3):
        kept = timed(f"kept #{run + 1}: {len(courts)} kept rows read and summed", lambda: composed.figures_for(f))
    assert kept.from_snapshot
    direct = timed("one province-wide computation (dashboard_figures)", lambda: snapshots.dashboard_figures(f))
    differ = [n for n in direct.figures if (direct.figures[n].numerator, direct.figures[n].denominator)
              != (kept.figures[n].numerator, kept.figures[n].denominator)]
    print(f"  figures differing between composed and direct: {differ or 'none'} of {len(direct.figures)}")
    assert [m["new_cases"].numerator for m in direct.months] == [m["new_cases"].numerator for m in kept.months]

    summary = timed("refresh_snapshots() (every court's current year)", snapshots.refresh_snapshots)
    print(f"  {summary}")
    year = StatsFilter(date_from=dt.date(court_today().year, 1, 1), date_to=court_today(), courts=courts)
    for run in range(3):
        current = timed(f"current year, kept #{run + 1}", lambda: composed.figures_for(year))
    assert current.from_snapshot


if __name__ == "__main__":
    main()
