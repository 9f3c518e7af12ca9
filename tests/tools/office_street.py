"""Generate tests/fixtures/office/street-office-2025-budget.pdf — an invented township-level
2025年部门预算 of a 街道办事处 (临溪区桂湖街道办事处), published in TRADITIONAL characters (繁體, the
way some sites serve their disclosures through an automatic 简→繁 conversion: 預算, 經費, 財政撥款,
「三公」經費 with corner quotes, 佔, 為, 群眾), written as ONE Word document (python-docx) with ruled Word
tables and exported to PDF by LibreOffice.

Run by hand (not by the test suite):

    .venv/bin/pip install python-docx opencc      # not project dependencies
    .venv/bin/python tests/tools/office_street.py [--keep-docx] [--facts]

Needs ``soffice`` (LibreOffice) on PATH and the WenQuanYi Zen Hei font.  The content is
deterministic: every figure is written once below (``BASIC``/``PROJECTS``/``LAST_GEN``/``ECON``/
``SANGONG*``/``PROCUREMENT`` …, in hundredths of 万元, or 元 for the projects) and every total,
类/款 subtotal, change, rate and share is derived from it, so the figures add up.  The text is
written in simplified characters and converted with OpenCC ``s2tw`` (plus “” → 「」) when written.
``--facts`` prints the derived figures used by tests/golden/street-office-2025-budget.qa.toml.

Differences from the other Office fixtures, on purpose:
- traditional characters everywhere (titles, headers, row names, narrative); corner quotes 「三公」;
- no cover and no 目录: page 1 starts with the title and the narrative (small-unit style:
  一、部門職責 / 二、機構設置 / 三、…收支情況 …), thousand separators in narrative figures;
- table titles carry the unit name (``臨溪區桂湖街道辦事處2025年部門收支總表``) and a line
  ``編制單位：… 金額單位：萬元`` (not 单位名称/单位);
- the 一般公共預算支出表 has the columns 上年預算數 | 本年預算數 | 增減額 | 增減率(%) with a new 项
  (上年 blank, 增減率 "—") and a finished one (本年 blank, 增減額 negative);
- the 「三公」經費支出表 is on a landscape page with three 6-column blocks 上年預算數 / 本年預算數 / 增減額;
- an empty 政府性基金預算支出表 ("本單位無政府性基金預算支出，本表為空表。");
- the 項目支出預算表 (12 projects) is the one table in 元; everything else is in 萬元;
- a 政府採購預算表 by item with 採購類別 and a 部門整體支出績效目標表 (indicators with 個/人/人次/%/萬元);
- footer page numbers "第 N 頁".
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import opencc
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "office" / "street-office-2025-budget.pdf"

CJK_FONT = "WenQuanYi Zen Hei"
LATIN_FONT = "Times New Roman"

DISTRICT = "临溪区"
STREET = "桂湖街道"
DEPT = f"{DISTRICT}{STREET}办事处"
YEAR = 2025
LAST = YEAR - 1

_CC = opencc.OpenCC("s2tw")


def T(s: str) -> str:
    """simplified → traditional as a site's 繁體 version shows it, with corner quotes."""
    return _CC.convert(s).replace("“", "「").replace("”", "」")


# ====================================================================== data (written once)
# Amounts in hundredths of 万元 (int): c("1286.40") → 128640.  Project amounts in 元 (whole yuan,
# multiples of 100 so they are exact in 万元).


def c(x: str) -> int:
    return int((Decimal(x) * 100).to_integral_value(ROUND_HALF_UP))


SUBJECTS = {  # 支出功能分类 (2025)
    "201": "一般公共服务支出",
    "20103": "政府办公厅（室）及相关机构事务",
    "2010301": "行政运行",
    "2010302": "一般行政管理事务",
    "2010350": "事业运行",
    "203": "国防支出",
    "20306": "国防动员",
    "2030607": "民兵",
    "207": "文化旅游体育与传媒支出",
    "20701": "文化和旅游",
    "2070109": "群众文化",
    "208": "社会保障和就业支出",
    "20802": "民政管理事务",
    "2080208": "基层政权建设和社区治理",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "20810": "社会福利",
    "2081002": "老年福利",
    "20811": "残疾人事业",
    "2081107": "残疾人生活和护理补贴",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "211": "节能环保支出",
    "21103": "污染防治",
    "2110302": "水体",
    "212": "城乡社区支出",
    "21201": "城乡社区管理事务",
    "2120104": "城管执法",
    "2120199": "其他城乡社区管理事务支出",
    "21205": "城乡社区环境卫生",
    "2120501": "城乡社区环境卫生",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
}

# 基本支出 (一般公共预算) by 项
BASIC = {
    "2010301": c("1286.40"),
    "2010350": c("524.70"),
    "2080501": c("86.30"),
    "2080505": c("168.24"),
    "2080506": c("84.12"),
    "2101101": c("62.15"),
    "2101102": c("24.38"),
    "2210201": c("131.76"),
}

# 项目: (名称, 功能科目, 一般公共预算拨款 元, 其他资金 元, 项目类型)
PROJECTS = [
    ("社区工作者薪酬待遇保障经费", "2080208", 11520000, 0, "经常性项目"),
    ("社区治理专项经费", "2080208", 3600000, 0, "经常性项目"),
    ("城市管理协管员经费", "2120104", 2592000, 0, "经常性项目"),
    ("垃圾分类及清运", "2120501", 2436500, 286000, "经常性项目"),
    ("背街小巷环境整治", "2120501", 1850000, 0, "一次性项目"),
    ("社区党群服务中心运维", "2120199", 1265000, 0, "经常性项目"),
    ("网格化管理及平安建设", "2010302", 860000, 0, "经常性项目"),
    ("机关办公楼维修改造", "2010302", 730000, 0, "一次性项目"),
    ("老年食堂运营补贴", "2081002", 683400, 0, "经常性项目"),
    ("残疾人两项补贴", "2081107", 416900, 0, "经常性项目"),
    ("群众文化活动", "2070109", 320000, 0, "经常性项目"),
    ("民兵整组训练", "2030607", 85000, 0, "经常性项目"),
]
OTHER_INCOME_NAME = "其他收入"  # 垃圾分类及清运 is partly paid from 其他收入 (可回收物处置收入)

