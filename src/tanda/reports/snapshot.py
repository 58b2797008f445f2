"""The shape of a dispatch snapshot: the plain data a dispatch report is frozen as and built from.

The web app fills it from the database, stores it as JSON, and the Word and Excel builders read only
it, so a stored report can be rebuilt byte for byte from its snapshot whatever changed since.

    {
      "schema": 1,
      "title": "吉林省碳达峰碳中和工作调度通报",   "serial": "〔2024〕第1期",
      "issuer": "吉林省碳达峰碳中和工作领导小组办公室", "issued": "2025-01-10",
      "region": {"code": "220000", "name": "吉林省", "level": "province"},
      "period": {"code": "2024Q4", "kind": "quarter", "label": "2024年第四季度", "start": …, "end": …},
      "as_of": "2025-01-01", "grades_source": "…", "grades_year": 2024,
      "plans": [{"id", "title", "doc_number"}],
      "targets": [{"id", "plan_id", "indicator", "value", "unit", "year", "kind", "kind_label", "masked",
                   "grade", "warning_level", "progress", "required_progress", "actual_pace",
                   "required_pace", "pace_unit", "latest_year", "latest_value", "forecast", "p_meet", "reason"}],
      "tasks": [{"id", "plan_id", "number", "title", "lead", "cooperating", "deadline", "status",
                 "status_label", "percent", "narrative", "reported_by", "reported_period", "updated",
                 "overdue", "not_updated", "evidence"}],
      "summary": tanda.reports.progress.summarize(targets, tasks)
    }
"""

from __future__ import annotations

from typing import Any

SCHEMA = 1
TARGET_FIELDS = (
    "id",
    "plan_id",
    "indicator",
    "value",
    "unit",
    "year",
    "kind",
    "kind_label",
    "masked",
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
    "reason",
)
TASK_FIELDS = (
    "id",
    "plan_id",
    "number",
    "title",
    "lead",
    "cooperating",
    "deadline",
    "status",
    "status_label",
    "percent",
    "narrative",
    "reported_by",
    "reported_period",
    "updated",
    "overdue",
    "not_updated",
    "evidence",
)


class SnapshotError(ValueError):
    """A snapshot that lacks what a builder needs."""


def check(snapshot: dict[str, Any]) -> dict[str, Any]:
    """Fail early, naming the missing key, instead of deep inside a builder."""
    for key in ("title", "issuer", "region", "period", "targets", "tasks", "summary"):
        if key not in snapshot:
            raise SnapshotError(f"dispatch snapshot: missing {key!r}")
    for kind, rows, fields in (
        ("targets", snapshot["targets"], TARGET_FIELDS),
        ("tasks", snapshot["tasks"], TASK_FIELDS),
    ):
        for i, row in enumerate(rows):
            missing = [f for f in fields if f not in row]
            if missing:
                raise SnapshotError(f"dispatch snapshot: {kind}[{i}] lacks {', '.join(missing)}")
    return snapshot


def percent(x: float | None, digits: int = 0) -> str:
    """0.734 → '73%'; None → '—'."""
    return "—" if x is None else f"{100 * x:.{digits}f}%"


def number(x: float | None) -> str:
    """A value as a report prints it: 13.5, 20, 2.753, 1075, 1200000; None → '—'."""
    if x is None:
        return "—"
    if abs(x) >= 1000:
        return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"
    return format(x, ".4g")


def target_text(t: dict[str, Any]) -> str:
    """'下降 13.5%' / '达到 20%左右' / '**' for a masked value."""
    value = "**" if t.get("masked") else f"{number(t.get('value'))}{t.get('unit') or ''}"
    return f"{t.get('kind_label') or ''} {value}".strip()
