"""``ask``: one question (plus optional conversation context) to one Answer.

The faces (CLI, Streamlit page, HTTP API) all call this function.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from index.model import Fact
from index.normalize import fold

from . import answer as A
from .matcher import (
    DEFAULT_ACCEPT,
    DEFAULT_TIE,
    DocIndex,
    IndexCache,
    Scored,
    core,
    score_entries,
    subject_variants,
)
from .model import STATUS_ANSWERED, Answer, Citation, Item
from .normalize import convert_amount
from .question import Question, parse_question

COUNT_UNIT_FAMILY = {"台": ("台", "台（套）", "台(套)", "套"), "套": ("套", "台（套）", "台(套)")}
_TOTAL_LEAVES = ("合计", "总计", "小计", "金额", "本年预算", "预算数", "决算数", "本年收入合计", "本年支出合计", "")
_CHANGE_WORDS = re.compile(r"持平|不变|一致|相同|增加|增长|上升|提高|减少|下降|降低|节约|压减")
_REASON_WORDS = re.compile(r"主要原因|原因是|原因为|原因:|原因：|主要是|主要由于|由于|因为")


def _cache(store) -> IndexCache:
    cache = getattr(store, "_qa_index_cache", None)
    if cache is None:
        cache = IndexCache()
        store._qa_index_cache = cache
    return cache


def _dec(x: Decimal) -> float:
    return float(x)


# ---------------------------------------------------------------- scope


def _merge_context(q: Question, context: dict | None) -> Question:
    if not context:
        return q
    subject = q.subject
    if subject.startswith(("那", "那么")):
        subject = re.sub(r"^(那么|那)", "", subject)
    intent = q.intent
    if not subject and context.get("subject"):
        subject = context["subject"]
        if intent == "value" and context.get("intent") in ("count", "change", "value"):
            intent = context["intent"]
    year = q.year
    if q.year_offset is not None and context.get("year"):
        year = int(context["year"]) + q.year_offset
    return replace(q, subject=subject, intent=intent, year=year, year_offset=None if year else q.year_offset)


def _scope(store, q: Question, doc_id: str | None, context: dict | None) -> tuple[list[dict], str | None]:
    """Documents to search, or a not-found reason."""
    docs = store.documents()
    if not docs:
        return [], A.reason("no_docs")
    ctx_doc = None
    if context and context.get("doc_id"):
        ctx_doc = next((d for d in docs if d["doc_id"] == context["doc_id"]), None)
    if doc_id:
        chosen = [d for d in docs if d["doc_id"] == doc_id]
        if not chosen:
            return [], f"没有编号为{doc_id}的文档"
        unit = chosen[0]["unit_name"]
        # another year or 决算 of the same unit may be asked for explicitly
        if q.year and q.year != chosen[0]["year"] or q.measure == "决算数" and chosen[0]["doc_type"] == "预算" and q.followup:
            docs = [d for d in docs if d["unit_name"] == unit]
        else:
            docs = chosen
    elif ctx_doc is not None:
        same_unit = [d for d in docs if d["unit_name"] == ctx_doc["unit_name"]]
        docs = same_unit if (q.year and q.year != ctx_doc["year"]) or q.measure == "决算数" else [ctx_doc]
    # a unit named in the question narrows the scope
    named = [d for d in docs if d.get("unit_name") and fold(d["unit_name"]) in q.norm]
    if named:
        docs = named
    year = q.year
    if year is None and q.year_offset is not None:
        base = max((d["year"] for d in docs if d.get("year")), default=None)
        year = base + q.year_offset if base else None
    if year is not None:
        with_year = [d for d in docs if d.get("year") == year]
        if not with_year:
            years = "、".join(sorted({f"{d['year']}年" for d in docs if d.get("year")})) or "无年份信息"
            return [], A.reason("no_year", year=year, years=years)
        docs = with_year
    if q.measure == "决算数":
        finals = [d for d in docs if d.get("doc_type") == "决算"]
        if finals:
            docs = finals
        elif context and re.fullmatch(r"(那么?)?(决算|决算数|实际|实际数)(呢|是多少|多少)?", q.norm):
            return [], A.reason("no_doc_type", unit=docs[0]["unit_name"], doc_type="决算")
    return docs, None


# ---------------------------------------------------------------- ranking


def _is_money(unit: str) -> bool:
    return unit in A.MONEY_UNITS


def _unit_ok(fact: Fact, q: Question) -> bool:
    if q.intent == "count":
        if _is_money(fact.unit) or fact.unit == "%":
            return False
        if q.count_unit:
            return fact.unit in COUNT_UNIT_FAMILY.get(q.count_unit, (q.count_unit,)) or fact.unit.startswith(q.count_unit)
        return True
    if q.intent in ("change", "yesno_change"):
        return (fact.unit == "%") if q.want_percent else _is_money(fact.unit)
    if fact.unit == "%":
        return bool(re.search(r"率|百分之|%|比例|几成", q.norm))  # 预算完成率多少
    return _is_money(fact.unit) or (fact.unit == "分" and "分" in q.norm)


def _preference(s: Scored, q: Question, doc: dict) -> float:
    f, e = s.entry.fact, s.entry
    p = 0.0
    if q.intent in ("change", "yesno_change") and f.source == "table":
        return -100  # tables hold this year's figures; changes are stated in the narrative
    leaf = fold(e.measure)
    if f.source == "table":
        p += 1  # a tie goes to the table; a better-named narrative figure still wins
        kind = f.table_kind
        if "支出" in q.subject and "收入" in kind and "支出" not in kind:
            p -= 3  # 一般公共服务支出 is read in a spending table, not in the income-by-function one
        elif "收入" in q.subject and "支出" in kind and "收入" not in kind:
            p -= 3
        if not f.quote:
            p -= 6  # a blank cell read as 0: only when nothing printed says more
        if "绩效" in f.table_kind + f.table_title and not re.search(r"绩效|目标|指标", q.norm):
            p -= 4  # performance-target tables repeat amounts for another purpose
        if e.generic_row and fold(f.row_label) not in ("合计", "总计", "小计", ""):
            p -= 4  # a per-unit row of a summary table
        if not e.subject_from_column:
            if leaf in _TOTAL_LEAVES or leaf.endswith(("合计", "总计")):
                p += 2
        if q.measure in ("预算数", "年初预算", "调整预算"):
            if "预算" in leaf:
                p += 4
            elif "决算" in leaf:
                p -= 25  # the actual is not the budget asked for
            elif doc.get("doc_type") == "决算":
                p -= 30  # a 决算 table's columns are actuals unless headed 预算
        elif q.measure == "决算数" or doc.get("doc_type") == "决算":
            if "决算" in leaf:
                p += 1
            elif "预算" in leaf and "预算" not in q.norm:
                p -= 4
    else:
        if f.measure == "change" and q.intent not in ("change", "yesno_change"):
            return -100
        if q.intent in ("change", "yesno_change"):
            if f.measure != "change" and f.unit != "%":
                return -100
            up = re.search(r"增加|增长|上升|提高|多|涨", q.norm)
            down = re.search(r"减少|下降|降低|少|降|节约", q.norm)
            about = f.row_label
            if up and re.search(r"增加|增长|上升|提高|多", about) or down and re.search(r"减少|下降|降低|节约|少", about):
                p += 3
        about = fold(f.row_label)
        if q.measure == "年初预算" and "年初预算" in about:
            p += 8
        elif q.measure in ("预算数", "调整预算") and "预算" in about and "决算" not in about:
            p += 3
        elif q.measure == "决算数" and f.measure == "amount":
            p += 2 if "决算" in about else -6 if "预算" in about else 0
        elif q.measure is None and doc.get("doc_type") == "决算" and f.measure == "amount":
            # a 决算 states actuals; its 年初预算 figures answer only when asked for
            if "预算" in about and "决算" not in about:
                p -= 6
            elif "决算" in about:
                p += 1
    return p


DEFAULT_SUPPORT = 55  # weaker matches may still cite the same figure, never state one


def _context_bonus(s: Scored, grams: set[str]) -> float:
    """Words of the question found around the figure (its sentence, table title, header)."""
    if len(grams) < 3:
        return 0.0
    f = s.entry.fact
    around = fold(f.quote + f.table_title + f.column + f.row_label)
    share = sum(1 for g in grams if g in around) / len(grams)
    return 4 * share


def _rank(q: Question, docs: list[tuple[dict, DocIndex]], subject: str) -> list[tuple[float, Scored, dict]]:
    variants, codes = subject_variants(subject)
    v0 = variants[0] if variants else ""
    grams = {v0[i : i + 2] for i in range(len(v0) - 1)}
    ranked: list[tuple[float, Scored, dict]] = []
    for doc, idx in docs:
        for s in score_entries(idx, variants, codes):
            if not _unit_ok(s.entry.fact, q):
                continue
            if s.score < DEFAULT_SUPPORT:
                continue
            pref = _preference(s, q, doc) + _context_bonus(s, grams)
            if pref <= -50:
                continue
            ranked.append((s.score + pref, s, doc))
    # deterministic order: ties never depend on set iteration (hash seeds differ per process)
    ranked.sort(key=lambda t: (-round(t[0], 6), t[1].entry.fact.page_number, t[1].entry.fact.fact_id))
    return ranked


def _same_value(a: Fact, b: Fact) -> bool:
    if a.unit == b.unit:
        return a.value == b.value
    if _is_money(a.unit) and _is_money(b.unit):
        x = convert_amount(a.value, a.unit, b.unit)
        places = max(-b.value.as_tuple().exponent, 0)
        return abs(x - b.value) <= Decimal(1).scaleb(-places) / 2 + Decimal("1e-9")
    return False


# ---------------------------------------------------------------- intents


def _near_miss(q: Question, docs: list[tuple[dict, DocIndex]], subject: str) -> list[str]:
    variants, codes = subject_variants(subject)
    out = []
    scored = []
    for _doc, idx in docs:
        for s in score_entries(idx, variants, codes):
            if 45 <= s.score < DEFAULT_ACCEPT and s.entry.labels:
                scored.append(s)
    scored.sort(key=lambda s: -s.score)
    for s in scored:
        label = A.display_label(s.entry.fact.row_label if not s.entry.subject_from_column else s.entry.fact.column.split("/")[-1])
        if label and len(label) <= 20:
            out.append(f"{label}是多少")
        if len(out) >= 2:
            break
    return out


def _suggest(q: Question, docs, subject: str) -> list[str]:
    return _near_miss(q, docs, subject) + list(A.DEFAULT_SUGGESTIONS)


def _fact_name(s: Scored) -> str:
    f = s.entry.fact
    if f.source == "table":
        if s.entry.subject_from_column:
            comps = [c for c in f.column.split("/") if c]
            specific = [c for c in comps if core(c)]
            name = specific[-1] if specific else (f.table_kind or f.table_title)
            if core(name) in ("", "合计", "总计", "小计") and len(specific) >= 2:
                name = specific[-2]
            return A.display_label(name)
        code = f"（{f.subject_code}）" if f.subject_code else ""
        return A.display_label(f.row_label) + code
    return _sentence_name(f.row_label, s.doc.unit_name) or "该项"


def _sentence_name(label: str, unit_name: str) -> str:
    name = label.replace(unit_name, "") if unit_name else label
    name = re.sub(r"^(?:(?:19|20)\d{2}年度?|本单位|本部门|全年|其中|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、])+", "", name)
    name = re.sub(r"(?:年初)?(?:预算数|决算数|预算|决算)?(?:为|是|达|共|约)?$", "", name)
    return A.display_label(name)


def _answer_value(q: Question, docs, ctx_base: dict) -> Answer | None:
    ranked = _rank(q, docs, q.subject)
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
    idx = best.doc
    if f.source == "table" and not f.quote and q.intent == "value":
        stated = _answer_none_stated(q, docs, ctx_base)
        if stated is not None:
            return stated  # "本单位无政府性基金…" says it in words; better than a blank cell
    # several documents answer: ask which one unless they agree
    other_docs = {r[2]["doc_id"] for r in ranked if r[0] >= best_score - DEFAULT_TIE and r[2]["doc_id"] != doc["doc_id"]
                  and r[1].score >= DEFAULT_ACCEPT}
    if other_docs:
        options = [f"{A.doc_label(r[2])}：{q.text}" for r in ranked if r[0] >= best_score - DEFAULT_TIE]
        return A.ambiguous(q.text, q.subject, options, ctx_base)
    support: list[Scored] = []
    conflict: list[Scored] = []
    for score, s, d in ranked[1:]:
        if d["doc_id"] != doc["doc_id"] or s.entry.fact.fact_id == f.fact_id:
            continue
        if _same_value(s.entry.fact, f) or _same_value(f, s.entry.fact):
            support.append(s)  # the same figure elsewhere: cite it too
        elif score < best_score - 12:
            continue
        elif s.entry.fact.source != f.source and s.entry.fact.quote and score >= best_score - 3 and s.score >= 95:
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
    value_text = A.fmt_converted(value) if converted else A.fmt_thousands(value) if unit == "元" else A.fmt_value(value)
    name = _fact_name(best)
    if f.source == "sentence" and (core(name) in ("", "支出", "收入", "总", "项目总", "项目") or name == "该项"):
        name = A.display_label(q.subject)  # "支出决算为0.00万元" is about the subject asked
    sentences = {s.sentence_id: s for s in idx.sentences}
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
    year = f"{doc['year']}年" if doc.get("year") else ""
    quote = sentences[f.sentence_id].text if f.sentence_id in sentences else f.quote
    if q.intent in ("change", "yesno_change") and f.source == "sentence":
        # say the direction the document states, and correct a question that assumed the other one
        stated = re.search(r"增加|增长|上升|提高|减少|下降|降低|节约|压减|持平", f.row_label)
        direction = stated.group(0) if stated else ""
        asked_up = re.search(r"增加|增长|上升|提高|多了|涨", q.norm)
        asked_down = re.search(r"减少|下降|降低|少了|降", q.norm)
        down = direction in ("减少", "下降", "降低", "节约", "压减")
        lead = ""
        if direction and ((asked_up and down and not asked_down) or (asked_down and not down and not asked_up)):
            lead = f"不是{'增加' if down else '减少'}，而是"
        text = f"{lead}{direction}{value_text}{unit}。原文：{quote}"
    elif q.intent in ("count", "change", "yesno_change"):
        text = f"{year}{name}：{value_text}{unit}。"
        if f.source == "sentence":
            text = f"{value_text}{unit}。原文：{quote}"
    else:
        mw = A.measure_word(doc, fold(best.entry.measure) if f.source == "table" else fold(f.row_label))
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
    context = dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, measure=best.entry.measure,
                   intent=q.intent, unit_name=doc.get("unit_name"), doc_type=doc.get("doc_type"))
    return Answer(
        question=q.text, status=STATUS_ANSWERED, answer=text, value=_dec(value), unit=unit, items=items,
        citations=tuple(cites), context=context,
    )


def _doc_unit(idx: DocIndex) -> str:
    units = [e.fact.unit for e in idx.entries if e.fact.source == "table" and _is_money(e.fact.unit)]
    return max(set(units), key=units.count) if units else "万元"


def _answer_none_stated(q: Question, docs, ctx_base: dict) -> Answer | None:
    """本单位无政府性基金安排的支出: a subject the narrative says is absent is 0, cited."""
    variants, _ = subject_variants(q.subject)
    for doc, idx in docs:
        for v in variants:
            key = re.sub(r"(预算支出|预算收入|预算|支出|收入|经费|拨款)+$", "", v)
            if len(key) < 3:
                continue
            pattern = re.compile("(?:无|没有|未安排|未发生)(?:安排|使用)?" + re.escape(key[:6]))
            for s in idx.sentences:
                t = re.sub(r"\([^()]{0,12}\)", "", fold(s.text))
                if pattern.search(t):
                    unit = _doc_unit(idx)
                    year = f"{doc['year']}年" if doc.get("year") else ""
                    return Answer(
                        q.text, STATUS_ANSWERED, f"{year}{A.display_label(q.subject)}为0{unit}（文件说明：{s.text}）",
                        value=0.0, unit=unit, citations=(A.sentence_citation(s, doc),),
                        context=dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, intent="value"),
                    )
    return None


_WEAK_BIGRAMS = {"人员", "单位", "部门", "工作", "人数", "数量", "金额", "预算", "支出", "收入", "经费", "项目", "在编", "在职"}


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
            if f.source != "sentence" or not _unit_ok(f, q):
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


# an organisation named in a question; 委 only as 委员会 (委托 is a verb), 政府 only as 人民政府
_ORG_NAME = re.compile(r"[\u4e00-\u9fff]{2,16}?(?:局|委员会|中心|厅|办公室|人民政府|街道办事处|医院|学校|学院|大学)")
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:省|自治区|市|自治州|州|区|县|旗|镇|乡)")


def _other_unit(q: Question, docs: list[dict], store) -> str | None:
    """A unit named in the question that no document in scope belongs to ("长沙市教育局的三公经费")."""
    names = [fold(d.get("unit_name") or "") for d in store.documents()]
    names = [n for n in names if n]
    for m in _ORG_NAME.finditer(q.norm):
        org = m.group(0)
        if any(n in org for n in names):
            continue
        if _PLACE.match(org):
            # a place-qualified name must be one of ours: 普陀区财政局 is ours, 上海市财政局 is another unit
            if not any(n.endswith(org) for n in names):
                return org
            continue
        if not any(org[k:] in n for n in names for k in range(max(1, len(org) - 2))):
            return org  # no tail of it (教育局, 财政局) is in any of our unit names
    return None


def _unit_aliases(name: str) -> list[str]:
    """上海市普陀区商务委员会 → its tails (普陀区商务委员会, 商务委员会 …) and the short 商务委."""
    out = [name[k:] for k in range(len(name) - 2)]
    out += [a[: -len("委员会")] + "委" for a in out if a.endswith("委员会") and len(a) > 4]
    return sorted({a for a in out if len(a) >= 3}, key=len, reverse=True)


def _strip_unit_name(subject: str, docs: list[dict]) -> str:
    """教育局收入预算 → 收入预算, 商务委有几辆车 → 有几辆车, when it names the document's own unit."""
    for d in docs:
        name = fold(d.get("unit_name") or "")
        for alias in _unit_aliases(name) if name else []:
            if subject.startswith(alias) and len(subject) > len(alias) + 1:
                # "…商务委员会部门预算：三公经费" (an ambiguity option asked back) → 三公经费
                rest = re.sub(r"^(的|有|共有)?((部门|单位)?(预算|决算)(公开)?)?[:：]?", "", subject[len(alias) :])
                return rest or subject
    return subject


