"""The ``budgetqa`` command line (DESIGN.md's contract): ingest, ask, eval, serve.

A thin face: it parses arguments, calls the library and prints. Library errors
become one-line messages on stderr and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from pathlib import Path

DEFAULT_DB = "budget.db"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A user-facing problem: the message is printed as one line."""


def _db_path(arg: str | None) -> str:
    return arg or os.environ.get("BUDGETQA_DB") or DEFAULT_DB


def _existing_store(db: str):
    from index import open_store

    if not Path(db).exists():
        raise CliError(f"数据库 {db} 不存在：请先运行 budgetqa ingest PDF文件 --db {db}")
    try:
        return open_store(db)
    except sqlite3.DatabaseError as exc:
        raise CliError(str(exc).splitlines()[0]) from exc


def _subcommand(sub, name: str, help_text: str, epilog: str) -> argparse.ArgumentParser:
    """A subcommand with what all of them share: -h/--help and --db."""
    p = sub.add_parser(
        name,
        add_help=False,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        help=help_text,
        epilog=epilog,
    )
    p.add_argument("-h", "--help", action="help", help="显示帮助")
    p.add_argument("--db", help="数据库文件（默认 $BUDGETQA_DB 或 budget.db）")
    return p


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="budgetqa",
        description="回答部门预算/决算公开文件的问题，每个数字都注明出处。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="显示帮助")
    sub = parser.add_subparsers(dest="command", required=True)

    p = _subcommand(
        sub,
        "ingest",
        "导入PDF文件或文件夹",
        "Example:\n  budgetqa ingest 2025部门预算.pdf --db budget.db\n  budgetqa ingest pdfs/ --db budget.db\n  budgetqa ingest --sample",
    )
    p.add_argument("paths", nargs="*", help="PDF文件或文件夹（递归查找*.pdf）")
    p.add_argument(
        "--sample", action="store_true", help="导入自带的示例文件（长沙市企业服务中心2025年部门预算）"
    )
    p.add_argument("--workers", type=int, default=None, help="并行进程数（默认：CPU核数）")
    p.add_argument("-q", "--quiet", action="store_true", help="不显示进度条")

    p = _subcommand(
        sub,
        "ask",
        "提问",
        (
            'Example:\n  budgetqa ask "三公经费多少" --db budget.db\n  budgetqa ask "三公经费多少" --json\n'
            "  budgetqa ask --db budget.db --json --batch questions.txt"
        ),
    )
    p.add_argument("question", nargs="?", help="问题，例如“三公经费多少”")
    p.add_argument("--doc", help="只在这个文档中查找（文档编号，见 budgetqa ask --list）")
    p.add_argument("--json", action="store_true", help="输出答案JSON")
    p.add_argument(
        "--batch", metavar="FILE", help="每行一个问题的文件（- 表示标准输入），每行输出一个JSON答案"
    )
    p.add_argument("--context", help="上一个答案的 context（JSON），用于追问，例如“那招待费呢”")
    p.add_argument("--list", action="store_true", help="列出已导入的文档")

    p = _subcommand(
        sub,
        "eval",
        "用答案表评测准确率",
        "Example:\n  budgetqa eval seed.qa.jsonl --db budget.db",
    )
    p.add_argument("key", help="答案表（JSON lines：q, expect, page）")
    p.add_argument("--doc", help="只在这个文档中查找")
    p.add_argument("--json", action="store_true", help="输出每题结果JSON")

    p = _subcommand(
        sub,
        "serve",
        "启动HTTP接口和嵌入式问答组件",
        'Example:\n  budgetqa serve --db budget.db --port 8000\n  然后在网页中加入：<script src="http://127.0.0.1:8000/widget.js"></script>',
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--admin-token", default=None, help="允许通过HTTP上传PDF的管理口令（也可用 $BUDGETQA_ADMIN_TOKEN）"
    )
    p.add_argument("--cors-origin", action="append", default=[], help="允许跨域访问的来源，可重复")
    return parser.parse_args(argv)


