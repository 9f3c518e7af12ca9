"""Small, realistic budget-disclosure PDFs (部门预算/决算公开) for tests, with ground truth.

Everything is generated at test time with reportlab into a directory the caller gives
(e.g. pytest's ``tmp_path``); nothing binary is committed.

Fonts: reportlab's built-in CID font ``STSong-Light`` (Adobe-GB1, not embedded) for all
Chinese text, including traditional characters and “”（）；pdfplumber extracts it exactly
through its ToUnicode mapping.  No system font is needed to *generate* or *extract*; a
CJK system font (e.g. Debian ``fonts-wqy-zenhei``) only matters when *rendering* pages to
images (poppler/pdfium substitute it for the non-embedded font; without one the glyphs
render blank, which is irrelevant to extraction).

Declarative use::

    spec = DocSpec(parts=[Narrative([...]), TableSpec(title=..., columns=[Col(...)], rows=[Row([...])])])
    truth = make_budget_pdf(tmp_path / "x.pdf", spec)

``truth.cells`` lists every non-empty numeric table cell (:class:`CellFact`), ``truth.figures``
every figure in the narrative (:class:`FigureFact`), ``truth.tables`` each logical table
(:class:`TableInfo`, with the expected ``find_tables`` shape of every page it covers).

Variants (each ``f(dir) -> (path, GroundTruth)``) are listed in :data:`VARIANTS`; bad inputs
in :data:`BAD_INPUTS`; :func:`full_document` builds a complete small 部门预算.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas as rl_canvas

CJK = "STSong-Light"
LATIN = "Times-Roman"
pdfmetrics.registerFont(UnicodeCIDFont(CJK))

__all__ = [
    "Col",
    "Row",
    "TableSpec",
    "Heading",
    "Para",
    "Narrative",
    "DocSpec",
    "CellFact",
    "FigureFact",
    "TableInfo",
    "GroundTruth",
    "make_budget_pdf",
    "to_traditional",
    "fmt",
    "split_codes",
    "whole_codes",
    "yuan_units",
    "two_page_table",
    "landscape",
    "empty_table",
    "traditional",
    "final_accounts",
    "rect_ruled",
    "offset_digits",
    "full_document",
    "not_a_pdf",
    "corrupt",
    "encrypted",
    "scanned",
    "no_tables",
    "empty_file",
    "VARIANTS",
    "BAD_INPUTS",
]


# ----------------------------------------------------------------------------- spec


@dataclass
class Col:
    """One table column.

    ``path`` is the header path top-down (``("一般公共预算支出", "基本支出")``); adjacent
    columns sharing a prefix get a merged (spanning) header cell; the last element of a
    path shorter than the header depth spans down to the last header row.  Text after a
    ``#`` in an element is a merge key only (not printed): ``"经济分类#1"``/``"经济分类#2"``
    keep two equal labels apart.
    ``kind``: ``num`` (amount, right-aligned), ``name`` (row label, left-aligned),
    ``code`` (subject code; three adjacent code columns = split 类/款/项), ``text``.
    """

    path: tuple[str, ...] | str
    kind: str = "num"
    width: float | None = None  # relative width; default by kind

    def __post_init__(self) -> None:
        if isinstance(self.path, str):
            self.path = (self.path,)


@dataclass
class Row:
    """A body row: one printed string per column (``""``/``None`` = empty cell; ``\\n`` =
    line break inside the cell).  ``kind="colno"`` marks a 栏次 row (``1 2 3 …``), excluded
    from the truth.  ``code`` overrides the derived subject code of the row's first group."""

    cells: list[str | None]
    kind: str = "body"
    code: str | None = None


@dataclass
class TableSpec:
    title: str
    columns: list[Col]
    rows: list[Row]
    unit: str = "万元"
    unit_name: str = "某某单位"
    note: str = ""
    landscape: bool = False
    continuation: str = "repeat"  # 'repeat' (title+header on each page) | 'bare' (rows only)
    breaks: tuple[int, ...] = ()  # body-row indices that start a new page
    rules: str = "lines"  # 'lines' | 'rects' (thin filled rectangles, as WPS draws) | 'hlines' | 'none
    font_size: float = 9.0
    unit_name_label: str = "单位名称："
    unit_label: str = "单位："
    max_rows_per_page: int | None = None


@dataclass
class Heading:
    text: str
    level: int = 1  # 0 = document title (centred, large)


@dataclass
class Para:
    """A paragraph; ``\\n`` forces a line break (not part of the sentence text)."""

    text: str


@dataclass
class Narrative:
    blocks: list[Heading | Para | str]
    offset_digits: bool = False  # ONLYOFFICE style: digits in a Latin font drawn lower
    size: float = 12.0
    digit_drop: float = 7.0
    new_page: bool = True


@dataclass
class DocSpec:
    parts: list[Narrative | TableSpec]
    title: str = ""  # PDF metadata title


# ----------------------------------------------------------------------------- truth


@dataclass(frozen=True)
class CellFact:
    table: str  # logical table title as printed on its first page
    page: int  # 1-based page the cell is printed on
    row_label: str  # the row's name cell (wrapped lines joined), '' if the table has none
    code: str  # full subject code ('2150550', '30102', '215'…), '' if none
    column: str  # header path joined with '/'
    value: str  # Decimal string without separators ('371514655.00', '705443', '0.40')
    unit: str  # '元' | '万元'
    text: str  # the cell text exactly as printed
    row: int  # body-row index within the logical table (0-based, 栏次 rows counted)
    col: int  # column index
    bbox: tuple[float, float, float, float]  # cell box, pdfplumber coords (x0, top, x1, bottom)

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.value)


@dataclass(frozen=True)
class FigureFact:
    page: int
    sentence: str  # the sentence (ending with 。), forced line breaks removed
    value: str  # Decimal string
    unit: str  # '万元' | '元' | '亿元' | '%' | '辆' | '人' | '个' | '台' | '项' …
    text: str  # the figure as printed, e.g. '37,151.47万元', '0.04%'


@dataclass(frozen=True)
class TableInfo:
    title: str
    unit: str
    unit_name: str
    pages: tuple[int, ...]
    columns: tuple[str, ...]  # header path per column
    header_rows: int
    n_rows: int  # body rows (incl. 栏次 rows)
    n_cols: int
    note: str
    empty: bool
    # per page: (page, grid rows pdfplumber should find, n_cols, title printed?, header printed?)
    segments: tuple[tuple[int, int, int, bool, bool], ...]


@dataclass
class GroundTruth:
    path: Path
    page_count: int
    tables: list[TableInfo] = field(default_factory=list)
    cells: list[CellFact] = field(default_factory=list)
    figures: list[FigureFact] = field(default_factory=list)
    landscape_pages: list[int] = field(default_factory=list)
    bad: str = (
        ""  # for bad inputs: 'not_a_pdf' | 'corrupt' | 'encrypted' | 'scanned' | 'no_tables' | 'empty_file'
    )
    password: str = ""  # the user password of the encrypted variant

    def table_shapes(self, page: int) -> list[tuple[int, int]]:
        """Expected ``[(rows, cols)]`` of ``page.find_tables()`` on a 1-based page."""
        return [(r, c) for t in self.tables for (p, r, c, _, _) in t.segments if p == page]

    def find(self, **kw) -> list[CellFact]:
        """Cells whose attributes equal the given ones; ``column``/``row_label``/``table``
        also match as substrings when the value starts with ``~``."""
        out = []
        for c in self.cells:
            ok = True
            for k, v in kw.items():
                have = getattr(c, k)
                if isinstance(v, str) and v.startswith("~"):
                    ok = v[1:] in have
                else:
                    ok = have == v
                if not ok:
                    break
            if ok:
                out.append(c)
        return out

    def cell(self, **kw) -> CellFact:
        found = self.find(**kw)
        if len(found) != 1:
            raise LookupError(f"{len(found)} cells match {kw}")
        return found[0]

    def figure(self, text: str) -> FigureFact:
        """The first narrative figure printed as ``text`` (e.g. ``'37,151.47万元'``)."""
        for f in self.figures:
            if f.text == text:
                return f
        raise LookupError(text)


# ----------------------------------------------------------------------------- helpers