def _answer_sum_of_chapters(q: Question, docs, ctx_base: dict) -> Answer | None:
    """"四个专项项目经费加起来": the totals of the chapters (one per project page) of that kind, summed."""
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
        sentences = {s.sentence_id: s for s in idx.sentences}
        items = tuple(
            Item(re.sub(r"(经费|资金)?(情况)?(说明|情况)$", "", ch), _dec(f.value), f.unit,
                 A.citation_for(f, doc, sentences.get(f.sentence_id)))
            for ch, f in by_chapter.items()
        )
        names = "、".join(i.label for i in items)
        text = f"{names}合计{A.fmt_converted(total)}{unit}（{formula}）。"
        return Answer(q.text, STATUS_ANSWERED, text, float(total), unit, items, formula,
                      tuple(i.citation for i in items if i.citation), (),
                      dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, intent="sum"))
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
            ok = a is not None and a.status == STATUS_ANSWERED and a.value is not None and _is_money(a.unit or "")
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
        return Answer(q.text, STATUS_ANSWERED, listed + "。", None, None, items, None, cites, (),
                      dict(answers[0][1].context, intent="value"))
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
    return Answer(q.text, STATUS_ANSWERED, text, float(value), unit, items, formula, cites, (),
                  dict(answers[0][1].context, intent=q.intent))


