"""Answers in the narrative's words: changes said in words, reasons, purposes, definitions, the unit."""

from __future__ import annotations

import re

from index.normalize import fold

from . import answer as A
from .candidates import _context, _subject_sentences
from .matcher import (
    core,
    subject_variants,
)
from .model import STATUS_ANSWERED, Answer
from .question import Question

_CHANGE_WORDS = re.compile(r"持平|不变|一致|相同|增加|增长|上升|提高|减少|下降|降低|节约|压减")


_REASON_WORDS = re.compile(r"主要原因|原因是|原因为|原因:|原因：|主要是|主要由于|由于|因为")


def _answer_change_text(q: Question, docs, ctx_base: dict, want_reason: bool) -> Answer | None:
    for doc, idx in docs:
        hits = []
        subject_hits = _subject_sentences(idx, q.subject)
        if want_reason:
            # "三公经费为什么没花": a sentence naming the subject that states its own reason
            own = [i for i in subject_hits if _REASON_WORDS.search(idx.sentences[i].text)]
            if own and not any(_CHANGE_WORDS.search(idx.sentences[i].text) for i in subject_hits[:1]):
                s = idx.sentences[own[0]]
                return Answer(
                    q.text,
                    STATUS_ANSWERED,
                    f"根据文件说明：{s.text}",
                    citations=(A.sentence_citation(s, doc),),
                    context=_context(ctx_base, doc, q, q.intent),
                )
        variants, _ = subject_variants(q.subject)
        for i in subject_hits:
            t = idx.folded_sentences[i]
            # the change must be said of the subject: within a clause after it is named
            near = any(
                v and v in t and _CHANGE_WORDS.search(t[t.index(v) : t.index(v) + len(v) + 24])
                for v in variants
            )
            if near:
                hits.append(i)
            elif (
                i + 1 < len(idx.sentences)
                and re.match(r"^(比|较|与|同比|相比)", idx.folded_sentences[i + 1])
                and _CHANGE_WORDS.search(idx.sentences[i + 1].text)
            ):
                hits.append(i + 1)  # "…“三公”经费预算数为11.80万元…。比2023年减少0.50万元"
        if not hits:
            continue
        i = hits[0]
        s = idx.sentences[i]
        cites = [A.sentence_citation(s, doc)]
        ctx = _context(ctx_base, doc, q, q.intent)
        if want_reason:
            reason_s = None
            for j in [i, *range(i + 1, min(i + 3, len(idx.sentences)))]:
                if _REASON_WORDS.search(idx.sentences[j].text):
                    reason_s = idx.sentences[j]
                    break
            if reason_s is None:
                for k in hits[1:]:
                    if _REASON_WORDS.search(idx.sentences[k].text):
                        reason_s = idx.sentences[k]
                        break
            if reason_s is None:
                continue
            if reason_s is not s:
                cites.append(A.sentence_citation(reason_s, doc))
            text = f"{s.text}{reason_s.text if reason_s is not s else ''}"
            return Answer(
                q.text, STATUS_ANSWERED, f"根据文件说明：{text}", citations=tuple(cites), context=ctx
            )
        word = _CHANGE_WORDS.search(s.text).group(0)
        verdict = {"持平": "持平", "不变": "持平", "一致": "持平", "相同": "持平"}.get(word, word)
        return Answer(
            q.text, STATUS_ANSWERED, f"{verdict}。原文：{s.text}", citations=tuple(cites), context=ctx
        )
    return None


def _answer_nearby_reason(q: Question, docs, ctx_base: dict) -> Answer | None:
    """乡镇卫生院为什么比预算少: no year-on-year change is said, but a reason follows the subject
    within two sentences ("…（项）。年初预算为…。决算数小于预算数的主要原因是…")."""
    variants, _ = subject_variants(q.subject)
    for doc, idx in docs:
        hits = _subject_sentences(idx, q.subject)
        # where the subject stands as a whole name ("…防汛（项）。") before where it is part of
        # a longer word (防汛抢险)
        whole = re.compile("|".join(re.escape(v) + r"(?![\u4e00-\u9fff])" for v in variants if v) or "$^")
        item = re.compile("|".join(re.escape(v) + r"[（(][项款类][)）]" for v in variants if v) or "$^")
        hits.sort(key=lambda i: (not item.search(idx.sentences[i].text), not whole.search(idx.folded_sentences[i])))
        for i in hits:
            for j in range(i, min(i + 3, len(idx.sentences))):
                s = idx.sentences[j]
                if _REASON_WORDS.search(s.text):
                    lead = idx.sentences[i]
                    cites = tuple(dict.fromkeys((A.sentence_citation(lead, doc), A.sentence_citation(s, doc))))
                    between = "".join(x.text for x in idx.sentences[i : j + 1])
                    return Answer(
                        q.text, STATUS_ANSWERED, f"根据文件说明：{between}", citations=cites,
                        context=_context(ctx_base, doc, q, q.intent),
                    )
    return None


