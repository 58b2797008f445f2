"""Benchmark and baseline levels: the packaged table, levels entered by an office, and screening at the limits."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources

import pytest

from tanda.enterprises import benchmark, benchmarks, budget_share, measured_unit_consumption, screen
from tanda.enterprises.benchmarks import (
    ENTERED,
    LEVEL_FIELDS,
    LevelError,
    _parse,
    entered_level,
    level_problems,
    screen_against,
)

PROVENANCE = resources.files("tanda.data.enterprises").joinpath("PROVENANCE.md").read_text(encoding="utf-8")


def test_published_values_as_confirmed_by_public_pages():
    # the published numbers as the pages cited in PROVENANCE.md state them
    expected = {
        "cement_clinker": (100, 117, "P2"),  # e.ccement.com: Shandong's list against 117 and 100 kgce/t
        "aluminium": (13_000, 13_350, "P5"),  # cmgroup.net: 13,350 kWh/t base, 13,000 kWh/t upper level
        "refining": (7.5, 8.5, "P1"),  # S&P Global: CDU 7.5 benchmark, 8.5 baseline kgoe/t per energy factor
        "silicomanganese": (860, 950, "P4"),  # zjferroalloy.com: 2023 edition 860 / 950 kgce/t
        "ferrosilicon": (1_770, 1_850, "P4"),  # same page: 1770 / 1850 kgce/t, the 2023 baseline 50 below 2021's
    }
    for product, (level, base, source) in expected.items():
        ref = benchmark(product)
        assert (ref.benchmark, ref.baseline, ref.source) == (level, base, source)
        assert ref.status == "confirmed"
    assert benchmark("ferrosilicon").edition == 2023
    assert benchmark("ferrosilicon").document == "发改产业〔2023〕723号"


def test_every_row_is_cited_and_sane():
    cited = set(re.findall(r"\*\*(P\d+)\*\*", PROVENANCE))
    for ref in benchmarks().values():
        assert ref.document.startswith("发改产业〔20")
        assert ref.status == "confirmed"
        assert ref.source in cited, f"{ref.product}: source {ref.source!r} is not described in PROVENANCE.md"
        assert ref.benchmark < ref.baseline
        assert ref.deadline in {date(2025, 12, 31), date(2026, 12, 31)}
        assert (ref.edition == 2023) == (ref.document == "发改产业〔2023〕723号")


def test_values_nobody_could_cite_are_not_packaged():
    for product in ("coke_top_charged", "calcium_carbide", "ammonia_gas", "flat_glass_800", "blast_furnace"):
        assert product not in benchmarks()
        with pytest.raises(KeyError, match="no benchmark"):
            screen(product, 1)
    assert "not packaged: could not be confirmed" in PROVENANCE


@pytest.mark.parametrize(("status", "source"), [("unconfirmed", ""), ("secondary", "C1"), ("confirmed", " ")])
def test_the_loader_refuses_a_row_without_a_confirmed_source(status, source):
    header = (
        "product,field_zh,product_zh,product_en,indicator_zh,unit,benchmark,baseline,better,"
        "edition,document,deadline,division,status,source"
    )
    row = f"x,x,x,x,x,kgce/t,1,2,lower,2021,发改产业〔2021〕1609号,2025-12-31,26,{status},{source}"
    with pytest.raises(ValueError, match="confirmed against a cited source"):
        _parse(f"{header}\n{row}\n")
    assert list(_parse(f"{header}\n{row.replace(f',{status},{source}', ',confirmed,P9')}\n")) == ["x"]


@pytest.mark.parametrize(
    ("value", "level"),
    [(99.9, "benchmark"), (100.0, "benchmark"), (100.1, "between"), (117.0, "between"), (117.1, "below_baseline")],
)
def test_classes_at_and_around_the_limits(value, level):
    result = screen("cement_clinker", value)
    assert result.level == level
    assert (result.deadline == date(2025, 12, 31)) == (level == "below_baseline")


def test_unknown_product_and_bad_value():
    with pytest.raises(KeyError, match="no benchmark"):
        screen("unobtainium", 1)
    with pytest.raises(ValueError):
        screen("cement_clinker", float("nan"))


def test_measured_unit_consumption_from_energy_and_output():
    value, note = measured_unit_consumption(
        "cement_clinker", tce=10_800, electricity_kwh=0, output=10, output_unit="万吨"
    )
    assert note is None and value == pytest.approx(108.0)  # kgce/t
    value, _ = measured_unit_consumption("aluminium", tce=0, electricity_kwh=1.33e9, output=100_000, output_unit="t")
    assert value == pytest.approx(13_300)
    value, note = measured_unit_consumption("refining", tce=1, electricity_kwh=1, output=1, output_unit="t")
    assert value is None and "cannot be measured" in note


def test_budget_share_of_what_remains():
    share = budget_share(160_000, cap=82_000_000, used=81_300_000)
    assert share.remaining == 700_000 and share.share == pytest.approx(160_000 / 700_000)
    assert not share.exceeds
    assert budget_share(1, cap=10, used=10).exceeds and budget_share(1, cap=10, used=10).share is None


# ---------------------------------------------------------------- levels entered by an office
# Made-up products and numbers: these test the rules, not any published level.

ENTERED_VALUES = {
    "product": "demo_widget",
    "field_zh": "示例领域",
    "product_zh": "示例产品（测试）",
    "product_en": "Demo widget",
    "indicator_zh": "单位产品综合能耗",
    "unit": "kgce/t",
    "benchmark": "10",
    "baseline": "20",
    "edition": "2023",
    "document": "示例文件〔2023〕1号",
    "deadline": "2026-12-31",
    "division": "26",
    "citation": "附件1 表1 第3行",
}


def test_an_entered_level_is_read_from_text_and_screened_like_a_packaged_one():
    ref = entered_level(ENTERED_VALUES)
    assert (ref.benchmark, ref.baseline, ref.edition, ref.deadline) == (10.0, 20.0, 2023, date(2026, 12, 31))
    assert (ref.status, ref.source, ref.better) == (ENTERED, "附件1 表1 第3行", "lower")
    assert [screen_against(ref, v).level for v in (9, 10, 15, 20, 21)] == [
        "benchmark",
        "benchmark",
        "between",
        "between",
        "below_baseline",
    ]
    below = screen_against(ref, 25)
    assert (below.product, below.unit, below.deadline, below.gap_to_baseline) == (
        "demo_widget",
        "kgce/t",
        date(2026, 12, 31),
        5.0,
    )
    assert screen_against(ref, 15).deadline is None


def test_screen_is_screen_against_the_packaged_level():
    ref = benchmark("cement_clinker")
    for value in (ref.benchmark - 1, ref.benchmark, ref.baseline, ref.baseline + 1):
        assert screen("cement_clinker", value) == screen_against(ref, value)


def test_negative_levels_lower_is_better():
    # process indicators that recover energy are negative: the benchmark is the more negative one
    ref = entered_level({**ENTERED_VALUES, "benchmark": "−3", "baseline": "－1"})  # U+2212 and full-width minus
    assert (ref.benchmark, ref.baseline) == (-3.0, -1.0)
    assert screen_against(ref, -4).level == "benchmark"
    assert screen_against(ref, -2).level == "between"
    assert screen_against(ref, 0).level == "below_baseline"
    problems = level_problems({**ENTERED_VALUES, "benchmark": -1, "baseline": -3})
    assert [p.field for p in problems] == ["benchmark"]
    assert "基准水平" in problems[0].message and "-3" in problems[0].message


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("benchmark", "20", "须低于基准水平"),  # equal to the baseline is not below it
        ("benchmark", "abc", "须为数字"),
        ("baseline", "nan", "有限"),
        ("unit", "  ", "不能为空"),
        ("edition", "1999", "2000–2100"),
        ("edition", "2101", "2000–2100"),
        ("edition", "2023.5", "年份"),
        ("deadline", "31/12/2026", "日期"),
        ("deadline", "2020-12-31", "早于版本年份"),
        ("division", "99", "division 99 does not exist"),
        ("division", "C99", "GB/T 4754"),
        ("citation", "", "不能为空"),
        ("product", "Demo Widget", "小写"),
        ("document", "", "不能为空"),
        ("citation", "x" * 301, "过长"),
    ],
)
def test_each_wrong_field_is_named(field, value, says):
    problems = level_problems({**ENTERED_VALUES, field: value})
    assert [p.field for p in problems] == [field], problems
    assert says in problems[0].message
    assert f"（{field}）" in problems[0].message  # the message names the field as the file's column does
    with pytest.raises(LevelError) as caught:
        entered_level({**ENTERED_VALUES, field: value})
    assert caught.value.problems == problems and field in str(caught.value)


def test_every_problem_at_once_and_typed_values_accepted():
    problems = level_problems({})
    assert {p.field for p in problems} == set(LEVEL_FIELDS) - {"product_en"}
    typed = entered_level(
        {**ENTERED_VALUES, "benchmark": 10, "baseline": 20.5, "edition": 2023.0, "deadline": date(2026, 12, 31)}
    )
    assert (typed.baseline, typed.edition, typed.product_en) == (20.5, 2023, "Demo widget")
    assert entered_level({**ENTERED_VALUES, "deadline": "2026-12-31 00:00:00"}).deadline == date(2026, 12, 31)
    assert entered_level({**ENTERED_VALUES, "product_en": ""}).name("en") == "示例产品（测试）"
    assert level_problems({**ENTERED_VALUES, "better": "higher"})[0].field == "better"


def test_a_class_or_group_code_is_kept_as_its_division():
    assert entered_level({**ENTERED_VALUES, "division": "C3011"}).division == "30"
    assert entered_level({**ENTERED_VALUES, "division": "261"}).division == "26"


def test_screening_refuses_a_value_that_is_not_a_number():
    ref = entered_level(ENTERED_VALUES)
    for bad in (float("nan"), float("inf"), None):
        with pytest.raises(ValueError, match="not a unit energy consumption"):
            screen_against(ref, bad)


def test_the_packaged_loader_still_refuses_an_entered_row():
    header = (
        "product,field_zh,product_zh,product_en,indicator_zh,unit,benchmark,baseline,better,"
        "edition,document,deadline,division,status,source"
    )
    row = "x,x,x,x,x,kgce/t,1,2,lower,2021,发改产业〔2021〕1609号,2025-12-31,26,entered,附件1"
    with pytest.raises(ValueError, match="confirmed against a cited source"):
        _parse(f"{header}\n{row}\n")
