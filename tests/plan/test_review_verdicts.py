"""Review of a child plan against its parent on small hand-written plans: every verdict, matching by
catalogue indicator, child-only targets, actions, departments and bad input."""

from __future__ import annotations

import pytest

from tanda.plan import parse_text
from tanda.plan.review import ReviewError, review_plans
from tanda.plan.review_compare import VERDICTS

PARENT = """某省碳达峰实施方案

一、主要目标
到2025年，非化石能源消费比重达到20%，单位地区生产总值二氧化碳排放比2020年下降18%，煤炭消费比重下降到55%，森林覆盖率达到46%，风电、太阳能发电装机容量达到3000万千瓦，秸秆综合利用率达到86%，草原综合植被盖度达到72%。到2030年，非化石能源消费比重达到25%左右，单位地区生产总值二氧化碳排放比2005年下降65%以上。

二、重点任务
（一）能源绿色低碳转型行动
1.大力发展新能源。加快建设风电和光伏发电基地。（省能源局、省发展改革委按职责分工负责）
（二）工业领域碳达峰行动
1.推动钢铁行业碳达峰。严格控制产能。（省工业和信息化厅、省生态环境厅按职责分工负责）
（三）各地区梯次有序碳达峰行动
1.科学合理确定达峰目标。各市县制定方案。（省发展改革委负责）
"""

CHILD = """某市碳达峰实施方案

一、主要目标
到2025年，非化石能源占能源消费总量比重达到20%，单位地区生产总值二氧化碳排放比2020年下降16%，煤炭消费比重控制在50%以下，风电、太阳能发电装机容量达到300万千瓦，秸秆综合利用率达到90%。到2030年，单位地区生产总值二氧化碳排放比2005年下降65%以上，森林覆盖率达到48%，绿色出行比例达到70%。

二、重点任务
（一）能源绿色低碳转型行动
1.大力发展新能源。建设风电项目。（市发改局负责）
（二）产业绿色低碳转型升级行动
1.推动建材行业碳达峰。严格控制产能。
"""


@pytest.fixture(scope="module")
def review():
    return review_plans(parse_text(CHILD), parse_text(PARENT))


def verdict(review, name: str, year: int) -> str:
    found = [i for i in review.items if i.parent.indicator == name and i.parent.year == year]
    assert len(found) == 1, f"{name} {year}: {len(found)} items"
    return found[0]


def test_every_parent_target_gets_one_item_with_a_known_verdict(review):
    parent = parse_text(PARENT)
    assert len(review.items) == len(parent.targets) == 9
    assert all(item.verdict in VERDICTS for item in review.items)


def test_consistent_matches_by_catalogue_indicator_not_by_words(review):
    item = verdict(review, "非化石能源消费比重", 2025)
    assert item.verdict == "consistent"
    assert item.child is not None and item.child.indicator == "非化石能源占能源消费总量比重"
    assert item.indicator.code == "non_fossil_share"


def test_a_smaller_reduction_of_intensity_is_weaker(review):
    item = verdict(review, "单位地区生产总值二氧化碳排放", 2025)
    assert (item.verdict, item.child.value) == ("weaker", 16.0)


def test_a_lower_cap_on_a_falling_indicator_is_stronger(review):
    item = verdict(review, "煤炭消费比重", 2025)  # parent: 下降到55% (level); child: 控制在50%以下 (cap)
    assert item.verdict == "stronger"


def test_a_higher_level_of_a_rising_indicator_is_stronger(review):
    assert verdict(review, "秸秆综合利用率", 2025).verdict == "stronger"


def test_same_indicator_in_another_year_only(review):
    item = verdict(review, "森林覆盖率", 2025)
    assert item.verdict == "different year"
    assert item.child is not None and item.child.year == 2030
    assert verdict(review, "非化石能源消费比重", 2030).verdict == "different year"


def test_a_share_the_child_does_not_set_is_missing(review):
    item = verdict(review, "草原综合植被盖度", 2025)
    assert (item.verdict, item.child) == ("missing", None)


