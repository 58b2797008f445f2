"""The review opinion as Word: an editable document with the target-by-target table and the changes asked for."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from test_review_verdicts import CHILD, PARENT

from tanda.plan import parse_text
from tanda.plan.review import review_plans
from tanda.plan.review_docx import TABLE_HEADER, build_opinion


def opinion():
    review = review_plans(parse_text(CHILD), parse_text(PARENT))
    data = build_opinion(review, reviewer="某省碳达峰碳中和工作领导小组办公室", today=date(2025, 3, 1))
    return review, Document(io.BytesIO(data))


def test_the_opinion_has_one_table_row_per_parent_target_with_both_quotes_and_the_verdict():
    review, doc = opinion()
    (table,) = doc.tables
    assert tuple(c.text for c in table.rows[0].cells) == TABLE_HEADER
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == len(review.items)
    weaker = next(r for r in rows if r[5] == "弱于上级")
    assert weaker[1] == "单位地区生产总值二氧化碳排放"
    assert "下降18%" in weaker[3] and "下降16%" in weaker[4]
    missing = next(r for r in rows if r[5] == "未设置")
    assert missing[4] == "—"


def test_the_opinion_asks_for_the_changes_and_is_signed():
    _, doc = opinion()
    text = "\n".join(p.text for p in doc.paragraphs)
    assert text.startswith("关于《某市碳达峰实施方案》的审核意见")
    assert "三、需要修改完善的问题" in text
    assert "单位地区生产总值二氧化碳排放：上级方案要求2025年下降18%" in text
    assert "各地区梯次有序碳达峰行动" in text  # an action without child tasks
    assert "推动建材行业碳达峰" in text  # a task without a responsible unit
    assert "某省碳达峰碳中和工作领导小组办公室" in text and "2025年3月1日" in text
