"""Raw table grids to logical tables and facts.

The chain: page tables → titles (lines above each table) → logical tables
(continuations across pages joined, repeated headers dropped) → header split
→ column paths and roles → rows (subject codes with 类/款/项 inherited) → Facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .catalog import Catalog
from .extract import GridCell, Line, RawPage, RawTable
from .model import Cell, Fact, Table
from .normalize import clean, fold, parse_amount, parse_unit, to_simplified
from .table_kinds import classify_title

DEFAULT_UNIT = "万元"
_CODE_CELL = re.compile(r"^\d{1,7}(?:\s+\d{1,3}){0,2}$")
_LABEL_HEADER = re.compile(r"(项目|名称|科目|单位|部门|指标|内容|说明|备注)$")
_CODE_HEADER = re.compile(r"^(类|款|项)$|编码|代码|编号")
_UNIT_NAME = re.compile(r"(?:单位名称|编制部门|编制单位|预算单位|部门名称|填报单位)\s*[:：]\s*(\S+)")
_PAGE_NUMBER = re.compile(r"^[—\-–－\s]*(第\s*)?\d{1,3}(\s*页)?[—\-–－\s]*$|^\d+\s*/\s*\d+$")
_SERIAL_HEADER = re.compile(r"^(序号|编号|行次|栏次)$")
_UNIT_HEADER = re.compile(r"(度量单位|计量单位|计量|单位)$")
_MEASURE_UNIT = re.compile(r"^(%|‰|万元|亿元|元|人次|人|个|次|家|项|分|天|日|台|套|辆|平方米|㎡|户|件|所|名|条|篇|期|批|场|年|月|小时|公里|吨|册|本|份|座|处|间|张|亩|小时)$")
_MONEY_HEADER = re.compile(r"金额|资金|预算|合计|总额|经费|支出|收入|拨款")
_PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?)\s*[%％]$")


@dataclass
class LogicalTable:
    title: str
    unit: str | None
    unit_name: str
    header: list[list[GridCell]]
    rows: list[tuple[int, list[GridCell]]] = field(default_factory=list)  # (page_number, cells)
    pages: list[int] = field(default_factory=list)
    note: str = ""
    col_x: list[tuple[float, float]] = field(default_factory=list)
    bbox: tuple[float, float, float, float] = (0, 0, 0, 0)


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def cell_value(text: str) -> tuple[Decimal, str | None] | None:
    """A numeric cell's value and, for '79.49%', its own unit."""
    m = _PERCENT.match(text.strip()) if text else None
    if m:
        return Decimal(m.group(1)), "%"
    parsed = parse_amount(text)
    # a cell's own unit word ("1.2万元") is not a table figure: those are plain numbers in the table's unit
    return (parsed[0], None) if parsed is not None and parsed[1] is None else None


def _is_serial_row(texts: list[str]) -> bool:
    """The 栏次 row of 决算 tables: 1 2 3 … under the headers."""
    if any(fold(t) == "栏次" for t in texts):
        return True
    nums = [t for t in texts if t and t.strip("*＊ ")]
    if len(nums) < 2 or not all(t.isdigit() and int(t) <= 200 for t in nums):
        return False
    ints = [int(t) for t in nums]
    return ints == sorted(ints) and len(set(ints)) == len(ints) and ints[0] <= 2


def _origin_texts(row: list[GridCell], r: int) -> list[str]:
    return [c.text if c.origin == (r, i) else "" for i, c in enumerate(row)]


def split_header(grid: list[list[GridCell]]) -> int:
    """Number of leading header rows: everything before the first row holding an amount."""
    for r, row in enumerate(grid):
        texts = _origin_texts(row, r)
        if _is_serial_row(texts):
            continue
        words = {fold(t) for t in texts if t}
        if r > 0 and words & {"合计", "总计", "本年合计"} and words <= {"合计", "总计", "本年合计", "类", "款", "项"}:
            return r  # an empty table's 合计 row is still a row, not a header
        for c, t in enumerate(texts):
            if not t:
                continue
            if c < 3 and _CODE_CELL.match(t) and "." not in t and len(t.replace(" ", "")) in (3, 5, 7, 2):
                continue  # a bare code or 2-digit 款 in the code columns is not yet evidence of data
            if cell_value(t) is not None:
                return r
    return len(grid)


