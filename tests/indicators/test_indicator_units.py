"""Chinese statistical units through pint: magnitude words, ratios, and refusals."""

import pytest

from tanda.indicators.units import UnitError, compatible, convert, describe, local_factor, shared_factor


def test_wan_ge_is_ten_thousand_items():
    assert convert(1.2, "万个", "个") == 12000.0


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (6000, "万千瓦", "吉瓦", 60.0),  # 6000万千瓦 = 60 GW
        (1, "万吨标准煤/亿元", "吨标准煤/万元", 1.0),  # intensity from totals keeps its scale
        (11.41, "亿立方米", "万立方米", 114100.0),
        (15, "亩", "公顷", 1.0),
        (3, "千万千瓦", "万千瓦", 3000.0),  # 千万 is one magnitude word, not 千 then 万
        (5, "个百分点", "%", 5.0),
        (500, "座", "个", 500.0),  # classifiers of counted things are one dimension
        (1, "千瓦", "瓦", 1000.0),  # 千瓦 is a unit, not 千 × 瓦 read twice
    ],
)
def test_conversions(value, source, target, expected):
    assert convert(value, source, target) == pytest.approx(expected)


def test_incompatible_units_are_refused_in_words():
    with pytest.raises(UnitError, match=r"'万吨' \(a mass\) cannot be converted to '万千瓦' \(a power\)"):
        convert(1, "万吨", "万千瓦")
    assert not compatible("个", "%")  # a count is not a share
    assert not compatible("A级", "星级")  # ordinal scales convert to nothing but themselves


def test_unknown_unit():
    with pytest.raises(UnitError, match="unknown unit"):
        convert(1, "斤斤", "吨")
    assert describe("万千瓦") == "a power"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("万吨标准煤/亿元", "吨标准煤/万元"),
        ("万千瓦", "千瓦"),
        ("亿立方米", "万立方米"),
        ("万吨", "吨"),
        ("亿元", "万元"),
        ("万吨标准煤", "吉焦"),
        ("吨二氧化碳/万元", "吨二氧化碳/万元"),
    ],
)
def test_local_registry_agrees_with_the_shared_one(source, target):
    """Where `tanda.units` reads both units it decides; the local fallback must give the same factor."""
    shared = shared_factor(source, target)
    assert shared is not None, "tanda.units should read these"
    assert local_factor(source, target) == pytest.approx(shared, rel=1e-9)
