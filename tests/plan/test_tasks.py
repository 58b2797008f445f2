"""Tasks and their departments: which numbered items are tasks, and the score on the five seed plans."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from tanda.plan import parse_text
from tanda.plan.structure import find_sections
from tanda.plan.tasks import find_tasks

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "gold"
MIN_F1 = 0.95

PLAN = """某市碳达峰实施方案
一、总体要求
（一）指导思想。坚持系统观念。
（二）主要目标。到2025年，非化石能源消费比重达到20%。
二、重点任务
（一）能源绿色低碳转型行动。制定能源领域方案。
1.大力发展新能源。推动风电发展。（市能源局、市发展改革委按职责分工负责，各县（市、区）政府负责落实。以下均需各县（市、区）政府落实，不再列出）
2.严格控制煤炭消费。合理控制煤电规模。（市发展改革委负责）
（二）节能降碳增效行动
1.全面加强节能管理。（1）强化节能审查。（2）加强监测。
(市发展改革委、市工业和信息化局)
专栏1 重点工程
（一）节能改造工程。改造锅炉。（市住房城乡建设局负责）
三、保障措施
（一）完善政策。加大支持力度。（市财政局、市税务局按职责分工负责）
（二）加强宣传。营造良好氛围。
"""


def test_tasks_are_the_smallest_numbered_items_outside_the_preamble():
    tasks = find_tasks(PLAN, find_sections(PLAN))
    assert [t.section for t in tasks] == [
        "二、重点任务 > （一）能源绿色低碳转型行动 > 1.大力发展新能源",
        "二、重点任务 > （一）能源绿色低碳转型行动 > 2.严格控制煤炭消费",
        "二、重点任务 > （二）节能降碳增效行动 > 1.全面加强节能管理",
        "三、保障措施 > （一）完善政策",
        "三、保障措施 > （二）加强宣传",
    ]
    assert [t.title for t in tasks][:2] == ["大力发展新能源", "严格控制煤炭消费"]


def test_task_fields_and_offsets():
    tasks = find_tasks(PLAN, find_sections(PLAN))
    first = tasks[0]
    assert first.departments == ["市能源局", "市发展改革委"]
    assert first.lead == "市能源局"
    assert first.implementers == ["各县（市、区）政府"]
    assert first.clause is not None and first.clause.startswith("（市能源局") and first.clause.endswith("不再列出）")
    assert PLAN[first.start : first.end] == first.text
    assert first.text.startswith("1.大力发展新能源。") and first.text.endswith(first.clause)


def test_implementers_named_for_all_later_tasks_are_carried():
    tasks = find_tasks(PLAN, find_sections(PLAN))
    assert [t.implementers for t in tasks[1:4]] == [["各县（市、区）政府"]] * 3
    assert tasks[1].departments == ["市发展改革委"]


def test_points_belong_to_their_task_and_a_box_ends_it():
    tasks = find_tasks(PLAN, find_sections(PLAN))
    saving = tasks[2]
    assert saving.departments == ["市发展改革委", "市工业和信息化局"]
    assert "（2）加强监测" in saving.text
    assert "专栏" not in saving.text
    assert tasks[4].departments == [] and tasks[4].clause is None


def test_points_with_their_own_clauses_are_tasks():
    text = "一、重点任务\n1.推进节能。\n（1）强化审查。（市发展改革委负责）\n（2）加强监测。（市统计局负责）\n"
    tasks = find_tasks(text, find_sections(text))
    assert [(t.title, t.departments) for t in tasks] == [("强化审查", ["市发展改革委"]), ("加强监测", ["市统计局"])]


def test_a_plan_without_clauses_still_lists_its_tasks():
    text = (
        "一、总体要求\n（一）指导思想。坚持。\n"
        "二、生产体系\n（三）加快工业绿色生产。推动改造。\n（四）推进农业绿色发展。\n"
    )
    tasks = find_tasks(text, find_sections(text))
    assert [t.title for t in tasks] == ["加快工业绿色生产", "推进农业绿色发展"]
    assert all(t.departments == [] for t in tasks)


def _bigrams(s: str) -> set[str]:
    s = (s or "").replace(" ", "")
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


def _dice(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


def _clean(name: str) -> str:
    return (name or "").strip().strip("，,。;；").replace(" ", "")


def _score(gold: list[dict], predicted: list[dict]) -> tuple[int, int, int, int]:
    """The seed scorer's rule: titles matched by bigram Dice >= 0.6, departments right as written or normalised."""
    predicted = [p for p in predicted if p["departments"]]
    pairs = sorted(
        ((_dice(p["title"], g["title"]), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)),
        reverse=True,
    )
    match: dict[int, int] = {}
    for d, i, j in pairs:
        if d >= 0.6 and i not in match and j not in match.values():
            match[i] = j
    tp = fp = fn = 0
    for i, g in enumerate(gold):
        written = [_clean(x) for x in g["departments"]]
        normal = [_clean(x) for x in g.get("departments_normalized") or []] or written
        units = (
            [{w, n} for w, n in zip(written, normal, strict=True)]
            if len(written) == len(normal)
            else [{n} for n in normal]
        )
        optional = {_clean(x) for x in g.get("implementers") or []}
        if i not in match:
            fn += len(units)
            continue
        for name in map(_clean, predicted[match[i]]["departments"]):
            k = next((k for k, names in enumerate(units) if name in names), None)
            if k is not None:
                tp += 1
                units.pop(k)
            elif name not in optional:
                fp += 1
        fn += len(units)
    fp += sum(len(p["departments"]) for j, p in enumerate(predicted) if j not in match.values())
    return tp, fp, fn, len(match)


