"""The Celery app. With REDIS_URL unset, settings make every task run in-process (eager)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wanian_exec.settings.local")

app = Celery("wanian_exec")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
