"""Responsibility clauses: every written form, split into unit names by the grammar of the names."""

from __future__ import annotations

import pytest

from tanda.plan.departments import find_clause, is_unit, parse_clause, split_run_together


def clause_of(paragraph: str):
    text = "1.标题。" + paragraph
    return find_clause(text, len("1.标题"), len(text))


def departments_of(paragraph: str) -> list[str] | None:
    found = clause_of(paragraph)
    return None if found is None else found.responsibility.departments


def test_standard_clause_with_predicate():
    found = clause_of("推动风电发展。（省能源局、省发展改革委、省自然资源厅按职责分工负责）")
    assert found is not None
    assert found.text == "（省能源局、省发展改革委、省自然资源厅按职责分工负责）"
    assert found.responsibility.departments == ["省能源局", "省发展改革委", "省自然资源厅"]


def test_single_unit_with_fu_ze_and_a_full_stop_after_the_bracket():
    assert departments_of("开展试点。（省能源安全暨碳达峰碳中和工作领导小组办公室负责）。") == [
        "省能源安全暨碳达峰碳中和工作领导小组办公室"
    ]


def test_bare_list_in_half_width_brackets():
    assert departments_of("提高比例。(发改局、自然资源局、农业农村局)") == ["发改局", "自然资源局", "农业农村局"]


def test_missing_closing_bracket():
    found = clause_of("建设站点。(发改局、住建局、市市场监管局")
    assert found is not None
    assert found.text == "(发改局、住建局、市市场监管局"
    assert found.responsibility.departments == ["发改局", "住建局", "市市场监管局"]


def test_missing_opening_bracket():
    found = clause_of("达到100%。住建局、城源集团、发改局)")
    assert found is not None
    assert found.text == "住建局、城源集团、发改局)"
    assert found.responsibility.departments == ["住建局", "城源集团", "发改局"]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("市场监管局发改局", ["市场监管局", "发改局"]),
        ("市场监管局供电公司", ["市场监管局", "供电公司"]),
        ("市场监管局旅游服务中心", ["市场监管局", "旅游服务中心"]),
        ("市场监管局市委党校", ["市场监管局", "市委党校"]),
        ("市市场监管局市卫生健康", ["市市场监管局", "市卫生健康"]),
        ("省委组织部省委宣传部", ["省委组织部", "省委宣传部"]),
        ("省发展改革委省能源局", ["省发展改革委", "省能源局"]),
    ],
)
def test_run_together_names_are_split(names: str, expected: list[str]):
    assert [names[a:b] for a, b in split_run_together(names)] == expected


@pytest.mark.parametrize(
    "name",
    [
        "省工业和信息化厅",
        "省政务服务和数字化局",
        "省人力资源社会保障厅",
        "省能源安全暨碳达峰碳中和工作领导小组办公室",
        "省政府办公厅",
        "吉林省人民政府办公厅",
        "人民银行长春中心支行",
        "中铁沈阳局集团",
        "国家税务总局吉林省税务局",
        "长白山管委会",
        "省委组织部",
        "市委党校（行政学院）",
        "中省直有关部门",
    ],
)
def test_single_names_are_not_split(name: str):
    assert split_run_together(name) == [(0, len(name))]
    assert parse_clause(name + "按职责分工负责").departments == [name]


def test_he_splits_only_between_complete_names():
    assert departments_of("做好工作。（省工业和信息化厅和省能源局负责）") == ["省工业和信息化厅", "省能源局"]
    assert departments_of("做好工作。（省能源安全暨碳达峰碳中和工作领导小组办公室及中省直有关部门按职责分工负责）") == [
        "省能源安全暨碳达峰碳中和工作领导小组办公室",
        "中省直有关部门",
    ]


def test_names_with_brackets_inside():
    assert departments_of("落实培训。（省委组织部、省委党校〔省行政学院〕按职责分工负责）") == [
        "省委组织部",
        "省委党校〔省行政学院〕",
    ]
    assert departments_of("修复生态。(市农业农村局、自然资源局(林草局)等按职责分工负责)") == [
        "市农业农村局",
        "自然资源局(林草局)",
    ]


