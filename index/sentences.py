"""Narrative pages to sentences, and the figures the sentences state to Facts.

Lines (already grouped by vertical overlap in extract.py) are joined into
paragraphs without the spaces pdfplumber's line breaks would leave, then split
at 。；！？. Each figure keeps the bbox of its own characters, so a citation
boxes "1.90万元" on the page rather than the whole paragraph. The 目录 is
dropped before (``drop_contents``): its entries name parts, they state nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from .extract import Char, Line, RawPage
from .model import BBox, Fact, Sentence
from .normalize import fold, is_cjk, to_simplified
from .tables import is_page_number

DEFAULT_MIN_CONTENTS_LINES = 3  # entry lines a page must hold to continue the 目录 (not a part's title page)

_HEADING = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[）)])")
# a sentence ends at 。！？; a ； only separates clauses of one enumeration ("其中，货物类…；工程类…；服务类…。")
_SENTENCE_END = "。！？!?"
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "％": "%"}
# traditional unit characters, mapped one glyph to one glyph so figure bboxes stay exact
_TRAD_UNITS = {"萬": "万", "億": "亿", "臺": "台", "個": "个", "輛": "辆", "項": "项", "場": "场", "戶": "户", "條": "条", "餘": "余"}
# A figure: a number with its unit. 万 alone means 万元 ("153.00万").
FIGURE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(亿元|万元|千元|元|万(?![\u4e00-\u9fff])|万(?=[，。；、）)])|%|辆|台[（(]套[）)]|台|套|个|人次|人|次|家|项|分|平方米|㎡|批次|批|场|天|户|件|所|名|条|篇|期|张)"
)
# counts in words: "内设七个股室", "两辆车" (not 一次性, 三公, 十四五)
CN_COUNT = re.compile(r"(?<![第\d])([一二两三四五六七八九十]{1,3})(个|辆|台|套|家|所|名|批次|期|场)(?![性月年度])")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# what is counted, when it follows the count: "所属3个事业单位", "用车3辆（均为校车）"
_COUNTED = re.compile(r"^(?:[（(]([^（）()]{1,12})[）)]|([\u4e00-\u9fff]{1,8}?)(?=[，,。；;：:、（(\s]|$|\d))")
_CHANGE_UP = ("增加", "增长", "上升", "提高", "多", "上涨", "增幅")
_CHANGE_DOWN = ("减少", "下降", "降低", "节约", "少", "缩减", "减幅", "压减")
_COUNT_UNITS = {"辆", "台", "台（套）", "台(套)", "套", "个", "人次", "人", "次", "家", "项", "批次", "批", "场", "天", "户", "件", "所", "名", "条", "篇", "期", "张"}
_LEAD = re.compile(r"^(其中|包括|分别为|分别是|主要是|主要用于|共计|合计|共|为|是|计|约|达)[:：，,]?")
_ENUM = re.compile(r"^([（(]?[一二三四五六七八九十\d]+[）)、.．]|\d+\.)")


# ----------------------------------------------------------------------------- the 目录

_CONTENTS_TITLE = re.compile(r"^(目录|目次)$")
# an entry's dot leader and page number ("一、主要职能……………3", "…… 12"), as folded (… is ...)
_LEADER = re.compile(r"[.·⋯_\-—]{4,}\d{1,3}$")
# what a contents entry names besides a heading: 附件, 附表3, 表1 …, a table's title
_ENTRY = re.compile(r"^附[件表]|^表\d|表$")
_NOTE = re.compile(r"^(注\d*|说明|备注)[:：]")


def _is_leader_line(text: str) -> bool:
    return bool(_LEADER.search(fold(text)))


def _is_entry_line(text: str) -> bool:
    """A line of the 目录: a heading or a table's name with no sentence in it, or any leader line."""
    t = fold(text)
    if _is_leader_line(text):
        return True
    return len(t) <= 60 and not re.search(r"[。；;，,]", t) and bool(_HEADING.match(t) or _ENTRY.search(t))


def _is_note(text: str) -> bool:
    return bool(_NOTE.match(fold(text)))


def _after_note(lines: list[Line]) -> list[Line]:
    """The lines from the first note on: a 目录 may end with one ("注：…空表表示无相关收支")."""
    k = next((k for k, ln in enumerate(lines) if _is_note(ln.text)), len(lines))
    return lines[k:]


