"""Reference factor sets against their publications, and overrides that never touch them."""

from importlib import resources

import pytest

from tanda.inventory import FactorError, InventoryInputError, Override, available_sets, load_factor_set, read_overrides
from tanda.inventory.factors import CO2_PER_C

VERBATIM = {
    "guideline_defaults.csv": "fuel_defaults_enterprise_guideline.csv",
    "ipcc2006_table2_2.csv": "ipcc2006_stationary_co2_defaults.csv",
    "grid_emission_factors_china.csv": "grid_emission_factors_china.csv",
}


@pytest.mark.parametrize(("packaged", "original"), VERBATIM.items())
def test_packaged_copies_equal_the_shared_originals(packaged, original, shared_data):
    ours = resources.files("tanda.data.factors").joinpath(packaged).read_bytes()
    assert ours == (shared_data / original).read_bytes()


def test_every_data_folder_has_provenance():
    for folder in ("tanda.data.factors", "tanda.data.sectors"):
        text = resources.files(folder).joinpath("PROVENANCE.md").read_text(encoding="utf-8")
        for entry in resources.files(folder).iterdir():
            if entry.name.endswith((".csv", ".json")):
                assert f"`{entry.name}`" in text, f"{entry.name} has no line in {folder}/PROVENANCE.md"


def test_three_sets_with_citations():
    assert set(available_sets()) >= {"guideline", "ipcc2006", "ceads"}
    for name in available_sets():
        fs = load_factor_set(name)
        assert fs.citation and fs.version and len(fs.digest) == 12
        assert len(fs.combustion) >= 17


def test_guideline_has_at_least_twenty_fuels(shared):
    table = shared("fuel_defaults_enterprise_guideline.csv")
    assert len(table) >= 20
    assert len(load_factor_set("guideline").combustion) >= 20


def test_guideline_values_against_gbt2589_ncvs():
    # The guideline's NCVs for natural gas and cleaned coal are GB/T 2589's (38931 kJ/m³ oil-field gas,
    # 26344 kJ/kg cleaned coal): two publications, one number.
    fs = load_factor_set("guideline")
    assert fs.combustion["natural_gas"].ncv * 1e4 == pytest.approx(389.31, abs=1e-9)  # GJ per 10⁴ Nm³
    assert fs.combustion["natural_gas"].carbon == pytest.approx(0.01530)
    assert fs.combustion["natural_gas"].oxidation == pytest.approx(0.99)
    assert fs.combustion["cleaned_coal"].ncv == pytest.approx(26.344)


def test_guideline_raw_coal_is_the_1_87_of_sources():
    # SOURCES.md: "raw coal: CEADs implies 1.69 t CO2/t, the guideline 1.87".
    raw = load_factor_set("guideline").combustion["raw_coal"]
    assert round(raw.ef, 2) == 1.87
    # made of GB/T 2589's raw-coal NCV (20908 kJ/kg) and the guideline's 烟煤 carbon content and oxidation
    assert raw.ef == pytest.approx(20.908 * 0.02618 * 0.93 * 44 / 12, rel=1e-12)


def test_guideline_factor_is_ncv_times_carbon_times_oxidation(shared):
    table = shared("fuel_defaults_enterprise_guideline.csv").set_index("fuel")
    fs = load_factor_set("guideline")
    for fuel_id, row in [("diesel_oil", "柴油"), ("coke", "焦炭"), ("lpg", "液化石油气")]:
        r = table.loc[row]
        expected = (
            r["NCV_GJ_per_t_or_GJ_per_1e4Nm3"] * r["carbon_content_tC_per_GJ"] * r["oxidation_pct"] / 100 * CO2_PER_C
        )
        assert fs.combustion[fuel_id].ef == pytest.approx(expected, rel=1e-12)


