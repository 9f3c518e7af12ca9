"""Parts, lists and rankings: what a total is made of, projects, the largest subjects."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from functools import cache
from importlib import resources

from index.model import Fact
from index.normalize import fold

from . import answer as A
from .candidates import (
    _children,
    _context,
    _dec,
    _fact_name,
    _is_money,
    _itemize,
    _labelled_children,
    _rank,
    _sentence_name,
)
from .matcher import (
    DEFAULT_ACCEPT,
    core,
    subject_variants,
)
from .model import STATUS_ANSWERED, Answer, Item
from .question import Question


def _listed(q: Question, text: str, items, context: dict, citations=None) -> Answer:
    """An answer that lists items (no headline figure), cited by its first items unless told otherwise."""
    cites = citations if citations is not None else tuple(i.citation for i in items[:4] if i.citation)
    return Answer(q.text, STATUS_ANSWERED, text, None, None, tuple(items), None, tuple(cites), (), context)


def _project_list(q: Question, docs, ctx_base: dict) -> Answer | None:
    """项目支出有哪些: the projects and their amounts, from a project table or the narrative."""
    for doc, idx in docs:
        rows: dict[str, Fact] = {}
        for e in idx.entries:
            f = e.fact
            if (
                f.source == "table"
                and "项目" in (f.table_kind + f.table_title)
                and "绩效" in (f.table_kind + f.table_title)
                or (f.source == "table" and f.table_kind == "项目支出表")
            ):
                # a row named by several columns (项目名称/项目类型/功能科目) is named by its project
                label = _sentence_name(A.display_label(f.row_label.split("/")[0]), idx.unit_name)
                generic = fold(label) in ("合计", "总计", "小计") or (
                    idx.unit_name and fold(label) == fold(idx.unit_name)
                )
                if (
                    label
                    and not generic
                    and _is_money(f.unit)
                    and label not in rows
                    and re.search(r"总额|金额|合计|预算", f.column)
                ):
                    rows[label] = f
        items_src = list(rows.values())
        if not items_src:
            # narrative: enumerated items in the section that states the project total
            for e in idx.entries:
                f = e.fact
                if f.source != "sentence" or not _is_money(f.unit):
                    continue
                sent = idx.sentence_by_id.get(f.sentence_id)
                if (
                    sent
                    and re.match(r"^[(（][一二三四五六七八九十\d]+[)）]", sent.text)
                    and "项目" in sent.section + "拨款支出"
                    and re.search(r"经费|专项|项目", f.row_label)
                ):
                    items_src.append(f)
        if items_src:
            items, listed = _itemize(
                [
                    (_sentence_name(A.display_label(g.row_label.split("/")[0]), idx.unit_name), g)
                    for g in items_src[:30]
                ],
                doc,
                idx,
            )
            year = A.year_prefix(doc)
            text = f"{year}项目支出包括{len(items)}个项目：{listed}。"
            cites = tuple(dict.fromkeys(i.citation for i in items if i.citation))[:6]
            return _listed(q, text, items, _context(ctx_base, doc, q, "breakdown"), citations=cites)
    return None


_LIST_MARK = re.compile(r"主要用于|用于|包括|其中|分别为|分别是|分为|具体为")


def _is_listing(t: str, mark: re.Match) -> bool:
    """A list follows the mark: "包括：办公费、印刷费、差旅费…" (two 、 within its clause)."""
    clause = re.split(r"[；;。]", t[mark.end() :])[0]
    return clause.count("、") >= 2


def _breakdown_from_sentence(q: Question, docs, ctx_base: dict) -> Answer | None:
    """项目支出主要用于：小学教育1,650.32万元，初中教育1,162.00万元…: the items the narrative lists."""
    variants, _ = subject_variants(q.subject)
    for doc, idx in docs:
        by_sentence = idx.sentence_figures
        for s, t in zip(idx.sentences, idx.folded_sentences, strict=True):
            # the subject, then within a few characters (or its amount) a list mark; late in a
            # sentence only when a list follows ("…；公用经费161.57万元，主要包括：办公费、…")
            m = None
            for v in (v for v in variants if v and v in t):
                at = t.find(v)
                while at >= 0 and m is None:
                    near = _LIST_MARK.search(t, at + len(v), at + len(v) + 10)
                    if near is None:  # past the total's own amount: "本年收入合计67,477.62万元，其中：…"
                        amount = re.match(r"(合计|总计|共计|共|为|是|达)?[\d,.]+(万元|亿元|元)[,，]?", t[at + len(v) :])
                        near = _LIST_MARK.match(t, at + len(v) + amount.end()) if amount else None
                    far = _LIST_MARK.search(t, at + len(v), at + len(v) + 22)
                    # right after the name at the sentence start; after its amount only for a list in words
                    m = near if near and at < 30 else far if far and _is_listing(t, far) else None
                    at = t.find(v, at + 1)
                if m:
                    break
            if not m:
                continue
            figures = [
                f for f in by_sentence.get(s.sentence_id, []) if f.col > m.start() and _is_money(f.unit)
            ]
            if len(figures) < 2:
                if t[m.end() :].count("、") >= 2:
                    # "公用经费…主要包括：办公费、印刷费、差旅费…": a list in words, quoted as it stands
                    # (from the subject to the end of its clause when it is named late in the sentence)
                    said = next((v for v in variants if v and v in s.text), "")
                    at = s.text.find(said) if said else -1
                    quote = re.split(r"[；;。]", s.text[at:])[0] if at >= 20 else s.text
                    return Answer(
                        q.text,
                        STATUS_ANSWERED,
                        f"根据文件：{quote}",
                        citations=(A.sentence_citation(s, doc),),
                        context=_context(ctx_base, doc, q, "breakdown"),
                    )
                continue
            items = tuple(
                Item(
                    _sentence_name(f.row_label, idx.unit_name),
                    _dec(f.value),
                    f.unit,
                    A.citation_for(f, doc, s),
                )
                for f in figures[:20]
            )
            text = (
                f"{A.display_label(q.subject)}："
                + "、".join(
                    f"{i.label}{A.fmt_value(f.value)}{i.unit}" for i, f in zip(items, figures, strict=False)
                )
                + f"。原文：{s.text}"
            )
            return _listed(
                q,
                text,
                items,
                _context(ctx_base, doc, q, "breakdown"),
                citations=(A.sentence_citation(s, doc),),
            )
    return None


def _breakdown_by_table_kind(q: Question, docs, ctx_base: dict) -> Answer | None:
    """基本支出包括哪些: the table of that kind, its first-level subject rows in its total column."""
    v = core(q.subject)
    if len(v) < 2:
        return None
    for doc, idx in docs:
        tables = [
            facts
            for (kind, _table_id), facts in idx.coded_facts_by_table.items()
            if v in kind and "收支" not in kind
        ]
        for facts in tables:
            first_col = min(f.col for f in facts)
            rows = [f for f in facts if f.col == first_col]
            level = min(len(f.subject_code) for f in rows)
            kids = [f for f in rows if len(f.subject_code) == level]
            if len(kids) < 2:
                continue
            items, listed = _itemize(
                [(f"{A.display_label(f.row_label)}（{f.subject_code}）", f) for f in kids], doc, idx
            )
            year = A.year_prefix(doc)
            text = f"{year}{A.display_label(q.subject)}按{kids[0].table_title or kids[0].table_kind}分为：{listed}。"
            return _listed(q, text, items, _context(ctx_base, doc, q, "breakdown"))
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
    wanted = (
        ("一般公共预算基本支出表",) if economic else ("收入总表",) if "收入" in subject else _RANK_TABLES[:2]
    )
    for doc, idx in docs:
        for kind in wanted:
            rows = [
                e.fact
                for e in idx.entries
                if e.fact.source == "table"
                and e.fact.table_kind == kind
                and e.fact.subject_code
                and e.fact.quote
            ]
            if not rows:
                continue
            first_col = min(f.col for f in rows)
            rows = [f for f in rows if f.col == first_col]
            level = min(len(f.subject_code) for f in rows)
            # the finest level the table gives (项 for function tables) ranks what money is actually for
            finest = level if re.search(r"类|大项|大块", q.norm) else max(len(f.subject_code) for f in rows)
            pick = [
                f
                for f in rows
                if len(f.subject_code)
                == (
                    finest
                    if not economic
                    else level + 2
                    if any(len(g.subject_code) == level + 2 for g in rows)
                    else level
                )
            ]
            pick.sort(key=lambda f: f.value, reverse=not ascending)
            pick = pick[:n]
            if not pick:
                continue
            items, listed = _itemize(
                [(f"{A.display_label(f.row_label)}（{f.subject_code}）", f) for f in pick], doc, idx
            )
            year = A.year_prefix(doc)
            order = "最少" if ascending else "最多"
            title = pick[0].table_title or kind
            text = (
                f"{'' if year and year in title else year}按{title}，金额{order}的{len(pick)}项是：{listed}。"
            )
            return _listed(q, text, items, _context(ctx_base, doc, replace(q, subject=subject), "rank"))
    return None


@cache
def _expense_groups() -> dict[str, tuple[str, ...]]:
    """{name or alias: economic class codes} from qa/data/expense_groups.toml."""
    data = tomllib.loads(resources.files("qa").joinpath("data/expense_groups.toml").read_text("utf-8"))
    out: dict[str, tuple[str, ...]] = {}
    for g in data["group"]:
        for name in (g["name"], *g.get("aliases", [])):
            out[fold(name)] = tuple(g["codes"])
    return out


def _breakdown_by_class(q: Question, docs, ctx_base: dict) -> Answer | None:
    """人员经费包括哪些: the coded rows of its economic classes (301, 303) in the 基本支出 table,
    grouped by class, when no sentence lists them."""
    codes = _expense_groups().get(core(q.subject)) or _expense_groups().get(fold(q.subject))
    if not codes:
        return None
    for doc, idx in docs:
        for (kind, _table_id), facts in idx.coded_facts_by_table.items():
            if "基本支出" not in kind:
                continue
            first_col = {}
            for f in facts:  # each row's first figure (the 合计/决算数 of its own group)
                first_col.setdefault((f.row, f.subject_code), f)
            rows = [f for f in first_col.values() if f.subject_code[:3] in codes]
            heads = [f for f in rows if len(f.subject_code) == 3]
            leaves = [f for f in rows if len(f.subject_code) == 5 and f.value]
            if not leaves:
                continue
            parts = []
            for h in sorted(heads, key=lambda f: f.subject_code):
                mine = [f for f in leaves if f.subject_code.startswith(h.subject_code)]
                names = "、".join(f"{A.display_label(f.row_label)}{A.fmt_value(f.value)}{f.unit}" for f in mine)
                parts.append(f"{A.display_label(h.row_label)}（{h.subject_code}）{A.fmt_value(h.value)}{h.unit}" + (f"：{names}" if names else ""))
            items, listed = _itemize([(f"{A.display_label(f.row_label)}（{f.subject_code}）", f) for f in leaves[:30]], doc, idx)
            year = A.year_prefix(doc)
            text = f"{year}{A.display_label(q.subject)}按经济分类包括：" + ("；".join(parts) if parts else listed) + "。"
            return _listed(q, text, items, _context(ctx_base, doc, q, "breakdown"))
    return None


_EACH_UNIT = re.compile(r"(各|每个|每家|所有|全部)(个)?(下属|所属|二级|基层)?(单位|机构)|(下属|所属|二级)(单位|机构)(各|分别)")


def _breakdown_by_unit(q: Question, docs, ctx_base: dict, *, asked: bool = False) -> Answer | None:
    """各下属单位分别花了多少: each unit's own row of a per-unit table, in its spending (or income)
    total column. ``asked``: the caller already knows the units are what is asked."""
    if not asked and not _EACH_UNIT.search(q.norm):
        return None
    wants = "收入" if re.search(r"收入|拨款|给了", q.norm) else "支出"
    for doc, idx in docs:
        own = fold(doc.get("unit_name") or "")
        rows: dict[str, Fact] = {}
        for e in idx.entries:
            f = e.fact
            if f.source != "table" or not f.unit_label or f.row_label != f.unit_label or fold(f.unit_label) == own:
                continue
            col = fold(f.column)
            total = re.search(r"合计|总计|小计", col) or col in ("", "金额", "决算数", "预算数")
            if wants in col and total or (wants not in col and "收入" not in col and "支出" not in col and total):
                rows.setdefault(f.unit_label, f)
        if len(rows) >= 2:
            facts = sorted(rows.values(), key=lambda f: f.value, reverse=True)
            items, listed = _itemize([(A.display_label(f.unit_label), f) for f in facts], doc, idx)
            year = A.year_prefix(doc)
            text = f"{year}各单位{wants}（按{facts[0].table_title or facts[0].table_kind}）：{listed}。"
            return _listed(q, text, items, _context(ctx_base, doc, q, "breakdown"))
    return None


def _answer_breakdown(q: Question, docs, ctx_base: dict) -> Answer | None:
    by_unit = _breakdown_by_unit(q, docs, ctx_base)
    if by_unit:
        return by_unit
    if re.search(r"项目支出|项目|专项", q.subject) and not re.search(r"项目支出[的]?(功能|经济)", q.subject):
        projects = _project_list(q, docs, ctx_base)
        if projects:
            return projects
    listed = _breakdown_from_sentence(q, docs, ctx_base)
    if listed:
        return listed
    by_class = _breakdown_by_class(q, docs, ctx_base)
    if by_class:
        return by_class
    by_kind = _breakdown_by_table_kind(q, docs, ctx_base)
    if by_kind:
        return by_kind
    ranked = [r for r in _rank(replace(q, intent="value"), docs, q.subject) if r[1].score >= DEFAULT_ACCEPT]
    if ranked:
        # among near-equal readings a table's structure gives cleaner parts than a sentence
        top = ranked[0][0]
        ranked.sort(key=lambda r: (r[0] < top - 5, r[1].entry.fact.source != "table", -r[0]))
    for _score, best, doc in ranked[:6]:
        kids = _children(best, best.doc)
        if len(kids) < 2:
            continue
        sentences = best.doc.sentence_by_id
        items, listed = _itemize(_labelled_children(kids, best.doc), doc, best.doc)
        total = best.entry.fact
        year = A.year_prefix(doc)
        name = _fact_name(best)
        if total.source == "sentence" and core(name) in ("", "总", "项目总", "项目", "支出", "收入"):
            name = A.display_label(q.subject)
        text = f"{year}{name}共{A.fmt_value(total.value)}{total.unit}，包括：{listed}。"
        cites = (A.citation_for(total, doc, sentences.get(total.sentence_id)),) + tuple(
            i.citation for i in items[:3] if i.citation
        )
        return Answer(
            q.text,
            STATUS_ANSWERED,
            text,
            _dec(total.value),
            total.unit,
            tuple(items),
            None,
            cites,
            (),
            _context(ctx_base, doc, q, "breakdown"),
        )
    return None
