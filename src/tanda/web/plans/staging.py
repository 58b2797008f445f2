"""Keep an uploaded plan file between its preview and its save: the plans' view of `core.staging`.

The shared module keeps the bytes on disk and the token, digest and the form's choices (region,
parent, published) in the session, so only the uploading session can save an unchanged file, and
removes saved, discarded and abandoned files. This adapter gives the plans' views typed choices.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.sessions.backends.base import SessionBase

from tanda.web.core import staging as core
from tanda.web.core.staging import MAX_AGE_SECONDS, sweep, upload_dir

__all__ = ["MAX_AGE_SECONDS", "SESSION_KEY", "StagedUpload", "discard", "load", "stage", "sweep", "upload_dir"]

SESSION_KEY = "tanda_uploads"


@dataclass
class StagedUpload:
    token: str
    name: str
    region: str
    parent: int | None
    published: bool
    sha256: str


def stage(
    session: SessionBase, data: bytes, *, name: str, region: str, parent: int | None, published: bool
) -> StagedUpload:
    """Write the bytes to a new file and remember them in the session; returns the staged upload."""
    choices = {"name": name, "region": region, "parent": parent, "published": published}
    staged = core.stage(session, SESSION_KEY, [data], choices)
    return StagedUpload(staged.token, **choices, sha256=staged.digests[0])


def load(session: SessionBase, token: str) -> tuple[StagedUpload, bytes] | None:
    """The staged upload and its bytes, or None if the token is not this session's or the file is gone or changed."""
    found = core.load_bytes(session, SESSION_KEY, token)
    if found is None:
        return None
    staged, (data,) = found
    return StagedUpload(staged.token, **staged.choices, sha256=staged.digests[0]), data


def discard(session: SessionBase, token: str) -> None:
    """Forget the upload and delete its file."""
    core.discard(session, SESSION_KEY, token)
