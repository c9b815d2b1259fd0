"""Names, businesses, causes of action and institutions for the demo court.

Every person and business generated from these lists is fictitious. Surnames are weighted the way they are
common in north-east Jiangxi (汪, 程, 徐, 胡, 余 are far more frequent there than nationally). Banks and
public bodies appear only as creditors, employers or asset holders (协助执行单位), never as debtors.
"""

# surname: relative weight
SURNAMES: dict[str, int] = {
    "王": 60, "李": 58, "张": 50, "陈": 52, "刘": 40, "汪": 46, "徐": 42, "胡": 40, "程": 38, "余": 36,
    "黄": 36, "吴": 36, "杨": 28, "朱": 26, "叶": 26, "周": 26, "姚": 24, "邹": 18, "洪": 18, "舒": 16,
    "方": 16, "曹": 16, "江": 16, "饶": 14, "万": 14, "熊": 14, "邱": 14, "詹": 12, "占": 12, "肖": 12,
    "郑": 12, "何": 12, "彭": 12, "罗": 12, "许": 12, "涂": 10, "吕": 8, "林": 8, "冯": 8, "孙": 8,
    "傅": 8, "夏": 8, "戴": 8, "钟": 8, "段": 6, "蔡": 6, "潘": 6, "董": 6, "付": 6, "龚": 6,
    "毛": 6, "卢": 6, "操": 6, "查": 5, "艾": 5, "游": 5, "石": 5, "甘": 5, "柴": 4, "桂": 4,
    "童": 4, "齐": 4, "项": 4, "鲍": 4, "严": 4,
}

# Given names: first and second characters by sex and generation (born before / after 1976).
GIVEN = {
    ("M", "old"): (
        "建国水金长春志文新荣德明学永福松茂海振和爱细火木冬有光秋旺仁忠顺发",
        "国华根生明平强林荣胜亮军红福财发兵东庆元才喜旺成忠良保贵祥富",
    ),
    ("M", "young"): (
        "志文海伟俊晓鹏浩家宇子建小剑振云立明雨天思嘉博凯晨鑫俊",
        "伟强杰涛斌磊鹏辉峰超军勇波亮刚飞龙平林明宇浩鑫翔凯轩航彬昊",
    ),
    ("F", "old"): (
        "桂春秀金冬玉美淑凤兰月菊翠素爱细小红丽水",
        "英花兰珍梅莲香娥凤琴芳霞华菊娟妹仙秀云枝",
    ),
    ("F", "young"): (
        "丽晓小燕雪静思雨欣婷佳文海慧美梦紫子可玉",
        "娟敏静燕婷丽芳霞萍琳颖洁倩晶艳琴慧雯怡欣蓉红",
    ),
}

# Business names: 字号 (trade names) and 行业 (line of business) with the credit-code prefix
# (91 enterprise, 92 sole trader, 93 farmers' co-operative) and the size of business they do.
TRADE_NAMES = [
    "鑫源", "恒通", "贡米香", "荷溪", "凤巢", "瑞丰", "宏达", "金穗", "华胜", "裕丰", "兴旺", "盛世", "永安",
    "天顺", "博远", "佳和", "万通", "昌盛", "润泽", "聚福", "信达", "鸿运", "金桥", "锦程", "绿源", "丰禾",
    "稻香", "乐安", "珠湖", "新源", "福满", "宏昌", "合盛", "利民", "众诚", "明扬", "旭日", "天和", "广益",
    "恒昌", "金鼎", "源丰", "泰和", "康达", "瑞祥", "兴业", "春晖", "嘉禾", "弘远", "卓越",
]
BUSINESS_LINES = [
    # (suffix, credit-code prefix, scale: small / medium / large)
    ("米业有限公司", "91", "medium"),
    ("农业开发有限公司", "91", "medium"),
    ("建筑工程有限公司", "91", "large"),
    ("建材有限公司", "91", "medium"),
    ("商品混凝土有限公司", "91", "large"),
    ("商贸有限公司", "91", "medium"),
    ("物流有限公司", "91", "medium"),
    ("置业有限公司", "91", "large"),
    ("珍珠养殖有限公司", "91", "medium"),
    ("机械设备租赁有限公司", "91", "medium"),
    ("电子科技有限公司", "91", "large"),
    ("服饰有限公司", "91", "medium"),
    ("食品有限公司", "91", "medium"),
    ("汽车销售服务有限公司", "91", "medium"),
    ("装饰工程有限公司", "91", "medium"),
    ("餐饮管理有限公司", "91", "small"),
    ("竹木制品有限公司", "91", "small"),
    ("水稻种植专业合作社", "93", "small"),
    ("生猪养殖专业合作社", "93", "small"),
    ("建材经营部", "92", "small"),
    ("五金店", "92", "small"),
    ("农资经营部", "92", "small"),
    ("家电城", "92", "small"),
]

