"""The inventory JSON API: list, one inventory, a dry run that stores nothing, and reading rules."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from test_inventory_support import BAD_ROWS, VALID_ROWS, store_tidy, tidy_csv

from tanda.web.inventory.models import Inventory

pytestmark = pytest.mark.django_db


def test_list_and_one_inventory(client, viewer):
    client.force_login(viewer)
    (inv,) = store_tidy(VALID_ROWS)
    listed = client.get("/api/inventory/", {"region": "220000"}).json()
    assert [i["id"] for i in listed] == [inv.pk]
    summary = listed[0]
    assert set(summary) >= {"region", "year", "kind", "factor_set", "total_tco2", "scope2_tco2", "sinks_tco2"}
    assert summary["total_tco2"] == inv.total_kg / 1000 and summary["energy_tce"]["equivalent_value"] > 0

    one = client.get(f"/api/inventory/{inv.pk}").json()
    assert one["id"] == inv.pk and one["factor_set_info"]["name"] == "guideline"
    assert sum(f["tco2"] for f in one["by_fuel"]) == pytest.approx(one["total_tco2"], abs=1e-6)
    assert sum(s["tco2"] for s in one["by_sector"]) == pytest.approx(one["total_tco2"], abs=1e-6)
    assert sum(c["tco2"] for c in one["cells"]) == pytest.approx(one["total_tco2"], abs=1e-6)
    raw = next(f for f in one["by_fuel"] if f["fuel"] == "raw_coal")
    assert raw["burned"] == 1e6 and round(raw["factor_t_per_unit"], 2) == 1.87
    assert {i["code"] for i in one["indicators"]} >= {"co2_total", "co2_energy"}
    assert client.get("/api/inventory/", {"region": "210000"}).json() == []


def test_dry_run_computes_and_stores_nothing(client, viewer):
    client.force_login(viewer)
    files = {"files": SimpleUploadedFile("jilin.csv", tidy_csv(VALID_ROWS))}
    response = client.post("/api/inventory/compute", {**files, "region": "220000", "factor_set": "ceads"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["stored"] is False and body["factor_set"]["name"] == "ceads"
    (inv,) = body["inventories"]
    assert inv["year"] == 2020 and inv["total_tco2"] > 0 and inv["sinks_tco2"] == 300_000
    assert Inventory.objects.count() == 0


def test_dry_run_of_a_bad_file_answers_422_with_row_errors(client, viewer):
    client.force_login(viewer)
    files = {"files": SimpleUploadedFile("bad.csv", tidy_csv(BAD_ROWS))}
    response = client.post("/api/inventory/compute", {**files, "region": "220000"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {(e["row"], e["column"]) for e in errors} >= {(2, "fuel"), (3, "sector"), (4, "quantity"), (5, "unit")}
    assert all(e["source"] == "bad.csv" for e in errors)
    assert Inventory.objects.count() == 0


def test_reading_inventories_needs_an_account_factor_sets_do_not(client):
    (inv,) = store_tidy(VALID_ROWS)
    assert client.get("/api/inventory/").status_code == 401
    assert client.get(f"/api/inventory/{inv.pk}").status_code == 401
    sets = client.get("/api/inventory/factor-sets").json()
    assert [s["name"] for s in sets] == ["guideline", "ipcc2006", "ceads"]
    assert round(sets[0]["combustion"]["raw_coal"]["ef_t_per_unit"], 2) == 1.87
