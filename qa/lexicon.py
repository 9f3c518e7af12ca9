"""The synonym lexicon (qa/data/synonyms.toml) and glossary (qa/data/glossary.toml) as objects.

A question is matched against every surface (name, labels, forms, ambiguous forms) after
``normalize_text`` on both sides; longer surfaces win, and matches do not overlap, so 一般公共预算
is not also read as 预算 and 三公经费 is not also read as 经费.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from qa.normalize import normalize_text

CATEGORIES = ("subject", "measure", "doc_type", "intent_word")
DEFAULT_SYNONYMS = "data/synonyms.toml"
DEFAULT_GLOSSARY = "data/glossary.toml"


class LexiconError(ValueError):
    """The lexicon data is inconsistent (a duplicate surface, an unknown id): fix synonyms.toml."""


@dataclass(frozen=True)
class Term:
    """One canonical term.

    ``name`` is printed by current documents; ``labels`` are other printed names (older editions,
    table variants); ``forms`` are what people type. ``codes`` are in subject_codes.csv,
    ``unlisted_codes`` are official codes missing from it. ``parts`` are component term ids.
    ``generic`` marks catch-alls (收入, 支出) to use only when nothing more specific matched.
    """

    id: str
    category: str
    name: str
    labels: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    unlisted_codes: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    generic: bool = False


@dataclass(frozen=True)
class Ambiguity:
    """A surface form with several readings in one category; ``prefer`` is the default reading."""

    form: str
    category: str
    terms: tuple[str, ...]
    prefer: str
    why: str


@dataclass(frozen=True)
class Match:
    """A term found in (normalised) text: the span, the surface that matched, other readings."""

    term: Term
    surface: str
    start: int
    end: int
    alternatives: tuple[Term, ...] = field(default=())

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    lexicon_id: str | None = None
    source: str | None = None


def _term_from_row(row: dict[str, Any]) -> Term:
    return Term(
        id=row["id"],
        category=row["category"],
        name=row["name"],
        labels=tuple(row.get("labels", ())),
        forms=tuple(row.get("forms", ())),
        codes=tuple(row.get("codes", ())),
        unlisted_codes=tuple(row.get("unlisted_codes", ())),
        parts=tuple(row.get("parts", ())),
        generic=bool(row.get("generic", False)),
    )


class Lexicon:
    """Terms by id and an index from normalised surface to the term(s) it denotes, per category."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._terms: dict[str, Term] = {}
        for row in data.get("term", []):
            term = _term_from_row(row)
            if term.id in self._terms:
                raise LexiconError(f"duplicate term id {term.id!r} in synonyms.toml")
            if term.category not in CATEGORIES:
                raise LexiconError(f"term {term.id!r}: category {term.category!r} not in {CATEGORIES}")
            self._terms[term.id] = term
        self.ambiguities: tuple[Ambiguity, ...] = tuple(
            Ambiguity(a["form"], a["category"], tuple(a["terms"]), a["prefer"], a.get("why", ""))
            for a in data.get("ambiguous", [])
        )
        self._index = self._build_index()
        self._max_len = max((len(s) for s in self._index), default=0)

    # -- building

    def _build_index(self) -> dict[str, dict[str, tuple[Term, tuple[Term, ...]]]]:
        """surface → category → (term, alternatives). Same category twice must be declared ambiguous."""
        index: dict[str, dict[str, tuple[Term, tuple[Term, ...]]]] = {}
        declared = {(normalize_text(a.form), a.category) for a in self.ambiguities}
        for term in self._terms.values():
            for surface in {normalize_text(s) for s in (term.name, *term.labels, *term.forms)}:
                if (surface, term.category) in declared:
                    continue  # the [[ambiguous]] entry decides
                slot = index.setdefault(surface, {})
                other = slot.get(term.category)
                if other is not None:
                    raise LexiconError(
                        f"surface {surface!r} maps to {other[0].id!r} and {term.id!r}; "
                        "declare it under [[ambiguous]] or remove one"
                    )
                slot[term.category] = (term, ())
        for amb in self.ambiguities:
            if amb.prefer not in amb.terms:
                raise LexiconError(f"ambiguous {amb.form!r}: prefer {amb.prefer!r} is not among its terms")
            terms = tuple(self.term(t) for t in amb.terms)
            preferred = self.term(amb.prefer)
            index.setdefault(normalize_text(amb.form), {})[amb.category] = (
                preferred,
                tuple(t for t in terms if t.id != amb.prefer),
            )
        return index

    # -- access

    def term(self, term_id: str) -> Term:
        """The term with this id; KeyError names the id."""
        try:
            return self._terms[term_id]
        except KeyError:
            raise KeyError(f"no lexicon term {term_id!r}") from None

    def terms(self, category: str | None = None) -> list[Term]:
        return [t for t in self._terms.values() if category is None or t.category == category]

    def surface_forms(self, term_id: str) -> list[str]:
        """Every surface that reads as this term: name, labels, forms, and ambiguous forms listing it."""
        term = self.term(term_id)
        ambiguous = [a.form for a in self.ambiguities if term_id in a.terms]
        return list(dict.fromkeys((term.name, *term.labels, *term.forms, *ambiguous)))

    def expand(self, term_id: str) -> list[str]:
        """Names usable to match document labels (canonical name + printed variants), longest first.

        Colloquial forms (吃喝, 养车) are left out: documents never print them.
        """
        term = self.term(term_id)
        names = dict.fromkeys((term.name, *term.labels))
        return sorted(names, key=len, reverse=True)

    # -- matching

    def _candidates(self, text: str) -> Iterable[tuple[int, int, str]]:
        for start in range(len(text)):
            for end in range(min(len(text), start + self._max_len), start, -1):
                if text[start:end] in self._index:
                    yield start, end, text[start:end]

    def find(self, text: str) -> list[Match]:
        """All terms in ``text`` (normalised first), longest surface first, non-overlapping, in text order.

        A surface present in several categories (基本支出: subject and measure) yields one Match per
        category at the same span. Offsets refer to ``normalize_text(text)``.
        """
        norm = normalize_text(text)
        spans = sorted(self._candidates(norm), key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int]] = []
        matches: list[Match] = []
        for start, end, surface in spans:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            for term, alternatives in self._index[surface].values():
                matches.append(Match(term, surface, start, end, alternatives))
        return sorted(matches, key=lambda m: (m.start, CATEGORIES.index(m.term.category)))

    def lookup(self, text: str) -> list[Term]:
        """The distinct terms found in ``text`` (preferred readings for ambiguous forms), in text order."""
        return list(dict.fromkeys(m.term for m in self.find(text)))


@cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon, parsed once."""
    text = resources.files("qa").joinpath(DEFAULT_SYNONYMS).read_text(encoding="utf-8")
    return Lexicon(tomllib.loads(text))


@cache
def load_glossary() -> dict[str, GlossaryEntry]:
    """The packaged glossary by lexicon id (or by term name when it has no lexicon id)."""
    text = resources.files("qa").joinpath(DEFAULT_GLOSSARY).read_text(encoding="utf-8")
    entries = (
        GlossaryEntry(e["term"], e["definition"].strip(), e.get("lexicon_id"), e.get("source"))
        for e in tomllib.loads(text).get("entry", [])
    )
    return {e.lexicon_id or e.term: e for e in entries}


__all__ = [
    "Ambiguity",
    "GlossaryEntry",
    "Lexicon",
    "LexiconError",
    "Match",
    "Term",
    "load_glossary",
    "load_lexicon",
]
