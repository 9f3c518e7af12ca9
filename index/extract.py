"""PDF to raw pages: text lines and ruled-table grids. The only importer of pdfplumber.

Each page is read once: its chars and one ``find_tables`` pass. Text is built
from chars ourselves (never ``extract_text``) because
- in some producers' PDFs the digits of a line sit ~7 pt below its CJK
  characters, beyond pdfplumber's fixed 3-pt y_tolerance, so lines are grouped
  by vertical overlap relative to glyph size;
- in ``extract_text`` empty cells vanish and figures shift columns, so table
  text is assigned to cells by position.

Tables without vertical rules (borderless, or three-line tables with horizontal
rules only) have no cell boxes: their rows are text lines and their columns
the x-ranges the body's texts occupy; header texts are stacked per column.
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from .errors import EncryptedPdf, NotAPdf, UnreadablePdf
from .model import BBox
from .normalize import clean, fold, is_cjk, parse_amount

DEFAULT_LINE_OVERLAP = 0.45  # share of the smaller glyph height two chars must share to be one line
DEFAULT_SPACE_GAP = 0.35  # gap (in glyph widths) above which a space is kept between Latin chars
DEFAULT_WIDE_GAP = 2.5  # gap (in glyph widths) that separates two fields on one line
DEFAULT_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
DEFAULT_MIN_AMOUNTS = 8  # amounts on a page without ruled tables before looking for a borderless one
DEFAULT_FIELD_GAP = 1.0  # gap (in font sizes) between two cells' texts on one line of a borderless table
DEFAULT_CJK_GAP = 0.3  # the same between two CJK characters (set solid within a text)
DEFAULT_TABLE_GAP = 2.5  # vertical gap (in line heights) that ends a borderless table
DEFAULT_MAX_HEADER_LINES = 8
# a table figure: two decimals and no unit after it (prose says "2313.71万元"); figures may touch
_AMOUNT_TOKEN = re.compile(r"\d\.\d{2}(?!\s*[万元亿%％])")
_EDGE_SNAP = 1.5


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class Line:
    chars: list[Char]
    page_number: int

    @property
    def text(self) -> str:
        return chars_to_text(self.chars)

    @property
    def bbox(self) -> BBox:
        return _union([(c.x0, c.top, c.x1, c.bottom) for c in self.chars])


@dataclass
class GridCell:
    """One grid position; merged cells fill every position they span with the same origin."""

    text: str
    bbox: BBox
    origin: tuple[int, int]


@dataclass
class RawTable:
    page_number: int
    bbox: BBox
    grid: list[list[GridCell]]
    header_rows: int | None = None  # known for borderless tables (their header is built apart)


@dataclass
class RawPage:
    page_number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)  # text outside tables, top to bottom
    tables: list[RawTable] = field(default_factory=list)
    n_chars: int = 0
    has_images: bool = False


def _union(boxes: list[BBox]) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def chars_to_lines(chars: list[Char], page_number: int = 0) -> list[Line]:
    """Group chars into lines by vertical overlap, not by a fixed tolerance."""
    lines: list[tuple[float, float, list[Char]]] = []
    for ch in sorted(chars, key=lambda c: (c.top, c.x0)):
        h = max(ch.bottom - ch.top, 0.1)
        placed = False
        for i in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            top, bottom, members = lines[i]
            overlap = min(bottom, ch.bottom) - max(top, ch.top)
            if overlap >= DEFAULT_LINE_OVERLAP * min(h, bottom - top):
                members.append(ch)
                placed = True
                break
        if not placed:
            lines.append((ch.top, ch.bottom, [ch]))
    out = [Line(sorted(m, key=lambda c: c.x0), page_number) for _, _, m in lines]
    out.sort(key=lambda ln: min(c.top for c in ln.chars))
    return out


def chars_to_text(chars: list[Char]) -> str:
    """Join one line's chars, keeping a space only where Latin words are set apart."""
    parts: list[str] = []
    prev: Char | None = None
    for ch in chars:
        if ch.text == " ":
            if parts and parts[-1] != " " and parts[-1] != "  ":
                parts.append(" ")
            continue
        if prev is not None and parts and parts[-1] in (" ", "  "):
            pass
        elif prev is not None:
            gap = ch.x0 - prev.x1
            width = max(min(ch.x1 - ch.x0, prev.x1 - prev.x0), 1.0)
            if gap > DEFAULT_WIDE_GAP * width:
                parts.append("  ")  # a layout gap between two fields: 单位名称：X    单位：万元
            elif gap > DEFAULT_SPACE_GAP * width * 2 and not (is_cjk(ch.text) or is_cjk(prev.text)):
                parts.append(" ")
        parts.append(ch.text)
        prev = ch
    return "".join(parts)


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _EDGE_SNAP:
            out.append(v)
    return out


