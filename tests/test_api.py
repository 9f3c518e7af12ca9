"""The HTTP API through a real uvicorn server on a loopback port, with real HTTP (issue #5).

Each app runs in a background thread (``qa.api.background_server``) over an
index built from the bundled sample PDF; requests go through httpx.
"""

import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

import index
import qa
from qa.api import RateLimit, _TokenBuckets, background_server, create_app

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")
from conftest import ANSWER_KEYS  # noqa: E402

CITATION_KEYS = {"doc_id", "doc_title", "file", "page", "kind", "table", "row", "column", "quote", "bbox"}
DOCUMENT_KEYS = {"doc_id", "title", "unit_name", "year", "doc_type", "page_count", "file_name"}


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("api") / "sample.db"
    report = index.build_index([index.sample_pdf_path()], db)
    assert report.ok, report.summary()
    return db


@pytest.fixture(scope="session")
def doc_id(sample_db) -> str:
    return index.open_store(sample_db).documents()[0]["doc_id"]


@pytest.fixture(scope="module")
def base(sample_db):
    """The read-only app, rate limit off so that the other tests do not trip it."""
    with background_server(create_app(sample_db, rate_limit=None)) as url:
        yield url


@pytest.fixture()
def client(base):
    with httpx.Client(base_url=base, timeout=30) as c:
        yield c


def _serve(db, **kwargs):
    kwargs.setdefault("rate_limit", None)
    return background_server(create_app(db, **kwargs))


# ---------------------------------------------------------------- schema checks


def check_error(response: httpx.Response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "detail"}, body
    assert isinstance(body["error"], str) and body["error"]
    assert CJK.search(body["detail"]), body  # a Chinese message fit for the user
    assert_no_internals(response.text)
    if code:
        assert body["error"] == code, body
    return body


def assert_no_internals(text: str) -> None:
    assert "Traceback" not in text
    assert ".py" not in text
    assert "/tmp" not in text and "/work" not in text and "site-packages" not in text


def check_citation(c: dict) -> None:
    assert CITATION_KEYS <= set(c), c
    assert isinstance(c["doc_id"], str) and c["doc_id"]
    assert isinstance(c["page"], int) and c["page"] >= 1
    assert c["kind"] in ("table", "sentence")
    assert isinstance(c["quote"], str)
    assert len(c["bbox"]) == 4 and all(isinstance(v, int | float) for v in c["bbox"])
    x0, top, x1, bottom = c["bbox"]
    assert x0 <= x1 and top <= bottom


def check_answer(a: dict) -> None:
    assert ANSWER_KEYS <= set(a), a
    assert a["status"] in ("answered", "not_found", "ambiguous")
    assert isinstance(a["answer"], str) and a["answer"]
    assert a["value"] is None or isinstance(a["value"], int | float)
    assert a["unit"] is None or isinstance(a["unit"], str)
    assert a["formula"] is None or isinstance(a["formula"], str)
    assert isinstance(a["context"], dict)
    assert all(isinstance(s, str) for s in a["suggestions"])
    for c in a["citations"]:
        check_citation(c)
    for item in a["items"]:
        assert {"label", "value", "unit", "citation"} <= set(item)
        if item["citation"] is not None:
            check_citation(item["citation"])


def ask(client: httpx.Client, question: str, **extra) -> httpx.Response:
    return client.post("/ask", json={"question": question, **extra})


# ---------------------------------------------------------------- service


def test_health(client, doc_id):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "documents": 1, "max_question_chars": 200, "admin": False}


