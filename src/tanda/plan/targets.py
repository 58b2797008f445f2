"""Quantitative targets and threshold rules. STUB: to be completed."""

from __future__ import annotations

from tanda.plan.model import Rule, Target


def find_targets(text: str) -> tuple[list[Target], list[Rule]]:
    return [], []
