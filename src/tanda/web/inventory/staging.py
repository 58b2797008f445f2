"""Keep uploaded activity files between the preview and the save.

Like the plans' upload: the bytes wait in TANDA_HOME/uploads/inventory-<token>-<n>.upload, the
session holds the token with the form's choices and each file's digest, and only the session that
uploaded may save. Abandoned files are swept after a day.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

from tanda.web.inventory.intake import Upload

SESSION_KEY = "tanda_inventory_uploads"
MAX_AGE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22,64}")


@dataclass
class Staged:
    token: str
    region: str
    factor_set: str
    use_overrides: bool
    grid: str
    year: int | None
    note: str
    names: list[str] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)


def upload_dir() -> Path:
    path = Path(settings.HOME) / "uploads"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _path(token: str, n: int) -> Path:
    return upload_dir() / f"inventory-{token}-{n}.upload"


def stage(session: SessionBase, uploads: list[Upload], **choices: object) -> Staged:
    sweep()
    token = secrets.token_urlsafe(24)
    staged = Staged(token=token, **choices)  # type: ignore[arg-type]
    for n, upload in enumerate(uploads):
        path = _path(token, n)
        path.write_bytes(upload.data)
        path.chmod(0o600)
        staged.names.append(upload.name)
        staged.digests.append(hashlib.sha256(upload.data).hexdigest())
    session[SESSION_KEY] = {**session.get(SESSION_KEY, {}), token: asdict(staged)}
    return staged


def load(session: SessionBase, token: str) -> tuple[Staged, list[Upload]] | None:
    entry = session.get(SESSION_KEY, {}).get(token) if _TOKEN.fullmatch(token) else None
    if entry is None:
        return None
    staged = Staged(**entry)
    uploads = []
    for n, (name, digest) in enumerate(zip(staged.names, staged.digests, strict=True)):
        try:
            data = _path(token, n).read_bytes()
        except FileNotFoundError:
            return None
        if hashlib.sha256(data).hexdigest() != digest:
            return None
        uploads.append(Upload(name, data))
    return staged, uploads


def discard(session: SessionBase, token: str) -> None:
    entries = dict(session.get(SESSION_KEY, {}))
    entry = entries.pop(token, None)
    if entry is not None:
        session[SESSION_KEY] = entries
        for n in range(len(entry.get("names", []))):
            _path(token, n).unlink(missing_ok=True)


def sweep(max_age: float = MAX_AGE_SECONDS) -> int:
    cutoff = time.time() - max_age
    removed = 0
    for path in upload_dir().glob("inventory-*.upload"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
