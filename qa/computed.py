"""Figures computed from cited figures: shares, sums, differences, each with its formula."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from index.model import Fact
from index.normalize import fold

from . import answer as A
from .candidates import _context, _dec, _is_money, _rank
from .figures import _answer_value
from .matcher import (
    DEFAULT_ACCEPT,
    core,
    subject_variants,
)
from .model import STATUS_ANSWERED, Answer, Citation, Item
from .normalize import convert_amount
from .question import Question


def _answer_sum_of_chapters(q: Question, docs, ctx_base: dict) -> Answer | None:
    """ "四个专项项目经费加起来": the totals of the chapters (one per project page) of that kind, summed."""
    m = re.search(r"(\d+|几|这些|所有|各)个?(.{0,8}?)(专项|项目)", q.norm)
    if not m:
        return None
    wanted = int(m.group(1)) if m.group(1).isdigit() else None
    kind = m.group(3)
    for doc, idx in docs:
        by_chapter: dict[str, Fact] = {}
        for s in idx.sentences:
            chapter = s.section.split("/")[0] if "/" in s.section else ""
            if kind not in chapter or chapter in by_chapter:
                continue
            for f in idx.sentence_figures.get(s.sentence_id, []):
                if _is_money(f.unit) and re.search(r"总预算|预算总额|总额", f.row_label):
                    by_chapter[chapter] = f
                    break
        if len(by_chapter) < 2 or (wanted is not None and len(by_chapter) != wanted):
            continue
        unit = next(iter(by_chapter.values())).unit
        values = [convert_amount(f.value, f.unit, unit) for f in by_chapter.values()]
        total = sum(values, Decimal(0))
        formula = " + ".join(A.fmt_converted(v) for v in values) + f" = {A.fmt_converted(total)}"
        sentences = idx.sentence_by_id
        items = tuple(
            Item(
                re.sub(r"(经费|资金)?(情况)?(说明|情况)$", "", ch),
                _dec(f.value),
                f.unit,
                A.citation_for(f, doc, sentences.get(f.sentence_id)),
            )
            for ch, f in by_chapter.items()
        )
        names = "、".join(i.label for i in items)
        text = f"{names}合计{A.fmt_converted(total)}{unit}（{formula}）。"
        return Answer(
            q.text,
            STATUS_ANSWERED,
            text,
            float(total),
            unit,
            items,
            formula,
            tuple(i.citation for i in items if i.citation),
            (),
            _context(ctx_base, doc, q, "sum"),
        )
    return None


def _join_pieces(pieces: list[str], value_of) -> list[str]:
    """["商品", "和", "服务支出", "、", "差旅费"] → ["商品和服务支出", "差旅费"]: a conjunction inside a
    subject's name stays, pieces that are answerable alone become operands."""
    words, seps = pieces[0::2], pieces[1::2]
    out: list[str] = []
    cur = words[0]
    for sep, word in zip(seps, words[1:], strict=False):
        a, b = value_of(cur), value_of(word)
        # two halves answered by the same cell are one name (商品 / 服务支出)
        if a is not None and b is not None and a.citations[:1] != b.citations[:1]:
            out.append(cur)
            cur = word
        else:
            cur = cur + sep + word
    out.append(cur)
    return [o.strip() for o in out if o.strip()]


def _answer_arithmetic(q: Question, docs, ctx_base: dict) -> Answer | None:
    """A sum of named subjects, or the difference of two, each operand cited, with the formula."""
    memo: dict[str, Answer | None] = {}

    def value_of(part: str) -> Answer | None:
        if part not in memo:
            a = _answer_value(replace(q, intent="value", subject=part, unit=None), docs, ctx_base)
            ok = (
                a is not None
                and a.status == STATUS_ANSWERED
                and a.value is not None
                and _is_money(a.unit or "")
            )
            memo[part] = a if ok else None
        return memo[part]

    parts = list(q.parts) if q.intent == "diff" else _join_pieces(list(q.parts), value_of)
    if q.intent == "list" and len(parts) < 2:
        return None
    answers = []
    for part in parts:
        a = value_of(part)
        if a is None:
            return None  # every operand must be found, or nothing is computed
        answers.append((part, a))
    if len(answers) < 2:
        return None
    unit = answers[0][1].unit
    values = [convert_amount(Decimal(str(a.value)), a.unit, unit) for _, a in answers]
    if q.intent == "list":
        listed = "；".join(a.answer.rstrip("。") for _, a in answers)
        items = tuple(Item(p, a.value, a.unit, a.citations[0]) for p, a in answers)
        cites = tuple(c for _, a in answers for c in a.citations[:2])
        return Answer(
            q.text,
            STATUS_ANSWERED,
            listed + "。",
            None,
            None,
            items,
            None,
            cites,
            (),
            dict(answers[0][1].context, intent="value"),
        )
    if q.intent == "sum":
        total = sum(values, Decimal(0))
        formula = " + ".join(A.fmt_converted(v) for v in values) + f" = {A.fmt_converted(total)}"
        text = "、".join(p for p, _ in answers) + f"合计{A.fmt_converted(total)}{unit}（{formula}）。"
    else:
        total = values[0] - values[1]
        formula = f"{A.fmt_converted(values[0])} − {A.fmt_converted(values[1])} = {A.fmt_converted(total)}"
        more = "多" if total >= 0 else "少"
        text = f"{answers[0][0]}比{answers[1][0]}{more}{A.fmt_converted(abs(total))}{unit}（{formula}）。"
    value = total
    if q.unit and q.unit != unit:
        value, unit = convert_amount(total, unit, q.unit), q.unit
    items = tuple(Item(p, a.value, a.unit, a.citations[0]) for p, a in answers)
    cites = tuple(c for _, a in answers for c in a.citations[:1])
    return Answer(
        q.text,
        STATUS_ANSWERED,
        text,
        float(value),
        unit,
        items,
        formula,
        cites,
        (),
        dict(answers[0][1].context, intent=q.intent),
    )


