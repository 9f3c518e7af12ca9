"""The command-line contract of ``budgetqa ask`` / ``budgetqa eval`` (DESIGN.md).

- ``ask "Q" --json`` prints exactly one JSON object with every contract key;
- ``ask --json --batch FILE`` and ``--batch -`` (stdin) print one JSON line per question, in order;
- exit status 0 for a not_found answer (a normal result); non-zero with a one-line stderr
  message when the command cannot run (missing DB);
- ``eval KEY --db DB`` prints the accuracy lines;
- ``python -m qa ask …`` runs the same CLI.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ANSWER_KEYS  # noqa: E402

import index
from qa.cli import main

CITATION_KEYS = {"page", "kind", "table", "row", "column", "quote", "bbox"}
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("cli_ask") / "sample.db"
    report = index.build_index([index.sample_pdf_path()], path)
    assert report.ok, report.summary()
    return str(path)


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse or an explicit exit
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return int(code or 0), out, err


def one_json_object(text: str) -> dict:
    """The text is exactly one JSON object (surrounding whitespace allowed)."""
    s = text.strip()
    obj, end = json.JSONDecoder().raw_decode(s)
    assert s[end:].strip() == "", f"more than one JSON value on stdout: {s[end:][:200]!r}"
    assert isinstance(obj, dict)
    return obj


def check_answer_json(obj: dict, question: str) -> None:
    assert ANSWER_KEYS <= set(obj), ANSWER_KEYS - set(obj)
    assert obj["question"] == question
    assert obj["status"] in {"answered", "not_found", "ambiguous"}
    assert isinstance(obj["answer"], str) and obj["answer"]
    assert isinstance(obj["items"], list)
    assert isinstance(obj["citations"], list)
    assert isinstance(obj["suggestions"], list)
    assert isinstance(obj["context"], dict)
    for c in obj["citations"]:
        assert CITATION_KEYS <= set(c), CITATION_KEYS - set(c)
    if obj["status"] == "answered":
        assert obj["citations"], "answered without a citation"
    else:
        assert 1 <= len(obj["suggestions"]) <= 3


# ---------------------------------------------------------------- ask --json


def test_ask_json_prints_one_object(db, capsys):
    q = "三公经费一共多少钱"
    code, out, err = run(["ask", q, "--db", db, "--json"], capsys)
    assert code == 0, err
    obj = one_json_object(out)
    check_answer_json(obj, q)
    assert obj["status"] == "answered"
    assert obj["value"] == pytest.approx(1.9)
    assert obj["unit"] == "万元"


def test_ask_json_not_found_exits_zero(db, capsys):
    q = "明天天气怎么样"
    code, out, err = run(["ask", q, "--db", db, "--json"], capsys)
    assert code == 0, err
    obj = one_json_object(out)
    check_answer_json(obj, q)
    assert obj["status"] == "not_found"
    assert obj["value"] is None


def test_ask_plain_text_not_found_exits_zero(db, capsys):
    code, out, err = run(["ask", "2023年三公经费", "--db", db], capsys)
    assert code == 0, err
    assert out.strip()


def test_ask_followup_via_context_option(db, capsys):
    code, out, _ = run(["ask", "三公多少钱", "--db", db, "--json"], capsys)
    first = one_json_object(out)
    ctx = json.dumps(first["context"], ensure_ascii=False)
    code, out, err = run(["ask", "那招待费呢", "--db", db, "--json", "--context", ctx], capsys)
    assert code == 0, err
    obj = one_json_object(out)
    assert obj["status"] == "answered"
    assert obj["value"] == pytest.approx(0.4)


# ---------------------------------------------------------------- batch

BATCH = ["三公经费一共多少钱", "今天天气好吗", "基本工资是多少", "有几辆公务用车", "二〇二三年的收入"]


def _check_batch(out: str, questions: list[str]) -> list[dict]:
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert len(lines) == len(questions), out
    objs = [json.loads(ln) for ln in lines]  # each line is one JSON object
    for obj, q in zip(objs, questions, strict=True):
        check_answer_json(obj, q)
    return objs


def test_batch_file(db, tmp_path, capsys):
    f = tmp_path / "questions.txt"
    f.write_text("\n".join(BATCH) + "\n", encoding="utf-8")
    code, out, err = run(["ask", "--db", db, "--json", "--batch", str(f)], capsys)
    assert code == 0, err
    objs = _check_batch(out, BATCH)
    assert [o["status"] for o in objs][:2] == ["answered", "not_found"]


def test_batch_stdin(db, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(reversed(BATCH)) + "\n"))
    code, out, err = run(["ask", "--db", db, "--json", "--batch", "-"], capsys)
    assert code == 0, err
    _check_batch(out, list(reversed(BATCH)))


def test_batch_missing_file_is_an_error(db, tmp_path, capsys):
    code, out, err = run(["ask", "--db", db, "--json", "--batch", str(tmp_path / "nope.txt")], capsys)
    assert code != 0
    assert out == ""
    assert err.strip() and "\n" not in err.strip()


# ---------------------------------------------------------------- failures


def test_missing_db_is_one_line_error(tmp_path, capsys):
    missing = tmp_path / "nothing-here.db"
    code, out, err = run(["ask", "三公经费多少", "--db", str(missing), "--json"], capsys)
    assert code != 0
    assert out == ""
    msg = err.strip()
    assert msg and "\n" not in msg, err
    assert "Traceback" not in err
    assert not missing.exists(), "asking must not create an empty DB"


def test_missing_db_batch_is_one_line_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("三公经费多少\n"))
    code, out, err = run(["ask", "--db", str(tmp_path / "x.db"), "--json", "--batch", "-"], capsys)
    assert code != 0
    assert out == ""
    assert err.strip() and "\n" not in err.strip()


# ---------------------------------------------------------------- eval


def test_eval_prints_accuracy_lines(db, tmp_path, capsys):
    key = tmp_path / "mini.qa.jsonl"
    cases = [
        {
            "id": "m1",
            "q": "三公经费一共多少钱",
            "kind": "lookup",
            "expect": {"value": 1.9, "unit": "万元"},
            "page": 15,
        },
        {
            "id": "m2",
            "q": "奖金多少",
            "kind": "lookup",
            "expect": {"value": 202.5, "unit": "万元"},
            "page": 13,
        },
        {"id": "m3", "q": "明天天气怎么样", "kind": "unanswerable", "expect": {"not_found": True}},
    ]
    key.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in cases) + "\n", encoding="utf-8")
    code, out, err = run(["eval", str(key), "--db", db], capsys)
    assert code == 0, err
    lines = out.splitlines()
    assert any(ln.startswith("questions: 3") for ln in lines), out
    assert any(ln.startswith("accuracy: ") and ln.endswith("%") for ln in lines), out
    assert any(ln.startswith("accuracy with cited page: ") for ln in lines), out
    assert any(ln.startswith("confident-wrong rate: ") for ln in lines), out


def test_eval_missing_key_is_one_line_error(db, tmp_path, capsys):
    code, out, err = run(["eval", str(tmp_path / "nokey.jsonl"), "--db", db], capsys)
    assert code != 0
    assert err.strip() and "\n" not in err.strip()


# ---------------------------------------------------------------- python -m qa


def _env() -> dict:
    env = dict(os.environ)
    env.pop("BUDGETQA_DB", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def test_python_m_qa_ask(db, tmp_path):
    q = "基本工资是多少"
    p = subprocess.run(
        [sys.executable, "-m", "qa", "ask", q, "--db", db, "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=_env(),
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    obj = one_json_object(p.stdout)
    check_answer_json(obj, q)
    assert obj["value"] == pytest.approx(102.25)


def test_python_m_qa_missing_db(tmp_path):
    p = subprocess.run(
        [sys.executable, "-m", "qa", "ask", "三公经费多少", "--db", str(tmp_path / "none.db"), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=_env(),
        timeout=120,
    )
    assert p.returncode != 0
    assert p.stdout == ""
    assert p.stderr.strip() and "\n" not in p.stderr.strip()
