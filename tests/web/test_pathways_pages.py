"""Pathways pages: the stored Jilin scenarios show the domain's peak, odds and target checks; demo; history."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pathways_web_helpers import charts, store_demo, text_of

from tanda.pathways import decide_peak, lmdi, load_scenario, montecarlo, reference, run, sharecode
from tanda.web.pathways.demo import load_demo
from tanda.web.pathways.models import Scenario

pytestmark = pytest.mark.django_db
NAMES = ("jilin-baseline", "jilin-policy", "jilin-enhanced")


@pytest.fixture
def demo(regions) -> dict[str, Scenario]:
    return store_demo()


@pytest.mark.parametrize("name", NAMES)
def test_stored_scenario_shows_the_domains_peak_and_probability(client, demo, name):
    """The page of a stored scenario shows what the domain computes for the packaged file of the same name."""
    expected = run(load_scenario(name)).to_dict()
    scenario = load_scenario(name)
    paths = montecarlo.run(scenario, run(scenario).model, 2000, 0)
    odds = montecarlo.summary(run(scenario).model, paths, 0)["p_peak_by_2030"]

    html = client.get(reverse("pathways:scenario", args=[demo[name].pk])).content.decode()

    assert text_of(html, "peak-year") == str(expected["peak_year"])
    assert text_of(html, "p-peak") == f"{odds * 100:.0f} %"
    assert "蒙特卡洛 2000 个样本" in html
    data = charts(html)
    assert data["total"] == [round(v / 1e6, 3) for v in expected["total_tco2"]]
    assert data["peak"] == {"year": expected["peak_year"], "value": round(expected["peak_tco2"] / 1e6, 3)}
    assert data["fan"]["members"] == 2000
    assert len(data["stack"]) >= len(expected["sectors"])


def test_inheritance_in_the_database_means_the_same_scenario_as_the_files(demo):
    """baseline → policy → enhanced resolved from stored rows has the digest of the packaged files' resolution."""
    for name in NAMES:
        assert demo[name].digest == sharecode.digest(load_scenario(name)), name
        assert demo[name].code == sharecode.encode(load_scenario(name)), name
    assert demo["jilin-policy"].parent == demo["jilin-baseline"]
    assert demo["jilin-enhanced"].parent == demo["jilin-policy"]
    assert "base" not in demo["jilin-policy"].own()  # only what it overrides is stored


def test_target_checks_table_lists_every_target_with_the_domains_verdict(client, demo):
    expected = run(load_scenario("jilin-policy")).to_dict()["targets"]
    html = client.get(reverse("pathways:scenario", args=[demo["jilin-policy"].pk])).content.decode()
    table = html.split('id="target-checks"')[1].split("</table>")[0]
    assert table.count('<tr class="target-') == len(expected) == 6
    verdicts = [row.startswith("met") for row in table.split('<tr class="target-')[1:]]
    assert verdicts == [t["met"] for t in expected]
    assert text_of(html, "targets-met") == str(sum(t["met"] for t in expected))


def test_demo_is_idempotent(regions):
    first = load_demo()
    versions = {s.name: (s.version, s.digest) for s in Scenario.objects.all()}
    second = load_demo()
    assert Scenario.objects.filter(region_id="220000").count() == 3
    assert {s.name: (s.version, s.digest) for s in Scenario.objects.all()} == versions
    assert Scenario.history.count() == 3
    assert sum("pathways: stored" in line for line in first) == 3
    assert sum("already stored" in line for line in second) == 3
    assert all(s.published for s in Scenario.objects.all())


def test_anonymous_reads_published_scenarios_not_unpublished_ones(client, demo):
    assert client.get(reverse("pathways:index")).status_code == 200
    Scenario.objects.filter(pk=demo["jilin-enhanced"].pk).update(published=False)
    index = client.get(reverse("pathways:index")).content.decode()
    assert "jilin-policy" in index and "jilin-enhanced</a>" not in index
    page = client.get(reverse("pathways:scenario", args=[demo["jilin-enhanced"].pk]))
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]


