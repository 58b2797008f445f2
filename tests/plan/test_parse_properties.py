"""parse_text never raises, and every offset it reports lies inside the text it was given.

The header, section and task finders are also checked on their own, so a failure names its part.
"""

from __future__ import annotations

from importlib import resources

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tanda.plan import ParsedPlan, parse_text
from tanda.plan.structure import find_header, find_sections
from tanda.plan.tasks import find_tasks

SEEDS = [
    f.read_text(encoding="utf-8")
    for f in sorted(resources.files("tanda.data.seeds").iterdir())
    if f.name.endswith(".txt")
]
# Characters the parser reacts to, so random text often looks like headings and clauses.
GRAMMAR = (
    "一二三四五六七八九十（）()〔〕【】、，,。；;：:.．1234567890 \n\t\u3000第章专栏"
    "局厅委办部院会中心公司集团政府各市县级和及与等负责落实以下均需责任单位牵头按职责分工省发改能源年月日号吉政发〔〕《》现将印发"
)


def check_parts(text: str) -> None:
    assert isinstance(find_header(text).title, str)
    sections = find_sections(text)
    check_offsets(text, ParsedPlan(title="", sections=sections, tasks=find_tasks(text, sections)))


def check(text: str) -> ParsedPlan:
    check_parts(text)
    plan = parse_text(text)
    check_offsets(text, plan)
    return plan


def check_offsets(text: str, plan: ParsedPlan) -> None:
    for item in (*plan.sections, *plan.tasks):
        assert 0 <= item.start <= item.end <= len(text), item
    for task in plan.tasks:
        assert text[task.start : task.end] == task.text
        if task.clause is not None:
            assert task.clause in task.text
        assert task.lead == (task.departments[0] if task.departments else None)
    assert isinstance(plan.title, str)


@st.composite
def seed_fragments(draw: st.DrawFn) -> str:
    """Pieces of the seed plans cut at random places and glued together."""
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        seed = draw(st.sampled_from(SEEDS))
        start = draw(st.integers(0, len(seed)))
        pieces.append(seed[start : start + draw(st.integers(0, 4000))])
    return "".join(pieces)


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text())
def test_arbitrary_unicode(text: str):
    check(text)


@FAST
@given(st.text(alphabet=GRAMMAR, max_size=400))
def test_text_made_of_the_grammar_characters(text: str):
    check(text)


@FAST
@given(seed_fragments())
def test_fragments_and_concatenations_of_the_seeds(text: str):
    check(text)


def test_whole_seeds():
    for seed in SEEDS:
        plan = check(seed)
        assert plan.sections and plan.tasks
