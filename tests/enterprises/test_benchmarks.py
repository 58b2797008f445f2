"""Benchmark and baseline levels: the packaged table, and screening at, above and below the limits."""

from __future__ import annotations

from datetime import date

import pytest

from tanda.enterprises import benchmark, benchmarks, budget_share, measured_unit_consumption, screen


def test_published_values_as_confirmed_by_public_pages():
    # cement clinker 100/117 kgce/t (e.ccement.com), electrolytic aluminium 13,000/13,350 kWh/t (cmgroup.net),
    # refining 7.5/8.5 kgoe/(t·factor) (S&P Global), silicomanganese 860/950 kgce/t (2023 edition)
    expected = {
        "cement_clinker": (100, 117),
        "aluminium": (13_000, 13_350),
        "refining": (7.5, 8.5),
        "silicomanganese": (860, 950),
    }
    for product, levels in expected.items():
        ref = benchmark(product)
        assert (ref.benchmark, ref.baseline) == levels
        assert ref.status == "confirmed" and ref.source


def test_every_row_is_cited_and_sane():
    for ref in benchmarks().values():
        assert ref.document.startswith("发改产业〔20")
        assert ref.status in {"confirmed", "secondary", "unconfirmed"}
        assert ref.status == "unconfirmed" or ref.source
        assert ref.benchmark < ref.baseline
        assert ref.deadline in {date(2025, 12, 31), date(2026, 12, 31)}


@pytest.mark.parametrize(
    ("value", "level"),
    [(99.9, "benchmark"), (100.0, "benchmark"), (100.1, "between"), (117.0, "between"), (117.1, "below_baseline")],
)
def test_classes_at_and_around_the_limits(value, level):
    result = screen("cement_clinker", value)
    assert result.level == level
    assert (result.deadline == date(2025, 12, 31)) == (level == "below_baseline")


def test_negative_levels_of_the_converter_process():
    assert screen("converter", -35).level == "benchmark"
    assert screen("converter", -10).level == "between"
    assert screen("converter", -5).level == "below_baseline"


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
