"""Roll-ups to every region level and to industries; the check against a region's energy balance."""

from __future__ import annotations

import pandas as pd
import pytest

from tanda.enterprises import check_against_balance, fuel_totals_by_region, rollup_industries, rollup_regions
from tanda.inventory import tidy_from_records

UNITS = {1: ("220102", "3011"), 2: ("220581", "3110"), 3: ("220100", "4411")}


def annual():
    return pd.DataFrame(
        {
            "unit": [1, 2, 3],
            "year": [2024] * 3,
            "tce_equivalent": [12_000.0, 3_000.0, 50_000.0],
            "tce_substitution": [13_000.0, 3_500.0, 52_000.0],
            "co2_t": [30_000.0, 8_000.0, 120_000.0],
        }
    )


def test_each_region_sums_the_units_within_it():
    table = rollup_regions(annual(), UNITS).set_index("region")
    assert table.loc["220000", "tce_equivalent"] == pytest.approx(65_000)  # Jilin: all three
    assert table.loc["220100", "tce_equivalent"] == pytest.approx(62_000)  # Changchun: its district + itself
    assert table.loc["220102", "units"] == 1
    assert table.loc["220500", "tce_equivalent"] == pytest.approx(3_000)  # Tonghua, through Meihekou
    assert table.loc["220000", "key_units"] == 2  # ≥ 10,000 tce


def test_industries_roll_up_to_divisions_within_a_region():
    table = rollup_industries(annual(), UNITS).set_index("division")
    assert table.loc["30", "co2_t"] == pytest.approx(30_000)
    assert table.loc["44", "section"] == "D"
    changchun = rollup_industries(annual(), UNITS, region="220100")
    assert set(changchun["division"]) == {"30", "44"}


def test_units_against_the_balance():
    subs = pd.DataFrame(
        [
            [1, 2024, "raw_coal", "in", 400_000.0],
            [3, 2024, "raw_coal", "in", 700_000.0],
            [3, 2024, "raw_coal", "out", 50_000.0],
        ],
        columns=["unit", "year", "fuel", "direction", "canonical"],
    )
    totals = fuel_totals_by_region(subs, UNITS)
    assert totals.set_index(["region", "year", "fuel"]).loc[("220000", 2024, "raw_coal"), "quantity"] == pytest.approx(
        1_050_000
    )
    balance = tidy_from_records(
        [
            {"region": "吉林", "year": 2024, "sector": "工业", "fuel": "原煤", "quantity": 80, "unit": "万吨"},
            {"region": "长春市", "year": 2024, "sector": "工业", "fuel": "原煤", "quantity": 150, "unit": "万吨"},
        ]
    )
    checks = {c.region: c for c in check_against_balance(totals, balance)}
    assert not checks["220000"].consistent  # 1.05 Mt reported by units > 0.8 Mt in the province's balance
    assert "more than the region's balance" in checks["220000"].message
    assert checks["220100"].consistent and checks["220100"].share == pytest.approx(0.7)