def column_paths(header: list[list[GridCell]], ncols: int) -> list[str]:
    paths = []
    for c in range(ncols):
        parts: list[str] = []
        for row in header:
            if c >= len(row):
                continue
            t = row[c].text
            if not t or _is_serial_row([t]) or (parts and parts[-1] == t) or t.isdigit():
                continue
            parts.append(t)
        paths.append("/".join(parts))
    return paths


_CODE_IN_LABEL = re.compile(r"^[\[【(（]?(\d{3}(?:\d{2}){0,2})[\]】)）]?\s*[-—.、:：]?\s*(?=[\u4e00-\u9fff])")


def split_code_label(text: str) -> tuple[str, str]:
    """A name cell that starts with its subject code: "2010101 行政运行" → ("2010101", "行政运行")."""
    m = _CODE_IN_LABEL.match(text or "")
    if not m:
        return "", text
    return m.group(1), text[m.end() :].strip()


def _code_like(t: str) -> bool:
    return bool(_CODE_CELL.match(t)) and "." not in t and "," not in t


def column_roles(paths: list[str], rows: list[list[str]]) -> list[str]:
    """'code', 'number' or 'label' for every column, from its header and its data."""
    roles = []
    for c, path in enumerate(paths):
        path = to_simplified(path)  # 經濟科目編碼 is 经济科目编码
        last = path.split("/")[-1] if path else ""
        if _SERIAL_HEADER.search(last):
            roles.append("label")
            continue
        values = [r[c] for r in rows if c < len(r) and r[c]]
        n = len(values)
        n_code = sum(_code_like(v) for v in values)
        n_num = sum(cell_value(v) is not None for v in values)
        if n and n_code >= 0.6 * n and (_CODE_HEADER.search(last) or _CODE_HEADER.search(path)):
            roles.append("code")
        elif n and n_num >= 0.4 * n:
            roles.append("number")
        elif not n:
            roles.append("label" if _LABEL_HEADER.search(last) or _CODE_HEADER.search(last) else "number")
        else:
            roles.append("label")
    return roles


def _groups(roles: list[str]) -> list[int]:
    """Side-by-side blocks (收入 | 支出; two economic-class blocks): label columns open a group."""
    groups, g, seen_number = [], 0, False
    for role in roles:
        if role != "number" and seen_number:
            g += 1
            seen_number = False
        if role == "number":
            seen_number = True
        groups.append(g)
    return groups


def _join_code(parts: list[str]) -> str:
    digits = [p.replace(" ", "") for p in parts]
    if not digits or not digits[0]:
        return ""
    out = digits[0]
    for p in digits[1:]:
        if not p:
            break
        out += p.zfill(2)
    return out


def _whole_code(text: str) -> str:
    """'30101' → 30101; '301 2' (printed oddly) → 30102; '201 13 01' → 2011301."""
    parts = text.split()
    if len(parts) == 1:
        return parts[0]
    return parts[0] + "".join(p.zfill(2) for p in parts[1:])


def _page_blocks(page: RawPage) -> list[tuple[RawTable, list[Line], list[Line]]]:
    """Each table with the lines above it (since the previous table) and below it."""
    out = []
    prev_bottom = -1.0
    for i, table in enumerate(page.tables):
        next_top = page.tables[i + 1].bbox[1] if i + 1 < len(page.tables) else 1e9
        above = [ln for ln in page.lines if ln.bbox[3] <= table.bbox[1] + 2 and ln.bbox[1] >= prev_bottom - 2]
        below = [ln for ln in page.lines if ln.bbox[1] >= table.bbox[3] - 2 and ln.bbox[3] <= next_top + 2]
        out.append((table, above, below))
        prev_bottom = table.bbox[3]
    return out


def _title_from(lines: list[Line]) -> str | None:
    best = None
    for ln in lines:
        t = clean(ln.text)
        f = fold(t)
        if not t or is_page_number(t) or f.startswith(("注", "单位")) or len(t) > 80:
            continue
        if re.search(r"表(?:[\(（]续[\)）])?$|表[一二三四五六七八九十\d]+$", f) and not f.startswith(("目录", "第")):
            best = t
    return best


def _unit_and_name(lines: list[Line]) -> tuple[str | None, str]:
    unit, name = None, ""
    for ln in lines:
        text = ln.text
        unit = unit or parse_unit(text)
        m = _UNIT_NAME.search(text)
        if m and not name:
            name = clean(re.split(r"\s{2,}|单位[:：]", m.group(1))[0])
    return unit, name


