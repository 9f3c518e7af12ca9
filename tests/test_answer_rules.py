"""Answering rules found while reading answers on real documents, each pinned by a question."""

from __future__ import annotations

from pathlib import Path

import pytest

import index
from qa import ask


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    db = tmp_path_factory.mktemp("rules") / "sample.db"
    index.build_index([index.sample_pdf_path()], db)
    return index.open_store(db)


def _store_of(tmp_path, parts, title: str):
    """A PDF made of ``parts`` (pdfmaker narratives and tables), ingested into its own store."""
    pm = pytest.importorskip("pdfmaker")
    path = tmp_path / "doc.pdf"
    pm.make_budget_pdf(path, pm.DocSpec(parts, title=title))
    db = tmp_path / "doc.db"
    index.build_index([path], db)
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


@pytest.fixture(scope="module")
def final_accounts(tmp_path_factory):
    pm = pytest.importorskip("pdfmaker")
    d = tmp_path_factory.mktemp("final")
    path, _ = pm.final_accounts(d)
    db = d / "final.db"
    index.build_index([path], db)
    return index.open_store(db)


def test_actual_against_budget_in_final_accounts(final_accounts, sample):
    a = ask("三公经费比年初预算少花了多少", final_accounts)
    assert (a.status, a.value, a.unit) == ("answered", 0.95, "万元")
    assert a.formula and {i.label for i in a.items} == {"年初预算", "决算数"}
    rate = ask("三公经费预算执行率", final_accounts)
    assert (rate.status, rate.value, rate.unit) == ("answered", 0.0, "%")
    # a budget has no actuals to set against it
    assert ask("三公经费执行率", sample).status == "not_found"


def test_figures_after_a_subject_line_carry_its_subject(tmp_path):
    pm = pytest.importorskip("pdfmaker")
    narr = pm.Narrative(
        [
            pm.Heading("某某县卫生健康局2023年度部门决算", 0),
            pm.Para("1.卫生健康支出（类）公共卫生（款）疾病预防控制机构（项）。"),
            pm.Para("年初预算为350.50万元，支出决算为405.22万元，完成年初预算的115.61%。"),
            pm.Para("2.卫生健康支出（类）基层医疗卫生机构（款）乡镇卫生院（项）：年初预算为80.00万元，支出决算为72.40万元。"),
            pm.Para("决算数小于预算数的主要原因是部分设备尚未完成验收。"),
        ]
    )
    store = _store_of(tmp_path, [narr], "某某县卫生健康局2023年度部门决算")
    assert ask("疾病预防控制机构支出决算多少", store).value == 405.22
    assert ask("疾病预防控制机构完成年初预算百分之几", store).value == 115.61
    assert ask("乡镇卫生院决算数", store).value == 72.4
    why = ask("乡镇卫生院为什么比预算少", store)
    assert why.status == "answered" and "验收" in why.answer


def test_counts_as_people_write_them(tmp_path):
    pm = pytest.importorskip("pdfmaker")
    narr = pm.Narrative(
        [
            pm.Heading("某某市教育局2024年部门预算", 0),
            pm.Para("本局机关内设七个科室，部门预算包括局机关本级和所属3个事业单位：第一中学、第二中学、机关幼儿园。"),
            pm.Para("在职人员编制320人，其中：行政编制26人，事业编制294人；离退休人员158人。"),
            pm.Para("共有车辆6辆，其中：特种专业技术用车3辆（均为校车）。国内公务接待27批次，215人次。"),
        ]
    )
    store = _store_of(tmp_path, [narr], "某某市教育局2024年部门预算")
    cases = {
        "内设几个科室": (7, "个"),  # a count in words
        "下面有几个事业单位": (3, "个"),  # the noun after the count
        "校车有几辆": (3, "辆"),  # a parenthesis after the count
        "编制多少人": (320, "人"),  # the total, not the first part after 其中
        "行政编制多少": (26, "人"),  # a count asked without a unit
        "离退休人员几个人": (158, "人"),
        "公务接待多少人次": (215, "人次"),  # the clause's subject carried over
        "接待了多少批次": (27, "批次"),
    }
    for question, (value, unit) in cases.items():
        a = ask(question, store)
        assert (a.status, a.value, a.unit) == ("answered", value, unit), (question, a.answer)


def test_rows_of_subordinate_units(tmp_path):
    # a Word-made 部门预算 listing each unit's subject rows (p11-12) beside department tables (p14)
    pdf = Path(__file__).parent / "fixtures" / "office" / "city-education-2024-budget.pdf"
    db = tmp_path / "units.db"
    index.build_index([pdf], db)
    store = index.open_store(db)
    dept = ask("住房公积金一共多少", store)
    assert (dept.value, dept.citations[0].page) == (434.72, 14)  # the department's, not a unit's row
    unit = ask("第一中学住房公积金多少", store)
    assert unit.value == 186.24 and "第一中学" in unit.answer  # that unit's row, named in the answer
    assert ask("一中今年预算多少", store).value == 4571.83  # 一中 = 第一中学, its own total
    assert ask("云岚市第三中学预算多少", store).status == "not_found"  # no such unit: no near-miss


