"""Finds and ranks the Facts for a subject phrase.

Labels and subjects are compared in a "core" form: folded (NFKC, simplified,
no quotes), parentheticals dropped (因公出国（境）费 = 因公出国费), and generic
words that do not name a subject stripped (年份, 本单位, 合计, 预算数 …), so that
"收入预算" meets "本年收入合计" and "2025年本单位收入预算". Each document gets
an in-memory index (character bigrams → entries), built once per store
version, so a question scores only the facts that share text with it.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from index.model import Fact, Sentence
from index.normalize import fold

from .lexicon import load_lexicon

DEFAULT_ACCEPT = 72  # below this a label does not name the subject
DEFAULT_TIE = 4
DEFAULT_TYPO_CUTOFF = 75  # rapidfuzz ratio for correcting a mistyped subject against document labels (三公经废, 津帖补贴)

_PARENS = re.compile(r"\([^()]{0,12}\)")
_GENERIC_PREFIX = re.compile(
    r"^(?:(?:19|20)\d{2}年度?|本年度?|全年|年度|本单位|本部门|我单位|我局|单位|部门|其中[:：]?|包括[:：]?|"
    r"[一二三四五六七八九十]+[、.]|\d{1,2}[、.](?!\d)|[(（]?[一二三四五六七八九十\d]{1,2}[)）]|共有|共计|合计|拟|年初)+"
)
_GENERIC_SUFFIX = re.compile(
    r"(?:合计|小计|总额|总数|总量|数量|金额|数额|预算数|决算数|年初预算数|年初预算|调整预算数|预算安排|"
    r"安排|(?<!公共)(?<!基金)(?<!经营)预算|决算|执行数|情况|为|是|达|约|共计|共|数|的|(?<=..)类)+$"
)
_REST_GENERIC = ("支出", "经费", "费用", "费", "资金", "款", "开支", "花费", "科目", "项目", "总计", "合计", "总额")
_NOISE = re.compile(r"花了|花掉|花费了|用了|用掉|给了|拿了|买了|那块的?|那部分的?|方面的?|一年的?|每年的?|全年的?|加起来|得了|参加|参与|是什么科目|什么科目|科目的?|[花用给买拿]$")
GENERIC_ROWS = {"", "合计", "总计", "小计", "本年合计", "总", "累计"}
_IGNORABLE_REST = {"", "费", "经费", "费用", "钱", "款", "资金", "开支", "花销", "花费", "方面", "那块", "这块"}
_GENERIC_FOCUS = {"", "支出", "收入", "经费", "费用", "资金", "钱", "预算", "决算", "款", "开支", "花费", "项目"}
_CODE = re.compile(r"(?<![\d.])(\d{3}|\d{5}|\d{7})(?![\d.万元亿千%台辆个人套次年])")


@lru_cache(maxsize=65536)
def core(text: str) -> str:
    """The comparable core of a label or subject."""
    t = fold(text)
    t = _PARENS.sub("", t)
    t = re.sub(r"[“”\"'：:，,。、；;]", "", t)
    t = t.replace("万元", "万").replace("的", "").replace("收入支出", "收支")  # 收入支出总计 = 收支总计
    t = re.sub(r"(?<=[\u4e00-\u9fff]{2})类(?=[\u4e00-\u9fff])", "", t)  # 货物类采购 = 货物采购
    for _ in range(3):
        t2 = _GENERIC_SUFFIX.sub("", _GENERIC_PREFIX.sub("", t))
        if t2 == t:
            break
        t = t2  # may become "": the label was only generic words (合计, 年初预算为)
    return t


@lru_cache(maxsize=262144)
def similarity(v: str, label: str) -> float:
    """0–100: how well ``label`` names the subject ``v`` (both already core)."""
    if not v or not label:
        return 0.0
    if v == label:
        return 100.0
    if len(v) >= 3 and sorted(v) == sorted(label):
        return 88.0  # the same words in another order: 采购服务 / 服务采购
    if v in label:
        score = 80 + 18 * len(v) / len(label)
        if label.startswith(v) or label.endswith(v):
            score += 2
        return score
    if label in v and len(label) >= 2:
        rest = v.replace(label, "", 1)
        if v.startswith(label) and rest in _REST_GENERIC:
            return 92.0  # 事业运行 + 支出: a generic word after the name (项目 + 支出 is another thing)
        return 50 + 30 * len(label) / len(v)
    r = fuzz.ratio(v, label)
    fuzzy = r * 0.9 if r >= 75 and not _numbers_differ(v, label) else 0.0
    if len(v) >= 5 and _in_order(v, label):
        # 绩效目标涉及预算金额 in 编报绩效目标的2024年度项目涉及预算金额: the words asked, in order,
        # with others between them — weaker than the name itself, strong enough to accept
        grams = {v[i : i + 2] for i in range(len(v) - 1)}
        if sum(g in label for g in grams) >= 0.75 * len(grams):
            return max(fuzzy, 74 + 10 * len(v) / len(label))
    return fuzzy


def _in_order(v: str, label: str) -> bool:
    """Every character of v appears in label, in the same order."""
    it = iter(label)
    return all(ch in it for ch in v)


_NUMERAL = set("0123456789一二三四五六七八九十两百千零〇")


def _numbers_differ(a: str, b: str) -> bool:
    """第三中学 is not 第一中学, 2101102 not 2101101: a numeral changed is another thing, not a typo."""
    for op, i, j in Levenshtein.editops(a, b):
        if (op != "insert" and a[i] in _NUMERAL) or (op != "delete" and j < len(b) and b[j] in _NUMERAL):
            return True
    return False


def _split_path(column: str) -> list[str]:
    return [c for c in column.split("/") if c]


def _expand_pair(parent: str, leaf: str) -> str | None:
    """公务用车购置及运行费 + 运行费 → 公务用车运行费 (a leaf naming one half of an X及Y header)."""
    parts = re.split(r"[及和与]", parent)
    if len(parts) != 2 or len(leaf) > 5:
        return None
    first, second = parts
    if leaf == second or (second.endswith(leaf[-1:]) and leaf.endswith(second[-1:])):
        cut = len(second) - 1
        prefix = first[: len(first) - cut] if cut < len(first) else ""
        return prefix + leaf
    return None


@dataclass
class Entry:
    """A fact with the labels it can be found by."""

    fact: Fact
    labels: tuple[str, ...]  # core labels, best first
    loose: tuple[str, ...] = ()  # weaker labels (purpose clauses, sentence prefixes)
    measure: str = ""
    generic_row: bool = False
    subject_from_column: bool = False
    composite: tuple[str, ...] = ()  # row or column joined with the table's name: must match whole


@dataclass
class DocIndex:
    doc_id: str
    unit_name: str
    entries: list[Entry] = field(default_factory=list)
    by_bigram: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # bigram → labels
    postings: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))  # label → (entry, rank)
    by_code: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    sentences: list[Sentence] = field(default_factory=list)
    sentence_pos: dict[str, int] = field(default_factory=dict)
    _vocab: list[str] | None = None
    _folded: list[str] | None = None
    _by_id: dict[str, Sentence] | None = None
    _typos: dict[str, str | None] = field(default_factory=dict)
    _candidates: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    _sentence_figures: dict[str, list[Fact]] | None = None
    _coded: dict[tuple[str, str], list[Fact]] | None = None
    _rows: dict[tuple[str, int], list[Fact]] | None = None
    _units: list[str] | None = None
    _pinyin: list[tuple[str, tuple[str, ...]]] | None = None
    _sections: dict[str, str] | None = None

    def typo_variants(self, variants: list[str]) -> list[str]:
        """信息话建设 → 信息化建设: near-miss spellings corrected against this document's labels."""
        if self._vocab is None:
            self._vocab = sorted({lab for e in self.entries for lab in e.labels if len(lab) >= 3})
        out = []
        for v in variants[:2]:
            if v not in self._typos:
                fixed = None
                if len(v) >= 4 and not any(v in lab for lab in self._vocab):
                    hit = process.extractOne(v, self._vocab, scorer=fuzz.ratio, score_cutoff=DEFAULT_TYPO_CUTOFF)
                    # a typo is one character wrong, missing or extra; two make another word
                    # (一般公共服务支出 is not 一般公共预算支出)
                    if hit and hit[0] != v and Levenshtein.distance(hit[0], v) <= 1 and not _numbers_differ(v, hit[0]):
                        fixed = hit[0]
                if fixed is None and len(v) >= 3 and not any(v in lab for lab in self._vocab):
                    fixed = self._homophone(v)
                self._typos[v] = fixed
            if self._typos[v]:
                out.append(self._typos[v])
        return out

    def _homophone(self, v: str) -> str | None:
        """协管圆 → 协管员, 办工费 → 办公费, 合记 → 合计: the same sounds typed with the wrong
        characters (the commonest slip of a pinyin keyboard), found inside the document's labels."""
        if self._pinyin is None:
            self._pinyin = [(lab, tuple(lazy_pinyin(list(lab)))) for lab in self._vocab or ()]
        key = tuple(lazy_pinyin(list(v)))
        n = len(key)
        for lab, sounds in self._pinyin:
            for i in range(len(sounds) - n + 1):
                if sounds[i : i + n] == key:
                    cand = lab[i : i + n]
                    if cand != v and not _numbers_differ(v, cand):
                        return cand
        return None

    def candidate_labels(self, variants: list[str]) -> set[str]:
        """Distinct labels sharing enough bigrams with a variant to possibly score (half of the
        variant's, or all of a short label's): a cheap filter before similarity()."""
        key = tuple(variants)
        cached = self._candidates.get(key)
        if cached is not None:
            return cached
        if len(self._candidates) > 512:
            self._candidates.clear()
        out: set[str] = set()
        for v in variants:
            grams = {v[i : i + 2] for i in range(len(v) - 1)} or {v}
            hits: dict[str, int] = defaultdict(int)
            for g in grams:
                for label in self.by_bigram.get(g, ()):
                    hits[label] += 1
            need = max(1, (len(grams) + 1) // 2)
            out.update(lab for lab, n in hits.items() if n >= need or n >= max(1, len(lab) - 1))
        self._candidates[key] = out
        return out

    @property
    def sentence_figures(self) -> dict[str, list[Fact]]:
        """The figures of each sentence, in order (for "其中…" lists)."""
        if self._sentence_figures is None:
            out: dict[str, list[Fact]] = {}
            for e in self.entries:
                if e.fact.source == "sentence":
                    out.setdefault(e.fact.sentence_id, []).append(e.fact)
            self._sentence_figures = out
        return self._sentence_figures

    @property
    def coded_facts_by_table(self) -> dict[tuple[str, str], list[Fact]]:
        """Printed table facts that carry a subject code, by (folded core of the table kind, table id)."""
        if self._coded is None:
            out: dict[tuple[str, str], list[Fact]] = {}
            for e in self.entries:
                f = e.fact
                if f.source == "table" and f.subject_code and f.quote:
                    out.setdefault((core(f.table_kind or f.table_title), f.table_id), []).append(f)
            self._coded = out
        return self._coded

    @property
    def unit_labels(self) -> list[str]:
        """The subordinate units some table rows belong to (not the department itself), longest first."""
        if self._units is None:
            own = fold(self.unit_name)
            names = {e.fact.unit_label for e in self.entries if e.fact.source == "table" and e.fact.unit_label}
            self._units = sorted((n for n in names if fold(n) != own), key=len, reverse=True)
        return self._units

    def row_facts(self, table_id: str, row: int) -> list[Fact]:
        """The figures of one table row, left to right (another column of the same line)."""
        if self._rows is None:
            out: dict[tuple[str, int], list[Fact]] = {}
            for e in self.entries:
                if e.fact.source == "table":
                    out.setdefault((e.fact.table_id, e.fact.row), []).append(e.fact)
            for facts in out.values():
                facts.sort(key=lambda f: f.col)
            self._rows = out
        return self._rows.get((table_id, row), [])

    @property
    def section_by_text(self) -> dict[str, str]:
        """The section each sentence stands in, by its text (citations carry the text, not the id)."""
        if self._sections is None:
            self._sections = {s.text: s.section for s in self.sentences}
        return self._sections

    @property
    def sentence_by_id(self) -> dict[str, Sentence]:
        if self._by_id is None:
            self._by_id = {s.sentence_id: s for s in self.sentences}
        return self._by_id

    @property
    def folded_sentences(self) -> list[str]:
        """Sentence texts folded, parentheticals and list numbers dropped (for definitions, changes)."""
        if self._folded is None:
            out = []
            for s in self.sentences:
                # 收、支总计 / 收入、支出总计 is 收支总计 written as two words
                t = re.sub(r"\([^()]{0,12}\)", "", fold(s.text)).replace("收、支", "收支")
                t = t.replace("收入、支出总计", "收支总计").replace("收入支出总计", "收支总计")
                out.append(re.sub(r"^[\d一二三四五六七八九十]+[.、]|^[(（][一二三四五六七八九十\d]+[)）]", "", t))
            self._folded = out
        return self._folded


def _own_unit_row(row: str, unit_name: str) -> bool:
    """The department's own row of a per-unit table (its name, 本级, 机关); a subordinate unit's row
    (云岚市教育局机关幼儿园) names that unit and is found by its name."""
    name = fold(unit_name) if unit_name else ""
    if not name or name not in row:
        return False
    rest = re.sub(r"[()（）:：\s]", "", row.replace(name, "", 1))
    return rest in ("", "本级", "机关", "机关本级", "本部", "合计", "小计")


def _table_entry(f: Fact, unit_name: str) -> Entry:
    row = fold(f.row_label)
    row_core = core(f.row_label)
    comps = _split_path(fold(f.column))
    generic_row = row_core in GENERIC_ROWS or row in GENERIC_ROWS or _own_unit_row(row, unit_name) or bool(
        re.match(r"^\d{3,}_", row)
    )
    labels: list[str] = []
    loose: list[str] = []
    subject_from_column = False
    specific = [core(c) for c in comps if core(c)]
    leaf_generic = not comps or not core(comps[-1])
    if not generic_row and row_core:
        labels.append(row_core)
        if f.subject_name and core(f.subject_name) != row_core:
            labels.append(core(f.subject_name))
    else:
        subject_from_column = True
        if leaf_generic:
            # 三公经费/小计: the parent header names the figure
            labels.extend(reversed(specific))
        elif specific:
            if len(specific) >= 2:
                pair = _expand_pair(specific[-2], specific[-1])
                if pair:
                    labels.append(pair)
            labels.append(specific[-1])
            if len(specific) >= 2:
                loose.append(specific[-2] + specific[-1])
    stem = re.sub(r"(情况|预算|决算)?(总)?表$", "", fold(f.table_kind or ""))
    composite: list[str] = []
    if not generic_row and row_core and stem:
        # 小学教育 in the 一般公共预算支出表: "小学教育一般公共预算支出"
        composite.append(core(row_core + stem))
    if generic_row and leaf_generic and stem:
        # the 合计 row of the 合计 column is the table's own total: 基本支出表 → 基本支出
        labels.append(core(stem))
    if generic_row and row in ("总计", "合计", "收支总计") and comps and "收支" in f.table_kind:
        # 收支总表's 总计 row: 收入总计 / 支出总计 by its column group, and the 收支总计 itself
        labels.insert(0, core(comps[0]) + row)
        if "收支" in f.table_kind:
            labels.append("收支" + row)
            fund = stem.split("收支")[0]  # 财政拨款收支总表: 财政拨款收支总计, 财政拨款收入总计
            if fund:
                labels += [core(fund + "收支" + row), core(fund + comps[0] + row)]
    if generic_row and stem and not leaf_generic and specific:
        # 一般公共预算支出表 合计/项目支出 is "一般公共预算项目支出"
        base = re.sub(r"(支出|收入)$", "", stem)
        if base and base not in specific[-1]:
            composite.append(core(base + specific[-1]))
    measure = comps[-1] if comps else ""
    return Entry(
        f, tuple(dict.fromkeys(x for x in labels if x)), tuple(loose), measure, generic_row, subject_from_column,
        tuple(x for x in composite if x),
    )


def _sentence_entry(f: Fact, sentence_text: str, unit_name: str, section: str = "") -> Entry:
    about = fold(f.row_label)
    own = about.replace(fold(unit_name), "") if unit_name else about
    labels = [x for x in (core(own), core(about)) if x]  # 工作经费, and 企业服务中心工作经费 as printed
    both = re.sub(r"收入支出(决算|预算)?总计", "收支总计", own)
    if "收支总计" in both:
        # "收、支总计各增加…", "收入、支出决算总计均为…" say it of both totals
        labels += [core(both.replace("收支总计", t)) for t in ("收支总计", "收入总计", "支出总计")]
    loose: list[str] = []
    pos = f.col if 0 <= f.col <= len(sentence_text) else 0
    before = fold(sentence_text[:pos])
    after = fold(sentence_text[pos:])
    if f.measure in ("change", "percent"):
        # 收入较去年减少0.97万元，下降0.04%: the subject is earlier in the sentence
        prefix = core(before[-40:])
        if prefix:
            labels.append(prefix)
    elif not labels:
        loose.append(core(before[-40:]))
    chapter = section.split("/")[0] if "/" in section else ""
    if chapter and re.search(r"总预算|总额|合计|总计|项目预算", about):
        # "生命健康专项（政策资金）经费情况说明 … 项目总预算1170.00万": the chapter names the total
        stem = core(re.sub(r"(经费|资金)?(情况)?(说明|情况|概况|简介)$", "", fold(chapter)))
        if stem:
            labels.append(stem)
    first = re.search(r"\d", sentence_text)
    if labels and first and first.start() < pos and re.search(r"其中|包括|分别", before):
        # 政府采购…，其中：货物类980万元: an item takes the head noun of the total (采购)
        head = core(fold(sentence_text[: first.start()]))[-2:]
        if head and not labels[0].endswith(head):
            loose.append(labels[0] + head)
    if f.measure == "count":
        # 机关设9个内设机构: the counted noun follows the figure
        m = re.match(r"[\d.,]+\s*\S{1,3}?([\u4e00-\u9fff()（）]{2,12})", after)
        if m:
            labels.append(core(m.group(1)))
    m = re.search(r"(主要用于|用于|主要是|包括)([^。；;]{2,60})", after)
    if m:
        loose.append(core(m.group(2)))
    return Entry(f, tuple(dict.fromkeys(x for x in labels if x)), tuple(x for x in loose if x), f.measure)


def _previous_text(sentences: list[Sentence], pos: int) -> str:
    """The two sentences before ``pos`` in the same section: where 决算 narratives name the subject
    ("…信息化建设（项）。主要用于…。年初预算为135.90万元")."""
    if pos <= 0:
        return ""
    section = sentences[pos].section
    prev = [s.text[:80] for s in sentences[max(0, pos - 2) : pos] if s.section == section]
    return "".join(prev)


def build_doc_index(doc_id: str, unit_name: str, facts: list[Fact], sentences: list[Sentence]) -> DocIndex:
    idx = DocIndex(doc_id, unit_name)
    idx.sentences = sentences
    idx.sentence_pos = {s.sentence_id: i for i, s in enumerate(sentences)}
    text_of = {s.sentence_id: s.text for s in sentences}
    section_of = {s.sentence_id: s.section for s in sentences}
    previous: tuple[str, tuple[str, ...]] = ("", ())
    for f in facts:
        if f.source == "table":
            e = _table_entry(f, unit_name)
        else:
            e = _sentence_entry(f, text_of.get(f.sentence_id, f.quote), unit_name, section_of.get(f.sentence_id, ""))
            about = fold(f.row_label)
            if previous[0] == f.sentence_id and re.search(r"决算|预算|执行", about) and core(about) in ("", "支出", "收入"):
                # "三公经费…年初预算为0.95万元，支出决算为0.00万元": the second figure has the same subject
                e.labels = previous[1] + e.labels
            previous = (f.sentence_id, e.labels)
            pos = idx.sentence_pos.get(f.sentence_id, -1)
            if pos > 0 and (not e.labels or re.match(r"^(比|较|与|同比|相比)", fold(sentences[pos].text))):
                # the subject is named in the sentence before ("…“三公”经费…。比2023年减少0.50万元")
                prev = core(_previous_text(sentences, pos))
                if prev:
                    e.loose = e.loose + (prev,)
        i = len(idx.entries)
        idx.entries.append(e)
        # rank 0: first label, 1: other labels, 2: loose labels (sentence prefixes, purposes)
        for rank, labels in ((0, e.labels[:1]), (1, e.labels[1:]), (2, e.loose), (3, e.composite)):
            for label in labels:
                idx.postings[label].append((i, rank))
                for k in range(len(label) - 1):
                    idx.by_bigram[label[k : k + 2]].add(label)
                if len(label) == 1:
                    idx.by_bigram[label].add(label)
        if f.subject_code:
            idx.by_code[f.subject_code].append(i)
    return idx


class IndexCache:
    """Per-store cache of DocIndex objects, rebuilt when the store's documents change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: str | None = None
        self._docs: dict[str, DocIndex] = {}

    def get(self, store, doc: dict) -> DocIndex:
        return self.get_many(store, [doc])[0]

    def get_many(self, store, docs: list[dict]) -> list[DocIndex]:
        """The indexes of ``docs``; the store's version is read once per call, not once per document."""
        version = store.version()
        with self._lock:
            if version != self._version:
                self._docs.clear()
                self._version = version
            found = [self._docs.get(d["doc_id"]) for d in docs]
        out = []
        for doc, idx in zip(docs, found, strict=True):
            if idx is None:
                idx = build_doc_index(
                    doc["doc_id"], doc.get("unit_name") or "", store.facts(doc["doc_id"]), store.sentences(doc["doc_id"])
                )
                with self._lock:
                    self._docs[doc["doc_id"]] = idx
            out.append(idx)
        return out


class Variants(list):
    """Subject variants, best first; ``penalties`` lowers readings the lexicon does not prefer."""

    def __init__(self) -> None:
        super().__init__()
        self.penalties: dict[str, float] = {}


DEFAULT_VARIANT_PENALTY = 3  # a rewrite of what was typed
DEFAULT_ALTERNATIVE_PENALTY = 6  # another reading of an ambiguous word (社保 → 医保 rather than 养老)


def subject_variants(subject: str) -> tuple[list[str], list[str]]:
    """Core variants of a subject (lexicon names substituted for colloquial forms) and codes in it.

    The first variant is the subject as typed; later ones are rewrites.
    """
    codes = _CODE.findall(subject)
    s = _CODE.sub("", subject)
    s = _NOISE.sub("", s)
    variants = Variants()
    base = core(s)
    if base:
        variants.append(base)
    lex = load_lexicon()
    matches = [m for m in lex.find(s) if m.term.category == "subject"]
    norm = fold(s)
    for m in matches:
        names = lex.expand(m.term.id)
        for alt in (m.term, *m.alternatives):
            for name in lex.expand(alt.id) if alt is not m.term else names:
                after = norm[m.end :]
                for k in range(min(len(name), len(after)), 0, -1):
                    if fold(name).endswith(after[:k]):  # 公车运行 + 维护费 → 公务用车运行维护费, not …维护费维护费
                        after = after[k:]
                        break
                rewritten = norm[: m.start] + fold(name) + after
                # the bare name stands for the subject only when the term is (nearly) all of it
                # …and what is left over says nothing (一般公共预算支出: 支出 matters, 收入 is not 支出)
                rest = core(norm[: m.start] + norm[m.end :])
                mostly = (m.end - m.start) >= 0.7 * len(norm) and not alt.generic and rest in _IGNORABLE_REST
                whole = m.start == 0 and m.end == len(norm)
                for cand in (core(rewritten),) + ((core(name),) if whole or mostly else ()):
                    if cand and cand not in variants:
                        variants.append(cand)
                        if alt is not m.term:
                            variants.penalties[cand] = DEFAULT_ALTERNATIVE_PENALTY
    # "X里的Y" / "X中Y" / "X的Y": Y is the focus, unless Y is a generic word (做项目的支出)
    # (中 of 中学, 中心, 中央, 中小企业 is part of a word, not "in")
    for pattern in (r"(?:里|中(?![学心央小医药等级期国华专])|当中|之中|里面)(?:的)?(.{2,})$", r"的(.{2,})$"):
        m = re.search(pattern, norm)
        focus = core(m.group(1)) if m else ""
        if m and len(focus) >= 2 and focus not in variants and focus not in _GENERIC_FOCUS:
            variants.append(focus)
    # "标准化菜场支出": the specific part alone, for labels that only mention it
    for v in list(variants):
        stripped = re.sub(r"(支出|经费|费用|资金|开支)$", "", v)
        if stripped != v and len(stripped) >= 3 and stripped not in variants:
            variants.append(stripped)
    return variants, codes


@dataclass
class Scored:
    entry: Entry
    score: float
    doc: DocIndex


def score_entries(idx: DocIndex, variants: list[str], codes: list[str]) -> list[Scored]:
    out: list[Scored] = []
    seen: set[int] = set()
    for code in codes:
        for i in idx.by_code.get(code, []):
            seen.add(i)
            out.append(Scored(idx.entries[i], 100.0, idx))
    if not variants:
        return out
    penalties = getattr(variants, "penalties", {})
    variants = variants + [t for t in idx.typo_variants(variants) if t not in variants]
    best: dict[int, float] = {}
    for label in sorted(idx.candidate_labels(variants)):
        # each distinct label is scored once; its entries then take rank penalties
        top, top_len = 0.0, 0
        for k, v in enumerate(variants):
            sc = similarity(v, label) - (0 if k == 0 else penalties.get(v, DEFAULT_VARIANT_PENALTY))
            if sc > top:
                top, top_len = sc, len(v)
        if top <= 0:
            continue
        for i, rank in idx.postings[label]:
            if i in seen or (rank == 3 and top < 92):
                continue  # a composite label counts only when the question names all of it
            sc = top - (0, 2, 6 if top_len >= 4 else 12, 4)[rank]
            if sc > best.get(i, 0.0):
                best[i] = sc
    for i, sc in best.items():
        if codes:
            sc -= 20  # a code was asked: other rows only as a fallback
        if sc > 0:
            out.append(Scored(idx.entries[i], sc, idx))
    return out
