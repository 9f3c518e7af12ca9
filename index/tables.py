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
from .normalize import ORG_NAME, clean, fold, parse_amount, parse_unit, strip_enumeration, to_simplified
from .table_kinds import classify_title

DEFAULT_UNIT = "万元"
_CODE_CELL = re.compile(r"^\d{1,7}(?:\s+\d{1,3}){0,2}$")
_LABEL_HEADER = re.compile(r"(项目|名称|科目|单位|部门|指标|内容|说明|备注)$")
_CODE_HEADER = re.compile(r"^(类|款|项)$|编码|代码|编号")
_UNIT_NAME = re.compile(r"(?:单位名称|编制部门|编制单位|预算单位|部门名称|填报单位)\s*[:：]\s*(\S+)")
_PAGE_NUMBER = re.compile(r"^[—\-–－\s]*(第\s*)?\d{1,3}(\s*页)?[—\-–－\s]*$|^\d+\s*/\s*\d+$")
_ID_HEADER = re.compile(r"^编号$")  # a project's number: part of its name, not a subject code
# a row index (行次 1…58 beside each name in 决算 总表): neither data nor part of the row's name
_INDEX_HEADER = re.compile(r"^(序号|行次|栏次|行号)$")
_UNIT_HEADER = re.compile(r"(度量单位|计量单位|计量|单位)$")
_MEASURE_UNIT = re.compile(r"^(%|‰|万元|亿元|元|人次|人|个|次|家|项|分|天|日|台|套|辆|平方米|㎡|户|件|所|名|条|篇|期|批|场|年|月|小时|公里|吨|册|本|份|座|处|间|张|亩|小时)$")
_MONEY_HEADER = re.compile(r"金额|资金|预算|合计|总额|经费|支出|收入|拨款|价|费")
_PERCENT_HEADER = re.compile(r"[(（]%[)）]|%$|率|百分比|占比")
_COUNT_HEADER = re.compile(r"数量|台数|套数|辆数|个数|人数|数$")
_PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?)\s*[%％]$")
_UNIT_CODE_HEADER = re.compile(r"^(单位|部门|预算单位|机构)(编码|代码|编号)$")
# a performance indicator's value column (指标值, 目标值), not 指标值类型 or 指标值内容
_INDICATOR_VALUE_HEADER = re.compile(r"^(年度)?(指标值|目标值)([(（]目标值[)）])?$")
# "≥3200人次", "≤780元", "100%": a comparison, a number and the unit printed with it
_MEASURED = re.compile(
    r"^(?P<cmp>[≥≤><=＞＜≧≦]|大于等于|小于等于|不低于|不高于|不少于|不超过|达到)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s]{0,4})$"
)
# a table's number printed before or beside its title: 表8, 表1-2, 附表3, 公开01表
_TABLE_NUMBER = re.compile(r"^(?:(?:附|公开)?表[\d一二三四五六七八九十]+(?:[-－—]\d+)?|(?:附|公开)?[\d一二三四五六七八九十]+表)(?:[\s:：.、]+|$)")
_TOTAL_LABEL = re.compile(r"(合计|总计|小计)$")


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
    path_from: int = 0  # header rows before this one are key/value lines (项目名称 …), not column names
    sibling: bool = False  # an untitled table under another on its page, sharing its title


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


def measured_value(text: str) -> tuple[Decimal, str | None] | None:
    """An indicator value and the unit printed in it: '≥3200人次' → (3200, '人次'); '100' → (100, None)."""
    plain = cell_value(text)
    if plain is not None:
        return plain
    m = _MEASURED.match(clean(text or "").replace("％", "%"))
    unit = to_simplified(m.group("unit")) if m else ""  # 個, 場, 萬元 are 个, 场, 万元
    if not m or not (unit == "" or _MEASURE_UNIT.match(unit)):
        return None
    return Decimal(m.group("num").replace(",", "")), unit or None


def _last(path: str) -> str:
    return fold(path.split("/")[-1]) if path else ""


def _is_indicator_column(path: str) -> bool:
    return bool(_INDICATOR_VALUE_HEADER.match(_last(path)))


def _figure(text: str, path: str) -> tuple[Decimal, str | None] | None:
    """A cell's figure; an indicator value may carry its own unit and sign ("≥3200人次")."""
    return measured_value(text) if _is_indicator_column(path) else cell_value(text)


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


