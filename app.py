"""BudgetQA chat page: ask a budget disclosure a question, see the figure and check it on the page.

Run with ``streamlit run app.py``. The page only renders: questions go to ``qa.ask``, the
one-screen summary comes from ``qa.overview``, pages are drawn by ``index.render.page_png`` and
documents are ingested by ``index.build_index`` — the same library the CLI uses (issue #4).
URL parameters: ``?q=`` asks a question, ``?doc=`` chooses a document, ``?ctx=`` carries a
follow-up's context, ``?embed=true`` hides the chrome for an iframe.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

import index
import qa
from index.render import page_png
from qa import present
from qa.model import Answer, Citation

DB_PATH = os.environ.get("BUDGETQA_DB") or "budget.db"
ALL_DOCS = "__all__"
VIEWS = ("问答", "概览", "表格")
PAGE_SCALE = 2.0  # sharp enough to zoom into the cited spot
FRIENDLY_ERROR = "抱歉，出了点问题，没能完成这一步。请稍后再试；如果一直这样，请联系管理员。"

log = logging.getLogger("budgetqa.app")

# ---------------------------------------------------------------- library access (cached)


@st.cache_resource(show_spinner="正在打开资料库…")
def get_store(db_path: str) -> Any:
    """Open the database once per server; on first start with an empty one, ingest the bundled sample."""
    store = index.open_store(db_path)
    if not store.documents():
        index.build_index([index.sample_pdf_path()], db_path)
        store = index.open_store(db_path)
    return store


@st.cache_data(max_entries=8, show_spinner=False)
def pdf_bytes(db_path: str, doc_id: str) -> bytes | None:
    return get_store(db_path).pdf_bytes(doc_id)


@st.cache_data(max_entries=128, show_spinner=False)
def page_image(db_path: str, doc_id: str, page: int, bbox: tuple[float, ...] | None) -> bytes | None:
    data = pdf_bytes(db_path, doc_id)
    if not data:
        return None
    return page_png(data, page, [bbox] if bbox else [], scale=PAGE_SCALE)


@st.cache_data(max_entries=64, show_spinner=False)
def table_grid(db_path: str, table_id: str) -> dict[str, Any] | None:
    return get_store(db_path).table_grid(table_id)


def table_kind(table_id: str | None) -> str | None:
    """The table's canonical kind (``“三公”经费支出表``), shorter than its printed title, for chips."""
    if not table_id:
        return None
    grid = table_grid(DB_PATH, table_id)
    return grid.get("kind") if grid else None


@st.cache_data(max_entries=16, show_spinner="正在整理概览…")
def overview(db_path: str, doc_id: str, version: str) -> list[Answer]:
    # ``version`` (the document's hash) keeps a re-ingested document from showing a stale summary.
    return qa.overview(get_store(db_path), doc_id)


# ---------------------------------------------------------------- session state


def init_session() -> None:
    """Read the URL once per session: ?embed, ?doc, ?q (asked at once) and ?ctx."""
    ss = st.session_state
    if "history" in ss:
        return
    qp = st.query_params
    ss.history = []
    ss.context = None
    # Streamlit keeps ?embed=true to itself (not in st.query_params); st.context reports it.
    ss.embed = bool(st.context.is_embedded)
    ss.url_doc = qp.get("doc") or None
    ss.uploader_gen = 0
    ss.ingest_log = []
    if qp.get("q"):
        ss.pending = (qp["q"], present.parse_context(qp.get("ctx")))


def ask_later(question: str, context: dict[str, Any] | None = None) -> None:
    """Button callback: queue a question (example, suggestion or option) for this run."""
    st.session_state.pending = (question, context if context is not None else st.session_state.get("context"))


def remove_document(doc_id: str) -> None:
    try:
        get_store(DB_PATH).remove(doc_id)
    except Exception:
        log.exception("remove %s failed", doc_id)
        st.session_state.flash = ("error", "删除失败，请稍后再试。")
        return
    if st.session_state.get("scope") == doc_id:
        st.session_state.scope = ALL_DOCS
    st.session_state.flash = ("success", "已从资料库删除该文件。")


def forget_context() -> None:
    """A new scope starts a new conversation: "那招待费呢" must not refer to another document."""
    st.session_state.context = None


