"""tce by both electricity conventions and CO2, computed by hand from the inventory's factor set."""

from __future__ import annotations

import pandas as pd
import pytest

from tanda.enterprises import monthly_energy
from tanda.inventory import Override, load_factor_set


def frame(rows):
    return pd.DataFrame(rows, columns=["unit", "year", "month", "fuel", "direction", "canonical"])


def test_tce_by_both_conventions_in_2010():
    factors = load_factor_set()
    # 1000 t raw coal (0.7143 kgce/kg) and 1,000,000 kWh bought, 100,000 kWh passed on
    result = monthly_energy(
        frame(
            [
                [1, 2010, 1, "raw_coal", "in", 1000.0],
                [1, 2010, 1, "electricity", "in", 1_000_000.0],
                [1, 2010, 1, "electricity", "out", 100_000.0],
            ]
        ),
        factors,
    )
    row = result.frame.iloc[0]
    assert row["tce_equivalent"] == pytest.approx(714.3 + 900_000 * 0.0001229)  # 0.1229 kgce/kWh
    assert row["tce_substitution"] == pytest.approx(714.3 + 900_000 * 0.000333)  # 333 gce/kWh in 2010
    assert row["electricity_kwh"] == pytest.approx(900_000)
    assert result.warnings == [] or all("coal-substitution" not in w for w in result.warnings)


def test_co2_is_scope1_fuel_plus_scope2_grid():
    factors = load_factor_set()
    result = monthly_energy(
        frame([[7, 2023, 5, "raw_coal", "in", 100.0], [7, 2023, 5, "electricity", "in", 10_000.0]]),
        factors,
        grids={7: "东北"},
    )
    row = result.frame.iloc[0]
    assert row["co2_scope1_t"] == pytest.approx(100 * factors.combustion["raw_coal"].ef)
    assert row["co2_scope2_t"] == pytest.approx(10_000 * 0.5122 / 1000)  # MEE 2023 东北 grid, kg/kWh
    assert row["co2_t"] == pytest.approx(row["co2_scope1_t"] + row["co2_scope2_t"])


def test_a_year_without_its_own_rates_borrows_and_says_so():
    result = monthly_energy(frame([[1, 2024, 1, "electricity", "in", 1000.0]]), grids={1: "东北"})
    row = result.frame.iloc[0]
    assert row["tce_substitution"] == pytest.approx(1000 * 0.000333)
    assert any("no coal-substitution rate for 2024" in w for w in result.warnings)
    assert any("东北 has no 2024 value" in w for w in result.warnings)


def test_an_override_rate_is_used_without_warning():
    factors = load_factor_set().with_overrides([Override("coal_substitution", "rate", 0.0003)])
    result = monthly_energy(frame([[1, 2024, 1, "electricity", "in", 1000.0]]), factors)
    assert result.frame.iloc[0]["tce_substitution"] == pytest.approx(0.3)
    assert not any("coal-substitution" in w for w in result.warnings)


def test_annual_sums_months_and_counts_them():
    rows = [[1, 2024, m, "raw_coal", "in", 100.0] for m in (1, 2, 3)]
    annual = monthly_energy(frame(rows)).annual()
    assert annual.iloc[0]["tce_equivalent"] == pytest.approx(3 * 71.43)
    assert annual.iloc[0]["months"] == 3
