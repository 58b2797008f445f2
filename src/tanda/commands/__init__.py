"""Subcommands of `tanda`, one module per concern; each exposes `register(subparsers)`."""
