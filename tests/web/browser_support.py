"""Helpers of the browser tests (the `open_page` fixture in conftest.py opens the Chromium page)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from playwright.sync_api import Page

SHOTS = Path("/tmp")  # screenshots go here for a person to look at


def sign_in(page: Page, base_url: str, username: str, password: str, next: str | None = None) -> None:
    """Sign in through the login form, as a person would; `next` is where the site sends the user afterwards."""
    query = f"?next={quote(next, safe='/')}" if next else ""
    page.goto(f"{base_url}/accounts/login/{query}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.form button[type=submit]")
