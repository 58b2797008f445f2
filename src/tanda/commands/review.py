"""`tanda plan review CHILD PARENT`: a child plan against its parent, as JSON or as a Word opinion.

CHILD and PARENT are files (.txt/.docx/.pdf) or stored plans written `plan:ID`. The `plan` command
group lives in `commands/plan.py`, which calls `add_review_parser` to attach this subcommand; this
module has no `register` of its own, so the CLI does not also list it as a top-level command.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from tanda.commands.output import fail, print_json
from tanda.plan import ParsedPlan, PlanInputError, parse_text, read_document

_STORED = re.compile(r"^plan:(\d+)$")


def _load(spec: str) -> tuple[ParsedPlan, str]:
    """A plan from a file path or `plan:ID`; (parsed plan, region name or "")."""
    match = _STORED.match(spec.strip())
    if match is None:
        path = Path(spec)
        if not path.exists():
            raise PlanInputError(f"{spec}: no such file (give a .txt/.docx/.pdf file or a stored plan as plan:ID)")
        return parse_text(read_document(path)), ""
    from tanda.web.bootstrap import setup

    setup()
    from tanda.web.plans.models import Plan
    from tanda.web.review.loading import StoredPlan

    plan = Plan.objects.select_related("region").filter(pk=int(match.group(1))).first()
    if plan is None:
        raise PlanInputError(f"{spec}: no stored plan with id {match.group(1)} (see the plan list or `tanda demo`)")
    return StoredPlan(plan).parsed, plan.region.name


def _mapping(path: str | None):
    from tanda.plan.review_departments import DepartmentMap, default_rows, parse_mapping

    if path is None:
        return DepartmentMap(default_rows())
    return DepartmentMap(parse_mapping(Path(path).read_text(encoding="utf-8-sig")))


def cmd_review(args: argparse.Namespace) -> int:
    from tanda.plan.review import ReviewError, review_plans

    try:
        child, child_region = _load(args.child)
        parent, _ = _load(args.parent)
        mapping = _mapping(args.mapping)
    except PlanInputError as exc:
        return fail(str(exc))
    except (OSError, ValueError) as exc:
        return fail(f"--mapping {args.mapping}: {exc}")
    if args.child.strip() == args.parent.strip():
        return fail("CHILD and PARENT are the same plan: review a plan against its parent")
    try:
        review = review_plans(
            child, parent, mapping=mapping, child_ref=args.child, parent_ref=args.parent, child_region=child_region
        )
    except ReviewError as exc:
        return fail(str(exc))
    if args.format == "json":
        data = review.to_dict()
        if args.output:
            import json

            Path(args.output).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            print(args.output)
        else:
            print_json(data)
        return 0
    from tanda.plan.review_docx import write_opinion

    stem = Path(args.child).stem if not _STORED.match(args.child) else args.child.replace(":", "-")
    out = Path(args.output or f"{stem}-review.docx")
    write_opinion(review, out, reviewer=args.reviewer or "")
    print(out)
    return 0


def add_review_parser(plan_commands: argparse._SubParsersAction) -> None:
    """Attach `review` to the `plan` subcommand group (called from `commands/plan.register`)."""
    review = plan_commands.add_parser(
        "review",
        help="review a child plan against its parent: targets, actions, departments",
        description="CHILD and PARENT are .txt/.docx/.pdf files or stored plans given as plan:ID.",
    )
    review.add_argument("child", metavar="CHILD")
    review.add_argument("parent", metavar="PARENT")
    review.add_argument("--format", choices=["json", "docx"], default="json")
    review.add_argument("--output", help="file to write (docx default: CHILD-review.docx; json default: stdout)")
    review.add_argument(
        "--mapping", help="CSV of department correspondences (parent,child,note) instead of the default"
    )
    review.add_argument("--reviewer", help="who signs the opinion, e.g. 吉林省碳达峰碳中和工作领导小组办公室")
    review.set_defaults(handler=cmd_review)
