"""qa.normalize: question text folding, Chinese numerals, years, units and amounts."""

from decimal import Decimal

import pytest

from qa.normalize import (
    RelativeYear,
    convert_amount,
    extract_unit_request,
    extract_year,
    is_nil_amount,
    normalize_text,
    parse_amount,
    parse_chinese_number,
    parse_chinese_percent,
    replace_chinese_numerals,
    strip_quotes,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("三公經費", "三公经费"),  # traditional characters (some sites serve them)
        ("請客吃飯的公務接待費", "请客吃饭的公务接待费"),
        ("２０２５年三公经费", "2025年三公经费"),  # full-width digits
        ("“三公”经费", "三公经费"),  # Chinese quotes
        ('"三公"经费', "三公经费"),  # ASCII quotes
        ("「三公」經費", "三公经费"),  # corner brackets, traditional
        ("三 公 经 费", "三公经费"),  # layout spaces between CJK
        ("2025 年 收入 2,313.71 万元。", "2025年收入2,313.71万元"),  # CJK–digit spaces, trailing 。
        ("三公经费多少？", "三公经费多少"),  # full-width question mark
        ("三公经费多少?!", "三公经费多少"),
        ("因公出国（境）费", "因公出国(境)费"),  # NFKC folds full-width parentheses
        ("ＰＤＦ 第 12 页", "pdf第12页"),  # Latin lowercased, full-width Latin folded
        ("　三公　", "三公"),  # ideographic spaces
        ("301 2", "301 2"),  # digits apart stay apart (a code printed oddly is the index's business)
        ("", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_normalize_text_can_keep_trailing_punctuation() -> None:
    assert normalize_text("是多少？", strip_trailing_punct=False) == "是多少?"


def test_strip_quotes_removes_every_kind() -> None:
    assert strip_quotes("“三公”‘经费’「A」『B』\"C\"'D'") == "三公经费ABCD"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一千二百万", Decimal(12_000_000)),
        ("二十九", Decimal(29)),
        ("十", Decimal(10)),
        ("十五", Decimal(15)),
        ("两百", Decimal(200)),
        ("一百零五", Decimal(105)),
        ("一点五", Decimal("1.5")),
        ("1.2亿", Decimal(120_000_000)),
        ("3千", Decimal(3000)),
        ("3.5万", Decimal(35_000)),
        ("一万二", Decimal(12_000)),  # colloquial: the last digit counts in the next unit down
        ("两百五", Decimal(250)),
        ("一亿二千万", Decimal(120_000_000)),
        ("一万亿", Decimal(10**12)),
        ("二〇二五", Decimal(2025)),  # digit by digit (years)
        ("二零二四", Decimal(2024)),
        ("壹佰贰拾", Decimal(120)),  # financial numerals
        ("1,200万", Decimal(12_000_000)),
    ],
)
def test_parse_chinese_number(text: str, value: Decimal) -> None:
    assert parse_chinese_number(text) == value


@pytest.mark.parametrize("text", ["万", "", "三公", "几十", "一二三四五x", "百分之五"])
def test_parse_chinese_number_rejects_non_numbers(text: str) -> None:
    assert parse_chinese_number(text) is None


def test_parse_chinese_percent() -> None:
    assert parse_chinese_percent("百分之五") == Decimal(5)
    assert parse_chinese_percent("百分之十二点五") == Decimal("12.5")
    assert parse_chinese_percent("百分之几") is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("二〇二五年三公经费多少", "2025年三公经费多少"),
        ("二零二四年的收入", "2024年的收入"),
        ("三十万元以上的项目", "30万元以上的项目"),  # 万 stays the unit, as documents print it
        ("一百万以上的设备", "100万以上的设备"),
        ("增长了百分之五", "增长了5%"),
        ("增长了百分之十二点五", "增长了12.5%"),
        ("有一辆车", "有1辆车"),
        ("两百万", "200万"),
        # protected: numerals that are part of a term or a phrase
        ("三公经费占百分之几", "三公经费占百分之几"),
        ("一般公共预算支出", "一般公共预算支出"),
        ("一级指标有几个", "一级指标有几个"),
        ("五险一金交了多少", "五险一金交了多少"),
        ("一把手", "一把手"),
        ("第一部分讲了什么", "第一部分讲了什么"),
        ("第十二项", "第十二项"),
        ("一共多少", "一共多少"),
        ("公车一年花多少钱", "公车一年花多少钱"),
        ("上一年的收入", "上一年的收入"),
        ("十四五规划", "十四五规划"),
        ("一中今年预算多少", "一中今年预算多少"),  # a school called by number (第一中学)
        ("实验二小的经费", "实验二小的经费"),
        ("一个中心", "1个中心"),
        # estimates are not numbers
        ("几十万", "几十万"),
        ("十几万元", "十几万元"),
        # printed arabic amounts keep their unit
        ("2313.71万元", "2313.71万元"),
        ("1.2亿", "1.2亿"),
        ("3千元", "3000元"),
    ],
)
def test_replace_chinese_numerals(question: str, expected: str) -> None:
    assert replace_chinese_numerals(question) == expected


