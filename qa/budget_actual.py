"""The actual against the budget in final accounts: "比年初预算少花了多少", "三公经费预算执行率".

A 决算 prints each subject's 年初预算 and 决算数 (in the 三公 table, or as "年初预算为…，支出决算为…，
完成年初预算的…%"). The difference or the rate is computed from both cited figures with its formula;
a rate the document prints itself is cited with it. A budget document has no actuals: nothing is
computed from it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from index.model import Fact
from index.normalize import fold

from . import answer as A
from .candidates import _dec, _is_money, _rank, budgeted
from .figures import _answer_value
from .matcher import DEFAULT_ACCEPT, subject_variants
from .model import STATUS_ANSWERED, Answer, Citation, Item
from .normalize import convert_amount
from .question import Question

_RATE = re.compile(r"率|百分之|几成|比例|%|怎么样|如何|情况|完成")


def _stated_rate(docs, doc_id: str, subject: str) -> tuple[Decimal, Citation] | None:
    """ "…完成年初预算的115.61%" printed for the subject."""
    variants, _ = subject_variants(subject)
    for doc, idx in docs:
        if doc["doc_id"] != doc_id:
            continue
        rates = [e.fact for e in idx.entries if e.fact.unit == "%" and re.search(r"完成|执行", e.fact.row_label)]
        # named in the figure's own clause first, else in its sentence before it
        # ("一般公共预算财政拨款支出年初预算为…，完成年初预算的98.20%")
        for said in (lambda f: fold(f.row_label), lambda f: fold(f.quote[: f.col])):
            for f in rates:
                if any(v and v in said(f) for v in variants):
                    return f.value, A.citation_for(f, doc, idx.sentence_by_id.get(f.sentence_id))
    return None


def _measure_of(f: Fact) -> str:
    """预算 or 决算 for a figure that states one of them, else ''."""
    said = fold(f.column if f.source == "table" else f.row_label)
    if "决算" in said or re.search(r"实际支出|支出为", said):
        return "决算"
    if budgeted(said):
        return "预算"
    return ""


def _pair(q: Question, docs) -> tuple[Fact, Fact, dict, object] | None:
    """Budget and actual of the subject printed in one place (one sentence, or one table row):
    figures from one place measure the same money."""
    places: dict[tuple, dict[str, Fact]] = {}
    order: list[tuple] = []
    for _score, s, doc in _rank(replace(q, intent="value", measure=None), docs, q.subject)[:40]:
        f = s.entry.fact
        kind = _measure_of(f)
        if s.score < DEFAULT_ACCEPT or not kind or not _is_money(f.unit) or doc.get("doc_type") != "决算":
            continue
        key = (doc["doc_id"], f.sentence_id) if f.source == "sentence" else (doc["doc_id"], f.table_id, f.row)
        if key not in places:
            places[key] = {"doc": doc, "idx": s.doc}
            order.append(key)
        places[key].setdefault(kind, f)
    for key in order:
        p = places[key]
        if "预算" in p and "决算" in p:
            return p["预算"], p["决算"], p["doc"], p["idx"]
    return None


def _from_pair(q: Question, docs, ctx_base: dict) -> tuple[Answer, Answer] | None:
    found = _pair(q, docs)
    if found is None:
        return None
    budget_f, actual_f, doc, idx = found
    ctx = dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject,
               unit_name=doc.get("unit_name"), doc_type=doc.get("doc_type"))

    def one(f: Fact) -> Answer:
        cite = A.citation_for(f, doc, idx.sentence_by_id.get(f.sentence_id))
        return Answer(q.text, STATUS_ANSWERED, "", _dec(f.value), f.unit, citations=(cite,), context=ctx)

    return one(budget_f), one(actual_f)


def answer_vs_budget(q: Question, docs, ctx_base: dict) -> Answer | None:
    base = replace(q, intent="value", unit=None, column="")
    name = A.display_label(q.subject)
    want_rate = bool(_RATE.search(q.norm))
    doc_id = docs[0][0]["doc_id"] if len(docs) == 1 else None
    if want_rate and doc_id:
        stated = _stated_rate(docs, doc_id, q.subject)
        if stated is not None:  # the document's own rate, as printed
            value, cite = stated
            text = f"{name}完成年初预算的{A.fmt_value(value)}%。原文：{cite.quote}"
            ctx = dict(ctx_base, doc_id=doc_id, year=docs[0][0].get("year"), subject=q.subject, intent="vs_budget")
            return Answer(q.text, STATUS_ANSWERED, text, _dec(value), "%", citations=(cite,), context=ctx)
    pair = _from_pair(q, docs, ctx_base)
    if pair is not None:
        budget, actual = pair
    else:
        actual = _answer_value(replace(base, measure="决算数"), docs, ctx_base)
        budget = _answer_value(replace(base, measure="年初预算"), docs, ctx_base)
        # figures from two places must be one table's columns; a narrative budget set against an
        # income table's figure measures two different things
        if budget is not None and actual is not None and budget.citations and actual.citations:
            b, a = budget.citations[0], actual.citations[0]
            if not (b.table_id and b.table_id == a.table_id):
                return None
    if actual is None or actual.status != STATUS_ANSWERED:
        return None
    if actual.context.get("doc_type") != "决算":
        return A.not_found(q.text, A.reason("no_doc_type", unit=actual.context.get("unit_name") or "", doc_type="决算"))
    doc_id = actual.context["doc_id"]
    usable = (
        budget is not None
        and budget.status == STATUS_ANSWERED
        and budget.value is not None
        and actual.value is not None
        and _is_money(budget.unit or "")
        and _is_money(actual.unit or "")
        and budget.citations[:1] != actual.citations[:1]
    )
    if not usable:
        stated = _stated_rate(docs, doc_id, q.subject) if want_rate else None
        if stated is None:
            return None
        value, cite = stated
        text = f"{name}完成年初预算的{A.fmt_value(value)}%。原文：{cite.quote}"
        return Answer(q.text, STATUS_ANSWERED, text, _dec(value), "%", citations=(cite,),
                      context=dict(actual.context, intent="vs_budget"))
    a = Decimal(str(actual.value))
    b = convert_amount(Decimal(str(budget.value)), budget.unit, actual.unit)
    unit = actual.unit
    items = (
        Item("年初预算", budget.value, budget.unit, budget.citations[0]),
        Item("决算数", actual.value, actual.unit, actual.citations[0]),
    )
    cites = [budget.citations[0], actual.citations[0]]
    year = f"{actual.context['year']}年" if actual.context.get("year") else ""
    figures = f"{year}{name}年初预算{A.fmt_converted(b)}{unit}，决算数{A.fmt_converted(a)}{unit}"
    if want_rate:
        if not b:
            return None
        pct = (a / b * 100).quantize(Decimal("0.01"))
        formula = f"{A.fmt_converted(a)} ÷ {A.fmt_converted(b)} = {pct}%"
        text = f"{figures}，完成年初预算的{pct}%（{formula}）。"
        stated = _stated_rate(docs, doc_id, q.subject)
        if stated is not None and abs(stated[0] - pct) < Decimal("0.006"):
            text += f"文件中也写明了这一比例（第{stated[1].page}页）。"
            cites.insert(0, stated[1])
        value, out_unit = pct, "%"
    else:
        diff = b - a
        big, small = (b, a) if diff >= 0 else (a, b)
        formula = f"{A.fmt_converted(big)} − {A.fmt_converted(small)} = {A.fmt_converted(abs(diff))}"
        way = "少" if diff > 0 else "多" if diff < 0 else "持平"
        text = f"{figures}，决算比预算{way}" + (f"{A.fmt_converted(abs(diff))}{unit}" if diff else "") + f"（{formula}）。"
        value, out_unit = abs(diff), unit
    return Answer(q.text, STATUS_ANSWERED, text, _dec(value), out_unit, items, formula, tuple(cites),
                  context=dict(actual.context, intent="vs_budget"))
