"""``budgetqa ingest`` through ``qa.cli.main``: bad inputs, atomicity, idempotency, folders, summary."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from qa.cli import main

sys.path.insert(0, str(Path(__file__).parent))
import pdfmaker  # noqa: E402

SUMMARY = re.compile(
    r"^(\d+) 个文档（新增 (\d+)，更新 (\d+)，未变 (\d+)），(\d+) 页，(\d+) 张表，(\d+) 个数据，(\d+) 句，用时 (\d+\.\d) 秒"
    r"(；(\d+) 个文件失败)?$"
)


def summary(out: str) -> tuple[int, ...]:
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert lines, "no summary line on stdout"
    m = SUMMARY.match(lines[-1])
    assert m, f"summary line has the wrong format: {lines[-1]!r}"
    docs, new, upd, same, pages, tables, facts, sents = (int(m.group(i)) for i in range(1, 9))
    failed = int(m.group(11)) if m.group(11) else 0
    return docs, new, upd, same, pages, tables, facts, sents, failed


def row_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    good, _ = pdfmaker.split_codes(root / "good")
    other, _ = pdfmaker.whole_codes(root / "other")
    bad = {name: fn(root / "bad")[0] for name, fn in pdfmaker.BAD_INPUTS.items()}
    return {"good": good, "other": other, "bad": bad, "root": root}


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(["ingest", *map(str, argv), "-q"])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


REASONS = {
    "not_a_pdf": "不是PDF文件",
    "empty_file": "文件是空的",
    "corrupt": "已损坏",
    "encrypted": "encrypted.pdf: ",  # the reason itself: test_encrypted_message_says_password
    "scanned": "没有文字层",
    "no_tables": "不像部门预算/决算公开文件",
}


def test_bad_inputs_each_get_one_line_and_good_files_still_ingest(pdfs, tmp_path, capsys):
    db = tmp_path / "b.db"
    bad = pdfs["bad"]
    code, out, err = run(capsys, pdfs["good"], *bad.values(), "--db", db)
    assert code == 1
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == len(bad), err
    for name, path in bad.items():
        mine = [ln for ln in lines if path.name in ln]
        assert len(mine) == 1, (name, err)
        assert REASONS[name] in mine[0], (name, mine[0])
    docs, new, _, _, pages, tables, facts, _, failed = summary(out)
    assert (docs, new, failed) == (1, 1, len(bad))
    assert pages == 1 and tables == 1 and facts > 30
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT file_name FROM documents").fetchall() == [("split_codes.pdf",)]
    conn.close()


def test_encrypted_message_says_password(pdfs, tmp_path, capsys):
    code, _, err = run(capsys, pdfs["bad"]["encrypted"], "--db", tmp_path / "enc.db")
    assert code == 1
    assert "encrypted.pdf" in err and "已加密" in err and "密码" in err


def test_scanned_message_says_ocr(pdfs, tmp_path, capsys):
    code, _, err = run(capsys, pdfs["bad"]["scanned"], "--db", tmp_path / "s.db")
    assert code == 1
    assert "scanned.pdf" in err and "没有文字层" in err and "OCR" in err


def test_scanned_message_exact_wording(pdfs, tmp_path, capsys):
    _, _, err = run(capsys, pdfs["bad"]["scanned"], "--db", tmp_path / "s.db")
    assert "此文件没有文字层，需要先做OCR" in err


def test_failures_leave_nothing_partial(pdfs, tmp_path, capsys):
    only_good = tmp_path / "good.db"
    assert run(capsys, pdfs["good"], "--db", only_good)[0] == 0
    before = row_counts(only_good)
    assert before["documents"] == 1 and before["facts"] > 0
    # bad files into a database that already holds a document: nothing changes
    code, _, err = run(capsys, *pdfs["bad"].values(), "--db", only_good)
    assert code == 1 and err
    assert row_counts(only_good) == before
    # good + bad in one call give exactly the rows of the good file alone
    mixed = tmp_path / "mixed.db"
    assert run(capsys, *pdfs["bad"].values(), pdfs["good"], "--db", mixed)[0] == 1
    assert row_counts(mixed) == before


def test_only_bad_inputs_leave_an_empty_database(pdfs, tmp_path, capsys):
    db = tmp_path / "empty.db"
    code, out, _ = run(capsys, *pdfs["bad"].values(), "--db", db)
    assert code == 1
    assert summary(out)[0] == 0
    counts = row_counts(db)
    assert counts["documents"] == 0 and counts["facts"] == 0 and counts["sentences"] == 0


def test_missing_path_is_reported(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path / "nope.pdf", "--db", tmp_path / "m.db")
    assert code == 1 and "nope.pdf" in err and "不存在" in err


def test_idempotent_same_file_twice(pdfs, tmp_path, capsys):
    db = tmp_path / "i.db"
    code, out, _ = run(capsys, pdfs["good"], "--db", db)
    assert code == 0 and summary(out)[:4] == (1, 1, 0, 0)
    first = row_counts(db)
    code, out, err = run(capsys, pdfs["good"], "--db", db)
    assert code == 0 and not err
    docs, new, upd, same, pages, tables, facts, _, _ = summary(out)
    assert (docs, new, upd, same) == (1, 0, 0, 1)
    assert "未变 1" in out and facts == first["facts"] and pages == 1 and tables == 1
    assert row_counts(db) == first
    # the same file under another name in the same call is stored once too
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(pdfs["good"].read_bytes())
    code, out, _ = run(capsys, copy, "--db", db)
    assert code == 0 and summary(out)[3] == 1
    assert row_counts(db)["documents"] == 1


def test_changed_file_replaces_old_version(pdfs, tmp_path, capsys):
    db = tmp_path / "r.db"
    path = tmp_path / "budget.pdf"
    path.write_bytes(pdfs["good"].read_bytes())
    assert run(capsys, path, "--db", db)[0] == 0
    path.write_bytes(pdfs["other"].read_bytes())
    code, out, _ = run(capsys, path, "--db", db)
    assert code == 0
    assert summary(out)[:4] == (1, 0, 1, 0) and "更新 1" in out
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        codes = {r[0] for r in conn.execute("SELECT subject_code FROM facts")}
        assert "30101" in codes and "2150550" not in codes  # new facts in, old ones gone
        doc_ids = {r[0] for r in conn.execute("SELECT DISTINCT doc_id FROM facts")}
        assert doc_ids == {conn.execute("SELECT doc_id FROM documents").fetchone()[0]}
    finally:
        conn.close()


def test_folder_ingests_recursively(pdfs, tmp_path, capsys):
    folder = tmp_path / "pdfs"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "b" / "deep.pdf").write_bytes(pdfs["good"].read_bytes())
    (folder / "top.PDF").write_bytes(pdfs["other"].read_bytes())
    (folder / "notes.txt").write_text("不是PDF", encoding="utf-8")
    db = tmp_path / "f.db"
    code, out, err = run(capsys, folder, "--db", db)
    assert code == 0, err
    docs, new, _, _, pages, tables, facts, _, failed = summary(out)
    assert (docs, new, pages, tables, failed) == (2, 2, 2, 2, 0)
    conn = sqlite3.connect(db)
    names = sorted(r[0] for r in conn.execute("SELECT file_name FROM documents"))
    conn.close()
    assert names == ["deep.pdf", "top.PDF"]


def test_empty_folder_is_an_error(tmp_path, capsys):
    (tmp_path / "none").mkdir()
    code, _, err = run(capsys, tmp_path / "none", "--db", tmp_path / "e.db")
    assert code == 1 and "没有PDF" in err


def test_summary_counts_match_the_store(pdfs, tmp_path, capsys):
    db = tmp_path / "c.db"
    code, out, _ = run(capsys, pdfs["good"], pdfs["other"], "--db", db)
    assert code == 0
    docs, new, upd, same, pages, tables, facts, sents, failed = summary(out)
    counts = row_counts(db)
    assert (docs, new, upd, same, failed) == (2, 2, 0, 0, 0)
    assert (pages, tables, facts, sents) == (counts["pages"], counts["tables"], counts["facts"], counts["sentences"])


def test_no_paths_is_a_usage_error(tmp_path, capsys):
    code = main(["ingest", "--db", str(tmp_path / "u.db")])
    err = capsys.readouterr().err
    assert code == 2 and "--sample" in err


def test_python_m_qa_ingest_sample(tmp_path):
    db = tmp_path / "sample.db"
    proc = subprocess.run(
        [sys.executable, "-m", "qa", "ingest", "--sample", "--db", str(db), "-q"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    docs, new, _, _, pages, tables, facts, sents, _ = summary(proc.stdout)
    assert (docs, new, pages, tables) == (1, 1, 26, 10)
    assert facts > 200 and sents > 20
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT unit_name, year, doc_type FROM documents").fetchone() == ("长沙市企业服务中心", 2025, "预算")
    conn.close()
