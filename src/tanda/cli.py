"""The `tanda` command; each concern's subcommands live in `tanda.commands`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from tanda.commands import indicator, plan, web

COMMAND_MODULES = [web, plan, indicator]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tanda", description="tanda (碳达) — carbon-peaking plan implementation")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