def _stated_percent(docs, doc_id: str | None, subject: str, pct: Decimal) -> Citation | None:
    """The share as the document itself prints it ("…基本支出…占79.49%"), when it agrees."""
    for doc, idx in docs:
        if doc["doc_id"] != doc_id:
            continue
        v = core(subject)
        for e in idx.entries:
            f = e.fact
            if f.unit == "%" and abs(f.value - pct) < Decimal("0.006") and v and v in fold(f.quote):
                sentences = {s.sentence_id: s for s in idx.sentences}
                return A.citation_for(f, doc, sentences.get(f.sentence_id))
    return None


def _answer_stated_share(q: Question, docs, ctx_base: dict) -> Answer | None:
    """"项目支出3,344.82万元，占39.00%": a share the narrative prints for the subject, cited as printed."""
    variants, _ = subject_variants(q.subject)
    for doc, idx in docs:
        sentences = {s.sentence_id: s for s in idx.sentences}
        for e in idx.entries:
            f = e.fact
            if f.source != "sentence" or f.unit != "%" or f.measure == "change" or not f.row_label.startswith("占"):
                continue
            clause = fold(re.split(r"[，,；;。]", f.quote[: f.col])[-2] if f.quote[: f.col].count("，") else f.quote[: f.col])
            before = fold(f.quote[: f.col])[-30:]
            if any(v and (v in clause or v in before[-len(v) - 16 :]) for v in variants):
                s = sentences.get(f.sentence_id)
                text = f"{A.display_label(q.subject)}占{A.fmt_value(f.value)}%（文件原文：{s.text if s else f.quote}）"
                return Answer(q.text, STATUS_ANSWERED, text, _dec(f.value), "%", (), None,
                              (A.citation_for(f, doc, s),), (),
                              dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, intent="share"))
    return None


