"""The documentation must keep up with the code (as sqlite-utils' and datasette's test_docs.py do).

Each check introspects the code and fails when something it finds is not documented:

- every ``budgetqa`` subcommand has a section in ``docs/usage.md`` that names each of its flags
  (read from ``qa.cli.parse_args``'s own argparse parser);
- every SQLite table of a fresh store has a section in ``docs/architecture.md`` naming each of its
  columns (read with ``sqlite_master`` and ``PRAGMA table_info``);
- every module file of ``index/`` and ``qa/`` (and ``app.py``) is named in ``docs/architecture.md``;
- every ``BUDGETQA_*`` environment variable the code or tests mention is in ``docs/usage.md``;
- README.md holds exactly the two set-up commands, each in its own fenced bash block;
- relative links between the documents point at files that exist.

When one fails, document the new thing; do not loosen the test.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
from pathlib import Path

import pytest

import index
from qa import cli

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
USAGE = DOCS / "usage.md"
ARCHITECTURE = DOCS / "architecture.md"
README = ROOT / "README.md"

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.M)
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)
_ENV = re.compile(r"\bBUDGETQA_[A-Z][A-Z0-9_]*\b")
_FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_docsize", "_config", "_content")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _sections(text: str) -> list[tuple[str, str]]:
    """(heading, body up to the next heading of the same or a higher level), for every heading."""
    heads = list(_HEADING.finditer(text))
    out = []
    for i, m in enumerate(heads):
        level = len(m.group(1))
        end = len(text)
        for later in heads[i + 1 :]:
            if len(later.group(1)) <= level:
                end = later.start()
                break
        out.append((m.group(2), text[m.end() : end]))
    return out


def _section(text: str, wanted: str) -> str | None:
    """The body of the first section whose heading contains ``wanted`` in backticks."""
    for heading, body in _sections(text):
        if f"`{wanted}`" in heading:
            return body
    return None


# ---------------------------------------------------------------- the command line


class _Captured(Exception):
    def __init__(self, parser: argparse.ArgumentParser) -> None:
        super().__init__("parser captured")
        self.parser = parser


def _cli_parser() -> argparse.ArgumentParser:
    """The parser ``qa.cli.parse_args`` builds, caught just before it parses."""

    def capture(self: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        raise _Captured(self)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(argparse.ArgumentParser, "parse_args", capture)
        try:
            cli.parse_args([])
        except _Captured as captured:
            return captured.parser
    raise AssertionError("qa.cli.parse_args did not call ArgumentParser.parse_args")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = _cli_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert actions, "budgetqa has no subcommands?"
    return dict(actions[0].choices)


SUBCOMMANDS = _subcommands()


def test_cli_has_the_documented_shape():
    # DESIGN.md's contract names these; a renamed or dropped one needs the docs rewritten too
    assert {"ingest", "ask", "eval", "serve"} <= set(SUBCOMMANDS)


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_subcommand_and_its_flags_are_documented(name):
    body = _section(_read(USAGE), f"budgetqa {name}")
    assert body is not None, f"docs/usage.md has no section headed `budgetqa {name}`"
    missing = [
        option
        for action in SUBCOMMANDS[name]._actions
        for option in action.option_strings
        if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", body)
    ]
    assert not missing, f"docs/usage.md, section `budgetqa {name}`, does not mention {missing}"


def test_top_level_flags_are_documented():
    text = _read(USAGE)
    for action in _cli_parser()._actions:
        for option in action.option_strings:
            assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text), option


# ---------------------------------------------------------------- the database schema


def _schema(tmp_path: Path) -> dict[str, list[str]]:
    """{table: [columns]} of a fresh store, FTS5 shadow tables left out (SQLite owns them)."""
    store = index.open_store(tmp_path / "schema.db")
    store.close()
    conn = sqlite3.connect(tmp_path / "schema.db")
    try:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        virtual = [n for n, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
        shadows = {v + s for v in virtual for s in _FTS_SHADOW_SUFFIXES}
        names = sorted(n for n, _ in rows if n not in shadows and not n.startswith("sqlite_"))
        return {n: [r[1] for r in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}
    finally:
        conn.close()


def test_schema_has_the_expected_tables(tmp_path):
    assert set(_schema(tmp_path)) == {
        "documents",
        "files",
        "pages",
        "tables",
        "facts",
        "sentences",
        "sentences_fts",
        "facts_fts",
        "meta",
    }


def test_every_table_and_column_is_documented(tmp_path):
    text = _read(ARCHITECTURE)
    problems = []
    for table, columns in _schema(tmp_path).items():
        body = _section(text, table)
        if body is None:
            problems.append(f"no section headed `{table}`")
            continue
        problems += [f"`{table}`: column `{c}` not described" for c in columns if f"`{c}`" not in body]
    assert not problems, "docs/architecture.md: " + "; ".join(problems)


# ---------------------------------------------------------------- modules


MODULES = sorted(
    [p.relative_to(ROOT).as_posix() for pkg in ("index", "qa") for p in (ROOT / pkg).glob("*.py")]
    + ["app.py"]
)


@pytest.mark.parametrize("module", MODULES)
def test_every_module_is_described(module):
    assert f"`{module}`" in _read(ARCHITECTURE), f"docs/architecture.md does not describe `{module}`"


def test_interfaces_note_was_folded_in():
    assert not (DOCS / "INTERFACES.md").exists(), "docs/INTERFACES.md belongs in docs/architecture.md"


# ---------------------------------------------------------------- environment variables


def _env_variables() -> set[str]:
    found: set[str] = set()
    files = [ROOT / "app.py", ROOT / ".ci" / "run"]
    for folder in ("index", "qa", "benchmarks", "tests"):
        files += sorted((ROOT / folder).rglob("*.py"))
    for path in files:
        if path.resolve() == Path(__file__).resolve() or not path.is_file():
            continue
        found |= set(_ENV.findall(_read(path)))
    return found


def test_environment_variables_are_found():
    assert {"BUDGETQA_DB", "BUDGETQA_ADMIN_TOKEN"} <= _env_variables()


@pytest.mark.parametrize("name", sorted(_env_variables()))
def test_environment_variable_is_documented(name):
    assert f"`{name}`" in _read(USAGE), f"docs/usage.md does not document `{name}`"


# ---------------------------------------------------------------- README


def test_readme_has_exactly_the_two_setup_commands():
    blocks = [body for lang, body in _FENCE.findall(_read(README)) if lang in ("bash", "sh", "shell")]
    setup = [b.strip() for b in blocks if "python3 -m venv" in b]
    assert len(setup) == 2, f"README.md should have exactly two set-up blocks, found {len(setup)}: {setup}"
    for block in setup:
        assert len(block.splitlines()) == 1, f"a set-up block is one command line: {block!r}"
    assert sum("streamlit run app.py" in b for b in setup) == 1, "one set-up block runs the product"
    assert sum("pytest" in b for b in setup) == 1, "one set-up block runs the tests"
    test_command = next(b for b in setup if "pytest" in b)
    assert test_command in _read(ROOT / ".ci" / "run"), ".ci/run must run README.md's test command verbatim"


# ---------------------------------------------------------------- links


_LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("doc", [README, *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name)
def test_relative_links_resolve(doc):
    broken = []
    for target in _LINK.findall(_read(doc)):
        if re.match(r"^[a-z]+:", target):
            continue  # http:, https:, mailto:
        path = (doc.parent / target).resolve()
        if ROOT not in path.parents and path != ROOT:
            continue  # outside the repository (../shared): not ours to check
        if not path.exists():
            broken.append(target)
    assert not broken, f"{doc.name}: broken links {broken}"