def _continues_contents(page: RawPage) -> bool:
    """A page that only lists entries: the 目录 run over from the page before."""
    lines = [ln for ln in page.lines if ln.text.strip() and not is_page_number(ln.text)]
    entries = [ln for ln in lines if _is_entry_line(ln.text) or _is_note(ln.text)]
    return not page.tables and len(entries) == len(lines) >= DEFAULT_MIN_CONTENTS_LINES


def drop_contents(pages: list[RawPage]) -> list[RawPage]:
    """Pages without their 目录 (from its title to the page's end, and pages it runs on to) and
    without leader lines anywhere: a contents entry names a part, it states nothing, so it must
    give no sentence or figure. Its notes stay. The pages themselves are not changed."""
    out: list[RawPage] = []
    in_contents = False
    for page in pages:
        start = next((k for k, ln in enumerate(page.lines) if _CONTENTS_TITLE.match(fold(ln.text))), None)
        if start is not None:
            top = page.lines[start].bbox[1]
            lines = page.lines[:start] + _after_note(page.lines[start:])
            tables = [t for t in page.tables if t.bbox[3] <= top]
            in_contents = True
        elif in_contents and _continues_contents(page):
            lines, tables = _after_note(page.lines), []
        else:
            in_contents = False
            lines, tables = page.lines, page.tables
        lines = [ln for ln in lines if not _is_leader_line(ln.text)]
        out.append(replace(page, lines=lines, tables=tables))
    return out


# ----------------------------------------------------------------------------- sentences


@dataclass
class _Glyph:
    text: str
    page: int
    bbox: BBox | None


def _paragraphs(pages: list[RawPage]) -> list[list[_Glyph]]:
    paragraphs: list[list[_Glyph]] = []
    current: list[_Glyph] = []
    for page in pages:
        lines = _narrative_lines(page)
        if not lines:
            continue
        right = max(ln.bbox[2] for ln in lines)
        for k, ln in enumerate(lines):
            text = ln.text.strip()
            if not text or is_page_number(text):
                continue
            if k == 0 and is_chapter_title(text):
                # a page title ("生命健康专项（政策资金）经费情况说明") is a paragraph of its own
                if current:
                    paragraphs.append(current)
                paragraphs.append(_glyphs(ln.chars, page.page_number))
                current = []
                continue
            if current and (_HEADING.match(text) or _is_note(text)):
                paragraphs.append(current)
                current = []
            current.extend(_glyphs(ln.chars, page.page_number))
            size = max(c.size for c in ln.chars) or 10
            short = ln.bbox[2] < right - 2.5 * size
            # a short line ends its paragraph only when it ends a sentence or is a heading:
            # figures wrapped onto the next line ("…经费支出" / "17.67万元") must stay joined
            if short and text[-1] in "。；;：:！？!?" or len(text) <= 24 and _HEADING.match(text):
                paragraphs.append(current)
                current = []
    if current:
        paragraphs.append(current)
    return paragraphs


_CHAPTER = re.compile(r"(说明|情况|概况|简介|职能|设置|解释)$")


def is_chapter_title(text: str) -> bool:
    """A page's title line: short, no sentence punctuation, names a part of the disclosure."""
    t = text.replace(" ", "")
    return 4 <= len(t) <= 40 and not re.search(r"[。，,；;：:]", t) and bool(_CHAPTER.search(t)) and not _HEADING.match(t)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _prose(text: str, continuing: bool) -> bool:
    """A line of running text beside a table (a narrative page with a small table on it): mostly
    Chinese with sentence punctuation, or the next line of a sentence still open. Table rows,
    titles and 单位：万元 lines are not."""
    t = text.replace(" ", "")
    if not t or re.match(r"(单位|金额单位|部门|单位名称)[:：]", t) or t.endswith("表"):
        return False
    cjk = len(_CJK.findall(t)) / len(t)
    if re.search(r"[。，；、：,;:]", t) and cjk >= 0.5:  # (folded text has ASCII , ; :)
        return True
    return cjk >= 0.6 and (len(t) >= 12 or continuing and len(t) >= 2)


