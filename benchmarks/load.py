"""Load test for the HTTP API (issue #5): N requests from C concurrent clients on loopback.

    python benchmarks/load.py                      # 2,000 requests, 20 clients, a fresh server
    python benchmarks/load.py --db budget.db       # serve this index instead of the sample
    python benchmarks/load.py --url http://127.0.0.1:8000 --requests 500
    python benchmarks/load.py --json               # one JSON object instead of the table

Without ``--url`` it builds an index of the bundled sample PDF, starts
``qa.api.serve`` in a subprocess (rate limit off, access log off) on a free
loopback port, and stops it afterwards; the clients run in this process, one
thread and one keep-alive connection each. The request mix is a help desk's:
mostly questions, some document lists and page pictures. Prints throughput and
latency percentiles, overall and per endpoint, and the error count.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]

DEFAULT_REQUESTS = 2000
DEFAULT_CONCURRENCY = 20
QUESTIONS = [
    "三公经费多少",
    "公务接待费是多少",
    "一般公共预算支出多少",
    "基本支出占多少",
    "项目支出多少",
    "机关运行经费多少",
    "收入总计多少",
    "政府采购预算多少",
    "公务用车购置及运行费多少",
    "火星探测器预算多少",  # a not_found answer costs as much as any other
]


def _mix(i: int, doc_id: str | None) -> tuple[str, str, dict | None]:
    """Request i of the mix: 8 in 10 questions, 1 document list, 1 page picture."""
    slot = i % 10
    if slot == 8 or doc_id is None and slot == 9:
        return "GET /documents", "/documents", None
    if slot == 9:
        page = 1 + (i // 10) % 5
        return "GET page.png", f"/documents/{doc_id}/pages/{page}.png", None
    return "POST /ask", "/ask", {"question": QUESTIONS[(i // 10 + slot) % len(QUESTIONS)]}


def _percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def _summary(latencies: list[float]) -> dict:
    s = sorted(latencies)
    return {
        "n": len(s),
        "p50_ms": round(_percentile(s, 50) * 1000, 1),
        "p90_ms": round(_percentile(s, 90) * 1000, 1),
        "p99_ms": round(_percentile(s, 99) * 1000, 1),
        "max_ms": round(s[-1] * 1000, 1) if s else float("nan"),
        "mean_ms": round(statistics.fmean(s) * 1000, 1) if s else float("nan"),
    }


def run_load(
    url: str,
    *,
    requests: int = DEFAULT_REQUESTS,
    concurrency: int = DEFAULT_CONCURRENCY,
    timeout: float = 30.0,
) -> dict:
    """Send ``requests`` requests from ``concurrency`` threads to the API at ``url``; return the figures.

    An error is a transport failure or any status other than 200.
    """
    with httpx.Client(base_url=url, timeout=timeout) as c:
        docs = c.get("/documents").json()["documents"]
    doc_id = docs[0]["doc_id"] if docs else None
    plan = [_mix(i, doc_id) for i in range(requests)]
    lock = threading.Lock()
    next_index = 0
    results: list[tuple[str, float, int | str]] = []

    def client() -> None:
        nonlocal next_index
        with httpx.Client(base_url=url, timeout=timeout) as c:
            while True:
                with lock:
                    if next_index >= len(plan):
                        return
                    name, path, body = plan[next_index]
                    next_index += 1
                start = time.perf_counter()
                try:
                    r = c.post(path, json=body) if body is not None else c.get(path)
                    r.read()
                    status: int | str = r.status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                elapsed = time.perf_counter() - start
                with lock:
                    results.append((name, elapsed, status))

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall

    by_status = Counter(status for _, _, status in results)
    errors = sum(n for status, n in by_status.items() if status != 200)
    endpoints = sorted({name for name, _, _ in results})
    return {
        "url": url,
        "requests": len(results),
        "concurrency": concurrency,
        "seconds": round(wall, 3),
        "throughput_rps": round(len(results) / wall, 1) if wall else float("nan"),
        "errors": errors,
        "by_status": dict(by_status),
        "latency": _summary([lat for _, lat, _ in results]),
        "by_endpoint": {e: _summary([lat for n, lat, _ in results if n == e]) for e in endpoints},
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(db: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    code = (
        f"from qa.api import serve; serve({str(db)!r}, '127.0.0.1', {port}, rate_limit='off', "
        f"access_log=False, workers={workers})"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("服务器启动失败：" + proc.stderr.read().decode(errors="replace")[-2000:])
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("服务器60秒内未能启动")


def _print_table(result: dict) -> None:
    lat = result["latency"]
    print(f"{result['requests']} requests, {result['concurrency']} concurrent clients, {result['url']}")
    print(f"  wall time   {result['seconds']:.2f} s")
    print(f"  throughput  {result['throughput_rps']:.1f} requests/s")
    print(
        f"  latency     p50 {lat['p50_ms']} ms, p90 {lat['p90_ms']} ms, p99 {lat['p99_ms']} ms, "
        f"max {lat['max_ms']} ms"
    )
    print(f"  errors      {result['errors']}  (statuses: {result['by_status']})")
    for name, s in result["by_endpoint"].items():
        print(f"  {name:<15} n={s['n']:<5} p50 {s['p50_ms']} ms  p99 {s['p99_ms']} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="an already running server (default: start one)")
    parser.add_argument("--db", type=Path, help="index to serve (default: the bundled sample, freshly built)")
    parser.add_argument("--requests", "-n", type=int, default=DEFAULT_REQUESTS)
    parser.add_argument("--concurrency", "-c", type=int, default=DEFAULT_CONCURRENCY)
    parser.add_argument("--workers", type=int, default=4, help="server thread-pool size (default 4)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    proc = None
    with tempfile.TemporaryDirectory(prefix="budgetqa-load-") as tmp:
        url = args.url
        if url is None:
            db = args.db
            if db is None:
                sys.path.insert(0, str(ROOT))
                import index

                db = Path(tmp) / "sample.db"
                report = index.build_index([index.sample_pdf_path()], db)
                if not report.ok:
                    raise SystemExit(report.summary())
            proc, url = _start_server(db, args.workers)
        try:
            with httpx.Client(base_url=url, timeout=30) as c:  # warm caches: the first answer loads the index
                c.post("/ask", json={"question": QUESTIONS[0]})
            result = run_load(url, requests=args.requests, concurrency=args.concurrency)
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(10)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        _print_table(result)
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
