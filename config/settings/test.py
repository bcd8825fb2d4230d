"""Settings for the test suite: a real database, fast hashing, email kept in memory."""

from config.env import env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import BASE_DIR, DATABASES, database_from_url

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
ACCOUNT_RATE_LIMITS = False
# WhiteNoise looks for STATIC_ROOT at start-up; the built assets folder always exists in tests.
STATIC_ROOT = BASE_DIR / "static_build"
