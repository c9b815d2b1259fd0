"""Wannian County (万年县, Shangrao, Jiangxi; division code 361129) for the demo court.

The twelve township-level divisions are the real ones (6 towns, 6 xiang). The first village of each is its
seat village, named after it; the other villages and communities are plausible local names for the demo, not
a survey — a court admin replaces them with the real grid list. Township codes follow the pattern of the
statistical division codes (361129 + 3 digits, towns 1xx, xiang 2xx) in list order; they are illustrative.

Grids (综治网格) are numbered within a village or community, the way grid workers are assigned.
"""

COUNTY = "万年县"
COUNTY_DIVISION = "361129"
PROVINCE_CITY = "江西省上饶市"

# (name, code, [(village or community, number of grids)])
TOWNSHIPS: list[tuple[str, str, list[tuple[str, int]]]] = [
    ("陈营镇", "361129100", [  # the county seat
        ("城东社区", 3), ("城西社区", 3), ("城南社区", 3), ("城北社区", 3), ("凤巢社区", 2), ("新城社区", 2),
        ("陈营村", 1),
    ]),
    ("石镇镇", "361129101", [("石镇村", 2), ("石镇街社区", 1), ("东湖村", 1), ("港口村", 1)]),
    ("青云镇", "361129102", [("青云村", 2), ("青云街社区", 1), ("杨家村", 1), ("柘港村", 1)]),
    ("裴梅镇", "361129103", [("裴梅村", 1), ("荷溪村", 2), ("龙港村", 1), ("裴梅街社区", 1)]),
    ("梓埠镇", "361129104", [("梓埠村", 2), ("梓埠街社区", 1), ("湖边村", 1), ("西山村", 1)]),
    ("大源镇", "361129105", [("大源村", 2), ("仙人洞村", 1), ("大源街社区", 1), ("横山村", 1)]),
    ("汪家乡", "361129200", [("汪家村", 2), ("黄家村", 1), ("田畈村", 1)]),
    ("湖云乡", "361129201", [("湖云村", 2), ("坂上村", 1), ("桥头村", 1)]),
    ("齐埠乡", "361129202", [("齐埠村", 2), ("新塘村", 1), ("下徐村", 1)]),
    ("苏桥乡", "361129203", [("苏桥村", 2), ("上源村", 1), ("石塘村", 1)]),
    ("上坊乡", "361129204", [("上坊村", 2), ("龙源村", 1), ("中洲村", 1)]),
    ("珠田乡", "361129205", [("珠田村", 2), ("占家村", 1), ("上畈村", 1)]),
]

# Where people live: the county seat holds about a third of the population and most of the businesses.
TOWNSHIP_WEIGHTS = {
    "陈营镇": 34, "石镇镇": 8, "青云镇": 7, "裴梅镇": 7, "梓埠镇": 7, "大源镇": 6,
    "汪家乡": 5, "湖云乡": 5, "齐埠乡": 5, "苏桥乡": 5, "上坊乡": 5, "珠田乡": 6,
}

# Housing estates in the county seat (fictitious names), for addresses and real-estate descriptions.
ESTATES = ["凤巢新城", "贡米广场", "荷溪雅苑", "滨河花园", "书香名邸", "锦绣华庭", "乐安河畔", "丰收家园",
           "东城御景", "金色华府", "万年府", "翰林苑", "阳光城市花园", "幸福里"]
STREETS = ["胜利路", "建设路", "丰收大道", "万年大道", "东风路", "新华路", "人民路", "凤巢大道", "府前路",
           "环城南路"]

# Neighbouring divisions of Shangrao (3611xx): people from there also appear in Wannian cases.
NEIGHBOUR_DIVISIONS = {
    "361102": "信州区", "361103": "广丰区", "361104": "广信区", "361123": "玉山县", "361124": "铅山县",
    "361125": "横峰县", "361126": "弋阳县", "361127": "余干县", "361128": "鄱阳县", "361130": "婺源县",
    "361181": "德兴市",
}

# The second demo court, for tenancy: 鄱阳县人民法院 (赣1128). Real town names of Poyang County.
POYANG = {
    "code": "赣1128",
    "name": "鄱阳县人民法院",
    "division": "361128",
    "townships": [
        ("鄱阳镇", "361128100", [("城中社区", 2), ("城东社区", 1)]),
        ("谢家滩镇", "361128101", [("谢家滩村", 1)]),
        ("石门街镇", "361128102", [("石门街村", 1)]),
        ("饶丰镇", "361128103", [("饶丰村", 1)]),
    ],
}


def grid_names(village: str, count: int) -> list[str]:
    if count == 1:
        return [f"{village}网格"]
    return [f"{village}第{n}网格" for n in range(1, count + 1)]
