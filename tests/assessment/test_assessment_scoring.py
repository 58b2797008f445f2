"""Scores, grades, ranks and contributions; missing data stays missing."""

from __future__ import annotations

import pytest

from tanda.assessment import Datum, parse_scheme, score_subjects

GRADES = [
    {"label": "优秀", "min": 90},
    {"label": "良好", "min": 80},
    {"label": "合格", "min": 60},
    {"label": "不合格", "min": 0},
]
SUBJECTS = [("A", "甲市"), ("B", "乙市"), ("C", "丙市")]


def one(rule: str, direction: str = "up", **extra):
    ind = {"code": "x", "name": "X", "weight": 100, "rule": rule, "direction": direction, **extra}
    return parse_scheme({"name": "s", "indicators": [ind], "grades": GRADES})


def scores(scheme, data):
    result = score_subjects(scheme, SUBJECTS, {k: {"x": v} for k, v in data.items()})
    return {s.subject: s.indicators["x"].score for s in result.subjects}


def test_efficacy_is_60_to_100_between_worst_and_best_in_the_desired_direction():
    assert scores(one("efficacy"), {"A": Datum(10), "B": Datum(20), "C": Datum(15)}) == {"A": 60, "B": 100, "C": 80}
    assert scores(one("efficacy", "down"), {"A": Datum(10), "B": Datum(20), "C": Datum(15)}) == {
        "A": 100,
        "B": 60,
        "C": 80,
    }


def test_completion_ratio_capped_at_100():
    got = scores(
        one("completion"), {"A": Datum(3.0, target=4.0), "B": Datum(5.0, target=4.0), "C": Datum(4.0, target=4.0)}
    )
    assert got == {"A": 75.0, "B": 100.0, "C": 100.0}
    down = scores(one("completion", "down"), {"A": Datum(120, target=100), "B": Datum(80, target=100), "C": None})
    assert down["A"] == pytest.approx(100 * 100 / 120) and down["B"] == 100.0 and down["C"] is None


def test_year_on_year_improvement():
    # CO2 should fall: −5 % earns 100, no change 60, +5 % 20
    got = scores(
        one("improvement", "down", full=0.05),
        {"A": Datum(95, previous=100), "B": Datum(100, previous=100), "C": Datum(105, previous=100)},
    )
    assert got == pytest.approx({"A": 100.0, "B": 60.0, "C": 20.0})


def test_normalised_rank_with_ties_sharing_the_mean_rank():
    got = scores(one("rank"), {"A": Datum(5), "B": Datum(9), "C": Datum(5)})
    assert got == {"B": 100.0, "A": 25.0, "C": 25.0}  # ranks 1 and 2.5 of 3


def test_missing_data_is_missing_not_zero_and_the_weight_is_spread():
    scheme = parse_scheme(
        {
            "name": "s",
            "min_coverage": 0.8,
            "indicators": [
                {"code": "p", "name": "P", "weight": 70, "rule": "score"},
                {"code": "q", "name": "Q", "weight": 30, "rule": "score"},
            ],
            "grades": GRADES,
        }
    )
    data = {"A": {"p": Datum(90), "q": Datum(60)}, "B": {"p": Datum(95), "q": None}, "C": {"p": None, "q": Datum(80)}}
    result = score_subjects(scheme, SUBJECTS, data)
    by = {s.subject: s for s in result.subjects}
    assert by["A"].score == pytest.approx(81.0) and by["A"].coverage == pytest.approx(1.0)
    assert by["B"].indicators["q"].score is None and by["B"].indicators["q"].missing == "no value"
    assert by["B"].indicators["q"].contribution is None
    assert by["B"].score == pytest.approx(95.0)  # not 95·0.7 = 66.5, which a 0 would give
    assert by["B"].coverage == pytest.approx(0.7) and by["B"].grade is None and by["B"].rank is None
    assert by["C"].coverage == pytest.approx(0.3) and by["C"].grade is None
    assert by["A"].grade == "良好" and by["A"].rank == 1
    assert [s.subject for s in result.subjects] == ["A", "B", "C"]  # ranked first, then the incomplete
    assert ("乙市", "q", "no value") in result.missing


def test_contributions_add_up_to_the_score_and_categories_are_subtotals():
    scheme = parse_scheme(
        {
            "name": "s",
            "categories": [{"code": "k", "name": "K", "weight": 60}, {"code": "m", "name": "M", "weight": 40}],
            "indicators": [
                {"code": "p", "name": "P", "weight": 60, "rule": "score", "category": "k"},
                {"code": "q", "name": "Q", "weight": 40, "rule": "score", "category": "m"},
            ],
            "grades": GRADES,
        }
    )
    result = score_subjects(scheme, [("A", "甲")], {"A": {"p": Datum(90), "q": Datum(70)}})
    (a,) = result.subjects
    assert a.score == pytest.approx(82.0)
    assert sum(s.contribution for s in a.indicators.values()) == pytest.approx(a.score)
    assert a.categories == {"k": 90.0, "m": 70.0}


def test_competition_ranking_and_grade_counts():
    scheme = one("score")
    result = score_subjects(scheme, SUBJECTS, {"A": {"x": Datum(85)}, "B": {"x": Datum(92)}, "C": {"x": Datum(85)}})
    assert [(s.subject, s.rank, s.grade) for s in result.subjects] == [
        ("B", 1, "优秀"),
        ("A", 2, "良好"),
        ("C", 2, "良好"),
    ]
    assert result.grade_counts() == {"优秀": 1, "良好": 2, "合格": 0, "不合格": 0}
