"""The inventory pages: totals that add up at every level of the drill-down, the published CEADs figure,
the comparison with its explanation, factors linked to their citations, and who may read."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from test_inventory_support import VALID_ROWS, published_jilin_peak_mt, store_balance, store_ceads, store_tidy

from tanda.web.inventory import records, tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, viewer):
    client.force_login(viewer)
    return viewer


def test_totals_by_fuel_by_sector_and_in_the_table_equal_the_total(client, reader):
    inv = store_balance(2011)
    domain = records.from_record(inv.record)
    assert sum(domain.by_fuel_kg().values()) == inv.total_kg
    assert sum(domain.by_sector_kg().values()) == inv.total_kg
    page = client.get(inv.get_absolute_url())
    assert page.status_code == 200
    by_fuel = page.context["by_fuel"]
    by_sector = page.context["by_sector"]
    assert sum(r["kg"] for r in by_fuel) == inv.total_kg == sum(r["kg"] for r in by_sector)
    # every level of the drill-down: groups closed, and industry / coal opened
    for query in ("", "?sg=industry,households&fg=coal,oil,gas,process"):
        matrix = client.get(inv.get_absolute_url() + query).context["matrix"]
        assert matrix.total_kg == inv.total_kg and matrix.unit == "万吨"
        groups = [r for r in matrix.rows if r.level == 0]
        assert sum(r.total_kg for r in groups) == inv.total_kg
        for group in (r for r in matrix.rows if r.open):
            members = [r for r in matrix.rows if r.group == group.key and r.level == 1]
            assert members and sum(m.total_kg for m in members) == group.total_kg
        # columns: the sum of the column totals is the table's total (in the table's unit)
        assert sum(v or 0 for v in matrix.column_totals) == pytest.approx(matrix.total, rel=1e-12)
    in_mt = client.get(inv.get_absolute_url() + "?unit=mt&sg=industry").context["matrix"]
    assert in_mt.unit == "Mt" and in_mt.total == inv.total_kg / 1e9
    opened = client.get(inv.get_absolute_url() + "?sg=industry&fg=coal").context["matrix"]
    assert "power" in [r.key for r in opened.rows] and "raw_coal" in [c.key for c in opened.columns]
    # the page shows the total in 万吨 and Mt, and the same number closes the table
    html = page.content.decode()
    assert f"{inv.total_kg / 1e7:,.2f}" in re.search(r'id="matrix-total">([^<]+)<', html).group(1)
    assert f"{inv.total_kg / 1e9:,.2f} Mt" in html


def test_drill_down_link_returns_the_table_for_htmx(client, reader):
    inv = store_tidy(VALID_ROWS)[0]
    url = reverse("inventory:matrix", args=[inv.pk]) + "?sg=&fg=coal"
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    html = partial.content.decode()
    assert html.startswith('<div id="matrix-block"') and "<html" not in html
    assert "原煤" in html  # the coal group is open: its fuels are columns
    plain = client.get(url)
    assert plain.status_code == 302 and plain["Location"].startswith(inv.get_absolute_url())


def test_scope2_and_sinks_are_shown_apart_from_the_total(client, reader):
    inv = store_tidy(VALID_ROWS)[0]
    html = client.get(inv.get_absolute_url()).content.decode()
    scope2 = re.search(r'id="scope2">([^<]+)<', html).group(1)
    sinks = re.search(r'id="sinks">([^<]+)<', html).group(1)
    assert scope2 == f"{inv.scope2_kg / 1e7:,.2f}" and sinks == f"{inv.sinks_kg / 1e7:,.2f}"
    assert inv.total_kg == inv.combustion_kg + inv.process_kg  # neither is in the scope-1 total


def test_published_ceads_jilin_2011_shows_the_published_total(client, reader):
    published = published_jilin_peak_mt()  # 234.43 Mt, as SOURCES.md states it
    inventories = store_ceads("220000")
    assert len(inventories) == 23
    jilin_2011 = next(i for i in inventories if i.year == 2011)
    assert jilin_2011.kind == "published" and jilin_2011.source_label == "CEADs"
    html = client.get(jilin_2011.get_absolute_url()).content.decode()
    shown = re.search(r'id="total-mt">([\d.,]+) Mt<', html).group(1)
    assert float(shown) == published
    assert "Shan Y." in html  # the publisher's citation
    # and it is the peak of the published series, as SOURCES.md says
    assert max(inventories, key=lambda i: i.total_kg).year == 2011


def test_computed_jilin_2011_against_ceads_is_explained_per_fuel(client, reader):
    store_ceads("220000")
    computed = store_balance(2011, "guideline")
    page = client.get(reverse("inventory:compare", args=[computed.pk]))
    assert page.status_code == 200
    comparison = page.context["comparison"]
    assert round(comparison.published_t / 1e6, 2) == published_jilin_peak_mt()
    # SOURCES.md: with the guideline factors the total comes out about 10 % above CEADs,
    # raw coal most of it (CEADs implies 1.69 t CO2/t, the guideline 1.87)
    assert 7 < comparison.difference_pct < 12
    lines = page.context["lines"]
    assert lines[0]["fuel"] == "Raw Coal" and lines[0]["cause"] == "factor"
    raw = lines[0]["row"]
    assert round(raw.implied_factor, 2) == 1.69 and round(raw.used_factor, 2) == 1.87
    html = page.content.decode()
    assert 'id="explanation"' in html and "原煤" in html
    # the factor used links to its row on the factor-set page
    assert lines[0]["link"] == reverse("inventory:factor_set", args=["guideline"]) + "#f-raw_coal"
    # and the CEADs-style set reproduces CEADs within 1 %
    ceads_style = store_balance(2011, "ceads")
    other = client.get(reverse("inventory:compare", args=[ceads_style.pk])).context["comparison"]
    assert abs(other.difference_pct) < 1


def test_every_factor_shown_links_to_a_citation_on_the_factor_set_page(client, reader):
    for name in ("guideline", "ceads", "ipcc2006"):
        html = client.get(reverse("inventory:factor_set", args=[name])).content.decode()
        anchors = set(re.findall(r'id="([^"]+)"', html))
        table = re.search(r'<table class="grid compact" id="combustion-factors">(.*?)</table>', html, re.S).group(1)
        rows = re.findall(r'<tr id="(f-[a-z_]+)">(.*?)</tr>', table, re.S)
        assert len(rows) >= 15, name
        for anchor, row in rows:
            links = re.findall(r'href="#(cite-[^"]+)"', row)
            assert links, f"{name} {anchor} has no citation"
            assert all(link in anchors for link in links), (name, anchor, links)
        assert 'id="cite-set"' in html
    # the inventory page's factors link to rows that exist on the set's page
    inv = store_tidy(VALID_ROWS)[0]
    page = client.get(inv.get_absolute_url())
    cited = [r for r in page.context["by_fuel"] if r["factor"]]
    assert {r["id"] for r in cited} >= {"raw_coal", "diesel_oil", "natural_gas", "cement"}
    target = client.get(reverse("inventory:factor_set", args=["guideline"])).content.decode()
    for r in cited:
        path, anchor = r["cite"].split("#")
        assert path == reverse("inventory:factor_set", args=["guideline"])
        assert f'id="{anchor}"' in target, anchor


def test_reading_needs_an_account_but_factor_sets_are_public(client):
    inv = store_tidy(VALID_ROWS)[0]
    assert client.get(inv.get_absolute_url()).status_code == 302
    assert client.get(reverse("inventory:index")).status_code == 302
    assert client.get(reverse("inventory:factor_sets")).status_code == 200


def test_index_lists_and_charts_the_region_series(client, reader):
    store_ceads("210000")
    page = client.get(reverse("inventory:index") + "?region=210000")
    assert len(page.context["inventories"]) == 23
    (series,) = page.context["chart"]["series"]
    assert [p[0] for p in series["points"]] == list(range(1997, 2020))


def test_sankey_flows_add_up_to_the_total(client, reader):
    inv = store_balance(2010)
    domain = records.from_record(inv.record)
    data = tables.sankey(domain, open_sectors=set(), open_fuels=set())
    assert sum(link["value"] for link in data["links"]) == pytest.approx(inv.total_kg / 1e7, abs=0.01)
    assert {n["name"] for n in data["nodes"]} >= {"fg:coal", "sg:industry"}


def test_pages_have_an_english_catalogue(client, reader):
    inv = store_tidy(VALID_ROWS)[0]
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(inv.get_absolute_url()).content.decode()
    assert "Emissions: sector × fuel" in html and "排放矩阵" not in html
    assert "Scope 1 total (energy + processes)" in html
