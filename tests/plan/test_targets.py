"""The target grammar on short sentences written for these tests (not taken from the seed plans)."""

from __future__ import annotations

import pytest

from tanda.plan.model import Rule, Target
from tanda.plan.targets import find_targets


def targets(text: str) -> list[Target]:
    found, _ = find_targets(text)
    for target in found:
        assert target.quote == text[target.start : target.end]
    return found


def rules(text: str) -> list[Rule]:
    _, found = find_targets(text)
    for rule in found:
        assert rule.quote == text[rule.start : rule.end]
    return found


def one(text: str) -> Target:
    found = targets(text)
    assert len(found) == 1, found
    return found[0]


def summary(target: Target) -> tuple:
    return (target.indicator, target.value, target.unit, target.year, target.kind, target.qualifier)


# -- kinds -------------------------------------------------------------------------------------------


def test_reaching_a_level_with_about():
    target = one("到2035年，可再生能源消费比重达到35%左右。")
    assert summary(target) == ("可再生能源消费比重", 35, "%", 2035, "level", "左右")
    assert target.quote == "到2035年，可再生能源消费比重达到35%左右"
    assert target.baseline_year is None and not target.masked


def test_reduction_against_a_named_baseline_year_beats_the_bound_word():
    target = one("到2030年，单位工业增加值二氧化碳排放较2005年下降70%以上。")
    assert summary(target) == ("单位工业增加值二氧化碳排放", 70, "%", 2030, "reduction", "以上")
    assert target.baseline_year == 2005


def test_reduction_without_a_baseline_year_has_none():
    target = one("到2025年，全市单位地区生产总值用水量下降12%。")
    assert (target.kind, target.baseline_year, target.indicator) == ("reduction", None, "单位地区生产总值用水量")


def test_baseline_given_as_its_own_phrase_earlier_in_the_sentence():
    target = one("与2020年相比，全县万元工业增加值能耗降低15%。")
    assert (target.kind, target.baseline_year) == ("reduction", 2020)


def test_increase_in_percentage_points_and_by_grades():
    first, second = targets("到2030年，农村污水治理率提高8个百分点，土壤质量比“十三五”末提升2个等级。")
    assert summary(first) == ("农村污水治理率", 8, "个百分点", 2030, "increase", None)
    assert summary(second) == ("土壤质量", 2, "个等级", 2030, "increase", None)
    assert second.baseline_year is None  # a period, not a year


def test_doubling_is_an_increase_of_100_percent():
    target = one("到2035年，数字经济规模比2020年翻一番。")
    assert summary(target) == ("数字经济规模", 100, "%", 2035, "increase", None)
    assert target.baseline_year == 2020


@pytest.mark.parametrize(
    ("sentence", "kind", "qualifier"),
    [
        ("煤炭消费总量控制在6000万吨以内。", "cap", "以内"),
        ("燃煤发电量占比降低到40%以下。", "cap", "以下"),
        ("能源消费总量不超过2亿吨标准煤。", "cap", None),
        ("公共建筑光伏覆盖比例不低于30%。", "floor", None),
        ("清洁取暖率超过85%。", "floor", None),
        ("数字产业产值突破500亿元。", "floor", None),
        ("污水集中收集率提高到75%以上。", "floor", "以上"),
        ("燃油车辆占比下降到30%。", "level", None),
        ("湿地保护率稳定在52%。", "level", None),
        ("绿色建材应用比例达到70%左右的水平。", "level", "左右"),
    ],
)
def test_bound_verbs_and_bound_words(sentence: str, kind: str, qualifier: str | None):
    target = one(sentence)
    assert (target.kind, target.qualifier) == (kind, qualifier)


# -- qualifiers ----------------------------------------------------------------------------------------


def test_striving_is_the_qualifier_even_with_a_bound_word():
    target = one("到2025年，农膜回收率力争达到88%以上。")
    assert (target.kind, target.qualifier, target.indicator) == ("floor", "力争", "农膜回收率")