@pytest.mark.parametrize(
    ("question", "default", "year", "rest"),
    [
        ("2025年三公经费", None, 2025, "三公经费"),
        ("2025年的三公经费", None, 2025, "三公经费"),
        ("2024年度决算", None, 2024, "决算"),
        ("二〇二五年预算", None, 2025, "预算"),
        ("2025预算支出", None, 2025, "预算支出"),
        ("今年三公经费", 2025, 2025, "三公经费"),
        ("去年的三公经费", 2025, 2024, "三公经费"),
        ("前年收入", 2025, 2023, "收入"),
        ("明年预算", 2025, 2026, "预算"),
        ("上一年的支出", 2025, 2024, "支出"),
        ("上年支出", 2025, 2024, "支出"),
        ("本年度收入", 2025, 2025, "收入"),
        ("去年收入多少", 2024, 2023, "收入多少"),
        # comparisons name the base, not the target
        ("今年比去年增加多少", 2025, 2025, "比去年增加多少"),
        ("比上年增长多少", 2025, None, "比上年增长多少"),
        # terms, not years
        ("上年结转多少", 2025, None, "上年结转多少"),
        ("本年收入合计", 2025, None, "本年收入合计"),
        # amounts are not years
        ("2025万元是什么", None, None, "2025万元是什么"),
        ("三公经费", 2025, None, "三公经费"),
    ],
)
def test_extract_year(question: str, default: int | None, year: int | None, rest: str) -> None:
    assert extract_year(question, default) == (year, rest)


def test_extract_year_relative_without_default_is_a_marker() -> None:
    year, rest = extract_year("去年的三公经费")
    assert year == RelativeYear(-1)
    assert isinstance(year, RelativeYear) and year.resolve(2025) == 2024
    assert rest == "三公经费"


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("三公经费多少元", "元"),
        ("三公经费是多少万元", "万元"),
        ("收入有几亿", "亿元"),
        ("支出多少万", "万元"),
        ("花了多少块钱", "元"),
        ("公车花了多少钱", None),  # 多少钱: no unit asked
        ("三公经费多少", None),
        ("换算成元是多少", "元"),
        ("以万元为单位", "万元"),
    ],
)
def test_extract_unit_request(question: str, unit: str | None) -> None:
    assert extract_unit_request(question) == unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,313.71", (Decimal("2313.71"), None)),
        ("371,514,655.00", (Decimal("371514655.00"), None)),
        ("96282213.44", (Decimal("96282213.44"), None)),
        ("1000", (Decimal(1000), None)),
        ("0.00", (Decimal("0.00"), None)),
        ("1.2亿元", (Decimal("1.2"), "亿元")),
        ("582.024万元", (Decimal("582.024"), "万元")),
        ("2,389.52万", (Decimal("2389.52"), "万元")),  # 元 broken onto the next line
        ("（1,000.00）", (Decimal("-1000.00"), None)),  # accounting negative
        ("(5)", (Decimal(-5), None)),
        ("-0.97", (Decimal("-0.97"), None)),
        ("０．４０", (Decimal("0.40"), None)),  # full-width
        ("12.5%", (Decimal("12.5"), "%")),
        (" 1,002.04 ", (Decimal("1002.04"), None)),
    ],
)
def test_parse_amount(text: str, expected: tuple[Decimal, str | None]) -> None:
    result = parse_amount(text)
    assert result == expected
    assert result is not None and str(result[0]) == str(expected[0])  # precision kept as printed


@pytest.mark.parametrize("text", ["-", "", "—", "－", "  ", None])
def test_parse_amount_nil_cells(text: str | None) -> None:
    assert parse_amount(text) is None
    assert is_nil_amount(text)


@pytest.mark.parametrize("text", ["三公经费", "2025年", "1,2,3", "30101 基本工资", "1.2.3"])
def test_parse_amount_rejects_non_amounts(text: str) -> None:
    assert parse_amount(text) is None
    assert not is_nil_amount(text)


def test_convert_amount_is_exact() -> None:
    assert convert_amount(Decimal("2313.71"), "万元", "元") == Decimal("23137100")
    assert convert_amount(Decimal("371514655.00"), "元", "万元") == Decimal("37151.4655")
    assert convert_amount(Decimal("1.2"), "亿元", "万元") == Decimal(12000)
