"""`manage.py serve [addrport]` — runserver, and on the embedded default the job schedule in the same process.

`make run` uses it (see cases/schedule.py). It is the development server whichever app provides `runserver`
(WhiteNoise's, serving static files as production does), started with the beat thread in the serving process.
"""
from django.core.management import get_commands, load_command_class
from django.utils.translation import gettext as _

from cases.schedule import runs_in_process, schedule_lines, start_embedded_beat

RunserverCommand = type(load_command_class(get_commands()["runserver"], "runserver"))


class Command(RunserverCommand):
    help = "Development server; with no REDIS_URL, the scheduled jobs run inside it."
    beat = None

    def inner_run(self, *args, **options):
        # inner_run is the serving process (the autoreloader's child): the schedule runs there, once
        if self.beat is None and runs_in_process():
            lines = schedule_lines()
            self.beat = start_embedded_beat()
            self.stdout.write(_("定时任务在本进程内运行（未配置Redis，无需另起Celery worker或beat），共%(n)d项：")
                              % {"n": len(lines)})
            for line in lines:
                self.stdout.write(f"  · {line}")
        super().inner_run(*args, **options)
