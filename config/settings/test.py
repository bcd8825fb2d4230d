"""Settings for the test suite: a real database, fast hashing, email kept in memory."""

import tempfile
from pathlib import Path

from config.env import env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, INSTALLED_APPS, database_from_url

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
DEMO_MODE = True
REQUIRE_ADMIN_MFA = True
ALLOWED_HOSTS = ["*"]

if not env_str("DATABASE_URL"):
    DATABASES = {"default": database_from_url("sqlite://:memory:")}
DATABASES["default"]["TEST"] = {"NAME": None}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Sign-in, sign-up and reset limits stay on (base.ACCOUNT_RATE_LIMITS): the in-memory cache counts
# them, and the autouse empty_cache fixture starts every test with none used.
# WhiteNoise warns at start-up when STATIC_ROOT is missing; tests serve from the finders.
STATIC_ROOT = Path(tempfile.gettempdir()) / "civictalent-test-static"
STATIC_ROOT.mkdir(exist_ok=True)
# pytest-django's live server serves static files (for browser tests) only when INSTALLED_APPS
# names "django.contrib.staticfiles" itself; base names its subclass, which only changes what
# collectstatic leaves out (core/staticfiles.py).
INSTALLED_APPS = [
    "django.contrib.staticfiles" if app == "civictalent.core.staticfiles.StaticFilesConfig" else app
    for app in INSTALLED_APPS
]
# Cached pages would outlive each test's rolled-back data; tests of the cache switch it on.
PAGE_CACHE_SECONDS = 0
JOBS_FEED_ALLOW_LOOPBACK = True  # feed tests fetch from a real server on 127.0.0.1
