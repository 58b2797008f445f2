"""Name normalisation shared by the fuel, sector and flow catalogues.

Statistical tables write the same name many ways: full- or half-width brackets, numbering
("1.", "（一）", "#"), "其中：", "其它" for "其他", spaces inside Chinese text, English in any case.
One normal form lets every catalogue look names up with a dict instead of fuzzy matching.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

_NUMBERING = re.compile(
    r"^\s*(?:[#＃*]+|\(?[0-9一二三四五六七八九十]+[)）.、．]|[（(][0-9一二三四五六七八九十]+[)）])\s*"
)
_OF_WHICH = re.compile(r"^\s*(?:其中[:：]?|#)\s*")


def normalize(name: str) -> str:
    """The lookup key of a name: NFKC, casefolded, no numbering or sign marks, 其它→其他, no spaces in CJK."""
    text = unicodedata.normalize("NFKC", str(name)).strip()
    for _ in range(2):
        text = _OF_WHICH.sub("", text)
        text = _NUMBERING.sub("", text)
    text = text.replace("其它", "其他").replace("&", " and ")
    text = re.sub(r"\(\s*[-+−]\s*\)", "", text)  # 调出量(-), 投入(-)产出(+)量: signs, not names
    text = re.sub(r"\s+", " ", text).strip().casefold()
    text = re.sub(r"\s*([,()、:;，])\s*", r"\1", text)
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)


def suggest(name: str, known: list[str], n: int = 3) -> list[str]:
    """Close known names, for error messages that say what was probably meant."""
    return difflib.get_close_matches(str(name), known, n=n, cutoff=0.5)
