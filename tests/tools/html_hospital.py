"""Generate a Chromium-printed 2024年度单位决算 test PDF (run by hand, not by the test suite).

    .venv/bin/python tests/tools/html_hospital.py [--out tests/fixtures/html/hospital-2024-final.pdf]
                                                  [--html /tmp/hospital.html]

Writes the whole disclosure of an invented public hospital (云溪县人民医院, a 事业单位 whose money is
mostly 事业收入 — 医疗收入) as ONE HTML page and prints it with headless Chromium
(``chromium --headless --print-to-pdf``), the way units that keep their disclosure as a web page
(or export it from a browser-based office suite) produce their PDFs: Skia/PDF, text in
WenQuanYi Zen Hei with Latin digits in Liberation Serif (fontconfig's stand-in for Times New Roman),
table borders painted as thin filled rectangles, A4 pages, one landscape page (``@page wide``),
``page-break-before`` for every table, a long table whose ``<thead>`` Chromium repeats on the next
page, and a landscape table whose last page holds only its 合计 row (no title, no header).

Every figure is written once below (``ITEMS``, ``ECON``, ``INCOME``, ``SANGONG_*``, ``PREV`` …) and
everything else — table totals, 类/款 subtotals, narrative sums, shares and changes — is derived from
them, so the tables add up and the narrative agrees with the tables.  Amounts in 万元 except the
table of medical equipment bought for 100万元 or more (元).  Content is deterministic; the PDF's bytes
may differ between runs (CreationDate).
"""

from __future__ import annotations

import argparse
import html
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

from common import cn, d, fmt, pct  # shared with the other generators

UNIT = "云溪县人民医院"
DEPT = "云溪县卫生健康局"
YEAR = 2024
PREV_YEAR = YEAR - 1
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (  # as tests/conftest.py starts it, plus --no-pdf-header-footer
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
    "--disable-pdf-tagging",  # a tagged PDF (structure tree) would be ~3x larger
)

D = Decimal
ZERO = D("0")
CENT = D("0.01")


# ============================================================ the data (万元)

CLASS_NAMES = {
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "20808": "抚恤",
    "210": "卫生健康支出",
    "21002": "公立医院",
    "21004": "公共卫生",
    "21006": "中医药",
    "21011": "行政事业单位医疗",
    "221": "住房保障支出",
    "22102": "住房改革支出",
}

# Each 项: fb/fp = 一般公共预算财政拨款 基本/项目支出; nb/np = 非财政拨款 (事业收入等) 基本/项目支出;
# op = 经营支出; extra_fr = 财政拨款收入 not spent this year (结转下年); budget = 年初预算
# (一般公共预算财政拨款); why = reason for 决算 ≠ 年初预算.  fb and nb of 2100201 综合医院 are the
# remainders that make the function classification agree with ECON (基本支出 by economic subject).
ITEMS = [
    dict(
        code="2080502",
        name="事业单位离退休",
        fb=286.40,
        budget=280.00,
        why="本年度新增退休人员10名，退休费支出相应增加",
    ),
    dict(
        code="2080505",
        name="机关事业单位基本养老保险缴费支出",
        fb=612.35,
        nb=846.20,
        budget=598.00,
        why="调整缴费基数后，单位缴纳的基本养老保险费增加",
    ),
    dict(
        code="2080506",
        name="机关事业单位职业年金缴费支出",
        fb=245.18,
        nb=338.62,
        budget=240.00,
        why="缴费基数调整，职业年金缴费相应增加",
    ),
    dict(
        code="2080801",
        name="死亡抚恤",
        fb=32.60,
        budget=0,
        why="年内有4名退休职工去世，按规定发放一次性抚恤金和丧葬费，年初未列入预算",
    ),
    dict(
        code="2100201",
        name="综合医院",
        fb=None,
        fp=1135.60,
        nb=None,
        np=2856.30,
        op=172.85,
        extra_fr=85.40,
        budget=1980.00,
        why="年中追加公立医院医疗设备购置补助和重点专科建设补助资金",
    ),
    dict(
        code="2100299",
        name="其他公立医院支出",
        fp=180.00,
        budget=150.00,
        why="年中追加县域医共体信息化建设补助资金",
    ),
    dict(
        code="2100408",
        name="基本公共卫生服务",
        fp=96.50,
        budget=100.00,
        why="部分基本公共卫生服务项目按考核结果拨付，实际支出略少于年初预算",
    ),
    dict(
        code="2100409",
        name="重大公共卫生服务",
        fp=68.20,
        budget=50.00,
        why="上级追加农村妇女“两癌”检查和严重精神障碍患者救治补助资金",
    ),
    dict(
        code="2100410",
        name="突发公共卫生事件应急处理",
        fp=42.00,
        budget=0,
        why="年中追加突发公共卫生事件应急物资储备和发热门诊改造经费，年初未列入预算",
    ),
    dict(code="2100601", name="中医（民族医）药专项", fp=25.00, budget=25.00, why=""),
    dict(
        code="2101102",
        name="事业单位医疗",
        fb=198.64,
        nb=412.30,
        budget=195.00,
        why="缴费基数调整，职工基本医疗保险缴费增加",
    ),
    dict(
        code="2210201",
        name="住房公积金",
        fb=268.90,
        nb=586.40,
        budget=262.00,
        why="缴存基数调整，住房公积金支出增加",
    ),
]

# 基本支出 by economic subject: (code, name, 决算数 all funds, of which 一般公共预算财政拨款)
ECON = [
    (
        "301",
        "工资福利支出",
        [
            ("30101", "基本工资", 3856.42, 612.80),
            ("30102", "津贴补贴", 2415.60, 286.50),
            ("30103", "奖金", 486.30, 0),
            ("30107", "绩效工资", 7862.45, 0),
            ("30108", "机关事业单位基本养老保险缴费", 1458.55, 612.35),
            ("30109", "职业年金缴费", 583.80, 245.18),
            ("30110", "职工基本医疗保险缴费", 610.94, 198.64),
            ("30112", "其他社会保障缴费", 86.25, 0),
            ("30113", "住房公积金", 855.30, 268.90),
            ("30199", "其他工资福利支出", 1268.40, 0),
        ],
    ),
    (
        "302",
        "商品和服务支出",
        [
            ("30201", "办公费", 168.35, 0),
            ("30202", "印刷费", 86.20, 0),
            ("30205", "水费", 126.48, 0),
            ("30206", "电费", 468.72, 0),
            ("30207", "邮电费", 52.16, 0),
            ("30209", "物业管理费", 586.30, 0),
            ("30211", "差旅费", 72.45, 0),
            ("30213", "维修（护）费", 412.60, 0),
            ("30214", "租赁费", 38.50, 0),
            ("30215", "会议费", 6.80, 0),
            ("30216", "培训费", 48.60, 0),
            ("30217", "公务接待费", 1.20, 1.20),
            ("30218", "专用材料费", 14286.52, 0),
            ("30224", "被装购置费", 45.30, 0),
            ("30225", "专用燃料费", 36.84, 0),
            ("30226", "劳务费", 215.40, 0),
            ("30227", "委托业务费", 326.70, 0),
            ("30228", "工会经费", 168.90, 0),
            ("30229", "福利费", 210.35, 0),
            ("30231", "公务用车运行维护费", 6.42, 6.42),
            ("30239", "其他交通费用", 28.60, 0),
            ("30240", "税金及附加费用", 12.35, 0),
            ("30299", "其他商品和服务支出", 685.20, 0),
        ],
    ),
    (
        "303",
        "对个人和家庭的补助",
        [
            ("30302", "退休费", 286.40, 286.40),
            ("30304", "抚恤金", 32.60, 32.60),
            ("30305", "生活补助", 18.60, 0),
            ("30307", "医疗费补助", 24.85, 0),
            ("30309", "奖励金", 3.20, 0),
        ],
    ),
    (
        "310",
        "资本性支出",
        [
            ("31002", "办公设备购置", 56.80, 0),
            ("31003", "专用设备购置", 486.25, 0),
            ("31007", "信息网络及软件购置更新", 42.60, 0),
        ],
    ),
]
PERSONNEL_GROUPS = ("301", "303")  # 人员经费; 302 and 310 are 公用经费

