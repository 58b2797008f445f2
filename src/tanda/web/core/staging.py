"""Keep uploaded files between their preview and their save, for every app that imports files.

An import is shown before anything is stored, so the file has to wait somewhere between the two
requests. It waits on disk, not in the session: sessions live in the database, and a province's file
can be hundreds of MiB. Each upload gets a random token; its files are TANDA_HOME/uploads/<token>-<n>.upload
(mode 0600 in a 0700 folder), and the session holds, under the app's namespace, the token with the
form's choices (JSON-serialisable) and each file's sha256. So:

- only the session that uploaded can load an upload: a token must have the expected shape and be in
  that session (another session's token, or a guessed one, reads as "gone");
- a file that changed on disk after its upload is refused (its digest no longer matches);
- saved or abandoned uploads are removed: `discard` deletes the files and the session's entry, and
  `sweep` (run on each new upload) deletes files older than a day that nobody saved or discarded.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

MAX_AGE_SECONDS = 24 * 3600
TOKEN = re.compile(r"[A-Za-z0-9_-]{22,64}")
_BLOCK = 2**20

FileContent = bytes | Iterable[bytes]
"""A file to stage: its bytes, or its blocks (e.g. a Django upload's `chunks()`) for a large file."""


@dataclass(frozen=True)
class Staged:
    """One upload as the session remembers it: `paths[n]` holds the n-th file, whose digest is `digests[n]`."""

    token: str
    choices: dict[str, Any]
    digests: list[str]
    paths: list[Path]


def upload_dir() -> Path:
    """TANDA_HOME/uploads, created if need be and readable by this process's user only."""
    path = Path(settings.HOME) / "uploads"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o777 != 0o700:
        path.chmod(0o700)
    return path


def file_path(token: str, n: int) -> Path:
    return upload_dir() / f"{token}-{n}.upload"


def stage(session: SessionBase, namespace: str, files: Sequence[FileContent], choices: dict[str, Any]) -> Staged:
    """Write the files under a new token and remember them with `choices` in the session; returns the upload."""
    sweep()
    token = secrets.token_urlsafe(24)
    digests, paths = [], []
    try:
        for n, content in enumerate(files):
            path = file_path(token, n)
            paths.append(path)
            digests.append(_write(path, [content] if isinstance(content, bytes) else content))
    except BaseException:
        for path in paths:
            path.unlink(missing_ok=True)
        raise
    session[namespace] = {**session.get(namespace, {}), token: {"choices": choices, "sha256": digests}}
    return Staged(token, choices, digests, paths)


def _write(path: Path, blocks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never readable by others, not even briefly
    with os.fdopen(fd, "wb") as out:
        for block in blocks:
            digest.update(block)
            out.write(block)
    return digest.hexdigest()


def _entry(session: SessionBase, namespace: str, token: str) -> Staged | None:
    entry = session.get(namespace, {}).get(token) if TOKEN.fullmatch(token) else None
    if entry is None:
        return None
    digests = list(entry["sha256"])
    return Staged(token, dict(entry["choices"]), digests, [file_path(token, n) for n in range(len(digests))])


def load(session: SessionBase, namespace: str, token: str) -> Staged | None:
    """The upload if `token` is this session's and every file is still there unchanged, else None.

    For large files read from their paths: each file is hashed block by block here. The folder is
    this process's user's only, so a file checked here is the file the caller then reads.
    """
    staged = _entry(session, namespace, token)
    if staged is None:
        return None
    for path, expected in zip(staged.paths, staged.digests, strict=True):
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as fh:
                while block := fh.read(_BLOCK):
                    digest.update(block)
        except FileNotFoundError:
            return None
        if digest.hexdigest() != expected:
            return None
    return staged


def load_bytes(session: SessionBase, namespace: str, token: str) -> tuple[Staged, list[bytes]] | None:
    """Like `load`, with the files' bytes (read once; the digest is checked on exactly those bytes)."""
    staged = _entry(session, namespace, token)
    if staged is None:
        return None
    contents = []
    for path, expected in zip(staged.paths, staged.digests, strict=True):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        if hashlib.sha256(data).hexdigest() != expected:
            return None
        contents.append(data)
    return staged, contents


def discard(session: SessionBase, namespace: str, token: str) -> None:
    """Forget the upload and delete its files (nothing happens for a token this session does not hold)."""
    staged = _entry(session, namespace, token)
    if staged is None:
        return
    session[namespace] = {k: v for k, v in session.get(namespace, {}).items() if k != token}
    for path in staged.paths:
        path.unlink(missing_ok=True)


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
