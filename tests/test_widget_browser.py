"""The widget in headless Chromium, embedded in a host page by the one-line snippet (issue #5).

The host page is served from another origin (another loopback port) than the
API, as on a help desk's own site. Screenshots go to tests/output/.
"""

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest

import index
from qa.api import background_server, create_app

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
from conftest import CHROMIUM_ARGS  # noqa: E402

OUTPUT = Path(__file__).resolve().parent / "output"

if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
    pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="python playwright is not installed")

HOST_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>某区政务服务网</title>
<style>body{{font-family:"Noto Sans CJK SC",sans-serif;margin:0;background:#f3f4f6}}
header{{background:#1e3a8a;color:#fff;padding:18px 28px;font-size:22px}}
main{{padding:24px 28px;color:#374151;line-height:1.8}}</style></head>
<body><header>某区政务服务网 · 财政预决算公开</header>
<main><p>本页公开区属各部门2025年部门预算。对预算数字有疑问，可点击右下角“预算问答”。</p>
<p>12345 政务服务便民热线</p></main>
<script src="{api}/widget.js"></script>
</body></html>
"""


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    db = tmp_path_factory.mktemp("widget") / "sample.db"
    assert index.build_index([index.sample_pdf_path()], db).ok
    with background_server(create_app(db, rate_limit=None)) as url:
        yield url


@pytest.fixture(scope="module")
def host_page(api, tmp_path_factory):
    """Any page on another origin that pastes the one-line snippet."""
    root = tmp_path_factory.mktemp("host")
    (root / "index.html").write_text(HOST_PAGE.format(api=api), encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 780}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()
    assert not errors, errors  # no JavaScript errors on the host page or in the widget


def _open_widget(page, host_page):
    page.goto(host_page)
    launcher = page.locator("#budgetqa-launcher")
    launcher.wait_for()
    assert "预算问答" in launcher.inner_text()
    assert launcher.get_attribute("aria-expanded") == "false"
    launcher.click()
    assert launcher.get_attribute("aria-expanded") == "true"
    frame = page.frame_locator("#budgetqa-frame")
    frame.locator("#q").wait_for()
    return frame


def _ask(frame, question):
    n = frame.locator(".msg.bot:not(.pending)").count()
    frame.locator("#q").fill(question)
    frame.locator("#send").click()
    frame.locator(".msg.bot:not(.pending)").nth(n).wait_for()
    return frame.locator(".msg.bot:not(.pending)").nth(n)


def test_snippet_button_asks_and_shows_the_page(page, host_page):
    OUTPUT.mkdir(exist_ok=True)
    frame = _open_widget(page, host_page)
    answer = _ask(frame, "三公经费多少")
    figure = answer.locator(".figure")
    assert figure.inner_text().replace("\n", "") == "1.90万元"
    assert "1.90" in answer.locator(".sentence").inner_text()
    chips = answer.locator(".chip")
    assert chips.count() >= 1
    assert chips.first.inner_text().startswith("第")
    page.screenshot(path=str(OUTPUT / "widget.png"))

    chips.first.click()
    image = frame.locator("#page-image")
    image.wait_for()
    frame.locator("#viewer .loading").wait_for(state="detached")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    src = image.get_attribute("src")
    assert "/pages/" in src and "box=" in src
    assert frame.locator("#viewer-quote").inner_text().startswith("原文：")
    assert "/file#page=" in frame.locator("#viewer-pdf").get_attribute("href")
    page.screenshot(path=str(OUTPUT / "widget-page.png"))
    frame.locator("#viewer-close").click()
    assert frame.locator("#viewer").is_hidden()


def test_follow_up_sends_the_previous_context(page, host_page):
    frame = _open_widget(page, host_page)
    bodies = []
    page.on("request", lambda r: bodies.append(json.loads(r.post_data)) if r.url.endswith("/ask") else None)
    _ask(frame, "三公经费多少")
    answer = _ask(frame, "那公务接待费呢")
    assert "context" not in bodies[0]
    assert bodies[1]["context"] and bodies[1]["context"].get("doc_id")
    assert "0.40" in answer.inner_text()
    frame.locator("#reset").click()  # 新对话 forgets the context
    _ask(frame, "三公经费多少")
    assert "context" not in bodies[2]


def test_suggestions_are_buttons(page, host_page):
    frame = _open_widget(page, host_page)
    welcome = frame.locator(".msg.bot").first
    assert welcome.locator(".sug").count() >= 3
    answer = _ask(frame, "火星探测器预算多少")
    suggestions = answer.locator(".sug")
    assert suggestions.count() >= 1
    users_before = frame.locator(".msg.user").count()
    text = suggestions.first.inner_text()
    suggestions.first.click()
    frame.locator(".msg.user").nth(users_before).wait_for()
    assert frame.locator(".msg.user").nth(users_before).inner_text() == text


def test_user_and_document_text_is_escaped(page, host_page):
    frame = _open_widget(page, host_page)
    evil = '<img src=x onerror="window.top.__xss=1"><b>三公</b>'
    _ask(frame, evil)
    bubble = frame.locator(".msg.user").last
    assert bubble.inner_text() == evil
    assert frame.locator("#log img, #log b").count() == 0
    assert page.evaluate("() => window.__xss") is None


def test_errors_are_shown_in_chinese(page, host_page):
    frame = _open_widget(page, host_page)
    frame.locator("#q").evaluate("input => input.removeAttribute('maxlength')")
    answer = _ask(frame, "三" * 250)
    assert "error" in answer.get_attribute("class")
    assert "200" in answer.inner_text() and "太长" in answer.inner_text()


def test_close_button_inside_the_iframe(page, host_page):
    frame = _open_widget(page, host_page)
    frame.locator("#close").click()
    page.locator("#budgetqa-panel").wait_for(state="hidden")
    assert page.locator("#budgetqa-launcher").get_attribute("aria-expanded") == "false"
    page.locator("#budgetqa-launcher").click()
    page.locator("#budgetqa-panel").wait_for(state="visible")


def test_widget_page_alone(page, api):
    """/widget also works as a page of its own (or in a hand-written iframe), pinned to a document."""
    doc_id = json.loads(page.request.get(f"{api}/documents").text())["documents"][0]["doc_id"]
    page.goto(f"{api}/widget?doc={doc_id}&title=长沙市企业服务中心")
    assert page.locator("#title").inner_text() == "长沙市企业服务中心"
    assert page.locator("#close").is_hidden()  # not in a frame: nothing to close
    page.locator("#q").fill("三公经费多少")
    page.locator("#send").click()
    page.locator(".figure").wait_for()
    assert page.locator(".figure").inner_text().replace("\n", "") == "1.90万元"
