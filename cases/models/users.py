"""Court staff. Every user belongs to one court; roles are Django groups named by role code."""
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    court = models.ForeignKey(
        "cases.Court", null=True, blank=True, on_delete=models.PROTECT, related_name="users", verbose_name=_("法院"),
        help_text=_("系统管理员（超级用户）可不属于任何法院"),
    )
    full_name = models.CharField(_("姓名"), max_length=32, blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["username"]

    def __str__(self):
        return self.full_name or self.username

    @cached_property
    def roles(self) -> list[str]:
        """The user's role codes (group names that are roles), read with their permissions in one query."""
        from ..access import load_access

        load_access(self)
        return self.__dict__["roles"]

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or any(role in self.roles for role in roles)

    @property
    def display_name(self) -> str:
        return self.full_name or self.username
