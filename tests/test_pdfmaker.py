"""Sanity tests for the test-PDF generator (tests/pdfmaker.py): the PDFs are what the
ground truth says they are, as pdfplumber sees them."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

pdfplumber = pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")
from pdfplumber.utils.exceptions import PdfminerException  # noqa: E402

try:  # tests/ is on sys.path under pytest's default rootdir/prepend import mode
    import pdfmaker as pm  # noqa: E402
except ImportError:  # tests/ made a package
    from tests import pdfmaker as pm  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("pdfmaker")
    return {name: fn(d) for name, fn in pm.VARIANTS.items()}


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    d = tmp_path_factory.mktemp("pdfmaker_bad")
    return {name: fn(d) for name, fn in pm.BAD_INPUTS.items()}


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


@pytest.mark.parametrize("name", list(pm.VARIANTS))
def test_variant_pages_and_table_shapes(built, name):
    path, truth = built[name]
    assert path.exists() and truth.path == path
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == truth.page_count
        for page in pdf.pages:
            got = [(len(t.rows), len(t.rows[0].cells)) for t in page.find_tables()]
            assert got == truth.table_shapes(page.page_number), f"page {page.page_number}"
            assert (page.width > page.height) == (page.page_number in truth.landscape_pages)


@pytest.mark.parametrize("name", list(pm.VARIANTS))
def test_cells_are_where_the_truth_says(built, name):
    path, truth = built[name]
    with pdfplumber.open(path) as pdf:
        for c in truth.cells:
            page = pdf.pages[c.page - 1]
            x0, top, x1, bottom = c.bbox
            inside = page.within_bbox((x0 + 0.5, top + 0.5, x1 - 0.5, bottom - 0.5)).extract_text()
            assert _squash(inside) == _squash(c.text), c
            assert Decimal(c.value) == Decimal(c.text.replace(",", ""))


@pytest.mark.parametrize("name", list(pm.VARIANTS))
def test_figures_are_on_their_pages(built, name):
    path, truth = built[name]
    with pdfplumber.open(path) as pdf:
        for f in truth.figures:
            text = _squash(pdf.pages[f.page - 1].extract_text())
            number = re.match(r"[\d,.]+", f.text).group(0)
            assert number in text, f
            if name != "offset_digits":  # there the digits are pulled out of their line
                assert _squash(f.text) in text, f


def test_table_titles_units_and_notes_printed(built):
    for name, (path, truth) in built.items():
        with pdfplumber.open(path) as pdf:
            for t in truth.tables:
                first = pdf.pages[t.pages[0] - 1].extract_text()
                assert t.title in first.replace("\n", ""), (name, t.title)
                assert t.unit in first
                if t.note:
                    last = _squash(pdf.pages[t.pages[-1] - 1].extract_text())
                    assert _squash(t.note) in last, (name, t.note)


def test_split_codes_inherit_blank_cells(built):
    _, truth = built["split_codes"]
    c = truth.cell(row_label="事业运行", column="总计")
    assert (c.code, c.value, c.unit) == ("2150550", "1002.04", "万元")
    assert truth.cell(row_label="合计", column="总计").value == "2313.71"
    assert {x.code for x in truth.cells if x.row_label == "工业和信息产业监管"} == {"21505"}
    assert truth.find(code="2210201")  # printed in full on every row


def test_whole_codes_odd_code_and_wrapped_name(built):
    path, truth = built["whole_codes"]
    assert truth.cell(code="30102", column="合计").text == "9.00"
    wrapped = truth.find(code="30112", column="合计")[0]
    assert wrapped.row_label.startswith("其他社会保障缴费") and "\n" not in wrapped.row_label
    with pdfplumber.open(path) as pdf:
        rows = pdf.pages[0].find_tables()[0].extract()
    assert any(r[0] == "301 2" for r in rows)
    assert any(r[0] == "30112" and "\n" in r[1] for r in rows)


def test_yuan_units(built):
    path, truth = built["yuan_units"]
    assert truth.cell(row_label="收入总计", column="本年收入/预算数").value == "371514655.00"
    assert {c.unit for c in truth.cells if "三公" in c.table} == {"万元"}
    same = truth.find(value="96282213.44")
    assert {c.text for c in same} == {"96,282,213.44", "96282213.44"}
    assert len({c.page for c in same}) >= 2
    assert truth.find(text="4,545,000") and truth.find(text="38,080,850")
    fig = truth.figure("37,151.47万元")
    assert (fig.value, fig.unit) == ("37151.47", "万元")


def test_two_page_tables(built):
    _, truth = built["two_page_table"]
    a, b, c = truth.tables
    assert len(a.pages) == len(b.pages) == len(c.pages) == 2
    assert [s[3] for s in a.segments] == [True, True]  # title + header repeated
    assert [s[3] for s in b.segments] == [True, False]  # bare continuation
    assert c.segments[-1][1] == 1  # only the 总计 row
    first_on_bare = [x for x in truth.cells if x.table == b.title and x.page == b.pages[1]][0]
    assert first_on_bare.code == "2101102"  # 类/款 inherited from the previous page


def test_empty_tables(built):
    _, truth = built["empty_table"]
    assert all(t.empty for t in truth.tables) and not truth.cells
    assert truth.tables[0].note == "注：本表为空表"


def test_traditional_text_extracts(built):
    path, truth = built["traditional"]
    with pdfplumber.open(path) as pdf:
        text = "".join(p.extract_text() for p in pdf.pages)
    for s in ("一般公共預算基本支出情況表", "單位：萬元", "三公”經費", "（境）"):
        assert s in text
    assert truth.figure("1.90萬元").unit == "万元"


def test_final_accounts(built):
    _, truth = built["final_accounts"]
    assert truth.cell(row_label="人员经费合计").value == "2152.26"
    assert truth.cell(row_label="公用经费合计").column == "公用经费/决算数"
    sansan = [c for c in truth.cells if "三公" in c.table]
    assert {c.column for c in sansan} >= {
        "财政拨款“三公”经费/合计/预算数",
        "财政拨款“三公”经费/公务接待费/决算数",
    }


def test_rect_ruled_has_no_lines(built):
    path, _ = built["rect_ruled"]
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert not page.lines and page.rects


def test_offset_digits_sit_lower(built):
    path, truth = built["offset_digits"]
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        chars = page.chars
    assert "184.65" not in [w for line in text.splitlines() if "机关运行经费" in line for w in line.split()]
    cjk = next(c for c in chars if c["text"] == "机")
    digit = next(c for c in chars if c["text"] == "1" and abs(c["top"] - cjk["top"]) < 12)
    assert 5 < digit["top"] - cjk["top"] < 9
    assert truth.figure("1.40%").unit == "%"


def test_full_document_consistent(built):
    path, truth = built["full_document"]
    assert truth.page_count == 9 and len(truth.tables) == 7
    assert truth.tables[-1].empty
    total = truth.cell(row_label="收入总计").value
    assert truth.figure("8,576.30万元").value == total
    s = [c for c in truth.cells if "三公" in c.table and c.row_label == "合计"]
    parts = sum(Decimal(c.value) for c in s if c.column.endswith(("因公出国（境）费", "/小计", "公务接待费")))
    assert parts == Decimal(next(c.value for c in s if c.column.endswith("/合计")))
    assert truth.figure("1,210.50万元")  # printed broken across two lines ("万" / "元")
    assert truth.figure("2辆").unit == "辆"


@pytest.mark.parametrize("name", ["not_a_pdf", "corrupt", "empty_file", "encrypted"])
def test_unreadable_inputs_fail_to_open(bad, name):
    path, truth = bad[name]
    assert truth.bad == name
    with pytest.raises(PdfminerException):
        with pdfplumber.open(path) as pdf:
            _ = [p.extract_text() for p in pdf.pages]


def test_encrypted_opens_with_password(bad):
    path, truth = bad["encrypted"]
    with pdfplumber.open(path, password=truth.password) as pdf:
        page = pdf.pages[0]
        assert len(page.find_tables()) == 1
        if "(cid:" not in page.extract_text():  # pikepdf (AES) vs reportlab fallback (RC4)
            assert "一般公共预算支出情况表" in page.extract_text()


def test_scanned_has_no_text_layer(bad):
    path, _ = bad["scanned"]
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert not page.chars and len(page.images) == 1 and not page.find_tables()


def test_no_tables_has_text_but_nothing_to_extract(bad):
    path, truth = bad["no_tables"]
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert "防汛" in page.extract_text() and not page.find_tables()
    assert not truth.figures and not truth.tables


def test_empty_file_is_empty(bad):
    assert bad["empty_file"][0].stat().st_size == 0
