"""A reference factor set as the read-only page shows it: every factor with a link to its citation.

Numbers come from the domain's `FactorSet` (what a computation uses); the citation texts come from
the same packaged files the set is built from (`tanda/data/factors/`: the set's citation in
`sets.json`, the per-row `source` columns, the notes of the mapping files and the source list S1–S4
of PROVENANCE.md). Nothing is retyped here.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from tanda.inventory import FactorSet, load_factor_set
from tanda.inventory.fuels import all_fuels, resolve_fuel

_PACKAGE = "tanda.data.factors"
_SOURCE_ITEM = re.compile(r"^- \*\*(S\d+)\*\*\s*(.*)$")


@dataclass
class Citation:
    anchor: str
    label: str
    text: str


@dataclass
class FactorRow:
    anchor: str
    fuel: str
    name_zh: str
    name_en: str
    values: dict[str, Any]
    basis: str
    cites: list[str] = field(default_factory=list)  # anchors of citations


def _text(name: str) -> str:
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(_text(name).splitlines()))


@cache
def _manifest() -> dict[str, Any]:
    return json.loads(_text("sets.json"))


@cache
def provenance_sources() -> dict[str, str]:
    """S1 … S4 of the standard-coal table, as PROVENANCE.md lists them (continuation lines joined)."""
    out: dict[str, str] = {}
    current = None
    for line in _text("PROVENANCE.md").splitlines():
        match = _SOURCE_ITEM.match(line)
        if match:
            current = match.group(1)
            out[current] = match.group(2).strip()
        elif current and line.startswith("  ") and line.strip():
            out[current] += " " + line.strip()
        else:
            current = None
    return out


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _source_keys(source: str) -> list[str]:
    return re.findall(r"\bS\d+\b", source or "")


def factor_anchor(fuel_id: str) -> str:
    """The page anchor of a fuel's factor (inventory pages link here)."""
    return f"f-{fuel_id}"


def page(name: str) -> dict[str, Any]:
    """Everything the factor-set page shows for the reference set `name`."""
    fs: FactorSet = load_factor_set(name)
    spec = _manifest()[name]
    fuels = all_fuels()
    citations: dict[str, Citation] = {
        "cite-set": Citation("cite-set", f"{fs.title} ({fs.version})", fs.citation),
    }
    if fs.note:
        citations["cite-note"] = Citation("cite-note", "note", fs.note)
    for key, text in provenance_sources().items():
        citations[f"cite-{key.lower()}"] = Citation(f"cite-{key.lower()}", key, text)

    map_notes: dict[str, str] = {}
    map_file = spec["combustion"].get("map")
    if map_file:
        for row in _rows(map_file):
            if row.get("note"):
                map_notes[row["fuel"]] = row["note"]

    combustion = []
    for fuel_id, f in fs.combustion.items():
        item = fuels[fuel_id]
        per = "万m³" if item.unit == "m3" else item.unit
        scale = 1e4 if item.unit == "m3" else 1.0
        cites = ["cite-set"]
        if "GB/T 2589" in f.basis:
            cites.append("cite-s1")
        if fuel_id in map_notes:
            anchor = f"cite-map-{fuel_id}"
            citations[anchor] = Citation(anchor, f"{item.name_zh} ({map_file})", map_notes[fuel_id])
            cites.append(anchor)
        combustion.append(
            FactorRow(
                anchor=factor_anchor(fuel_id),
                fuel=fuel_id,
                name_zh=item.name_zh,
                name_en=item.name_en,
                values={
                    "ef": f.ef * scale,
                    "ef_unit": f"t CO2/{per}",
                    "ncv": None if f.ncv is None else f.ncv * scale,
                    "ncv_unit": f"GJ/{per}",
                    "carbon": f.carbon,
                    "oxidation": None if f.oxidation is None else f.oxidation * 100,
                    "co2_per_gj": f.co2_per_gj,
                },
                basis=f.basis,
                cites=cites,
            )
        )

    standard_coal = []
    for row in _rows("standard_coal_gbt2589.csv"):
        ids = [i for i in row["fuels"].split("|") if i]
        cites = [f"cite-{k.lower()}" for k in _source_keys(row["source"])]
        standard_coal.append(
            {
                "anchor": f"sc-{ids[0]}" if ids else f"sc-{_anchor(row['name_zh_as_published'])}",
                "names": [fuels[i].name_zh for i in ids],
                "published": row["name_zh_as_published"],
                "kgce": row["kgce"],
                "unit": row["kgce_unit"],
                "ncv": row["ncv"],
                "ncv_unit": row["ncv_unit"],
                "source": row["source"],
                "cites": cites,
                "used": bool(ids),
            }
        )

    grid = []
    for n, g in enumerate(fs.grid):
        anchor = f"cite-grid-{n}"
        citations[anchor] = Citation(anchor, f"{g.name} {g.year}", f"{g.source} [{g.verification}]")
        grid.append({"factor": g, "anchor": f"grid-{n}", "cites": [anchor]})

    coal_substitution = []
    for row in _rows("coal_substitution_rates.csv"):
        anchor = f"cite-cs-{row['year']}"
        citations[anchor] = Citation(anchor, f"{row['year']}", f"{row['basis']}; {row['source']}")
        coal_substitution.append({"year": row["year"], "gce_per_kwh": row["gce_per_kwh"], "cites": [anchor]})

    process = []
    for row in _rows(spec["process"]):
        anchor = f"cite-process-{_anchor(row['process'])}"
        citations[anchor] = Citation(anchor, row["process"], f"{row['method']}; {row['source']}")
        item = resolve_fuel(row["process"])
        process.append(
            {
                "anchor": factor_anchor(item.id) if item else anchor,
                "process": item.name_zh if item else row["process"],
                "factor": row["factor"],
                "unit": row["unit"],
                "cites": [anchor],
            }
        )

    numbers = {anchor: n for n, anchor in enumerate(citations, start=1)}

    def numbered(anchors: list[str]) -> list[tuple[str, int]]:
        return [(a, numbers[a]) for a in anchors if a in numbers]

    for row in combustion:
        row.cites = numbered(row.cites)  # type: ignore[assignment]
    for group in (standard_coal, grid, coal_substitution, process):
        for item in group:
            item["cites"] = numbered(item["cites"])
    return {
        "set": fs,
        "title_zh": spec.get("title_zh", ""),
        "combustion": combustion,
        "standard_coal": standard_coal,
        "grid": grid,
        "coal_substitution": coal_substitution,
        "process": process,
        "citations": list(citations.values()),
    }


@cache
def _publishers() -> dict[str, str]:
    text = resources.files("tanda.web.inventory").joinpath("data/publishers.csv").read_text(encoding="utf-8")
    return {row["label"]: row["citation"] for row in csv.DictReader(text.splitlines())}


def publisher_citation(label: str) -> str:
    """The citation of a published inventory's publisher (CEADs), '' when none is on file."""
    return _publishers().get(label, "")
