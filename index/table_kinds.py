"""Table titles to canonical table kinds (data: index/data/table_kinds.toml)."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process

from .normalize import fold

DEFAULT_KIND_CUTOFF = 80


@cache
def _kinds() -> list[dict]:
    return tomllib.loads(resources.files("index").joinpath("data/table_kinds.toml").read_text("utf-8"))["kind"]


@cache
def _patterns() -> dict[str, str]:
    """{folded pattern: kind name}."""
    return {fold(p): kind["name"] for kind in _kinds() for p in kind["patterns"]}


@cache
def _general() -> frozenset[str]:
    """Kinds that name no topic (支出总表): any topical kind a title also names wins."""
    return frozenset(kind["name"] for kind in _kinds() if kind.get("general"))


def _core(title: str) -> str:
    t = fold(title)
    t = re.sub(r"^.*?(\d{4})年度?", "", t)  # year and anything before it (unit names)
    t = re.sub(r"[\(（]续[\)）]$", "", t)
    return re.sub(r"^(部门|单位|本部门|本单位)", "", t)


def classify_title(title: str) -> str:
    """Kind name for a table title; the cleaned title itself when nothing matches."""
    if not title:
        return ""
    core = _core(title)
    pats = _patterns()
    hits = [p for p in pats if p in core]
    if hits:
        # a topical kind over a general one, then the most specific wording
        # (一般公共预算基本支出 over 一般公共预算支出)
        return pats[max(hits, key=lambda p: (pats[p] not in _general(), len(p)))]
    best = process.extractOne(core, list(pats), scorer=fuzz.ratio, score_cutoff=DEFAULT_KIND_CUTOFF)
    return pats[best[0]] if best else core