def _header_rows(raw: RawTable) -> int:
    """Header rows of a page's grid: known for borderless tables (plus a 栏次 row under them), else found."""
    if raw.header_rows is None:
        return split_header(raw.grid)
    h = raw.header_rows
    while h < len(raw.grid) and _is_serial_row(_origin_texts(raw.grid[h], h)):
        h += 1
    return h


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
    """'code', 'number', 'label', 'unit_code' or 'index' (行次) for every column, from its header and data."""
    roles = []
    for c, path in enumerate(paths):
        path = to_simplified(path)  # 經濟科目編碼 is 经济科目编码
        last = path.split("/")[-1] if path else ""
        if _INDEX_HEADER.match(last):
            roles.append("index")
            continue
        if _ID_HEADER.match(last):
            roles.append("label")
            continue
        if _UNIT_CODE_HEADER.match(last):
            roles.append("unit_code")
            continue
        values = [r[c] for r in rows if c < len(r) and r[c]]
        n = len(values)
        n_code = sum(_code_like(v) for v in values)
        n_num = sum(_figure(v, path) is not None for v in values)
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
        if role == "unit":
            groups.append(g)  # a per-row unit column belongs to the block it sits in
            continue
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
    """The table's title above it; a table number (表8, 附表1, 公开01表) is a title only when nothing else is."""
    best = number = None
    for ln in lines:
        t = clean(ln.text)
        f = fold(t)
        if not t or is_page_number(t) or f.startswith(("注", "单位")) or len(t) > 80:
            continue
        # …表, …表（续）, …表（按单位） (a qualifier in brackets after the title), 表8
        if re.search(r"表(?:[\(（][^()（）]{1,12}[\)）])?$|表[一二三四五六七八九十\d]+$", f) and not f.startswith(("目录", "第")):
            if _TABLE_NUMBER.fullmatch(f):
                number = t
            else:
                best = _TABLE_NUMBER.sub("", t, count=1).strip() or t  # "表8 2024年…表" is titled "2024年…表"
    return best or number


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
            h = _header_rows(raw)
            raw, stacked = _split_stacked(raw, h)
            prev = tables[-1] if tables else None
            # header blocks stacked in one ruled box (预算数 block, then 决算数 block): after the first
            # block is placed, each further block is a table of its own under the same title
            pending = stacked
            if title is None and i > 0 and prev is not None:
                # a second table under the same title (one per project in 绩效目标表): a table of its own
                tables.append(_new_logical_table(raw, h, prev.title, prev.unit, prev.unit_name, below, sibling=True))
                for blk, hh in pending:
                    tables.append(_new_logical_table(blk, hh, prev.title, prev.unit, prev.unit_name, below, sibling=True))
                continue
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
            else:
                tables.append(_new_logical_table(raw, h, title or "", unit, unit_name, below))
            for blk, hh in pending:
                last = tables[-1]
                tables.append(_new_logical_table(blk, hh, last.title, last.unit, last.unit_name, below, sibling=True))
    return tables


def _is_figure_row(row: list[GridCell], r: int) -> bool:
    return any(t and cell_value(t) is not None for t in _origin_texts(row, r))