def test_a_provincial_total_is_not_comparable_even_with_a_city_counterpart(review):
    item = verdict(review, "风电、太阳能发电装机容量", 2025)
    assert item.verdict == "not comparable"
    assert item.reason == "extensive"
    assert item.child is not None and item.child.value == 300.0


def test_reductions_against_2005_compare_with_each_other(review):
    assert verdict(review, "单位地区生产总值二氧化碳排放", 2030).verdict == "consistent"


def test_child_targets_without_parent_counterpart(review):
    assert [c.target.indicator for c in review.child_only] == ["绿色出行比例"]


def test_actions_industry_matches_the_renamed_child_action_and_regional_action_is_uncovered(review):
    covered = {a.parent.title: a.covered for a in review.actions}
    assert covered == {"能源绿色低碳转型行动": True, "工业领域碳达峰行动": True, "各地区梯次有序碳达峰行动": False}
    assert [a.to_dict()["title"] for a in review.uncovered_actions] == ["各地区梯次有序碳达峰行动"]


def test_child_tasks_without_a_responsible_department(review):
    assert [t.title for t in review.tasks_without_departments] == ["推动建材行业碳达峰"]


def test_provincial_energy_bureau_maps_to_the_city_development_and_reform_bureau(review):
    links = {d.parent: d for d in review.departments}
    assert links["省能源局"].child == ["市发改局"] and links["省能源局"].via == "table"
    assert links["省工业和信息化厅"].child == []


def test_counts_cover_every_verdict_and_add_up(review):
    counts = review.counts()
    assert list(counts) == list(VERDICTS)
    assert sum(counts.values()) == len(review.items)
    assert counts["consistent"] == 2 and counts["weaker"] == 1 and counts["missing"] == 1


def test_a_plan_against_itself_is_refused():
    plan = parse_text(PARENT)
    with pytest.raises(ReviewError) as err:
        review_plans(plan, parse_text(PARENT))
    assert err.value.code == "same_plan"


def test_a_child_without_targets_is_reviewed_with_a_warning_and_every_target_missing_or_not_comparable():
    empty = parse_text("某县碳达峰实施方案\n\n一、重点任务\n（一）加强统筹协调。建立工作机制。（县发改局负责）\n")
    result = review_plans(empty, parse_text(PARENT))
    assert result.warnings == ["child_no_targets"]
    assert {i.verdict for i in result.items} == {"missing", "not comparable"}
    assert all(i.child is None for i in result.items)
    assert result.to_dict()["warnings"][0]["code"] == "child_no_targets"


def test_a_scoped_parent_target_that_names_other_cities_is_not_missing_for_this_city():
    parent = parse_text("某省碳达峰实施方案\n\n一、主要目标\n到2030年，长春市、吉林市绿色出行比例不低于70%。\n")
    child = parse_text("梅河口市碳达峰实施方案\n\n一、主要目标\n到2025年，森林覆盖率达到40%。\n")
    (item,) = review_plans(child, parent).items
    assert (item.verdict, item.reason) == ("not comparable", "scoped_elsewhere")
    assert "长春市、吉林市" in item.explanation


def test_different_baselines_are_not_comparable():
    parent = parse_text("某省方案\n\n一、主要目标\n到2030年，单位地区生产总值二氧化碳排放比2005年下降65%以上。\n")
    child = parse_text("某市方案\n\n一、主要目标\n到2030年，单位地区生产总值二氧化碳排放比2020年下降25%。\n")
    (item,) = review_plans(child, parent).items
    assert (item.verdict, item.reason) == ("not comparable", "baseline_differs")


def test_json_items_carry_the_fields_of_plan_parse_and_the_quotes_side_by_side(review):
    data = review.to_dict()
    item = data["items"][0]
    assert set(item) >= {"parent", "child", "verdict"}
    assert set(item["parent"]) >= {"indicator", "value", "unit", "year", "kind", "qualifier", "quote", "baseline_year"}
    assert item["parent"]["quote"] in PARENT and item["child"]["quote"] in CHILD
    assert isinstance(data["uncovered_actions"], list)
