from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PushesConfig(AppConfig):
    name = "pushes"
    verbose_name = _("五推送")

    def ready(self):
        from . import jobs, roles, todo_places  # noqa: F401  (weekly_pushes job; role permissions; to-do places)
