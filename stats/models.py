"""Maintained figures: the leader dashboard's numbers for a filter, computed once and kept (stats.snapshots).

The statistics otherwise own no data: every figure is computed from the cases, funds, sanctions and pushes.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class DashboardSnapshot(models.Model):
    """The raw numerators and denominators of one leader dashboard (a StatsFilter), as computed at `computed_at`.

    The key digests the filter, the court's day when the period reaches it (stock figures are taken "as of
    today") and the set of metric definitions, so a snapshot never answers for another filter or definition.
    """

    key = models.CharField(_("键"), max_length=64, unique=True)
    params = models.JSONField(_("筛选条件"))  # StatsFilter.params(): what the refresher recomputes
    payload = models.JSONField(_("数据"))
    computed_at = models.DateTimeField(_("计算时间"))
    duration_ms = models.PositiveIntegerField(_("计算用时（毫秒）"))
    read_at = models.DateTimeField(_("最近查看"), db_index=True)  # the refresher keeps what leaders look at warm

    class Meta:
        verbose_name = _("看板数据快照")
        verbose_name_plural = _("看板数据快照")

    def __str__(self):
        return f"{self.params} @ {self.computed_at:%Y-%m-%d %H:%M}"
