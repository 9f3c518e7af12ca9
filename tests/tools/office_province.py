"""Generate tests/fixtures/office/province-water-2024-final.pdf — an invented provincial 2024年度部门决算
(澜江省水利厅: 厅机关本级 + 5 所属事业单位), made the way many provinces publish it (run by hand, not by
the test suite):

    .venv/bin/pip install python-docx openpyxl      # not project dependencies
    .venv/bin/python tests/tools/office_province.py [--out PDF] [--keep DIR] [--facts]

Differences from the other two Office fixtures (office_juesuan.py, office_yusuan.py), on purpose:
- every table is in 元 with thousand separators (``1,234,567.89``) while the narrative speaks in 万元
  rounded to 2 decimals (narrative figures are the tables' 元 figures rounded, shares computed in 元);
- the tables sit in the MIDDLE of the narrative (第一部分 部门概况, 第二部分 部门决算表 = the Excel
  pages, 第三部分 决算情况说明, 第四部分 名词解释, 第五部分 附件), a 目录 with dot leaders and printed
  page numbers, footer page numbers that start at 第一部分 (printed number = PDF page - 2) and are
  absent from the Excel pages;
- the narrative's headings and numbered paragraphs use Word automatic numbering (one multilevel
  list: ``第%1部分`` / ``%2、`` / ``（%3）`` in chineseCounting, ``%4.`` decimal) so the labels are
  not in the paragraph text; LibreOffice renders them with a tab gap;
- national 决算 forms with 行次 columns and a 栏次 row; subject codes as ONE whole-code column;
  the 一般公共预算财政拨款收入支出决算表 with 年初结转和结余 / 本年收入 / 本年支出 (小计, 基本, 项目) /
  年末结转和结余; the 基本支出 table in three side-by-side 科目编码/科目名称/决算数 groups; a filled
  政府性基金 table (大中型水库移民后期扶持基金 …), an empty 国有资本经营 table with a note, and a
  收支汇总表 by unit (one row per unit);
- the ~60-row 收入决算表 is landscape with print titles (header repeated on every page); the
  ~60-row 支出决算表 is portrait and continues on the next page WITHOUT a header (LibreOffice default).

The department, its units and every figure are invented.  All figures are written once below in 元
(``ITEMS``: one entry per unit and 项; ``PERSONNEL``/``PUBLIC``; ``SANGONG_*`` …) or, for the previous
year quoted only in the narrative, in 万元 (``PREV``).  Everything else — 类/款 subtotals, unit rows,
table totals, narrative sums, shares, changes, completion rates — is derived.  ``--facts`` prints the
derived figures used by tests/golden/province-water-2024-final.qa.toml.

Needs ``soffice`` (LibreOffice), pypdfium2 and the WenQuanYi Zen Hei font.  Content is deterministic;
the PDF's bytes may differ between runs (producer timestamps).
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from common import cn, pct, to_pdf  # shared with the other generators

DEPT = "澜江省水利厅"
PROVINCE = "澜江省"
YEAR = 2024
PREV_YEAR = YEAR - 1
CJK_FONT = "WenQuanYi Zen Hei"
LATIN_FONT = "Times New Roman"

D = Decimal
ZERO = D("0")
CENT = D("0.01")
WAN = D("10000")


def y(s) -> Decimal:
    """An amount in 元 written as '1,234.56'."""
    return D(str(s).replace(",", "")).quantize(CENT)


def w(x) -> Decimal:
    """元 → 万元 rounded to 2 decimals (as the narrative prints it)."""
    return (D(x) / WAN).quantize(CENT, ROUND_HALF_UP)


# ============================================================ units

UNITS = {  # key: (full name, short description, 单位性质)
    "JG": ("澜江省水利厅本级", "行政单位"),
    "SW": ("澜江省水文水资源勘测中心", "公益一类事业单位"),
    "KY": ("澜江省水利科学研究院", "公益二类事业单位"),
    "ZJ": ("澜江省水利工程建设质量监督站", "参照公务员法管理的事业单位"),
    "YM": ("澜江省水库移民事务中心", "公益一类事业单位"),
    "XX": ("澜江省水利信息中心", "公益一类事业单位"),
}

NAMES = {  # 支出功能分类 类/款/项 names used below
    "206": "科学技术支出",
    "20603": "应用研究",
    "2060301": "机构运行",
    "2060302": "社会公益研究",
    "20604": "技术研究与开发",
    "2060404": "科技成果转化与扩散",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "20808": "抚恤",
    "2080801": "死亡抚恤",
    "20822": "大中型水库移民后期扶持基金支出",
    "2082201": "移民补助",
    "2082202": "基础设施建设和经济发展",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "2101199": "其他行政事业单位医疗支出",
    "213": "农林水支出",
    "21303": "水利",
    "2130301": "行政运行",
    "2130302": "一般行政管理事务",
    "2130304": "水利行业业务管理",
    "2130305": "水利工程建设",
    "2130306": "水利工程运行与维护",
    "2130308": "水利前期工作",
    "2130309": "水利执法监督",
    "2130310": "水土保持",
    "2130311": "水资源节约管理与保护",
    "2130312": "水质监测",
    "2130313": "水文测报",
    "2130314": "防汛",
    "2130315": "抗旱",
    "2130316": "农村水利",
    "2130317": "水利技术推广",
    "2130319": "江河湖库水系综合整治",
    "2130321": "大中型水库移民后期扶持专项支出",
    "2130322": "水利安全监督",
    "2130333": "信息管理",
    "2130335": "农村人畜饮水",
    "2130399": "其他水利支出",
    "21366": "大中型水库库区基金安排的支出",
    "2136601": "基础设施建设和经济发展",
    "2136602": "解决移民遗留问题",
    "21369": "国家重大水利工程建设基金安排的支出",
    "2136903": "地方重大水利工程建设",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    "2210202": "提租补贴",
    "2210203": "购房补贴",
    "224": "灾害防治及应急管理支出",
    "22407": "自然灾害救灾及恢复重建支出",
    "2240704": "自然灾害灾后重建补助",
}

# ============================================================ the data (元)
# One entry per (unit, 项).  Keys: fb/fp = 一般公共预算财政拨款 基本/项目支出; gp = 政府性基金预算财政拨款
# 项目支出; nb/np = 非财政拨款 基本/项目支出; op = 经营支出; fr = 一般公共预算财政拨款收入 (default fb+fp);
# gr = 政府性基金收入 (default gp); fo/gfo = 年初 一般公共预算/政府性基金 财政拨款结转和结余; br = 事业收入;
# opr = 经营收入; orv = 其他收入.  fb of (JG, 2130301) is computed: it makes the function classification
# of 基本支出 agree with the economic classification (PERSONNEL + PUBLIC).
ITEMS = [
    # ---- 厅机关本级
    dict(u="JG", code="2080501", fb="6,832,415.20"),
    dict(u="JG", code="2080505", fb="4,215,306.48"),
    dict(u="JG", code="2080506", fb="1,686,122.59"),
    dict(u="JG", code="2080801", fb="412,560.00"),
    dict(u="JG", code="2101101", fb="2,108,430.16"),
    dict(u="JG", code="2101103", fb="843,372.06"),
    dict(u="JG", code="2130301", fb=None, orv="124,356.82"),
    dict(u="JG", code="2130302", fp="8,642,318.45"),
    dict(u="JG", code="2130304", fp="12,456,780.32"),
    dict(u="JG", code="2130305", fp="96,850,000.00", fo="4,200,000.00", fr="98,000,000.00"),
    dict(u="JG", code="2130306", fp="23,418,652.70"),
    dict(u="JG", code="2130308", fp="15,367,420.18", fr="16,500,000.00"),
    dict(u="JG", code="2130309", fp="2,356,810.40"),
    dict(u="JG", code="2130310", fp="9,806,543.27"),
    dict(u="JG", code="2130311", fp="6,542,180.66"),
    dict(u="JG", code="2130314", fp="18,725,430.16", fo="1,350,000.00", fr="17,375,430.16"),
    dict(u="JG", code="2130315", fp="3,214,560.00"),
    dict(u="JG", code="2130316", fp="21,530,000.00"),
    dict(u="JG", code="2130319", fp="32,600,000.00", fr="35,000,000.00"),
    dict(u="JG", code="2130335", fp="12,800,000.00"),
    dict(u="JG", code="2130399", fp="1,835,264.90"),
    dict(u="JG", code="2136903", gp="26,000,000.00", gfo="1,500,000.00", gr="25,000,000.00"),
    dict(u="JG", code="2210201", fb="2,986,410.00"),
    dict(u="JG", code="2210202", fb="512,380.00"),
    dict(u="JG", code="2210203", fb="326,800.00"),
    dict(u="JG", code="2240704", fp="8,500,000.00"),
    # ---- 水文水资源勘测中心
    dict(u="SW", code="2080502", fb="5,218,460.30"),
    dict(u="SW", code="2080505", fb="9,862,315.44"),
    dict(u="SW", code="2080506", fb="3,944,926.18"),
    dict(u="SW", code="2101102", fb="4,931,157.72"),
    dict(u="SW", code="2101199", fb="612,300.00"),
    dict(u="SW", code="2130312", fp="7,856,230.00", np="1,235,600.00", br="1,286,400.00"),
    dict(
        u="SW",
        code="2130313",
        fb="58,642,317.86",
        fp="28,364,520.44",
        nb="2,465,300.00",
        np="3,150,000.00",
        br="5,372,100.00",
        fo="1,520,000.00",
        fr="85,486,838.30",
    ),
    dict(u="SW", code="2130314", fp="4,380,000.00"),
    dict(u="SW", code="2210201", fb="7,395,474.00"),
    dict(u="SW", code="2210202", fb="1,126,800.00"),
    # ---- 水利科学研究院
    dict(u="KY", code="2060301", fb="18,326,540.18", nb="6,542,310.00", br="7,015,600.00"),
    dict(
        u="KY",
        code="2060302",
        fp="5,680,000.00",
        np="12,436,580.50",
        op="3,916,240.52",
        br="11,960,000.00",
        opr="4,268,350.00",
        orv="86,420.15",
    ),
    dict(u="KY", code="2060404", fp="1,200,000.00"),
    dict(u="KY", code="2080502", fb="1,862,450.00"),
    dict(u="KY", code="2080505", fb="2,836,114.20"),
    dict(u="KY", code="2080506", fb="1,134,445.68"),
    dict(u="KY", code="2101102", fb="1,418,057.10"),
    dict(u="KY", code="2130317", fp="3,560,000.00", np="2,318,640.00", br="2,100,000.00"),
    dict(u="KY", code="2210201", fb="2,127,085.60", nb="356,400.00", br="356,400.00"),
    # ---- 水利工程建设质量监督站
    dict(u="ZJ", code="2080505", fb="812,436.00"),
    dict(u="ZJ", code="2080506", fb="324,974.40"),
    dict(u="ZJ", code="2101101", fb="406,218.00"),
    dict(u="ZJ", code="2130322", fb="6,218,430.52", fp="3,265,000.00"),
    dict(u="ZJ", code="2210201", fb="584,920.00"),
    # ---- 水库移民事务中心
    dict(u="YM", code="2080505", fb="486,320.00"),
    dict(u="YM", code="2080506", fb="194,528.00"),
    dict(u="YM", code="2101102", fb="243,160.00"),
    dict(u="YM", code="2130321", fb="3,124,560.80", fp="6,800,000.00"),
    dict(u="YM", code="2210201", fb="350,160.00"),
    dict(u="YM", code="2082201", gp="18,650,000.00"),
    dict(u="YM", code="2082202", gp="42,300,000.00", gr="45,000,000.00"),
    dict(u="YM", code="2136601", gp="12,600,000.00"),
    dict(u="YM", code="2136602", gp="3,450,000.00", gfo="620,000.00", gr="2,830,000.00"),
    # ---- 水利信息中心
    dict(u="XX", code="2080505", fb="620,318.40"),
    dict(u="XX", code="2080506", fb="248,127.36"),
    dict(u="XX", code="2101102", fb="310,159.20"),
    dict(u="XX", code="2130333", fb="4,356,218.66", fp="11,268,300.00", orv="35,812.40"),
    dict(u="XX", code="2210201", fb="446,860.00"),
]
NONFIN_OPENING = {
    "JG": "0",
    "SW": "1,826,400.00",
    "KY": "8,436,512.36",
    "ZJ": "0",
    "YM": "0",
    "XX": "215,300.00",
}

# 年初预算 (一般公共预算财政拨款, 元) per 项 and why 决算 differs ('+' 决算大于预算, '-' 小于, '=' 持平,
# '~' worded "决算数与年初预算数的差异主要原因是").  2130301's budget is set relative to its computed 决算.
BUDGET = {
    "2060301": ("18,100,000.00", "+", "年中调整事业单位工作人员基本工资标准，人员经费相应增加"),
    "2060302": ("5,680,000.00", "=", ""),
    "2060404": ("1,500,000.00", "-", "水利科技成果推广项目部分合同按进度付款，剩余资金按规定收回"),
    "2080501": ("6,650,000.00", "+", "本年度新增离休、退休人员，离退休费相应增加"),
    "2080502": (
        "7,200,000.00",
        "-",
        "部分事业单位退休人员纳入机关事业单位养老保险统筹，单位负担的离退休费减少",
    ),
    "2080505": ("18,600,000.00", "+", "缴费基数调整，单位缴纳的基本养老保险费增加"),
    "2080506": ("7,420,000.00", "+", "缴费基数调整，职业年金缴费相应增加"),
    "2080801": ("0", "+", "年内有在职及退休人员去世，按规定发放一次性抚恤金和丧葬补助费，年初未列入预算"),
    "2101101": ("2,480,000.00", "+", "缴费基数调整，行政单位医疗保险缴费增加"),
    "2101102": ("6,950,000.00", "~", "年内部分事业单位人员退休，医疗保险缴费人数减少"),
    "2101103": ("900,000.00", "-", "公务员医疗补助缴费基数核定后低于年初预计"),
    "2101199": ("612,300.00", "=", ""),
    "2130301": (None, "+", "年中调整机关工作人员工资标准并补发绩效奖励，人员经费增加"),
    "2130302": ("9,200,000.00", "-", "厉行节约，压减会议、培训等一般性支出"),
    "2130304": ("11,800,000.00", "+", "年中追加河湖长制督查考核和水利统计调查工作经费"),
    "2130305": ("102,000,000.00", "-", "部分水利工程建设项目受征地拆迁影响未达到支付条件，资金结转下年使用"),
    "2130306": ("22,000,000.00", "+", "年中追加病险水库除险加固后的运行维护补助资金"),
    "2130308": ("16,500,000.00", "-", "部分水利前期工作项目尚未完成招标，资金结转下年使用"),
    "2130309": ("2,400,000.00", "~", "水行政执法专项行动部分费用由其他资金渠道解决"),
    "2130310": ("9,500,000.00", "+", "年中追加水土流失重点治理项目资金"),
    "2130311": ("6,800,000.00", "-", "节水型社会达标建设项目按实际验收结果结算，支出相应减少"),
    "2130312": ("7,856,230.00", "=", ""),
    "2130313": ("84,000,000.00", "+", "使用上年结转资金实施水文站网提档升级，支出增加"),
    "2130314": ("16,800,000.00", "+", "汛期遭遇“6·18”流域性洪水，年中追加防汛抢险和物资储备经费"),
    "2130315": ("4,000,000.00", "-", "本年度旱情较轻，抗旱应急经费支出减少"),
    "2130316": ("21,530,000.00", "=", ""),
    "2130317": ("3,800,000.00", "-", "水利技术推广项目部分内容调整，支出减少"),
    "2130319": ("35,000,000.00", "~", "部分幸福河湖建设项目工程进度滞后，资金结转下年使用"),
    "2130321": ("9,700,000.00", "+", "年中追加移民后期扶持项目监测评估工作经费"),
    "2130322": ("9,600,000.00", "~", "部分质量安全巡查工作委托第三方实施，合同款按进度支付"),
    "2130333": ("15,900,000.00", "-", "水利数字孪生平台建设项目按合同进度支付，部分资金未支出"),
    "2130335": ("12,800,000.00", "=", ""),
    "2130399": ("1,200,000.00", "+", "年中追加水利志编纂等工作经费"),
    "2210201": ("13,650,000.00", "+", "缴存基数调整，住房公积金支出增加"),
    "2210202": ("1,639,180.00", "=", ""),
    "2210203": ("420,000.00", "-", "本年度符合条件的购房补贴发放对象减少"),
    "2240704": ("0", "+", "年中追加“6·18”洪水水毁水利工程修复资金，年初未列入预算"),
}
BUDGET_2130301_DELTA = y("-1,346,812.55")  # 年初预算 = 决算 + delta (决算大于预算)

# 一般公共预算财政拨款基本支出, economic classification (元); None = derived from ITEMS
PERSONNEL = [  # 人员经费
    (
        "301",
        "工资福利支出",
        [
            ("30101", "基本工资", "38,264,510.00"),
            ("30102", "津贴补贴", "30,186,422.36"),
            ("30103", "奖金", "3,124,680.00"),
            ("30107", "绩效工资", "26,842,316.50"),
            ("30108", "机关事业单位基本养老保险缴费", None),  # = Σ 2080505 fb
            ("30109", "职业年金缴费", None),  # = Σ 2080506 fb
            ("30110", "职工基本医疗保险缴费", None),  # = Σ 2101101 + 2101102 fb
            ("30111", "公务员医疗补助缴费", None),  # = Σ 2101103 fb
            ("30112", "其他社会保障缴费", "1,186,245.30"),
            ("30113", "住房公积金", None),  # = Σ 2210201 fb
            ("30199", "其他工资福利支出", "2,418,650.84"),
        ],
    ),
    (
        "303",
        "对个人和家庭的补助",
        [
            ("30302", "退休费", None),  # = Σ 2080501 + 2080502 fb
            ("30304", "抚恤金", None),  # = Σ 2080801 fb
            ("30305", "生活补助", "612,430.00"),
            ("30309", "奖励金", "48,600.00"),
            ("30399", "其他对个人和家庭的补助", "1,965,980.00"),
        ],
    ),
]
PUBLIC = [  # 公用经费 (the 302 list is split over the second and third column groups of the table)
    (
        "302",
        "商品和服务支出",
        [
            ("30201", "办公费", "1,286,543.20"),
            ("30202", "印刷费", "326,418.00"),
            ("30205", "水费", "186,320.45"),
            ("30206", "电费", "1,052,864.30"),
            ("30207", "邮电费", "468,215.60"),
            ("30209", "物业管理费", "1,865,400.00"),
            ("30211", "差旅费", "1,624,385.72"),
            ("30213", "维修（护）费", "846,210.00"),
            ("30214", "租赁费", "215,600.00"),
            ("30215", "会议费", "168,452.00"),
            ("30216", "培训费", "412,836.00"),
            ("30217", "公务接待费", "183,265.40"),  # = “三公” 公务接待费 决算
            ("30218", "专用材料费", "635,820.16"),
            ("30226", "劳务费", "926,418.00"),
            ("30227", "委托业务费", "1,354,600.00"),
            ("30228", "工会经费", "1,236,512.84"),
            ("30229", "福利费", "1,046,300.00"),
            ("30231", "公务用车运行维护费", "1,052,318.26"),
            ("30239", "其他交通费用", "2,316,480.00"),
            ("30299", "其他商品和服务支出", "428,615.38"),
        ],
    ),
    (
        "310",
        "资本性支出",
        [
            ("31002", "办公设备购置", "518,260.00"),
            ("31003", "专用设备购置", "736,500.00"),
            ("31007", "信息网络及软件购置更新", "264,380.00"),
        ],
    ),
]
PUBLIC_SPLIT = 13  # the first 13 items of 302 in column group 2, the rest (and 310) in group 3
DERIVED_ECON = {
    "30108": ["2080505"],
    "30109": ["2080506"],
    "30110": ["2101101", "2101102", "2101199"],
    "30111": ["2101103"],
    "30113": ["2210201"],
    "30302": ["2080501", "2080502"],
    "30304": ["2080801"],
}

# “三公”经费 (一般公共预算财政拨款, 元): 预算数 and 决算数
SANGONG_BUDGET = dict(
    abroad="180,000.00", car_buy="320,000.00", car_run="1,450,000.00", reception="260,000.00"
)
SANGONG_FINAL = dict(
    abroad="126,548.00", car_buy="298,600.00", car_run="1,286,432.58", reception="183,265.40"
)
RECEPTION_FOREIGN = y("12,600.00")  # 外事接待 (part of 公务接待费)
RECEPTION_BATCHES, RECEPTION_PERSONS = 46, 385  # 国内公务接待
FOREIGN_BATCHES, FOREIGN_PERSONS = 1, 6
ABROAD_GROUPS, ABROAD_PERSONS = 1, 3
CARS_BOUGHT = 1
CARS = [  # (kind, count) as listed in 国有资产占用情况
    ("副部（省）级及以上领导用车", 0),
    ("主要负责人用车", 0),
    ("机要通信用车", 1),
    ("应急保障用车", 8),
    ("执法执勤用车", 4),
    ("特种专业技术用车", 21),
    ("离退休干部服务用车", 1),
    ("其他用车", 2),
]
EQUIP_100W = 12  # 单价100万元以上设备 台（套）
EQUIP_100W_SPECIAL = 11  # 其中专用设备

RUNNING_COST = y("6,472,315.68")  # 机关运行经费 (厅机关 + 质监站)
PROCUREMENT = dict(
    goods="24,365,812.50",
    works="118,640,000.00",
    services="36,218,450.00",
    sme="142,316,720.00",
    small_micro="86,502,300.00",
)
PERF = dict(projects=38, excellent=30, good=7, fair=1, dept_score="93.6", key_evals=3)

PREV = dict(  # 2023年度 (万元), quoted only in the narrative
    total=64852.36,  # 收入、支出总计
    income=62318.64,  # 本年收入合计
    expense=61960.22,  # 本年支出合计
    fin_total=60104.85,  # 财政拨款收入、支出总计
    gpb_expense=49212.36,  # 一般公共预算财政拨款支出
    basic=18742.15,  # 一般公共预算财政拨款基本支出
    fund=9236.80,  # 政府性基金预算财政拨款支出
    sangong=212.64,  # “三公”经费财政拨款支出决算
    running=702.38,  # 机关运行经费
)

STAFF = dict(quota=986, actual=1042, active=812, retired=230)
SECTIONS = [
    "办公室",
    "规划计划处",
    "政策法规处",
    "财务审计处",
    "人事处",
    "水资源管理处",
    "节约用水处",
    "建设与管理处",
    "运行管理处",
    "河湖管理处",
    "水土保持处",
    "农村水利水电处",
    "水库移民处",
    "监督处",
    "水旱灾害防御处",
]

# 附件: 重点项目绩效自评 (figures of the self-evaluation, in 万元 as printed)
KEY_PROJECTS = [
    ("省级水文站网运行维护项目", "2,836.45", "2,836.45", "100.00", 96),
    ("水利前期工作经费", "1,650.00", "1,536.74", "93.14", 91),
    ("幸福河湖建设省级补助资金", "3,500.00", "3,260.00", "93.14", 89),
]


# ============================================================ derived figures

AMOUNT_KEYS = ("fb", "fp", "gp", "nb", "np", "op", "fr", "gr", "fo", "gfo", "br", "opr", "orv")


def _prepare() -> None:
    for it in ITEMS:
        for k in AMOUNT_KEYS:
            if k in ("fr", "gr"):
                continue
            v = it.get(k)
            it[k] = y(v) if v is not None else ZERO
    # economic classification: derived rows
    for _, _, lst in PERSONNEL:
        for i, (code, name, amt) in enumerate(lst):
            if amt is None:
                total = sum(it["fb"] for it in ITEMS if it["code"] in DERIVED_ECON[code])
                lst[i] = (code, name, total)
            else:
                lst[i] = (code, name, y(amt))
    for _, _, lst in PUBLIC:
        for i, (code, name, amt) in enumerate(lst):
            lst[i] = (code, name, y(amt))
    econ = sum(a for _, _, lst in PERSONNEL + PUBLIC for _, _, a in lst)
    run = next(it for it in ITEMS if it["u"] == "JG" and it["code"] == "2130301")
    run["fb"] = econ - sum(it["fb"] for it in ITEMS if it is not run)
    assert run["fb"] > 0, run["fb"]
    for it in ITEMS:
        it["fr"] = y(it["fr"]) if it.get("fr") is not None else it["fb"] + it["fp"]
        it["gr"] = y(it["gr"]) if it.get("gr") is not None else it["gp"]
        it["fin"] = it["fb"] + it["fp"]  # 一般公共预算财政拨款支出
        it["fc"] = it["fo"] + it["fr"] - it["fin"]  # 年末 一般公共预算 结转和结余
        it["gc"] = it["gfo"] + it["gr"] - it["gp"]  # 年末 政府性基金 结转和结余
        assert it["fc"] >= 0 and it["gc"] >= 0, it
        it["basic"] = it["fb"] + it["nb"]
        it["proj"] = it["fp"] + it["gp"] + it["np"]
        it["exp"] = it["basic"] + it["proj"] + it["op"]  # 本年支出合计
        it["finr"] = it["fr"] + it["gr"]  # 财政拨款收入
        it["inc"] = it["finr"] + it["br"] + it["opr"] + it["orv"]  # 本年收入合计
        it["finx"] = it["fin"] + it["gp"]  # 财政拨款支出


_prepare()
KEYS = AMOUNT_KEYS + ("fin", "fc", "gc", "basic", "proj", "exp", "finr", "inc", "finx")


def _sum(items, k):
    return sum((it[k] for it in items), ZERO)


CODES = sorted({it["code"] for it in ITEMS})
BYCODE = {c: {k: _sum([it for it in ITEMS if it["code"] == c], k) for k in KEYS} for c in CODES}


def hierarchy(pred=lambda c: True) -> list[dict]:
    """类, 款, 项 rows (codes whose 项 satisfy pred), with 类/款 sums of every amount."""
    codes = [c for c in CODES if pred(c)]
    rows: list[dict] = []
    for lei in sorted({c[:3] for c in codes}):
        m = [c for c in codes if c.startswith(lei)]
        rows.append(
            dict(code=lei, name=NAMES[lei], level=1, **{k: sum(BYCODE[c][k] for c in m) for k in KEYS})
        )
        for kuan in sorted({c[:5] for c in m}):
            sub = [c for c in m if c.startswith(kuan)]
            rows.append(
                dict(
                    code=kuan, name=NAMES[kuan], level=2, **{k: sum(BYCODE[c][k] for c in sub) for k in KEYS}
                )
            )
            rows.extend(dict(code=c, name=NAMES[c], level=3, **BYCODE[c]) for c in sub)
    return rows


ROWS = hierarchy()
GPB_ROWS = hierarchy(lambda c: any(BYCODE[c][k] for k in ("fo", "fr", "fb", "fp")))
FUND_ROWS = hierarchy(lambda c: any(BYCODE[c][k] for k in ("gfo", "gr", "gp")))
T = {k: _sum(ITEMS, k) for k in KEYS}
CLASS = {r["code"]: r for r in ROWS if r["level"] == 1}
GPB_CLASS = {r["code"]: r for r in GPB_ROWS if r["level"] == 1}

UNIT_T = {u: {k: _sum([it for it in ITEMS if it["u"] == u], k) for k in KEYS} for u in UNITS}
for u, ut in UNIT_T.items():
    ut["open_nf"] = y(NONFIN_OPENING[u])
    ut["open"] = ut["fo"] + ut["gfo"] + ut["open_nf"]
    ut["close"] = ut["open"] + ut["inc"] - ut["exp"]
    nf_close = ut["open_nf"] + ut["br"] + ut["opr"] + ut["orv"] - ut["nb"] - ut["np"] - ut["op"]
    assert nf_close >= 0, (u, nf_close)

PERSONNEL_TOTAL = sum(a for _, _, lst in PERSONNEL for _, _, a in lst)
PUBLIC_TOTAL = sum(a for _, _, lst in PUBLIC for _, _, a in lst)
assert PERSONNEL_TOTAL + PUBLIC_TOTAL == T["fb"]

INCOME_TOTAL = T["inc"]
EXPENSE_TOTAL = T["exp"]
OPENING = sum(ut["open"] for ut in UNIT_T.values())
GRAND_TOTAL = INCOME_TOTAL + OPENING  # 收入总计 = 支出总计
CLOSING = GRAND_TOTAL - EXPENSE_TOTAL
assert CLOSING == sum(ut["close"] for ut in UNIT_T.values())
FIN_OPEN = T["fo"] + T["gfo"]
FIN_CLOSE = T["fc"] + T["gc"]
FIN_TOTAL = FIN_OPEN + T["finr"]  # 财政拨款收入支出总计
assert FIN_TOTAL == T["finx"] + FIN_CLOSE
GPB_TOTAL = T["fo"] + T["fr"]  # 一般公共预算财政拨款收入支出总计

# 年初预算 per 项 (元)
for code in BUDGET:
    assert code in BYCODE and BYCODE[code]["fin"] > 0, code
budget_of = {}
for code, (b, sign, _why) in BUDGET.items():
    fin = BYCODE[code]["fin"]
    bv = fin + BUDGET_2130301_DELTA if b is None else y(b)
    budget_of[code] = bv
    got = "+" if w(fin) > w(bv) else "-" if w(fin) < w(bv) else "="
    want = "+" if sign == "+" else "-" if sign == "-" else "=" if sign == "=" else got
    assert got == want, (code, w(fin), w(bv), sign)
    if sign == "~":
        assert got != "=", code
assert set(BUDGET) == {c for c in CODES if BYCODE[c]["fin"]}, set(BUDGET) ^ {
    c for c in CODES if BYCODE[c]["fin"]
}
BUDGET_TOTAL = sum(budget_of.values())


def sg(which: dict) -> dict:
    out = {k: y(v) for k, v in which.items()}
    out["car"] = out["car_buy"] + out["car_run"]
    out["total"] = out["abroad"] + out["car"] + out["reception"]
    return out


SG_B, SG_F = sg(SANGONG_BUDGET), sg(SANGONG_FINAL)
assert SG_F["reception"] == dict((c, a) for _, _, lst in PUBLIC for c, _, a in lst)["30217"]
PROC = {k: y(v) for k, v in PROCUREMENT.items()}
PROC_TOTAL = PROC["goods"] + PROC["works"] + PROC["services"]
N_CARS = sum(n for _, n in CARS)


def fy(x) -> str:
    """元 as printed in the tables."""
    return f"{D(x):,.2f}"


def fw(x, sep=True) -> str:
    """元 → 万元 as printed in the narrative."""
    v = w(x)
    return f"{v:,.2f}" if sep else f"{v:.2f}"


def fwan(v, sep=True) -> str:
    """a figure already in 万元."""
    v = D(str(v)).quantize(CENT)
    return f"{v:,.2f}" if sep else f"{v:.2f}"


def change(now_yuan, prev_wan, sep=True) -> tuple[str, str, Decimal, Decimal]:
    """('增加'|'减少', '增长'|'下降', |Δ| 万元, %) between a 元 figure rounded to 万元 and last year's 万元."""
    diff = w(now_yuan) - D(str(prev_wan))
    a, b = ("增加", "增长") if diff >= 0 else ("减少", "下降")
    return a, b, abs(diff), pct(abs(diff), D(str(prev_wan)))


