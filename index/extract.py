"""PDF to raw pages: text lines and ruled-table grids. The only importer of pdfplumber.

Each page is read once: its chars and one ``find_tables`` pass. Text is built
from chars ourselves (never ``extract_text``) because
- in some producers' PDFs the digits of a line sit ~7 pt below its CJK
  characters, beyond pdfplumber's fixed 3-pt y_tolerance, so lines are grouped
  by vertical overlap relative to glyph size;
- in ``extract_text`` empty cells vanish and figures shift columns, so table
  text is assigned to cells by position.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from .errors import EncryptedPdf, NotAPdf, UnreadablePdf
from .model import BBox
from .normalize import clean, is_cjk

DEFAULT_LINE_OVERLAP = 0.45  # share of the smaller glyph height two chars must share to be one line
DEFAULT_SPACE_GAP = 0.35  # gap (in glyph widths) above which a space is kept between Latin chars
DEFAULT_WIDE_GAP = 2.5  # gap (in glyph widths) that separates two fields on one line
DEFAULT_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
DEFAULT_UNRULED_SETTINGS = {"vertical_strategy": "text", "horizontal_strategy": "text", "text_x_tolerance": 2}
DEFAULT_MIN_AMOUNTS = 8  # amounts on a page without ruled tables before trying the text strategy
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
            found = page.find_tables(DEFAULT_UNRULED_SETTINGS)
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
