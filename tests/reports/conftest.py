"""A small dispatch snapshot, built the way the web app builds one, for the builders' tests."""

from __future__ import annotations

from typing import Any

import pytest

from tanda.reports import STATUSES, summarize


def make_snapshot() -> dict[str, Any]:
    targets = [
        {
            "id": 1,
            "plan_id": 7,
            "indicator": "单位地区生产总值能源消耗",
            "value": 13.5,
            "unit": "%",
            "year": 2025,
            "kind": "reduction",
            "kind_label": "下降",
            "masked": False,
            "grade": "red",
            "warning_level": "一级预警",
            "progress": 0.42,
            "required_progress": 0.8,
            "actual_pace": -1.1,
            "required_pace": -2.86,
            "pace_unit": "%/year",
            "latest_year": 2023,
            "latest_value": 0.52,
            "forecast": 0.5,
            "p_meet": 0.12,
            "reason": "moved the wrong way year on year",
        },
        {
            "id": 2,
            "plan_id": 7,
            "indicator": "非化石能源消费比重",
            "value": 20.0,
            "unit": "%",
            "year": 2025,
            "kind": "level",
            "kind_label": "达到",
            "masked": False,
            "grade": "green",
            "warning_level": "三级",
            "progress": 0.9,
            "required_progress": 0.6,
            "actual_pace": 1.2,
            "required_pace": 0.8,
            "pace_unit": "unit/year",
            "latest_year": 2023,
            "latest_value": 18.1,
            "forecast": 20.6,
            "p_meet": 0.81,
            "reason": "on track",
        },
        {
            "id": 3,
            "plan_id": 7,
            "indicator": "森林覆盖率",
            "value": None,
            "unit": "%",
            "year": 2030,
            "kind": "level",
            "kind_label": "达到",
            "masked": True,
            **dict.fromkeys(
                (
                    "grade",
                    "warning_level",
                    "progress",
                    "required_progress",
                    "actual_pace",
                    "required_pace",
                    "pace_unit",
                    "latest_year",
                    "latest_value",
                    "forecast",
                    "p_meet",
                )
            ),
            "reason": "no observations",
        },
    ]
    tasks = []
    rows = [
        ("大力发展新能源", "省能源局", "on_track", 60, "2025-12-31", False, False),
        ("严格控制煤炭消费", "省能源局", "behind", 30, "2024-06-30", True, False),
        ("全面加强节能管理", "省发展改革委", None, None, None, False, True),
        ("推进工业领域碳达峰", "省工业和信息化厅", "completed", 100, "2024-09-30", False, False),
    ]
    for i, (title, lead, status, pct, deadline, overdue, not_updated) in enumerate(rows, 1):
        tasks.append(
            {
                "id": 100 + i,
                "plan_id": 7,
                "number": i,
                "title": title,
                "lead": lead,
                "cooperating": ["省发展改革委", "省生态环境厅"],
                "deadline": deadline,
                "status": status,
                "status_label": STATUSES.get(status or "", ""),
                "percent": pct,
                "narrative": "" if status is None else f"{title}：本季度推进情况。" * 3,
                "reported_by": "" if status is None else lead,
                "reported_period": "" if status is None else "2024Q4",
                "updated": "",
                "overdue": overdue,
                "not_updated": not_updated,
                "evidence": 1 if status else 0,
            }
        )
    return {
        "schema": 1,
        "title": "关于2024年第四季度吉林省碳达峰工作调度情况的通报",
        "serial": "〔2024〕第1期",
        "issuer": "吉林省碳达峰碳中和工作领导小组办公室",
        "issued": "2025-01-10",
        "region": {"code": "220000", "name": "吉林省", "level": "province"},
        "period": {
            "code": "2024Q4",
            "kind": "quarter",
            "label": "2024年第四季度",
            "start": "2024-10-01",
            "end": "2024-12-31",
        },
        "as_of": "2025-01-01",
        "plans": [{"id": 7, "title": "吉林省碳达峰实施方案", "doc_number": "吉政发〔2022〕11号"}],
        "grades_source": "test",
        "targets": targets,
        "tasks": tasks,
        "summary": summarize(targets, tasks),
    }


@pytest.fixture
def snapshot() -> dict[str, Any]:
    return make_snapshot()
