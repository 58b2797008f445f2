"""Keep uploaded activity files between the preview and the save: the inventory's view of `core.staging`.

The shared module keeps the files on disk and the token, each file's digest and the form's choices in
the session, so only the uploading session can save unchanged files, and removes saved, discarded and
abandoned files. This adapter gives the inventory's views typed choices and `Upload`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.sessions.backends.base import SessionBase

from tanda.web.core import staging as core
from tanda.web.core.staging import MAX_AGE_SECONDS, sweep, upload_dir
from tanda.web.inventory.intake import Upload

__all__ = ["MAX_AGE_SECONDS", "SESSION_KEY", "Staged", "discard", "load", "stage", "sweep", "upload_dir"]

SESSION_KEY = "tanda_inventory_uploads"


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


def stage(session: SessionBase, uploads: list[Upload], **choices: object) -> Staged:
    """Write the files under a new token and remember them and the form's choices in the session."""
    names = [upload.name for upload in uploads]
    staged = core.stage(session, SESSION_KEY, [upload.data for upload in uploads], {**choices, "names": names})
    return _typed(staged)


def load(session: SessionBase, token: str) -> tuple[Staged, list[Upload]] | None:
    """The staged choices and files, or None if the token is not this session's or a file is gone or changed."""
    found = core.load_bytes(session, SESSION_KEY, token)
    if found is None:
        return None
    staged, contents = found
    typed = _typed(staged)
    return typed, [Upload(name, data) for name, data in zip(typed.names, contents, strict=True)]


def discard(session: SessionBase, token: str) -> None:
    """Forget the upload and delete its files."""
    core.discard(session, SESSION_KEY, token)


def _typed(staged: core.Staged) -> Staged:
    return Staged(token=staged.token, **staged.choices, digests=list(staged.digests))