def _grid_from_cells(cell_boxes: list[BBox]) -> tuple[list[float], list[float], dict[tuple[int, int], int]]:
    xs = _snap([b[0] for b in cell_boxes] + [b[2] for b in cell_boxes])
    ys = _snap([b[1] for b in cell_boxes] + [b[3] for b in cell_boxes])
    owner: dict[tuple[int, int], int] = {}
    for idx, (x0, top, x1, bottom) in enumerate(cell_boxes):
        c0 = bisect.bisect_left(xs, x0 - _EDGE_SNAP)
        c1 = bisect.bisect_left(xs, x1 - _EDGE_SNAP)
        r0 = bisect.bisect_left(ys, top - _EDGE_SNAP)
        r1 = bisect.bisect_left(ys, bottom - _EDGE_SNAP)
        for r in range(r0, max(r1, r0 + 1)):
            for c in range(c0, max(c1, c0 + 1)):
                owner.setdefault((r, c), idx)
    return xs, ys, owner


def _cell_text(chars: list[Char]) -> str:
    if not chars:
        return ""
    return clean("\n".join(ln.text for ln in chars_to_lines(chars)))


def _table_from_cells(page_number: int, cell_boxes: list[BBox], chars: list[Char]) -> tuple[RawTable, list[Char]]:
    """Build a grid for one table and return the chars that fell outside it."""
    xs, ys, owner = _grid_from_cells(cell_boxes)
    nrows, ncols = len(ys) - 1, len(xs) - 1
    bbox = _union(cell_boxes)
    per_cell: dict[int, list[Char]] = {}
    outside: list[Char] = []
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        if not (bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]):
            outside.append(ch)
            continue
        c = min(max(bisect.bisect_right(xs, cx) - 1, 0), ncols - 1)
        r = min(max(bisect.bisect_right(ys, cy) - 1, 0), nrows - 1)
        idx = owner.get((r, c))
        if idx is None:
            continue
        per_cell.setdefault(idx, []).append(ch)
    texts = {idx: _cell_text(cs) for idx, cs in per_cell.items()}
    origin_of: dict[int, tuple[int, int]] = {}
    for (r, c), idx in sorted(owner.items()):
        origin_of.setdefault(idx, (r, c))
    grid: list[list[GridCell]] = []
    for r in range(nrows):
        row: list[GridCell] = []
        for c in range(ncols):
            idx = owner.get((r, c))
            if idx is None:
                row.append(GridCell("", (xs[c], ys[r], xs[c + 1], ys[r + 1]), (r, c)))
            else:
                row.append(GridCell(texts.get(idx, ""), cell_boxes[idx], origin_of[idx]))
        grid.append(row)
    return RawTable(page_number, bbox, grid), outside


# ----------------------------------------------------------------------------- borderless tables

# lines that bound a borderless table: 单位名称/单位：万元, the note, prose (a header holds none of these)
_TABLE_STOP = re.compile(r"(单位名称|编制单位|编制部门|部门名称|单位|部门)[:：]|^注[:：\d]|^(说明|备注)[:：]|[。；]")
_TITLE_LINE = re.compile(r"表(?:[(（]续[)）])?$|^附?表[\d一二三四五六七八九十]")


@dataclass
class _Field:
    """The text of one cell on one line of a borderless table: chars between wide gaps."""

    chars: list[Char]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0

    def __post_init__(self) -> None:
        self.x0, self.top, self.x1, self.bottom = _union([(c.x0, c.top, c.x1, c.bottom) for c in self.chars])

    @property
    def text(self) -> str:
        return clean(chars_to_text(self.chars))


