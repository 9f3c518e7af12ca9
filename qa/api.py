"""HTTP JSON API and embeddable widget for help desks (issue #5).

``create_app(db_path, ...)`` builds a FastAPI app over an index made by
``budgetqa ingest``; ``serve(...)`` runs it with uvicorn (``budgetqa serve``).

The endpoint is meant to face the public, so it is read-only by default and
guarded: a question length limit, a per-client token-bucket rate limit, a CORS
allow-list, a body size limit, a thread pool with a timeout for every store or
rendering call, and one generic error handler so that no stack trace or file
path ever reaches a response. Uploading documents (``POST /documents``) exists
only when an admin token is configured. Every error body is
``{"error": <code>, "detail": <Chinese message>}``.

The SQLite store is opened once per worker thread (``threading.local``): a
sqlite3 connection must not cross threads.
"""

import asyncio
import hashlib
import hmac
import logging
import math
import os
import re
import shutil
import socket
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException
from starlette.middleware.cors import CORSMiddleware

__all__ = ["create_app", "serve", "background_server", "RateLimit"]

log = logging.getLogger("budgetqa.api")

DEFAULT_MAX_QUESTION_CHARS = 200
DEFAULT_MAX_UPLOAD_MB = 50
DEFAULT_RATE_LIMIT = "5/s:30"  # 5 requests a second per client, bursts of 30
DEFAULT_ASK_TIMEOUT = 15.0  # seconds for one answer (or one page picture)
DEFAULT_INGEST_TIMEOUT = 600.0
DEFAULT_WORKERS = 4
DEFAULT_MAX_PENDING = 64  # jobs waiting for the pool before we answer 503
DEFAULT_MAX_JSON_BYTES = 16 * 1024  # body of POST /ask
DEFAULT_MAX_CONTEXT_CHARS = 4000
DEFAULT_MAX_BOXES = 20
DEFAULT_PDF_CACHE = 8  # documents whose PDF bytes stay in memory
DEFAULT_PNG_CACHE = 32  # rendered page pictures kept (a popular citation is asked for again and again)
DEFAULT_RATE_CLIENTS = 10_000  # buckets kept before idle ones are dropped

# Paths the rate limit does not count: liveness probes and the static widget.
_UNMETERED = ("/health", "/widget", "/widget.js", "/favicon.ico")

T = TypeVar("T")


# ---------------------------------------------------------------- settings


@dataclass(frozen=True)
class RateLimit:
    """A token bucket per client IP: ``per_second`` tokens refill, ``burst`` is the bucket size.

    ``RateLimit.parse`` reads ``"5/s:30"``, ``"300/min:60"`` or ``"off"``.
    """

    per_second: float
    burst: int

    def __post_init__(self) -> None:
        if not (self.per_second > 0 and math.isfinite(self.per_second)):
            raise ValueError("速率限制必须是正数，例如 5/s:30")
        if self.burst < 1:
            raise ValueError("突发容量（冒号后的数）至少为 1，例如 5/s:30")

    @classmethod
    def parse(cls, spec: "RateLimit | str | None") -> "RateLimit | None":
        if spec is None or isinstance(spec, RateLimit):
            return spec
        text = spec.strip().lower()
        if text in ("", "0", "off", "none", "no"):
            return None
        m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:/\s*(s|sec|second|m|min|minute))?\s*(?::\s*(\d+))?", text)
        if not m:
            raise ValueError(f"无法理解速率限制 {spec!r}：请写成 5/s:30（每秒5次，突发30次）或 off")
        rate = float(m.group(1))
        if (m.group(2) or "s").startswith("m"):
            rate /= 60.0
        burst = int(m.group(3)) if m.group(3) else max(1, math.ceil(rate * 10))
        return cls(per_second=rate, burst=burst)


class _TokenBuckets:
    """Per-key token buckets; used only from the event loop thread, so no lock."""

    def __init__(self, limit: RateLimit, max_clients: int = DEFAULT_RATE_CLIENTS) -> None:
        self.limit = limit
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str, now: float | None = None) -> float:
        """Take one token; return 0 when allowed, else the seconds until one is free."""
        now = time.monotonic() if now is None else now
        tokens, last = self._buckets.get(key, (float(self.limit.burst), now))
        tokens = min(float(self.limit.burst), tokens + (now - last) * self.limit.per_second)
        if tokens >= 1.0:
            self._buckets[key] = (tokens - 1.0, now)
            if len(self._buckets) > self.max_clients:
                self._prune(now)
            return 0.0
        self._buckets[key] = (tokens, now)
        return (1.0 - tokens) / self.limit.per_second

    def _prune(self, now: float) -> None:
        full = self.limit.burst / self.limit.per_second
        for key, (_, last) in list(self._buckets.items()):
            if now - last >= full:  # refilled to the brim: forgetting it changes nothing
                del self._buckets[key]
        while len(self._buckets) > self.max_clients:  # still too many: drop the oldest
            del self._buckets[next(iter(self._buckets))]


