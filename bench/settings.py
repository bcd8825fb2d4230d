"""Settings for benchmarks: like production (DEBUG off), on a file database of its own."""

from config.env import env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import VAR_DIR, database_from_url

SECRET_KEY = "bench-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.urls"
DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'bench' / 'bench.sqlite3'}"
    )
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = VAR_DIR / "staticfiles"
# Page benchmarks time the render itself; the load test switches the anonymous page cache on.
PAGE_CACHE_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
