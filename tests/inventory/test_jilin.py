"""Published activity against published emissions: Jilin's 2010 and 2011 energy balances vs CEADs.

The CEADs-style set is made from 2010 (`derive_ceads_style.py`) and tested here on 2011 — never on
the year it was fitted on. Four fuels miss by more than 2 % in both directions (2011 from 2010, 2010 from
2011); no activity rule applied alike to every fuel removes those misses
(test_no_uniform_activity_rule_closes_the_gaps), so each carries a documented data cause in
`ceads_known_differences.csv`, which `compare` attaches and the tests
below check against the data. The guideline set is expected to differ (SOURCES.md: about 10 % above
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
    assert max(abs(f.difference_pct) for f in inside) < 1.5  # achieved: other washed coal +1.40 %, coke −1.10 %
    # together the four are a small part of the total: they cannot move it by more than 0.3 %
    moved = sum(abs(c.fuel(name).difference_t) for name in OUTSIDE_2_PCT)
    assert moved / c.published_t < 0.003


@pytest.mark.parametrize("year", [2010, 2011])
def test_compare_names_the_documented_cause_of_each_miss(ceads_style, year):
    c = ceads_style[year]
    for f in c.fuels:
        if f.fuel in OUTSIDE_2_PCT:
            assert f.known_cause and f.known_cause.startswith("activity:"), f.fuel
        else:
            assert f.known_cause is None, f.fuel
    lines = c.explain()
    for name in OUTSIDE_2_PCT:
        if year == 2010 and c.fuel(name).difference_t == 0:
            continue  # 2010 is the year the factors were made from: nothing to explain but OPP
        assert any(line.strip().startswith(name + ":") and "known cause: activity" in line for line in lines), name


def _flow(shared, year, material, process):
    t = shared("jilin_energy_balance_2006p_2010_2011_Mtce.csv")
    rows = t[(t.year == year) & (t.EBMaterial == material) & (t.EBProcess == process)]
    return float(rows.value_physical.sum()) * 1e4  # 10⁴ t → t


def test_why_cleaned_coal_misses(ceads_matrix, ceads_style, jilin_activity, shared):
    # CEADs 2010 puts 0.149 Mt of cleaned-coal CO2 in "Production and Supply of Gas" and 0.306 Mt in "Petroleum
    # Processing and Coking"; 2011 has (nearly) none there. The balance books gas-works and coking cleaned coal as
    # *transformation* input, not as burned. Without the gas-supply cell, 2010 implies the same t CO2 per t as
    # 2011 (within 1 %): the miss is activity, not factor.
    rows = {
        y: ceads_matrix[(ceads_matrix.province == "Jilin") & (ceads_matrix.year == y)].set_index("sector")
        for y in (2010, 2011)
    }
    gas_works = rows[2010].loc["Production and Supply of Gas", "Cleaned Coal"] * 1e6
    assert round(gas_works / 1e6, 3) == 0.149
    assert round(rows[2010].loc["Petroleum Processing and Coking", "Cleaned Coal"], 3) == 0.306
    assert rows[2011].loc["Production and Supply of Gas", "Cleaned Coal"] == 0
    assert rows[2011].loc["Petroleum Processing and Coking", "Cleaned Coal"] < 0.003
    burned = {y: compute(jilin_activity.select(year=y))[0].burned["cleaned_coal"] for y in (2010, 2011)}
    implied_2010 = (ceads_totals(ceads_matrix, "Jilin", 2010)["Cleaned Coal"] * 1e6 - gas_works) / burned[2010]
    implied_2011 = ceads_totals(ceads_matrix, "Jilin", 2011)["Cleaned Coal"] * 1e6 / burned[2011]
    assert implied_2010 == pytest.approx(implied_2011, rel=0.01)
    # Counting gas-works input as burned does not close it: the balance has gas-works cleaned coal in both years
    # (95.16 and 83.51 ×10⁴ t), so the 2011 miss swings from +15 % to −33 %.
    with_gas = {y: burned[y] - _flow(shared, y, "Coal Cleaned", "Gas Works") for y in (2010, 2011)}
    published = {y: ceads_totals(ceads_matrix, "Jilin", y)["Cleaned Coal"] for y in (2010, 2011)}
    miss = published[2010] / with_gas[2010] * with_gas[2011] / published[2011] - 1
    assert round(100 * miss) == -33
    assert ceads_style[2011].fuel("Cleaned Coal").difference_pct == pytest.approx(15.4, abs=0.1)


def test_why_refinery_gas_misses(ceads_style, shared):
    # 2011's implied factor is the physical one (guideline NCV × carbon × oxidation, within 1.5 %); the balance's
    # 2010 use is exactly the refinery output, and CEADs' 2010 CO2 is ~11 % more than that at the 2011 factor:
    # CEADs' 2010 quantity (by-industry table) differs from the balance's.
    from tanda.inventory import load_factor_set

    physical = load_factor_set("guideline").combustion["refinery_gas"].ef
    f2010, f2011 = ceads_style[2010].fuel("Refinery Gas"), ceads_style[2011].fuel("Refinery Gas")
    assert f2011.implied_factor == pytest.approx(physical, rel=0.015)
    assert f2010.burned == pytest.approx(_flow(shared, 2010, "Refinery Gas", "Petroleum Refineries"))
    assert f2010.published_t / (f2010.burned * f2011.implied_factor) == pytest.approx(1.11, abs=0.01)


def test_why_briquettes_miss(ceads_matrix, ceads_style, shared):
    # Residential: CEADs Urban+Rural CO2 per t of the balance's residential briquettes is the same in both years.
    # Industry: CEADs' CO2 per t of the balance's industry (+ heating) briquettes is 2.44 in 2010, 2.58 in 2011 —
    # CEADs' by-industry quantities are not proportional to the balance's industry row.
    from tanda.inventory import load_factor_set

    per_t = {}
    for y in (2010, 2011):
        rows = ceads_matrix[(ceads_matrix.province == "Jilin") & (ceads_matrix.year == y)].set_index("sector")
        residential = (rows.loc["Urban", "Briquettes"] + rows.loc["Rural", "Briquettes"]) * 1e6
        industry = ceads_totals(ceads_matrix, "Jilin", y)["Briquettes"] * 1e6 - residential
        industry_t = _flow(shared, y, "Coal Briquettes", "Industry") - _flow(
            shared, y, "Coal Briquettes", "Heating Supply"
        )
        per_t[y] = (residential / _flow(shared, y, "Coal Briquettes", "Residential consumption"), industry / industry_t)
    assert per_t[2010][0] == pytest.approx(per_t[2011][0], rel=0.005)
    assert (round(per_t[2010][1], 2), round(per_t[2011][1], 2)) == (2.44, 2.58)
    physical = load_factor_set("guideline").combustion["briquettes"].ef
    assert ceads_style[2011].fuel("Briquettes").implied_factor == pytest.approx(physical, rel=0.015)
    assert abs(ceads_style[2010].fuel("Briquettes").implied_factor / physical - 1) > 0.04


def test_why_other_petroleum_products_miss(ceads_style):
    # CEADs publishes no CO2 from other petroleum products in Jilin 2010 or 2011, though the balance shows
    # some burned after non-energy use (14.9 and 3.7 ×10⁴ t): an activity definition, worth < 0.3 % of the total.
    for year, burned_t in [(2010, 149_100), (2011, 36_800)]:
        f = ceads_style[year].fuel("Other Petroleum Products")
        assert f.published_t == 0 and f.burned == pytest.approx(burned_t, abs=100)
        assert f.computed_t / ceads_style[year].published_t < 0.003


def test_no_uniform_activity_rule_closes_the_gaps(shared, ceads_matrix):
    # Shan et al.'s rule (final use − non-energy use + thermal power and heating input) against the alternatives
    # one could apply to *every* fuel: none brings all fuels within 2 % on 2011 with factors made from 2010.
    t = shared("jilin_energy_balance_2006p_2010_2011_Mtce.csv")
    t = t[t.value_physical.notna()].replace({"EBProcess": {"Heavy Industry": "Industry - NonEnergy Use"}})
    final = [
        "Agriculture",
        "Industry",
        "Construction",
        "Transportation, Telecommunications, Postal",
        "Wholesale, Retail Trade, and Catering Service",
        "Non-Material Sectors",
        "Other",
        "Residential consumption",
    ]
    fuels = {
        "Cleaned Coal": "Coal Cleaned",
        "Refinery Gas": "Refinery Gas",
        "Briquettes": "Coal Briquettes",
        "Fuel Oil": "Fuel Oil",
        "Coke": "Coke",
        "Raw Coal": "Coal Raw",
    }

    def q(y, material, processes):
        return float(t[(t.year == y) & (t.EBMaterial == material) & t.EBProcess.isin(processes)].value_physical.sum())

    def shan(y, m):
        return q(y, m, final) - q(y, m, ["Industry - NonEnergy Use"]) - q(y, m, ["Thermal Power", "Heating Supply"])

    rules = {
        "shan": shan,
        "+ gas works input": lambda y, m: shan(y, m) - min(q(y, m, ["Gas Works"]), 0),
        "+ losses": lambda y, m: shan(y, m) + abs(q(y, m, ["Losses"])),
        "no non-energy deduction": lambda y, m: shan(y, m) + q(y, m, ["Industry - NonEnergy Use"]),
        "Total Consumption row": lambda y, m: (
            q(y, m, ["Total Consumption"])
            - q(y, m, ["Industry - NonEnergy Use"])
            - q(y, m, ["Thermal Power", "Heating Supply"])
        ),
    }
    published = {y: ceads_totals(ceads_matrix, "Jilin", y) for y in (2010, 2011)}
    for name, rule in rules.items():
        miss = {
            ceads: 100 * (published[2010][ceads] / rule(2010, m) * rule(2011, m) / published[2011][ceads] - 1)
            for ceads, m in fuels.items()
        }
        assert any(abs(v) > 2 for v in miss.values()), name
    # the one rule that helps cleaned coal (keeping non-energy use) breaks fuel oil
    keep = rules["no non-energy deduction"]
    fuel_oil = (
        published[2010]["Fuel Oil"] / keep(2010, "Fuel Oil") * keep(2011, "Fuel Oil") / published[2011]["Fuel Oil"] - 1
    )
    assert fuel_oil > 0.3


def test_the_method_holds_the_other_way_round(shared_data, jilin_activity, published):
    # Made from 2011 and tested on 2010, the same fuels miss and the total is again within 1 %.
    from tanda.inventory import Override, load_factor_set

    rows = derive(shared_data, 2011)
    fs = load_factor_set("ceads").with_overrides(
        [Override(r["fuel"], "ef", float(r["ef"]) / (1e4 if r["unit"] == "t/万立方米" else 1)) for r in rows]
    )
    c = compare(compute(jilin_activity.select(year=2010), fs)[0], published[2010])
    assert abs(c.difference_pct) < 1.0  # achieved: +0.18 %
    assert set(c.outside(2.0)) == OUTSIDE_2_PCT
    inside = [f for f in c.fuels if f.published_t and f.fuel not in OUTSIDE_2_PCT]
    assert max(abs(f.difference_pct) for f in inside) < 1.5  # achieved: other washed coal −1.38 %
    assert all(c.fuel(name).known_cause for name in OUTSIDE_2_PCT)


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
