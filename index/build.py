"""PDF files to Documents, and Documents into the store (``build_index``).

Extraction (the costly pdfplumber part) runs in worker processes, one file
each, so a folder ingests on all cores; the store is written by the parent
process only, one transaction per document, so a failure leaves nothing partial.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .catalog import load_catalog
from .errors import IngestError, NotABudgetDocument, NoTextLayer
from .extract import RawPage, read_pdf
from .model import Document, Page
from .normalize import ORG_NAME, clean, fold, strip_enumeration, to_simplified
from .sentences import build_sentences, drop_contents
from .tables import build_tables, is_page_number

DEFAULT_MIN_TEXT_CHARS = 20  # fewer chars than this on every page: a scan


@dataclass
class FileResult:
    path: str
    status: str  # ingested | unchanged | replaced | failed
    doc_id: str = ""
    error: str | None = None
    pages: int = 0
    tables: int = 0
    facts: int = 0
    sentences: int = 0


@dataclass
class IngestReport:
    documents: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(r.status != "failed" for r in self.documents)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.documents if r.status == "failed"]

    def summary(self) -> str:
        done = [r for r in self.documents if r.status != "failed"]
        s = (
            f"{len(done)} 个文档（新增 {sum(r.status == 'ingested' for r in done)}，"
            f"更新 {sum(r.status == 'replaced' for r in done)}，未变 {sum(r.status == 'unchanged' for r in done)}），"
            f"{sum(r.pages for r in done)} 页，{sum(r.tables for r in done)} 张表，"
            f"{sum(r.facts for r in done)} 个数据，{sum(r.sentences for r in done)} 句，用时 {self.seconds:.1f} 秒"
        )
        if self.failed:
            s += f"；{len(self.failed)} 个文件失败"
        return s


def sample_pdf_path() -> Path:
    """The bundled sample disclosure (package data)."""
    return Path(str(resources.files("index").joinpath("data/changsha-enterprise-service-center-2025.pdf")))


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _title_lines(lines: list[str]) -> list[str]:
    """The cover's title lines: up to the first section heading (一、部门职责) or prose (a sentence)."""
    out: list[str] = []
    for t in lines:
        if out and (strip_enumeration(t) != t or re.search(r"[。，；]", t)):
            break
        f = fold(t)
        if out and re.search(r"(预算|决算|公开|说明|报告)$", fold(out[-1])) and not re.fullmatch(r"[(（].*[)）]", f):
            break  # the title is complete; a publisher or a date line (2025年8月) follows
        out.append(t)
    return out


def _metadata(pages: list[RawPage], tables, file_name: str) -> tuple[str, str, int | None, str]:
    """Title, unit name, year and 预算/决算 from the cover page, table titles and file name."""
    raw_cover = next(([ln.text for ln in p.lines if not is_page_number(ln.text)] for p in pages if p.lines), [])
    cover_lines = [clean(t) for t in raw_cover]
    cover = to_simplified("".join(cover_lines))
    spaced_cover = to_simplified("  ".join(raw_cover))
    title = re.split(r"(?:预算主管部门|主管部门|编制单位|编制部门)[:：]", clean(" ".join(_title_lines(cover_lines[:4]))))[0][:80]
    title = title or Path(file_name).stem
    titles = " ".join(t.title for t in tables)
    body = to_simplified(cover + " " + titles)
    doc_type = ""
    if "决算" in cover or (not re.search(r"预算", cover) and "决算" in titles):
        doc_type = "决算"
    elif "预算" in body:
        doc_type = "预算"
    years = re.findall(r"(20\d{2})\s*年?", cover) or re.findall(r"(20\d{2})年", titles) or re.findall(r"(20\d{2})", file_name)
    year = int(Counter(years).most_common(1)[0][0]) if years else None
    unit = ""
    m = re.search(r"(?:预算主管部门|主管部门|部门名称|单位名称|编制单位|编制部门)\s*[:：]\s*(\S{2,40}?)(?=\s{2,}|单位[:：]|$)", spaced_cover)
    if m and ORG_NAME.search(clean(m.group(1))):
        unit = clean(m.group(1))
    if not unit:
        m = re.match(r"^(.{2,40}?)(?:20\d{2}\s*年度?|年度)?(?:部门|单位)?(?:预算|决算)", cover.replace(" ", ""))
        if m and not re.search(r"\d{4}", m.group(1)) and ORG_NAME.search(m.group(1)):
            unit = m.group(1)
    if not unit:
        names = [t.unit_name for t in tables if t.unit_name]
        unit = Counter(names).most_common(1)[0][0] if names else ""
    return title, unit, year, doc_type