# Creditors that file many cases: (name, credit-code prefix, causes they sue on)
LENDERS = [
    ("江西万年农村商业银行股份有限公司", "91", ["金融借款合同纠纷", "信用卡纠纷"]),
    ("中国邮政储蓄银行股份有限公司万年县支行", "91", ["金融借款合同纠纷", "信用卡纠纷"]),
    ("中国农业银行股份有限公司万年县支行", "91", ["金融借款合同纠纷", "信用卡纠纷"]),
    ("九江银行股份有限公司万年支行", "91", ["金融借款合同纠纷"]),
    ("上饶银行股份有限公司万年支行", "91", ["金融借款合同纠纷"]),
    ("万年县恒信小额贷款有限公司", "91", ["小额借款合同纠纷"]),
    ("江西瑞信融资担保有限公司", "91", ["追偿权纠纷"]),
]

# Public bodies: employers of public officials (is_state_organ) and applicants in administrative
# non-litigation enforcement (行政非诉执行). Credit-code prefix 11 = organ, 12 = public institution.
PUBLIC_BODIES = [
    ("万年县农业农村局", "11"), ("万年县自然资源局", "11"), ("万年县住房和城乡建设局", "11"),
    ("万年县教育体育局", "11"), ("万年县市场监督管理局", "11"), ("万年县人力资源和社会保障局", "11"),
    ("万年县交通运输局", "11"), ("万年县水利局", "11"), ("万年县林业局", "11"),
    ("万年县第二中学", "12"), ("万年县中医院", "12"), ("万年县城市管理服务中心", "12"),
]
ADMINISTRATIVE_APPLICANTS = ["万年县自然资源局", "万年县人力资源和社会保障局", "万年县市场监督管理局"]

# Causes of action (案由): weight, claim amount range in yuan (median, spread), respondent is a business
# share, livelihood (涉民生) case, typical plaintiff (person / lender / business), property dispute.
CAUSES: dict[str, dict] = {
    "民间借贷纠纷": dict(weight=30, median=45000, sigma=1.0, org_debtor=0.05, livelihood=False,
                      plaintiff="person"),
    "买卖合同纠纷": dict(weight=14, median=60000, sigma=1.1, org_debtor=0.45, livelihood=False,
                      plaintiff="business"),
    "金融借款合同纠纷": dict(weight=8, median=120000, sigma=0.9, org_debtor=0.15, livelihood=False,
                        plaintiff="lender"),
    "信用卡纠纷": dict(weight=4, median=26000, sigma=0.6, org_debtor=0.0, livelihood=False, plaintiff="lender"),
    "小额借款合同纠纷": dict(weight=2, median=30000, sigma=0.5, org_debtor=0.0, livelihood=False,
                        plaintiff="lender"),
    "追偿权纠纷": dict(weight=2, median=150000, sigma=0.8, org_debtor=0.3, livelihood=False, plaintiff="lender"),
    "建设工程施工合同纠纷": dict(weight=5, median=380000, sigma=1.0, org_debtor=0.7, livelihood=False,
                          plaintiff="business"),
    "劳务合同纠纷": dict(weight=5, median=18000, sigma=0.7, org_debtor=0.3, livelihood=True, plaintiff="person"),
    "追索劳动报酬纠纷": dict(weight=3, median=22000, sigma=0.7, org_debtor=0.7, livelihood=True,
                        plaintiff="person"),
    "劳动争议": dict(weight=3, median=35000, sigma=0.7, org_debtor=0.9, livelihood=True, plaintiff="person"),
    "机动车交通事故责任纠纷": dict(weight=8, median=60000, sigma=0.9, org_debtor=0.1, livelihood=True,
                           plaintiff="person"),
    "房屋租赁合同纠纷": dict(weight=3, median=30000, sigma=0.8, org_debtor=0.3, livelihood=False,
                        plaintiff="person"),
    "租赁合同纠纷": dict(weight=2, median=50000, sigma=0.9, org_debtor=0.5, livelihood=False, plaintiff="business"),
    "承揽合同纠纷": dict(weight=2, median=40000, sigma=0.8, org_debtor=0.4, livelihood=False, plaintiff="person"),
    "抚养费纠纷": dict(weight=2, median=24000, sigma=0.5, org_debtor=0.0, livelihood=True, plaintiff="person"),
    "赡养费纠纷": dict(weight=1, median=8000, sigma=0.5, org_debtor=0.0, livelihood=True, plaintiff="person"),
    "生命权、身体权、健康权纠纷": dict(weight=2, median=45000, sigma=0.8, org_debtor=0.1, livelihood=True,
                               plaintiff="person"),
    "物业服务合同纠纷": dict(weight=2, median=4000, sigma=0.5, org_debtor=0.0, livelihood=False,
                        plaintiff="business"),
    "合伙合同纠纷": dict(weight=1, median=80000, sigma=0.9, org_debtor=0.0, livelihood=False, plaintiff="person"),
    "不当得利纠纷": dict(weight=1, median=30000, sigma=0.8, org_debtor=0.1, livelihood=False, plaintiff="person"),
}
# Disputes without a money claim, litigated but never enforced (they keep the property-dispute rate honest).
NON_PROPERTY_CAUSES = ["离婚纠纷", "相邻关系纠纷", "名誉权纠纷", "探望权纠纷"]

