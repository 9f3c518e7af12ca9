"""``ask``: one question (plus optional conversation context) to one Answer.

The faces (CLI, Streamlit page, HTTP API) all call this function.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from index.normalize import fold

from . import answer as A
from .budget_actual import answer_vs_budget
from .candidates import _cache, _is_money, _suggest
from .computed import _answer_arithmetic, _answer_share, _answer_sum_of_chapters
from .figures import _answer_value
from .matcher import (
    core,
)
from .model import STATUS_ANSWERED, Answer, Citation, Item
from .narrative import (
    _answer_change_text,
    _answer_definition,
    _answer_duties,
    _answer_nearby_reason,
    _answer_org,
    _answer_purpose,
    _answer_units,
    _glossary_answer,
)
from .normalize import convert_amount
from .parts import _answer_breakdown, _answer_rank, _breakdown_by_unit
from .previous_year import answer_previous_year
from .question import ROW_COLUMN_WORDS, Question, parse_question
from .units import (
    PLACE,
    abbreviates,
    abbreviation_in,
    last_place,
    names_a_subject,
    unit_aliases,
    unit_mentions,
)


def _merge_context(q: Question, context: dict | None) -> Question:
    if not context:
        return q
    subject = q.subject
    if subject.startswith(("那", "那么")):
        subject = re.sub(r"^(那么|那)", "", subject)
        if subject in ("预算", "决算", "预算数", "决算数", "年初预算"):
            subject = ""  # "那预算呢": the measure, for the subject of the previous answer
    intent = q.intent
    column = q.column
    prev_subject, prev_measure = context.get("subject") or "", context.get("measure") or ""
    if (
        q.followup
        and not column
        and ROW_COLUMN_WORDS.fullmatch(subject)
        and ROW_COLUMN_WORDS.fullmatch(prev_measure)
        and prev_subject
        and not ROW_COLUMN_WORDS.fullmatch(prev_subject)
    ):
        # 一般公共服务支出 → 其中基本支出呢 → 项目支出呢: the same row, the sibling column
        subject, column = prev_subject, subject
    if not subject and context.get("subject"):
        subject = context["subject"]
        if q.column and subject == q.column:
            subject = ""  # the previous answer was about the column itself
        if intent == "value" and context.get("intent") in ("count", "change", "value"):
            intent = context["intent"]
    year = q.year
    if q.year_offset is not None and context.get("year"):
        year = int(context["year"]) + q.year_offset
    return replace(
        q, subject=subject, column=column, intent=intent, year=year, year_offset=None if year else q.year_offset
    )


def _named_length(doc: dict, text: str) -> int:
    """How much of the document's unit name the text says (0 when none of it, or too little)."""
    name = fold(doc.get("unit_name") or "")
    if not name:
        return 0
    if name in text:
        return len(name)
    return max((len(a) for a in unit_aliases(name) if len(a) >= 3 and a in text), default=0)


def _relative_year(docs: list[dict], offset: int) -> int | None:
    """去年/前年 said without a conversation: counted from when the documents were read.

    A budget for year Y is published early in Y, final accounts for Y in Y+1: someone
    reading a 2024 决算 says "去年" of 2024. 今年 is the newest document's year.
    """
    years = [d["year"] for d in docs if d.get("year")]
    if not years:
        return None
    if offset >= 0:
        return max(years) + offset
    now = max(d["year"] + (1 if d.get("doc_type") == "决算" else 0) for d in docs if d.get("year"))
    return now + offset


