"""The scenario editor: in-place recompute (htmx), sliders, bad input named by field, saving versions."""

from __future__ import annotations

import re

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pathways_web_helpers import charts, form_fields, store_demo, text_of

from tanda.pathways import load_scenario, run, sharecode
from tanda.pathways.scenario import merge, packaged_document, validate
from tanda.web.core.models import Profile
from tanda.web.pathways.models import Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(regions) -> dict[str, Scenario]:
    return store_demo()


def editor(client, scenario: Scenario) -> dict[str, str]:
    """The editor form of a scenario page, as the browser would post it."""
    return form_fields(client.get(reverse("pathways:scenario", args=[scenario.pk])).content.decode())


def recompute(client, fields: dict[str, str]) -> str:
    response = client.post(reverse("pathways:recompute"), fields, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_recompute_returns_the_results_fragment_unchanged_when_nothing_moved(client, demo):
    fields = editor(client, demo["jilin-policy"])
    assert fields["gdp_growth"] == fields["gdp_growth__was"] == "4.5"
    html = recompute(client, fields)
    assert "<html" not in html and html.lstrip().startswith('<section id="results"')
    assert 'id="levers" hx-swap-oob="true"' in html
    expected = run(load_scenario("jilin-policy")).to_dict()
    assert charts(html)["total"] == [round(v / 1e6, 3) for v in expected["total_tco2"]]
    assert text_of(html, "share-code") == sharecode.encode(load_scenario("jilin-policy"))


def test_a_moved_slider_changes_the_result_to_the_domains_for_that_document(client, demo):
    """GDP growth 2020–2030 at 9 %/a instead of 4.5: the page shows the domain's run of exactly that document."""
    fields = editor(client, demo["jilin-baseline"])
    before = charts(recompute(client, fields))
    fields["gdp_growth"] = "9"
    html = recompute(client, fields)
    after = charts(html)

    periods = [
        {"from": 2020, "to": 2030, "pct": 9.0},
        {"from": 2031, "to": 2035, "pct": 4.0},
        {"from": 2036, "to": 2040, "pct": 3.5},
        {"from": 2041, "to": 2050, "pct": 3.0},
        {"from": 2051, "to": 2060, "pct": 2.5},
    ]
    doc = packaged_document("jilin-baseline")
    doc["drivers"]["gdp_growth"] = periods
    expected = run(validate(doc)).to_dict()
    assert after["total"] == [round(v / 1e6, 3) for v in expected["total_tco2"]]
    assert after["total"][11] > before["total"][11]  # 2030: faster growth, more CO2
    assert text_of(html, "peak-year") == str(expected["peak_year"])
    # the slider's value was written into the document, which comes back out of band with the sliders
    assert re.search(r'<div id="doc-field"[^>]* hx-swap-oob="true"', html)
    shown = form_fields(f'<form id="pw-form">{html}</form>')
    assert yaml.safe_load(shown["document"])["drivers"]["gdp_growth"] == periods
    assert shown["gdp_growth"] == shown["gdp_growth__was"] == "9"
    assert Scenario.objects.get(pk=demo["jilin-baseline"].pk).version == 1  # a recompute stores nothing


def test_a_share_slider_writes_into_the_measure_that_governs_the_year(client, demo):
    """In the policy, a measure sets the non-fossil share: the slider changes that measure's 2030 anchor."""
    fields = editor(client, demo["jilin-policy"])
    assert fields["non_fossil_2030"] == "21"
    fields["non_fossil_2030"] = "30"
    html = recompute(client, fields)
    doc = yaml.safe_load(form_fields(f'<form id="pw-form">{html}</form>')["document"])
    measure = next(m for m in doc["measures"] if m["id"] == "non-fossil-expansion")
    assert measure["drivers"]["non_fossil_share"][2030] == 30.0
    expected = merge(packaged_document("jilin-policy"), {"measures": [measure]})
    assert charts(html)["total"] == [round(v / 1e6, 3) for v in run(validate(expected)).to_dict()["total_tco2"]]


def test_editing_the_document_moves_the_sliders(client, demo):
    fields = editor(client, demo["jilin-baseline"])
    doc = yaml.safe_load(fields["document"])
    doc["drivers"]["non_fossil_share"][2030] = 24.0
    fields["document"] = yaml.safe_dump(doc, allow_unicode=True)
    html = recompute(client, fields)
    assert form_fields(f'<form id="pw-form">{html}</form>')["non_fossil_2030"] == "24"


BAD_INPUT = [
    (
        "unknown sector",
        {"drivers": {"energy_intensity": {"steel": [{"from": 2020, "to": 2030, "pct": -3}]}}},
        "drivers.energy_intensity.steel",
        "unknown sector &#x27;steel&#x27;",
    ),
    (
        "unknown fuel",
        {
            "drivers": {
                "fuel_shifts": [
                    {"id": "h2", "from": "coal", "to": "Hydrogen", "fraction_pct": 10, "start": 2022, "end": 2030}
                ]
            }
        },
        "drivers.fuel_shifts[0] (h2).to",
        "unknown fuel &#x27;Hydrogen&#x27;",
    ),
    (
        "unit that does not fit",
        {"drivers": {"sinks": {"unit": "tce", "path": {2030: 1.0}}}},
        "drivers.sinks.unit",
        "unit &#x27;tce&#x27; does not fit",
    ),
    (
        "share above 100 %",
        {"drivers": {"non_fossil_share": {2030: 120}}},
        "drivers.non_fossil_share",
        "less than or equal to 100",
    ),
    ("negative GDP", {"base": {"gdp": {"value": -5, "unit": "1e8 yuan"}}}, "base.gdp.value", "GDP must be positive"),
    (
        "path that ends before it starts",
        {"drivers": {"gdp_growth": [{"from": 2030, "to": 2020, "pct": 3}]}},
        "drivers.gdp_growth[0]",
        "the period ends in 2020 before it starts in 2030",
    ),
]


@pytest.mark.parametrize(("case", "change", "field", "message"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_names_the_field_and_stores_nothing(client, demo, jilin_office, case, change, field, message):
    scenario = demo["jilin-policy"]
    client.force_login(jilin_office)
    fields = editor(client, scenario)
    fields["document"] = yaml.safe_dump(merge(yaml.safe_load(fields["document"]) or {}, change), allow_unicode=True)
    history_before = Scenario.history.count()

    fragment = recompute(client, fields)
    assert "未计算" in fragment and field in fragment and message in fragment
    assert 'id="pw-charts"' not in fragment  # nothing ran
    beside = fragment.split('id="doc-problems"')[1]  # the message also stands beside the document field
    assert field in beside and message in beside

    page = client.post(reverse("pathways:save", args=[scenario.pk]), fields)
    assert page.status_code == 200
    html = page.content.decode()
    assert field in html and message in html
    stored = Scenario.objects.get(pk=scenario.pk)
    assert (stored.version, stored.own()) == (1, scenario.own())
    assert Scenario.history.count() == history_before


def test_unreadable_yaml_is_an_error_on_the_document_field(client, demo, jilin_office):
    client.force_login(jilin_office)
    fields = editor(client, demo["jilin-policy"])
    fields["document"] = "drivers:\n  gdp_growth: 1\n bad: 2\nend_year: 2060\n"
    html = client.post(reverse("pathways:save", args=[demo["jilin-policy"].pk]), fields).content.decode()
    assert "第 3 行第 2 列" in html and Scenario.objects.get(pk=demo["jilin-policy"].pk).version == 1


def test_saving_makes_a_version_with_who_and_why_and_updates_the_children(client, demo, jilin_office):
    policy = demo["jilin-policy"]
    client.force_login(jilin_office)
    fields = editor(client, policy)
    fields["energy_intensity"] = "-4"
    fields["reason"] = "快一点"
    response = client.post(reverse("pathways:save", args=[policy.pk]), fields)
    assert response.status_code == 302 and response["Location"] == policy.get_absolute_url()

    policy.refresh_from_db()
    assert policy.version == 2 and policy.updated_by == jilin_office
    assert policy.own()["drivers"]["energy_intensity"]["*"][0] == {"from": 2020, "to": 2030, "pct": -4.0}
    latest = policy.history.latest()
    assert (latest.version, latest.history_user, latest.history_change_reason) == (2, jilin_office, "快一点")
    assert latest.code == policy.code != sharecode.encode(load_scenario("jilin-policy"))
    # the enhanced scenario inherits the change: a new version of it too, with its new code
    enhanced = Scenario.objects.get(pk=demo["jilin-enhanced"].pk)
    assert enhanced.version == 2 and enhanced.digest != demo["jilin-enhanced"].digest
    assert enhanced.history.latest().history_change_reason == "parent jilin-policy v2"
    # version 1 still opens exactly as it was
    first = policy.history.get(version=1)
    assert sharecode.digest(sharecode.decode(first.code)) == sharecode.digest(load_scenario("jilin-policy"))
    versions = client.get(reverse("pathways:versions", args=[policy.pk])).content.decode()
    assert "快一点" in versions and "jilin-office" in versions

    again = client.post(reverse("pathways:save", args=[policy.pk]), editor(client, policy))
    assert again.status_code == 302
    assert Scenario.objects.get(pk=policy.pk).version == 2  # nothing changed: no new version


def test_a_parent_change_that_breaks_a_child_is_refused(client, demo, jilin_office):
    """A child with a 2055 target: shortening its parent to 2050 would make the child invalid."""
    from tanda.web.pathways.store import Draft, save_scenario

    target = {"indicator": "co2_total", "year": 2055, "value": 100, "unit": "MtCO2"}
    save_scenario(
        Draft("late-target", {"targets": [target]}, demo["jilin-policy"]),
        region=demo["jilin-policy"].region,
        published=False,
        user=jilin_office,
    )
    client.force_login(jilin_office)
    fields = editor(client, demo["jilin-policy"])
    doc = yaml.safe_load(fields["document"])
    doc["end_year"] = 2050
    fields["document"] = yaml.safe_dump(doc, allow_unicode=True)
    html = client.post(reverse("pathways:save", args=[demo["jilin-policy"].pk]), fields).content.decode()
    assert "late-target would become invalid" in html and "2055 is outside the projection" in html
    assert Scenario.objects.get(pk=demo["jilin-policy"].pk).version == 1


def test_permissions_to_save(client, demo, make_user, viewer, meihekou_office, jilin_office):
    url = reverse("pathways:save", args=[demo["jilin-policy"].pk])
    fields = editor(client, demo["jilin-policy"])
    fields["gdp_growth"] = "5"
    anonymous = client.post(url, fields)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    for user in (viewer, meihekou_office):
        client.force_login(user)
        assert client.post(url, fields).status_code == 403
    assert Scenario.objects.get(pk=demo["jilin-policy"].pk).version == 1
    admin = make_user("root", Profile.Role.ADMIN)
    for n, user in enumerate((jilin_office, admin), start=2):
        client.force_login(user)
        fields["gdp_growth"] = str(5 + n)
        assert client.post(url, fields).status_code == 302
        assert Scenario.objects.get(pk=demo["jilin-policy"].pk).version == n


def test_only_editors_see_the_save_button(client, demo, viewer, jilin_office):
    url = reverse("pathways:scenario", args=[demo["jilin-policy"].pk])
    assert 'id="pw-save"' not in client.get(url).content.decode()
    client.force_login(viewer)
    assert 'id="pw-save"' not in client.get(url).content.decode()
    client.force_login(jilin_office)
    assert 'id="pw-save"' in client.get(url).content.decode()


def test_new_child_scenario(client, demo, jilin_office, viewer):
    url = reverse("pathways:new")
    assert client.get(url).status_code == 302
    client.force_login(viewer)
    assert client.get(url).status_code == 403
    client.force_login(jilin_office)
    page = client.get(url, {"parent": demo["jilin-policy"].pk}).content.decode()
    fields = form_fields(page)
    fields.update(
        name="jilin-fast-wind",
        title="风电更快",
        document="drivers:\n  non_fossil_share: {2030: 28}\n",
        region="220000",
        published="on",
    )
    # the measure in the policy governs 2030; the child's own drivers anchor only counts before the measure starts
    response = client.post(url, fields)
    assert response.status_code == 302
    child = Scenario.objects.get(name="jilin-fast-wind")
    assert child.parent == demo["jilin-policy"] and child.published and child.version == 1
    expected = merge(
        packaged_document("jilin-policy"), {"title": "风电更快", "drivers": {"non_fossil_share": {2030: 28}}}
    )
    expected["name"], expected["parent"] = "jilin-fast-wind", "jilin-policy"
    assert child.digest == sharecode.digest(validate(expected))

    duplicate = client.post(url, fields).content.decode()
    assert "已有名为 jilin-fast-wind 的情景" in duplicate
    assert Scenario.objects.filter(name="jilin-fast-wind").count() == 1

    elsewhere = {**fields, "name": "meihekou-wind", "region": "220581"}  # not the office's region
    assert "region" in client.post(url, elsewhere).context["meta_form"].errors
    assert not Scenario.objects.filter(name="meihekou-wind").exists()

    fields.update(name="broken", document="drivers:\n  non_fossil_share: {2030: 120}\n")
    html = client.post(url, fields).content.decode()
    assert "drivers.non_fossil_share" in html and not Scenario.objects.filter(name="broken").exists()


def test_importing_a_file_previews_without_storing(client, demo, jilin_office):
    client.force_login(jilin_office)
    text = "name: imported\nparent: jilin-baseline\ntitle: 导入\n"
    text += "drivers: {gdp_growth: [{from: 2020, to: 2060, pct: 3}]}\n"
    upload = SimpleUploadedFile("imported.yaml", text.encode())
    html = client.post(reverse("pathways:new"), {"file": upload}).content.decode()
    fields = form_fields(html)
    assert fields["name"] == "imported" and fields["parent"] == str(demo["jilin-baseline"].pk)
    assert fields["gdp_growth"] == "3"
    assert not Scenario.objects.filter(name="imported").exists()