INCOME = dict(  # 本年收入 (万元) other than 财政拨款 (which is derived from ITEMS)
    outpatient=13286.45,  # 门诊收入
    inpatient=25126.23,  # 住院收入
    research=237.52,  # 科教收入 (事业收入 other than 医疗收入)
    business=186.40,  # 经营收入 (停车场、营养食堂)
    other=412.36,  # 其他收入 (利息收入、捐赠收入等)
)
OPENING_FIN = 36.20  # 年初财政拨款结转和结余 (一般公共预算)
OPENING_NONFIN = 2865.40  # 年初非财政拨款结转和结余

# “三公”经费 (一般公共预算财政拨款): 预算数 and 决算数
SANGONG_BUDGET = dict(abroad=0, car_buy=0, car_run=8.00, reception=2.00)
SANGONG_FINAL = dict(abroad=0, car_buy=0, car_run=6.42, reception=1.20)  # = 30231 and 30217 above
RECEPTION_BATCHES, RECEPTION_PERSONS = 12, 86
OFFICIAL_CARS, AMBULANCES = 3, 8  # 公务用车 / 救护车 (特种专业技术用车)

PREV = dict(  # 2023年度 figures quoted in the narrative
    total=43068.95,  # 收入总计 = 支出总计
    income=40312.57,  # 本年收入合计
    expense=40168.73,  # 本年支出合计
    medical=36250.18,  # 医疗收入
    gpb_expense=3786.45,  # 一般公共预算财政拨款支出
    sangong=8.95,  # “三公”经费财政拨款支出
)

PROCUREMENT = dict(goods=3215.60, works=386.20, services=384.65, sme=2860.30)
# medical equipment bought in 2024 for 100万元 or more each (元): name, 单位, 数量, 单价, 资金来源
EQUIPMENT = [
    ("64排128层螺旋CT", "台", 1, 4860000, "自有资金"),
    ("1.5T超导磁共振成像系统（MRI）", "台", 1, 7950000, "财政拨款、自有资金"),
    ("数字减影血管造影系统（DSA）", "台", 1, 6280000, "自有资金"),
    ("彩色多普勒超声诊断仪", "台", 2, 1150000, "自有资金"),
    ("全自动生化免疫分析流水线", "套", 1, 1680000, "自有资金"),
    ("电子胃肠镜系统", "套", 1, 1360000, "自有资金"),
    ("移动式数字化X射线摄影系统（移动DR）", "台", 1, 1050000, "财政拨款"),
]
ASSETS = dict(total=68452.30, fixed=32186.45)  # 资产总额 / 固定资产净值 (万元)
EQUIP_100W, EQUIP_CT, EQUIP_MRI, EQUIP_DSA = 24, 3, 2, 1  # 单价100万元以上设备 holdings, 台（套）

STAFF = dict(quota=420, active=836, tech=712, doctors=238, nurses=362, retired=196)
BEDS, BEDS_OPEN = 500, 568
SECTIONS = dict(admin=12, clinical=19, tech=8)  # 职能科室 / 临床科室 / 医技科室
VISITS, DISCHARGES, SURGERIES = "62.35", "2.86", "9,826"  # 门急诊万人次 / 出院万人次 / 手术台次
PERF_PROJECTS, PERF_SCORE, PERF_UNIT_SCORE = 7, "95.5", "93.6"


# ============================================================ derived figures

KEYS = (
    "fb",
    "fp",
    "nb",
    "np",
    "op",
    "fr",
    "br",
    "orv",
    "biz",
    "budget",
    "fin",
    "basic",
    "proj",
    "exp",
    "inc",
)


def _prepare():
    for it in ITEMS:
        for k in ("fb", "fp", "nb", "np", "op", "extra_fr", "budget"):
            it[k] = d(it.get(k) or 0)
    fin_total = sum(d(f) for _, _, rows in ECON for _, _, _, f in rows)
    all_total = sum(d(a) for _, _, rows in ECON for _, _, a, _ in rows)
    hosp = next(it for it in ITEMS if it["code"] == "2100201")
    hosp["fb"] = fin_total - sum(it["fb"] for it in ITEMS if it is not hosp)
    hosp["nb"] = (all_total - fin_total) - sum(it["nb"] for it in ITEMS if it is not hosp)
    assert hosp["fb"] > 0 and hosp["nb"] > 0
    br_total = d(INCOME["outpatient"]) + d(INCOME["inpatient"]) + d(INCOME["research"])
    for it in ITEMS:
        it["fin"] = it["fb"] + it["fp"]  # 一般公共预算财政拨款支出
        it["fr"] = it["fin"] + it["extra_fr"]  # 财政拨款收入
        it["basic"] = it["fb"] + it["nb"]
        it["proj"] = it["fp"] + it["np"]
        it["exp"] = it["basic"] + it["proj"] + it["op"]  # 本年支出合计
        it["br"] = it["nb"] + it["np"]  # 事业收入 (2100201: the remainder, below)
        it["orv"] = it["biz"] = ZERO
        it["level"] = 3
    hosp["br"] = br_total - sum(it["br"] for it in ITEMS if it is not hosp)
    hosp["orv"], hosp["biz"] = d(INCOME["other"]), d(INCOME["business"])
    for it in ITEMS:
        it["inc"] = it["fr"] + it["br"] + it["orv"] + it["biz"]  # 本年收入合计


_prepare()


def hierarchy() -> list[dict]:
    """类, 款, 项 rows in order, with 类/款 sums of every amount."""
    rows: list[dict] = []
    for lei in sorted({it["code"][:3] for it in ITEMS}):
        members = [it for it in ITEMS if it["code"].startswith(lei)]
        rows.append(
            dict(code=lei, name=CLASS_NAMES[lei], level=1, **{k: sum(m[k] for m in members) for k in KEYS})
        )
        for kuan in sorted({it["code"][:5] for it in members}):
            sub = [it for it in members if it["code"].startswith(kuan)]
            rows.append(
                dict(code=kuan, name=CLASS_NAMES[kuan], level=2, **{k: sum(m[k] for m in sub) for k in KEYS})
            )
            rows.extend(sub)
    return rows


