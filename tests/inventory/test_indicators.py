"""Derived indicators: intensities against GDP at constant prices, shares, per-capita CO2."""

import pytest

from tanda.inventory import (
    EconomicData,
    Override,
    compute,
    derive_indicators,
    load_factor_set,
    read_ceads_matrix,
    tidy_from_records,
)


@pytest.fixture(scope="module")
def jilin(ceads_matrix, shared):
    inventories = compute(read_ceads_matrix(ceads_matrix, region="Jilin"))
    table = shared("jilin_ceads_gdp_pop_1997_2019.csv").set_index("year")
    economy = {
        int(y): EconomicData.from_units(
            int(y),
            row["gdp_const2005_1e8yuan_natdeflator"],
            "亿元",
            2005,
            None if row.isna()["population_1e4"] else row["population_1e4"],
            "万人",
        )
        for y, row in table.iterrows()
    }
    return {(o.indicator, o.year): o for o in derive_indicators(inventories, economy)}, table


def test_co2_intensity_and_its_fall_since_2005(jilin):
    observations, table = jilin
    # by hand from the published columns: Mt / (10⁸ yuan) → t per 10⁴ yuan is Mt × 10⁶ / (10⁸ / 10⁴)
    by_hand = {
        y: table.loc[y, "ceads_co2_total_Mt"] * 1e6 / (table.loc[y, "gdp_const2005_1e8yuan_natdeflator"] * 1e4)
        for y in (2005, 2019)
    }
    for y in (2005, 2019):
        assert observations[("co2_per_gdp", y)].value == pytest.approx(
            by_hand[y], rel=1e-4
        )  # the table rounds Mt to 3 decimals
        assert observations[("co2_per_gdp", y)].unit == "t/万元"
    change = observations[("co2_per_gdp_change_vs_2005", 2019)]
    assert change.value == pytest.approx(100 * (by_hand[2019] / by_hand[2005] - 1), abs=0.01)
    assert change.value < 0  # Jilin's CO2 per unit of GDP fell
    assert ("co2_per_gdp_change_vs_2020", 2019) not in observations  # no 2020 inventory, no such change


def test_per_capita_co2(jilin):
    observations, table = jilin
    assert observations[("co2_per_capita", 2019)].value == pytest.approx(
        table.loc[2019, "ceads_co2_total_Mt"] * 1e6 / (table.loc[2019, "population_1e4"] * 1e4), rel=1e-4
    )
    assert ("co2_per_capita", 1997) not in observations  # population missing that year


def test_emissions_alone_give_no_energy_indicators(jilin):
    observations, _ = jilin
    assert not any(code.startswith(("energy_", "non_fossil", "coal_share")) for code, _ in observations)


def test_energy_indicators_from_activity():
    def activity(year, coal):
        rows = [("Urban", "原煤", coal, "万吨"), ("", "水电", 5, "亿千瓦时")]
        return tidy_from_records(
            {"region": "县", "year": year, "sector": s, "fuel": f, "quantity": q, "unit": u} for s, f, q, u in rows
        )

    fs = load_factor_set().with_overrides([Override("coal_substitution", "rate", 300e-6)])
    inventories = compute(activity(2020, 10).combine(activity(2025, 8)), fs)
    economy = {2020: EconomicData(2020, 1e10, 2020), 2025: EconomicData(2025, 1.2e10, 2020)}
    obs = {(o.indicator, o.year): o for o in derive_indicators(inventories, economy)}
    # 2020: 10 万t raw coal = 71 430 tce; hydro 5×10⁸ kWh × 300 gce = 150 000 tce; GDP 10⁶ 万元
    assert obs[("energy_per_gdp", 2020)].value == pytest.approx((71_430 + 150_000) / 1e6)
    assert obs[("non_fossil_share", 2020)].value == pytest.approx(100 * 150_000 / 221_430)
    assert obs[("coal_share", 2025)].value == pytest.approx(100 * 57_144 / 207_144)
    assert "coal_substitution" in obs[("energy_per_gdp", 2020)].method
    e20, e25 = (71_430 + 150_000) / 1e6, (57_144 + 150_000) / 1.2e6
    assert obs[("energy_per_gdp_change_vs_2020", 2025)].value == pytest.approx(100 * (e25 / e20 - 1))
    c20 = inventories[0].total_kg / 1000 / 1e6
    c25 = inventories[1].total_kg / 1000 / 1.2e6
    assert obs[("co2_per_gdp_change_vs_2020", 2025)].value == pytest.approx(100 * (c25 / c20 - 1))


def test_mixed_price_bases_are_refused():
    rows = tidy_from_records(
        [
            {"region": "县", "year": y, "sector": "Urban", "fuel": "原煤", "quantity": 1, "unit": "万吨"}
            for y in (2020, 2021)
        ]
    )
    with pytest.raises(ValueError, match="prices of one base year"):
        derive_indicators(compute(rows), {2020: EconomicData(2020, 1e9, 2020), 2021: EconomicData(2021, 1e9, 2021)})
