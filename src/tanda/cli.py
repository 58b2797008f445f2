"""The `tanda` command; each concern's subcommands live in a module of `tanda.commands`."""

from __future__ import annotations

import argparse
import pkgutil
from collections.abc import Sequence
from importlib import import_module

import tanda.commands
from tanda.i18n import use_language

COMMAND_ORDER = ["web", "plan"]  # shown first in --help; the rest follow by name


def command_modules() -> list:
    """Every module of `tanda.commands` that has a `register(subparsers)` function."""
    names = sorted(m.name for m in pkgutil.iter_modules(tanda.commands.__path__))
    names.sort(key=lambda n: (COMMAND_ORDER.index(n) if n in COMMAND_ORDER else len(COMMAND_ORDER), n))
    modules = [import_module(f"tanda.commands.{name}") for name in names]
    return [m for m in modules if hasattr(m, "register")]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tanda", description="tanda (碳达) — carbon-peaking plan implementation")
    parser.add_argument(
        "--lang",
        dest="message_language",  # not `lang`: `inventory compute --lang` chooses names, not messages
        choices=["en", "zh"],
        default="en",
        help="language of error messages (default en)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for module in command_modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with use_language(args.message_language):
        return args.handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
