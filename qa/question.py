"""Question text to a Question: intent, subject, year, unit, measure. Pure functions.

Trigger words live in qa/data/question_words.toml; this module only applies them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .normalize import (
    RelativeYear,
    extract_unit_request,
    extract_year,
    normalize_text,
    replace_chinese_numerals,
)

COUNT_UNITS = ("辆", "台", "套", "个", "人次", "人", "次", "家", "项", "批次", "批", "场", "天", "户", "件", "所", "名", "条", "篇", "期", "张")
_COMPARISON = re.compile(
    r"(比|较|与|和|跟|相比|同)(去年|上年度?|上一年度?|前一年|\d{4}年?度?)(的)?(预算)?(执行数|决算数|预算数|决算)?(相比|比较|比)?"
)
# columns people ask of a row: "一般公共服务支出的基本支出", "行政运行里面项目支出"
_COLUMNS = (
    "基本支出|项目支出|人员经费|公用经费|人员类|公用类|财政拨款|一般公共预算|政府性基金"
    "|事业收入|事业单位经营收入|经营收入|其他收入|上级补助收入|附属单位上缴收入"
)
# (一般公共预算支出 / 财政拨款资金 name the column 一般公共预算 / 财政拨款)
_ROW_COLUMN = re.compile(rf"^(.{{2,}}?)(?:的|里面的?|里的?|中的?|其中的?)({_COLUMNS})(?:支出|拨款|资金)?(?:决算数|预算数)?$")
_TOTALS = "三公经费|三公|基本支出|项目支出|人员经费|公用经费|收入|支出|一般公共预算支出|政府采购"
ROW_COLUMN_WORDS = re.compile(_COLUMNS)  # fullmatch: a subject that is one of these column words
# a unit's row asked without 的: "第一中学项目支出", "机关幼儿园事业收入"
_ORG_END = "中学|小学|学校|幼儿园|大学|学院|医院|局|中心|委员会|办公室|站|所|馆|院|队|处|机关"
_UNIT_COLUMN = re.compile(rf"^(.{{2,}}?(?:{_ORG_END}))(本级)?({_COLUMNS})$")
_FOLLOWUP_LEAD = re.compile(r"^(那么|那|还有|另外|再问一下|再问|再看看|然后|换成|如果是)")
_FOLLOWUP_TAIL = re.compile(r"(呢|怎么样|如何)$")
_PERCENT_WANTED = re.compile(r"百分之几|百分之多少|百分比|%|幅度|增幅|降幅|率|几成|比例|几个点|多少个点|百分点")


@dataclass(frozen=True)
class Question:
    """What a question asks, as far as the words tell without the documents."""

    text: str
    norm: str
    intent: str  # value | count | change | yesno_change | vs_budget | share | breakdown | definition | reason | org | duties
    subject: str
    denominator: str = ""
    year: int | None = None
    year_offset: int | None = None  # 去年 = -1 when the document year is not known yet
    unit: str | None = None  # unit asked for (元/万元/亿元)
    count_unit: str | None = None
    measure: str | None = None  # 预算数 | 决算数 | 年初预算 | 调整预算
    want_percent: bool = False
    out_of_scope: bool = False
    followup: bool = False
    foreign_currency: bool = False
    parts: tuple[str, ...] = ()  # the subjects of a sum or a difference
    column: str = ""  # a column asked of the subject's row: 行政运行里的项目支出 → 项目支出
    terms: tuple[str, ...] = field(default=())
    org_unit: str = ""  # a subordinate unit the question names (云岚市第一中学), set against the document


@cache
def _words() -> dict:
    return tomllib.loads(resources.files("qa").joinpath("data/question_words.toml").read_text("utf-8"))


@cache
def _intent_patterns() -> list[tuple[str, re.Pattern[str]]]:
    order = (
        "duties", "org", "purpose", "reason", "vs_budget", "yesno_change", "share", "rank", "breakdown", "definition",
        "change", "count",
    )  # fmt: skip
    intents = _words()["intent"]
    return [(name, re.compile("|".join(f"(?:{p})" for p in intents[name]))) for name in order]


def _strip_fillers(s: str) -> str:
    for w in sorted(_words()["fillers"], key=len, reverse=True):
        if len(w) >= 2:
            s = s.replace(w, "")
    s = re.sub(r"^[的是了为有吗呢啊和及与、，,:：?？\s]+|[的是了为有吗呢啊和及与、，,:：?？\s]+$", "", s)
    return s


def _measure(s: str) -> tuple[str | None, str]:
    # 一般公共预算 / 政府性基金预算 / 国有资本经营预算 name funds, not the budgeted measure
    s = re.sub(r"(一般公共|政府性基金|国有资本经营|基金)预算", "", s)
    for word, key in sorted(_words()["measures"].items(), key=lambda kv: len(kv[0]), reverse=True):
        if word in s:
            return key, s
    return None, s


def parse_question(text: str) -> Question:
    norm = replace_chinese_numerals(normalize_text(text))
    out_of_scope = any(w in norm for w in _words()["out_of_scope"])
    foreign = any(w in norm for w in _words()["foreign_currency"])
    # 较2024年 / 比2023年度: the base of a comparison, not the year asked about
    masked = re.sub(r"(比|较|与|同|相比|对比|跟)((?:19|20)\d{2})(年度|年)?", lambda m: m.group(1) + "上年", norm)
    year_value, rest = extract_year(masked)
    year = year_value if isinstance(year_value, int) else None
    year_offset = year_value.offset if isinstance(year_value, RelativeYear) else None
    unit = extract_unit_request(rest)
    intent = "value"
    trigger_spans: list[tuple[int, int]] = []
    for name, pattern in _intent_patterns():
        m = pattern.search(rest)
        if m:
            intent = name
            trigger_spans = [(m.start(), m.end())]
            break
    count_unit = None
    # "几个人" counts people: a measure word 个 before the unit
    m = re.search(r"(几|多少)(?:个(?=人))?(" + "|".join(COUNT_UNITS + ("分",)) + ")(?!之|目|亿|万|千)", rest)
    if m and not re.search(r"(几|多少)(个)?(亿|万|千)", rest):
        count_unit = m.group(2)
        if intent == "value":
            intent = "count"
    measure, _ = _measure(_COMPARISON.sub(" ", rest))
    parts: tuple[str, ...] = ()
    # "公务接待费和公务用车费加起来多少": a sum of named subjects
    if intent in ("value", "count") and re.search(r"加起来|合起来|加在一起|之和|总和|一共|总共", rest) and re.search(r"和|与|、|\+|以及|加上", rest):
        body = re.sub(r"(加起来|合起来|加在一起|之和|总和|一共|总共)", "", rest)
        body = re.sub(r"(是|有)?(多少钱|多少|几)(万元|元|亿元)?", "", body)
        # split on the conjunctions; qa.ask re-joins pieces that only make sense together (商品和服务支出)
        pieces = [p for p in re.split(r"(和|与|、|\+|以及|加上)", body)]
        if len(pieces) >= 3:
            intent, parts = "sum", tuple(pieces)
    # "基本支出比项目支出多多少": the difference of two subjects (not a year-on-year change)
    m = re.match(r"^(.+?)比(.+?)(多|少|高|低|大|小)(了)?(多少|几)", rest)
    if m and not re.match(r"(去年|上年|上一年|前一年|\d{4})", m.group(2)) and not re.fullmatch(
        r"(年初|调整)?(预算|预算数|计划)", m.group(2)
    ):
        intent, parts = "diff", (_strip_fillers(m.group(1)), _strip_fillers(m.group(2)))
    want_percent = bool(_PERCENT_WANTED.search(rest)) and intent in ("change", "yesno_change", "share")
    subject, denominator = _subject(rest, intent, trigger_spans)
    column = ""
    m = _ROW_COLUMN.match(subject)
    inside = re.match(rf"^({_TOTALS})(?:里面的?|里的?|中的?|当中的?|之中的?)(.{{2,}})$", subject)
    if inside and not _ROW_COLUMN.match(subject):
        subject = inside.group(2)  # "三公里面公车运行费": the part, named inside its total
    unit_m = _UNIT_COLUMN.match(subject)
    if m and intent in ("value", "change", "share"):
        subject, column = m.group(1), m.group(2)
    elif unit_m and intent in ("value", "change", "share"):
        subject, column = unit_m.group(1) + (unit_m.group(2) or ""), unit_m.group(3)
    elif re.fullmatch(r"其中的?(" + _COLUMNS + ")", subject):
        column, subject = re.sub(r"^其中的?", "", subject), ""  # "其中基本支出呢": a follow-up
    followup = bool(_FOLLOWUP_LEAD.search(norm) or _FOLLOWUP_TAIL.search(norm)) or not subject
    return Question(
        text=text,
        norm=norm,
        intent=intent,
        subject=subject,
        denominator=denominator,
        year=year,
        year_offset=year_offset,
        unit=unit,
        count_unit=count_unit,
        measure=measure,
        want_percent=want_percent,
        out_of_scope=out_of_scope,
        followup=followup,
        foreign_currency=foreign,
        parts=parts,
        column=column,
    )


def _subject(rest: str, intent: str, spans: list[tuple[int, int]]) -> tuple[str, str]:
    s = rest
    denominator = ""
    if intent == "share":
        m = re.search(r"^(.*?)(?:在|于)(.+?)(?:里|中|当中|之中)(?:的)?占", s) or re.search(r"^(.*?)占(.*)$", s)
        inside = re.search(r"^(.{2,}?)(?:里面|里|中(?![学心央小医])|当中|之中)(?:的)?(.{2,}?)占", s)
        if inside and not re.search(r"(?:在|于)", s):
            s, denominator = inside.group(2), inside.group(1)  # 收入预算中财政拨款占多少
        elif m:
            s, denominator = m.group(1), m.group(2)
        denominator = re.sub(r"(的)?(比例|比重|百分比|百分之几|百分之多少|百分之|多少|几成|多大|%|是|为|了|呢|吗|占比)+", "", denominator)
        s = re.sub(r"(的)?(占比|比例|比重|百分比)", "", s)
        denominator = _strip_fillers(denominator)
        if denominator in ("比", "多", "几"):
            denominator = ""  # 占比 / 占多 / 占几: no denominator named
    else:
        s = _COMPARISON.sub(" ", s)
        pattern = dict(_intent_patterns()).get(intent)
        if pattern is not None:
            stripped = pattern.sub(" ", s)
            # "实有人数多少": 人数 triggers a count and is also the noun asked about
            s = stripped if len(_strip_fillers(stripped.replace(" ", ""))) >= 2 or intent != "count" else s
    if intent == "reason":
        # "为什么公车费用是0" / "出国经费为啥没有" / "三公经费为什么没花": the state is not the subject
        s = re.sub(
            r"(是|为|才|只有|只)?([\d.]+|零)(亿元|万元|万|元|亿)?$|没有花|没花完?|(怎么)?没有了?|没了|没用|不用|这么多|那么多|这么少",
            " ",
            s,
        )
        # "为什么比预算少", "超预算", "没完成预算": budget against actual, not part of the subject
        s = re.sub(r"(比|较)?(年初)?预算(数)?(多|少|高|低)(了|花了)?|超(出|过)?(年初)?预算|(没|未)完成(年初)?预算?", " ", s)
    # "公车运行维护费花了多少": spending verbs after the subject are not part of its name
    s = re.sub(r"(?:(?<=[^\s花])|^)(一共|总共|共)?(花费|花销|开销|花|用)(了|掉|去)?(?=\s*(多少|几)?钱?\s*$)", " ", s)
    s = re.sub(r"(?<=[开办买用发招])了\s*(?=[\u4e00-\u9fff])", "", s)  # 开了会 → 开会, 买了车 → 买车
    if intent in ("purpose", "breakdown"):
        s = re.sub(r"(哪些|哪几个|什么|啥)?方面$", " ", s.strip())  # 用于哪些方面
    if intent == "vs_budget":
        s = re.sub(r"(少|多)?(花|省)(了)?|(年初)?预算(数)?(?=\s|$)|怎么样|如何|情况", " ", s.strip())
    if intent in ("change", "yesno_change"):
        s = re.sub(r"(多|少)(了)?(?=\s*(多少|几))", " ", s)  # 比上年多多少
    # "单位有几辆车": the unit itself is not the subject (下属单位 is)
    s = re.sub(r"^(本|这个|我们|你们|贵)?(单位|部门)(有|的)", "", s.strip())
    if intent in ("change", "yesno_change", "reason"):
        s = re.sub(r"(增加|增长|减少|下降|上升|降低|变化|变动|持平|多了|少了|涨了|降了|没变|没有变|不变|变了|涨|降)(了)?(多少|百分之几|几)?", " ", s)
    s = re.sub(r"(换算成|换算为|换成|折合成?|折算成?|合|以|用)(成|为)?(多少|几)?(个)?(亿元|万元|千元|元|亿|万)(为单位|表示|计)?", " ", s)
    s = re.sub(r"(多少|几)(个)?(亿元|万元|千元|元|亿|万|块钱|块)", " ", s)

    s = re.sub(r"得(了)?(?=\s*(多少|几)分)", " ", s)  # 得了多少分: the score
    s = re.sub(r"(几|多少)(?:个(?=人))?(" + "|".join(COUNT_UNITS + ("分",)) + ")(?!目|亿|万|千)", " ", s)
    s = re.sub(r"百分之(几|多少)|百分比", " ", s)
    # measure words belong to the measure, not the subject (三公经费实际花了 → 三公经费, 决算)
    s = re.sub(r"实际花了|实际花|实际支出|实际|执行数|决算数|预算数|年初预算数?|调整预算数?", " ", s)
    # "老年食堂要服务多少人次": a modal before the verb is not part of the name
    s = re.sub(r"(?<=[\u4e00-\u9fff])(要|将要|打算|准备|计划要)(?=服务|花|用|买|建|办|培训|发放|补贴|完成|支出)", "", s)
    s = _strip_fillers(s)
    s = re.sub(r"(钱|数量)$", "", s)
    s = re.sub(r"\s+", "", s)
    s = s.strip("的是了为有吗呢,，、?？都也还")
    s = re.sub(r"(?<=[\u4e00-\u9fff]{2})的?(决算|预算)$", "", s)  # 三公经费决算 → 三公经费 (the measure)
    if len(s) > 4:
        s = re.sub(r"的?(目标值|指标值|目标|指标)$", "", s)  # 居民满意度目标 → 居民满意度
    if s in ("预算", "决算", "预算数", "决算数", "年初预算"):
        s = ""  # "决算呢": a measure for the subject of the previous answer
    return s, denominator