def test_seed_plans_departments_f1():
    assert GOLD.is_dir(), f"gold annotations not found at {GOLD} (expected ../shared/gold next to the repository)"
    gold_files = sorted(GOLD.glob("*.tasks.json"))
    assert len(gold_files) >= 3, f"no *.tasks.json gold files in {GOLD}"
    seeds = resources.files("tanda.data.seeds")
    tp = fp = fn = matched = total = 0
    for gold_file in gold_files:
        name = gold_file.name.removesuffix(".tasks.json")
        text = seeds.joinpath(f"{name}.txt").read_text(encoding="utf-8")
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        predicted = parse_text(text).to_dict()["tasks"]
        a, b, c, m = _score(gold, predicted)
        tp, fp, fn, matched, total = tp + a, fp + b, fn + c, matched + m, total + len(gold)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= MIN_F1, f"departments F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f})"
    assert matched == total, f"{matched} of {total} gold tasks matched"


def test_a_clause_after_each_sentence_all_count_in_written_order():
    text = (
        "二、工作任务\n"
        "1.淘汰落后产能。制定淘汰计划。〔市工业和信息化局牵头，市发展改革委、自然资源局参与，各县（区）政府负责落实。"
        "以下各项工作均需各县（区）政府落实，不再列出。〕严格执行产能置换。（市发展改革委、市场监管局牵头，市生态环境局参与）\n"
        "2.整治工业炉窑。开展排查。（市生态环境局负责）\n"
    )
    tasks = find_tasks(text, find_sections(text))
    first, second = tasks
    assert first.departments == ["市工业和信息化局", "市发展改革委", "自然资源局", "市场监管局", "市生态环境局"]
    assert first.lead == "市工业和信息化局"
    assert first.clause == "（市发展改革委、市场监管局牵头，市生态环境局参与）"
    assert first.implementers == ["各县（区）政府"]
    assert second.departments == ["市生态环境局"] and second.implementers == ["各县（区）政府"]


def test_brackets_inside_a_paragraph_that_do_not_assign_work_are_not_clauses():
    text = (
        "一、重点任务\n"
        "1.推进锅炉改造。推动35蒸吨以上燃煤锅炉（含自备电厂）改造。支持市属企业（市国资委、市财政局）试点。"
        "（市生态环境局负责）\n"
    )
    (task,) = find_tasks(text, find_sections(text))
    assert task.departments == ["市生态环境局"]


def test_goal_requirements_are_preamble_not_a_task():
    text = "一、目标要求\n到2025年，空气质量优良天数比例达到90%。\n二、工作任务\n1.调整结构。（市发展改革委负责）\n"
    assert [t.title for t in find_tasks(text, find_sections(text))] == ["调整结构"]


def test_review_sections_hold_no_targets_and_the_issue_date_dates_bare_years():
    text = (
        "某市节能降碳行动方案\n"
        "一、发展基础\n"
        "全市森林覆盖率达到41%，单位产值能耗累计下降16%。\n"
        "二、主要目标\n"
        "2024年，单位产值能耗下降3%左右。到2025年，森林覆盖率达到43%。\n"
        "某市人民政府\n"
        "2024年3月1日\n"
    )
    plan = parse_text(text)
    assert plan.date == "2024-03-01"
    assert [(t.value, t.year) for t in plan.targets] == [(3, 2024), (43, 2025)]
