"""Golden test on the bundled sample (长沙市企业服务中心2025年部门预算).

Two independent checks:

1. ``tests/fixtures/changsha-enterprise-service-center-2025.md`` is the text the PDF was
   rendered from. A small reader written here (it imports nothing from ``index/``) parses
   its tab-separated tables, multi-row headers included, and every numeric cell must be a
   stored table fact with the same value, row label, column, unit and page. Which page a
   cell is printed on comes from ``…pagemap.json`` (the text of each PDF page).
2. ``tests/golden/<stem>.facts.json`` snapshots every stored fact; any change in extraction
   shows up as a diff. ``pytest --update-golden`` rewrites it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

import index

HERE = Path(__file__).parent
STEM = "changsha-enterprise-service-center-2025"
MD = HERE / "fixtures" / f"{STEM}.md"
PAGEMAP = HERE / "fixtures" / f"{STEM}.pagemap.json"
PDF = HERE.parent / "index" / "data" / f"{STEM}.pdf"
GOLDEN = HERE / "golden" / f"{STEM}.facts.json"

# ----------------------------------------------------------------------------- md reader

_NUMBER = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")
_CODE_HEADER = re.compile(r"^(类|款|项)$|编码|代码")
_SERIAL = {"**", "*"}


def norm(text: str) -> str:
    """Compare form for labels and headers: no spaces, no quotes, no markdown emphasis."""
    return re.sub(r"[\s\"'“”‘’*]", "", text or "")


@dataclass(frozen=True)
class MdCell:
    table: str
    block: int  # n-th md block with this title (a page break in the PDF repeats the title)
    row_label: str
    column: str  # last header component of the cell's column
    text: str
    value: Decimal
    unit: str
    row_cells: tuple[str, ...]


@dataclass
class MdTable:
    title: str
    block: int
    unit: str
    header: list[list[str]]
    rows: list[list[str]]


def _is_serial_row(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(c in _SERIAL or c.isdigit() for c in filled) and any(c in _SERIAL for c in filled)


def _is_data_row(cells: list[str]) -> bool:
    return any(re.fullmatch(r"-?[\d,]+\.\d+|\d{1,3}(?:,\d{3})+", c) for c in cells)


def read_md_tables(path: Path) -> list[MdTable]:
    """Tab-separated tables under their nearest heading ending in 表."""
    tables: list[MdTable] = []
    title, unit = "", "万元"
    seen: dict[str, int] = {}
    block: list[list[str]] = []

    def flush() -> None:
        if not block or not title:
            block.clear()
            return
        rows = [r for r in block if not _is_serial_row(r)]
        h = next((i for i, r in enumerate(rows) if _is_data_row(r)), len(rows))
        n = seen.get(title, 0)
        seen[title] = n + 1
        tables.append(MdTable(title, n, unit, rows[:h], rows[h:]))
        block.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            block.append([c.strip() for c in line.split("\t")])
            continue
        flush()
        if line.startswith("#"):
            text = norm(line.lstrip("#"))
            title = text if text.endswith("表") and not text.startswith("第") else ""
        m = re.match(r"单位[:：]\s*(\S+)", line.strip())
        if m:
            unit = m.group(1)
    flush()
    return tables


def header_last(table: MdTable, col: int) -> str:
    """The bottom-most non-empty header text above ``col``."""
    for row in reversed(table.header):
        if col < len(row) and row[col] and row[col] not in _SERIAL:
            return norm(row[col])
    return ""


def md_cells(tables: list[MdTable]) -> list[MdCell]:
    out = []
    for t in tables:
        for row in t.rows:
            for c, text in enumerate(row):
                if not _NUMBER.match(text):
                    continue
                column = header_last(t, c)
                if _CODE_HEADER.search(column):
                    continue  # subject / unit codes are not figures
                # the row label: the nearest non-numeric text to the left (side-by-side
                # 收入 | 支出 blocks each have their own label column)
                label = next(
                    (norm(row[k]) for k in range(c - 1, -1, -1) if row[k] and not _NUMBER.match(row[k])), ""
                )
                out.append(
                    MdCell(t.title, t.block, label, column, text, Decimal(text.replace(",", "")), t.unit, tuple(row))
                )
    return out


# ----------------------------------------------------------------------------- pages


def _pages_by_block() -> dict[tuple[str, int], list[int]]:
    """(title, n) -> the n-th PDF page printed with that title plus its untitled continuation pages."""
    pages = json.loads(PAGEMAP.read_text(encoding="utf-8"))
    out: dict[tuple[str, int], list[int]] = {}
    seen: dict[str, int] = {}
    current: tuple[str, int] | None = None
    for p in pages:
        first = norm(p["text"].splitlines()[0]) if p["text"] else ""
        if first.endswith("表") and "单位名称" in p["text"]:
            n = seen.get(first, 0)
            seen[first] = n + 1
            current = (first, n)
            out[current] = [p["page"]]
        elif current and "单位名称" not in p["text"] and re.search(r"\d", p["text"]) and p["page"] > 6:
            out[current].append(p["page"])  # a continuation page without title (绩效目标表)
        else:
            current = None
    return out


def expected_page(cell: MdCell, block_pages: dict[tuple[str, int], list[int]], texts: dict[int, str]) -> int:
    """The candidate page printing the value as a word and most of the row's other cells."""
    candidates = block_pages[(cell.table, cell.block)]
    if len(candidates) == 1:
        return candidates[0]

    def score(p: int) -> tuple[int, int]:
        words = texts[p].split()
        flat = norm(texts[p])
        others = sum(1 for c in cell.row_cells if c and c != cell.text and norm(c)[:4] in flat)
        return (cell.text in words, others)

    return max(candidates, key=lambda p: (score(p), -p))


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def sample_facts(tmp_path_factory):
    db = tmp_path_factory.mktemp("golden") / "sample.db"
    report = index.build_index([PDF], db, workers=1)
    assert report.ok, report.summary()
    store = index.open_store(db)
    docs = store.documents()
    assert len(docs) == 1
    facts = store.facts(docs[0]["doc_id"])
    store.close()
    return facts