def fmt(value, sep: bool = True, decimals: int = 2) -> str:
    """Format a number as printed: ``fmt(2313.71) -> '2,313.71'``."""
    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals)) if decimals else Decimal(str(value))
    s = f"{d:,.{decimals}f}" if sep else f"{d:.{decimals}f}"
    return s


_S2T = None


def to_traditional(text: str) -> str:
    """Simplified -> traditional (Taiwan forms: 為, 臺) with opencc (a project dependency)."""
    global _S2T
    if _S2T is None:
        import opencc  # opencc-python-reimplemented

        _S2T = opencc.OpenCC("s2tw")
    return _S2T.convert(text)


def _num(text: str) -> str | None:
    t = (text or "").replace(",", "").replace("\n", "").strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", t):
        return t
    return None


def _sw(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


_GLUE = set("，。、；：）”％%！？」』,.")
_OPEN = set("（“「『")


def _tokens(text: str) -> list[str]:
    toks: list[str] = []
    for m in re.finditer(r"[A-Za-z0-9.,%\-]+|\s+|.", text):
        t = m.group(0)
        if toks and (t[0] in _GLUE) and not toks[-1].isspace():
            toks[-1] += t
        elif toks and toks[-1] and toks[-1][-1] in _OPEN:
            toks[-1] += t
        else:
            toks.append(t)
    return toks


def _wrap(text: str, width: float, font: str, size: float, first_indent: float = 0.0) -> list[str]:
    lines: list[str] = []
    for hard in text.split("\n"):
        cur, w, avail = "", 0.0, width - (first_indent if not lines else 0.0)
        for t in _tokens(hard):
            tw = _sw(t, font, size)
            if cur and w + tw > avail:
                lines.append(cur)
                cur, w, avail = t.lstrip(), _sw(t.lstrip(), font, size), width
            else:
                cur += t
                w += tw
        lines.append(cur)
    return lines


_DEFAULT_W = {"num": 1.0, "name": 2.2, "code": 0.45, "text": 1.0}
_FIG_RE = re.compile(
    r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*(万元|萬元|亿元|億元|元|%|辆|輛|人|个|個|台|臺|套|项|項|名|次|场|場)"
)
_TRAD_UNIT = {"萬元": "万元", "億元": "亿元", "輛": "辆", "個": "个", "項": "项", "場": "场", "臺": "台"}


# ----------------------------------------------------------------------------- builder


class _Builder:
    def __init__(self, path: Path, spec: DocSpec):
        self.path = Path(path)
        self.spec = spec
        self.c = rl_canvas.Canvas(str(self.path), pagesize=A4, pageCompression=1)
        self.c.setTitle(spec.title)
        self.c.setAuthor("BudgetQA pdfmaker")
        self.page = 0
        self.W, self.H = A4
        self.truth = GroundTruth(path=self.path, page_count=0)

    # pages
    def new_page(self, land: bool = False) -> None:
        if self.page:
            self.c.showPage()
        size = _landscape(A4) if land else A4
        self.c.setPageSize(size)
        self.W, self.H = size
        self.page += 1
        if land:
            self.truth.landscape_pages.append(self.page)

    def finish(self) -> GroundTruth:
        self.c.showPage()
        self.c.save()
        self.truth.page_count = self.page
        return self.truth

    def text(self, x: float, top: float, s: str, size: float, font: str = CJK, align: str = "left") -> None:
        """Draw ``s`` with its em-box top at ``top`` (pdfplumber coordinates)."""
        w = _sw(s, font, size)
        if align == "center":
            x -= w / 2
        elif align == "right":
            x -= w
        self.c.setFont(font, size)
        # reportlab baseline; CID fonts' ascent ~0.88em, pdfplumber top = baseline - size*ascent
        self.c.drawString(x, self.H - top - size * 0.88, s)

    # narrative
    def narrative(self, n: Narrative) -> None:
        margin, size = 72.0, n.size
        lead = size * (2.6 if n.offset_digits else 1.8)
        if n.new_page or not self.page:
            self.new_page()
        top = 72.0
        for b in n.blocks:
            if isinstance(b, str):
                b = Para(b)
            if isinstance(b, Heading):
                hs = {0: 20.0, 1: 14.0, 2: 12.5}.get(b.level, 12.0)
                if top + hs * 2 > self.H - 72:
                    self.new_page()
                    top = 72.0
                if b.level == 0:
                    self.text(self.W / 2, top, b.text, hs, align="center")
                    top += hs * 2.4
                else:
                    self.text(margin, top, b.text, hs)
                    top += hs * 2.0
                continue
            width = self.W - 2 * margin
            lines = _wrap(b.text, width, CJK, size, first_indent=2 * size)
            sent_pages: list[int] = []  # page of each char of the paragraph (without '\n')
            for i, line in enumerate(lines):
                if top + lead > self.H - 60:
                    self.new_page()
                    top = 72.0
                x = margin + (2 * size if i == 0 else 0)
                if n.offset_digits:
                    self._offset_line(x, top, line, size, n.digit_drop)
                else:
                    self.text(x, top, line, size)
                sent_pages.extend([self.page] * len(line))
                top += lead
            self._figures(b.text.replace("\n", ""), sent_pages)
            top += size * 0.4

    def _offset_line(self, x: float, top: float, line: str, size: float, drop: float) -> None:
        for m in re.finditer(r"[0-9][0-9.,%]*|[^0-9]+", line):
            run = m.group(0)
            if run[0].isdigit():
                self.text(x, top + drop, run, size, font=LATIN)
                x += _sw(run, LATIN, size)
            else:
                self.text(x, top, run, size)
                x += _sw(run, CJK, size)

    def _figures(self, text: str, pages: list[int]) -> None:
        # sentence boundaries: after 。 (or end)
        for m in re.finditer(r"[^。]*。|[^。]+$", text):
            sent = m.group(0)
            s0 = m.start()
            for f in _FIG_RE.finditer(sent):
                val = f.group(1).replace(",", "")
                unit = _TRAD_UNIT.get(f.group(2), f.group(2))
                self.truth.figures.append(
                    FigureFact(
                        page=pages[min(s0 + f.start(), len(pages) - 1)] if pages else self.page,
                        sentence=sent.strip(),
                        value=val,
                        unit=unit,
                        text=f.group(0),
                    )
                )

    # tables
    def table(self, t: TableSpec) -> None:
        fs = t.font_size
        cols = t.columns
        ncol = len(cols)
        depth = max(len(c.path) for c in cols)
        margin = 40.0 if t.landscape else 45.0
        W = (_landscape(A4) if t.landscape else A4)[0]
        rel = [c.width or _DEFAULT_W[c.kind] for c in cols]
        total = sum(rel)
        widths = [(W - 2 * margin) * r / total for r in rel]
        xs = [margin]
        for w in widths:
            xs.append(xs[-1] + w)

        # header cells: (level0, level1, col0, col1, label)
        hcells = []
        for lvl in range(depth):
            j = 0
            while j < ncol:
                p = cols[j].path
                if len(p) <= lvl:
                    j += 1
                    continue
                leaf = len(p) - 1 == lvl
                k = j + 1
                if not leaf:
                    while (
                        k < ncol
                        and len(cols[k].path) > lvl + 1
                        and tuple(cols[k].path[: lvl + 1]) == tuple(p[: lvl + 1])
                    ):
                        k += 1
                label = p[lvl].split("#")[0]
                hcells.append((lvl, depth - 1 if leaf else lvl, j, k - 1, label))
                j = k
        # header row heights
        hh = [0.0] * depth
        for lvl0, lvl1, c0, c1, label in hcells:
            n = len(_wrap(label, xs[c1 + 1] - xs[c0] - 4, CJK, fs))
            need = n * fs * 1.25 + 8
            per = need / (lvl1 - lvl0 + 1)
            for lv in range(lvl0, lvl1 + 1):
                hh[lv] = max(hh[lv], per, 18.0)

        # body rows: wrapped lines per cell
        body = []
        for r in t.rows:
            cells = [(x or "") for x in r.cells] + [""] * (ncol - len(r.cells))
            wrapped = []
            for j, txt in enumerate(cells):
                if cols[j].kind in ("name", "text"):
                    wrapped.append(_wrap(txt, widths[j] - 6, CJK, fs) if txt else [])
                else:
                    wrapped.append(txt.split("\n") if txt else [])
            nl = max([len(w) for w in wrapped] + [1])
            body.append((r, cells, wrapped, nl, nl * fs * 1.25 + 7))

        # paginate
        pages: list[list[int]] = [[]]
        avail_first = self._table_avail(t, True, hh)
        avail_bare = self._table_avail(t, False, hh)
        used = 0.0
        for i, (_, _, _, _, h) in enumerate(body):
            avail = avail_first if len(pages) == 1 or t.continuation == "repeat" else avail_bare
            limit = t.max_rows_per_page
            if pages[-1] and (i in t.breaks or used + h > avail or (limit and len(pages[-1]) >= limit)):
                pages.append([])
                used = 0.0
            pages[-1].append(i)
            used += h

        code_groups = self._code_groups(cols)
        inherit: dict[int, list[str]] = {g: ["", "", ""] for g in code_groups}
        info_pages, segments = [], []
        for pi, rows_here in enumerate(pages):
            first = pi == 0
            self.new_page(t.landscape)
            info_pages.append(self.page)
            show_head = first or t.continuation == "repeat"
            top = 50.0
            if show_head:
                self.text(self.W / 2, top, t.title, 16, align="center")
                top += 34
                if t.unit_name:
                    self.text(margin, top, t.unit_name_label + t.unit_name, 10)
                self.text(self.W - margin, top, t.unit_label + t.unit, 10, align="right")
                top += 18
                ys = [top]
                for h in hh:
                    ys.append(ys[-1] + h)
                for lvl0, lvl1, c0, c1, label in hcells:
                    self._cell_box(t, xs[c0], ys[lvl0], xs[c1 + 1], ys[lvl1 + 1])
                    lines = _wrap(label, xs[c1 + 1] - xs[c0] - 4, CJK, fs)
                    self._cell_text(lines, xs[c0], ys[lvl0], xs[c1 + 1], ys[lvl1 + 1], fs, "center")
                top = ys[-1]
            else:
                top = 60.0
            for i in rows_here:
                r, cells, wrapped, nl, h = body[i]
                for j in range(ncol):
                    self._cell_box(t, xs[j], top, xs[j + 1], top + h)
                    kind = cols[j].kind
                    align = {"num": "right", "name": "left", "text": "left", "code": "center"}[kind]
                    if r.kind == "colno":
                        align = "center"
                    self._cell_text(wrapped[j], xs[j], top, xs[j + 1], top + h, fs, align, slots=nl)
                if r.kind == "body":
                    self._row_truth(t, i, r, cells, cols, code_groups, inherit, xs, top, top + h)
                top += h
            if pi == len(pages) - 1 and t.note:
                for k, line in enumerate(_wrap(t.note, self.W - 2 * margin, CJK, 9)):
                    self.text(margin, top + 8 + k * 14, line, 9)
            segments.append(
                (self.page, (depth if show_head else 0) + len(rows_here), ncol, show_head, show_head)
            )
        self.truth.tables.append(
            TableInfo(
                title=t.title,
                unit=t.unit,
                unit_name=t.unit_name,
                pages=tuple(info_pages),
                columns=tuple("/".join(e.split("#")[0] for e in c.path) for c in cols),
                header_rows=depth,
                n_rows=len(t.rows),
                n_cols=ncol,
                note=t.note,
                empty=not any(r.kind == "body" and any(_num(x or "") for x in r.cells) for r in t.rows),
                segments=tuple(segments),
            )
        )

    def _table_avail(self, t: TableSpec, head: bool, hh: list[float]) -> float:
        H = (_landscape(A4) if t.landscape else A4)[1]
        top = 50 + 34 + 18 + sum(hh) if head else 60.0
        note = 16 + 14 * (1 + len(t.note) // 40) if t.note else 10
        return H - 40 - top - note

    def _cell_box(self, t: TableSpec, x0: float, top: float, x1: float, bottom: float) -> None:
        c = self.c
        y0, y1 = self.H - bottom, self.H - top
        if t.rules == "none":
            return  # a borderless table: only the text's alignment says where the columns are
        if t.rules == "hlines":
            c.setLineWidth(0.6)  # horizontal rules only, as many three-line tables are drawn
            c.line(x0, y0, x1, y0)
            c.line(x0, y1, x1, y1)
            return
        if t.rules == "rects":
            th = 0.5
            c.setFillColorRGB(0, 0, 0)
            c.rect(x0 - th / 2, y1 - th / 2, x1 - x0 + th, th, stroke=0, fill=1)
            c.rect(x0 - th / 2, y0 - th / 2, x1 - x0 + th, th, stroke=0, fill=1)
            c.rect(x0 - th / 2, y0 - th / 2, th, y1 - y0 + th, stroke=0, fill=1)
            c.rect(x1 - th / 2, y0 - th / 2, th, y1 - y0 + th, stroke=0, fill=1)
        else:
            c.setLineWidth(0.6)
            c.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)

    def _cell_text(self, lines, x0, top, x1, bottom, fs, align, slots: int | None = None) -> None:
        if not lines:
            return
        lh = fs * 1.25
        n = max(slots or len(lines), len(lines))
        block_top = (top + bottom) / 2 - n * lh / 2 + (lh - fs) / 2
        first_slot = n - len(lines)  # shorter cells sit on the last line(s) of the row
        for k, line in enumerate(lines):
            y = block_top + (first_slot + k) * lh
            if align == "left":
                self.text(x0 + 3, y, line, fs)
            elif align == "right":
                self.text(x1 - 3, y, line, fs, align="right")
            else:
                self.text((x0 + x1) / 2, y, line, fs, align="center")

    @staticmethod
    def _code_groups(cols: list[Col]) -> dict[int, list[int]]:
        """name column index -> the code columns that belong to it (those just before it)."""
        groups: dict[int, list[int]] = {}
        for j, c in enumerate(cols):
            if c.kind == "name":
                k = j - 1
                codes = []
                while k >= 0 and cols[k].kind == "code":
                    codes.insert(0, k)
                    k -= 1
                groups[j] = codes
        return groups

    def _row_truth(self, t, i, r, cells, cols, groups, inherit, xs, top, bottom) -> None:
        names = sorted(groups)
        row_code: dict[int, str] = {}
        for g in names:
            cc = groups[g]
            parts = [(cells[k] or "").strip() for k in cc]
            if len(cc) == 3:
                st = inherit[g]
                label = (cells[g] or "").replace("\n", "")
                if not any(parts):
                    code = ""
                    if (
                        "合计" in label.replace(" ", "")
                        or "總計" in label
                        or "总计" in label
                        or "合計" in label
                    ):
                        st[:] = ["", "", ""]
                elif parts[0]:
                    st[:] = [parts[0], parts[1], parts[2]]
                    code = "".join(p for p in parts if p)
                elif parts[1]:
                    st[1], st[2] = parts[1], parts[2]
                    code = st[0] + "".join(p for p in parts[1:] if p)
                else:
                    st[2] = parts[2]
                    code = st[0] + st[1] + parts[2]
            elif len(cc) == 1:
                sp = parts[0].split()
                code = sp[0] + "".join(p.zfill(2) for p in sp[1:]) if sp else ""
            else:
                code = "".join(p for p in parts if p)
            row_code[g] = code
        if r.code is not None and names:
            row_code[names[0]] = r.code
        for j, c in enumerate(cols):
            if c.kind != "num":
                continue
            v = _num(cells[j] or "")
            if v is None:
                continue
            left = [g for g in names if g < j]
            g = left[-1] if left else (names[0] if names else None)
            label = (cells[g] or "").replace("\n", "") if g is not None else ""
            self.truth.cells.append(
                CellFact(
                    table=t.title,
                    page=self.page,
                    row_label=label,
                    code=row_code.get(g, "") if g is not None else "",
                    column="/".join(e.split("#")[0] for e in c.path),
                    value=v,
                    unit=t.unit,
                    text=cells[j],
                    row=i,
                    col=j,
                    bbox=(round(xs[j], 2), round(top, 2), round(xs[j + 1], 2), round(bottom, 2)),
                )
            )


def make_budget_pdf(path: str | Path, spec: DocSpec) -> GroundTruth:
    """Write the PDF described by ``spec`` to ``path`` and return its ground truth."""
    b = _Builder(Path(path), spec)
    for part in spec.parts:
        if isinstance(part, TableSpec):
            b.table(part)
        else:
            b.narrative(part)
    return b.finish()


# ----------------------------------------------------------------------------- table recipes

FUNC_COLS_3 = [
    Col(("科目编码", "类"), "code"),
    Col(("科目编码", "款"), "code"),
    Col(("科目编码", "项"), "code"),
    Col(("功能科目",), "name"),
]


def _func_rows(leaves, n_vals: int, print_full: set[str] = frozenset(), sep=True, total_label="合计"):
    """Build 合计/类/款/项 rows from leaves ``[(类, 款, 项, 类名, 款名, 项名, [v1, v2 …])]``.
    Sums are computed so totals are consistent.  Codes of 款/项 rows print blank 类/款
    (inherited) unless the 类 is in ``print_full``."""

    def add(a, b):
        return [x + y for x, y in zip(a, b, strict=True)]

    def cells(vals):
        return [fmt(v, sep) if v else "" for v in vals]

    zero = [Decimal(0)] * n_vals
    tot = zero
    tree: dict = {}
    for lei, kuan, xiang, ln, kn, xn, vals in leaves:
        vals = [Decimal(str(v)) for v in vals]
        tot = add(tot, vals)
        L = tree.setdefault(lei, {"name": ln, "sum": zero, "k": {}})
        L["sum"] = add(L["sum"], vals)
        K = L["k"].setdefault(kuan, {"name": kn, "sum": zero, "x": []})
        K["sum"] = add(K["sum"], vals)
        K["x"].append((xiang, xn, vals))
    rows = [Row(["", "", "", total_label] + cells(tot))]
    for lei, L in tree.items():
        full = lei in print_full
        rows.append(Row([lei, "", "", L["name"]] + cells(L["sum"])))
        for kuan, K in L["k"].items():
            rows.append(Row([lei if full else "", kuan, "", K["name"]] + cells(K["sum"])))
            for xiang, xn, vals in K["x"]:
                rows.append(Row([lei if full else "", kuan if full else "", xiang, xn] + cells(vals)))
    return rows, tot


def _colno(n_lead: int, n_num: int) -> Row:
    return Row(["**"] * n_lead + [str(i + 1) for i in range(n_num)], kind="colno")


SANSAN_COLS = [
    Col(("单位名称",), "name", 1.8),
    Col(("“三公”经费预算数", "合计"), "num"),
    Col(("“三公”经费预算数", "因公出国（境）费"), "num"),
    Col(("“三公”经费预算数", "公务用车购置及运行费", "小计"), "num"),
    Col(("“三公”经费预算数", "公务用车购置及运行费", "公务用车购置费"), "num"),
    Col(("“三公”经费预算数", "公务用车购置及运行费", "公务用车运行费"), "num"),
    Col(("“三公”经费预算数", "公务接待费"), "num"),
]


def _sansan_table(year, unit_name, total, abroad, buy, run, recv, unit="万元") -> TableSpec:
    car = Decimal(str(buy)) + Decimal(str(run))
    vals = [total, abroad, car, buy, run, recv]
    cells = [fmt(v) for v in vals]
    return TableSpec(
        title=f"{year}年一般公共预算“三公”经费支出情况表",
        columns=SANSAN_COLS,
        rows=[Row(["合计"] + cells), Row([unit_name] + cells)],
        unit=unit,
        unit_name=unit_name,
        note=f"注：本表反映部门本年度{year}年一般公共预算财政拨款“三公”经费情况，此表如无数字则表示单位无该项支出。",
    )


ECON_COLS = [
    Col(("经济科目编码",), "code", 0.9),
    Col(("经济科目名称",), "name", 2.4),
    Col(("合计",), "num"),
    Col(("人员经费",), "num"),
    Col(("公用经费",), "num"),
]


def _econ_rows(groups, sep=True):
    """``groups``: [(code, name, [(code, name, 人员, 公用)])] -> rows with 合计 and group sums."""
    rows = []
    tp = tg = Decimal(0)
    body = []
    for gcode, gname, items in groups:
        sp = sum((Decimal(str(p)) for _, _, p, _ in items), Decimal(0))
        sg = sum((Decimal(str(g)) for _, _, _, g in items), Decimal(0))
        tp, tg = tp + sp, tg + sg
        body.append(
            Row([gcode, gname, fmt(sp + sg, sep), fmt(sp, sep) if sp else "", fmt(sg, sep) if sg else ""])
        )
        for code, name, p, g in items:
            p, g = Decimal(str(p)), Decimal(str(g))
            body.append(
                Row([code, name, fmt(p + g, sep), fmt(p, sep) if p else "", fmt(g, sep) if g else ""])
            )
    rows.append(Row(["", "合计", fmt(tp + tg, sep), fmt(tp, sep), fmt(tg, sep)]))
    return rows + body, tp, tg


# ----------------------------------------------------------------------------- variants


def _p(d, name) -> Path:
    d = Path(d)
    d.mkdir(parents=True, exist_ok=True)
    return d / name


SAMPLE_LEAVES = [
    (
        "208",
        "05",
        "05",
        "社会保障和就业支出",
        "行政事业单位养老支出",
        "机关事业单位基本养老保险缴费支出",
        ["120.55", "120.55", "0"],
    ),
    (
        "208",
        "05",
        "06",
        "社会保障和就业支出",
        "行政事业单位养老支出",
        "机关事业单位职业年金缴费支出",
        ["60.28", "60.28", "0"],
    ),
    ("210", "11", "02", "卫生健康支出", "行政事业单位医疗", "事业单位医疗", ["55.80", "55.80", "0"]),
    (
        "215",
        "05",
        "50",
        "资源勘探工业信息等支出",
        "工业和信息产业监管",
        "事业运行",
        ["1002.04", "1002.04", "0"],
    ),
    (
        "215",
        "05",
        "99",
        "资源勘探工业信息等支出",
        "工业和信息产业监管",
        "其他工业和信息产业监管支出",
        ["950.00", "0", "950.00"],
    ),
    ("221", "02", "01", "住房保障支出", "住房改革支出", "住房公积金", ["125.04", "125.04", "0"]),
]
for _i, _l in enumerate(SAMPLE_LEAVES):  # total column = 基本 + 项目
    SAMPLE_LEAVES[_i] = _l[:6] + ([str(Decimal(_l[6][1]) + Decimal(_l[6][2])), _l[6][1], _l[6][2]],)


def split_codes(d) -> tuple[Path, GroundTruth]:
    """功能分类 table with split 类/款/项 columns; 款/项 rows leave 类/款 blank (inherited),
    except the 221 group which prints all three codes on every row."""
    rows, _ = _func_rows(SAMPLE_LEAVES, 3, print_full={"221"})
    rows.insert(0, _colno(4, 3))
    t = TableSpec(
        title="2025年一般公共预算支出情况表",
        columns=FUNC_COLS_3 + [Col(("总计",)), Col(("基本支出",)), Col(("项目支出",))],
        rows=rows,
        note="注：本表反映部门本年度一般公共预算支出情况。",
    )
    path = _p(d, "split_codes.pdf")
    return path, make_budget_pdf(path, DocSpec([t], title=t.title))


SAMPLE_ECON = [
    (
        "301",
        "工资福利支出",
        [
            ("30101", "基本工资", "102.25", "0"),
            ("301 2", "津贴补贴", "9.00", "0"),  # printed oddly: means 30102
            ("30107", "绩效工资", "90.06", "0"),
            ("30108", "机关事业单位基本养老保险缴费", "52.37", "0"),
            ("30112", "其他社会保障缴费（含失业保险、工伤保险和\n生育保险等单位缴费部分）", "2.31", "0"),
            ("30113", "住房公积金", "61.25", "0"),
        ],
    ),
    (
        "302",
        "商品和服务支出",
        [
            ("30201", "办公费", "0", "2.00"),
            ("30217", "公务接待费", "0", "0.40"),
            ("30231", "公务用车运行维护费", "0", "1.50"),
            ("30299", "其他商品和服务支出", "3.29", "44.00"),
        ],
    ),
    (
        "303",
        "对个人和家庭的补助",
        [
            ("30302", "退休费", "252.31", "0"),
        ],
    ),
]


def whole_codes(d) -> tuple[Path, GroundTruth]:
    """Economic-classification table with whole codes, one printed ``301 2`` (= 30102) and a
    long subject name wrapped onto two lines in its cell (the other cells of that row sit
    on its last line, so the first half of the name is on the line above the code)."""
    rows, _, _ = _econ_rows(SAMPLE_ECON)
    rows.insert(0, _colno(2, 3))
    t = TableSpec(
        title="2025年一般公共预算基本支出情况表",
        columns=ECON_COLS,
        rows=rows,
        note="注：本表反映部门本年度一般公共预算基本支出情况。",
    )
    path = _p(d, "whole_codes.pdf")
    return path, make_budget_pdf(path, DocSpec([t], title=t.title))


def yuan_units(d) -> tuple[Path, GroundTruth]:
    """Tables in 元 with thousand separators, narrative in 万元, 三公 table in 万元, whole
    numbers without decimals, and the same number with separators on one page and without
    on the next (a function table continued with title and header repeated)."""
    unit_name = "上海市某某区某某委员会"
    narrative = Narrative(
        [
            Heading("四、部门预算编制说明", 1),
            Para(
                "2025年度，本部门收入预算37,151.47万元，其中：财政拨款收入37,151.47万元，比2024年度增加1,203.58万元，增长3.35%。"
            ),
            Para("2025年度，本部门一般公共预算财政拨款支出预算9,628.22万元，主要用于商贸事务支出。"),
            Para(
                "2025年“三公”经费预算数为12.50万元，其中：公务接待费2.50万元，公务用车购置及运行费10.00万元。"
            ),
        ]
    )
    total = "371,514,655.00"
    summary = TableSpec(
        title="2025年部门财务收支预算总表",
        columns=[
            Col(("本年收入", "项目"), "name"),
            Col(("本年收入", "预算数")),
            Col(("本年支出", "项目"), "name"),
            Col(("本年支出", "预算数")),
        ],
        rows=[
            Row(["一、财政拨款收入", total, "一、一般公共服务支出", "96,282,213.44"]),
            Row(["二、事业收入", "", "二、科学技术支出", "172,000,000.00"]),
            Row(["三、其他收入", "", "三、社会保障和就业支出", "38,080,850"]),
            Row(["", "", "四、商业服务业等支出", "65,151,591.56"]),
            Row(["收入总计", total, "支出总计", total]),
        ],
        unit="元",
        unit_name=unit_name,
        unit_name_label="编制部门：",
        note="注：本表反映部门本年度的收支总体情况。",
    )
    func = TableSpec(
        title="2025年部门一般公共预算支出功能分类预算表",
        columns=[
            Col(("项目", "功能分类科目编码", "类"), "code"),
            Col(("项目", "功能分类科目编码", "款"), "code"),
            Col(("项目", "功能分类科目编码", "项"), "code"),
            Col(("项目", "功能分类科目名称"), "name"),
            Col(("一般公共预算支出", "合计")),
            Col(("一般公共预算支出", "基本支出")),
            Col(("一般公共预算支出", "项目支出")),
        ],
        rows=[
            Row(["201", "", "", "一般公共服务支出", "96,282,213.44", "12,291,733.00", "83,990,480.44"]),
            Row(["201", "13", "", "商贸事务", "96,282,213.44", "12,291,733.00", "83,990,480.44"]),
            Row(["201", "13", "01", "行政运行", "9,389,913.00", "9,389,913.00", ""]),
            Row(["201", "13", "02", "一般行政管理事务", "4,545,000", "", "4,545,000"]),
            # --- next page: same figures printed without separators
            Row(["201", "13", "50", "事业运行", "2901820.00", "2901820.00", ""]),
            Row(["201", "13", "99", "其他商贸事务支出", "79445480.44", "", "79445480.44"]),
            Row(["", "", "", "合计", "96282213.44", "12291733.00", "83990480.44"]),
        ],
        unit="元",
        unit_name=unit_name,
        unit_name_label="编制部门：",
        breaks=(4,),
        landscape=True,
        note="注：本表反映部门本年度一般公共预算支出情况。",
    )
    sansan = _sansan_table(2025, unit_name, "12.50", "0", "0", "10.00", "2.50")
    sansan.unit_name_label = "编制部门："
    path = _p(d, "yuan_units.pdf")
    return path, make_budget_pdf(path, DocSpec([narrative, summary, func, sansan], title="2025年部门预算"))


def two_page_table(d) -> tuple[Path, GroundTruth]:
    """(a) a 基本支出 table continued with title and header repeated; (b) a 功能分类 table
    continued with no title and no header; (c) a 收支总表 whose last page holds only its
    总计 row (no title, no header)."""
    a_rows, _, _ = _econ_rows(SAMPLE_ECON)
    a = TableSpec(
        title="2025年一般公共预算基本支出情况表",
        columns=ECON_COLS,
        rows=a_rows,
        breaks=(8,),
        note="注：本表反映部门本年度一般公共预算基本支出情况。",
    )
    b_rows, _ = _func_rows(SAMPLE_LEAVES, 3)
    b = TableSpec(
        title="2025年部门支出总体情况表",
        columns=FUNC_COLS_3 + [Col(("总计",)), Col(("基本支出",)), Col(("项目支出",))],
        rows=b_rows,
        breaks=(7,),
        continuation="bare",
        note="注：本表反映部门本年度各项支出情况。",
    )
    c = TableSpec(
        title="2025年部门收支总体情况表",
        columns=[
            Col(("收入", "项目"), "name"),
            Col(("收入", "本年预算")),
            Col(("支出", "项目"), "name"),
            Col(("支出", "本年预算")),
        ],
        rows=[
            Row(["一、本级财政拨款收入", "2,313.71", "一、基本支出", "1,362.04"]),
            Row(["二、财政专户管理事业收入", "", "二、项目支出", "951.67"]),
            Row(["三、事业单位经营服务收入", "", "三、事业单位经营支出", ""]),
            Row(["四、上级补助收入", "", "四、对附属单位补助支出", ""]),
            Row(["本年收入合计", "2,313.71", "本年支出合计", "2,313.71"]),
            Row(["五、上年结转", "", "五、结转下年", ""]),
            Row(["收入总计", "2,313.71", "支出总计", "2,313.71"]),
        ],
        breaks=(6,),
        continuation="bare",
        note="注：本表反映部门本年度的收支总体情况。",
    )
    path = _p(d, "two_page_table.pdf")
    return path, make_budget_pdf(path, DocSpec([a, b, c], title="2025年部门预算"))


LANDSCAPE_COLS = [
    Col(("科目编码", "类"), "code"),
    Col(("科目编码", "款"), "code"),
    Col(("科目编码", "项"), "code"),
    Col(("功能科目",), "name", 2.0),
    Col(("合计",)),
    Col(("本级财政拨款", "金额")),
    Col(("本级财政拨款", "其中：经费拨款")),
    Col(("财政专户管理事业收入",)),
    Col(("事业单位经营服务收入",)),
    Col(("上级补助收入",)),
    Col(("其它收入",)),
    Col(("事业收入",)),
    Col(("上年结转",)),
]


def landscape(d) -> tuple[Path, GroundTruth]:
    """A 13-column 收入总表 on a landscape A4 page, 3 header rows with merged cells."""
    cols = [
        Col(c.path if c.kind != "num" else ("收入预算",) + c.path, c.kind, c.width) for c in LANDSCAPE_COLS
    ]
    leaves = [
        (a, b, c, ln, kn, xn, [v[0], v[1], v[2], 0, 0, 0, 0, 0, 0])
        for a, b, c, ln, kn, xn, v in SAMPLE_LEAVES
    ]
    rows, _ = _func_rows(leaves, 9)
    # 上年结转 for one leaf to have a sparse right side
    rows.insert(0, _colno(4, 9))
    t = TableSpec(
        title="2025年部门收入总体情况表",
        columns=cols,
        rows=rows,
        landscape=True,
        note="注：本表反映部门本年度取得的各项收入情况。",
    )
    path = _p(d, "landscape.pdf")
    return path, make_budget_pdf(path, DocSpec([t], title=t.title))


def empty_table(d) -> tuple[Path, GroundTruth]:
    """Header-only tables: one noted ``注：本表为空表``, one with the long 政府性基金 wording."""
    cols = FUNC_COLS_3 + [Col(("总计",)), Col(("基本支出",)), Col(("项目支出",))]
    a = TableSpec(title="2025年国有资本经营预算支出情况表", columns=cols, rows=[], note="注：本表为空表")
    b = TableSpec(
        title="2025年政府性基金预算支出情况表",
        columns=cols,
        rows=[_colno(4, 3)],
        note="注：本单位无政府性基金预算收入，也没有使用政府性基金预算拨款安排的支出，故本表为空表。",
    )
    path = _p(d, "empty_table.pdf")
    return path, make_budget_pdf(path, DocSpec([a, b], title="2025年部门预算"))


def _tradify_table(t: TableSpec) -> TableSpec:
    tr = to_traditional
    return TableSpec(
        title=tr(t.title),
        columns=[Col(tuple(tr(e) for e in c.path), c.kind, c.width) for c in t.columns],
        rows=[Row([tr(x) if x else x for x in r.cells], r.kind, r.code) for r in t.rows],
        unit=tr(t.unit),
        unit_name=tr(t.unit_name),
        note=tr(t.note),
        landscape=t.landscape,
        continuation=t.continuation,
        breaks=t.breaks,
        rules=t.rules,
        font_size=t.font_size,
        unit_name_label=tr(t.unit_name_label),
        unit_label=tr(t.unit_label),
    )


SAMPLE_NARRATIVE = [
    Heading("三、部门收支总体情况", 1),
    Para(
        "2025年本单位收入预算 2313.71 万元，其中，一般公共预算拨款 2313.71 万元。收入较去年减少 0.97 万元，下降 0.04%。"
    ),
    Heading("六、其他重要事项的情况说明", 1),
    Para(
        "“三公”经费预算数为1.90万元，其中：公务接待费0.40万元，公务用车购置及运行费1.50万元，因公出国（境）费0万元。"
    ),
    Para("截至上年末，本单位共有公务用车1辆，单价50万元以上通用设备0台。"),
]


def traditional(d) -> tuple[Path, GroundTruth]:
    """Narrative + 基本支出表 + 三公表 converted to traditional characters (opencc s2t):
    一般公共預算基本支出情況表, 單位：萬元, 三公經費 …"""
    rows, _, _ = _econ_rows(SAMPLE_ECON)
    econ = TableSpec(
        title="2025年一般公共预算基本支出情况表",
        columns=ECON_COLS,
        rows=rows,
        note="注：本表反映部门本年度一般公共预算基本支出情况。",
    )
    sansan = _sansan_table(2025, "某某单位", "1.90", "0", "0", "1.50", "0.40")
    narr = Narrative(
        [
            Heading(to_traditional(b.text), b.level)
            if isinstance(b, Heading)
            else Para(to_traditional(b.text))
            for b in SAMPLE_NARRATIVE
        ]
    )
    path = _p(d, "traditional.pdf")
    return path, make_budget_pdf(
        path, DocSpec([narr, _tradify_table(econ), _tradify_table(sansan)], title="2025年部門預算")
    )


def final_accounts(d) -> tuple[Path, GroundTruth]:
    """A 决算 document: 收入支出决算总表, 一般公共预算财政拨款基本支出决算表 (two
    side-by-side 科目编码/科目名称/决算数 groups) and “三公”经费支出决算表 (预算数/决算数
    sub-columns, a 栏次 row 1 2 3 …, landscape)."""
    unit = "上海市某某区财政局"
    narr = Narrative(
        [
            Heading(f"{unit}2024年度部门决算", 0),
            Heading("一、收入支出决算总体情况说明", 1),
            Para(
                "2024年度收入总计2,995.32万元，支出总计2,995.32万元。与2023年度相比，收、支总计各减少120.15万元，下降3.86%。"
            ),
            Heading("二、“三公”经费支出决算情况说明", 1),
            Para("2024年度“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%。"),
            Para(
                "2024年度一般公共预算财政拨款基本支出2,336.91万元。其中：人员经费2,152.26万元；公用经费184.65万元。"
            ),
        ]
    )
    total = TableSpec(
        title="收入支出决算总表",
        columns=[
            Col(("收入", "项目"), "name"),
            Col(("收入", "决算数")),
            Col(("支出", "项目"), "name"),
            Col(("支出", "决算数")),
        ],
        rows=[
            Row(["一、一般公共预算财政拨款收入", "2,946.18", "一、一般公共服务支出", "2,336.91"]),
            Row(["二、政府性基金预算财政拨款收入", "", "二、社会保障和就业支出", "152.77"]),
            Row(["三、事业收入", "", "三、卫生健康支出", "60.99"]),
            Row(["四、其他收入", "", "四、住房保障支出", "445.69"]),
            Row(["本年收入合计", "2,946.18", "本年支出合计", "2,996.36"]),
            Row(["年初结转和结余", "49.14", "年末结转和结余", "-1.04"]),
            Row(["总计", "2,995.32", "总计", "2,995.32"]),
        ],
        unit="万元",
        unit_name=unit,
        note="注：本表反映部门本年度的总收支和年末结转结余情况。",
    )
    people = [
        ("301", "工资福利支出", "1,650.41"),
        ("30101", "基本工资", "420.12"),
        ("30102", "津贴补贴", "610.55"),
        ("30107", "绩效工资", "619.74"),
        ("303", "对个人和家庭的补助", "501.85"),
        ("30302", "退休费", "480.85"),
        ("30309", "奖励金", "21.00"),
    ]
    public = [
        ("302", "商品和服务支出", "180.15"),
        ("30201", "办公费", "40.10"),
        ("30211", "差旅费", "12.30"),
        ("30217", "公务接待费", ""),
        ("30299", "其他商品和服务支出", "127.75"),
        ("310", "资本性支出", "4.50"),
        ("31002", "办公设备购置", "4.50"),
    ]
    rows = []
    for i in range(max(len(people), len(public))):
        p = people[i] if i < len(people) else ("", "", "")
        q = public[i] if i < len(public) else ("", "", "")
        rows.append(Row(list(p) + list(q)))
    rows.append(Row(["", "人员经费合计", "2,152.26", "", "公用经费合计", "184.65"]))
    basic = TableSpec(
        title="一般公共预算财政拨款基本支出决算表",
        columns=[
            Col(("人员经费", "科目编码"), "code", 0.7),
            Col(("人员经费", "科目名称"), "name", 1.6),
            Col(("人员经费", "决算数")),
            Col(("公用经费", "科目编码"), "code", 0.7),
            Col(("公用经费", "科目名称"), "name", 1.6),
            Col(("公用经费", "决算数")),
        ],
        rows=rows,
        unit_name=unit,
        note="注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    )
    top = "财政拨款“三公”经费"
    pairs = [
        (top, "合计"),
        (top, "因公出国（境）费"),
        (top, "公务用车购置及运行费", "小计"),
        (top, "公务用车购置及运行费", "公务用车购置费"),
        (top, "公务用车购置及运行费", "公务用车运行费"),
        (top, "公务接待费"),
    ]
    cols = []
    for pth in pairs:
        cols += [Col(pth + ("预算数",)), Col(pth + ("决算数",))]
    sansan = TableSpec(
        title="财政拨款“三公”经费支出决算表",
        columns=cols,
        rows=[
            Row([str(i + 1) for i in range(12)], kind="colno"),
            Row(["0.95", "0.00", "", "", "", "", "", "", "", "", "0.95", "0.00"]),
        ],
        unit_name=unit,
        landscape=True,
        note="注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。",
    )
    path = _p(d, "final_accounts.pdf")
    return path, make_budget_pdf(path, DocSpec([narr, total, basic, sansan], title="2024年度部门决算"))


def rect_ruled(d) -> tuple[Path, GroundTruth]:
    """The split-code function table with rules drawn as thin filled rectangles (WPS)."""
    rows, _ = _func_rows(SAMPLE_LEAVES, 3)
    t = TableSpec(
        title="2025年一般公共预算支出情况表",
        columns=FUNC_COLS_3 + [Col(("总计",)), Col(("基本支出",)), Col(("项目支出",))],
        rows=rows,
        rules="rects",
        note="注：本表反映部门本年度一般公共预算支出情况。",
    )
    path = _p(d, "rect_ruled.pdf")
    return path, make_budget_pdf(path, DocSpec([t], title=t.title))


def unruled(d, rules: str = "none") -> tuple[Path, GroundTruth]:
    """The function table of rect_ruled drawn without vertical rules (``hlines``) or with none."""
    rows, _ = _func_rows(SAMPLE_LEAVES, 3)
    t = TableSpec(
        title="2025年一般公共预算支出情况表",
        columns=FUNC_COLS_3 + [Col(("总计",)), Col(("基本支出",)), Col(("项目支出",))],
        rows=rows,
        rules=rules,
        note="注：本表反映部门本年度一般公共预算支出情况。",
    )
    path = _p(d, f"unruled_{rules}.pdf")
    return path, make_budget_pdf(path, DocSpec([t], title=t.title))


def offset_digits(d) -> tuple[Path, GroundTruth]:
    """ONLYOFFICE-style narrative: CJK at 18 pt in STSong-Light, digits (and . , %) in
    Times-Roman drawn 7 pt lower than the CJK of the same line."""
    n = Narrative(
        [
            Heading("十一、其他重要事项的情况说明", 1),
            Para("机关运行经费支出 184.65 万元，比 2023 年度增加 2.55 万元，增长 1.40%。"),
            Para(
                "一般公共预算财政拨款基本支出 2336.91 万元。其中：人员经费 2152.26 万元；公用经费 184.65 万元。"
            ),
            Para("2024 年度“三公”经费财政拨款支出年初预算为 0.95 万元，支出决算为 0.00 万元。"),
        ],
        offset_digits=True,
        size=18.0,
        digit_drop=7.0,
    )
    path = _p(d, "offset_digits.pdf")
    return path, make_budget_pdf(path, DocSpec([n], title="2024年度部门决算"))


# ----------------------------------------------------------------------------- full document


def full_document(d) -> tuple[Path, GroundTruth]:
    """A complete small 部门预算 (某某区教育局, 2024): two narrative pages and 收支总表, 收入总表,
    支出总表, 一般公共预算支出表, 基本支出表, 三公经费表, 政府性基金表 (空表).  Figures are
    internally consistent (the tables add up and agree with the narrative)."""
    unit, y = "某某区教育局", 2024
    gp = [  # 一般公共预算: 基本, 项目
        ("205", "01", "01", "教育支出", "教育管理事务", "行政运行", "1215.36", "0"),
        ("205", "01", "99", "教育支出", "教育管理事务", "其他教育管理事务支出", "0", "412.50"),
        ("205", "02", "02", "教育支出", "普通教育", "小学教育", "2870.40", "1650.32"),
        ("205", "02", "03", "教育支出", "普通教育", "初中教育", "0", "1162.00"),
        (
            "208",
            "05",
            "05",
            "社会保障和就业支出",
            "行政事业单位养老支出",
            "机关事业单位基本养老保险缴费支出",
            "520.18",
            "0",
        ),
        (
            "208",
            "05",
            "06",
            "社会保障和就业支出",
            "行政事业单位养老支出",
            "机关事业单位职业年金缴费支出",
            "260.09",
            "0",
        ),
        ("210", "11", "01", "卫生健康支出", "行政事业单位医疗", "行政单位医疗", "180.25", "0"),
        ("221", "02", "01", "住房保障支出", "住房改革支出", "住房公积金", "185.20", "0"),
    ]
    D = Decimal
    gp_leaves = [(a, b, c, ln, kn, xn, [D(bs) + D(pj), D(bs), D(pj)]) for a, b, c, ln, kn, xn, bs, pj in gp]
    # 事业收入 120.00 spent on 小学教育 projects: all-funds 支出 = gp + that
    extra = {"02": D("120.00")}
    all_leaves = []
    for a, b, c, ln, kn, xn, (t, bs, pj) in gp_leaves:
        e = extra.get(c, D(0)) if (a, b) == ("205", "02") else D(0)
        all_leaves.append((a, b, c, ln, kn, xn, [t + e, bs, pj + e]))
    inc_leaves = []
    for (a, b, c, ln, kn, xn, (t, _, _)), (_, _, _, _, _, _, (ta, _, _)) in zip(
        gp_leaves, all_leaves, strict=True
    ):
        inc_leaves.append((a, b, c, ln, kn, xn, [ta, t, 0, ta - t, 0]))

    gp_rows, gp_tot = _func_rows(gp_leaves, 3)
    all_rows, all_tot = _func_rows(all_leaves, 3)
    inc_rows, inc_tot = _func_rows(inc_leaves, 5)
    assert gp_tot == [D("8456.30"), D("5231.48"), D("3224.82")], gp_tot
    assert all_tot == [D("8576.30"), D("5231.48"), D("3344.82")], all_tot

    econ = [
        (
            "301",
            "工资福利支出",
            [
                ("30101", "基本工资", "1420.60", "0"),
                ("30102", "津贴补贴", "610.30", "0"),
                ("30107", "绩效工资", "1350.00", "0"),
                ("30108", "机关事业单位基本养老保险缴费", "520.18", "0"),
                ("30109", "职业年金缴费", "260.09", "0"),
                ("30110", "职工基本医疗保险缴费", "180.25", "0"),
                ("30113", "住房公积金", "185.20", "0"),
            ],
        ),
        (
            "302",
            "商品和服务支出",
            [
                ("30201", "办公费", "0", "86.40"),
                ("30211", "差旅费", "0", "25.00"),
                ("30217", "公务接待费", "0", "3.20"),
                ("30231", "公务用车运行维护费", "0", "8.60"),
                ("30299", "其他商品和服务支出", "0", "191.36"),
            ],
        ),
        ("303", "对个人和家庭的补助", [("30302", "退休费", "390.30", "0")]),
    ]
    econ_rows, people, public = _econ_rows(econ)
    assert (people, public) == (D("4916.92"), D("314.56")), (people, public)

    narr = Narrative(
        [
            Heading(f"{unit}{y}年部门预算公开", 0),
            Heading("第一部分 部门预算说明", 1),
            Heading("一、部门基本概况", 2),
            Para(
                f"{unit}是区政府主管全区教育工作的工作部门，负责统筹管理全区基础教育，指导学校党建、师资队伍建设和教育督导工作。"
                "本部门预算由局机关本级及所属学校的预算组成，纳入编制范围的单位共14个，在职人员1,286人。"
            ),
            Heading("二、收支总体情况", 2),
            Para(
                f"{y}年本部门收入预算8,576.30万元，其中：一般公共预算拨款收入8,456.30万元，事业收入120.00万元。"
                "收入较上年增加373.15万元，增长4.55%，主要是新建学校投入使用，人员经费和运转经费相应增加。"
            ),
            Para(
                f"{y}年本部门支出预算8,576.30万元，其中：基本支出5,231.48万元，占61.00%；项目支出3,344.82万元，占39.00%。"
            ),
            Heading("三、一般公共预算拨款支出", 2),
            Para(
                f"{y}年一般公共预算拨款支出8,456.30万元，其中：基本支出5,231.48万元，项目支出3,224.82万元。"
                "项目支出主要用于：小学教育1,650.32万元，初中教育1,162.00万元，其他教育管理事务支出412.50万元。"
            ),
            Heading("四、政府性基金预算支出", 2),
            Para(f"本部门{y}年无政府性基金预算收入，也没有使用政府性基金预算拨款安排的支出。"),
            Heading("五、其他重要事项的情况说明", 2),
            Para(
                f"（一）机关运行经费：{y}年本部门机关运行经费预算314.56万元，比2023年增加12.36万元，增长4.09%，主要用于办公费、差旅费等。"
            ),
            Para(
                f"（二）“三公”经费：{y}年“三公”经费预算数为11.80万元，其中：公务接待费3.20万元，公务用车购置及运行费8.60万元"
                "（其中公务用车购置费0万元，公务用车运行费8.60万元），因公出国（境）费0万元。比2023年减少0.50万元，下降4.07%。"
            ),
            Para(
                f"（三）政府采购：{y}年本部门政府采购预算1,210.50万\n元，其中：货物类980.00万元，工程类0万元，服务类230.50万元。"
            ),
            Para(
                "（四）国有资产占用：截至2023年底，本部门共有公务用车2辆，其中一般公务用车2辆；单价50万元以上通用设备3台。"
            ),
            Heading("六、名词解释", 2),
            Para(
                "“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"
                "机关运行经费：指为保障行政单位运行用于购买货物和服务的各项资金。"
            ),
        ]
    )
    note = "注：本表反映部门本年度"
    summary = TableSpec(
        title=f"{y}年部门收支总体情况表",
        columns=[
            Col(("收入", "项目"), "name"),
            Col(("收入", "本年预算")),
            Col(("支出", "项目"), "name"),
            Col(("支出", "本年预算")),
        ],
        rows=[
            Row(["一、一般公共预算拨款收入", "8,456.30", "一、基本支出", "5,231.48"]),
            Row(["二、政府性基金预算拨款收入", "", "二、项目支出", "3,344.82"]),
            Row(["三、事业收入", "120.00", "三、事业单位经营支出", ""]),
            Row(["四、其他收入", "", "", ""]),
            Row(["本年收入合计", "8,576.30", "本年支出合计", "8,576.30"]),
            Row(["五、上年结转", "", "四、结转下年", ""]),
            Row(["收入总计", "8,576.30", "支出总计", "8,576.30"]),
        ],
        unit_name=unit,
        note=note + "的收支总体情况。",
    )
    income = TableSpec(
        title=f"{y}年部门收入总体情况表",
        columns=FUNC_COLS_3
        + [
            Col(("合计",)),
            Col(("一般公共预算拨款收入",)),
            Col(("政府性基金预算拨款收入",)),
            Col(("事业收入",)),
            Col(("上年结转",)),
        ],
        rows=[_colno(4, 5)] + inc_rows,
        unit_name=unit,
        landscape=True,
        note=note + "取得的各项收入情况。",
    )
    spend_cols = FUNC_COLS_3 + [Col(("总计",)), Col(("基本支出",)), Col(("项目支出",))]
    spend = TableSpec(
        title=f"{y}年部门支出总体情况表",
        columns=spend_cols,
        rows=[_colno(4, 3)] + all_rows,
        unit_name=unit,
        note=note + "各项支出情况。",
    )
    gpt = TableSpec(
        title=f"{y}年一般公共预算支出情况表",
        columns=spend_cols,
        rows=[_colno(4, 3)] + gp_rows,
        unit_name=unit,
        note=note + "一般公共预算支出情况。",
    )
    basic = TableSpec(
        title=f"{y}年一般公共预算基本支出情况表",
        columns=ECON_COLS,
        rows=[_colno(2, 3)] + econ_rows,
        unit_name=unit,
        note=note + "一般公共预算基本支出情况。",
    )
    sansan = _sansan_table(y, unit, "11.80", "0", "0", "8.60", "3.20")
    fund = TableSpec(
        title=f"{y}年政府性基金预算支出情况表",
        columns=spend_cols,
        rows=[_colno(4, 3)],
        unit_name=unit,
        note="注：本单位无政府性基金预算收入，也没有使用政府性基金预算拨款安排的支出，故本表为空表。",
    )
    path = _p(d, "full_document.pdf")
    return path, make_budget_pdf(
        path,
        DocSpec([narr, summary, income, spend, gpt, basic, sansan, fund], title=f"{unit}{y}年部门预算公开"),
    )


# ----------------------------------------------------------------------------- bad inputs


def not_a_pdf(d) -> tuple[Path, GroundTruth]:
    """A .pdf file that is really an HTML error page."""
    path = _p(d, "not_a_pdf.pdf")
    path.write_text(
        "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
        "<body><h1>页面不存在</h1><p>您访问的部门预算公开文件已删除。</p></body></html>\n",
        encoding="utf-8",
    )
    return path, GroundTruth(path=path, page_count=0, bad="not_a_pdf")


def corrupt(d) -> tuple[Path, GroundTruth]:
    """A real PDF truncated to its first 40 % (no xref, no trailer, page tree cut)."""
    src = Path(d) / "_corrupt_src"
    _, _ = split_codes(src)
    data = (src / "split_codes.pdf").read_bytes()
    path = _p(d, "corrupt.pdf")
    path.write_bytes(data[: int(len(data) * 0.4)])
    for f in src.iterdir():
        f.unlink()
    src.rmdir()
    return path, GroundTruth(path=path, page_count=0, bad="corrupt")


def encrypted(d) -> tuple[Path, GroundTruth]:
    """The split-code table PDF behind a user password (``truth.password``, ``budget2025``).

    Encrypted with pikepdf (AES-256, R6) when installed: with the password pdfplumber reads
    it normally.  Fallback: reportlab's RC4 encryption, under which pdfminer decodes the CID
    text as ``(cid:NN)`` even with the right password (the file is still unreadable without it).
    """
    path = _p(d, "encrypted.pdf")
    plain = _p(d, "_encrypted_plain.pdf")
    rows, _ = _func_rows(SAMPLE_LEAVES, 3)
    t = TableSpec(
        title="2025年一般公共预算支出情况表",
        columns=FUNC_COLS_3 + [Col(("总计",)), Col(("基本支出",)), Col(("项目支出",))],
        rows=rows,
    )
    try:
        import pikepdf
    except ImportError:
        pikepdf = None
    b = _Builder(plain if pikepdf else path, DocSpec([t]))
    if pikepdf is None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        b.c = rl_canvas.Canvas(
            str(path), pagesize=A4, encrypt=StandardEncryption("budget2025", "owner2025", canPrint=1)
        )
    b.table(t)
    truth = b.finish()
    if pikepdf is not None:
        with pikepdf.open(plain) as pdf:
            pdf.save(path, encryption=pikepdf.Encryption(user="budget2025", owner="owner2025", R=6))
        plain.unlink()
    truth.path = path
    truth.bad, truth.password = "encrypted", "budget2025"
    return path, truth


def scanned(d) -> tuple[Path, GroundTruth]:
    """A table page rasterised to an image: the PDF has no text layer and no vector rules."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader

    src = Path(d) / "_scan_src"
    p, _ = split_codes(src)
    pdf = pdfium.PdfDocument(str(p))
    img = pdf[0].render(scale=150 / 72).to_pil().convert("L")
    pdf.close()
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    for f in src.iterdir():
        f.unlink()
    src.rmdir()
    path = _p(d, "scanned.pdf")
    c = rl_canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(buf), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return path, GroundTruth(path=path, page_count=1, bad="scanned")


def no_tables(d) -> tuple[Path, GroundTruth]:
    """Ordinary Chinese prose (a work notice) with no tables and no budget figures."""
    n = Narrative(
        [
            Heading("关于做好夏季防汛工作的通知", 0),
            Para(
                "各街道、各部门：为切实做好今年夏季防汛工作，保障人民群众生命财产安全，现就有关事项通知如下。"
            ),
            Para(
                "一、高度重视，压实责任。各单位要充分认识防汛工作的重要性和紧迫性，主要负责同志要亲自部署、亲自检查。"
            ),
            Para(
                "二、排查隐患，及时整改。对辖区内的低洼地段、地下空间和在建工地开展全面排查，发现问题立即整改到位。"
            ),
            Para(
                "三、加强值守，畅通信息。严格执行领导带班和值班制度，遇有重要情况及时报告，不得迟报、漏报、瞒报。"
            ),
        ]
    )
    path = _p(d, "no_tables.pdf")
    truth = make_budget_pdf(path, DocSpec([n], title="通知"))
    truth.bad = "no_tables"
    return path, truth


def empty_file(d) -> tuple[Path, GroundTruth]:
    path = _p(d, "empty_file.pdf")
    path.write_bytes(b"")
    return path, GroundTruth(path=path, page_count=0, bad="empty_file")


VARIANTS = {
    "split_codes": split_codes,
    "whole_codes": whole_codes,
    "yuan_units": yuan_units,
    "two_page_table": two_page_table,
    "landscape": landscape,
    "empty_table": empty_table,
    "traditional": traditional,
    "final_accounts": final_accounts,
    "rect_ruled": rect_ruled,
    "offset_digits": offset_digits,
    "full_document": full_document,
}

BAD_INPUTS = {
    "not_a_pdf": not_a_pdf,
    "corrupt": corrupt,
    "encrypted": encrypted,
    "scanned": scanned,
    "no_tables": no_tables,
    "empty_file": empty_file,
}


if __name__ == "__main__":  # python tests/pdfmaker.py OUTDIR  — build everything for a look
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "pdfmaker-out")
    for name, fn in {**VARIANTS, **BAD_INPUTS}.items():
        p, t = fn(out)
        print(
            f"{name:16s} {p}  pages={t.page_count} tables={len(t.tables)} cells={len(t.cells)} figures={len(t.figures)}"
        )