def _stated_percent(docs, doc_id: str | None, subject: str, pct: Decimal) -> Citation | None:
    """The share as the document itself prints it ("…基本支出…占79.49%"), when it agrees."""
    for doc, idx in docs:
        if doc["doc_id"] != doc_id:
            continue
        v = core(subject)
        for e in idx.entries:
            f = e.fact
            if f.unit == "%" and abs(f.value - pct) < Decimal("0.006") and v and v in fold(f.quote):
                sentences = idx.sentence_by_id
                return A.citation_for(f, doc, sentences.get(f.sentence_id))
    return None


def _names_denominator(stated: Answer, denominator: str, docs) -> bool:
    """The printed share is of the whole asked about: its 占… clause names it (占一般公共预算支出的
    81.14%), or its sentence or section does ("五、一般公共预算财政拨款支出决算情况说明 … 占81.14%")."""
    d = core(denominator)
    if not d or not stated.citations:
        return False
    c = stated.citations[0]
    said = re.sub(r"财政拨款", "", fold(c.quote + _section_of(c, docs)))  # 一般公共预算财政拨款支出 names 一般公共预算支出
    return d in said or re.sub(r"支出$", "", d) in said


def _answer_stated_share(q: Question, docs, ctx_base: dict) -> Answer | None:
    """ "项目支出3,344.82万元，占39.00%": a share the narrative prints for the subject, cited as printed."""
    variants, _ = subject_variants(q.subject)
    for doc, idx in docs:
        sentences = idx.sentence_by_id
        for e in idx.entries:
            f = e.fact
            if (
                f.source != "sentence"
                or f.unit != "%"
                or f.measure == "change"
                or not f.row_label.startswith("占")
            ):
                continue
            # clauses end at punctuation, not at the thousands comma of 1,437.67
            clauses = re.split(r"[，；;。]|,(?!\d{3})", f.quote[: f.col])
            clause = fold(clauses[-2] if len(clauses) >= 2 else f.quote[: f.col])
            before = fold(f.quote[: f.col])[-30:]
            if any(v and (v in clause or v in before[-len(v) - 16 :]) for v in variants):
                s = sentences.get(f.sentence_id)
                text = f"{A.display_label(q.subject)}占{A.fmt_value(f.value)}%（文件原文：{s.text if s else f.quote}）"
                return Answer(
                    q.text,
                    STATUS_ANSWERED,
                    text,
                    _dec(f.value),
                    "%",
                    (),
                    None,
                    (A.citation_for(f, doc, s),),
                    (),
                    _context(ctx_base, doc, q, "share"),
                )
    return None


_FISCAL = re.compile(r"财政拨款|一般公共预算")
DEFAULT_SHARE_MATCH = 74  # how well the subject must name a figure before a share is computed from it


def _fiscal(c: Citation, docs) -> bool:
    """Whether a cited figure counts 财政拨款 money only (its table, column, sentence or section
    says so) rather than all funds: a share's two figures must count the same money."""
    if c.kind == "table":
        return bool(_FISCAL.search(fold((c.table or "") + (c.column or ""))))
    return bool(_FISCAL.search(fold(c.quote + _section_of(c, docs))))


def _section_of(c: Citation, docs) -> str:
    """The section a cited sentence stands in ("五、一般公共预算财政拨款支出决算情况说明")."""
    return next((idx.section_by_text.get(c.quote, "") for doc, idx in docs if doc["doc_id"] == c.doc_id), "")