@pytest.fixture(scope="module")
def expected_cells():
    tables = read_md_tables(MD)
    block_pages = _pages_by_block()
    texts = {p["page"]: p["text"] for p in json.loads(PAGEMAP.read_text(encoding="utf-8"))}
    out = []
    for cell in md_cells(tables):
        out.append((cell, expected_page(cell, block_pages, texts)))
    return out


# Cells of the md that the PDF prints differently. Keyed by (title, page, md label, value).
# Each carries the reason; nothing else may fail to match.
_P = "2025年项目支出绩效目标表"
KNOWN_MD_PDF_DIFFERENCES: dict[tuple[str, int, str, str], str] = {
    (_P, 21, "助力制造业高质量发展系列专项培训", "240"): (
        "md and PDF alike print this row one column to the left: 240 sits in the 三级指标 "
        "(label) column and the indicator name in 二级指标, so no 指标值 figure is printed there"
    ),
}
# md rows whose cells are shifted one column right of the header; the PDF prints the
# figure under 指标值 (checked on the rendered pages 20 and 22).
MD_COLUMN_FIXES: dict[tuple[str, int, str, str], str] = {
    (_P, 20, "退休人员满意度", "100"): "指标值",
    (_P, 22, "企业收益", "90"): "指标值",
    (_P, 22, "受益企业", "90"): "指标值",
}
# Cells the extractor misses today (reported to the lead; see test_known_extractor_defects,
# which fails loudly once they are fixed so they move back into the main test).
KNOWN_EXTRACTOR_DEFECTS: dict[tuple[str, int, str, str], str] = {
    # the data cells of these rows are drawn on another column grid than the header cells,
    # so by grid index the figure lands in 指标值内容 (a text column)
    (_P, 20, "退休人员满意度", "100"): "row drawn on a different column grid than its header",
    (_P, 22, "企业收益", "90"): "row drawn on a different column grid than its header",
    (_P, 22, "受益企业", "90"): "row drawn on a different column grid than its header",
    ("2025年部门整体支出绩效目标表", 26, "定性", "95"): (
        "column 指标值 gets role 'label' for the whole logical table because page 24 prints ≤ in it"
    ),
}

