"""Settings for the load test: the benchmark settings with the real database task queue, so the
task worker measured alongside gunicorn is the one production runs."""

from bench.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# As production: anonymous visitors get public pages from the shared cache for up to a minute.
PAGE_CACHE_SECONDS = 60
