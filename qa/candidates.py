"""Shared ranking of candidate facts for every intent: unit checks, preferences, the ranked list,
names for answers, and the parts of a total. Used by the intent modules; faces never import it."""

from __future__ import annotations

import re
from decimal import Decimal

from index.model import Fact
from index.normalize import fold

from . import answer as A
from .matcher import (
    DEFAULT_ACCEPT,
    GENERIC_ROWS,
    DocIndex,
    IndexCache,
    Scored,
    core,
    score_entries,
    subject_variants,
)
from .model import Item
from .normalize import convert_amount
from .question import Question
from .units import mentions_unit

COUNT_UNIT_FAMILY = {
    "台": ("台", "台（套）", "台(套)", "套"),
    "套": ("套", "台（套）", "台(套)"),
    "次": ("次", "批次", "场次"),  # 招待了几次 → 27批次
}


_TOTAL_LEAVES = (
    "合计",
    "总计",
    "小计",
    "金额",
    "本年预算",
    "预算数",
    "决算数",
    "本年收入合计",
    "本年支出合计",
    "",
)


def _cache(store) -> IndexCache:
    cache = getattr(store, "_qa_index_cache", None)
    if cache is None:
        cache = IndexCache()
        store._qa_index_cache = cache
    return cache


def _context(ctx_base: dict, doc: dict, q, intent: str) -> dict:
    """The context an answer carries for follow-ups: its document, year, subject and intent."""
    return dict(ctx_base, doc_id=doc["doc_id"], year=doc.get("year"), subject=q.subject, intent=intent)


_BUDGET_MEASURE = re.compile(r"(?<!公共)(?<!基金)(?<!经营)预算")


def budgeted(text: str) -> bool:
    """Whether a header or clause names the budgeted figure (预算数, 年初预算), not a fund
    (一般公共预算, 政府性基金预算, 国有资本经营预算 are kinds of money, not measures)."""
    return bool(_BUDGET_MEASURE.search(text))


def _dec(x: Decimal) -> float:
    return float(x)


def _is_money(unit: str) -> bool:
    return unit in A.MONEY_UNITS


def _unit_ok(fact: Fact, q: Question) -> bool:
    if q.intent == "count":
        if _is_money(fact.unit) or fact.unit == "%":
            return False
        if q.count_unit == "个":  # 个 counts units, people, items: 退休人员有几个 → 14人; not cars or trips
            return fact.unit in ("个", "家", "所", "项", "人", "名", "户", "件", "条", "期")
        if q.count_unit:
            return fact.unit in COUNT_UNIT_FAMILY.get(q.count_unit, (q.count_unit,)) or fact.unit.startswith(
                q.count_unit
            )
        return fact.unit != "分"
    if q.intent in ("change", "yesno_change"):
        if fact.source == "table" and _CHANGE_COLUMN.search(fold(fact.column)):
            # 增减率 column: a percentage even where the table's unit line says 万元
            is_rate = fact.unit == "%" or re.search(r"率|%|％", fold(fact.column)) is not None
            return is_rate if q.want_percent else not is_rate and _is_money(fact.unit)
        return (fact.unit == "%") if q.want_percent else _is_money(fact.unit)
    if fact.unit == "%":
        # 预算完成率多少, 居民满意度是多少: a rate asked by name
        return bool(re.search(r"率|百分之|%|比例|几成|满意度|覆盖", q.norm))
    return _is_money(fact.unit) or (fact.unit == "分" and "分" in q.norm)


_FUNDS = ("一般公共预算", "财政拨款", "政府性基金")
_CHANGE_COLUMN = re.compile(r"增减|增长|增幅|变动|比上年|较上年")


def in_column(f: Fact, column: str) -> bool:
    """Whether a figure is in the column asked of its row: its header says so, or for a fund
    (一般公共预算) the whole table counts only that fund (一般公共预算财政拨款支出决算表)."""
    if f.source != "table":
        return column in fold(f.row_label)
    if column in fold(f.column):
        return True
    return column in _FUNDS and column in fold(f.table_title + f.table_kind)


_LAST_YEAR = re.compile(r"(上年|上一年|去年)(?!结转|结余)")  # 上年结转 is this year's money
YEAR_WORDS = re.compile(r"本年|今年|上年|上一年|去年|(?:19|20)\d{2}年?")


def column_year(column: str, year: int | None) -> int | None:
    """The year a column's figures are for, when its header says (上年预算数 → year − 1, 2024年执行数
    → 2024); -1 for 上年 when the document's year is unknown; None when it does not say."""
    c = fold(column)
    if _LAST_YEAR.search(c):
        return year - 1 if year else -1
    said = re.findall(r"((?:19|20)\d{2})年", c)
    return int(said[-1]) if said else None


def _other_year_column(column: str, year: int | None) -> bool:
    """A column of another year's figures (上年预算数, 2024年执行数)."""
    said = column_year(column, year)
    return said is not None and (said != year if year else said == -1)


_THRESHOLD = re.compile(r"(\d+(?:\.\d+)?)万元?(?:[(（]含[)）])?以上")


