"""Sector classifications: CEADs' 47 sectors, the three-industry split, IPCC categories, and
the rows of a regional energy balance.

CEADs writes sectors in English ("Smelting and Pressing of Ferrous Metals", "Urban", "Rural");
yearbooks write them in Chinese, often the 2011 or 2017 industry-classification wording. Both
resolve to one id. Energy-balance rows that are not sectors (火力发电, 用作原料、材料, 调入 …) are
*flows*; they say how a quantity enters the inventory. All of it is data in `tanda/data/sectors/`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tanda.inventory.names import normalize, suggest

__all__ = [
    "Flow",
    "Sector",
    "all_sectors",
    "ceads_sectors",
    "ipcc_categories",
    "resolve_flow",
    "resolve_sector",
    "sector",
    "suggest_sectors",
]


@dataclass(frozen=True)
class Sector:
    id: str
    name_en: str
    name_zh: str
    kind: str  # "sector" (one of CEADs' 47) or "aggregate" (工业, 居民生活: totals of sectors)
    parent: str  # the aggregate it belongs to, "" if none
    three_industry: str  # primary, secondary, tertiary or household (居民生活 is outside the three industries)
    ipcc: str  # IPCC 2006 category code

    def name(self, lang: str = "en") -> str:
        return self.name_zh if lang.startswith("zh") else self.name_en


@dataclass(frozen=True)
class Flow:
    """A row of an energy balance that is not a consuming sector."""

    id: str
    name_zh: str
    role: str  # production, import, export, net_import, combustion, transformation, loss, non_energy, ignore
    target: str  # the sector a combustion flow burns in (火力发电 → power), else ""


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("tanda.data.sectors").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _names(row: dict[str, str], *fields: str) -> list[str]:
    return [row[f] for f in fields if row.get(f)] + [a for a in row.get("aliases", "").split("|") if a]


@cache
def _sectors() -> tuple[dict[str, Sector], dict[str, str]]:
    sectors: dict[str, Sector] = {}
    lookup: dict[str, str] = {}
    for row in _read("sectors.csv"):
        item = Sector(**{k: row[k] for k in Sector.__dataclass_fields__})
        sectors[item.id] = item
        for name in _names(row, "id", "name_en", "name_zh"):
            key = normalize(name)
            if lookup.get(key, item.id) != item.id:
                raise ValueError(f"sectors.csv: name {name!r} is given to both {lookup[key]} and {item.id}")
            lookup[key] = item.id
    return sectors, lookup


@cache
def _flows() -> tuple[dict[str, Flow], dict[str, str]]:
    flows: dict[str, Flow] = {}
    lookup: dict[str, str] = {}
    for row in _read("balance_flows.csv"):
        item = Flow(id=row["id"], name_zh=row["name_zh"], role=row["role"], target=row["target"])
        flows[item.id] = item
        for name in _names(row, "id", "name_zh"):
            lookup[normalize(name)] = item.id
    return flows, lookup


def all_sectors() -> dict[str, Sector]:
    return dict(_sectors()[0])


def sector(sector_id: str) -> Sector:
    return _sectors()[0][sector_id]


def ceads_sectors() -> list[Sector]:
    """CEADs' 47 sectors (45 industries + urban and rural households) in CEADs' order."""
    return [s for s in _sectors()[0].values() if s.kind == "sector"]


def resolve_sector(name: str) -> Sector | None:
    sectors, lookup = _sectors()
    found = lookup.get(normalize(name))
    return sectors[found] if found else None


def resolve_flow(name: str) -> Flow | None:
    """The balance flow a row label or sector-column keyword means (调入, 火力发电 …), or None.

    Sector names win: a label that names a sector is never read as a flow.
    """
    if resolve_sector(name) is not None:
        return None
    flows, lookup = _flows()
    found = lookup.get(normalize(name))
    return flows[found] if found else None


def suggest_sectors(name: str) -> list[str]:
    sectors = _sectors()[0].values()
    flows = _flows()[0].values()
    return suggest(name, [s.name_zh for s in sectors] + [s.name_en for s in sectors] + [f.name_zh for f in flows])


@cache
def ipcc_categories() -> dict[str, tuple[str, str]]:
    """IPCC 2006 category code → (English name, Chinese name)."""
    return {row["code"]: (row["name_en"], row["name_zh"]) for row in _read("ipcc_categories.csv")}
