"""The to-do list: work the system asks of a user, each item created once (dedupe key) and ticked off."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import TodoKind
from .base import CourtOwned


class Todo(CourtOwned):
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="todos", verbose_name=_("承办人"))
    kind = models.CharField(_("类型"), max_length=24, choices=TodoKind.choices)
    enforcement_case = models.ForeignKey("cases.EnforcementCase", null=True, blank=True, on_delete=models.CASCADE,
                                         related_name="todos", verbose_name=_("执行案件"))
    litigation_case = models.ForeignKey("cases.LitigationCase", null=True, blank=True, on_delete=models.CASCADE,
                                        related_name="todos", verbose_name=_("诉讼案件"))
    title = models.CharField(_("事项"), max_length=255)
    due_on = models.DateField(_("期限"), null=True, blank=True)
    dedupe_key = models.CharField(_("去重键"), max_length=128,
                                  help_text=_("同一事项只生成一次，如 deadline_near:案件ID:期限"))
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("完成人"))

    class Meta:
        verbose_name = _("待办事项")
        verbose_name_plural = _("待办事项")
        ordering = ["due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["court", "dedupe_key"], name="todo_dedupe_unique")]
        indexes = [models.Index(fields=["assignee", "done_at", "due_on"], name="todo_assignee_open_idx")]

    def __str__(self):
        return self.title

    @property
    def case_number(self) -> str:
        case = self.enforcement_case or self.litigation_case
        return case.number if case else ""
