"""The official subject catalogue (政府收支分类科目): codes, names, hierarchy.

Data: index/data/subject_codes.csv (a partial catalogue; documents name every
code they use, so a document's own names come first and this adds official
names and parents where it has them).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Subject:
    kind: str  # function | economic_dept | economic_gov | revenue
    code: str
    name: str
    level: int
    parent_code: str
    edition: str


class Catalog:
    def __init__(self, subjects: list[Subject]):
        self._by_code: dict[str, Subject] = {}
        for s in subjects:
            # economic_dept names win over economic_gov for the same digits
            self._by_code.setdefault(s.code, s)
        self._names = frozenset(s.name for s in subjects)

    def get(self, code: str) -> Subject | None:
        return self._by_code.get(code)

    def name(self, code: str) -> str:
        s = self._by_code.get(code)
        return s.name if s else ""

    def is_subject_name(self, name: str) -> bool:
        """True when ``name`` is the official name of some subject (综合医院, 法院 …)."""
        return name in self._names

    def parent(self, code: str) -> Subject | None:
        s = self._by_code.get(code)
        return self._by_code.get(s.parent_code) if s and s.parent_code else None

    def __iter__(self):
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)


@cache
def load_catalog() -> Catalog:
    text = resources.files("index").joinpath("data/subject_codes.csv").read_text("utf-8")
    subjects = [
        Subject(r["kind"], r["code"].strip(), r["name"].strip(), int(r["level"] or 0), r["parent_code"].strip(), r["edition"])
        for r in csv.DictReader(io.StringIO(text))
        if r.get("code")
    ]
    return Catalog(subjects)
