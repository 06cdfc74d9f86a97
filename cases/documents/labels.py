"""The Chinese wording of official documents.

Documents go to courts, households and inspectors in Chinese whatever language the user reads
the screens in, so their words are fixed here rather than taken from the UI translations.
A test checks that every choice of the models has its entry.
"""

from ..models import (
    Beneficiary,
    ClaimType,
    CourtDecision,
    Decision,
    FarmingMode,
    FollowUp,
    HardshipType,
    Kind,
    Outcome,
    Relief,
    Season,
    Status,
)

KIND = {
    Kind.FEE_WAIVER: "诉讼费用缓减免（司法救助）",
    Kind.ONE_ON_ONE: "一助一结对帮扶",
    Kind.FARMING_HELP: "帮耕帮种",
}
STATUS = {
    Status.SUBMITTED: "已受理",
    Status.VERIFIED: "已核实，待审批",
    Status.RETURNED: "退回补充",
    Status.AWAITING_SECOND: "待领导审批",
    Status.APPROVED: "已批准，待派单",
    Status.DISPATCHED: "已派单，待接单",
    Status.IN_DELIVERY: "服务中",
    Status.COURT_FILING: "待递交法院",
    Status.AT_COURT: "待法院决定",
    Status.FOLLOW_UP: "回访中",
    Status.TO_CLOSE: "待结案",
    Status.CLOSED: "已结案",
    Status.REJECTED: "不予帮扶",
    Status.WITHDRAWN: "已撤回",
    Status.CANCELLED: "已撤销",
}
CATEGORY = {
    Beneficiary.Category.MARTYR_FAMILY: "烈士遗属",
    Beneficiary.Category.DECEASED_SOLDIER_FAMILY: "因公牺牲/病故军人遗属",
    Beneficiary.Category.SERVICE_FAMILY: "现役军人家属",
    Beneficiary.Category.CONSCRIPT_FAMILY: "义务兵家属",
    Beneficiary.Category.DISABLED_VETERAN: "伤残军人",
    Beneficiary.Category.DEMOBILIZED_VETERAN: "在乡老复员军人",
    Beneficiary.Category.ILL_VETERAN: "带病回乡退伍军人",
    Beneficiary.Category.RETIRED_SOLDIER: "退役士兵",
    Beneficiary.Category.TRANSFERRED_OFFICER: "军队转业干部",
    Beneficiary.Category.MILITARY_SPOUSE: "军嫂",
    Beneficiary.Category.ELDERLY_ALONE: "孤寡老人",
}
GENDER = {Beneficiary.Gender.MALE: "男", Beneficiary.Gender.FEMALE: "女"}
RELIEF = {Relief.DEFER: "缓交", Relief.REDUCE: "减交", Relief.EXEMPT: "免交"}
CLAIM = {
    ClaimType.PENSION: "追索抚恤金",
    ClaimType.SUPPORT: "追索赡养费、扶养费、抚育费",
    ClaimType.SOCIAL_INSURANCE: "追索社会保险金",
    ClaimType.ECONOMIC_COMPENSATION: "追索经济补偿金",
    ClaimType.ACCIDENT: "人身伤害事故损害赔偿",
    ClaimType.OTHER: "其他民事纠纷",
}
COURT_DECISION = {
    CourtDecision.GRANTED: "准予",
    CourtDecision.PARTLY: "部分准予",
    CourtDecision.REFUSED: "不予准许",
}
HARDSHIP = {
    HardshipType.LIVING: "生活难",
    HardshipType.HOUSING: "住房难",
    HardshipType.MEDICAL: "治病难",
    HardshipType.LABOUR: "缺劳",
}
SEASON = {Season.SUMMER: "夏收夏种", Season.AUTUMN: "秋收秋种"}
FARMING_MODE = {FarmingMode.LABOUR: "出工帮耕", FarmingMode.MONEY: "以资代劳"}
DECISION = {
    Decision.Outcome.APPROVE: "同意",
    Decision.Outcome.REJECT: "不同意",
    Decision.Outcome.RETURN: "退回补充",
}
LEVEL = {1: "一级审批（科/股长）", 2: "二级审批（分管领导）"}
FOLLOW_UP_METHOD = {FollowUp.Method.VISIT: "上门回访", FollowUp.Method.PHONE: "电话回访", "": "—"}
RESULT = {
    Outcome.Result.SOLVED: "已解决",
    Outcome.Result.PARTLY: "部分解决",
    Outcome.Result.NOT_SOLVED: "未解决",
}