def _splits_fields(prev: Char, ch: Char, spaced: bool) -> bool:
    """Whether a gap between two chars of a line separates two cells' texts."""
    gap, size = ch.x0 - prev.x1, max(ch.size, prev.size, 1.0)
    if spaced:
        return gap > DEFAULT_WIDE_GAP * size  # typed spaces ("301 2", "合　计") belong to the text
    if gap > DEFAULT_FIELD_GAP * size:
        return True
    # CJK is set solid, so any visible gap parts two texts (headers wrapped in narrow columns nearly
    # touch); so does a gap between a name and a figure ("…安排的支出 2,800.00")
    cjk = is_cjk(prev.text), is_cjk(ch.text)
    return gap > DEFAULT_CJK_GAP * size and (all(cjk) or (any(cjk) and (ch.text.isdigit() or prev.text.isdigit())))


def _line_fields(line: Line) -> list[_Field]:
    """A line cut where the gaps between its chars part two cells' texts."""
    groups: list[list[Char]] = [[]]
    last: Char | None = None
    spaced = False
    for ch in line.chars:
        if ch.text == " ":
            spaced = True
            if groups[-1]:
                groups[-1].append(ch)
            continue
        if last is not None and _splits_fields(last, ch, spaced):
            groups.append([])
        groups[-1].append(ch)
        last, spaced = ch, False
    out = []
    for g in groups:
        while g and g[-1].text == " ":
            g.pop()
        if g:
            out.append(_Field(g))
    return out


def _is_figure(text: str) -> bool:
    parsed = parse_amount(text)
    return parsed is not None and parsed[1] in (None, "%")


def _is_serial_line(fields: list[_Field]) -> bool:
    """The 栏次 line under a header (栏次 / ** / 1 2 3 …): column numbers, not figures."""
    texts = [f.text for f in fields]
    numbers = [int(t) for t in texts if t.isdigit()]
    marks = all(t.isdigit() or t.strip("*") == "" or t in ("栏次", "行次") for t in texts)
    return marks and len(numbers) >= 2 and numbers == sorted(set(numbers)) and numbers[0] <= 2


def _is_data_line(fields: list[_Field]) -> bool:
    """A body row: a name (or code) and at least one figure after it."""
    return len(fields) >= 2 and any(_is_figure(f.text) for f in fields[1:]) and not _is_serial_line(fields)


def _is_stop_line(line: Line) -> bool:
    t = fold(line.text)
    return bool(_TABLE_STOP.search(t) or _TITLE_LINE.search(t))


def _line_height(line: Line) -> float:
    return statistics.median(c.bottom - c.top for c in line.chars if c.text != " ") if line.chars else 1.0


def _body_end(lines: list[Line], fields: list[list[_Field]], data: list[bool], i: int) -> int:
    """One past the last line of the body starting at data line ``i``.

    The body runs while lines follow at most a blank row apart (a gap of about two row pitches)."""
    h = _line_height(lines[i])
    pitches: list[float] = []
    j, last_data = i + 1, i
    while j < len(lines) and not _is_stop_line(lines[j]):
        limit = max(DEFAULT_TABLE_GAP * h, 2.2 * statistics.median(pitches) - h) if pitches else DEFAULT_TABLE_GAP * h
        if lines[j].bbox[1] - lines[j - 1].bbox[3] > limit:
            break
        pitches.append(lines[j].bbox[1] - lines[j - 1].bbox[1])
        if data[j]:
            last_data = j
        j += 1
    # lines without figures after the last figure (上年结转 …) are rows when they start where the names start
    end, left = last_data + 1, fields[i][0].x0
    while end < j and fields[end] and abs(fields[end][0].x0 - left) <= 3:
        end += 1
    return end


def _header_start(lines: list[Line], data: list[bool], i: int) -> int:
    """First header line above the body starting at ``i``: up to the title, unit or a wide gap."""
    limit = DEFAULT_TABLE_GAP * _line_height(lines[i])
    k = i
    while k > 0 and i - k < DEFAULT_MAX_HEADER_LINES:
        prev = lines[k - 1]
        if lines[k].bbox[1] - prev.bbox[3] > limit or _is_stop_line(prev) or data[k - 1]:
            break
        k -= 1
    return k


def _body_rows(fields: list[list[_Field]], data: list[bool]) -> list[list[_Field]]:
    """Body lines to rows: a line close under a line (a wrapped cell) joins its row."""
    tops = [min(f.top for f in fs) for fs in fields]
    bottoms = [max(f.bottom for f in fs) for fs in fields]
    gaps = [tops[k] - bottoms[k - 1] for k in range(1, len(fields))]
    tight = 0.5 * statistics.median(gaps) if gaps else 0.0
    rows: list[list[_Field]] = []
    row_has_figures = False
    for k, fs in enumerate(fields):
        if rows and gaps[k - 1] < tight and (not data[k] or not row_has_figures):
            rows[-1].extend(fs)
            row_has_figures = row_has_figures or data[k]
        else:
            rows.append(list(fs))
            row_has_figures = data[k]
    return rows


