"""Choice values: lowercase English codes (the API contract), Chinese labels (the UI)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CLERK = "clerk", _("书记员")
    TRIAL_JUDGE = "trial_judge", _("审判法官")
    ENFORCEMENT_JUDGE = "enforcement_judge", _("执行法官")
    LEADER = "leader", _("院领导")
    COURT_ADMIN = "court_admin", _("法院管理员")


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANIZATION = "organization", _("法人或其他组织")


class PartyTag(models.TextChoices):
    PUBLIC_OFFICIAL = "public_official", _("公职人员")
    PARTY_MEMBER = "party_member", _("党员")
    NPC_DEPUTY = "npc_deputy", _("人大代表")
    CPPCC_MEMBER = "cppcc_member", _("政协委员")
    HARDSHIP = "hardship", _("困难群众")
    STATE_ORGAN = "state_organ", _("党政机关")


class LitigationType(models.TextChoices):
    CIVIL_FIRST = "民初", _("民初（民事一审）")
    CIVIL_SECOND = "民终", _("民终（民事二审）")
    COMMERCIAL_SPECIAL = "民特", _("民特（特别程序）")
    CIVIL_MISC = "民他", _("民他")


class EnforcementType(models.TextChoices):
    FIRST = "执", _("执（首次执行）")
    RESUMED = "执恢", _("执恢（恢复执行）")
    PRESERVATION = "执保", _("执保（财产保全）")
    OBJECTION = "执异", _("执异（执行异议）")
    REVIEW = "执复", _("执复（执行复议）")
    SUPERVISION = "执监", _("执监（执行监督）")
    COORDINATION = "执协", _("执协（执行协调）")
    OTHER = "执他", _("执他（其他执行）")


class CaseStatus(models.TextChoices):
    FILED = "filed", _("已立案")
    IN_PROGRESS = "in_progress", _("执行中")
    SUSPENDED = "suspended", _("中止")
    CLOSED = "closed", _("已结案")


class ClosureMethod(models.TextChoices):
    COMPLETED = "completed", _("执行完毕")
    TERMINATED_CURRENT = "terminated_current", _("终结本次执行程序")
    TERMINATED = "terminated", _("终结执行")
    WITHDRAWN = "withdrawn", _("销案")
    NOT_ENFORCED = "not_enforced", _("不予执行")
    REJECTED = "rejected", _("驳回申请")


class OutcomeKind(models.TextChoices):
    JUDGMENT = "judgment", _("判决")
    MEDIATION = "mediation", _("调解")
    WITHDRAWN = "withdrawn", _("撤诉")
    DISMISSED = "dismissed", _("驳回起诉")


class PreservationKind(models.TextChoices):
    PRE_LITIGATION = "pre_litigation", _("诉前保全")
    LITIGATION = "litigation", _("诉讼保全")


class UrgingChannel(models.TextChoices):
    MOBILE_COURT = "mobile_court", _("移动微法院")
    PHONE = "phone", _("电话")
    SMS = "sms", _("短信")
    DEADLINE_NOTICE = "deadline_notice", _("限期履行通知")
    VISIT = "visit", _("上门督促")


class FundDirection(models.TextChoices):
    IN = "in", _("收款")
    OUT = "out", _("发放")


class InquiryChannel(models.TextChoices):
    ONLINE = "online", _("网络查控")
    OFFLINE = "offline", _("线下调查")


class InquiryScope(models.TextChoices):
    DEPOSIT = "deposit", _("银行存款")
    VEHICLE = "vehicle", _("车辆")
    REAL_ESTATE = "real_estate", _("不动产")
    SECURITIES = "securities", _("证券")
    ONLINE_PAYMENT = "online_payment", _("网络支付账户")
    INSURANCE = "insurance", _("保险")
    HOUSING_FUND = "housing_fund", _("住房公积金")
    EQUITY = "equity", _("股权")
    MOVABLE = "movable", _("其他动产")
    OTHER = "other", _("其他")


class InquiryStatus(models.TextChoices):
    PENDING = "pending", _("查询中")
    COMPLETED = "completed", _("已反馈")
    FAILED = "failed", _("查询失败")


class AssetStatus(models.TextChoices):
    """found → frozen (查封/扣押/冻结, with a lapse date) → valued → auctioning → sold / unsold → released.

    `disposed` is a deposit transferred to the court account (扣划) or any disposal recorded without an auction.
    """

    FOUND = "found", _("已查到")
    FROZEN = "frozen", _("已冻结/查封")
    VALUED = "valued", _("已评估")
    AUCTIONING = "auctioning", _("拍卖中")
    SOLD = "sold", _("已成交")
    UNSOLD = "unsold", _("流拍")
    DISPOSED = "disposed", _("已处置")
    RELEASED = "released", _("已解除")
    UNAVAILABLE = "unavailable", _("无处置价值")


class PreservationResponse(models.TextChoices):
    """What the rights holder answered when the filing window explained preservation (立案与保全同步)."""

    APPLIED = "applied", _("已申请保全")
    DECLINED = "declined", _("不申请保全")


class InstalmentStatus(models.TextChoices):
    """Performance of one instalment, derived from the payments recorded (allocated in due order)."""

    PAID_ON_TIME = "paid_on_time", _("按期履行")
    PAID_LATE = "paid_late", _("逾期履行")
    DEFAULTED = "defaulted", _("逾期未履行")
    PENDING = "pending", _("待履行")


class AuctionResult(models.TextChoices):
    PENDING = "pending", _("待拍卖")
    SOLD = "sold", _("成交")
    UNSOLD = "unsold", _("流拍")
    WITHDRAWN = "withdrawn", _("撤回/中止")


class ExtensionStatus(models.TextChoices):
    """A first extension is approved in the court; a further one is reported to the high court, which answers."""

    APPROVED = "approved", _("已批准")
    PENDING_HIGH_COURT = "pending_high_court", _("报请高院批准")
    REFUSED = "refused", _("高院不予批准")


class ContactChannel(models.TextChoices):
    MOBILE_COURT = "mobile_court", _("移动微法院")
    PHONE = "phone", _("电话")
    SMS = "sms", _("短信")
    VIDEO = "video", _("视频")
    IN_PERSON = "in_person", _("当面")


class ContactDirection(models.TextChoices):
    OUTGOING = "outgoing", _("法院联系当事人")
    INCOMING = "incoming", _("当事人联系法院")


class EventKind(models.TextChoices):
    """Everything that can stand on a case's timeline.

    The first group is recorded by a judge through the events endpoint; the rest are written by the
    services that do the work (filing, inquiries, funds, sanctions, closure), so the timeline is complete.
    """

    NOTICE_SERVED = "notice_served", _("送达执行通知书")
    REPORT_ORDER_SERVED = "report_order_served", _("送达报告财产令")
    PROPERTY_REPORTED = "property_reported", _("被执行人申报财产")
    FIELD_INVESTIGATION = "field_investigation", _("实地调查")
    APPLICANT_HEARD = "applicant_heard", _("听取申请人意见")
    DEBTOR_NOT_FOUND = "debtor_not_found", _("被执行人下落不明")
    DEBTOR_SEARCHED = "debtor_searched", _("查找被执行人")
    LEAD_RECEIVED = "lead_received", _("收到财产线索")
    LEAD_CHECKED = "lead_checked", _("核查财产线索")
    OBSTRUCTION = "obstruction", _("妨害执行行为")
    SERVICE_FAILED = "service_failed", _("送达失败")
    CONTACT = "contact", _("联系当事人")
    NOTE = "note", _("工作记录")
    # written by services
    FILED = "filed", _("立案")
    STARTED = "started", _("开始执行")
    SUSPENDED = "suspended", _("中止执行")
    RESUMED_PROCEEDINGS = "resumed_proceedings", _("恢复进行")
    EXTENSION_APPROVED = "extension_approved", _("延长执行期限")
    INQUIRY = "inquiry", _("财产查询")
    ASSET_FOUND = "asset_found", _("查到财产")
    URGING = "urging", _("督促履行")
    FUND_IN = "fund_in", _("执行款到账")
    FUND_OUT = "fund_out", _("执行款发放")
    SANCTION_PROPOSED = "sanction_proposed", _("拟采取强制措施")
    SANCTION_APPROVED = "sanction_approved", _("强制措施获批")
    SANCTION_REJECTED = "sanction_rejected", _("强制措施未获批准")
    CONSUMPTION_RESTRICTED = "consumption_restricted", _("发布限制消费令")
    DISHONEST_LISTED = "dishonest_listed", _("纳入失信被执行人名单")
    OBSTRUCTION_SANCTIONED = "obstruction_sanctioned", _("对妨害执行予以罚款/拘留")
    CRIME_REFERRED = "crime_referred", _("移送公安（拒执罪）")
    CLOSED = "closed", _("结案")
    RESUMED = "resumed", _("恢复执行（立执恢案）")
    # 四同步
    PRESERVATION_CARRIED = "preservation_carried", _("保全财产转为执行查控")
    ASSET_CONTROLLED = "asset_controlled", _("查封/扣押/冻结财产")
    ASSET_RENEWED = "asset_renewed", _("续行查封/扣押/冻结")
    ASSET_VALUED = "asset_valued", _("财产评估")
    AUCTION_ANNOUNCED = "auction_announced", _("网络司法拍卖公告")
    AUCTION_RESULT = "auction_result", _("网络司法拍卖结果")
    ASSET_RELEASED = "asset_released", _("解除查封/扣押/冻结")
    FAST_TRACK = "fast_track", _("快速通道（人工+智能）")
    # the 终本 second key (民诉法解释 art. 517) and the report check (SPC 2016 终本 provisions art. 2)
    APPLICANT_CONSENT = "applicant_consent", _("申请执行人书面同意终本")
    COLLEGIAL_REVIEW = "collegial_review", _("合议庭评议同意终本")
    COLLEGIAL_REVIEW_APPROVED = "collegial_review_approved", _("院长批准终本合议意见")
    REPORT_VERIFIED = "report_verified", _("核查被执行人财产报告")
    ONLINE_INQUIRY_IMPOSSIBLE = "online_inquiry_impossible", _("无法通过网络查控系统查询")
    # a further extension of the time limit (SPC time-limit provisions)
    EXTENSION_REPORTED = "extension_reported", _("报请高院批准延长执行期限")
    EXTENSION_REFUSED = "extension_refused", _("高院不予批准延长执行期限")
    # changes of a case's own facts (the rosters are recomputed from them)
    CASE_UPDATED = "case_updated", _("修改案件信息")
    ASSET_STATUS_CHANGED = "asset_status_changed", _("财产状态变更")
    # facts the apps above cases record (sanctions): typed, so a listener of the timeline tells them from notes
    MEASURE_ENDED = "measure_ended", _("强制措施结束")
    DETAINEE_IN_CUSTODY = "detainee_in_custody", _("被拘留人送交看管")
    ABILITY_EVIDENCE = "ability_evidence", _("登记履行能力证据")
    PROSECUTION_PROGRESS = "prosecution_progress", _("拒执罪移送进展")
    TRAVEL_VIOLATION = "travel_violation", _("违反限制措施出行")


RECORDABLE_EVENT_KINDS = [
    EventKind.NOTICE_SERVED,
    EventKind.REPORT_ORDER_SERVED,
    EventKind.PROPERTY_REPORTED,
    EventKind.FIELD_INVESTIGATION,
    EventKind.APPLICANT_HEARD,
    EventKind.DEBTOR_NOT_FOUND,
    EventKind.DEBTOR_SEARCHED,
    EventKind.LEAD_RECEIVED,
    EventKind.LEAD_CHECKED,
    EventKind.OBSTRUCTION,
    EventKind.SERVICE_FAILED,
    EventKind.CONTACT,
    EventKind.NOTE,
    EventKind.REPORT_VERIFIED,
    EventKind.ONLINE_INQUIRY_IMPOSSIBLE,
    EventKind.APPLICANT_CONSENT,
    EventKind.COLLEGIAL_REVIEW,
]


class TodoKind(models.TextChoices):
    DEADLINE_NEAR = "deadline_near", _("执行期限临近")
    DEADLINE_OVERDUE = "deadline_overdue", _("执行期限已届满")
    NODE_OVERDUE = "node_overdue", _("节点超期")
    INSTALMENT_DUE = "instalment_due", _("执前督促（履行期临近）")
    PUSH_FEEDBACK = "push_feedback", _("推送反馈待审")
    REINQUIRY_DUE = "reinquiry_due", _("终本案件定期查询")
    ROSTER_CONFIRM = "roster_confirm", _("名册待确认")
    SANCTION_APPROVAL = "sanction_approval", _("强制措施待审批")
    LAPSE_NEAR = "lapse_near", _("查封冻结即将到期（续行）")
    PRESERVATION_RELEASE = "preservation_release", _("诉前保全应予解除")
    RULING_OVERDUE = "ruling_overdue", _("诉前保全裁定超时")
    PROMISE_MISSED = "promise_missed", _("承诺/限期未履行")
    PAYOUT_OVERDUE = "payout_overdue", _("执行款逾期未发放")
    REAUCTION_DUE = "reauction_due", _("流拍后30日内再次拍卖")
    OTHER = "other", _("其他")
