"""Pure text functions for questions (reusable on document text).

The question side must fold text exactly as the document side does, so that a
question typed as "三 公 經 費？" meets a table row printed as “三公”经费:
NFKC (full→half width, so （） becomes ()), traditional→simplified, quotes
removed, layout spaces next to CJK removed, Latin lowercased.

Chinese numerals are rewritten only where they denote numbers; terms such as
三公经费 or 一般公共预算 are protected by a list kept as data
(``[numerals] protected`` in ``qa/data/synonyms.toml``).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

# one opencc converter and one amount reader for documents and questions
from index.normalize import UNIT_FACTORS, convert_amount, is_nil_amount, parse_amount, to_simplified

# ---------------------------------------------------------------- text folding

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f〇"
# Quotes carry no meaning in labels: “三公”经费, "三公"经费 and 三公经费 are one term.
_QUOTES = re.compile(r"[\"'“”‘’「」『』〝〞﹁﹂﹃﹄`]")
# A space touching a CJK character is layout (三 公 经 费, 2025 年, PDF 第): as index.normalize.clean does.
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_WS = re.compile(r"\s+")
_TRAILING_PUNCT = re.compile(r"[\s?？!！。.~～]+$")


def strip_quotes(s: str) -> str:
    """Remove every kind of quotation mark (Chinese, ASCII, corner brackets)."""
    return _QUOTES.sub("", s)


def normalize_text(s: str, *, strip_trailing_punct: bool = True) -> str:
    """Fold text for matching: NFKC, simplified, no quotes, no layout spaces, lowercase.

    Note NFKC turns full-width （）％１ into ()%1; documents go through the same folding.
    """
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s)
    s = to_simplified(s)
    s = strip_quotes(s)
    s = _SPACE_NEAR_CJK.sub("", s)
    s = _WS.sub(" ", s).strip().lower()
    if strip_trailing_punct:
        s = _TRAILING_PUNCT.sub("", s)
    return s


# ---------------------------------------------------------------- Chinese numbers

_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
_DIGIT_CHARS = "".join(_DIGITS)
_UNIT_CHARS = "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)
_TOKEN = re.compile(r"\d*\.\d+|\d+|[" + _UNIT_CHARS + "]")


def _to_arabic_digits(s: str) -> str:
    """二〇二五 → 2025, 一点五 → 1.5 (units left in place); '1,200' → '1200'."""
    s = re.sub(r"(?<=\d),(?=\d{3})", "", s)
    s = "".join(str(_DIGITS[c]) if c in _DIGITS else c for c in s)
    return s.replace("点", ".")


def parse_chinese_number(s: str) -> Decimal | None:
    """A Chinese or mixed numeral to Decimal: 一千二百万, 两百, 一点五, 1.2亿, 3千, 二〇二五, 一万二.

    Returns None when ``s`` is not entirely a numeral. Percentages are parsed by
    ``parse_chinese_percent``.
    """
    s = _to_arabic_digits(s.strip())
    if not s or _TOKEN.sub("", s):
        return None
    tokens = _TOKEN.findall(s)
    if not any(t[0].isdigit() or t[0] == "." or t in "十拾" for t in tokens):
        return None  # 万, 千: a unit alone is not a number
    total, section = Decimal(0), Decimal(0)
    number: Decimal | None = None
    scale = 1  # 一万二 = 12000, 两百五 = 250: a lone digit ending a run counts in the next unit down
    prev_unit = 0
    for tok in tokens:
        if tok in _SMALL_UNITS:
            section += (number if number is not None else Decimal(1)) * _SMALL_UNITS[tok]
            number, prev_unit = None, _SMALL_UNITS[tok]
        elif tok in _BIG_UNITS:
            unit = _BIG_UNITS[tok]
            value = section + (number or 0) * scale
            if value == 0 and total == 0:
                return None  # 万 without a count
            # 亿 scales everything before it (一万亿); 万 scales only its own section (一亿二千万).
            total = (total + value) * unit if unit > 10**4 or total == 0 else total + value * unit
            section, number, prev_unit = Decimal(0), None, unit
        else:
            if number is not None:
                return None  # two numbers in a row: 1 2
            number = Decimal(tok)
            lone_digit = len(tok) == 1 and tok != "0"
            scale = prev_unit // 10 if prev_unit > 10 and lone_digit else 1
            prev_unit = 0
    result = total + section + (number or 0) * scale
    # 1.2亿 → 120000000, not 120000000.0: whole numbers come back without a fraction
    return Decimal(int(result)) if result == result.to_integral_value() else result


def parse_chinese_percent(s: str) -> Decimal | None:
    """百分之五 → 5, 百分之十二点五 → 12.5; None for 百分之几 / 百分之多少 (that asks for a share)."""
    m = re.fullmatch(r"百分之(.+)", s.strip())
    return parse_chinese_number(m.group(1)) if m else None


@cache
def protected_terms() -> tuple[str, ...]:
    """Words whose numerals are part of a term (三公经费, 一般公共预算), longest first."""
    text = resources.files("qa").joinpath("data/synonyms.toml").read_text(encoding="utf-8")
    terms = tomllib.loads(text).get("numerals", {}).get("protected", [])
    return tuple(sorted({normalize_text(t) for t in terms}, key=len, reverse=True))


# A numeral run: digits and units, with an optional 点 fraction; starts with a digit or 十.
_NUM_CHAR = rf"[0-9{_DIGIT_CHARS}{_UNIT_CHARS}]"
_NUMERAL_RUN = re.compile(
    rf"[0-9{_DIGIT_CHARS}十拾](?:{_NUM_CHAR}|,(?=\d{{3}}))*(?:[点.][0-9{_DIGIT_CHARS}]+{_NUM_CHAR}*)?"
)
_PERCENT = re.compile(rf"百分之({_NUMERAL_RUN.pattern})")
# 第一部分, 第十二: ordinals stay words; so do schools called by number (一中 = 第一中学, 实验二小)
_ORDINAL = re.compile(
    rf"第[{_DIGIT_CHARS}十百千]+|[一二三四五六七八九十]+(?=中(?![央心国共期])|小(?![时计]))"
    r"|[两一二三四五六七八九十]项(?=[补制工经资费政])"  # 两项补贴, 三项经费: a name, not a count
)
_MASK_BASE = 0xE000  # private-use characters stand in for protected words while rewriting


def _mask(s: str) -> tuple[str, list[str]]:
    saved: list[str] = []

    def keep(m: re.Match[str]) -> str:
        saved.append(m.group(0))
        return chr(_MASK_BASE + len(saved) - 1)

    terms = protected_terms()
    if terms:
        s = re.sub("|".join(map(re.escape, terms)), keep, s)
    return _ORDINAL.sub(keep, s), saved


def _unmask(s: str, saved: list[str]) -> str:
    return re.sub("[\ue000-\uf8ff]", lambda m: saved[ord(m.group(0)) - _MASK_BASE], s)


def _format_decimal(d: Decimal) -> str:
    s = format(d, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def _rewrite_run(m: re.Match[str]) -> str:
    run = m.group(0)
    # 几十万, 十几万, 数十万 are estimates, not numbers: leave the whole phrase alone.
    if m.string[max(0, m.start() - 1) : m.start()] in ("几", "数") or m.string.startswith("几", m.end()):
        return run
    # Arabic amounts (2313.71万元, 1.2亿) stay as printed: 万元/亿元 are units the answer keeps.
    if not re.search(rf"[{_DIGIT_CHARS}十拾百佰千仟]", run):
        return run
    value = parse_chinese_number(run)
    if value is None:
        return run
    # keep 万/亿 as the unit, as documents print amounts: 一百万 → 100万 (matches "100万元以上设备")
    for word, factor in (("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)):
        if run.endswith(word) and value % factor == 0:
            return _format_decimal(value / factor) + word
    return _format_decimal(value)


def replace_chinese_numerals(s: str) -> str:
    """Rewrite numerals that denote numbers: 二〇二五年→2025年, 百分之五→5%, 三十万元→300000元.

    Protected terms (三公经费, 一般公共预算, 一级指标, 第一部分 …) and 百分之几 stay as they are.
    """
    s, saved = _mask(s)

    def percent(m: re.Match[str]) -> str:
        value = parse_chinese_number(m.group(1))
        return m.group(0) if value is None else _format_decimal(value) + "%"

    s = _PERCENT.sub(percent, s)
    s = _NUMERAL_RUN.sub(_rewrite_run, s)
    return _unmask(s, saved)


# ---------------------------------------------------------------- years


@dataclass(frozen=True)
class RelativeYear:
    """A year said relative to the document's year (去年 = -1) when that year is not known yet."""

    offset: int

    def resolve(self, base_year: int) -> int:
        return base_year + self.offset


