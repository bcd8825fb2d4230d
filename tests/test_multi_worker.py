"""Two task workers on one PostgreSQL: every task runs to completion exactly once, even when one
worker is killed (SIGKILL) in the middle of a task.

django-tasks-db claims a task with SELECT ... FOR UPDATE SKIP LOCKED, so two workers never take
the same one; but a killed worker's task stays RUNNING for ever. ``civictalent task_worker``
beats a heartbeat and ``tasks_requeue_stalled`` (a scheduled job) puts such a task back in the
queue; the task's effect is committed in one transaction, so the killed attempt left nothing.

PostgreSQL only (SQLite is one machine, one file): set TEST_POSTGRES_URL or a postgres
DATABASE_URL. Under CI=true the PostgreSQL pass of the suite must run it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from civictalent.core.housekeeping import TASK_WORKER_HEARTBEAT_PREFIX, tasks_requeue_stalled
from civictalent.core.models import AuditEvent, Heartbeat
from conftest import require
from tests.multi_worker_tasks import DONE, STARTED, slow_numbered_task

ROOT = Path(__file__).resolve().parent.parent
TASKS = 40
SECONDS_PER_TASK = 0.3
STALE_AFTER = timedelta(seconds=3)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)


def postgres_url_of_test_database() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}"
        f":{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@pytest.fixture
def start_worker() -> Iterator[Callable[[str], subprocess.Popen[bytes]]]:
    if connection.vendor != "postgresql":
        if os.environ.get("TEST_POSTGRES_URL"):
            pytest.skip("runs in the PostgreSQL pass of the suite (TEST_POSTGRES_URL)")
        require(
            False,
            "the multi-worker test needs PostgreSQL: set TEST_POSTGRES_URL, or run with "
            "DATABASE_URL=postgres://user:password@host:5432/name",
        )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.multi_worker_settings",
        "DATABASE_URL": postgres_url_of_test_database(),
        "PYTHONPATH": str(ROOT),
    }
    workers: list[subprocess.Popen[bytes]] = []

    def start(worker_id: str) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "civictalent.cli", "task_worker", "--no-reload"]
        command += ["--worker-id", worker_id, "--interval", "0.1", "--no-startup-delay"]
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)  # noqa: S603
        workers.append(process)
        return process

    yield start
    for process in workers:
        if process.poll() is None:
            process.terminate()
    for process in workers:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.django_db(transaction=True)
def test_no_task_runs_twice_and_none_is_lost_when_a_worker_is_killed(
    start_worker: Callable[[str], subprocess.Popen[bytes]],
) -> None:
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DB_TASKS):
        ids = [str(slow_numbered_task.enqueue(n, SECONDS_PER_TASK).id) for n in range(TASKS)]
    results = DBTaskResult.objects.filter(pk__in=ids)
    doomed = start_worker("doomed")
    start_worker("survivor")

    # Kill the first worker while it is inside a task (after it has finished a few).
    wait_for(
        lambda: (
            results.filter(status="SUCCESSFUL", worker_ids__contains=["doomed"]).count() >= 2
            and results.filter(status="RUNNING", worker_ids__contains=["doomed"]).exists()
        ),
        timeout=60,
        what="the first worker to be in the middle of a task",
    )
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait(timeout=10)
    stuck = results.get(status="RUNNING", worker_ids__contains=["doomed"])

    # The survivor finishes everything else; the killed worker's task stays RUNNING.
    wait_for(
        lambda: results.filter(status="SUCCESSFUL").count() == TASKS - 1,
        timeout=60,
        what="the surviving worker to finish the other tasks",
    )
    stuck.refresh_from_db()
    assert stuck.status == "RUNNING", "django-tasks-db should leave a killed worker's task"

    # Recovery only once the dead worker's heartbeat is older than STALE_AFTER.
    assert tasks_requeue_stalled(now=timezone.now(), stale_after=timedelta(hours=1)) == []
    wait_for(
        lambda: bool(tasks_requeue_stalled(now=timezone.now(), stale_after=STALE_AFTER)),
        timeout=30,
        what="the killed worker's task to be requeued",
    )
    wait_for(
        lambda: results.filter(status="SUCCESSFUL").count() == TASKS,
        timeout=30,
        what="the requeued task to run",
    )

    done = Counter(AuditEvent.objects.filter(action=DONE).values_list("target_id", flat=True))
    started = Counter(AuditEvent.objects.filter(action=STARTED).values_list("target_id", flat=True))
    stuck.refresh_from_db()
    number = str(stuck.args_kwargs["args"][0])
    assert done == Counter({str(n): 1 for n in range(TASKS)}), "a task ran twice or was lost"
    assert started[number] == 2, "the killed task had started before the kill"
    assert stuck.worker_ids == ["doomed", "survivor"]
    assert sorted(r.return_value for r in results) == list(range(TASKS))
    # The dead worker's heartbeat is cleared; the live one's is kept.
    names = set(Heartbeat.objects.values_list("name", flat=True))
    assert f"{TASK_WORKER_HEARTBEAT_PREFIX}doomed" not in names
    assert f"{TASK_WORKER_HEARTBEAT_PREFIX}survivor" in names


@pytest.mark.django_db
def test_only_tasks_of_silent_workers_are_requeued() -> None:
    from django_tasks_db.models import DBTaskResult

    from civictalent.core.scheduler import scheduled_jobs

    now = timezone.now()
    long_ago = now - timedelta(minutes=10)
    with override_settings(TASKS=DB_TASKS):
        ids = [str(slow_numbered_task.enqueue(n, 0).id) for n in range(4)]
    cases = {
        ids[0]: ("dead", long_ago),  # its worker stopped beating ten minutes ago
        ids[1]: ("alive", long_ago),  # a long task on a live worker
        ids[2]: ("dead", now),  # only just started: wait for the heartbeat to go stale
        ids[3]: ("never-beat", long_ago),  # a worker with no heartbeat at all
    }
    for pk, (worker, started_at) in cases.items():
        DBTaskResult.objects.filter(pk=pk).update(
            status="RUNNING", started_at=started_at, worker_ids=[worker]
        )
    Heartbeat.objects.create(name=f"{TASK_WORKER_HEARTBEAT_PREFIX}dead", beat_at=long_ago)
    Heartbeat.objects.create(name=f"{TASK_WORKER_HEARTBEAT_PREFIX}alive", beat_at=now)

    requeued = tasks_requeue_stalled(now=now, stale_after=timedelta(minutes=2))

    assert sorted(requeued) == sorted([ids[0], ids[3]])
    statuses = {str(pk): status for pk, status in DBTaskResult.objects.values_list("pk", "status")}
    assert [statuses[pk] for pk in ids] == ["READY", "RUNNING", "RUNNING", "READY"]
    assert not Heartbeat.objects.filter(name=f"{TASK_WORKER_HEARTBEAT_PREFIX}dead").exists()
    assert tasks_requeue_stalled(now=now, stale_after=timedelta(minutes=2)) == []
    assert "requeue-stalled-tasks" in {job.name for job in scheduled_jobs()}
