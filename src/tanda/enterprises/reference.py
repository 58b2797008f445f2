"""Reference numbers of the enterprise module, read from `tanda/data/enterprises/` (never literals in code)."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from importlib import resources
from typing import Any

from tanda.regions import ancestors, division

__all__ = ["grid_of_region", "settings"]


def _text(name: str) -> str:
    return resources.files("tanda.data.enterprises").joinpath(name).read_text(encoding="utf-8")


@cache
def settings() -> dict[str, Any]:
    """Thresholds: the key-unit line (10,000 tce), the data-centre line, the default jump threshold, bands."""
    return json.loads(_text("settings.json"))


@cache
def _grids() -> dict[str, str]:
    return {row["province"]: row["grid"] for row in csv.DictReader(io.StringIO(_text("grid_regions.csv")))}


def grid_of_region(code: str) -> str:
    """The regional grid (华北, 东北 …) whose MEE factor applies to a region; 'national' when not known."""
    try:
        chain = [*ancestors(code), division(code)]
    except KeyError:
        return "national"
    return _grids().get(chain[0].code, "national")
