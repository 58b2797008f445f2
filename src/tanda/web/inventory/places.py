"""Which region a row of an activity file means, however the file writes it.

A tidy file written by a bureau says 吉林省, 吉林 or 220000; CEADs writes Jilin; a yearbook balance
has 吉林省 in its title. An import is for one region (the one the office user chose), so each
region text of the file must name that region. Chinese names and codes come from the packaged
GB/T 2260 list; the English names of provinces as CEADs spells them are data in
`data/province_names.csv`.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from tanda.regions import division

# Suffixes of official names that people leave out (吉林省 → 吉林, 延边朝鲜族自治州 → 延边朝鲜族).
_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "自治州", "省", "市", "地区", "盟")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", str(text)).casefold()


@cache
def _english() -> dict[str, list[str]]:
    text = resources.files("tanda.web.inventory").joinpath("data/province_names.csv").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(text.splitlines()):
        out[row["code"]] = [row["name_en"], *filter(None, row["aliases"].split("|"))]
    return out


def english_name(code: str) -> str | None:
    """The province's name as CEADs writes it (Jilin, Inner Mongolia), None below province level."""
    names = _english().get(code)
    return names[0] if names else None


@cache
def aliases(code: str) -> frozenset[str]:
    """Every written form (normalised) that names this region."""
    d = division(code)
    names = {d.code, d.name, *_english().get(code, [])}
    for suffix in _SUFFIXES:
        if d.name.endswith(suffix) and len(d.name) > len(suffix) + 1:
            names.add(d.name[: -len(suffix)])
            break
    return frozenset(_key(n) for n in names)


def names_region(text: str, code: str) -> bool:
    """Whether `text` (as a file writes it) names the region `code`."""
    return _key(text) in aliases(code)