def test_labelled_clauses():
    assert departments_of("推进工作。（责任单位：市发展改革委、市工业和信息化局等）") == [
        "市发展改革委",
        "市工业和信息化局",
    ]
    found = clause_of("推进工作。\n责任单位：市发改局、市工信局")
    assert found is not None and found.text == "责任单位：市发改局、市工信局"
    assert found.responsibility.departments == ["市发改局", "市工信局"]
    assert departments_of("推进。【牵头单位：省发展改革委；配合单位：省财政厅、省商务厅】") == [
        "省发展改革委",
        "省财政厅",
        "省商务厅",
    ]


def test_labels_on_their_own_line_keep_every_group():
    found = clause_of("推进工作。\n牵头单位：市发改委；配合单位：市工信局、市财政局")
    assert found is not None
    assert found.text == "牵头单位：市发改委；配合单位：市工信局、市财政局"
    assert found.responsibility.departments == ["市发改委", "市工信局", "市财政局"]


def test_a_label_is_a_clause_only_at_the_end_of_the_task():
    assert clause_of("推进工作。责任单位：市发改局。其他说明文字") is None


def test_lead_and_supporting_units():
    assert departments_of("推进。（省发展改革委牵头，省能源局、省工业和信息化厅配合）") == [
        "省发展改革委",
        "省能源局",
        "省工业和信息化厅",
    ]


def test_role_marks_after_names_are_not_part_of_them():
    assert departments_of("推进。（责任单位：市发改委（牵头）、市工信局）") == ["市发改委", "市工信局"]


def test_lists_ending_with_deng():
    assert departments_of("推进。(市生态环境局、发展改革委等按职责分工负责)") == ["市生态环境局", "发展改革委"]
    assert departments_of("推进。(发改局、工信局等部门)") == ["发改局", "工信局"]


def test_comma_separated_names():
    assert departments_of("推进。（市发展改革委，市工信局，市财政局按职责分工负责）") == [
        "市发展改革委",
        "市工信局",
        "市财政局",
    ]


def test_generic_implementers_and_carry_over():
    found = clause_of(
        "推进。（省能源局、省发展改革委按职责分工负责，各市、县级政府负责落实。以下均需各市、县级政府落实，不再列出）"
    )
    assert found is not None
    assert found.responsibility.departments == ["省能源局", "省发展改革委"]
    assert found.responsibility.implementers == ["各市、县级政府"]
    assert found.responsibility.carried == ["各市、县级政府"]


def test_every_unit_of_a_kind_implements_unless_it_is_the_only_one_named():
    mixed = parse_clause("省发展改革委、各市（州）政府按职责分工负责")
    assert mixed is not None
    assert (mixed.departments, mixed.implementers) == (["省发展改革委"], ["各市（州）政府"])
    alone = parse_clause("市直各有关部门按职责分工负责")
    assert alone is not None
    assert (alone.departments, alone.implementers) == (["市直各有关部门"], [])


@pytest.mark.parametrize(
    "paragraph",
    [
        "实行减量（等量）替代。",
        "贯彻落实《意见》(国发〔2021〕4号)",
        "实施工程（2021—2025年）",
        "做好工作（含长白山管委会）",
        "出台办法（试行）",
        "优化空间（布局）",
        "建设重点实验室(重点实验室)",
        "推进建设(长春、吉林)",
        "支持企业（由企业自行负责）",
        "详见附件(见附件)",
        "推动风电发展。",
        "",
    ],
)
def test_bracketed_text_that_is_not_a_clause(paragraph: str):
    assert clause_of(paragraph) is None


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("发改局", True),
        ("高新区", True),
        ("省妇联", True),
        ("各有关部门", True),
        ("布局", False),
        ("试行", False),
        ("全部", False),
    ],
)
def test_unit_names_need_a_head_and_a_stem(name: str, unit: bool):
    assert is_unit(name) is unit


def test_labels_separated_only_by_a_space():
    assert departments_of("推进。(牵头单位:能源局 参加单位:发展改革委、国资委)") == ["能源局", "发展改革委", "国资委"]


def test_units_under_a_parent_are_one_name_and_back_references_are_not_names():
    found = clause_of(
        "推进。(负责单位:发展改革委、国务院其他有关部门。未明确牵头单位的,由所列负责单位按职责分工负责,下同)"
    )
    assert found is not None
    assert found.responsibility.departments == ["发展改革委", "国务院其他有关部门"]
