"""Chart images of a dispatch report (PNG bytes), drawn with matplotlib and a CJK font.

Figures are made with `matplotlib.figure.Figure` (no pyplot state), so charts can be drawn from web
server threads. The font is found through matplotlib's font manager: Noto Sans CJK SC (Debian's
fonts-noto-cjk) first, then other CJK families; without one, labels would be empty boxes, so the
search fails loudly instead.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from matplotlib import font_manager
from matplotlib.figure import Figure

from tanda.reports.progress import GRADES

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Noto Serif CJK SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)
GRADE_COLOURS = {"red": "#c8372d", "yellow": "#e0a800", "green": "#2e8b57", "ungraded": "#a0a6ad"}
GRADE_SHORT = {"red": "红色", "yellow": "黄色", "green": "绿色", "ungraded": "未评估"}
DPI = 150


class FontNotFoundError(RuntimeError):
    """No font with Chinese glyphs is installed."""


@cache
def cjk_font() -> font_manager.FontProperties:
    """A font with Chinese glyphs, found by family name among the fonts matplotlib knows."""
    known = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in known:
            return font_manager.FontProperties(fname=known[family])
    for f in font_manager.fontManager.ttflist:  # e.g. a CJK font under another family name
        if "CJK" in f.name:
            return font_manager.FontProperties(fname=f.fname)
    raise FontNotFoundError("no CJK font found by matplotlib: install fonts-noto-cjk (apt-get install fonts-noto-cjk)")


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
    return buffer.getvalue()


def _style(ax: Any, font: font_manager.FontProperties) -> None:
    for label in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        label.set_fontproperties(font)
    ax.spines[["top", "right"]].set_visible(False)


def grade_chart(grades: Mapping[str, int]) -> bytes:
    """Column chart: how many targets are red, yellow, green and not graded."""
    font = cjk_font()
    keys = [*GRADES, "ungraded"]
    counts = [grades.get(k, 0) for k in keys]
    fig = Figure(figsize=(5.6, 2.8))
    ax = fig.add_subplot()
    bars = ax.bar([GRADE_SHORT[k] for k in keys], counts, color=[GRADE_COLOURS[k] for k in keys], width=0.6)
    for bar, n in zip(bars, counts, strict=True):
        ax.annotate(str(n), (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom")
    ax.set_ylabel("目标数", fontproperties=font)
    ax.set_title("主要目标预警等级分布", fontproperties=font, fontsize=12)
    ax.set_ylim(0, max([*counts, 1]) * 1.2)
    ax.yaxis.get_major_locator().set_params(integer=True)
    _style(ax, font)
    return _png(fig)


def department_chart(departments: Sequence[Mapping[str, Any]], limit: int = 12) -> bytes:
    """Stacked bars per lead department: tasks completed, reported but open, and not updated."""
    font = cjk_font()
    rows = list(departments)[:limit][::-1]  # largest at the top
    names = [r["name"] for r in rows]
    completed = [r["completed"] for r in rows]
    open_ = [r["reported"] - r["completed"] for r in rows]
    missing = [r["not_updated"] for r in rows]
    fig = Figure(figsize=(6.2, 0.42 * max(len(rows), 3) + 1.0))
    ax = fig.add_subplot()
    ax.barh(names, completed, color="#2e8b57", label="已完成")
    ax.barh(names, open_, left=completed, color="#4a78b5", label="推进中")
    left = [a + b for a, b in zip(completed, open_, strict=True)]
    ax.barh(names, missing, left=left, color="#c0c4ca", label="本期未报送")
    ax.set_xlabel("任务数（按牵头单位）", fontproperties=font)
    ax.set_title("重点任务进展（按牵头单位）", fontproperties=font, fontsize=12)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(prop=font, loc="lower right", frameon=False)
    _style(ax, font)
    return _png(fig)


def progress_chart(targets: Sequence[Mapping[str, Any]], limit: int = 15) -> bytes | None:
    """Horizontal bars of graded targets' progress (% of the way), with the progress the path requires.

    None when no target has a progress figure (nothing graded yet): the report then leaves it out.
    """
    rows = [t for t in targets if t.get("progress") is not None][:limit][::-1]
    if not rows:
        return None
    font = cjk_font()
    labels = [f"{t['indicator'][:16]}（{t.get('year') or ''}）" for t in rows]
    progress = [100 * float(t["progress"]) for t in rows]
    required = [100 * float(t["required_progress"]) if t.get("required_progress") is not None else None for t in rows]
    fig = Figure(figsize=(6.2, 0.4 * max(len(rows), 3) + 1.0))
    ax = fig.add_subplot()
    ax.barh(labels, progress, color=[GRADE_COLOURS.get(t.get("grade") or "ungraded") for t in rows], height=0.6)
    for i, r in enumerate(required):
        if r is not None:
            ax.plot([r, r], [i - 0.38, i + 0.38], color="#1f2329", linewidth=1.6)
    ax.axvline(100, color="#646a73", linewidth=0.8, linestyle="--")
    ax.set_xlabel("完成进度（%），竖线为按期应达进度", fontproperties=font)
    ax.set_title("主要目标完成进度", fontproperties=font, fontsize=12)
    _style(ax, font)
    return _png(fig)
