"""Settings for the task workers that tests/test_multi_worker.py starts: the test settings, the
database queue, and a heartbeat every second so a killed worker is noticed quickly."""

from config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TASK_WORKER_HEARTBEAT_SECONDS = 1.0
