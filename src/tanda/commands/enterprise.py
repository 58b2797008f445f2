"""`tanda enterprise register|import|rollup|screen|projects`: register, submissions, roll-ups, screening.

projects lists the two-high projects with their screening as `/api/enterprises/projects` gives them,
or writes the list page's Excel export (`--xlsx`).

register and import print ``{"accepted": n, "rejected": m, "errors": [{"row", "column", "message"}], "stored": …}``
and exit 1 when anything is rejected, in which case nothing of the file is stored.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tanda.commands.output import fail, print_json

EXIT_REJECTED = 1


def _finish(report, args: argparse.Namespace) -> int:
    if args.errors_file:
        Path(args.errors_file).write_text(report.error_csv(), encoding="utf-8")
    print_json(report.to_dict(limit=args.max_errors))
    return 0 if (report.ok and report.stored) or (report.ok and args.dry_run) else EXIT_REJECTED


def cmd_register(args: argparse.Namespace) -> int:
    from tanda.web.bootstrap import setup

    setup()
    from tanda.web.enterprises.store import register_units

    return _finish(register_units(args.file, name=Path(args.file).name, dry_run=args.dry_run), args)


def cmd_import(args: argparse.Namespace) -> int:
    from tanda.web.bootstrap import setup

    setup()
    from tanda.web.enterprises.store import import_submissions

    return _finish(import_submissions(args.file, name=Path(args.file).name, dry_run=args.dry_run), args)


def cmd_rollup(args: argparse.Namespace) -> int:
    from tanda.web.bootstrap import setup

    setup()
    from tanda.enterprises import check_against_balance, fuel_totals_by_region, rollup_industries, rollup_regions
    from tanda.inventory import InventoryInputError, read_activity
    from tanda.web.enterprises.models import Enterprise
    from tanda.web.enterprises.services import energy_of, submissions_frame

    keys = {u.pk: (u.region_id, u.industry) for u in Enterprise.objects.only("pk", "region_id", "industry")}
    energy = energy_of(None, [args.year])
    if energy.frame.empty:
        return fail(f"no submissions for {args.year}")
    annual = energy.annual()
    regions = rollup_regions(annual, keys)
    if args.region:
        regions = regions[regions["region"] == args.region]
    out = {
        "year": args.year,
        "regions": regions.to_dict("records"),
        "industries": rollup_industries(annual, keys, region=args.region).to_dict("records"),
        "warnings": energy.warnings,
    }
    if args.balance:
        try:
            balance = read_activity(args.balance)
        except InventoryInputError as exc:
            return fail(str(exc))
        totals = fuel_totals_by_region(submissions_frame(None, [args.year]), keys)
        checks = check_against_balance(totals, balance)
        out["balance"] = [
            {
                "region": c.region,
                "year": c.year,
                "fuel": c.fuel,
                "units": c.units_quantity,
                "balance": c.balance_quantity,
                "share": c.share,
                "consistent": c.consistent,
                "message": c.message,
            }
            for c in checks
        ]
        if not checks:
            out["balance_note"] = "no region, year and fuel of the balance matches the units' submissions"
    print_json(out)
    return 0 if all(c.get("consistent", True) for c in out.get("balance", [])) else EXIT_REJECTED


def cmd_screen(args: argparse.Namespace) -> int:
    """Against the level a project in `--region` would be screened against: entered ones first, then packaged."""
    from tanda.web.bootstrap import setup

    setup()
    from tanda.enterprises.benchmarks import screen_against
    from tanda.web.enterprises.levels import LevelBook

    level = LevelBook.load().applies(args.product, args.region)
    if level is None:
        return fail(f"no benchmark level for product {args.product!r}; see /enterprises/levels/ or enter one there")
    ref = level.ref
    try:
        result = screen_against(ref, args.value)
    except ValueError as exc:
        return fail(str(exc))
    print_json(
        {
            "product": ref.product,
            "product_zh": ref.product_zh,
            "value": result.value,
            "unit": ref.unit,
            "benchmark": ref.benchmark,
            "baseline": ref.baseline,
            "class": result.level,
            "label": result.label_zh,
            "deadline": result.deadline.isoformat() if result.deadline else None,
            "document": ref.document,
            "edition": ref.edition,
            "origin": level.origin,
            "citation": level.citation,
            "level_region": level.region_code,
        }
    )
    return 0


def cmd_projects(args: argparse.Namespace) -> int:
    from tanda.web.bootstrap import setup

    setup()
    from tanda.regions import division
    from tanda.web.enterprises.models import Project
    from tanda.web.enterprises.project_records import project_record, projects_workbook
    from tanda.web.enterprises.services import SCREENING_TABS, project_views

    if args.region:
        try:
            division(args.region)
        except KeyError as exc:
            return fail(str(exc.args[0]))
    if args.status and args.status not in Project.Status.values:
        return fail(f"--status {args.status!r} is not one of {', '.join(Project.Status.values)}")
    if args.screening_class and args.screening_class not in SCREENING_TABS:
        return fail(f"--class {args.screening_class!r} is not one of {', '.join(SCREENING_TABS)}")
    views = project_views(Project.objects.all(), region=args.region or "", status=args.status or "")
    views = [v for v in views if not args.screening_class or v.screening_class == args.screening_class]
    if args.xlsx:
        Path(args.xlsx).write_bytes(projects_workbook(views))
        print_json({"projects": len(views), "xlsx": args.xlsx})
        return 0
    print_json(
        {
            "counts": {tab: sum(v.screening_class == tab for v in views) for tab in SCREENING_TABS},
            "projects": [project_record(v) for v in views],
        }
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("enterprise", help="key energy-using units: register, import submissions, roll up, screen")
    commands = parser.add_subparsers(dest="enterprise_command", required=True)

    def file_command(name: str, handler, help_text: str, columns: str) -> None:
        p = commands.add_parser(name, help=help_text, description=f"{help_text}. Columns: {columns}.")
        p.add_argument("file", help="CSV (UTF-8 or GB18030) or xlsx")
        p.add_argument("--dry-run", action="store_true", help="check only; store nothing")
        p.add_argument("--errors-file", help="write every row-level error to this CSV")
        p.add_argument("--max-errors", type=int, default=1000, help="errors listed in the JSON (default 1000)")
        p.set_defaults(handler=handler)

    file_command(
        "register", cmd_register, "register units (or update registered ones)", "credit_code,name,industry,region"
    )
    file_command(
        "import", cmd_import, "import monthly submissions, all or nothing", "credit_code,year,month,fuel,quantity,unit"
    )

    rollup = commands.add_parser(
        "rollup", help="totals by region and industry; --balance checks them against a balance"
    )
    rollup.add_argument("--year", type=int, required=True)
    rollup.add_argument("--region", help="a GB/T 2260 code")
    rollup.add_argument("--balance", help="a region's energy balance or activity file (as `tanda inventory` reads)")
    rollup.set_defaults(handler=cmd_rollup)

    projects = commands.add_parser(
        "projects", help="two-high projects with their screening class, level and allowance shares (JSON or xlsx)"
    )
    projects.add_argument("--region", help="a GB/T 2260 code; the regions below it are included")
    projects.add_argument("--status", help="planned, under_construction or operating")
    projects.add_argument(
        "--class", dest="screening_class", help="benchmark, between, below_baseline or unscreened (as the list's tabs)"
    )
    projects.add_argument("--xlsx", help="write the list as the web page's Excel export to this path")
    projects.set_defaults(handler=cmd_projects)

    screen = commands.add_parser("screen", help="classify a unit energy consumption against benchmark and baseline")
    screen.add_argument("product", help="product id, e.g. cement_clinker (see /enterprises/levels/)")
    screen.add_argument("value", type=float, help="unit energy consumption in the product's indicator unit")
    screen.add_argument("--region", help="the project's region (GB/T 2260 code): levels entered for it or above apply")
    screen.set_defaults(handler=cmd_screen)
