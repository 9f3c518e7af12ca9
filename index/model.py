"""The document model: what extraction produces and storage keeps.

Frozen dataclasses only; this module imports nothing else from the project.
Coordinates follow pdfplumber: ``page_number`` is 1-based and ``bbox`` is
``(x0, top, x1, bottom)`` in PDF points from the page's top-left corner.
Money is a :class:`~decimal.Decimal` with its unit beside it, never a float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Cell:
    """One cell of a logical table, as printed.

    ``row``/``col`` index the logical table grid (continuation pages append
    rows); ``text`` is the cell's text with line breaks joined.
    """

    row: int
    col: int
    text: str
    page_number: int
    bbox: BBox


@dataclass(frozen=True)
class Table:
    """A logical table: one title, possibly printed over several pages.

    ``kind`` is the canonical table kind (e.g. ``三公经费支出表``) matched from
    the title; ``unit`` is the table's 单位 (``元``/``万元``/``亿元``);
    ``columns`` holds one header path per column (``本级财政拨款/其中：经费拨款``);
    ``header_rows`` says how many leading grid rows are header.
    """

    table_id: str
    title: str
    kind: str
    unit: str
    unit_name: str
    pages: tuple[int, ...]
    columns: tuple[str, ...]
    header_rows: int
    cells: tuple[Cell, ...]
    bbox: BBox
    note: str = ""


@dataclass(frozen=True)
class Fact:
    """One figure with everything needed to cite it.

    ``source`` is ``table`` (a numeric cell) or ``sentence`` (a figure in the
    narrative). For table facts ``row_label`` is the row's name cell,
    ``subject_code`` the 7/5/3-digit subject code (split 类/款/项 columns
    joined, blanks inherited), ``column`` the header path and ``measure`` the
    canonical measure of that column. For sentence facts ``row_label`` is
    what the figure is about (the words before it in its clause), ``column``
    is empty and ``measure`` says ``amount``/``change``/``percent``/``count``.
    ``quote`` is the text exactly as printed (the cell, or the sentence).
    ``unit_label`` names the organisation (所属单位) a table figure belongs to when
    the table breaks its rows down by unit (a unit row and the subject rows under
    it); empty otherwise and for sentences.
    """

    fact_id: str
    doc_id: str
    source: str
    page_number: int
    bbox: BBox
    value: Decimal
    unit: str
    row_label: str
    column: str = ""
    measure: str = ""
    subject_code: str = ""
    subject_name: str = ""
    table_id: str = ""
    table_title: str = ""
    table_kind: str = ""
    row: int = -1
    col: int = -1
    sentence_id: str = ""
    quote: str = ""
    unit_label: str = ""


@dataclass(frozen=True)
class Sentence:
    """A narrative sentence, joined across pdfplumber's line breaks."""

    sentence_id: str
    doc_id: str
    page_number: int
    bbox: BBox
    text: str
    section: str = ""


@dataclass(frozen=True)
class Page:
    page_number: int
    width: float
    height: float
    text: str
    has_text: bool = True


@dataclass(frozen=True)
class Document:
    """One ingested PDF. ``doc_id`` is derived from the content hash."""

    doc_id: str
    sha256: str
    file_name: str
    title: str
    unit_name: str
    year: int | None
    doc_type: str  # 预算 | 决算 | ""
    page_count: int
    pages: tuple[Page, ...] = field(default=(), repr=False)
    tables: tuple[Table, ...] = field(default=(), repr=False)
    sentences: tuple[Sentence, ...] = field(default=(), repr=False)
    facts: tuple[Fact, ...] = field(default=(), repr=False)


__all__ = ["BBox", "Cell", "Table", "Fact", "Sentence", "Page", "Document", "Decimal"]
