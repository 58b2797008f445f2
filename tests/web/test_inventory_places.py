"""How a file's region text is matched to the region of an import (codes, Chinese names, CEADs' English names)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tanda.regions import division
from tanda.web.inventory.places import english_name, names_region

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("220000", "220000", True),
        ("吉林省", "220000", True),
        ("吉林", "220000", True),
        ("Jilin", "220000", True),
        (" jilin ", "220000", True),
        ("辽宁省", "220000", False),
        ("Liaoning", "210000", True),
        ("InnerMongolia", "150000", True),
        ("Inner Mongolia", "150000", True),
        ("长春市", "220100", True),
        ("长春", "220100", True),
        ("梅河口市", "220581", True),
        ("220581", "220000", False),
    ],
)
def test_region_texts(text, code, expected):
    assert names_region(text, code) is expected


def test_every_ceads_province_has_an_english_name_of_a_province_code():
    with (SHARED / "ceads_provinces_totals_by_fuel_1997_2019.csv").open(encoding="utf-8") as fh:
        names = {row["province"] for row in csv.DictReader(fh)}
    assert len(names) == 30  # CEADs covers 30 provinces (no Tibet, Hong Kong, Macao, Taiwan)
    codes = {}
    for name in names:
        matches = [c for c in (f"{p}0000" for p in range(11, 66)) if _is_division(c) and names_region(name, c)]
        assert len(matches) == 1, name
        codes[name] = matches[0]
        assert division(matches[0]).level == "province"
    assert english_name(codes["Jilin"]) == "Jilin" and division(codes["Jilin"]).name == "吉林省"
    assert division(codes["Liaoning"]).name == "辽宁省"


def _is_division(code: str) -> bool:
    try:
        division(code)
    except KeyError:
        return False
    return True
