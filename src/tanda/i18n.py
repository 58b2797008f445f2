"""Messages of the domain packages in the user's language, without Django.

The web app is Chinese first, but row-level import errors are written by plain-Python packages
(`tanda.enterprises`) that must run from the command line too. They mark their messages with `_`;
the language is a context variable, so one web request (or one CLI run) chooses it for everything
it calls, and code that never chooses one gets the English msgid unchanged.

The catalogue is ``locale/zh_Hans/LC_MESSAGES/tanda.po``, compiled to ``tanda.mo`` beside it
(`msgfmt -o tanda.mo tanda.po`; a test checks the two agree).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import cache
from pathlib import Path

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "_",
    "get_language",
    "normalize_language",
    "reset_language",
    "set_language",
    "use_language",
]

DOMAIN = "tanda"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENGLISH = "en"
CHINESE = "zh_Hans"  # the only catalogue: every Chinese variant reads Simplified Chinese

_language: ContextVar[str] = ContextVar("tanda_language", default=ENGLISH)


def normalize_language(code: str | None) -> str:
    """``zh_Hans`` for any Chinese code (zh, zh-hans, zh_Hans, zh-cn …), else ``en``."""
    text = str(code or "").strip().lower().replace("_", "-")
    return CHINESE if text == "zh" or text.startswith("zh-") else ENGLISH


def get_language() -> str:
    return _language.get()


def set_language(code: str | None) -> Token[str]:
    """Choose the language for this context; pass the token to `reset_language` to undo."""
    return _language.set(normalize_language(code))


def reset_language(token: Token[str]) -> None:
    _language.reset(token)


@contextmanager
def use_language(code: str | None) -> Iterator[None]:
    """Messages made inside the block are in `code`'s language."""
    token = set_language(code)
    try:
        yield
    finally:
        _language.reset(token)


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def _(msgid: str) -> str:
    """The translation of `msgid` in the current language; the msgid itself in English.

    Messages are format strings with named fields (``_("{code} is …").format(code=code)``), so
    a translation may put the fields in its own order; never build a msgid from pieces.
    """
    language = _language.get()
    if language == ENGLISH:
        return msgid
    return _catalogue(language).gettext(msgid)
