"""find_targets never raises, and every quote it returns is exactly the text at its offsets."""

from __future__ import annotations

from importlib import resources

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tanda.plan.targets import find_targets

SEEDS = [
    f.read_text(encoding="utf-8")
    for f in sorted(resources.files("tanda.data.seeds").iterdir())
    if f.name.endswith(".txt")
]
# Characters the extractor reacts to, so random text often looks like target clauses.
GRAMMAR = (
    "0123456789.*×X%％０１２５一二两三十百千万亿到年底前比较下降提高达到控制在以内以上以下左右力争分别"
    "不低于超过突破翻番个座万千瓦亩吨标准煤的和、，,。；\n “”《》()（）十四五期间三以来截至已了新增建成每小时蒸吨"
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> None:
    targets, rules = find_targets(text)
    for item in (*targets, *rules):
        assert 0 <= item.start <= item.end <= len(text)
        assert item.quote == text[item.start : item.end]
    for target in targets:
        assert target.indicator
        assert target.kind in ("level", "reduction", "increase", "cap", "floor")
        assert (target.value is None) == target.masked


@st.composite
def seed_fragments(draw: st.DrawFn) -> str:
    """Pieces of the seed plans cut at random places and glued together."""
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        seed = draw(st.sampled_from(SEEDS))
        start = draw(st.integers(0, len(seed)))
        pieces.append(seed[start : start + draw(st.integers(0, 3000))])
    return "".join(pieces)


@FAST
@given(st.text())
def test_arbitrary_unicode(text: str):
    check(text)


@FAST
@given(st.text(alphabet=GRAMMAR, max_size=300))
def test_text_made_of_the_grammar_words(text: str):
    check(text)


@FAST
@given(seed_fragments())
def test_fragments_and_concatenations_of_the_seeds(text: str):
    check(text)