def _answer_share(q: Question, docs, ctx_base: dict) -> Answer | None:
    if not q.denominator:
        stated = _answer_stated_share(q, docs, ctx_base)
        if stated is not None:
            return stated
    num = _answer_value(replace(q, intent="value"), docs, ctx_base)
    if num is None or num.status != STATUS_ANSWERED:
        return num
    denominator = q.denominator
    if not denominator:
        denominator = "收入" if "收入" in q.subject else "支出"
    den = _answer_value(replace(q, intent="value", subject=denominator, unit=None), docs, ctx_base)
    if den is None or den.status != STATUS_ANSWERED or not den.value:
        return A.not_found(q.text, A.reason("no_denominator", subject=q.subject), (), ctx_base)
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
        question=q.text, status=STATUS_ANSWERED, answer=text, value=float(pct), unit="%", items=items,
        formula=formula,
        citations=((stated,) if stated else ()) + tuple(num.citations[:2]) + tuple(den.citations[:2]),
        context=dict(num.context, intent="share"),
    )


def _children(best: Scored, idx: DocIndex) -> list[Fact]:
    f = best.entry.fact
    facts = [e.fact for e in idx.entries]
    if f.source == "sentence":
        # "其中，A x万元，B y万元": the figures after the total in the same sentence
        def nested(g: Fact) -> bool:  # "（其中，购置费0万元…）" lists parts of a part
            before = g.quote[: g.col]
            return before.count("（") + before.count("(") > before.count("）") + before.count(")")

        # only a total followed by 其中/包括 lists its parts; later figures of a sentence are siblings otherwise
        after = re.sub(r"^[\d,.]+\s*(亿元|万元|千元|元|万|%)?", "", f.quote[f.col :])
        if not re.match(r"^[^，。；]{0,3}[，,:：]?(其中|包括)", after):
            return []
        return [g for g in facts if g.sentence_id == f.sentence_id and g.col > f.col and g.unit == f.unit and not nested(g)]
    same_table = [g for g in facts if g.table_id == f.table_id]
    if best.entry.subject_from_column:
        # parts are the columns one header level below the total, in the same 预算数/决算数 measure
        def specific(fact: Fact) -> list[str]:
            return [c for c in fact.column.split("/") if c and core(c)]

        def measure(fact: Fact) -> str:
            return next((c for c in reversed(fact.column.split("/")) if c and not core(c) and re.search(r"预算|决算", c)), "")

        parent, m = specific(f), measure(f)
        kids = [
            g for g in same_table
            if g.row == f.row and g.fact_id != f.fact_id and measure(g) == m
            and len(specific(g)) == len(parent) + 1 and specific(g)[:-1] == parent
            and not specific(g)[-1].startswith("其中")
        ]
        if kids:
            return kids
        # a total row: the rows of the first subject level in that column
        rows = [g for g in same_table if g.col == f.col and g.subject_code]
        if rows:
            shortest = min(len(g.subject_code) for g in rows)
            return [g for g in rows if len(g.subject_code) == shortest]
        return []
    code = f.subject_code
    if code:
        nxt = {3: 5, 5: 7}.get(len(code))
        return [g for g in same_table if g.col == f.col and g.subject_code.startswith(code) and len(g.subject_code) == nxt]
    return []


