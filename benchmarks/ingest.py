"""Ingest speed against a bare pdfplumber pass over the same files, in the same run.

    python benchmarks/ingest.py [PDF or folder ...]

Baseline: ``extract_text()`` + ``extract_tables()`` on every page (what any
pdfplumber-based tool pays at least). Target (issue #2): ingest costs at most
1.5x the baseline, and a folder ingests on all cores.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from index import build_index, sample_pdf_path
from index.build import expand_paths

SHARED_REAL = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real"


def bare_pass(files: list[Path]) -> tuple[float, int]:
    pages = 0
    t = time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                pages += 1
                page.close()
    return time.perf_counter() - t, pages


def ingest(files: list[Path], workers: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        report = build_index(files, Path(tmp) / "bench.db", workers=workers)
        elapsed = time.perf_counter() - t
        assert report.ok, [r.error for r in report.failed]
    return elapsed


def main(argv: list[str]) -> int:
    inputs = argv or [str(sample_pdf_path())] + ([str(SHARED_REAL)] if SHARED_REAL.exists() else [])
    files, errors = expand_paths(inputs)
    if errors:
        print("\n".join(errors), file=sys.stderr)
    cores = os.cpu_count() or 1
    base, pages = bare_pass(files)
    one = ingest(files, workers=1)
    many = ingest(files, workers=cores)
    print(f"files: {len(files)}, pages: {pages}, cores: {cores}")
    print(f"bare pdfplumber pass (extract_text + extract_tables): {base:6.2f} s  {pages / base:6.1f} pages/s")
    print(f"budgetqa ingest, 1 process:                          {one:6.2f} s  {pages / one:6.1f} pages/s  ratio {one / base:.2f}x")
    print(f"budgetqa ingest, {cores} processes:                        {many:6.2f} s  {pages / many:6.1f} pages/s  ratio {many / base:.2f}x")
    print(f"target: single-process ratio <= 1.50x -> {'met' if one / base <= 1.5 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
