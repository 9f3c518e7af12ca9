"""Integrity of the data files: qa/data/synonyms.toml, qa/data/glossary.toml, index/data/subject_codes.csv.

The raw TOML is checked independently of qa.lexicon, so a loader bug cannot hide a data error.
"""

import csv
import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from qa.lexicon import CATEGORIES, Lexicon, LexiconError, load_glossary, load_lexicon
from qa.normalize import normalize_text, replace_chinese_numerals

ROOT = Path(__file__).resolve().parents[1]
SYNONYMS = tomllib.loads((ROOT / "qa/data/synonyms.toml").read_text(encoding="utf-8"))
GLOSSARY = tomllib.loads((ROOT / "qa/data/glossary.toml").read_text(encoding="utf-8"))
TERMS = SYNONYMS["term"]
AMBIGUOUS = SYNONYMS.get("ambiguous", [])
BY_ID = {t["id"]: t for t in TERMS}
with (ROOT / "index/data/subject_codes.csv").open(encoding="utf-8") as f:
    CATALOG = {row["code"]: row for row in csv.DictReader(f)}


def surfaces(term: dict) -> list[str]:
    return [term["name"], *term.get("labels", []), *term.get("forms", [])]


def test_term_ids_unique_and_categories_known() -> None:
    ids = [t["id"] for t in TERMS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    assert {t["category"] for t in TERMS} == set(CATEGORIES)


def test_every_term_has_a_form() -> None:
    assert [t["id"] for t in TERMS if not t.get("forms")] == []


def test_no_surface_maps_to_two_terms_of_one_category_unless_declared() -> None:
    declared = {(normalize_text(a["form"]), a["category"]) for a in AMBIGUOUS}
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for term in TERMS:
        for s in surfaces(term):
            owners[(normalize_text(s), term["category"])].add(term["id"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1 and k not in declared}
    assert clashes == {}


def test_ambiguous_entries_are_well_formed() -> None:
    for amb in AMBIGUOUS:
        assert len(amb["terms"]) >= 2, amb["form"]
        assert amb["prefer"] in amb["terms"], amb["form"]
        assert amb["why"].strip(), amb["form"]
        for tid in amb["terms"]:
            assert BY_ID[tid]["category"] == amb["category"], (amb["form"], tid)
            # one place only: an ambiguous form is not also a plain form of one of its terms
            assert normalize_text(amb["form"]) not in map(normalize_text, surfaces(BY_ID[tid]))
    forms = [normalize_text(a["form"]) for a in AMBIGUOUS]
    assert len(forms) == len(set(forms))


def test_parts_refer_to_terms_of_the_same_category() -> None:
    for term in TERMS:
        for part in term.get("parts", []):
            assert part in BY_ID, (term["id"], part)
            assert BY_ID[part]["category"] == term["category"]


def test_codes_have_catalogue_shape_and_exist() -> None:
    for term in TERMS:
        for code in term.get("codes", []):
            assert re.fullmatch(r"\d{3}|\d{5}|\d{7}", code), (term["id"], code)
            assert code in CATALOG, f"{term['id']}: {code} not in subject_codes.csv (use unlisted_codes)"


def test_unlisted_codes_are_really_missing_from_the_catalogue() -> None:
    for term in TERMS:
        for code in term.get("unlisted_codes", []):
            assert re.fullmatch(r"\d{3}|\d{5}|\d{7}", code), (term["id"], code)
            assert code not in CATALOG, f"{term['id']}: {code} is in subject_codes.csv now; move it to codes"


def test_term_names_agree_with_the_catalogue() -> None:
    """A term coding 30213 must print 维修（护）费 among its names, so document rows match."""
    for term in TERMS:
        names = {normalize_text(s) for s in [term["name"], *term.get("labels", [])]}
        for code in term.get("codes", []):
            assert normalize_text(CATALOG[code]["name"]) in names, (term["id"], code, CATALOG[code]["name"])


def test_catalogue_codes_have_shape_and_parent() -> None:
    for code, row in CATALOG.items():
        assert re.fullmatch(r"\d{3}|\d{5}|\d{7}", code), code
        expected_parent = {3: "", 5: code[:3], 7: code[:5]}[len(code)]
        assert row["parent_code"] == expected_parent, code


def test_every_surface_survives_numeral_rewriting() -> None:
    """三公, 一般公共预算, 一级指标 … must be protected, or questions lose the term."""
    broken = [
        s
        for term in TERMS
        for s in surfaces(term)
        if replace_chinese_numerals(normalize_text(s)) != normalize_text(s)
    ]
    broken += [a["form"] for a in AMBIGUOUS if replace_chinese_numerals(a["form"]) != a["form"]]
    assert broken == []


def test_lexicon_loads_and_indexes_every_term() -> None:
    lex = load_lexicon()
    assert {t.id for t in lex.terms()} == set(BY_ID)
    for term in lex.terms():
        assert term in lex.lookup(term.name), term.id


def test_lexicon_rejects_undeclared_duplicates() -> None:
    data = {
        "term": [
            {"id": "a", "category": "subject", "name": "甲费", "forms": ["费用"]},
            {"id": "b", "category": "subject", "name": "乙费", "forms": ["费用"]},
        ]
    }
    with pytest.raises(LexiconError, match="费用"):
        Lexicon(data)
    data["ambiguous"] = [
        {"form": "费用", "category": "subject", "terms": ["a", "b"], "prefer": "b", "why": "x"}
    ]
    match = Lexicon(data).find("费用多少")[0]
    assert (match.term.id, [t.id for t in match.alternatives]) == ("b", ["a"])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("三公经费多少", ["sangong"]),
        ("“三公”经费", ["sangong"]),
        ("三公經費", ["sangong"]),
        ("请客吃饭花了多少钱", ["reception", "expenditure"]),
        ("公车运行费", ["car_running"]),
        ("养车花多少", ["car_running", "expenditure"]),
        ("今年买车了吗", ["car_purchase", "i_yes_no"]),
        ("出国考察", ["abroad"]),
        ("因公出国（境）费", ["abroad"]),
        ("公积金", ["housing_fund"]),
        ("退休工资", ["retirement"]),
        ("医保交了多少", ["medical_insurance"]),
        ("一般公共预算支出", ["general_budget", "expenditure"]),
        ("资源勘探信息等支出", ["fn_215"]),
        ("维修费", ["maintenance"]),
        ("什么是三公经费", ["i_definition", "sangong"]),
        ("三公经费包括哪些", ["sangong", "i_breakdown"]),
        ("比去年增加了多少", ["i_change"]),
        ("国有资产占用情况", ["state_assets"]),
        ("实际花了多少", ["final", "expenditure"]),
        ("社保支出", ["fn_208"]),
    ],
)
def test_lookup_maps_everyday_wording(question: str, expected: list[str]) -> None:
    assert [t.id for t in load_lexicon().lookup(question)] == expected


