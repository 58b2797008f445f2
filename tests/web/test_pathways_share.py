"""Share codes and downloads: a code reopens the same scenario; IAMC CSV and YAML files run as the domain does."""

from __future__ import annotations

import csv
import io

import pytest
import yaml
from django.urls import reverse
from pathways_web_helpers import charts, store_demo, text_of

from tanda.pathways import iamc, load_scenario, run, sharecode
from tanda.pathways.scenario import validate
from tanda.web.pathways.models import Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(regions) -> dict[str, Scenario]:
    return store_demo()


def test_share_code_page_round_trips(client, demo):
    """Stored page → its code → the code page: same scenario (code and digest) and the same results."""
    policy = demo["jilin-policy"]
    page = client.get(reverse("pathways:scenario", args=[policy.pk])).content.decode()
    code = text_of(page, "share-code")
    assert code == policy.code

    opened = client.get(reverse("pathways:code"), {"c": code})
    assert opened.status_code == 200
    html = opened.content.decode()
    assert text_of(html, "share-code") == code  # the code page's own code is the one it was opened with
    assert text_of(html, "peak-year") == text_of(page, "peak-year")
    assert text_of(html, "p-peak") == text_of(page, "p-peak")
    assert charts(html)["total"] == charts(page)["total"]
    assert "由 jilin-baseline 继承而来" in html

    posted = client.post(reverse("pathways:code"), {"code": code}).content.decode()
    assert text_of(posted, "share-code") == code


def test_a_damaged_code_names_the_field(client, regions):
    response = client.get(reverse("pathways:code"), {"c": "tp1.AAAAnot-a-code"})
    assert response.status_code == 400
    assert "damaged or truncated scenario code" in response.content.decode()
    assert 'id="pw-charts"' not in response.content.decode()


def test_iamc_download_has_the_iamc_columns_and_the_domains_values(client, demo):
    response = client.get(reverse("pathways:iamc", args=[demo["jilin-policy"].pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="jilin-policy-v1.iamc.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0].keys()) == iamc.COLUMNS == ("model", "scenario", "region", "variable", "unit", "year", "value")
    expected = list(iamc.rows(run(load_scenario("jilin-policy"))))
    assert len(rows) == len(expected)
    total_2030 = next(r for r in rows if r["variable"] == "Emissions|CO2" and r["year"] == "2030")
    want = next(r for r in expected if r["variable"] == "Emissions|CO2" and r["year"] == 2030)
    assert float(total_2030["value"]) == pytest.approx(want["value"], rel=1e-12)
    assert (total_2030["model"], total_2030["scenario"], total_2030["unit"]) == ("tanda", "jilin-policy", "Mt CO2/yr")


def test_comparison_downloads_every_compared_scenario_in_one_file(client, demo):
    ids = [demo["jilin-baseline"].pk, demo["jilin-enhanced"].pk]
    content = client.get(reverse("pathways:compare_iamc"), {"s": ids}).content.decode()
    assert {r["scenario"] for r in csv.DictReader(io.StringIO(content))} == {"jilin-baseline", "jilin-enhanced"}


def test_yaml_downloads_reproduce_the_scenario(client, demo):
    enhanced = demo["jilin-enhanced"]
    own = yaml.safe_load(client.get(reverse("pathways:document", args=[enhanced.pk])).content)
    assert own["name"] == "jilin-enhanced" and own["parent"] == "jilin-policy" and "base" not in own
    merged = yaml.safe_load(client.get(reverse("pathways:document", args=[enhanced.pk]), {"resolved": 1}).content)
    assert sharecode.digest(validate(merged)) == enhanced.digest == sharecode.digest(load_scenario("jilin-enhanced"))


def test_save_as_new_from_a_code_prefills_the_editor(client, demo, jilin_office):
    client.force_login(jilin_office)
    html = client.get(reverse("pathways:new"), {"code": demo["jilin-enhanced"].code}).content.decode()
    assert 'value="jilin-enhanced"' in html  # the name, to be changed before saving
    assert text_of(html, "share-code") == demo["jilin-enhanced"].code
