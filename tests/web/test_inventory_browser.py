"""End to end in headless Chromium: sign in → upload a small tidy CSV → preview → confirm → inventory table,
drill-down and the Sankey chart's canvas.

Uses Debian's /usr/bin/chromium (never a downloaded browser) and fails, not skips, without it.
Screenshots go to /tmp/tanda-inventory-*.png for a person to look at.
"""

from __future__ import annotations

import re

import pytest
from browser_support import SHOTS, sign_in
from playwright.sync_api import expect
from test_inventory_support import VALID_ROWS, tidy_csv

from tanda.web.inventory.models import Inventory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_preview_confirm_table_and_chart(live_server, jilin_office, password, upload_dir, open_page):
    page = open_page()
    sign_in(page, live_server.url, jilin_office.username, password)
    expect(page.locator(".account .who")).to_contain_text(jilin_office.username)

    page.click("nav.mainnav >> text=排放核算")
    page.click("nav.subnav >> text=导入数据")
    page.set_input_files(
        "input[name=files]",
        files=[{"name": "吉林省2020.csv", "mimeType": "text/csv", "buffer": tidy_csv(VALID_ROWS)}],
    )
    page.click("button:has-text('预览')")
    expect(page.locator("h1")).to_contain_text("导入预览")
    expect(page.locator("#preview-inventories")).to_contain_text("2020")
    expect(page.locator("#preview-rows")).to_contain_text("原煤")
    page.screenshot(path=str(SHOTS / "tanda-inventory-preview.png"), full_page=True)
    assert Inventory.objects.count() == 0

    page.click("#confirm-import")
    expect(page).to_have_url(re.compile(r"/inventory/\d+/$"))
    inv = Inventory.objects.get()
    expect(page.locator("#inventory-matrix")).to_be_visible()
    expect(page.locator("#matrix-total")).to_have_text(f"{inv.total_kg / 1e7:,.2f}")
    expect(page.locator("#sankey canvas")).to_have_count(1)
    expect(page.locator("#sankey")).to_have_attribute("data-ready", "1")

    # drill-down: open the coal group; its fuels become columns, without leaving the page
    page.click("#inventory-matrix thead a.toggle:has-text('煤炭')")
    expect(page.locator("#inventory-matrix thead")).to_contain_text("原煤")
    expect(page).to_have_url(re.compile(rf"/inventory/{inv.pk}/\?.*fg=coal"))
    expect(page.locator("#sankey canvas")).to_have_count(1)
    page.screenshot(path=str(SHOTS / "tanda-inventory-page.png"), full_page=True)
