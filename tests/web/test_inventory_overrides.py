"""A region's overrides: entered on the page with history, recorded on every inventory that used them,
and never a change of the reference set."""

from __future__ import annotations

import pytest
from django.urls import reverse
from test_inventory_support import VALID_ROWS, preview, store_tidy, tidy_csv

from tanda.inventory import load_factor_set
from tanda.web.inventory.models import FactorOverride, Inventory

pytestmark = pytest.mark.django_db

MEASURED_NCV = 19.57  # GJ/t, a local raw-coal NCV (the reference is GB/T 2589's 20.908)


def add_override(client, region="220000", **fields):
    data = {
        "item": "原煤",
        "parameter": "ncv",
        "value": MEASURED_NCV,
        "unit": "GJ/t",
        "note": "2023年省煤质监测均值",
        "active": "on",
        **fields,
    }
    return client.post(reverse("inventory:overrides", args=[region]), data)


def test_override_is_recorded_on_the_inventory_and_the_reference_stays(client, jilin_office, upload_dir):
    client.force_login(jilin_office)
    reference = load_factor_set("guideline")
    reference_ncv, reference_digest = reference.combustion["raw_coal"].ncv, reference.digest
    assert reference_ncv == pytest.approx(20.908)  # GB/T 2589: 20908 kJ/kg

    assert add_override(client).status_code == 302
    override = FactorOverride.objects.get()
    assert (override.target, override.created_by) == ("raw_coal", jilin_office)

    url, _page = preview(client, [("jilin.csv", tidy_csv(VALID_ROWS))])
    client.post(url)
    inv = Inventory.objects.get()
    (recorded,) = inv.factor_info["overrides"]
    assert (recorded["item"], recorded["parameter"], recorded["value"]) == ("raw_coal", "ncv", MEASURED_NCV)
    assert inv.factor_info["override_refs"][0]["history_id"] == override.history.latest().history_id
    assert inv.factor_digest != reference_digest
    # raw coal burned at the measured NCV: 100 万吨 × 19.57 GJ/t × the guideline's CO2 per GJ of 烟煤
    used = inv.record["factors_used"]["raw_coal"]
    assert used["overridden"] and used["ncv"] == pytest.approx(MEASURED_NCV)
    assert inv.record["cells_kg"] and used["ef"] == pytest.approx(
        MEASURED_NCV * reference.combustion["raw_coal"].co2_per_gj
    )

    # the reference set is untouched: in memory, and on its read-only page
    again = load_factor_set("guideline")
    assert again.combustion["raw_coal"].ncv == reference_ncv and again.digest == reference_digest
    page = client.get(reverse("inventory:factor_set", args=["guideline"])).content.decode()
    assert "20.908" in page and "19.57" not in page

    # changing the override later changes neither the stored inventory nor its record
    stored = (inv.total_kg, inv.record["cells_kg"])
    edit = reverse("inventory:override_edit", args=["220000", override.pk])
    response = client.post(
        edit, {"item": "原煤", "parameter": "ncv", "value": 21.0, "unit": "GJ/t", "note": "复测", "active": "on"}
    )
    assert response.status_code == 302
    inv.refresh_from_db()
    assert (inv.total_kg, inv.record["cells_kg"]) == stored
    history = client.get(reverse("inventory:override_history", args=["220000", override.pk]))
    assert [e["version"].value for e in history.context["entries"]] == [21.0, MEASURED_NCV]
    assert history.context["entries"][0]["version"].history_user == jilin_office


def test_the_same_data_with_and_without_overrides_are_two_inventories(jilin_office):
    FactorOverride.objects.create(
        region_id="220000", item="原煤", target="raw_coal", parameter="ncv", value=MEASURED_NCV, unit="GJ/t", note="x"
    )
    (plain,) = store_tidy(VALID_ROWS, overrides=False)
    (local,) = store_tidy(VALID_ROWS, overrides=True)
    assert plain.pk != local.pk and local.total_kg < plain.total_kg
    assert plain.factor_info["overrides"] == [] and len(local.factor_info["overrides"]) == 1


def test_override_form_refuses_a_unit_that_does_not_fit(client, jilin_office):
    client.force_login(jilin_office)
    response = add_override(client, unit="亿千瓦时")
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not FactorOverride.objects.exists()


def test_two_active_overrides_of_one_parameter_are_refused(client, jilin_office):
    client.force_login(jilin_office)
    add_override(client)
    response = add_override(client, value=20.1)
    assert response.status_code == 200 and "parameter" in response.context["form"].errors
    assert FactorOverride.objects.count() == 1


def test_office_of_another_region_cannot_change_this_regions_overrides(client, meihekou_office):
    client.force_login(meihekou_office)
    assert add_override(client).status_code == 403
    page = client.get(reverse("inventory:overrides", args=["220000"]))
    assert page.status_code == 200 and page.context["form"] is None  # may read, not edit
    assert not FactorOverride.objects.exists()


def test_an_override_that_does_not_fit_the_set_is_an_import_error(client, jilin_office, upload_dir):
    # the CEADs-style set holds raw coal as one t CO2/t: an NCV cannot be combined with it
    client.force_login(jilin_office)
    add_override(client)
    _, page = preview(client, [("jilin.csv", tidy_csv(VALID_ROWS))], factor_set="ceads")
    (error,) = page.context["errors"]
    assert "override" in error.message and "raw_coal" in error.message
    assert Inventory.objects.count() == 0