# ---------------------------------------------------------------- errors


class ApiError(Exception):
    """An error with an HTTP status, a machine code and a Chinese message for the user."""

    def __init__(self, status: int, code: str, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers


class _BodyTooLarge(Exception):
    """Raised by the body-limit middleware's receive() when a body exceeds its limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def _error(status: int, code: str, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": code, "detail": detail}, status_code=status, headers=headers)


_HTTP_MESSAGES = {
    400: ("bad_request", "请求格式不正确。"),
    401: ("unauthorized", "需要管理员令牌。"),
    403: ("forbidden", "没有权限。"),
    404: ("not_found", "没有这个地址。"),
    405: ("method_not_allowed", "不支持这种请求方法。"),
    413: ("too_large", "请求内容太大。"),
    415: ("unsupported_media_type", "不支持这种内容类型。"),
    429: ("rate_limited", "请求过于频繁，请稍后再试。"),
    503: ("busy", "服务繁忙，请稍后再试。"),
}


# ---------------------------------------------------------------- ASGI middleware


def _client_key(scope: dict) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


class _RateLimitMiddleware:
    """Answers 429 with ``Retry-After`` when a client's bucket is empty."""

    def __init__(self, app: Callable, buckets: _TokenBuckets) -> None:
        self.app = app
        self.buckets = buckets

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope.get("method") == "OPTIONS" or scope["path"] in _UNMETERED:
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(_client_key(scope))
        if wait > 0:
            code, detail = _HTTP_MESSAGES[429]
            response = _error(429, code, detail, headers={"Retry-After": str(max(1, math.ceil(wait)))})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class _BodyLimitMiddleware:
    """Stops request bodies at their path's limit, whatever ``Content-Length`` claims.

    Small bodies (``POST /ask``) are read here in full, up to the limit, and
    replayed to the app, so an oversize or chunked body gets a clean 413.
    Uploads are counted as they stream and raise :class:`_BodyTooLarge` at the
    limit; their ``Content-Length`` is checked by the route, after the admin
    token, so that an unauthenticated client learns nothing about limits.

    A response sent before the body is read (401, 413 ...) first drains what
    the client is still sending, up to ``DRAIN_BYTES``: closing a socket with
    unread data makes the kernel send a reset, and the client would see
    "connection reset" instead of our message.
    """

    DRAIN_BYTES = 16 * 1024 * 1024

    def __init__(self, app: Callable, limit_for: Callable[[str], int], streamed: tuple[str, ...]) -> None:
        self.app = app
        self.limit_for = limit_for
        self.streamed = streamed

    async def _drain(self, receive: Callable) -> None:
        drained = 0
        while drained < self.DRAIN_BYTES:
            message = await receive()
            if message["type"] != "http.request":
                return
            drained += len(message.get("body", b""))
            if not message.get("more_body", False):
                return

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        if scope["path"] in self.streamed:
            seen = 0
            body_done = False

            async def counting_receive() -> dict:
                nonlocal seen, body_done
                message = await receive()
                if message["type"] != "http.request" or not message.get("more_body", False):
                    body_done = True
                if message["type"] == "http.request":
                    seen += len(message.get("body", b""))
                    if seen > limit:
                        raise _BodyTooLarge(limit)
                return message

            async def draining_send(message: dict) -> None:
                nonlocal body_done
                if message["type"] == "http.response.start" and not body_done:
                    body_done = True
                    await self._drain(receive)
                await send(message)

            await self.app(scope, counting_receive, draining_send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            more = message.get("more_body", False)
            if size > limit:
                if more:
                    await self._drain(receive)
                response = _error(
                    413, "too_large", f"请求内容太大：上限为{limit // 1024}KB。", {"Connection": "close"}
                )
                await response(scope, receive, send)
                return
            chunks.append(chunk)
            if not more:
                break
        body = b"".join(chunks)
        replayed = False

        async def replay_receive() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay_receive, send)


class _CatchAllMiddleware:
    """Turns any unexpected exception into a generic 500 and logs it for the operator.

    Innermost of our middleware, so the 500 still carries CORS headers, and
    handled here (not re-raised as Starlette's ServerErrorMiddleware does) so
    the server keeps the client's keep-alive connection open.
    """

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            log.error("unhandled error on %s %s", scope.get("method"), scope.get("path"), exc_info=exc)
            if started:  # too late for a clean answer: let the server drop the connection
                raise
            await _error(500, "internal_error", "服务器内部错误，请稍后再试。")(scope, receive, send)


class _SecurityHeadersMiddleware:
    """nosniff everywhere; a strict CSP on the widget page, framable by the allowed origins."""

    def __init__(self, app: Callable, frame_ancestors: str) -> None:
        self.app = app
        self.widget_csp = (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data:; connect-src 'self'; frame-ancestors {frame_ancestors}; "
            "base-uri 'none'; form-action 'none'"
        ).encode()

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_widget = scope["path"] == "/widget"

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                if is_widget:
                    headers.append((b"content-security-policy", self.widget_csp))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ---------------------------------------------------------------- the store, per thread


class _Backend:
    """Runs store and rendering calls in a bounded thread pool with a timeout.

    Each worker thread opens its own store; ``generation`` moves on after an
    upload so that threads reopen theirs and see the new documents.
    """

    def __init__(self, db_path: Path, workers: int, timeout: float, max_pending: int) -> None:
        self.db_path = db_path
        self.timeout = timeout
        self.max_pending = max_pending
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="budgetqa")
        self.ingest_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="budgetqa-ingest")
        self.pending = 0
        self.generation = 0
        self._local = threading.local()
        self._pdf_lock = threading.Lock()
        self._pdfs: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._pngs: OrderedDict[tuple, bytes] = OrderedDict()

    def store(self) -> Any:
        import index

        local = self._local
        if getattr(local, "generation", None) != self.generation or getattr(local, "store", None) is None:
            old = getattr(local, "store", None)
            if old is not None and hasattr(old, "close"):
                try:
                    old.close()
                except Exception:  # closing a stale handle must not fail a request
                    log.debug("closing a stale store failed", exc_info=True)
            local.store = index.open_store(self.db_path)
            local.generation = self.generation
        return local.store

    def page_png(self, doc_id: str, page: int, boxes: list, scale: float) -> bytes | None:
        """The page picture, from a small LRU cache; None when the document has no stored PDF."""
        from index.render import page_png as render

        key = (doc_id, page, tuple(boxes), scale, self.generation)
        with self._pdf_lock:
            if key in self._pngs:
                self._pngs.move_to_end(key)
                return self._pngs[key]
        data = self.pdf_bytes(doc_id)
        if data is None:
            return None
        png = render(data, page, boxes, scale=scale)
        with self._pdf_lock:
            self._pngs[key] = png
            while len(self._pngs) > DEFAULT_PNG_CACHE:
                self._pngs.popitem(last=False)
        return png

    def pdf_bytes(self, doc_id: str) -> bytes | None:
        key = (doc_id, self.generation)
        with self._pdf_lock:
            if key in self._pdfs:
                self._pdfs.move_to_end(key)
                return self._pdfs[key]
        data = self.store().pdf_bytes(doc_id)
        if data is not None:
            with self._pdf_lock:
                self._pdfs[key] = data
                while len(self._pdfs) > DEFAULT_PDF_CACHE:
                    self._pdfs.popitem(last=False)
        return data

    async def run(self, fn: Callable[[], T], *, timeout: float | None = None, pool: Any = None) -> T:
        if self.pending >= self.max_pending:
            raise ApiError(503, "busy", "服务繁忙，请稍后再试。", headers={"Retry-After": "2"})
        self.pending += 1
        try:
            future = (pool or self.pool).submit(fn)
            try:
                return await asyncio.wait_for(asyncio.wrap_future(future), timeout or self.timeout)
            except TimeoutError:
                future.cancel()  # a job still queued never starts; a running one finishes unseen
                raise ApiError(504, "timeout", "处理超时，请换个问法或稍后再试。") from None
        finally:
            self.pending -= 1

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.ingest_pool.shutdown(wait=False, cancel_futures=True)


