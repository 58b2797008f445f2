"""Headings, the section tree and the header of a plan, on short texts written for each case."""

from __future__ import annotations

import pytest

from tanda.plan.headings import chinese_number, match_heading
from tanda.plan.structure import find_header, find_sections


@pytest.mark.parametrize(
    ("line", "level", "number", "title"),
    [
        ("一、总体要求", 1, "一、", "总体要求"),
        ("　　十二．保障措施", 1, "十二．", "保障措施"),
        ("（一）能源绿色低碳转型行动。制定方案。", 2, "（一）", "能源绿色低碳转型行动"),
        ("(二十一)加强财税支持", 2, "(二十一)", "加强财税支持"),
        ("1.大力发展新能源。推动风电、太阳能发电大规模开发。", 3, "1.", "大力发展新能源"),
        ("１２．推动钢铁行业碳达峰：严格执行产能置换", 3, "１２．", "推动钢铁行业碳达峰"),
        ("3、合理引导油气消费", 3, "3、", "合理引导油气消费"),
        ("（1）推广节能技术。", 4, "（1）", "推广节能技术"),
        ("(2)推广节能产品", 4, "(2)", "推广节能产品"),
        ("①建设示范工程", 5, "①", "建设示范工程"),
        ("第四章 坚持绿色转型升级,开创经济发展新局面", 0, "第四章", "坚持绿色转型升级,开创经济发展新局面"),
        ("专栏1 绿色技术创新工程", -1, "专栏1", "绿色技术创新工程"),
    ],
)
def test_heading_forms(line: str, level: int, number: str, title: str):
    from tanda.plan.text import normalize

    found = match_heading(normalize(line))
    assert found is not None
    assert found.level == level
    assert line[found.number_start : found.number_end] == number
    assert line[found.title_start : found.title_end] == title


def test_run_on_title_without_full_stop_ends_where_the_sentence_starts():
    line = "2.提高服务业绿色发展水平以区域商贸物流中心和现代服务业中心为导向,促进商贸物流、文化旅游等产业绿色发展。"
    found = match_heading(line)
    assert found is not None
    assert line[found.title_start : found.title_end] == "提高服务业绿色发展水平"


@pytest.mark.parametrize(
    "line",
    [
        "1.5万吨标准煤以上的企业",
        "2025年，非化石能源消费比重达到17.7%",
        "十四五期间，产业结构明显优化",
        "——系统谋划、科学施策。",
        "（此件公开发布）",
    ],
)
def test_body_lines_are_not_headings(line: str):
    assert match_heading(line) is None