def _note_from(lines: list[Line]) -> str:
    out: list[str] = []
    for ln in lines:
        t = clean(ln.text)
        if is_page_number(t):
            continue
        if out or fold(t).startswith(("注", "说明", "备注")):
            out.append(t)
    return "".join(out)


def _texts(rows: list[list[GridCell]]) -> list[str]:
    return [fold(c.text) for row in rows for c in row]


def _align(cells: list[GridCell], col_x: list[tuple[float, float]]) -> list[GridCell]:
    """Map a continuation row with another column count onto the first page's columns."""
    if len(cells) == len(col_x):
        return cells
    out = [GridCell("", (x0, 0, x1, 0), (-1, -1)) for x0, x1 in col_x]
    for cell in cells:
        cx = (cell.bbox[0] + cell.bbox[2]) / 2
        best = min(range(len(col_x)), key=lambda i: abs((col_x[i][0] + col_x[i][1]) / 2 - cx))
        if not out[best].text:
            out[best] = cell
    return out


def pages_to_logical_tables(pages: list[RawPage]) -> list[LogicalTable]:
    tables: list[LogicalTable] = []
    seen_pages: set[tuple] = set()
    for page in pages:
        signature = tuple(tuple(_texts(t.grid)) for t in page.tables) + tuple(fold(ln.text) for ln in page.lines)
        if signature and signature in seen_pages:
            continue  # a repeated page would double every fact
        seen_pages.add(signature)
        for i, (raw, above, below) in enumerate(_page_blocks(page)):
            title = _title_from(above)
            unit, unit_name = _unit_and_name(above)
            h = split_header(raw.grid)
            prev = tables[-1] if tables else None
            continuation = prev is not None and (
                (title is None and i == 0)
                or (title is not None and fold(re.sub(r"[\(（]续[\)）]$", "", title)) == fold(prev.title))
            )
            if continuation:
                assert prev is not None
                # the repeated header (whatever its wording) is not data: only rows after it are
                for row in raw.grid[h:]:
                    prev.rows.append((raw.page_number, _align(row, prev.col_x)))
                if raw.page_number not in prev.pages:
                    prev.pages.append(raw.page_number)
                prev.note = prev.note or _note_from(below)
                continue
            ncols = len(raw.grid[0]) if raw.grid else 0
            col_x = [(raw.grid[0][c].bbox[0], raw.grid[0][c].bbox[2]) for c in range(ncols)]
            if raw.grid:
                # column extents from the narrowest cell in each column (headers may span)
                for c in range(ncols):
                    widths = [(row[c].bbox[2] - row[c].bbox[0], row[c].bbox) for row in raw.grid]
                    _, b = min(widths, key=lambda w: w[0])
                    col_x[c] = (b[0], b[2])
            lt = LogicalTable(
                title=title or "",
                unit=unit,
                unit_name=unit_name,
                header=raw.grid[:h],
                rows=[(raw.page_number, row) for row in raw.grid[h:]],
                pages=[raw.page_number],
                note=_note_from(below),
                col_x=col_x,
                bbox=raw.bbox,
            )
            tables.append(lt)
    return tables


def _row_texts(rows: list[tuple[int, list[GridCell]]]) -> list[list[str]]:
    return [[c.text for c in row] for _, row in rows]