# ---------------------------------------------------------------- response models
# extra="allow": fields the library adds later pass through instead of vanishing.


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class CitationOut(_Open):
    doc_id: str
    doc_title: str | None = None
    file: str | None = None
    page: int = Field(description="1-based page number, as a PDF viewer shows it")
    kind: str = Field(description="table | sentence")
    quote: str = Field(description="the text exactly as printed")
    bbox: list[float] = Field(description="x0, top, x1, bottom in PDF points, top-left origin")
    table: str | None = None
    row: str | None = None
    column: str | None = None


class ItemOut(_Open):
    label: str
    value: float | None = None
    unit: str | None = None
    citation: CitationOut | None = None


class AnswerOut(_Open):
    question: str
    status: str = Field(description="answered | not_found | ambiguous")
    answer: str
    value: float | None = None
    unit: str | None = None
    items: list[ItemOut] = []
    formula: str | None = None
    citations: list[CitationOut] = []
    suggestions: list[str] = []
    context: dict[str, Any] = Field(default_factory=dict, description="pass back as `context` for follow-ups")
    options: list[str] = []


class DocumentOut(_Open):
    doc_id: str
    title: str | None = None
    unit_name: str | None = None
    year: int | None = None
    doc_type: str | None = None
    page_count: int | None = None
    file_name: str | None = None


