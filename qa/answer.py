"""Answer wording and citations. All user-facing Chinese text of answers lives here."""

from __future__ import annotations

import re
from decimal import Decimal

from index.model import Fact, Sentence
from index.normalize import UNIT_FACTORS, clean

from .model import STATUS_AMBIGUOUS, STATUS_NOT_FOUND, Answer, Citation, Item

MONEY_UNITS = tuple(UNIT_FACTORS)  # 元, 千元, 万元, 亿元
DEFAULT_SUGGESTIONS = (
    "“三公”经费是多少",
    "基本支出和项目支出各多少",
    "收入预算是多少",
    "机关运行经费是多少",
    "项目支出有哪些",
)


def fmt_value(value: Decimal) -> str:
    """A figure as printed: keeps the document's decimals; converted values lose trailing zeros."""
    s = format(value, "f")
    return s


def fmt_converted(value: Decimal) -> str:
    q = value.quantize(Decimal("0.01")) if value != value.to_integral() else value.to_integral()
    s = format(q.normalize(), "f") if q == q.to_integral() else format(q, "f").rstrip("0").rstrip(".")
    return s


def fmt_thousands(value: Decimal) -> str:
    """371514655.00 → 371,514,655.00 for readability of large 元 figures."""
    if abs(value) < 100000:
        return fmt_value(value)
    s = format(value, "f")
    whole, _, frac = s.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    whole = f"{int(whole):,}"
    return sign + whole + ("." + frac if frac else "")


def year_prefix(doc: dict) -> str:
    """ "2025年" for answer sentences, or nothing when the document's year is unknown."""
    return f"{doc['year']}年" if doc.get("year") else ""


def doc_label(doc: dict) -> str:
    year = year_prefix(doc)
    kind = {"预算": "部门预算", "决算": "部门决算"}.get(doc.get("doc_type") or "", "公开文件")
    return f"{doc.get('unit_name') or doc.get('title') or doc.get('file_name')}{year}{kind}"


def citation_for(fact: Fact, doc: dict, sentence: Sentence | None = None) -> Citation:
    if fact.source == "table":
        row = fact.row_label or None
        column = fact.column or None
        return Citation(
            doc_id=fact.doc_id,
            doc_title=doc.get("title") or "",
            file=doc.get("file_name") or "",
            page=fact.page_number,
            kind="table",
            quote=fact.quote,
            bbox=fact.bbox,
            table=fact.table_title or fact.table_kind or None,
            row=row,
            column=column,
            table_id=fact.table_id,
            row_index=fact.row,
            col_index=fact.col,
        )
    # a narrative figure: the whole sentence is the quote, the box is the figure's own
    quote = sentence.text if sentence else fact.quote
    return _sentence_kind(fact.doc_id, doc, fact.page_number, quote, fact.bbox)


def sentence_citation(s: Sentence, doc: dict) -> Citation:
    return _sentence_kind(s.doc_id, doc, s.page_number, s.text, s.bbox)


def _sentence_kind(doc_id: str, doc: dict, page: int, quote: str, bbox) -> Citation:
    return Citation(
        doc_id=doc_id,
        doc_title=doc.get("title") or "",
        file=doc.get("file_name") or "",
        page=page,
        kind="sentence",
        quote=quote,
        bbox=bbox,
    )


def not_found(
    question: str, reason: str, suggestions: list[str] | tuple[str, ...] = (), context: dict | None = None
) -> Answer:
    sugg = tuple(dict.fromkeys(suggestions))[:3] or DEFAULT_SUGGESTIONS[:3]
    text = f"抱歉，{reason}。您可以问：" + "；".join(sugg) + "。"
    return Answer(
        question=question, status=STATUS_NOT_FOUND, answer=text, suggestions=sugg, context=context or {}
    )


def ambiguous(question: str, what: str, options: list[str], context: dict | None = None) -> Answer:
    opts = tuple(dict.fromkeys(options))[:6]
    text = f"“{what}”可能指以下几种，请选择：" + "；".join(opts) + "。"
    return Answer(
        question=question,
        status=STATUS_AMBIGUOUS,
        answer=text,
        suggestions=opts,
        options=opts,
        context=context or {},
    )


REASONS = {
    "no_docs": "还没有导入任何预算/决算文件，请先导入PDF",
    "out_of_scope": "这个问题超出了本部门预算/决算公开文件的范围（文件只公开本单位自己的收支）",
    "no_year": "已导入的文件里没有{year}年的数据（现有：{years}）",
    "no_subject": "文件中没有找到“{subject}”的相关数据",
    "no_change": "文件中没有找到“{subject}”与上年相比的变化情况",
    "no_reason": "文件中没有说明“{subject}”变化的原因",
    "no_definition": "文件的名词解释中没有“{subject}”",
    "no_parts": "文件中没有列出“{subject}”的明细",
    "no_denominator": "无法确定“{subject}”占比的分母（请说明占什么的比例，例如“占总支出的比例”）",
    "empty": "没有听清问题，请输入一个关于预算或决算的问题",
    "foreign_currency": "预算/决算公开文件只用人民币（元、万元）公开金额，没有外币数字",
    "other_unit": "已导入的文件里没有“{unit}”的预算/决算，只能回答已导入单位的问题",
    "no_doc_type": "没有找到{unit}的{doc_type}文件",
}


def reason(key: str, **kw) -> str:
    return REASONS[key].format(**kw)


def measure_text(column: str, leaf: str) -> str:
    """What names a table figure's measure: its leaf (本年预算数), else a group above it
    (预算数/公务接待费); 预（决）算数 names both and so neither."""
    if re.search(r"年初预算|决算|(?<!公共)(?<!基金)(?<!经营)预算", leaf):
        return leaf
    return re.sub(r"预[（(]决[）)]算数?", "", column)


def measure_word(doc: dict, leaf: str) -> str:
    if "年初预算" in leaf:
        return "年初预算为"
    if "决算" in leaf:
        return "决算数为"
    if re.search(r"(?<!公共)(?<!基金)(?<!经营)预算", leaf):  # 一般公共预算 is a fund, not a measure
        return "预算数为"
    return {"决算": "决算数为", "预算": "预算数为"}.get(doc.get("doc_type") or "", "为")


def display_label(label: str) -> str:
    """A header or row label as a name in a sentence: 三公经费预（决）算数（财政拨款） → 三公经费."""
    name = clean(label).replace("其中：", "").replace("其中:", "")
    name = re.sub(r"[（(][^（）()]{2,}[）)]", "", name)  # （财政拨款）; keeps （境）
    name = re.sub(r"(预[（(]决[）)]算数|预算数|决算数)$", "", name)
    return name or clean(label)


__all__ = [
    "Answer",
    "Citation",
    "Item",
    "STATUS_NOT_FOUND",
    "not_found",
    "ambiguous",
    "citation_for",
    "sentence_citation",
    "fmt_value",
    "fmt_converted",
    "doc_label",
    "reason",
    "MONEY_UNITS",
]
