"""Shared pytest options.

``--update-golden`` rewrites the golden snapshots under ``tests/golden/`` instead of
comparing against them (as sqlite-utils' tests/conftest.py adds its own option).
Review the diff of the rewritten files before committing them.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.json from the current extractor instead of comparing",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run should rewrite golden files."""
    return bool(request.config.getoption("--update-golden"))


CHROMIUM = "/usr/bin/chromium"


def pytest_sessionstart(session: pytest.Session) -> None:
    # CI sets BUDGETQA_REQUIRE_BROWSER=1 (.ci/run): there the browser tests must run, not skip.
    import os

    if os.environ.get("BUDGETQA_REQUIRE_BROWSER") == "1" and not os.path.exists(CHROMIUM):
        raise pytest.UsageError(
            f"BUDGETQA_REQUIRE_BROWSER=1 but {CHROMIUM} is missing: run .ci/install-browser.sh first"
        )


# DESIGN.md's answer JSON contract: the keys every answer carries (CLI, API and tests agree on them)
ANSWER_KEYS = frozenset(
    {"question", "status", "answer", "value", "unit", "items", "formula", "citations", "suggestions", "context"}
)
# Debian's chromium as the browser tests start it (no network, no first-run chores)
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
