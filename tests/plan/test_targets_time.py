"""Year markers, the paragraph rule and the protected spans of the target extractor."""

from __future__ import annotations

import pytest

from tanda.plan.targets_time import (
    SpanSet,
    YearContext,
    find_year_markers,
    first_bare_target_year,
    is_review_title,
    join_wrapped_lines,
    paired_spans,
)

NOTHING = SpanSet([])


def markers(text: str) -> list[tuple[int | None, bool]]:
    return [(m.year, m.retro) for m in find_year_markers(text, NOTHING)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2027年,", [(2027, False)]),
        ("2030年前,", [(2030, False)]),
        ("2023年底前完成", [(2023, False)]),
        ("2025年,", [(2025, False)]),
        ("2020年,", [(None, True)]),
        ("截至2024年底,", [(None, True)]),
        ("2016年以来,", [(None, True)]),
        ("“十四五”期间,", [(2025, False)]),
        ("十五五时期", [(2030, False)]),
        ("“十三五”以来", [(None, True)]),
        ("目前,", [(None, True)]),
        ("2021-2025年", [(2025, False)]),
    ],
)
def test_markers_are_deadlines_or_past(text: str, expected: list[tuple[int | None, bool]]):
    assert markers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "比2005年下降",
        "较2020年提高",
        "与2020年相比",
        "以2020年为基准",
        "2022年7月印发",
        "2021年版",
        "自2021年起",
        "比“十三五”初期",
    ],
)
def test_baselines_dates_editions_and_starts_are_not_markers(text: str):
    assert markers(text) == []


def test_two_periods_in_one_phrase_give_two_markers():
    assert markers("“十四五”、“十五五”期间分别") == [(2025, False), (2030, False)]


def test_markers_in_protected_spans_are_skipped():
    text = "落实《规划(2017-2030年)》,2026年达到"
    titles = SpanSet(paired_spans(text, "《", "》"))
    assert [m.year for m in find_year_markers(text, titles)] == [2026]


def test_a_marker_governs_only_its_paragraph():
    text = "到2025年,甲达到1%。乙达到2%。\n丙达到3%。"
    context = YearContext(text, find_year_markers(text, NOTHING))
    assert context.marker_before(text.index("乙")).year == 2025
    assert context.marker_before(text.index("丙")) is None


def test_unclosed_quotation_marks_protect_nothing():
    text = "煤改电”“煤改气”“煤改生等工程。比重下降到55%。\n“新”"
    assert paired_spans(text, "“", "”") == [
        (text.index("“煤改气"), text.index("“煤改生")),
        (text.index("“新"), len(text)),
    ]


def test_nested_spans_are_merged():
    spans = SpanSet([(0, 20), (5, 8), (30, 40), (35, 50)])
    assert [pos for pos in range(60) if spans.covers(pos)] == [*range(20), *range(30, 50)]


def test_lines_wrapped_inside_a_sentence_are_joined_and_others_are_not():
    text = (
        "（一）主要目标\n到2025年，非化石能源消费比重达到20%左右，单位地区生产总值\n二氧化碳排放下降18%。\n"
        "1.大力发展新能源\n\n短行\n下一行"
    )
    joined = join_wrapped_lines(text)
    assert len(joined) == len(text)
    assert joined.split("\n") == [
        "（一）主要目标",
        "到2025年，非化石能源消费比重达到20%左右，单位地区生产总值 二氧化碳排放下降18%。",
        "1.大力发展新能源",
        "",
        "短行",
        "下一行",
    ]


def test_the_issue_year_moves_the_first_bare_deadline_back():
    assert [(m.year, m.retro) for m in find_year_markers("2024年,", NOTHING, first_bare=2024)] == [(2024, False)]
    assert [(m.year, m.retro) for m in find_year_markers("2023年,", NOTHING, first_bare=2024)] == [(None, True)]
    assert [(m.year, m.retro) for m in find_year_markers("“十三五”期间", NOTHING, first_bare=2019)] == [(2020, False)]
    assert first_bare_target_year(None) == 2025
    assert first_bare_target_year(2022) == 2022
    assert first_bare_target_year(2027) == 2025


@pytest.mark.parametrize(
    ("title", "review"),
    [
        ("发展现状和面临形势", True),
        ("发展基础", True),
        ("现状与形势", True),
        ("面临形势", True),
        ("“十三五”时期主要成效", True),
        ("工作成效。", True),
        ("主要目标", False),
        ("夯实发展基础", False),
        ("强化基础能力建设", False),
        ("巩固提升成效", False),
    ],
)
def test_review_titles(title: str, review: bool):
    assert is_review_title(title) is review
