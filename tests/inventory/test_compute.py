"""Hand-computed inventories from the guideline factors, to the tonne, and the arithmetic of totals."""

import json
from decimal import Decimal

import pytest

from tanda.inventory import FactorError, Override, compute, load_factor_set, tidy_from_records

ROWS = [
    ("电力、热力的生产和供应业", "原煤", 12.5, "万吨"),
    ("黑色金属冶炼和压延加工业", "焦炭", 3, "万吨"),
    ("Urban", "天然气", 0.2, "亿立方米"),
    ("交通运输、仓储和邮政业", "柴油", 1.5, "万吨"),
    ("", "水泥", 50, "万吨"),
    ("调入", "电力", 8, "亿千瓦时"),
    ("调出", "电力", 2, "亿千瓦时"),
    ("", "水电", 5, "亿千瓦时"),
]


def activity(rows=ROWS, region="示范县", year=2022):
    return tidy_from_records(
        {"region": region, "year": year, "sector": s, "fuel": f, "quantity": q, "unit": u} for s, f, q, u in rows
    )


@pytest.fixture(scope="module")
def inventory():
    return compute(activity(), "guideline")[0]


def test_hand_computed_cells_to_the_tonne(inventory, shared):
    # Worked by hand from the guideline table: quantity × NCV × carbon content × oxidation × 44/12.
    #   原煤  125 000 t × 20.908 GJ/t (GB/T 2589) × 0.02618 tC/GJ × 93 % (烟煤) × 44/12 = 233 317 t
    #   焦炭   30 000 t × 28.446 GJ/t × 0.02940 × 93 % × 44/12                       =  85 555 t
    #   天然气 2×10⁷ m³ × 389.31 GJ/10⁴ m³ × 0.01530 × 99 % × 44/12                  =  43 244 t
    #   柴油   15 000 t × 43.33 GJ/t × 0.02020 × 98 % × 44/12                        =  47 177 t
    table = shared("fuel_defaults_enterprise_guideline.csv").set_index("fuel")
    assert table.loc["焦炭"].tolist() == [28.446, 0.0294, 93]
    assert table.loc["柴油"].tolist() == [43.33, 0.0202, 98]
    tonnes = {
        ("power", "raw_coal"): 233_317,
        ("ferrous_smelting", "coke"): 85_555,
        ("urban", "natural_gas"): 43_244,
        ("transport", "diesel_oil"): 47_177,
    }
    for (sector_id, fuel_id), expected in tonnes.items():
        assert round(inventory.cell_kg(sector_id, fuel_id) / 1000) == expected, fuel_id
    assert round(inventory.process_total_kg / 1000) == 145_300  # 500 000 t cement × 0.2906
    # 233 317.076 + 85 554.759 + 43 243.776 + 47 176.837 = 409 292.448
    assert round(inventory.combustion_kg / 1000) == 409_292


def test_scope2_is_net_imports_times_grid_factor_and_kept_apart(inventory):
    # (8 − 2) ×10⁸ kWh × 0.5366 kg/kWh (national average 2022, MEE/NBS) = 321 960 t
    assert inventory.scope2_electricity_kg == 321_960_000
    assert inventory.grid["year"] == 2022
    assert inventory.total_kg == inventory.combustion_kg + inventory.process_total_kg  # scope 2 not in it


def test_energy_by_both_conventions(inventory):
    # fossil: 125 000 × 0.7143 + 30 000 × 0.9714 + 2×10⁷ × 0.0012143 + 15 000 × 1.4571 = 164 572 tce
    # electricity (hydro 5 + net imports 6) ×10⁸ kWh: equivalent 0.1229 kgce/kWh → 135 190 tce
    assert inventory.energy.total("equivalent_value") == pytest.approx(164_572 + 135_190, abs=1e-6)
    assert inventory.energy.total("coal_substitution") is None  # no published rate for 2022 in the package
    local = compute(activity(), load_factor_set().with_overrides([Override("coal_substitution", "rate", 300e-6)]))[0]
    # coal substitution at 300 gce/kWh: 11×10⁸ kWh → 330 000 tce
    assert local.energy.total("coal_substitution") == pytest.approx(164_572 + 330_000, abs=1e-6)
    assert local.energy.non_fossil_share("coal_substitution") == pytest.approx(150_000 / (164_572 + 330_000))


def test_totals_by_fuel_and_sector_agree_with_the_total_to_the_last_digit():
    rows = [(s, f, q * 1.000123457, u) for s, f, q, u in ROWS] + [
        ("Rural", "原煤", 0.3333333, "万吨"),
        ("Urban", "液化石油气", 0.777777, "万吨"),
    ]
    inv = compute(activity(rows), "guideline")[0]
    data = json.loads(json.dumps(inv.to_dict()), parse_float=Decimal)
    total = data["total_tco2"]
    assert sum(data["by_fuel"].values()) == total
    assert sum(data["by_sector"].values()) == total
    assert sum(data["by_ipcc"].values()) == total
    assert sum(data["by_three_industry"].values()) == total
    assert data["combustion_tco2"] + data["process_tco2"] == total


def test_one_inventory_per_region_and_year():
    both = activity().combine(activity(region="另一县"), activity(year=2023))
    inventories = compute(both)
    assert [(i.region, i.year) for i in inventories] == [("另一县", 2022), ("示范县", 2022), ("示范县", 2023)]
    assert len({i.total_kg for i in inventories}) == 1  # same activity, same CO2


def test_the_set_and_overrides_are_recorded(inventory):
    assert inventory.factor_set["name"] == "guideline"
    assert inventory.factor_set["overrides"] == []
    local = load_factor_set().with_overrides([Override("raw_coal", "ncv", 19.0, "GJ/t", "实测")])
    inv = compute(activity(), local)[0]
    assert inv.factor_set["overrides"][0]["item"] == "raw_coal"
    assert inv.factor_set["digest"] != inventory.factor_set["digest"]
    assert round(inv.cell_kg("power", "raw_coal") / 1000) == round(125000 * 19.0 * 0.02618 * 0.93 * 44 / 12)


def test_a_fuel_without_a_factor_is_an_error_not_a_zero():
    rows = [("Urban", "型煤", 1, "万吨")]
    with pytest.raises(FactorError, match="型煤"):
        compute(activity(rows), "ipcc2006")


def test_sinks_are_kept_apart():
    rows = [("Urban", "原煤", 1, "万吨"), ("", "碳汇", 2, "万吨二氧化碳"), ("", "森林蓄积量变化", 10, "万立方米")]
    with pytest.raises(FactorError, match="sink factor"):
        compute(activity(rows))
    fs = load_factor_set().with_overrides([Override("forest_stock_change", "factor", 1.5)])
    inv = compute(activity(rows), fs)[0]
    assert inv.sinks_kg == 20_000_000 + 150_000_000  # 2 万t + 10 万m³ × 1.5 t/m³
    assert inv.total_kg == inv.cell_kg("urban", "raw_coal")


def test_heat_scope2_needs_a_factor():
    rows = [("Urban", "原煤", 1, "万吨"), ("调入", "热力", 100, "万百万千焦")]
    inv = compute(activity(rows))[0]
    assert inv.scope2_heat_kg is None and any("heat factor" in w for w in inv.warnings)
    fs = load_factor_set().with_overrides([Override("heat", "ef", 0.11)])
    assert compute(activity(rows), fs)[0].scope2_heat_kg == 110_000_000  # 10⁶ GJ × 0.11 t/GJ
