"""Parties: people and organisations appearing as plaintiffs, defendants, applicants, respondents."""
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from ..choices import PartyKind, PartyTag
from ..identity import mask_id_number
from .base import CourtOwned

# Tags are boolean columns, so the weekly push classification filters them with plain indexed SQL.
TAG_FIELDS = {
    PartyTag.PUBLIC_OFFICIAL: "is_public_official",
    PartyTag.PARTY_MEMBER: "is_party_member",
    PartyTag.NPC_DEPUTY: "is_npc_deputy",
    PartyTag.CPPCC_MEMBER: "is_cppcc_member",
    PartyTag.HARDSHIP: "is_hardship",
    PartyTag.STATE_ORGAN: "is_state_organ",
}


@deconstructible
class NoControlCharacters:
    """A name is printed on notices, exported, and joined with ASCII's separators in one query (cases.selectors):
    no control characters. Not a RegexValidator with inverse_match, which the API schema would publish as the
    pattern a name must match."""

    message = _("姓名/名称不能包含控制字符（如制表符、换行符）。")
    code = "control_characters"
    pattern = re.compile(r"[\x00-\x1f\x7f]")

    def __call__(self, value):
        if self.pattern.search(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoControlCharacters)


class Party(CourtOwned):
    kind = models.CharField(_("类型"), max_length=16, choices=PartyKind.choices, default=PartyKind.PERSON)
    name = models.CharField(_("姓名/名称"), max_length=128, db_index=True, validators=[NoControlCharacters()])
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True, help_text=_("自然人填写，GB 11643 校验"))
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, blank=True, help_text=_("组织填写，GB 32100 校验")
    )
    credit_code_override_reason = models.CharField(
        _("信用代码校验例外理由"), max_length=255, blank=True,
        help_text=_("登记机关核发的代码未通过GB 32100校验位时，据实登记的理由（cases.identity.credit_code_override_errors）"))
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    address = models.CharField(_("住所地"), max_length=255, blank=True)
    ethnicity = models.CharField(_("民族"), max_length=16, blank=True, help_text=_("自然人填写，如“汉族”；文书的当事人身份事项载明"))
    township = models.ForeignKey(
        "cases.Township", null=True, blank=True, on_delete=models.PROTECT, related_name="parties",
        verbose_name=_("所在乡镇"),
    )
    grid = models.ForeignKey(
        "cases.Grid", null=True, blank=True, on_delete=models.PROTECT, related_name="parties",
        verbose_name=_("所在网格"),
    )
    employer = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="employees",
        limit_choices_to={"kind": PartyKind.ORGANIZATION}, verbose_name=_("工作单位"),
    )
    legal_representative = models.CharField(_("法定代表人/负责人"), max_length=64, blank=True)
    is_public_official = models.BooleanField(_("公职人员"), default=False)
    is_party_member = models.BooleanField(_("党员"), default=False)
    is_npc_deputy = models.BooleanField(_("人大代表"), default=False)
    is_cppcc_member = models.BooleanField(_("政协委员"), default=False)
    is_hardship = models.BooleanField(_("困难群众"), default=False)
    is_state_organ = models.BooleanField(_("党政机关"), default=False, help_text=_("组织为党政机关、事业单位"))

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["court", "name"], name="party_court_name_idx"),
            models.Index(fields=["court", "id_number"], name="party_court_idnum_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                "court", Upper("id_number"), condition=~models.Q(id_number=""), name="party_id_number_unique_per_court",
                violation_error_message=_("本院已有相同身份证号码的当事人。"),
            ),
            models.UniqueConstraint(
                "court", Upper("credit_code"), condition=~models.Q(credit_code=""),
                name="party_credit_code_unique_per_court",
                violation_error_message=_("本院已有相同统一社会信用代码的当事人。"),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def tags(self) -> list[str]:
        return [tag.value for tag, field in TAG_FIELDS.items() if getattr(self, field)]

    @property
    def identity_number(self) -> str:
        return self.id_number if self.kind == PartyKind.PERSON else self.credit_code

    @property
    def masked_identity(self) -> str:
        return mask_id_number(self.identity_number)
