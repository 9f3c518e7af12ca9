"""``budgetqa eval``: score answers against an answer key (JSON lines).

Key format (as ../shared/eval/*.qa.jsonl): {"id", "q", "kind", "expect": {"value", "unit"} |
{"contains": [...]} | {"not_found": true}, "evidence", "page"?}.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .ask import ask
from .model import STATUS_ANSWERED, Answer
from .normalize import UNIT_FACTORS, normalize_text


@dataclass
class CaseResult:
    case: dict
    answer: Answer
    correct: bool
    page_ok: bool
    confident_wrong: bool
    refused: bool
    seconds: float = 0.0


@dataclass
class EvalReport:
    results: list[CaseResult] = field(default_factory=list)

    def _rate(self, pred) -> float:
        return sum(1 for r in self.results if pred(r)) / len(self.results) if self.results else 0.0

    @property
    def accuracy(self) -> float:
        return self._rate(lambda r: r.correct)

    @property
    def accuracy_with_page(self) -> float:
        return self._rate(lambda r: r.correct and r.page_ok)

    @property
    def confident_wrong_rate(self) -> float:
        return self._rate(lambda r: r.confident_wrong)

    @property
    def refusal_rate(self) -> float:
        return self._rate(lambda r: r.refused)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in self.results:
            k = r.case.get("kind") or "?"
            out[k][0] += r.correct
            out[k][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}

    def lines(self) -> list[str]:
        n = len(self.results)
        out = [
            f"questions: {n}",
            f"accuracy: {self.accuracy:.1%}",
            f"accuracy with cited page: {self.accuracy_with_page:.1%}",
            f"confident-wrong rate: {self.confident_wrong_rate:.1%}",
            f"refusal rate: {self.refusal_rate:.1%}",
            "by kind: " + ", ".join(f"{k} {c}/{t}" for k, (c, t) in self.by_kind().items()),
        ]
        misses = [r for r in self.results if not (r.correct and r.page_ok)]
        if misses:
            out.append("misses:")
        for r in misses:
            c = r.case
            pages = sorted({x.page for x in _citations(r.answer)})
            why = "wrong page" if r.correct else ("confidently wrong" if r.confident_wrong else "refused/other")
            out.append(
                f"  [{c.get('id', '?')}] {c['q']} → {r.answer.status} {r.answer.value} {r.answer.unit or ''} "
                f"(expected {json.dumps(c['expect'], ensure_ascii=False)}, page {c.get('page')}; cited {pages}; {why})"
            )
        return out


def _citations(a: Answer):
    yield from a.citations
    for it in a.items:
        if it.citation:
            yield it.citation


def _decimals(x: float) -> int:
    s = repr(float(x))
    return len(s.split(".")[1].rstrip("0")) if "." in s else 0


def value_matches(got: float | None, got_unit: str | None, want: float, want_unit: str) -> bool:
    """Equal after unit conversion, to the precision the key states (0.005 for 290.18)."""
    if got is None or got_unit is None:
        return False
    g, w = Decimal(str(got)), Decimal(str(want))
    if got_unit != want_unit:
        if got_unit in UNIT_FACTORS and want_unit in UNIT_FACTORS:
            g = g * UNIT_FACTORS[got_unit] / UNIT_FACTORS[want_unit]
        elif normalize_text(got_unit) != normalize_text(want_unit):
            return False
    tol = Decimal(5).scaleb(-max(_decimals(want), 2) - 1)
    return abs(g - w) <= tol


def judge(case: dict, a: Answer) -> CaseResult:
    expect = case["expect"]
    answered = a.status == STATUS_ANSWERED
    if expect.get("not_found"):
        correct = not answered
    elif "value" in expect:
        correct = answered and value_matches(a.value, a.unit, expect["value"], expect.get("unit", ""))
    elif "contains" in expect:
        text = normalize_text(a.answer + "".join(i.label for i in a.items))
        correct = answered and all(normalize_text(t) in text for t in expect["contains"])
    else:
        correct = False
    page = case.get("page")
    page_ok = page is None or any(c.page == page for c in _citations(a))
    return CaseResult(case, a, correct, page_ok, answered and not correct, not answered)


def load_key(path: str | Path) -> list[dict]:
    cases = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: 不是有效的JSON（{exc.msg}）") from exc
            if "q" not in case or "expect" not in case:
                raise ValueError(f"{path}:{n}: 缺少 q 或 expect 字段")
            cases.append(case)
    return cases


def evaluate(cases: list[dict], store, *, doc_id: str | None = None) -> EvalReport:
    import time

    report = EvalReport()
    stems = {re.sub(r"\.pdf$", "", d.get("file_name") or "", flags=re.I) for d in store.documents()}
    for case in cases:
        t = time.perf_counter()
        # a key's "doc" names the document by its file stem; used when it is in the store
        doc = doc_id or (case.get("doc") if case.get("doc") in stems else None)
        a = ask(case["q"], store, doc_id=doc)
        r = judge(case, a)
        r.seconds = time.perf_counter() - t
        report.results.append(r)
    return report
