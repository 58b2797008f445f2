"""Keep an uploaded file between its preview and its save.

The bytes wait in TANDA_HOME/uploads/<token>.upload, and the session holds the token with what the
form said (region, parent, published) and the file's digest. Only the session that uploaded a file
can save it: a token is random, must have the expected shape, and must be in that session, and the
digest must still match. Files are removed when saved or discarded, and abandoned ones after a day.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

SESSION_KEY = "tanda_uploads"
MAX_AGE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22,64}")


@dataclass
class StagedUpload:
    token: str
    name: str
    region: str
    parent: int | None
    published: bool
    sha256: str


def upload_dir() -> Path:
    path = Path(settings.HOME) / "uploads"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _path(token: str) -> Path:
    return upload_dir() / f"{token}.upload"


def stage(
    session: SessionBase, data: bytes, *, name: str, region: str, parent: int | None, published: bool
) -> StagedUpload:
    """Write the bytes to a new file and remember them in the session; returns the staged upload."""
    sweep()
    token = secrets.token_urlsafe(24)
    path = _path(token)
    path.write_bytes(data)
    path.chmod(0o600)
    staged = StagedUpload(token, name, region, parent, published, hashlib.sha256(data).hexdigest())
    session[SESSION_KEY] = {**session.get(SESSION_KEY, {}), token: asdict(staged)}
    return staged


def load(session: SessionBase, token: str) -> tuple[StagedUpload, bytes] | None:
    """The staged upload and its bytes, or None if the token is not this session's or the file is gone."""
    entry = session.get(SESSION_KEY, {}).get(token) if _TOKEN.fullmatch(token) else None
    if entry is None:
        return None
    staged = StagedUpload(**entry)
    try:
        data = _path(token).read_bytes()
    except FileNotFoundError:
        return None
    if hashlib.sha256(data).hexdigest() != staged.sha256:
        return None
    return staged, data


def discard(session: SessionBase, token: str) -> None:
    """Forget the upload and delete its file."""
    entries = dict(session.get(SESSION_KEY, {}))
    if entries.pop(token, None) is not None:
        session[SESSION_KEY] = entries
        _path(token).unlink(missing_ok=True)


def sweep(max_age: float = MAX_AGE_SECONDS) -> int:
    """Delete staged files older than `max_age` seconds (previews nobody saved); returns how many."""
    cutoff = time.time() - max_age
    removed = 0
    for path in upload_dir().glob("*.upload"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