def _body_spans(rows: list[list[_Field]]) -> list[tuple[float, float]]:
    """The x-ranges the body's texts occupy: one per column (texts that overlap share a column)."""
    spans: list[tuple[float, float]] = []
    for x0, x1 in sorted((f.x0, f.x1) for row in rows for f in row):
        if spans and x0 <= spans[-1][1] + 0.5:
            spans[-1] = (spans[-1][0], max(spans[-1][1], x1))
        else:
            spans.append((x0, x1))
    return spans


def _x_overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])


def _span_hits(f: _Field, spans: list[tuple[float, float]]) -> tuple[int, ...]:
    return tuple(c for c, s in enumerate(spans) if _x_overlap((f.x0, f.x1), s) > 0)


def _fields_box(fields: list[_Field]) -> BBox:
    return _union([(f.x0, f.top, f.x1, f.bottom) for f in fields])


def _same_line(a: _Field, b: _Field, h: float) -> bool:
    return abs(a.top - b.top) < 0.5 * h


def _spans_texts_beside(upper: _Field, lower: _Field, fields: list[_Field], h: float) -> bool:
    """On ``lower``'s line there are texts left and right of it that no text of ``upper``'s line
    stands over: ``upper`` is a spanning header over all of them, not a line wrapped onto ``lower``."""
    uppers = [t for t in fields if _same_line(t, upper, h)]
    orphans = [
        g
        for g in fields
        if g is not lower
        and _same_line(g, lower, h)
        and not any(_x_overlap((t.x0, t.x1), (g.x0, g.x1)) > 0 for t in uppers)
    ]
    return any(g.x1 <= lower.x0 for g in orphans) and any(g.x0 >= lower.x1 for g in orphans)


def _merge_wrapped(fields: list[_Field], ext: list[tuple[float, float]], h: float) -> list[list[_Field]]:
    """Header texts to header cells: a text wrapped inside its cell ("政府性基金预" / "算") is one cell.

    A line continues the text above it when it follows right under it, is the only text under it,
    both stand over one column, and the text above is not a spanning header (see _spans_texts_beside)."""
    cells: list[list[_Field]] = []
    ordered = sorted(fields, key=lambda f: (f.top, f.x0))
    for f in ordered:
        for cell in cells:
            last = cell[-1]
            close = -0.2 * h <= f.top - last.bottom < 0.6 * h
            under = [g for g in ordered if _same_line(g, f, h) and _x_overlap((g.x0, g.x1), (last.x0, last.x1)) > 0]
            column = _core_columns(_fields_box([last]), ext)
            if (
                close and under == [f] and len(column) == 1 and _core_columns(_fields_box([f]), ext) == column
                and not _spans_texts_beside(last, f, ordered, h)
            ):
                cell.append(f)
                break
        else:
            cells.append([f])
    return cells


def _lies_below(a: BBox, b: BBox) -> bool:
    """``b`` starts under ``a`` (lower in the header)."""
    return b[1] >= a[3] - 0.5


def _mid_y(b: BBox) -> float:
    return (b[1] + b[3]) / 2


def _lowest_headers(cells: list[list[_Field]], h: float) -> list[BBox]:
    """Header cells that name single columns: no header cell under them, and reaching down to the
    lowest header row (centred on it, or between it and the top when spanning the rows); a short
    spanning header (支出 over 项目 | 合计) stands over its columns' gap, with its cells beside."""
    boxes = [_fields_box(c) for c in cells]
    open_below = [
        b
        for i, b in enumerate(boxes)
        if not any(
            j != i and _lies_below(b, o) and _x_overlap((b[0], b[2]), (o[0], o[2])) > 0 for j, o in enumerate(boxes)
        )
    ]
    if not open_below:
        return []
    top, bottom = min(_mid_y(b) for b in boxes), max(_mid_y(b) for b in open_below)
    return [b for b in open_below if abs(_mid_y(b) - bottom) <= abs(_mid_y(b) - top) + 0.25 * h]