# 2024年 (上年) 一般公共预算 by 项; a 项 missing here is new in 2025, a 项 here but not in 2025 ended
LAST_GEN = {
    "2010301": c("1248.20"),
    "2010302": c("98.00"),
    "2010350": c("508.90"),
    "2030607": c("8.50"),
    "2070109": c("30.00"),
    "2080208": c("1398.60"),
    "2080501": c("82.40"),
    "2080505": c("160.80"),
    "2080506": c("80.40"),
    "2081107": c("39.84"),
    "2101101": c("59.60"),
    "2101102": c("23.10"),
    "2110302": c("120.00"),
    "2120104": c("241.20"),
    "2120199": c("118.00"),
    "2120501": c("486.30"),
    "2210201": c("126.48"),
}
LAST_OTHER = c("31.20")  # 上年其他收入
INCOME_REASON = "新增老年食堂运营补贴项目，社区工作者薪酬待遇标准提高，以及机关办公楼维修改造"
LEI_REASON = {
    "201": "主要原因是安排机关办公楼维修改造经费，以及人员正常晋级晋档增加工资性支出",
    "203": "主要原因是民兵整组训练经费按上年标准安排",
    "207": "主要原因是增加社区群众文化活动场次",
    "208": "主要原因是新增老年食堂运营补贴，社区工作者薪酬待遇标准提高",
    "210": "主要原因是医疗保险缴费基数调整",
    "211": "主要原因是桂湖河道水体整治项目已于2024年完工，本年不再安排",
    "212": "主要原因是背街小巷环境整治任务减少，垃圾清运单价下调",
    "221": "主要原因是住房公积金缴存基数调整",
}

# 经济分类 (一般公共预算基本支出): fixed items; linked ones are derived from the function classification
ECON_NAMES = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30112": "其他社会保障缴费",
    "30113": "住房公积金",
    "30199": "其他工资福利支出",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30205": "水费",
    "30206": "电费",
    "30207": "邮电费",
    "30209": "物业管理费",
    "30211": "差旅费",
    "30213": "维修（护）费",
    "30215": "会议费",
    "30216": "培训费",
    "30217": "公务接待费",
    "30228": "工会经费",
    "30229": "福利费",
    "30231": "公务用车运行维护费",
    "30239": "其他交通费用",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助",
    "30302": "退休费",
    "30399": "其他对个人和家庭的补助",
}
ECON_FIXED = {
    "30101": c("412.56"),
    "30102": c("398.40"),
    "30103": c("96.30"),
    "30112": c("12.46"),
    "30199": c("45.80"),
    "30201": c("38.50"),
    "30205": c("4.20"),
    "30206": c("18.60"),
    "30207": c("6.80"),
    "30209": c("36.00"),
    "30211": c("5.40"),
    "30213": c("12.30"),
    "30215": c("2.10"),
    "30216": c("6.50"),
    "30228": c("14.26"),
    "30229": c("9.60"),
    "30239": c("28.80"),
    "30299": c("11.45"),
    "30399": c("6.20"),
}
ECON_GROUPS = {
    "301": ["30101", "30102", "30103", "30107", "30108", "30109", "30110", "30112", "30113", "30199"],
    "302": [
        "30201",
        "30205",
        "30206",
        "30207",
        "30209",
        "30211",
        "30213",
        "30215",
        "30216",
        "30217",
        "30228",
        "30229",
        "30231",
        "30239",
        "30299",
    ],
    "303": ["30302", "30399"],
}

# 「三公」经费 (万元)
SANGONG_LAST = {"出国": 0, "购置": 0, "运行": c("3.60"), "接待": c("1.20")}
SANGONG = {"出国": 0, "购置": 0, "运行": c("3.20"), "接待": c("0.85")}

JIGUAN = c("152.36")  # 机关运行经费 (行政部分公用经费), narrative only
JIGUAN_LAST = c("165.80")

# 政府采购: (项目名称, 采购品目, 类别, 数量, 计量单位, 金额 万元)
PROCUREMENT = [
    ("机关日常办公", "台式计算机及打印设备", "货物", 16, "台", c("9.60")),
    ("垃圾分类及清运", "分类垃圾桶及收集容器", "货物", 620, "个", c("18.60")),
    ("机关办公楼维修改造", "房屋修缮工程", "工程", 1, "项", c("73.00")),
    ("垃圾分类及清运", "生活垃圾清运服务", "服务", 1, "项", c("196.00")),
    ("城市管理协管员经费", "劳务派遣服务", "服务", 45, "人", c("259.20")),
    ("机关日常办公", "物业管理服务", "服务", 1, "项", c("36.00")),
]

ORG = {
    "科室": [
        "党政综合办公室",
        "党建工作办公室",
        "经济发展办公室",
        "社会事务办公室",
        "城市管理办公室",
        "平安建设办公室",
        "社区建设办公室",
    ],
    "事业单位": ["桂湖街道党群服务中心", "桂湖街道便民服务中心"],
    "社区": 12,
}
STAFF = {
    "编制": 64,
    "行政编制": 38,
    "事业编制": 26,
    "实有": 61,
    "实有行政": 36,
    "实有事业": 25,
    "退休": 23,
    "社区工作者": 120,
    "协管员": 45,
}
VEHICLES = {"合计": 3, "一般公务用车": 1, "执法执勤用车": 2}

PERF_ROWS = [  # 部门整体支出绩效目标: (一级, 二级, 三级, 指标值)
    ("产出指标", "数量指标", "服务社区数量", "12个"),
    ("产出指标", "数量指标", "城市管理协管员配备人数", "45人"),
    ("产出指标", "数量指标", "老年食堂助餐服务人次", "≥36000人次"),
    ("产出指标", "数量指标", "群众文化活动场次", "≥40场"),
    ("产出指标", "数量指标", "残疾人两项补贴发放人数", "≥260人"),
    ("产出指标", "质量指标", "生活垃圾分类覆盖率", "100%"),
    ("产出指标", "质量指标", "补贴资金发放准确率", "100%"),
    ("产出指标", "时效指标", "补贴资金按月发放及时率", "100%"),
    ("产出指标", "成本指标", "「三公」经费控制数", "≤4.05万元"),
    ("效益指标", "社会效益指标", "辖区环境卫生检查达标率", "≥95%"),
    ("效益指标", "可持续影响指标", "社区治理长效机制", "持续完善"),
    ("满意度指标", "服务对象满意度指标", "辖区居民满意度", "≥90%"),
]
PERF_GOAL = (
    "保障街道机关及所属事业单位正常运转；做好12个社区的社区治理和社区工作者薪酬保障；"
    "推进生活垃圾分类和背街小巷环境整治，提升辖区市容环境；办好老年食堂，落实残疾人两项补贴等民生政策。"
)

