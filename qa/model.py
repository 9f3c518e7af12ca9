"""Answer and Citation: answers as plain data, in DESIGN.md's JSON contract."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

STATUS_ANSWERED = "answered"
STATUS_NOT_FOUND = "not_found"
STATUS_AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class Citation:
    """Where a figure or sentence is printed: enough to open the page and box it."""

    doc_id: str
    doc_title: str
    file: str
    page: int
    kind: str  # "table" | "sentence"
    quote: str
    bbox: tuple[float, float, float, float]
    table: str | None = None
    row: str | None = None
    column: str | None = None
    table_id: str | None = None
    row_index: int | None = None
    col_index: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["bbox"] = [round(v, 2) for v in self.bbox]
        return d

    def chip(self) -> str:
        """Short label for a citation chip: 第12页 · 三公经费支出表 · 合计/小计."""
        parts = [f"第{self.page}页"]
        if self.kind == "table":
            if self.table:
                parts.append(self.table)
            column = self.column.split("/")[-1] if self.column else None
            rc = "/".join(p for p in (self.row, column) if p)
            if rc:
                parts.append(rc)
        else:
            parts.append("正文")
        return " · ".join(parts)


@dataclass(frozen=True)
class Item:
    label: str
    value: float | None
    unit: str | None
    citation: Citation | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "citation": self.citation.to_dict() if self.citation else None,
        }


@dataclass(frozen=True)
class Answer:
    question: str
    status: str
    answer: str
    value: float | None = None
    unit: str | None = None
    items: tuple[Item, ...] = ()
    formula: str | None = None
    citations: tuple[Citation, ...] = ()
    suggestions: tuple[str, ...] = ()
    context: dict[str, Any] = field(default_factory=dict)
    options: tuple[str, ...] = ()  # for ambiguous: the readings to choose from

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "status": self.status,
            "answer": self.answer,
            "value": self.value,
            "unit": self.unit,
            "items": [i.to_dict() for i in self.items],
            "formula": self.formula,
            "citations": [c.to_dict() for c in self.citations],
            "suggestions": list(self.suggestions),
            "context": dict(self.context),
            "options": list(self.options),
        }
