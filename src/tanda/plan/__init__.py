"""Policy text → structured plan: sections, tasks with responsible departments, targets, rules."""

from tanda.plan.errors import PlanInputError
from tanda.plan.model import ParsedPlan, Rule, Section, Target, Task
from tanda.plan.parser import check_structure, parse_file, parse_text
from tanda.plan.reading import read_bytes, read_document

__all__ = [
    "ParsedPlan",
    "PlanInputError",
    "Rule",
    "Section",
    "Target",
    "Task",
    "check_structure",
    "parse_file",
    "parse_text",
    "read_bytes",
    "read_document",
]