# ====================================================================== derived figures


def pct(a: int, b: int) -> Decimal:
    return (Decimal(a) * 100 / Decimal(b)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def wan(yuan: int) -> int:
    """元 (multiple of 100) → hundredths of 万元."""
    assert yuan % 100 == 0, yuan
    return yuan // 100


class Figures:
    def __init__(self) -> None:
        # per 项: [基本 一般公共预算, 项目 一般公共预算, 项目 其他资金]
        self.by_code: dict[str, list[int]] = {}
        for code, v in BASIC.items():
            self.by_code.setdefault(code, [0, 0, 0])[0] += v
        for _name, code, gen, oth, _kind in PROJECTS:
            acc = self.by_code.setdefault(code, [0, 0, 0])
            acc[1] += wan(gen)
            acc[2] += wan(oth)
        self.codes = sorted(self.by_code)
        self.basic = sum(v[0] for v in self.by_code.values())
        self.proj_gen = sum(v[1] for v in self.by_code.values())
        self.other = sum(v[2] for v in self.by_code.values())
        self.project = self.proj_gen + self.other
        self.gen = self.basic + self.proj_gen
        self.total = self.gen + self.other
        self.fund = 0
        self.proj_yuan = sum(p[2] + p[3] for p in PROJECTS)
        assert wan(self.proj_yuan) == self.project
        # last year
        self.last_gen = sum(LAST_GEN.values())
        self.last_total = self.last_gen + LAST_OTHER
        # 一般公共预算 by 项 (this year and last), incl. ended 项
        self.gen_codes = sorted(set(LAST_GEN) | {k for k, v in self.by_code.items() if v[0] + v[1]})
        # economic classification
        e = dict(ECON_FIXED)
        e["30108"] = BASIC["2080505"]
        e["30109"] = BASIC["2080506"]
        e["30110"] = BASIC["2101101"] + BASIC["2101102"]
        e["30113"] = BASIC["2210201"]
        e["30302"] = BASIC["2080501"]
        e["30217"] = SANGONG["接待"]
        e["30231"] = SANGONG["运行"]
        e["30107"] = 0
        e["30107"] = self.basic - sum(e.values())
        assert e["30107"] > 0
        assert sorted(sum(ECON_GROUPS.values(), [])) == sorted(e)
        for g, ks in ECON_GROUPS.items():
            e[g] = sum(e[k] for k in ks)
        self.econ = e
        self.personnel = e["301"] + e["303"]
        self.public = e["302"]
        assert self.personnel + self.public == self.basic
        assert JIGUAN < self.public
        # 三公
        self.sg = self._sg(SANGONG)
        self.sg_last = self._sg(SANGONG_LAST)
        self.sg_diff = {k: self.sg[k] - self.sg_last[k] for k in self.sg}
        # procurement
        self.proc = {k: sum(p[5] for p in PROCUREMENT if p[2] == k) for k in ("货物", "工程", "服务")}
        self.proc_total = sum(self.proc.values())
        # the 绩效 indicator values that restate figures of the document
        assert ("产出指标", "数量指标", "服务社区数量", f"{ORG['社区']}个") in PERF_ROWS
        assert ("产出指标", "数量指标", "城市管理协管员配备人数", f"{STAFF['协管员']}人") in PERF_ROWS
        assert (
            "产出指标",
            "成本指标",
            "「三公」经费控制数",
            f"≤{self.sg['合计'] / 100:.2f}万元",
        ) in PERF_ROWS
        assert STAFF["行政编制"] + STAFF["事业编制"] == STAFF["编制"]
        assert STAFF["实有行政"] + STAFF["实有事业"] == STAFF["实有"]
        assert VEHICLES["一般公务用车"] + VEHICLES["执法执勤用车"] == VEHICLES["合计"]

    @staticmethod
    def _sg(s: dict) -> dict:
        out = dict(s)
        out["车"] = s["购置"] + s["运行"]
        out["合计"] = s["出国"] + out["车"] + s["接待"]
        return out

    def agg(self, prefix: str, idx: tuple[int, ...]) -> int:
        return sum(sum(v[i] for i in idx) for k, v in self.by_code.items() if k.startswith(prefix))

    def gen_now(self, prefix: str) -> int:
        return self.agg(prefix, (0, 1))

    def gen_last(self, prefix: str) -> int:
        return sum(v for k, v in LAST_GEN.items() if k.startswith(prefix))

    def leis(self, include_ended: bool = False) -> list[str]:
        src = self.gen_codes if include_ended else self.codes
        return sorted({k[:3] for k in src})


F = Figures()

# ====================================================================== formatting


def fmt(v: int, sep: bool = True) -> str:
    """hundredths of 万元 → '5,032.53'."""
    d = Decimal(v) / 100
    return f"{d:,.2f}" if sep else f"{d:.2f}"


def blank(v: int) -> str:
    return fmt(v) if v else ""


def yuan(v: int) -> str:
    return f"{Decimal(v):,.2f}"


def signed(v: int) -> str:
    return fmt(v) if v >= 0 else "-" + fmt(-v)


def rate(now: int, last: int) -> str:
    if last == 0:
        return "—"
    r = pct(now - last, last)
    return f"{r:.2f}"


def n(v: int) -> str:  # narrative amount, with thousands separators (as this unit prints them)
    return fmt(v)


def change_phrase(now: int, last: int, base: str = "比上年") -> str:
    d = now - last
    if d == 0:
        return "与上年持平"
    word, word2 = ("增加", "增长") if d > 0 else ("减少", "下降")
    if last == 0:
        return f"{base}{word}{n(abs(d))}万元"
    return f"{base}{word}{n(abs(d))}万元，{word2}{pct(abs(d), last)}%"


# ====================================================================== docx helpers


def set_cjk(el, name: str = CJK_FONT) -> None:
    rpr = el.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), name)
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)


