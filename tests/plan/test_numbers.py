"""Numbers as plans write them: Chinese numerals, units with 万/亿, masks, bounds, ranges."""

from __future__ import annotations

import pytest

from tanda.plan.numbers import NumberToken, find_number_tokens, parse_chinese_integer
from tanda.plan.text import normalize


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("一百二十", 120),
        ("三千零五", 3005),
        ("百", 100),
        ("零", 0),
    ],
)
def test_chinese_integers(numeral: str, value: int):
    assert parse_chinese_integer(numeral) == value


@pytest.mark.parametrize("name", ["", "十百", "一二三", "五五", "十四五", "百十", "一百十", "零十"])
def test_runs_of_numeral_characters_that_are_names_not_numbers(name: str):
    assert parse_chinese_integer(name) is None


def only(text: str) -> NumberToken:
    tokens = [t for t in find_number_tokens(normalize(text)) if t.unit or t.masked or t.doubling]
    assert len(tokens) == 1, tokens
    return tokens[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("达到1.2万个", 1.2, "万个"),
        ("达到11.41亿立方米", 11.41, "亿立方米"),
        ("控制在9000万吨以内", 9000, "万吨"),
        ("提高1个等级", 1, "个等级"),
        ("下降2个百分点", 2, "个百分点"),
        ("达到4A级", 4, "A级"),
        ("达到６０００万千瓦", 6000, "万千瓦"),
        ("下降13.5％", 13.5, "%"),
        ("突破300亿元", 300, "亿元"),
        ("下降到0.5吨标准煤/万元", 0.5, "吨标准煤/万元"),
        ("建成500座", 500, "座"),
        ("提高一个等级", 1, "个等级"),
        ("达到三千万千瓦", 3000, "万千瓦"),
    ],
)
def test_values_keep_the_magnitude_word_in_the_unit(text: str, value: float, unit: str):
    token = only(text)
    assert (token.value, token.unit, token.masked) == (value, unit, False)


def test_the_token_spans_the_written_figure_and_its_bound():
    text = "比重达到20%左右。"
    token = only(text)
    assert text[token.start : token.end] == "20%"
    assert token.bound == "左右"
    assert text[token.start : token.bound_end] == "20%左右"


@pytest.mark.parametrize(("text", "bound"), [("90%以上", "以上"), ("35蒸吨及以下", "以下"), ("1万吨之内", "以内")])
def test_bound_words_are_normalised(text: str, bound: str):
    assert only(text).bound == bound


@pytest.mark.parametrize(
    ("text", "unit"), [("达到**%", "%"), ("装机*万千瓦", "万千瓦"), ("执行率达到*。", ""), ("XX%", "%")]
)
def test_masked_figures_have_no_value(text: str, unit: str):
    token = only(text)
    assert token.masked and token.value is None and token.unit == unit


@pytest.mark.parametrize(("text", "value"), [("翻一番", 100), ("翻两番", 300)])
def test_doubling_is_an_increase_in_percent(text: str, value: float):
    token = only(text)
    assert token.doubling and token.value == value and token.unit == "%"


def test_a_range_counts_as_its_lower_bound_with_the_upper_unit():
    token = only("提高到20-25%")
    assert (token.value, token.unit) == (20, "%")


def test_words_that_start_like_units_are_not_units():
    norm = normalize("实施3项目，具备5条件，年处理2处理能力")
    assert all(not t.unit for t in find_number_tokens(norm))


def test_pm25_and_bare_chinese_words_are_not_quantities():
    norm = normalize("PM2.5浓度，一二三产业，十四五期间，三去一降一补")
    assert find_number_tokens(norm) == []
