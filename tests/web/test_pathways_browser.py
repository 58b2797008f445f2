"""In headless Chromium: the Jilin policy editor recomputes in place when a slider moves, and its charts draw.

Uses Debian's /usr/bin/chromium (never a downloaded browser) and fails, not skips, without it.
Screenshots go to /tmp/tanda-pathways-*.png for a person to look at.
"""

from __future__ import annotations

import re

import pytest
from browser_support import sign_in
from pathways_web_helpers import store_demo
from playwright.sync_api import expect

from tanda.pathways import load_scenario, run
from tanda.pathways.scenario import packaged_document, validate
from tanda.web.pathways.models import Scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_slider_recomputes_the_policy_in_place(live_server, regions, jilin_office, password, open_page):
    policy = store_demo()["jilin-policy"]
    expected_before = run(load_scenario("jilin-policy")).to_dict()
    doc = packaged_document("jilin-policy")
    doc["drivers"]["energy_intensity"]["*"] = [
        {"from": 2020, "to": 2030, "pct": 1.5},
        {"from": 2031, "to": 2060, "pct": -2.5},
    ]
    expected_after = run(validate(doc)).to_dict()
    assert expected_after["total_tco2"][11] != expected_before["total_tco2"][11]

    page = open_page(viewport={"width": 1400, "height": 1000})
    sign_in(page, live_server.url, jilin_office.username, password, next=f"/pathways/s/{policy.pk}/")
    expect(page).to_have_url(re.compile(rf"/pathways/s/{policy.pk}/$"))
    expect(page.locator("#peak-year")).to_have_text(str(expected_before["peak_year"]))
    for chart in ("stack", "fan", "distribution", "wedges"):
        expect(page.locator(f"#chart-{chart} canvas")).to_have_count(1)
    page.evaluate("window.__sameDocument = true")
    before_2030 = page.inner_text("#co2-2030")

    # drag the range slider (keyboard moves it like a hand does: input events, then change)
    slider = page.locator("#lvr-energy_intensity")
    slider.focus()
    for _ in range(40):  # -2.5 → +1.5 %/a in steps of 0.1
        page.keyboard.press("ArrowRight")
    expect(page.locator("#lv-energy_intensity")).to_have_value("1.5")
    expect(page.locator("#co2-2030")).not_to_have_text(before_2030)
    want = f"{expected_after['total_tco2'][11] / 1e6:.1f}"
    expect(page.locator("#co2-2030")).to_contain_text(want)
    expect(page.locator("#peak-year")).to_have_text(
        str(expected_after["peak_year"]) if expected_after["peak_year"] else re.compile("未达峰")
    )
    assert page.evaluate("window.__sameDocument") is True  # no navigation: the panel was swapped
    expect(page).to_have_url(re.compile(rf"/pathways/s/{policy.pk}/$"))
    for chart in ("stack", "fan", "distribution", "wedges"):
        expect(page.locator(f"#chart-{chart} canvas")).to_have_count(1)
    page.locator("details summary").first.click()
    expect(page.locator("#id_document")).to_contain_text("pct: 1.5")
    page.screenshot(path="/tmp/tanda-pathways-editor.png", full_page=True)

    # a number box works too, and saving stores what is on the screen as version 2
    page.fill("#lv-gdp_growth", "6")
    page.press("#lv-gdp_growth", "Enter")
    expect(page.locator("#lvr-gdp_growth")).to_have_value("6")
    page.fill("input[name=reason]", "浏览器测试")
    page.click("#pw-save")
    expect(page.locator(".messages")).to_contain_text("第 2 版")
    stored = Scenario.objects.get(pk=policy.pk)
    assert stored.own()["drivers"]["energy_intensity"]["*"][0]["pct"] == 1.5
    assert stored.own()["drivers"]["gdp_growth"][0] == {"from": 2020, "to": 2030, "pct": 6.0}
