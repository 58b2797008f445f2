"""Django settings: SQLite in TANDA_HOME by default, PostgreSQL through DATABASE_URL."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

from tanda import config
from tanda.web.features import FEATURE_APPS

PACKAGE_DIR = Path(__file__).resolve().parent
HOME = config.home()


def _secret_key() -> str:
    """A per-installation key kept in TANDA_HOME, unless TANDA_SECRET_KEY is set."""
    if key := os.environ.get("TANDA_SECRET_KEY"):
        return key
    path = HOME / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("TANDA_DEBUG") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("TANDA_ALLOWED_HOSTS", "*").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("TANDA_CSRF_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "tanda.web.core",
    *(f"tanda.web.{app}" for app in FEATURE_APPS),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tanda.web.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "tanda.web.urls"
WSGI_APPLICATION = "tanda.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tanda.web.core.context.menu",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(config.database_url(), conn_max_age=60)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise serves from finders; an absent root only warns
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = HOME / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plans:list"
LOGOUT_REDIRECT_URL = "plans:list"

# After a file import, and as `tanda serve` starts (each feature app's `warmup.start()`), the web app
# computes the years' energy of every unit in the background, so that the next unit list or roll-up
# does not wait for it (the test settings turn this off).
TANDA_WARM_ENERGY = True

EMAIL_BACKEND = os.environ.get("TANDA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
