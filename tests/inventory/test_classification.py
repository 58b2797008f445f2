"""Fuel and sector names as users write them, and the classifications that hang on sectors."""

import pytest

from tanda.inventory import ceads_fuels, ceads_sectors, resolve_fuel, resolve_sector
from tanda.inventory.fuels import all_fuels
from tanda.inventory.sectors import all_sectors, ipcc_categories, resolve_flow


@pytest.mark.parametrize(
    ("name", "fuel_id"),
    [
        ("原油", "crude_oil"),
        ("柴油", "diesel_oil"),
        ("天然气", "natural_gas"),
        ("Diesel Oil", "diesel_oil"),
        ("diesel oil", "diesel_oil"),
        ("Raw Coal", "raw_coal"),
        ("Coal Raw", "raw_coal"),  # the LBL databook's order
        ("其它洗煤", "other_washed_coal"),
        ("其他洗煤", "other_washed_coal"),
        ("液化石油气", "lpg"),
        ("LPG", "lpg"),
        ("一般煤油", "kerosene"),
        ("其它石油制品", "other_petroleum_products"),
        (" 焦炉煤气 ", "coke_oven_gas"),
        ("水泥", "cement"),
    ],
)
def test_fuel_names_in_chinese_and_english(name, fuel_id):
    assert resolve_fuel(name).id == fuel_id


def test_unknown_fuel_is_none():
    assert resolve_fuel("原煤X") is None
    assert resolve_fuel("") is None


def test_every_guideline_fuel_name_is_known(shared):
    for name in shared("fuel_defaults_enterprise_guideline.csv")["fuel"]:
        assert resolve_fuel(name) is not None, name


def test_ceads_seventeen_fuels_match_the_published_matrix(ceads_matrix):
    published = list(ceads_matrix.columns[3:20])  # Raw Coal … Natural Gas
    ours = [name for name in ceads_fuels() if name != "Process"]
    assert ours == published
    assert len(ours) == 17


def test_ceads_sectors_are_the_published_47(ceads_matrix):
    published = [
        s
        for s in ceads_matrix[(ceads_matrix.province == "Jilin") & (ceads_matrix.year == 2011)]["sector"]
        if s != "Total Consumption"
    ]
    ours = [s.name_en for s in ceads_sectors()]
    assert ours == published
    assert len(ours) == 47
    assert ours[-2:] == ["Urban", "Rural"]


def test_sector_names_as_ceads_and_in_chinese():
    assert resolve_sector("Smelting and Pressing of Ferrous Metals").id == "ferrous_smelting"
    assert resolve_sector("黑色金属冶炼和压延加工业").id == "ferrous_smelting"  # 2011 classification wording
    assert resolve_sector("黑色金属冶炼及压延加工业").id == "ferrous_smelting"
    assert resolve_sector("Urban").id == "urban"
    assert resolve_sector("乡村").id == "rural"
    assert resolve_sector("农、林、牧、渔业").id == "farming"  # as the energy balance writes it
    assert resolve_sector("4.交通运输、仓储和邮政业").id == "transport"  # numbering stripped
    assert resolve_sector("工业").kind == "aggregate"


def test_flows_are_not_sectors():
    assert resolve_flow("火力发电").target == "power"
    assert resolve_flow("#用作原料、材料").role == "non_energy"
    assert resolve_flow("外省（区、市）调入量").role == "import"
    assert resolve_flow("Interprovincial Exports").role == "export"
    assert resolve_flow("建筑业") is None  # a sector, never a flow


def test_three_industry_split_and_ipcc_cover_every_sector():
    codes = ipcc_categories()
    for s in all_sectors().values():
        assert s.three_industry in {"primary", "secondary", "tertiary", "household"}, s.id
        assert s.ipcc in codes, s.id
    industries = [s for s in ceads_sectors() if s.three_industry == "secondary"]
    assert len(industries) == 41  # 40 industrial sectors and construction
    assert {s.ipcc for s in ceads_sectors()} >= {"1A1a", "1A2a", "1A2f", "1A3", "1A4b", "1A4c"}
    assert "2A1" in codes


def test_aliases_do_not_collide():
    names = {}
    for f in all_fuels().values():
        for n in (f.name_en.casefold(), f.name_zh):
            assert names.setdefault(n, f.id) == f.id
