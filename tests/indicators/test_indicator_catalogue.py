"""The packaged indicator catalogue: size, coverage of the seed plans, consistency checks, formulas."""

import json
from pathlib import Path

import pytest

from tanda.indicators import CatalogueError, load_catalogue, match_name, parse_catalogue
from tanda.indicators.units import parse_unit

GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold"
HEADER = "code,name_zh,name_en,unit,direction,kinds,category,min,max,formula,synonyms\n"


def gold_targets():
    files = sorted(GOLD.glob("*.targets.json"))
    assert len(files) == 5, f"expected the five gold files in {GOLD}"
    return [t for f in files for t in json.loads(f.read_text(encoding="utf-8"))]


def test_catalogue_size_and_fields():
    cat = load_catalogue()
    assert len(cat) >= 40
    for ind in cat:
        assert ind.direction in ("up", "down")
        assert ind.kinds, ind.code
        parse_unit(ind.unit)  # every unit is readable
        if ind.is_share:
            assert (ind.min, ind.max) == (0, 100), ind.code


def test_issue_indicators_are_present():
    cat = load_catalogue()
    for name in [
        "非化石能源消费比重",
        "单位地区生产总值二氧化碳排放",
        "单位地区生产总值能源消耗",
        "煤炭消费量",
        "煤炭消费比重",
        "风电装机容量",
        "太阳能发电装机容量",
        "生物质发电装机容量",
        "抽水蓄能装机容量",
        "新型储能装机容量",
        "电网尖峰负荷响应能力",
        "充（换）电站",
        "充电桩",
        "新能源汽车新车销售量占比",
        "绿色出行比例",
        "森林覆盖率",
        "森林蓄积量",
        "草原综合植被盖度",
        "秸秆综合利用率",
        "生活垃圾回收利用率",
        "保护性耕作面积",
    ]:
        assert cat.by_name(name) is not None, name


def test_every_indicator_the_seed_plans_target_is_in_the_catalogue():
    """Every non-borderline gold target (masked ones too), except threshold rules, names a catalogue indicator."""
    cat = load_catalogue()
    names = {t["indicator"] for t in gold_targets() if not t.get("borderline") and t["kind"] != "rule"}
    missing = sorted(n for n in names if match_name(n, cat) is None)
    assert missing == []
    assert len(names) >= 60


def test_derived_indicators_follow_from_units():
    cat = load_catalogue()
    # 8000 万吨标准煤 over 13000 亿元 is 0.615 吨标准煤 per 万元: the formula states no factor.
    assert cat.derive("energy_intensity", {"total_energy_consumption": 8000, "gdp_constant_prices": 13000}) == (
        pytest.approx(8000 / 13000)
    )
    share = cat.derive("non_fossil_share", {"non_fossil_energy_consumption": 1400, "total_energy_consumption": 8000})
    assert share == pytest.approx(17.5)
    assert cat.derive("wind_solar_capacity", {"wind_capacity": 1400, "solar_capacity": 800}) == 2200
    with pytest.raises(KeyError, match="gdp_constant_prices"):
        cat.derive("co2_intensity", {"co2_emissions": 20000})


def test_catalogue_errors_are_caught_when_loading():
    good = "a,甲,A,%,up,level,energy,0,100,,\n"
    assert len(parse_catalogue(HEADER + good)) == 1
    with pytest.raises(CatalogueError, match="belongs to both"):
        parse_catalogue(HEADER + good + "b,乙,B,%,up,level,energy,0,100,,甲\n")
    with pytest.raises(CatalogueError, match="unknown indicator nope"):
        parse_catalogue(HEADER + good + "b,乙,B,%,up,level,energy,0,100,a / nope,\n")
    with pytest.raises(CatalogueError, match="unknown unit"):
        parse_catalogue(HEADER + "b,乙,B,斤斤,up,level,energy,0,,,\n")
    with pytest.raises(CatalogueError, match="direction"):
        parse_catalogue(HEADER + "b,乙,B,%,sideways,level,energy,0,100,,\n")
    with pytest.raises(CatalogueError, match="not allowed"):
        parse_catalogue(HEADER + good + "b,乙,B,%,up,level,energy,0,100,__import__(a),\n")
