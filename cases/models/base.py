"""Shared model bases."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class CourtOwned(TimeStampedModel):
    """A row that belongs to one court. Tenancy filters on `court` (see cases/selectors.py)."""

    court = models.ForeignKey("cases.Court", on_delete=models.PROTECT, verbose_name=_("法院"), related_name="+")

    class Meta:
        abstract = True