def _project_list(q: Question, docs, ctx_base: dict) -> Answer | None:
    """项目支出有哪些: the projects and their amounts, from a project table or the narrative."""
    for doc, idx in docs:
        rows: dict[str, Fact] = {}
        for e in idx.entries:
            f = e.fact
            if f.source == "table" and "项目" in (f.table_kind + f.table_title) and "绩效" in (f.table_kind + f.table_title) or (
                f.source == "table" and f.table_kind == "项目支出表"
            ):
                label = _sentence_name(A.display_label(f.row_label.split("/")[-1]), idx.unit_name)
                generic = fold(label) in ("合计", "总计", "小计") or (idx.unit_name and fold(label) == fold(idx.unit_name))
                if label and not generic and _is_money(f.unit) and label not in rows and re.search(r"总额|金额|合计|预算", f.column):
                    rows[label] = f
        items_src = list(rows.values())
        if not items_src:
            # narrative: enumerated items in the section that states the project total
            for e in idx.entries:
                f = e.fact
                if f.source != "sentence" or not _is_money(f.unit):
                    continue
                sent = next((s for s in idx.sentences if s.sentence_id == f.sentence_id), None)
                if sent and re.match(r"^[(（][一二三四五六七八九十\d]+[)）]", sent.text) and "项目" in sent.section + "拨款支出" and re.search(r"经费|专项|项目", f.row_label):
                    items_src.append(f)
        if items_src:
            items, listed = _itemize(
                [(_sentence_name(A.display_label(g.row_label.split("/")[-1]), idx.unit_name), g) for g in items_src[:30]],
                doc, idx)
            year = f"{doc['year']}年" if doc.get("year") else ""
            text = f"{year}项目支出包括{len(items)}个项目：{listed}。"
            cites = tuple(dict.fromkeys(i.citation for i in items if i.citation))[:6]
            return Answer(q.text, STATUS_ANSWERED, text, None, None, items, None, cites, (),
                          dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, intent="breakdown"))
    return None


_LIST_MARK = re.compile(r"主要用于|用于|包括|其中|分别为|分别是|分为|具体为")


