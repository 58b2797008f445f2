"""Industries by GB/T 4754-2017 code (国民经济行业分类): sections A–T and the 97 divisions.

A unit's industry is written as its class code: a division (``30``), a group (``301``) or a class
(``3011``), optionally behind its section letter (``C3011``). The packaged list
(`tanda/data/enterprises/gbt4754_2017.csv`) holds the sections and divisions, which is what
roll-ups group by; a longer code is accepted when its first two digits are a known division,
and kept as written.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tanda.i18n import _

__all__ = ["Industry", "divisions", "industry_problem", "resolve_industry", "sections"]

_CODE = re.compile(r"^([A-T])?(\d{2}(?:\d{1,2})?)$")


@dataclass(frozen=True)
class Industry:
    code: str  # as normalised: digits only (2–4), e.g. "3011"
    division: str  # the two-digit division, e.g. "30"
    division_name: str
    section: str  # the section letter, e.g. "C"
    section_name: str


@cache
def _table() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    text = resources.files("tanda.data.enterprises").joinpath("gbt4754_2017.csv").read_text(encoding="utf-8")
    section_names: dict[str, str] = {}
    division_rows: dict[str, tuple[str, str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        if row["level"] == "section":
            section_names[row["code"]] = row["name_zh"]
        else:
            division_rows[row["code"]] = (row["section"], row["name_zh"])
    return section_names, division_rows


def sections() -> dict[str, str]:
    """Section letter → name."""
    return dict(_table()[0])


def divisions() -> dict[str, tuple[str, str]]:
    """Division code → (section letter, name)."""
    return dict(_table()[1])


def resolve_industry(text: str) -> Industry | None:
    """The industry a written code means, or None (see `industry_problem` for why)."""
    return None if industry_problem(text) else _industry(_normal(text))


def industry_problem(text: str) -> str | None:
    """What is wrong with an industry code, said for a person; None when it is a known code."""
    raw = _normal(text)
    match = _CODE.match(raw)
    if not match:
        return _(
            "{text!r} is not a GB/T 4754-2017 code; expected a division, group or class such as 30, 301, 3011 or C3011"
        ).format(text=text)
    letter, digits = match.groups()
    found = _table()[1].get(digits[:2])
    if found is None:
        return _("{text!r}: division {division} does not exist in GB/T 4754-2017 (divisions are 01–97)").format(
            text=text, division=digits[:2]
        )
    if letter and letter != found[0]:
        return _("{text!r}: division {division} belongs to section {section}, not {letter}").format(
            text=text, division=digits[:2], section=found[0], letter=letter
        )
    return None


def _normal(text: str) -> str:
    return str(text or "").strip().upper().replace(" ", "")


def _industry(raw: str) -> Industry:
    digits = _CODE.match(raw).group(2)
    sections_, divisions_ = _table()
    section, name = divisions_[digits[:2]]
    return Industry(digits, digits[:2], name, section, sections_[section])