def setup_styles(doc: Document) -> None:
    st = doc.styles["Normal"]
    st.font.name = LATIN_FONT
    st.font.size = Pt(12)
    set_cjk(st.element)
    pf = st.paragraph_format
    pf.space_after = Pt(0)
    pf.space_before = Pt(0)
    pf.line_spacing = 1.3
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr_default.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr_default.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), CJK_FONT)
    for a in ("w:ascii", "w:hAnsi"):
        rfonts.set(qn(a), LATIN_FONT)
    for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(a)) is not None:
            del rfonts.attrib[qn(a)]


def para(doc_or_cell, text: str = "", *, size=None, bold=False, align=None, indent=True, after=0.0):
    p = doc_or_cell.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt((size or 12) * 2)
    if align is not None:
        p.alignment = align
    if after:
        p.paragraph_format.space_after = Pt(after)
    if text:
        r = p.add_run(T(text))
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        set_cjk(r._element)
    return p


def heading(doc, text: str, size: float = 13, before: float = 6):
    p = para(doc, text, size=size, bold=True)
    p.paragraph_format.space_before = Pt(before)
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.keep_with_next = True
    return p


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def footer(section) -> None:
    ft = section.footer
    ft.is_linked_to_previous = False
    p = ft.paragraphs[0] if ft.paragraphs else ft.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run(text=None, fld=None, instr=None):
        r = p.add_run(text or "")
        r.font.size = Pt(9)
        set_cjk(r._element)
        if fld:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), fld)
            r._element.append(el)
        if instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            r._element.append(el)

    run(T("第 "))
    run(fld="begin")
    run(instr=" PAGE ")
    run(fld="separate")
    run("1")
    run(fld="end")
    run(T(" 页"))


def set_grid_borders(table) -> None:
    tblPr = table._tbl.tblPr
    old = tblPr.find(qn("w:tblBorders"))
    if old is not None:
        tblPr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tblPr.append(borders)


def row_flag(row, tag: str) -> None:
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement(f"w:{tag}")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def write_cell(cell, text: str, *, size: float = 9, bold: bool = False, align: str = "left") -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
    }[align]
    if text:
        r = p.add_run(T(text))
        r.font.size = Pt(size)
        r.bold = bold
        set_cjk(r._element)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def make_table(
    doc,
    header: list[list[str | None]],
    body: list[list[str]],
    *,
    widths_cm: list[float],
    size: float = 9,
    num_from: int = 2,
    merges=(),
    bold_rows=frozenset(),
    center_cols=frozenset(),
    repeat_header: bool = False,
):
    """header rows (None = merged continuation), body rows; merges (r0, c0, r1, c1) in table coords."""
    nrows, ncols = len(header) + len(body), len(widths_cm)
    t = doc.add_table(rows=nrows, cols=ncols)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    set_grid_borders(t)
    for ri, row in enumerate(header):
        for ci, txt in enumerate(row):
            if txt is not None:
                write_cell(t.cell(ri, ci), txt, size=size, bold=True, align="center")
        if repeat_header:
            row_flag(t.rows[ri], "tblHeader")
    for bi, row in enumerate(body):
        ri = len(header) + bi
        row_flag(t.rows[ri], "cantSplit")
        for ci, txt in enumerate(row):
            align = "right" if ci >= num_from else ("center" if ci in center_cols else "left")
            write_cell(t.cell(ri, ci), txt, size=size, bold=bi in bold_rows, align=align)
    for r0, c0, r1, c1 in merges:
        a = t.cell(r0, c0)
        keep = a.text
        hdr = r0 < len(header)
        m = a.merge(t.cell(r1, c1))
        write_cell(m, keep, size=size, bold=hdr, align="center" if hdr else "left")
    for ri in range(nrows):
        for ci, w in enumerate(widths_cm):
            t.cell(ri, ci).width = Cm(w)
    for gc, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    return t


