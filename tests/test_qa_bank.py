"""Question banks (tests/golden/*.qa.toml): colloquial questions against each test document.

One bank per document: the bundled sample (``source = "sample"``), pdfmaker variants
(``source = "pdfmaker:<variant>"``), PDFs of our own under tests/fixtures
(``source = "fixture:<path>"``) and real public disclosures read from
``../shared/fixtures/real/<stem>.pdf`` (``source = "real:<stem>"``; skipped when absent).
Every expected figure was read off the document (the GroundTruth, the sample's .md text or
the real PDF's text), never off the system's answers.  Each document is
ingested once into its own temporary SQLite DB; questions are asked with ``doc_id=None``
as a user of that DB would.

A case: ``q``, ``kind``, ``expect`` = ``{value, unit}`` | ``{contains = [...]}`` |
``{not_found = true}`` (value and contains may be combined), ``page`` (int or list: any of
them is a correct citation page), optional ``unit_strict`` (the question asks for a unit),
``formula`` (a computed answer must show its formula), ``xfail = "reason"`` (known failure;
strict, so a fixed case is noticed; ``xfail_strict = false`` only for an answer that varies
with PYTHONHASHSEED).  ``[[chain]]`` entries are follow-up conversations:
each turn passes the previous answer's ``context``.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

pdfplumber = pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

import index  # noqa: E402
from qa import ask  # noqa: E402

try:  # tests/ is on sys.path under pytest's default rootdir/prepend import mode
    import pdfmaker as pm  # noqa: E402
except ImportError:  # tests/ made a package
    from tests import pdfmaker as pm  # noqa: E402

GOLDEN = Path(__file__).parent / "golden"
REAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "real"
BANK_FILES = sorted(GOLDEN.glob("*.qa.toml"))
KINDS = {"lookup", "count", "compare", "derived", "breakdown", "definition", "unanswerable", "followup"}
MONEY = {"元": Decimal(1), "万元": Decimal(10) ** 4, "亿元": Decimal(10) ** 8}


# ---------------------------------------------------------------- loading


def _load(path: Path) -> dict:
    with open(path, "rb") as fh:
        # Decimal keeps the printed precision of expected figures (1.90 stays 1.90)
        return tomllib.load(fh, parse_float=Decimal)


BANKS = {p.name.removesuffix(".qa.toml"): _load(p) for p in BANK_FILES}


def _mark(entry: dict) -> list:
    if entry.get("xfail"):
        # xfail_strict = false only for a case whose answer depends on PYTHONHASHSEED (flaky)
        strict = bool(entry.get("xfail_strict", True))
        return [pytest.mark.xfail(reason=str(entry["xfail"]), strict=strict)]
    return []


CASES = [
    pytest.param(stem, i, case, id=f"{stem}:{i}", marks=_mark(case))
    for stem, bank in BANKS.items()
    for i, case in enumerate(bank.get("case", []))
]
CHAINS = [
    pytest.param(stem, i, chain, id=f"{stem}:chain{i}", marks=_mark(chain))
    for stem, bank in BANKS.items()
    for i, chain in enumerate(bank.get("chain", []))
]


# ---------------------------------------------------------------- documents


class Doc:
    def __init__(self, path: Path, db: Path):
        report = index.build_index([path], db)
        assert report.ok, report.summary()
        self.store = index.open_store(db)
        with pdfplumber.open(path) as pdf:
            self.page_sizes = {i + 1: (float(p.width), float(p.height)) for i, p in enumerate(pdf.pages)}


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    """Lazily ingests each bank's document once (one DB per document)."""
    cache: dict[str, Doc] = {}
    root = tmp_path_factory.mktemp("qa_bank")

    def get(stem: str) -> Doc:
        if stem not in cache:
            source = BANKS[stem]["source"]
            if source == "sample":
                path = index.sample_pdf_path()
            elif source.startswith("pdfmaker:"):
                variant = source.split(":", 1)[1]
                path, _ = pm.VARIANTS[variant](root / variant)
            elif source.startswith("fixture:"):
                # a PDF of our own committed under tests/fixtures (e.g. office/…, made by
                # tests/tools/office_docs.py through LibreOffice like real Excel/Word exports)
                path = Path(__file__).parent / "fixtures" / source.split(":", 1)[1]
            elif source.startswith("real:"):
                # a real public disclosure read from ../shared (never copied into the repo)
                path = REAL_DIR / f"{source.split(':', 1)[1]}.pdf"
                if not path.is_file():
                    pytest.skip(f"{stem}: real PDF {path} not present")
            else:
                raise ValueError(f"{stem}: unknown source {source!r}")
            cache[stem] = Doc(Path(path), root / f"{stem}.db")
        return cache[stem]

    return get


# ---------------------------------------------------------------- checks

_T2S = None


def norm(text: str) -> str:
    """NFKC, traditional→simplified, no spaces or quotes — for comparing answer terms."""
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    t = _T2S.convert(unicodedata.normalize("NFKC", text or ""))
    return re.sub(r"[\s“”‘’\"'「」『』]", "", t)


