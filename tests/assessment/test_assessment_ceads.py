"""CEADs city CO2 of Jilin's cities, keyed by GB/T 2260 code, against the reference file's own rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tanda.assessment.ceads import city_emissions

REFERENCE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ceads_290cities_emission_vector_1997_2019.csv"
)


def test_every_jilin_city_row_is_found_under_its_code():
    values = city_emissions("220000")
    assert {code for code, _ in values} == {
        "220100",
        "220200",
        "220300",
        "220400",
        "220500",
        "220600",
        "220700",
        "220800",
        "222400",
    }
    assert len(values) == 118  # 9 cities, gappy years: a year CEADs lacks is absent, not 0
    assert ("220600", 2016) not in values and ("220400", 2016) not in values


def test_values_are_the_published_ones():
    if not REFERENCE.exists():
        pytest.fail(f"reference data not found at {REFERENCE}")
    rows = {(r["city"], int(r["year"])): float(r["emission"]) for r in csv.DictReader(REFERENCE.open(encoding="utf-8"))}
    values = city_emissions("220000")
    assert values[("220100", 2019)] == rows[("吉林长春", 2019)]
    assert values[("222400", 2017)] == rows[("吉林延边", 2017)]
    assert values[("220200", 2016)] == rows[("吉林吉林", 2016)]


def test_another_province_works_by_the_same_names():
    liaoning = city_emissions("210000")
    assert any(code == "211300" for code, _ in liaoning)  # 朝阳市, the city of seed plan 003