class TableOut(_Open):
    table_id: str
    title: str | None = None
    kind: str | None = None
    unit: str | None = None
    pages: list[int] = []


class DocumentDetailOut(DocumentOut):
    tables: list[TableOut] = []


class DocumentListOut(BaseModel):
    documents: list[DocumentOut]


class HealthOut(BaseModel):
    status: str
    documents: int
    max_question_chars: int
    admin: bool = Field(description="whether uploads over HTTP are enabled")


class IngestedOut(_Open):
    file: str
    doc_id: str | None = None
    status: str = Field(description="ingested | unchanged | replaced | failed")
    error: str | None = None


class IngestOut(BaseModel):
    ok: bool
    documents: list[IngestedOut]


class ErrorOut(BaseModel):
    error: str = Field(description="machine-readable code, e.g. question_too_long, rate_limited")
    detail: str = Field(description="message in Chinese, fit to show to the user")


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (404, 413, 422, 429, 500, 503, 504)
}


# ---------------------------------------------------------------- helpers


def _parse_box(text: str) -> tuple[float, float, float, float]:
    parts = text.split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        values = ()
    if len(values) != 4 or not all(math.isfinite(v) and -1e5 < v < 1e5 for v in values):
        raise ApiError(422, "bad_box", f"高亮框格式不正确：{text[:40]!r}，应为 x0,top,x1,bottom 四个数。")
    x0, top, x1, bottom = values
    return (min(x0, x1), min(top, bottom), max(x0, x1), max(top, bottom))


def _content_disposition(file_name: str) -> str:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", file_name) or "document.pdf"
    return f"inline; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file_name)}"


def _safe_file_name(name: str | None) -> str:
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    base = re.sub(r"[\x00-\x1f/:*?\"<>|]+", "_", base)[:120]
    if not base or base.startswith("."):
        base = "upload.pdf"
    return base


