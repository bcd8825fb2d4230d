from datetime import timedelta
from unittest.mock import ANY

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from civictalent.core.health import (
    SCHEDULER,
    STARTED,
    WORKER,
    health_report,
    heartbeat_record,
    started_record,
)
from civictalent.core.management.commands import scheduler as scheduler_command
from civictalent.core.models import Heartbeat, ScheduledRun
from civictalent.core.scheduler import scheduled_jobs_enqueue_due

pytestmark = pytest.mark.django_db(transaction=True)

MONITOR_TOKEN = "a-monitors-token-for-tests"


@pytest.fixture
def client() -> Client:
    """A monitor holding the configured token: it sees the whole report."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {MONITOR_TOKEN}")


@pytest.fixture(autouse=True)
def monitor_token(settings: object) -> None:
    settings.HEALTH_DETAIL_TOKEN = MONITOR_TOKEN  # type: ignore[attr-defined]


def test_each_job_is_enqueued_once_per_period_however_often_the_scheduler_looks() -> None:
    now = timezone.now()
    first = scheduled_jobs_enqueue_due(now=now)
    second = scheduled_jobs_enqueue_due(now=now + timedelta(seconds=1))
    assert "worker-heartbeat" in first
    assert "worker-heartbeat" not in second
    assert ScheduledRun.objects.filter(job="worker-heartbeat").count() == 1
    # The test settings run tasks immediately, so the heartbeat task has already run.
    assert Heartbeat.objects.filter(name=WORKER).exists()
    later = scheduled_jobs_enqueue_due(now=now + timedelta(minutes=2))
    assert "worker-heartbeat" in later


def test_scheduler_command_once_records_its_own_heartbeat() -> None:
    call_command("scheduler", "--once")
    assert Heartbeat.objects.filter(name=SCHEDULER).exists()
    assert Heartbeat.objects.filter(name=WORKER).exists()


def test_healthz_is_unhealthy_before_the_worker_has_ever_run(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"]["status"] == "ok"
    assert "no worker heartbeat" in body["checks"]["worker"]["detail"]


def test_healthz_is_healthy_with_a_recent_worker_heartbeat(client: Client) -> None:
    heartbeat_record(name=WORKER)
    heartbeat_record(name=SCHEDULER)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["worker"]["status"] == "ok"
    assert (
        body["checks"]["worker"]["queued_tasks"] is None
        or body["checks"]["worker"]["queued_tasks"] >= 0
    )
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_is_unhealthy_when_the_scheduler_has_stopped(client: Client) -> None:
    heartbeat_record(name=WORKER)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "no scheduler heartbeat" in response.json()["checks"]["scheduler"]["detail"]


@override_settings(WORKER_HEARTBEAT_MAX_AGE_SECONDS=60)
def test_healthz_reports_a_stale_worker(client: Client) -> None:
    heartbeat_record(name=SCHEDULER)
    heartbeat_record(name=WORKER, at=timezone.now() - timedelta(minutes=5))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "no worker heartbeat for" in response.json()["checks"]["worker"]["detail"]


@pytest.mark.parametrize("authorization", ["", "Bearer wrong-token", f"Basic {MONITOR_TOKEN}"])
def test_anyone_else_learns_only_ok_or_fail(authorization: str) -> None:
    heartbeat_record(name=WORKER)
    response = Client(HTTP_AUTHORIZATION=authorization).get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "fail",
        "checks": {
            "database": {"status": "ok"},
            "worker": {"status": "ok"},
            "scheduler": {"status": "fail"},
        },
    }


def test_a_platform_admin_sees_the_detail(people: dict[str, object]) -> None:
    heartbeat_record(name=WORKER)
    admin = Client()
    admin.force_login(people["platform_admin"])  # type: ignore[arg-type]
    worker = admin.get("/healthz").json()["checks"]["worker"]
    assert "queued_tasks" in worker and "age_seconds" in worker


@override_settings(WORKER_HEARTBEAT_MAX_AGE_SECONDS=180)
def test_healthz_says_starting_until_the_first_heartbeats_are_due_then_ok_or_fail(
    client: Client,
) -> None:
    start = timezone.now()
    started_record(at=start)
    healthy, report = health_report(now=start + timedelta(seconds=5))
    assert not healthy
    assert report["status"] == "starting"
    assert report["checks"]["worker"]["status"] == "starting"
    assert "due within 175 seconds" in report["checks"]["worker"]["detail"]
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "starting"
    assert Client().get("/healthz").json() == {
        "status": "starting",
        "checks": {
            "database": {"status": "ok"},
            "worker": {"status": "starting"},
            "scheduler": {"status": "starting"},
        },
    }

    # The heartbeats arrive in time: ok.
    heartbeat_record(name=WORKER, at=start + timedelta(seconds=3))
    heartbeat_record(name=SCHEDULER, at=start + timedelta(seconds=1))
    assert health_report(now=start + timedelta(seconds=5)) == (True, ANY)

    # They never came: once they are due, the check fails.
    Heartbeat.objects.filter(name__in=[WORKER, SCHEDULER]).delete()
    healthy, report = health_report(now=start + timedelta(seconds=181))
    assert (healthy, report["status"]) == (False, "fail")
    assert "no worker heartbeat yet" in report["checks"]["worker"]["detail"]


@override_settings(WORKER_HEARTBEAT_MAX_AGE_SECONDS=180)
def test_a_restart_after_a_long_stop_is_starting_not_failing() -> None:
    start = timezone.now()
    yesterday = start - timedelta(days=1)
    heartbeat_record(name=WORKER, at=yesterday)
    heartbeat_record(name=SCHEDULER, at=yesterday)
    assert health_report(now=start)[1]["status"] == "fail"
    started_record(at=start)
    assert health_report(now=start + timedelta(seconds=2))[1]["status"] == "starting"
    heartbeat_record(name=SCHEDULER, at=start + timedelta(seconds=2))
    report = health_report(now=start + timedelta(seconds=3))[1]
    assert report["status"] == "starting"
    assert report["checks"]["scheduler"]["status"] == "ok"
    report = health_report(now=start + timedelta(seconds=200))[1]
    assert report["status"] == "fail"
    assert "no worker heartbeat for" in report["checks"]["worker"]["detail"]


def test_a_long_running_scheduler_records_its_start(monkeypatch: pytest.MonkeyPatch) -> None:
    class StopLoopError(Exception):
        pass

    def sleep(seconds: float) -> None:
        raise StopLoopError

    monkeypatch.setattr(scheduler_command.time, "sleep", sleep)
    monkeypatch.setattr(scheduler_command.signal, "signal", lambda *args: None)
    with pytest.raises(StopLoopError):
        call_command("scheduler")
    assert Heartbeat.objects.filter(name=STARTED).exists()
    assert Heartbeat.objects.filter(name=SCHEDULER).exists()


def test_the_scheduler_run_from_cron_records_no_start() -> None:
    call_command("scheduler", "--once")
    assert not Heartbeat.objects.filter(name=STARTED).exists()
