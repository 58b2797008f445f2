"""Short shareable codes that reproduce a scenario.

A code is the scenario's canonical form (its validated document with inheritance resolved, fields
in schema order, mappings in the document's order, which is meaningful for sectors, defaults left
out, compact JSON), compressed with zlib and written in URL-safe base64
behind a version prefix: `tp1.` + payload. Decoding validates the document again, so a code is
exactly as trustworthy as a file. `digest` is a short hash of the same canonical form, to name a
stored scenario or to check that two codes mean the same scenario.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zlib
from typing import Any

from tanda.pathways.errors import PathwayInputError
from tanda.pathways.scenario import Scenario, validate

PREFIX = "tp1."


def canonical(scenario: Scenario) -> bytes:
    doc: Any = scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def encode(scenario: Scenario) -> str:
    payload = zlib.compress(canonical(scenario), level=9)
    return PREFIX + base64.urlsafe_b64encode(payload).decode("ascii").rstrip("=")


def is_code(text: str) -> bool:
    return text.startswith(PREFIX)


def decode(code: str) -> Scenario:
    if not is_code(code):
        raise PathwayInputError("code", f"not a scenario code (they start with {PREFIX!r})")
    body = code[len(PREFIX) :].strip()
    try:
        raw = zlib.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        doc = json.loads(raw.decode("utf-8"))
    except (binascii.Error, zlib.error, UnicodeDecodeError, json.JSONDecodeError, ValueError):
        raise PathwayInputError("code", "damaged or truncated scenario code") from None
    return validate(doc, source="code")


def digest(scenario: Scenario, length: int = 12) -> str:
    return hashlib.sha256(canonical(scenario)).hexdigest()[:length]
