"""Pure text functions for document text: spaces, widths, amounts, units.

Documents are matched after ``fold`` (NFKC + simplified + no spaces); what is
shown and quoted keeps the printed form (``clean``: spaces between CJK removed).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_PUNCT = r"，。、；：？！（）《》“”‘’【】「」『』—…·\u3000-\u303f\uff00-\uffef"
# A space that pdfplumber (or the producer) put next to a CJK character or
# Chinese punctuation is layout, not content: 三 公 经 费 → 三公经费.
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}{_PUNCT}])\s+|\s+(?=[{_CJK}{_PUNCT}])")
_WS = re.compile(r"\s+")



@cache
def _t2s():
    import opencc  # opencc-python-reimplemented: pure Python, loads its dictionaries once

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    return _t2s().convert(text) if text else text


def clean(text: str) -> str:
    """Printed text without layout spaces: line breaks joined, CJK inter-spaces dropped."""
    if not text:
        return ""
    text = text.replace("\u3000", " ")
    text = _SPACE_NEAR_CJK.sub("", text.replace("\n", " "))
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """Matching form: NFKC (full→half width), simplified, quotes and spaces removed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text)
    text = re.sub(r"[\"'“”‘’「」『』〝〞\s]", "", text)
    return text.lower()


def is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


UNIT_FACTORS: dict[str, Decimal] = {
    "元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10_000), "亿元": Decimal(100_000_000),
}  # fmt: skip
_NIL = {"", "-", "--", "—", "——", "–", "－", "/", "…", "...", "无"}
_AMOUNT = re.compile(
    r"(?P<neg>-)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<unit>亿元|万元|千元|元|亿|万|%)?"
)


def is_nil_amount(text: str | None) -> bool:
    """True for cells that print no figure (blank, '-', '—'): nothing budgeted; caller decides if 0."""
    return text is None or re.sub(r"\s", "", unicodedata.normalize("NFKC", text)) in _NIL


def parse_amount(text: str | None) -> tuple[Decimal, str | None] | None:
    """A document amount and its printed unit: '2,313.71' → (2313.71, None), '1.2亿元' → (1.2, '亿元').

    '（1,000.00）' and '-5' are negative; '582.024万' means 万元 (the 元 went to the next line);
    blanks and dashes give None (see ``is_nil_amount``). Unit None means "the table's unit".
    """
    if is_nil_amount(text):
        return None
    s = re.sub(r"\s", "", unicodedata.normalize("NFKC", text or ""))
    negative = s.startswith("(") and s.endswith(")")
    if negative:
        s = s[1:-1]
    m = _AMOUNT.fullmatch(s)
    if not m:
        return None
    try:
        value = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    if negative or m.group("neg"):
        value = -value
    unit = {"亿": "亿元", "万": "万元"}.get(m.group("unit") or "", m.group("unit"))
    return value, unit


def convert_amount(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Exact conversion between 元/千元/万元/亿元."""
    return value * UNIT_FACTORS[from_unit] / UNIT_FACTORS[to_unit]



# what an organisation's name ends with (局, 中学, 幼儿园 …; 本级 = a department's own office)
ORG_NAME = re.compile(
    r"(局|委员会|委|中心|厅|院|所|站|办公室|办|部|会|队|馆|学校|校|医院|政府|街道|处|室|署|集团|公司|协会|社|园|"
    r"中学|小学|幼儿园|大学|学院|台|镇|乡|管委会|库|场|团|本级)$"
)


# list numbering before a name: 一、 十九、 （二） (2) 1. 3、 — but not the 2 of "2.5米"
_ENUMERATION = re.compile(r"^\s*(?:[一二三四五六七八九十百]+[、.．]|\d{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）])\s*")


def strip_enumeration(text: str) -> str:
    """A name without its list numbering, for matching: '九、卫生健康支出' → '卫生健康支出'.

    Citations keep the printed label; a label that is only numbering is kept as printed."""
    if not text:
        return text
    return _ENUMERATION.sub("", text, count=1) or text


def parse_unit(text: str) -> str | None:
    """The unit named in '单位：万元' / '单位:元' / '（单位：亿元）'."""
    m = re.search(r"单\s*位\s*[:：]\s*(亿元|万元|元|千元)", unicodedata.normalize("NFKC", text))
    if not m:
        m = re.search(r"单位\s*[:：]\s*(亿元|万元|元)", to_simplified(unicodedata.normalize("NFKC", text)))
    return m.group(1) if m else None


__all__ = [
    "clean", "fold", "to_simplified", "parse_amount", "is_nil_amount", "parse_unit", "convert_amount",
    "UNIT_FACTORS", "is_cjk", "ORG_NAME", "strip_enumeration",
]