def _columns_with_headers(
    cells: list[list[_Field]], spans: list[tuple[float, float]], h: float
) -> list[tuple[float, float]]:
    """Body columns joined by the lowest headers over no body text.

    Such a header names the nearest neighbouring column that has no header over it (figures
    right-aligned under a centred 合计), else a column with nothing in it (基本支出 with nothing
    budgeted)."""
    leaves = _lowest_headers(cells, h)
    cols: list[list] = [[s, False] for s in spans]  # [x-range, has a header]
    loose = []
    for b in leaves:
        over = [k for k, (span, _) in enumerate(cols) if _x_overlap((b[0], b[2]), span) > 0]
        if len(over) == 1:  # the column reaches as wide as its header
            span = cols[over[0]][0]
            cols[over[0]] = [(min(span[0], b[0]), max(span[1], b[2])), True]
        elif not over:
            loose.append(b)
    pairs = []
    for i, b in enumerate(loose):
        left = [k for k, (span, _) in enumerate(cols) if span[1] <= b[0]][-1:]
        right = [k for k, (span, _) in enumerate(cols) if span[0] >= b[2]][:1]
        pairs += [(max(cols[k][0][0] - b[2], b[0] - cols[k][0][1]), i, k) for k in left + right if not cols[k][1]]
    placed: set[int] = set()
    for _, i, k in sorted(pairs):
        if i not in placed and not cols[k][1]:
            b = loose[i]
            cols[k] = [(min(cols[k][0][0], b[0]), max(cols[k][0][1], b[2])), True]
            placed.add(i)
    cols += [[(b[0], b[2]), True] for i, b in enumerate(loose) if i not in placed]
    return sorted(span for span, _ in cols)


def _extents(spans: list[tuple[float, float]], left: float, right: float) -> list[tuple[float, float]]:
    """Column extents: boundaries halfway between neighbouring columns' texts."""
    bounds = [left] + [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:], strict=False)] + [right]
    return list(zip(bounds, bounds[1:], strict=False))


def _core_columns(box: BBox, ext: list[tuple[float, float]]) -> list[int]:
    """Columns a header text stands over (a sliver of overlap does not count)."""
    width = box[2] - box[0]
    hits = [c for c, (a, b) in enumerate(ext) if _x_overlap((box[0], box[2]), (a, b)) >= 0.25 * min(width, b - a)]
    if hits:
        return hits
    centre = (box[0] + box[2]) / 2
    return [min(range(len(ext)), key=lambda c: abs((ext[c][0] + ext[c][1]) / 2 - centre))]


def _header_columns(boxes: list[BBox], ext: list[tuple[float, float]]) -> list[list[int]]:
    """The columns each header cell spans.

    A cell with cells under it spans the neighbouring columns whose headers all lie under it
    (texts are centred in their cells, so a cell spanning header rows sits between them); two
    such cells on one line (收入 | 支出) share out the columns by distance to their centres."""
    core = [_core_columns(b, ext) for b in boxes]
    n = len(boxes)
    spans = [list(c) for c in core]
    parents = [
        i
        for i in range(n)
        if any(j != i and _lies_below(boxes[i], boxes[j]) and set(core[i]) & set(core[j]) for j in range(n))
    ]
    bottom = max(_mid_y(boxes[j]) for j in range(n) if j not in parents)  # the lowest header row

    def free(i: int, c: int) -> bool:
        # every header of column c lies above or under cell i (none beside it), the lowest one on a
        # lower header row, not centred between i and the bottom row (a name spanning the rows down)
        others = [j for j in range(n) if j != i and c in core[j] and not _lies_below(boxes[j], boxes[i])]
        if not others or not all(_lies_below(boxes[i], boxes[j]) for j in others):
            return False
        lowest = _mid_y(boxes[max(others, key=lambda j: boxes[j][1])])
        return abs(lowest - bottom) <= abs(lowest - (_mid_y(boxes[i]) + bottom) / 2)

    for i in parents:
        lo, hi = min(core[i]), max(core[i])
        while lo > 0 and free(i, lo - 1):
            lo -= 1
        while hi < len(ext) - 1 and free(i, hi + 1):
            hi += 1
        spans[i] = list(range(lo, hi + 1))
    _share_out(spans, parents, core, boxes, ext)
    return spans