ROWS = hierarchy()
T = {k: sum(it[k] for it in ITEMS) for k in KEYS}  # 合计 of every amount
CLASS = {r["code"]: r for r in ROWS if r["level"] == 1}
ITEM = {it["code"]: it for it in ITEMS}

MEDICAL = d(INCOME["outpatient"]) + d(INCOME["inpatient"])  # 医疗收入
assert MEDICAL + d(INCOME["research"]) == T["br"]
ECON_GROUP = {
    code: (sum(d(a) for _, _, a, _ in rows), sum(d(f) for _, _, _, f in rows)) for code, _, rows in ECON
}
BASIC_ALL = sum(a for a, _ in ECON_GROUP.values())
BASIC_FIN = sum(f for _, f in ECON_GROUP.values())
assert BASIC_ALL == T["basic"] and BASIC_FIN == T["fb"]
PERSONNEL_FIN = sum(ECON_GROUP[c][1] for c in PERSONNEL_GROUPS)  # 财政拨款人员经费
PUBLIC_FIN = BASIC_FIN - PERSONNEL_FIN  # 财政拨款公用经费
ECON_FIN = {c: d(f) for _, _, rows in ECON for c, _, _, f in rows}
assert ECON_FIN["30217"] == d(SANGONG_FINAL["reception"]) and ECON_FIN["30231"] == d(SANGONG_FINAL["car_run"])

INCOME_TOTAL = T["inc"]
EXPENSE_TOTAL = T["exp"]
OPENING = d(OPENING_FIN) + d(OPENING_NONFIN)
GRAND_TOTAL = INCOME_TOTAL + OPENING  # 收入总计 = 支出总计
CLOSING = GRAND_TOTAL - EXPENSE_TOTAL
FIN_TOTAL = d(OPENING_FIN) + T["fr"]  # 财政拨款收入支出总计
FIN_CLOSING = FIN_TOTAL - T["fin"]
assert CLOSING > 0 and FIN_CLOSING > 0


def sg(which: dict) -> dict:
    out = {k: d(v) for k, v in which.items()}
    out["car"] = out["car_buy"] + out["car_run"]
    out["total"] = out["abroad"] + out["car"] + out["reception"]
    return out


SG_B, SG_F = sg(SANGONG_BUDGET), sg(SANGONG_FINAL)
PROC_TOTAL = sum(d(PROCUREMENT[k]) for k in ("goods", "works", "services"))
EQUIP_ROWS = [(n, u, q, D(p), D(p) * q, src) for n, u, q, p, src in EQUIPMENT]
EQUIP_COUNT = sum(q for _, _, q, _, _, _ in EQUIP_ROWS)
EQUIP_YUAN = sum(a for *_, a, _ in EQUIP_ROWS)
assert EQUIP_YUAN / 10000 < d(PROCUREMENT["goods"])


def change(now, prev, up=("增加", "增长"), down=("减少", "下降")) -> str:
    diff = d(now) - d(prev)
    a, b = up if diff >= 0 else down
    return f"{a}{fmt(abs(diff))}万元，{b}{pct(abs(diff), prev)}%"


LEI_LIST = [  # the national 支出功能分类 类 list printed on 表一 (empty rows included, as real forms do)
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
    ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
]
CN_NUM = "一二三四五六七八九十"


# ============================================================ HTML

CSS = """
@page { size: A4; margin: 22mm 20mm 20mm 20mm;
        @bottom-center { content: "— " counter(page) " —"; font-family: "Times New Roman"; font-size: 9pt; } }
@page wide { size: A4 landscape; margin: 14mm 16mm 14mm 16mm; }
@page cover { margin: 0; @bottom-center { content: none; } }
html { -webkit-print-color-adjust: exact; }
body { font-family: "Times New Roman", "WenQuanYi Zen Hei", serif; font-size: 12pt; line-height: 1.75; margin: 0; }
.cover { page: cover; height: 296mm; text-align: center; font-family: "WenQuanYi Zen Hei"; }
.cover h1 { font-size: 26pt; padding-top: 80mm; margin: 0; letter-spacing: 2pt; }
.cover .sub { font-size: 16pt; margin-top: 110mm; line-height: 2.2; }
h2 { font-family: "WenQuanYi Zen Hei"; font-size: 16pt; text-align: center; margin: 0 0 6mm 0; }
h3 { font-family: "WenQuanYi Zen Hei"; font-size: 13pt; margin: 4mm 0 1mm 0; }
h4 { font-family: "WenQuanYi Zen Hei"; font-size: 12pt; margin: 2mm 0 0 0; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p { text-indent: 2em; margin: 0 0 1mm 0; text-align: justify; }
.toc p { text-indent: 0; margin: 0; line-height: 2.0; }
.toc .l2 { padding-left: 2em; }
.newpage { page-break-before: always; }
.sheet { page-break-before: always; }
.wide { page: wide; }
.sheet h2 { font-size: 15pt; margin: 0 0 2mm 0; }
.meta { display: flex; justify-content: space-between; font-size: 10pt; line-height: 1.4; margin-bottom: 1mm; }
.form { text-align: right; font-size: 9pt; line-height: 1.2; }
table.t { border-collapse: collapse; width: 100%; font-size: 9.5pt; line-height: 1.25; }
table.t th, table.t td { border: 0.6pt solid #000; padding: 1.6pt 3pt; }
table.t th { font-family: "WenQuanYi Zen Hei"; font-weight: normal; text-align: center; vertical-align: middle; }
table.t td.n { text-align: right; white-space: nowrap; }
table.t td.c { text-align: center; }
table.t tr.b td { font-family: "WenQuanYi Zen Hei"; }
table.t thead { display: table-header-group; }
table.t tr { page-break-inside: avoid; }
.note { font-size: 9pt; line-height: 1.4; text-indent: 0; margin-top: 1.5mm; }
.gloss p { margin-bottom: 1.5mm; }
"""


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def num(v, zero_blank=True, sep=True) -> str:
    v = d(v)
    if zero_blank and not v:
        return '<td class="n"></td>'
    return f'<td class="n">{fmt(v, sep)}</td>'


def td(text="", cls="", span=1, rspan=1) -> str:
    attrs = (f' class="{cls}"' if cls else "") + (f' colspan="{span}"' if span > 1 else "")
    attrs += f' rowspan="{rspan}"' if rspan > 1 else ""
    return f"<td{attrs}>{esc(str(text))}</td>"


def th(text="", span=1, rspan=1, style="") -> str:
    attrs = (f' colspan="{span}"' if span > 1 else "") + (f' rowspan="{rspan}"' if rspan > 1 else "")
    attrs += f' style="{style}"' if style else ""
    return f"<th{attrs}>{esc(text)}</th>"