def test_openapi_schema_lists_every_endpoint(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    schema = r.json()
    paths = schema["paths"]
    assert set(paths) >= {
        "/health",
        "/ask",
        "/documents",
        "/documents/{doc_id}",
        "/documents/{doc_id}/pages/{page}.png",
        "/documents/{doc_id}/file",
    }
    assert {"get", "post"} <= set(paths["/documents"])
    assert "delete" in paths["/documents/{doc_id}"]
    ask_body = schema["components"]["schemas"]["AskIn"]["properties"]["question"]
    assert ask_body["maxLength"] == 200
    assert "multipart/form-data" in paths["/documents"]["post"]["requestBody"]["content"]
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert client.get("/docs").status_code == 200


def test_security_headers_and_widget_files(client):
    r = client.get("/widget")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "frame-ancestors *" in r.headers["content-security-policy"]
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "x-frame-options" not in r.headers  # it must work inside an iframe
    assert 'data-budgetqa="widget"' in r.text
    js = client.get("/widget.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "innerHTML" not in js.text.replace("never innerHTML", "")  # DOM is built with textContent
    assert "innerHTML" not in r.text
    assert client.get("/", follow_redirects=False).headers["location"] == "/widget"
    assert "server" not in client.get("/health").headers


# ---------------------------------------------------------------- /ask


def test_ask_answers_with_citations(client, sample_db):
    r = ask(client, "三公经费多少")
    assert r.status_code == 200, r.text
    a = r.json()
    check_answer(a)
    assert a["status"] == "answered"
    assert a["value"] == pytest.approx(1.9) and a["unit"] == "万元"
    assert "1.90" in a["answer"]
    assert a["citations"]
    # The API passes the library's answer through unchanged.
    assert a == qa.ask("三公经费多少", index.open_store(sample_db)).to_dict()


def test_ask_follow_up_uses_context(client):
    first = ask(client, "三公经费多少").json()
    assert first["context"]
    r = ask(client, "那公务接待费呢", context=first["context"])
    assert r.status_code == 200
    a = r.json()
    check_answer(a)
    assert a["status"] == "answered", a
    assert a["value"] == pytest.approx(0.4)


def test_ask_with_doc(client, doc_id):
    r = ask(client, "三公经费多少", doc=doc_id)
    assert r.status_code == 200
    assert r.json()["citations"][0]["doc_id"] == doc_id
    check_error(ask(client, "三公经费多少", doc="no-such-doc"), 404, "document_not_found")


def test_ask_not_found_offers_suggestions(client):
    r = ask(client, "火星探测器预算多少")
    assert r.status_code == 200
    a = r.json()
    check_answer(a)
    assert a["status"] in ("not_found", "ambiguous")
    assert a["value"] is None
    assert a["suggestions"]


def test_question_length_limit(client):
    body = check_error(ask(client, "三" * 201), 422, "question_too_long")
    assert "200" in body["detail"]
    r = ask(client, "三公经费多少" + "？" * (200 - 6))  # exactly at the limit
    assert r.status_code == 200
    check_answer(r.json())


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"question": ""}, "question_empty"),
        ({"question": "   "}, "question_empty"),
        ({}, "question_empty"),
        ({"question": 3}, "bad_question"),
        ({"question": "三公经费", "context": "x"}, "invalid_request"),
        ({"question": "三公经费", "context": {"k": "v" * 5000}}, "context_too_large"),
    ],
)
def test_bad_ask_bodies(client, body, code):
    check_error(client.post("/ask", json=body), 422, code)


def test_bad_json_and_oversize_body(client):
    check_error(
        client.post("/ask", content=b"{not json", headers={"content-type": "application/json"}),
        422,
        "bad_json",
    )
    check_error(
        client.post("/ask", content=b"[1, 2]", headers={"content-type": "application/json"}), 422, "bad_json"
    )
    big = json.dumps({"question": "三公", "context": {"pad": "x" * 20000}}).encode()
    check_error(
        client.post("/ask", content=big, headers={"content-type": "application/json"}), 413, "too_large"
    )

    def chunks():  # no Content-Length: the limit still holds
        for _ in range(40):
            yield b"x" * 1024

    check_error(
        client.post("/ask", content=chunks(), headers={"content-type": "application/json"}), 413, "too_large"
    )


def test_unknown_route_and_method(client):
    check_error(client.get("/nope"), 404, "not_found")
    check_error(client.get("/ask"), 405, "method_not_allowed")


# ---------------------------------------------------------------- documents


def test_documents_list(client, doc_id):
    r = client.get("/documents")
    assert r.status_code == 200
    docs = r.json()["documents"]
    assert len(docs) == 1
    assert DOCUMENT_KEYS <= set(docs[0])
    d = docs[0]
    assert d["doc_id"] == doc_id and d["year"] == 2025 and d["doc_type"] == "预算"
    assert d["page_count"] == 26 and d["file_name"].endswith(".pdf")