def current_scope() -> str | None:
    scope = st.session_state.get("scope", ALL_DOCS)
    return None if scope in (None, ALL_DOCS) else scope


def ask_and_record(store: Any, question: str, context: dict[str, Any] | None) -> dict[str, Any]:
    doc_id = current_scope()
    turn: dict[str, Any] = {"id": len(st.session_state.history), "q": question, "doc": doc_id, "ctx": context}
    try:
        turn["answer"] = qa.ask(question, store, doc_id=doc_id, context=context)
    except Exception:
        log.exception("ask failed: %r", question)
        turn["error"] = FRIENDLY_ERROR
    st.session_state.history.append(turn)
    answer: Answer | None = turn.get("answer")
    if answer is not None and answer.context:
        st.session_state.context = dict(answer.context)
    if answer is not None:
        st.query_params.from_dict(present.share_params(question, doc_id, context))
    return turn


# ---------------------------------------------------------------- rendering an answer


def render_figure(answer: Answer) -> None:
    if answer.value is None:
        return
    number = present.format_number(answer.value, answer.unit)
    st.markdown(
        f'<div class="bqa-figure">{number}<span class="bqa-unit">{answer.unit or ""}</span></div>',
        unsafe_allow_html=True,
    )


def render_items(answer: Answer, key: str, compact: bool) -> None:
    if not answer.items:
        return
    if present.is_comparison(answer):
        cols = st.columns(len(answer.items))
        for col, item in zip(cols, answer.items, strict=True):
            col.metric(item.label, present.format_value(item.value, item.unit), border=True)
        return
    st.dataframe(present.items_frame(answer), hide_index=True, width="stretch", key=f"{key}-items")
    chart = None if compact else present.items_chart(answer)
    if chart is not None:
        st.altair_chart(chart, width="stretch")


def render_answer(
    answer: Answer, key: str, *, compact: bool = False, turn: dict[str, Any] | None = None
) -> None:
    if answer.status == "answered":
        render_figure(answer)
        st.markdown(present.escape_markdown(answer.answer))
        render_items(answer, key, compact)
        if answer.formula:
            st.caption(f"计算：{answer.formula}")
        sources(answer, key, limit=2 if compact else None)
        if turn is not None:
            share_tools(answer, key, turn)
        return
    if answer.status == "ambiguous":
        st.warning(answer.answer or "这个问题有几种理解，请选一个：")
        options = present.suggestion_list(answer.options)
        question_buttons(options, f"{key}-opt", answer.context, primary=True)
        others = [s for s in present.suggestion_list(answer.suggestions) if s not in options]
        if others:
            st.caption("也可以问：")
            question_buttons(others, f"{key}-sug", None)
        return
    st.info(answer.answer or "抱歉，没有在文件中找到答案。")
    suggestions = present.suggestion_list(answer.suggestions)
    if suggestions:
        st.caption("您可以这样问：")
        question_buttons(suggestions, f"{key}-sug", None)


def question_buttons(
    questions: list[str], key: str, context: dict[str, Any] | None, *, primary: bool = False
) -> None:
    with st.container(horizontal=True, gap="small"):
        for i, text in enumerate(questions):
            st.button(
                text,
                key=f"{key}-{i}",
                on_click=ask_later,
                args=(text, context),
                type="primary" if primary else "secondary",
            )


@st.fragment
def sources(answer: Answer, key: str, limit: int | None = None) -> None:
    """Citation chips; choosing one shows the page, the table and the quote (reruns only this part).

    ``limit`` keeps overview cards short: the headline's own sources come first in ``all_citations``,
    and the items table still names each item's page.
    """
    citations = present.all_citations(answer)[:limit]
    if not citations:
        return
    choice = st.pills(
        "出处（点一下核对原文）",
        options=list(range(len(citations))),
        format_func=lambda i: present.chip(citations[i], table_kind(citations[i].table_id)),
        key=f"{key}-src",
        label_visibility="collapsed" if limit else "visible",
    )
    if choice is not None:
        # A fragment rerun does not pass through main()'s guard: keep tracebacks off the page here too.
        try:
            render_source(citations[choice], f"{key}-src{choice}")
        except Exception:
            log.exception("cannot show source %r", citations[choice])
            st.error("抱歉，这处原文暂时无法显示。可以下载原始 PDF 自行核对。")


