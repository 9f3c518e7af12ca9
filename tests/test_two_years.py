"""Change against last year computed from two years' documents of the same unit (issue #3)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

import index
from qa import ask


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    """The sample (2025) and a 2024 document of the same unit whose 三公 figures are stated differently.

    The 2024 document is the sample's extraction with its year and the 三公 table's figures changed, so
    the store holds two real documents (facts, sentences, tables) of one unit and two years.
    """
    db = tmp_path_factory.mktemp("years") / "years.db"
    index.build_index([index.sample_pdf_path()], db)
    doc = index.extract_document(index.sample_pdf_path())
    older_id = "2024" + doc.doc_id[4:]

    def older_fact(f):
        value = f.value
        if f.source == "table" and "三公" in f.table_kind and f.value:
            value = (f.value * Decimal("1.25")).quantize(Decimal("0.01"))  # 1.90 → 2.38 in 2024
        return replace(
            f,
            doc_id=older_id,
            fact_id=older_id + f.fact_id[12:],
            value=value,
            quote=str(value) if f.quote else "",
        )

    older = replace(
        doc,
        doc_id=older_id,
        sha256=older_id + doc.sha256[12:],
        year=2024,
        title=doc.title.replace("2025", "2024"),
        facts=tuple(older_fact(f) for f in doc.facts if f.source == "table"),
        sentences=(),
        tables=tuple(replace(t, table_id=older_id + t.table_id[12:]) for t in doc.tables),
    )
    store = index.open_store(db)
    store.write_document(older, source_path="older-2024")
    return store, doc.doc_id


def test_change_computed_from_last_years_document(two_years):
    store, doc_id = two_years
    a = ask("三公经费比去年减少了多少", store, doc_id=doc_id)
    assert a.status == "answered", a.answer
    assert a.value == pytest.approx(0.48) and a.unit == "万元"  # 2.38 − 1.90
    assert a.formula == "1.9 − 2.38 = -0.48"
    assert [i.label for i in a.items] == ["2024年", "2025年"]  # both years, side by side
    assert {c.doc_id[:4] for c in a.citations} == {doc_id[:4], "2024"}  # each year cited in its document
    assert "减少0.48万元" in a.answer


def test_percent_change_from_two_documents(two_years):
    store, doc_id = two_years
    a = ask("三公经费比去年下降了百分之几", store, doc_id=doc_id)
    assert a.status == "answered"
    assert a.value == pytest.approx(20.17) and a.unit == "%"  # the direction is in the words
    assert "下降20.17%" in a.answer
