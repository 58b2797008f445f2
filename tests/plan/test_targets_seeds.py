"""find_targets on the five seed plans, scored against the hand-made gold the way the project scorer does.

The gold lives beside the clone in `../shared/gold` (CI has it there too). A prediction matches a gold
target when value, unit and year agree and the two quotes overlap in the text; restating a matched
target is a duplicate, not an error; borderline gold items are optional; threshold rules are not
targets.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pytest

from tanda.plan.model import Target
from tanda.plan.targets import find_targets

GOLD_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "gold"
MIN_F1 = 0.95


def gold_dir() -> Path:
    """The gold folder; a missing one is an error of the checkout, so the test fails instead of skipping."""
    if not GOLD_DIR.is_dir() or not list(GOLD_DIR.glob("*.targets.json")):
        pytest.fail(f"gold annotations not found in {GOLD_DIR} (expected ../shared/gold beside the repository)")
    return GOLD_DIR


def seed_text(name: str) -> str:
    raw = (resources.files("tanda.data.seeds") / f"{name}.txt").read_text(encoding="utf-8")
    return raw.split("\n", 1)[1] if raw.startswith("# source:") else raw


def spans(text: str, quote: str) -> list[tuple[int, int]]:
    found, start = [], 0
    while quote:
        index = text.find(quote, start)
        if index < 0:
            break
        found.append((index, index + len(quote)))
        start = index + 1
    return found


def overlap(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> bool:
    return any(a < d and c < b for a, b in first for c, d in second)


def same_key(pred: Target, gold: dict) -> bool:
    if pred.value is None or gold["value"] is None:
        same_value = pred.value is None and gold["value"] is None
    else:
        same_value = math.isclose(pred.value, float(gold["value"]), rel_tol=1e-6, abs_tol=1e-9)
    same_unit = (pred.unit or "").replace("％", "%") == (gold["unit"] or "").replace("％", "%")
    return same_value and same_unit and pred.year == gold["year"]


def dice(first: str, second: str) -> float:
    a = {first[i : i + 2] for i in range(len(first) - 1)} or {first}
    b = {second[i : i + 2] for i in range(len(second) - 1)} or {second}
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass
class Score:
    gold: int = 0
    tp: int = 0
    fp: int = 0
    kind_ok: int = 0
    baseline_ok: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / self.gold if self.gold else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(text: str, gold_items: list[dict], predicted: list[Target], total: Score) -> None:
    items = [g for g in gold_items if g.get("kind") != "rule" and g.get("category", "target") != "rule"]
    optional = [g for g in items if g.get("borderline")]
    required = [g for g in items if not g.get("borderline")]
    gold_spans = [spans(text, g["quote"]) for g in required]
    matched: list[Target | None] = [None] * len(required)
    for pred in predicted:
        pred_spans = spans(text, pred.quote)
        hit = next(
            (
                i
                for i, g in enumerate(required)
                if matched[i] is None and same_key(pred, g) and overlap(pred_spans, gold_spans[i])
            ),
            None,
        )
        if hit is not None:
            matched[hit] = pred
            total.tp += 1
            total.kind_ok += pred.kind == required[hit]["kind"]
            total.baseline_ok += pred.baseline_year == required[hit]["baseline_year"]
        elif any(
            m is not None and same_key(pred, g) and dice(pred.indicator, g["indicator"]) >= 0.5
            for g, m in zip(required, matched, strict=True)
        ):
            continue  # a restatement of a matched target
        elif any(same_key(pred, o) and overlap(pred_spans, spans(text, o["quote"])) for o in optional):
            continue  # an optional (borderline) item
        else:
            total.fp += 1
            total.wrong.append(pred.quote)
    total.gold += len(required)
    total.missed += [g["quote"] for g, m in zip(required, matched, strict=True) if m is None]


def test_seed_plans_against_the_gold():
    total = Score()
    gold_files = sorted(gold_dir().glob("*.targets.json"))
    for gold_file in gold_files:
        name = gold_file.name.split(".")[0]
        text = seed_text(name)
        found, _ = find_targets(text)
        for target in found:
            assert target.quote == text[target.start : target.end]
        score(text, json.loads(gold_file.read_text(encoding="utf-8")), found, total)
    assert total.gold > 90, "the gold files look truncated"
    detail = f"missed {total.missed[:5]}, false {total.wrong[:5]}"
    assert total.f1 >= MIN_F1, f"targets F1 {total.f1:.3f} < {MIN_F1}: {detail}"
    assert total.kind_ok / total.tp >= 0.95, detail
    assert total.baseline_ok / total.tp >= 0.95, detail
