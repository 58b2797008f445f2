"""Headings and the section tree of a plan. STUB: to be completed."""

from __future__ import annotations

from dataclasses import dataclass

from tanda.plan.model import Section


@dataclass
class Header:
    title: str
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None


def find_header(text: str) -> Header:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return Header(title=first[:200])


def find_sections(text: str) -> list[Section]:
    return []
