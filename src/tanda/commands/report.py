"""`tanda report dispatch`: make a region's dispatch report (调度通报) for a period, as .docx and .xlsx.

    tanda report dispatch --region 220000 --period 2024Q4 [--format docx|xlsx] [--output PATH] [--plan ID …]
    tanda report dispatch --report 3 --format docx      # the files of a stored report, unchanged
    tanda report notify --region 220000 [--period 2024Q4]  # create notifications, e-mail them

A new report is stored (its frozen snapshot and both files) like one made on the web page, and gets
the region's next issue number of the year.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tanda.commands.output import fail, print_json
from tanda.reports import PeriodError, containing, parse_period

FORMATS = ("docx", "xlsx")


def _outputs(args: argparse.Namespace, stem: str) -> dict[str, Path]:
    """Where each format goes: --output as given for one format; for both, its stem with each suffix."""
    formats = [args.format] if args.format else list(FORMATS)
    if args.output:
        out = Path(args.output)
        if out.is_dir():
            return {f: out / f"{stem}.{f}" for f in formats}
        if len(formats) == 1:
            return {formats[0]: out}
        return {f: out.with_suffix(f".{f}") for f in formats}
    return {f: Path(f"{stem}.{f}") for f in formats}


def cmd_dispatch(args: argparse.Namespace) -> int:
    if args.report is None:
        if not args.region:
            return fail("--region is required (GB/T 2260 code, e.g. 220000), unless --report names a stored report")
        if not args.period:
            return fail("--period is required (e.g. 2024Q4, 2024-11 or 2024)")
        try:
            period = parse_period(args.period)
        except PeriodError as exc:
            return fail(f"--period {exc}")
    from tanda.web.bootstrap import setup

    setup()
    from tanda.web.core.models import Region
    from tanda.web.dispatch.models import DispatchReport
    from tanda.web.dispatch.snapshot import issue_report
    from tanda.web.plans.models import Plan

    if args.report is not None:
        report = DispatchReport.objects.filter(pk=args.report).first()
        if report is None:
            return fail(f"--report {args.report}: no such dispatch report")
    else:
        region = Region.objects.filter(code=args.region).first()
        if region is None:
            return fail(f"--region {args.region}: no such region code (GB/T 2260, six digits, e.g. 220000)")
        plans = list(Plan.objects.filter(region=region).values_list("pk", flat=True))
        if not plans:
            return fail(f"--region {args.region}: {region.name} has no plan to dispatch (import one first)")
        unknown = sorted(set(args.plan or []) - set(plans))
        if unknown:
            return fail(f"--plan {', '.join(map(str, unknown))}: not a plan of {region.name} (its plans: {plans})")
        report = issue_report(region, period, plan_ids=args.plan or None)
    stem = f"dispatch-{report.region_id}-{report.period}-{report.serial}"
    written = {}
    for fmt, path in _outputs(args, stem).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes(getattr(report, fmt)))
        written[fmt] = str(path)
    s = report.snapshot
    print_json(
        {
            "id": report.pk,
            "title": report.title,
            "serial": s["serial"],
            "region": report.region_id,
            "period": report.period,
            "targets": s["summary"]["targets"],
            "grades": s["summary"]["grades"],
            "tasks": s["summary"]["tasks"],
            "overdue": s["summary"]["overdue"],
            "not_updated": s["summary"]["not_updated"],
            "files": written,
        }
    )
    return 0


def cmd_notify(args: argparse.Namespace) -> int:
    from datetime import date

    try:
        period = parse_period(args.period) if args.period else containing(date.today(), "quarter")
    except PeriodError as exc:
        return fail(f"--period {exc}")
    from tanda.web.bootstrap import setup

    setup()
    from tanda.web.core.models import Region
    from tanda.web.dispatch.notify import scan

    region = Region.objects.filter(code=args.region).first()
    if region is None:
        return fail(f"--region {args.region}: no such region code (GB/T 2260, six digits, e.g. 220000)")
    result = scan(region, period, base_url=args.base_url)
    print_json({"region": region.code, "period": period.code, **vars(result)})
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="dispatch reports and notifications").add_subparsers(
        dest="report_command", required=True
    )
    dispatch = report.add_parser("dispatch", help="make and store a dispatch report; write it as .docx/.xlsx")
    dispatch.add_argument("--region", help="GB/T 2260 code, e.g. 220000")
    dispatch.add_argument("--period", help="2024Q4, 2024-11 or 2024")
    dispatch.add_argument("--format", choices=FORMATS, help="only this format (default: both)")
    dispatch.add_argument("--output", help="file path (or directory); default ./dispatch-<region>-<period>-<n>.<fmt>")
    dispatch.add_argument("--plan", type=int, action="append", help="only this plan of the region (repeatable)")
    dispatch.add_argument("--report", type=int, help="write the files of this stored report instead of a new one")
    dispatch.set_defaults(handler=cmd_dispatch)

    notify = report.add_parser("notify", help="create the period's notifications for a region and e-mail them")
    notify.add_argument("--region", required=True, help="GB/T 2260 code, e.g. 220000")
    notify.add_argument("--period", help="2024Q4, 2024-11 or 2024 (default: the current quarter)")
    notify.add_argument(
        "--base-url", default="", help="prefix of the links in e-mails, e.g. https://tanda.example.gov.cn"
    )
    notify.set_defaults(handler=cmd_notify)