def render_source(citation: Citation, key: str) -> None:
    with st.container(border=True):
        st.markdown(f"**{present.escape_markdown(citation.doc_title or citation.file)}**")
        st.caption(present.escape_markdown(citation.chip()))
        if citation.quote:
            st.markdown(
                f'<div class="bqa-quote">原文：{present.escape_markdown(citation.quote)}</div>',
                unsafe_allow_html=True,
            )
        bbox = tuple(float(v) for v in citation.bbox) if citation.bbox else None
        image = page_image(DB_PATH, citation.doc_id, citation.page, bbox)
        if image:
            st.image(
                present.crop_png(image, bbox, PAGE_SCALE),
                width="stretch",
                caption=f"第{citation.page}页局部（黄底红框处是引用的位置）",
            )
            with st.expander(f"查看第{citation.page}页整页"):
                st.image(image, width="stretch")
        if citation.table_id:
            grid = table_grid(DB_PATH, citation.table_id)
            if grid:
                st.markdown(
                    f"**{present.escape_markdown(grid.get('title') or '')}**（单位：{grid.get('unit') or ''}）"
                )
                show_grid(grid, f"{key}-grid", citation)
        data = pdf_bytes(DB_PATH, citation.doc_id)
        if data:
            st.download_button(
                "下载原始 PDF",
                data=data,
                file_name=citation.file or present.safe_filename(citation.doc_title, ".pdf"),
                mime="application/pdf",
                key=f"{key}-pdf",
                on_click="ignore",
                icon=":material/download:",
            )


def show_grid(grid: dict[str, Any], key: str, citation: Citation | None = None) -> None:
    mark = present.marked_cell(grid, citation) if citation else None
    st.dataframe(present.grid_frame(grid, mark), hide_index=True, width="stretch", key=f"{key}-df")
    name = present.safe_filename(grid.get("title") or "表格")
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            "下载 CSV",
            present.grid_to_csv(grid),
            f"{name}.csv",
            "text/csv",
            key=f"{key}-csv",
            on_click="ignore",
        )
        st.download_button(
            "下载 Excel",
            present.grid_to_xlsx(grid, (citation.row_index, citation.col_index) if mark else None),
            f"{name}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}-xlsx",
            on_click="ignore",
        )


def share_tools(answer: Answer, key: str, turn: dict[str, Any]) -> None:
    """Copy the answer with its sources, or a link (?q=…&doc=…) that reproduces it."""
    with st.popover("复制 / 分享", icon=":material/share:", key=f"{key}-share"):
        st.caption("答案和出处（点右上角图标复制）")
        st.code(present.answer_to_text(answer), language=None, wrap_lines=True)
        params = present.share_params(turn["q"], turn["doc"], turn["ctx"])
        st.caption("打开这个链接可以看到同样的答案")
        st.code(present.share_url(st.context.url, params), language=None, wrap_lines=True)


# ---------------------------------------------------------------- views


def chat_view(store: Any, docs: list[dict[str, Any]]) -> None:
    question = st.chat_input("输入问题，例如：三公经费多少")
    if question and question.strip():
        ask_later(question.strip())
    pending = st.session_state.pop("pending", None)
    history = st.session_state.history
    if not history and not pending:
        welcome(docs)
    for turn in history:
        render_turn(turn)
    if pending:
        # The new turn is drawn below the earlier ones while it is computed: nothing above it moves.
        with st.chat_message("user"):
            st.markdown(present.escape_markdown(pending[0]))
        with st.chat_message("assistant"):
            with st.spinner("正在查找…"):
                turn = ask_and_record(store, pending[0], pending[1])
            render_turn_body(turn)


def render_turn(turn: dict[str, Any]) -> None:
    with st.chat_message("user"):
        st.markdown(present.escape_markdown(turn["q"]))
    with st.chat_message("assistant"):
        render_turn_body(turn)


def render_turn_body(turn: dict[str, Any]) -> None:
    if "error" in turn:
        st.error(turn["error"])
    else:
        render_answer(turn["answer"], f"t{turn['id']}", turn=turn)


