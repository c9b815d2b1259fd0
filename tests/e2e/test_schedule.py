"""The embedded default runs the job schedule (issue 19 item 11): with no broker, the server's beat thread starts
the weekly push when it falls due, and the leader sees the week's run and its lists in the browser — nobody
pressed a button. The schedule is made due at once (every second) where Monday 08:00 would be."""
import time

import pytest
from playwright.sync_api import expect

from cases.schedule import start_embedded_beat
from pushes import rules, services
from pushes.choices import Channel
from pushes.models import PushRun
from tests.factories import GridFactory, TownshipFactory

from .browser import log_in

pytestmark = pytest.mark.e2e


def test_the_weekly_push_runs_on_its_schedule_and_the_leader_sees_it(live_server, page, screenshot, court, leader,
                                                                      court_workload):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    # given a grid worker to push to, and debtors of the court living in that grid
    township = TownshipFactory(court=court, name="青云镇", code="Q01")
    grid = GridFactory(township=township, name="第一网格")
    services.recipient_create(court=court, channel=Channel.GRID, name="青云镇第一网格", grid=grid,
                              contact="网格员王某", phone="13900000001")
    for case in court_workload:
        case.respondents.filter(kind="person").update(township=township, grid=grid)
    week = rules.current_week()
    assert not PushRun.objects.filter(court=court, week=week).exists()

    # when the weekly push falls due while the server runs, with no broker and no worker
    every_second = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(name="五推送（每周推送）: due now", task="cases.tasks.run_job",
                                interval=every_second, args='["weekly_pushes"]')
    beat = start_embedded_beat(max_interval=0.5)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not PushRun.objects.filter(court=court, week=week,
                                                                          status="completed").exists():
            time.sleep(0.25)
    finally:
        beat.stop()
    run = PushRun.objects.get(court=court, week=week)
    assert run.trigger == "schedule" and run.batch_count >= 1 and run.item_count >= 1

    # then the leader finds the week's run on the push page, and its list for the grid worker
    base = live_server.url
    log_in(page, base, leader.username)
    page.goto(f"{base}/pushes/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=week))
    expect(row).to_contain_text(str(run.item_count))
    row.scroll_into_view_if_needed()
    screenshot("schedule-01-weekly-push-ran")
    row.get_by_role("link", name=week).click()
    expect(page.get_by_role("link", name="青云镇第一网格").first).to_be_visible()
