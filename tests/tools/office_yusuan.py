"""Generate tests/fixtures/office/city-education-2024-budget.pdf — an invented 2024年部门预算公开
of a city-level department with subordinate units (云岚市教育局: 局机关本级 + 3 事业单位), written as
a Word document (python-docx) with Word tables and exported to PDF by LibreOffice, the way many real
disclosures are produced.

Run by hand (not by the test suite):

    .venv/bin/pip install python-docx          # not a project dependency
    .venv/bin/python tests/tools/office_yusuan.py [--keep-docx] [--facts]

Needs ``soffice`` (LibreOffice) on PATH and the WenQuanYi Zen Hei font.  The content is
deterministic: every figure is written once below (in hundredths of 万元, or fen of 元 for the
economic classification) and the tables and the narrative are derived from it, so the figures
add up.  ``--facts`` prints the derived key figures (used to write the question bank
tests/golden/city-education-2024-budget.qa.toml).

Layout features exercised (as in real Word→PDF exports): cover + 目录, narrative with 类/款/项
paragraphs, a unit-rows 收入总表 on a landscape section, a ~45-row 部门支出总表 by unit and subject
that continues on the next page with its header rows repeated, a borderless table, a table
with horizontal rules only, the 基本支出表 in 元 with thousand separators while the rest is in 万元,
multi-row merged headers, page numbers in the footer.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "office" / "city-education-2024-budget.pdf"

CJK_FONT = "WenQuanYi Zen Hei"
LATIN_FONT = "Times New Roman"

DEPT = "云岚市教育局"
YEAR = 2024

# ====================================================================== data (written once)
# Amounts in hundredths of 万元 (int).  c(2846.72) → 284672.


def c(x: str | float) -> int:
    return int((Decimal(str(x)) * 100).to_integral_value(ROUND_HALF_UP))


SUBJECTS = {  # function classification (支出功能分类) used in this document
    "205": "教育支出",
    "20501": "教育管理事务",
    "2050101": "行政运行",
    "2050102": "一般行政管理事务",
    "2050199": "其他教育管理事务支出",
    "20502": "普通教育",
    "2050201": "学前教育",
    "2050203": "初中教育",
    "2050204": "高中教育",
    "2050299": "其他普通教育支出",
    "20508": "进修及培训",
    "2050801": "教师进修",
    "20509": "教育费附加安排的支出",
    "2050999": "其他教育费附加安排的支出",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "20808": "抚恤",
    "2080801": "死亡抚恤",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "212": "城乡社区支出",
    "21208": "国有土地使用权出让收入安排的支出",
    "2120899": "其他国有土地使用权出让收入安排的支出",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    "2210202": "提租补贴",
    "229": "其他支出",
    "22960": "彩票公益金安排的支出",
    "2296004": "用于教育事业的彩票公益金支出",
}

# units: (单位编码, 单位名称, 单位性质)
UNITS = [
    ("401001", "云岚市教育局本级", "行政单位"),
    ("401002", "云岚市第一中学", "公益一类事业单位"),
    ("401003", "云岚市实验初级中学", "公益一类事业单位"),
    ("401004", "云岚市教育局机关幼儿园", "公益二类事业单位"),
]

# per unit: code → (基本支出 一般公共预算, 项目支出 一般公共预算, 基本支出 其他资金, 项目支出 其他资金,
#                   项目支出 政府性基金);  其他资金 = 事业收入 + 其他收入
ROWS: dict[str, dict[str, tuple[int, int, int, int, int]]] = {
    "401001": {
        "2050101": (c(612.35), 0, 0, 0, 0),
        "2050102": (0, c(186.00), 0, 0, 0),
        "2050199": (0, c(420.50), 0, 0, 0),
        "2050299": (0, c(1350.00), 0, 0, 0),
        "2050801": (0, c(260.00), 0, 0, 0),
        "2080501": (c(96.40), 0, 0, 0, 0),
        "2080505": (c(58.62), 0, 0, 0, 0),
        "2080506": (c(29.31), 0, 0, 0, 0),
        "2101101": (c(31.20), 0, 0, 0, 0),
        "2101103": (c(9.80), 0, 0, 0, 0),
        "2120899": (0, 0, 0, 0, c(2800.00)),
        "2210201": (c(44.16), 0, 0, 0, 0),
        "2210202": (c(12.60), 0, 0, 0, 0),
    },
    "401002": {
        "2050204": (c(2601.72), c(425.00), c(245.00), c(210.00), 0),
        "2050999": (0, c(80.00), 0, 0, 0),
        "2080502": (c(168.50), 0, 0, 0, 0),
        "2080505": (c(242.18), 0, 0, 0, 0),
        "2080506": (c(121.09), 0, 0, 0, 0),
        "2080801": (c(12.30), 0, 0, 0, 0),
        "2101102": (c(118.40), 0, 0, 0, 0),
        "2210201": (c(186.24), 0, 0, 0, 0),
        "2210202": (c(41.40), 0, 0, 0, 0),
        "2296004": (0, 0, 0, 0, c(120.00)),
    },
    "401003": {
        "2050203": (c(2114.56), c(468.00), c(18.00), 0, 0),
        "2050999": (0, c(150.00), 0, 0, 0),
        "2080502": (c(124.30), 0, 0, 0, 0),
        "2080505": (c(181.46), 0, 0, 0, 0),
        "2080506": (c(90.73), 0, 0, 0, 0),
        "2080801": (c(8.60), 0, 0, 0, 0),
        "2101102": (c(88.70), 0, 0, 0, 0),
        "2210201": (c(139.52), 0, 0, 0, 0),
        "2210202": (c(31.20), 0, 0, 0, 0),
    },
    "401004": {
        "2050201": (c(792.48), c(113.50), c(120.00), c(96.50), 0),
        "2080502": (c(36.20), 0, 0, 0, 0),
        "2080505": (c(84.25), 0, 0, 0, 0),
        "2080506": (c(42.13), 0, 0, 0, 0),
        "2101102": (c(41.20), 0, 0, 0, 0),
        "2210201": (c(64.80), 0, 0, 0, 0),
        "2210202": (c(14.40), 0, 0, 0, 0),
    },
}

# 其他资金 split by income source per unit: (事业收入, 其他收入)
OTHER_INCOME = {
    "401001": (0, 0),
    "401002": (c(420.00), c(35.00)),
    "401003": (0, c(18.00)),
    "401004": (c(210.00), c(6.50)),
}

# 2023年 (上年) figures
LAST_INCOME_TOTAL = c(14213.58)
INCOME_REASON = "新建云岚市第二实验小学安排政府性基金预算拨款增加，以及按政策调整工资标准相应增加人员经费"
# 上年一般公共预算 by 项 (department level)
LAST_GEN = {
    "2050101": c(598.20),
    "2050102": c(210.00),
    "2050199": c(386.00),
    "2050201": c(880.34),
    "2050203": c(2498.71),
    "2050204": c(2956.40),
    "2050299": c(1420.00),
    "2050801": c(240.00),
    "2050999": c(260.00),
    "2080501": c(92.10),
    "2080502": c(318.65),
    "2080505": c(552.30),
    "2080506": c(276.15),
    "2080801": c(26.80),
    "2101101": c(30.40),
    "2101102": c(241.90),
    "2101103": c(9.60),
    "2210201": c(421.38),
    "2210202": c(95.40),
}
GEN_REASON = {
    "2050101": "增加主要原因是机关人员正常晋级晋档增加工资性支出",
    "2050102": "减少主要原因是教育信息化平台建设已完成，运维经费相应压减",
    "2050199": "增加主要原因是新增中考考务及教育督导评估工作经费",
    "2050201": "增加主要原因是机关幼儿园新增2个教学班，相应增加人员及运转经费",
    "2050203": "增加主要原因是实验初级中学教师人数增加及课后服务经费增加",
    "2050204": "增加主要原因是第一中学新建实验楼设备购置及人员经费增加",
    "2050299": "减少主要原因是全市中小学校舍维修改造项目部分完工，补助资金相应减少",
    "2050801": "增加主要原因是扩大教师全员培训规模",
    "2050999": "减少主要原因是教育费附加安排的校舍维修项目减少",
    "2080501": "增加主要原因是离退休人员待遇标准调整",
    "2080502": "增加主要原因是新增退休人员",
    "2080505": "增加主要原因是缴费基数调整",
    "2080506": "增加主要原因是缴费基数调整",
    "2080801": "减少主要原因是一次性死亡抚恤金支出减少",
    "2101101": "增加主要原因是缴费基数调整",
    "2101102": "增加主要原因是缴费基数调整及在职人员增加",
    "2101103": "增加主要原因是缴费基数调整",
    "2210201": "增加主要原因是缴存基数调整",
    "2210202": "增加主要原因是人员增加",
}
GEN_PURPOSE = {
    "2050101": "主要用于局机关在职人员工资福利及日常运转支出",
    "2050102": "主要用于教育信息化平台运行维护、教育宣传等",
    "2050199": "主要用于中考、学业水平考试考务，教育督导评估等工作",
    "2050201": "主要用于机关幼儿园人员经费、日常运转及保教设施购置",
    "2050203": "主要用于实验初级中学人员经费、日常运转及课后服务",
    "2050204": "主要用于第一中学人员经费、日常运转及实验楼设备购置",
    "2050299": "主要用于全市中小学校舍维修改造及学生资助补助",
    "2050801": "主要用于全市中小学教师培训",
    "2050999": "主要用于学校校舍维修及运动场改造",
    "2080501": "主要用于局机关离退休人员离退休费",
    "2080502": "主要用于所属事业单位退休人员退休费",
    "2080505": "主要用于机关事业单位基本养老保险缴费",
    "2080506": "主要用于机关事业单位职业年金缴费",
    "2080801": "主要用于在职及离退休人员死亡抚恤",
    "2101101": "主要用于局机关在职人员基本医疗保险缴费",
    "2101102": "主要用于所属事业单位在职人员基本医疗保险缴费",
    "2101103": "主要用于公务员医疗补助缴费",
    "2210201": "主要用于按规定为职工缴存住房公积金",
    "2210202": "主要用于按规定发放提租补贴",
}

# economic classification of 一般公共预算基本支出, in fen (元 × 100); 30107 绩效工资 is derived as the
# remainder so the table adds up to the 万元 total of the function classification.
# kind: P = 人员经费, G = 公用经费
ECON_NAMES = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30111": "公务员医疗补助缴费",
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
    "30301": "离休费",
    "30302": "退休费",
    "30304": "抚恤金",
    "30399": "其他对个人和家庭的补助",
}
ECON_FIXED_YUAN = {  # 元 (with fen) for items not derived from the function classification
    "30101": "21863420.00",
    "30102": "9417936.00",
    "30103": "2680452.00",
    "30199": "612830.40",
    "30201": "1285640.00",
    "30205": "412300.00",
    "30206": "968750.00",
    "30207": "236480.00",
    "30209": "1152600.00",
    "30211": "326800.00",
    "30213": "874520.00",
    "30215": "85000.00",
    "30216": "468900.00",
    "30217": "42000.00",
    "30228": "498736.80",
    "30229": "302415.60",
    "30231": "148000.00",
    "30239": "361200.00",
    "30299": "713654.20",
    "30301": "286400.00",
    "30399": "1021856.00",
}
# 离休费 + 退休费 = 行政单位离退休 + 事业单位离退休; the rest of the derived items mirror function codes.

# “三公”经费 (万元): 上年预算数 and 本年预算数
SANGONG_LAST = {"出国": c(0), "购置": c(0), "运行": c(16.30), "接待": c(5.60)}
SANGONG = {"出国": c(0), "购置": c(18.00), "运行": c(14.80), "接待": c(4.20)}

# 机关运行经费 (行政单位 局机关本级 公用经费), 万元
JIGUAN_LAST = c(86.75)
# 政府采购 (万元)
PROCUREMENT = {"货物": c(386.40), "工程": c(2650.00), "服务": c(212.60)}

STAFF = {"编制": 320, "行政编制": 26, "事业编制": 294, "在职": 312, "离退休": 158, "离休": 2, "退休": 156}
VEHICLES = {"合计": 6, "一般公务用车": 2, "执法执勤用车": 1, "特种专业技术用车": 3}
EQUIP_100W = 4
PERF_PROJECTS = 15

PERF_TABLES = [
    {
        "name": "全市中小学教师培训项目",
        "unit": "云岚市教育局本级",
        "code": "2050801",
        "goal": "组织全市中小学、幼儿园教师开展全员培训和骨干教师专项培训，提升教师教育教学能力。",
        "rows": [
            ("产出指标", "数量指标", "培训教师人次", "≥3200人次"),
            ("产出指标", "数量指标", "骨干教师专项培训班次", "≥12期"),
            ("产出指标", "质量指标", "培训考核合格率", "≥96%"),
            ("产出指标", "时效指标", "培训任务完成时间", "2024年12月底前"),
            ("产出指标", "成本指标", "人均培训成本", "≤780元"),
            ("效益指标", "社会效益指标", "教师教学能力提升", "明显提升"),
            ("满意度指标", "服务对象满意度指标", "参训教师满意度", "≥92%"),
        ],
    },
    {
        "name": "云岚市第二实验小学新建项目",
        "unit": "云岚市教育局本级",
        "code": "2120899",
        "goal": "新建云岚市第二实验小学，完成主体工程建设，缓解城东片区小学入学压力。",
        "rows": [
            ("产出指标", "数量指标", "新建学校数量", "1所"),
            ("产出指标", "数量指标", "新增小学学位", "1620个"),
            ("产出指标", "数量指标", "新建校舍建筑面积", "≥24000平方米"),
            ("产出指标", "质量指标", "工程验收合格率", "100%"),
            ("产出指标", "时效指标", "主体工程完工时间", "2024年10月底前"),
            ("产出指标", "成本指标", "年度投资控制数", "≤2800万元"),
            ("效益指标", "社会效益指标", "城东片区适龄儿童就近入学率", "≥98%"),
            ("满意度指标", "服务对象满意度指标", "学生家长满意度", "≥90%"),
        ],
    },
]

# ====================================================================== derived figures


def fmt(v: int, sep: bool = True) -> str:
    """hundredths of 万元 → '2,846.72' (or '2846.72')."""
    d = Decimal(v) / 100
    return f"{d:,.2f}" if sep else f"{d:.2f}"


def fmt_yuan(fen: int) -> str:
    d = Decimal(fen) / 100
    return f"{d:,.2f}"


def pct(a: int, b: int) -> str:
    return f"{(Decimal(a) * 100 / Decimal(b)).quantize(Decimal('0.01'), ROUND_HALF_UP)}"


def yuan_to_fen(s: str) -> int:
    return int(Decimal(s) * 100)


class Figures:
    def __init__(self) -> None:
        self.unit_rows = ROWS
        # department totals per 项
        self.by_code: dict[str, list[int]] = {}
        for rows in ROWS.values():
            for code, vals in rows.items():
                acc = self.by_code.setdefault(code, [0, 0, 0, 0, 0])
                for i, v in enumerate(vals):
                    acc[i] += v
        self.codes = sorted(self.by_code)

        def tot(i: int) -> int:
            return sum(v[i] for v in self.by_code.values())

        self.basic_gen, self.proj_gen, self.basic_oth, self.proj_oth, self.fund = (tot(i) for i in range(5))
        self.basic = self.basic_gen + self.basic_oth
        self.project = self.proj_gen + self.proj_oth + self.fund
        self.total = self.basic + self.project
        self.gen = self.basic_gen + self.proj_gen
        self.fiscal = self.gen + self.fund
        self.shiye = sum(v[0] for v in OTHER_INCOME.values())
        self.qita = sum(v[1] for v in OTHER_INCOME.values())
        assert self.shiye + self.qita == self.basic_oth + self.proj_oth
        # per unit
        self.unit = {}
        for ucode, rows in ROWS.items():
            b = sum(v[0] + v[2] for v in rows.values())
            p = sum(v[1] + v[3] + v[4] for v in rows.values())
            g = sum(v[0] + v[1] for v in rows.values())
            f = sum(v[4] for v in rows.values())
            o = sum(v[2] + v[3] for v in rows.values())
            assert o == sum(OTHER_INCOME[ucode])
            self.unit[ucode] = {
                "basic": b,
                "project": p,
                "total": b + p,
                "gen": g,
                "fund": f,
                "shiye": OTHER_INCOME[ucode][0],
                "qita": OTHER_INCOME[ucode][1],
            }
        # economic classification (fen of 元)
        self.econ: dict[str, int] = {k: yuan_to_fen(v) for k, v in ECON_FIXED_YUAN.items()}

        def fen_of(codes: list[str]) -> int:  # hundredths of 万元 → fen: × 10000
            return sum(self.by_code[k][0] for k in codes if k in self.by_code) * 10000

        self.econ["30108"] = fen_of(["2080505"])
        self.econ["30109"] = fen_of(["2080506"])
        self.econ["30110"] = fen_of(["2101101", "2101102"])
        self.econ["30111"] = fen_of(["2101103"])
        self.econ["30113"] = fen_of(["2210201"])
        self.econ["30304"] = fen_of(["2080801"])
        self.econ["30302"] = fen_of(["2080501", "2080502"]) - self.econ["30301"]
        basic_gen_fen = self.basic_gen * 10000
        self.econ["30107"] = 0
        rest = sum(self.econ.values())
        self.econ["30107"] = basic_gen_fen - rest
        assert self.econ["30107"] > 0, self.econ["30107"]
        self.econ_groups = {
            "301": ["30101", "30102", "30103", "30107", "30108", "30109", "30110", "30111", "30113", "30199"],
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
            "303": ["30301", "30302", "30304", "30399"],
        }
        assert sorted(sum(self.econ_groups.values(), [])) == sorted(self.econ)
        for g, ks in self.econ_groups.items():
            self.econ[g] = sum(self.econ[k] for k in ks)
        self.personnel_fen = self.econ["301"] + self.econ["303"]
        self.public_fen = self.econ["302"]
        assert self.personnel_fen + self.public_fen == basic_gen_fen
        # 三公
        self.sg = dict(SANGONG)
        self.sg["车"] = self.sg["购置"] + self.sg["运行"]
        self.sg["合计"] = self.sg["出国"] + self.sg["车"] + self.sg["接待"]
        self.sg_last = dict(SANGONG_LAST)
        self.sg_last["车"] = self.sg_last["购置"] + self.sg_last["运行"]
        self.sg_last["合计"] = self.sg_last["出国"] + self.sg_last["车"] + self.sg_last["接待"]
        assert self.econ["30217"] == self.sg["接待"] * 10000
        assert self.econ["30231"] == self.sg["运行"] * 10000
        # 机关运行经费: the 局机关 share of 公用经费 (stated in the narrative only)
        self.jiguan = c(91.36)
        self.procure_total = sum(PROCUREMENT.values())
        self.last_gen_total = sum(LAST_GEN.values())

    # 类 / 款 aggregation of a column over department 项 rows
    def agg(self, prefix: str, idx: tuple[int, ...], src: dict | None = None) -> int:
        src = src or self.by_code
        return sum(sum(v[i] for i in idx) for k, v in src.items() if k.startswith(prefix))

    def gen_code(self, code: str) -> int:
        v = self.by_code[code]
        return v[0] + v[1]


F = Figures()

# ====================================================================== docx helpers


def set_cjk(run_or_style_element, name: str = CJK_FONT) -> None:
    rpr = run_or_style_element.get_or_add_rPr()
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
    pf.line_spacing = 1.25
    for name in ("Heading 1", "Heading 2", "Title"):
        s = doc.styles[name]
        s.font.name = LATIN_FONT
        set_cjk(s.element)
        s.font.color.rgb = None
    # docDefaults too, so table cells and footers inherit the CJK font
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr_default.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr_default.insert(0, rfonts)
    for a in ("w:eastAsia",):
        rfonts.set(qn(a), CJK_FONT)
    for a in ("w:ascii", "w:hAnsi"):
        rfonts.set(qn(a), LATIN_FONT)
    for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(a)) is not None:
            del rfonts.attrib[qn(a)]


def para(
    doc_or_cell,
    text: str = "",
    *,
    size: float | None = None,
    bold: bool = False,
    align=None,
    indent: bool = True,
    space_after: float = 0,
):
    p = doc_or_cell.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt((size or 12) * 2)
    if align is not None:
        p.alignment = align
    if space_after:
        p.paragraph_format.space_after = Pt(space_after)
    if text:
        r = p.add_run(text)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        set_cjk(r._element)
    return p


def heading(doc, text: str, size: float = 14, center: bool = False, before: float = 6):
    p = para(
        doc,
        text,
        size=size,
        bold=True,
        indent=not center,
        align=WD_ALIGN_PARAGRAPH.CENTER if center else None,
    )
    p.paragraph_format.space_before = Pt(before)
    p.paragraph_format.space_after = Pt(3)
    p.paragraph_format.keep_with_next = True
    return p


def page_break(doc) -> None:
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)


def add_page_number_footer(section) -> None:
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("— ")
    r.font.size = Pt(10)
    for kind, txt in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        run.font.size = Pt(10)
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._element.append(el)
        elif txt == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
            run._element.append(el)
        else:
            run.text = txt
    r = p.add_run(" —")
    r.font.size = Pt(10)


def set_borders(table, mode: str) -> None:
    """mode: 'grid' (all borders), 'none', 'hrules' (top, bottom and under the header only)."""
    tbl = table._tbl
    tblPr = tbl.tblPr
    old = tblPr.find(qn("w:tblBorders"))
    if old is not None:
        tblPr.remove(old)
    borders = OxmlElement("w:tblBorders")
    spec = {
        "grid": {e: "single" for e in ("top", "left", "bottom", "right", "insideH", "insideV")},
        "none": {e: "nil" for e in ("top", "left", "bottom", "right", "insideH", "insideV")},
        "hrules": {
            "top": "single",
            "bottom": "single",
            "left": "nil",
            "right": "nil",
            "insideH": "nil",
            "insideV": "nil",
        },
    }[mode]
    for edge, val in spec.items():
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), val)
        if val != "nil":
            el.set(qn("w:sz"), "8" if mode == "hrules" else "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tblPr.append(borders)


def cell_bottom_rule(cell) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    b = OxmlElement("w:tcBorders")
    el = OxmlElement("w:bottom")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), "6")
    el.set(qn("w:space"), "0")
    el.set(qn("w:color"), "000000")
    b.append(el)
    tcPr.append(b)


def mark_header_row(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def no_split_row(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
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
        r = p.add_run(text)
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
    borders: str = "grid",
    size: float = 9,
    num_from: int = 1,
    repeat_header: bool = False,
    merges: list[tuple[int, int, int, int]] = (),
    bold_rows: set[int] = frozenset(),
    center_cols: set[int] = frozenset(),
):
    """header rows (None = merged continuation), body rows; merges: (r0, c0, r1, c1) in header coords."""
    nrows = len(header) + len(body)
    ncols = len(widths_cm)
    t = doc.add_table(rows=nrows, cols=ncols)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    set_borders(t, borders)
    for ri, row in enumerate(header):
        for ci, txt in enumerate(row):
            if txt is not None:
                write_cell(t.cell(ri, ci), txt, size=size, bold=True, align="center")
        if repeat_header:
            mark_header_row(t.rows[ri])
    for r0, c0, r1, c1 in merges:
        a = t.cell(r0, c0)
        keep = a.text
        m = a.merge(t.cell(r1, c1))
        write_cell(m, keep, size=size, bold=True, align="center")
    if borders == "hrules":
        for ci in range(ncols):
            cell_bottom_rule(t.cell(len(header) - 1, ci))
    for bi, row in enumerate(body):
        ri = len(header) + bi
        no_split_row(t.rows[ri])
        for ci, txt in enumerate(row):
            align = "right" if ci >= num_from else ("center" if ci in center_cols else "left")
            write_cell(t.cell(ri, ci), txt, size=size, bold=bi in bold_rows, align=align)
    for ri in range(nrows):
        for ci, w in enumerate(widths_cm):
            t.cell(ri, ci).width = Cm(w)
    # LibreOffice lays a table out by its w:tblGrid, not by the cell widths
    for gc, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    return t


def table_title(doc, number: int, title: str, unit: str = "万元", org: str = "单位名称") -> None:
    p = para(doc, f"表{number}", size=11, indent=False)
    p = para(doc, title, size=16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    p.paragraph_format.space_after = Pt(6)
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(0)
    section = doc.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    p.paragraph_format.tab_stops.add_tab_stop(usable, WD_TAB_ALIGNMENT.RIGHT)
    r = p.add_run(f"{org}：{DEPT}\t单位：{unit}")
    r.font.size = Pt(10)
    set_cjk(r._element)


def note(doc, text: str) -> None:
    p = para(doc, text, size=9, indent=False)
    p.paragraph_format.space_before = Pt(4)


def blank(v: int, sep: bool = True) -> str:
    return fmt(v, sep) if v else ""


# ====================================================================== narrative


def n(v: int) -> str:  # narrative amount, no thousands separator
    return fmt(v, sep=False)


def change_phrase(now: int, last: int) -> str:
    d = now - last
    if d == 0:
        return "与上年持平"
    word = "增加" if d > 0 else "减少"
    word2 = "增长" if d > 0 else "下降"
    if last == 0:
        return f"比上年{word}{n(abs(d))}万元"
    return f"比上年{word}{n(abs(d))}万元，{word2}{pct(abs(d), last)}%"


def write_narrative(doc) -> None:
    u = F.unit
    names = {k: nm for k, nm, _ in UNITS}
    # ---------------------------------------------------------------- 第一部分
    heading(doc, "第一部分  云岚市教育局概况", size=16, center=True, before=0)
    heading(doc, "一、主要职能")
    for s in (
        "贯彻执行国家和省、市有关教育工作的方针、政策和法律法规，拟订全市教育发展规划和年度计划并组织实施。",
        "统筹管理全市学前教育、义务教育、普通高中教育和特殊教育，指导全市各级各类学校的教育教学改革，"
        "负责全市基础教育质量监测和教育督导评估工作。",
        "负责全市教师队伍建设和教师培训工作，组织实施中考、普通高中学业水平考试等教育考试工作。",
        "统筹安排市本级教育经费，负责全市学生资助和中小学校舍建设、维修改造的规划与管理。",
    ):
        para(doc, s)
    heading(doc, "二、部门预算单位构成")
    para(
        doc,
        f"从预算单位构成看，{DEPT}部门预算包括局机关本级和所属3个事业单位："
        f"{names['401002']}、{names['401003']}、{names['401004']}。"
        "其中行政单位1个，公益一类事业单位2个，公益二类事业单位1个。",
    )
    heading(doc, "三、人员构成情况")
    para(
        doc,
        f"{DEPT}在职人员编制{STAFF['编制']}人，其中：行政编制{STAFF['行政编制']}人，"
        f"事业编制{STAFF['事业编制']}人；实有在职人员{STAFF['在职']}人。离退休人员{STAFF['离退休']}人，"
        f"其中：离休{STAFF['离休']}人，退休{STAFF['退休']}人。",
    )

    # ---------------------------------------------------------------- 第二部分
    heading(doc, f"第二部分  {YEAR}年部门预算情况说明", size=16, center=True, before=12)
    heading(doc, "一、收支预算总体情况")
    d = F.total - LAST_INCOME_TOTAL
    para(
        doc,
        f"按照综合预算的原则，{DEPT}所有收入和支出均纳入部门预算管理。{YEAR}年收入预算{n(F.total)}万元，"
        f"比上年增加{n(d)}万元，增长{pct(d, LAST_INCOME_TOTAL)}%，主要原因是{INCOME_REASON}。"
        f"{YEAR}年支出预算{n(F.total)}万元，与收入预算一致。",
    )
    heading(doc, "二、收入预算情况")
    para(
        doc,
        f"{YEAR}年收入预算{n(F.total)}万元，其中：一般公共预算拨款收入{n(F.gen)}万元，"
        f"占{pct(F.gen, F.total)}%；政府性基金预算拨款收入{n(F.fund)}万元，占{pct(F.fund, F.total)}%；"
        f"事业收入{n(F.shiye)}万元，占{pct(F.shiye, F.total)}%；其他收入{n(F.qita)}万元，"
        f"占{pct(F.qita, F.total)}%。本部门无上年结转资金。",
    )
    para(
        doc,
        f"分单位看：{names['401001']}{n(u['401001']['total'])}万元，{names['401002']}"
        f"{n(u['401002']['total'])}万元，{names['401003']}{n(u['401003']['total'])}万元，"
        f"{names['401004']}{n(u['401004']['total'])}万元。",
    )
    heading(doc, "三、支出预算情况")
    para(
        doc,
        f"{YEAR}年支出预算{n(F.total)}万元，其中：基本支出{n(F.basic)}万元，占{pct(F.basic, F.total)}%，"
        f"主要用于保障人员工资福利和单位日常运转；项目支出{n(F.project)}万元，占{pct(F.project, F.total)}%，"
        "主要用于第二实验小学新建、全市中小学校舍维修改造、教师培训、教育考试和学生资助等。",
    )
    heading(doc, "四、财政拨款收支预算总体情况")
    para(
        doc,
        f"{YEAR}年财政拨款收支预算{n(F.fiscal)}万元，其中：一般公共预算拨款{n(F.gen)}万元，"
        f"政府性基金预算拨款{n(F.fund)}万元。财政拨款支出按功能分类：教育支出"
        f"{n(F.agg('205', (0, 1, 4)))}万元，社会保障和就业支出{n(F.agg('208', (0, 1)))}万元，"
        f"卫生健康支出{n(F.agg('210', (0, 1)))}万元，城乡社区支出{n(F.agg('212', (4,)))}万元，"
        f"住房保障支出{n(F.agg('221', (0, 1)))}万元，其他支出{n(F.agg('229', (4,)))}万元。",
    )
    heading(doc, "五、一般公共预算当年拨款情况")
    para(doc, "（一）一般公共预算当年拨款规模变化情况", indent=True)
    dg = F.gen - F.last_gen_total
    para(
        doc,
        f"{YEAR}年一般公共预算当年拨款{n(F.gen)}万元，比上年预算增加{n(dg)}万元，"
        f"增长{pct(dg, F.last_gen_total)}%。主要原因是人员工资标准调整及教师培训、"
        "教育考试等项目经费增加。",
    )
    para(doc, "（二）一般公共预算当年拨款结构情况")
    para(
        doc,
        f"教育支出{n(F.agg('205', (0, 1)))}万元，占{pct(F.agg('205', (0, 1)), F.gen)}%；"
        f"社会保障和就业支出{n(F.agg('208', (0, 1)))}万元，占{pct(F.agg('208', (0, 1)), F.gen)}%；"
        f"卫生健康支出{n(F.agg('210', (0, 1)))}万元，占{pct(F.agg('210', (0, 1)), F.gen)}%；"
        f"住房保障支出{n(F.agg('221', (0, 1)))}万元，占{pct(F.agg('221', (0, 1)), F.gen)}%。",
    )
    para(doc, "（三）一般公共预算当年拨款具体使用情况")
    i = 0
    for code in F.codes:
        if code not in LAST_GEN:
            continue
        now = F.gen_code(code)
        last = LAST_GEN[code]
        lei, kuan = code[:3], code[:5]
        dd = now - last
        word = "增加" if dd > 0 else "减少"
        word2 = "增长" if dd > 0 else "下降"
        no = str(i + 1)
        para(
            doc,
            f"{no}. {SUBJECTS[lei]}（类）{SUBJECTS[kuan]}（款）{SUBJECTS[code]}（项）"
            f"{YEAR}年预算数为{n(now)}万元，比上年预算{word}{n(abs(dd))}万元，{word2}{pct(abs(dd), last)}%，"
            f"{GEN_REASON[code]}。该项{GEN_PURPOSE[code]}。",
        )
        i += 1

    heading(doc, "六、一般公共预算基本支出情况")
    pw = (Decimal(F.personnel_fen) / 1000000).quantize(Decimal("0.01"), ROUND_HALF_UP)
    gw = (Decimal(F.public_fen) / 1000000).quantize(Decimal("0.01"), ROUND_HALF_UP)
    para(
        doc,
        f"{YEAR}年一般公共预算基本支出{n(F.basic_gen)}万元，其中：人员经费{pw}万元，主要包括：基本工资、"
        "津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、"
        "公务员医疗补助缴费、住房公积金、其他工资福利支出、离休费、退休费、抚恤金、其他对个人和家庭的补助；"
        f"公用经费{gw}万元，主要包括：办公费、水费、电费、邮电费、物业管理费、差旅费、维修（护）费、会议费、"
        "培训费、公务接待费、工会经费、福利费、公务用车运行维护费、其他交通费用、其他商品和服务支出。",
    )

    heading(doc, "七、“三公”经费预算情况")
    sg, sl = F.sg, F.sg_last
    para(
        doc,
        f"{YEAR}年“三公”经费预算{n(sg['合计'])}万元，{change_phrase(sg['合计'], sl['合计'])}。"
        "主要原因是按规定更新1辆已达到报废标准的一般公务用车。其中：",
    )
    para(doc, f"1. 因公出国（境）费{n(sg['出国'])}万元，与上年持平，本部门{YEAR}年无因公出国（境）计划。")
    para(
        doc,
        f"2. 公务用车购置及运行费{n(sg['车'])}万元，{change_phrase(sg['车'], sl['车'])}。其中：公务用车购置费"
        f"{n(sg['购置'])}万元，比上年增加{n(sg['购置'] - sl['购置'])}万元，主要原因是更新1辆一般公务用车；"
        f"公务用车运行费{n(sg['运行'])}万元，比上年减少{n(sl['运行'] - sg['运行'])}万元，"
        f"下降{pct(sl['运行'] - sg['运行'], sl['运行'])}%，主要原因是严格公务用车使用管理，压减车辆运行维护支出。",
    )
    para(
        doc,
        f"3. 公务接待费{n(sg['接待'])}万元，比上年减少{n(sl['接待'] - sg['接待'])}万元，"
        f"下降{pct(sl['接待'] - sg['接待'], sl['接待'])}%，主要原因是厉行节约，严格控制接待标准和接待规模。",
    )

    heading(doc, "八、政府性基金预算支出情况")
    para(
        doc,
        f"{YEAR}年政府性基金预算拨款支出{n(F.fund)}万元，其中：城乡社区支出（类）国有土地使用权出让收入安排的"
        f"支出（款）其他国有土地使用权出让收入安排的支出（项）{n(F.by_code['2120899'][4])}万元，主要用于"
        f"云岚市第二实验小学新建工程；其他支出（类）彩票公益金安排的支出（款）用于教育事业的彩票公益金支出（项）"
        f"{n(F.by_code['2296004'][4])}万元，主要用于第一中学体育设施改造。",
    )
    para(doc, f"{DEPT}{YEAR}年无国有资本经营预算拨款安排的支出。")

    heading(doc, "九、机关运行经费情况")
    dj = F.jiguan - JIGUAN_LAST
    para(
        doc,
        f"{YEAR}年{DEPT}机关运行经费预算{n(F.jiguan)}万元，比上年增加{n(dj)}万元，"
        f"增长{pct(dj, JIGUAN_LAST)}%，主要原因是机关办公楼维修维护费用增加。"
        "机关运行经费主要用于局机关本级办公费、水电费、邮电费、物业管理费、差旅费、公务接待费等。",
    )

    heading(doc, "十、政府采购预算情况")
    para(
        doc,
        f"{YEAR}年{DEPT}政府采购预算总额{n(F.procure_total)}万元，其中：货物类采购预算"
        f"{n(PROCUREMENT['货物'])}万元，工程类采购预算{n(PROCUREMENT['工程'])}万元，服务类采购预算"
        f"{n(PROCUREMENT['服务'])}万元。",
    )

    heading(doc, "十一、国有资产占用情况")
    para(
        doc,
        f"截至2023年12月31日，{DEPT}共有车辆{VEHICLES['合计']}辆，其中：一般公务用车"
        f"{VEHICLES['一般公务用车']}辆，执法执勤用车{VEHICLES['执法执勤用车']}辆，特种专业技术用车"
        f"{VEHICLES['特种专业技术用车']}辆（均为校车）；单价100万元（含）以上设备{EQUIP_100W}台（套）。"
        f"{YEAR}年拟更新一般公务用车1辆，不新增单价100万元以上设备。",
    )

    heading(doc, "十二、预算绩效目标设置情况")
    para(
        doc,
        f"{YEAR}年{DEPT}实行绩效目标管理的项目{PERF_PROJECTS}个，涉及资金{n(F.project)}万元，"
        "实现了项目支出绩效目标管理全覆盖。本部门选取全市中小学教师培训项目、云岚市第二实验小学新建项目"
        "2个重点项目公开绩效目标（见表9）。",
    )

    # ---------------------------------------------------------------- 第三部分
    heading(doc, "第三部分  名词解释", size=16, center=True, before=12)
    for term, text in (
        ("一般公共预算拨款收入", "指市级财政当年拨付的一般公共预算资金。"),
        (
            "政府性基金预算拨款收入",
            "指市级财政当年拨付的政府性基金预算资金，本部门主要为国有土地使用权出让收入"
            "和彩票公益金安排的教育资金。",
        ),
        (
            "事业收入",
            "指事业单位开展专业业务活动及辅助活动取得的收入，本部门主要为普通高中学费、住宿费和"
            "幼儿园保育教育费。",
        ),
        ("其他收入", "指除上述收入以外的各项收入，主要为存款利息收入、食堂代管收入结余等。"),
        ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
        ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
        (
            "“三公”经费",
            "指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"
            "其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、"
            "培训费、公杂费等支出；公务用车购置及运行费反映单位公务用车车辆购置支出（含车辆购置税）"
            "及租用费、燃料费、维修费、过路过桥费、保险费等支出；公务接待费反映单位按规定开支的各类"
            "公务接待支出。",
        ),
        (
            "机关运行经费",
            "指为保障行政单位（含参照公务员法管理的事业单位）运行，用于购买货物和服务的各项资金，"
            "包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、"
            "办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
        ),
    ):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(24)
        r = p.add_run(f"{term}：")
        r.bold = True
        set_cjk(r._element)
        r = p.add_run(text)
        set_cjk(r._element)


# ====================================================================== tables


def lei_kuan_xiang_rows(values: dict[str, list[int]], cols, sep=True) -> list[list[str]]:
    """Department rows for 类, 款, 项 (whole codes), each with the columns ``cols(vals) -> list[int]``."""
    out = []
    codes = sorted(values)
    seen = set()
    for code in codes:
        for pre in (code[:3], code[:5], code):
            if pre in seen:
                continue
            seen.add(pre)
            agg = [0] * len(cols(values[code]))
            for k, v in values.items():
                if k.startswith(pre):
                    agg = [a + b for a, b in zip(agg, cols(v), strict=True)]
            out.append([pre, SUBJECTS[pre]] + [blank(x, sep) for x in agg])
    return out


def t1_shouzhi(doc) -> None:
    table_title(doc, 1, f"{YEAR}年部门收支总表")
    inc = [
        ("一、一般公共预算拨款收入", F.gen),
        ("二、政府性基金预算拨款收入", F.fund),
        ("三、国有资本经营预算拨款收入", 0),
        ("四、财政专户管理资金收入", 0),
        ("五、事业收入", F.shiye),
        ("六、事业单位经营收入", 0),
        ("七、上级补助收入", 0),
        ("八、附属单位上缴收入", 0),
        ("九、其他收入", F.qita),
    ]
    exp = [
        ("一、教育支出", F.agg("205", (0, 1, 2, 3, 4))),
        ("二、社会保障和就业支出", F.agg("208", (0, 1, 2, 3, 4))),
        ("三、卫生健康支出", F.agg("210", (0, 1, 2, 3, 4))),
        ("四、城乡社区支出", F.agg("212", (0, 1, 2, 3, 4))),
        ("五、住房保障支出", F.agg("221", (0, 1, 2, 3, 4))),
        ("六、其他支出", F.agg("229", (0, 1, 2, 3, 4))),
    ]
    assert sum(v for _, v in exp) == F.total
    body = []
    for i in range(max(len(inc), len(exp))):
        left = inc[i] if i < len(inc) else ("", None)
        right = exp[i] if i < len(exp) else ("", None)
        body.append(
            [
                left[0],
                "" if left[1] is None else blank(left[1]),
                right[0],
                "" if right[1] is None else blank(right[1]),
            ]
        )
    body.append(["本年收入合计", fmt(F.total), "本年支出合计", fmt(F.total)])
    body.append(["上年结转", "", "结转下年", ""])
    body.append(["收入总计", fmt(F.total), "支出总计", fmt(F.total)])
    header = [["收          入", None, "支          出", None], ["项    目", "预算数", "项    目", "预算数"]]
    t = make_table(
        doc,
        header,
        body,
        widths_cm=[5.6, 2.6, 5.6, 2.6],
        merges=[(0, 0, 0, 1), (0, 2, 0, 3)],
        bold_rows={len(body) - 3, len(body) - 1},
        num_from=99,
    )
    for ri in range(2, 2 + len(body)):
        for ci in (1, 3):
            t.cell(ri, ci).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    note(doc, "注：本表反映部门本年度的总收支情况。")


def t2_shouru(doc) -> None:
    table_title(doc, 2, f"{YEAR}年部门收入总表", org="部门名称")
    cols = [
        "合计",
        "上年结转",
        "一般公共预算拨款",
        "政府性基金预算拨款",
        "国有资本经营预算拨款",
        "财政专户管理资金",
        "事业收入",
        "事业单位经营收入",
        "上级补助收入",
        "附属单位上缴收入",
        "其他收入",
    ]
    header = [["单位编码", "单位名称"] + ["本年收入"] + [None] * 10, [None, None] + cols]
    body = []
    tot = [0] * 11

    def row(vals):
        return [fmt(vals[0])] + [blank(v) for v in vals[1:]]

    unit_vals = {}
    for code, _name, _ in UNITS:
        uu = F.unit[code]
        vals = [uu["total"], 0, uu["gen"], uu["fund"], 0, 0, uu["shiye"], 0, 0, 0, uu["qita"]]
        assert sum(vals[1:]) == vals[0]
        unit_vals[code] = vals
        tot = [a + b for a, b in zip(tot, vals, strict=True)]
    body.append(["", "合计"] + row(tot))
    body.append(["401", DEPT] + row(tot))
    for code, name, _ in UNITS:
        body.append([code, "  " + name] + row(unit_vals[code]))
    make_table(
        doc,
        header,
        body,
        widths_cm=[1.7, 4.6] + [1.95] * 11,
        size=8.5,
        num_from=2,
        merges=[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 12)],
        bold_rows={0},
    )
    note(doc, "注：本表反映部门本年度各单位的收入预算情况，按收入来源分列。")


def t3_zhichu(doc) -> None:
    table_title(doc, 3, f"{YEAR}年部门支出总表", org="部门名称")
    header = [["单位名称/科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    body = [["", "合计", fmt(F.total), fmt(F.basic), fmt(F.project)]]
    bold = {0}
    for ucode, uname, _ in UNITS:
        uu = F.unit[ucode]
        bold.add(len(body))
        body.append([uname, "", fmt(uu["total"]), blank(uu["basic"]), blank(uu["project"])])
        for code in sorted(ROWS[ucode]):
            v = ROWS[ucode][code]
            b, p = v[0] + v[2], v[1] + v[3] + v[4]
            body.append([code, SUBJECTS[code], fmt(b + p), blank(b), blank(p)])
    make_table(
        doc,
        header,
        body,
        widths_cm=[3.9, 6.0, 2.5, 2.5, 2.5],
        repeat_header=True,
        bold_rows=bold,
        num_from=2,
        size=10.5,
    )
    note(doc, "注：本表反映部门本年度各单位按支出功能分类科目（项级）的基本支出和项目支出预算。")


def t4_caizheng(doc) -> None:
    table_title(doc, 4, f"{YEAR}年财政拨款收支总表")
    header = [
        ["收入", None, "支出", None, None, None],
        ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算"],
    ]
    exp = []
    for lei, nm in (
        ("205", "教育支出"),
        ("208", "社会保障和就业支出"),
        ("210", "卫生健康支出"),
        ("212", "城乡社区支出"),
        ("221", "住房保障支出"),
        ("229", "其他支出"),
    ):
        g = F.agg(lei, (0, 1))
        f = F.agg(lei, (4,))
        exp.append((nm, g + f, g, f))
    inc = [
        ("一、一般公共预算拨款", F.gen),
        ("二、政府性基金预算拨款", F.fund),
        ("三、国有资本经营预算拨款", 0),
    ]
    body = []
    for i in range(len(exp)):
        left = inc[i] if i < len(inc) else ("", None)
        nm, a, g, f = exp[i]
        body.append(
            [
                left[0],
                "" if left[1] is None else blank(left[1], False),
                nm,
                blank(a, False),
                blank(g, False),
                blank(f, False),
            ]
        )
    body.append(
        [
            "本年收入合计",
            fmt(F.fiscal, False),
            "本年支出合计",
            fmt(F.fiscal, False),
            fmt(F.gen, False),
            fmt(F.fund, False),
        ]
    )
    body.append(["上年结转", "", "结转下年", "", "", ""])
    body.append(
        [
            "收入总计",
            fmt(F.fiscal, False),
            "支出总计",
            fmt(F.fiscal, False),
            fmt(F.gen, False),
            fmt(F.fund, False),
        ]
    )
    t = make_table(
        doc,
        header,
        body,
        widths_cm=[4.2, 2.3, 3.8, 2.3, 2.4, 2.4],
        borders="none",
        num_from=99,
        merges=[(0, 0, 0, 1), (0, 2, 0, 5)],
    )
    for ri in range(2, 2 + len(body)):
        for ci in (1, 3, 4, 5):
            t.cell(ri, ci).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    note(doc, "注：本表反映部门本年度一般公共预算和政府性基金预算财政拨款的总收支情况。")


def t5_yiban(doc) -> None:
    table_title(doc, 5, f"{YEAR}年一般公共预算支出表")
    header = [
        ["科目编码", "科目名称", "2023年预算数", f"{YEAR}年预算数", None, None],
        [None, None, None, "合计", "基本支出", "项目支出"],
    ]
    gen_vals = {k: [LAST_GEN.get(k, 0), v[0] + v[1], v[0], v[1]] for k, v in F.by_code.items() if v[0] + v[1]}
    body = [["", "合计", fmt(F.last_gen_total), fmt(F.gen), fmt(F.basic_gen), fmt(F.proj_gen)]]
    body += lei_kuan_xiang_rows(gen_vals, lambda v: v)
    make_table(
        doc,
        header,
        body,
        widths_cm=[2.1, 6.1, 2.4, 2.4, 2.4, 2.4],
        size=9,
        num_from=2,
        merges=[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 5)],
        bold_rows={0},
        repeat_header=True,
    )
    note(doc, "注：本表反映部门本年度一般公共预算当年拨款安排的支出情况，按支出功能分类科目列示。")


def t6_jiben(doc) -> None:
    table_title(doc, 6, f"{YEAR}年一般公共预算基本支出表", unit="元")
    header = [
        ["经济分类科目", None, f"{YEAR}年一般公共预算基本支出", None, None],
        ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
    ]
    body = [
        [
            "",
            "合计",
            fmt_yuan(F.personnel_fen + F.public_fen),
            fmt_yuan(F.personnel_fen),
            fmt_yuan(F.public_fen),
        ]
    ]
    bold = {0}
    for g in ("301", "302", "303"):
        pers = g != "302"
        bold.add(len(body))
        v = F.econ[g]
        body.append([g, ECON_NAMES[g], fmt_yuan(v), fmt_yuan(v) if pers else "", "" if pers else fmt_yuan(v)])
        for k in F.econ_groups[g]:
            v = F.econ[k]
            body.append(
                [k, ECON_NAMES[k], fmt_yuan(v), fmt_yuan(v) if pers else "", "" if pers else fmt_yuan(v)]
            )
    make_table(
        doc,
        header,
        body,
        widths_cm=[2.2, 6.2, 3.2, 3.2, 3.2],
        size=9,
        num_from=2,
        merges=[(0, 0, 0, 1), (0, 2, 0, 4)],
        bold_rows=bold,
        repeat_header=True,
    )
    note(doc, "注：本表反映部门本年度一般公共预算基本支出按支出经济分类科目列示的情况。")


def t7_sangong(doc) -> None:
    table_title(doc, 7, f"{YEAR}年一般公共预算“三公”经费支出表")
    blk = ["合计", "因公出国（境）费", "公务用车购置及运行费", None, None, "公务接待费"]
    header = [
        ["2023年预算数"] + [None] * 5 + [f"{YEAR}年预算数"] + [None] * 5,
        blk + blk,
        [None, None, "小计", "公务用车购置费", "公务用车运行费", None] * 2,
    ]

    def vals(s):
        return [s["合计"], s["出国"], s["车"], s["购置"], s["运行"], s["接待"]]

    body = [[fmt(v) for v in vals(F.sg_last) + vals(F.sg)]]
    merges = [(0, 0, 0, 5), (0, 6, 0, 11)]
    for off in (0, 6):
        merges += [
            (1, off + 0, 2, off + 0),
            (1, off + 1, 2, off + 1),
            (1, off + 2, 1, off + 4),
            (1, off + 5, 2, off + 5),
        ]
    make_table(doc, header, body, widths_cm=[1.45] * 12, size=8, num_from=0, merges=merges)
    note(doc, "注：本表反映部门本年度“三公”经费预算安排情况。其中，公务用车购置费用于更新1辆一般公务用车。")


def t8_jijin(doc) -> None:
    table_title(doc, 8, f"{YEAR}年政府性基金预算支出表")
    header = [
        ["科目编码", "科目名称", "本年政府性基金预算支出", None, None],
        [None, None, "合计", "基本支出", "项目支出"],
    ]
    fund_vals = {k: [v[4], 0, v[4]] for k, v in F.by_code.items() if v[4]}
    body = [["", "合计", fmt(F.fund), "", fmt(F.fund)]]
    body += lei_kuan_xiang_rows(fund_vals, lambda v: v)
    make_table(
        doc,
        header,
        body,
        widths_cm=[2.2, 8.0, 2.6, 2.4, 2.6],
        borders="hrules",
        num_from=2,
        merges=[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4)],
    )
    note(doc, "注：本表反映部门本年度政府性基金预算财政拨款支出情况。")


def t9_jixiao(doc) -> None:
    table_title(doc, 9, f"{YEAR}年项目支出绩效目标表")
    for k, proj in enumerate(PERF_TABLES):
        amount = F.gen_code(proj["code"]) if proj["code"] in LAST_GEN else F.by_code[proj["code"]][4]
        src = "一般公共预算拨款" if proj["code"] in LAST_GEN else "政府性基金预算拨款"
        if k:
            para(doc, "", indent=False)
        rows = [
            ["项目名称", proj["name"], None, None],
            ["主管部门", DEPT, "实施单位", proj["unit"]],
            ["项目资金（万元）", f"年度资金总额：{fmt(amount)}", f"其中：{src}", fmt(amount)],
            ["年度绩效目标", proj["goal"], None, None],
            ["一级指标", "二级指标", "三级指标", "指标值"],
        ] + [list(r) for r in proj["rows"]]
        t = make_table(doc, [], rows, widths_cm=[3.4, 4.2, 5.6, 3.6], size=9, num_from=99, bold_rows={4})
        for a, b in [((0, 1), (0, 3)), ((3, 1), (3, 3))]:
            cell = t.cell(*a)
            txt = cell.text
            m = cell.merge(t.cell(*b))
            write_cell(m, txt, size=9)
    note(doc, "注：本表公开部门本年度重点项目的绩效目标。")


# ====================================================================== document


def build_docx(path: Path) -> None:
    doc = Document()
    setup_styles(doc)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for s in (sec,):
        s.left_margin = s.right_margin = Cm(2.2)
        s.top_margin = s.bottom_margin = Cm(2.2)
    add_page_number_footer(sec)

    # cover
    for _ in range(6):
        para(doc, "", indent=False)
    para(doc, DEPT, size=26, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, space_after=18)
    para(doc, f"{YEAR}年部门预算公开", size=26, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    for _ in range(12):
        para(doc, "", indent=False)
    para(doc, f"{YEAR}年2月", size=16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    page_break(doc)

    # 目录
    para(doc, "目    录", size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, space_after=12)
    toc = [
        "第一部分  云岚市教育局概况",
        "    一、主要职能",
        "    二、部门预算单位构成",
        "    三、人员构成情况",
        f"第二部分  {YEAR}年部门预算情况说明",
        "第三部分  名词解释",
        f"第四部分  {YEAR}年部门预算表",
        f"    表1  {YEAR}年部门收支总表",
        f"    表2  {YEAR}年部门收入总表",
        f"    表3  {YEAR}年部门支出总表",
        f"    表4  {YEAR}年财政拨款收支总表",
        f"    表5  {YEAR}年一般公共预算支出表",
        f"    表6  {YEAR}年一般公共预算基本支出表",
        f"    表7  {YEAR}年一般公共预算“三公”经费支出表",
        f"    表8  {YEAR}年政府性基金预算支出表",
        f"    表9  {YEAR}年项目支出绩效目标表",
    ]
    for line in toc:
        para(doc, line, size=13, indent=False, space_after=4)
    page_break(doc)

    write_narrative(doc)
    page_break(doc)
    heading(doc, f"第四部分  {YEAR}年部门预算表", size=16, center=True, before=0)
    t1_shouzhi(doc)

    # landscape section for the wide 收入总表
    ls = doc.add_section(WD_SECTION.NEW_PAGE)
    ls.orientation = WD_ORIENT.LANDSCAPE
    ls.page_width, ls.page_height = Cm(29.7), Cm(21.0)
    ls.left_margin = ls.right_margin = Cm(1.8)
    add_page_number_footer(ls)
    t2_shouru(doc)

    ps = doc.add_section(WD_SECTION.NEW_PAGE)
    ps.orientation = WD_ORIENT.PORTRAIT
    ps.page_width, ps.page_height = Cm(21.0), Cm(29.7)
    ps.left_margin = ps.right_margin = Cm(2.2)
    add_page_number_footer(ps)
    t3_zhichu(doc)
    for fn in (t4_caizheng, t5_yiban, t6_jiben, t7_sangong, t8_jijin, t9_jixiao):
        page_break(doc)
        fn(doc)
    doc.core_properties.title = f"{DEPT}{YEAR}年部门预算公开"
    doc.core_properties.author = DEPT
    doc.core_properties.created = __import__("datetime").datetime(2024, 2, 1, 9, 0, 0)
    doc.core_properties.modified = __import__("datetime").datetime(2024, 2, 1, 9, 0, 0)
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
        pdf = Path(tmp) / (docx.stem + ".pdf")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, out)


def print_facts() -> None:
    u = F.unit
    print(
        "total",
        n(F.total),
        "last",
        n(LAST_INCOME_TOTAL),
        "diff",
        n(F.total - LAST_INCOME_TOTAL),
        pct(F.total - LAST_INCOME_TOTAL, LAST_INCOME_TOTAL),
    )
    print("gen", n(F.gen), "fund", n(F.fund), "shiye", n(F.shiye), "qita", n(F.qita), "fiscal", n(F.fiscal))
    print("basic", n(F.basic), pct(F.basic, F.total), "project", n(F.project), pct(F.project, F.total))
    print("basic_gen", n(F.basic_gen), "proj_gen", n(F.proj_gen), "last_gen", n(F.last_gen_total))
    for k, v in u.items():
        print(k, {a: n(b) for a, b in v.items()})
    for code in F.codes:
        v = F.by_code[code]
        print(
            code, SUBJECTS[code], [n(x) for x in v], "gen", n(v[0] + v[1]), "last", n(LAST_GEN.get(code, 0))
        )
    for lei in ("205", "208", "210", "212", "221", "229"):
        print(lei, "all", n(F.agg(lei, (0, 1, 2, 3, 4))), "gen", n(F.agg(lei, (0, 1))))
    for k in ("301", "302", "303"):
        print(k, fmt_yuan(F.econ[k]))
    for k, v in sorted(F.econ.items()):
        print(" ", k, ECON_NAMES[k], fmt_yuan(v))
    print("personnel", fmt_yuan(F.personnel_fen), "public", fmt_yuan(F.public_fen))
    print("sg", {k: n(v) for k, v in F.sg.items()}, "last", {k: n(v) for k, v in F.sg_last.items()})
    print("jiguan", n(F.jiguan), "procure", n(F.procure_total))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keep-docx", action="store_true", help="also copy the .docx to /tmp")
    ap.add_argument("--facts", action="store_true", help="print the derived key figures and exit")
    args = ap.parse_args()
    if args.facts:
        print_facts()
        return
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "city-education-2024-budget.docx"
        build_docx(docx)
        if args.keep_docx:
            shutil.copyfile(docx, Path("/tmp") / docx.name)
        to_pdf(docx, OUT)
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
