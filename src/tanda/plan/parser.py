"""Assemble a ParsedPlan from the structure, tasks and targets found in one text."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from tanda.plan.errors import PlanInputError
from tanda.plan.model import ParsedPlan, Section
from tanda.plan.reading import read_document
from tanda.plan.structure import find_header, find_sections
from tanda.plan.targets import find_targets
from tanda.plan.targets_time import is_review_title
from tanda.plan.tasks import find_tasks


def section_at(sections: list[Section], offset: int) -> str:
    """Path of the innermost section whose heading precedes `offset` ("" before the first)."""
    starts = [s.start for s in sections]
    i = bisect_right(starts, offset) - 1
    while i >= 0:
        if sections[i].start <= offset < max(sections[i].end, sections[i].start + 1) or sections[i].end == 0:
            return sections[i].path
        i -= 1
    return ""


def parse_text(text: str) -> ParsedPlan:
    """Parse a plan document's text; never raises on any string."""
    header = find_header(text)
    sections = find_sections(text)
    tasks = find_tasks(text, sections)
    review = [(s.start, s.end) for s in sections if is_review_title(s.title)]
    issued = int(header.date[:4]) if header.date else None
    targets, rules = find_targets(text, issued_year=issued, review=review)
    for item in (*targets, *rules):
        item.section = section_at(sections, item.start)
    return ParsedPlan(
        title=header.title,
        doc_number=header.doc_number,
        issuer=header.issuer,
        date=header.date,
        sections=sections,
        tasks=tasks,
        targets=targets,
        rules=rules,
    )


def parse_file(path: str | Path, *, require_structure: bool = False) -> ParsedPlan:
    """Read and parse a .txt/.docx/.pdf file; PlanInputError names what is wrong with it."""
    text = read_document(Path(path))
    plan = parse_text(text)
    if require_structure:
        check_structure(plan, str(path))
    return plan


def check_structure(plan: ParsedPlan, where: str) -> None:
    """Refuse a document with no headings, tasks or targets: it is not a plan."""
    if not plan.sections and not plan.targets and not plan.tasks:
        raise PlanInputError(
            f"{where}: no plan structure found (no numbered headings such as 一、/（一）, no tasks, no targets)"
        )