def _narrative_lines(page: RawPage) -> list[Line]:
    if not page.tables:
        return page.lines
    # on table pages the notes under tables ("注：…本表为空表") and any running text around a
    # small table are prose; the table's title, unit line and stray cells are not
    out, in_note, open_sentence = [], False, False
    for ln in page.lines:
        t = fold(ln.text)
        if t.startswith(("注", "说明")):
            in_note = True
        if in_note or _prose(t, open_sentence):
            out.append(ln)
            open_sentence = not t.rstrip().endswith(("。", "：", ":", "."))
        else:
            open_sentence = False
    return out


def _glyphs(chars: list[Char], page: int) -> list[_Glyph]:
    out: list[_Glyph] = []
    prev: Char | None = None
    spaced = False
    for ch in chars:
        if ch.text == " ":
            spaced = True  # layout spaces matter only between two Latin words or numbers
            continue
        if prev is not None:
            gap = ch.x0 - prev.x1
            width = max(ch.x1 - ch.x0, 1.0)
            latin = ch.text.isalnum() and prev.text.isalnum() and not (is_cjk(ch.text) or is_cjk(prev.text))
            if latin and (spaced or gap > 0.7 * width):
                out.append(_Glyph(" ", page, None))
        spaced = False
        out.append(_Glyph(_FULLWIDTH.get(ch.text, ch.text), page, (ch.x0, ch.top, ch.x1, ch.bottom)))
        prev = ch
    return out


def _split(glyphs: list[_Glyph]) -> list[list[_Glyph]]:
    out, cur = [], []
    for i, g in enumerate(glyphs):
        cur.append(g)
        nxt = glyphs[i + 1].text if i + 1 < len(glyphs) else ""
        if g.text in _SENTENCE_END and nxt not in "”’）)":
            out.append(cur)
            cur = []
        elif g.text in "”’）)" and cur[-2:-1] and cur[-2].text in "。！？":
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return [s for s in out if "".join(g.text for g in s).strip()]


def _bbox(glyphs: list[_Glyph], page: int) -> BBox:
    boxes = [g.bbox for g in glyphs if g.bbox and g.page == page]
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _about(text_before: str) -> str:
    """What a figure is about: its clause up to the figure, without lead words."""
    # 收、支总计 / 收入、支出决算总计 is one name, not a list
    text_before = text_before.replace("收、支", "收支").replace("收入、支出", "收入支出")
    clause = re.split(r"[，,；;。：:！？、]", text_before)[-1]
    clause = clause.strip()
    if clause.count("“") + clause.count("”") == 1:
        clause = clause.strip("“”")  # a quote cut in half by the clause boundary
    clause = _ENUM.sub("", clause)
    clause = _LEAD.sub("", clause)
    return clause.strip()


# a clause that names no subject of its own: "年初预算为46.80万元，支出决算为48.36万元"
_SUBJECTLESS = re.compile(
    r"^(年初预算|调整预算|全年预算|预算数?|支出决算|决算数?|完成|比上年|较上年|同比|比年初预算|[比较与](?:19|20)\d{2}年"
    r"|增长|下降|增加|减少|上升|降低|下降了|增长了|涉及)"
)
_MEASURE_TAIL = re.compile(r"(年初预算|调整预算|预算数|决算数|支出决算|决算|预算)?(为|是|达)?$")
# the subject such clauses are about: "…（款）行政单位离退休（项）" before them
_CODED_NAME = re.compile(r"([^（）()，,。：:；;、\d.]{2,30})[（(][项款类][）)]")


def _named_subject(text: str) -> str:
    """The most specific 类/款/项 name in a text ("行政单位离退休"), or ''."""
    names = _CODED_NAME.findall(text)
    return names[-1] if names else ""


def _cn_count(word: str) -> int | None:
    """七 → 7, 十二 → 12, 二十 → 20, 二十三 → 23."""
    if "十" not in word:
        return _CN_DIGITS.get(word) if len(word) == 1 else None
    tens, _, ones = word.partition("十")
    t = _CN_DIGITS.get(tens, 0 if tens else 1) if len(tens) <= 1 else None
    o = _CN_DIGITS.get(ones, 0 if not ones else -1) if len(ones) <= 1 else -1
    return None if t is None or o < 0 or (tens and t == 0) else t * 10 + o


def _counted(after: str) -> str:
    """The noun a count is of, when the sentence names it after the figure."""
    if after.startswith(("其中", "以上", "以下", "左右")):
        return ""
    m = _COUNTED.match(after)
    return (m.group(1) or m.group(2) or "") if m else ""


