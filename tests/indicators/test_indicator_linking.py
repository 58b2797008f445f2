"""Parsed targets → catalogue indicators: synonyms, scopes, unit conversion, the review list."""

import json
from pathlib import Path

import pytest

from tanda.indicators import Goal, assess, link_target, link_targets
from tanda.plan.model import Target

GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold"


def target(indicator, value, unit, kind="level", year=2025, **kw):
    return Target(indicator=indicator, value=value, unit=unit, year=year, kind=kind, quote="", **kw)


def test_linkage_over_the_five_gold_files():
    """Share of gold targets (non-borderline, with a value, not a rule) linked with a usable number."""
    files = sorted(GOLD.glob("*.targets.json"))
    assert len(files) == 5
    targets = [
        t
        for f in files
        for t in json.loads(f.read_text(encoding="utf-8"))
        if not t.get("borderline") and t.get("value") is not None and t["kind"] != "rule"
    ]
    report = link_targets(targets)
    share = report.share_linked()
    print(f"linked {len(report.linked)} of {len(targets)} gold targets ({share:.1%}); review: {len(report.review)}")
    assert len(targets) >= 70
    assert share >= 0.9
    # The review list is exactly what is not linked (nothing here links only by similarity).
    assert {id(link) for link in report.review} == {id(link) for link in report.links if not link.linked}
    assert all(link.method != "fuzzy" for link in report.linked)


def test_synonyms_link_to_one_indicator():
    codes = {link_target(target(n, 20, "%")).indicator.code for n in ["非化石能源消费比重", "非化石能源消费占比"]}
    assert codes == {"non_fossil_share"}


def test_units_are_converted_to_the_catalogue_unit():
    link = link_target(target("充电桩数量", 1.2, "万个"))
    assert (link.indicator.code, link.value, link.unit) == ("charging_piles", 12000.0, "个")
    link = link_target(target("风电装机容量", 0.06, "亿千瓦"))
    assert link.value == pytest.approx(600.0) and link.unit == "万千瓦"


@pytest.mark.parametrize(
    ("name", "code", "method"),
    [
        ("全省森林覆盖率", "forest_cover", "scoped"),
        ("吉林省非化石能源消费比重", "non_fossil_share", "scoped"),
        ("长春市、吉林市和四平市绿色出行比例", "green_travel_share", "scoped"),
        ("新型储能装机容量（电网侧）", "new_energy_storage_capacity", "stripped"),
        ("抽水蓄能装机规模", "pumped_storage_capacity", "stripped"),
    ],
)
def test_names_not_written_in_the_catalogue(name, code, method):
    """Variants that appear in no catalogue row: a place or level in front, a remark or 规模 behind."""
    link = link_target(target(name, 10, "%" if "率" in name or "比重" in name or "比例" in name else "万千瓦"))
    assert (link.indicator.code, link.method) == (code, method)
    assert link.linked and not link.needs_review


def test_a_measured_thing_in_front_is_not_a_scope():
    # 工业 changes what is measured: it must not be linked to total coal consumption as if it were a place.
    link = link_target(target("工业煤炭消费量", 3000, "万吨", kind="cap"))
    assert link.method != "scoped"
    assert link.needs_review


def test_review_list_gives_the_reason():
    report = link_targets(
        [
            target("森林覆盖率", 5, "万亩"),  # wrong unit for a share
            target("光刻机国产化率", 50, "%"),  # no such indicator
            target("煤炭消费量", 9000, "万吨", kind="cap"),
        ]
    )
    problems = [link.problem for link in report.review]
    assert len(report.review) == 2 and len(report.linked) == 1
    assert problems[0].startswith("unit:") and "'万亩' (an area)" in problems[0]
    assert "光刻机国产化率" in problems[1]


def test_similar_name_links_but_goes_to_review():
    link = link_target(target("森林覆盖比率", 46, "%"))
    assert link.indicator.code == "forest_cover" and link.method == "fuzzy"
    assert link.needs_review and link.score >= 0.8


def test_relative_and_absolute_changes():
    rel = link_target(target("单位地区生产总值能源消耗", 13.5, "%", kind="reduction", baseline_year=2020))
    assert rel.relative and rel.unit == "%" and rel.value == 13.5
    pp = link_target(target("非化石能源消费比重", 5, "个百分点", kind="increase"))
    assert not pp.relative and (pp.value, pp.unit) == (5.0, "%")
    area = link_target(target("新增城市绿地", 0.32, "万亩", kind="increase"))
    assert not area.relative and area.value == pytest.approx(0.32)


def test_a_linked_target_can_be_graded():
    link = link_target(target("煤炭消费比重", 55, "%", kind="cap", qualifier="以下"))
    goal = Goal.from_link(link)
    assert (goal.kind, goal.direction, goal.value) == ("cap", "down", 55.0)
    result = assess(goal, {2020: 60.0, 2021: 59.5}, with_forecast=False)
    assert result.grade == "yellow"  # falling toward the cap, but slower than the 1 point a year required
