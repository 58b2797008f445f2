"""Excel export through the domain's writer: the workbook opens with openpyxl and its totals are the page's."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from test_inventory_support import VALID_ROWS, store_balance, store_ceads, store_tidy

pytestmark = pytest.mark.django_db


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    return load_workbook(io.BytesIO(response.content), read_only=True, data_only=True)


def test_export_opens_and_its_totals_equal_the_pages(client, viewer):
    client.force_login(viewer)
    inv = store_balance(2011)
    page = client.get(inv.get_absolute_url()).content.decode()
    shown_wt = re.search(r'id="total-wt">([\d.,]+)<', page).group(1)  # 万吨 on the page

    wb = _workbook(client.get(reverse("inventory:export", args=[inv.pk])))
    summary = wb.worksheets[0]
    header, row = [list(r) for r in summary.iter_rows(min_row=1, max_row=2, values_only=True)]
    record = dict(zip(header, row, strict=True))
    assert record["total_tco2"] == inv.total_kg / 1000
    assert f"{record['total_tco2'] / 1e4:,.2f}" == shown_wt
    assert record["factor_set"] == "guideline" and record["digest"] == inv.factor_digest
    # the fuel × sector sheet closes on the combustion total, and the long table by fuel on the total
    matrix = wb[f"{inv.region_id}{inv.year}"]
    last = list(matrix.iter_rows(values_only=True))[-1]
    assert last[-1] == pytest.approx(inv.combustion_kg / 1000)
    by_fuel = list(wb.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert sum(r[-1] for r in by_fuel) == pytest.approx(inv.total_kg / 1000, abs=1e-6)


def test_export_of_a_filtered_list_has_one_summary_row_per_inventory(client, viewer):
    client.force_login(viewer)
    store_ceads("210000")
    store_tidy(VALID_ROWS)
    wb = _workbook(client.get(reverse("inventory:export_list") + "?region=210000"))
    rows = list(wb.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 23 and {r[0] for r in rows} == {"210000"}
    assert sorted(r[1] for r in rows) == list(range(1997, 2020))
