"""A small plan text and a parse of it that the tests decide, with offsets computed from the text.

The real parser is being built in parallel, so upload tests replace `parse_text` (as the web's intake
calls it) by `fake_parse`; the web layer is tested against the plan model, not parser quality.
"""

from __future__ import annotations

from tanda.plan import ParsedPlan, Section, Target, Task

PASSWORD = "correct horse battery staple"

SAMPLE_TEXT = """某市碳达峰实施方案

一、主要目标
到2025年，单位地区生产总值能源消耗比2020年下降13.5%，非化石能源消费比重达到20%左右。

二、重点任务
（一）推进煤炭消费替代和转型升级。严格合理控制煤炭消费增长。（市发展改革委牵头，市能源局、市工业和信息化局配合；各县（市、区）政府负责落实）
"""

ENERGY_QUOTE = "单位地区生产总值能源消耗比2020年下降13.5%"
SHARE_QUOTE = "非化石能源消费比重达到20%左右"
TASK_TITLE = "推进煤炭消费替代和转型升级"


def fake_parse(text: str) -> ParsedPlan:
    """A parse of SAMPLE_TEXT-like texts: two targets, one task with three departments."""

    def span(quote: str) -> tuple[int, int]:
        start = text.index(quote)
        return start, start + len(quote)

    goals, tasks_heading = text.index("一、主要目标"), text.index("二、重点任务")
    task_start = text.index("（一）推进煤炭")
    task_end = text.index("\n", task_start)
    task_path = f"二、重点任务 > （一）{TASK_TITLE}"
    return ParsedPlan(
        title=text.strip().splitlines()[0],
        doc_number="某政发〔2024〕1号",
        issuer="某市人民政府",
        date="2024-03-01",
        sections=[
            Section("一、主要目标", "主要目标", 1, "一、", goals, tasks_heading),
            Section("二、重点任务", "重点任务", 1, "二、", tasks_heading, len(text)),
            Section(task_path, TASK_TITLE, 2, "（一）", task_start, task_end),
        ],
        tasks=[
            Task(
                section=task_path,
                title=TASK_TITLE,
                text="严格合理控制煤炭消费增长。",
                departments=["市发展改革委", "市能源局", "市工业和信息化局"],
                lead="市发展改革委",
                implementers=["各县（市、区）政府"],
                clause="市发展改革委牵头，市能源局、市工业和信息化局配合",
                start=task_start,
                end=task_end,
            )
        ],
        targets=[
            Target(
                "单位地区生产总值能源消耗",
                13.5,
                "%",
                2025,
                "reduction",
                ENERGY_QUOTE,
                baseline_year=2020,
                section="一、主要目标",
                start=span(ENERGY_QUOTE)[0],
                end=span(ENERGY_QUOTE)[1],
            ),
            Target(
                "非化石能源消费比重",
                20.0,
                "%",
                2025,
                "level",
                SHARE_QUOTE,
                qualifier="左右",
                section="一、主要目标",
                start=span(SHARE_QUOTE)[0],
                end=span(SHARE_QUOTE)[1],
            ),
        ],
    )