@pytest.mark.parametrize(
    ("question", "preferred", "alternatives"),
    [
        ("工资多少", "wage_welfare", {"basic_salary"}),
        ("公车一年花多少钱", "car_fee", {"official_cars"}),
        ("有几辆公车", "car_fee", {"official_cars"}),
        ("社保", "pension_contrib", {"fn_208", "other_social_contrib", "medical_insurance"}),
    ],
)
def test_ambiguous_forms_keep_their_alternatives(
    question: str, preferred: str, alternatives: set[str]
) -> None:
    match = next(m for m in load_lexicon().find(question) if m.term.category == "subject")
    assert match.term.id == preferred
    assert {t.id for t in match.alternatives} == alternatives


def test_same_surface_in_two_categories_gives_both() -> None:
    ids = [(m.term.id, m.start, m.end) for m in load_lexicon().find("基本支出占比")]
    assert ("basic_expenditure", 0, 4) in ids and ("m_basic", 0, 4) in ids


def test_longest_match_wins() -> None:
    ids = [t.id for t in load_lexicon().lookup("一般公共预算")]
    assert ids == ["general_budget"]  # not also doc_type 预算


def test_expand_gives_document_names_only() -> None:
    lex = load_lexicon()
    assert set(lex.expand("maintenance")) == {"维修(护)费", "维修（护）费", "维修费", "维护费"}
    assert "吃喝" not in lex.expand("reception") and "吃喝" in lex.surface_forms("reception")
    assert "工资" in lex.surface_forms("basic_salary")  # via [[ambiguous]]
    with pytest.raises(KeyError, match="nope"):
        lex.term("nope")


def test_glossary_entries_are_complete() -> None:
    entries = GLOSSARY["entry"]
    assert len(entries) >= 15
    names = [e["term"] for e in entries]
    assert len(names) == len(set(names))
    for e in entries:
        assert e["term"].strip() and len(e["definition"].strip()) >= 10, e["term"]
        if "lexicon_id" in e:
            assert e["lexicon_id"] in BY_ID, e["term"]
    for required in ["sangong", "org_running", "basic_expenditure", "project_expenditure", "general_budget"]:
        assert required in load_glossary()
