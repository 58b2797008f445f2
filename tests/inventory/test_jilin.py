"""Published activity against published emissions: Jilin's 2010 and 2011 energy balances vs CEADs.

The CEADs-style set is made from 2010 (`derive_ceads_style.py`) and tested here on 2011 — never on
the year it was fitted on. The guideline set is expected to differ (SOURCES.md: about 10 % above
CEADs, raw coal most of it); the test checks that the difference is what the fuel-by-fuel
explanation says.
"""

import csv
from importlib import resources

import pytest

from tanda.data.factors.derive_ceads_style import derive
from tanda.inventory import compare, compute, read_ceads_matrix
from tanda.inventory.published import ceads_totals

# Fuels whose 2011 CO2 the 2010-derived factors miss by more than 2 %, and why (asserted below).
OUTSIDE_2_PCT = {"Cleaned Coal", "Refinery Gas", "Briquettes", "Other Petroleum Products"}


@pytest.fixture(scope="module")
def published(ceads_matrix):
    return {i.year: i for i in compute(read_ceads_matrix(ceads_matrix, region="Jilin"))}


@pytest.fixture(scope="module")
def ceads_style(jilin_activity, published):
    return {y: compare(compute(jilin_activity.select(year=y), "ceads")[0], published[y]) for y in (2010, 2011)}


@pytest.fixture(scope="module")
def guideline(jilin_activity, published):
    return {y: compare(compute(jilin_activity.select(year=y), "guideline")[0], published[y]) for y in (2010, 2011)}


def test_packaged_ceads_style_factors_are_what_the_script_makes(shared_data):
    text = resources.files("tanda.data.factors").joinpath("ceads_style_jilin2010.csv").read_text(encoding="utf-8")
    assert list(csv.DictReader(text.splitlines())) == derive(shared_data, 2010)


def test_ceads_style_reproduces_the_year_it_was_made_from(ceads_style):
    # A check of the plumbing, not of the method: on 2010 every fuel with CEADs CO2 comes back exactly.
    for f in ceads_style[2010].fuels:
        if f.published_t:
            assert f.difference_t == pytest.approx(0, abs=1), f.fuel


def test_ceads_style_on_2011_total_within_1_pct(ceads_style):
    c = ceads_style[2011]
    assert abs(c.difference_pct) < 1.0
    assert round(c.published_t / 1e6, 2) == 234.43


def test_ceads_style_on_2011_each_fuel_within_2_pct_but_the_explained_four(ceads_style):
    c = ceads_style[2011]
    assert set(c.outside(2.0)) == OUTSIDE_2_PCT
    inside = [f for f in c.fuels if f.published_t and f.fuel not in OUTSIDE_2_PCT]
    assert len(inside) == 14  # 13 fuels and process
    # together the four are a small part of the total: they cannot move it by more than 0.3 %
    moved = sum(abs(c.fuel(name).difference_t) for name in OUTSIDE_2_PCT)
    assert moved / c.published_t < 0.003


def test_why_cleaned_coal_misses(ceads_matrix, ceads_style, jilin_activity):
    # CEADs 2010 puts 0.149 Mt of cleaned-coal CO2 in "Production and Supply of Gas"; the balance books that
    # coal as gas-works *transformation* input, not as burned. Without that cell, 2010 implies the same
    # t CO2 per t as 2011 (within 1 %): the miss is activity, not factor.
    rows = ceads_matrix[(ceads_matrix.province == "Jilin") & (ceads_matrix.year == 2010)].set_index("sector")
    gas_works = rows.loc["Production and Supply of Gas", "Cleaned Coal"] * 1e6
    burned = {y: compute(jilin_activity.select(year=y))[0].burned["cleaned_coal"] for y in (2010, 2011)}
    implied_2010 = (ceads_totals(ceads_matrix, "Jilin", 2010)["Cleaned Coal"] * 1e6 - gas_works) / burned[2010]
    implied_2011 = ceads_totals(ceads_matrix, "Jilin", 2011)["Cleaned Coal"] * 1e6 / burned[2011]
    assert gas_works > 0.1e6
    assert implied_2010 == pytest.approx(implied_2011, rel=0.01)


def test_why_refinery_gas_and_briquettes_miss(ceads_style):
    # Their 2011 implied factors are the physical ones (guideline NCV × carbon × oxidation, within 1.5 %);
    # the 2010 ones are 5–10 % off, so 2010's CEADs activity for them differs from the balance's.
    from tanda.inventory import load_factor_set

    physical = load_factor_set("guideline").combustion
    for name, fuel_id in [("Refinery Gas", "refinery_gas"), ("Briquettes", "briquettes")]:
        f2010, f2011 = ceads_style[2010].fuel(name), ceads_style[2011].fuel(name)
        assert f2011.implied_factor == pytest.approx(physical[fuel_id].ef, rel=0.015), name
        assert abs(f2010.implied_factor / physical[fuel_id].ef - 1) > 0.04, name