def test_striving_before_the_deadline_clause_counts_but_not_for_the_next_clause():
    first, second = targets("力争到2028年，全省建成加氢站20座，氢燃料电池汽车达到3000辆。")
    assert (first.indicator, first.value, first.unit, first.qualifier) == ("加氢站", 20, "座", "力争")
    assert first.quote.startswith("力争到2028年")
    assert (second.indicator, second.qualifier, second.year) == ("氢燃料电池汽车", None, 2028)


# -- numbers -------------------------------------------------------------------------------------------


def test_masked_figures_of_a_draft_are_targets_without_value():
    first, second = targets("到2025年，地热能供暖面积达到**万平方米，绿色电力交易比重提高到*%。")
    assert (first.value, first.unit, first.masked, first.year) == (None, "万平方米", True, 2025)
    assert (second.value, second.unit, second.masked, second.kind) == (None, "%", True, "level")


def test_masked_figure_swallowing_its_unit():
    target = one("确保既有建筑改造完成率达到*。")
    assert (target.value, target.unit, target.masked, target.year) == (None, "", True, None)


def test_chinese_numerals_after_a_verb():
    target = one("到2030年，农田地力提升一个等级。")
    assert (target.value, target.unit, target.kind) == (1, "个等级", "increase")


def test_wan_and_yi_stay_in_the_unit():
    first, second = targets("到2030年，新能源汽车充电桩达到3.5万个，林木蓄积量达到2.6亿立方米。")
    assert (first.value, first.unit) == (3.5, "万个")
    assert (second.value, second.unit) == (2.6, "亿立方米")


def test_full_width_digits_and_percent_are_read_and_quoted_as_written():
    text = "到２０３０年，绿色建筑占比达到８５．５％。"
    target = one(text)
    assert (target.value, target.unit, target.year) == (85.5, "%", 2030)
    assert target.quote == "到２０３０年，绿色建筑占比达到８５．５％"


# -- years ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("“十四五”期间，再生水利用率达到25%。", 2025),
        ("十四五期末，旅游收入突破200亿元。", 2025),
        ("“十五五”时期，光伏装机达到900万千瓦。", 2030),
        ("2030年前，非化石能源装机占比达到70%。", 2030),
        ("到2027年底，充电设施覆盖率达到95%。", 2027),
        ("绿色出行比例达到75%。", None),
    ],
)
def test_deadline_words(sentence: str, year: int | None):
    assert one(sentence).year == year


def test_a_year_governs_later_clauses_and_sentences_of_its_paragraph_until_the_next_year():
    text = (
        "到2025年，生物天然气产量达到3亿立方米。推动沼气工程建设，秸秆燃料化利用率达到20%。"
        "到2030年，生物天然气产量达到6亿立方米。\n地热供暖面积达到500万平方米。"
    )
    years = [(t.value, t.year) for t in targets(text)]
    assert years == [(3, 2025), (20, 2025), (6, 2030), (500, None)]


def test_two_years_for_one_indicator_in_one_sentence_give_two_targets():
    found = targets("林草覆盖率2025年达到43%、2030年达到45%。")
    assert [(t.indicator, t.value, t.year) for t in found] == [("林草覆盖率", 43, 2025), ("林草覆盖率", 45, 2030)]


def test_respectively_pairs_figures_with_years():
    found = targets("到2025年和2030年，全省生活垃圾回收利用率分别达到40%和55%。")
    assert [(t.indicator, t.value, t.year) for t in found] == [
        ("生活垃圾回收利用率", 40, 2025),
        ("生活垃圾回收利用率", 55, 2030),
    ]


def test_respectively_pairs_figures_with_indicators():
    found = targets("到2025年，单位产值能耗和水耗比2020年分别下降15%和12%。")
    assert [(t.indicator, t.value, t.kind, t.baseline_year) for t in found] == [
        ("单位产值能耗", 15, "reduction", 2020),
        ("水耗", 12, "reduction", 2020),
    ]


def test_one_figure_respectively_for_two_periods():
    found = targets("“十四五”、“十五五”期间分别新增抽水蓄能装机200万千瓦。")
    assert [(t.value, t.year, t.kind) for t in found] == [(200, 2025, "increase"), (200, 2030, "increase")]


