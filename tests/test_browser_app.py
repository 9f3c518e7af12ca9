"""The chat page in a real browser: `streamlit run app.py` driven by headless Chromium (issue #4).

Uses Debian's /usr/bin/chromium (install with .ci/install-browser.sh); `playwright install` is never
needed. Screenshots go to tests/output/ (git-ignored); docs/img/ holds copies chosen for the guide.
Run: pytest -m browser tests/test_browser_app.py
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "output"
CHROMIUM = Path(os.environ.get("BUDGETQA_CHROMIUM", "/usr/bin/chromium"))
from conftest import CHROMIUM_ARGS  # noqa: E402

DOC_IMAGES = (
    "app-welcome.png",
    "app-answer.png",
    "app-citation.png",
    "app-overview.png",
    "app-embed-phone.png",
)
START_TIMEOUT = 90  # first start ingests the bundled sample
ANSWER_TIMEOUT_MS = 30_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} missing: run .ci/install-browser.sh"),
]

playwright_sync = pytest.importorskip("playwright.sync_api", reason="python playwright is not installed")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}"
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(
        f"streamlit did not start within {START_TIMEOUT}s:\n{log.read_text(errors='replace')[-3000:]}"
    )


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory):
    """`streamlit run app.py` on a free loopback port with an empty database (the sample is ingested)."""
    tmp = tmp_path_factory.mktemp("app")
    port = _free_port()
    log = tmp / "streamlit.log"
    pythonpath = os.pathsep.join(p for p in (os.environ.get("PYTHONPATH"), str(ROOT)) if p)
    env = dict(os.environ, BUDGETQA_DB=str(tmp / "budget.db"), PYTHONPATH=pythonpath)
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        "--global.developmentMode=false",
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text[-3000:]


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def _open(browser, url: str, width: int, height: int):
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=1, locale="zh-CN"
    )
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    return context, page


def _ask(page, question: str) -> None:
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=ANSWER_TIMEOUT_MS * 2)
    box.fill(question)
    box.press("Enter")


def _no_traceback(page) -> None:
    assert page.get_by_test_id("stException").count() == 0
    assert "Traceback" not in page.inner_text("body")


_CONTENT_HEIGHT_JS = """() => {
    const main = document.querySelector('[data-testid="stAppScrollToBottomContainer"]')
        || document.querySelector('[data-testid="stMain"]');
    return main ? main.scrollHeight + (window.innerHeight - main.clientHeight) : document.body.scrollHeight;
}"""


def _save(page, name: str, *, full_page: bool = True) -> Path:
    """Screenshot to tests/output/. Streamlit scrolls inside its own container, so for a whole-page
    picture the viewport is stretched to the content's height first."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / name
    viewport = page.viewport_size
    if full_page and viewport:
        height = min(max(int(page.evaluate(_CONTENT_HEIGHT_JS)), viewport["height"]), 5000)
        page.set_viewport_size({"width": viewport["width"], "height": height})
        page.wait_for_timeout(700)
    page.screenshot(path=str(path))
    if full_page and viewport:
        page.set_viewport_size(viewport)
    return path


def _settle(page) -> None:
    """Wait until Streamlit has finished the current run (no 'running' indicator)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')
              && Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
                     .every(c => c.querySelector('svg, canvas'))""",
        timeout=ANSWER_TIMEOUT_MS,
    )
    page.wait_for_timeout(500)


def test_ask_sangong_and_check_the_page(app_url, browser):
    context, page = _open(browser, app_url, 1280, 900)
    try:
        _ask(page, "三公经费多少")
        figure = page.locator(".bqa-figure").first
        figure.wait_for(timeout=ANSWER_TIMEOUT_MS)
        assert "1.90" in figure.inner_text()
        _settle(page)
        _save(page, "app-answer.png")
        # The first citation chip opens the page image with the cited cell highlighted.
        chip = page.get_by_test_id("stButtonGroup").locator("button", has_text="第").first
        chip.click()
        image = page.get_by_test_id("stImage").locator("img").first
        image.wait_for(timeout=ANSWER_TIMEOUT_MS)
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 300", arg=image.element_handle())
        _settle(page)
        image.scroll_into_view_if_needed()
        _no_traceback(page)
        _save(page, "app-citation.png")
        page.screenshot(path=str(OUTPUT / "app-citation-view.png"))
    finally:
        context.close()


def test_embed_on_a_phone(app_url, browser):
    context, page = _open(browser, f"{app_url}/?embed=true&q={quote('三公经费多少')}", 390, 844)
    try:
        figure = page.locator(".bqa-figure").first
        figure.wait_for(timeout=ANSWER_TIMEOUT_MS * 2)
        assert "1.90" in figure.inner_text()
        _settle(page)
        assert not page.get_by_test_id("stSidebar").is_visible()
        assert not page.get_by_test_id("stHeader").is_visible()
        _no_traceback(page)
        _save(page, "app-embed-phone.png")
        page.get_by_test_id("stButtonGroup").locator("button", has_text="第").first.click()
        image = page.get_by_test_id("stImage").locator("img").first
        image.wait_for(timeout=ANSWER_TIMEOUT_MS)
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 300", arg=image.element_handle())
        _settle(page)
        _no_traceback(page)
        _save(page, "app-embed-phone-source.png")
    finally:
        context.close()


def test_welcome_and_overview(app_url, browser):
    context, page = _open(browser, app_url, 1280, 900)
    try:
        page.get_by_test_id("stChatInputTextArea").wait_for(timeout=ANSWER_TIMEOUT_MS * 2)
        page.get_by_role("button", name="三公经费多少").wait_for(timeout=ANSWER_TIMEOUT_MS)
        _settle(page)
        _no_traceback(page)
        _save(page, "app-welcome.png")
        page.get_by_test_id("stButtonGroup").get_by_text("概览", exact=True).first.click()
        page.get_by_text("一分钟看懂").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        page.locator(".bqa-figure").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        _settle(page)
        _no_traceback(page)
        _save(page, "app-overview.png")
    finally:
        context.close()


def test_docs_screenshots_are_current():
    """docs/img holds copies of screenshots this file takes (refresh with BUDGETQA_UPDATE_DOCS_IMG=1)."""
    if os.environ.get("BUDGETQA_UPDATE_DOCS_IMG") == "1":
        (ROOT / "docs" / "img").mkdir(parents=True, exist_ok=True)
        for name in DOC_IMAGES:
            if (OUTPUT / name).exists():
                shutil.copy(OUTPUT / name, ROOT / "docs" / "img" / name)
    for name in DOC_IMAGES:
        assert (ROOT / "docs" / "img" / name).exists(), (
            f"docs/img/{name} missing: rerun with BUDGETQA_UPDATE_DOCS_IMG=1"
        )