# 指标值 cells of the 绩效目标 tables: their unit is the row's 度量单位 (%, 年, 次 …), not the
# table's 万元; checked separately in test_indicator_values_carry_their_row_unit.
INDICATOR_COLUMNS = {"指标值"}


def _key(cell: MdCell, page: int) -> tuple[str, int, str, str]:
    return (cell.table, page, cell.row_label, cell.text)


def _fixed(cell: MdCell, page: int) -> MdCell:
    col = MD_COLUMN_FIXES.get(_key(cell, page))
    if col is None:
        return cell
    return MdCell(cell.table, cell.block, cell.row_label, col, cell.text, cell.value, cell.unit, cell.row_cells)


def _match(cell: MdCell, page: int, facts, used: set[str], *, check_unit: bool = True):
    for f in facts:
        if f.fact_id in used or f.source != "table":
            continue
        if norm(f.table_title) != cell.table or f.page_number != page or f.value != cell.value:
            continue
        if cell.row_label not in norm(f.row_label):
            continue
        if cell.column not in [norm(p) for p in f.column.split("/")]:
            continue
        if check_unit and f.unit != cell.unit:
            continue
        return f
    return None


def test_md_reader_finds_the_tables(expected_cells):
    """The independent reader itself: every table of the sample and the cell counts we expect."""
    titles = {c.table for c, _ in expected_cells}
    assert titles == {
        "2025年部门收支总体情况表",
        "2025年部门收入总体情况表",
        "2025年部门支出总体情况表",
        "2025年财政拨款收支总体情况表",
        "2025年一般公共预算支出情况表",
        "2025年一般公共预算基本支出情况表",
        "2025年一般公共预算三公经费支出情况表",
        "2025年项目支出绩效目标表",
        "2025年部门整体支出绩效目标表",
    }  # 政府性基金预算支出情况表 is an empty table: no numeric cell
    per = {}
    for c, _ in expected_cells:
        per[c.table] = per.get(c.table, 0) + 1
    assert per["2025年一般公共预算基本支出情况表"] == 3 + 2 * 28 + 4  # 合计 + 2 per row, 3 for 302 and 30299
    assert per["2025年一般公共预算三公经费支出情况表"] == 8
    assert per["2025年部门收支总体情况表"] == 7  # 2,313.71 ×5, 1,002.04, 1,311.67


def _checked(expected_cells):
    skip = KNOWN_MD_PDF_DIFFERENCES.keys() | KNOWN_EXTRACTOR_DEFECTS.keys()
    return [(_fixed(c, p), p) for c, p in expected_cells if _key(c, p) not in skip]


def test_every_md_cell_is_a_stored_fact(sample_facts, expected_cells):
    cells = _checked(expected_cells)
    used: set[str] = set()
    missing = []
    for cell, page in cells:
        f = _match(cell, page, sample_facts, used, check_unit=cell.column not in INDICATOR_COLUMNS)
        if f is None:
            missing.append(f"{cell.table} p{page} row={cell.row_label!r} col={cell.column!r} value={cell.text}")
        else:
            used.add(f.fact_id)
    matched = len(cells) - len(missing)
    print(
        f"golden sample: {matched}/{len(cells)} md cells matched ({matched / len(cells):.1%}); "
        f"{len(KNOWN_MD_PDF_DIFFERENCES)} listed md/PDF differences, {len(KNOWN_EXTRACTOR_DEFECTS)} known defects"
    )
    assert len(cells) > 150
    assert not missing, f"{len(missing)} of {len(cells)} md cells have no matching fact:\n" + "\n".join(missing)