def test_ipcc_table_2_2_values():
    # IPCC 2006 Vol. 2 Ch. 2 Table 2.2, default CO2 (kg/TJ)
    fs = load_factor_set("ipcc2006")
    for fuel_id, kg_per_tj in [("natural_gas", 56100), ("diesel_oil", 74100), ("coke", 107000), ("raw_coal", 94600)]:
        assert fs.combustion[fuel_id].co2_per_gj * 1e6 == pytest.approx(kg_per_tj, rel=1e-12)


def test_ipcc_set_refuses_fuels_it_has_no_row_for():
    assert "briquettes" not in load_factor_set("ipcc2006").combustion


def test_cement_process_factor_reproduces_cement_output(shared, ceads_matrix):
    # SOURCES.md: CEADs process CO2 = 0.2906 t per t of cement. Jilin's published process CO2 and its
    # cement output (10⁴ t, two decimals: ±50 t → ±15 t CO2) agree to the tonne in every year where
    # the second source is of the same statistical vintage; 2017 and 2019 are not (27.15 vs 33.12 Mt,
    # 18.15 vs 20.57 Mt of cement).
    factor = load_factor_set().process["cement"]
    assert factor == 0.2906
    totals = ceads_matrix[
        (ceads_matrix.province == "Jilin") & ceads_matrix.sector.isin(["Total Consumption", "TotalEmissions"])
    ]
    process_t = totals.set_index("year")["Process"] * 1e6
    output_t = shared("jilin_indicators_1998_2019.csv").set_index("year")["cement_output_1e4t"] * 1e4
    off = {year for year in output_t.index if abs(factor * output_t[year] - process_t[year]) > 15}
    assert off == {2017, 2019}


def test_grid_factors_against_the_announcements():
    fs = load_factor_set()
    # MEE/NBS announcements: national average 2021 0.5568, 2022 0.5366, 2023 0.5306 kg CO2/kWh;
    # 2022 regional grids: 东北 0.5564, 华北 0.6776, 南方 0.3869, 西南 0.2268.
    for name, year, value in [
        ("national", 2021, 0.5568),
        ("national", 2022, 0.5366),
        ("national", 2023, 0.5306),
        ("东北", 2022, 0.5564),
        ("华北", 2022, 0.6776),
        ("南方", 2022, 0.3869),
        ("西南", 2022, 0.2268),
    ]:
        ef, info, warning = fs.grid_factor(name, year)
        assert info["kg_per_kwh"] == value and warning is None
        assert ef == pytest.approx(value / 1000)
    assert {g.name for g in fs.grid if g.scope == "region"} == {"华北", "东北", "华东", "华中", "西北", "南方", "西南"}


def test_grid_factor_for_a_missing_year_says_so():
    _, info, warning = load_factor_set().grid_factor("东北", 2030)
    assert info["year"] == 2023 and "2030" in warning
    with pytest.raises(FactorError):
        load_factor_set().grid_factor("火星", 2022)


