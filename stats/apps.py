from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """Statistics and dashboards: stands on top of cases, sanctions and pushes and only reads them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "stats"
    verbose_name = _("统计与看板")

    def ready(self):
        from . import jobs  # noqa: F401  (the `dashboard_snapshots` job)