# Enforcement grounds that are not a judgment of this court.
OTHER_GROUNDS = [
    # (document, is_non_litigation, may be refused enforcement (不予执行))
    ("万年县劳动人事争议仲裁委员会万劳人仲裁字〔{year}〕{n}号仲裁裁决书", False, True),
    ("上饶仲裁委员会（{year}）饶仲裁字第{n}号裁决书", False, True),
    ("江西省万年县公证处（{year}）赣万证字第{n}号具有强制执行效力的债权文书公证书及执行证书", False, True),
    ("上饶市中级人民法院（{year}）赣11民终{n}号民事判决书", False, False),
]
ADMINISTRATIVE_GROUND = "{applicant}万{short}罚〔{year}〕{n}号行政处罚决定书"

BANKS = [
    "中国农业银行万年县支行", "中国建设银行万年支行", "中国工商银行万年支行", "中国银行万年支行",
    "江西万年农村商业银行陈营支行", "中国邮政储蓄银行万年县支行", "九江银行万年支行", "上饶银行万年支行",
]
VEHICLE_REGISTRY = "上饶市公安局交通管理支队车辆管理所"
LAND_REGISTRY = "万年县不动产登记中心"
SECURITIES_REGISTRY = "中国证券登记结算有限责任公司"
PAYMENT_PROVIDERS = ["支付宝（中国）网络技术有限公司", "财付通支付科技有限公司"]
INSURERS = ["中国人寿保险股份有限公司上饶分公司", "中国平安人寿保险股份有限公司江西分公司"]
HOUSING_FUND = "上饶市住房公积金管理中心万年县办事处"
CAR_MODELS = [
    ("小型轿车", "大众朗逸"), ("小型轿车", "丰田卡罗拉"), ("小型轿车", "本田雅阁"), ("小型越野客车", "哈弗H6"),
    ("小型轿车", "比亚迪秦"), ("小型普通客车", "五菱宏光"), ("轻型普通货车", "江淮骏铃"), ("重型自卸货车", "东风天龙"),
    ("小型轿车", "别克英朗"), ("小型越野客车", "吉利博越"),
]
OLD_VEHICLES = [("二轮摩托车", "豪爵"), ("三轮汽车", "五征"), ("小型普通客车", "长安之星"), ("小型轿车", "夏利")]

# 执前督促 by the trial judge, before a due date of the payment plan
PRE_ENFORCEMENT_URGING_OUTCOMES = ["被告表示将按调解协议按期履行", "被告承诺在履行期限内付清", "被告表示正在筹款，会按期履行",
                                   "被告表示可能无法按期履行，经释明不履行的法律后果后承诺履行"]

SERVICE_METHODS = ["直接送达", "邮寄送达", "电子送达（移动微法院）", "留置送达"]
URGING_OUTCOMES = {
    "promise": ["被执行人表示近期筹款履行", "被执行人承诺按期履行", "被执行人同意分期履行",
                "被执行人表示待工程款结算后履行"],
    "refuse": ["被执行人表示暂无能力履行", "被执行人电话无人接听", "被执行人以经营困难为由拖延",
               "被执行人对执行标的有异议，拒绝履行"],
}
