"""Fixtures of the web tests: regions, one user per role, and plans whose parse the test decides."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.contrib.auth import get_user_model
from web_samples import PASSWORD, SAMPLE_TEXT, fake_parse

from tanda.web.core.models import Profile, Region
from tanda.web.core.reference import sync_regions
from tanda.web.plans.models import Plan
from tanda.web.plans.store import store_plan

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> None:
    """Insert the regions once per test database; each test's rollback then keeps them."""
    with django_db_blocker.unblock():
        sync_regions()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """Real hashing costs ~0.3 s per user; these tests are not about password strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def forget_kept_energy() -> None:
    """Each test's rollback can give the next test the same ids, hence the same data version."""
    from tanda.web.enterprises import energy_cache

    energy_cache.clear()


@pytest.fixture
def regions(db) -> None:
    sync_regions()  # a no-op unless a transactional test has flushed the tables


@pytest.fixture
def make_user(regions) -> Callable[..., object]:
    def make(username: str, role: str = Profile.Role.VIEWER, region: str | None = None):
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        if role == Profile.Role.ADMIN:
            user.is_staff = user.is_superuser = True
            user.save()
        Profile.objects.create(user=user, role=role, region_id=region)
        return user

    return make


@pytest.fixture
def jilin_office(make_user):
    return make_user("jilin-office", Profile.Role.OFFICE, "220000")


@pytest.fixture
def meihekou_office(make_user):
    return make_user("meihekou-office", Profile.Role.OFFICE, "220581")


@pytest.fixture
def viewer(make_user):
    return make_user("viewer")


@pytest.fixture
def make_plan(regions) -> Callable[..., Plan]:
    """Store a plan of SAMPLE_TEXT (made unique per call) for a region, as an upload would."""
    counter = iter(range(1, 1000))

    def make(region: str = "220000", *, published: bool = True, title: str = "", text: str = SAMPLE_TEXT) -> Plan:
        n = next(counter)
        text = text.replace("某市碳达峰实施方案", title or f"某市碳达峰实施方案（第{n}号）", 1)
        data = text.encode("utf-8")
        return store_plan(
            fake_parse(text),
            region=Region.objects.get(code=region),
            source_name=f"plan-{n}.txt",
            source_file=data,
            source_text=text,
            published=published,
        )

    return make


@pytest.fixture
def use_fake_parser(monkeypatch) -> None:
    monkeypatch.setattr("tanda.web.plans.intake.parse_text", fake_parse)


@pytest.fixture
def upload_dir(settings, tmp_path):
    """A fresh TANDA_HOME for the staged uploads, so a test sees only its own files."""
    settings.HOME = tmp_path
    return tmp_path / "uploads"


@pytest.fixture
def password() -> str:
    """The password `make_user` gives every user (for tests that sign in through the form)."""
    return PASSWORD


@pytest.fixture
def open_page() -> Iterator[Callable[..., Page]]:
    """Opens zh-CN pages in Debian's headless Chromium (never a downloaded browser): `open_page()`, or
    `open_page(viewport={"width": 1400, "height": 1000})`; 1360×900 unless told. Fails, never skips, when
    /usr/bin/chromium is missing. The browser starts at the first page and closes after the test."""
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk"
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test are safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with ExitStack() as stack:
        browsers: list[Browser] = []

        def open_(viewport: dict[str, int] | None = None) -> Page:
            if not browsers:
                p = stack.enter_context(sync_playwright())
                browsers.append(p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS))
                stack.callback(browsers[0].close)
            context = browsers[0].new_context(locale="zh-CN", viewport=viewport or {"width": 1360, "height": 900})
            page = context.new_page()
            page.set_default_timeout(15_000)
            return page

        yield open_
