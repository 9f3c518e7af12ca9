"""A figure: the value (or count, or change) a question asks for, with its citations and parts."""

from __future__ import annotations

import re
from dataclasses import replace

from index.normalize import fold

from . import answer as A
from .candidates import (
    _children,
    _context,
    _dec,
    _doc_unit,
    _fact_name,
    _is_money,
    _itemize,
    _labelled_children,
    _other_threshold,
    _rank,
    _same_value,
    _unit_ok,
    in_column,
)
from .matcher import (
    DEFAULT_ACCEPT,
    DEFAULT_TIE,
    Scored,
    core,
    subject_variants,
)
from .model import STATUS_ANSWERED, Answer, Item
from .normalize import convert_amount
from .question import ROW_COLUMN_WORDS, Question


def _answer_value(q: Question, docs, ctx_base: dict, *, min_score: float = 0) -> Answer | None:
    """``min_score``: how well the subject must name its best figure (a computed share asks more)."""
    ranked = _rank(q, docs, q.subject)
    if min_score and ranked and ranked[0][1].score < min_score:
        return None
    if not ranked:
        if q.intent == "value":
            return _answer_none_stated(q, docs, ctx_base)
        if q.intent == "count":
            ranked = _count_fallback(q, docs)
        if not ranked:
            return None
    if ranked[0][1].score < DEFAULT_ACCEPT:
        if q.intent == "value":
            return _answer_none_stated(q, docs, ctx_base)
        return None
    best_score, best, doc = ranked[0]
    f = best.entry.fact
    if f.source == "sentence":
        # the narrative and a table disagree on the same figure: the table is answered, the narrative noted
        near = [(sc, s) for sc, s, d in ranked[1:12] if d["doc_id"] == doc["doc_id"] and sc >= best_score - 3]
        tables = [s for sc, s in near if s.entry.fact.source == "table" and s.entry.fact.quote and s.score >= 95]
        if tables and not any(_same_value(s.entry.fact, f) for s in tables):
            best = tables[0]
            f = best.entry.fact
    idx = best.doc
    if q.column and not (f.source == "table" and in_column(f, q.column)):
        if ROW_COLUMN_WORDS.fullmatch(q.subject):
            # "基本支出里的人员经费": a part of a total; the part itself is what is asked
            return _answer_value(replace(q, subject=q.column, column=""), docs, ctx_base)
        return None  # no table splits this row by that column: not another figure in its place
    if f.source == "table" and not f.quote and q.intent == "value":
        stated = _answer_none_stated(q, docs, ctx_base)
        if stated is not None:
            return stated  # "本单位无政府性基金…" says it in words; better than a blank cell
    # several documents answer: ask which one unless they agree
    # several documents answer: ask which one unless they agree. Another unit's document that names
    # the subject at all counts — a question that names no unit is not answered for one of them
    other_unit = doc.get("unit_name")
    other_docs = {
        r[2]["doc_id"]
        for r in ranked
        if r[2]["doc_id"] != doc["doc_id"]
        and r[1].score >= DEFAULT_ACCEPT
        and (r[0] >= best_score - DEFAULT_TIE or r[2].get("unit_name") != other_unit)
    }
    if other_docs:
        seen: dict[str, str] = {}
        for r in ranked:
            if r[2]["doc_id"] == doc["doc_id"] or r[2]["doc_id"] in other_docs:
                seen.setdefault(r[2]["doc_id"], f"{A.doc_label(r[2])}：{q.text}")
        return A.ambiguous(q.text, q.subject, list(seen.values())[:8], ctx_base)
    support: list[Scored] = []
    conflict: list[Scored] = []
    for score, s, d in ranked:
        if d["doc_id"] != doc["doc_id"] or s.entry.fact.fact_id == f.fact_id:
            continue
        if _same_value(s.entry.fact, f) or _same_value(f, s.entry.fact):
            support.append(s)  # the same figure elsewhere: cite it too
        elif score < best_score - 12:
            continue
        elif (
            s.entry.fact.source != f.source
            and s.entry.fact.quote
            and score >= best_score - 3
            and s.score >= 95
        ):
            conflict.append(s)
    # the headline: a table in 元 whose figure the narrative states in 万元 is quoted as the narrative says
    head = f
    narrative = next((s.entry.fact for s in support if s.entry.fact.source == "sentence"), None)
    if (
        q.unit is None
        and f.source == "table"
        and f.unit == "元"
        and narrative is not None
        and narrative.unit == "万元"
    ):
        head = narrative
    value, unit = head.value, head.unit
    converted = False
    if q.unit and _is_money(unit) and q.unit != unit:
        value, unit, converted = convert_amount(value, unit, q.unit), q.unit, True
    value_text = (
        A.fmt_converted(value)
        if converted
        else A.fmt_thousands(value)
        if unit == "元"
        else A.fmt_value(value)
    )
    name = _fact_name(best)
    if f.source == "table" and fold(f.row_label) in ("总计", "合计") and core(name) in ("收入", "支出"):
        name = A.display_label(q.subject)  # "财政拨款收入支出总计", not just 收入
    if f.unit_label and fold(f.unit_label) not in (fold(name), fold(doc.get("unit_name") or "")) and not fold(
        name
    ).startswith(fold(f.unit_label)):
        name = f"{f.unit_label}{name}"  # a unit's own row says whose it is: 云岚市第一中学住房公积金
    if q.column and f.source == "table" and in_column(f, q.column):
        # "一般公共服务支出（201）基本支出"; a fund keeps its name whole: …一般公共预算支出
        name += q.column + ("支出" if q.column in ("一般公共预算", "财政拨款", "政府性基金") else "")  # "一般公共服务支出（201）基本支出"
    if f.source == "sentence" and (
        core(name) in ("", "支出", "收入", "总", "项目总", "项目") or name == "该项"
    ):
        name = A.display_label(q.subject)  # "支出决算为0.00万元" is about the subject asked
    sentences = idx.sentence_by_id
    cites = [A.citation_for(f, doc, sentences.get(f.sentence_id))]
    seen_pages = {(f.page_number, f.source)}
    for s in support:
        sf = s.entry.fact
        if (sf.page_number, sf.source) in seen_pages:
            continue
        seen_pages.add((sf.page_number, sf.source))
        cites.append(A.citation_for(sf, doc, sentences.get(sf.sentence_id)))
        if len(cites) >= 4:
            break
    year = A.year_prefix(doc)
    quote = sentences[f.sentence_id].text if f.sentence_id in sentences else f.quote
    if q.intent in ("change", "yesno_change") and f.source == "sentence":
        # say the direction the document states, and correct a question that assumed the other one
        stated = re.search(r"增加|增长|上升|提高|减少|下降|降低|节约|压减|持平", f.row_label)
        direction = stated.group(0) if stated else ""
        asked_up = re.search(r"增加|增长|上升|提高|多了|涨", q.norm)
        asked_down = re.search(r"减少|下降|降低|少了|降", q.norm)
        down = direction in ("减少", "下降", "降低", "节约", "压减")
        lead = ""
        if direction and (
            (asked_up and down and not asked_down) or (asked_down and not down and not asked_up)
        ):
            lead = f"不是{'增加' if down else '减少'}，而是"
        text = f"{lead}{direction}{value_text}{unit}。原文：{quote}"
    elif q.intent in ("change", "yesno_change") and f.source == "table":
        # a 增减额/增减率 column: its sign says the direction
        if re.search(r"率|%|％", fold(f.column)):
            unit = "%"
        way = "增加" if value > 0 else "减少" if value < 0 else "持平"
        if re.search(r"增减|增长|变动", name) or not core(name):
            # the 三公 table's 增减额 column is the subject's change (named as corrected: 三公经废 → 三公经费)
            fixed = best.doc.typo_variants([core(q.subject)])
            name = A.display_label(fixed[0] if fixed else q.subject)
        value = abs(value)
        shown = A.fmt_thousands(value) if unit == "元" else A.fmt_value(value)
        text = f"{year}{name}比上年{way}" + (f"{shown}{unit}" if value else "") + f"（{f.table_title}“{A.display_label(f.column)}”列）。"
    elif q.intent in ("count", "change", "yesno_change"):
        text = f"{year}{name}：{value_text}{unit}。"
        if f.source == "sentence":
            text = f"{value_text}{unit}。原文：{quote}"
    else:
        said = A.measure_text(fold(f.column), fold(best.entry.measure)) if f.source == "table" else fold(f.row_label)
        mw = A.measure_word(doc, said)
        name = re.sub(r"(预算数|决算数|预算|决算)$", "", name) or name
        if unit == "%":
            mw = ""  # "2024年完成年初预算的98.20%"
        text = f"{year}{name}{mw}{value_text}{unit}"
        if converted:
            text += f"（原文为{A.fmt_value(head.value)}{head.unit}）"
        elif head is not f:
            text += f"（表中为{A.fmt_thousands(f.value)}{f.unit}）"
        text += "。"
    items: tuple[Item, ...] = ()
    leaf_total = best.entry.subject_from_column and not core(best.entry.measure)
    # a narrative total lists its parts right after it: "…1.90万元，其中，公务接待费0.40万元…"
    if q.intent == "value" and head is f and not converted and (leaf_total or f.source == "sentence"):
        # "三公经费多少": the total with its parts, as the 三公 table or the sentence gives them
        kids = _children(best, idx)
        if 2 <= len(kids) <= 6:
            items, listed = _itemize(_labelled_children(kids, idx), doc, idx)
            text = text.rstrip("。") + f"，其中{listed}。"
    if any(x.entry.fact.source == "sentence" for x in support):
        conflict = []  # the narrative states this figure; other mentions are other measures
    for c in conflict[:1]:
        cf = c.entry.fact
        where = "正文" if cf.source == "sentence" else "表格"
        text += f"注意：{where}第{cf.page_number}页另述为{A.fmt_value(cf.value)}{cf.unit}，与此不一致，请以原文核对。"
        cites.append(A.citation_for(cf, doc, sentences.get(cf.sentence_id)))
    context = dict(
        ctx_base,
        doc_id=doc["doc_id"],
        year=doc.get("year"),
        subject=q.subject,
        measure=best.entry.measure,
        intent=q.intent,
        unit_name=doc.get("unit_name"),
        doc_type=doc.get("doc_type"),
    )
    return Answer(
        question=q.text,
        status=STATUS_ANSWERED,
        answer=text,
        value=_dec(value),
        unit=unit,
        items=items,
        citations=tuple(cites),
        context=context,
    )


