"""The pathways JSON API: run a document, Monte Carlo with members and seed, list and get stored scenarios."""

from __future__ import annotations

import json

import pytest
from pathways_web_helpers import store_demo

from tanda.pathways import load_scenario, montecarlo, run
from tanda.web.pathways.models import Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(regions) -> dict[str, Scenario]:
    return store_demo()


def post(client, url: str, body: dict):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_run_a_document_that_inherits_from_a_stored_scenario(client, demo):
    doc = {
        "name": "faster",
        "parent": "jilin-policy",
        "region": "220000",
        "drivers": {"gdp_growth": [{"from": 2020, "to": 2060, "pct": 6.0}]},
    }
    response = post(client, "/api/pathways/run", doc)
    assert response.status_code == 200
    data = response.json()
    policy = run(load_scenario("jilin-policy")).to_dict()
    assert data["scenario"] == "faster" and data["parent"] == "jilin-policy"
    assert data["total_tco2"][0] == policy["total_tco2"][0]  # same base year
    assert data["total_tco2"][-1] > policy["total_tco2"][-1]  # faster growth all along


def test_run_uses_the_stored_parent_not_the_packaged_one(client, demo, jilin_office):
    from tanda.web.pathways.store import Draft, save_scenario

    row = demo["jilin-baseline"]
    own = row.own()
    own["end_year"] = 2050
    save_scenario(Draft(row.name, own, None), region=row.region, published=True, user=jilin_office, existing=row)
    data = post(client, "/api/pathways/run", {"name": "x", "parent": "jilin-baseline", "region": "220000"}).json()
    assert data["years"][-1] == 2050


def test_run_a_bad_document_names_every_field(client, demo):
    doc = {
        "name": "bad",
        "parent": "jilin-policy",
        "drivers": {"gdp_growth": [{"from": 2030, "to": 2020, "pct": 3}], "non_fossil_share": {"2030": 120}},
    }
    response = post(client, "/api/pathways/run", doc)
    assert response.status_code == 422
    fields = [p["field"] for p in response.json()["problems"]]
    assert fields == ["drivers.gdp_growth[0]", "drivers.non_fossil_share.2030"]
    unknown = post(
        client,
        "/api/pathways/run",
        {
            "name": "u",
            "parent": "jilin-policy",
            "drivers": {"energy_intensity": {"steel": [{"from": 2020, "to": 2030, "pct": -3}]}},
        },
    )
    assert unknown.status_code == 422
    assert unknown.json()["problems"][0]["field"] == "drivers.energy_intensity.steel"


def test_montecarlo_with_members_and_seed_is_the_domains(client, demo):
    body = {"document": {"name": "b", "parent": "jilin-baseline"}, "members": 700, "seed": 11}
    data = post(client, "/api/pathways/montecarlo", body).json()
    scenario = load_scenario("jilin-baseline")
    model = run(scenario).model
    expected = montecarlo.summary(model, montecarlo.run(scenario, model, 700, 11), 11)
    assert data["members"] == 700 and data["seed"] == 11
    assert data["p_peak_by_2030"] == expected["p_peak_by_2030"]
    assert data["peak_year_quantiles"] == expected["peak_year_quantiles"]
    assert sum(data["peak_year_distribution"]["share"]) + data["peak_year_distribution"]["not_peaked"] == pytest.approx(
        1
    )
    assert post(client, "/api/pathways/montecarlo", {**body, "members": 10**6}).status_code == 422

    stored = client.get(f"/api/pathways/scenarios/{demo['jilin-baseline'].pk}/montecarlo", {"members": 700, "seed": 11})
    assert stored.json()["p_peak_by_2030"] == expected["p_peak_by_2030"]


def test_list_and_get_follow_the_pages_rules(client, demo, viewer):
    Scenario.objects.filter(pk=demo["jilin-enhanced"].pk).update(published=False)
    names = [s["name"] for s in client.get("/api/pathways/scenarios").json()]
    assert names == ["jilin-baseline", "jilin-policy"]
    assert client.get(f"/api/pathways/scenarios/{demo['jilin-enhanced'].pk}").status_code == 401
    client.force_login(viewer)
    listed = client.get("/api/pathways/scenarios", {"region": "220000"}).json()
    assert [s["name"] for s in listed] == ["jilin-baseline", "jilin-enhanced", "jilin-policy"]
    one = client.get(f"/api/pathways/scenarios/{demo['jilin-policy'].pk}").json()
    assert one["parent_name"] == "jilin-baseline" and one["version"] == 1
    assert one["resolved"]["base"]["province"] == "Jilin" and "base" not in one["document"]
    assert one["code"] == demo["jilin-policy"].code
    ran = client.get(f"/api/pathways/scenarios/{demo['jilin-policy'].pk}/run").json()
    assert ran["peak_year"] == run(load_scenario("jilin-policy")).to_dict()["peak_year"]