def _jsonable(value: Any) -> Any:
    """Dates, Decimals and tuples from the store to plain JSON."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _static_text(name: str) -> str:
    return resources.files("qa").joinpath("static").joinpath(name).read_text(encoding="utf-8")


def _strip_paths(message: str, *paths: str | os.PathLike[str]) -> str:
    for p in paths:
        message = message.replace(str(p) + os.sep, "").replace(str(p), "")
    return message


# ---------------------------------------------------------------- the app


def create_app(
    db_path: str | os.PathLike[str],
    *,
    admin_token: str | None = None,
    cors_origins: Iterable[str] = (),
    rate_limit: RateLimit | str | None = DEFAULT_RATE_LIMIT,
    max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS,
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB,
    ask_timeout: float = DEFAULT_ASK_TIMEOUT,
    workers: int = DEFAULT_WORKERS,
    max_pending: int = DEFAULT_MAX_PENDING,
) -> FastAPI:
    """Build the API over the index at ``db_path``.

    ``admin_token`` enables ``POST /documents`` and ``DELETE /documents/{id}``
    (``Authorization: Bearer <token>``). ``cors_origins`` lists the origins
    that may call the API from a browser and frame ``/widget`` (``"*"`` for
    any); empty means no cross-origin calls and any site may frame the widget.
    ``rate_limit`` is a :class:`RateLimit`, a spec such as ``"5/s:30"``, or
    ``None``/``"off"``.
    """
    db_path = Path(db_path)
    origins = [o.strip().rstrip("/") for o in cors_origins if o and o.strip()]
    limit = RateLimit.parse(rate_limit)
    if max_question_chars < 1:
        raise ValueError("max_question_chars 至少为 1")
    if not max_upload_mb > 0:
        raise ValueError("max_upload_mb 必须为正数")
    max_upload_bytes = int(max_upload_mb * 1024 * 1024)
    backend = _Backend(db_path, workers=workers, timeout=ask_timeout, max_pending=max_pending)
    token = admin_token or None

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        backend.shutdown()

    app = FastAPI(
        title="BudgetQA",
        version=_version(),
        summary="部门预算/决算公开问答：每个数字都注明页码、表、行、列。",
        description=(
            "Answers questions about Chinese government budget disclosures with cited figures. "
            'All errors are `{"error": code, "detail": 中文说明}`. '
            f"Questions are limited to {max_question_chars} characters; requests are rate-limited per client IP "
            "(429 with Retry-After). See docs/embedding.md."
        ),
        lifespan=lifespan,
    )
    app.state.backend = backend

    class AskIn(BaseModel):
        model_config = ConfigDict(str_strip_whitespace=True, extra="ignore")
        question: str = Field(min_length=1, max_length=max_question_chars, examples=["三公经费多少"])
        doc: str | None = Field(
            default=None, max_length=128, description="doc_id to ask about; all when absent"
        )
        context: dict[str, Any] | None = Field(
            default=None, description="the previous answer's `context`, for follow-ups such as 那招待费呢"
        )

    # ---- error handlers: every error is {"error", "detail"}; nothing internal leaks

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.detail, exc.headers)

    @app.exception_handler(_BodyTooLarge)
    async def _too_large(_request: Request, exc: _BodyTooLarge) -> JSONResponse:
        # Only uploads stream through _BodyTooLarge; state their limit, not the multipart overhead.
        return _error(413, "too_large", f"上传文件太大：上限为{max_upload_mb:g}MB。", {"Connection": "close"})

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, detail = _HTTP_MESSAGES.get(exc.status_code, ("error", "请求失败。"))
        return _error(exc.status_code, code, detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        for err in exc.errors():
            loc = tuple(str(x) for x in err.get("loc", ()))
            kind = err.get("type", "")
            if loc[-1:] == ("question",):
                if kind == "string_too_long":
                    return _error(422, "question_too_long", f"问题太长了：请不超过{max_question_chars}个字。")
                if kind in ("string_too_short", "missing"):
                    return _error(422, "question_empty", "请输入问题，例如：三公经费多少？")
                return _error(422, "bad_question", "问题必须是文字。")
            if kind == "json_invalid" or loc[:1] == ("body",) and len(loc) == 1:
                return _error(422, "bad_json", '请求体必须是JSON对象，例如 {"question": "三公经费多少"}。')
        where = ".".join(str(x) for x in exc.errors()[0].get("loc", ())) if exc.errors() else ""
        return _error(422, "invalid_request", f"请求参数不正确：{where}。")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Logged for the operator; the client sees only a generic message.
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error(500, "internal_error", "服务器内部错误，请稍后再试。", {"Connection": "close"})

    # ---- middleware (added last = outermost)

    def _limit_for(path: str) -> int:
        return max_upload_bytes + 64 * 1024 if path == "/documents" else DEFAULT_MAX_JSON_BYTES

    # Outermost last: security headers, then CORS (so 429s carry CORS headers), then the rate limit.
    app.add_middleware(_CatchAllMiddleware)
    app.add_middleware(_BodyLimitMiddleware, limit_for=_limit_for, streamed=("/documents",))
    if limit is not None:
        app.add_middleware(_RateLimitMiddleware, buckets=_TokenBuckets(limit))
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "Authorization"],
            max_age=600,
        )
    frame_ancestors = "*" if not origins or "*" in origins else " ".join(["'self'", *origins])
    app.add_middleware(_SecurityHeadersMiddleware, frame_ancestors=frame_ancestors)

    # ---- helpers bound to the backend

    def _require_admin(request: Request) -> None:
        if token is None:
            raise ApiError(
                403, "read_only", "本服务为只读：启动时未设置管理员令牌，不能通过HTTP上传或删除文件。"
            )
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise ApiError(
                401,
                "unauthorized",
                "需要管理员令牌：请加请求头 Authorization: Bearer <令牌>。",
                headers={"WWW-Authenticate": "Bearer"},
            )

    def _document_or_404(store: Any, doc_id: str) -> dict:
        doc = store.document(doc_id)
        if doc is None:
            raise ApiError(404, "document_not_found", f"没有找到文档 {doc_id[:64]}。请先查看 /documents。")
        return doc

    # ---- routes

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse("/widget")

    @app.get("/health", response_model=HealthOut, tags=["service"], summary="Liveness and document count")
    async def health() -> dict:
        try:
            n = await backend.run(lambda: len(backend.store().documents()))
        except ApiError:
            raise
        except Exception as exc:
            log.error("health check failed", exc_info=exc)
            raise ApiError(503, "unavailable", "索引数据库不可用。") from None
        return {
            "status": "ok",
            "documents": n,
            "max_question_chars": max_question_chars,
            "admin": token is not None,
        }

    @app.post(
        "/ask",
        response_model=AnswerOut,
        tags=["questions"],
        responses=_ERRORS,
        summary="Answer a question; every figure cited to page, table, row and column",
    )
    async def ask(body: AskIn) -> dict:
        if body.context is not None and len(repr(body.context)) > DEFAULT_MAX_CONTEXT_CHARS:
            raise ApiError(422, "context_too_large", "上下文太大：请原样传回上一个回答的 context。")

        def job() -> dict:
            import qa

            store = backend.store()
            if body.doc:
                _document_or_404(store, body.doc)
            answer = qa.ask(body.question, store, doc_id=body.doc or None, context=body.context)
            return answer.to_dict()

        return await backend.run(job)

    @app.get(
        "/documents", response_model=DocumentListOut, tags=["documents"], summary="The documents indexed"
    )
    async def documents() -> dict:
        docs = await backend.run(lambda: backend.store().documents())
        return {"documents": [_jsonable(d) for d in docs]}

    @app.get(
        "/documents/{doc_id}",
        response_model=DocumentDetailOut,
        tags=["documents"],
        responses=_ERRORS,
        summary="One document's metadata and its tables",
    )
    async def document(doc_id: str) -> dict:
        def job() -> dict:
            store = backend.store()
            doc = dict(_document_or_404(store, doc_id))
            doc["tables"] = store.tables(doc_id)
            return _jsonable(doc)

        return await backend.run(job)

    @app.get(
        "/documents/{doc_id}/pages/{page}.png",
        tags=["documents"],
        responses={
            200: {"content": {"image/png": {}}, "description": "the page, cited boxes highlighted"},
            **_ERRORS,
        },
        response_class=Response,
        summary="A page as PNG with optional highlight boxes",
    )
    async def page_png(
        doc_id: str,
        page: int,
        box: list[str] = Query(  # noqa: B008 - FastAPI's way to declare a repeated parameter
            default=[],
            description="x0,top,x1,bottom in PDF points (as in a citation's bbox); repeatable",
        ),
        scale: float = Query(default=1.5, ge=0.5, le=3.0, description="pixels per PDF point"),
    ) -> Response:
        if len(box) > DEFAULT_MAX_BOXES:
            raise ApiError(422, "too_many_boxes", f"高亮框太多：最多{DEFAULT_MAX_BOXES}个。")
        boxes = [_parse_box(b) for b in box]

        def job() -> bytes:
            _document_or_404(backend.store(), doc_id)
            try:
                png = backend.page_png(doc_id, page, boxes, scale)
            except ValueError:
                raise ApiError(404, "page_not_found", f"第{page}页不存在。") from None
            if png is None:
                raise ApiError(404, "file_not_found", "这个文档没有保存原始PDF。")
            return png

        png = await backend.run(job)
        etag = hashlib.sha256(f"{doc_id}|{page}|{boxes}|{scale}".encode()).hexdigest()[:32]
        # A doc_id is a content hash, so a page picture never changes.
        return Response(
            png,
            media_type="image/png",
            headers={
                "Cache-Control": "public, max-age=86400",
                "ETag": f'"{etag}"',
            },
        )

    @app.get(
        "/documents/{doc_id}/file",
        tags=["documents"],
        response_class=Response,
        responses={200: {"content": {"application/pdf": {}}, "description": "the original PDF"}, **_ERRORS},
        summary="The original PDF",
    )
    async def document_file(doc_id: str) -> Response:
        def job() -> tuple[dict, bytes | None]:
            doc = _document_or_404(backend.store(), doc_id)
            return doc, backend.pdf_bytes(doc_id)

        doc, data = await backend.run(job)
        if data is None:
            raise ApiError(404, "file_not_found", "这个文档没有保存原始PDF。")
        name = str(doc.get("file_name") or f"{doc_id}.pdf")
        return Response(
            data,
            media_type="application/pdf",
            headers={
                "Content-Disposition": _content_disposition(name),
                "Cache-Control": "public, max-age=86400",
            },
        )

    @app.post(
        "/documents",
        response_model=IngestOut,
        tags=["admin"],
        responses={
            401: {"model": ErrorOut},
            403: {"model": ErrorOut},
            400: {"model": ErrorOut},
            **_ERRORS,
        },
        summary="Upload PDFs to index (admin token required)",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file"],
                            "properties": {
                                "file": {
                                    "type": "array",
                                    "items": {"type": "string", "format": "binary"},
                                    "description": f"one or more PDF files, at most {max_upload_mb:g} MB in all",
                                }
                            },
                        }
                    }
                },
            },
            "security": [{"bearer": []}],
        },
    )
    async def upload(request: Request) -> JSONResponse:
        _require_admin(request)
        if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
            raise ApiError(415, "not_multipart", "请用 multipart/form-data 上传，字段名为 file。")
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_upload_bytes + 64 * 1024:
            raise ApiError(
                413, "too_large", f"上传文件太大：上限为{max_upload_mb:g}MB。", {"Connection": "close"}
            )
        try:
            form = await request.form(max_files=20, max_fields=20, max_part_size=64 * 1024)
        except MultiPartException:
            raise ApiError(
                400, "bad_upload", "上传内容无法解析：请用 multipart/form-data，字段名为 file。"
            ) from None
        tmp = Path(tempfile.mkdtemp(prefix="budgetqa-upload-"))
        try:
            files: list[tuple[str, Path]] = []
            total = 0
            for upload_file in form.getlist("file"):
                if isinstance(upload_file, str):
                    continue
                name = _safe_file_name(upload_file.filename)
                data = await upload_file.read()
                total += len(data)
                if total > max_upload_bytes:
                    raise ApiError(413, "too_large", f"上传文件太大：上限为{max_upload_mb:g}MB。")
                if not data.lstrip()[:5] == b"%PDF-":
                    raise ApiError(
                        400,
                        "not_pdf",
                        f"文件 {name} 不是PDF（文件头不是 %PDF-）。请上传部门预算/决算公开的PDF文件。",
                    )
                # The indexer reads files by their .pdf suffix; the name in replies stays the uploader's.
                path = tmp / f"{len(files):02d}" / (name if name.lower().endswith(".pdf") else name + ".pdf")
                path.parent.mkdir()
                path.write_bytes(data)
                files.append((name, path))
            if not files:
                raise ApiError(400, "no_file", "没有收到文件：请用 multipart/form-data 上传，字段名为 file。")

            def job() -> Any:
                import index

                # workers=1: no process pool forked from inside a threaded server
                return index.build_index([p for _, p in files], db_path, workers=1)

            report = await backend.run(job, timeout=DEFAULT_INGEST_TIMEOUT, pool=backend.ingest_pool)
            backend.generation += 1  # worker threads reopen their stores and see the new documents
            by_path = {str(p): name for name, p in files}
            results = []
            for r in report.documents:
                name = by_path.get(str(r.path), _safe_file_name(Path(str(r.path)).name))
                error = _strip_paths(r.error, tmp, *(p.parent for _, p in files)) if r.error else None
                results.append(
                    {
                        "file": name,
                        "doc_id": r.doc_id,
                        "status": r.status,
                        "error": error,
                        **{k: getattr(r, k, None) for k in ("pages", "tables", "facts", "sentences")},
                    }
                )
            ok = bool(report.ok) and all(r["status"] != "failed" for r in results)
            return JSONResponse({"ok": ok, "documents": results}, status_code=200 if ok else 422)
        finally:
            await form.close()
            shutil.rmtree(tmp, ignore_errors=True)

    @app.delete(
        "/documents/{doc_id}",
        tags=["admin"],
        responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, **_ERRORS},
        summary="Remove a document from the index (admin token required)",
    )
    async def delete_document(doc_id: str, request: Request) -> dict:
        _require_admin(request)

        def job() -> bool:
            return bool(backend.store().remove(doc_id))

        removed = await backend.run(job, pool=backend.ingest_pool)
        if not removed:
            raise ApiError(404, "document_not_found", f"没有找到文档 {doc_id[:64]}。")
        backend.generation += 1
        return {"ok": True, "doc_id": doc_id}

    # ---- the widget (static, no build step)

    widget_html = _static_text("widget.html")
    widget_js = _static_text("widget.js")

    @app.get("/widget", include_in_schema=False)
    async def widget() -> Response:
        return Response(
            widget_html, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"}
        )

    @app.get("/widget.js", include_in_schema=False)
    async def widget_script() -> Response:
        return Response(
            widget_js,
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300"},
        )

    app.openapi_schema = None
    _add_bearer_scheme(app)
    return app


def _add_bearer_scheme(app: FastAPI) -> None:
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema.setdefault("components", {}).setdefault("securitySchemes", {})["bearer"] = {
            "type": "http",
            "scheme": "bearer",
            "description": "the admin token given to `budgetqa serve`",
        }
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("budgetqa")
    except Exception:
        return "0"


# ---------------------------------------------------------------- serve


@contextmanager
def background_server(app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run ``app`` with uvicorn in a daemon thread; yield its base URL (``port=0``: a free port).

    For tests, benchmarks and embedding the API in another Python program.
    """
    import uvicorn

    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    actual_port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", server_header=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="budgetqa-server"
    )
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("服务器未能启动")
        time.sleep(0.01)
    try:
        yield f"http://{host}:{actual_port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def _env_list(name: str) -> list[str]:
    return [p for p in re.split(r"[,\s]+", os.environ.get(name, "")) if p]


