"""End to end in headless Chromium: sign in → upload → preview → save → plan page → quote → source.

Uses Debian's /usr/bin/chromium (never a downloaded browser) and fails, not skips, without it.
Screenshots go to /tmp/tanda-browser-*.png for a person to look at.
"""

from __future__ import annotations

import re

import pytest
from browser_support import SHOTS, sign_in
from playwright.sync_api import Page, expect
from web_samples import ENERGY_QUOTE, SAMPLE_TEXT, TASK_TITLE

from tanda.web.plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_preview_save_and_follow_a_quote(
    live_server, jilin_office, password, use_fake_parser, upload_dir, open_page
):
    drive_upload_to_source(open_page(), live_server.url, jilin_office.username, password)


def drive_upload_to_source(page: Page, base: str, username: str, password: str) -> None:
    sign_in(page, base, username, password)
    expect(page.locator(".account .who")).to_contain_text(username)

    page.click("nav.mainnav >> text=上传方案")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "某市碳达峰实施方案.txt", "mimeType": "text/plain", "buffer": SAMPLE_TEXT.encode()}],
    )
    page.click("button:has-text('预览')")
    expect(page.locator("h1")).to_contain_text("预览识别结果")
    expect(page.locator("table.targets")).to_contain_text("单位地区生产总值能源消耗")
    expect(page.locator("table.tasks")).to_contain_text(TASK_TITLE)
    expect(page.locator("table.tasks .dept.lead")).to_have_text("市发展改革委")
    page.screenshot(path=str(SHOTS / "tanda-browser-preview.png"), full_page=True)
    assert Plan.objects.count() == 0

    page.click("#save-plan")
    expect(page).to_have_url(re.compile(r"/plans/\d+/$"))
    expect(page.locator("#targets")).to_contain_text("13.5 %")
    expect(page.locator(".messages")).to_contain_text("已保存")
    page.screenshot(path=str(SHOTS / "tanda-browser-plan.png"), full_page=True)
    plan = Plan.objects.get()

    # inline correction through htmx: the row turns into a form and back, without leaving the page
    row = page.locator("#targets tbody tr").first
    row.locator("text=编辑").click()
    form_row = page.locator("#targets tr.editing")
    expect(form_row).to_be_visible()
    form_row.locator("input[name=value]").fill("14")
    form_row.locator("button:has-text('保存')").click()
    expect(page.locator("#targets tr.editing")).to_have_count(0)
    expect(page.locator("#targets tbody tr").first).to_contain_text("14 %")
    expect(page).to_have_url(re.compile(rf"/plans/{plan.pk}/$"))
    assert plan.targets.get(indicator="单位地区生产总值能源消耗").value == 14.0

    page.click(f"a.quote-link:has-text('{ENERGY_QUOTE}')")
    expect(page).to_have_url(re.compile(r"/plans/\d+/source/\?target=\d+#t-\d+$"))
    current = page.locator("#source mark.quote.current")
    expect(current.first).to_be_visible()
    assert "".join(current.all_inner_texts()) == ENERGY_QUOTE
    in_view = current.first.evaluate(
        "m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    assert in_view
    page.screenshot(path=str(SHOTS / "tanda-browser-source.png"))

    page.click(".langswitch button[value=en]")
    expect(page.locator("nav.mainnav")).to_contain_text("Plans")
    expect(page.locator("h1")).to_contain_text("Source text")
