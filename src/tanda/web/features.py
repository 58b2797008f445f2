"""The feature apps and how their pages, API routers and menu entries are found.

Each feature app may have `urls.py` (mounted at /<label>/, namespace <label>), `api.py` with a
django-ninja `router` (mounted at /api/<label>/), and `nav_label`/`nav_url` on its AppConfig (a
menu entry), and `warmup.py` whose `start()` `tanda serve` calls before it serves (background work
that spares the first visitor a wait). Nothing else needs editing when a feature is added.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

FEATURE_APPS = ["plans", "inventory", "indicators", "dispatch", "pathways", "review", "assessment", "enterprises"]


def feature_module(app: str, name: str) -> ModuleType | None:
    """`tanda.web.<app>.<name>` if the app has that module."""
    dotted = f"tanda.web.{app}.{name}"
    return import_module(dotted) if find_spec(dotted) else None


def navigation() -> list[tuple[str, str, str]]:
    """(label, url name, app label) of every app that has a menu entry, in FEATURE_APPS order."""
    from django.apps import apps

    entries = []
    for app in FEATURE_APPS:
        config = apps.get_app_config(app)
        if getattr(config, "nav_url", None):
            entries.append((config.nav_label, config.nav_url, app))
    return entries