def table_title(doc, no: int, title: str, unit: str = "万元") -> None:
    p = para(doc, f"表{no}", size=10.5, indent=False)
    p = para(doc, f"{DEPT}{YEAR}年{title}", size=15, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    p.paragraph_format.space_after = Pt(6)
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(0)
    sec = doc.sections[-1]
    usable = sec.page_width - sec.left_margin - sec.right_margin
    p.paragraph_format.tab_stops.add_tab_stop(usable, WD_TAB_ALIGNMENT.RIGHT)
    r = p.add_run(T(f"编制单位：{DEPT}\t金额单位：{unit}"))
    r.font.size = Pt(10)
    set_cjk(r._element)


def note(doc, text: str) -> None:
    p = para(doc, text, size=9, indent=False)
    p.paragraph_format.space_before = Pt(4)


# ====================================================================== narrative


def write_narrative(doc) -> None:
    sg, sl = F.sg, F.sg_last
    p = para(
        doc, f"{DEPT}{YEAR}年部门预算", size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
    )
    p.paragraph_format.space_after = Pt(4)
    p = para(doc, "（公开说明）", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    p.paragraph_format.space_after = Pt(10)

    heading(doc, "一、部门职责", before=0)
    for s in (
        "贯彻执行党和国家的路线方针政策及区委、区政府的决策部署，负责辖区党的建设和基层政权建设工作。",
        "统筹辖区社区治理，指导社区居民委员会开展工作，推进网格化管理和平安建设，维护辖区社会稳定。",
        "负责辖区城市管理、市容环境卫生、生活垃圾分类和背街小巷整治工作，配合做好综合行政执法工作。",
        "负责辖区社会事务，落实养老服务、残疾人保障、社会救助、退役军人服务、民兵工作等政策。",
        "组织开展群众文化活动，做好便民服务和区委、区政府交办的其他事项。",
    ):
        para(doc, s)

    heading(doc, "二、机构设置")
    ks = ORG["科室"]
    para(
        doc,
        f"{DEPT}内设{len(ks)}个科室：{'、'.join(ks)}；下设事业单位{len(ORG['事业单位'])}个："
        f"{'、'.join(ORG['事业单位'])}。街道下辖{ORG['社区']}个社区居委会。本部门预算为街道办事处本级"
        "及所属事业单位的汇总预算。",
    )
    para(
        doc,
        f"截至{LAST}年底，本部门编制人数{STAFF['编制']}人，其中行政编制{STAFF['行政编制']}人、"
        f"事业编制{STAFF['事业编制']}人；实有人数{STAFF['实有']}人，其中行政人员{STAFF['实有行政']}人、"
        f"事业人员{STAFF['实有事业']}人。另有退休人员{STAFF['退休']}人，社区工作者{STAFF['社区工作者']}人，"
        f"城市管理协管员{STAFF['协管员']}人。",
    )

    heading(doc, f"三、{YEAR}年部门预算收支情况")
    para(doc, "（一）收入预算")
    d = F.total - F.last_total
    para(
        doc,
        f"{YEAR}年收入预算{n(F.total)}万元，{change_phrase(F.total, F.last_total)}，"
        f"主要原因是{INCOME_REASON}。其中：一般公共预算拨款收入{n(F.gen)}万元，占{pct(F.gen, F.total)}%；"
        f"其他收入{n(F.other)}万元，占{pct(F.other, F.total)}%，为可回收物处置收入。"
        "本部门无政府性基金预算拨款收入，无上年结转。",
    )
    assert d > 0
    para(doc, "（二）支出预算")
    para(
        doc,
        f"{YEAR}年支出预算{n(F.total)}万元，其中：基本支出{n(F.basic)}万元，占{pct(F.basic, F.total)}%，"
        f"主要用于保障人员工资福利和机构正常运转；项目支出{n(F.project)}万元，占{pct(F.project, F.total)}%，"
        "主要用于社区治理、环境整治、城市管理和为老服务等。主要项目有：",
    )
    top = sorted(PROJECTS, key=lambda p: -(p[2] + p[3]))[:5]
    para(
        doc,
        "；".join(f"{name}{n(wan(g + o))}万元" for name, _c, g, o, _k in top) + "。",
    )
    para(doc, "（三）财政拨款收支预算")
    para(
        doc,
        f"{YEAR}年财政拨款收支预算{n(F.gen)}万元，全部为一般公共预算拨款，比上年"
        f"{'增加' if F.gen > F.last_gen else '减少'}{n(abs(F.gen - F.last_gen))}万元。"
        f"本部门{YEAR}年无政府性基金预算拨款收入，也无使用政府性基金预算拨款安排的支出，"
        "政府性基金预算支出表为空表。",
    )

    heading(doc, "四、一般公共预算支出情况")
    dg = F.gen - F.last_gen
    para(
        doc,
        f"{YEAR}年一般公共预算支出{n(F.gen)}万元，{change_phrase(F.gen, F.last_gen, '比上年预算')}。"
        "按支出功能分类科目（类级）：",
    )
    assert dg > 0
    parts = []
    for lei in F.leis():
        v = F.gen_now(lei)
        parts.append(f"{SUBJECTS[lei]}{n(v)}万元，占{pct(v, F.gen)}%")
    para(doc, "；".join(parts) + "。")
    para(doc, "与上年相比，各类支出变动情况如下：")
    for i, lei in enumerate(F.leis(include_ended=True), 1):
        now, last = F.gen_now(lei), F.gen_last(lei)
        para(doc, f"{i}. {SUBJECTS[lei]}{n(now)}万元，{change_phrase(now, last)}，{LEI_REASON[lei]}。")

    heading(doc, "五、一般公共预算基本支出情况")
    para(
        doc,
        f"{YEAR}年一般公共预算基本支出{n(F.basic)}万元，其中：人员经费{n(F.personnel)}万元，主要包括基本工资、"
        "津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、"
        "住房公积金、退休费等；公用经费"
        f"{n(F.public)}万元，主要包括办公费、水电费、物业管理费、差旅费、维修（护）费、工会经费、"
        "公务用车运行维护费等。",
    )

    heading(doc, "六、“三公”经费预算情况")
    para(
        doc,
        f"{YEAR}年“三公”经费预算{n(sg['合计'])}万元，{change_phrase(sg['合计'], sl['合计'])}，"
        "主要原因是严格落实过紧日子要求，压减公务接待和公务用车运行支出。其中：因公出国（境）费"
        f"{n(sg['出国'])}万元，与上年持平，本部门无因公出国（境）计划；公务用车购置及运行费{n(sg['车'])}万元"
        f"（其中：公务用车购置费{n(sg['购置'])}万元，公务用车运行费{n(sg['运行'])}万元），"
        f"{change_phrase(sg['车'], sl['车'])}，主要原因是车辆燃油和维修费用压减；公务接待费{n(sg['接待'])}万元，"
        f"{change_phrase(sg['接待'], sl['接待'])}，主要原因是严格执行公务接待标准，减少接待批次。",
    )

    heading(doc, "七、机关运行经费情况")
    para(
        doc,
        f"{YEAR}年机关运行经费预算{n(JIGUAN)}万元，{change_phrase(JIGUAN, JIGUAN_LAST)}，"
        "主要原因是压减一般性支出，降低办公运行成本。",
    )

    heading(doc, "八、政府采购预算情况")
    para(
        doc,
        f"{YEAR}年政府采购预算总额{n(F.proc_total)}万元，其中：货物类{n(F.proc['货物'])}万元，"
        f"工程类{n(F.proc['工程'])}万元，服务类{n(F.proc['服务'])}万元。",
    )

    heading(doc, "九、国有资产占用情况")
    para(
        doc,
        f"截至{LAST}年12月31日，本部门共有车辆{VEHICLES['合计']}辆，其中：一般公务用车"
        f"{VEHICLES['一般公务用车']}辆，执法执勤用车{VEHICLES['执法执勤用车']}辆；无单价50万元以上通用设备。"
        f"{YEAR}年无新增公务用车购置计划。",
    )

    heading(doc, "十、预算绩效目标设置情况")
    para(
        doc,
        f"{YEAR}年本部门实行绩效目标管理的项目{len(PROJECTS)}个，涉及资金{n(F.project)}万元，"
        "项目支出绩效目标管理全覆盖；同时编制了部门整体支出绩效目标（见表11）。",
    )

    heading(doc, "十一、名词解释")
    for term, text in (
        ("一般公共预算拨款收入", "指区级财政当年拨付的一般公共预算资金。"),
        ("其他收入", "指除财政拨款以外的其他收入，本部门为生活垃圾分类中可回收物处置取得的收入。"),
        ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
        ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
        (
            "“三公”经费",
            "指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费"
            "反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；"
            "公务用车购置及运行费反映单位公务用车购置支出及燃料费、维修费、过路过桥费、保险费等支出；"
            "公务接待费反映单位按规定开支的各类公务接待支出。",
        ),
        (
            "机关运行经费",
            "指为保障行政单位运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、"
            "福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房物业管理费、"
            "公务用车运行维护费以及其他费用。",
        ),
        (
            "社区工作者",
            "指在社区党组织、社区居民委员会专职从事社区服务和管理工作、由街道统一招聘管理的人员。",
        ),
    ):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(24)
        r = p.add_run(T(f"{term}："))
        r.bold = True
        set_cjk(r._element)
        r = p.add_run(T(text))
        set_cjk(r._element)


# ====================================================================== tables


def lkx_rows(values: dict[str, list[int]], fmt_row) -> list[list[str]]:
    """类 / 款 / 项 rows (whole codes) aggregating ``values`` (项 → list of ints)."""
    out, seen = [], set()
    for code in sorted(values):
        for pre in (code[:3], code[:5], code):
            if pre in seen:
                continue
            seen.add(pre)
            width = len(values[code])
            agg = [sum(v[i] for k, v in values.items() if k.startswith(pre)) for i in range(width)]
            out.append([pre, SUBJECTS[pre]] + fmt_row(agg))
    return out


def t1_shouzhi(doc) -> None:
    table_title(doc, 1, "部门收支总表")
    inc = [
        ("一、一般公共预算拨款收入", F.gen),
        ("二、政府性基金预算拨款收入", 0),
        ("三、国有资本经营预算拨款收入", 0),
        ("四、财政专户管理资金收入", 0),
        ("五、事业收入", 0),
        ("六、事业单位经营收入", 0),
        ("七、上级补助收入", 0),
        ("八、附属单位上缴收入", 0),
        ("九、其他收入", F.other),
    ]
    nums = "一二三四五六七八九十"
    exp = [(f"{nums[i]}、{SUBJECTS[lei]}", F.agg(lei, (0, 1, 2))) for i, lei in enumerate(F.leis())]
    assert sum(v for _, v in exp) == F.total
    body = []
    for i in range(max(len(inc), len(exp))):
        a = inc[i] if i < len(inc) else ("", 0)
        b = exp[i] if i < len(exp) else ("", 0)
        body.append([a[0], blank(a[1]), b[0], blank(b[1])])
    body.append(["本年收入合计", fmt(F.total), "本年支出合计", fmt(F.total)])
    body.append(["上年结转", "", "结转下年", ""])
    body.append(["收入总计", fmt(F.total), "支出总计", fmt(F.total)])
    header = [["收入", None, "支出", None], ["项目", "预算数", "项目", "预算数"]]
    t = make_table(
        doc,
        header,
        body,
        widths_cm=[5.4, 2.7, 5.6, 2.7],
        num_from=99,
        merges=[(0, 0, 0, 1), (0, 2, 0, 3)],
        bold_rows={len(body) - 3, len(body) - 1},
    )
    for ri in range(2, 2 + len(body)):
        for ci in (1, 3):
            t.cell(ri, ci).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    note(doc, "注：本表反映部门本年度的总收支情况。")


def t2_shouru(doc) -> None:
    table_title(doc, 2, "部门收入总表")
    header = [
        [
            "科目编码",
            "科目名称",
            "合计",
            "上年结转",
            "一般公共预算拨款收入",
            "政府性基金预算拨款收入",
            "事业收入",
            "其他收入",
        ]
    ]
    vals = {k: [v[0] + v[1] + v[2], 0, v[0] + v[1], 0, 0, v[2]] for k, v in F.by_code.items()}
    body = [["", "合计", fmt(F.total), "", fmt(F.gen), "", "", fmt(F.other)]]
    body += lkx_rows(vals, lambda a: [blank(x) for x in a])
    make_table(
        doc,
        header,
        body,
        widths_cm=[1.7, 4.6, 1.8, 1.5, 2.0, 2.0, 1.5, 1.6],
        size=8.5,
        bold_rows={0},
    )
    note(doc, "注：本表反映部门本年度按支出功能分类科目列示的各项收入来源。")


def t3_zhichu(doc) -> None:
    table_title(doc, 3, "部门支出总表")
    header = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    vals = {k: [v[0] + v[1] + v[2], v[0], v[1] + v[2]] for k, v in F.by_code.items()}
    body = [["", "合计", fmt(F.total), fmt(F.basic), fmt(F.project)]]
    body += lkx_rows(vals, lambda a: [blank(x) for x in a])
    make_table(doc, header, body, widths_cm=[2.2, 7.0, 2.4, 2.4, 2.4], size=9.5, bold_rows={0})
    note(doc, "注：本表反映部门本年度按支出功能分类科目列示的基本支出和项目支出预算。")


def t4_caizheng(doc) -> None:
    table_title(doc, 4, "财政拨款收支总表")
    header = [
        ["收入", None, "支出", None, None, None],
        ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算"],
    ]
    inc = [("一、一般公共预算拨款", F.gen), ("二、政府性基金预算拨款", 0), ("三、国有资本经营预算拨款", 0)]
    exp = [(SUBJECTS[lei], F.gen_now(lei)) for lei in F.leis()]
    body = []
    for i in range(max(len(inc), len(exp))):
        a = inc[i] if i < len(inc) else ("", 0)
        nm, g = exp[i] if i < len(exp) else ("", 0)
        body.append([a[0], blank(a[1]), nm, blank(g), blank(g), ""])
    body.append(["本年收入合计", fmt(F.gen), "本年支出合计", fmt(F.gen), fmt(F.gen), ""])
    body.append(["上年结转", "", "结转下年", "", "", ""])
    body.append(["收入总计", fmt(F.gen), "支出总计", fmt(F.gen), fmt(F.gen), ""])
    t = make_table(
        doc,
        header,
        body,
        widths_cm=[4.3, 2.2, 4.4, 2.1, 2.2, 2.2],
        num_from=99,
        merges=[(0, 0, 0, 1), (0, 2, 0, 5)],
        bold_rows={len(body) - 3, len(body) - 1},
    )
    for ri in range(2, 2 + len(body)):
        for ci in (1, 3, 4, 5):
            t.cell(ri, ci).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    note(doc, "注：本表反映部门本年度一般公共预算和政府性基金预算财政拨款的总收支情况。")


def t5_yiban(doc) -> None:
    table_title(doc, 5, "一般公共预算支出表")
    header = [["科目编码", "科目名称", "上年预算数", "本年预算数", "增减额", "增减率(%)"]]
    vals = {
        k: [LAST_GEN.get(k, 0), F.by_code.get(k, [0, 0, 0])[0] + F.by_code.get(k, [0, 0, 0])[1]]
        for k in F.gen_codes
    }

    def row(a):
        last, now = a
        return [blank(last), blank(now), signed(now - last), rate(now, last)]

    body = [["", "合计"] + row([F.last_gen, F.gen])]
    body += lkx_rows(vals, row)
    make_table(doc, header, body, widths_cm=[2.1, 6.6, 2.3, 2.3, 2.2, 2.0], size=9, bold_rows={0})
    note(doc, "注：本表反映部门本年度一般公共预算当年拨款安排的支出及与上年预算相比的增减变化情况。")


def t6_jiben(doc) -> None:
    table_title(doc, 6, "一般公共预算基本支出表")
    header = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    body = [["", "合计", fmt(F.basic), fmt(F.personnel), fmt(F.public)]]
    bold = {0}
    for g in ("301", "302", "303"):
        pers = g != "302"
        for k in [g] + ECON_GROUPS[g]:
            if k == g:
                bold.add(len(body))
            v = F.econ[k]
            body.append([k, ECON_NAMES[k], fmt(v), fmt(v) if pers else "", "" if pers else fmt(v)])
    make_table(doc, header, body, widths_cm=[2.2, 6.8, 2.6, 2.6, 2.6], size=9, bold_rows=bold)
    note(doc, "注：本表反映部门本年度一般公共预算基本支出按支出经济分类科目列示的情况。")


def t7_sangong(doc) -> None:
    table_title(doc, 7, "一般公共预算“三公”经费支出表")
    blk = ["合计", "因公出国（境）费", "公务用车购置及运行费", None, None, "公务接待费"]
    header = [
        ["上年预算数"] + [None] * 5 + ["本年预算数"] + [None] * 5 + ["增减额"] + [None] * 5,
        blk * 3,
        [None, None, "小计", "公务用车购置费", "公务用车运行费", None] * 3,
    ]
    keys = ["合计", "出国", "车", "购置", "运行", "接待"]
    body = [
        [fmt(F.sg_last[k]) for k in keys]
        + [fmt(F.sg[k]) for k in keys]
        + [signed(F.sg_diff[k]) for k in keys]
    ]
    merges = [(0, 0, 0, 5), (0, 6, 0, 11), (0, 12, 0, 17)]
    for off in (0, 6, 12):
        merges += [
            (1, off, 2, off),
            (1, off + 1, 2, off + 1),
            (1, off + 2, 1, off + 4),
            (1, off + 5, 2, off + 5),
        ]
    make_table(doc, header, body, widths_cm=[1.45] * 18, size=8, num_from=0, merges=merges)
    note(
        doc,
        "注：本表反映部门本年度“三公”经费预算安排情况及与上年预算相比的增减变化。本部门本年度无因公出国（境）计划，无公务用车购置计划。",
    )


def t8_jijin(doc) -> None:
    table_title(doc, 8, "政府性基金预算支出表")
    header = [
        ["科目编码", "科目名称", "本年政府性基金预算支出", None, None],
        [None, None, "合计", "基本支出", "项目支出"],
    ]
    body = [["", "合计", "", "", ""], ["", "", "", "", ""], ["", "", "", "", ""]]
    make_table(
        doc,
        header,
        body,
        widths_cm=[2.4, 7.2, 2.6, 2.3, 2.3],
        merges=[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4)],
    )
    note(doc, "注：本单位无政府性基金预算支出，本表为空表。")


def t9_xiangmu(doc) -> None:
    table_title(doc, 9, "项目支出预算表", unit="元")
    header = [
        [
            "序号",
            "项目名称",
            "项目类型",
            "功能科目编码",
            "功能科目名称",
            "合计",
            "一般公共预算拨款",
            "其他资金",
        ]
    ]
    body = [
        [
            "",
            "合计",
            "",
            "",
            "",
            yuan(F.proj_yuan),
            yuan(sum(p[2] for p in PROJECTS)),
            yuan(sum(p[3] for p in PROJECTS)),
        ]
    ]
    for i, (name, code, g, o, kind) in enumerate(PROJECTS, 1):
        body.append([str(i), name, kind, code, SUBJECTS[code], yuan(g + o), yuan(g), yuan(o) if o else ""])
    make_table(
        doc,
        header,
        body,
        widths_cm=[0.8, 4.1, 1.8, 1.5, 2.5, 2.1, 2.1, 1.9],
        size=8,
        num_from=5,
        center_cols={0, 3},
        bold_rows={0},
    )
    note(doc, "注：本表反映部门本年度项目支出预算安排情况，金额单位为元。")


def t10_caigou(doc) -> None:
    table_title(doc, 10, "政府采购预算表")
    header = [["序号", "项目名称", "采购品目", "采购类别", "数量", "计量单位", "预算金额"]]
    body = [["", "合计", "", "", "", "", fmt(F.proc_total)]]
    for i, (proj, item, kind, qty, unit, amt) in enumerate(PROCUREMENT, 1):
        body.append([str(i), proj, item, kind, str(qty), unit, fmt(amt)])
    make_table(
        doc,
        header,
        body,
        widths_cm=[1.0, 4.2, 4.4, 1.8, 1.4, 1.6, 2.4],
        num_from=6,
        center_cols={0, 3, 4, 5},
        bold_rows={0},
    )
    note(
        doc,
        f"注：本表反映部门本年度政府采购预算情况。其中货物类{n(F.proc['货物'])}万元，"
        f"工程类{n(F.proc['工程'])}万元，服务类{n(F.proc['服务'])}万元。",
    )


def t11_jixiao(doc) -> None:
    table_title(doc, 11, "部门整体支出绩效目标表")
    rows = [
        ["部门名称", DEPT, None, None],
        [
            "年度预算资金（万元）",
            f"资金总额：{n(F.total)}",
            f"其中：财政拨款{n(F.gen)}",
            f"其他资金{n(F.other)}",
        ],
        ["年度总体目标", PERF_GOAL, None, None],
        ["一级指标", "二级指标", "三级指标", "指标值"],
    ] + [list(r) for r in PERF_ROWS]
    t = make_table(doc, [], rows, widths_cm=[3.4, 4.0, 5.8, 3.6], num_from=99, bold_rows={3})
    for a, b in (((0, 1), (0, 3)), ((2, 1), (2, 3))):
        txt = t.cell(*a).text
        m = t.cell(*a).merge(t.cell(*b))
        write_cell(m, txt)
    note(doc, "注：本表反映部门本年度整体支出的绩效目标。")


# ====================================================================== document


def build_docx(path: Path) -> None:
    doc = Document()
    setup_styles(doc)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.4)
    sec.top_margin = sec.bottom_margin = Cm(2.3)
    footer(sec)
    write_narrative(doc)
    for fn in (t1_shouzhi, t2_shouru, t3_zhichu, t4_caizheng, t5_yiban, t6_jiben):
        page_break(doc)
        fn(doc)
    ls = doc.add_section(WD_SECTION.NEW_PAGE)  # the wide 三公 table on a landscape page
    ls.orientation = WD_ORIENT.LANDSCAPE
    ls.page_width, ls.page_height = Cm(29.7), Cm(21.0)
    ls.left_margin = ls.right_margin = Cm(1.6)
    ls.top_margin = ls.bottom_margin = Cm(2.0)
    footer(ls)
    t7_sangong(doc)
    ps = doc.add_section(WD_SECTION.NEW_PAGE)
    ps.orientation = WD_ORIENT.PORTRAIT
    ps.page_width, ps.page_height = Cm(21.0), Cm(29.7)
    ps.left_margin = ps.right_margin = Cm(2.4)
    ps.top_margin = ps.bottom_margin = Cm(2.3)
    footer(ps)
    t8_jijin(doc)
    for fn in (t9_xiangmu, t10_caigou, t11_jixiao):
        page_break(doc)
        fn(doc)
    doc.core_properties.title = T(f"{DEPT}{YEAR}年部门预算")
    doc.core_properties.author = T(DEPT)
    import datetime

    doc.core_properties.created = datetime.datetime(2025, 2, 10, 9, 0, 0)
    doc.core_properties.modified = datetime.datetime(2025, 2, 10, 9, 0, 0)
    doc.core_properties.revision = 1
    doc.save(path)