def sheet(title: str, form: str, body: str, note: str = "", wide=False, unit="万元") -> str:
    cls = "sheet wide" if wide else "sheet"
    out = [f'<section class="{cls}">', f'<div class="form">{form}</div>', f"<h2>{esc(title)}</h2>"]
    out.append(f'<div class="meta"><span>单位名称：{UNIT}</span><span>单位：{unit}</span></div>')
    out.append(body)
    if note:
        out.append(f'<p class="note">{esc(note)}</p>')
    out.append("</section>")
    return "\n".join(out)


TABLE_TITLES: list[str] = []


def t_title(name: str) -> str:
    TABLE_TITLES.append(name)
    return name


def table_zongbiao() -> str:  # 表一 收入支出决算总表
    head = (
        "<thead><tr>"
        + th("收入", 3)
        + th("支出", 3)
        + "</tr><tr>"
        + th("项目")
        + th("行次")
        + th("金额")
        + th("项目")
        + th("行次")
        + th("金额")
        + "</tr></thead>"
    )
    left = [
        ("一、一般公共预算财政拨款收入", T["fr"]),
        ("二、政府性基金预算财政拨款收入", ZERO),
        ("三、国有资本经营预算财政拨款收入", ZERO),
        ("四、上级补助收入", ZERO),
        ("五、事业收入", T["br"]),
        ("六、经营收入", T["biz"]),
        ("七、附属单位上缴收入", ZERO),
        ("八、其他收入", T["orv"]),
    ]
    right = [
        (f"{cn(i)}、{name}", CLASS[code]["exp"] if code in CLASS else ZERO)
        for i, (code, name) in enumerate(LEI_LIST, 1)
    ]
    n = len(right)
    rows = []
    for i in range(n):
        ll, lv = left[i] if i < len(left) else ("", ZERO)
        rl, rv = right[i]
        rows.append(
            "<tr>"
            + td(ll)
            + td(i + 1 if ll else "", "c")
            + num(lv)
            + td(rl)
            + td(n + 4 + i + 1, "c")
            + num(rv)
            + "</tr>"
        )
    tail_l = [
        ("本年收入合计", INCOME_TOTAL),
        ("使用非财政拨款结余", ZERO),
        ("年初结转和结余", OPENING),
        ("总计", GRAND_TOTAL),
    ]
    tail_r = [
        ("本年支出合计", EXPENSE_TOTAL),
        ("结余分配", ZERO),
        ("年末结转和结余", CLOSING),
        ("总计", GRAND_TOTAL),
    ]
    for j, ((ll, lv), (rl, rv)) in enumerate(zip(tail_l, tail_r, strict=True)):
        rows.append(
            f'<tr class="{"b" if j in (0, 3) else ""}">'
            + td(ll, "c")
            + td(n + j + 1, "c")
            + num(lv, zero_blank=False)
            + td(rl, "c")
            + td(2 * n + 4 + j + 1, "c")
            + num(rv, zero_blank=False)
            + "</tr>"
        )
    body = f'<table class="t">{head}<tbody>{"".join(rows)}</tbody></table>'
    return sheet(
        t_title(f"{YEAR}年度收入支出决算总表"),
        "表一",
        body,
        "注：本表反映单位本年度的总收支和年末结转结余情况。",
    )


def table_income() -> str:  # 表二 收入决算表 (whole codes)
    heads = [
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ]
    head = (
        "<thead><tr>"
        + th("项目", 2)
        + "".join(th(h, 1, 2, "width:9%") for h in heads)
        + "</tr><tr>"
        + th("科目编码", style="width:10%")
        + th("科目名称")
        + "</tr></thead>"
    )
    keys = ["inc", "fr", None, "br", "biz", None, "orv"]
    rows = ['<tr class="b">' + td("合计", "c", 2) + "".join(num(T[k] if k else ZERO) for k in keys) + "</tr>"]
    for r in ROWS:
        cls = ' class="b"' if r["level"] < 3 else ""
        rows.append(
            f"<tr{cls}>"
            + td(r["code"], "c")
            + td(r["name"])
            + "".join(num(r[k] if k else ZERO) for k in keys)
            + "</tr>"
        )
    body = f'<table class="t">{head}<tbody>{"".join(rows)}</tbody></table>'
    return sheet(
        t_title(f"{YEAR}年度收入决算表"),
        "表二",
        body,
        "注：本表反映单位本年度取得的各项收入情况。事业收入中医疗收入"
        f"{fmt(MEDICAL)}万元、科教收入{fmt(INCOME['research'])}万元。",
    )


def split_code(r) -> tuple[str, str, str]:
    """类 row: 类; 款 row: 款 only; 项 row: 项 only (blanks inherited from the rows above)."""
    c = r["code"]
    if r["level"] == 1:
        return c, "", ""
    if r["level"] == 2:
        return "", c[3:5], ""
    return "", "", c[5:7]


# row height (pt) of 表三's body rows: tuned so that the table fills its landscape page exactly and
# only the 合计 row goes over onto the next page (checked after printing)
EXPENSE_ROW_PT = 16.5


def table_expense() -> (
    str
):  # 表三 支出决算表 (landscape; split codes; 合计 at the bottom; header not repeated)
    heads = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    hdr = (
        "<tr>"
        + th("项目", 4)
        + "".join(th(h, 1, 3, "width:11%") for h in heads)
        + "</tr><tr>"
        + th("科目编码", 3)
        + th("科目名称", 1, 2)
        + "</tr><tr>"
        + th("类")
        + th("款")
        + th("项")
        + "</tr>"
        + "<tr>"
        + th("栏次", 4)
        + "".join(th(str(i)) for i in range(1, 7))
        + "</tr>"
    )
    keys = ["exp", "basic", "proj", None, "op", None]
    rows = []
    for r in ROWS:
        a, b, c = split_code(r)
        cls = ' class="b"' if r["level"] < 3 else ""
        rows.append(
            f'<tr{cls} style="height:{EXPENSE_ROW_PT}pt">'
            + td(a, "c")
            + td(b, "c")
            + td(c, "c")
            + td(r["name"])
            + "".join(num(r[k] if k else ZERO) for k in keys)
            + "</tr>"
        )
    rows.append(
        f'<tr class="b" style="height:{EXPENSE_ROW_PT}pt">'
        + td("合计", "c", 4)
        + "".join(num(T[k] if k else ZERO, zero_blank=False) for k in keys)
        + "</tr>"
    )
    body = (
        f'<table class="t" style="font-size:10pt">'
        f'<colgroup><col style="width:4.5%"><col style="width:4.5%"><col style="width:4.5%"><col></colgroup>'
        f"<tbody>{hdr}{''.join(rows)}</tbody></table>"
    )
    return sheet(t_title(f"{YEAR}年度支出决算表"), "表三", body, wide=True)