# Relative words; longest first so 上一年度 wins over 上一年.
_RELATIVE_YEARS = {
    "今年": 0, "本年度": 0, "本年": 0, "当年": 0,
    "上一年度": -1, "上一年": -1, "上年度": -1, "去年": -1, "上年": -1,
    "前年": -2,
    "明年": 1, "下一年": 1, "下年度": 1, "来年": 1, "后年": 2,
}  # fmt: skip
# 上年结转 and 本年收入 are budget terms, not year references; 比去年 names the comparison, not the target.
_TERM_AFTER = {-1: ("结转", "结余"), 0: ("收入", "支出", "合计")}
_COMPARISON_BEFORE = ("比", "较", "与", "和", "同", "相比", "对比", "跟")
_RELATIVE_YEAR = re.compile("|".join(sorted(map(re.escape, _RELATIVE_YEARS), key=len, reverse=True)))
_ABSOLUTE_YEAR = re.compile(
    rf"(?<![0-9])((?:19|20)\d{{2}}|[{_DIGIT_CHARS}]{{4}})(?:年度|年|(?=预算|决算))(?:的)?"
)


# "23年支出" as people type it: two digits for 2010–2039; "近10年", "10年以上" are durations
_SHORT_YEAR = re.compile(r"(?<![0-9.近前后])([12]\d)(?:年度|年)(?!以上|以来|以内|内|间|来|后|前)(?:的)?")


