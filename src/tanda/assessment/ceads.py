"""CEADs city CO2 inventories for the cities of one province, keyed by GB/T 2260 code.

The packaged file (`tanda/data/ceads/ceads_290cities_emission_vector_1997_2019.csv`, see its
PROVENANCE.md) names a city by province and city short names run together (`吉林长春`, `吉林延边`)
and gives energy-related CO2 in Mt for the years CEADs has (gappy: no row is no data, never 0).
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

from tanda.regions import children, division

CITY_FILE = "ceads_290cities_emission_vector_1997_2019.csv"
_SUFFIXES = ("朝鲜族自治州", "自治州", "地区", "盟", "市")
_PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")


@cache
def _rows() -> tuple[tuple[str, int, float], ...]:
    text = resources.files("tanda.data.ceads").joinpath(CITY_FILE).read_text(encoding="utf-8")
    return tuple((r["city"], int(r["year"]), float(r["emission"])) for r in csv.DictReader(io.StringIO(text)))


def _short(name: str, suffixes: tuple[str, ...] = _SUFFIXES) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def city_emissions(province_code: str) -> dict[tuple[str, int], float]:
    """(city code, year) → CO2 in Mt for the prefecture-level cities of a province that CEADs covers."""
    prefix = _short(division(province_code).name, _PROVINCE_SUFFIXES)
    by_short = {_short(d.name): d.code for d in children(province_code)}
    out = {}
    for city, year, mt in _rows():
        if not city.startswith(prefix):
            continue
        code = by_short.get(city[len(prefix) :])
        if code is not None:
            out[(code, year)] = mt
    return out