def _answer_none_stated(q: Question, docs, ctx_base: dict) -> Answer | None:
    """本单位无政府性基金安排的支出: a subject the narrative says is absent is 0, cited."""
    variants, _ = subject_variants(q.subject)
    for doc, idx in docs:
        for v in variants:
            key = re.sub(r"(预算支出|预算收入|预算|支出|收入|经费|拨款)+$", "", v)
            if len(key) < 3:
                continue
            pattern = re.compile("(?:无|没有|未安排|未发生|不涉及)(?:安排|使用)?" + re.escape(key[:6]))
            for s in idx.sentences:
                t = re.sub(r"\([^()]{0,12}\)", "", fold(s.text))
                if pattern.search(t):
                    unit = _doc_unit(idx)
                    year = A.year_prefix(doc)
                    return Answer(
                        q.text,
                        STATUS_ANSWERED,
                        f"{year}{A.display_label(q.subject)}为0{unit}（文件说明：{s.text}）",
                        value=0.0,
                        unit=unit,
                        citations=(A.sentence_citation(s, doc),),
                        context=_context(ctx_base, doc, q, "value"),
                    )
    return None


_WEAK_BIGRAMS = {
    "人员",
    "单位",
    "部门",
    "工作",
    "人数",
    "数量",
    "金额",
    "预算",
    "支出",
    "收入",
    "经费",
    "项目",
    "在编",
    "在职",
}


def _count_fallback(q: Question, docs) -> list[tuple[float, Scored, dict]]:
    """A count asked in other words (培训计划多少人参加): the only figures in that unit sharing words with it."""
    if not q.count_unit:
        return []
    variants, _ = subject_variants(q.subject)
    per_variant = [{v[i : i + 2] for i in range(len(v) - 1)} for v in variants if len(v) >= 2]
    out = []
    for doc, idx in docs:
        for e in idx.entries:
            f = e.fact
            if f.source != "sentence" or not _unit_ok(f, q) or _other_threshold(f, q):
                continue
            text = fold(f.quote)[: max(f.col, 0) + 8]
            best = 0.0
            for grams in per_variant:
                hits = [g for g in grams if g in text]
                content = [g for g in hits if g not in _WEAK_BIGRAMS]
                # two shared words, or one telling word (培训 in 培训计划多少人参加)
                if len(hits) >= max(2, (len(grams) + 1) // 2) or (content and len(grams) <= 6):
                    best = max(best, len(hits) / len(grams))
            if best:
                out.append((best, Scored(e, float(DEFAULT_ACCEPT), idx), doc))
    out.sort(key=lambda t: -t[0])
    return out[:1]