def _beside(q: Question, docs, num: Answer) -> Answer | None:
    """The denominator printed where the numerator is (the same table or sentence): 人员经费 of the
    财政拨款 基本支出 table is a share of that table's 基本支出, not of the all-funds total."""
    tables = {c.table_id for c in num.citations if c.table_id}
    quotes = {c.quote for c in num.citations if c.kind == "sentence"}
    if num.value is None or not _is_money(num.unit or ""):
        return None
    for _score, s, doc in _rank(q, docs, q.subject)[:12]:
        f = s.entry.fact
        if s.score < DEFAULT_ACCEPT or not f.value or not f.quote or not _is_money(f.unit):
            continue
        if convert_amount(f.value, f.unit, num.unit or f.unit) <= Decimal(str(num.value)):
            continue  # a whole is larger than its part: a sibling column is not the total
        sentence = s.doc.sentence_by_id.get(f.sentence_id)
        # the numerator's sentence, or the one before it ("…基本支出1,399.90万元。其中：人员经费…")
        pos = s.doc.sentence_pos.get(f.sentence_id, -2)
        near = {s.doc.sentences[k].text for k in (pos, pos + 1) if 0 <= k < len(s.doc.sentences)}
        if (f.source == "table" and f.table_id in tables) or (sentence is not None and near & quotes):
            cite = A.citation_for(f, doc, sentence)
            shown = A.fmt_thousands(f.value) if f.unit == "元" else A.fmt_value(f.value)
            text = f"{A.display_label(q.subject)}为{shown}{f.unit}"
            return Answer(q.text, STATUS_ANSWERED, text, _dec(f.value), f.unit, citations=(cite,), context=num.context)
    return None


def _answer_each_share(q: Question, docs, ctx_base: dict) -> Answer | None:
    """基本支出和项目支出各占多少: each part's share of the same whole, listed."""
    parts = [p for p in re.split(r"和|与|、|及|以及", re.sub(r"各$", "", q.subject)) if p.strip()]
    if len(parts) < 2:
        return None
    answers = [_answer_share(replace(q, subject=p.strip()), docs, ctx_base) for p in parts]
    if not all(a is not None and a.status == STATUS_ANSWERED and a.value is not None for a in answers):
        return None
    items = tuple(Item(p.strip(), a.value, "%", a.citations[0]) for p, a in zip(parts, answers, strict=True))
    text = "；".join(a.answer.rstrip("。") for a in answers) + "。"
    cites = tuple(dict.fromkeys(c for a in answers for c in a.citations[:2]))
    return Answer(q.text, STATUS_ANSWERED, text, None, None, items, None, cites,
                  context=dict(answers[0].context, intent="share"))


def _answer_share(q: Question, docs, ctx_base: dict) -> Answer | None:
    if re.search(r"各", q.norm) and re.search(r"和|与|、|及", q.subject):
        return _answer_each_share(q, docs, ctx_base)
    # the share as printed: "…占本年支出合计的50.21%"; with a denominator asked, only one naming it
    stated = _answer_stated_share(q, docs, ctx_base)
    if stated is not None and (not q.denominator or _names_denominator(stated, q.denominator, docs)):
        return stated
    # a share computed from a loose reading of its subject (医保报销 ≈ 医疗保险缴费) misleads
    num = _answer_value(replace(q, intent="value"), docs, ctx_base, min_score=DEFAULT_SHARE_MATCH)
    if num is None or num.status != STATUS_ANSWERED:
        return num
    if not _is_money(num.unit or ""):
        return None  # a share of money only: not of a percentage or a count
    denominator = q.denominator
    if not denominator or re.fullmatch(r"(整个|全|总)?(部门|单位|局|预算|总额|总数|全部|整体|总体|总量)(的)?(总)?(预算|总额|支出|收入)?", denominator):
        # 占比 / 占整个部门的比例: a share of the department's total
        denominator = "收入" if "收入" in q.subject else "支出"
    den_q = replace(q, intent="value", subject=denominator, unit=None, org_unit="")  # the whole, not the unit
    den = _answer_value(den_q, docs, ctx_base)
    if den is None or den.status != STATUS_ANSWERED or not den.value:
        return A.not_found(q.text, A.reason("no_denominator", subject=q.subject), (), ctx_base)
    # a figure printed anywhere as 财政拨款 money counts that money (all-funds tables repeat it)
    if any(_fiscal(c, docs) for c in num.citations) != any(_fiscal(c, docs) for c in den.citations):
        den = _beside(den_q, docs, num) or den
    a, b = Decimal(str(num.value)), Decimal(str(den.value))
    if num.unit != den.unit and _is_money(num.unit or "") and _is_money(den.unit or ""):
        a = convert_amount(a, num.unit, den.unit)
    pct = (a / b * 100).quantize(Decimal("0.01"))
    formula = f"{A.fmt_converted(a)} ÷ {A.fmt_converted(b)} = {pct}%"
    name_a = num.answer.split("为")[0] if "为" in num.answer else q.subject
    text = f"{q.subject}占{denominator}的{pct}%（{num.answer.rstrip('。')}；{den.answer.rstrip('。')}；{formula}）。"
    del name_a
    items = (
        Item(q.subject, num.value, num.unit, num.citations[0]),
        Item(denominator, den.value, den.unit, den.citations[0]),
    )
    stated = _stated_percent(docs, num.context.get("doc_id"), q.subject, pct)
    if stated is not None:
        text += f"文件中也写明了这一比例（第{stated.page}页）。"
    return Answer(
        question=q.text,
        status=STATUS_ANSWERED,
        answer=text,
        value=float(pct),
        unit="%",
        items=items,
        formula=formula,
        citations=((stated,) if stated else ()) + tuple(num.citations[:2]) + tuple(den.citations[:2]),
        context=dict(num.context, intent="share"),
    )