def test_index_shows_the_family_as_a_tree(client, demo):
    html = client.get(reverse("pathways:index")).content.decode()
    assert html.index("jilin-baseline") < html.index("jilin-policy") < html.index("jilin-enhanced")
    assert f'class="tree-2"><a href="/pathways/s/{demo["jilin-enhanced"].pk}/">jilin-enhanced' in html


def test_compare_puts_the_three_scenarios_on_one_chart_with_their_peak_years(client, demo):
    html = client.get(reverse("pathways:compare")).content.decode()
    data = charts(html, "pw-compare")
    assert [s["name"] for s in data["series"]] == list(NAMES)
    for series in data["series"]:
        expected = run(load_scenario(series["name"])).to_dict()
        assert series["peak"]["year"] == expected["peak_year"]
        assert series["total"][-1] == round(expected["total_tco2"][-1] / 1e6, 3)
    picked = client.get(reverse("pathways:compare"), {"s": [demo["jilin-policy"].pk, demo["jilin-baseline"].pk]})
    assert [s["name"] for s in charts(picked.content.decode(), "pw-compare")["series"]] == [
        "jilin-baseline",
        "jilin-policy",
    ]


def test_history_page_has_jilins_lmdi_2005_2019_and_the_peak_decision(client, regions):
    html = client.get(reverse("pathways:history")).content.decode()
    rows = {r["year"]: r for r in reference.jilin_kaya_rows()}
    expected = lmdi.kaya_between(rows, 2005, 2019)
    data = charts(html, "pw-history")
    effects = {e["label"]: e["value"] for e in data["waterfall"]["effects"]}
    assert len(effects) == 4
    assert sorted(round(v, 6) for v in effects.values()) == sorted(
        round(v / 1e6, 6) for v in expected["effects"].values()
    )
    # additive LMDI explains the change exactly; CEADs: 138.45 Mt (2005) to 197.68 Mt (2019) energy CO2
    assert sum(effects.values()) == pytest.approx((expected["to"] - expected["from"]) / 1e6, abs=1e-9)
    assert data["waterfall"]["start"]["value"] == pytest.approx(138.448)
    assert data["waterfall"]["end"]["value"] == pytest.approx(197.683)
    # SOURCES.md: Jilin's CEADs emissions peak in 2011 (234.43 Mt) and stand at 203.66 Mt in 2019
    decision = decide_peak(reference.jilin_co2_series())
    assert data["decision"]["peak_year"] == decision.peak_year == 2011
    assert data["decision"]["peak_value"] == pytest.approx(234.433)
    assert text_of(html, "decision") == "已达峰"


def test_history_page_names_a_bad_year(client, regions):
    html = client.get(reverse("pathways:history"), {"from": "1990", "to": "2019"}).content.decode()
    assert "起始年：no row for 1990" in html
    assert 'id="chart-waterfall"' not in html
    assert "每个因素" not in html  # the page still renders, without a decomposition


def test_history_page_for_a_region_without_packaged_history(client, regions):
    html = client.get(reverse("pathways:history"), {"region": "210000"}).content.decode()
    assert "还没有打包的历史数据" in html


def test_admin_lists_scenarios_with_their_history(client, demo, make_user):
    from tanda.web.core.models import Profile

    client.force_login(make_user("root", Profile.Role.ADMIN))
    listing = client.get("/admin/pathways/scenario/").content.decode()
    assert "jilin-enhanced" in listing
    policy = demo["jilin-policy"]
    assert client.get(f"/admin/pathways/scenario/{policy.pk}/change/").status_code == 200
    history = client.get(f"/admin/pathways/scenario/{policy.pk}/history/").content.decode()
    assert "demo" in history


def test_pages_in_english(client, demo):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("pathways:scenario", args=[demo["jilin-policy"].pk])).content.decode()
    assert '<html lang="en">' in page
    for english in ("Peak year", "Probability of peaking by 2030", "Target checks", "Wedges of the measures", "met"):
        assert english in page, english
    for chinese in ("达峰年份", "目标检查", "措施减排楔形图", "主要参数"):
        assert chinese not in page, chinese
    history = client.get(reverse("pathways:history")).content.decode()
    assert "Kaya decomposition (LMDI) 2005→2019" in history and "历史达峰判断" not in history
