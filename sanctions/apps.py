from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanctionsConfig(AppConfig):
    name = "sanctions"
    verbose_name = _("强制措施（三板斧）")

    def ready(self):
        # rosters job, role permissions, roster refresh, to-do places
        from . import jobs, roles, signals, todo_places  # noqa: F401
