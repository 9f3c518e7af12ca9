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

UNITS = ("亿元", "万元", "元")
UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_DASHES = {"", "-", "--", "—", "——", "–", "/", "－", "…", "..."}
_AMOUNT = re.compile(r"^[(（]?-?\d{1,3}(?:,\d{3})+(?:\.\d+)?[)）]?$|^[(（]?-?\d+(?:\.\d+)?[)）]?$")


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


def parse_amount(text: str) -> Decimal | None:
    """A printed table amount to Decimal: '2,313.71', '96282213.44', '(1,000.00)', '0'.

    Returns None for blanks and dashes (nothing budgeted) and for anything that
    is not a plain number (codes are told apart by the caller).
    """
    if text is None:
        return None
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if s in _DASHES:
        return None
    if not _AMOUNT.match(s):
        return None
    negative = s.startswith(("(", "（")) or s.startswith("-")
    s = s.strip("()（）").lstrip("-").replace(",", "")
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return -value if negative else value


def parse_unit(text: str) -> str | None:
    """The unit named in '单位：万元' / '单位:元' / '（单位：亿元）'."""
    m = re.search(r"单\s*位\s*[:：]\s*(亿元|万元|元|千元)", unicodedata.normalize("NFKC", text))
    if not m:
        m = re.search(r"单位\s*[:：]\s*(亿元|万元|元)", to_simplified(unicodedata.normalize("NFKC", text)))
    return m.group(1) if m else None


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Exact conversion between 元/万元/亿元."""
    return value * UNIT_FACTORS[from_unit] / UNIT_FACTORS[to_unit]


def format_amount(value: Decimal, places: int | None = None) -> str:
    """Plain decimal string keeping the document's precision ('1.90', '0', '582.024')."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    s = format(value, "f")
    return s


__all__ = ["clean", "fold", "to_simplified", "parse_amount", "parse_unit", "convert", "format_amount", "is_cjk"]