def _breakdown_from_sentence(q: Question, docs, ctx_base: dict) -> Answer | None:
    """项目支出主要用于：小学教育1,650.32万元，初中教育1,162.00万元…: the items the narrative lists."""
    variants, _ = subject_variants(q.subject)
    for doc, idx in docs:
        by_sentence = idx.sentence_figures
        for s, t in zip(idx.sentences, idx.folded_sentences, strict=True):
            hit = next((v for v in variants if v and v in t[:30]), None)
            if not hit:
                continue
            start = t.index(hit) + len(hit)
            m = _LIST_MARK.search(t, start, start + 10)
            if not m:
                continue
            figures = [f for f in by_sentence.get(s.sentence_id, []) if f.col > m.start() and _is_money(f.unit)]
            if len(figures) < 2:
                if t[m.end() :].count("、") >= 2:
                    # "公用经费…主要包括：办公费、印刷费、差旅费…": a list in words, quoted as it stands
                    return Answer(q.text, STATUS_ANSWERED, f"根据文件：{s.text}", citations=(A.sentence_citation(s, doc),),
                                  context=dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, intent="breakdown"))
                continue
            items = tuple(Item(_sentence_name(f.row_label, idx.unit_name), _dec(f.value), f.unit,
                               A.citation_for(f, doc, s)) for f in figures[:20])
            text = f"{A.display_label(q.subject)}：" + "、".join(f"{i.label}{A.fmt_value(f.value)}{i.unit}" for i, f in zip(items, figures, strict=False)) + f"。原文：{s.text}"
            return Answer(q.text, STATUS_ANSWERED, text, None, None, items, None, (A.sentence_citation(s, doc),), (),
                          dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, intent="breakdown"))
    return None


def _breakdown_by_table_kind(q: Question, docs, ctx_base: dict) -> Answer | None:
    """基本支出包括哪些: the table of that kind, its first-level subject rows in its total column."""
    v = core(q.subject)
    if len(v) < 2:
        return None
    for doc, idx in docs:
        tables = [
            facts for (kind, _table_id), facts in idx.coded_facts_by_table.items()
            if v in kind and "收支" not in kind
        ]
        for facts in tables:
            first_col = min(f.col for f in facts)
            rows = [f for f in facts if f.col == first_col]
            level = min(len(f.subject_code) for f in rows)
            kids = [f for f in rows if len(f.subject_code) == level]
            if len(kids) < 2:
                continue
            items, listed = _itemize([(f"{A.display_label(f.row_label)}（{f.subject_code}）", f) for f in kids], doc, idx)
            year = f"{doc['year']}年" if doc.get("year") else ""
            text = f"{year}{A.display_label(q.subject)}按{kids[0].table_title or kids[0].table_kind}分为：{listed}。"
            return Answer(q.text, STATUS_ANSWERED, text, None, None, items, None,
                          tuple(i.citation for i in items[:4] if i.citation), (),
                          dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, intent="breakdown"))
    return None


_RANK_TABLES = ("支出总表", "一般公共预算支出表", "一般公共预算基本支出表", "收入总表")


def _answer_rank(q: Question, docs, ctx_base: dict) -> Answer | None:
    """哪项支出最多 / 支出前五: first-level subjects of the matching table, largest first."""
    ascending = bool(re.search(r"最少|最小|最低", q.norm))
    n = 5
    m = re.search(r"前([0-9]+)", q.norm)
    if m:
        n = max(1, min(int(m.group(1)), 20))
    subject = q.subject or "支出"
    economic = bool(re.search(r"经济|基本支出|工资|商品和服务", subject))
    wanted = ("一般公共预算基本支出表",) if economic else ("收入总表",) if "收入" in subject else _RANK_TABLES[:2]
    for doc, idx in docs:
        for kind in wanted:
            rows = [e.fact for e in idx.entries if e.fact.source == "table" and e.fact.table_kind == kind and e.fact.subject_code and e.fact.quote]
            if not rows:
                continue
            first_col = min(f.col for f in rows)
            rows = [f for f in rows if f.col == first_col]
            level = min(len(f.subject_code) for f in rows)
            # the finest level the table gives (项 for function tables) ranks what money is actually for
            finest = level if re.search(r"类|大项|大块", q.norm) else max(len(f.subject_code) for f in rows)
            pick = [f for f in rows if len(f.subject_code) == (finest if not economic else level + 2 if any(len(g.subject_code) == level + 2 for g in rows) else level)]
            pick.sort(key=lambda f: f.value, reverse=not ascending)
            pick = pick[:n]
            if not pick:
                continue
            items, listed = _itemize([(f"{A.display_label(f.row_label)}（{f.subject_code}）", f) for f in pick], doc, idx)
            year = f"{doc['year']}年" if doc.get("year") else ""
            order = "最少" if ascending else "最多"
            title = pick[0].table_title or kind
            text = f"{'' if year and year in title else year}按{title}，金额{order}的{len(pick)}项是：{listed}。"
            return Answer(q.text, STATUS_ANSWERED, text, None, None, items, None,
                          tuple(i.citation for i in items[:4] if i.citation), (),
                          dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=subject, intent="rank"))
    return None