def test_document_detail(client, doc_id):
    r = client.get(f"/documents/{doc_id}")
    assert r.status_code == 200
    d = r.json()
    assert DOCUMENT_KEYS <= set(d) and d["doc_id"] == doc_id
    assert len(d["tables"]) == 10
    for t in d["tables"]:
        assert {"table_id", "title", "kind", "unit", "pages"} <= set(t)
        assert t["pages"] and all(isinstance(p, int) for p in t["pages"])
    assert any("三公" in t["title"] for t in d["tables"])
    check_error(client.get("/documents/no-such-doc"), 404, "document_not_found")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_page_png_with_highlight(client, doc_id):
    a = ask(client, "三公经费多少").json()
    c = a["citations"][0]
    plain = client.get(f"/documents/{doc_id}/pages/{c['page']}.png")
    assert plain.status_code == 200 and plain.headers["content-type"] == "image/png"
    assert "max-age" in plain.headers["cache-control"] and plain.headers["etag"]
    box = ",".join(str(v) for v in c["bbox"])
    boxed = client.get(
        f"/documents/{doc_id}/pages/{c['page']}.png", params=[("box", box), ("box", "10,10,50,30")]
    )
    assert boxed.status_code == 200
    assert _png_size(boxed.content) == _png_size(plain.content)
    assert boxed.content != plain.content
    w, h = _png_size(client.get(f"/documents/{doc_id}/pages/1.png", params={"scale": 1}).content)
    assert 500 < w < 1000 and 500 < h < 1000  # an A4 page at one pixel per point


def test_page_png_errors(client, doc_id):
    check_error(client.get(f"/documents/{doc_id}/pages/27.png"), 404, "page_not_found")
    check_error(client.get(f"/documents/{doc_id}/pages/0.png"), 404, "page_not_found")
    check_error(client.get(f"/documents/{doc_id}/pages/x.png"), 422)
    check_error(client.get("/documents/nope/pages/1.png"), 404, "document_not_found")
    check_error(client.get(f"/documents/{doc_id}/pages/1.png", params={"box": "1,2,3"}), 422, "bad_box")
    check_error(client.get(f"/documents/{doc_id}/pages/1.png", params={"box": "1,2,3,nan"}), 422, "bad_box")
    check_error(
        client.get(f"/documents/{doc_id}/pages/1.png", params=[("box", "1,2,3,4")] * 21),
        422,
        "too_many_boxes",
    )
    check_error(client.get(f"/documents/{doc_id}/pages/1.png", params={"scale": 10}), 422)


def test_document_file(client, doc_id):
    r = client.get(f"/documents/{doc_id}/file")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"].startswith("inline;")
    assert r.content == index.sample_pdf_path().read_bytes()
    check_error(client.get("/documents/nope/file"), 404, "document_not_found")


# ---------------------------------------------------------------- safety


def test_internal_errors_are_generic(tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a sqlite database" * 100)
    with _serve(broken) as url, httpx.Client(base_url=url) as c:
        check_error(c.get("/documents"), 500, "internal_error")
        check_error(ask(c, "三公经费多少"), 500, "internal_error")
        check_error(c.get("/health"), 503, "unavailable")


def test_rate_limit_per_client(sample_db):
    # A slow refill (one token every 2 s) so that a busy machine serving the
    # first requests slowly cannot refill the bucket before the fourth.
    with _serve(sample_db, rate_limit="30/m:3") as url, httpx.Client(base_url=url) as c:
        codes = [c.get("/documents").status_code for _ in range(3)]
        assert codes == [200, 200, 200]
        r = c.get("/documents")
        body = check_error(r, 429, "rate_limited")
        assert "频繁" in body["detail"]
        assert int(r.headers["retry-after"]) >= 1
        check_error(ask(c, "三公经费多少"), 429, "rate_limited")
        assert c.get("/health").status_code == 200  # probes and the widget are not metered
        assert c.get("/widget").status_code == 200
        time.sleep(2.2)  # one token every 2 s: one is back
        assert c.get("/documents").status_code == 200


def test_token_bucket_keys_clients_apart():
    buckets = _TokenBuckets(RateLimit(per_second=1.0, burst=2), max_clients=3)
    assert [buckets.take("a", now=0.0) for _ in range(3)] == [0.0, 0.0, 1.0]
    assert buckets.take("b", now=0.0) == 0.0  # another client has its own bucket
    assert buckets.take("a", now=1.0) == 0.0  # refilled
    for key in "cdef":
        buckets.take(key, now=100.0)
    assert len(buckets._buckets) <= 3  # idle buckets are dropped, memory stays bounded


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("5/s:30", RateLimit(5.0, 30)),
        ("120/min:10", RateLimit(2.0, 10)),
        ("10", RateLimit(10.0, 100)),
        ("off", None),
        (None, None),
    ],
)
def test_rate_limit_spec(spec, expected):
    assert RateLimit.parse(spec) == expected


