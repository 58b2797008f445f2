"""`tanda plan parse` and `tanda plan import`."""

from __future__ import annotations

import argparse
from pathlib import Path

from tanda.commands.output import fail, print_json
from tanda.plan import PlanInputError, check_structure, parse_text, read_document


def cmd_parse(args: argparse.Namespace) -> int:
    try:
        plan = parse_text(read_document(Path(args.file)))
    except PlanInputError as exc:
        return fail(str(exc))
    if args.format == "json":
        print_json(plan.to_dict())
        return 0
    print(f"{plan.title}\n{plan.doc_number or ''} {plan.issuer or ''} {plan.date or ''}".rstrip())
    print(
        f"\n{len(plan.sections)} sections, {len(plan.tasks)} tasks, {len(plan.targets)} targets, "
        f"{len(plan.rules)} rules\n"
    )
    for t in plan.targets:
        value = "**" if t.masked else t.value
        print(f"  {t.year or '':>4}  {t.indicator}  {t.kind} {value}{t.unit} {t.qualifier or ''}")
    print()
    for task in plan.tasks:
        print(f"  {task.title}  —  {'、'.join(task.departments)}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from tanda.web.bootstrap import setup

    setup()
    from tanda.web.core.models import Region
    from tanda.web.plans.models import Plan
    from tanda.web.plans.store import DuplicatePlanError, store_plan

    path = Path(args.file)
    try:
        text = read_document(path)
        parsed = parse_text(text)
        check_structure(parsed, str(path))
    except PlanInputError as exc:
        return fail(str(exc))
    region = Region.objects.filter(code=args.region).first()
    if region is None:
        return fail(f"--region {args.region}: no such region code (GB/T 2260, six digits)")
    parent = None
    if args.parent is not None:
        parent = Plan.objects.filter(pk=args.parent).first()
        if parent is None:
            return fail(f"--parent {args.parent}: no such plan")
    try:
        plan = store_plan(
            parsed,
            region=region,
            source_name=path.name,
            source_file=path.read_bytes(),
            source_text=text,
            parent=parent,
            published=args.publish,
        )
    except DuplicatePlanError as exc:
        return fail(str(exc))
    print_json(
        {
            "id": plan.pk,
            "region": region.code,
            "title": plan.title,
            "sections": len(parsed.sections),
            "tasks": len(parsed.tasks),
            "targets": len(parsed.targets),
            "rules": len(parsed.rules),
        }
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    plan = sub.add_parser("plan", help="plan documents").add_subparsers(dest="plan_command", required=True)
    parse = plan.add_parser("parse", help="print the structure of one document")
    parse.add_argument("file")
    parse.add_argument("--format", choices=["json", "table"], default="table")
    parse.set_defaults(handler=cmd_parse)

    imp = plan.add_parser("import", help="parse a document and store it as a plan of a region")
    imp.add_argument("file")
    imp.add_argument("--region", required=True, help="GB/T 2260 code, e.g. 220000")
    imp.add_argument("--parent", type=int, help="id of the parent plan")
    imp.add_argument("--publish", action="store_true", help="make it readable without signing in")
    imp.set_defaults(handler=cmd_import)

    from tanda.commands.review import add_review_parser  # `plan review` lives in its own module

    add_review_parser(plan)
