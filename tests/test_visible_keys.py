"""The visible answer keys in ../shared/eval, scored with ``qa.evaluate``.

- ``eval/seed.qa.jsonl`` against the bundled sample PDF;
- ``eval/real/<stem>.qa.jsonl`` against ``fixtures/real/<stem>.pdf`` (public documents read
  from ../shared, never copied into the repository).

Each key case is one test and must be correct *with the cited page* (accuracy with page =
100 %), except the cases in :data:`KNOWN_MISSES` (id -> reason), which are strict xfails so a
fixed case is noticed and removed from the list.  Skipped when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import index
from qa.evaluate import evaluate, load_key

SHARED = Path(__file__).parents[1].parent / "shared"
EVAL = SHARED / "eval"
REAL = SHARED / "fixtures" / "real"

# id -> why it fails today (strict xfail: remove the entry once the case passes)
KNOWN_MISSES: dict[str, str] = {
}


def _key_files() -> list[tuple[str, Path, Path | None]]:
    """(name, key file, PDF or None for the bundled sample)."""
    out: list[tuple[str, Path, Path | None]] = []
    if (EVAL / "seed.qa.jsonl").is_file():
        out.append(("seed", EVAL / "seed.qa.jsonl", None))
    for key in sorted((EVAL / "real").glob("*.qa.jsonl")) if (EVAL / "real").is_dir() else []:
        stem = key.name.removesuffix(".qa.jsonl")
        out.append((stem, key, REAL / f"{stem}.pdf"))
    return out


KEYS = _key_files()


def _params():
    params = []
    for name, key, pdf in KEYS:
        for n, case in enumerate(load_key(key)):
            cid = case.get("id") or f"{name}-{n}"
            marks = []
            if cid in KNOWN_MISSES:
                marks.append(pytest.mark.xfail(reason=KNOWN_MISSES[cid], strict=True))
            if pdf is not None:
                marks.append(pytest.mark.real)
            params.append(pytest.param(name, case, id=cid, marks=marks))
    return params


PARAMS = _params()


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    cache = {}
    root = tmp_path_factory.mktemp("visible_keys")
    pdfs = {name: pdf for name, _, pdf in KEYS}

    def get(name: str):
        if name not in cache:
            pdf = pdfs[name] or index.sample_pdf_path()
            if not Path(pdf).is_file():
                pytest.skip(f"{pdf} absent")
            db = root / f"{name}.db"
            report = index.build_index([pdf], db)
            assert report.ok, report.summary()
            cache[name] = index.open_store(db)
        return cache[name]

    return get


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared absent")
def test_known_misses_exist():
    ids = {p.id for p in PARAMS}
    stale = sorted(set(KNOWN_MISSES) - ids)
    assert not stale, f"KNOWN_MISSES names cases not in any key: {stale}"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared absent")
@pytest.mark.parametrize("name, case", PARAMS)
def test_visible_key_case(stores, name, case):
    report = evaluate([case], stores(name))
    r = report.results[0]
    a = r.answer
    pages = sorted({c.page for c in a.citations} | {it.citation.page for it in a.items if it.citation})
    assert r.correct and r.page_ok, (
        f"{case['q']!r}: expected {case['expect']} page {case.get('page')}; "
        f"got {a.status} {a.value} {a.unit or ''} cited {pages}: {a.answer[:160]}"
    )
