"""Generate an Office-made 2023年度部门决算 test PDF (run by hand, not by the test suite).

    .venv/bin/python tests/tools/office_juesuan.py [--out tests/fixtures/office/county-health-2023-final.pdf]

Writes the narrative as a Word document (python-docx) and the nine national 决算 tables as an
Excel workbook (openpyxl, one sheet per table), converts both with ``libreoffice --headless
--convert-to pdf`` like real units' Excel/Word exports, and merges narrative + tables into one
PDF with pypdfium2.  The unit (青岚县卫生健康局) and every figure are invented.  All figures are
written once below (``ITEMS``, ``PERSONNEL``, ``PUBLIC``, ``PREV`` …) and everything else —
table totals, 类/款 subtotals, narrative sums, shares and changes — is derived from them, so the
tables add up and the narrative agrees with the tables.

Needs: openpyxl, python-docx (pip install into the venv; not project dependencies), pypdfium2,
LibreOffice (``soffice``) and the WenQuanYi Zen Hei font.  Content is deterministic; the PDF's
bytes may differ between runs (producer timestamps).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from common import cn, d, fmt, pct, to_pdf  # shared with the other generators

UNIT = "青岚县卫生健康局"
YEAR = 2023
PREV_YEAR = YEAR - 1
CJK_FONT = "WenQuanYi Zen Hei"
LATIN_FONT = "Times New Roman"  # LibreOffice substitutes Liberation Serif, as on many export machines

D = Decimal
ZERO = D("0")
CENT = D("0.01")


# ============================================================ the data (万元)

CLASS_NAMES = {  # 类 / 款 names of the function classification used below
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "20808": "抚恤",
    "210": "卫生健康支出",
    "21001": "卫生健康管理事务",
    "21002": "公立医院",
    "21003": "基层医疗卫生机构",
    "21004": "公共卫生",
    "21006": "中医药",
    "21007": "计划生育事务",
    "21011": "行政事业单位医疗",
    "221": "住房保障支出",
    "22102": "住房改革支出",
}

# Each 项: code, name, fb/fp = 一般公共预算财政拨款 基本/项目支出, nb/np = 非财政拨款 基本/项目支出,
# fr = 财政拨款收入 (default fb+fp), br = 事业收入, orv = 其他收入, budget = 年初预算 (一般公共预算财政拨款),
# why = reason for 决算 ≠ 年初预算.  fb of 2100101 行政运行 is the remainder that makes the function
# classification agree with the economic classification of 基本支出 (PERSONNEL + PUBLIC).
ITEMS = [
    dict(
        code="2080501",
        name="行政单位离退休",
        fb=48.36,
        budget=46.80,
        why="本年度新增退休人员2名，离退休人员生活补贴相应增加",
    ),
    dict(
        code="2080502",
        name="事业单位离退休",
        fb=36.20,
        budget=35.00,
        why="所属事业单位退休人员增加，退休费支出相应增加",
    ),
    dict(
        code="2080505",
        name="机关事业单位基本养老保险缴费支出",
        fb=132.48,
        nb=6.12,
        br=6.12,
        budget=128.60,
        why="调整缴费基数后，单位缴纳的基本养老保险费增加",
    ),
    dict(
        code="2080506",
        name="机关事业单位职业年金缴费支出",
        fb=52.99,
        budget=51.40,
        why="缴费基数调整，职业年金缴费相应增加",
    ),
    dict(
        code="2080801",
        name="死亡抚恤",
        fb=18.60,
        budget=0,
        why="年内有2名退休人员去世，按规定发放一次性抚恤金和丧葬费，年初未列入预算",
    ),
    dict(
        code="2100101",
        name="行政运行",
        fb=None,
        budget=395.20,
        why="年中调整工资标准，在职人员工资福利支出增加",
    ),
    dict(
        code="2100102",
        name="一般行政管理事务",
        fp=62.40,
        budget=60.00,
        why="年中追加了卫生健康执法专项工作经费",
    ),
    dict(
        code="2100199",
        name="其他卫生健康管理事务支出",
        fp=35.18,
        budget=20.00,
        why="年中追加爱国卫生运动和健康县城创建工作经费",
    ),
    dict(code="2100201", name="综合医院", fp=150.00, budget=150.00, why=""),
    dict(code="2100202", name="中医（民族）医院", fp=60.00, budget=60.00, why=""),
    dict(
        code="2100302",
        name="乡镇卫生院",
        fp=268.50,
        fr=250.00,
        budget=280.00,
        why="部分乡镇卫生院设备购置项目尚未完成验收，资金结转下年使用",
    ),
    dict(
        code="2100399",
        name="其他基层医疗卫生机构支出",
        fp=41.26,
        budget=30.00,
        why="年中追加村卫生室标准化建设补助资金",
    ),
    dict(
        code="2100401",
        name="疾病预防控制机构",
        fb=356.92,
        fp=48.30,
        nb=28.45,
        np=52.80,
        br=78.60,
        orv=6.85,
        budget=350.50,
        why="年中追加传染病监测和实验室检测能力提升经费",
    ),
    dict(
        code="2100403",
        name="妇幼保健机构",
        fb=198.64,
        np=18.20,
        br=21.30,
        budget=190.20,
        why="在职人员工资标准调整，人员经费增加",
    ),
    dict(
        code="2100408",
        name="基本公共卫生服务",
        fp=412.85,
        fr=430.00,
        budget=430.00,
        why="部分项目资金按进度拨付，年末结转下年继续使用",
    ),
    dict(
        code="2100409",
        name="重大公共卫生服务",
        fp=96.37,
        budget=80.00,
        why="上级追加农村妇女“两癌”检查和严重精神障碍患者救治补助资金",
    ),
    dict(
        code="2100410",
        name="突发公共卫生事件应急处理",
        fp=23.60,
        fr=30.00,
        budget=10.00,
        why="年中追加突发公共卫生事件应急物资储备经费",
    ),
    dict(code="2100601", name="中医（民族医）药专项", fp=12.50, budget=12.50, why=""),
    dict(
        code="2100717",
        name="计划生育服务",
        fp=128.64,
        budget=135.00,
        why="计划生育家庭奖励扶助对象人数较预计减少",
    ),
    dict(
        code="2100799",
        name="其他计划生育事务支出",
        fp=15.20,
        budget=0,
        why="年中追加3岁以下婴幼儿照护服务体系建设经费",
    ),
    dict(code="2101101", name="行政单位医疗", fb=28.96, budget=28.00, why="缴费基数调整，医疗保险缴费增加"),
    dict(code="2101102", name="事业单位医疗", fb=34.15, budget=33.50, why="缴费基数调整，医疗保险缴费增加"),
    dict(
        code="2101199",
        name="其他行政事业单位医疗支出",
        fb=5.82,
        budget=5.50,
        why="公务员医疗补助缴费基数调整",
    ),
    dict(
        code="2210201",
        name="住房公积金",
        fb=79.46,
        nb=3.20,
        br=3.20,
        budget=77.80,
        why="缴存基数调整，住房公积金支出增加",
    ),
    dict(code="2210203", name="购房补贴", fb=6.30, budget=6.30, why=""),
]

# 一般公共预算财政拨款基本支出, economic classification (万元)
PERSONNEL = [  # 人员经费
    (
        "301",
        "工资福利支出",
        [
            ("30101", "基本工资", 318.64),
            ("30102", "津贴补贴", 226.85),
            ("30103", "奖金", 42.30),
            ("30107", "绩效工资", 186.72),
            ("30108", "机关事业单位基本养老保险缴费", 132.48),
            ("30109", "职业年金缴费", 52.99),
            ("30110", "职工基本医疗保险缴费", 63.11),
            ("30111", "公务员医疗补助缴费", 5.82),
            ("30112", "其他社会保障缴费", 4.26),
            ("30113", "住房公积金", 79.46),
            ("30199", "其他工资福利支出", 12.40),
        ],
    ),
    (
        "303",
        "对个人和家庭的补助",
        [
            ("30302", "退休费", 84.56),
            ("30304", "抚恤金", 18.60),
            ("30305", "生活补助", 3.24),
            ("30309", "奖励金", 0.60),
            ("30399", "其他对个人和家庭的补助", 6.30),
        ],
    ),
]
PUBLIC = [  # 公用经费
    (
        "302",
        "商品和服务支出",
        [
            ("30201", "办公费", 18.65),
            ("30202", "印刷费", 3.12),
            ("30205", "水费", 2.48),
            ("30206", "电费", 9.76),
            ("30207", "邮电费", 4.35),
            ("30209", "物业管理费", 12.60),
            ("30211", "差旅费", 11.28),
            ("30213", "维修（护）费", 6.94),
            ("30215", "会议费", 2.36),
            ("30216", "培训费", 6.80),
            ("30217", "公务接待费", 1.85),
            ("30226", "劳务费", 8.40),
            ("30228", "工会经费", 14.72),
            ("30229", "福利费", 9.18),
            ("30231", "公务用车运行维护费", 8.46),
            ("30239", "其他交通费用", 24.30),
            ("30299", "其他商品和服务支出", 7.52),
        ],
    ),
    (
        "310",
        "资本性支出",
        [
            ("31002", "办公设备购置", 5.60),
            ("31007", "信息网络及软件购置更新", 3.20),
        ],
    ),
]

# “三公”经费 (一般公共预算财政拨款): 预算数 and 决算数
SANGONG_BUDGET = dict(abroad=0, car_buy=0, car_run=9.00, reception=2.50)
SANGONG_FINAL = dict(abroad=0, car_buy=0, car_run=8.46, reception=1.85)  # = 30231 and 30217 above
RECEPTION_BATCHES, RECEPTION_PERSONS = 27, 215
CARS = dict(应急保障用车=2, 执法执勤用车=1, 特种专业技术用车=3)

OPENING_FIN = 41.30  # 年初财政拨款结转和结余 (all 一般公共预算)
OPENING_NONFIN = 15.50  # 年初非财政拨款结转和结余

PREV = dict(  # 2022年度 figures quoted in the narrative
    total=2711.48,  # 收入总计 = 支出总计
    income=2655.38,  # 本年收入合计
    expense=2668.03,  # 本年支出合计
    fin_total=2588.20,  # 财政拨款收入支出总计
    gpb_expense=2642.36,  # 一般公共预算财政拨款支出
    basic=1361.45,  # 一般公共预算财政拨款基本支出
    sangong=11.02,  # “三公”经费财政拨款支出决算
    running=49.97,  # 机关运行经费
    meeting=3.10,  # 会议费
    training=5.95,  # 培训费
)
RUNNING_COST = 46.82  # 机关运行经费 (行政单位公用经费)
MEETINGS, MEETING_PERSONS = 5, 260
TRAININGS, TRAINING_PERSONS = 8, 420
PROCUREMENT = dict(goods=58.60, works=45.00, services=82.80, sme=152.30, small_micro=98.40)
EQUIP_50W = 2  # 单价50万元以上专用设备 台（套）
SELF_EVAL_SCORE = "92.5"

STAFF = dict(quota=82, actual=95, active=69, retired=26)
SECTIONS = [
    "办公室",
    "规划发展与信息化股",
    "医政医管股（中医股）",
    "基层卫生健康股",
    "疾病预防控制股",
    "妇幼健康与人口家庭股",
    "综合监督股",
]
SUBUNITS = ["青岚县疾病预防控制中心", "青岚县妇幼保健计划生育服务中心", "青岚县卫生健康综合监督执法大队"]


# ============================================================ derived figures


def _prepare():
    for it in ITEMS:
        for k in ("fb", "fp", "nb", "np", "br", "orv", "budget"):
            it[k] = d(it.get(k) or 0)
    econ_total = sum(d(a) for grp in PERSONNEL + PUBLIC for _, _, lst in [grp] for _, _, a in lst)
    run = next(it for it in ITEMS if it["code"] == "2100101")
    run["fb"] = econ_total - sum(it["fb"] for it in ITEMS if it is not run)
    assert run["fb"] > 0
    for it in ITEMS:
        it["fr"] = d(it["fr"]) if it.get("fr") is not None else it["fb"] + it["fp"]
        it["fin"] = it["fb"] + it["fp"]  # 一般公共预算财政拨款支出
        it["basic"] = it["fb"] + it["nb"]
        it["proj"] = it["fp"] + it["np"]
        it["exp"] = it["basic"] + it["proj"]  # 本年支出合计
        it["inc"] = it["fr"] + it["br"] + it["orv"]  # 本年收入合计
        it["level"] = 3


_prepare()

KEYS = ("fb", "fp", "nb", "np", "fr", "br", "orv", "budget", "fin", "basic", "proj", "exp", "inc")


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
PERSONNEL_TOTAL = sum(d(a) for _, _, lst in PERSONNEL for _, _, a in lst)
PUBLIC_TOTAL = sum(d(a) for _, _, lst in PUBLIC for _, _, a in lst)
assert PERSONNEL_TOTAL + PUBLIC_TOTAL == T["fb"]
assert d(SANGONG_FINAL["car_run"]) == d(8.46) and d(SANGONG_FINAL["reception"]) == d(1.85)

INCOME_TOTAL = T["inc"]
EXPENSE_TOTAL = T["exp"]
OPENING = d(OPENING_FIN) + d(OPENING_NONFIN)
GRAND_TOTAL = INCOME_TOTAL + OPENING  # 收入总计 = 支出总计
CLOSING = GRAND_TOTAL - EXPENSE_TOTAL
FIN_CLOSING = d(OPENING_FIN) + T["fr"] - T["fin"]
FIN_TOTAL = d(OPENING_FIN) + T["fr"]  # 财政拨款收入支出总计
assert CLOSING > 0 and FIN_CLOSING > 0


def sg(which: dict) -> dict:
    out = {k: d(v) for k, v in which.items()}
    out["car"] = out["car_buy"] + out["car_run"]
    out["total"] = out["abroad"] + out["car"] + out["reception"]
    return out


SG_B, SG_F = sg(SANGONG_BUDGET), sg(SANGONG_FINAL)
PROC_TOTAL = sum(d(PROCUREMENT[k]) for k in ("goods", "works", "services"))


def change(now, prev, sep=True, up=("增加", "增长"), down=("减少", "下降")) -> str:
    diff = d(now) - d(prev)
    a, b = up if diff >= 0 else down
    return f"{a}{fmt(abs(diff), sep)}万元，{b}{pct(abs(diff), prev)}%"


# ============================================================ the tables (.xlsx)

LEI_LIST = [  # the national 支出功能分类 类 list printed on the 总表 (empty rows included, as real forms do)
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
]
CN_NUM = "一二三四五六七八九十"


def build_xlsx(path: Path) -> list[str]:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    f_title = Font(name=CJK_FONT, size=16, bold=True)
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
            for i, w in enumerate(widths, 1):
                ws.column_dimensions[get_column_letter(i)].width = w
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
            ws.page_setup.orientation = "landscape" if landscape else "portrait"
            # fit to one page wide; LibreOffice reads fitToHeight=0 as "one page high", so allow many
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 9
            ws.print_options.horizontalCentered = True
            ws.page_margins.left = ws.page_margins.right = 0.5
            ws.page_margins.top = ws.page_margins.bottom = 0.6
            self.cell(1, 1, title, font=f_title, align=center, to=(1, self.n), border_=False)
            ws.row_dimensions[1].height = 36
            self.cell(2, self.n, form, font=f_small, align=right, border_=False)
            self.cell(
                3, 1, f"部门：{UNIT}", font=f_body, align=left, to=(3, max(2, self.n // 2)), border_=False
            )
            self.cell(3, self.n, "单位：万元", font=f_body, align=right, border_=False)
            self.r = 4
            self.first = 4

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
            v = d(v)
            self.cell(r, c, float(v) if (v or zero) else None, num=True)

        def text(self, r, c, v, to=None, bold=False, align=left):
            self.cell(r, c, v, font=f_head if bold else f_body, align=align, to=to)

        def height(self, r, h):
            self.ws.row_dimensions[r].height = h

        def note(self, text, h=30):
            r = self.r
            self.cell(r, 1, text, font=f_small, align=left, to=(r, self.n), border_=False)
            self.height(r, h)
            self.r += 1

    # ---------------------------------------------------------------- 公开01表 收入支出决算总表
    s = S("收入支出决算总表", f"{YEAR}年度收入支出决算总表", "公开01表", [30, 6, 14, 30, 6, 14])
    s.text(4, 1, "收入", to=(4, 3), bold=True, align=center)
    s.text(4, 4, "支出", to=(4, 6), bold=True, align=center)
    for c, h in enumerate(["项目", "行次", "金额", "项目", "行次", "金额"], 1):
        s.text(5, c, h, bold=True, align=center)
    for c, h in enumerate(["栏次", "", "1", "栏次", "", "2"], 1):
        s.text(6, c, h, align=center)
    left_items = [
        ("一、一般公共预算财政拨款收入", T["fr"]),
        ("二、政府性基金预算财政拨款收入", ZERO),
        ("三、国有资本经营预算财政拨款收入", ZERO),
        ("四、上级补助收入", ZERO),
        ("五、事业收入", T["br"]),
        ("六、经营收入", ZERO),
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
        s.text(r, 1, ll, bold=j in (0, 3), align=center)
        s.text(r, 2, str(n_body + j + 1), align=center)
        s.num(r, 3, lv)
        s.text(r, 4, rl, bold=j in (0, 3), align=center)
        s.text(r, 5, str(2 * n_body + 4 + j + 1), align=center)
        s.num(r, 6, rv)
        r += 1
    s.r = r
    s.note("注：本表反映部门本年度的总收支和年末结转结余情况。")

    # ---------------------------------------------------------------- 公开02表 收入决算表 (long; print titles)
    s = S("收入决算表", f"{YEAR}年度收入决算表", "公开02表", [5, 5, 5, 26, 11, 11, 9, 9, 9, 10, 9])
    s.text(4, 1, "项目", to=(4, 4), bold=True, align=center)
    s.text(5, 1, "功能分类科目编码", to=(5, 3), bold=True, align=center)
    s.text(5, 4, "科目名称", to=(6, 4), bold=True, align=center)
    for c, h in enumerate(["类", "款", "项"], 1):
        s.text(6, c, h, bold=True, align=center)
    heads = [
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ]
    for c, h in enumerate(heads, 5):
        s.text(4, c, h, to=(6, c), bold=True, align=center)
    s.text(7, 1, "栏次", to=(7, 4), align=center)
    for c in range(5, 12):
        s.text(7, c, str(c - 4), align=center)
    s.text(8, 1, "合计", to=(8, 4), bold=True, align=center)
    for c, k in zip(range(5, 12), ["inc", "fr", None, "br", None, None, "orv"], strict=True):
        s.num(8, c, T[k] if k else ZERO)
    r = 9
    for row in ROWS:
        code = row["code"]
        # every code column filled on its own row (类 row: 类; 款 row: 类+款; 项 row: 类+款+项)
        s.text(r, 1, code[:3], align=center)
        s.text(r, 2, code[3:5] if len(code) >= 5 else "", align=center)
        s.text(r, 3, code[5:7] if len(code) == 7 else "", align=center)
        s.text(r, 4, row["name"])
        for c, k in zip(range(5, 12), ["inc", "fr", None, "br", None, None, "orv"], strict=True):
            s.num(r, c, row[k] if k else ZERO)
        s.height(r, 29)
        r += 1
    s.r = r
    s.note("注：本表反映部门本年度取得的各项收入情况。本表金额转换为万元时，因四舍五入可能存在尾差。")
    s.ws.print_title_rows = "4:7"

    # ---------------------------------------------------------------- 公开03表 支出决算表 (landscape; long; no print titles)
    s = S(
        "支出决算表",
        f"{YEAR}年度支出决算表",
        "公开03表",
        [5, 5, 5, 30, 13, 13, 13, 11, 11, 13],
        landscape=True,
    )
    s.text(4, 1, "项目", to=(4, 4), bold=True, align=center)
    s.text(5, 1, "科目编码", to=(5, 3), bold=True, align=center)
    s.text(5, 4, "科目名称", to=(6, 4), bold=True, align=center)
    for c, h in enumerate(["类", "款", "项"], 1):
        s.text(6, c, h, bold=True, align=center)
    heads = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    for c, h in enumerate(heads, 5):
        s.text(4, c, h, to=(6, c), bold=True, align=center)
    s.text(7, 1, "栏次", to=(7, 4), align=center)
    for c in range(5, 11):
        s.text(7, c, str(c - 4), align=center)
    s.text(8, 1, "合计", to=(8, 4), bold=True, align=center)
    for c, k in zip(range(5, 8), ["exp", "basic", "proj"], strict=True):
        s.num(8, c, T[k])
    r = 9
    for row in ROWS:
        code = row["code"]
        # codes with blanks inherited from the rows above (类 row: 类; 款 row: 款 only; 项 row: 项 only)
        s.text(r, 1, code if row["level"] == 1 else "", align=center)
        s.text(r, 2, code[3:5] if row["level"] == 2 else "", align=center)
        s.text(r, 3, code[5:7] if row["level"] == 3 else "", align=center)
        s.text(r, 4, row["name"])
        for c, k in zip(range(5, 8), ["exp", "basic", "proj"], strict=True):
            s.num(r, c, row[k])
        for c in range(8, 11):
            s.num(r, c, ZERO)
        s.height(r, 17)
        r += 1
    s.r = r
    s.note("注：本表反映部门本年度各项支出情况。")

    # ---------------------------------------------------------------- 公开04表 财政拨款收入支出决算总表
    s = S(
        "财政拨款收入支出决算总表",
        f"{YEAR}年度财政拨款收入支出决算总表",
        "公开04表",
        [24, 5, 11, 24, 5, 11, 11, 11, 11],
    )
    s.text(4, 1, "收入", to=(4, 3), bold=True, align=center)
    s.text(4, 4, "支出", to=(4, 9), bold=True, align=center)
    for c, h in enumerate(["项目", "行次", "金额", "项目", "行次", "合计"], 1):
        s.text(5, c, h, to=(6, c), bold=True, align=center)
    s.text(5, 7, "一般公共预算财政拨款", to=(6, 7), bold=True, align=center)
    s.text(5, 8, "政府性基金预算财政拨款", to=(6, 8), bold=True, align=center)
    s.text(5, 9, "国有资本经营预算财政拨款", to=(6, 9), bold=True, align=center)
    s.height(5, 20)
    s.height(6, 20)
    for c, h in enumerate(["栏次", "", "1", "栏次", "", "2", "3", "4", "5"], 1):
        s.text(7, c, h, align=center)
    left_items = [
        ("一、一般公共预算财政拨款", T["fr"]),
        ("二、政府性基金预算财政拨款", ZERO),
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
        v = CLASS[code]["fin"] if code in CLASS else ZERO
        s.num(r, 6, v)
        s.num(r, 7, v)
        s.num(r, 8, ZERO)
        s.num(r, 9, ZERO)
        s.height(r, 16)
        r += 1
    n = len(LEI_LIST)
    tail = [
        ("本年收入合计", T["fr"], "本年支出合计", T["fin"], T["fin"]),
        ("年初财政拨款结转和结余", d(OPENING_FIN), "年末财政拨款结转和结余", FIN_CLOSING, FIN_CLOSING),
        ("一般公共预算财政拨款", d(OPENING_FIN), "", None, None),
        ("政府性基金预算财政拨款", ZERO, "", None, None),
        ("国有资本经营预算财政拨款", ZERO, "", None, None),
        ("总计", FIN_TOTAL, "总计", FIN_TOTAL, FIN_TOTAL),
    ]
    for j, (ll, lv, rl, rv, rv1) in enumerate(tail):
        bold = ll in ("本年收入合计", "总计")
        s.text(r, 1, ll, bold=bold, align=center)
        s.text(r, 2, str(n + j + 1), align=center)
        s.num(r, 3, lv)
        s.text(r, 4, rl, bold=bold, align=center)
        s.text(r, 5, str(2 * n + 6 + [1, 2, 0, 0, 0, 3][j]) if rl else "", align=center)
        for c, v in zip(range(6, 10), [rv, rv1, ZERO, ZERO], strict=True):
            s.num(r, c, v if rl else ZERO)
        r += 1
    s.r = r
    s.note(
        "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的"
        "总收支和年末结转结余情况。"
    )

    # ---------------------------------------------------------------- 公开05表 一般公共预算财政拨款支出决算表
    s = S(
        "一般公共预算财政拨款支出决算表",
        f"{YEAR}年度一般公共预算财政拨款支出决算表",
        "公开05表",
        [12, 34, 15, 15, 15],
    )
    s.text(4, 1, "项目", to=(4, 2), bold=True, align=center)
    s.text(5, 1, "科目编码", bold=True, align=center)
    s.text(5, 2, "科目名称", bold=True, align=center)
    s.text(4, 3, "本年支出", to=(4, 5), bold=True, align=center)
    for c, h in enumerate(["合计", "基本支出", "项目支出"], 3):
        s.text(5, c, h, bold=True, align=center)
    for c, h in enumerate(["栏次", "", "1", "2", "3"], 1):
        s.text(6, c, h, align=center)
    s.text(7, 1, "合计", to=(7, 2), bold=True, align=center)
    for c, k in zip(range(3, 6), ["fin", "fb", "fp"], strict=True):
        s.num(7, c, T[k])
    r = 8
    for row in ROWS:
        s.text(r, 1, row["code"], align=left)
        s.text(r, 2, ("  " * (row["level"] - 1)) + row["name"])
        for c, k in zip(range(3, 6), ["fin", "fb", "fp"], strict=True):
            s.num(r, c, row[k])
        s.height(r, 17)
        r += 1
    s.r = r
    s.note("注：本表反映部门本年度一般公共预算财政拨款实际支出情况。")

    # ---------------------------------------------------------------- 公开06表 一般公共预算财政拨款基本支出决算表
    s = S(
        "一般公共预算财政拨款基本支出决算表",
        f"{YEAR}年度一般公共预算财政拨款基本支出决算表",
        "公开06表",
        [10, 28, 13, 10, 28, 13],
    )
    s.text(4, 1, "人员经费", to=(4, 3), bold=True, align=center)
    s.text(4, 4, "公用经费", to=(4, 6), bold=True, align=center)
    for c, h in enumerate(["科目编码", "科目名称", "决算数"] * 2, 1):
        s.text(5, c, h, bold=True, align=center)

    def flat(groups):
        out = []
        for code, name, lst in groups:
            out.append((code, name, sum(d(a) for _, _, a in lst), True))
            out.extend((c, nm, d(a), False) for c, nm, a in lst)
        return out

    lp, rp = flat(PERSONNEL), flat(PUBLIC)
    r = 6
    for i in range(max(len(lp), len(rp))):
        for off, lst in ((0, lp), (3, rp)):
            if i < len(lst):
                code, name, v, top = lst[i]
                s.text(r, off + 1, code, align=center)
                s.text(r, off + 2, name, bold=top)
                s.num(r, off + 3, v)
            else:
                for c in range(off + 1, off + 4):
                    s.text(r, c, "")
        s.height(r, 17)
        r += 1
    s.text(r, 1, "人员经费合计", to=(r, 2), bold=True, align=center)
    s.num(r, 3, PERSONNEL_TOTAL)
    s.text(r, 4, "公用经费合计", to=(r, 5), bold=True, align=center)
    s.num(r, 6, PUBLIC_TOTAL)
    s.r = r + 1
    s.note("注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。")

    # ---------------------------------------------------------------- 公开07表 “三公”经费 (landscape)
    s = S(
        "三公经费支出决算表",
        f"{YEAR}年度一般公共预算财政拨款“三公”经费支出决算表",
        "公开07表",
        [10, 12, 10, 12, 12, 10] * 2,
        landscape=True,
    )
    for off, lab in ((0, "预算数"), (6, "决算数")):
        s.text(4, off + 1, lab, to=(4, off + 6), bold=True, align=center)
        s.text(5, off + 1, "合计", to=(6, off + 1), bold=True, align=center)
        s.text(5, off + 2, "因公出国（境）费", to=(6, off + 2), bold=True, align=center)
        s.text(5, off + 3, "公务用车购置及运行费", to=(5, off + 5), bold=True, align=center)
        s.text(6, off + 3, "小计", bold=True, align=center)
        s.text(6, off + 4, "公务用车购置费", bold=True, align=center)
        s.text(6, off + 5, "公务用车运行费", bold=True, align=center)
        s.text(5, off + 6, "公务接待费", to=(6, off + 6), bold=True, align=center)
    s.height(6, 30)
    for c in range(1, 13):
        s.text(7, c, str(c), align=center)
    for off, v in ((0, SG_B), (6, SG_F)):
        for c, k in enumerate(["total", "abroad", "car", "car_buy", "car_run", "reception"], off + 1):
            s.num(8, c, v[k], zero=True)
    s.height(8, 24)
    s.r = 9
    s.note(
        "注：本表反映部门本年度“三公”经费支出预算和决算情况。其中，预算数为“三公”经费年初预算数，决算数是包括"
        "当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。",
        h=40,
    )

    # ---------------------------------------------------------------- 公开08/09表 empty tables
    s = S(
        "政府性基金预算财政拨款收入支出决算表",
        f"{YEAR}年度政府性基金预算财政拨款收入支出决算表",
        "公开08表",
        [8, 6, 6, 24, 11, 11, 11, 11, 11, 11, 11],
    )
    s.text(4, 1, "项目", to=(4, 4), bold=True, align=center)
    s.text(5, 1, "科目编码", to=(5, 3), bold=True, align=center)
    s.text(5, 4, "科目名称", to=(6, 4), bold=True, align=center)
    for c, h in enumerate(["类", "款", "项"], 1):
        s.text(6, c, h, bold=True, align=center)
    for c, h in ((5, "年初结转和结余"), (6, "本年收入")):
        s.text(4, c, h, to=(6, c), bold=True, align=center)
    s.text(4, 7, "本年支出", to=(4, 9), bold=True, align=center)
    for c, h in enumerate(["小计", "基本支出", "项目支出"], 7):
        s.text(5, c, h, to=(6, c), bold=True, align=center)
    s.text(4, 10, "年末结转和结余", to=(6, 10), bold=True, align=center)
    s.text(4, 11, "备注", to=(6, 11), bold=True, align=center)
    s.text(7, 1, "栏次", to=(7, 4), align=center)
    for c in range(5, 12):
        s.text(7, c, str(c - 4), align=center)
    s.text(8, 1, "合计", to=(8, 4), bold=True, align=center)
    for r in range(8, 12):
        for c in range(1 if r > 8 else 5, 12):
            s.text(r, c, "")
    s.r = 12
    s.note(
        f"注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。{UNIT}{YEAR}年度没有"
        "政府性基金预算财政拨款收入、支出及结转结余，本表为空表。",
        h=44,
    )

    s = S(
        "国有资本经营预算财政拨款支出决算表",
        f"{YEAR}年度国有资本经营预算财政拨款支出决算表",
        "公开09表",
        [12, 34, 15, 15, 15],
    )
    s.text(4, 1, "项目", to=(4, 2), bold=True, align=center)
    s.text(5, 1, "科目编码", bold=True, align=center)
    s.text(5, 2, "科目名称", bold=True, align=center)
    s.text(4, 3, "本年支出", to=(4, 5), bold=True, align=center)
    for c, h in enumerate(["合计", "基本支出", "项目支出"], 3):
        s.text(5, c, h, bold=True, align=center)
    for c, h in enumerate(["栏次", "", "1", "2", "3"], 1):
        s.text(6, c, h, align=center)
    s.text(7, 1, "合计", to=(7, 2), bold=True, align=center)
    for r in range(7, 11):
        for c in range(1 if r > 7 else 3, 6):
            s.text(r, c, "")
    s.r = 11
    s.note(
        f"注：本表反映部门本年度国有资本经营预算财政拨款支出情况。{UNIT}{YEAR}年度没有国有资本经营预算"
        "财政拨款支出，本表无数据。",
        h=44,
    )

    wb.properties.creator = UNIT
    wb.save(path)
    return titles


# ============================================================ the narrative (.docx)


def narrative() -> list[tuple[str, str]]:
    """(style, text) paragraphs: 'cover', 'toc', 'h1', 'h2', 'h3', 'p', 'break'."""
    P: list[tuple[str, str]] = []
    h1 = lambda t: P.append(("h1", t))  # noqa: E731
    h2 = lambda t: P.append(("h2", t))  # noqa: E731
    h3 = lambda t: P.append(("h3", t))  # noqa: E731
    p = lambda t: P.append(("p", t))  # noqa: E731

    fin_share = pct(T["fr"], INCOME_TOTAL)
    P.append(("cover", f"{UNIT}"))
    P.append(("cover", f"{YEAR}年度部门决算"))
    P.append(("break", ""))
    P.append(("title", "目  录"))
    toc = [
        "第一部分  部门概况",
        "    一、主要职能",
        "    二、机构设置及决算单位构成",
        "    三、人员情况",
        f"第二部分  {YEAR}年度部门决算情况说明",
        "    一、收入支出决算总体情况说明",
        "    二、收入决算情况说明",
        "    三、支出决算情况说明",
        "    四、财政拨款收入支出决算总体情况说明",
        "    五、一般公共预算财政拨款支出决算情况说明",
        "    六、一般公共预算财政拨款基本支出决算情况说明",
        "    七、“三公”经费财政拨款支出决算情况说明",
        "    八、政府性基金预算财政拨款收入支出决算情况说明",
        "    九、国有资本经营预算财政拨款支出决算情况说明",
        "    十、其他重要事项的情况说明",
        "第三部分  名词解释",
        f"附件  {YEAR}年度部门决算公开表",
    ]
    P.extend(("toc", t) for t in toc)
    P.append(("break", ""))

    # ------------------------------------------------------------ 第一部分
    h1("第一部分  部门概况")
    h2("一、主要职能")
    for i, t in enumerate(
        [
            "贯彻执行国家和省、市卫生健康工作方针政策和法律法规，拟订全县卫生健康事业发展规划并组织实施。",
            "协调推进全县深化医药卫生体制改革，推动县域医共体建设，统筹规划全县卫生健康资源配置。",
            "负责全县疾病预防控制工作，组织实施免疫规划、重大疾病防治和基本公共卫生服务项目，"
            "负责突发公共卫生事件的监测预警和应急处置。",
            "负责全县医疗机构、医疗服务行业的监督管理，组织实施医疗质量、医疗安全和采供血机构管理规范。",
            "负责妇幼健康、老年健康和计划生育服务管理工作，完善生育政策，促进人口长期均衡发展。",
            "负责职责范围内的职业卫生、放射卫生、环境卫生、学校卫生、公共场所卫生和饮用水卫生等公共卫生的监督管理。",
            "完成县委、县人民政府交办的其他任务。",
        ],
        1,
    ):
        p(f"（{cn(i)}）{t}")
    h2("二、机构设置及决算单位构成")
    p(
        f"{UNIT}为县人民政府工作部门，机关内设{cn(len(SECTIONS))}个股室，分别是：{'、'.join(SECTIONS)}。"
        f"下属单位{len(SUBUNITS)}个，均为公益一类事业单位，分别是：{'、'.join(SUBUNITS)}。"
    )
    p(
        f"从决算单位构成看，纳入{UNIT}{YEAR}年度部门决算编制范围的单位共{len(SUBUNITS) + 1}个，"
        f"包括：局机关本级和所属{len(SUBUNITS)}个事业单位。"
    )
    h2("三、人员情况")
    p(
        f"截至{YEAR}年12月31日，本部门编制人数{STAFF['quota']}人，实有人数{STAFF['actual']}人，"
        f"其中：在职人员{STAFF['active']}人，退休人员{STAFF['retired']}人。"
    )
    P.append(("break", ""))

    # ------------------------------------------------------------ 第二部分
    h1(f"第二部分  {YEAR}年度部门决算情况说明")
    h2("一、收入支出决算总体情况说明")
    p(
        f"{YEAR}年度收入总计{fmt(GRAND_TOTAL)}万元，支出总计{fmt(GRAND_TOTAL)}万元。与上年相比，收、支总计各"
        f"{change(GRAND_TOTAL, PREV['total'])}。主要原因是：一是{YEAR}年调整机关事业单位工作人员基本工资标准，"
        "人员经费相应增加；二是县财政加大对基本公共卫生服务和基层医疗卫生机构能力建设的投入，项目支出增加。"
    )
    h2("二、收入决算情况说明")
    p(
        f"{YEAR}年度本年收入合计{fmt(INCOME_TOTAL)}万元，较上年{change(INCOME_TOTAL, PREV['income'])}。"
        f"其中：财政拨款收入{fmt(T['fr'])}万元，占本年收入合计的{fin_share}%；上级补助收入0万元；"
        f"事业收入{fmt(T['br'])}万元，占{pct(T['br'], INCOME_TOTAL)}%；经营收入0万元；附属单位上缴收入0万元；"
        f"其他收入{fmt(T['orv'])}万元，占{pct(T['orv'], INCOME_TOTAL)}%。事业收入主要是县疾病预防控制中心"
        "开展预防性健康检查和委托检测取得的收入。"
    )
    h2("三、支出决算情况说明")
    p(
        f"{YEAR}年度本年支出合计{fmt(EXPENSE_TOTAL)}万元，同比{change(EXPENSE_TOTAL, PREV['expense'])}。"
        f"其中：基本支出{fmt(T['basic'])}万元，占本年支出合计的{pct(T['basic'], EXPENSE_TOTAL)}%；"
        f"项目支出{fmt(T['proj'])}万元，占{pct(T['proj'], EXPENSE_TOTAL)}%；上缴上级支出、经营支出和"
        "对附属单位补助支出均为0万元。基本支出主要用于保障机构正常运转和完成日常工作任务；项目支出主要用于"
        "基本公共卫生服务、乡镇卫生院能力建设、疾病预防控制、计划生育服务等方面。"
    )
    h2("四、财政拨款收入支出决算总体情况说明")
    p(
        f"{YEAR}年度财政拨款收入总计{fmt(FIN_TOTAL, False)}万元，支出总计{fmt(FIN_TOTAL, False)}万元。"
        f"比{PREV_YEAR}年度收、支总计各{change(FIN_TOTAL, PREV['fin_total'], sep=False)}。其中：年初财政拨款"
        f"结转和结余{fmt(OPENING_FIN, False)}万元，本年一般公共预算财政拨款收入{fmt(T['fr'], False)}万元；"
        f"本年一般公共预算财政拨款支出{fmt(T['fin'], False)}万元，年末财政拨款结转和结余{fmt(FIN_CLOSING, False)}"
        "万元。增加的主要原因是基本公共卫生服务补助标准提高，县级配套资金相应增加。"
    )
    h2("五、一般公共预算财政拨款支出决算情况说明")
    h3("（一）一般公共预算财政拨款支出决算总体情况")
    p(
        f"{YEAR}年度一般公共预算财政拨款支出{fmt(T['fin'], False)}万元，占本年支出合计的"
        f"{pct(T['fin'], EXPENSE_TOTAL)}%。与{PREV_YEAR}年度相比，一般公共预算财政拨款支出"
        f"{change(T['fin'], PREV['gpb_expense'], sep=False)}，主要原因是人员工资标准调整和基本公共卫生服务"
        "补助资金增加。"
    )
    h3("（二）一般公共预算财政拨款支出决算结构情况")
    parts = "；".join(
        f"{CLASS[c]['name']}{fmt(CLASS[c]['fin'], False)}万元，占{pct(CLASS[c]['fin'], T['fin'])}%"
        for c in sorted(CLASS)
    )
    p(f"{YEAR}年度一般公共预算财政拨款支出{fmt(T['fin'], False)}万元，主要用于以下方面：{parts}。")
    h3("（三）一般公共预算财政拨款支出决算具体情况")
    p(
        f"{YEAR}年度一般公共预算财政拨款支出年初预算为{fmt(T['budget'], False)}万元，支出决算为"
        f"{fmt(T['fin'], False)}万元，完成年初预算的{pct(T['fin'], T['budget'])}%。其中："
    )
    n = 0
    for it in ITEMS:
        n += 1
        lei, kuan = CLASS_NAMES[it["code"][:3]], CLASS_NAMES[it["code"][:5]]
        s = (
            f"{n}.{lei}（类）{kuan}（款）{it['name']}（项）。年初预算为{fmt(it['budget'], False)}万元，"
            f"支出决算为{fmt(it['fin'], False)}万元"
        )
        if it["budget"]:
            s += f"，完成年初预算的{pct(it['fin'], it['budget'])}%"
        if it["fin"] > it["budget"]:
            s += f"。决算数大于预算数的主要原因是{it['why']}。"
        elif it["fin"] < it["budget"]:
            s += f"。决算数小于预算数的主要原因是{it['why']}。"
        else:
            s += "，决算数与预算数持平。"
        p(s)
    h2("六、一般公共预算财政拨款基本支出决算情况说明")
    pn = "、".join(nm for _, _, lst in PERSONNEL for _, nm, _ in lst)
    un = "、".join(nm for _, _, lst in PUBLIC for _, nm, _ in lst)
    p(
        f"{YEAR}年度一般公共预算财政拨款基本支出{fmt(T['fb'])}万元，比上年{change(T['fb'], PREV['basic'])}。"
        f"其中：人员经费{fmt(PERSONNEL_TOTAL)}万元，主要包括：{pn}；公用经费{fmt(PUBLIC_TOTAL)}万元，"
        f"主要包括：{un}。"
    )
    h2("七、“三公”经费财政拨款支出决算情况说明")
    h3("（一）“三公”经费财政拨款支出决算总体情况说明")
    p(
        f"{YEAR}年度“三公”经费财政拨款支出年初预算为{fmt(SG_B['total'])}万元，支出决算为{fmt(SG_F['total'])}万元，"
        f"完成预算的{pct(SG_F['total'], SG_B['total'])}%，较上年{change(SG_F['total'], PREV['sangong'])}。"
        "决算数小于预算数的主要原因是：严格落实中央八项规定精神，厉行节约，从严控制公务接待和公务用车运行支出。"
    )
    h3("（二）“三公”经费财政拨款支出决算具体情况说明")
    p(
        f"{YEAR}年度“三公”经费财政拨款支出决算中，因公出国（境）费支出决算为0万元，占0%；公务用车购置及运行费"
        f"支出决算为{fmt(SG_F['car'])}万元，占{pct(SG_F['car'], SG_F['total'])}%；公务接待费支出决算为"
        f"{fmt(SG_F['reception'])}万元，占{pct(SG_F['reception'], SG_F['total'])}%。具体情况如下："
    )
    p("1.因公出国（境）费。年初预算为0万元，支出决算为0万元，本部门全年未安排因公出国（境）团组。")
    p(
        f"2.公务用车购置及运行维护费。年初预算为{fmt(SG_B['car'])}万元，支出决算为{fmt(SG_F['car'])}万元，"
        f"完成预算的{pct(SG_F['car'], SG_B['car'])}%。其中：公务用车购置费支出0万元，本年未购置公务用车；"
        f"公务用车运行维护费支出{fmt(SG_F['car_run'])}万元，主要用于疾病预防控制、卫生监督执法、应急保障等"
        f"工作所需公务用车的燃料费、维修费、过路过桥费、保险费等支出。截至{YEAR}年12月31日，公务用车保有量为"
        f"{sum(CARS.values())}辆。"
    )
    p(
        f"3.公务接待费。年初预算为{fmt(SG_B['reception'])}万元，支出决算为{fmt(SG_F['reception'])}万元，完成预算的"
        f"{pct(SG_F['reception'], SG_B['reception'])}%。其中：国内公务接待支出{fmt(SG_F['reception'])}万元，"
        "主要用于上级部门检查指导工作、兄弟县市交流学习等发生的接待支出。国内公务接待"
        f"{RECEPTION_BATCHES}批次，{RECEPTION_PERSONS}人次（不包括陪同人员）；外事接待支出0万元，外事接待0批次，0人次。"
    )
    h2("八、政府性基金预算财政拨款收入支出决算情况说明")
    p(
        f"本部门{YEAR}年度没有政府性基金预算财政拨款收入、支出及结转结余，故《政府性基金预算财政拨款收入支出决算表》"
        "以空表列示。"
    )
    h2("九、国有资本经营预算财政拨款支出决算情况说明")
    p(
        f"本部门{YEAR}年度没有国有资本经营预算财政拨款支出，故《国有资本经营预算财政拨款支出决算表》以空表列示。"
    )
    h2("十、其他重要事项的情况说明")
    h3("（一）机关运行经费支出情况")
    p(
        f"本部门{YEAR}年度机关运行经费支出{fmt(RUNNING_COST)}万元，比{PREV_YEAR}年度"
        f"{change(RUNNING_COST, PREV['running'])}。主要原因是压减一般性支出，办公费、印刷费等日常公用支出减少。"
    )
    h3("（二）会议费、培训费支出情况")
    mt = next(a for _, _, lst in PUBLIC for c, _, a in lst if c == "30215")
    tr = next(a for _, _, lst in PUBLIC for c, _, a in lst if c == "30216")
    p(
        f"{YEAR}年度会议费支出{fmt(d(mt) * 10000)}元，较上年{change(mt, PREV['meeting'])}，全年召开会议"
        f"{MEETINGS}次，参会人员{MEETING_PERSONS}人次；培训费支出{fmt(tr)}万元，同比"
        f"{change(tr, PREV['training'])}，共举办培训{TRAININGS}期，培训{TRAINING_PERSONS}人次，主要是"
        "基层卫生技术人员业务培训。"
    )
    h3("（三）政府采购支出情况")
    p(
        f"{YEAR}年度本部门政府采购支出总额{fmt(PROC_TOTAL)}万元，其中：政府采购货物支出"
        f"{fmt(PROCUREMENT['goods'])}万元、政府采购工程支出{fmt(PROCUREMENT['works'])}万元、政府采购服务支出"
        f"{fmt(PROCUREMENT['services'])}万元。授予中小企业合同金额{fmt(PROCUREMENT['sme'])}万元，占政府采购支出"
        f"总额的{pct(PROCUREMENT['sme'], PROC_TOTAL)}%，其中：授予小微企业合同金额{fmt(PROCUREMENT['small_micro'])}"
        f"万元，占政府采购支出总额的{pct(PROCUREMENT['small_micro'], PROC_TOTAL)}%。"
    )
    h3("（四）国有资产占用情况")
    cars = "，".join(f"{k}{v}辆" for k, v in CARS.items())
    p(
        f"截至{YEAR}年12月31日，本部门共有车辆{sum(CARS.values())}辆，其中：副部（省）级及以上领导用车0辆，"
        f"主要负责人用车0辆，机要通信用车0辆，{cars}，其他用车0辆。单价50万元以上通用设备0台（套），"
        f"单价50万元以上专用设备{EQUIP_50W}台（套），为县疾病预防控制中心检验检测设备。"
    )
    h3("（五）预算绩效管理情况")
    n_proj = sum(1 for it in ITEMS if it["fp"])
    p(
        f"根据预算绩效管理要求，本部门组织对{YEAR}年度一般公共预算项目支出全面开展绩效自评，共涉及项目"
        f"{n_proj}个，涉及资金{fmt(T['fp'])}万元，占一般公共预算项目支出总额的100%。同时开展部门整体支出"
        f"绩效自评，自评得分{SELF_EVAL_SCORE}分，等级为“优”。从自评情况看，各项目基本完成年度绩效目标，"
        "资金使用规范，群众满意度较高。"
    )
    P.append(("break", ""))

    # ------------------------------------------------------------ 第三部分
    h1("第三部分  名词解释")
    for i, (term, text) in enumerate(
        [
            (
                "财政拨款收入",
                "指本级财政当年拨付的资金，包括一般公共预算财政拨款、政府性基金预算财政拨款和"
                "国有资本经营预算财政拨款。",
            ),
            ("事业收入", "指事业单位开展专业业务活动及其辅助活动依法取得的非财政拨款收入。"),
            ("其他收入", "指单位取得的除上述各项收入以外的收入，主要是存款利息收入等。"),
            ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
            (
                "年末结转和结余",
                "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，"
                "需要延迟到以后年度按有关规定继续使用的资金。",
            ),
            ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
            ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
            (
                "“三公”经费",
                "指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"
                "其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、"
                "培训费、公杂费等支出；公务用车购置及运行费反映单位公务用车购置支出及燃料费、维修费、"
                "过路过桥费、保险费等运行支出；公务接待费反映单位按规定开支的各类公务接待支出。",
            ),
            (
                "机关运行经费",
                "指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，"
                "包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、"
                "办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
            ),
        ],
        1,
    ):
        p(f"{cn(i)}、{term}：{text}")
    P.append(("break", ""))
    h1(f"附件  {YEAR}年度部门决算公开表")
    return P


def build_docx(path: Path, table_titles: list[str]) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.8)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)

    def fonts(run_or_style, size, bold=False):
        run_or_style.font.name = LATIN_FONT
        run_or_style.font.size = Pt(size)
        run_or_style.font.bold = bold
        rpr = run_or_style.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.append(rfonts)
        rfonts.set(qn("w:eastAsia"), CJK_FONT)
        rfonts.set(qn("w:ascii"), LATIN_FONT)
        rfonts.set(qn("w:hAnsi"), LATIN_FONT)

    fonts(doc.styles["Normal"], 14)
    doc.styles["Normal"].paragraph_format.line_spacing = Pt(26)

    # footer page number "- N -"
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = fp.add_run("- ")
    fonts(r, 10)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    rr = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    rr.append(t)
    fld.append(rr)
    fp._p.append(fld)
    r = fp.add_run(" -")
    fonts(r, 10)

    items = narrative()
    items += [("toc", f"{i}. {t}") for i, t in enumerate(table_titles, 1)]
    items.append(("p", "注：以上部门决算公开表中，空表表示本部门无相关收支及结转结余情况。"))
    for style, text in items:
        if style == "break":
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
            continue
        para = doc.add_paragraph()
        pf = para.paragraph_format
        if style == "cover":
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pf.space_before = Pt(120 if text == UNIT else 24)
            fonts(para.add_run(text), 26, bold=True)
        elif style == "title":
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fonts(para.add_run(text), 18, bold=True)
        elif style == "toc":
            pf.line_spacing = Pt(22)
            fonts(para.add_run(text), 14)
        elif style == "h1":
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pf.space_after = Pt(12)
            fonts(para.add_run(text), 18, bold=True)
        elif style in ("h2", "h3"):
            pf.first_line_indent = Pt(28)
            fonts(para.add_run(text), 14, bold=True)
        else:
            pf.first_line_indent = Pt(28)
            pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fonts(para.add_run(text), 14)
    cp = doc.core_properties
    cp.author = UNIT
    cp.title = f"{UNIT}{YEAR}年度部门决算"
    doc.save(path)


# ============================================================ convert and merge


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve().parents[1]
    ap.add_argument("--out", type=Path, default=here / "fixtures" / "office" / "county-health-2023-final.pdf")
    ap.add_argument("--keep", type=Path, help="also keep the .docx/.xlsx and the two PDFs in this folder")
    args = ap.parse_args()

    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        xlsx, docx = tmp / "tables.xlsx", tmp / "narrative.docx"
        titles = build_xlsx(xlsx)
        build_docx(docx, titles)
        pdfs = [to_pdf(docx, tmp, tmp / "lo"), to_pdf(xlsx, tmp, tmp / "lo")]
        merged = pdfium.PdfDocument.new()
        for f in pdfs:
            src = pdfium.PdfDocument(str(f))
            merged.import_pages(src)
            src.close()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        merged.save(str(args.out))
        merged.close()
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for f in [xlsx, docx, *pdfs]:
                shutil.copy(f, args.keep / f.name)
    print(f"{args.out} ({args.out.stat().st_size // 1024} KB)")
    print(
        f"收入总计 {fmt(GRAND_TOTAL)}  本年收入 {fmt(INCOME_TOTAL)}  本年支出 {fmt(EXPENSE_TOTAL)}  "
        f"一般公共预算财政拨款支出 {fmt(T['fin'])}  基本 {fmt(T['fb'])}  项目 {fmt(T['fp'])}"
    )


if __name__ == "__main__":
    main()