def table_fin_total() -> str:  # 表四 财政拨款收入支出决算总表
    head = (
        "<thead><tr>"
        + th("收入", 2)
        + th("支出", 4)
        + "</tr><tr>"
        + th("项目")
        + th("金额")
        + th("项目")
        + th("合计")
        + th("一般公共预算财政拨款")
        + th("政府性基金预算财政拨款")
        + "</tr></thead>"
    )
    left = [
        ("一、一般公共预算财政拨款", T["fr"]),
        ("二、政府性基金预算财政拨款", ZERO),
        ("三、国有资本经营预算财政拨款", ZERO),
    ]
    right = [(f"{cn(i + 1)}、{CLASS_NAMES[c]}", CLASS[c]["fin"]) for i, c in enumerate(sorted(CLASS))]
    rows = []
    for i in range(max(len(left), len(right))):
        ll, lv = left[i] if i < len(left) else ("", ZERO)
        rl, rv = right[i] if i < len(right) else ("", ZERO)
        rows.append("<tr>" + td(ll) + num(lv) + td(rl) + num(rv) + num(rv) + num(ZERO) + "</tr>")
    tail = [
        ("本年收入合计", T["fr"], "本年支出合计", T["fin"]),
        ("年初财政拨款结转和结余", d(OPENING_FIN), "年末财政拨款结转和结余", FIN_CLOSING),
        ("一般公共预算财政拨款", d(OPENING_FIN), "", None),
        ("政府性基金预算财政拨款", ZERO, "", None),
        ("总计", FIN_TOTAL, "总计", FIN_TOTAL),
    ]
    for j, (ll, lv, rl, rv) in enumerate(tail):
        cls = ' class="b"' if j in (0, 4) else ""
        right_cells = (
            td(rl, "c") + num(rv, zero_blank=False) + num(rv, zero_blank=False) + num(ZERO, False)
            if rv is not None
            else td() + td() + td() + td()
        )
        rows.append(
            f"<tr{cls}>"
            + td(ll, "c" if j in (0, 1, 4) else "")
            + num(lv, zero_blank=False)
            + right_cells
            + "</tr>"
        )
    body = f'<table class="t">{head}<tbody>{"".join(rows)}</tbody></table>'
    return sheet(
        t_title(f"{YEAR}年度财政拨款收入支出决算总表"),
        "表四",
        body,
        "注：本表反映单位本年度一般公共预算财政拨款和政府性基金预算财政拨款的总收支和年末结转结余情况。",
    )


def table_gpb() -> str:  # 表五 一般公共预算财政拨款支出决算表 (whole codes; 年初预算数 + 决算数)
    head = (
        "<thead><tr>"
        + th("项目", 2)
        + th("年初预算数", 1, 2, "width:13%")
        + th("决算数", 3)
        + "</tr><tr>"
        + th("科目编码", style="width:13%")
        + th("科目名称")
        + th("合计", style="width:13%")
        + th("基本支出", style="width:13%")
        + th("项目支出", style="width:13%")
        + "</tr></thead>"
    )
    rows = [
        '<tr class="b">'
        + td("合计", "c", 2)
        + num(T["budget"])
        + num(T["fin"])
        + num(T["fb"])
        + num(T["fp"])
        + "</tr>"
    ]
    for r in ROWS:
        if not r["fin"]:
            continue
        cls = ' class="b"' if r["level"] < 3 else ""
        rows.append(
            f"<tr{cls}>"
            + td(r["code"], "c")
            + td(r["name"])
            + num(r["budget"], zero_blank=False)
            + num(r["fin"])
            + num(r["fb"])
            + num(r["fp"])
            + "</tr>"
        )
    body = f'<table class="t">{head}<tbody>{"".join(rows)}</tbody></table>'
    return sheet(
        t_title(f"{YEAR}年度一般公共预算财政拨款支出决算表"),
        "表五",
        body,
        "注：本表反映单位本年度一般公共预算财政拨款实际支出情况，年初预算数为年初批复的一般公共预算财政拨款预算数。",
    )


def table_basic() -> str:  # 表六 基本支出决算表 (long; <thead> repeated on the next page)
    head = (
        "<thead><tr>"
        + th("经济分类科目", 2)
        + th("决算数", 3)
        + "</tr><tr>"
        + th("科目编码", style="width:13%")
        + th("科目名称")
        + th("合计", style="width:15%")
        + th("一般公共预算财政拨款", style="width:17%")
        + th("非财政拨款资金", style="width:15%")
        + "</tr></thead>"
    )
    rows = []
    for code, name, items in ECON:
        a, f = ECON_GROUP[code]
        rows.append('<tr class="b">' + td(code, "c") + td(name) + num(a) + num(f) + num(a - f) + "</tr>")
        for c, nm, aa, ff in items:
            aa, ff = d(aa), d(ff)
            rows.append("<tr>" + td(c, "c") + td(nm) + num(aa) + num(ff) + num(aa - ff) + "</tr>")
    rows.append(
        '<tr class="b">'
        + td("合计", "c", 2)
        + num(BASIC_ALL)
        + num(BASIC_FIN)
        + num(BASIC_ALL - BASIC_FIN)
        + "</tr>"
    )
    body = f'<table class="t" style="font-size:10pt;line-height:1.5">{head}<tbody>{"".join(rows)}</tbody></table>'
    return sheet(
        t_title(f"{YEAR}年度基本支出决算表"),
        "表六",
        body,
        f"注：本表反映单位本年度基本支出按经济分类的明细情况。其中人员经费（工资福利支出、对个人和家庭的补助）"
        f"{fmt(sum(ECON_GROUP[c][0] for c in PERSONNEL_GROUPS))}万元，公用经费（商品和服务支出、资本性支出）"
        f"{fmt(BASIC_ALL - sum(ECON_GROUP[c][0] for c in PERSONNEL_GROUPS))}万元。",
    )


def table_sangong() -> str:  # 表七 “三公”经费支出决算表
    head = (
        "<thead><tr>"
        + th("预算数", 6)
        + "</tr><tr>"
        + th("合计", 1, 2)
        + th("因公出国（境）费", 1, 2)
        + th("公务用车购置及运行费", 3)
        + th("公务接待费", 1, 2)
        + "</tr><tr>"
        + th("小计")
        + th("购置费")
        + th("运行费")
        + "</tr></thead>"
    )
    keys = ["total", "abroad", "car", "car_buy", "car_run", "reception"]
    b_row = "<tr>" + "".join(num(SG_B[k], zero_blank=False) for k in keys) + "</tr>"
    head2 = (
        "<tr>"
        + th("决算数", 6)
        + "</tr><tr>"
        + th("合计", 1, 2)
        + th("因公出国（境）费", 1, 2)
        + th("公务用车购置及运行费", 3)
        + th("公务接待费", 1, 2)
        + "</tr><tr>"
        + th("小计")
        + th("购置费")
        + th("运行费")
        + "</tr>"
    )
    f_row = "<tr>" + "".join(num(SG_F[k], zero_blank=False) for k in keys) + "</tr>"
    body = f'<table class="t">{head}<tbody>{b_row}{head2}{f_row}</tbody></table>'
    return sheet(
        t_title(f"{YEAR}年度一般公共预算财政拨款“三公”经费支出决算表"),
        "表七",
        body,
        "注：本表反映单位本年度“三公”经费支出预算和决算情况。其中，预算数为“三公”经费年初预算数，决算数是包括当年"
        "一般公共预算财政拨款和以前年度结转资金安排的实际支出。救护车属于特种专业技术用车，其运行维护费用不在本表反映。",
    )