def _split_stacked(raw: RawTable, h: int) -> tuple[RawTable, list[tuple[RawTable, int]]]:
    """Header blocks stacked in one grid: a run of rows without figures, after figures, that repeats
    most of the header's words under another heading (预算数 … then 决算数 …, each with 合计/小计 …).

    Returns the grid up to the second block and each further block as its own grid with its header depth."""
    grid = raw.grid
    head = {fold(t) for r in range(min(h, len(grid))) for t in _origin_texts(grid[r], r) if t}
    if len(head) < 3 or h >= len(grid):
        return raw, []
    cuts: list[tuple[int, int]] = []
    r, seen_figures = h, False
    while r < len(grid):
        if _is_figure_row(grid[r], r):
            seen_figures = True
            r += 1
            continue
        k = r
        while k < len(grid) and not _is_figure_row(grid[k], k):
            k += 1
        words = {fold(t) for q in range(r, k) for t in _origin_texts(grid[q], q) if t}
        if seen_figures and k < len(grid) and len(words & head) >= max(2, len(head) // 2):
            cuts.append((r, k))
            seen_figures = False
        r = k
    if not cuts:
        return raw, []
    blocks = []
    for j, (start, k) in enumerate(cuts):
        end = cuts[j + 1][0] if j + 1 < len(cuts) else len(grid)
        blocks.append((_sub_table(raw, start, end), k - start))
    return _sub_table(raw, 0, cuts[0][0]), blocks


def _sub_table(raw: RawTable, start: int, end: int) -> RawTable:
    """Rows start..end of a grid as a grid of its own (merged cells' origins re-based)."""
    rows = [
        [GridCell(c.text, c.bbox, (c.origin[0] - start, c.origin[1]) if c.origin[0] >= start else (r - start, i))
         for i, c in enumerate(row)]
        for r, row in enumerate(raw.grid[start:end], start)
    ]
    boxes = [c.bbox for row in rows for c in row]
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return RawTable(raw.page_number, bbox, rows, raw.header_rows if start == 0 else None)


def _column_extents(grid: list[list[GridCell]]) -> list[tuple[float, float]]:
    """Column extents from the narrowest cell in each column (headers may span)."""
    ncols = len(grid[0]) if grid else 0
    out = []
    for c in range(ncols):
        b = min((row[c].bbox for row in grid), key=lambda b: b[2] - b[0])
        out.append((b[0], b[2]))
    return out


def _new_logical_table(
    raw: RawTable, h: int, title: str, unit: str | None, unit_name: str, below: list[Line], *, sibling: bool = False
) -> LogicalTable:
    k = _indicator_header_row(raw.grid, h)
    if k is None:
        # key/value lines with no plain figure (资金总额：5,032.53) and values with their units (12个,
        # ≥36000人次) put the first plain figure (100%) below the indicator header: the header ends there
        k = _indicator_header_row(raw.grid[:h], 0)
        if k is not None and not _measured_rows(raw.grid, k, h):
            k = None  # the indicator headers are part of a wide header (整体绩效目标 beside 资金总额)
    path_from = 0
    if k is not None:
        # 项目名称/主管部门/项目资金 lines, then the indicators' own header row: columns are named by that row
        h, path_from = k + 1, k
    return LogicalTable(
        title=title,
        unit=unit,
        unit_name=unit_name,
        header=raw.grid[:h],
        rows=[(raw.page_number, row) for row in raw.grid[h:]],
        pages=[raw.page_number],
        note=_note_from(below),
        col_x=_column_extents(raw.grid),
        bbox=raw.bbox,
        path_from=path_from,
        sibling=sibling,
    )


def _measured_rows(grid: list[list[GridCell]], k: int, h: int) -> bool:
    """Whether rows k+1..h-1 print indicator values (12个, ≥36000人次) under row k's 指标值 header."""
    cols = [c for c, t in enumerate(_origin_texts(grid[k], k)) if t and _INDICATOR_VALUE_HEADER.match(fold(t))]
    return any(
        c < len(grid[r]) and grid[r][c].origin == (r, c) and measured_value(grid[r][c].text) is not None
        for r in range(k + 1, h)
        for c in cols
    )


def _indicator_header_row(grid: list[list[GridCell]], start: int) -> int | None:
    """A performance table's indicator header (三级指标 … 指标值) printed below key/value lines."""
    for r in range(start, len(grid)):
        words = {fold(t) for t in _origin_texts(grid[r], r) if t}
        if "三级指标" in words and any(_INDICATOR_VALUE_HEADER.match(w) for w in words):
            return r
    return None


def _row_texts(rows: list[tuple[int, list[GridCell]]]) -> list[list[str]]:
    return [[c.text for c in row] for _, row in rows]


@dataclass
class _RowReading:
    """What one data row says, per side-by-side group: its name parts, subject code, whether it prints figures."""

    labels: dict[int, list[str]]
    codes: dict[int, str]
    figures: set[int]
    indicator: str = ""  # the 三级指标 cell of a performance table's row


def _label_and_code_parts(
    row: list[GridCell], roles: list[str], groups: list[int]
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Per group: the row's name parts and its code parts (split 类/款/项 cells, or a code in the name cell)."""
    labels: dict[int, list[str]] = {}
    codes: dict[int, list[str]] = {}
    for c, cell in enumerate(row[: len(roles)]):
        g, t = groups[c], cell.text.strip()
        if roles[c] in ("code", "unit_code"):
            if t and not _code_like(t):
                # 决算 tables print 类/款/项 in the 合计 row itself; those are headers
                if t not in ("类", "款", "项") and t not in labels.get(g, []):
                    labels.setdefault(g, []).append(t)
                if roles[c] == "code":
                    codes.setdefault(g, []).append("")
            elif roles[c] == "code":
                codes.setdefault(g, []).append(t)
            # a unit's own code (单位编码 401001) names no subject: neither code nor label
        elif roles[c] == "label":
            code, name = split_code_label(cell.text)
            if code and g not in codes:
                codes[g] = [code]  # "2010101 行政运行" / "[30101]基本工资": the code printed in the name cell
            if name and name not in labels.get(g, []):
                labels.setdefault(g, []).append(name)
    return labels, codes


def _codes_of(
    codes: dict[int, list[str]], labels: dict[int, list[str]], last_parts: dict[int, list[str]]
) -> dict[int, str]:
    """Each group's subject code; blanks in split 类/款 columns are inherited from the rows above."""
    code_of: dict[int, str] = {}
    for g, parts in codes.items():
        if len(parts) == 1:
            code_of[g] = _whole_code(parts[0]) if parts[0] else ""
            continue
        prev_parts = last_parts.get(g, [""] * len(parts))
        filled = list(parts)
        for k in range(len(filled) - 1):
            if not filled[k] and any(filled[k + 1 :]):
                filled[k] = prev_parts[k] if k < len(prev_parts) else ""
        if any(filled):
            last_parts[g] = filled
        code_of[g] = _join_code(filled) if not labels.get(g) or any(parts) else ""
    return code_of


def _read_rows(lt: LogicalTable, roles: list[str], groups: list[int], paths: list[str]) -> list[_RowReading]:
    ncols = len(roles)
    indicator_col = next((c for c, p in enumerate(paths) if _last(p) == "三级指标" and roles[c] == "label"), None)
    last_parts: dict[int, list[str]] = {}
    out = []
    for _, row in lt.rows:
        labels, codes = _label_and_code_parts(row, roles, groups)
        figures = {
            groups[c] for c, cell in enumerate(row[:ncols]) if roles[c] == "number" and _figure(cell.text, paths[c])
        }
        indicator = clean(row[indicator_col].text) if indicator_col is not None and indicator_col < len(row) else ""
        out.append(_RowReading(labels, _codes_of(codes, labels, last_parts), figures, indicator))
    return out


def _first_label(reading: _RowReading) -> tuple[str, str]:
    """(name, subject code) of the row's first group that has either."""
    for g in sorted(set(reading.labels) | set(reading.codes)):
        name, code = to_simplified("/".join(reading.labels.get(g, []))), reading.codes.get(g, "")
        if name or code:
            return name, code
    return "", ""


def _is_unit_row(reading: _RowReading, catalog: Catalog) -> bool:
    """A row that names an organisation (云岚市第一中学), not a subject, a total or an item."""
    name, code = _first_label(reading)
    return (
        bool(reading.figures) and not code and bool(ORG_NAME.search(name)) and not catalog.is_subject_name(name)
        and not _TOTAL_LABEL.search(name) and strip_enumeration(name) == name
    )


def _row_units(readings: list[_RowReading], catalog: Catalog) -> list[str]:
    """The unit (所属单位) each row belongs to, for tables that list rows per unit.

    A unit row followed by coded subject rows opens a group that runs to the next unit row or
    total; a table listing two or more units row by row (收入总表 by unit) names each row's unit."""
    is_unit = [_is_unit_row(x, catalog) for x in readings]
    coded = [bool(_first_label(x)[1]) for x in readings]
    units = [""] * len(readings)
    listing = sum(is_unit) >= 2
    current = ""
    for k, x in enumerate(readings):
        if is_unit[k]:
            name = _first_label(x)[0]
            current = name if k + 1 < len(readings) and coded[k + 1] else ""
            units[k] = name if current or listing else ""
        elif _TOTAL_LABEL.search(_first_label(x)[0]) and not coded[k]:
            current = ""
        elif coded[k]:
            units[k] = current
    return units


def _row_unit_of_measure(row: list[GridCell], unit_col: int | None, path: str) -> str | None:
    """Performance tables give each row its own unit in a 度量单位 column (%, 人, 分)."""
    if unit_col is None or unit_col >= len(row) or _MONEY_HEADER.search(to_simplified(path)):
        return None
    row_unit = clean(to_simplified(row[unit_col].text))
    return row_unit.replace("％", "%") if _MEASURE_UNIT.match(row_unit) else None


def _cell_figure(
    cell: GridCell, c: int, g: int, reading: _RowReading, path: str, named_groups: set[int]
) -> tuple[Decimal, str | None] | None:
    """A number cell's figure; a blank is a 0 (nothing budgeted) in a subject's row or beside other figures.

    Side-by-side blocks (收入 | 支出) are judged apart. The blank must be named: by its column, and by
    the row's name when its block has name columns (a “三公” table's one row is named by its columns)."""
    text = cell.text.strip()
    if text and text not in ("-", "—", "－", "--"):
        return _figure(text, path)
    named = bool(reading.labels.get(g) or reading.codes.get(g)) or g not in named_groups
    if (g in reading.figures or reading.codes.get(g)) and cell.origin[1] == c and path and named:
        return Decimal(0), None
    return None


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
    paths = column_paths(lt.header[lt.path_from :], ncols)
    roles = column_roles(paths, _row_texts(lt.rows))
    unit_col = next((c for c, p in enumerate(paths) if roles[c] == "label" and _UNIT_HEADER.search(to_simplified(p.split("/")[-1] if p else "")) and "名称" not in p), None)
    row_units_of_col: list[str] = []
    if unit_col is not None:
        values = [clean(to_simplified(row[unit_col].text)).replace("％", "%") for _, row in lt.rows if unit_col < len(row) and row[unit_col].text]
        if values and sum(bool(_MEASURE_UNIT.match(v)) for v in values) >= 0.6 * len(values):
            roles[unit_col] = "unit"  # 台/套/%: each row's unit of measure, not part of its name
            row_units_of_col = list(dict.fromkeys(v for v in values if _MEASURE_UNIT.match(v)))
    groups = _groups(roles)
    readings = _read_rows(lt, roles, groups, paths)
    named_groups = {groups[c] for c, role in enumerate(roles) if role not in ("number", "index", "unit")}
    units = _row_units(readings, catalog)
    h = len(lt.header)
    page0 = lt.pages[0] if lt.pages else 0
    cells = [
        Cell(r, c, cell.text, page0, cell.bbox)
        for r, row in enumerate(lt.header)
        for c, cell in enumerate(row)
        if cell.origin == (r, c) and cell.text
    ]
    facts: list[Fact] = []
    for i, (page_number, row) in enumerate(lt.rows):
        r, reading = h + i, readings[i]
        for c, cell in enumerate(row[:ncols]):
            if cell.text:
                cells.append(Cell(r, c, cell.text, page_number, cell.bbox))
            g = groups[c]
            parsed = _cell_figure(cell, c, g, reading, paths[c], named_groups) if roles[c] == "number" else None
            if parsed is None:
                continue
            value, own_unit = parsed
            own_unit = own_unit or _row_unit_of_measure(row, unit_col, paths[c])
            if own_unit is None and _PERCENT_HEADER.search(to_simplified(_last(paths[c]))):
                own_unit = "%"  # 增减率(%), 执行率: the column holds percentages, not the table's 万元
            if own_unit is None and row_units_of_col and _COUNT_HEADER.search(_last(paths[c])):
                if not cell.text.strip():
                    continue  # a 合计 row's blank 数量: the rows count different things (台, 项, 人)
                own_unit = "/".join(row_units_of_col)  # a 合计 row's 数量 (8) counts the rows' 台 and 套
            label = to_simplified("/".join(reading.labels.get(g, [])))
            if reading.indicator and _is_indicator_column(paths[c]):
                label = to_simplified(reading.indicator)  # an indicator is named by its 三级指标
            if not (label or paths[c]):
                continue  # a figure nothing names
            code = reading.codes.get(g, "")
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
                    subject_name=name or strip_enumeration(label),  # row_label stays as printed
                    table_id=table_id,
                    table_title=lt.title,
                    table_kind=kind,
                    row=r,
                    col=c,
                    quote=cell.text,
                    unit_label=units[i],
                )
            )
    table = Table(
        table_id=table_id,
        title=lt.title,
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
        if (not lt.title or lt.sibling) and not table_facts:
            continue  # a ruled box with no title (or under another table) and no figures: a list of units, a frame
        n += 1
        tables.append(table)
        facts.extend(table_facts)
    return tables, facts
