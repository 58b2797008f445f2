"""The shared staging of uploads (`tanda.web.core.staging`): one session's files, unchanged, removed when done."""

from __future__ import annotations

import hashlib
import os
import stat
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore

from tanda.web.core import staging

NS = "test_uploads"


@pytest.fixture
def session() -> SessionStore:
    return SessionStore()


def test_staged_files_are_private_and_load_back_with_their_choices(session, upload_dir):
    staged = staging.stage(session, NS, [b"first", [b"sec", b"ond"]], {"name": "a.csv", "year": 2024})
    assert staging.TOKEN.fullmatch(staged.token)
    assert stat.S_IMODE(upload_dir.stat().st_mode) == 0o700
    assert [stat.S_IMODE(p.stat().st_mode) for p in staged.paths] == [0o600, 0o600]
    assert staged.digests == [hashlib.sha256(b"first").hexdigest(), hashlib.sha256(b"second").hexdigest()]
    loaded = staging.load_bytes(session, NS, staged.token)
    assert loaded is not None and loaded[1] == [b"first", b"second"]
    assert loaded[0].choices == {"name": "a.csv", "year": 2024}
    assert staging.load(session, NS, staged.token).paths == staged.paths


def test_another_session_cannot_load_the_upload(session, upload_dir):
    staged = staging.stage(session, NS, [b"data"], {})
    other = SessionStore()
    assert staging.load(other, NS, staged.token) is None
    assert staging.load_bytes(other, NS, staged.token) is None
    staging.discard(other, NS, staged.token)  # nor discard it
    assert all(p.exists() for p in staged.paths) and staging.load(session, NS, staged.token) is not None


def test_another_namespace_and_malformed_tokens_are_refused(session, upload_dir):
    staged = staging.stage(session, NS, [b"data"], {})
    assert staging.load(session, "other_app", staged.token) is None
    session[NS] = {"../../etc/passwd": session[NS][staged.token], "short": session[NS][staged.token]}
    assert staging.load(session, NS, "../../etc/passwd") is None
    assert staging.load_bytes(session, NS, "short") is None


def test_a_tampered_or_missing_file_is_refused(session, upload_dir):
    staged = staging.stage(session, NS, [b"one", b"two"], {})
    staged.paths[1].write_bytes(b"TWO")
    assert staging.load(session, NS, staged.token) is None
    assert staging.load_bytes(session, NS, staged.token) is None
    staged.paths[1].unlink()
    assert staging.load(session, NS, staged.token) is None


def test_discard_removes_the_files_and_the_session_entry(session, upload_dir):
    kept = staging.stage(session, NS, [b"keep"], {})
    staged = staging.stage(session, NS, [b"one", b"two"], {})
    staging.discard(session, NS, staged.token)
    assert not any(p.exists() for p in staged.paths)
    assert list(session[NS]) == [kept.token]
    assert sorted(upload_dir.glob("*.upload")) == kept.paths
    assert staging.load(session, NS, staged.token) is None


def test_sweep_removes_files_older_than_a_day_and_keeps_fresh_ones(session, upload_dir):
    old = staging.stage(session, NS, [b"old"], {})
    fresh = staging.stage(session, NS, [b"fresh"], {})
    day_ago = time.time() - staging.MAX_AGE_SECONDS - 60
    os.utime(old.paths[0], (day_ago, day_ago))
    assert staging.sweep() == 1
    assert not old.paths[0].exists() and fresh.paths[0].exists()
    assert staging.load(session, NS, old.token) is None and staging.load(session, NS, fresh.token) is not None


def test_a_new_upload_sweeps_abandoned_ones(session, upload_dir):
    old = staging.stage(session, NS, [b"old"], {})
    day_ago = time.time() - staging.MAX_AGE_SECONDS - 60
    os.utime(old.paths[0], (day_ago, day_ago))
    staging.stage(SessionStore(), NS, [b"new"], {})
    assert not old.paths[0].exists()
