"""CEADs' sectoral matrices load as published inventories; their arithmetic and figures hold."""

import pandas as pd
import pytest

from tanda.inventory import InventoryInputError, compute, read_ceads_matrix
from tanda.inventory.published import ceads_totals


@pytest.fixture(scope="module")
def published(ceads_matrix):
    """Every province-year of the Jilin and Liaoning matrices, as inventories (46 of them)."""
    return {(i.region, i.year): i for i in compute(read_ceads_matrix(ceads_matrix))}


def test_all_years_of_both_provinces_load(published):
    assert len(published) == 2 * 23
    assert all(inv.entered for inv in published.values())


@pytest.mark.parametrize(("year", "mt"), [(2011, 234.43), (2019, 203.66)])
def test_jilin_published_totals(published, year, mt):
    # SOURCES.md: Jilin's CEADs emissions peak in 2011 (234.43 Mt) and stand at 203.66 Mt in 2019.
    assert round(published[("Jilin", year)].total_kg / 1e9, 2) == mt


def test_jilin_peaks_in_2011(published):
    series = {y: inv.total_kg for (r, y), inv in published.items() if r == "Jilin"}
    assert max(series, key=series.get) == 2011


def test_fuel_sums_match_the_published_totals(published, ceads_matrix):
    for (region, year), inv in published.items():
        totals = ceads_totals(ceads_matrix, region, year)
        assert inv.total_kg == pytest.approx(totals["Scope 1 Total"] * 1e9, abs=50)  # ≤ 47 sectors × 17 cells of ½ kg
        for name, kg in inv.by_ceads_fuel_kg().items():
            assert kg == pytest.approx(totals[name] * 1e9, abs=50), (region, year, name)


def test_process_is_in_nonmetal_minerals_and_2A1(published):
    inv = published[("Jilin", 2011)]
    assert set(inv.process_kg) == {("nonmetal_minerals", "cement")}
    assert inv.by_classification_kg("ipcc")["2A1"] == inv.process_total_kg


def test_matrices_agree_with_the_provincial_totals_file(published, shared):
    # A second CEADs file (provincial totals by fuel) carries the same figures.
    provinces = shared("ceads_provinces_totals_by_fuel_1997_2019.csv")
    for _, row in provinces[provinces.province.isin(["Jilin", "Liaoning"])].iterrows():
        inv = published[(row["province"], int(row["year"]))]
        assert inv.total_kg / 1e9 == pytest.approx(row["scope1_total_Mt"], abs=1e-6)
        assert inv.process_total_kg / 1e9 == pytest.approx(row["process_cement_Mt"], abs=1e-6)
        assert inv.by_ceads_fuel_kg().get("Raw Coal", 0) / 1e9 == pytest.approx(row["Raw Coal"], abs=1e-6)


def test_a_matrix_that_does_not_add_up_is_refused(ceads_matrix):
    bad = ceads_matrix[(ceads_matrix.province == "Jilin") & (ceads_matrix.year == 2011)].copy()
    bad.loc[bad.sector == "Urban", "Raw Coal"] += 1.0  # 1 Mt that the total row does not have
    with pytest.raises(InventoryInputError) as exc:
        read_ceads_matrix(bad)
    columns = {e.column for e in exc.value.errors}
    assert "Raw Coal" in columns and "Scope 1 Total" in columns


def test_a_matrix_is_recognised_from_its_header(tmp_path, ceads_matrix):
    from tanda.inventory import read_activity

    path = tmp_path / "ceads.csv"
    ceads_matrix[ceads_matrix.year == 2019].to_csv(path, index=False)
    activity = read_activity(path, region="Liaoning")
    assert activity.region_years() == [("Liaoning", 2019)]
    assert (activity.frame["flow"] == "emission").all()
    assert isinstance(activity.frame, pd.DataFrame)


def test_published_inventories_say_nothing_about_energy(published):
    data = published[("Jilin", 2011)].to_dict()
    assert data["energy_tce"] == {"equivalent_value": None, "coal_substitution": None}
    assert data["scope2_tco2"] is None and data["entered_as_emissions"] is True