def test_a_quoted_commitment_is_a_target_but_a_quoted_slogan_is_not():
    target = one("全面落实“到2030年湿地保护率达到60%”的要求，开展“5个100”行动。")
    assert (target.indicator, target.value, target.year) == ("湿地保护率", 60, 2030)


def test_editions_and_dates_are_not_deadlines():
    target = one("依据《碳排放核算指南》(2022年版)，到2030年，企业碳排放核算覆盖率达到90%。")
    assert target.year == 2030
    assert one("执行2022年版标准，煤电机组供电煤耗降低到290克标准煤。").year is None


def test_from_one_level_to_another():
    target = one("全市光伏装机由2020年的80万千瓦提高到2025年的300万千瓦。")
    assert (target.indicator, target.value, target.year, target.kind) == ("光伏装机", 300, 2025, "level")


# -- what is not a target --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "“十三五”期间，全市单位地区生产总值能耗累计下降17%。",
        "2020年，全省可再生能源装机达到2100万千瓦。",
        "截至2021年底，全市建成充电桩4000个。",
        "目前，全县清洁取暖率为60%。",
        "全省非化石能源装机已达到1800万千瓦。",
        "同比增长8.2%，煤炭消费比重下降到58%。",
        "加快建设200万千瓦风电项目和“吉电入鲁”配套工程。",
        "打造千万千瓦级新能源基地和百亿级装备产业集群。",
        "聚焦“3+6+N”产业体系，实施“十百千”工程，开展第3批试点。",
        "落实《工业领域碳达峰实施方案(2022-2030年)》，于2022年7月22日印发。",
        "推进3D打印和5G基站建设。",
        "形成1+N政策体系，发布2.0版标准。",
        "全市风能资源可开发量约3000万千瓦。",
    ],
)
def test_statistics_slogans_scales_and_projects_are_not_targets(sentence: str):
    assert targets(sentence) == []


def test_thresholds_are_rules_not_targets():
    text = (
        "淘汰每小时20蒸吨以下燃煤锅炉，年综合能耗超过5000吨标准煤的企业纳入能耗在线监测，"
        "推动单机30万千瓦及以上煤电机组灵活性改造。"
    )
    assert targets(text) == []
    assert [rule.quote for rule in rules(text)] == [
        "淘汰每小时20蒸吨以下燃煤锅炉",
        "年综合能耗超过5000吨标准煤的企业纳入能耗在线监测",
        "推动单机30万千瓦及以上煤电机组灵活性改造",
    ]


# -- targets without a verb before the number ------------------------------------------------------------


def test_created_quantities_close_a_clause():
    found = targets("到2026年，累计建成海绵城市面积120平方公里，新增公园绿地0.5万亩。")
    assert [(t.indicator, t.value, t.unit, t.kind) for t in found] == [
        ("累计建成海绵城市面积", 120, "平方公里", "level"),
        ("新增公园绿地", 0.5, "万亩", "increase"),
    ]


def test_counts_before_a_noun():
    found = targets("培育6个省级零碳园区试点建设。到2025年，30个乡镇全部完成清洁能源改造。")
    assert [(t.indicator, t.value, t.unit, t.year) for t in found] == [
        ("省级零碳园区试点", 6, "个", None),
        ("乡镇", 30, "个", 2025),
    ]


def test_a_promised_property():
    target = one("到2030年，全市电网具备8%的需求侧响应能力。")
    assert (target.indicator, target.value, target.kind) == ("电网需求侧响应能力", 8, "level")


def test_parts_of_a_total_each_have_their_own_indicator():
    found = targets("到2025年，可再生能源装机达到1200万千瓦，其中风电700万千瓦、光伏500万千瓦。")
    assert [(t.indicator, t.value) for t in found] == [("可再生能源装机", 1200), ("风电", 700), ("光伏", 500)]


def test_indicator_is_trimmed_of_deadline_region_and_hedges():
    target = one("到2025年，全省林草湿碳汇能力原则上不低于1.5亿吨。")
    assert target.indicator == "林草湿碳汇能力"


