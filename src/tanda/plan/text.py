"""Text normalisation that keeps offsets: every function here maps one character to one character.

Parsers match on the normalised text and quote the original at the same offsets, so quotes are
always exact substrings of the document.
"""

from __future__ import annotations

_FULL_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF[0x3000] = 0x20  # ideographic space


def normalize(text: str) -> str:
    """Full-width ASCII (０-９, ％, （）, ．) to half-width, same length."""
    return text.translate(_FULL_TO_HALF)
