"""SQLite storage of documents, tables, facts and sentences. The only importer of sqlite_utils.

Schema (see docs/architecture.md): documents, files (the original PDF bytes,
so citations can be shown after the file moves), pages, tables (grid as JSON
for display), facts (one row per figure), sentences, and FTS5 indexes over
fact labels and sentence text. Each document is written in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlite_utils

from .model import Document, Fact, Sentence
from .normalize import fold, strip_enumeration

SCHEMA_VERSION = 1


def _connect(path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


class Store:
    """Read and write access to one BudgetQA database file."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.conn = _connect(path)
        self.db = sqlite_utils.Database(self.conn)
        self._lock = threading.RLock()
        self._ensure_schema()

    # -- schema -----------------------------------------------------------
    def _ensure_schema(self) -> None:
        db = self.db
        if "documents" in db.table_names():
            self._add_missing_columns()
            return
        with self.conn:
            db["documents"].create(
                {
                    "doc_id": str, "sha256": str, "file_name": str, "source_path": str, "title": str,
                    "unit_name": str, "year": int, "doc_type": str, "page_count": int, "n_tables": int,
                    "n_facts": int, "n_sentences": int, "ingested_at": str,
                },
                pk="doc_id",
            )
            db["documents"].create_index(["sha256"], unique=True)
            db["documents"].create_index(["source_path"])
            db["files"].create({"doc_id": str, "data": bytes}, pk="doc_id", foreign_keys=[("doc_id", "documents")])
            db["pages"].create(
                {"doc_id": str, "page_number": int, "width": float, "height": float, "text": str, "has_text": int},
                pk=("doc_id", "page_number"), foreign_keys=[("doc_id", "documents")],
            )
            db["tables"].create(
                {
                    "table_id": str, "doc_id": str, "seq": int, "title": str, "kind": str, "unit": str,
                    "unit_name": str, "pages": str, "columns": str, "header_rows": int, "grid": str,
                    "cell_pages": str, "cell_bboxes": str, "note": str, "n_rows": int, "n_cols": int,
                },
                pk="table_id", foreign_keys=[("doc_id", "documents")],
            )
            db["tables"].create_index(["doc_id"])
            db["facts"].create(
                {
                    "fact_id": str, "doc_id": str, "source": str, "page": int, "x0": float, "top": float,
                    "x1": float, "bottom": float, "value": str, "unit": str, "row_label": str, "column": str,
                    "measure": str, "subject_code": str, "subject_name": str, "table_id": str,
                    "table_title": str, "table_kind": str, "row": int, "col": int, "sentence_id": str,
                    "quote": str, "label_fold": str, "unit_label": str,
                },
                pk="fact_id", foreign_keys=[("doc_id", "documents")],
            )
            db["facts"].create_index(["doc_id", "source"])
            db["facts"].create_index(["subject_code"])
            db["facts"].create_index(["label_fold"])
            db["facts"].create_index(["table_id", "row", "col"])
            db["sentences"].create(
                {"sentence_id": str, "doc_id": str, "seq": int, "page": int, "x0": float, "top": float,
                 "x1": float, "bottom": float, "text": str, "text_fold": str, "section": str},
                pk="sentence_id", foreign_keys=[("doc_id", "documents")],
            )
            db["sentences"].create_index(["doc_id", "seq"])
            # trigram FTS: substring search over Chinese without a word segmenter
            self.conn.execute(
                "CREATE VIRTUAL TABLE sentences_fts USING fts5(text_fold, content='sentences', "
                "content_rowid='rowid', tokenize='trigram')"
            )
            self.conn.execute(
                "CREATE VIRTUAL TABLE facts_fts USING fts5(label_fold, content='facts', "
                "content_rowid='rowid', tokenize='trigram')"
            )
            db["meta"].insert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")

    def _add_missing_columns(self) -> None:
        """A database made before ``facts.unit_label`` existed gets the column (empty for old rows)."""
        if "unit_label" not in self.db["facts"].columns_dict:
            with self.conn:
                self.conn.execute("ALTER TABLE facts ADD COLUMN unit_label TEXT NOT NULL DEFAULT ''")

    # -- writing ----------------------------------------------------------
    def write_document(self, doc: Document, *, source_path: str = "", pdf_path: str | Path | None = None) -> bool:
        """Store ``doc`` atomically; replaces an older version from the same source path.

        Returns True when an older version was replaced.
        """
        data = Path(pdf_path).read_bytes() if pdf_path else b""
        with self._lock, self.conn:
            old = [r[0] for r in self.conn.execute(
                "SELECT doc_id FROM documents WHERE source_path = ? AND doc_id != ?", (source_path, doc.doc_id)
            )] if source_path else []
            for old_id in old:
                self._delete(old_id)
            self._delete(doc.doc_id)
            self.db["documents"].insert(
                {
                    "doc_id": doc.doc_id, "sha256": doc.sha256, "file_name": doc.file_name,
                    "source_path": source_path, "title": doc.title, "unit_name": doc.unit_name,
                    "year": doc.year, "doc_type": doc.doc_type, "page_count": doc.page_count,
                    "n_tables": len(doc.tables), "n_facts": len(doc.facts), "n_sentences": len(doc.sentences),
                    "ingested_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                }
            )
            self.db["files"].insert({"doc_id": doc.doc_id, "data": data})
            self.db["pages"].insert_all(
                {"doc_id": doc.doc_id, "page_number": p.page_number, "width": p.width, "height": p.height,
                 "text": p.text, "has_text": int(p.has_text)} for p in doc.pages
            )
            self.db["tables"].insert_all(self._table_row(doc.doc_id, i, t) for i, t in enumerate(doc.tables))
            self.db["facts"].insert_all((self._fact_row(f) for f in doc.facts), batch_size=500)
            self.db["sentences"].insert_all(
                {"sentence_id": s.sentence_id, "doc_id": s.doc_id, "seq": i, "page": s.page_number,
                 "x0": s.bbox[0], "top": s.bbox[1], "x1": s.bbox[2], "bottom": s.bbox[3], "text": s.text,
                 "text_fold": fold(s.text), "section": s.section}
                for i, s in enumerate(doc.sentences)
            )
            self.conn.execute(
                "INSERT INTO sentences_fts(rowid, text_fold) SELECT rowid, text_fold FROM sentences WHERE doc_id = ?",
                (doc.doc_id,),
            )
            self.conn.execute(
                "INSERT INTO facts_fts(rowid, label_fold) SELECT rowid, label_fold FROM facts WHERE doc_id = ?",
                (doc.doc_id,),
            )
        return bool(old)

    @staticmethod
    def _table_row(doc_id: str, seq: int, t) -> dict[str, Any]:
        nrows = max((c.row for c in t.cells), default=-1) + 1
        ncols = len(t.columns)
        grid = [[""] * ncols for _ in range(nrows)]
        pages = [[0] * ncols for _ in range(nrows)]
        boxes: list[list[list[float] | None]] = [[None] * ncols for _ in range(nrows)]
        for c in t.cells:
            if c.col < ncols:
                grid[c.row][c.col] = c.text
                pages[c.row][c.col] = c.page_number
                boxes[c.row][c.col] = [round(v, 2) for v in c.bbox]
        return {
            "table_id": t.table_id, "doc_id": doc_id, "seq": seq, "title": t.title, "kind": t.kind,
            "unit": t.unit, "unit_name": t.unit_name, "pages": json.dumps(list(t.pages)),
            "columns": json.dumps(list(t.columns), ensure_ascii=False), "header_rows": t.header_rows,
            "grid": json.dumps(grid, ensure_ascii=False), "cell_pages": json.dumps(pages),
            "cell_bboxes": json.dumps(boxes), "note": t.note, "n_rows": nrows, "n_cols": ncols,
        }

    @staticmethod
    def _fact_row(f: Fact) -> dict[str, Any]:
        # matched without list numbering (九、卫生健康支出 → 卫生健康支出); row_label keeps the printed form
        row = strip_enumeration(f.row_label)
        label = " ".join(x for x in (row, f.subject_name, f.column, f.table_title) if x)
        return {
            "fact_id": f.fact_id, "doc_id": f.doc_id, "source": f.source, "page": f.page_number,
            "x0": f.bbox[0], "top": f.bbox[1], "x1": f.bbox[2], "bottom": f.bbox[3],
            "value": format(f.value, "f"), "unit": f.unit, "row_label": f.row_label, "column": f.column,
            "measure": f.measure, "subject_code": f.subject_code, "subject_name": f.subject_name,
            "table_id": f.table_id, "table_title": f.table_title, "table_kind": f.table_kind, "row": f.row,
            "col": f.col, "sentence_id": f.sentence_id, "quote": f.quote, "label_fold": fold(label),
            "unit_label": f.unit_label,
        }

    def _delete(self, doc_id: str) -> None:
        c = self.conn
        c.execute("DELETE FROM sentences_fts WHERE rowid IN (SELECT rowid FROM sentences WHERE doc_id = ?)", (doc_id,))
        c.execute("DELETE FROM facts_fts WHERE rowid IN (SELECT rowid FROM facts WHERE doc_id = ?)", (doc_id,))
        for table in ("facts", "sentences", "tables", "pages", "files", "documents"):
            c.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))

    def remove(self, doc_id: str) -> bool:
        with self._lock, self.conn:
            exists = self.conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            if exists:
                self._delete(doc_id)
        return bool(exists)

    # -- reading ----------------------------------------------------------
    def _rows(self, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
        with self._lock:
            cur = self.conn.execute(sql, params)
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def documents(self) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT doc_id, title, unit_name, year, doc_type, page_count, file_name, sha256, n_tables, n_facts, "
            "n_sentences, ingested_at FROM documents ORDER BY unit_name, year, doc_type"
        )

    def document(self, doc_id: str) -> dict[str, Any] | None:
        rows = self._rows(
            "SELECT doc_id, title, unit_name, year, doc_type, page_count, file_name, sha256, n_tables, n_facts, "
            "n_sentences, ingested_at FROM documents WHERE doc_id = ?", (doc_id,)
        )
        return rows[0] if rows else None

    def document_by_sha(self, sha256: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM documents WHERE sha256 = ?", (sha256,))
        return rows[0] if rows else None

    def version(self) -> str:
        """Changes whenever documents are added or removed (cache key for answerers)."""
        rows = self._rows("SELECT group_concat(doc_id) AS ids, count(*) AS n FROM documents")
        digest = hashlib.sha1((rows[0]["ids"] or "").encode()).hexdigest()[:12]  # same in every process
        return f"{rows[0]['n']}:{digest}"

    def tables(self, doc_id: str) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT table_id, title, kind, unit, unit_name, pages, n_rows, n_cols FROM tables WHERE doc_id = ? ORDER BY seq",
            (doc_id,),
        )
        for r in rows:
            r["pages"] = json.loads(r["pages"])
        return rows

    def table_grid(self, table_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM tables WHERE table_id = ?", (table_id,))
        if not rows:
            return None
        r = rows[0]
        return {
            "table_id": r["table_id"], "doc_id": r["doc_id"], "title": r["title"], "kind": r["kind"],
            "unit": r["unit"], "unit_name": r["unit_name"], "pages": json.loads(r["pages"]),
            "columns": json.loads(r["columns"]), "header_rows": r["header_rows"], "rows": json.loads(r["grid"]),
            "cell_pages": json.loads(r["cell_pages"]), "cell_bboxes": json.loads(r["cell_bboxes"]), "note": r["note"],
        }

    def pdf_bytes(self, doc_id: str) -> bytes | None:
        rows = self._rows("SELECT data FROM files WHERE doc_id = ?", (doc_id,))
        return rows[0]["data"] if rows and rows[0]["data"] else None

    def pages(self, doc_id: str) -> list[dict[str, Any]]:
        return self._rows("SELECT page_number, width, height, has_text FROM pages WHERE doc_id = ? ORDER BY page_number", (doc_id,))

    def facts(self, doc_id: str) -> list[Fact]:
        return [self._fact(r) for r in self._rows("SELECT * FROM facts WHERE doc_id = ? ORDER BY rowid", (doc_id,))]

    def sentences(self, doc_id: str) -> list[Sentence]:
        return [
            Sentence(r["sentence_id"], r["doc_id"], r["page"], (r["x0"], r["top"], r["x1"], r["bottom"]), r["text"], r["section"])
            for r in self._rows("SELECT * FROM sentences WHERE doc_id = ? ORDER BY seq", (doc_id,))
        ]

    def search_sentences(self, doc_ids: list[str], text: str, limit: int = 20) -> list[Sentence]:
        """Sentences containing ``text`` (folded; 3+ chars use the trigram index)."""
        q = fold(text)
        if not q:
            return []
        marks = ",".join("?" * len(doc_ids))
        if len(q) >= 3:
            sql = (f"SELECT s.* FROM sentences_fts f JOIN sentences s ON s.rowid = f.rowid "
                   f"WHERE sentences_fts MATCH ? AND s.doc_id IN ({marks}) ORDER BY s.seq LIMIT ?")
            params: tuple = ('"' + q.replace('"', '""') + '"', *doc_ids, limit)
        else:
            sql = f"SELECT * FROM sentences WHERE text_fold LIKE ? AND doc_id IN ({marks}) ORDER BY seq LIMIT ?"
            params = (f"%{q}%", *doc_ids, limit)
        return [
            Sentence(r["sentence_id"], r["doc_id"], r["page"], (r["x0"], r["top"], r["x1"], r["bottom"]), r["text"], r["section"])
            for r in self._rows(sql, params)
        ]

    @staticmethod
    def _fact(r: dict[str, Any]) -> Fact:
        return Fact(
            fact_id=r["fact_id"], doc_id=r["doc_id"], source=r["source"], page_number=r["page"],
            bbox=(r["x0"], r["top"], r["x1"], r["bottom"]), value=Decimal(r["value"]), unit=r["unit"],
            row_label=r["row_label"], column=r["column"], measure=r["measure"], subject_code=r["subject_code"],
            subject_name=r["subject_name"], table_id=r["table_id"], table_title=r["table_title"],
            table_kind=r["table_kind"], row=r["row"], col=r["col"], sentence_id=r["sentence_id"], quote=r["quote"],
            unit_label=r.get("unit_label") or "",
        )

    def close(self) -> None:
        self.conn.close()


def open_store(path: str | Path) -> Store:
    """Open (creating if needed) the database at ``path``."""
    try:
        return Store(path)
    except sqlite3.DatabaseError as exc:
        raise sqlite3.DatabaseError(f"{path}: 不是有效的BudgetQA数据库（{exc}），请换一个 --db 路径") from exc