def test_a_bare_number_is_a_level_with_an_empty_unit():
    target = one("到2025年，环境空气质量综合指数下降到3.8。")
    assert (target.indicator, target.value, target.unit, target.kind) == ("环境空气质量综合指数", 3.8, "", "level")


def test_empty_and_unpunctuated_texts():
    assert find_targets("") == ([], [])
    assert targets("达到") == []
    assert targets("20%") == []


def test_a_parenthetical_statistic_is_not_a_target():
    target = one("到2025年，清洁能源装机占比(2020年为45%)达到60%。")
    assert (target.indicator, target.value, target.year) == ("清洁能源装机占比", 60, 2025)


def test_page_noise_of_a_web_capture_gives_nothing():
    noise = (
        "您的位置:首页>政策正文\n2022-03-18 09:15来源:某某能源网 阅读:1234次\n"
        "投稿与新闻线索:电话:010-66668888, 邮箱:news#example.com\n索 引 号: 11220000/2022-00123\n"
        "凡来源注明本网*网的内容为原创,转载需获授权。"
    )
    assert find_targets(noise) == ([], [])


# -- patterns found on plans beyond the seeds (sentences written for these tests) -----------------


def test_concentration_units_spelled_out_with_mei():
    target = one("到2025年，全县PM2.5年均浓度控制在28微克每立方米以下。")
    assert summary(target) == ("PM2.5年均浓度", 28, "微克每立方米", 2025, "cap", "以下")


def test_a_figure_before_de_and_a_short_noun_for_a_goal_is_the_level():
    found = targets("到2025年，全区万元产值能耗下降10%，力争完成12%的激励目标。")
    assert [(t.value, t.qualifier, t.indicator) for t in found] == [
        (10, None, "万元产值能耗"),
        (12, "力争", "万元产值能耗"),
    ]
    assert found[1].quote == "力争完成12%"


def test_a_figure_before_de_and_a_thing_is_still_not_a_target():
    assert targets("严禁新建产能利用率低于75%的钢铁项目。") == []


def test_counts_joined_after_one_creating_verb_are_all_targets():
    found = targets("到2025年，建成40家绿色工厂和6个绿色园区。")
    assert [(t.value, t.unit, t.indicator, t.year) for t in found] == [
        (40, "家", "绿色工厂", 2025),
        (6, "个", "绿色园区", 2025),
    ]
    assert found[1].quote == "6个绿色园区"


def test_areas_and_lengths_created_by_a_verb_are_targets():
    found = targets("到2025年，完成25万平方米既有建筑节能改造，新建12公里城市绿道、3个口袋公园。")
    assert [(t.value, t.unit, t.indicator) for t in found] == [
        (25, "万平方米", "既有建筑节能改造"),
        (12, "公里", "城市绿道"),
        (3, "个", "口袋公园"),
    ]


def test_power_before_a_noun_still_describes_a_project():
    assert targets("到2025年，建设200万千瓦光伏发电项目。") == []


def test_an_area_before_a_noun_without_a_creating_verb_is_not_a_target():
    assert targets("位于50万平方米老旧小区内的管网纳入改造范围。") == []


def test_a_bare_year_from_the_issue_year_on_is_a_deadline():
    text = "2024年，全省单位产值能耗降低3%左右。"
    assert targets(text) == []  # without a date, 2024 written bare reads as a past year
    found, _ = find_targets(text, issued_year=2024)
    assert [(t.year, t.value, t.kind) for t in found] == [(2024, 3, "reduction")]
    found, _ = find_targets("2022年，全省单位产值能耗下降4%。", issued_year=2024)
    assert found == []


def test_figures_in_review_spans_are_statistics():
    text = "森林覆盖率达到40%，到2025年，森林覆盖率达到42%。"
    found, _ = find_targets(text, review=[(0, 10)])
    assert [t.value for t in found] == [42]


def test_preliminary_accounting_marks_statistics():
    assert targets("初步核算，全市单位产值二氧化碳排放累计下降20%，完成规划目标。") == []