def _other_threshold(f: Fact, q: Question) -> bool:
    """单价50万元以上 asked, 单价100万元以上 printed: another count, not this one."""
    asked = set(_THRESHOLD.findall(q.norm))
    said = set(_THRESHOLD.findall(fold(f.row_label)))
    return bool(asked and said and not asked & said)


def _preference(s: Scored, q: Question, doc: dict) -> float:
    f, e = s.entry.fact, s.entry
    p = 0.0
    if _other_threshold(f, q):
        return -100
    if q.org_unit and f.source == "sentence" and not mentions_unit(f.quote, q.org_unit):
        return -100  # a sentence about the department is not about the unit asked
    if "三公" in q.norm and "三公" in f.table_kind + f.table_title + f.row_label and not re.search(r"三公", q.subject):
        p += 3  # "三公里面公车运行费": the 三公 table's 公务用车运行费, not the economic class 30231
    qualifier = re.match(r"^(?:给|对|向)?(.{2,8}?)的", q.subject)
    if qualifier and len(qualifier.group(1)) >= 2 and qualifier.group(1) in fold(f.row_label + f.column):
        p += 4  # "给小微企业的合同金额": the 小微企业 figure, not the 中小企业 one beside it
    said_fund = f.table_title if f.source == "table" else f.row_label
    if re.search(r"财政拨款|一般公共预算|政府性基金|国有资本", said_fund) and not re.search(
        r"财政拨款|一般公共预算|政府性基金|国有资本|基金|拨款", q.norm
    ):
        p -= 2  # 年初结转和结余 unqualified is the department's, all funds: the 收支总表 before a fund's
    if q.column:
        # 行政运行里的项目支出: the cell in that column of the subject's row
        p += 8 if in_column(f, q.column) else -8
    if q.intent in ("change", "yesno_change") and f.source == "table":
        if not _CHANGE_COLUMN.search(fold(f.column)):
            return -100  # tables hold this year's figures; changes are stated in the narrative…
        p += 1  # …unless a column says how much it changed (增减额, 增减率(%))
    leaf = fold(e.measure)
    if f.source == "table":
        p += 1  # a tie goes to the table; a better-named narrative figure still wins
        kind = f.table_kind
        said = f.row_label + f.column
        if "支出" in q.subject and "收入" in said and "支出" not in said:
            p -= 6  # 一般公共预算支出 is not the 一般公共预算拨款收入 row, even when the amounts agree
        elif "收入" in q.subject and "支出" in said and "收入" not in said:
            p -= 6
        if "支出" in q.subject and "收入" in kind and "支出" not in kind:
            p -= 3  # 一般公共服务支出 is read in a spending table, not in the income-by-function one
        elif "收入" in q.subject and "支出" in kind and "收入" not in kind:
            p -= 3
        if not f.quote:
            # a blank cell read as 0: only when nothing printed says more; yet a blank 决算数 in
            # final accounts is still the actual, not a reason to answer with the 预算数 beside it
            actual = doc.get("doc_type") == "决算" and "决算" in fold(f.column) and q.measure != "预算数"
            p -= 1 if actual else 6
        if q.org_unit:
            # a subordinate unit was named: its rows only, never the department's or another unit's
            if f.unit_label != q.org_unit:
                return -100
            p += 8
        elif f.unit_label and fold(f.unit_label) != fold(doc.get("unit_name") or ""):
            p -= 5  # a unit's own row, when the department's figure is asked
        if _other_year_column(f.column, doc.get("year")):
            p -= 6  # 上年预算数 / 2024年执行数 beside this year's figure: asked for only by year
        if "绩效" in f.table_kind + f.table_title and not re.search(r"绩效|目标|指标", q.norm):
            p -= 4  # performance-target tables repeat amounts for another purpose
        row = fold(f.row_label)
        if "总计" in q.norm:
            # 收入总计 (with 年初结转) is not 本年收入合计: the word asked decides
            p += 3 if "总计" in row else -2 if "合计" in row else 0
        elif e.subject_from_column and row == "总计":
            p -= 3  # a column's 总计 row adds 年末结转和结余; the year's spending is its 本年支出合计 row
        if e.generic_row and fold(f.row_label) not in ("合计", "总计", "小计", ""):
            p -= 4  # a per-unit row of a summary table
        if not e.subject_from_column:
            if leaf in _TOTAL_LEAVES or leaf.endswith(("合计", "总计")):
                p += 2
        # the measure may head the leaf (本年预算数) or a group above it (预算数/公务接待费)
        measured = leaf if budgeted(leaf) or "决算" in leaf else fold(f.column)
        if q.measure in ("预算数", "年初预算", "调整预算"):
            if budgeted(measured):
                p += 4
            elif "决算" in measured:
                p -= 25  # the actual is not the budget asked for
            elif doc.get("doc_type") == "决算":
                p -= 30  # a 决算 table's columns are actuals unless headed 预算
        elif q.measure == "决算数" or doc.get("doc_type") == "决算":
            if "决算" in measured:
                p += 1
            elif budgeted(measured) and not budgeted(q.norm):
                p -= 4
    else:
        if f.measure == "change" and q.intent not in ("change", "yesno_change"):
            return -100
        if q.intent == "count" and q.count_unit and f.unit == q.count_unit:
            p += 3  # 几个社区 → 12个 before 社区工作者120人
        if q.intent == "count" and not f.value:
            p -= 4  # "外事接待0批次" beside "国内公务接待27批次": a nil sub-kind is the weaker reading
        if "其中" in f.quote[: f.col] and core(f.row_label) != core(q.subject):
            p -= 3  # "编制320人，其中：行政编制26人": a part named more narrowly than asked
        if q.intent in ("change", "yesno_change"):
            if f.measure != "change" and f.unit != "%":
                return -100
            up = re.search(r"增加|增长|上升|提高|多|涨", q.norm)
            down = re.search(r"减少|下降|降低|少|降|节约", q.norm)
            about = f.row_label
            if (
                up
                and re.search(r"增加|增长|上升|提高|多", about)
                or down
                and re.search(r"减少|下降|降低|节约|少", about)
            ):
                p += 3
        about = fold(f.row_label)
        if q.measure == "年初预算" and "年初预算" in about:
            p += 8
        elif q.measure in ("预算数", "调整预算") and budgeted(about) and "决算" not in about:
            p += 3
        elif q.measure == "决算数" and f.measure == "amount":
            p += 2 if "决算" in about else -6 if budgeted(about) else 0
        elif q.measure is None and doc.get("doc_type") == "决算" and f.measure == "amount":
            # a 决算 states actuals; its 年初预算 figures answer only when asked for
            if budgeted(about) and "决算" not in about:
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
    if q.intent == "count" and variants and variants[-1].endswith("费") and len(variants[-1]) >= 4:
        # 招待了几次 → 公务接待费 → 公务接待: a count is of the activity, not of its cost
        variants.append(variants[-1][:-1])
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
        label = A.display_label(
            s.entry.fact.row_label if not s.entry.subject_from_column else s.entry.fact.column.split("/")[-1]
        )
        named = core(label)
        if not named or named in GENERIC_ROWS or re.match(r"(19|20)\d{2}年", label):
            continue  # 合计是多少, 2023年是多少: not a subject anyone can ask about
        if len(label) <= 20 and f"{label}是多少" not in out:
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
            # a table's own total is named by the table: 一般公共预算支出表 → 一般公共预算支出
            return A.display_label(re.sub(r"(情况|预算|决算)?(总)?表$", "", name) or name)
        code = f"（{f.subject_code}）" if f.subject_code else ""
        return A.display_label(f.row_label) + code
    return _sentence_name(f.row_label, s.doc.unit_name) or "该项"


