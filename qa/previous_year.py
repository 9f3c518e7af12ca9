"""Last year's figure from this year's document: "去年呢", "2024年的三公经费" on a 2025 disclosure.

Documents state last year in three ways, tried in this order:
a column of last year's figures in the same table row (上年预算数, 2024年执行数); a change
sentence ("较去年减少0.97万元"), from which last year is this year minus the change, shown
as a formula; or "与2024年持平", where last year is this year's figure. Each cites the
places it comes from. A percentage change alone is not used: last year would be a
rounded guess, not a figure the document supports.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.normalize import fold

from . import answer as A
from .candidates import YEAR_WORDS, _context, _dec, _is_money, _rank, _subject_sentences, column_year
from .matcher import DEFAULT_ACCEPT, subject_variants
from .model import STATUS_ANSWERED, Answer, Item
from .normalize import convert_amount
from .question import Question

_UP = ("增加", "增长", "上升", "提高")
_DOWN = ("减少", "下降", "降低", "节约", "压减")
_SAME = re.compile(r"持平|不变|一致|相同")


def _last_year_column(column: str, year: int) -> bool:
    return column_year(column, year) == year - 1


def _without_year(column: str) -> str:
    """A column path without the part that says which year (本年预算数, 上年, 2024年执行数)."""
    return "/".join(p for p in fold(column).split("/") if p and not YEAR_WORDS.search(p))


def answer_previous_year(q: Question, docs, ctx_base: dict) -> Answer | None:
    """Last year's figure of ``q.subject``, from the one document of this year in ``docs``."""
    base = replace(q, intent="value", year=None, year_offset=None, unit=None)
    ranked = _rank(base, docs, q.subject)
    if not ranked or ranked[0][1].score < DEFAULT_ACCEPT:
        return None
    _, best, doc = ranked[0]
    if not doc.get("year"):
        return None
    idx, now = best.doc, best.entry.fact
    year, prev = doc["year"], doc["year"] - 1
    sentences = idx.sentence_by_id
    ctx = dict(_context(ctx_base, doc, base, "value"), subject=q.subject)
    name = A.display_label(q.subject)

    # 1. the same row, last year's column (of the table printing this year's figure, when the
    # narrative ranked first: "「三公」經費預算4.05萬元" is also the 本年 cell of the 三公 table)
    if now.source != "table":
        cell = next(
            (
                s.entry.fact
                for _, s, d in ranked[:12]
                if s.entry.fact.source == "table" and s.entry.fact.value == now.value and s.score >= DEFAULT_ACCEPT
            ),
            None,
        )
        now = cell or now
    if now.source == "table":
        row = idx.row_facts(now.table_id, now.row)
        last = [f for f in row if _last_year_column(f.column, year) and f.quote]
        # the same column of last year's block: 上年预算数/公务接待费 for 本年预算数/公务接待费
        same = [f for f in last if _without_year(f.column) == _without_year(now.column)]
        if same or (last and not _without_year(now.column)):
            f = (same or last)[0]
            text = f"{prev}年{name}为{A.fmt_value(f.value)}{f.unit}"
            cites = [A.citation_for(f, doc)]
            if now is not f and not _last_year_column(now.column, year):
                text += f"（{year}年为{A.fmt_value(now.value)}{now.unit}）"
                cites.append(A.citation_for(now, doc))
            return Answer(
                q.text, STATUS_ANSWERED, text + "。", _dec(f.value), f.unit, citations=tuple(cites), context=ctx
            )
    if not _is_money(now.unit):
        return None

    # 2. a stated change of the same subject
    for _score, s, _d in _rank(replace(base, intent="change"), [(doc, idx)], q.subject):
        ch = s.entry.fact
        if s.score < DEFAULT_ACCEPT or ch.source != "sentence" or not _is_money(ch.unit):
            continue
        label = fold(ch.row_label)
        up, down = any(w in label for w in _UP), any(w in label for w in _DOWN)
        if up == down:
            continue
        delta = convert_amount(ch.value, ch.unit, now.unit)
        value = now.value - delta if up else now.value + delta
        sign = "−" if up else "+"
        formula = f"{A.fmt_value(now.value)} {sign} {A.fmt_converted(delta)} = {A.fmt_converted(value)}"
        quote = sentences[ch.sentence_id].text if ch.sentence_id in sentences else ch.quote
        text = (
            f"{prev}年{name}为{A.fmt_converted(value)}{now.unit}：{year}年为{A.fmt_value(now.value)}{now.unit}，"
            f"文件说明比上年{'增加' if up else '减少'}{A.fmt_value(ch.value)}{ch.unit}。计算：{formula}。原文：{quote}"
        )
        items = (
            Item(f"{year}年", _dec(now.value), now.unit, A.citation_for(now, doc, sentences.get(now.sentence_id))),
            Item(f"比上年{'增加' if up else '减少'}", _dec(ch.value), ch.unit, A.citation_for(ch, doc, sentences.get(ch.sentence_id))),
        )
        return Answer(
            q.text, STATUS_ANSWERED, text, _dec(value), now.unit, items, formula,
            tuple(it.citation for it in items), context=ctx,
        )

    # 3. "与2024年持平": the same figure as this year
    variants, _ = subject_variants(q.subject)
    for i in _subject_sentences(idx, q.subject):
        said = [idx.sentences[i]]
        t = idx.folded_sentences[i]
        nxt = idx.folded_sentences[i + 1] if i + 1 < len(idx.sentences) else ""
        if re.match(r"(与|比|较|同比)", nxt) and _SAME.search(nxt[:30]) and re.search(rf"上年|去年|{prev}", nxt):
            # "（三）公务接待费1.00万元。与2024年预算持平，…": the next sentence goes on about it
            t += "。" + nxt
            said.append(idx.sentences[i + 1])
        for v in variants:
            at = t.find(v) if v else -1
            if at >= 0 and _SAME.search(t[at:]) and re.search(rf"上年|去年|{prev}", t[at:]):
                # this year's figure as the same sentence states it, else the best-ranked one
                own = next((f for f in idx.sentence_figures.get(said[0].sentence_id, []) if _is_money(f.unit)), None)
                base_fact = own or now
                quote = "".join(x.text for x in said)
                text = (
                    f"{prev}年{name}与{year}年相同，为{A.fmt_value(base_fact.value)}{base_fact.unit}。原文：{quote}"
                )
                cites = tuple(
                    dict.fromkeys(
                        [A.citation_for(base_fact, doc, sentences.get(base_fact.sentence_id))]
                        + [A.sentence_citation(x, doc) for x in said]
                    )
                )
                return Answer(
                    q.text, STATUS_ANSWERED, text, _dec(base_fact.value), base_fact.unit, citations=cites, context=ctx
                )
    return None
