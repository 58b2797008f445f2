"""Template helpers of the indicator pages: numbers, grades, states."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

GRADE_LABELS = {"red": _("红灯（一级预警）"), "yellow": _("黄灯（二级预警）"), "green": _("绿灯（三级）")}
SHORT_LABELS = {"red": _("红"), "yellow": _("黄"), "green": _("绿")}
STATE_LABELS = {
    "graded": _("已评价"),
    "review": _("指标待确认"),
    "untracked": _("不跟踪"),
    "no_value": _("无目标值"),
    "no_year": _("无目标年"),
    "no_data": _("数据不足"),
}


@register.filter
def fmt(value: Any) -> str:
    """A number with four significant digits (17.7, 0.9932, 12,000); — for none."""
    if value is None or value == "":
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if abs(number) >= 10_000:
        return f"{number:,.0f}"
    return f"{number:.4g}"


@register.filter
def grade_label(grade: str | None) -> str:
    return str(GRADE_LABELS.get(grade or "", "—"))


@register.filter
def grade_short(grade: str | None) -> str:
    return str(SHORT_LABELS.get(grade or "", "—"))


@register.filter
def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


@register.filter
def percent(value: Any) -> str:
    """A probability 0–1 as a whole per cent."""
    if value is None:
        return "—"
    return f"{float(value) * 100:.0f}%"


# The domain's reasons and messages (English, stable wording) as the page's language says them.
_REASONS = [
    (r"target year reached: met", _("已到目标年：达标")),
    (r"target year reached: missed", _("已到目标年：未达标")),
    (r"the (cap|floor) is broken", _("已突破约束值")),
    (r"using the headroom faster than allowed.*", _("约束空间消耗快于允许路径，将突破约束")),
    (r"the latest change, if it went on, would break the .*", _("按最近一年的变化，到目标年将突破约束")),
    (r"within the (cap|floor) and its allowed path", _("在约束值及允许路径之内")),
    (r"met, but the latest change went the wrong way", _("已达标，但最近一年向不利方向变化")),
    (r"met", _("已达标")),
    (r"moved the wrong way year on year", _("同比向不利方向变化")),
    (r"moved the right way, but slower than the required pace", _("方向正确，但慢于要求进度")),
    (r"on track", _("符合进度要求")),
    (r"no value for the baseline year (\d+).*", _("缺少基期（%(year)s年）数值")),
    (r"no observation after (\d+).*", _("%(year)s年之后尚无观测值")),
    (r"the plan states no number for this target.*", _("方案未给出目标值")),
    (r"the plan states no target year", _("方案未给出目标年")),
]


@register.filter
def reason_label(text: str) -> str:
    """A domain reason in the page's language; unknown texts are shown as they are."""
    for pattern, label in _REASONS:
        match = re.fullmatch(pattern, text or "")
        if match:
            year = match.group(1) if match.groups() and match.group(1).isdigit() else ""
            return str(label) % {"year": year} if "%(year)s" in str(label) else str(label)
    return text
