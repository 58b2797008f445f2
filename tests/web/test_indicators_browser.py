"""In headless Chromium (Debian's, never a downloaded one): Jilin's dashboard draws the ECharts map of its
nine cities from the vendored map file and shows the grade counts; the indicator page draws its chart.
Screenshots go to /tmp/tanda-indicators-*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tanda.web.indicators.store import store_observations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITY_SHARES = {  # non-fossil share (%), 2020 → 2023: Liaoyuan falls in the last year (red), Jilin city is met
    "220100": (10.0, 11.0, 12.0, 13.0),
    "220200": (18.0, 19.0, 20.0, 21.0),
    "220400": (8.0, 8.6, 9.1, 9.0),
}


def test_dashboard_of_jilin_shows_the_map_and_the_counts(live_server, make_plan, open_page):
    plan = make_plan("220000")  # energy intensity −13.5 % and non-fossil share 20 % 左右 by 2025
    rows = [
        {"indicator": "energy_intensity", "region": "220000", "period": y, "value": v, "unit": "吨标准煤/万元"}
        for y, v in {2020: 1.0, 2021: 0.98, 2022: 0.97, 2023: 0.99}.items()  # rose: red
    ] + [
        {"indicator": "non_fossil_share", "region": code, "period": 2020 + i, "value": v, "unit": "%"}
        for code, values in {"220000": (14.0, 15.4, 16.8, 18.2), **CITY_SHARES}.items()
        for i, v in enumerate(values)
    ]
    store_observations(rows, user=None, trusted=True)
    page = open_page(viewport={"width": 1360, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    share = plan.targets.get(indicator="非化石能源消费比重")  # the map shows the cities against this target
    page.goto(f"{live_server.url}/indicators/220000/?as_of=2024&map={share.pk}")
    expect(page.locator("#grade-counts b[data-grade=red]")).to_have_text("1")
    expect(page.locator("#grade-counts b[data-grade=green]")).to_have_text("1")
    expect(page.locator("#grade-counts b[data-grade=yellow]")).to_have_text("0")
    chart = page.locator("#region-map")
    expect(chart).to_have_attribute("data-ready", "1")
    expect(chart.locator("canvas")).to_have_count(1)
    box = chart.locator("canvas").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    # the map series holds the nine cities, coloured from the page's data
    names = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('region-map'))"
        ".getOption().series[0].data.map(d => d.name + ':' + (d.grade || ''))"
    )
    assert len(names) == 9 and "辽源市:red" in names and "吉林市:green" in names and "四平市:" in names
    expect(page.locator("#below-table")).to_contain_text("延边朝鲜族自治州")
    page.screenshot(path="/tmp/tanda-indicators-dashboard.png", full_page=True)

    page.click("#worst a:has-text('非化石能源消费比重')")
    expect(page.locator("#indicator-chart")).to_have_attribute("data-ready", "1")
    expect(page.locator("h1")).to_contain_text("非化石能源消费比重")
    page.screenshot(path="/tmp/tanda-indicators-indicator.png", full_page=True)
    assert errors == []