def test_standard_coal_coefficients_against_gbt2589_and_the_databook(shared):
    fs = load_factor_set()
    # GB/T 2589 Table A.1 (kgce per kg, per m³, per kWh, per MJ)
    gbt = {
        "raw_coal": 0.7143,
        "cleaned_coal": 0.9000,
        "coke": 0.9714,
        "crude_oil": 1.4286,
        "gasoline": 1.4714,
        "diesel_oil": 1.4571,
        "lpg": 1.7143,
        "refinery_gas": 1.5714,
    }
    for fuel_id, kgce in gbt.items():
        assert fs.standard_coal[fuel_id] == pytest.approx(kgce, rel=1e-12)
    assert fs.standard_coal["electricity"] * 1000 == pytest.approx(0.1229)  # kgce/kWh, equivalent value
    assert fs.standard_coal["heat"] == pytest.approx(0.03412)  # kgce/MJ = tce/GJ
    # The LBL databook used the same coefficients for Jilin, rounded to three or four digits.
    used = shared("jilin_energy_balance_2006p_2010_2011_Mtce.csv").dropna(subset=["kgce_per_unit_used"])
    used = used.groupby("EBMaterial")["kgce_per_unit_used"].first()
    per_unit = {
        "Coal Raw": ("raw_coal", 1),
        "Coal Cleaned": ("cleaned_coal", 1),
        "Coke": ("coke", 1),
        "Crude Oil": ("crude_oil", 1),
        "Diesel Oil": ("diesel_oil", 1),
        "Gasoline": ("gasoline", 1),
        "Kerosene": ("kerosene", 1),
        "Fuel Oil": ("fuel_oil", 1),
        "Liquid Petroleum Gas": ("lpg", 1),
        "Refinery Gas": ("refinery_gas", 1),
        "Coal Briquettes": ("briquettes", 1),
        "Blast Furnace Gas": ("blast_furnace_gas", 1e3),
        "Electricity": ("electricity", 1e3),
        "Heat": ("heat", 1),
    }
    for name, (fuel_id, scale) in per_unit.items():
        assert fs.standard_coal[fuel_id] * scale == pytest.approx(used[name], abs=6e-4), name
    # coke oven gas: GB/T 2589 gives a range; the databook took its middle
    assert 0.5714 <= used["Coke Oven Gas"] <= 0.6143


def test_overrides_make_a_new_set_and_leave_the_reference_alone():
    reference = load_factor_set("guideline")
    before = reference.combustion["raw_coal"].ef
    local = reference.with_overrides([Override("raw_coal", "ncv", 19.57, "GJ/t", "local coal")])
    assert reference.combustion["raw_coal"].ef == before
    assert load_factor_set("guideline").combustion["raw_coal"].ef == before
    assert local.combustion["raw_coal"].ef == pytest.approx(before * 19.57 / 20.908, rel=1e-12)
    assert local.digest != reference.digest
    assert local.describe()["overrides"][0]["note"] == "local coal"
    with pytest.raises(TypeError):
        reference.combustion["raw_coal"] = None  # read-only mapping


def test_override_of_a_per_unit_set_needs_ef():
    ceads = load_factor_set("ceads")
    with pytest.raises(FactorError, match="override 'ef'"):
        ceads.with_overrides([Override("raw_coal", "ncv", 19.0)])
    assert ceads.with_overrides([Override("raw_coal", "ef", 1.7)]).combustion["raw_coal"].ef == 1.7


def test_read_overrides_converts_units(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text(
        "项目,参数,数值,单位,说明\n"
        "原煤,低位发热量,19570,kJ/kg,实测\n"
        "天然气,低位发热量,380,GJ/万立方米,\n"
        "电网,ef,0.5122,kg/kWh,东北2023\n"
        "发电煤耗,rate,300,gce/kWh,\n"
        "烟煤,碳氧化率,95,%,\n",
        encoding="utf-8",
    )
    got = {(o.item, o.parameter): o.value for o in read_overrides(path)}
    assert got[("raw_coal", "ncv")] == pytest.approx(19.57)
    assert got[("natural_gas", "ncv")] == pytest.approx(0.038)  # GJ per m³
    assert got[("grid", "ef")] == pytest.approx(0.0005122)  # t per kWh
    assert got[("coal_substitution", "rate")] == pytest.approx(0.0003)  # tce per kWh
    assert got[("bituminous_coal", "oxidation")] == pytest.approx(0.95)


def test_read_overrides_reports_every_bad_row(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text(
        "item,parameter,value,unit\n煤精,ncv,1,GJ/t\n原煤,colour,1,\n原煤,ncv,x,GJ/t\n原煤,ncv,20,GJ/m3\n",
        encoding="utf-8",
    )
    with pytest.raises(InventoryInputError) as exc:
        read_overrides(path)
    assert [(e.row, e.column) for e in exc.value.errors] == [(2, "item"), (3, "parameter"), (4, "value"), (5, "unit")]
