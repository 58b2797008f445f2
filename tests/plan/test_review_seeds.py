"""The seed plans: 梅河口 (004) against 吉林省 (001) — the review the provincial leading group does —
and a pair that is not parent and child in law but shares a structure (朝阳 003 against 吉林 000)."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from tanda.plan import parse_text, read_bytes
from tanda.plan.review import review_plans
from tanda.plan.review_compare import VERDICTS

PROVINCE, MEIHEKOU = "001_62a1f5ed089911f9.txt", "004_7123e170962ef154.txt"
JILIN_GREEN, CHAOYANG = "000_316f7d0b2cc8e7da.txt", "003_b13d9c5abc88dd4a.txt"


def seed(name: str):
    return parse_text(read_bytes(resources.files("tanda.data.seeds").joinpath(name).read_bytes(), name))


@pytest.fixture(scope="module")
def meihekou():
    return review_plans(seed(MEIHEKOU), seed(PROVINCE), child_region="梅河口市")


def item(review, code: str, year: int | None):
    found = [i for i in review.items if i.indicator and i.indicator.code == code and i.parent.year == year]
    assert len(found) == 1, [(i.parent.indicator, i.parent.year) for i in review.items]
    return found[0]


def test_every_provincial_target_is_classified(meihekou):
    province = seed(PROVINCE)
    assert len(meihekou.items) == len(province.targets) >= 25
    assert [i.parent.quote for i in meihekou.items] == [t.quote for t in province.targets]
    assert all(i.verdict in VERDICTS for i in meihekou.items)
    counts = Counter(i.verdict for i in meihekou.items)
    assert all(counts[v] > 0 for v in VERDICTS), counts  # this pair shows every verdict


@pytest.mark.parametrize(
    ("code", "year", "expected"),
    [
        ("co2_intensity", 2030, "consistent"),  # 比2005年下降65%以上 in both
        ("non_fossil_share", 2030, "consistent"),  # 20%左右 in both, named 比重 / 占比
        ("non_fossil_share", 2025, "different year"),  # 梅河口 sets 2030 only
        ("coal_share", 2025, "stronger"),  # 59.7% vs 控制在55%以下
        ("cropland_quality_improvement", 2030, "weaker"),  # 提升1个等级 vs 0.5个等级
        ("forest_cover", 2030, "missing"),
        ("coal_consumption", 2025, "not comparable"),  # a provincial cap in 万吨
        ("charging_piles", 2025, "not comparable"),  # 1.2万个 vs 300个: totals, not comparable
    ],
)
def test_known_verdicts(meihekou, code, year, expected):
    assert item(meihekou, code, year).verdict == expected


def test_the_provincial_peak_actions_and_the_one_a_county_level_city_leaves_out(meihekou):
    uncovered = [a.parent.title for a in meihekou.uncovered_actions]
    assert uncovered == ["各地区梯次有序碳达峰行动"]
    industry = next(a for a in meihekou.actions if a.parent.title == "工业领域碳达峰行动")
    assert industry.child is not None and industry.child.title == "产业绿色低碳转型升级行动"


def test_provincial_departments_map_to_meihekou_units(meihekou):
    links = {d.parent: d.child for d in meihekou.departments}
    assert links["省能源局"] == ["发改局"]
    assert links["省工业和信息化厅"] == ["工信局"]
    assert links["省生态环境厅"] == ["生态环境局"]
    assert "市市场监管局" in links["省市场监管厅"]


def test_any_pair_of_plans_chaoyang_against_jilin_green_economy_opinion():
    review = review_plans(seed(CHAOYANG), seed(JILIN_GREEN))
    assert len(review.items) == len(seed(JILIN_GREEN).targets)
    assert all(i.verdict in VERDICTS for i in review.items)
    assert review.actions, "the chapters of 000 are its actions"
    assert len(review.child_only) > 0
