"""Cut a plan's source text into segments so that quoted passages can be marked and linked.

Targets, rules and tasks store the offsets of their passage in the text the parser read (the
plan's `source_text`). Passages may overlap (two targets quoting one sentence), so the text is cut
at every span boundary and each segment knows every passage covering it; the template marks a
segment when some passage covers it and escapes the text like any other value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    key: str  # "t-12" for target 12, "r-3" for rule 3, "k-7" for task 7: the anchor's id


@dataclass
class Segment:
    text: str
    keys: tuple[str, ...] = ()  # passages covering this segment
    anchors: list[str] = field(default_factory=list)  # passages starting here

    @property
    def data_keys(self) -> str:
        return " ".join(self.keys)


def locate(text: str, quote: str, start: int | None, end: int | None) -> tuple[int, int] | None:
    """The passage's span: the stored offsets when they still hold the quote, else where the quote is.

    A corrected quote may no longer sit at the stored offsets; it is then looked up in the text
    (the occurrence nearest the old offset). None when the passage is not in the text at all.
    """
    in_text = start is not None and end is not None and 0 <= start < end <= len(text)
    if in_text and (not quote or text[start:end] == quote):
        return start, end
    quote = quote.strip()
    if not quote:
        return None
    found = []
    i = text.find(quote)
    while i >= 0:
        found.append(i)
        i = text.find(quote, i + 1)
    if not found:
        return None
    best = min(found, key=lambda i: abs(i - (start or 0)))
    return best, best + len(quote)


def segments(text: str, spans: list[Span], points: list[tuple[int, str]] = ()) -> list[Segment]:
    """The text cut at every span boundary, in order; concatenating the segments gives the text back.

    `points` are (offset, id) anchors that mark nothing, such as the start of each section.
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    points = [(at, key) for at, key in points if 0 <= at < len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans), *(at for at, _ in points)})
    result = []
    for a, b in pairwise(cuts):
        keys = tuple(s.key for s in spans if s.start <= a and b <= s.end)
        anchors = [key for at, key in points if at == a] + [s.key for s in spans if s.start == a]
        result.append(Segment(text[a:b], keys, anchors))
    return result
