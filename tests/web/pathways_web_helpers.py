"""Helpers of the pathways web tests: the demo scenarios, the editor form as a browser posts it, page data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

from tanda.web.pathways.demo import load_demo
from tanda.web.pathways.models import Scenario


def store_demo() -> dict[str, Scenario]:
    """The three Jilin scenarios as the demo stores them, by name."""
    load_demo()
    return {s.name: s for s in Scenario.objects.filter(region_id="220000")}


class _FormFields(HTMLParser):
    """The successful controls of one form, as a browser would submit them (no JavaScript needed)."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.fields[name] = a.get("value") or "on"
            elif a.get("type") not in ("submit", "button", "file"):
                self.fields[name] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value") or ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self.inside = False


def form_fields(html: str, form_id: str = "pw-form") -> dict[str, str]:
    parser = _FormFields(form_id)
    parser.feed(html)
    return dict(parser.fields)


def charts(html: str, element_id: str = "pw-charts") -> dict[str, Any]:
    """The JSON a page hands to its charts (json_script)."""
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, f"no #{element_id} data on the page"
    return json.loads(found.group(1))


def text_of(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)<', html, re.S)
    assert found, f"no #{element_id} on the page"
    return found.group(1).strip()
