"""Administrative divisions by GB/T 2260 code and their hierarchy.

Plans, targets and reports are tied to a province, a prefecture-level city or a county-level division, and the
code is what links them, so the list ships with the package (``tanda/data/regions/divisions.csv``, see its
``PROVENANCE.md``) instead of being typed in by users or fetched at run time: tanda must work offline.

The tree has three levels. Groupings that are not governments are not nodes: the districts and counties of a
municipality (北京 110101) and the county-level divisions administered directly by a province (仙桃 429004) have
the province as their parent.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal, cast

Level = Literal["province", "city", "county"]
LEVELS: tuple[Level, ...] = ("province", "city", "county")


@dataclass(frozen=True)
class Division:
    """One administrative division; ``parent`` is the code of the division directly above, None for provinces."""

    code: str  # six digits
    name: str
    level: Level
    parent: str | None  # code of the parent division


@cache
def _load() -> tuple[Division, ...]:
    """Parse the packaged CSV once; the file is read through importlib.resources so it works from a wheel or zip."""
    text = files("tanda.data.regions").joinpath("divisions.csv").read_text(encoding="utf-8")
    out: list[Division] = []
    for row in csv.DictReader(io.StringIO(text)):
        level = row["level"]
        if level not in LEVELS:
            raise ValueError(f"divisions.csv: unknown level {level!r} for {row['code']}")
        out.append(Division(row["code"], row["name"], cast(Level, level), row["parent"] or None))
    return tuple(out)


@cache
def _by_code() -> dict[str, Division]:
    return {d.code: d for d in _load()}


@cache
def _children() -> dict[str, tuple[Division, ...]]:
    kids: dict[str, list[Division]] = {}
    for d in _load():
        if d.parent is not None:
            kids.setdefault(d.parent, []).append(d)
    return {code: tuple(ds) for code, ds in kids.items()}


def divisions() -> list[Division]:
    """All packaged divisions, parents before children (sorted by code).

    A fresh list each call, so a caller that sorts or filters it in place cannot corrupt the cached copy.
    """
    return list(_load())


def division(code: str) -> Division:
    """The division with this six-digit code; KeyError naming the code if it is not in the packaged list."""
    try:
        return _by_code()[code]
    except KeyError:
        raise KeyError(
            f"unknown administrative division code {code!r}: not in the packaged GB/T 2260 list "
            "(six digits, e.g. '220000' 吉林省; see tanda/data/regions/PROVENANCE.md)"
        ) from None


def children(code: str) -> list[Division]:
    """Divisions directly below ``code``, in code order (empty for a county); KeyError for an unknown code."""
    division(code)
    return list(_children().get(code, ()))


@cache
def codes_within(code: str) -> frozenset[str]:
    """``code`` and the codes of every division below it (a city's counties count in the city).

    Tolerant where `children` is strict: an unknown code stands for itself, so a filter by a stale
    or mistyped code finds nothing instead of failing.
    """
    found, todo = {code}, [code]
    while todo:
        for d in _children().get(todo.pop(), ()):
            found.add(d.code)
            todo.append(d.code)
    return frozenset(found)


def ancestors(code: str) -> list[Division]:
    """Divisions above ``code``, outermost first (e.g. 220581 → [吉林省, 通化市]); KeyError for an unknown code."""
    chain: list[Division] = []
    parent = division(code).parent
    while parent is not None:
        d = division(parent)
        chain.append(d)
        parent = d.parent
    chain.reverse()
    return chain
