"""`tanda inventory compute` and `tanda inventory factors`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tanda.commands.output import fail, print_json


def _load(args: argparse.Namespace) -> tuple[Any, list[Any]]:
    from tanda.inventory import compute, load_factor_set, read_activity, read_overrides

    factors = load_factor_set(args.factors)
    if args.overrides:
        factors = factors.with_overrides(read_overrides(args.overrides))
    activities = [read_activity(Path(f), region=args.region, year=args.year) for f in args.files]
    activity = activities[0].combine(*activities[1:]) if len(activities) > 1 else activities[0]
    return factors, compute(activity, factors, grid=args.grid)


def cmd_compute(args: argparse.Namespace) -> int:
    from tanda.inventory import FactorError, InventoryInputError

    if args.format == "xlsx" and not args.output:
        return fail("--format xlsx needs --output PATH")
    try:
        _, inventories = _load(args)
    except (InventoryInputError, FactorError) as exc:
        return fail(str(exc))
    if not inventories:
        return fail("no activity rows for the region and year asked for")
    if args.format == "json":
        data = [inv.to_dict(args.lang) for inv in inventories]
        print_json(data[0] if len(data) == 1 else data)
    elif args.format == "table":
        for inv in inventories:
            _print_table(inv, args.lang)
    else:
        from tanda.inventory.export import write_xlsx

        write_xlsx(inventories, Path(args.output), lang=args.lang)
        print(f"wrote {args.output}")
    return 0


def _print_table(inv: Any, lang: str) -> None:
    from tanda.inventory.fuels import fuel
    from tanda.inventory.sectors import sector

    d = inv.to_dict(lang)
    print(f"{inv.region} {inv.year} — factor set {d['factor_set']['name']} ({d['factor_set']['digest']})")
    print(f"  total (scope 1)  {d['total_tco2']:>18,.3f} t CO2")
    print(f"  combustion       {d['combustion_tco2']:>18,.3f}")
    print(f"  process          {d['process_tco2']:>18,.3f}")
    scope2 = "n/a" if d["scope2_tco2"] is None else f"{d['scope2_tco2']:,.3f}"
    print(f"  scope 2 (apart)  {scope2:>18}")
    print(f"  sinks (apart)    {d['sinks_tco2']:>18,.3f}")
    for convention, value in d["energy_tce"].items():
        shown = "n/a" if value is None else f"{value:,.1f}"
        print(f"  energy, {convention:<17} {shown:>14} tce")
    print("\n  by fuel")
    for f, kg in sorted(inv.by_fuel_kg().items(), key=lambda x: -x[1]):
        print(f"    {fuel(f).name_zh:<10} {fuel(f).name_en:<28} {kg / 1000:>18,.3f}")
    print("\n  by sector")
    for s, kg in sorted(inv.by_sector_kg().items(), key=lambda x: -x[1]):
        name = f"{sector(s).name_zh}  {sector(s).name_en}" if s else "unallocated"
        print(f"    {kg / 1000:>18,.3f}  {name}")
    for w in inv.warnings:
        print(f"  warning: {w}")
    print()


def cmd_factors(args: argparse.Namespace) -> int:
    from tanda.inventory import FactorError, available_sets, load_factor_set
    from tanda.inventory.fuels import fuel

    if not args.name:
        for name in available_sets():
            fs = load_factor_set(name)
            print(f"{name:<10} {fs.version:<45} {fs.title}")
        return 0
    try:
        fs = load_factor_set(args.name)
    except FactorError as exc:
        return fail(str(exc))
    if args.format == "json":
        print_json(
            fs.describe()
            | {
                "combustion": {
                    f: {"ef_t_per_unit": x.ef, "unit": fuel(f).unit, "ncv_gj_per_unit": x.ncv, "basis": x.basis}
                    for f, x in fs.combustion.items()
                }
            }
        )
        return 0
    print(f"{fs.name} — {fs.title}\n{fs.citation}\nversion {fs.version}, digest {fs.digest}\n")
    for f, x in fs.combustion.items():
        unit = "万m3" if fuel(f).unit == "m3" else fuel(f).unit
        scale = 1e4 if fuel(f).unit == "m3" else 1.0
        print(f"  {fuel(f).name_zh:<8} {x.ef * scale:>10.4f} t CO2/{unit:<5} {x.basis}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    inventory = sub.add_parser("inventory", help="emission inventories from energy data")
    commands = inventory.add_subparsers(dest="inventory_command", required=True)

    compute = commands.add_parser("compute", help="CO2 by fuel × sector from an activity file")
    compute.add_argument(
        "files", nargs="+", metavar="FILE", help="tidy CSV/xlsx, yearbook energy balance xlsx, or CEADs matrix"
    )
    compute.add_argument("--factors", default="guideline", help="factor set: guideline (default), ipcc2006, ceads")
    compute.add_argument("--overrides", help="CSV of regional overrides: item, parameter, value, unit, note")
    compute.add_argument(
        "--grid", default="national", help="grid factor: national (default), 东北, 华北 …, or a province"
    )
    compute.add_argument("--region", help="only this region (or the region of a balance without a title)")
    compute.add_argument("--year", type=int, help="only this year (or the year of a balance without a title)")
    compute.add_argument("--format", choices=["json", "table", "xlsx"], default="table")
    compute.add_argument("--output", help="file to write (needed for --format xlsx)")
    compute.add_argument("--lang", choices=["en", "zh"], default="en", help="names of fuels and sectors")
    compute.set_defaults(handler=cmd_compute)

    factors = commands.add_parser("factors", help="list the factor sets, or show one")
    factors.add_argument("name", nargs="?")
    factors.add_argument("--format", choices=["json", "table"], default="table")
    factors.set_defaults(handler=cmd_factors)
