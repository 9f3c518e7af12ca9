"""Answering rules found while reading answers on real documents, each pinned by a question."""

from __future__ import annotations

import pytest

import index
from qa import ask


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    db = tmp_path_factory.mktemp("rules") / "sample.db"
    index.build_index([index.sample_pdf_path()], db)
    return index.open_store(db)


def test_a_part_asked_inside_its_total_is_the_part(sample):
    # 人员经费 is a column of the 基本支出 table, not a column of the 基本支出 row
    a = ask("基本支出里的人员经费", sample)
    assert (a.status, a.value, a.unit) == ("answered", 933.98, "万元")


def test_a_column_of_a_subjects_row(sample):
    a = ask("资源勘探工业信息等支出的项目支出是多少", sample)
    assert (a.status, a.value) == ("answered", 1311.67)
    assert all("项目支出" in (c.column or "") for c in a.citations if c.kind == "table")


def test_a_budget_states_no_actuals(sample):
    a = ask("决算数是多少", sample)
    assert a.status == "not_found" and "决算" in a.answer


def test_spending_is_not_answered_from_an_income_row(sample):
    a = ask("一般公共预算支出多少", sample)
    assert (a.status, a.value) == ("answered", 2313.71)
    first = a.citations[0]
    assert "收入" not in (first.row or "") + (first.column or "")


def test_fund_names_are_not_the_budget_measure(tmp_path):
    # in a 决算, "一般公共预算…" names a fund; the answer is the actual figure, not a 预算数 column
    import pdfmaker

    path, truth = pdfmaker.final_accounts(tmp_path)
    db = tmp_path / "final.db"
    index.build_index([path], db)
    a = ask("一般公共预算财政拨款基本支出", index.open_store(db))
    assert a.status == "answered"
    assert "决算" in a.answer and "预算数为" not in a.answer


def test_a_typo_is_one_character_not_another_word(sample):
    # 一般公共服务支出 is two characters from 一般公共预算支出: another subject, not a typo of it
    a = ask("一般公共服务支出的基本支出", sample)
    assert a.status == "not_found", a.answer
    assert ask("三公经废", sample).value == 1.9  # one wrong character is still corrected


def test_a_units_row_asked_without_de():
    from qa.question import parse_question

    q = parse_question("第一中学项目支出多少")
    assert (q.subject, q.column) == ("第一中学", "项目支出")
    q = parse_question("机关幼儿园事业收入多少")
    assert (q.subject, q.column) == ("机关幼儿园", "事业收入")
    assert parse_question("一般公共服务支出多少").column == ""
