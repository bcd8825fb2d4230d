from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from civictalent.core.health import SCHEDULER, WORKER, heartbeat_record
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