def serve(
    db_path: str | os.PathLike[str],
    host: str = "127.0.0.1",
    port: int = 8000,
    admin_token: str | None = None,
    cors_origins: Iterable[str] = (),
    *,
    rate_limit: RateLimit | str | None = None,
    max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS,
    max_upload_mb: float | None = None,
    ask_timeout: float | None = None,
    workers: int = DEFAULT_WORKERS,
    forwarded_allow_ips: str | None = None,
    access_log: bool = True,
) -> None:
    """Run the API with uvicorn until interrupted (``budgetqa serve``).

    Unset options fall back to the environment: ``BUDGETQA_ADMIN_TOKEN``,
    ``BUDGETQA_CORS_ORIGINS`` (comma separated), ``BUDGETQA_RATE_LIMIT``
    (``5/s:30`` or ``off``), ``BUDGETQA_MAX_UPLOAD_MB``, ``BUDGETQA_ASK_TIMEOUT``.
    ``forwarded_allow_ips``: the reverse proxies whose ``X-Forwarded-For`` is
    believed (uvicorn's default: 127.0.0.1); the rate limit keys on that IP.
    Raises FileNotFoundError when ``db_path`` is missing and no admin token
    would allow filling it, ValueError on a bad option.
    """
    import uvicorn

    admin_token = admin_token or os.environ.get("BUDGETQA_ADMIN_TOKEN") or None
    origins = list(cors_origins) or _env_list("BUDGETQA_CORS_ORIGINS")
    if rate_limit is None:
        rate_limit = os.environ.get("BUDGETQA_RATE_LIMIT") or DEFAULT_RATE_LIMIT
    if max_upload_mb is None:
        max_upload_mb = float(os.environ.get("BUDGETQA_MAX_UPLOAD_MB") or DEFAULT_MAX_UPLOAD_MB)
    if ask_timeout is None:
        ask_timeout = float(os.environ.get("BUDGETQA_ASK_TIMEOUT") or DEFAULT_ASK_TIMEOUT)
    if not Path(db_path).exists() and not admin_token:
        raise FileNotFoundError(
            f"索引数据库 {db_path} 不存在：先运行 budgetqa ingest PDF... --db {db_path}，"
            "或用 --admin-token 启动后通过 POST /documents 上传。"
        )
    app = create_app(
        db_path,
        admin_token=admin_token,
        cors_origins=origins,
        rate_limit=rate_limit,
        max_question_chars=max_question_chars,
        max_upload_mb=max_upload_mb,
        ask_timeout=ask_timeout,
        workers=workers,
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,
        access_log=access_log,
        timeout_graceful_shutdown=5,
    )
