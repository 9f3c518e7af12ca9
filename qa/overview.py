"""A one-screen summary of a document, built from the same ``ask`` as every answer."""

from __future__ import annotations

from .ask import ask
from .model import STATUS_ANSWERED, Answer

# The questions a citizen would ask first, in reading order.
OVERVIEW_QUESTIONS = (
    "收入合计是多少",
    "支出合计是多少",
    "基本支出是多少",
    "项目支出是多少",
    "“三公”经费包括哪些",
    "机关运行经费是多少",
    "支出最多的5个科目",
    "收入比上年增加或减少了多少",
)


def overview(store, doc_id: str) -> list[Answer]:
    """Answered overview items for ``doc_id`` (questions the document cannot answer are left out)."""
    out = []
    for q in OVERVIEW_QUESTIONS:
        a = ask(q, store, doc_id=doc_id)
        if a.status == STATUS_ANSWERED:
            out.append(a)
    return out