def table_fund() -> str:  # 表八 政府性基金 (empty)
    head = (
        "<thead><tr>"
        + th("项目", 2)
        + th("年初结转和结余", 1, 2)
        + th("本年收入", 1, 2)
        + th("本年支出", 3)
        + th("年末结转和结余", 1, 2)
        + "</tr><tr>"
        + th("科目编码")
        + th("科目名称")
        + th("小计")
        + th("基本支出")
        + th("项目支出")
        + "</tr></thead>"
    )
    rows = ['<tr class="b">' + td("合计", "c", 2) + "".join(td("", "n") for _ in range(6)) + "</tr>"]
    rows += ['<tr style="height:16pt">' + "".join(td() for _ in range(8)) + "</tr>" for _ in range(3)]
    body = f'<table class="t">{head}<tbody>{"".join(rows)}</tbody></table>'
    return sheet(
        t_title(f"{YEAR}年度政府性基金预算财政拨款收入支出决算表"),
        "表八",
        body,
        f"注：本单位{YEAR}年度没有使用政府性基金预算财政拨款安排的支出，故本表为空表。",
    )


def table_equipment() -> str:  # 表九 单价100万元以上医疗设备购置情况表 (元)
    head = (
        "<thead><tr>"
        + th("序号", style="width:7%")
        + th("设备名称")
        + th("单位", style="width:7%")
        + th("数量", style="width:7%")
        + th("单价", style="width:15%")
        + th("金额", style="width:16%")
        + th("资金来源", style="width:16%")
        + "</tr></thead>"
    )
    rows = []
    for i, (n, u, q, p, a, src) in enumerate(EQUIP_ROWS, 1):
        rows.append(
            "<tr>"
            + td(i, "c")
            + td(n)
            + td(u, "c")
            + td(q, "c")
            + f'<td class="n">{p:,.2f}</td>'
            + f'<td class="n">{a:,.2f}</td>'
            + td(src, "c")
            + "</tr>"
        )
    rows.append(
        '<tr class="b">'
        + td("合计", "c", 3)
        + td(EQUIP_COUNT, "c")
        + td("", "n")
        + f'<td class="n">{EQUIP_YUAN:,.2f}</td>'
        + td()
        + "</tr>"
    )
    body = f'<table class="t">{head}<tbody>{"".join(rows)}</tbody></table>'
    return sheet(
        t_title(f"{YEAR}年度单价100万元以上医疗设备购置情况表"),
        "表九",
        body,
        "注：本表反映单位本年度购置的单价100万元（含）以上医疗设备，金额单位为元，均已纳入政府采购货物类支出。",
        unit="元",
    )


# ------------------------------------------------------------ narrative


def item_paragraphs() -> list[str]:
    out = []
    for i, it in enumerate([it for it in ITEMS if it["fin"] or it["budget"]], 1):
        lei, kuan = CLASS_NAMES[it["code"][:3]], CLASS_NAMES[it["code"][:5]]
        head = f"{i}. {lei}（类）{kuan}（款）{it['name']}（项）（{it['code']}）："
        b, f = it["budget"], it["fin"]
        if b == f:
            txt = f"年初预算为{fmt(b)}万元，支出决算为{fmt(f)}万元，完成年初预算的100.00%，决算数与年初预算数持平。"
        elif not b:
            txt = f"年初预算为0万元，支出决算为{fmt(f)}万元。决算数大于年初预算数的主要原因是：{it['why']}。"
        else:
            more = "大于" if f > b else "小于"
            txt = (
                f"年初预算为{fmt(b)}万元，支出决算为{fmt(f)}万元，完成年初预算的{pct(f, b)}%。"
                f"决算数{more}年初预算数的主要原因是：{it['why']}。"
            )
        out.append(head + txt)
    return out