# What each history event is called in the dossier's timeline.
EVENT = {
    "beneficiary.registered": "登记优抚对象",
    "beneficiary.updated": "修改优抚对象信息",
    "request.submitted": "受理申请",
    "request.verified": "调查核实",
    "request.approved.level1": "一级审批同意",
    "request.approved.level2": "二级审批同意",
    "request.rejected.level1": "一级审批不同意",
    "request.rejected.level2": "二级审批不同意",
    "request.returned.level1": "一级审批退回补充",
    "request.returned.level2": "二级审批退回补充",
    "request.answered": "补充材料",
    "request.withdrawn": "撤回申请",
    "request.cancelled": "撤销",
    "request.dispatched": "派单",
    "request.accepted": "服务队接单",
    "request.declined": "服务队拒单",
    "request.delivered": "确认服务完成",
    "request.filed": "递交法院",
    "request.court_decided": "记录法院决定",
    "request.followed_up": "回访",
    "request.closed": "结案",
    "task.reminded": "到期提醒",
    "task.escalated": "超期督办",
    "id_number.revealed": "查看完整身份证号",
    "document.rendered": "生成文书",
}

# 《诉讼费用交纳办法》(国务院令第481号), the items the eligibility rules cite.
DECREE = "《诉讼费用交纳办法》（国务院令第481号）"
LEGAL_GROUND = {
    "§45(1)": ("第四十五条第（一）项", "残疾人无固定生活来源的", "免交"),
    "§45(2)": ("第四十五条第（二）项", "追索赡养费、扶养费、抚育费、抚恤金的", "免交"),
    "§45(3)": (
        "第四十五条第（三）项",
        "最低生活保障对象、农村特困定期救济对象、农村五保供养对象或者领取失业保险金人员，"
        "无其他收入的",
        "免交",
    ),
    "§46(2)": ("第四十六条第（二）项", "属于国家规定的优抚、安置对象的", "减交"),
    "§47(1)": ("第四十七条第（一）项", "追索社会保险金、经济补偿金的", "缓交"),
    "§47(2)": (
        "第四十七条第（二）项",
        "海上事故、交通事故、医疗事故、工伤事故、产品质量事故或者其他人身伤害事故的受害人"
        "请求赔偿的",
        "缓交",
    ),
    "§47(3)": ("第四十七条第（三）项", "正在接受有关部门法律援助的", "缓交"),
}
# The provision for the relief when no item was recorded: "确实需要…的其他情形".
OTHER_GROUND = {
    Relief.EXEMPT: ("第四十五条第（五）项", "确实需要免交的其他情形", "免交"),
    Relief.REDUCE: ("第四十六条第（四）项", "确实需要减交的其他情形", "减交"),
    Relief.DEFER: ("第四十七条第（四）项", "确实需要缓交的其他情形", "缓交"),
}
ARTICLE_48 = (
    "当事人申请司法救助，应当在起诉或者上诉时提交书面申请、足以证明其确有经济困难的证明材料"
    "以及其他相关证明材料。因生活困难或者追索基本生活费用申请免交、减交诉讼费用的，还应当提交"
    "本人及其家庭经济状况符合当地民政、劳动保障等部门规定的公民经济困难标准的证明。"
)


def legal_ground(ground, relief):
    """(article and item, its words, relief) of a recorded ground like "§46(2)"."""
    return LEGAL_GROUND.get(ground) or OTHER_GROUND[relief]


# Field names in the timeline's "changes" column.
FIELD = {
    "status": "状态",
    "amount": "金额",
    "kind": "类别",
    "needs_second_level": "需二级审批",
    "verified_by": "核实人",
    "closed_at": "办结时间",
    "suggested": "规则建议",
    "verification": "核实报告",
    "verified": "核实结论",
    "decision": "审批记录",
    "team": "服务队",
    "dispatch": "派单记录",
    "hours": "工时",
    "delivered_on": "完成日期",
    "filed_on": "递交日期",
    "case_number": "案号",
    "court_decision": "法院决定",
    "court_relief_amount": "救助金额",
    "follow_up": "回访记录",
    "satisfaction": "满意度",
    "result": "结果",
    "amount_delivered": "落实金额",
    "notified": "通知对象",
}
