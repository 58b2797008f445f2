"""Import → preview → save: row-level errors that store nothing, a valid file that stores and computes,
regions that must match, and who may import for which region."""

from __future__ import annotations

import pytest
from django.urls import reverse
from test_inventory_support import BAD_ROWS, VALID_ROWS, ceads_bytes, post_import, preview, tidy_csv

from tanda.inventory import load_factor_set
from tanda.web.inventory.models import Inventory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, jilin_office, upload_dir):
    client.force_login(jilin_office)
    return jilin_office


def test_preview_lists_row_errors_with_row_and_column_and_stores_nothing(client, office):
    url, page = preview(client, [("bad.csv", tidy_csv(BAD_ROWS))])
    assert page.status_code == 200
    errors = {(e.row, e.column): e.message for e in page.context["errors"]}
    assert "原煤块" in errors[(2, "fuel")]
    assert "宇宙飞船制造业" in errors[(3, "sector")] and "not a known sector" in errors[(3, "sector")]
    assert "negative" in errors[(4, "quantity")]
    assert "volume" in errors[(5, "unit")] and "柴油" in errors[(5, "unit")]
    assert "duplicates row 6" in errors[(7, None)]
    html = page.content.decode()
    assert 'id="import-errors"' in html and 'id="confirm-import"' not in html
    assert '<td>bad.csv</td><td class="num">2</td><td>fuel</td>' in html
    # confirming anyway (a forged POST) stores nothing either
    client.post(url)
    assert Inventory.objects.count() == 0


def test_one_bad_file_of_two_stores_nothing(client, office):
    _, page = preview(client, [("good.csv", tidy_csv(VALID_ROWS)), ("bad.csv", tidy_csv(BAD_ROWS[:1]))])
    assert [(e.source, e.row, e.column) for e in page.context["errors"]] == [("bad.csv", 2, "fuel")]
    assert Inventory.objects.count() == 0


def test_a_row_of_another_region_is_an_error_naming_the_row(client, office):
    rows = [*VALID_ROWS, ("辽宁省", 2020, "建筑业", "柴油", 2, "万吨")]
    _, page = preview(client, [("two-regions.csv", tidy_csv(rows))])
    (error,) = page.context["errors"]
    assert (error.row, error.column) == (len(rows) + 1, "region")
    assert "辽宁省" in error.message and "吉林省" in error.message


def test_valid_import_previews_then_stores_and_computes(client, office):
    url, page = preview(client, [("jilin-2020.csv", tidy_csv(VALID_ROWS))])
    assert page.context["errors"] == []
    (plan,) = page.context["plans"]
    assert Inventory.objects.count() == 0  # the preview stores nothing
    assert 'id="confirm-import"' in page.content.decode()

    response = client.post(url)
    inv = Inventory.objects.get()
    assert response.status_code == 302 and response["Location"] == inv.get_absolute_url()
    assert (inv.region_id, inv.year, inv.kind, inv.factor_set) == ("220000", 2020, "computed", "guideline")
    assert inv.created_by == office
    # 100 万吨 raw coal at the guideline's 1.87 t CO2/t (SOURCES.md), 10 万吨 diesel, 1.5 亿 m³ gas, 50 万吨 cement
    fs = load_factor_set("guideline")
    assert round(fs.combustion["raw_coal"].ef, 2) == 1.87
    expected_kg = sum(
        round(q * ef * 1000)
        for q, ef in [
            (1e6, fs.combustion["raw_coal"].ef),
            (1e5, fs.combustion["diesel_oil"].ef),
            (1.5e8, fs.combustion["natural_gas"].ef),
            (5e5, fs.process["cement"]),
        ]
    )
    assert inv.total_kg == expected_kg == plan["inventory"].total_kg
    assert inv.process_kg == round(5e5 * 0.2906 * 1000)  # cement output × CEADs' 0.2906
    assert inv.sinks_kg == 300_000_000  # 30 万吨, kept apart from the total
    # 15 亿 kWh net imports × the MEE/NBS national factor (2021: 0.5568 kg/kWh, borrowed for 2020 with a warning)
    assert inv.scope2_kg == round(1.5e9 * 0.5568)
    assert any("2021 value is used" in w for w in inv.record["warnings"])
    assert inv.factor_info["name"] == "guideline" and inv.factor_info["digest"] == fs.digest


def test_the_same_content_twice_is_stored_once(client, office):
    for _ in range(2):
        url, _page = preview(client, [("jilin-2020.csv", tidy_csv(VALID_ROWS))])
        client.post(url)
    assert Inventory.objects.count() == 1


def test_a_ceads_matrix_is_read_for_the_import_region_only_and_stored_as_published(client, office):
    url, page = preview(client, [("ceads.csv", ceads_bytes())])
    assert page.context["errors"] == []
    assert any("CEADs" in n for n in page.context["run"].notices)
    assert len(page.context["plans"]) == 23  # Jilin 1997–2019; Liaoning's rows are not read
    client.post(url)
    assert Inventory.objects.filter(region_id="220000", kind="published").count() == 23
    assert not Inventory.objects.exclude(region_id="220000").exists()


def test_office_of_another_region_cannot_import_for_this_one(client, meihekou_office, upload_dir):
    client.force_login(meihekou_office)
    response = post_import(client, [("jilin-2020.csv", tidy_csv(VALID_ROWS))], region="220000")
    assert response.status_code == 200  # the form refuses the region: it is not one the user may edit
    assert "region" in response.context["form"].errors
    # the form offers only Meihekou
    assert [r.pk for r in response.context["form"].fields["region"].queryset] == ["220581"]
    assert Inventory.objects.count() == 0


def test_a_preview_token_belongs_to_the_session_that_uploaded(client, office, meihekou_office):
    url, _ = preview(client, [("jilin-2020.csv", tidy_csv(VALID_ROWS))])
    client.logout()
    client.force_login(meihekou_office)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("inventory:import")
    assert Inventory.objects.count() == 0


def test_viewer_may_not_import(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("inventory:import")).status_code == 403


def test_the_template_file_imports_cleanly(client, office):
    template = client.get(reverse("inventory:import_template")).content
    _, page = preview(client, [("template.csv", template)])
    assert page.context["errors"] == []
    (plan,) = page.context["plans"]
    inv = plan["inventory"]
    assert inv.total_kg > 0 and inv.process_total_kg > 0 and inv.sinks_kg > 0 and inv.scope2_kg > 0
