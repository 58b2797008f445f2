"""The unified social credit code (统一社会信用代码, GB 32100-2015): format and check character.

An 18-character code: registration authority (1), organisation category (1), the registering
office's administrative division code (6, GB/T 2260), the organisation code body (9, GB 11714,
itself ending in a check character) and one check character over the first 17. The alphabet has
31 characters — the digits and the capital letters without I, O, S, V, Z — and the check character
is ``31 - (Σ value(cᵢ) × 3ⁱ mod 31) mod 31`` with the weights 3ⁱ mod 31, so that one mistyped
character or a swap of two neighbours is always caught.

Registers of key energy-using units are keyed on this code, so an import checks every code here
before it looks it up; a wrong check character is the commonest typing error the check reveals.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from tanda.i18n import _

__all__ = [
    "ALPHABET",
    "check_character",
    "credit_code_problem",
    "is_valid_credit_code",
    "make_credit_code",
    "normalize_credit_code",
    "organization_check_character",
    "valid_credit_codes",
]

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
_SHAPE = re.compile(f"[{ALPHABET}]{{18}}")

# GB 11714 organisation code: 8 characters (digits and capitals) and a check character (0-9 or X).
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def normalize_credit_code(text: object) -> str:
    """The code as stored: surrounding blanks removed, full-width characters folded, upper case."""
    import unicodedata

    return unicodedata.normalize("NFKC", str(text or "")).strip().upper()


def check_character(first17: str) -> str:
    """The GB 32100 check character of the first 17 characters."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """What is wrong with a code, said for a person; None for a valid code."""
    if len(code) != 18:
        return _("{code!r} has {length} characters; a unified social credit code has 18").format(
            code=code, length=len(code)
        )
    bad = sorted({c for c in code if c not in _VALUE})
    if bad:
        return _(
            "{code!r} contains {characters}; the code uses digits and capital letters except I, O, S, V, Z"
        ).format(code=code, characters=" ".join(bad))
    expected = check_character(code[:17])
    if code[17] != expected:
        return _("{code!r} fails the GB 32100 check: the last character should be {expected}, not {actual}").format(
            code=code, expected=expected, actual=code[17]
        )
    return None


def is_valid_credit_code(code: str) -> bool:
    return credit_code_problem(normalize_credit_code(code)) is None


def valid_credit_codes(codes: pd.Series) -> np.ndarray:
    """Vectorised `is_valid_credit_code` over already normalised codes (bool array).

    Import files repeat each code for every month and fuel, so the check runs once per distinct code.
    """
    uniques = pd.unique(codes.to_numpy(dtype=object))
    ok = {u: isinstance(u, str) and credit_code_problem(u) is None for u in uniques}
    return codes.map(ok).to_numpy(dtype=bool)


def organization_check_character(body8: str) -> str:
    """The GB 11714 check character of an 8-character organisation code body (0-9 or X)."""
    total = sum(_VALUE[c] * w for c, w in zip(body8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def make_credit_code(region: str, serial: int, *, authority: str = "9", category: str = "1") -> str:
    """A well-formed code for a made-up organisation: used for synthetic demo and benchmark data.

    The organisation code body is the serial number (8 digits) with its GB 11714 check character,
    so that the whole code passes every check a real one passes. Real organisation codes in
    that range exist; callers label such units as synthetic wherever they are shown.
    """
    if not (len(region) == 6 and region.isdigit()):
        raise ValueError(f"region must be a six-digit GB/T 2260 code, not {region!r}")
    body = f"{serial:08d}"
    if len(body) != 8:
        raise ValueError("serial must be below 10^8")
    first17 = authority + category + region + body + organization_check_character(body)
    return first17 + check_character(first17)