def _share_out(
    spans: list[list[int]], parents: list[int], core: list[list[int]], boxes: list[BBox], ext: list[tuple[float, float]]
) -> None:
    """A column claimed by two spanning headers of one line goes to the one centred nearer to it."""
    for c in range(len(ext)):
        claims = [i for i in parents if c in spans[i]]
        centre = (ext[c][0] + ext[c][1]) / 2
        for i in claims:
            rivals = [
                j for j in claims if j != i and not _lies_below(boxes[i], boxes[j]) and not _lies_below(boxes[j], boxes[i])
            ]
            mine = abs((boxes[i][0] + boxes[i][2]) / 2 - centre)
            if c not in core[i] and any(abs((boxes[j][0] + boxes[j][2]) / 2 - centre) < mine for j in rivals):
                spans[i] = [x for x in spans[i] if x != c]


def _header_grid(cells: list[list[_Field]], ext: list[tuple[float, float]]) -> list[list[GridCell]]:
    """Header cells stacked per column, top to bottom; a column with fewer levels repeats its last."""
    boxes = [_fields_box(c) for c in cells]
    cols = _header_columns(boxes, ext)
    stacks = [sorted((i for i in range(len(cells)) if c in cols[i]), key=lambda i: boxes[i][1]) for c in range(len(ext))]
    depth = max((len(s) for s in stacks), default=0)
    origin: dict[int, tuple[int, int]] = {}
    for r in range(depth):
        for c, stack in enumerate(stacks):
            if stack:
                origin.setdefault(stack[min(r, len(stack) - 1)], (r, c))
    grid = []
    for r in range(depth):
        row = []
        for c, stack in enumerate(stacks):
            if not stack:
                row.append(GridCell("", (ext[c][0], boxes[0][1], ext[c][1], boxes[0][3]), (r, c)))
                continue
            i = stack[min(r, len(stack) - 1)]
            chars = [ch for f in cells[i] for ch in f.chars]
            box = (ext[min(cols[i])][0], boxes[i][1], ext[max(cols[i])][1], boxes[i][3])
            row.append(GridCell(_cell_text(chars), box, origin[i]))
        grid.append(row)
    return grid


def _body_grid(
    rows: list[list[_Field]], spans: list[tuple[float, float]], ext: list[tuple[float, float]], r0: int
) -> list[list[GridCell]]:
    """Body rows to grid rows: each text goes to the column its x-range is in; cells box the column × row."""
    grid = []
    for k, row in enumerate(rows):
        per_col: dict[int, list[Char]] = {}
        for f in row:
            hits = _span_hits(f, spans) or tuple(_core_columns((f.x0, f.top, f.x1, f.bottom), ext))
            per_col.setdefault(hits[0], []).extend(f.chars)
        top, bottom = min(f.top for f in row), max(f.bottom for f in row)
        grid.append([
            GridCell(_cell_text(per_col.get(c, [])), (ext[c][0], top, ext[c][1], bottom), (r0 + k, c))
            for c in range(len(ext))
        ])
    return grid


def _borderless_table(
    page_number: int, header: list[list[_Field]], body: list[list[_Field]], data: list[bool]
) -> RawTable | None:
    """Header and body lines to a grid: body columns, header cells over them, then the rows."""
    rows = _body_rows(body, data)
    spans = _body_spans(rows)
    h = statistics.median(f.bottom - f.top for row in rows for f in row)
    names = [f for fs in header if not _is_serial_line(fs) for f in fs]  # a 栏次 line names no column
    everything = [f for fs in header + body for f in fs]
    left, right = min(f.x0 for f in everything), max(f.x1 for f in everything)
    # columns from each header text alone first; wrapped texts are joined over those, then columns again
    first = _extents(_columns_with_headers([[f] for f in names], spans, h), left, right)
    cells = _merge_wrapped(names, first, h)
    spans = _columns_with_headers(cells, spans, h)
    if len(spans) < 2:
        return None
    ext = _extents(spans, left, right)
    head = _header_grid(cells, ext) if cells else []
    grid = head + _body_grid(rows, spans, ext, len(head))
    box = _fields_box(everything)
    return RawTable(page_number, (left, box[1], right, box[3]), grid, header_rows=len(head))


def borderless_tables(page_number: int, chars: list[Char]) -> tuple[list[RawTable], list[Char]]:
    """Tables drawn without vertical rules, found from the text's alignment, and the chars outside them."""
    lines = chars_to_lines(chars, page_number)
    fields = [_line_fields(ln) for ln in lines]
    data = [_is_data_line(fs) for fs in fields]
    tables, used = [], [False] * len(lines)
    i = 0
    while i < len(lines):
        if not data[i]:
            i += 1
            continue
        end = _body_end(lines, fields, data, i)
        if sum(data[i:end]) >= 2:
            start = _header_start(lines, data, i)
            table = _borderless_table(page_number, fields[start:i], fields[i:end], data[i:end])
            if table is not None:
                tables.append(table)
                used[start:end] = [True] * (end - start)
        i = end
    outside = [ch for k, ln in enumerate(lines) if not used[k] for ch in ln.chars]
    return tables, outside


