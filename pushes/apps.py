from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PushesConfig(AppConfig):
    name = "pushes"
    verbose_name = _("五推送")

    def ready(self):
        from . import jobs  # noqa: F401  (registers the weekly_pushes job)
