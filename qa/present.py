"""Pure presentation helpers for the chat page (app.py): figures, citation text, links, exports.

Nothing here answers a question or touches Streamlit; app.py renders what ``qa.ask`` returns
and uses these helpers to format it, so they can be unit-tested without a browser (issue #4).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlencode

from qa.model import Answer, Citation

# Shown as buttons on an empty chat: questions every 部门预算/决算 disclosure can answer.
EXAMPLE_QUESTIONS: tuple[str, ...] = (
    "三公经费多少",
    "收入预算总额是多少",
    "基本支出占多少",
    "公务用车运行费多少",
    "政府采购预算多少",
    "什么是机关运行经费",
)

# Page styles: the headline figure, quotes, chips that wrap on a phone, Chinese uploader text.
BASE_CSS = """
<style>
.bqa-figure {font-size: 2.4rem; font-weight: 700; line-height: 1.15; color: #1e3a8a; margin: .1rem 0 .3rem;}
.bqa-figure .bqa-unit {font-size: 1.1rem; font-weight: 500; color: #475569; margin-left: .3rem;}
.bqa-card-title {font-size: .95rem; font-weight: 600; color: #334155; margin-bottom: .1rem;}
.bqa-quote {border-left: 3px solid #f59e0b; padding: .2rem .6rem; background: #fffbeb; color: #1f2937;}
/* Keep the previous answers steady while a new one is computed (no grey-out flash). */
[data-stale="true"] {opacity: 1 !important; transition: none !important;}
[data-testid="stMainBlockContainer"] {padding-top: 2.5rem;}
/* The uploader's built-in words are English; say them in Chinese. */
[data-testid="stFileUploaderDropzoneInstructions"] span {display: none;}
[data-testid="stFileUploaderDropzoneInstructions"]::after {content: "拖入或选择 PDF 文件，可多选"; font-size: .85rem; color: #64748b;}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {display: none;}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {content: "选择文件";}
/* Citation chips wrap instead of being cut off on a phone. */
button[data-variant="pills"] {max-width: 100%; height: auto; min-height: 2rem;}
button[data-variant="pills"] * {white-space: normal !important; overflow: visible !important; text-overflow: clip !important; text-align: left;}
</style>
"""

# ?embed=true: no sidebar, header, toolbar or footer; tight margins for a phone-width iframe.
EMBED_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], header, footer {display: none !important;}
[data-testid="stMainBlockContainer"], .block-container {padding: .75rem .75rem 1rem !important; max-width: 100% !important;}
[data-testid="stBottomBlockContainer"] {padding: .5rem .75rem 1rem !important;}
</style>
"""

MONEY_UNITS = frozenset({"元", "万元", "亿元", "千元"})
_YEAR_LABEL = re.compile(r"^\s*(19|20)\d{2}\s*年|^(上年|本年|去年|今年|上年度|本年度)")
# Characters Streamlit's markdown would otherwise interpret ($ opens LaTeX, * and _ emphasis, …).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|$~])")


def escape_markdown(text: str) -> str:
    """Return ``text`` safe to pass to ``st.markdown`` as literal text."""
    return _MD_SPECIAL.sub(r"\\\1", text or "")


def format_number(value: float | None, unit: str | None = None) -> str:
    """A figure as a citizen reads it: ``2,313.71`` for money, ``43.31`` for a share, ``3`` for a count."""
    if value is None:
        return "—"
    if unit in MONEY_UNITS or unit == "%":
        return f"{value:,.2f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def format_value(value: float | None, unit: str | None = None) -> str:
    """Figure and unit together: ``1.90万元``, ``43.31%``, ``3辆``."""
    if value is None:
        return "—"
    return f"{format_number(value, unit)}{unit or ''}"


def all_citations(answer: Answer) -> list[Citation]:
    """The answer's citations, then its items' citations, without repeats, in reading order."""
    seen: set[tuple[Any, ...]] = set()
    out: list[Citation] = []
    for citation in [*answer.citations, *(i.citation for i in answer.items if i.citation)]:
        if citation is None:
            continue
        key = (
            citation.doc_id,
            citation.page,
            tuple(citation.bbox),
            citation.table,
            citation.row,
            citation.column,
        )
        if key not in seen:
            seen.add(key)
            out.append(citation)
    return out


def short_table_title(title: str | None) -> str:
    """``2025年一般公共预算“三公”经费支出情况表`` → ``一般公共预算“三公”经费支出表`` (the year is on the page)."""
    text = re.sub(r"^\s*(19|20)\d{2}\s*年(度)?", "", title or "").strip()
    return text.replace("情况表", "表") or (title or "")


def short_column(column: str | None) -> str:
    """The last part of a header path: ``三公经费预（决）算数（财政拨款）/小计`` → ``小计``."""
    return (column or "").rstrip("/").rsplit("/", 1)[-1].strip()


def chip(citation: Citation, table_kind: str | None = None) -> str:
    """Citation chip text short enough for a phone: ``第15页 · “三公”经费支出表 · 合计/小计``.

    ``table_kind`` (the table's canonical kind from the store) is preferred to the printed title.
    """
    parts = [f"第{citation.page}页"]
    if citation.kind == "table":
        if table_kind or citation.table:
            parts.append(table_kind or short_table_title(citation.table))
        cell = "/".join(p for p in (citation.row, short_column(citation.column)) if p)
        if cell:
            parts.append(cell)
    else:
        parts.append("正文")
    return " · ".join(parts)


def citation_source(citation: Citation) -> str:
    """``长沙市企业服务中心2025年部门预算公开 第15页 · 三公经费支出表 · 合计/小计``."""
    title = citation.doc_title or citation.file or ""
    return f"{title} {citation.chip()}".strip()


def answer_to_text(answer: Answer) -> str:
    """The answer as plain text with its sources, for copying into a reply or a report.

    One ``来源：`` line per document, cells of one printed table grouped:
    ``来源：长沙市企业服务中心2025年部门预算公开，第15页 2025年一般公共预算“三公”经费支出情况表（合计/小计、合计/公务接待费）``.
    """
    lines = [answer.answer.strip()]
    if answer.formula and answer.formula not in answer.answer:
        lines.append(f"计算：{answer.formula}")
    by_doc: dict[str, dict[tuple[int, str], list[str]]] = {}
    for c in all_citations(answer):
        where = by_doc.setdefault(c.doc_title or c.file or "", {})
        place = (c.table or "") if c.kind == "table" else "正文"
        cells = where.setdefault((c.page, place), [])
        cell = "/".join(p for p in (c.row, short_column(c.column)) if p) if c.kind == "table" else ""
        if cell and cell not in cells:
            cells.append(cell)
    for title, places in by_doc.items():
        parts = [
            f"第{page}页 {table}" + (f"（{'、'.join(cells)}）" if cells else "")
            for (page, table), cells in places.items()
        ]
        lines.append(f"来源：{title}，" + "；".join(parts))
    return "\n".join(line for line in lines if line)


def share_params(
    question: str, doc_id: str | None = None, context: dict[str, Any] | None = None
) -> dict[str, str]:
    """Query parameters that reproduce an answer: ``q``, ``doc`` and, for follow-ups, ``ctx``."""
    params = {"q": question}
    if doc_id:
        params["doc"] = doc_id
    if context:
        params["ctx"] = json.dumps(context, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return params


def share_url(base_url: str | None, params: dict[str, str]) -> str:
    """Absolute link when the page's address is known, else a relative ``?q=…`` link."""
    base = (base_url or "").split("?", 1)[0]
    return f"{base}?{urlencode(params)}"


def parse_context(raw: str | None) -> dict[str, Any] | None:
    """Read the ``ctx`` URL parameter back; a damaged one is ignored, never an error."""
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def topic_of(question: str) -> str:
    """A card title from an overview question: ``收入合计是多少`` → ``收入合计``."""
    topic = re.sub(
        r"(是多少|有多少|多少钱|多少|包括哪些|有哪些|是什么|呢)?[？?。]*$", "", (question or "").strip()
    )
    return topic or question


def is_comparison(answer: Answer) -> bool:
    """True when the items are the same figure in different years (shown side by side)."""
    labels = [item.label for item in answer.items]
    return len(labels) >= 2 and all(_YEAR_LABEL.search(label or "") for label in labels)


def chart_rows(answer: Answer) -> list[tuple[str, float]]:
    """(label, value) for the items worth a bar chart: at least two figures in one unit."""
    rows = [(item.label, float(item.value)) for item in answer.items if item.value is not None]
    units = {item.unit for item in answer.items if item.value is not None}
    if len(rows) < 2 or len(units) > 1:
        return []
    return rows


def items_frame(answer: Answer) -> Any:
    """The breakdown items as a small table: 项目, 金额 (with unit), 出处 (page)."""
    import pandas as pd

    rows = [
        {
            "项目": item.label,
            "金额": format_value(item.value, item.unit),
            "出处": f"第{item.citation.page}页" if item.citation else "",
        }
        for item in answer.items
    ]
    return pd.DataFrame(rows, columns=["项目", "金额", "出处"])


def items_chart(answer: Answer) -> Any:
    """A horizontal bar chart (altair) of the items, or None when there is nothing to compare."""
    rows = chart_rows(answer)
    if not rows:
        return None
    import altair as alt
    import pandas as pd

    unit = next((i.unit for i in answer.items if i.value is not None), "") or ""
    frame = pd.DataFrame(rows, columns=["项目", "数值"])
    return (
        alt.Chart(frame)
        .mark_bar(color="#3b82f6")
        .encode(
            x=alt.X("数值:Q", title=unit or None),
            y=alt.Y("项目:N", sort=None, title=None, axis=alt.Axis(labelLimit=220, labelOverlap=False)),
            tooltip=["项目", "数值"],
        )
        .properties(height=40 + 34 * len(rows))
    )


def grid_frame(grid: dict[str, Any], mark: tuple[int, int] | None = None) -> Any:
    """The table as a DataFrame; with ``mark`` (data row, column) a Styler with that row and cell highlighted."""
    import pandas as pd

    columns, body = grid_body(grid)
    frame = pd.DataFrame(body, columns=columns)
    if mark is None:
        return frame
    r, c = mark

    def _style(df: Any) -> Any:
        styles = pd.DataFrame("", index=df.index, columns=df.columns)
        styles.iloc[r, :] = "background-color: #fef9c3"
        styles.iloc[r, c] = "background-color: #fde047; color: #b91c1c; font-weight: 700"
        return styles

    return frame.style.apply(_style, axis=None)


def ingest_messages(results: Iterable[Any], name: str) -> list[tuple[str, str]]:
    """(level, message) per ingested file, in plain Chinese: success, info (already there) or error."""
    out: list[tuple[str, str]] = []
    for item in results:
        if item.status == "failed":
            out.append(("error", item.error or f"{name}：导入失败。"))
        elif item.status == "unchanged":
            out.append(("info", f"{name}：资料库里已有这份文件。"))
        else:
            out.append(
                ("success", f"{name}：已导入，{item.pages}页、{item.tables}张表、{item.facts}个数据。")
            )
    return out


def document_label(doc: dict[str, Any]) -> str:
    """One line naming a document: ``长沙市企业服务中心 · 2025年 · 预算``."""
    parts = [doc.get("unit_name") or doc.get("title") or doc.get("file_name") or "未命名文件"]
    if doc.get("year"):
        parts.append(f"{doc['year']}年")
    if doc.get("doc_type"):
        parts.append(str(doc["doc_type"]))
    return " · ".join(parts)


def document_stats(doc: dict[str, Any]) -> str:
    """``26页 · 10张表 · 312个数据``."""
    return (
        f"{doc.get('page_count') or 0}页 · {doc.get('n_tables') or 0}张表 · {doc.get('n_facts') or 0}个数据"
    )


def safe_filename(name: str, suffix: str = "") -> str:
    """A download file name without path separators or characters Windows refuses."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", name or "").strip("._") or "budgetqa"
    return cleaned[:80] + suffix


def unique_columns(columns: Sequence[str], width: int) -> list[str]:
    """Column names for a table grid: the last part of each header path, never blank, never repeated."""
    paths = [(columns[i] if i < len(columns) else "") or "" for i in range(width)]
    shorts = [short_column(p) for p in paths]
    names: list[str] = []
    seen: dict[str, int] = {}
    for i in range(width):
        name = shorts[i] if shorts.count(shorts[i]) == 1 else paths[i]
        name = name or f"列{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}（{seen[name]}）"
        else:
            seen[name] = 1
        names.append(name)
    return names


def grid_body(grid: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Header names and data rows of a ``store.table_grid`` result, rows padded to one width."""
    rows: list[list[str]] = [list(r) for r in grid.get("rows") or []]
    header_rows = int(grid.get("header_rows") or 0)
    width = max([len(r) for r in rows] + [len(grid.get("columns") or [])] + [0])
    body = [[("" if c is None else str(c)) for c in r] + [""] * (width - len(r)) for r in rows[header_rows:]]
    return unique_columns(list(grid.get("columns") or []), width), body


def grid_to_csv(grid: dict[str, Any]) -> bytes:
    """The table as CSV (UTF-8 with BOM so Excel opens the Chinese text correctly)."""
    columns, body = grid_body(grid)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(body)
    return out.getvalue().encode("utf-8-sig")


def grid_to_xlsx(grid: dict[str, Any], mark: tuple[int, int] | None = None) -> bytes:
    """The table as an XLSX workbook: title and unit on top, header row bold, ``mark`` (grid row, col) filled."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    columns, body = grid_body(grid)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "表格"
    sheet.append([grid.get("title") or ""])
    sheet["A1"].font = Font(bold=True, size=13)
    pages = "、".join(str(p) for p in grid.get("pages") or [])
    sheet.append([f"单位：{grid.get('unit') or ''}" + (f"    页码：第{pages}页" if pages else "")])
    sheet.append(columns)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in body:
        sheet.append([_maybe_number(v) for v in row])
    if mark is not None:
        header_rows = int(grid.get("header_rows") or 0)
        r, c = mark[0] - header_rows, mark[1]
        if 0 <= r < len(body) and 0 <= c < len(columns):
            sheet.cell(row=4 + r, column=1 + c).fill = PatternFill("solid", fgColor="FFE066")
    for i, name in enumerate(columns, start=1):
        width = max([len(name)] + [len(str(row[i - 1])) for row in body if i - 1 < len(row)])
        sheet.column_dimensions[sheet.cell(row=3, column=i).column_letter].width = min(40, 4 + width * 1.6)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _maybe_number(text: str) -> Any:
    """``1,002.04`` becomes a number in the workbook; anything else stays text as printed.

    Only figures with a decimal point or a thousands separator are converted: bare digit
    strings may be subject codes (``2010301``, ``30101``), which are names, not amounts.
    """
    s = text.replace(",", "").strip()
    if ("." in text or "," in text) and re.fullmatch(r"-?\d+(\.\d+)?", s):
        return float(s)
    return text


def marked_cell(grid: dict[str, Any], citation: Citation) -> tuple[int, int] | None:
    """(data row, column) of the cited cell within ``grid_body``, or None when it is not in the grid."""
    if citation.row_index is None or citation.col_index is None:
        return None
    r = citation.row_index - int(grid.get("header_rows") or 0)
    _, body = grid_body(grid)
    if 0 <= r < len(body) and 0 <= citation.col_index < (len(body[0]) if body else 0):
        return r, citation.col_index
    return None


def crop_png(
    png: bytes, bbox: Sequence[float] | None, scale: float, margin: float = 90.0, half_width: float = 250.0
) -> bytes:
    """The part of a rendered page around ``bbox`` (points), so the cited spot is readable on a phone.

    Vertically ``margin`` points above and below; horizontally at least ``half_width`` points either side
    of the box's centre (a sentence spanning the page keeps the full width).
    """
    from PIL import Image

    if not bbox:
        return png
    image = Image.open(io.BytesIO(png))
    x0, top, x1, bottom = (float(v) for v in bbox)
    centre, half = (x0 + x1) / 2, max(half_width, (x1 - x0) / 2 + 40)
    left = max(0, int((centre - half) * scale))
    right = min(image.width, int((centre + half) * scale))
    upper = max(0, int((top - margin) * scale))
    lower = min(image.height, int((bottom + margin) * scale))
    if right - left < 50 or lower - upper < 50:
        return png
    out = io.BytesIO()
    image.crop((left, upper, right, lower)).save(out, format="PNG")
    return out.getvalue()


def suggestion_list(values: Iterable[str], limit: int = 6) -> list[str]:
    """Suggestions without blanks or repeats, at most ``limit``."""
    out: list[str] = []
    for value in values:
        value = (value or "").strip()
        if value and value not in out:
            out.append(value)
    return out[:limit]


__all__ = [
    "BASE_CSS",
    "EMBED_CSS",
    "EXAMPLE_QUESTIONS",
    "all_citations",
    "answer_to_text",
    "chart_rows",
    "chip",
    "citation_source",
    "crop_png",
    "document_label",
    "document_stats",
    "escape_markdown",
    "format_number",
    "format_value",
    "grid_body",
    "grid_frame",
    "ingest_messages",
    "items_chart",
    "items_frame",
    "grid_to_csv",
    "grid_to_xlsx",
    "is_comparison",
    "marked_cell",
    "parse_context",
    "safe_filename",
    "share_params",
    "share_url",
    "short_column",
    "short_table_title",
    "suggestion_list",
    "topic_of",
    "unique_columns",
]