def _answer_breakdown(q: Question, docs, ctx_base: dict) -> Answer | None:
    if re.search(r"项目支出|项目|专项", q.subject) and not re.search(r"项目支出[的]?(功能|经济)", q.subject):
        projects = _project_list(q, docs, ctx_base)
        if projects:
            return projects
    listed = _breakdown_from_sentence(q, docs, ctx_base)
    if listed:
        return listed
    by_kind = _breakdown_by_table_kind(q, docs, ctx_base)
    if by_kind:
        return by_kind
    ranked = [r for r in _rank(replace(q, intent="value"), docs, q.subject) if r[1].score >= DEFAULT_ACCEPT]
    if ranked:
        # among near-equal readings a table's structure gives cleaner parts than a sentence
        top = ranked[0][0]
        ranked.sort(key=lambda r: (r[0] < top - 5, r[1].entry.fact.source != "table", -r[0]))
    for score, best, doc in ranked[:6]:
        kids = _children(best, best.doc)
        if len(kids) < 2:
            continue
        sentences = {s.sentence_id: s for s in best.doc.sentences}
        items, listed = _itemize(_labelled_children(kids, best.doc), doc, best.doc)
        total = best.entry.fact
        year = f"{doc['year']}年" if doc.get("year") else ""
        name = _fact_name(best)
        if total.source == "sentence" and core(name) in ("", "总", "项目总", "项目", "支出", "收入"):
            name = A.display_label(q.subject)
        text = f"{year}{name}共{A.fmt_value(total.value)}{total.unit}，包括：{listed}。"
        cites = (A.citation_for(total, doc, sentences.get(total.sentence_id)),) + tuple(i.citation for i in items[:3] if i.citation)
        return Answer(q.text, STATUS_ANSWERED, text, _dec(total.value), total.unit, tuple(items), None, cites, (),
                      dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, intent="breakdown"))
        del score
    return None


def _labelled_children(kids: list[Fact], idx: DocIndex) -> list[tuple[str, Fact]]:
    out, seen = [], set()
    for g in kids:
        label = _fact_name(Scored(_entry_of(idx, g), 0, idx))
        if label == "该项" or not core(label) or fold(label) in ("合计", "总计", "小计"):
            continue  # "…，合计1170.00万": the total again, not a part
        if label not in seen:
            seen.add(label)
            out.append((label, g))
    return out


def _itemize(pairs: list[tuple[str, Fact]], doc: dict, idx: DocIndex) -> tuple[tuple[Item, ...], str]:
    """Items with citations, and "A 0.40万元、B 1.50万元" keeping each figure as printed."""
    sentences = {s.sentence_id: s for s in idx.sentences}
    items = tuple(Item(label, _dec(f.value), f.unit, A.citation_for(f, doc, sentences.get(f.sentence_id))) for label, f in pairs)
    text = "、".join(f"{label}{A.fmt_value(f.value)}{f.unit}" for label, f in pairs)
    return items, text


def _entry_of(idx: DocIndex, f: Fact):
    for e in idx.entries:
        if e.fact.fact_id == f.fact_id:
            return e
    raise KeyError(f.fact_id)


def _subject_sentences(idx: DocIndex, subject: str) -> list[int]:
    variants, _ = subject_variants(subject)
    out = []
    for i, t in enumerate(idx.folded_sentences):
        if any(v and v in t for v in variants):
            out.append(i)
    return out


def _answer_change_text(q: Question, docs, ctx_base: dict, want_reason: bool) -> Answer | None:
    for doc, idx in docs:
        hits = []
        subject_hits = _subject_sentences(idx, q.subject)
        if want_reason:
            # "三公经费为什么没花": a sentence naming the subject that states its own reason
            own = [i for i in subject_hits if _REASON_WORDS.search(idx.sentences[i].text)]
            if own and not any(_CHANGE_WORDS.search(idx.sentences[i].text) for i in subject_hits[:1]):
                s = idx.sentences[own[0]]
                return Answer(q.text, STATUS_ANSWERED, f"根据文件说明：{s.text}", citations=(A.sentence_citation(s, doc),),
                              context=dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, intent=q.intent))
        variants, _ = subject_variants(q.subject)
        for i in subject_hits:
            t = idx.folded_sentences[i]
            # the change must be said of the subject: within a clause after it is named
            near = any(v and v in t and _CHANGE_WORDS.search(t[t.index(v) : t.index(v) + len(v) + 24]) for v in variants)
            if near:
                hits.append(i)
            elif i + 1 < len(idx.sentences) and re.match(r"^(比|较|与|同比|相比)", idx.folded_sentences[i + 1]) and _CHANGE_WORDS.search(idx.sentences[i + 1].text):
                hits.append(i + 1)  # "…“三公”经费预算数为11.80万元…。比2023年减少0.50万元"
        if not hits:
            continue
        i = hits[0]
        s = idx.sentences[i]
        cites = [A.sentence_citation(s, doc)]
        ctx = dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, intent=q.intent)
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
            return Answer(q.text, STATUS_ANSWERED, f"根据文件说明：{text}", citations=tuple(cites), context=ctx)
        word = _CHANGE_WORDS.search(s.text).group(0)
        verdict = {"持平": "持平", "不变": "持平", "一致": "持平", "相同": "持平"}.get(word, word)
        return Answer(q.text, STATUS_ANSWERED, f"{verdict}。原文：{s.text}", citations=tuple(cites), context=ctx)
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
                    cites = tuple(dict.fromkeys((A.sentence_citation(idx.sentences[i], doc), A.sentence_citation(s, doc))))
                    text = idx.sentences[i].text + ("" if j == i else s.text)
                    return Answer(q.text, STATUS_ANSWERED, f"根据文件：{text}", citations=cites,
                                  context=dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, intent="purpose"))
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
            return Answer(q.text, STATUS_ANSWERED, best.text, citations=(A.sentence_citation(best, doc),),
                          context=dict(ctx_base, doc_id=doc["doc_id"], subject=q.subject, intent="definition"))
    return None


