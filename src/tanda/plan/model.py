"""The structure of a parsed plan document, independent of storage.

Offsets (`start`, `end`) index the text the parser was given, so that every quote can be found
and highlighted in the source.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

TargetKind = Literal["level", "reduction", "increase", "cap", "floor"]
Qualifier = Literal["左右", "以上", "以内", "以下", "力争"]


@dataclass
class Section:
    path: str  # "三、重点任务 > （一）能源绿色低碳转型行动"
    title: str  # "能源绿色低碳转型行动" (numbering stripped)
    level: int  # 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）
    number: str = ""  # the numbering as written: "（一）"
    start: int = 0  # offset of the heading
    end: int = 0  # offset where the section's text ends (next heading of the same or higher level)


@dataclass
class Task:
    section: str  # path of the section the task is
    title: str
    text: str
    departments: list[str] = field(default_factory=list)  # responsible units in written order
    lead: str | None = None
    implementers: list[str] = field(default_factory=list)  # generic ones: 各市、县级政府, 各有关部门
    clause: str | None = None  # the responsibility clause exactly as written
    start: int = 0
    end: int = 0


@dataclass
class Target:
    indicator: str
    value: float | None
    unit: str
    year: int | None
    kind: TargetKind
    quote: str
    baseline_year: int | None = None
    qualifier: str | None = None
    masked: bool = False
    section: str = ""
    start: int = 0
    end: int = 0


@dataclass
class Rule:
    text: str
    quote: str
    section: str = ""
    start: int = 0
    end: int = 0


@dataclass
class ParsedPlan:
    title: str
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None  # ISO date
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
