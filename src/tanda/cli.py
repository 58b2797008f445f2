"""The `tanda` command: serve the web app, load the demo, parse and import plans."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tanda.plan import PlanInputError, check_structure, parse_text, read_document

Handler = Callable[[argparse.Namespace], int]


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _fail(message: str) -> int:
    print(f"tanda: error: {message}", file=sys.stderr)
    return 2


def cmd_serve(args: argparse.Namespace) -> int:
    from tanda.web.bootstrap import setup

    setup()
    if args.demo:
        _load_demo()
    from waitress import serve

    from tanda.web.wsgi import application

    print(f"tanda: serving on http://{args.host}:{args.port}/  (Ctrl+C to stop)", flush=True)
    serve(application, host=args.host, port=args.port, threads=8, _quiet=True)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from tanda.web.bootstrap import setup

    setup()
    _load_demo()
    return 0


def _load_demo() -> None:
    from tanda.web.plans.demo import load_demo

    plans, accounts = load_demo()
    print(f"tanda: demo loaded: {len(plans)} plans")
    for plan in plans:
        print(
            f"  [{plan.pk}] {plan.region.name} {plan.title} — {plan.targets.count()} targets, "
            f"{plan.tasks.count()} tasks"
        )
    print("tanda: demo accounts (sign in at /accounts/login/):")
    for a in accounts:
        print(f"  {a.role:7} {a.username:16} password {a.password}" + (f"  region {a.region}" if a.region else ""))


def cmd_plan_parse(args: argparse.Namespace) -> int:
    try:
        plan = parse_text(read_document(Path(args.file)))
    except PlanInputError as exc:
        return _fail(str(exc))
    if args.format == "json":
        _print_json(plan.to_dict())
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


def cmd_plan_import(args: argparse.Namespace) -> int:
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
        return _fail(str(exc))
    region = Region.objects.filter(code=args.region).first()
    if region is None:
        return _fail(f"--region {args.region}: no such region code (GB/T 2260, six digits)")
    parent = None
    if args.parent is not None:
        parent = Plan.objects.filter(pk=args.parent).first()
        if parent is None:
            return _fail(f"--parent {args.parent}: no such plan")
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
        return _fail(str(exc))
    _print_json(
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tanda", description="tanda — carbon-peaking plan implementation")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--demo", action="store_true", help="load the demo data first (idempotent)")
    serve.set_defaults(handler=cmd_serve)

    demo = sub.add_parser("demo", help="load the five seed plans, their regions and demo accounts")
    demo.set_defaults(handler=cmd_demo)

    plan = sub.add_parser("plan", help="plan documents").add_subparsers(dest="plan_command", required=True)
    parse = plan.add_parser("parse", help="print the structure of one document")
    parse.add_argument("file")
    parse.add_argument("--format", choices=["json", "table"], default="table")
    parse.set_defaults(handler=cmd_plan_parse)

    imp = plan.add_parser("import", help="parse a document and store it as a plan of a region")
    imp.add_argument("file")
    imp.add_argument("--region", required=True, help="GB/T 2260 code, e.g. 220000")
    imp.add_argument("--parent", type=int, help="id of the parent plan")
    imp.add_argument("--publish", action="store_true", help="make it readable without signing in")
    imp.set_defaults(handler=cmd_plan_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
