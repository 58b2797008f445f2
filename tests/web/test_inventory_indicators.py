"""Derived indicators of stored inventories, and writing them to the indicators app as observations."""

from __future__ import annotations

import csv
from importlib import resources

import pytest
from django.urls import reverse
from test_inventory_support import store_balance, store_ceads

from tanda.web.indicators.models import Observation
from tanda.web.indicators.store import store_observations
from tanda.web.inventory import publish
from tanda.web.inventory.store import refresh_region

pytestmark = pytest.mark.django_db


def jilin_economy() -> dict[int, dict[str, str]]:
    text = resources.files("tanda.data.ceads").joinpath("jilin_ceads_gdp_pop_1997_2019.csv").read_text("utf-8")
    return {int(r["year"]): r for r in csv.DictReader(text.splitlines())}


def store_economy(years=range(1997, 2020)) -> None:
    rows = []
    for year, r in jilin_economy().items():
        if year not in years:
            continue
        rows.append(
            {
                "indicator": "gdp_constant_prices",
                "region": "220000",
                "year": year,
                "value": r["gdp_const2005_1e8yuan_natdeflator"],
                "unit": "亿元",
                "source": "test: 2005年价格",
            }
        )
        if r["population_1e4"]:
            rows.append(
                {
                    "indicator": "population",
                    "region": "220000",
                    "year": year,
                    "value": r["population_1e4"],
                    "unit": "万人",
                }
            )
    store_observations(rows, user=None, trusted=True)


def values(inventory) -> dict[str, float]:
    return {d["code"]: d["value"] for d in inventory.indicators}


def test_ceads_series_gives_intensities_and_changes_since_2005():
    store_economy()
    published = {i.year: i for i in store_ceads("220000")}
    economy = jilin_economy()
    v2019, v2005 = values(published[2019]), values(published[2005])
    # energy-related CO2 over GDP at 2005 prices, against the file's own columns (Mt, 10⁸ yuan)
    expected = (
        float(economy[2019]["ceads_energy_Mt"])
        * 1e6
        / (float(economy[2019]["gdp_const2005_1e8yuan_natdeflator"]) * 1e4)
    )
    assert v2019["co2_per_gdp"] == pytest.approx(expected, rel=1e-4)
    assert v2019["co2_per_gdp_change_vs_2005"] == pytest.approx(100 * (v2019["co2_per_gdp"] / v2005["co2_per_gdp"] - 1))

    # and the change since 2005 from the same columns: about −28 % (with these GDP vintages)
    def intensity(year: int) -> float:
        return float(economy[year]["ceads_energy_Mt"]) / float(economy[year]["gdp_const2005_1e8yuan_natdeflator"])

    assert v2019["co2_per_gdp_change_vs_2005"] == pytest.approx(100 * (intensity(2019) / intensity(2005) - 1), abs=0.05)
    assert "co2_per_gdp_change_vs_2020" not in v2019  # no 2020 inventory in the series
    # scope 1 (with cement) and energy-related CO2 are both kept, and differ by the process emissions
    assert v2019["co2_total"] * 1000 == published[2019].total_kg
    assert v2019["co2_energy"] * 1000 == published[2019].combustion_kg
    assert v2019["co2_per_capita"] == pytest.approx(
        v2019["co2_energy"] / (float(economy[2019]["population_1e4"]) * 1e4)
    )
    # published inventories have no energy account: no energy indicators
    assert "energy_per_gdp" not in v2019 and "coal_share" not in v2019


def test_gdp_stored_later_reaches_the_inventories_on_refresh():
    published = {i.year: i for i in store_ceads("220000")}
    assert "co2_per_gdp" not in values(published[2010])
    store_economy(years=[2010])
    assert refresh_region("220000") == 23
    published[2010].refresh_from_db()
    assert values(published[2010])["co2_per_gdp"] > 0


def test_computed_inventory_has_energy_indicators_of_both_series():
    store_economy(years=[2010])
    inv = store_balance(2010)
    v = values(inv)
    assert v["energy_per_gdp"] == pytest.approx(inv.energy_coal_substitution_tce / (5770.9e4), rel=1e-9)
    assert 0 < v["non_fossil_share"] < 10 and 60 < v["coal_share"] < 95  # Jilin's energy is mostly coal


def test_publish_writes_observations_and_fill_keeps_other_sources(client, jilin_office, meihekou_office):
    store_economy(years=[2011])
    inv = next(i for i in store_ceads("220000") if i.year == 2011)
    # a value already stored from another source
    store_observations(
        [
            {
                "indicator": "co2_emissions",
                "region": "220000",
                "year": 2011,
                "value": 22338.5,
                "unit": "万吨",
                "source": "yearbook",
            }
        ],
        user=None,
        trusted=True,
    )
    client.force_login(meihekou_office)
    assert client.post(reverse("inventory:publish", args=[inv.pk]), {"mode": "fill"}).status_code == 403

    client.force_login(jilin_office)
    preview = client.get(reverse("inventory:publish", args=[inv.pk]))
    assert [s["indicator"] for s in preview.context["plan"].skipped] == ["co2_emissions"]
    client.post(reverse("inventory:publish", args=[inv.pk]), {"mode": "fill"})
    stored = {o.indicator: o for o in Observation.objects.filter(region_id="220000", year=2011)}
    assert stored["co2_emissions"].source == "yearbook" and stored["co2_emissions"].value == 22338.5
    assert stored["co2_intensity"].source == f"inventory {inv.pk} (CEADs)"
    assert stored["co2_intensity"].value == pytest.approx(values(inv)["co2_per_gdp"])
    assert stored["co2_intensity"].reported_by == jilin_office

    client.post(reverse("inventory:publish", args=[inv.pk]), {"mode": "replace"})
    replaced = Observation.objects.get(region_id="220000", year=2011, indicator="co2_emissions")
    assert replaced.source == inv.observation_source
    assert replaced.value == pytest.approx(inv.combustion_kg / 1e7)  # energy-related CO2 in 万吨
    assert replaced.history.count() == 2  # the overwritten value is kept in its history
    page = client.get(inv.get_absolute_url())
    rows = {r["code"]: r for r in page.context["indicators"]}
    assert rows["co2_energy"]["stored"] is not None and rows["co2_total"]["catalogue"] is None


def test_publish_rows_map_to_catalogue_codes():
    store_economy(years=[2011])
    inv = next(i for i in store_ceads("220000") if i.year == 2011)
    codes = {r["indicator"] for r in publish.rows_of(inv)}
    assert codes == {"co2_emissions", "co2_intensity", "co2_per_capita"}
    assert {r["indicator"] for r in publish.rows_of(inv, ["co2_intensity"])} == {"co2_intensity"}