def _scope(
    all_docs: list[dict], q: Question, doc_id: str | None, context: dict | None
) -> tuple[list[dict], str | None]:
    """Documents to search, or a not-found reason."""
    docs = all_docs
    if not docs:
        return [], A.reason("no_docs")
    ctx_doc = None
    if context and context.get("doc_id"):
        ctx_doc = next((d for d in docs if d["doc_id"] == context["doc_id"]), None)
    if doc_id:
        # a document by its id, or by its file name with or without .pdf (putuo-commerce-2025-budget)
        chosen = [d for d in docs if d["doc_id"] == doc_id] or [
            d for d in docs if doc_id in (d.get("file_name"), re.sub(r"\.pdf$", "", d.get("file_name") or "", flags=re.I))
        ]
        if not chosen:
            return [], f"没有编号为{doc_id}的文档"
        unit = chosen[0]["unit_name"]
        # another year or 决算 of the same unit may be asked for explicitly
        if (
            q.year
            and q.year != chosen[0]["year"]
            or q.measure == "决算数"
            and chosen[0]["doc_type"] == "预算"
            and q.followup
        ):
            docs = [d for d in docs if d["unit_name"] == unit]
        else:
            docs = chosen
    elif ctx_doc is not None:
        same_unit = [d for d in docs if d["unit_name"] == ctx_doc["unit_name"]]
        docs = same_unit if (q.year and q.year != ctx_doc["year"]) or q.measure == "决算数" else [ctx_doc]
    # a unit named in the question narrows the scope, by its full name or the longest part of it
    # said (普陀区商务委 for 上海市普陀区商务委员会); a part several units share keeps them all
    said = {d["doc_id"]: _named_length(d, q.norm) for d in docs}
    longest = max(said.values(), default=0)
    if longest:
        docs = [d for d in docs if said[d["doc_id"]] == longest]
    year = q.year
    if year is None and q.year_offset is not None:
        year = _relative_year(docs, q.year_offset)
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
        elif all(d.get("doc_type") == "预算" for d in docs) and not re.search(r"执行", q.norm):
            # a budget states no actuals: "决算数是多少" on a 部门预算 is not its 预算数
            return [], A.reason("no_doc_type", unit=docs[0]["unit_name"], doc_type="决算")
        elif context and re.fullmatch(r"(那么?)?(决算|决算数|实际|实际数)(呢|是多少|多少)?", q.norm):
            return [], A.reason("no_doc_type", unit=docs[0]["unit_name"], doc_type="决算")
    return docs, None


# an organisation named in a question; 委 only as 委员会 (委托 is a verb), 政府 only as 人民政府
_ORG_NAME = re.compile(
    r"[\u4e00-\u9fff]{1,16}?(?:局|委员会|中心|厅|办公室|人民政府|街道办事处|医院|学校|学院|大学)"
)





def _other_unit(q: Question, all_docs: list[dict], indexed=()) -> str | None:
    """A unit named in the question that no stored document belongs to ("长沙市教育局的三公经费")."""
    names = [fold(d.get("unit_name") or "") for d in all_docs]
    names = [n for n in names if n]
    for m in _ORG_NAME.finditer(q.norm):
        org = m.group(0)
        if any(n in org for n in names) or names_a_subject(org):
            continue
        # a row the documents print (2100201 综合医院, 其他公立医院支出) is a subject, not a unit
        tail = re.sub(r"^[\d\s]+", "", org)
        if any(any(core(tail[k:]) in idx.postings for k in range(len(tail) - 1)) for _d, idx in indexed):
            continue
        place = PLACE.match(org)
        if place:
            # a place-qualified name must be one of ours: 普陀区财政局 is ours, 上海市财政局 is another
            # unit; 青岚县卫健局 is ours when 青岚县 is the place our name ends its places with
            rest = org[place.end() :]
            if not any(
                n.endswith(org) or (last_place(n) == place.group(0) and abbreviates(rest, n)) for n in names
            ):
                return org
            continue
        if any(abbreviates(org, n) for n in names):
            continue  # 卫健局 for 卫生健康局
        if not any(org[k:] in n for n in names for k in range(max(1, len(org) - 2))):
            return org  # no tail of it (教育局, 财政局) is in any of our unit names
    return None


# how people refer to the unit itself by its kind: "街道一共有几辆车", "医院资产总额"
_SELF_BY_KIND = (("街道办事处", ("街道",)), ("人民政府", ("镇里", "乡里")), ("医院", ("医院",)), ("局", ("局里", "本局")))


def _strip_unit_name(subject: str, docs: list[dict]) -> str:
    """教育局收入预算 → 收入预算, 商务委有几辆车 → 有几辆车, 卫健局收入总计 → 收入总计, when it names
    the document's own unit (in full, a tail of it, or an abbreviation)."""
    for d in docs:
        name = fold(d.get("unit_name") or "")
        if not name:
            continue
        cut = next((len(a) for a in unit_aliases(name) if subject.startswith(a)), 0)
        if not cut:
            kind = next((words for end, words in _SELF_BY_KIND if name.endswith(end)), ())
            cut = next((len(w) for w in kind if subject.startswith(w) and len(subject) > len(w) + 1), 0)
        m = _ORG_NAME.match(subject)
        if not cut and m and abbreviates(m.group(0), name):
            cut = m.end()
        if cut and cut == len(subject):
            return ""  # "财政局2024年花了多少钱": the unit's whole budget
        if cut and len(subject) > cut + 1:
            # "…商务委员会部门预算：三公经费" (an ambiguity option asked back) → 三公经费
            tail = re.sub(r"^(的|有|共有)", "", subject[cut:])
            rest = re.sub(r"^((部门|单位)?(预算|决算)(公开)?)?[:：]?", "", tail)
            # "教育局预算": the unit's whole budget, not a subject called 教育
            return rest or tail or subject
    return subject


