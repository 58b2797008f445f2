"""`tanda pathway …`: run a scenario, Monte Carlo, historic peak decision, LMDI, share codes."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from tanda.commands.output import fail, print_json
from tanda.pathways import PathwayInputError, decide_peak, iamc, lmdi, load_scenario, montecarlo, run, sharecode
from tanda.pathways.drivers import compile_model
from tanda.pathways.peak import read_series_csv
from tanda.pathways.reference import jilin_co2_series, jilin_kaya_rows, packaged_scenarios


def _print_table(data: dict) -> None:
    print(f"{data['scenario']}  {data['title'] or ''}\n")
    if data["peak_year"] is None:
        print(f"not peaked by {data['years'][-1]} (still rising: {data['max_tco2'] / 1e6:.2f} Mt CO2)\n")
    else:
        print(f"peak: {data['peak_year']}, {data['peak_tco2'] / 1e6:.2f} Mt CO2 (maximum in {data['max_year']})\n")
    for year, value in zip(data["years"], data["total_tco2"], strict=True):
        if year % 5 == 0 or year == data["years"][0]:
            print(f"  {year}  {value / 1e6:8.2f} Mt")
    print()
    for t in data["targets"]:
        mark = "met" if t["met"] else "MISSED"
        projected = "—" if t["projected"] is None else f"{t['projected']:.2f}"
        line = f"{t['indicator']:<24} {t['year'] or '':>4}  target {t['value']:g}  projected {projected}"
        print(f"  {line}  {mark}")


def cmd_run(args: argparse.Namespace) -> int:
    try:
        scenarios = [load_scenario(f) for f in args.files]
        if args.scheduler or args.workers:
            from tanda.pathways import distributed

            with distributed.client(args.scheduler, workers=args.workers or 1) as client:
                results = distributed.run_scenarios(scenarios, client)
        else:
            results = [run(s) for s in scenarios]
    except PathwayInputError as exc:
        return fail(str(exc))
    if args.iamc:
        iamc.write_csv(results, Path(args.iamc), region=args.region)
    documents = [r.to_dict() for r in results]
    if args.format == "json":
        print_json(documents[0] if len(documents) == 1 else documents)
        return 0
    for data in documents:
        _print_table(data)
    return 0


def cmd_montecarlo(args: argparse.Namespace) -> int:
    try:
        scenario = load_scenario(args.file)
        model = compile_model(scenario)
        if args.scheduler or args.workers:
            from tanda.pathways import distributed

            with distributed.client(args.scheduler, workers=args.workers or 1) as client:
                paths = montecarlo.run(
                    scenario, model, args.members, args.seed, chunk=args.chunk, mapper=distributed.mapper(client)
                )
        else:
            paths = montecarlo.run(scenario, model, args.members, args.seed, chunk=args.chunk)
    except PathwayInputError as exc:
        return fail(str(exc))
    print_json(montecarlo.summary(model, paths, args.seed, by_year=args.by))
    return 0


def cmd_peak(args: argparse.Namespace) -> int:
    try:
        series = read_series_csv(Path(args.file))
    except PathwayInputError as exc:
        return fail(str(exc))
    decision = decide_peak(
        series,
        as_of=args.as_of,
        min_points=args.min_points,
        min_years_after_peak=args.min_years_after_peak,
        max_age=args.max_age,
        min_decline_pct=args.min_decline_pct,
    )
    print_json(decision.to_dict())
    return 0


def cmd_lmdi(args: argparse.Namespace) -> int:
    try:
        rows = lmdi.read_kaya_csv(Path(args.file))
        result = lmdi.kaya_between(rows, args.year_from, args.year_to)
    except PathwayInputError as exc:
        return fail(str(exc))
    print_json(result)
    return 0


def cmd_decompose(args: argparse.Namespace) -> int:
    try:
        a = run(load_scenario(args.file))
        b = run(load_scenario(args.other)) if args.other else a
        for label, r, year in (("--from", a, args.year_from), ("--to", b, args.year_to)):
            if year not in r.model.years:
                raise PathwayInputError(label, f"{year} is outside {r.model.years[0]}–{r.model.years[-1]}")
        result = lmdi.decompose_projections(a.projection, args.year_from, b.projection, args.year_to)
    except PathwayInputError as exc:
        return fail(str(exc))
    print_json(
        {
            "from_scenario": a.scenario.name,
            "to_scenario": b.scenario.name,
            "from_year": args.year_from,
            "to_year": args.year_to,
            **result,
        }
    )
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    try:
        scenario = load_scenario(args.file)
    except PathwayInputError as exc:
        return fail(str(exc))
    print_json({"scenario": scenario.name, "code": sharecode.encode(scenario), "digest": sharecode.digest(scenario)})
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    print_json(sorted(packaged_scenarios()))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """Print a packaged historic series as CSV, ready for `peak` and `lmdi`."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if args.series == "co2":
        writer.writerow(["year", "value"])
        for year, value in sorted(jilin_co2_series().items()):
            writer.writerow([year, value])
        return 0
    columns = ["year", "population", "gdp", "energy", "co2"]
    writer.writerow(columns)
    for row in jilin_kaya_rows():
        writer.writerow(["" if row[c] is None else row[c] for c in columns])
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    pathway = sub.add_parser("pathway", help="scenarios, peaks, Monte Carlo, LMDI").add_subparsers(
        dest="pathway_command", required=True
    )
    scenario_help = "scenario file (YAML/JSON), packaged scenario name (e.g. jilin-policy) or share code"

    p = pathway.add_parser("run", help="project scenarios to their end year; peak, targets, wedges")
    p.add_argument("files", nargs="+", metavar="FILE", help=scenario_help + "; several print a JSON list")
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.add_argument("--iamc", metavar="OUT.csv", help="also write the result in the IAMC format (pyam reads it)")
    p.add_argument("--region", help="region name for the IAMC file (default: the scenario's)")
    p.add_argument("--scheduler", help="run the scenarios on an existing Dask cluster, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--workers", type=int, help="run the scenarios on a local Dask cluster with this many workers")
    p.set_defaults(handler=cmd_run)

    p = pathway.add_parser("montecarlo", help="draw members from the scenario's distributions")
    p.add_argument("file", help=scenario_help)
    p.add_argument("--members", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--by", type=int, default=2030, help="year for the probability of peaking (default 2030)")
    p.add_argument("--chunk", type=int, help="members per task")
    p.add_argument("--scheduler", help="run on an existing Dask cluster, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--workers", type=int, help="run on a local Dask cluster with this many workers")
    p.set_defaults(handler=cmd_montecarlo)

    p = pathway.add_parser("peak", help="has a historic series (CSV year,value) peaked?")
    p.add_argument("file")
    p.add_argument("--as-of", type=int, help="judge as of this year (default: the series' last year)")
    p.add_argument("--min-points", type=int, default=3)
    p.add_argument("--min-years-after-peak", type=int, default=5)
    p.add_argument("--max-age", type=int, default=5, help="latest point at most this many years before --as-of")
    p.add_argument("--min-decline-pct", type=float, default=10.0)
    p.set_defaults(handler=cmd_peak)

    p = pathway.add_parser("lmdi", help="Kaya LMDI of CSV year,population,gdp,energy,co2 between two years")
    p.add_argument("file")
    p.add_argument("--from", dest="year_from", type=int, required=True)
    p.add_argument("--to", dest="year_to", type=int, required=True)
    p.set_defaults(handler=cmd_lmdi)

    p = pathway.add_parser("decompose", help="sector × fuel LMDI between two years of a scenario, or two scenarios")
    p.add_argument("file", help=scenario_help)
    p.add_argument("other", nargs="?", help="a second scenario (then --from and --to are its years)")
    p.add_argument("--from", dest="year_from", type=int, required=True)
    p.add_argument("--to", dest="year_to", type=int, required=True)
    p.set_defaults(handler=cmd_decompose)

    p = pathway.add_parser("code", help="print the share code that reproduces a scenario")
    p.add_argument("file", help=scenario_help)
    p.set_defaults(handler=cmd_code)

    p = pathway.add_parser("history", help="print Jilin's packaged CEADs history as CSV (for peak and lmdi)")
    p.add_argument("region", choices=["jilin"])
    p.add_argument(
        "--series",
        choices=["co2", "kaya"],
        default="co2",
        help="co2: year,value (Mt, scope 1); kaya: year,population,gdp,energy,co2 (persons, yuan 2005, tce, t)",
    )
    p.set_defaults(handler=cmd_history)

    p = pathway.add_parser("list", help="list the packaged scenarios")
    p.set_defaults(handler=cmd_list)