def logical_table_to_facts(
    lt: LogicalTable,
    *,
    doc_id: str,
    table_id: str,
    kind: str,
    unit: str,
    catalog: Catalog,
) -> tuple[Table, list[Fact]]:
    ncols = len(lt.col_x)
    paths = column_paths(lt.header, ncols)
    data_texts = _row_texts(lt.rows)
    roles = column_roles(paths, data_texts)
    groups = _groups(roles)
    cells: list[Cell] = []
    facts: list[Fact] = []
    h = len(lt.header)
    page0 = lt.pages[0] if lt.pages else 0
    for r, row in enumerate(lt.header):
        for c, cell in enumerate(row):
            if cell.origin == (r, c) and cell.text:
                cells.append(Cell(r, c, cell.text, page0, cell.bbox))
    last_parts: dict[int, list[str]] = {}
    title = lt.title
    # performance tables give each row its own unit (度量单位: %, 人, 分)
    unit_col = next((c for c, p in enumerate(paths) if roles[c] == "label" and _UNIT_HEADER.search(to_simplified(p.split("/")[-1] if p else "")) and "名称" not in p), None)
    for i, (page_number, row) in enumerate(lt.rows):
        r = h + i
        labels: dict[int, list[str]] = {}
        codes: dict[int, list[str]] = {}
        for c, cell in enumerate(row[:ncols]):
            g = groups[c]
            if roles[c] == "code":
                t = cell.text.strip()
                if t and not _code_like(t):
                    # 决算 tables print 类/款/项 in the 合计 row itself; those are headers
                    if t not in ("类", "款", "项") and t not in labels.get(g, []):
                        labels.setdefault(g, []).append(t)
                    codes.setdefault(g, []).append("")
                else:
                    codes.setdefault(g, []).append(t)
            elif roles[c] == "label":
                code, name = split_code_label(cell.text)
                if code and g not in codes:
                    codes[g] = [code]  # "2010101 行政运行" / "[30101]基本工资": the code printed in the name cell
                if name and name not in labels.get(g, []):
                    labels.setdefault(g, []).append(name)
        row_has_figures = any(roles[c] == "number" and cell_value(cell.text) is not None for c, cell in enumerate(row[:ncols]))
        code_of: dict[int, str] = {}
        for g, parts in codes.items():
            if len(parts) == 1:
                code_of[g] = _whole_code(parts[0]) if parts[0] else ""
                continue
            prev_parts = last_parts.get(g, [""] * len(parts))
            filled = list(parts)
            # blanks in 类/款 are inherited from the rows above when a lower level is printed
            for k in range(len(filled) - 1):
                if not filled[k] and any(filled[k + 1 :]):
                    filled[k] = prev_parts[k] if k < len(prev_parts) else ""
            if any(filled):
                last_parts[g] = filled
            code_of[g] = _join_code(filled) if not labels.get(g) or any(parts) else ""
        for c, cell in enumerate(row[:ncols]):
            if cell.text:
                cells.append(Cell(r, c, cell.text, page_number, cell.bbox))
            if roles[c] != "number":
                continue
            if not cell.text.strip() or cell.text.strip() in ("-", "—", "－", "--"):
                # an empty cell in a row of figures means nothing budgeted: a 0 that cites the blank
                if not row_has_figures or cell.origin[1] != c:
                    continue
                parsed = (Decimal(0), None)
            else:
                parsed = cell_value(cell.text)
            if parsed is None:
                continue
            value, own_unit = parsed
            if own_unit is None and unit_col is not None and unit_col < len(row) and not _MONEY_HEADER.search(paths[c]):
                row_unit = clean(to_simplified(row[unit_col].text))
                if _MEASURE_UNIT.match(row_unit):
                    own_unit = row_unit.replace("％", "%")
            g = groups[c]
            label = to_simplified("/".join(labels.get(g, [])))
            code = code_of.get(g, "")
            name = catalog.name(code) if code else ""
            facts.append(
                Fact(
                    fact_id=f"{table_id}:{r}:{c}",
                    doc_id=doc_id,
                    source="table",
                    page_number=page_number,
                    bbox=cell.bbox,
                    value=value,
                    unit=own_unit or unit,
                    row_label=label,
                    column=to_simplified(paths[c]),
                    measure=to_simplified(paths[c].split("/")[-1]) if paths[c] else "",
                    subject_code=code,
                    subject_name=name or label,
                    table_id=table_id,
                    table_title=title,
                    table_kind=kind,
                    row=r,
                    col=c,
                    quote=cell.text,
                )
            )
    table = Table(
        table_id=table_id,
        title=title,
        kind=kind,
        unit=unit,
        unit_name=lt.unit_name,
        pages=tuple(lt.pages),
        columns=tuple(paths),
        header_rows=h,
        cells=tuple(cells),
        bbox=lt.bbox,
        note=lt.note,
    )
    return table, facts


def build_tables(pages: list[RawPage], *, doc_id: str, catalog: Catalog) -> tuple[list[Table], list[Fact]]:
    logical = pages_to_logical_tables(pages)
    units = [lt.unit for lt in logical if lt.unit]
    doc_unit = max(set(units), key=units.count) if units else DEFAULT_UNIT
    tables: list[Table] = []
    facts: list[Fact] = []
    unit = doc_unit
    n = 0
    for lt in logical:
        unit = lt.unit or unit
        kind = classify_title(lt.title)
        table, table_facts = logical_table_to_facts(
            lt, doc_id=doc_id, table_id=f"{doc_id}:t{n + 1}", kind=kind, unit=unit, catalog=catalog
        )
        if not lt.title and not table_facts:
            continue  # a ruled box with no title and no figures (a list of units, a frame)
        n += 1
        tables.append(table)
        facts.extend(table_facts)
    return tables, facts