def _answer_two_years(q: Question, store, all_docs: list[dict], indexed, ctx_base: dict) -> Answer | None:
    """收入比去年增加了多少, when the narrative does not say but last year's document is ingested:
    this year's figure minus last year's, both cited, with the formula."""
    cache = _cache(store)
    for doc, idx in indexed:
        prev = [
            d for d in all_docs
            if d["unit_name"] == doc["unit_name"] and doc.get("year") and d.get("year") == doc["year"] - 1
        ]
        prev.sort(key=lambda d: d.get("doc_type") != doc.get("doc_type"))  # same kind of document first
        if not prev:
            continue
        now = _answer_value(replace(q, intent="value", unit=None), [(doc, idx)], ctx_base)
        before = _answer_value(replace(q, intent="value", unit=None), [(prev[0], cache.get(store, prev[0]))], ctx_base)
        if not (now and before and now.status == before.status == STATUS_ANSWERED and now.value is not None
                and before.value is not None and _is_money(now.unit or "") and _is_money(before.unit or "")):
            continue
        a = Decimal(str(now.value))
        b = convert_amount(Decimal(str(before.value)), before.unit, now.unit)
        diff = a - b
        pct = (diff / b * 100).quantize(Decimal("0.01")) if b else None
        way = "增加" if diff > 0 else "减少" if diff < 0 else "持平"
        formula = f"{A.fmt_converted(a)} − {A.fmt_converted(b)} = {A.fmt_converted(diff)}"
        text = (
            f"{doc['year']}年{A.display_label(q.subject)}{A.fmt_converted(a)}{now.unit}，"
            f"{prev[0]['year']}年{A.fmt_converted(b)}{now.unit}，{way}"
            + (f"{A.fmt_converted(abs(diff))}{now.unit}" if diff else "")
            + (f"（{'增长' if diff > 0 else '下降'}{abs(pct)}%）" if pct and diff else "")
            + f"。计算：{formula}。"
        )
        value, unit = (float(abs(pct)), "%") if q.want_percent and pct is not None else (float(abs(diff)), now.unit)
        items = (
            Item(f"{prev[0]['year']}年", before.value, before.unit, before.citations[0]),
            Item(f"{doc['year']}年", now.value, now.unit, now.citations[0]),
        )
        return Answer(q.text, STATUS_ANSWERED, text, value, unit, items, formula,
                      tuple(now.citations[:2]) + tuple(before.citations[:2]), (),
                      dict(now.context, intent="change"))
    return None


def _named_unit(q: Question, indexed) -> tuple[str, str]:
    """(the subordinate unit named in the subject, the subject without it), or ("", subject)."""
    for doc, idx in indexed:
        for unit in idx.unit_labels:
            for m in unit_mentions(unit, doc.get("unit_name") or ""):
                if m in q.subject:
                    return unit, q.subject.replace(m, "", 1).lstrip("的")
    for _doc, idx in indexed:
        found = [(a, unit) for unit in idx.unit_labels if (a := abbreviation_in(q.subject, unit))]
        if len(found) == 1:  # one unit only: 水科院; two candidates would be a guess
            a, unit = found[0]
            return unit, q.subject.replace(a, "", 1).lstrip("的")
    return "", q.subject


def _answer_year_before(
    q: Question, store, all_docs: list[dict], doc_id: str | None, context: dict | None
) -> Answer | None:
    """"去年呢" when only this year's document is ingested: last year as the document states it."""
    if q.intent != "value" or (q.year is None and q.year_offset is None):
        return None
    docs, problem = _scope(all_docs, replace(q, year=None, year_offset=None), doc_id, context)
    if problem or len(docs) != 1 or not docs[0].get("year"):
        return None
    this_year = docs[0]["year"]
    asked = q.year if q.year is not None else _relative_year(docs, q.year_offset or 0)
    if asked != this_year - 1 or _other_unit(q, all_docs):
        return None
    q = replace(q, subject=_strip_unit_name(q.subject, docs))
    return answer_previous_year(q, list(zip(docs, _cache(store).get_many(store, docs), strict=True)), {})


