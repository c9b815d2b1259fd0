#!/usr/bin/env python
"""The fast read paths of wanian_exec.queries and wanian_exec.rendering against what they replace, interleaved in
one process so that a busy machine slows both alike. Not a test: prints a Markdown table for bench/README.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wanian_scale .venv/bin/python bench/public_api_paths.py

On the seed_scale data set (its first court's enforcement judge), per round and alternately:

- the API's first list page read with its parties: `enforcement_case_api_rows_visible_to` (ids and names joined
  into the one query, read by `case_parties_read`) against the same rows read with `prefetch_related` of the two
  roles (three queries) — what the ids-and-names annotation saves;
- the case list's filter form rendered by `rendering.PYTHON_WIDGETS` against Django's template renderer.

Figures are the median of the process's CPU time per call (time.process_time: what the call costs this process,
whatever else the machine runs) and, once, the Python function calls per call (cProfile) and the queries.
"""
import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup():
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wanian_scale")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wanian_exec.settings.local")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django

    django.setup()


def calls(function) -> int:
    profile = cProfile.Profile()
    profile.enable()
    function()
    profile.disable()
    return sum(row[1] for row in pstats.Stats(profile).stats.values())


def queries(function) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    setup()
    from django.forms.renderers import DjangoTemplates
    from django.test import RequestFactory

    from cases import selectors
    from cases.filtersets import EnforcementCaseFilter
    from cases.models import User
    from cases.views.enforcement import _dress_filter_form

    user = User.objects.filter(username="c000_judge01").first() or User.objects.filter(court__isnull=False).first()
    request = RequestFactory().get("/cases/")
    request.user = user

    def annotated():
        cases = list(selectors.enforcement_case_api_rows_visible_to(user).order_by("-filed_on", "-pk")[:20])
        return [(selectors.case_parties_read(c, "applicants"), selectors.case_parties_read(c, "respondents"))
                for c in cases]

    def prefetched():
        rows = selectors.enforcement_case_api_rows_visible_to(user).prefetch_related("applicants", "respondents")
        cases = list(rows.order_by("-filed_on", "-pk")[:20])
        return [(list(c.applicants.all()), list(c.respondents.all())) for c in cases]

    templates = DjangoTemplates()

    def form(renderer):
        def render():
            filterset = EnforcementCaseFilter(None, request=request,
                                              queryset=selectors.enforcement_case_rows_visible_to(user))
            dressed = _dress_filter_form(filterset.form)
            if renderer is not None:
                dressed.renderer = renderer
            return "".join(str(dressed[name]) for name in dressed.fields)
        return render

    assert [[(p.pk, p.name) for p in ps] for pair in annotated() for ps in pair] == \
           [[(p.pk, p.name) for p in ps] for pair in prefetched() for ps in pair]
    assert form(None)() == form(templates)()
    pairs = [("API list page, rows and parties", annotated, prefetched, "ids and names joined in", "prefetch_related"),
             ("case list filter form", form(None), form(templates), "PYTHON_WIDGETS", "Django's templates")]
    print(f"load average {os.getloadavg()[0]:.1f}; {args.rounds} rounds\n")
    print("| path | new: CPU µs | queries | Python calls | before: CPU µs | queries | Python calls |")
    print("|---|---|---|---|---|---|---|")
    for title, new, old, new_name, old_name in pairs:
        for function in (new, old):
            function()  # warm
        timings = {new: [], old: []}
        for _round in range(args.rounds):
            for function in (new, old):
                started = time.process_time()
                function()
                timings[function].append((time.process_time() - started) * 1e6)
        print(f"| {title} ({new_name} / {old_name}) | {statistics.median(timings[new]):,.0f} | {queries(new)} | "
              f"{calls(new):,} | {statistics.median(timings[old]):,.0f} | {queries(old)} | {calls(old):,} |")


if __name__ == "__main__":
    main()