def welcome(docs: list[dict[str, Any]]) -> None:
    with st.chat_message("assistant"):
        scope = current_scope()
        names = [present.document_label(d) for d in docs if scope in (None, d["doc_id"])]
        st.markdown(
            "您好！我能回答关于**部门预算、决算公开文件**的问题，"
            "每个数字都注明来自哪一页、哪张表、哪一行，点一下出处就能看到原文。"
        )
        if names:
            st.caption(
                "正在查阅：" + "；".join(names[:3]) + (f" 等{len(names)}份文件" if len(names) > 3 else "")
            )
        st.caption("试试这些问题：")
        question_buttons(list(present.EXAMPLE_QUESTIONS), "ex", None)


def pick_document(docs: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    scope = current_scope()
    if scope:
        return next((d for d in docs if d["doc_id"] == scope), None)
    if len(docs) == 1:
        return docs[0]
    if not docs:
        return None
    by_id = {d["doc_id"]: d for d in docs}
    chosen = st.selectbox(
        "选择文件", list(by_id), format_func=lambda i: present.document_label(by_id[i]), key=key
    )
    return by_id.get(chosen)


def overview_view(docs: list[dict[str, Any]]) -> None:
    doc = pick_document(docs, "ov-doc")
    if doc is None:
        st.info("资料库里还没有文件。请在左侧上传预算或决算公开 PDF。")
        return
    st.subheader(f"{present.document_label(doc)} · 一分钟看懂")
    answers = overview(DB_PATH, doc["doc_id"], doc.get("sha256") or doc.get("ingested_at") or "")
    shown = [a for a in answers if a.status == "answered"]
    if not shown:
        st.info("这份文件里没有找到可以汇总的数字。可以切换到“问答”直接提问。")
        return
    cols = st.columns(2)
    for i, answer in enumerate(shown):
        with cols[i % 2].container(border=True):
            title = present.escape_markdown(present.topic_of(answer.question))
            st.markdown(f'<div class="bqa-card-title">{title}</div>', unsafe_allow_html=True)
            render_answer(answer, f"ov-{doc['doc_id'][:12]}-{i}", compact=True)


def tables_view(store: Any, docs: list[dict[str, Any]]) -> None:
    doc = pick_document(docs, "tb-doc")
    if doc is None:
        st.info("资料库里还没有文件。请在左侧上传预算或决算公开 PDF。")
        return
    tables = store.tables(doc["doc_id"])
    if not tables:
        st.info("这份文件里没有识别出表格。")
        return
    by_id = {t["table_id"]: t for t in tables}

    def _label(table_id: str) -> str:
        t = by_id[table_id]
        pages = "、".join(str(p) for p in t.get("pages") or [])
        return f"{t.get('title') or t.get('kind') or '表格'}（第{pages}页）"

    table_id = st.selectbox("选择表格", list(by_id), format_func=_label, key=f"tb-{doc['doc_id']}")
    grid = table_grid(DB_PATH, table_id)
    if not grid:
        st.info("这张表暂时无法显示。")
        return
    st.caption(f"单位：{grid.get('unit') or by_id[table_id].get('unit') or ''}")
    show_grid(grid, f"tbv-{table_id}")


# ---------------------------------------------------------------- sidebar: the library


def sidebar(store: Any, docs: list[dict[str, Any]]) -> None:
    with st.sidebar:
        st.header("资料库")
        options = [ALL_DOCS] + [d["doc_id"] for d in docs]
        labels = {d["doc_id"]: present.document_label(d) for d in docs}
        if st.session_state.get("scope") not in options:
            st.session_state.scope = ALL_DOCS
        st.selectbox(
            "查找范围",
            options,
            format_func=lambda i: f"全部文件（{len(docs)}份）" if i == ALL_DOCS else labels.get(i, i),
            key="scope",
            on_change=forget_context,
        )
        for doc in docs:
            with st.container(border=True):
                st.markdown(f"**{present.escape_markdown(present.document_label(doc))}**")
                st.caption(
                    f"{present.escape_markdown(doc.get('title') or '')}  \n{present.document_stats(doc)}"
                )
                with st.popover("删除", icon=":material/delete:", key=f"rm-{doc['doc_id']}"):
                    st.write("从资料库删除这份文件？原文件不受影响。")
                    st.button(
                        "确认删除",
                        key=f"rm-ok-{doc['doc_id']}",
                        type="primary",
                        on_click=remove_document,
                        args=(doc["doc_id"],),
                    )
        uploads = st.file_uploader(
            "上传 PDF（可多选）",
            type=["pdf"],
            accept_multiple_files=True,
            key=f"uploader-{st.session_state.uploader_gen}",
            help="部门预算或决算公开的 PDF 文件。同一文件重复上传不会重复导入。",
        )
        if uploads:
            ingest_uploads(uploads)
        for level, message in st.session_state.ingest_log:
            getattr(st, level)(message)


def ingest_uploads(uploads: list[Any]) -> None:
    """Write the uploaded files to a temp dir and ingest them one by one, reporting each plainly."""
    results: list[tuple[str, str]] = []
    bar = st.progress(0.0, text="正在导入…")
    new_docs: list[str] = []
    with tempfile.TemporaryDirectory(prefix="budgetqa-upload-") as tmp:
        for n, upload in enumerate(uploads):
            name = Path(upload.name).name or f"upload-{n}.pdf"
            bar.progress(n / len(uploads), text=f"正在导入 {name}（{n + 1}/{len(uploads)}）")
            path = Path(tmp) / str(n) / name  # one folder per file: two uploads may share a name
            path.parent.mkdir()
            path.write_bytes(upload.getvalue())
            try:
                report = index.build_index([path], DB_PATH)
            except Exception:
                log.exception("ingest failed: %s", name)
                results.append(("error", f"{name}：导入失败，文件可能已损坏或不是预算公开 PDF。"))
                continue
            results.extend(present.ingest_messages(report.documents, name))
            new_docs.extend(
                i.doc_id for i in report.documents if i.status in ("ingested", "replaced") and i.doc_id
            )
    bar.progress(1.0, text="导入完成")
    st.session_state.ingest_log = results
    st.session_state.uploader_gen += 1  # a fresh uploader, so the same files are not ingested twice
    if len(new_docs) == 1:
        st.session_state.next_scope = new_docs[0]
    st.rerun()


# ---------------------------------------------------------------- page


def main() -> None:
    st.set_page_config(page_title="预算问答 BudgetQA", page_icon="📊", layout="centered")
    for option, value in (("client.showErrorDetails", "none"), ("client.toolbarMode", "minimal")):
        try:
            st.set_option(option, value)
        except Exception:  # older Streamlit: the option is simply not settable at run time
            pass
    init_session()
    ss = st.session_state
    st.markdown(present.BASE_CSS + (present.EMBED_CSS if ss.embed else ""), unsafe_allow_html=True)
    try:
        store = get_store(DB_PATH)
        docs = store.documents()
    except Exception:
        log.exception("cannot open %s", DB_PATH)
        st.error(f"资料库打不开（{DB_PATH}）。请检查文件是否存在、是否有读写权限。")
        st.stop()

    ids = {d["doc_id"] for d in docs}
    if "next_scope" in ss:  # a freshly uploaded document becomes the scope: ask about it at once
        ss.scope = ss.pop("next_scope")
        ss.context = None
    if ss.url_doc:
        if ss.url_doc in ids:
            ss.scope = ss.url_doc
        else:
            ss.flash = ("warning", "链接里指定的文件不在资料库中，已改为在全部文件中查找。")
        ss.url_doc = None
    if not ss.embed:
        sidebar(store, docs)
    if "flash" in ss:
        level, message = ss.pop("flash")
        getattr(st, level)(message)

    if not ss.embed:
        st.title("预算问答")
        st.caption("问部门预算、决算公开里的数字，每个答案都标出原文出处。")
    view = st.segmented_control(
        "视图", VIEWS, default=VIEWS[0], required=True, key="view", label_visibility="collapsed"
    )
    if view == "概览":
        overview_view(docs)
    elif view == "表格":
        tables_view(store, docs)
    else:
        chat_view(store, docs)


try:
    main()
except Exception:  # never show a traceback to a citizen; the server log keeps it
    log.exception("page failed")
    st.error(FRIENDLY_ERROR)
