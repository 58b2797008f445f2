"""Pure helpers of the web layer: span cutting, quote location, department lists."""

from __future__ import annotations

from tanda.web.plans.forms import split_names
from tanda.web.plans.highlight import Span, locate, segments


def test_overlapping_spans_cut_the_text_without_losing_any():
    text = "到2025年，单位GDP能耗下降13.5%，碳排放下降18%。"
    spans = [Span(6, 20, "t-1"), Span(6, 30, "t-2"), Span(21, 30, "t-3")]
    cut = segments(text, spans, [(0, "s-1")])
    assert "".join(s.text for s in cut) == text
    assert cut[0].anchors == ["s-1"] and cut[0].keys == ()
    covering = {s.text: s.keys for s in cut}
    assert covering[text[6:20]] == ("t-1", "t-2")
    assert covering[text[21:30]] == ("t-2", "t-3")
    assert [a for s in cut for a in s.anchors] == ["s-1", "t-1", "t-2", "t-3"]


def test_spans_outside_the_text_are_ignored():
    assert [s.keys for s in segments("abc", [Span(2, 9, "t-1"), Span(-1, 1, "t-2")])] == [()]


def test_locate_keeps_good_offsets_and_finds_moved_quotes():
    text = "下降13.5%。另有下降13.5%。"
    assert locate(text, "下降13.5%", 10, 17) == (10, 17)
    assert locate(text, "下降13.5%", 9, 12) == (10, 17)  # nearest occurrence to the stale offset
    assert locate(text, "下降13.5%", None, None) == (0, 7)
    assert locate(text, "没有的话", 0, 3) is None


def test_split_names_respects_brackets():
    assert split_names("省发展改革委（省能源局）、各市（州）、县（市、区）政府，省工信厅") == [
        "省发展改革委（省能源局）",
        "各市（州）",
        "县（市、区）政府",
        "省工信厅",
    ]
    assert split_names("  ") == []