def extract_document(path: str | Path) -> Document:
    """Read one PDF into a Document; raises IngestError subclasses with a one-line reason."""
    path = Path(path)
    sha = file_sha256(path)
    doc_id = sha[:12]
    raw_pages, _meta = read_pdf(path)
    if raw_pages and all(p.n_chars < DEFAULT_MIN_TEXT_CHARS for p in raw_pages):
        raise NoTextLayer(f"{path.name}: 此文件没有文字层，需要先做OCR（可能是扫描件），识别后再导入")
    catalog = load_catalog()
    body = drop_contents(raw_pages)  # the 目录 lists parts: no sentences, no figures
    tables, table_facts = build_tables(body, doc_id=doc_id, catalog=catalog)
    sentences, sentence_facts = build_sentences(body, doc_id=doc_id)
    if not table_facts and not any(
        re.search(r"预算|决算|三公|经费", fold(s.text)) for s in sentences
    ):
        raise NotABudgetDocument(
            f"{path.name}: 没有找到预算/决算表格或经费数据，不像部门预算/决算公开文件，请确认文件是否正确"
        )
    title, unit_name, year, doc_type = _metadata(raw_pages, tables, path.name)
    pages = tuple(
        Page(p.page_number, p.width, p.height, "\n".join(ln.text for ln in p.lines), p.n_chars > 0) for p in raw_pages
    )
    return Document(
        doc_id=doc_id,
        sha256=sha,
        file_name=path.name,
        title=title,
        unit_name=unit_name,
        year=year,
        doc_type=doc_type,
        page_count=len(raw_pages),
        pages=pages,
        tables=tuple(tables),
        sentences=tuple(sentences),
        facts=tuple(table_facts + sentence_facts),
    )


def _extract_job(path: str) -> tuple[str, Document | None, str | None]:
    try:
        return path, extract_document(path), None
    except IngestError as exc:
        return path, None, str(exc)
    except Exception as exc:  # never let one file stop the others
        return path, None, f"{Path(path).name}: 解析失败（{type(exc).__name__}: {exc}），请确认是完整的PDF文件"


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files and folders (recursive *.pdf) to a sorted file list, plus errors for missing paths."""
    files: list[Path] = []
    errors: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.suffix.lower() == ".pdf" and q.is_file())
            if not found:
                errors.append(f"{p}: 文件夹里没有PDF文件")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            errors.append(f"{p}: 文件不存在，请检查路径")
    seen: set[Path] = set()
    unique = []
    for f in files:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique, errors


def build_index(
    paths: Iterable[str | Path],
    db_path: str | Path,
    *,
    progress: bool | Callable[[int, int, str], None] = False,
    workers: int | None = None,
) -> IngestReport:
    """Ingest PDFs into the store at ``db_path``; idempotent by content hash."""
    from .store import open_store

    start = time.perf_counter()
    files, missing = expand_paths(paths)
    report = IngestReport()
    for err in missing:
        report.documents.append(FileResult(err.split(":")[0], "failed", error=err))
    store = open_store(db_path)
    todo: list[Path] = []
    for f in files:
        try:
            sha = file_sha256(f)
        except OSError as exc:
            report.documents.append(FileResult(str(f), "failed", error=f"{f.name}: 无法读取文件（{exc.strerror}）"))
            continue
        existing = store.document_by_sha(sha)
        if existing:
            report.documents.append(
                FileResult(str(f), "unchanged", existing["doc_id"], None, existing["page_count"],
                           existing["n_tables"], existing["n_facts"], existing["n_sentences"])
            )
        else:
            todo.append(f)
    n = len(todo)
    bar = None
    if progress is True and n and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=n, unit="文件", file=sys.stderr, leave=False)
    workers = workers or min(n, os.cpu_count() or 1)
    results: Iterable[tuple[str, Document | None, str | None]]
    if workers > 1 and n > 1:
        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(_extract_job, [str(f) for f in todo])
    else:
        pool = None
        results = map(_extract_job, [str(f) for f in todo])
    try:
        for i, (path, doc, error) in enumerate(results, 1):
            if doc is None:
                report.documents.append(FileResult(path, "failed", error=error))
            else:
                replaced = store.write_document(doc, source_path=str(Path(path).resolve()), pdf_path=path)
                report.documents.append(
                    FileResult(path, "replaced" if replaced else "ingested", doc.doc_id, None, doc.page_count,
                               len(doc.tables), len(doc.facts), len(doc.sentences))
                )
            if bar is not None:
                bar.update(1)
            if callable(progress):
                progress(i, n, path)
    finally:
        if pool is not None:
            pool.shutdown()
        if bar is not None:
            bar.close()
    report.seconds = time.perf_counter() - start
    return report
