"""Bring Django up and the database to the current schema: every `tanda` command starts here."""

from __future__ import annotations

import os

import django


def setup(*, migrate: bool = True) -> None:
    """Configure Django; create or upgrade the database and its reference data by itself."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tanda.web.settings")
    django.setup()
    if migrate:
        from django.core.management import call_command

        from tanda.web.core.reference import sync_regions

        call_command("migrate", interactive=False, verbosity=0)
        sync_regions()