def _decimals(d: Decimal) -> int:
    return max(-d.as_tuple().exponent, 0)


def _all_citations(a):
    yield from a.citations
    for it in a.items:
        if getattr(it, "citation", None):
            yield it.citation


def _pages(spec) -> list[int]:
    if spec is None:
        return []
    return [int(spec)] if isinstance(spec, int) else [int(p) for p in spec]


def value_ok(got, got_unit, want: Decimal, want_unit: str, strict: bool) -> str | None:
    """None when equal to the precision the expected figure is printed with (at least 0.01)."""
    if got is None:
        return f"no value (want {want} {want_unit})"
    gu, wu = norm(got_unit or ""), norm(want_unit)
    g = Decimal(str(got))
    if gu != wu:
        if strict:
            return f"unit {got_unit!r}, asked for {want_unit!r}"
        if gu in MONEY and wu in MONEY:
            g = g * MONEY[gu] / MONEY[wu]
        else:
            return f"unit {got_unit!r} not convertible to {want_unit!r}"
    tol = Decimal(5).scaleb(-max(_decimals(want), 2) - 1)
    if abs(g - want) > tol:
        return f"value {got} {got_unit} ≠ {want} {want_unit} (±{tol})"
    return None


def check(a, spec: dict, doc: Doc) -> list[str]:
    """Every way the answer ``a`` misses the case ``spec``; empty when it is right."""
    problems: list[str] = []
    expect = spec["expect"]
    status = a.status
    if expect.get("not_found"):
        if status != "not_found":
            problems.append(f"status {status} (want not_found): {a.answer}")
        if not 1 <= len(a.suggestions or []) <= 3:
            problems.append(f"{len(a.suggestions or [])} suggestions (want 1-3)")
        return problems
    if status != "answered":
        return [f"status {status} (want answered): {a.answer}"]
    if "value" in expect:
        why = value_ok(
            a.value,
            a.unit,
            Decimal(str(expect["value"])),
            expect.get("unit", ""),
            bool(spec.get("unit_strict")),
        )
        if why:
            problems.append(why)
    if "contains" in expect:
        text = norm(a.answer + "".join(it.label or "" for it in a.items))
        missing = [t for t in expect["contains"] if norm(t) not in text]
        if missing:
            problems.append(f"answer lacks {missing}: {a.answer}")
    if spec.get("formula") and not a.formula:
        problems.append("no formula for a computed answer")
    cites = list(_all_citations(a))
    if not a.citations and not cites:
        problems.append("answered without a citation")
    cited_pages = sorted({c.page for c in cites})
    want_pages = _pages(spec.get("page"))
    if want_pages and not set(want_pages) & set(cited_pages):
        problems.append(f"cited pages {cited_pages}, want one of {want_pages}")
    good = 0
    for c in cites:
        size = doc.page_sizes.get(c.page)
        if size is None:
            problems.append(f"citation page {c.page} not in the document")
            continue
        w, h = size
        x0, top, x1, bottom = c.bbox or (None,) * 4
        if None in (x0, top, x1, bottom):
            problems.append(f"citation on p{c.page} without bbox")
            continue
        if not (-1 <= x0 <= x1 <= w + 1 and -1 <= top <= bottom <= h + 1):
            problems.append(f"bbox {c.bbox} outside page {c.page} ({w:.0f}×{h:.0f})")
            continue
        if (c.quote or "").strip():
            good += 1
    if cites and not good:
        problems.append("no citation with a non-empty quote and a bbox inside its page")
    return problems


# ---------------------------------------------------------------- the bank itself


def test_banks_are_well_formed():
    assert BANK_FILES, "no question banks under tests/golden/"
    n = 0
    for stem, bank in BANKS.items():
        assert bank.get("source"), stem
        for i, c in enumerate(bank.get("case", [])):
            assert c.get("q") and c.get("kind") in KINDS, (stem, i, c)
            e = c["expect"]
            assert e.get("not_found") or "value" in e or "contains" in e, (stem, i)
            if "value" in e:
                assert e.get("unit"), (stem, i)
                assert c.get("page") is not None, f"{stem}:{i} a figure needs its page"
            n += 1
        for chain in bank.get("chain", []):
            assert len(chain["turns"]) >= 2, (stem, chain)
    assert n >= 170, n


@pytest.mark.parametrize("stem, i, case", CASES)
def test_bank_case(docs, stem, i, case):
    doc = docs(stem)
    a = ask(case["q"], doc.store, doc_id=None, context=None)
    problems = check(a, case, doc)
    assert not problems, f"{case['q']!r}: " + "; ".join(problems)


@pytest.mark.parametrize("stem, i, chain", CHAINS)
def test_followup_chain(docs, stem, i, chain):
    doc = docs(stem)
    context = None
    for n, turn in enumerate(chain["turns"]):
        a = ask(turn["q"], doc.store, doc_id=None, context=context)
        problems = check(a, turn, doc)
        assert not problems, (
            f"turn {n} {turn['q']!r} (after {[t['q'] for t in chain['turns'][:n]]}): " + "; ".join(problems)
        )
        context = a.context