def test_a_count_over_another_threshold_is_not_this_count(tmp_path):
    pm = pytest.importorskip("pdfmaker")
    narr = pm.Narrative(
        [
            pm.Heading("某某区财政局2024年度部门决算", 0),
            pm.Para("截至2024年12月31日，本部门共有车辆2辆；单价100万元（含）以上设备（不含车辆）2台（套）。"),
            pm.Para("2024年度本部门共发生支出3,000.00万元。"),
        ]
    )
    store = _store_of(tmp_path, [narr], "某某区财政局2024年度部门决算")
    assert ask("单价100万以上的设备有几台", store).value == 2
    assert ask("单价50万元以上设备几台", store).status == "not_found"  # not the 100万 count
    # the unit's own name and a spending verb: its whole spending
    assert ask("财政局2024年花了多少钱", store).value == 3000


HOSTILE_CONTEXTS = [
    {"year": "abc"},
    {"year": None, "subject": 123},
    {"doc_id": 5},
    {"subject": ["x"]},
    {"measure": {"a": 1}},
    {"year": 99999999999},
    {"year": 2025.5},
    {"doc_id": "nope", "year": 2024},
    "not a dict",
]


@pytest.mark.parametrize("context", HOSTILE_CONTEXTS, ids=range(len(HOSTILE_CONTEXTS)))
def test_a_context_from_outside_is_never_trusted(sample, context):
    # the API and the command line pass a client's context straight through
    for question in ("去年呢", "那招待费呢", "明细呢", "其中基本支出呢", "占比呢"):
        a = ask(question, sample, context=context)
        assert a.status in ("answered", "not_found", "ambiguous")


def test_word_salad_never_raises(sample):
    import random

    words = (
        "三公 经费 多少 去年 今年 2024年 二〇二三年 比 预算 决算 占 比例 百分之几 包括 哪些 为什么 几个 辆 人 元 万元 亿 "
        "一中 第一中学 局 本级 合计 总计 的 和 、 呢 那 明细 执行率 完成 增加 减少 持平 收入 支出 基本支出 项目支出 "
        "人员经费 公用经费 30113 2010101 201 是什么 啥意思 《 》 “ ” ！ ？ 1.2亿 百分之五 0 -1 abc 😀 \n \t ﹖ 　"
    ).split(" ")
    rng = random.Random(7)
    for _ in range(400):
        q = "".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        a = ask(q, sample)
        assert a.status in ("answered", "not_found", "ambiguous"), q
        assert a.status != "answered" or a.citations, q  # never a figure without its source


def test_running_text_around_a_small_table_is_read(tmp_path):
    # a 部门概况 page with a small list of units in a table between its paragraphs
    pm = pytest.importorskip("pdfmaker")
    t = pm.TableSpec(
        title="",
        columns=[pm.Col(("序号",), "text", 0.6), pm.Col(("单位名称",), "name", 3.0), pm.Col(("单位性质",), "name", 2.0)],
        rows=[pm.Row(["1", "某某厅本级", "行政单位"]), pm.Row(["2", "某某监测中心", "事业单位"])],
        note="",
    )
    narr = pm.Narrative([pm.Heading("某某厅2024年度部门决算", 0), pm.Para("本部门机关内设十二个处室，所属事业单位1个，具体如下：")])
    after = pm.Narrative(
        [pm.Para("截至2024年12月31日，本部门编制人数120人，实有人数131人，其中：在职人员100人。")], new_page=False
    )
    store = _store_of(tmp_path, [narr, t, after], "某某厅2024年度部门决算")
    assert ask("内设几个处室", store).value == 12
    assert ask("实有人数多少", store).value == 131


def test_homophone_typos_from_a_pinyin_keyboard(sample):
    # the same sounds typed with other characters are corrected against the document's labels
    assert ask("公物接待费", sample).value == 0.4
    assert ask("住房公基金", sample).value == 61.25
    assert ask("三公经废", sample).value == 1.9
    assert ask("第三中学经费", sample).status == "not_found"  # a numeral is never a typo


def test_a_document_named_by_its_file(sample):
    by_stem = ask("三公经费多少", sample, doc_id="changsha-enterprise-service-center-2025")
    by_name = ask("三公经费多少", sample, doc_id="changsha-enterprise-service-center-2025.pdf")
    assert by_stem.value == by_name.value == 1.9
    assert ask("三公经费多少", sample, doc_id="no-such-file").status == "not_found"


def test_a_library_is_narrowed_by_the_unit_named(tmp_path):
    # two units' documents in one store: a short name said in the question picks the document
    db = tmp_path / "two.db"
    index.build_index([index.sample_pdf_path()], db)
    pm = pytest.importorskip("pdfmaker")
    path, _ = pm.final_accounts(tmp_path)
    index.build_index([path], db)
    store = index.open_store(db)
    assert ask("三公经费多少", store).status == "ambiguous"  # which unit's? asked back, never guessed
    assert ask("企业服务中心的三公经费", store).value == 1.9
    assert ask("财政局的三公经费", store).value == 0.0  # the other unit's 决算
    assert ask("这个单位归哪个部门管", store).status == "ambiguous"


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("今年一共花多少钱", 2313.71),  # the whole spending, 一共 at the start
        ("公车一年花多少钱", 1.5),
        ("人均经费多少", None),  # a per-person figure is not published: not the 人员经费 total
    ],
)
def test_everyday_wording(sample, question, value):
    a = ask(question, sample)
    if value is None:
        assert a.status == "not_found", a.answer
    else:
        assert (a.status, a.value) == ("answered", value), a.answer
