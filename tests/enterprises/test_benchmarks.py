"""Benchmark and baseline levels: the packaged table, and screening at, above and below the limits."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources

import pytest

from tanda.enterprises import benchmark, benchmarks, budget_share, measured_unit_consumption, screen
from tanda.enterprises.benchmarks import _parse

PROVENANCE = resources.files("tanda.data.enterprises").joinpath("PROVENANCE.md").read_text(encoding="utf-8")


def test_published_values_as_confirmed_by_public_pages():
    # the published numbers as the pages cited in PROVENANCE.md state them
    expected = {
        "cement_clinker": (100, 117, "P2"),  # e.ccement.com: Shandong's list against 117 and 100 kgce/t
        "aluminium": (13_000, 13_350, "P5"),  # cmgroup.net: 13,350 kWh/t base, 13,000 kWh/t upper level
        "refining": (7.5, 8.5, "P1"),  # S&P Global: CDU 7.5 benchmark, 8.5 baseline kgoe/t per energy factor
        "silicomanganese": (860, 950, "P4"),  # zjferroalloy.com: 2023 edition 860 / 950 kgce/t
        "ferrosilicon": (1_770, 1_850, "P4"),  # same page: 1770 / 1850 kgce/t, the 2023 baseline 50 below 2021's
    }
    for product, (level, base, source) in expected.items():
        ref = benchmark(product)
        assert (ref.benchmark, ref.baseline, ref.source) == (level, base, source)
        assert ref.status == "confirmed"
    assert benchmark("ferrosilicon").edition == 2023
    assert benchmark("ferrosilicon").document == "发改产业〔2023〕723号"


def test_every_row_is_cited_and_sane():
    cited = set(re.findall(r"\*\*(P\d+)\*\*", PROVENANCE))
    for ref in benchmarks().values():
        assert ref.document.startswith("发改产业〔20")
        assert ref.status == "confirmed"
        assert ref.source in cited, f"{ref.product}: source {ref.source!r} is not described in PROVENANCE.md"
        assert ref.benchmark < ref.baseline
        assert ref.deadline in {date(2025, 12, 31), date(2026, 12, 31)}
        assert (ref.edition == 2023) == (ref.document == "发改产业〔2023〕723号")


def test_values_nobody_could_cite_are_not_packaged():
    for product in ("coke_top_charged", "calcium_carbide", "ammonia_gas", "flat_glass_800", "blast_furnace"):
        assert product not in benchmarks()
        with pytest.raises(KeyError, match="no benchmark"):
            screen(product, 1)
    assert "not packaged: could not be confirmed" in PROVENANCE


@pytest.mark.parametrize(("status", "source"), [("unconfirmed", ""), ("secondary", "C1"), ("confirmed", " ")])
def test_the_loader_refuses_a_row_without_a_confirmed_source(status, source):
    header = (
        "product,field_zh,product_zh,product_en,indicator_zh,unit,benchmark,baseline,better,"
        "edition,document,deadline,division,status,source"
    )
    row = f"x,x,x,x,x,kgce/t,1,2,lower,2021,发改产业〔2021〕1609号,2025-12-31,26,{status},{source}"
    with pytest.raises(ValueError, match="confirmed against a cited source"):
        _parse(f"{header}\n{row}\n")
    assert list(_parse(f"{header}\n{row.replace(f',{status},{source}', ',confirmed,P9')}\n")) == ["x"]


@pytest.mark.parametrize(
    ("value", "level"),
    [(99.9, "benchmark"), (100.0, "benchmark"), (100.1, "between"), (117.0, "between"), (117.1, "below_baseline")],
)
def test_classes_at_and_around_the_limits(value, level):
    result = screen("cement_clinker", value)
    assert result.level == level
    assert (result.deadline == date(2025, 12, 31)) == (level == "below_baseline")


def test_unknown_product_and_bad_value():
    with pytest.raises(KeyError, match="no benchmark"):
        screen("unobtainium", 1)
    with pytest.raises(ValueError):
        screen("cement_clinker", float("nan"))


def test_measured_unit_consumption_from_energy_and_output():
    value, note = measured_unit_consumption(
        "cement_clinker", tce=10_800, electricity_kwh=0, output=10, output_unit="万吨"
    )
    assert note is None and value == pytest.approx(108.0)  # kgce/t
    value, _ = measured_unit_consumption("aluminium", tce=0, electricity_kwh=1.33e9, output=100_000, output_unit="t")
    assert value == pytest.approx(13_300)
    value, note = measured_unit_consumption("refining", tce=1, electricity_kwh=1, output=1, output_unit="t")
    assert value is None and "cannot be measured" in note


def test_budget_share_of_what_remains():
    share = budget_share(160_000, cap=82_000_000, used=81_300_000)
    assert share.remaining == 700_000 and share.share == pytest.approx(160_000 / 700_000)
    assert not share.exceeds
    assert budget_share(1, cap=10, used=10).exceeds and budget_share(1, cap=10, used=10).share is None