def change_text(now_yuan, prev_wan, sep=True) -> str:
    a, b, dv, p = change(now_yuan, prev_wan)
    return f"{a}{fwan(dv, sep)}万元，{b}{p}%"


CN_NUM = "一二三四五六七八九十"


# ============================================================ the tables (.xlsx)

LEI_LIST = [  # the national 支出功能分类 类 list printed on the 收支 tables (empty rows included)
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
]

TABLE_TITLES: list[str] = []  # filled by build_xlsx (without the year prefix: as listed in 第二部分)


def build_xlsx(path: Path) -> list[str]:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    f_title = Font(name=CJK_FONT, size=18, bold=True)
    f_head = Font(name=CJK_FONT, size=10, bold=True)
    f_body = Font(name=CJK_FONT, size=10)
    f_small = Font(name=CJK_FONT, size=9)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    right = Alignment(horizontal="right", vertical="center")
    wb = Workbook()
    wb.remove(wb.active)
    titles: list[str] = []

    class S:
        def __init__(self, name, title, form, widths, landscape=False):
            self.ws = ws = wb.create_sheet(name)
            self.n = len(widths)
            titles.append(title)
            for i, wd in enumerate(widths, 1):
                ws.column_dimensions[get_column_letter(i)].width = wd
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
            ws.page_setup.orientation = "landscape" if landscape else "portrait"
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 9
            ws.print_options.horizontalCentered = True
            ws.page_margins.left = ws.page_margins.right = 0.45
            ws.page_margins.top = ws.page_margins.bottom = 0.55
            self.cell(1, self.n, form, font=f_small, align=right, border_=False)
            self.cell(2, 1, f"{YEAR}年度{title}", font=f_title, align=center, to=(2, self.n), border_=False)
            ws.row_dimensions[2].height = 34
            self.cell(
                3, 1, f"编制单位：{DEPT}", font=f_body, align=left, to=(3, max(2, self.n // 2)), border_=False
            )
            self.cell(3, self.n, "单位：元", font=f_body, align=right, border_=False)
            self.r = 4

        def cell(self, r, c, v, font=f_body, align=center, to=None, border_=True, num=False):
            ws = self.ws
            cl = ws.cell(row=r, column=c, value=v)
            cl.font, cl.alignment = font, align
            if num:
                cl.number_format = "#,##0.00"
                cl.alignment = right
            if to and to != (r, c):
                ws.merge_cells(start_row=r, start_column=c, end_row=to[0], end_column=to[1])
            if border_:
                for rr in range(r, (to or (r, c))[0] + 1):
                    for cc in range(c, (to or (r, c))[1] + 1):
                        ws.cell(row=rr, column=cc).border = border

        def num(self, r, c, v, zero=False):
            v = D(v).quantize(CENT)
            self.cell(r, c, float(v) if (v or zero) else None, num=True)

        def text(self, r, c, v, to=None, bold=False, align=left):
            self.cell(r, c, v, font=f_head if bold else f_body, align=align, to=to)

        def head(self, r, c, v, to=None):
            self.cell(r, c, v, font=f_head, align=center, to=to)

        def height(self, r, h):
            self.ws.row_dimensions[r].height = h

        def note(self, text, h=30):
            r = self.r
            self.cell(r, 1, text, font=f_small, align=left, to=(r, self.n), border_=False)
            self.height(r, h)
            self.r += 1

    # ---------------------------------------------------------------- 公开01表 收入支出决算表
    s = S("收入支出决算表", "收入支出决算表", "公开01表", [30, 6, 17, 30, 6, 17])
    s.head(4, 1, "收入", to=(4, 3))
    s.head(4, 4, "支出", to=(4, 6))
    for c, h in enumerate(["项目", "行次", "金额", "项目", "行次", "金额"], 1):
        s.head(5, c, h)
    for c, h in enumerate(["栏次", "", "1", "栏次", "", "2"], 1):
        s.text(6, c, h, align=center)
    left_items = [
        ("一、一般公共预算财政拨款收入", T["fr"]),
        ("二、政府性基金预算财政拨款收入", T["gr"]),
        ("三、国有资本经营预算财政拨款收入", ZERO),
        ("四、上级补助收入", ZERO),
        ("五、事业收入", T["br"]),
        ("六、经营收入", T["opr"]),
        ("七、附属单位上缴收入", ZERO),
        ("八、其他收入", T["orv"]),
    ]
    right_items = [
        (f"{cn(i)}、{name}", CLASS[code]["exp"] if code in CLASS else ZERO)
        for i, (code, name) in enumerate(LEI_LIST, 1)
    ]
    n_body = len(right_items)
    r = 7
    for i in range(n_body):
        lab, v = left_items[i] if i < len(left_items) else ("", ZERO)
        s.text(r, 1, lab)
        s.text(r, 2, str(i + 1), align=center)
        s.num(r, 3, v)
        lab, v = right_items[i]
        s.text(r, 4, lab)
        s.text(r, 5, str(n_body + 4 + i + 1), align=center)
        s.num(r, 6, v)
        s.height(r, 16)
        r += 1
    tail = [
        ("本年收入合计", INCOME_TOTAL, "本年支出合计", EXPENSE_TOTAL),
        ("使用非财政拨款结余", ZERO, "结余分配", ZERO),
        ("年初结转和结余", OPENING, "年末结转和结余", CLOSING),
        ("总计", GRAND_TOTAL, "总计", GRAND_TOTAL),
    ]
    for j, (ll, lv, rl, rv) in enumerate(tail):
        s.text(r, 1, ll, bold=j in (0, 3), align=center)
        s.text(r, 2, str(n_body + j + 1), align=center)
        s.num(r, 3, lv)
        s.text(r, 4, rl, bold=j in (0, 3), align=center)
        s.text(r, 5, str(2 * n_body + 4 + j + 1), align=center)
        s.num(r, 6, rv)
        r += 1
    s.r = r
    s.note("注：本表反映部门本年度的总收支和年末结转结余情况。本套报表金额单位转换时可能存在尾数误差。")

    # ---------------------------------------------------------------- 公开02表 收入决算表 (landscape, long, print titles)
    s = S("收入决算表", "收入决算表", "公开02表", [11, 30, 17, 17, 13, 15, 14, 13, 14], landscape=True)
    s.head(4, 1, "项目", to=(4, 2))
    s.head(5, 1, "科目编码", to=(6, 1))
    s.head(5, 2, "科目名称", to=(6, 2))
    heads = [
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ]
    for c, h in enumerate(heads, 3):
        s.head(4, c, h, to=(6, c))
    s.text(7, 1, "栏次", to=(7, 2), align=center)
    for c in range(3, 10):
        s.text(7, c, str(c - 2), align=center)
    inc_keys = ["inc", "finr", None, "br", "opr", None, "orv"]
    s.text(8, 1, "合计", to=(8, 2), bold=True, align=center)
    for c, k in zip(range(3, 10), inc_keys, strict=True):
        s.num(8, c, T[k] if k else ZERO)
    r = 9
    for row in ROWS:
        s.text(r, 1, row["code"], align=left)
        s.text(r, 2, row["name"])
        for c, k in zip(range(3, 10), inc_keys, strict=True):
            s.num(r, c, row[k] if k else ZERO)
        s.height(r, 17)
        r += 1
    s.r = r
    s.note("注：本表反映部门本年度取得的各项收入情况。")
    s.ws.print_title_rows = "4:7"

    # ---------------------------------------------------------------- 公开03表 支出决算表 (portrait, long, NO print titles)
    s = S("支出决算表", "支出决算表", "公开03表", [10, 30, 16, 16, 16, 11, 13, 12])
    s.head(4, 1, "项目", to=(4, 2))
    s.head(5, 1, "科目编码", to=(6, 1))
    s.head(5, 2, "科目名称", to=(6, 2))
    heads = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    for c, h in enumerate(heads, 3):
        s.head(4, c, h, to=(6, c))
    s.height(4, 20)
    s.text(7, 1, "栏次", to=(7, 2), align=center)
    for c in range(3, 9):
        s.text(7, c, str(c - 2), align=center)
    exp_keys = ["exp", "basic", "proj", None, "op", None]
    s.text(8, 1, "合计", to=(8, 2), bold=True, align=center)
    for c, k in zip(range(3, 9), exp_keys, strict=True):
        s.num(8, c, T[k] if k else ZERO)
    r = 9
    for row in ROWS:
        s.text(r, 1, row["code"], align=left)
        s.text(r, 2, row["name"])
        for c, k in zip(range(3, 9), exp_keys, strict=True):
            s.num(r, c, row[k] if k else ZERO)
        s.height(r, 27)
        r += 1
    s.r = r
    s.note("注：本表反映部门本年度各项支出情况。")

    # ---------------------------------------------------------------- 公开04表 财政拨款收入支出决算表
    s = S(
        "财政拨款收入支出决算表",
        "财政拨款收入支出决算表",
        "公开04表",
        [26, 5, 15, 26, 5, 15, 15, 15, 11],
        landscape=True,
    )
    s.head(4, 1, "收入", to=(4, 3))
    s.head(4, 4, "支出", to=(4, 9))
    for c, h in enumerate(["项目", "行次", "金额", "项目", "行次", "合计"], 1):
        s.head(5, c, h, to=(6, c))
    s.head(5, 7, "一般公共预算财政拨款", to=(6, 7))
    s.head(5, 8, "政府性基金预算财政拨款", to=(6, 8))
    s.head(5, 9, "国有资本经营预算财政拨款", to=(6, 9))
    for c, h in enumerate(["栏次", "", "1", "栏次", "", "2", "3", "4", "5"], 1):
        s.text(7, c, h, align=center)
    left_items = [
        ("一、一般公共预算财政拨款", T["fr"]),
        ("二、政府性基金预算财政拨款", T["gr"]),
        ("三、国有资本经营预算财政拨款", ZERO),
    ]
    r = 8
    for i, (code, name) in enumerate(LEI_LIST):
        lab, v = left_items[i] if i < len(left_items) else ("", ZERO)
        s.text(r, 1, lab)
        s.text(r, 2, str(i + 1), align=center)
        s.num(r, 3, v)
        s.text(r, 4, f"{cn(i + 1)}、{name}")
        s.text(r, 5, str(len(LEI_LIST) + 6 + i + 1), align=center)
        row = CLASS.get(code)
        fin = row["fin"] if row else ZERO
        fund = row["gp"] if row else ZERO
        s.num(r, 6, fin + fund)
        s.num(r, 7, fin)
        s.num(r, 8, fund)
        s.num(r, 9, ZERO)
        s.height(r, 13)
        r += 1
    n = len(LEI_LIST)
    tail = [
        ("本年收入合计", T["finr"], "本年支出合计", (T["finx"], T["fin"], T["gp"])),
        ("年初财政拨款结转和结余", FIN_OPEN, "年末财政拨款结转和结余", (FIN_CLOSE, T["fc"], T["gc"])),
        ("一般公共预算财政拨款", T["fo"], "", None),
        ("政府性基金预算财政拨款", T["gfo"], "", None),
        ("国有资本经营预算财政拨款", ZERO, "", None),
        ("总计", FIN_TOTAL, "总计", (FIN_TOTAL, GPB_TOTAL, T["gfo"] + T["gr"])),
    ]
    for j, (ll, lv, rl, rv) in enumerate(tail):
        bold = ll in ("本年收入合计", "总计")
        s.text(r, 1, ll, bold=bold, align=center)
        s.text(r, 2, str(n + j + 1), align=center)
        s.num(r, 3, lv)
        s.text(r, 4, rl, bold=bold, align=center)
        s.text(r, 5, str(2 * n + 6 + [1, 2, 0, 0, 0, 3][j]) if rl else "", align=center)
        for c, v in zip(range(6, 10), list(rv) + [ZERO] if rv else [ZERO] * 4, strict=True):
            s.num(r, c, v if rl else ZERO)
        r += 1
    s.r = r
    s.note(
        "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的"
        "总收支和年末结转结余情况。"
    )

    # ---------------------------------------------------------------- 公开05表 一般公共预算财政拨款收入支出决算表
    s = S(
        "一般公共预算财政拨款收支决算表",
        "一般公共预算财政拨款收入支出决算表",
        "公开05表",
        [10, 28, 14, 16, 16, 16, 16, 14],
        landscape=True,
    )
    s.head(4, 1, "项目", to=(4, 2))
    s.head(5, 1, "科目编码", to=(6, 1))
    s.head(5, 2, "科目名称", to=(6, 2))
    s.head(4, 3, "年初结转和结余", to=(6, 3))
    s.head(4, 4, "本年收入", to=(6, 4))
    s.head(4, 5, "本年支出", to=(4, 7))
    for c, h in enumerate(["小计", "基本支出", "项目支出"], 5):
        s.head(5, c, h, to=(6, c))
    s.head(4, 8, "年末结转和结余", to=(6, 8))
    s.text(7, 1, "栏次", to=(7, 2), align=center)
    for c in range(3, 9):
        s.text(7, c, str(c - 2), align=center)
    gkeys = ["fo", "fr", "fin", "fb", "fp", "fc"]
    s.text(8, 1, "合计", to=(8, 2), bold=True, align=center)
    for c, k in zip(range(3, 9), gkeys, strict=True):
        s.num(8, c, T[k])
    r = 9
    for row in GPB_ROWS:
        s.text(r, 1, row["code"], align=left)
        s.text(r, 2, row["name"])
        for c, k in zip(range(3, 9), gkeys, strict=True):
            s.num(r, c, row[k])
        s.height(r, 15)
        r += 1
    s.r = r
    s.note("注：本表反映部门本年度一般公共预算财政拨款收入、支出及结转和结余情况。")
    s.ws.print_title_rows = "4:7"

    # ---------------------------------------------------------------- 公开06表 基本支出 (three column groups)
    s = S(
        "一般公共预算财政拨款基本支出决算表",
        "一般公共预算财政拨款基本支出决算表",
        "公开06表",
        [8, 24, 15, 8, 18, 14, 8, 20, 14],
        landscape=True,
    )
    s.head(4, 1, "人员经费", to=(4, 3))
    s.head(4, 4, "公用经费", to=(4, 9))
    for c, h in enumerate(["科目编码", "科目名称", "决算数"] * 3, 1):
        s.head(5, c, h)

    def flat(groups):
        out = []
        for code, name, lst in groups:
            out.append((code, name, sum(a for _, _, a in lst), True))
            out.extend((c, nm, a, False) for c, nm, a in lst)
        return out

    g1 = flat(PERSONNEL)
    p302 = PUBLIC[0]
    head302 = (p302[0], p302[1], sum(a for _, _, a in p302[2]), True)
    g2 = [head302] + [(c, nm, a, False) for c, nm, a in p302[2][:PUBLIC_SPLIT]]
    g3 = [(c, nm, a, False) for c, nm, a in p302[2][PUBLIC_SPLIT:]] + flat(PUBLIC[1:])
    r = 6
    for i in range(max(len(g1), len(g2), len(g3))):
        for off, lst in ((0, g1), (3, g2), (6, g3)):
            if i < len(lst):
                code, name, v, top = lst[i]
                s.text(r, off + 1, code, align=center)
                s.text(r, off + 2, name, bold=top)
                s.num(r, off + 3, v)
            else:
                for c in range(off + 1, off + 4):
                    s.text(r, c, "")
        s.height(r, 16)
        r += 1
    s.text(r, 1, "人员经费合计", to=(r, 2), bold=True, align=center)
    s.num(r, 3, PERSONNEL_TOTAL)
    s.text(r, 4, "公用经费合计", to=(r, 8), bold=True, align=center)
    s.num(r, 9, PUBLIC_TOTAL)
    s.r = r + 1
    s.note("注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。")

    # ---------------------------------------------------------------- 公开07表 “三公”经费 (landscape)
    s = S(
        "三公经费支出决算表",
        "一般公共预算财政拨款“三公”经费支出决算表",
        "公开07表",
        [12, 11, 12, 11, 12, 11] * 2,
        landscape=True,
    )
    for off, lab in ((0, "预算数"), (6, "决算数")):
        s.head(4, off + 1, lab, to=(4, off + 6))
        s.head(5, off + 1, "合计", to=(6, off + 1))
        s.head(5, off + 2, "因公出国（境）费", to=(6, off + 2))
        s.head(5, off + 3, "公务用车购置及运行费", to=(5, off + 5))
        s.head(6, off + 3, "小计")
        s.head(6, off + 4, "公务用车购置费")
        s.head(6, off + 5, "公务用车运行费")
        s.head(5, off + 6, "公务接待费", to=(6, off + 6))
    s.height(6, 30)
    for c in range(1, 13):
        s.text(7, c, str(c), align=center)
    for off, v in ((0, SG_B), (6, SG_F)):
        for c, k in enumerate(["total", "abroad", "car", "car_buy", "car_run", "reception"], off + 1):
            s.num(8, c, v[k], zero=True)
    s.height(8, 24)
    s.r = 9
    s.note(
        "注：本表反映部门本年度“三公”经费支出预算和决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序"
        "调整后的预算数；决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。",
        h=40,
    )

    # ---------------------------------------------------------------- 公开08表 政府性基金 (filled)
    s = S(
        "政府性基金预算财政拨款收支决算表",
        "政府性基金预算财政拨款收入支出决算表",
        "公开08表",
        [10, 30, 14, 16, 16, 14, 16, 14],
        landscape=True,
    )
    s.head(4, 1, "项目", to=(4, 2))
    s.head(5, 1, "科目编码", to=(6, 1))
    s.head(5, 2, "科目名称", to=(6, 2))
    s.head(4, 3, "年初结转和结余", to=(6, 3))
    s.head(4, 4, "本年收入", to=(6, 4))
    s.head(4, 5, "本年支出", to=(4, 7))
    for c, h in enumerate(["小计", "基本支出", "项目支出"], 5):
        s.head(5, c, h, to=(6, c))
    s.head(4, 8, "年末结转和结余", to=(6, 8))
    s.text(7, 1, "栏次", to=(7, 2), align=center)
    for c in range(3, 9):
        s.text(7, c, str(c - 2), align=center)
    fkeys = ["gfo", "gr", "gp", None, "gp", "gc"]
    s.text(8, 1, "合计", to=(8, 2), bold=True, align=center)
    for c, k in zip(range(3, 9), fkeys, strict=True):
        s.num(8, c, T[k] if k else ZERO)
    r = 9
    for row in FUND_ROWS:
        s.text(r, 1, row["code"], align=left)
        s.text(r, 2, row["name"])
        for c, k in zip(range(3, 9), fkeys, strict=True):
            s.num(r, c, row[k] if k else ZERO)
        s.height(r, 17)
        r += 1
    s.r = r
    s.note("注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。")

    # ---------------------------------------------------------------- 公开09表 国有资本经营 (empty)
    s = S(
        "国有资本经营预算财政拨款支出决算表",
        "国有资本经营预算财政拨款支出决算表",
        "公开09表",
        [12, 34, 17, 17, 17],
    )
    s.head(4, 1, "项目", to=(4, 2))
    s.head(5, 1, "科目编码", to=(6, 1))
    s.head(5, 2, "科目名称", to=(6, 2))
    s.head(4, 3, "本年支出", to=(4, 5))
    for c, h in enumerate(["合计", "基本支出", "项目支出"], 3):
        s.head(5, c, h, to=(6, c))
    s.text(7, 1, "栏次", to=(7, 2), align=center)
    for c in range(3, 6):
        s.text(7, c, str(c - 2), align=center)
    s.text(8, 1, "合计", to=(8, 2), bold=True, align=center)
    for r in range(8, 12):
        for c in range(1 if r > 8 else 3, 6):
            s.text(r, c, "")
    s.r = 12
    s.note(f"注：{DEPT}{YEAR}年度没有国有资本经营预算财政拨款支出，本表无数据。", h=30)

    # ---------------------------------------------------------------- 公开10表 收支汇总表 (by unit)
    s = S(
        "部门决算收支汇总表",
        "部门决算收支汇总表（按单位）",
        "公开10表",
        [5, 28, 14, 15, 15, 13, 12, 11, 15, 15, 15, 12, 14],
        landscape=True,
    )
    s.head(4, 1, "序号", to=(6, 1))
    s.head(4, 2, "单位名称", to=(6, 2))
    s.head(4, 3, "年初结转和结余", to=(6, 3))
    s.head(4, 4, "收入", to=(4, 8))
    s.head(5, 4, "本年收入合计", to=(6, 4))
    for c, h in enumerate(["财政拨款收入", "事业收入", "经营收入", "其他收入"], 5):
        s.head(5, c, h, to=(6, c))
    s.head(4, 9, "支出", to=(4, 12))
    s.head(5, 9, "本年支出合计", to=(6, 9))
    for c, h in enumerate(["基本支出", "项目支出", "经营支出"], 10):
        s.head(5, c, h, to=(6, c))
    s.head(4, 13, "年末结转和结余", to=(6, 13))
    s.height(4, 18)
    s.text(7, 1, "栏次", to=(7, 2), align=center)
    for c in range(3, 14):
        s.text(7, c, str(c - 2), align=center)
    ukeys = ["open", "inc", "finr", "br", "opr", "orv", "exp", "basic", "proj", "op", "close"]
    s.text(8, 1, "合计", to=(8, 2), bold=True, align=center)
    tot = {k: sum(ut[k] for ut in UNIT_T.values()) for k in ukeys}
    for c, k in zip(range(3, 14), ukeys, strict=True):
        s.num(8, c, tot[k])
    r = 9
    for i, (u, (name, _)) in enumerate(UNITS.items(), 1):
        s.text(r, 1, str(i), align=center)
        s.text(r, 2, name)
        for c, k in zip(range(3, 14), ukeys, strict=True):
            s.num(r, c, UNIT_T[u][k])
        s.height(r, 22)
        r += 1
    s.r = r
    s.note("注：本表反映部门及所属单位本年度收入、支出及结转结余情况，按单位汇总列示。")

    wb.properties.creator = DEPT
    wb.save(path)
    TABLE_TITLES[:] = titles
    return titles


# ============================================================ the narrative (.docx)
# (style, text): 'cover', 'toctitle', 'toc1', 'toc2', 'h0' (第N部分, numbered), 'h1' (N、numbered), 'h2' ((N), numbered),
# 'li' (numbered (N) body paragraph), 'li3' (numbered N. body paragraph), 'p', 'break', 'split' (section break
# before 第三部分: the Excel pages go here), 'unittable'.


def narrative(toc_pages: dict[str, int] | None = None) -> list[tuple[str, str]]:
    P: list[tuple[str, str]] = []

    def add(style, text=""):
        P.append((style, text))

    toc_pages = toc_pages or {}
    add("cover", DEPT)
    add("cover2", f"{YEAR}年度部门决算")
    add("coverdate", f"{YEAR + 1}年8月")
    add("break")
    add("toctitle", "目  录")
    toc = [
        ("toc1", "第一部分  部门概况"),
        ("toc2", "一、部门职责"),
        ("toc2", "二、机构设置"),
        ("toc1", f"第二部分  {YEAR}年度部门决算表"),
        ("toc1", f"第三部分  {YEAR}年度部门决算情况说明"),
        ("toc2", "一、收入支出决算总体情况说明"),
        ("toc2", "二、收入决算情况说明"),
        ("toc2", "三、支出决算情况说明"),
        ("toc2", "四、财政拨款收入支出决算总体情况说明"),
        ("toc2", "五、一般公共预算财政拨款支出决算情况说明"),
        ("toc2", "六、一般公共预算财政拨款基本支出决算情况说明"),
        ("toc2", "七、“三公”经费财政拨款支出决算情况说明"),
        ("toc2", "八、政府性基金预算财政拨款收入支出决算情况说明"),
        ("toc2", "九、国有资本经营预算财政拨款支出决算情况说明"),
        ("toc2", "十、其他重要事项的情况说明"),
        ("toc1", "第四部分  名词解释"),
        ("toc1", "第五部分  附件"),
    ]
    for st, t in toc:
        key = re.sub(r"^(第.部分|[一二三四五六七八九十]+、)\s*", "", t)
        add(st, f"{t}\t{toc_pages.get(key, 1)}")
    add("break")

    # ------------------------------------------------------------ 第一部分
    add("h0", "部门概况")
    add("h1", "部门职责")
    for t in [
        "贯彻执行国家水利工作方针政策和法律法规，起草全省水利地方性法规、政府规章草案，组织编制全省水利发展规划并监督实施。",
        "负责保障全省水资源的合理开发利用，组织实施最严格水资源管理制度，实施水资源的统一监督管理，"
        "指导水资源调度和取水许可、水资源论证等工作。",
        "按规定制定全省水利工程建设有关制度并组织实施，负责提出水利固定资产投资规模、方向、具体安排建议并组织指导实施。",
        "指导全省水利设施、水域及其岸线的管理、保护与综合利用，组织指导全面推行河湖长制工作，指导重要江河湖泊及河口的治理、开发和保护。",
        "负责全省节约用水工作，指导和推动节水型社会建设；负责全省水文工作，组织开展水资源调查评价、水文水资源监测和水情预警预报。",
        "指导全省水土保持工作，组织实施水土流失综合防治；指导农村水利工作和农村饮水安全工程建设与管理。",
        "负责全省水库移民后期扶持政策的实施和监督评估，负责大中型水库移民后期扶持基金的管理。",
        "承担水情旱情监测预警工作，组织编制重要江河湖泊和重要水工程的防御洪水抗御旱灾调度及应急水量调度方案并组织实施。",
        "完成省委、省政府交办的其他任务。",
    ]:
        add("li", t)
    add("h1", "机构设置")
    add(
        "p",
        f"{DEPT}机关内设{cn(len(SECTIONS))}个处室，分别是：{'、'.join(SECTIONS)}；另设机关党委（人事处）、离退休人员工作处。"
        f"所属事业单位{len(UNITS) - 1}个。",
    )
    add(
        "p",
        f"从决算单位构成看，纳入{DEPT}{YEAR}年度部门决算编制范围的单位共{len(UNITS)}个，包括厅机关本级和"
        f"{len(UNITS) - 1}个所属事业单位，具体如下：",
    )
    add("unittable")
    add(
        "p",
        f"截至{YEAR}年12月31日，本部门编制人数{STAFF['quota']}人，实有人数{STAFF['actual']}人，其中："
        f"在职人员{STAFF['active']}人，离退休人员{STAFF['retired']}人。",
    )
    add("break")
    add("h0", f"{YEAR}年度部门决算表")
    for i, t in enumerate(TABLE_TITLES, 1):
        add("plain", f"{i}. {YEAR}年度{t}")
    add("split")

    # ------------------------------------------------------------ 第三部分
    add("h0", f"{YEAR}年度部门决算情况说明")
    add("h1", "收入支出决算总体情况说明")
    a, b, dv, p = change(GRAND_TOTAL, PREV["total"])
    add(
        "p",
        f"{YEAR}年度收入、支出决算总计均为{fw(GRAND_TOTAL)}万元。与上年相比，收、支总计各{a}{fwan(dv)}万元，"
        f"{b}{p}%，主要原因是：一是省级加大对幸福河湖建设和水利工程运行维护的投入，项目支出增加；二是年中应对"
        "“6·18”流域性洪水，追加防汛抢险和水毁修复资金；三是大中型水库移民后期扶持基金收入增加。",
    )
    add("h1", "收入决算情况说明")
    add(
        "p",
        f"本年收入合计{fw(INCOME_TOTAL)}万元，其中：财政拨款收入{fw(T['finr'])}万元，占{pct(T['finr'], INCOME_TOTAL)}%；"
        f"上级补助收入0万元；事业收入{fw(T['br'])}万元，占{pct(T['br'], INCOME_TOTAL)}%；经营收入{fw(T['opr'])}万元，"
        f"占{pct(T['opr'], INCOME_TOTAL)}%；附属单位上缴收入0万元；其他收入{fw(T['orv'])}万元，"
        f"占{pct(T['orv'], INCOME_TOTAL)}%。与上年相比，本年收入合计{change_text(INCOME_TOTAL, PREV['income'])}。"
        "事业收入主要是省水利科学研究院承担科研课题、技术咨询取得的收入和省水文水资源勘测中心开展水质检测取得的收入。",
    )
    add("h1", "支出决算情况说明")
    add(
        "p",
        f"本年支出合计{fw(EXPENSE_TOTAL)}万元，其中：基本支出{fw(T['basic'])}万元，占{pct(T['basic'], EXPENSE_TOTAL)}%；"
        f"项目支出{fw(T['proj'])}万元，占{pct(T['proj'], EXPENSE_TOTAL)}%；上缴上级支出0万元；经营支出"
        f"{fw(T['op'])}万元，占{pct(T['op'], EXPENSE_TOTAL)}%；对附属单位补助支出0万元。与上年相比，本年支出合计"
        f"{change_text(EXPENSE_TOTAL, PREV['expense'])}，主要原因是水利工程建设、防汛抢险和水毁修复项目支出增加。",
    )
    add("h1", "财政拨款收入支出决算总体情况说明")
    a, b, dv, p = change(FIN_TOTAL, PREV["fin_total"])
    add(
        "p",
        f"{YEAR}年度财政拨款收入、支出决算总计均为{fw(FIN_TOTAL)}万元。与上年相比，财政拨款收、支总计各{a}"
        f"{fwan(dv)}万元，{b}{p}%。其中：年初财政拨款结转和结余{fw(FIN_OPEN)}万元，本年财政拨款收入"
        f"{fw(T['finr'])}万元（一般公共预算财政拨款收入{fw(T['fr'])}万元，政府性基金预算财政拨款收入"
        f"{fw(T['gr'])}万元）；本年财政拨款支出{fw(T['finx'])}万元，年末财政拨款结转和结余{fw(FIN_CLOSE)}万元。"
        "变动的主要原因是省级财政加大水利投入，大中型水库移民后期扶持基金收入增加。",
    )
    add("h1", "一般公共预算财政拨款支出决算情况说明")
    parts = "；".join(
        f"{GPB_CLASS[c]['name']}{fw(GPB_CLASS[c]['fin'], False)}万元，占{pct(GPB_CLASS[c]['fin'], T['fin'])}%"
        for c in sorted(GPB_CLASS)
    )
    add(
        "p",
        f"{YEAR}年度一般公共预算财政拨款支出{fw(T['fin'])}万元，占本年支出合计的{pct(T['fin'], EXPENSE_TOTAL)}%。"
        f"与上年相比，一般公共预算财政拨款支出{change_text(T['fin'], PREV['gpb_expense'])}，主要原因是防汛抢险、"
        f"水毁修复和幸福河湖建设支出增加。从支出结构看，主要用于以下方面：{parts}。",
    )
    add(
        "p",
        f"{YEAR}年度一般公共预算财政拨款支出年初预算为{fw(BUDGET_TOTAL, False)}万元，支出决算为{fw(T['fin'], False)}"
        f"万元，完成年初预算的{pct(T['fin'], BUDGET_TOTAL)}%。决算数与年初预算数的差异主要是年中追加防汛抢险、"
        "水毁修复资金和部分项目资金结转下年使用。具体情况如下：",
    )
    for code in sorted(BUDGET):
        fin, bud = BYCODE[code]["fin"], budget_of[code]
        _, sign, why = BUDGET[code]
        s = (
            f"{NAMES[code[:3]]}（类）{NAMES[code[:5]]}（款）{NAMES[code]}（项）。年初预算为{fw(bud, False)}万元，"
            f"支出决算为{fw(fin, False)}万元"
        )
        if bud:
            s += f"，完成年初预算的{pct(fin, bud)}%"
        if sign == "=" or w(fin) == w(bud):
            s += "，决算数与年初预算数一致。"
        elif sign == "~":
            s += f"。决算数与年初预算数的差异主要原因是{why}。"
        elif w(fin) > w(bud):
            s += f"。决算数大于年初预算数的主要原因是{why}。"
        else:
            s += f"。决算数小于年初预算数的主要原因是{why}。"
        add("li", s)
    add("h1", "一般公共预算财政拨款基本支出决算情况说明")
    pn = "、".join(nm for _, _, lst in PERSONNEL for _, nm, _ in lst)
    un = "、".join(nm for _, _, lst in PUBLIC for _, nm, _ in lst)
    add(
        "p",
        f"{YEAR}年度一般公共预算财政拨款基本支出{fw(T['fb'])}万元，与上年相比{change_text(T['fb'], PREV['basic'])}。"
        f"其中：人员经费{fw(PERSONNEL_TOTAL)}万元，主要包括：{pn}；公用经费{fw(PUBLIC_TOTAL)}万元，"
        f"主要包括：{un}。",
    )
    add("h1", "“三公”经费财政拨款支出决算情况说明")
    a, b, dv, p = change(SG_F["total"], PREV["sangong"])
    add(
        "p",
        f"{YEAR}年度“三公”经费财政拨款支出决算为{fw(SG_F['total'])}万元，完成预算的{pct(SG_F['total'], SG_B['total'])}%，"
        f"较上年{a}{fwan(dv)}万元，{b}{p}%。决算数小于预算数的主要原因是：认真落实过紧日子要求，严控“三公”经费支出，"
        "公务接待和公务用车运行费用明显下降。其中：",
    )
    add(
        "p",
        f"因公出国（境）费支出决算为{fw(SG_F['abroad'])}万元，完成预算的{pct(SG_F['abroad'], SG_B['abroad'])}%，"
        f"占“三公”经费的{pct(SG_F['abroad'], SG_F['total'])}%。全年安排因公出国（境）团组{ABROAD_GROUPS}个，"
        f"累计{ABROAD_PERSONS}人次，主要是赴荷兰参加国际水文科学学术交流活动。",
    )
    add(
        "p",
        f"公务用车购置及运行维护费支出决算为{fw(SG_F['car'])}万元，完成预算的{pct(SG_F['car'], SG_B['car'])}%，"
        f"占“三公”经费的{pct(SG_F['car'], SG_F['total'])}%。其中：公务用车购置费{fw(SG_F['car_buy'])}万元，"
        f"更新购置水文应急监测车{CARS_BOUGHT}辆；公务用车运行维护费{fw(SG_F['car_run'])}万元，主要用于水文测报、"
        "防汛抢险、工程质量监督等工作所需公务用车的燃料费、维修费、过路过桥费、保险费等支出。"
        f"截至{YEAR}年12月31日，公务用车保有量为{N_CARS}辆。",
    )
    dom = SG_F["reception"] - RECEPTION_FOREIGN
    add(
        "p",
        f"公务接待费支出决算为{fw(SG_F['reception'])}万元，完成预算的{pct(SG_F['reception'], SG_B['reception'])}%，"
        f"占“三公”经费的{pct(SG_F['reception'], SG_F['total'])}%。其中：国内公务接待支出{fw(dom)}万元，"
        f"主要用于水利部及兄弟省份来澜江检查指导、交流学习等，国内公务接待{RECEPTION_BATCHES}批次{RECEPTION_PERSONS}人次"
        f"（不包括陪同人员）；外事接待支出{fw(RECEPTION_FOREIGN)}万元，外事接待{FOREIGN_BATCHES}批次{FOREIGN_PERSONS}人次。",
    )
    add("h1", "政府性基金预算财政拨款收入支出决算情况说明")
    fund_parts = "；".join(
        f"{NAMES[c]}（{c}）{fw(BYCODE[c]['gp'], False)}万元"
        for c in CODES
        if BYCODE[c]["gp"] and NAMES[c[:5]] == "大中型水库移民后期扶持基金支出"
    )
    add(
        "p",
        f"{YEAR}年度政府性基金预算财政拨款年初结转和结余{fw(T['gfo'])}万元，本年收入{fw(T['gr'])}万元，本年支出"
        f"{fw(T['gp'])}万元，年末结转和结余{fw(T['gc'])}万元。与上年相比，政府性基金预算财政拨款支出"
        f"{change_text(T['gp'], PREV['fund'])}，主要原因是大中型水库移民后期扶持基金安排的基础设施建设项目增加。"
        f"支出主要用于：大中型水库移民后期扶持基金支出{fw(sum(BYCODE[c]['gp'] for c in CODES if c.startswith('20822')))}"
        f"万元（{fund_parts}）；大中型水库库区基金安排的支出"
        f"{fw(sum(BYCODE[c]['gp'] for c in CODES if c.startswith('21366')))}万元；国家重大水利工程建设基金安排的支出"
        f"{fw(sum(BYCODE[c]['gp'] for c in CODES if c.startswith('21369')))}万元。",
    )
    add("h1", "国有资本经营预算财政拨款支出决算情况说明")
    add(
        "p",
        f"本部门{YEAR}年度无国有资本经营预算财政拨款收入和支出，《国有资本经营预算财政拨款支出决算表》为空表。",
    )
    add("h1", "其他重要事项的情况说明")
    add("h2", "机关运行经费支出情况")
    add(
        "p",
        f"{YEAR}年度本部门机关运行经费支出{fw(RUNNING_COST)}万元，比上年{change_text(RUNNING_COST, PREV['running'])}。"
        "主要原因是严格执行过紧日子要求，压减办公、差旅、会议等日常公用经费支出。机关运行经费统计范围为厅机关"
        "本级和参照公务员法管理的省水利工程建设质量监督站。",
    )
    add("h2", "政府采购支出情况")
    add(
        "p",
        f"{YEAR}年度本部门政府采购支出总额{fw(PROC_TOTAL)}万元，其中：政府采购货物支出{fw(PROC['goods'])}万元、"
        f"政府采购工程支出{fw(PROC['works'])}万元、政府采购服务支出{fw(PROC['services'])}万元。授予中小企业合同金额"
        f"{fw(PROC['sme'])}万元，占政府采购支出总额的{pct(PROC['sme'], PROC_TOTAL)}%，其中：授予小微企业合同金额"
        f"{fw(PROC['small_micro'])}万元，占政府采购支出总额的{pct(PROC['small_micro'], PROC_TOTAL)}%。",
    )
    add("h2", "国有资产占用情况")
    cars = "，".join(f"{k}{v}辆" for k, v in CARS)
    add(
        "p",
        f"截至{YEAR}年12月31日，本部门共有车辆{N_CARS}辆，其中：{cars}。单价100万元以上设备{EQUIP_100W}台（套），"
        f"其中：专用设备{EQUIP_100W_SPECIAL}台（套），主要为水文测验用雷达波流量在线监测系统、水利科学研究实验设备；"
        f"通用设备{EQUIP_100W - EQUIP_100W_SPECIAL}台（套）。",
    )
    add("h2", "预算绩效管理情况")
    proj_funds = T["fp"] + T["gp"]
    add(
        "p",
        f"根据预算绩效管理要求，本部门组织对{YEAR}年度一般公共预算项目支出和政府性基金预算项目支出开展绩效自评，"
        f"共涉及项目{PERF['projects']}个，涉及资金{fw(proj_funds)}万元，占应开展绩效自评项目资金总额的100%。"
        f"自评结果显示，评价等级为“优”的项目{PERF['excellent']}个，“良”的项目{PERF['good']}个，“中”的项目"
        f"{PERF['fair']}个。本部门同时开展部门整体支出绩效自评，自评得分{PERF['dept_score']}分。另选取"
        f"{PERF['key_evals']}个重点项目开展部门评价，评价结果已作为以后年度预算安排的重要参考。"
        "重点项目绩效自评情况见附件。",
    )
    add("break")

    # ------------------------------------------------------------ 第四部分
    add("h0", "名词解释")
    for term, text in [
        (
            "财政拨款收入",
            "指本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
        ),
        ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"),
        ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
        ("其他收入", "指单位取得的除上述收入以外的各项收入，主要是存款利息收入等。"),
        ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
        (
            "年末结转和结余",
            "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。",
        ),
        ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
        ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
        ("经营支出", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。"),
        (
            "“三公”经费",
            "指部门用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中，因公出国"
            "（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车"
            "购置及运行维护费反映单位公务用车购置支出及燃料费、维修费、过路过桥费、保险费等支出；公务接待费反映单位按"
            "规定开支的各类公务接待（含外宾接待）支出。",
        ),
        (
            "机关运行经费",
            "指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、"
            "邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、"
            "办公用房物业管理费、公务用车运行维护费以及其他费用。",
        ),
        (
            "大中型水库移民后期扶持基金",
            "指按规定从省级电网企业销售电量中征收、用于大中型水库农村移民后期扶持的政府性基金，"
            "主要用于移民直接补助和库区、移民安置区基础设施建设和经济发展。",
        ),
    ]:
        add("h1p", f"{term}：{text}")
    add("break")

    # ------------------------------------------------------------ 第五部分
    add("h0", "附件")
    add("plain", f"附件：{DEPT}{YEAR}年度重点项目绩效自评情况")
    for name, bud, spent, rate, score in KEY_PROJECTS:
        add(
            "li3",
            f"{name}。全年预算数{bud}万元，执行数{spent}万元，预算执行率{rate}%，自评得分{score}分。"
            "项目年度绩效目标基本完成，产出数量、质量和时效指标达到预期。",
        )
    return P


NUM_ID = 90


def build_docx(path: Path, toc_pages: dict[str, int] | None = None, part3_start: int = 1) -> None:
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Cm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.7)
    sec.top_margin, sec.bottom_margin = Cm(3.5), Cm(3.3)
    usable = sec.page_width - sec.left_margin - sec.right_margin

    def fonts(target, size=None, bold=None):
        if size is not None:
            target.font.size = Pt(size)
        if bold is not None:
            target.font.bold = bold
        target.font.name = LATIN_FONT
        rpr = target.element.get_or_add_rPr()
        rf = rpr.find(qn("w:rFonts"))
        if rf is None:
            rf = OxmlElement("w:rFonts")
            rpr.insert(0, rf)
        rf.set(qn("w:eastAsia"), CJK_FONT)
        rf.set(qn("w:ascii"), LATIN_FONT)
        rf.set(qn("w:hAnsi"), LATIN_FONT)

    normal = doc.styles["Normal"]
    fonts(normal, 15)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    for name, size in (("Heading 1", 20), ("Heading 2", 15), ("Heading 3", 15)):
        st = doc.styles[name]
        fonts(st, size, True)
        st.font.color.rgb = None
        st.font.italic = False
        st.paragraph_format.space_before = Pt(6)
        st.paragraph_format.space_after = Pt(6 if name == "Heading 1" else 0)
        st.paragraph_format.line_spacing = Pt(28)
        st.paragraph_format.keep_with_next = True

    # one multilevel list (Word automatic numbering): 第一部分 / 一、 / （一） / 1.
    numbering = doc.part.numbering_part.element
    lvl = (
        '<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{restart}<w:lvlText w:val="{txt}"/>'
        '<w:lvlJc w:val="left"/><w:suff w:val="{suff}"/><w:pPr><w:ind w:left="0" w:firstLine="{fl}"/></w:pPr></w:lvl>'
    )
    levels = [
        dict(i=0, fmt="chineseCounting", txt="第%1部分", suff="space", fl=0, restart=""),
        dict(i=1, fmt="chineseCounting", txt="%2、", suff="tab", fl=600, restart=""),
        dict(i=2, fmt="chineseCounting", txt="（%3）", suff="nothing", fl=600, restart=""),
        dict(i=3, fmt="decimal", txt="%4.", suff="nothing", fl=600, restart='<w:lvlRestart w:val="1"/>'),
    ]
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_ID}"><w:multiLevelType w:val="multilevel"/>'
        + "".join(lvl.format(**lv) for lv in levels)
        + "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>')
    )
    for name, ilvl in (("Heading 1", 0), ("Heading 2", 1), ("Heading 3", 2)):
        ppr = doc.styles[name].element.get_or_add_pPr()
        ppr.insert(
            0,
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'
            ),
        )

    def numbered(para, ilvl):
        ppr = para._p.get_or_add_pPr()
        ppr.insert(
            0,
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'
            ),
        )

    def footer_numbers(section, start=None):
        section.footer.is_linked_to_previous = False
        fp = section.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for kind, txt in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
            run = fp.add_run()
            fonts(run, 11)
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
                run._element.append(el)
            elif txt == " PAGE ":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = txt
                run._element.append(el)
            else:
                run.text = txt
        if start is not None:
            pg = OxmlElement("w:pgNumType")
            pg.set(qn("w:start"), str(start))
            section._sectPr.append(pg)

    def new_section(start=None):
        s = doc.add_section(WD_SECTION.NEW_PAGE)
        footer_numbers(s, start)
        return s

    def unit_table():
        t = doc.add_table(rows=len(UNITS) + 1, cols=3)
        t.style = doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = [Cm(2.0), Cm(8.6), Cm(5.0)]
        for ri, row in enumerate(
            [("序号", "单位名称", "单位性质")]
            + [(str(i), n, k) for i, (n, k) in enumerate(UNITS.values(), 1)]
        ):
            for ci, txt in enumerate(row):
                c = t.cell(ri, ci)
                c.width = widths[ci]
                p = c.paragraphs[0]
                p.paragraph_format.first_line_indent = Pt(0)
                p.paragraph_format.line_spacing = Pt(20)
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if ci != 1 else WD_ALIGN_PARAGRAPH.LEFT
                fonts(p.add_run(txt), 12, ri == 0)
        for gc, wd in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            gc.set(qn("w:w"), str(int(wd.twips)))

    # section 1: cover + 目录 (no page numbers); section 2: 第一部分 … 第二部分 (numbers from 1);
    # section 3: 第三部分 … (numbers continue after the Excel pages: start = part3_start)
    items = narrative(toc_pages)
    for style, text in items:
        if style == "break":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            continue
        if style == "split":
            new_section(part3_start)
            continue
        if style == "unittable":
            unit_table()
            continue
        if style == "h0" and text == "部门概况":
            new_section(1)
        if style == "h0":
            para = doc.add_paragraph(text, style="Heading 1")
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        if style == "h1":
            doc.add_paragraph(text, style="Heading 2")
            continue
        if style == "h2":
            doc.add_paragraph(text, style="Heading 3")
            continue
        para = doc.add_paragraph()
        pf = para.paragraph_format
        if style in ("cover", "cover2", "coverdate"):
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pf.space_before = Pt({"cover": 150, "cover2": 30, "coverdate": 260}[style])
            fonts(
                para.add_run(text), {"cover": 28, "cover2": 26, "coverdate": 16}[style], style != "coverdate"
            )
        elif style == "toctitle":
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pf.space_after = Pt(12)
            fonts(para.add_run(text), 20, True)
        elif style in ("toc1", "toc2"):
            pf.tab_stops.add_tab_stop(usable, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            pf.left_indent = Pt(0 if style == "toc1" else 30)
            fonts(para.add_run(text), 14, style == "toc1")
        elif style in ("li", "h1p", "li3"):
            numbered(para, {"li": 2, "h1p": 1, "li3": 3}[style])
            pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fonts(para.add_run(text), 15)
        elif style == "plain":
            pf.first_line_indent = Pt(30)
            fonts(para.add_run(text), 15)
        else:
            pf.first_line_indent = Pt(30)
            pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fonts(para.add_run(text), 15)
    cp = doc.core_properties
    cp.author = DEPT
    cp.title = f"{DEPT}{YEAR}年度部门决算"
    doc.save(path)


# ============================================================ convert and merge


def page_texts(pdf_path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    out = []
    for i in range(len(pdf)):
        tp = pdf[i].get_textpage()
        out.append(tp.get_text_range())
        tp.close()
    pdf.close()
    return out


def first_page(texts: list[str], needle: str, after: int = 0) -> int:
    """0-based index of the first page at or after ``after`` whose text contains ``needle`` (spaces ignored)."""
    for i in range(after, len(texts)):
        if re.sub(r"[\s“”]", "", needle) in re.sub(r"[\s“”]", "", texts[i]):
            return i
    raise SystemExit(f"{needle!r} not found")


def assemble(tmp: Path, toc_pages=None, part3_start=1):
    """Build both sources, convert, and return (narrative pdf, tables pdf, split index, texts)."""
    xlsx, docx = tmp / "tables.xlsx", tmp / "narrative.docx"
    build_xlsx(xlsx)
    build_docx(docx, toc_pages, part3_start)
    npdf = to_pdf(docx, tmp, tmp / "lo")
    tpdf = to_pdf(xlsx, tmp, tmp / "lo")
    ntexts = page_texts(npdf)
    split = first_page(ntexts, "决算情况说明", after=3)  # first page of 第三部分 (after cover, 目录)
    return npdf, tpdf, split, ntexts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve().parents[1]
    ap.add_argument(
        "--out", type=Path, default=here / "fixtures" / "office" / "province-water-2024-final.pdf"
    )
    ap.add_argument("--keep", type=Path, help="also keep the .docx/.xlsx and the two PDFs in this folder")
    ap.add_argument("--facts", action="store_true", help="print the derived figures and exit")
    args = ap.parse_args()
    if args.facts:
        print_facts()
        return

    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # pass 1: find where things land; pass 2: 目录 page numbers and the footer start of 第三部分
        npdf, tpdf, split, ntexts = assemble(tmp)
        n_tables = len(pdfium.PdfDocument(str(tpdf)))
        printed = {}  # heading → printed page number (PDF index - 2; Excel pages unnumbered but counted)

        def pdf_index(narr_idx):
            return narr_idx + (n_tables if narr_idx >= split else 0)

        for key in [
            "部门概况",
            "部门职责",
            "机构设置",
            f"{YEAR}年度部门决算表",
            f"{YEAR}年度部门决算情况说明",
            "收入支出决算总体情况说明",
            "收入决算情况说明",
            "支出决算情况说明",
            "财政拨款收入支出决算总体情况说明",
            "一般公共预算财政拨款支出决算情况说明",
            "一般公共预算财政拨款基本支出决算情况说明",
            "“三公”经费财政拨款支出决算情况说明",
            "政府性基金预算财政拨款收入支出决算情况说明",
            "国有资本经营预算财政拨款支出决算情况说明",
            "其他重要事项的情况说明",
            "名词解释",
            "附件",
        ]:
            needle = re.sub(r"\s", "", key)
            start = 2 if key != "附件" else first_page(ntexts, "名词解释", after=2)
            idx = first_page(ntexts, needle, after=start)
            if key == f"{YEAR}年度部门决算表":
                idx = first_page(ntexts, "部门决算表1.", after=2)
            printed[key] = pdf_index(idx) + 1 - 2
        part3_start = pdf_index(split) + 1 - 2
        npdf, tpdf, split2, _ = assemble(tmp, printed, part3_start)
        assert split2 == split, (split, split2)
        merged = pdfium.PdfDocument.new()
        nsrc, tsrc = pdfium.PdfDocument(str(npdf)), pdfium.PdfDocument(str(tpdf))
        merged.import_pages(nsrc, list(range(split)))
        merged.import_pages(tsrc)
        merged.import_pages(nsrc, list(range(split, len(nsrc))))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        merged.save(str(args.out))
        merged.close()
        nsrc.close()
        tsrc.close()
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for f in [tmp / "tables.xlsx", tmp / "narrative.docx", npdf, tpdf]:
                shutil.copy(f, args.keep / f.name)
    print(
        f"{args.out} ({args.out.stat().st_size // 1024} KB); narrative pages 1-{split}, tables {split + 1}-{split + n_tables}"
    )


def print_facts() -> None:
    def line(label, yuan):
        print(f"{label:<40} {fy(yuan):>20} 元  {fw(yuan):>12} 万元")

    build_xlsx(Path(tempfile.mkdtemp()) / "t.xlsx")  # fills TABLE_TITLES
    line("收入总计=支出总计", GRAND_TOTAL)
    line("本年收入合计", INCOME_TOTAL)
    line("本年支出合计", EXPENSE_TOTAL)
    line("年初结转和结余", OPENING)
    line("年末结转和结余", CLOSING)
    for k, lab in [
        ("fr", "一般公共预算财政拨款收入"),
        ("gr", "政府性基金预算财政拨款收入"),
        ("finr", "财政拨款收入"),
        ("br", "事业收入"),
        ("opr", "经营收入"),
        ("orv", "其他收入"),
        ("basic", "基本支出"),
        ("proj", "项目支出"),
        ("op", "经营支出"),
        ("fin", "一般公共预算财政拨款支出"),
        ("fb", "一般公共预算财政拨款基本支出"),
        ("fp", "一般公共预算财政拨款项目支出"),
        ("gp", "政府性基金支出"),
        ("fo", "年初一般公共预算结转"),
        ("fc", "年末一般公共预算结转"),
        ("gfo", "年初基金结转"),
        ("gc", "年末基金结转"),
        ("finx", "财政拨款支出"),
    ]:
        line(lab, T[k])
    line("财政拨款收支总计", FIN_TOTAL)
    line("年初财政拨款结转和结余", FIN_OPEN)
    line("年末财政拨款结转和结余", FIN_CLOSE)
    line("一般公共预算年初预算合计", BUDGET_TOTAL)
    print("完成年初预算%", pct(T["fin"], BUDGET_TOTAL))
    line("人员经费", PERSONNEL_TOTAL)
    line("公用经费", PUBLIC_TOTAL)
    for k in ("total", "abroad", "car", "car_buy", "car_run", "reception"):
        line(f"三公 预算 {k}", SG_B[k])
        line(f"三公 决算 {k}", SG_F[k])
    print("三公 完成%", pct(SG_F["total"], SG_B["total"]), "车 完成%", pct(SG_F["car"], SG_B["car"]))
    line("机关运行经费", RUNNING_COST)
    line("政府采购总额", PROC_TOTAL)
    for k, v in PROC.items():
        line(f"采购 {k}", v)
    print("中小企业%", pct(PROC["sme"], PROC_TOTAL), "小微%", pct(PROC["small_micro"], PROC_TOTAL))
    print("shares: 财政拨款收入%", pct(T["finr"], INCOME_TOTAL), "事业%", pct(T["br"], INCOME_TOTAL))
    print("basic%", pct(T["basic"], EXPENSE_TOTAL), "proj%", pct(T["proj"], EXPENSE_TOTAL))
    for lab, now, prev in [
        ("总计", GRAND_TOTAL, PREV["total"]),
        ("本年收入", INCOME_TOTAL, PREV["income"]),
        ("本年支出", EXPENSE_TOTAL, PREV["expense"]),
        ("财政拨款总计", FIN_TOTAL, PREV["fin_total"]),
        ("一般公共预算支出", T["fin"], PREV["gpb_expense"]),
        ("基本支出(gpb)", T["fb"], PREV["basic"]),
        ("基金支出", T["gp"], PREV["fund"]),
        ("三公", SG_F["total"], PREV["sangong"]),
        ("机关运行", RUNNING_COST, PREV["running"]),
    ]:
        print(f"change {lab}: {change(now, prev)}")
    print("--- units")
    for u, (name, _) in UNITS.items():
        ut = UNIT_T[u]
        print(
            name,
            {
                k: fy(ut[k])
                for k in ("open", "inc", "finr", "br", "opr", "orv", "exp", "basic", "proj", "op", "close")
            },
        )
    print("--- 类 (all funds exp / gpb fin)")
    for c, r in CLASS.items():
        print(c, r["name"], fy(r["exp"]), fy(r["inc"]), fy(r["fin"]), fw(r["fin"]))
    print("--- 项")
    for c in CODES:
        b = BYCODE[c]
        print(
            c,
            NAMES[c],
            "exp",
            fy(b["exp"]),
            "inc",
            fy(b["inc"]),
            "fin",
            fy(b["fin"]),
            fw(b["fin"]),
            "budget",
            fw(budget_of.get(c, ZERO)),
            pct(b["fin"], budget_of.get(c, ZERO)),
            "gp",
            fy(b["gp"]),
        )
    print("--- econ")
    for _, _, lst in PERSONNEL + PUBLIC:
        for c, nm, a in lst:
            print(c, nm, fy(a))
    print("cars", N_CARS, "titles", TABLE_TITLES)


if __name__ == "__main__":
    main()
