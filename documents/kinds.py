"""What each kind of document needs: its printed title, template, the approved measure it rests on, the party it
is addressed to, the timeline event its issue records, and the inputs a judge fills in.

Pure data, read by the service (validation), the issue form and the API serializer, so all three agree.
"""
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cases.choices import EventKind
from sanctions.choices import SanctionKind

from .choices import AssistanceMeasure, DocumentKind, Obstruction

# Who a document is about (its `party`):
RESPONDENT_OPTIONAL = "respondent_optional"  # one respondent, or none = every respondent of the case
RESPONDENT_REQUIRED = "respondent_required"  # one respondent; the only one is taken when the case has one
FROM_SANCTION = "from_sanction"  # the party of the approved measure
WHOLE_CASE = "whole_case"  # the case as a whole, no party


@dataclass(frozen=True)
class InputField:
    name: str
    label: str
    type: str  # text | textarea | money | int | choice
    required: bool = False
    choices: type | None = None
    default: object = None
    min_value: int | None = None
    max_value: int | None = None
    help_text: str = ""
    max_length: int = 200


@dataclass(frozen=True)
class KindSpec:
    kind: str
    printed_title: str
    party_rule: str
    sanction_kind: str | None = None
    event_kind: str = EventKind.NOTE
    inputs: tuple[InputField, ...] = field(default_factory=tuple)
    help_text: str = ""

    @property
    def template(self) -> str:
        return f"documents/pdf/{self.kind}.html"

    @property
    def label(self) -> str:
        return str(DocumentKind(self.kind).label)


FACTS = InputField("facts", _("事实与理由"), "textarea", max_length=2000,
                   help_text=_("不填写则使用强制措施审批时的“事实与理由”"))
CONDUCT = InputField("conduct", _("妨害执行的行为"), "choice", choices=Obstruction,
                     help_text=_("决定援引的法律条文随之确定；不填写时，已送达报告财产令、报告期限届满仍未报告的为"
                                 "“拒绝报告财产”，否则为“拒不履行生效判决、裁定”"))

SPECS: dict[str, KindSpec] = {spec.kind: spec for spec in [
    KindSpec(DocumentKind.EXECUTION_NOTICE, "执行通知书", RESPONDENT_OPTIONAL, event_kind=EventKind.NOTICE_SERVED,
             help_text=_("立案后3日内与报告财产令一并发出；制作即记录“送达执行通知书”节点（送达日为落款日）。")),
    KindSpec(DocumentKind.REPORT_ORDER, "报告财产令", RESPONDENT_OPTIONAL, event_kind=EventKind.REPORT_ORDER_SERVED,
             inputs=(InputField("deadline_days", _("报告期限（日）"), "int", default=5, min_value=1, max_value=30),),
             help_text=_("制作即记录“送达报告财产令”节点（送达日为落款日）。")),
    KindSpec(DocumentKind.CONSUMPTION_RESTRICTION_ORDER, "限制消费令", FROM_SANCTION,
             sanction_kind=SanctionKind.CONSUMPTION_RESTRICTION),
    KindSpec(DocumentKind.DISHONEST_DECISION, "决定书", FROM_SANCTION, sanction_kind=SanctionKind.DISHONEST_LIST,
             help_text=_("失信情形与期限取自经批准的纳入失信措施（第二至六项二年，经延长的加延长年数；第一项不设期限）。")),
    KindSpec(DocumentKind.SUMMONS_WARRANT, "拘传票", FROM_SANCTION, sanction_kind=SanctionKind.SUMMONS,
             inputs=(
                 InputField("place", _("应到处所"), "text", help_text=_("不填写则为本院执行局")),
                 InputField("reason", _("拘传事由"), "textarea", max_length=500,
                            help_text=_("不填写则为“经依法传唤，无正当理由拒不到场接受调查询问”")),
             )),
    KindSpec(DocumentKind.DETENTION_DECISION, "拘留决定书", FROM_SANCTION, sanction_kind=SanctionKind.DETENTION,
             inputs=(CONDUCT, FACTS)),
    KindSpec(DocumentKind.FINE_DECISION, "罚款决定书", FROM_SANCTION, sanction_kind=SanctionKind.FINE,
             inputs=(CONDUCT, FACTS, InputField("deadline_days", _("缴纳期限（日）"), "int", default=10, min_value=1,
                                       max_value=30))),
    KindSpec(DocumentKind.ASSISTANCE_NOTICE, "协助执行通知书", RESPONDENT_REQUIRED, inputs=(
        InputField("third_party", _("协助执行单位"), "text", required=True, max_length=128,
                   help_text=_("持有被执行人款项或财产的单位，如工程款的付款单位")),
        InputField("asset_description", _("款项或财产"), "text", required=True,
                   help_text=_("如“被执行人挂靠于你单位名下承建工程的应付工程款”")),
        InputField("amount", _("金额（元）"), "money", required=True),
        InputField("measure", _("协助事项"), "choice", choices=AssistanceMeasure,
                   default=AssistanceMeasure.STOP_PAYMENT),
        InputField("ruling_number", _("执行裁定书文号"), "text", max_length=48,
                   help_text=_("本通知所依据的执行裁定，须为本案案号或其“之一”“之二”……；不填写则与本通知同时作出，"
                               "取本案下一个裁定书编号")),
    )),
    KindSpec(DocumentKind.CRIMINAL_REFERRAL_LETTER, "涉嫌拒不执行判决、裁定罪移送函", FROM_SANCTION,
             sanction_kind=SanctionKind.CRIMINAL_REFERRAL, inputs=(
                 InputField("police_agency", _("移送的公安机关"), "text", required=True, max_length=128,
                            help_text=_("如“万年县公安局”")),
                 FACTS,
             )),
    KindSpec(DocumentKind.TERMINATION_RULING, "执行裁定书", WHOLE_CASE, inputs=(
        InputField("reason", _("终本理由"), "textarea", max_length=2000,
                   help_text=_("不填写则使用结案时填写的理由")),
        InputField("panel", _("合议庭成员"), "text", max_length=64,
                   help_text=_("审判长在前，以顿号分隔，如“张某、李某、王某”；不填写则由承办法官以审判员署名")),
        InputField("clerk", _("书记员"), "text", max_length=32,
                   help_text=_("不填写则为制作人（如其为书记员），否则留空待签")),
    ), help_text=_("须已以终本结案，或终本条件均已满足。")),
    KindSpec(DocumentKind.RESUMPTION_NOTICE, "恢复执行通知书", WHOLE_CASE, inputs=(
        InputField("reason", _("恢复执行的原因"), "textarea", max_length=2000,
                   help_text=_("不填写则为“申请执行人发现被执行人有可供执行的财产，申请恢复执行”")),
    ), help_text=_("在恢复执行（执恢）案件中制作。")),
]}

ALL_INPUT_FIELDS: dict[str, InputField] = {f.name: f for spec in SPECS.values() for f in spec.inputs}