def to_pdf(docx: Path, out: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice (LibreOffice) not found on PATH")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(tmp) / (docx.stem + ".pdf"), out)


def print_facts() -> None:
    print(
        "total",
        n(F.total),
        "last",
        n(F.last_total),
        "diff",
        n(F.total - F.last_total),
        pct(F.total - F.last_total, F.last_total),
    )
    print("gen", n(F.gen), pct(F.gen, F.total), "other", n(F.other), pct(F.other, F.total))
    print(
        "basic",
        n(F.basic),
        pct(F.basic, F.total),
        "project",
        n(F.project),
        pct(F.project, F.total),
        "proj_gen",
        n(F.proj_gen),
    )
    print("last_gen", n(F.last_gen), "gen diff", n(F.gen - F.last_gen), pct(F.gen - F.last_gen, F.last_gen))
    for lei in F.leis(include_ended=True):
        now, last = F.gen_now(lei), F.gen_last(lei)
        print(
            " 类",
            lei,
            SUBJECTS[lei],
            n(now),
            "share",
            pct(now, F.gen) if now else "-",
            "last",
            n(last),
            "diff",
            signed(now - last),
            rate(now, last),
            "all",
            n(F.agg(lei, (0, 1, 2))),
        )
    for code in F.gen_codes:
        v = F.by_code.get(code, [0, 0, 0])
        last = LAST_GEN.get(code, 0)
        print(
            "  项",
            code,
            SUBJECTS[code],
            "basic",
            n(v[0]),
            "proj",
            n(v[1]),
            "oth",
            n(v[2]),
            "last",
            n(last),
            "diff",
            signed(v[0] + v[1] - last),
            rate(v[0] + v[1], last),
        )
    for k in ["301", "302", "303"]:
        for kk in [k] + ECON_GROUPS[k]:
            print("  econ", kk, ECON_NAMES[kk], n(F.econ[kk]))
    print(
        "personnel",
        n(F.personnel),
        "public",
        n(F.public),
        "personnel share of basic",
        pct(F.personnel, F.basic),
    )
    print(
        "sg",
        {k: n(v) for k, v in F.sg.items()},
        "last",
        {k: n(v) for k, v in F.sg_last.items()},
        "diff",
        {k: signed(v) for k, v in F.sg_diff.items()},
    )
    print(
        "sg rate",
        pct(F.sg_diff["合计"], F.sg_last["合计"]),
        "接待 rate",
        pct(F.sg_diff["接待"], F.sg_last["接待"]),
        "车 rate",
        pct(F.sg_diff["车"], F.sg_last["车"]),
    )
    print(
        "jiguan",
        n(JIGUAN),
        "last",
        n(JIGUAN_LAST),
        "diff",
        n(JIGUAN - JIGUAN_LAST),
        pct(JIGUAN_LAST - JIGUAN, JIGUAN_LAST),
    )
    print("proc", {k: n(v) for k, v in F.proc.items()}, "total", n(F.proc_total))
    for p in PROJECTS:
        print(
            "  proj",
            p[0],
            p[1],
            yuan(p[2] + p[3]),
            n(wan(p[2] + p[3])),
            "share of project",
            pct(wan(p[2] + p[3]), F.project),
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keep-docx", action="store_true", help="also copy the .docx to /tmp")
    ap.add_argument("--facts", action="store_true", help="print the derived key figures and exit")
    args = ap.parse_args()
    if args.facts:
        print_facts()
        return
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "street-office-2025-budget.docx"
        build_docx(docx)
        if args.keep_docx:
            shutil.copyfile(docx, Path("/tmp") / docx.name)
        to_pdf(docx, OUT)
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
