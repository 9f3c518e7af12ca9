"""Last year's figure from this year's document alone: a 上年 column, a stated change, or 持平;
and 去年 said of a 决算 meaning the year it reports (it is published the year after)."""

from __future__ import annotations

import pytest

pytest.importorskip("reportlab")

import index  # noqa: E402
from qa import ask  # noqa: E402

try:
    import pdfmaker as pm  # noqa: E402
except ImportError:
    from tests import pdfmaker as pm  # noqa: E402


def _store(tmp_path, pdf):
    db = tmp_path / "prev.db"
    report = index.build_index([pdf], db)
    assert report.ok, report.summary()
    return index.open_store(db)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return _store(tmp_path_factory.mktemp("sample"), index.sample_pdf_path())


@pytest.fixture(scope="module")
def last_year_column(tmp_path_factory):
    """A 2025 budget whose 三公 table prints last year's budget beside this year's."""
    d = tmp_path_factory.mktemp("col")
    cols = [
        pm.Col(("项目",), "name", 2.4),
        pm.Col(("2024年预算数",)),
        pm.Col(("2025年预算数",)),
    ]
    t = pm.TableSpec(
        title="2025年一般公共预算“三公”经费支出预算表",
        columns=cols,
        rows=[
            pm.Row(["合计", "12.60", "11.80"]),
            pm.Row(["因公出国（境）费", "0.00", "0.00"]),
            pm.Row(["公务接待费", "3.20", "2.40"]),
            pm.Row(["公务用车购置及运行费", "9.40", "9.40"]),
        ],
        unit_name="某某县文化馆",
    )
    narr = pm.Narrative([pm.Heading("某某县文化馆2025年部门预算公开", 0), pm.Para("本单位2025年部门预算如下表。")])
    path = d / "col.pdf"
    pm.make_budget_pdf(path, pm.DocSpec([narr, t], title="某某县文化馆2025年部门预算公开"))
    return _store(d, path)


@pytest.fixture(scope="module")
def final_accounts(tmp_path_factory):
    d = tmp_path_factory.mktemp("final")
    path, _ = pm.final_accounts(d)
    return _store(d, path)


def test_stated_decrease_gives_last_year_with_formula(sample):
    first = ask("收入预算多少", sample)
    a = ask("去年呢", sample, context=first.context)
    assert a.status == "answered", a.answer
    assert a.value == 2314.68 and a.unit == "万元"
    assert a.formula == "2313.71 + 0.97 = 2314.68"
    assert {c.page for c in a.citations} >= {3}  # the sentence stating the decrease
    assert "2024年" in a.answer


def test_level_with_last_year(sample):
    a = ask("2024年三公经费是多少", sample)
    assert a.status == "answered", a.answer
    assert a.value == 1.90
    assert any(c.kind == "sentence" and "持平" in c.quote for c in a.citations)


def test_last_year_column_in_the_same_row(last_year_column):
    a = ask("去年公务接待费多少", last_year_column)
    assert a.status == "answered", a.answer
    assert a.value == 3.20
    assert a.citations[0].column.endswith("2024年预算数") and a.citations[0].row == "公务接待费"
    this_year = ask("公务接待费多少", last_year_column)
    assert this_year.value == 2.40


def test_no_statement_no_figure(sample):
    # nothing in the sample says what 办公费 was last year: refuse, never guess
    a = ask("去年办公费多少", sample)
    assert a.status == "not_found"
    assert ask("2023年三公经费", sample).status == "not_found"  # two years back: nothing to go on


def test_last_year_said_of_final_accounts_is_their_year(final_accounts):
    # a 2024 决算 is read in 2025: "去年" is 2024, the document's own year
    a = ask("去年收入总计多少", final_accounts)
    assert a.status == "answered" and a.value == 2995.32
    # the year before it comes from "收、支总计各减少120.15万元"
    b = ask("2023年收入总计", final_accounts)
    assert b.status == "answered", b.answer
    assert b.value == 3115.47 and b.formula


def test_percent_change_alone_is_not_used(tmp_path):
    narr = pm.Narrative(
        [
            pm.Heading("某某街道办事处2025年部门预算", 0),
            pm.Para("2025年收入预算1,000.00万元，比上年增长5.00%。"),
        ]
    )
    path = tmp_path / "pct.pdf"
    pm.make_budget_pdf(path, pm.DocSpec([narr], title="某某街道办事处2025年部门预算"))
    store = _store(tmp_path, path)
    assert ask("收入预算多少", store).value == 1000.00
    assert ask("去年收入预算多少", store).status == "not_found"