def _clean_context(context) -> dict | None:
    """The previous answer's context as passed back by a client: known keys of the right types only
    (a context comes from outside — the API, the command line — and is never trusted)."""
    if not isinstance(context, dict):
        return None
    out: dict = {}
    for key, value in context.items():
        if key == "year":
            if isinstance(value, int) and not isinstance(value, bool) and 1949 <= value <= 2100:
                out[key] = value
            elif isinstance(value, str) and value.isdigit() and 1949 <= int(value) <= 2100:
                out[key] = int(value)
        elif isinstance(key, str) and isinstance(value, str) and len(value) <= 200:
            out[key] = value
    return out or None


def ask(question: str, store, *, doc_id: str | None = None, context: dict | None = None) -> Answer:
    """Answer ``question`` from the documents in ``store`` (optionally one ``doc_id``)."""
    context = _clean_context(context)
    if not question or not question.strip():
        return A.not_found(question or "", A.reason("empty"))
    q = _merge_context(parse_question(question[:500]), context)
    if not q.subject and q.column:
        q = replace(q, subject=q.column, column="")  # "其中基本支出呢" with nothing before it
    ctx_base: dict = {}
    if q.out_of_scope:
        return A.not_found(q.text, A.reason("out_of_scope"))
    if q.foreign_currency:
        return A.not_found(q.text, A.reason("foreign_currency"))
    if q.intent == "definition" and (re.search(r"\d{3,7}", q.subject) or re.search(r"多少|几", q.norm)):
        # "30217是啥", "30103是什么科目，多少钱": the figure of that subject
        q = replace(q, intent="value", subject=re.sub(r"是什么|是啥|科目", "", q.subject))
    all_docs = store.documents()  # read once per question
    docs, problem = _scope(all_docs, q, doc_id, context)
    if problem:
        before = _answer_year_before(q, store, all_docs, doc_id, context)
        if before is not None:
            return before
        return A.not_found(q.text, problem, context=dict(context or {}))
    cache = _cache(store)
    indexed = list(zip(docs, cache.get_many(store, docs), strict=True))
    # a subordinate unit the tables list (水文水资源勘测中心, 水利厅本级) is one of ours
    unit, rest = _named_unit(q, indexed)
    other = None if unit else _other_unit(q, all_docs, indexed)
    if other:
        return A.not_found(q.text, A.reason("other_unit", unit=other))
    if not unit:
        q = replace(q, subject=_strip_unit_name(q.subject, docs))
    if unit:
        # "第一中学住房公积金": that unit's row; "第一中学预算多少": the unit's own total row
        keep = core(rest) and core(rest) not in ("支出", "收入", "预算", "决算", "总", "钱", "总额", "经费")
        # nothing else asked: the unit's own row, by the name the table prints (水文中心 → its full name),
        # in its spending or income column when the question says which (花了多少 → 支出)
        column = q.column
        if not keep and not column:
            column = "收入" if re.search(r"收入|拨款", q.norm) else "支出" if re.search(r"花|支出|用了|开支", q.norm) else ""
        q = replace(q, org_unit=unit, subject=rest if keep else unit, column=column)
    if (
        core(q.subject) in ("", "总", "钱", "总额")
        and q.intent in ("value", "change", "yesno_change", "share", "vs_budget", "reason")
        and (q.measure or q.year or re.search(r"花|用|支出|开支|收入|预算|决算|钱", q.norm))
    ):
        # "2024年实际花了多少钱", "总预算合多少亿": the department's total
        q = replace(q, subject="收入" if re.search(r"收入|拨款|给了", q.norm) else "支出")
    if not q.subject and q.intent not in ("org", "duties"):
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
    elif q.intent == "breakdown" and re.fullmatch(r"(部门|本部门)?(预算|决算)?(单位|下属单位|所属单位|单位构成)", q.subject):
        # 决算包括哪些单位: the 单位构成 section, else each unit's row
        result = _answer_units(q, indexed, ctx_base) or _breakdown_by_unit(q, indexed, ctx_base, asked=True)
    elif q.intent == "breakdown":
        result = _answer_breakdown(q, indexed, ctx_base)
        if result is None and re.search(r"和|与|、", q.subject) and re.search(r"分别|各", q.norm):
            # "人员经费和公用经费分别多少": each one's figure
            result = _answer_arithmetic(
                replace(q, intent="list", parts=tuple(re.split(r"(和|与|、|以及)", q.subject))), indexed, ctx_base
            )
        if result is None:
            result = _answer_definition(q, indexed, ctx_base)
    elif q.intent == "share":
        result = _answer_share(q, indexed, ctx_base)
    elif q.intent == "reason":
        if re.search(r"超预算|超支|没花完|未花完|比预算|预算(没|未)完成|没完成|结余", q.norm):
            # budget against actual: the reason printed beside the subject's own figures
            result = _answer_nearby_reason(q, indexed, ctx_base) or _answer_change_text(
                q, indexed, ctx_base, want_reason=True
            )
        else:
            result = _answer_change_text(q, indexed, ctx_base, want_reason=True) or _answer_nearby_reason(
                q, indexed, ctx_base
            )
        if result is None and q.subject in ("收入", "支出") and q.subject not in q.norm:
            # "为什么今年预算涨这么多": the whole budget, stated of its income or its spending
            other = replace(q, subject="收入" if q.subject == "支出" else "支出")
            result = _answer_change_text(other, indexed, ctx_base, want_reason=True)
    elif q.intent == "vs_budget":
        result = answer_vs_budget(q, indexed, ctx_base)
    elif q.intent == "purpose":
        result = _answer_purpose(q, indexed, ctx_base)
    elif q.intent == "yesno_change":
        # a change figure labelled with the subject, else a sentence saying it near the subject (持平)
        result = _answer_value(q, indexed, ctx_base) or _answer_change_text(
            q, indexed, ctx_base, want_reason=False
        )
    elif q.intent in ("org", "duties") and len({d.get("unit_name") for d, _ in indexed}) > 1:
        # "这个单位归哪个部门管" over several units' documents: ask which one
        options = [f"{A.doc_label(d)}：{q.text}" for d, _ in indexed[:8]]
        result = A.ambiguous(q.text, "这个单位", options, ctx_base)
    elif q.intent == "org":
        result = _answer_org(q, indexed, ctx_base)
    elif q.intent == "duties":
        result = _answer_duties(q, indexed, ctx_base)
    elif q.intent == "change":
        result = _answer_value(q, indexed, ctx_base)
        if result is None:
            result = _answer_two_years(q, store, all_docs, indexed, ctx_base)
        if result is None:
            result = _answer_change_text(
                replace(q, intent="yesno_change"), indexed, ctx_base, want_reason=False
            )
    else:
        result = _answer_value(q, indexed, ctx_base)
        if result is None and q.intent == "value" and not re.search(r"钱|元|万|亿|预算|决算|支出|收入|经费|费|资金|拨款", q.norm):
            result = _answer_value(replace(q, intent="count"), indexed, ctx_base)  # 行政编制多少 → 26人
        if result is None:
            result = _breakdown_by_unit(q, indexed, ctx_base)  # 各单位收入多少
        if result is None and re.search(r"[,，]", q.subject):
            # "退休干部那块钱有多少，行政单位离退休": a clause that says it again, more exactly
            for part in reversed([p for p in re.split(r"[,，]", q.subject) if len(p) >= 2]):
                result = _answer_value(replace(q, subject=part), indexed, ctx_base)
                if result is not None:
                    break
        if result is None and re.search(r"加起来|一共|总共|合计|总和|之和", q.norm):
            result = _answer_sum_of_chapters(q, indexed, ctx_base)
        if result is None and re.search(r"和|与|、|及", q.subject):
            # "办公费和差旅费": each subject's figure, listed
            result = _answer_arithmetic(
                replace(q, intent="list", parts=tuple(re.split(r"(和|与|、|以及)", q.subject))),
                indexed,
                ctx_base,
            )
    if result is None:
        key = {
            "change": "no_change",
            "reason": "no_reason",
            "definition": "no_definition",
            "breakdown": "no_parts",
        }.get(q.intent, "no_subject")
        return A.not_found(
            q.text,
            A.reason(key, subject=q.subject),
            _suggest(q, indexed, q.subject),
            context={"doc_id": docs[0]["doc_id"], "year": docs[0].get("year")} if len(docs) == 1 else {},
        )
    if result.status == STATUS_ANSWERED and not result.citations:
        return A.not_found(q.text, A.reason("no_subject", subject=q.subject), _suggest(q, indexed, q.subject))
    return result


__all__ = ["ask", "Answer", "Citation", "Item"]