def _absolute_year(s: str) -> tuple[int, re.Match[str]] | None:
    for m in _ABSOLUTE_YEAR.finditer(s):
        value = parse_chinese_number(m.group(1))
        if value is not None and 1949 <= value <= 2100:
            return int(value), m
    m = _SHORT_YEAR.search(s)
    if m:
        return 2000 + int(m.group(1)), m
    return None


def _relative_year(s: str) -> tuple[int, int, int] | None:
    """(offset, start, end) of the first relative year word that names the target year."""
    for m in _RELATIVE_YEAR.finditer(s):
        before, after = s[: m.start()], s[m.end() :]
        offset = _RELATIVE_YEARS[m.group(0)]
        is_term = m.group(0) in ("本年", "上年", "上年度") and after.startswith(_TERM_AFTER.get(offset, ()))
        if is_term or before.endswith(_COMPARISON_BEFORE):
            continue
        end = m.end() + (1 if after.startswith("的") else 0)
        return offset, m.start(), end
    return None


def extract_year(s: str, default_year: int | None = None) -> tuple[int | RelativeYear | None, str]:
    """The year a question asks about, and the question without it.

    2025年 / 2024年度 / 二〇二五年 / 2025预算 give that year; 今年/去年/前年/明年/上年/本年
    resolve against ``default_year`` (the document's year) or come back as ``RelativeYear``.
    Comparison phrases (比去年) and terms (上年结转, 本年收入) are not year references.
    The first absolute year wins; the rest of the text is returned unchanged otherwise.
    """
    found = _absolute_year(s)
    if found:
        year, m = found
        return year, s[: m.start()] + s[m.end() :]
    rel = _relative_year(s)
    if rel is None:
        return None, s
    offset, start, end = rel
    rest = s[:start] + s[end:]
    return (default_year + offset if default_year is not None else RelativeYear(offset)), rest


# ---------------------------------------------------------------- units

_UNIT_REQUEST = (
    # (pattern, unit): the unit the user wants the figure in. 多少钱 says nothing about units.
    (re.compile(r"(?:多少|几|若干)(?:个)?亿"), "亿元"),
    (re.compile(r"(?:多少|几|若干)(?:个)?万"), "万元"),
    (re.compile(r"(?:多少|几)千元"), "千元"),
    (re.compile(r"(?:多少|几)(?:块钱|块|元)"), "元"),
    (re.compile(r"(?:以|用|按|换算成|折合|换成|单位是?|单位为|化为)(亿元|万元|千元|元)"), None),
)


def extract_unit_request(s: str) -> str | None:
    """The unit asked for: 多少万元/几万 → 万元, 几亿 → 亿元, 多少元 → 元, 换算成元 → 元; else None."""
    for pattern, unit in reversed(_UNIT_REQUEST):  # an explicit 换算成X beats a 多少 phrase
        m = pattern.search(s)
        if m:
            return unit or m.group(1)
    return None


__all__ = [
    "RelativeYear",
    "UNIT_FACTORS",
    "convert_amount",
    "extract_unit_request",
    "extract_year",
    "is_nil_amount",
    "normalize_text",
    "parse_amount",
    "parse_chinese_number",
    "parse_chinese_percent",
    "protected_terms",
    "replace_chinese_numerals",
    "strip_quotes",
    "to_simplified",
]