def _figures(raw: str):
    """(start, end, value, unit) of every figure: digits with a unit, and counts in words."""
    out = []
    for m in FIGURE.finditer(raw):
        try:
            out.append((m.start(), m.end(), Decimal(m.group(1).replace(",", "")), _unit(m.group(2))))
        except InvalidOperation:
            continue
    for m in CN_COUNT.finditer(raw):
        n = _cn_count(m.group(1))
        if n is not None:
            out.append((m.start(), m.end(), Decimal(n), m.group(2)))
    return sorted(out)


def figure_measure(about: str, unit: str) -> str:
    tail = about[-6:]
    if any(w in tail for w in _CHANGE_UP + _CHANGE_DOWN) or re.search(r"(比|较|同比|与).{0,12}(增|减|多|少|降|升)", about):
        return "change"
    if unit == "%":
        return "percent"
    if unit in _COUNT_UNITS:
        return "count"
    return "amount"


def _unit(raw: str) -> str:
    if raw == "万":
        return "万元"
    return raw


def build_sentences(pages: list[RawPage], *, doc_id: str) -> tuple[list[Sentence], list[Fact]]:
    sentences: list[Sentence] = []
    facts: list[Fact] = []
    section = chapter = ""
    n = 0
    pending = ""  # a figure-less line naming a subject ("…行政单位离退休（项）。") for the next sentence
    lead = topic = ""
    for para in _paragraphs(pages):
        para_text = "".join(g.text for g in para).strip()
        if is_chapter_title(para_text):
            chapter, section = para_text, ""
        elif len(para_text) <= 30 and _HEADING.match(para_text) and not FIGURE.search(para_text):
            # sections nest in the page's chapter: "生命健康专项…情况说明/六、年度预算安排"
            section = f"{chapter}/{para_text}" if chapter and "部分" not in para_text else para_text
        for glyphs in _split(para):
            text = "".join(g.text for g in glyphs).strip()
            if not text:
                continue
            n += 1
            page = next(g.page for g in glyphs if g.bbox)
            sid = f"{doc_id}:s{n}"
            sentences.append(Sentence(sid, doc_id, page, _bbox(glyphs, page), text, section))
            raw = "".join(_TRAD_UNITS.get(g.text, g.text) for g in glyphs)  # same length as text
            subject_line, pending = pending, ""
            figures = _figures(raw)
            if not figures:
                pending = _named_subject(to_simplified(raw))
            # the subject of the latest figure that named one ("本年支出合计2,863.47万元，同比增加…");
            # a sentence opening with 比/较 continues the one before ("…预算数为11.80万元。比2023年减少…")
            lead = topic if re.match(r"[比较]|同比|与(?:上年|去年|(?:19|20)\d{2})", text) else ""
            topic = ""  # the subject of this sentence's first figure
            for k, (start, end, value, unit) in enumerate(figures):
                span = glyphs[start:end]
                fpage = next((g.page for g in span if g.bbox), page)
                # the clause up to the figure; a threshold inside it stays ("单位价值50万元以上设备0台")
                about = to_simplified(_about(raw[:start]))
                if not about or _SUBJECTLESS.match(about):  # "接待27批次，215人次": the same subject
                    about = (_named_subject(to_simplified(raw[:start])) or subject_line or lead) + about
                elif about:
                    # the latest figure naming its subject: "…；培训费支出6.80万元，同比增加0.85万元"
                    lead = re.sub(r"(各)?(较上年|比上年|同比)?(增加|减少|增长|下降)$", "", _MEASURE_TAIL.sub("", about))
                    topic = topic or lead
                if unit in _COUNT_UNITS:
                    noun = _counted(to_simplified(raw[end:]))
                    if noun and noun not in about:
                        about += noun  # "所属3个事业单位" is a count of 事业单位
                facts.append(
                    Fact(
                        fact_id=f"{sid}:f{k}",
                        doc_id=doc_id,
                        source="sentence",
                        page_number=fpage,
                        bbox=_bbox(span, fpage),
                        value=value,
                        unit=unit,
                        row_label=about,
                        measure=figure_measure(about, unit),
                        sentence_id=sid,
                        quote=text,
                        col=start,
                    )
                )
    return sentences, facts
