"""Assessment schemes: the packaged green development index, and schemes refused for what they break."""

from __future__ import annotations

import pytest

from tanda.assessment import SchemeError, load_scheme_text, packaged_scheme, parse_scheme


def scheme(**changes):
    data = {
        "name": "测试方案",
        "indicators": [
            {"code": "a", "name": "甲", "weight": 60, "rule": "efficacy"},
            {"code": "b", "name": "乙", "weight": 40, "rule": "score"},
        ],
        "grades": [
            {"label": "优秀", "min": 90},
            {"label": "良好", "min": 80},
            {"label": "合格", "min": 60},
            {"label": "不合格", "min": 0},
        ],
    }
    data.update(changes)
    return data


def test_green_development_index_has_the_six_published_category_weights():
    gdi = packaged_scheme("green_development_index")
    weights = {c.name: c.weight for c in gdi.categories}
    assert weights == {
        "资源利用": 29.3,
        "环境治理": 16.5,
        "环境质量": 19.3,
        "生态保护": 16.5,
        "增长质量": 9.2,
        "绿色生活": 9.2,
    }
    assert gdi.total_weight == pytest.approx(100.0)
    assert "绿色发展指标体系" in gdi.source and "生态文明建设考核目标体系" in gdi.source
    assert [g.label for g in gdi.grades] == ["优秀", "良好", "合格", "不合格"]


def test_weights_that_do_not_sum_to_100_are_refused():
    data = scheme()
    data["indicators"][1]["weight"] = 30
    with pytest.raises(SchemeError, match="sum to 90, not 100"):
        parse_scheme(data)


def test_category_weights_must_match_their_indicators():
    data = scheme(categories=[{"code": "x", "name": "X", "weight": 50}, {"code": "y", "name": "Y", "weight": 50}])
    data["indicators"][0]["category"] = "x"
    data["indicators"][1]["category"] = "y"
    with pytest.raises(SchemeError, match="category x: its indicators' weights sum to 60, not the category's 50"):
        parse_scheme(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"indicators": [{"code": "a", "name": "甲", "weight": 100, "rule": "guess"}]}, "rule 'guess'"),
        (
            {"indicators": [{"code": "a", "name": "甲", "weight": 100, "rule": "score", "direction": "left"}]},
            "direction",
        ),
        ({"indicators": [{"code": "a", "name": "甲", "weight": "many", "rule": "score"}]}, "weight 'many'"),
        (
            {"grades": [{"label": "合格", "min": 60}, {"label": "优秀", "min": 90}, {"label": "差", "min": 0}]},
            "highest",
        ),
        ({"grades": [{"label": "合格", "min": 60}]}, "start at 0"),
        ({"min_coverage": 1.5}, "min_coverage"),
    ],
)
def test_bad_schemes_say_what_is_wrong(change, message):
    with pytest.raises(SchemeError, match=message):
        parse_scheme(scheme(**change))


def test_duplicate_codes_are_refused():
    data = scheme()
    data["indicators"][1]["code"] = "a"
    with pytest.raises(SchemeError, match="indicator a: code listed twice"):
        parse_scheme(data)


def test_yaml_text_and_grades():
    parsed = load_scheme_text(
        "name: 甲\nindicators:\n  - {code: a, name: A, weight: 100, rule: score}\n"
        "grades:\n  - {label: 优秀, min: 90}\n  - {label: 不合格, min: 0}\n"
    )
    assert parsed.grade_for(95) == "优秀" and parsed.grade_for(89.99) == "不合格"
    with pytest.raises(SchemeError, match="not valid YAML"):
        load_scheme_text("name: [unclosed")