def _looks_tabular(chars: list[Char]) -> bool:
    """A page that titles a table (…表) and prints many unit-less amounts, as tables do and prose does not."""
    text = "".join(c.text for c in chars)
    return "表" in text and len(_AMOUNT_TOKEN.findall(text)) >= DEFAULT_MIN_AMOUNTS


def _page_chars(page) -> list[Char]:
    out = []
    for c in page.chars:
        text = c.get("text", "")
        if not text:
            continue
        if not text.strip():
            text = " "  # kept: an explicit space separates "301 2" (class 301, item 02)
        top, bottom = float(c["top"]), float(c["bottom"])
        out.append(Char(text, float(c["x0"]), float(c["x1"]), top, bottom, float(c.get("size") or bottom - top)))
    return out


def read_page(page) -> RawPage:
    """One pdfplumber page to a RawPage (chars read once, one table pass)."""
    chars = _page_chars(page)
    n_text = sum(1 for c in chars if c.text != " ")
    raw = RawPage(page.page_number, float(page.width), float(page.height), n_chars=n_text)
    raw.has_images = bool(page.images)
    remaining = chars
    if n_text:
        found = page.find_tables(DEFAULT_TABLE_SETTINGS)
        if not found and _looks_tabular(chars):
            # no ruled table, yet rows of amounts: a borderless or three-line table. Rows and columns
            # come from the text's alignment (a three-line table's rules bound too few rows to use).
            raw.tables, remaining = borderless_tables(page.page_number, chars)
        for table in found:
            boxes = [tuple(map(float, b)) for b in table.cells if b]
            if len(boxes) < 2:
                continue
            rt, remaining = _table_from_cells(page.page_number, boxes, remaining)
            if any(cell.text for row in rt.grid for cell in row):
                raw.tables.append(rt)
    raw.tables.sort(key=lambda t: t.bbox[1])
    raw.lines = chars_to_lines(remaining, page.page_number)
    return raw


def open_pdf(path: Path):
    """Open with pdfplumber, turning pdfminer's failures into our errors naming the file."""
    name = Path(path).name
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise UnreadablePdf(f"{name}: 无法读取文件（{exc.strerror}）") from exc
    if not head:
        raise NotAPdf(f"{name}: 文件是空的（0字节），请检查下载是否完整")
    if b"%PDF" not in head:
        raise NotAPdf(f"{name}: 不是PDF文件（文件头不是%PDF），请提供部门预算/决算公开的PDF原件")
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the page tree to load
        return pdf
    except PDFPasswordIncorrect as exc:
        raise EncryptedPdf(f"{name}: PDF已加密，需要密码才能打开，请提供未加密的版本") from exc
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many types on damaged files
        chain = [exc, exc.__cause__, exc.__context__, *getattr(exc, "args", ())]
        # pdfplumber wraps pdfminer's PDFPasswordIncorrect in its own PdfminerException
        if any(isinstance(e, PDFPasswordIncorrect) for e in chain) or any(
            "password" in str(e).lower() or "encrypt" in type(e).__name__.lower() for e in chain if e is not None
        ):
            raise EncryptedPdf(f"{name}: PDF已加密，需要密码才能打开，请提供未加密的版本") from exc
        raise UnreadablePdf(f"{name}: PDF文件已损坏或不完整，无法解析（{type(exc).__name__}），请重新下载原件") from exc


def read_pdf(path: Path) -> tuple[list[RawPage], dict]:
    """Every page of ``path`` as RawPage, plus the PDF metadata."""
    name = Path(path).name
    pdf = open_pdf(path)
    try:
        pages = []
        for page in pdf.pages:
            try:
                pages.append(read_page(page))
            except Exception as exc:  # one bad page names itself
                raise UnreadablePdf(f"{name}: 第{page.page_number}页无法解析（{type(exc).__name__}）") from exc
            finally:
                page.close()  # frees pdfplumber's per-page caches (memory on long documents)
        return pages, dict(pdf.metadata or {})
    finally:
        pdf.close()