def _sentence_name(label: str, unit_name: str) -> str:
    name = label.replace(unit_name, "") if unit_name else label
    name = re.sub(
        r"^(?:(?:19|20)\d{2}年度?|本单位|本部门|全年|其中|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、])+",
        "",
        name,
    )
    name = re.sub(r"(?:年初)?(?:预算数|决算数|预算|决算)?(?:均为|均是|分别为|为|是|达|共|约)?$", "", name)
    return A.display_label(name)


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
        return [
            g
            for g in facts
            if g.sentence_id == f.sentence_id and g.col > f.col and g.unit == f.unit and not nested(g)
        ]
    same_table = [g for g in facts if g.table_id == f.table_id]
    if best.entry.subject_from_column:
        # parts are the columns one header level below the total, in the same 预算数/决算数 measure
        def specific(fact: Fact) -> list[str]:
            return [c for c in fact.column.split("/") if c and core(c)]

        def measure(fact: Fact) -> str:
            return next(
                (
                    c
                    for c in reversed(fact.column.split("/"))
                    if c and not core(c) and re.search(r"预算|决算", c)
                ),
                "",
            )

        parent, m = specific(f), measure(f)
        kids = [
            g
            for g in same_table
            if g.row == f.row
            and g.fact_id != f.fact_id
            and measure(g) == m
            and len(specific(g)) == len(parent) + 1
            and specific(g)[:-1] == parent
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
        return [
            g
            for g in same_table
            if g.col == f.col and g.subject_code.startswith(code) and len(g.subject_code) == nxt
        ]
    return []


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
    sentences = idx.sentence_by_id
    items = tuple(
        Item(label, _dec(f.value), f.unit, A.citation_for(f, doc, sentences.get(f.sentence_id)))
        for label, f in pairs
    )
    text = "、".join(f"{label}{A.fmt_value(f.value)}{f.unit}" for label, f in pairs)
    return items, text


def _entry_of(idx: DocIndex, f: Fact):
    for e in idx.entries:
        if e.fact.fact_id == f.fact_id:
            return e
    raise KeyError(f.fact_id)


def _doc_unit(idx: DocIndex) -> str:
    units = [e.fact.unit for e in idx.entries if e.fact.source == "table" and _is_money(e.fact.unit)]
    return max(set(units), key=units.count) if units else "万元"


def _subject_sentences(idx: DocIndex, subject: str) -> list[int]:
    variants, _ = subject_variants(subject)
    out = []
    for i, t in enumerate(idx.folded_sentences):
        if any(v and v in t for v in variants):
            out.append(i)
    return out