_PURPOSE_WORDS = re.compile(r"主要用于|用于|主要是用于|用来")


def _answer_purpose(q: Question, docs, ctx_base: dict) -> Answer | None:
    """购房补贴主要用来干嘛: the narrative sentence that says what the subject's money is used for."""
    for doc, idx in docs:
        hits = _subject_sentences(idx, q.subject)
        for i in hits:
            for j in (i, i + 1):
                if j < len(idx.sentences) and _PURPOSE_WORDS.search(idx.sentences[j].text):
                    s = idx.sentences[j]
                    cites = tuple(
                        dict.fromkeys(
                            (A.sentence_citation(idx.sentences[i], doc), A.sentence_citation(s, doc))
                        )
                    )
                    text = idx.sentences[i].text + ("" if j == i else s.text)
                    return Answer(
                        q.text,
                        STATUS_ANSWERED,
                        f"根据文件：{text}",
                        citations=cites,
                        context=_context(ctx_base, doc, q, "purpose"),
                    )
    return None


def _answer_definition(q: Question, docs, ctx_base: dict) -> Answer | None:
    variants, _ = subject_variants(q.subject)
    alts = "|".join(re.escape(v) for v in sorted({v for v in variants if v}, key=len, reverse=True))
    if not alts:
        return None
    # "机关运行经费：是指…" / "三公经费是指…" as the 名词解释 section writes them
    pattern = re.compile(f"^.{{0,8}}?(?:{alts})[^:,。;]{{0,4}}?(?::|,?是指|指|反映|是)")
    for doc, idx in docs:
        best = None
        for s, t in zip(idx.sentences, idx.folded_sentences, strict=True):
            if pattern.match(t) and len(t) > 12:
                if best is None or "名词解释" in s.section:
                    best = s
            if best is not None and "名词解释" in best.section:
                break
        if best is not None:
            return Answer(
                q.text,
                STATUS_ANSWERED,
                best.text,
                citations=(A.sentence_citation(best, doc),),
                context=dict(ctx_base, doc_id=doc["doc_id"], subject=q.subject, intent="definition"),
            )
    return None


def _answer_org(q: Question, docs, ctx_base: dict) -> Answer | None:
    for doc, idx in docs:
        for s in idx.sentences:
            if re.search(r"所属|隶属|主管|下属|归口|直属", s.text) and (
                not doc.get("unit_name") or fold(doc["unit_name"]) in fold(s.text)
            ):
                return Answer(
                    q.text,
                    STATUS_ANSWERED,
                    f"根据文件：{s.text}",
                    citations=(A.sentence_citation(s, doc),),
                    context=dict(ctx_base, doc_id=doc["doc_id"], intent="org"),
                )
    return None


def _glossary_answer(q: Question, ctx_base: dict) -> Answer | None:
    from .lexicon import load_glossary

    variants, _ = subject_variants(q.subject)
    for entry in load_glossary().values():
        if core(entry.term) in variants:
            text = f"文件中没有对“{entry.term}”的名词解释。一般含义：{entry.definition}"
            return Answer(
                q.text, "not_found", text, suggestions=tuple(A.DEFAULT_SUGGESTIONS[:3]), context=ctx_base
            )
    return None


_DUTY_SECTION = re.compile(r"职能|职责|主要任务|工作任务")
_UNITS_SECTION = re.compile(r"单位构成|预算单位|决算单位|机构设置|所属单位")


def _answer_units(q: Question, docs, ctx_base: dict) -> Answer | None:
    """决算包括哪些单位: the sentences of the 单位构成 section."""
    return _answer_duties(q, docs, ctx_base, section=_UNITS_SECTION)


def _answer_duties(q: Question, docs, ctx_base: dict, section: re.Pattern = _DUTY_SECTION) -> Answer | None:
    """这个单位是干什么的: the unit's duties as its 职能职责 section lists them (the first few)."""
    for doc, idx in docs:
        listed = [
            s for s in idx.sentences
            if section.search(s.section) and s.text != s.section and not section.fullmatch(s.text)
        ]
        # a section heading sticks to later pages' notes ("注：…本表无数据"): keep its own pages only
        listed = [s for s in listed if listed and s.page_number <= listed[0].page_number + 1 and not s.text.startswith("注")]
        if listed:
            shown = listed[:4]
            more = f"（共{len(listed)}项，此处列出前{len(shown)}项）" if len(listed) > len(shown) else ""
            return Answer(
                q.text,
                STATUS_ANSWERED,
                f"根据文件“{shown[0].section.split('/')[-1]}”：" + "".join(s.text for s in shown) + more,
                citations=tuple(A.sentence_citation(s, doc) for s in shown),
                context=dict(ctx_base, doc_id=doc["doc_id"], intent="duties"),
            )
    return None
