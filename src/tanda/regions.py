"""Administrative divisions by GB/T 2260 code and their hierarchy. STUB: data to be packaged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["province", "city", "county"]


@dataclass(frozen=True)
class Division:
    code: str  # six digits
    name: str
    level: Level
    parent: str | None  # code of the parent division


def divisions() -> list[Division]:
    """All packaged divisions, parents before children."""
    return [
        Division("210000", "辽宁省", "province", None),
        Division("211300", "朝阳市", "city", "210000"),
        Division("220000", "吉林省", "province", None),
        Division("220500", "通化市", "city", "220000"),
        Division("220581", "梅河口市", "county", "220000"),
    ]
