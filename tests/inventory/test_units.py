"""The Chinese statistical units: each multiplier defined once and right."""

import pytest

from tanda.units import UnitError, conversion_factor, dimension_of, parse_unit


def test_tonne_of_coal_equivalent_is_29_3076_gj():
    # GLOSSARY.md: 标准煤 (tce) = 29.3076 GJ; statistics keep energy in 万吨标准煤.
    assert conversion_factor("tce", "GJ") == pytest.approx(29.3076, abs=1e-12)
    assert conversion_factor("万吨标准煤", "GJ") == pytest.approx(293076, rel=1e-12)
    assert conversion_factor("kgce", "MJ") == pytest.approx(29.3076, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "target", "factor"),
    [
        ("万吨", "t", 1e4),
        ("10^4 t", "t", 1e4),
        ("亿立方米", "m3", 1e8),
        ("10⁸ m³", "m3", 1e8),
        ("万立方米", "m3", 1e4),
        ("万Nm3", "m3", 1e4),
        ("亿千瓦时", "kWh", 1e8),
        ("万千瓦时", "kWh", 1e4),
        ("万千瓦", "kW", 1e4),
        ("万百万千焦", "GJ", 1e4),
        ("百万千焦", "GJ", 1),
        ("亿元", "万元", 1e4),
        ("万人", "person", 1e4),
        ("Mt", "t", 1e6),
    ],
)
def test_statistical_units(text, target, factor):
    assert conversion_factor(text, target) == pytest.approx(factor, rel=1e-12)


def test_co2_units_are_masses_that_say_co2():
    for text in ("万吨二氧化碳", "Mt CO2", "tCO2", "t CO₂"):
        _, _, co2 = parse_unit(text)
        assert co2, text
        assert dimension_of(text) == "mass"
    assert parse_unit("万吨")[2] is False


def test_dimensions():
    assert dimension_of("亿立方米") == "volume"
    assert dimension_of("亿千瓦时") == "energy"
    assert dimension_of("万吨标准煤") == "energy"
    assert dimension_of("万千瓦") == "power"
    assert dimension_of("万元") == "currency"


@pytest.mark.parametrize("text", ["", "furlongs of coal", "12", "万吨煤"])
def test_unknown_units_are_refused(text):
    with pytest.raises(UnitError):
        parse_unit(text)


def test_incompatible_conversion_is_refused():
    with pytest.raises(UnitError):
        conversion_factor("万吨", "m3")
