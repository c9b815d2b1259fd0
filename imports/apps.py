from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """A court going live: its existing caseload, staff and reference data read from spreadsheets (imports.registry).

    Stands on cases, sanctions, clearance and pushes (writes through their services and bulk writers); nothing
    imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "imports"
    verbose_name = _("数据导入")

    def ready(self):
        from . import kinds, roles  # noqa: F401  (registers the import kinds; role permissions)
