"""A digest run killed part way (SIGKILL: no clean-up at all) and then run again sends every alert
its digest exactly once: no duplicates, none missing.

`civictalent send-digests` runs as a real process against a real database file (SQLite) or the
PostgreSQL test database, and is killed once some batches are committed but not all. Each batch
of digests (AlertRun rows and their outbox emails) is one transaction, so the killed batch leaves
nothing, and the rerun skips the alerts whose digest is already written.
"""

from __future__ import annotations

import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from civictalent.alerts.digests import BATCH
from civictalent.alerts.models import AlertRun, AlertSubscription
from civictalent.core.backup import sqlite_copy
from civictalent.core.models import OutboundEmail
from civictalent.jobs.models import Vacancy, VacancyStatus
from civictalent.organisations.models import Organisation

ROOT = Path(__file__).resolve().parent.parent
ALERTS = 3 * BATCH  # three transactions' worth, so there is a "part way" to kill it at
SEARCHES = ["", "q=data", "q=analyst", "workplace=hybrid"]


def seed_alerts(count: int) -> list[str]:
    """Confirmed weekly alerts, each matching the vacancy on the board; returns their emails."""
    since = timezone.now() - timedelta(days=3)
    alerts = [
        AlertSubscription(
            email=f"reader{n}@example.org",
            query_string=SEARCHES[n % len(SEARCHES)],
            frequency="weekly",
            secret=secrets.token_urlsafe(32),
            verified_at=since,
            last_sent_at=since,
        )
        for n in range(count)
    ]
    AlertSubscription.objects.bulk_create(alerts, batch_size=500)
    return [alert.email for alert in alerts]


class Database:
    """The database the digest process uses: a SQLite file copied from the test database (and
    copied back afterwards), or the PostgreSQL test database itself."""

    def __init__(self, tmp_path: Path) -> None:
        self.file: Path | None = None
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            self.file = tmp_path / "civictalent.sqlite3"
            connection.ensure_connection()
            sqlite_copy(connection.connection, self.file)
            self.url = f"sqlite:///{self.file}"
        else:
            self.url = (
                f"postgres://{settings['USER']}:{settings['PASSWORD']}@"
                f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
            )

    def digests_written(self) -> int:
        if self.file is None:
            return AlertRun.objects.count()
        with sqlite3.connect(self.file, timeout=20) as reader:
            (count,) = reader.execute("SELECT count(*) FROM alerts_alertrun").fetchone()
        reader.close()
        return int(count)

    def bring_back(self) -> None:
        """Make what the processes wrote visible to this test's ORM."""
        if self.file is not None:
            written = sqlite3.connect(self.file)
            written.backup(connection.connection)
            written.close()


def send_digests(database: Database) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        # The test settings with the database task queue: emails wait in the outbox for a
        # worker, as in production.
        "DJANGO_SETTINGS_MODULE": "tests.multi_worker_settings",
        "DATABASE_URL": database.url,
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "civictalent.cli", "send-digests", "--frequency", "weekly"]
    return subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


@pytest.mark.django_db(transaction=True)
def test_a_digest_run_killed_part_way_then_rerun_sends_each_digest_exactly_once(
    tmp_path: Path, council_a: Organisation
) -> None:
    now = timezone.now()
    Vacancy.objects.create(
        organisation=council_a,
        title="Data analyst",
        summary="Help residents with better data.",
        status=VacancyStatus.PUBLISHED,
        annual_min_pence=40_000_00,
        annual_max_pence=45_000_00,
        published_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=14),
        working_pattern="full_time",
        contract="permanent",
        workplace="hybrid",
    )
    emails = seed_alerts(ALERTS)
    database = Database(tmp_path)

    first = send_digests(database)
    try:
        wait_for(
            lambda: database.digests_written() >= BATCH or first.poll() is not None,
            timeout=120,
            what="the first batch of digests to be committed",
        )
        assert first.poll() is None, "the run finished before it could be killed: add alerts"
        os.kill(first.pid, signal.SIGKILL)
    finally:
        if first.poll() is None:
            first.kill()
        first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL

    written_before_the_kill = database.digests_written()
    assert 0 < written_before_the_kill < ALERTS, "killed part way"
    assert written_before_the_kill % BATCH == 0, "only whole batches are committed"

    second = send_digests(database)
    out, _ = second.communicate(timeout=300)
    assert second.returncode == 0, out.decode()
    report = out.decode()
    assert f"sent {ALERTS - written_before_the_kill} emails" in report

    database.bring_back()
    runs = list(AlertRun.objects.values_list("subscription__email", "period", "email__to"))
    assert len({period for _email, period, _to in runs}) == 1, "one period"
    assert Counter(email for email, _period, _to in runs) == Counter(emails), (
        "each alert has exactly one digest run: none twice, none missing"
    )
    assert all(email == to for email, _period, to in runs), "each run has its own email"
    outbox = Counter(OutboundEmail.objects.values_list("to", flat=True))
    assert outbox == Counter(emails), "exactly one outbox email per alert"
    assert not OutboundEmail.objects.filter(idempotency_key__isnull=True).exists()