def test_why_other_petroleum_products_miss(ceads_style):
    # CEADs publishes no CO2 from other petroleum products in Jilin 2010 or 2011, though the balance shows
    # some burned after non-energy use: an activity definition, worth 0.05 % of the total.
    for year in (2010, 2011):
        f = ceads_style[year].fuel("Other Petroleum Products")
        assert f.published_t == 0 and f.burned > 0
        assert f.computed_t / ceads_style[year].published_t < 0.003


def test_the_method_holds_the_other_way_round(shared_data, jilin_activity, published):
    # Made from 2011 and tested on 2010, the same fuels miss and the total is again within 1 %.
    from tanda.inventory import Override, load_factor_set

    rows = derive(shared_data, 2011)
    fs = load_factor_set("ceads").with_overrides(
        [Override(r["fuel"], "ef", float(r["ef"]) / (1e4 if r["unit"] == "t/万立方米" else 1)) for r in rows]
    )
    c = compare(compute(jilin_activity.select(year=2010), fs)[0], published[2010])
    assert abs(c.difference_pct) < 1.0
    assert set(c.outside(2.0)) == OUTSIDE_2_PCT


@pytest.mark.parametrize("year", [2010, 2011])
def test_guideline_set_is_about_ten_pct_above_ceads_and_raw_coal_is_most_of_it(guideline, year):
    c = guideline[year]
    assert 7 < c.difference_pct < 12
    raw = c.fuel("Raw Coal")
    # SOURCES.md: CEADs implies 1.69 t CO2/t raw coal, the guideline 1.87
    assert round(raw.implied_factor, 2) == 1.69 and round(raw.used_factor, 2) == 1.87
    assert raw.share_of_difference > 0.75
    # the rest is mostly other gas (blast-furnace and converter gas: 9.9 vs 6.0 t CO2 per 10⁴ m³)
    assert raw.share_of_difference + c.fuel("Other Gas").share_of_difference > 0.95
    # oil products and natural gas agree within a few per cent
    for name in ("Gasoline", "Diesel Oil", "Kerosene", "Crude Oil", "Fuel Oil", "Natural Gas"):
        assert abs(c.fuel(name).difference_pct) < 6, name
    assert c.fuel("Process").difference_t == pytest.approx(0, abs=15)  # cement output × 0.2906
    assert any("Raw Coal" in line for line in c.explain()[1:2])  # the explanation leads with raw coal


@pytest.mark.parametrize("year", [2010, 2011])
def test_energy_from_the_balance_matches_the_databooks_tce(shared, jilin_activity, year):
    # The databook converts the same balance to Mtce with its own coefficients. With those coefficients
    # as overrides, tanda's energy account (final use + transformation input − output + losses, plus
    # primary and net imported electricity) must give the databook's sum; with GB/T 2589's it differs
    # mostly through other washed coal (databook 0.525 kgce/kg, GB/T 2589 0.2857–0.4286).
    from tanda.inventory import Override, load_factor_set, resolve_fuel

    table = shared("jilin_energy_balance_2006p_2010_2011_Mtce.csv")
    rows = table[(table.year == year) & table.value_physical.notna()]
    flows = [
        "Total Consumption",
        "Thermal Power",
        "Heating Supply",
        "Coal Washing",
        "Coking",
        "Petroleum Refineries",
        "Gas Works",
        "Briquettes",
        "Recovery of Energy",
    ]
    fossil = rows[~rows.EBMaterial.isin(["Electricity", "Heat"]) & rows.EBProcess.isin(flows)]
    used = (
        fossil[fossil.EBProcess == "Total Consumption"].value_Mtce.sum()
        - fossil[fossil.EBProcess != "Total Consumption"].value_Mtce.sum()
    )
    trade = ["Indigenous Production", "Interprovincial Imports", "Interprovincial Exports", "Import", "Export"]
    databook = used + rows[(rows.EBMaterial == "Electricity") & rows.EBProcess.isin(trade)].value_Mtce.sum()

    coefficients = rows.groupby("EBMaterial")["kgce_per_unit_used"].first()
    overrides = []
    for name, kgce in coefficients.items():
        fuel = resolve_fuel(name)
        per = {"t": "kgce/kg", "m3": "kgce/m3", "kWh": "kgce/kWh", "GJ": "kgce/MJ"}[fuel.unit]
        overrides.append(Override(fuel.id, "kgce", kgce * (1e-3 if fuel.unit in ("m3", "kWh") else 1), per))
    own = compute(jilin_activity.select(year=year), load_factor_set().with_overrides(overrides))[0]
    assert own.energy.total("equivalent_value") / 1e6 == pytest.approx(databook, rel=0.002)

    gbt = compute(jilin_activity.select(year=year))[0].energy.total("equivalent_value") / 1e6
    washed = load_factor_set().with_overrides([Override("other_washed_coal", "kgce", 0.525)])
    gbt_but_washed = compute(jilin_activity.select(year=year), washed)[0].energy.total("equivalent_value") / 1e6
    assert abs(gbt_but_washed / databook - 1) < 0.01
    assert abs(gbt_but_washed - databook) < abs(gbt - databook) / 2