def _answer_org(q: Question, docs, ctx_base: dict) -> Answer | None:
    for doc, idx in docs:
        for s in idx.sentences:
            if re.search(r"所属|隶属|主管|下属|归口|直属", s.text) and (not doc.get("unit_name") or fold(doc["unit_name"]) in fold(s.text)):
                return Answer(q.text, STATUS_ANSWERED, f"根据文件：{s.text}", citations=(A.sentence_citation(s, doc),),
                              context=dict(ctx_base, doc_id=doc["doc_id"], intent="org"))
    return None


def _glossary_answer(q: Question, ctx_base: dict) -> Answer | None:
    from .lexicon import load_glossary

    variants, _ = subject_variants(q.subject)
    for entry in load_glossary().values():
        if core(entry.term) in variants:
            text = f"文件中没有对“{entry.term}”的名词解释。一般含义：{entry.definition}"
            return Answer(q.text, "not_found", text, suggestions=tuple(A.DEFAULT_SUGGESTIONS[:3]), context=ctx_base)
    return None


# ---------------------------------------------------------------- entry point


def ask(question: str, store, *, doc_id: str | None = None, context: dict | None = None) -> Answer:
    """Answer ``question`` from the documents in ``store`` (optionally one ``doc_id``)."""
    if not question or not question.strip():
        return A.not_found(question or "", A.reason("empty"))
    q = _merge_context(parse_question(question[:500]), context)
    ctx_base: dict = {}
    if q.out_of_scope:
        return A.not_found(q.text, A.reason("out_of_scope"))
    if q.foreign_currency:
        return A.not_found(q.text, A.reason("foreign_currency"))
    if q.intent == "definition" and (re.search(r"\d{3,7}", q.subject) or re.search(r"多少|几", q.norm)):
        # "30217是啥", "30103是什么科目，多少钱": the figure of that subject
        q = replace(q, intent="value", subject=re.sub(r"是什么|是啥|科目", "", q.subject))
    docs, problem = _scope(store, q, doc_id, context)
    if problem:
        return A.not_found(q.text, problem, context=dict(context or {}))
    other = _other_unit(q, docs, store)
    if other:
        return A.not_found(q.text, A.reason("other_unit", unit=other))
    q = replace(q, subject=_strip_unit_name(q.subject, docs))
    cache = _cache(store)
    indexed = [(d, cache.get(store, d)) for d in docs]
    if core(q.subject) in ("", "总", "钱", "总额") and q.intent in ("value", "change", "yesno_change", "share") and (
        q.measure or q.year or re.search(r"花|用|支出|开支|收入|预算|决算|钱", q.norm)
    ):
        # "2024年实际花了多少钱", "总预算合多少亿": the department's total
        q = replace(q, subject="收入" if re.search(r"收入|拨款|给了", q.norm) else "支出")
    if not q.subject and q.intent not in ("org",):
        return A.not_found(q.text, A.reason("empty"), _suggest(q, indexed, ""))
    result: Answer | None = None
    if q.intent == "definition":
        result = _answer_definition(q, indexed, ctx_base) or _glossary_answer(q, ctx_base)
        if result is None:
            # "资源勘探工业信息等支出是什么": no definition printed, but the subject's figure is
            result = _answer_value(replace(q, intent="value"), indexed, ctx_base)
    elif q.intent in ("sum", "diff"):
        result = _answer_arithmetic(q, indexed, ctx_base)
    elif q.intent == "rank":
        result = _answer_rank(q, indexed, ctx_base)
    elif q.intent == "breakdown":
        result = _answer_breakdown(q, indexed, ctx_base)
        if result is None:
            result = _answer_definition(q, indexed, ctx_base)
    elif q.intent == "share":
        result = _answer_share(q, indexed, ctx_base)
    elif q.intent == "reason":
        result = _answer_change_text(q, indexed, ctx_base, want_reason=True)
    elif q.intent == "purpose":
        result = _answer_purpose(q, indexed, ctx_base)
    elif q.intent == "yesno_change":
        result = _answer_change_text(q, indexed, ctx_base, want_reason=False)
    elif q.intent == "org":
        result = _answer_org(q, indexed, ctx_base)
    elif q.intent == "change":
        result = _answer_value(q, indexed, ctx_base)
        if result is None:
            result = _answer_change_text(replace(q, intent="yesno_change"), indexed, ctx_base, want_reason=False)
    else:
        result = _answer_value(q, indexed, ctx_base)
        if result is None and re.search(r"加起来|一共|总共|合计|总和|之和", q.norm):
            result = _answer_sum_of_chapters(q, indexed, ctx_base)
        if result is None and re.search(r"和|与|、|及", q.subject):
            # "办公费和差旅费": each subject's figure, listed
            result = _answer_arithmetic(replace(q, intent="list", parts=tuple(re.split(r"(和|与|、|以及)", q.subject))), indexed, ctx_base)
    if result is None:
        key = {"change": "no_change", "reason": "no_reason", "definition": "no_definition", "breakdown": "no_parts"}.get(q.intent, "no_subject")
        return A.not_found(q.text, A.reason(key, subject=q.subject), _suggest(q, indexed, q.subject),
                           context={"doc_id": docs[0]["doc_id"], "year": docs[0].get("year")} if len(docs) == 1 else {})
    if result.status == STATUS_ANSWERED and not result.citations:
        return A.not_found(q.text, A.reason("no_subject", subject=q.subject), _suggest(q, indexed, q.subject))
    return result


__all__ = ["ask", "Answer", "Citation", "Item"]