@pytest.mark.parametrize(
    ("digits", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十一", 21), ("一百零五", 105), ("7", 7)]
)
def test_chinese_numbers(digits: str, value: int):
    assert chinese_number(digits) == value


TREE = """一、总体要求
（一）指导思想。坚持系统观念。
二、重点任务
（一）能源绿色低碳转型行动。制定方案。
1.大力发展新能源。推动风电发展。
2.严格控制煤炭消费。合理控制煤电规模。
（二）节能降碳增效行动
1.全面加强节能管理。
三、组织实施
"""


def test_section_tree_paths_levels_and_ends():
    sections = find_sections(TREE)
    assert [s.path for s in sections] == [
        "一、总体要求",
        "一、总体要求 > （一）指导思想",
        "二、重点任务",
        "二、重点任务 > （一）能源绿色低碳转型行动",
        "二、重点任务 > （一）能源绿色低碳转型行动 > 1.大力发展新能源",
        "二、重点任务 > （一）能源绿色低碳转型行动 > 2.严格控制煤炭消费",
        "二、重点任务 > （二）节能降碳增效行动",
        "二、重点任务 > （二）节能降碳增效行动 > 1.全面加强节能管理",
        "三、组织实施",
    ]
    assert [s.level for s in sections] == [1, 2, 1, 2, 3, 3, 2, 3, 1]
    task = sections[4]
    assert TREE[task.start : task.end] == "1.大力发展新能源。推动风电发展。"
    group = sections[3]
    assert TREE[group.start : group.end].endswith("2.严格控制煤炭消费。合理控制煤电规模。")
    assert sections[2].end == TREE.index("三、") - 1
    assert sections[-1].end == len(TREE.rstrip())


def test_box_numbering_restarts_inside_the_box_and_ends_with_a_higher_heading():
    text = (
        "一、绿色技术创新\n（四）开展重点领域技术攻关\n攻关。\n专栏1 绿色技术创新工程\n（一）科技创新重点平台\n平台。\n"
        "（二）重点领域技术攻关\n攻关。\n二、优化升级产业结构\n（一）推动传统产业绿色升级\n专栏2 传统产业绿色升级工程\n"
        "汽车。\n（二）大力培育战略性新兴产业\n"
    )
    paths = [s.path for s in find_sections(text)]
    assert paths == [
        "一、绿色技术创新",
        "一、绿色技术创新 > （四）开展重点领域技术攻关",
        "一、绿色技术创新 > （四）开展重点领域技术攻关 > 专栏1 绿色技术创新工程",
        "一、绿色技术创新 > （四）开展重点领域技术攻关 > 专栏1 绿色技术创新工程 > （一）科技创新重点平台",
        "一、绿色技术创新 > （四）开展重点领域技术攻关 > 专栏1 绿色技术创新工程 > （二）重点领域技术攻关",
        "二、优化升级产业结构",
        "二、优化升级产业结构 > （一）推动传统产业绿色升级",
        "二、优化升级产业结构 > （一）推动传统产业绿色升级 > 专栏2 传统产业绿色升级工程",
        "二、优化升级产业结构 > （二）大力培育战略性新兴产业",
    ]


def test_chapters_hold_the_numbered_ladder():
    sections = find_sections("第四章 坚持绿色转型\n一、绿色技术\n（一）培育主体\n第五章 强化生态保护\n一、污染防治\n")
    assert [s.path for s in sections][-1] == "第五章 强化生态保护 > 一、污染防治"
    assert [s.level for s in sections] == [0, 1, 2, 0, 1]


def test_page_footer_is_not_part_of_the_last_section():
    text = "一、组织实施\n加强领导。\n\n投稿与新闻线索:电话:0335-3030550\n\n特别声明:转载内容仅供参考。\n"
    section = find_sections(text)[0]
    assert text[section.start : section.end] == "一、组织实施\n加强领导。"


NOTICE = """ 吉林省人民政府关于印发

吉林省碳达峰实施方案的通知

吉政发〔2022〕11号

各市（州）人民政府，省政府各厅委办：

　　现将《吉林省碳达峰实施方案》印发给你们，请认真贯彻执行。

　　吉林省人民政府

　　2022年7月22日

吉林省碳达峰实施方案

　　为做好我省碳达峰工作，根据《国务院关于印发2030年前碳达峰行动方案的通知》（国发〔2021〕23号），制定本方案。

　　一、总体要求
"""


def test_header_of_a_notice_is_the_plan_inside_it():
    header = find_header(NOTICE)
    assert header.title == "吉林省碳达峰实施方案"
    assert header.doc_number == "吉政发〔2022〕11号"
    assert header.issuer == "吉林省人民政府"
    assert header.date == "2022-07-22"


def test_header_title_over_lines_and_issuer_from_title():
    text = (
        "吉林省人民政府关于加快\n建立健全绿色低碳循环发展\n经济体系的实施意见\n"
        "吉政发〔2021〕18号\n各市（州）人民政府：\n一、总体要求\n"
    )
    header = find_header(text)
    assert header.title == "吉林省人民政府关于加快建立健全绿色低碳循环发展经济体系的实施意见"
    assert header.issuer == "吉林省人民政府"
    assert header.doc_number == "吉政发〔2021〕18号"
    assert header.date is None


def test_header_ignores_doc_numbers_cited_in_the_text():
    text = "某市实施方案\n为贯彻落实《指导意见》(国发〔2021〕4号),制定本方案。\n一、总体要求\n"
    header = find_header(text)
    assert header.title == "某市实施方案"
    assert header.doc_number is None


def test_header_from_a_web_page_with_labelled_fields():
    text = (
        "某市政府信息公开专栏 > 某市人民政府 > 返回\n"
        "发文机关: 某市人民政府办公室 成文日期: 2023年11月24日\n"
        "标      题: 某市人民政府关于印发某市碳达峰实施方案的通知\n"
        "发文字号: 某政发〔2023〕8号 发布日期: 2023年11月25日\n"
        "一、总体要求\n"
    )
    header = find_header(text)
    # the notice's own title names its issuer; the site's 发文机关 is the office that published it
    assert header == type(header)("某市碳达峰实施方案", "某政发〔2023〕8号", "某市人民政府", "2023-11-24")
    plain = find_header(text.replace("某市人民政府关于印发某市碳达峰实施方案的通知", "某市碳达峰实施方案"))
    assert (plain.title, plain.issuer) == ("某市碳达峰实施方案", "某市人民政府办公室")


def test_header_of_a_news_page_capture():
    text = (
        "北极星\n\n搜索历史清空\n\n《某省生态文明建设“十四五”规划(征求意见稿)》\n\n"
        "2021-06-24 11:34来源:北极星环保网\n\n第四章 坚持绿色\n"
    )
    header = find_header(text)
    assert header.title == "某省生态文明建设“十四五”规划(征求意见稿)"
    assert header.date == "2021-06-24"
    assert header.issuer is None


def test_header_date_in_chinese_numerals():
    text = "某县碳达峰实施方案\n某县人民政府\n二〇二三年十一月二十四日\n一、总体要求\n"
    header = find_header(text)
    assert (header.issuer, header.date) == ("某县人民政府", "2023-11-24")


def test_header_of_text_without_a_title_falls_back_to_the_first_line():
    assert find_header("\n\n普通文字，没有标题\n").title == "普通文字，没有标题"
    assert find_header("").title == ""


def test_header_skips_a_short_menu_line_before_the_title():
    assert find_header("北极星\n吉林省碳达峰实施方案\n一、总体要求\n").title == "吉林省碳达峰实施方案"


def test_joint_issuers_and_a_bracketed_date_under_the_title():
    text = (
        "中共某市委 某市人民政府关于做好碳达峰碳中和工作的实施意见\n某委发〔2022〕7 号\n(2022 年 3 月 17 日)\n"
        "根据《意见》精神,现提出如下实施意见。\n一、总体要求\n"
    )
    header = find_header(text)
    assert header.title == "中共某市委 某市人民政府关于做好碳达峰碳中和工作的实施意见"
    assert header.issuer == "中共某市委 某市人民政府"
    assert (header.doc_number, header.date) == ("某委发〔2022〕7 号", "2022-03-17")


def test_title_followed_by_a_labelled_publication_time():
    header = find_header("某市碳达峰实施方案 发布时间:2022-10-10 14:04\n\n为推进工作,制定本方案。\n\n一、主要目标\n")
    assert (header.title, header.date) == ("某市碳达峰实施方案", "2022-10-10")