def _cmd_ingest(args: argparse.Namespace) -> int:
    from index import build_index, sample_pdf_path

    paths = list(args.paths)
    if args.sample:
        paths.append(str(sample_pdf_path()))
    if not paths:
        raise CliError("请给出要导入的PDF文件或文件夹，或使用 --sample 导入示例文件")
    db = _db_path(args.db)
    try:
        report = build_index(paths, db, progress=not args.quiet, workers=args.workers)
    except sqlite3.DatabaseError as exc:
        raise CliError(str(exc).splitlines()[0]) from exc
    for r in report.failed:
        print(f"失败：{r.error}", file=sys.stderr)
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_FAILED


def _print_answer(a, as_json: bool) -> None:
    if as_json:
        print(json.dumps(a.to_dict(), ensure_ascii=False))
        return
    print(a.answer)
    for it in a.items:
        if it.value is not None:
            print(f"  - {it.label}: {it.value:g} {it.unit or ''}")
    if a.formula:
        print(f"  计算：{a.formula}")
    for c in a.citations:
        print(f"  来源：{c.file} {c.chip()}  “{c.quote[:60]}”")


def _cmd_ask(args: argparse.Namespace) -> int:
    from qa import ask

    store = _existing_store(_db_path(args.db))
    if args.list:
        for d in store.documents():
            print(
                f"{d['doc_id']}  {d['unit_name']}  {d['year'] or ''} {d['doc_type']}  {d['page_count']}页  {d['file_name']}"
            )
        return EXIT_OK
    context = None
    if args.context:
        try:
            context = json.loads(args.context)
        except json.JSONDecodeError as exc:
            raise CliError(f"--context 不是有效的JSON：{exc.msg}") from exc
    if args.batch:
        if args.batch == "-":
            lines = sys.stdin.read().splitlines()
        else:
            try:
                lines = Path(args.batch).read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise CliError(f"无法读取问题文件 {args.batch}：{exc.strerror}") from exc
        for line in lines:
            a = ask(line.strip(), store, doc_id=args.doc)
            print(json.dumps(a.to_dict(), ensure_ascii=False), flush=True)
        return EXIT_OK
    if not args.question:
        raise CliError('请给出问题，例如：budgetqa ask "三公经费多少"')
    _print_answer(ask(args.question, store, doc_id=args.doc, context=context), args.json)
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, load_key

    store = _existing_store(_db_path(args.db))
    try:
        cases = load_key(args.key)
    except OSError as exc:
        raise CliError(f"无法读取答案表 {args.key}：{exc.strerror}") from exc
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    report = evaluate(cases, store, doc_id=args.doc)
    if args.json:
        for r in report.results:
            print(
                json.dumps(
                    {
                        "id": r.case.get("id"),
                        "correct": r.correct,
                        "page_ok": r.page_ok,
                        "answer": r.answer.to_dict(),
                    },
                    ensure_ascii=False,
                )
            )
    for line in report.lines():
        print(line)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from .api import serve

    db = _db_path(args.db)
    token = args.admin_token or os.environ.get("BUDGETQA_ADMIN_TOKEN")
    origins = args.cors_origin or [o for o in os.environ.get("BUDGETQA_CORS_ORIGINS", "").split(",") if o]
    try:
        serve(db, host=args.host, port=args.port, admin_token=token, cors_origins=origins)
    except (FileNotFoundError, ValueError) as exc:
        raise CliError(
            str(exc).splitlines()[0] if str(exc) else f"无法启动服务：{type(exc).__name__}"
        ) from exc
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    handlers = {"ingest": _cmd_ingest, "ask": _cmd_ask, "eval": _cmd_eval, "serve": _cmd_serve}
    try:
        return handlers[args.command](args)
    except CliError as exc:
        print(f"budgetqa: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("budgetqa: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `budgetqa ask … | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