def narrative_parts() -> tuple[str, str, str]:
    """(第一部分 单位概况, 第三部分 情况说明, 第四部分 名词解释) as HTML."""
    P = lambda s: f"<p>{esc(s)}</p>"  # noqa: E731
    H3 = lambda s: f"<h3>{esc(s)}</h3>"  # noqa: E731
    H4 = lambda s: f"<h4>{esc(s)}</h4>"  # noqa: E731
    n_sections = sum(SECTIONS.values())

    part1 = [
        f'<section class="newpage"><h2>第一部分　{UNIT}概况</h2>',
        H3("一、主要职能"),
        P(
            f"{UNIT}是{DEPT}所属公益二类事业单位，是全县医疗、教学、科研、预防、保健和急救中心，为二级甲等综合医院，"
            "县域医疗共同体牵头单位。主要职能是：承担全县居民常见病、多发病的诊疗和急危重症患者的抢救；承担县域内"
            "120院前急救任务；承担基本公共卫生服务和重大公共卫生服务相关任务；指导乡镇卫生院开展业务工作，承担基层"
            "卫生技术人员进修培训；承担突发公共卫生事件的医疗救治工作。"
        ),
        H3("二、机构设置"),
        P(
            f"本单位为一级预算单位，无下属单位。医院内设科室{n_sections}个，其中职能科室{SECTIONS['admin']}个、临床科室"
            f"{SECTIONS['clinical']}个、医技科室{SECTIONS['tech']}个。编制床位{BEDS}张，实际开放床位{BEDS_OPEN}张。"
        ),
        H3("三、人员情况"),
        P(
            f"截至{YEAR}年12月31日，本单位核定事业编制{STAFF['quota']}名，在职职工{STAFF['active']}人（含编外聘用人员），"
            f"其中卫生技术人员{STAFF['tech']}人（执业（助理）医师{STAFF['doctors']}人、注册护士{STAFF['nurses']}人）；"
            f"离退休人员{STAFF['retired']}人。"
        ),
        H3("四、业务开展情况"),
        P(
            f"{YEAR}年，医院完成门急诊{VISITS}万人次，出院病人{DISCHARGES}万人次，住院手术{SURGERIES}台次；"
            "新增省级临床重点专科1个，胸痛中心、卒中中心通过省级验收。"
        ),
        "</section>",
    ]

    pinc = {
        k: pct(v, INCOME_TOTAL)
        for k, v in dict(fr=T["fr"], br=T["br"], biz=T["biz"], orv=T["orv"], med=MEDICAL).items()
    }
    s3 = [f'<section class="newpage"><h2>第三部分　{YEAR}年度单位决算情况说明</h2>']
    s3.append(H3("一、收入支出决算总体情况说明"))
    s3.append(
        P(
            f"{YEAR}年度收入总计{fmt(GRAND_TOTAL)}万元，支出总计{fmt(GRAND_TOTAL)}万元。与{PREV_YEAR}年度相比，收入、支出总计各"
            f"{change(GRAND_TOTAL, PREV['total'])}。主要原因：一是门急诊和住院服务量增长，医疗收入相应增加；二是新院区"
            "医技楼投入使用，医疗设备购置和人员支出增加。"
        )
    )
    s3.append(H3("二、收入决算情况说明"))
    s3.append(
        P(
            f"本年收入合计{fmt(INCOME_TOTAL)}万元，其中：财政拨款收入{fmt(T['fr'])}万元，占{pinc['fr']}%；事业收入"
            f"{fmt(T['br'])}万元，占{pinc['br']}%，其中医疗收入{fmt(MEDICAL)}万元（门诊收入{fmt(INCOME['outpatient'])}万元、"
            f"住院收入{fmt(INCOME['inpatient'])}万元），科教收入{fmt(INCOME['research'])}万元；经营收入{fmt(T['biz'])}万元，"
            f"占{pinc['biz']}%；其他收入{fmt(T['orv'])}万元，占{pinc['orv']}%。"
        )
    )
    s3.append(
        P(
            f"医疗收入占本年收入合计的{pinc['med']}%，较上年{change(MEDICAL, PREV['medical'])}，主要是门急诊人次和出院人次"
            "增加，以及新开展介入诊疗项目。经营收入主要为停车场和营养食堂收入；其他收入主要为银行存款利息收入和捐赠收入。"
        )
    )
    basic_p, proj_p, op_p = (
        pct(T["basic"], EXPENSE_TOTAL),
        pct(T["proj"], EXPENSE_TOTAL),
        pct(T["op"], EXPENSE_TOTAL),
    )
    s3.append(H3("三、支出决算情况说明"))
    s3.append(
        P(
            f"本年支出合计{fmt(EXPENSE_TOTAL)}万元，较上年{change(EXPENSE_TOTAL, PREV['expense'])}。其中：基本支出"
            f"{fmt(T['basic'])}万元，占{basic_p}%，主要用于在职人员工资福利、药品和卫生材料购置及医院日常运转；项目支出"
            f"{fmt(T['proj'])}万元，占{proj_p}%，主要用于医疗设备购置、重点专科建设和公共卫生服务项目；经营支出"
            f"{fmt(T['op'])}万元，占{op_p}%，为停车场和营养食堂的经营成本。"
        )
    )
    s3.append(H3("四、财政拨款收入支出决算总体情况说明"))
    s3.append(
        P(
            f"{YEAR}年度财政拨款收入总计{fmt(FIN_TOTAL)}万元，其中本年一般公共预算财政拨款收入{fmt(T['fr'])}万元，年初财政拨款"
            f"结转和结余{fmt(OPENING_FIN)}万元；财政拨款支出总计{fmt(FIN_TOTAL)}万元，其中本年一般公共预算财政拨款支出"
            f"{fmt(T['fin'])}万元，年末财政拨款结转和结余{fmt(FIN_CLOSING)}万元。本单位无政府性基金预算财政拨款收支。"
        )
    )
    s3.append(H3("五、一般公共预算财政拨款支出决算情况说明"))
    s3.append(H4("（一）总体情况"))
    s3.append(
        P(
            f"{YEAR}年度一般公共预算财政拨款支出{fmt(T['fin'])}万元，占本年支出合计的{pct(T['fin'], EXPENSE_TOTAL)}%。与"
            f"{PREV_YEAR}年度相比，一般公共预算财政拨款支出{change(T['fin'], PREV['gpb_expense'])}，主要原因是上级追加公立医院"
            "设备购置补助和公共卫生服务补助资金。"
        )
    )
    s3.append(H4("（二）结构情况"))
    parts = "；".join(
        f"{CLASS_NAMES[c]}{fmt(CLASS[c]['fin'])}万元，占{pct(CLASS[c]['fin'], T['fin'])}%"
        for c in sorted(CLASS)
    )
    s3.append(P(f"{YEAR}年度一般公共预算财政拨款支出{fmt(T['fin'])}万元，主要用于以下方面：{parts}。"))
    s3.append(H4("（三）具体情况"))
    s3.append(
        P(
            f"{YEAR}年度一般公共预算财政拨款支出年初预算为{fmt(T['budget'])}万元，支出决算为{fmt(T['fin'])}万元，完成年初预算的"
            f"{pct(T['fin'], T['budget'])}%。其中："
        )
    )
    s3.extend(P(x) for x in item_paragraphs())
    s3.append(H3("六、一般公共预算财政拨款基本支出决算情况说明"))
    pers = "、".join(nm for g, _, rows in ECON if g in PERSONNEL_GROUPS for _, nm, _, f in rows if f)
    pub = "、".join(nm for g, _, rows in ECON if g not in PERSONNEL_GROUPS for _, nm, _, f in rows if f)
    s3.append(
        P(
            f"{YEAR}年度一般公共预算财政拨款基本支出{fmt(BASIC_FIN)}万元，其中：人员经费{fmt(PERSONNEL_FIN)}万元，主要包括"
            f"{pers}；公用经费{fmt(PUBLIC_FIN)}万元，主要包括{pub}。医院人员经费和日常运行经费主要由事业收入安排，"
            f"全部资金安排的基本支出为{fmt(BASIC_ALL)}万元。"
        )
    )
    s3.append(H3("七、“三公”经费财政拨款支出决算情况说明"))
    s3.append(
        P(
            f"{YEAR}年度“三公”经费财政拨款支出年初预算为{fmt(SG_B['total'])}万元，支出决算为{fmt(SG_F['total'])}万元，完成"
            f"预算的{pct(SG_F['total'], SG_B['total'])}%，较上年{change(SG_F['total'], PREV['sangong'])}。决算数小于预算数的"
            "主要原因是：严格执行中央八项规定精神，厉行节约，压减公务接待和公务用车支出。"
        )
    )
    s3.append(
        P(
            f"其中：因公出国（境）费支出决算为0万元，全年未安排因公出国（境）团组；公务用车购置及运行维护费支出决算为"
            f"{fmt(SG_F['car'])}万元，其中公务用车购置费0万元，公务用车运行维护费{fmt(SG_F['car_run'])}万元，主要用于医疗"
            f"下乡、对口帮扶和卫生应急等工作所需公务用车的燃料费、维修费、保险费等。截至{YEAR}年12月31日，本单位开支"
            f"财政拨款的公务用车保有量为{OFFICIAL_CARS}辆。救护车属于特种专业技术用车，不属于公务用车，{AMBULANCES}辆救护车"
            "的运行维护费用由医院事业收入安排，不在“三公”经费中反映。"
        )
    )
    s3.append(
        P(
            f"公务接待费支出决算为{fmt(SG_F['reception'])}万元，主要用于上级部门检查指导工作和兄弟医院交流学习的接待支出，"
            f"全年共接待{RECEPTION_BATCHES}批次{RECEPTION_PERSONS}人次（不包括外事接待）。"
        )
    )
    s3.append(H3("八、政府性基金预算财政拨款支出决算情况说明"))
    s3.append(
        P(
            f"本单位{YEAR}年度无政府性基金预算财政拨款收入和支出，《{YEAR}年度政府性基金预算财政拨款收入支出决算表》"
            "为空表。"
        )
    )
    s3.append(H3("九、机关运行经费支出说明"))
    s3.append(P("本单位为公益二类事业单位，不涉及机关运行经费。"))
    s3.append(H3("十、政府采购支出说明"))
    s3.append(
        P(
            f"{YEAR}年度政府采购支出总额{fmt(PROC_TOTAL)}万元，其中：政府采购货物支出{fmt(PROCUREMENT['goods'])}万元，"
            f"主要为CT、磁共振等医疗设备；政府采购工程支出{fmt(PROCUREMENT['works'])}万元；政府采购服务支出"
            f"{fmt(PROCUREMENT['services'])}万元。授予中小企业合同金额{fmt(PROCUREMENT['sme'])}万元，占政府采购支出总额的"
            f"{pct(PROCUREMENT['sme'], PROC_TOTAL)}%。本年度购置单价100万元以上医疗设备{EQUIP_COUNT}台（套），金额"
            f"{fmt(EQUIP_YUAN / 10000)}万元，明细见表九。"
        )
    )
    s3.append(H3("十一、国有资产占有使用情况说明"))
    s3.append(
        P(
            f"截至{YEAR}年12月31日，本单位资产总额{fmt(ASSETS['total'])}万元，其中固定资产净值{fmt(ASSETS['fixed'])}万元。"
            f"共有车辆{OFFICIAL_CARS + AMBULANCES}辆，其中公务用车{OFFICIAL_CARS}辆、救护车{AMBULANCES}辆；单价100万元"
            f"（含）以上设备{EQUIP_100W}台（套），其中CT {EQUIP_CT}台、磁共振成像设备（MRI）{EQUIP_MRI}台、数字减影血管造影"
            f"系统（DSA）{EQUIP_DSA}台。"
        )
    )
    s3.append(H3("十二、预算绩效管理情况说明"))
    s3.append(
        P(
            f"本单位对{YEAR}年度{PERF_PROJECTS}个财政拨款项目开展了绩效自评，涉及资金{fmt(T['fp'])}万元，自评结果均为“优”"
            f"或“良”。其中，公立医院医疗设备购置补助项目自评得分{PERF_SCORE}分，评价等级为“优”。单位整体支出绩效自评得分"
            f"{PERF_UNIT_SCORE}分。"
        )
    )
    s3.append("</section>")

    gloss = [
        ("财政拨款收入", "指单位从同级财政部门取得的一般公共预算财政拨款和政府性基金预算财政拨款。"),
        (
            "事业收入",
            "指事业单位开展专业业务活动及其辅助活动取得的收入。公立医院的事业收入包括医疗收入和科教收入，"
            "医疗收入是指医院开展医疗服务活动取得的收入，包括门诊收入和住院收入。",
        ),
        ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
        ("其他收入", "指单位取得的除上述收入以外的各项收入，主要是存款利息收入、捐赠收入等。"),
        ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
        ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
        ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
        ("经营支出", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。"),
        ("年末结转和结余", "指单位按有关规定结转到下年或以后年度继续使用的资金。"),
        (
            "“三公”经费",
            "指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中，"
            "公务用车是指用于履行公务的机动车辆，救护车等特种专业技术用车不属于公务用车。",
        ),
        ("专用材料费", "在医院决算中主要反映药品、卫生材料等专用材料的购置支出。"),
    ]
    g = ['<section class="newpage gloss"><h2>第四部分　名词解释</h2>']
    g += [f"<p>{i}. {esc(t)}：{esc(x)}</p>" for i, (t, x) in enumerate(gloss, 1)]
    g.append("</section>")
    return "\n".join(part1), "\n".join(s3), "\n".join(g)


def build_html() -> str:
    TABLE_TITLES.clear()
    tables = [
        table_zongbiao(),
        table_income(),
        table_expense(),
        table_fin_total(),
        table_gpb(),
        table_basic(),
        table_sangong(),
        table_fund(),
        table_equipment(),
    ]
    part1, part3, part4 = narrative_parts()
    toc = [
        '<section class="newpage toc"><h2>目　录</h2>',
        "<p>第一部分　云溪县人民医院概况</p>",
        "<p>第二部分　2024年度单位决算表</p>",
    ]
    toc += [f'<p class="l2">表{cn(i)}　{esc(t)}</p>' for i, t in enumerate(TABLE_TITLES, 1)]
    toc += [f"<p>第三部分　{YEAR}年度单位决算情况说明</p>", "<p>第四部分　名词解释</p>", "</section>"]
    cover = (
        f'<section class="cover"><h1>{UNIT}<br>{YEAR}年度单位决算</h1>'
        f'<div class="sub">{DEPT}<br>二〇二五年八月</div></section>'
    )
    part2_head = (
        f'<section class="newpage"><h2 style="padding-top:90mm;font-size:20pt">第二部分　{YEAR}年度单位决算表'
        "</h2></section>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{UNIT}{YEAR}年度单位决算</title><style>{CSS}</style></head><body>\n"
        + cover
        + "\n"
        + "\n".join(toc)
        + "\n"
        + part1
        + "\n"
        + part2_head
        + "\n"
        + "\n".join(tables)
        + "\n"
        + part3
        + "\n"
        + part4
        + "\n</body></html>\n"
    )


def print_pdf(html_path: Path, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            CHROMIUM,
            *CHROMIUM_ARGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={out}",
            html_path.resolve().as_uri(),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)


def check_pdf(out: Path) -> None:
    """The layout promises of the module docstring, checked on the printed PDF."""
    import pdfplumber

    with pdfplumber.open(out) as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
        sizes = [(round(p.width), round(p.height)) for p in pdf.pages]
    exp = next(
        i for i, t in enumerate(texts) if f"{YEAR}年度支出决算表" in t and "表三" in t and "单位名称" in t
    )
    assert sizes[exp][0] > sizes[exp][1], "表三 must be landscape"
    nxt = [ln for ln in texts[exp + 1].splitlines() if ln.strip()]
    assert sizes[exp + 1][0] > sizes[exp + 1][1] and nxt and nxt[0].startswith("合计") and len(nxt) <= 2, nxt
    basic = next(
        i for i, t in enumerate(texts) if f"{YEAR}年度基本支出决算表" in t and "表六" in t and "单位名称" in t
    )
    assert "经济分类科目" in texts[basic + 1] and "表六" not in texts[basic + 1], "表六 header must repeat"
    assert out.stat().st_size < 300_000, out.stat().st_size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve().parent.parent
    ap.add_argument("--out", type=Path, default=here / "fixtures" / "html" / "hospital-2024-final.pdf")
    ap.add_argument("--html", type=Path, default=None, help="also keep the HTML here")
    ap.add_argument("--no-check", action="store_true")
    args = ap.parse_args()
    text = build_html()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(args.html) if args.html else Path(tmp) / "hospital.html"
        src.write_text(text, encoding="utf-8")
        print_pdf(src, args.out)
    if not args.no_check:
        check_pdf(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
