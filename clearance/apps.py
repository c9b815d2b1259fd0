from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClearanceConfig(AppConfig):
    """终本清仓: the stock of 终本 cases — re-inquiry schedule, resume triggers, closure review, campaign board.

    Stands on cases, pushes and sanctions (reads them, writes through cases services); nothing imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "clearance"
    verbose_name = _("终本清仓")

    def ready(self):
        from . import jobs, signals, todo_places  # noqa: F401  (reinquiries job, permissions, triggers, to-dos)