def test_rate_limit_spec_rejects_nonsense():
    with pytest.raises(ValueError, match="5/s:30"):
        RateLimit.parse("fast")


def test_cors_allow_list(sample_db):
    allowed = "https://zwfw.example.gov.cn"
    with _serve(sample_db, cors_origins=[allowed]) as url, httpx.Client(base_url=url) as c:
        pre = c.options(
            "/ask",
            headers={
                "Origin": allowed,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert pre.status_code == 200
        assert pre.headers["access-control-allow-origin"] == allowed
        r = c.get("/documents", headers={"Origin": allowed})
        assert r.headers["access-control-allow-origin"] == allowed
        other = c.get("/documents", headers={"Origin": "https://evil.example.com"})
        assert "access-control-allow-origin" not in other.headers
        bad_pre = c.options(
            "/ask", headers={"Origin": "https://evil.example.com", "Access-Control-Request-Method": "POST"}
        )
        assert bad_pre.status_code == 400
        csp = c.get("/widget").headers["content-security-policy"]
        assert f"frame-ancestors 'self' {allowed}" in csp
    with _serve(sample_db) as url, httpx.Client(base_url=url) as c:  # default: no cross-origin calls
        r = c.get("/documents", headers={"Origin": allowed})
        assert "access-control-allow-origin" not in r.headers


def test_ask_timeout(sample_db, monkeypatch):
    # A real answer takes about a millisecond, which can beat any timer on a busy
    # machine; so the answer is made slow (the real ask, after a pause) and the
    # limit is judged against that, not against the machine's speed.
    import qa

    real_ask = qa.ask

    def slow_ask(*args, **kwargs):
        time.sleep(1.0)
        return real_ask(*args, **kwargs)

    monkeypatch.setattr(qa, "ask", slow_ask)
    with _serve(sample_db, ask_timeout=0.2) as url, httpx.Client(base_url=url) as c:
        body = check_error(ask(c, "三公经费多少"), 504, "timeout")
        assert "超时" in body["detail"]
        assert c.get("/health").status_code == 200  # the server keeps serving


# ---------------------------------------------------------------- uploads (admin)


TOKEN = "s3cret-token-for-tests"


def _upload(c, files, token=TOKEN, **kw):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return c.post("/documents", files=files, headers=headers, **kw)


def test_upload_is_off_without_admin_token(client):
    pdf = index.sample_pdf_path().read_bytes()
    check_error(_upload(client, {"file": ("a.pdf", pdf, "application/pdf")}), 403, "read_only")
    check_error(client.delete("/documents/whatever", headers={"Authorization": f"Bearer {TOKEN}"}), 403)


def test_upload_with_admin_token(tmp_path):
    pdf = index.sample_pdf_path().read_bytes()
    db = tmp_path / "uploads.db"
    with _serve(db, admin_token=TOKEN, max_upload_mb=1) as url, httpx.Client(base_url=url, timeout=60) as c:
        assert c.get("/health").json()["admin"] is True
        assert c.get("/documents").json() == {"documents": []}
        files = {"file": ("长沙预算.pdf", pdf, "application/pdf")}
        check_error(_upload(c, files, token=None), 401, "unauthorized")
        check_error(_upload(c, files, token="wrong"), 401, "unauthorized")
        assert _upload(c, files, token=None).headers["www-authenticate"] == "Bearer"

        r = _upload(c, files)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["ok"] is True
        [result] = body["documents"]
        assert result["file"] == "长沙预算.pdf" and result["status"] == "ingested"
        assert result["tables"] == 10 and result["facts"] > 100
        new_id = result["doc_id"]
        assert [d["doc_id"] for d in c.get("/documents").json()["documents"]] == [new_id]
        a = ask(c, "三公经费多少").json()
        assert a["status"] == "answered" and a["value"] == pytest.approx(1.9)

        again = _upload(c, files).json()
        assert again["documents"][0]["status"] == "unchanged"

        check_error(c.delete(f"/documents/{new_id}"), 401)
        r = c.delete(f"/documents/{new_id}", headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200 and r.json() == {"ok": True, "doc_id": new_id}
        assert c.get("/documents").json() == {"documents": []}
        check_error(c.delete(f"/documents/{new_id}", headers={"Authorization": f"Bearer {TOKEN}"}), 404)


def test_bad_uploads_get_clear_errors(tmp_path):
    pdf = index.sample_pdf_path().read_bytes()
    assert len(pdf) > 200 * 1024
    db = tmp_path / "uploads.db"
    with _serve(db, admin_token=TOKEN, max_upload_mb=0.2) as url, httpx.Client(base_url=url, timeout=60) as c:
        body = check_error(_upload(c, {"file": ("big.pdf", pdf, "application/pdf")}), 413, "too_large")
        assert "0.2MB" in body["detail"]
        body = check_error(
            _upload(c, {"file": ("notes.txt", b"hello, not a pdf", "text/plain")}), 400, "not_pdf"
        )
        assert "notes.txt" in body["detail"] and "PDF" in body["detail"]
        check_error(_upload(c, {"other": ("a.pdf", b"%PDF-1.4", "application/pdf")}), 400, "no_file")
        check_error(
            c.post("/documents", json={"file": "x"}, headers={"Authorization": f"Bearer {TOKEN}"}),
            415,
            "not_multipart",
        )
        broken = b"%PDF-1.7\n" + os.urandom(4000)  # looks like a PDF, is not one
        r = _upload(c, {"file": ("坏文件.pdf", broken, "application/pdf")})
        assert r.status_code == 422, r.text
        assert_no_internals(r.text)
        body = r.json()
        assert body["ok"] is False
        [result] = body["documents"]
        assert result["status"] == "failed" and result["file"] == "坏文件.pdf"
        assert CJK.search(result["error"]) and "budgetqa-upload" not in result["error"]

        def chunks():  # a chunked upload that never states its size
            yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n\r\n%PDF-'
            for _ in range(300):
                yield b"x" * 1024

        r = c.post(
            "/documents",
            content=chunks(),
            headers={"Authorization": f"Bearer {TOKEN}", "content-type": "multipart/form-data; boundary=b"},
        )
        assert "0.2MB" in check_error(r, 413, "too_large")["detail"]
        assert c.get("/documents").json() == {"documents": []}


# ---------------------------------------------------------------- the serve() entry point


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_entry_point_in_subprocess(sample_db, tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "BUDGETQA_ADMIN_TOKEN": TOKEN,
        "BUDGETQA_CORS_ORIGINS": "https://a.example,https://b.example",
        "BUDGETQA_RATE_LIMIT": "off",
        "PYTHONPATH": str(ROOT),
    }
    code = f"from qa.api import serve; serve({str(sample_db)!r}, '127.0.0.1', {port}, access_log=False)"
    proc = subprocess.Popen(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert r.json()["admin"] is True  # the token came from the environment
        assert "server" not in r.headers
        r = httpx.get(f"http://127.0.0.1:{port}/documents", headers={"Origin": "https://b.example"})
        assert r.headers["access-control-allow-origin"] == "https://b.example"
        r = httpx.post(f"http://127.0.0.1:{port}/ask", json={"question": "三公经费多少"}, timeout=30)
        assert r.status_code == 200 and r.json()["value"] == pytest.approx(1.9)
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stdout.close()


def test_serve_refuses_a_missing_db(tmp_path, monkeypatch):
    monkeypatch.delenv("BUDGETQA_ADMIN_TOKEN", raising=False)
    from qa.api import serve

    with pytest.raises(FileNotFoundError, match="budgetqa ingest"):
        serve(tmp_path / "missing.db", port=_free_port())


# ---------------------------------------------------------------- load (small; benchmarks/load.py is the full one)


def test_small_load_has_no_errors(sample_db):
    spec = importlib.util.spec_from_file_location("budgetqa_load", ROOT / "benchmarks" / "load.py")
    load = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load)
    with _serve(sample_db) as url:
        result = load.run_load(url, requests=200, concurrency=10)
    assert result["errors"] == 0, result
    assert result["requests"] == 200
    assert result["by_status"] == {200: 200}


def test_concurrent_answers_are_identical(base):
    """Per-thread stores: the same question from many threads gets the same answer."""

    def one(_):
        with httpx.Client(base_url=base, timeout=30) as c:
            return ask(c, "三公经费多少").json()

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(one, range(24)))
    assert all(a == answers[0] for a in answers)
