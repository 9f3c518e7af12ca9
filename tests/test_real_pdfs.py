"""The real PDFs in ../shared/fixtures/real (Shanghai Putuo district), read but never copied.

Every spot check below was verified by hand against the rendered page (pdftoppm) and
pdftotext -layout: value, unit, row label, column and page as printed.
- putuo-commerce-2025-budget.pdf: 2025 部门预算 made with WPS; tables in 元, 三公 table in 万元.
- putuo-finance-2024-final.pdf: 2024 部门决算 made with ONLYOFFICE (digits drawn below the CJK line).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

import index

REAL = Path(__file__).parents[1].parent / "shared" / "fixtures" / "real"
COMMERCE = REAL / "putuo-commerce-2025-budget.pdf"
FINANCE = REAL / "putuo-finance-2024-final.pdf"

pytestmark = [
    pytest.mark.real,
    pytest.mark.skipif(not (COMMERCE.exists() and FINANCE.exists()), reason=f"real PDFs not in {REAL}"),
]


def norm(text: str) -> str:
    return re.sub(r"[\s\"'“”‘’]", "", text or "")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("real") / "real.db"
    report = index.build_index([COMMERCE, FINANCE], db, workers=1)
    assert report.ok, [r.error for r in report.failed]
    assert [r.status for r in report.documents] == ["ingested", "ingested"]
    s = index.open_store(db)
    yield s
    s.close()


@pytest.fixture(scope="module")
def docs(store):
    by_file = {d["file_name"]: d for d in store.documents()}
    return {"commerce": by_file[COMMERCE.name], "finance": by_file[FINANCE.name]}


@pytest.fixture(scope="module")
def facts(store, docs):
    return {k: store.facts(d["doc_id"]) for k, d in docs.items()}


@pytest.fixture(scope="module")
def tables(store, docs):
    return {k: store.tables(d["doc_id"]) for k, d in docs.items()}


def test_metadata(docs):
    c, f = docs["commerce"], docs["finance"]
    assert (c["unit_name"], c["year"], c["doc_type"], c["page_count"]) == ("上海市普陀区商务委员会", 2025, "预算", 26)
    assert (f["unit_name"], f["year"], f["doc_type"], f["page_count"]) == ("上海市普陀区财政局", 2024, "决算", 25)


COMMERCE_TABLES = [
    ("2025年部门财务收支预算总表", "元", [9]),
    ("2025年部门收入预算总表", "元", [10, 11]),
    ("2025年部门支出预算总表", "元", [12, 13]),
    ("2025年部门财政拨款收支预算总表", "元", [14]),
    ("2025年部门一般公共预算支出功能分类预算表", "元", [15, 16]),
    ("2025年部门政府性基金预算支出功能分类预算表", "元", [17]),
    ("2025年部门国有资本经营预算支出功能分类预算表", "元", [18]),
    ("2025年部门一般公共预算基本支出部门预算经济分类预算表", "元", [19, 20]),
    ("2025年部门“三公”经费和机关运行经费预算表", "万元", [21]),
]
FINANCE_TABLES = [
    ("收入支出决算总表", "万元", [6, 7]),
    ("收入决算表", "万元", [8, 9]),
    ("支出决算表", "万元", [10, 11]),
    ("财政拨款收入支出决算总表", "万元", [12, 13]),
    ("一般公共预算财政拨款支出决算表", "万元", [15]),
    ("一般公共预算财政拨款基本支出决算表", "万元", [16, 17]),
    ("财政拨款“三公”经费支出决算表", "万元", [18]),
    ("政府性基金预算财政拨款收入支出决算表", "万元", [19]),
    ("国有资本经营预算财政拨款收入支出决算表", "万元", [20]),
]


def test_commerce_tables(tables):
    got = [(t["title"], t["unit"], t["pages"]) for t in tables["commerce"]]
    assert got == COMMERCE_TABLES


def test_finance_tables(tables):
    got = [(t["title"], t["unit"], t["pages"]) for t in tables["finance"]]
    assert got == FINANCE_TABLES


def test_finance_titled_tables(tables):
    got = [(t["title"], t["unit"], t["pages"]) for t in tables["finance"] if t["title"]]
    assert got == FINANCE_TABLES


def test_no_serial_numbers_as_money(facts):
    bad = [f for f in facts["finance"] if f.source == "table" and f.column == "序号"]
    assert not bad


# (doc, table, page, row label, column (last header parts), subject code, value, unit)
SPOT = [
    # putuo-commerce-2025-budget.pdf (WPS; 元 except the 三公 table)
    ("commerce", "2025年部门财务收支预算总表", 9, "一、财政拨款收入", "本年收入/预算数", "", "371514655.00", "元"),
    ("commerce", "2025年部门财务收支预算总表", 9, "五、资源勘探工业信息等支出", "本年支出/预算数", "", "293810000.00", "元"),
    ("commerce", "2025年部门收入预算总表", 10, "行政运行", "收入预算/财政拨款收入", "2011301", "9389913.00", "元"),
    ("commerce", "2025年部门收入预算总表", 11, "机关事业单位职业年金缴费支出", "收入预算/合计", "2080506", "705443.00", "元"),
    ("commerce", "2025年部门收入预算总表", 11, "合计", "收入预算/合计", "", "371514655.00", "元"),
    ("commerce", "2025年部门支出预算总表", 12, "一般公共服务支出", "支出预算/基本支出", "201", "12291733.00", "元"),
    ("commerce", "2025年部门支出预算总表", 13, "其他支持中小企业发展和管理支出", "支出预算/项目支出", "2150899", "293810000.00", "元"),
    ("commerce", "2025年部门支出预算总表", 13, "合计", "支出预算/项目支出", "", "351684000.00", "元"),
    ("commerce", "2025年部门财政拨款收支预算总表", 14, "七、住房保障支出", "财政拨款支出/一般公共预算", "", "2849034.00", "元"),
    ("commerce", "2025年部门财政拨款收支预算总表", 14, "支出总计", "财政拨款支出/合计", "", "371514655.00", "元"),
    ("commerce", "2025年部门一般公共预算支出功能分类预算表", 15, "一般公共服务支出", "一般公共预算支出/项目支出", "201", "9310000.00", "元"),
    ("commerce", "2025年部门一般公共预算支出功能分类预算表", 16, "事业单位医疗", "一般公共预算支出/合计", "2101102", "249862.00", "元"),
    ("commerce", "2025年部门一般公共预算基本支出部门预算经济分类预算表", 19, "基本工资", "一般公共预算基本支出/人员经费", "30101", "1952616.00", "元"),
    ("commerce", "2025年部门一般公共预算基本支出部门预算经济分类预算表", 20, "公务接待费", "一般公共预算基本支出/公用经费", "30217", "10000.00", "元"),
    ("commerce", "2025年部门一般公共预算基本支出部门预算经济分类预算表", 20, "合计", "一般公共预算基本支出/公用经费", "", "1710062.00", "元"),
    ("commerce", "2025年部门“三公”经费和机关运行经费预算表", 21, "", "“三公”经费预算数/公务接待费", "", "1.00", "万元"),
    ("commerce", "2025年部门“三公”经费和机关运行经费预算表", 21, "", "机关运行经费预算数", "", "171.01", "万元"),
    # putuo-finance-2024-final.pdf (ONLYOFFICE; 万元)
    ("finance", "收入支出决算总表", 6, "一、一般公共预算财政拨款收入", "收入/决算数", "", "2940.05", "万元"),
    ("finance", "收入支出决算总表", 6, "八、社会保障和就业支出", "支出/决算数", "", "326.71", "万元"),
    ("finance", "收入支出决算总表", 7, "年末结转和结余", "支出/决算数", "", "55.34", "万元"),
    ("finance", "收入决算表", 8, "行政运行", "财政拨款收入", "2010601", "1511.89", "万元"),
    ("finance", "收入决算表", 8, "行政运行", "其他收入", "2010601", "0.01", "万元"),
    ("finance", "收入决算表", 8, "机关事业单位基本养老保险缴费支出", "本年收入合计", "2080505", "160.75", "万元"),
    ("finance", "支出决算表", 10, "合计", "基本支出", "", "2336.91", "万元"),
    ("finance", "支出决算表", 10, "行政运行", "项目支出", "2010601", "8.37", "万元"),
    ("finance", "财政拨款收入支出决算总表", 12, "一、一般公共预算财政拨款", "收入/决算数", "", "2940.05", "万元"),
    ("finance", "一般公共预算财政拨款支出决算表", 15, "机关事业单位职业年金缴费支出", "合计", "2080506", "80.38", "万元"),
    ("finance", "一般公共预算财政拨款基本支出决算表", 16, "工资福利支出", "决算数", "301", "2082.85", "万元"),
    ("finance", "一般公共预算财政拨款基本支出决算表", 16, "办公费", "决算数", "30201", "21.21", "万元"),
    ("finance", "一般公共预算财政拨款基本支出决算表", 17, "劳务费", "决算数", "30226", "2.01", "万元"),
    ("finance", "一般公共预算财政拨款基本支出决算表", 17, "工会经费", "决算数", "30228", "24.42", "万元"),
    ("finance", "一般公共预算财政拨款基本支出决算表", 17, "其他商品和服务支出", "决算数", "30299", "11.53", "万元"),
    ("finance", "一般公共预算财政拨款基本支出决算表", 17, "公用经费合计", "决算数", "", "184.65", "万元"),
    ("finance", "财政拨款“三公”经费支出决算表", 18, "", "财政拨款“三公”经费/合计/预算数", "", "0.95", "万元"),
    ("finance", "财政拨款“三公”经费支出决算表", 18, "", "财政拨款“三公”经费/公务接待费/预算数", "", "0.95", "万元"),
]


@pytest.mark.parametrize("doc,table,page,label,column,code,value,unit", SPOT, ids=[f"{s[0]}-p{s[2]}-{s[3] or s[4]}" for s in SPOT])
def test_spot_check(facts, doc, table, page, label, column, code, value, unit):
    found = [
        f
        for f in facts[doc]
        if f.source == "table"
        and f.table_title == table
        and f.page_number == page
        and norm(f.row_label) == norm(label)
        and norm(f.column).endswith(norm(column))
    ]
    assert len(found) == 1, [(f.row_label, f.column, f.quote) for f in found] or "no fact"
    f = found[0]
    assert (f.value, f.unit, f.subject_code) == (Decimal(value), unit, code)
    assert f.quote.replace(",", "") == value
    x0, top, x1, bottom = f.bbox
    assert 0 <= x0 < x1 and 0 <= top < bottom


def test_spot_checks_cover_every_table(tables):
    covered = {(d, t) for d, t, *_ in SPOT}
    empty = {
        ("commerce", "2025年部门政府性基金预算支出功能分类预算表"),
        ("commerce", "2025年部门国有资本经营预算支出功能分类预算表"),
        ("finance", "政府性基金预算财政拨款收入支出决算表"),
        ("finance", "国有资本经营预算财政拨款收入支出决算表"),
    }  # checked by test_empty_tables_have_no_figures
    for doc, ts in tables.items():
        for t in ts:
            if t["title"]:
                assert (doc, t["title"]) in covered | empty, t["title"]


def test_empty_tables_have_no_figures(store, facts, tables):
    for doc, title, marker in [
        ("commerce", "2025年部门政府性基金预算支出功能分类预算表", "故本表为空表"),
        ("commerce", "2025年部门国有资本经营预算支出功能分类预算表", "本表为空表"),
        ("finance", "国有资本经营预算财政拨款收入支出决算表", "本表无数据"),
        ("finance", "政府性基金预算财政拨款收入支出决算表", "故本表无数据"),
    ]:
        t = next(t for t in tables[doc] if t["title"] == title)
        assert marker in store.table_grid(t["table_id"])["note"]
        assert not [f for f in facts[doc] if f.table_id == t["table_id"] and f.value != 0]


def test_the_same_figure_across_pages_and_tables(facts):
    """371,514,655.00 元 is printed in five commerce tables; every one is a fact in 元."""
    total = [f for f in facts["commerce"] if f.source == "table" and f.value == Decimal("371514655.00")]
    assert {f.unit for f in total} == {"元"}
    assert {f.page_number for f in total} == {9, 11, 13, 14, 16}


def test_onlyoffice_narrative_sentence(store, docs, facts):
    sentences = store.sentences(docs["finance"]["doc_id"])
    hit = [s for s in sentences if "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%" in s.text]
    assert hit and hit[0].page_number == 24
    figs = {(f.value, f.unit) for f in facts["finance"] if f.source == "sentence" and f.page_number == 24}
    assert {(Decimal("184.65"), "万元"), (Decimal("2.55"), "万元"), (Decimal("1.40"), "%")} <= figs


def test_wps_narrative_in_wanyuan(facts):
    """The commerce narrative states the 元 table total in 万元."""
    figs = [f for f in facts["commerce"] if f.source == "sentence" and f.value == Decimal("37151.47")]
    assert figs and {f.unit for f in figs} == {"万元"}