@pytest.mark.xfail(strict=True, reason="performance-table indicator values printed off their header grid (see closing note)")
def test_known_extractor_defects(sample_facts, expected_cells):
    missing = []
    for cell, page in expected_cells:
        if _key(cell, page) not in KNOWN_EXTRACTOR_DEFECTS:
            continue
        cell = _fixed(cell, page)
        if _match(cell, page, sample_facts, set(), check_unit=False) is None:
            missing.append(f"p{page} {cell.row_label} {cell.text}: {KNOWN_EXTRACTOR_DEFECTS[_key(cell, page)]}")
    assert not missing, "\n".join(missing)


def test_no_extra_nonzero_facts(sample_facts, expected_cells):
    """Every non-zero table fact is a cell of the md (zero facts cite blank cells)."""
    used: set[str] = set()
    for cell, page in [(_fixed(c, p), p) for c, p in expected_cells]:
        f = _match(cell, page, sample_facts, used, check_unit=cell.column not in INDICATOR_COLUMNS)
        if f is not None:
            used.add(f.fact_id)
    extra = [
        f"p{f.page_number} {f.row_label!r} {f.column!r} {f.quote!r}"
        for f in sample_facts
        if f.source == "table" and f.fact_id not in used and f.value != 0
    ]
    assert not extra, "facts the md does not have:\n" + "\n".join(extra)


def test_zero_facts_cite_blank_cells(sample_facts):
    zeros = [f for f in sample_facts if f.source == "table" and f.value == 0]
    assert zeros, "blank cells in rows of figures are recorded as 0"
    assert all(f.quote in ("", "0", "0.00") for f in zeros)


def _row_unit(cell: MdCell, tables: list[MdTable]) -> str | None:
    t = next(t for t in tables if t.title == cell.table and t.block == cell.block)
    for c in range(len(cell.row_cells)):
        if header_last(t, c) in ("度量单位", "计量单位") and cell.row_cells[c]:
            return cell.row_cells[c]
    return None


def test_indicator_values_carry_their_row_unit(sample_facts, expected_cells):
    tables = read_md_tables(MD)
    wrong = []
    for cell, page in expected_cells:
        if cell.column not in INDICATOR_COLUMNS or cell.table != "2025年项目支出绩效目标表":
            continue
        unit = _row_unit(cell, tables)
        if not unit:
            continue
        f = _match(cell, page, sample_facts, set(), check_unit=False)
        assert f is not None, cell
        if f.unit != unit:
            wrong.append(f"p{page} {cell.row_label} {cell.text}: unit {f.unit!r}, row says {unit!r}")
    assert not wrong, "\n".join(wrong)


# ----------------------------------------------------------------------------- snapshot


def _snapshot(facts) -> list[dict]:
    return [
        {
            "source": f.source,
            "value": format(f.value, "f"),
            "unit": f.unit,
            "page": f.page_number,
            "row_label": f.row_label,
            "column": f.column,
            "subject_code": f.subject_code,
            "table_title": f.table_title,
        }
        for f in facts
    ]


def test_facts_snapshot(sample_facts, update_golden):
    got = _snapshot(sample_facts)
    if update_golden or not GOLDEN.exists():
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{GOLDEN} did not exist; written now — review it and rerun")
        return
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    if got != want:
        n = min(len(got), len(want))
        first = next((i for i in range(n) if got[i] != want[i]), n)
        detail = f"first difference at fact #{first}: got {got[first] if first < len(got) else None}, " \
                 f"golden {want[first] if first < len(want) else None}"
        pytest.fail(f"facts differ from {GOLDEN.name} ({len(got)} vs {len(want)} facts); {detail}. "
                    "If the change is intended, rerun with --update-golden and review the diff.")
