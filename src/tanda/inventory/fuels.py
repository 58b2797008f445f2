"""The fuel catalogue: one id per fuel, its names in Chinese and English, and what it is.

Users write fuels as the statistical yearbook does (原煤, 柴油, 天然气), as CEADs does (Diesel Oil),
as the guideline does (一般煤油) or as the LBL databook does (Coal Raw). All of them resolve to one
id here, so factor sets and inventories key on ids and never on spellings. The catalogue is data
(`tanda/data/factors/fuels.csv`); this module only reads it.

Items that are not fuels but travel in the same column of an activity file — cement and clinker
output (process emissions) and forest stock change (sinks) — are catalogued here as well, with
their own category.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tanda.inventory.names import normalize, suggest

__all__ = ["Fuel", "all_fuels", "ceads_fuels", "fuel", "resolve_fuel", "suggest_fuels"]

COMBUSTIBLE = ("coal", "oil", "gas")


@dataclass(frozen=True)
class Fuel:
    id: str
    name_en: str
    name_zh: str
    category: str  # coal, oil, gas, electricity, heat, primary_electricity, other, process, sink
    kind: str  # mass, volume or energy: the dimension its quantities must have
    unit: str  # the canonical unit quantities are held in: t, m3, kWh, GJ
    ceads: str  # the CEADs fuel (of 17) it is counted under; "" if none
    emits_co2: bool
    non_fossil: bool

    @property
    def combustible(self) -> bool:
        """A fossil fuel whose burning is scope-1 CO2."""
        return self.category in COMBUSTIBLE

    def name(self, lang: str = "en") -> str:
        return self.name_zh if lang.startswith("zh") else self.name_en


@cache
def _catalogue() -> tuple[dict[str, Fuel], dict[str, str]]:
    text = resources.files("tanda.data.factors").joinpath("fuels.csv").read_text(encoding="utf-8")
    fuels: dict[str, Fuel] = {}
    lookup: dict[str, str] = {}
    for row in csv.DictReader(text.splitlines()):
        item = Fuel(
            id=row["id"],
            name_en=row["name_en"],
            name_zh=row["name_zh"],
            category=row["category"],
            kind=row["kind"],
            unit=row["unit"],
            ceads=row["ceads"],
            emits_co2=row["emits_co2"] == "yes",
            non_fossil=row["non_fossil"] == "yes",
        )
        fuels[item.id] = item
        names = [item.id, item.name_en, item.name_zh, *filter(None, row["aliases"].split("|"))]
        for name in names:
            key = normalize(name)
            if lookup.get(key, item.id) != item.id:
                raise ValueError(f"fuels.csv: name {name!r} is given to both {lookup[key]} and {item.id}")
            lookup[key] = item.id
    return fuels, lookup


def all_fuels() -> dict[str, Fuel]:
    """Every catalogued item by id, in catalogue order."""
    return dict(_catalogue()[0])


def fuel(fuel_id: str) -> Fuel:
    return _catalogue()[0][fuel_id]


def resolve_fuel(name: str) -> Fuel | None:
    """The fuel a written name means, or None."""
    fuels, lookup = _catalogue()
    found = lookup.get(normalize(name))
    return fuels[found] if found else None


def suggest_fuels(name: str) -> list[str]:
    fuels = _catalogue()[0].values()
    return suggest(name, [f.name_zh for f in fuels] + [f.name_en for f in fuels])


def ceads_fuels() -> dict[str, str]:
    """CEADs' 17 fuels (plus 'Process') → the catalogue id that stands for each, in CEADs' order."""
    fuels = _catalogue()[0]
    order: dict[str, str] = {}
    for item in fuels.values():
        if item.combustible and item.ceads and item.ceads not in order:
            order[item.ceads] = next(f.id for f in fuels.values() if f.name_en == item.ceads)
    order["Process"] = "cement"
    return order
