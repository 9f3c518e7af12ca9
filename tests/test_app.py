"""The chat page (app.py) driven with Streamlit's AppTest, and its pure helpers (qa/present.py). Issue #4.

The app runs against a real database built from the bundled sample PDF; nothing is faked.
"""

from __future__ import annotations

import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from qa import present
from qa.model import Answer, Citation, Item

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TIMEOUT = 60

AppTest = pytest.importorskip("streamlit.testing.v1", reason="streamlit is not installed").AppTest


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import index

    db = tmp_path_factory.mktemp("appdb") / "budget.db"
    report = index.build_index([index.sample_pdf_path()], db)
    assert report.ok, report.summary()
    return db


@pytest.fixture
def db(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the sample database, so tests that upload or remove stay independent."""
    copy = tmp_path / "budget.db"
    # The database is in WAL mode: copy through SQLite's backup API, not the main file alone.
    with closing(sqlite3.connect(sample_db)) as src, closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
    monkeypatch.setenv("BUDGETQA_DB", str(copy))
    return copy


def _app(*, run: bool = True, **query: str):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    return at.run() if run else at


def _ask(at, question: str):
    at.chat_input[0].set_value(question).run()
    _assert_clean(at)
    return at


def _assert_clean(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _figures(at) -> list[str]:
    return [m.value for m in at.markdown if 'class="bqa-figure"' in m.value]


def _documents(db: Path) -> list[dict]:
    import index

    store = index.open_store(db)
    try:
        return store.documents()
    finally:
        store.close()


# ---------------------------------------------------------------- the page


def test_empty_chat_offers_example_questions(db):
    assert len(_documents(db)) == 1
    at = _app()
    _assert_clean(at)
    labels = [b.label for b in at.button]
    assert "三公经费多少" in labels
    assert at.chat_input, "the question box is always there"
    assert "长沙市企业服务中心" in "\n".join(m.value for m in at.sidebar.markdown)


def test_first_start_with_empty_database_ingests_the_sample(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGETQA_DB", str(tmp_path / "fresh.db"))
    at = _app()
    _assert_clean(at)
    assert "长沙市企业服务中心" in "\n".join(m.value for m in at.sidebar.markdown)


def test_answer_shows_figure_sentence_and_chips(db):
    at = _ask(_app(), "三公经费多少")
    figures = _figures(at)
    assert figures and ">1.90<" in figures[-1] and "万元" in figures[-1]
    assert any("1.90万元" in m.value for m in at.markdown), "the answer sentence"
    chips = at.pills[0].options
    assert chips and all(c.startswith("第") and "页" in c for c in chips), chips
    assert at.query_params["q"] in ("三公经费多少", ["三公经费多少"])


def test_breakdown_shows_items_table_and_bar_chart(db):
    at = _ask(_app(), "三公经费包括哪些")
    assert _figures(at) and ">1.90<" in _figures(at)[-1]
    items = at.dataframe[0].value
    assert "公务接待费" in items.to_string() and "0.40万元" in items.to_string()
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart"), "a small bar chart"


def test_citation_opens_page_quote_and_pdf(db):
    at = _ask(_app(), "三公经费多少")
    at.pills[0].set_value(0).run()
    _assert_clean(at)
    assert at.get("image"), "the PDF page with the cited cell or sentence highlighted"
    assert any("原文" in m.value and "1.90" in m.value for m in at.markdown), "the exact quote"
    assert "下载原始 PDF" in [d.label for d in at.get("download_button")]


def test_table_citation_shows_the_table_with_the_cell_marked(db):
    at = _ask(_app(), "支出多少")
    options = at.pills[0].options
    table_chip = next(i for i, c in enumerate(options) if not c.endswith("正文"))
    at.pills[0].set_value(table_chip).run()
    _assert_clean(at)
    assert at.get("image")
    grids = [d.value.to_string() for d in at.dataframe]
    assert any("2,313.71" in g for g in grids), "the logical table the figure comes from"
    labels = [d.label for d in at.get("download_button")]
    assert {"下载原始 PDF", "下载 CSV", "下载 Excel"} <= set(labels), labels


def test_follow_up_uses_the_previous_answer(db):
    at = _ask(_app(), "三公经费多少")
    _ask(at, "那招待费呢")
    figures = _figures(at)
    assert len(figures) == 2 and ">0.40<" in figures[-1], figures


def test_not_found_is_polite_and_suggestions_are_buttons(db):
    at = _ask(_app(), "明天会下雨吗")
    assert at.info, "a polite message, not an error"
    suggestion_buttons = [b for b in at.main.button if b.key and "-sug-" in b.key]
    assert suggestion_buttons
    suggestion_buttons[0].click().run()
    _assert_clean(at)
    assert len([m for m in at.chat_message if m.name == "user"]) == 2


def test_example_button_asks_the_question(db):
    at = _app()
    next(b for b in at.button if b.label == "三公经费多少").click().run()
    _assert_clean(at)
    assert _figures(at) and ">1.90<" in _figures(at)[-1]


def test_url_question_and_document_reproduce_the_answer(db):
    doc_id = _documents(db)[0]["doc_id"]
    at = _app(q="三公经费多少", doc=doc_id)
    _assert_clean(at)
    assert _figures(at) and ">1.90<" in _figures(at)[-1]
    assert at.sidebar.selectbox[0].value == doc_id


def test_unknown_document_in_url_is_explained(db):
    at = _app(doc="no-such-document")
    assert not at.exception
    assert any("不在资料库" in w.value for w in at.warning)


def test_embed_hides_the_library(db):
    at = _app(run=False, q="三公经费多少")
    at.context = {"is_embedded": True}
    at.run()
    _assert_clean(at)
    assert not at.sidebar.children or not list(at.sidebar.selectbox)
    assert any("stSidebar" in m.value and "display: none" in m.value for m in at.markdown)
    assert _figures(at)


def test_upload_of_a_bad_file_is_reported_plainly(db):
    at = _app()
    at.sidebar.file_uploader[0].set_value(("坏文件.pdf", b"this is not a pdf", "application/pdf")).run()
    assert not at.exception
    errors = [e.value for e in at.sidebar.error]
    assert errors and "坏文件.pdf" in errors[0], errors
    assert "Traceback" not in errors[0]


def test_upload_of_a_good_file_reports_it_as_known(db):
    import index

    at = _app()
    data = Path(index.sample_pdf_path()).read_bytes()
    at.sidebar.file_uploader[0].set_value(("sample.pdf", data, "application/pdf")).run()
    _assert_clean(at)
    assert any("已有" in i.value for i in at.sidebar.info), [i.value for i in at.sidebar.info]


def test_remove_document(db):
    at = _app()
    next(b for b in at.sidebar.button if b.label == "确认删除").click().run()
    assert not at.exception
    assert any("已从资料库删除" in s.value for s in at.success)
    assert _documents(db) == []


def test_overview_is_cited_and_clickable(db):
    at = _app()
    at.segmented_control[0].set_value("概览").run()
    _assert_clean(at)
    assert at.subheader and "一分钟看懂" in at.subheader[0].value
    assert len(_figures(at)) >= 3, "totals, 基本/项目, 三公 …"
    assert at.pills, "every figure has its citation chips"
    at.pills[0].set_value(0).run()
    _assert_clean(at)
    assert at.get("image")


def test_tables_view_shows_and_exports_a_table(db):
    at = _app()
    at.segmented_control[0].set_value("表格").run()
    _assert_clean(at)
    assert at.dataframe
    labels = [d.label for d in at.get("download_button")]
    assert "下载 CSV" in labels and "下载 Excel" in labels


def test_share_popover_has_text_with_source_and_link(db):
    at = _ask(_app(), "三公经费多少")
    codes = [c.value for c in at.code]
    assert any("1.90万元" in c and "来源：长沙市企业服务中心" in c and "第15页" in c for c in codes), codes
    assert any("q=" in c for c in codes), codes


# ---------------------------------------------------------------- qa/present.py


def _citation(**kw) -> Citation:
    base = dict(
        doc_id="d1",
        doc_title="长沙市企业服务中心2025年部门预算公开",
        file="x.pdf",
        page=15,
        kind="table",
        quote="1.90",
        bbox=(170.0, 167.1, 190.0, 177.1),
        table="2025年一般公共预算“三公”经费支出情况表",
        row="合计",
        column="三公经费预（决）算数（财政拨款）/小计",
        table_id="d1:t7",
        row_index=2,
        col_index=1,
    )
    base.update(kw)
    return Citation(**base)


GRID = {
    "title": "2025年一般公共预算“三公”经费支出情况表",
    "unit": "万元",
    "pages": [15],
    "header_rows": 2,
    "columns": ["部门名称", "三公/小计", "三公/公务接待费"],
    "rows": [
        ["部门名称", "三公", ""],
        ["", "小计", "公务接待费"],
        ["合计", "1,001.90", "0.40"],
        ["2010301", "", "0.40"],
    ],
}


def test_format_value():
    assert present.format_value(1.9, "万元") == "1.90万元"
    assert present.format_value(2313.71, "万元") == "2,313.71万元"
    assert present.format_value(43.31, "%") == "43.31%"
    assert present.format_value(3, "辆") == "3辆"
    assert present.format_value(None, "万元") == "—"


def test_chip_is_short_and_names_the_cell():
    c = _citation()
    assert present.chip(c) == "第15页 · 一般公共预算“三公”经费支出表 · 合计/小计"
    assert present.chip(c, "“三公”经费支出表") == "第15页 · “三公”经费支出表 · 合计/小计"
    assert present.chip(_citation(kind="sentence", table=None)) == "第15页 · 正文"


def test_answer_to_text_carries_its_sources():
    answer = Answer(
        "三公经费多少",
        "answered",
        "2025年“三公”经费预算1.90万元。",
        1.9,
        "万元",
        items=(
            Item("合计", 1.9, "万元", _citation()),
            Item(
                "公务接待费",
                0.4,
                "万元",
                _citation(column="三公/公务接待费", bbox=(214.0, 167.1, 234.0, 177.1)),
            ),
        ),
        citations=(_citation(), _citation(kind="sentence", page=4, table=None, row=None, column=None)),
    )
    assert present.answer_to_text(answer) == (
        "2025年“三公”经费预算1.90万元。\n"
        "来源：长沙市企业服务中心2025年部门预算公开，"
        "第15页 2025年一般公共预算“三公”经费支出情况表（合计/小计、合计/公务接待费）；第4页 正文"
    )


def test_share_link_round_trips_the_context():
    params = present.share_params("那招待费呢", "d1", {"doc_id": "d1", "subject": "三公经费", "year": 2025})
    url = present.share_url("http://host:8501/?old=1", params)
    assert url.startswith("http://host:8501/?q=")
    from urllib.parse import parse_qs, urlsplit

    q = parse_qs(urlsplit(url).query)
    assert q["q"] == ["那招待费呢"] and q["doc"] == ["d1"]
    assert present.parse_context(q["ctx"][0]) == {"doc_id": "d1", "subject": "三公经费", "year": 2025}
    assert present.parse_context("{broken") is None
    assert present.share_url(None, {"q": "x"}) == "?q=x"


def test_grid_exports():
    csv_bytes = present.grid_to_csv(GRID)
    assert csv_bytes.startswith("\ufeff".encode())
    lines = csv_bytes.decode("utf-8-sig").splitlines()
    assert lines[0] == "部门名称,小计,公务接待费"
    assert lines[1] == '合计,"1,001.90",0.40'

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(present.grid_to_xlsx(GRID, mark=(2, 1)))).active
    assert sheet["A1"].value == GRID["title"]
    assert [c.value for c in sheet[3]] == ["部门名称", "小计", "公务接待费"]
    assert sheet["B4"].value == pytest.approx(1001.9)
    assert sheet["A5"].value == "2010301", "codes stay text"
    assert sheet["B4"].fill.fgColor.rgb.endswith("FFE066")


def test_marked_cell_and_columns():
    assert present.marked_cell(GRID, _citation()) == (0, 1)
    assert present.marked_cell(GRID, _citation(row_index=None)) is None
    assert present.marked_cell(GRID, _citation(row_index=40)) is None
    assert present.unique_columns(["a/x", "b/x", ""], 4) == ["a/x", "b/x", "列3", "列4"]


def test_comparison_and_chart_rows():
    years = Answer("q", "answered", "", items=(Item("2024年", 1.9, "万元"), Item("2025年", 1.9, "万元")))
    parts = Answer(
        "q", "answered", "", items=(Item("公务接待费", 0.4, "万元"), Item("公务用车", 1.5, "万元"))
    )
    assert present.is_comparison(years) and not present.is_comparison(parts)
    assert present.chart_rows(parts) == [("公务接待费", 0.4), ("公务用车", 1.5)]
    mixed = Answer("q", "answered", "", items=(Item("a", 1, "万元"), Item("b", 2, "%")))
    assert present.chart_rows(mixed) == []


def test_escape_markdown_and_filenames():
    assert present.escape_markdown("$1*2_3") == r"\$1\*2\_3"
    assert present.safe_filename("a/b:c?.pdf", ".csv") == "a_b_c_.pdf.csv"


def test_crop_png_keeps_the_cited_spot():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (900, 1260), "white").save(out, format="PNG")
    cell = Image.open(
        io.BytesIO(present.crop_png(out.getvalue(), (100, 400, 200, 410), 1.5, margin=50, half_width=210))
    )
    assert cell.height == int(460 * 1.5) - int(350 * 1.5)
    assert cell.width == int(360 * 1.5), "the cell's neighbourhood, not the whole page width"
    line = Image.open(io.BytesIO(present.crop_png(out.getvalue(), (50, 400, 560, 430), 1.5)))
    assert line.width >= int(510 * 1.5), "a sentence across the page is shown whole"


def test_present_exports_what_it_declares():
    assert sorted(present.__all__) == sorted(set(present.__all__))
    for name in present.__all__:
        assert hasattr(present, name), name
    json.dumps(present.share_params("q"))


# ---------------------------------------------------------------- several documents (real PDFs)

REAL = ROOT.parent / "shared" / "fixtures" / "real"


@pytest.fixture
def multi_db(db: Path) -> Path:
    """The sample plus the real Putuo PDFs (read from ../shared, never copied into the repo)."""
    import index

    if not REAL.is_dir():
        pytest.skip(f"{REAL} is absent")
    index.build_index([REAL], db)
    return db


@pytest.mark.real
def test_ambiguous_question_offers_options_as_buttons(multi_db):
    at = _ask(_app(), "三公经费多少")
    assert at.warning, "the ambiguity is explained"
    options = [b for b in at.main.button if b.key and "-opt-" in b.key]
    assert len(options) >= 2, [b.label for b in at.main.button]
    options[0].click().run()
    _assert_clean(at)
    assert len([m for m in at.chat_message if m.name == "user"]) == 2, "the option is asked as a question"


@pytest.mark.real
def test_choosing_an_option_answers(multi_db):
    at = _ask(_app(), "三公经费多少")
    next(b for b in at.main.button if b.key and "-opt-" in b.key).click().run()
    assert _figures(at), [i.value for i in at.info]


def test_topic_of_overview_questions():
    assert present.topic_of("收入合计是多少") == "收入合计"
    assert present.topic_of("“三公”经费包括哪些") == "“三公”经费"
    assert present.topic_of("多少") == "多少"


def test_items_frame_chart_and_grid_frame():
    parts = Answer(
        "q",
        "answered",
        "",
        items=(Item("公务接待费", 0.4, "万元", _citation()), Item("公务用车", 1.5, "万元")),
    )
    frame = present.items_frame(parts)
    assert list(frame.columns) == ["项目", "金额", "出处"]
    assert frame.iloc[0].tolist() == ["公务接待费", "0.40万元", "第15页"]
    assert present.items_chart(parts) is not None
    assert present.items_chart(Answer("q", "answered", "")) is None
    assert list(present.grid_frame(GRID).columns) == ["部门名称", "小计", "公务接待费"]
    styled = present.grid_frame(GRID, (0, 1)).to_html()
    assert "#fde047" in styled


def test_ingest_messages_are_plain():
    from types import SimpleNamespace as R

    msgs = present.ingest_messages(
        [
            R(status="failed", error="坏.pdf：不是 PDF 文件", doc_id=None),
            R(status="unchanged", doc_id="d"),
            R(status="ingested", doc_id="e", pages=26, tables=10, facts=360),
        ],
        "x.pdf",
    )
    assert msgs == [
        ("error", "坏.pdf：不是 PDF 文件"),
        ("info", "x.pdf：资料库里已有这份文件。"),
        ("success", "x.pdf：已导入，26页、10张表、360个数据。"),
    ]


def test_a_failure_is_a_friendly_message_not_a_traceback(db, monkeypatch):
    import qa

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(qa, "ask", broken)
    at = _app()
    at.chat_input[0].set_value("三公经费多少").run()
    assert not at.exception
    assert at.error and "抱歉" in at.error[0].value and "boom" not in at.error[0].value


def test_database_that_cannot_be_opened_is_explained(tmp_path, monkeypatch):
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    monkeypatch.setenv("BUDGETQA_DB", str(bad))
    at = _app()
    assert not at.exception
    assert at.error and "资料库" in at.error[0].value


def test_app_is_a_renderer_over_the_public_library():
    """app.py imports only the library's faces (no matcher, no store internals): one code path with the CLI."""
    import ast

    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    project = {m for m in imported if m.split(".")[0] in ("index", "qa")}
    assert project <= {"index", "qa", "index.render", "qa.present", "qa.model"}, project


@pytest.mark.real
def test_upload_of_a_new_pdf_ingests_it_and_selects_it(db):
    pdf = REAL / "putuo-commerce-2025-budget.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} is absent")
    at = _app()
    at.sidebar.file_uploader[0].set_value((pdf.name, pdf.read_bytes(), "application/pdf")).run()
    _assert_clean(at)
    assert any("已导入" in s.value for s in at.sidebar.success), [s.value for s in at.sidebar.success]
    docs = _documents(db)
    assert len(docs) == 2
    new = next(d for d in docs if d["file_name"] == pdf.name)
    assert at.sidebar.selectbox[0].value == new["doc_id"], "the new document becomes the scope"
