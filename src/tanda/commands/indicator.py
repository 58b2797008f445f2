"""`tanda indicator list|link|grade|check`: the indicator catalogue, target linking, grades, observation checks."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from tanda.commands.output import fail, print_json


def _point(option: str, text: str) -> tuple[int, float]:
    year, sep, value = text.partition(":")
    try:
        if not sep:
            raise ValueError
        return int(year), float(value)
    except ValueError:
        raise ValueError(f"{option} {text!r}: expected YEAR:VALUE, e.g. 2020:17.7") from None


def cmd_grade(args: argparse.Namespace) -> int:
    from tanda.indicators import GoalError, assess, load_catalogue
    from tanda.indicators.trajectory import Goal

    try:
        baseline = _point("--baseline", args.baseline)
        target_year, target_value = _point("--target", args.target)
        observed = dict(_point("--observed", part) for part in args.observed.split(",") if part.strip())
    except ValueError as exc:
        return fail(str(exc))
    direction = args.direction
    if args.indicator:
        ind = load_catalogue().resolve(args.indicator)
        if ind is None:
            return fail(f"--indicator {args.indicator}: not in the catalogue (see `tanda indicator list`)")
        direction = direction or ind.direction
    goal = Goal(
        kind=args.kind,
        target_year=target_year,
        value=target_value,
        direction=direction,
        baseline_year=baseline[0],
        qualifier=args.qualifier,
        relative=not args.absolute,
        tolerance=args.tolerance,
    )
    try:
        result = assess(goal, observed, baseline=baseline, base_year=args.base_year, with_forecast=not args.no_forecast)
    except GoalError as exc:
        return fail(str(exc))
    data = result.to_dict()
    if args.format == "json":
        print_json(data)
        return 0
    print(f"{data['grade']} ({data['warning_level']}): {data['reason']}")
    print(f"progress {data['progress']} % (path asks {data['required_progress']} %)")
    print(f"pace {data['actual_pace']} vs required {data['required_pace']} {data['pace_unit']}")
    if result.forecast:
        f = data["forecast"]
        print(f"forecast {f['year']}: {f['value']} [{f['lower']}, {f['upper']}] by {f['method']}")
        print(f"probability of meeting the target: {data['p_meet']}")
        print(f"  {f['selection']}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from tanda.indicators import load_catalogue

    catalogue = [ind for ind in load_catalogue() if not args.category or ind.category == args.category]
    if args.format == "json":
        print_json([ind.to_dict() for ind in catalogue])
        return 0
    for ind in catalogue:
        print(f"{ind.code:<45} {ind.unit:<14} {ind.direction:<5} {ind.name_zh}  ({ind.name_en})")
    print(f"\n{len(catalogue)} indicators")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    from tanda.indicators import link_targets

    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return fail(f"{args.file}: {exc}")
    targets = data.get("targets") if isinstance(data, dict) else data
    if not isinstance(targets, list):
        return fail(f"{args.file}: expected a list of targets or an object with a `targets` list")
    report = link_targets(targets)
    if args.format == "json":
        print_json(report.to_dict())
        return 0
    for link in report.links:
        code = link.indicator.code if link.indicator else "—"
        value = "" if link.value is None else f"{link.value:g} {link.unit}"
        flag = "  REVIEW: " + (link.problem or "; ".join(link.notes)) if link.needs_review else ""
        print(f"  {link.target.indicator}  →  {code} [{link.method or ''}] {value}{flag}")
    print(f"\n{len(report.linked)} of {len(report.links)} linked; {len(report.review)} to review")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from tanda.indicators import check_observations

    try:
        with open(args.file, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        return fail(f"{args.file}: {exc}")
    valid, errors = check_observations(rows, first_row=2)  # row 1 of the file is its header
    if args.format == "json":
        print_json(
            {
                "valid": len(valid),
                "errors": [{"row": e.row, "field": e.field, "message": e.message} for e in errors],
            }
        )
    else:
        for e in errors:
            print(e)
        print(f"{len(valid)} valid rows, {len(errors)} errors")
    return 2 if errors else 0


def register(sub: argparse._SubParsersAction) -> None:
    ind = sub.add_parser("indicator", help="indicator catalogue, target grades, forecasts")
    commands = ind.add_subparsers(dest="indicator_command", required=True)

    lst = commands.add_parser("list", help="print the indicator catalogue")
    lst.add_argument("--category", help="only this category (energy, power, transport …)")
    lst.add_argument("--format", choices=["json", "table"], default="table")
    lst.set_defaults(handler=cmd_list)

    link = commands.add_parser("link", help="link the targets of a parsed plan (JSON) to catalogue indicators")
    link.add_argument("file", help="JSON: the output of `tanda plan parse --format json`, or a list of targets")
    link.add_argument("--format", choices=["json", "table"], default="table")
    link.set_defaults(handler=cmd_link)

    grade = commands.add_parser("grade", help="grade one target: red / yellow / green, progress, pace, forecast")
    grade.add_argument("--kind", required=True, choices=["level", "reduction", "increase", "cap", "floor"])
    grade.add_argument("--direction", choices=["up", "down"], help="desired direction of the indicator")
    grade.add_argument("--indicator", help="catalogue code or name; gives the direction when --direction is absent")
    grade.add_argument("--baseline", required=True, help="YEAR:VALUE the target is stated against")
    grade.add_argument("--target", required=True, help="YEAR:VALUE as stated (a reduction/increase in %%)")
    grade.add_argument("--observed", required=True, help="YEAR:VALUE[,YEAR:VALUE…] observed values")
    grade.add_argument("--qualifier", choices=["左右", "以上", "以内", "以下", "力争"])
    grade.add_argument("--tolerance", type=float, help="relative half-width of a 左右 band (default 0.02)")
    grade.add_argument("--absolute", action="store_true", help="a reduction/increase in the indicator's unit, not %%")
    grade.add_argument("--base-year", type=int, default=2020, help="the plan's base year (default 2020)")
    grade.add_argument("--no-forecast", action="store_true", help="skip the forecast (faster)")
    grade.add_argument("--format", choices=["json", "table"], default="table")
    grade.set_defaults(handler=cmd_grade)

    check = commands.add_parser("check", help="check an observations CSV (indicator, year, value, unit …)")
    check.add_argument("file")
    check.add_argument("--format", choices=["json", "table"], default="table")
    check.set_defaults(handler=cmd_check)
